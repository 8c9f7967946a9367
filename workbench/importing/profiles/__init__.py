"""Layout profiles behind one seam: each scores the document, the best one reads it.

`choose` scores every profile (or takes the one the user named) and says how the others
scored, so the import can show why it read the file as it did.
"""

from __future__ import annotations

from workbench.errors import WorkbenchError
from workbench.importing.blocks import SourceDocument
from workbench.importing.profiles.amendments import AmendmentsProfile
from workbench.importing.profiles.base import Profile, Reading, ReadOptions
from workbench.importing.profiles.body_text import BodyTextProfile
from workbench.importing.profiles.comparison import ComparisonProfile
from workbench.importing.profiles.compilation import CompilationProfile
from workbench.importing.profiles.stacked_table import StackedTableProfile
from workbench.importing.profiles.statement import StatementProfile
from workbench.importing.profiles.un_table import UnTableProfile

__all__ = ["PROFILES", "Profile", "ReadOptions", "Reading", "choose", "profile_named"]

# In order of preference when two score alike.
PROFILES: tuple[Profile, ...] = (
    UnTableProfile(),
    StackedTableProfile(),
    AmendmentsProfile(),
    ComparisonProfile(),
    CompilationProfile(),
    BodyTextProfile(),
    StatementProfile(),
)
NO_STRUCTURE = 0.15  # below this nothing in the document reads as negotiation text


def profile_named(name: str) -> Profile:
    for profile in PROFILES:
        if profile.name == name.strip().casefold():
            return profile
    names = ", ".join(p.name for p in PROFILES)
    raise WorkbenchError(None, f"--profile {name!r}: unknown layout (layouts: {names})")


def choose(
    source: SourceDocument, name: str | None = None
) -> tuple[Profile, list[tuple[str, float]]]:
    """The profile to read `source` with, and every profile's score (best first)."""
    scores = sorted(
        ((profile, profile.score(source)) for profile in PROFILES),
        key=lambda item: -item[1],
    )
    listed = [(profile.name, score) for profile, score in scores]
    if name is not None:
        return profile_named(name), listed
    best, score = scores[0]
    if score < NO_STRUCTURE:
        raise WorkbenchError(
            source.path,
            "has no negotiation table or numbered paragraphs (no negotiation structure found); "
            "nothing imported",
        )
    return best, listed
