"""Stakeholder names an import is about to create, against those the file already has.

A re-import that names "Gender Caucus" where the file says "GC" (or "Gender caucus") would
double every pending change under a second stakeholder: such a name is a near-duplicate, and
the import says so before writing (the dialog suggests the existing name instead).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

_WORD = re.compile(r"[\w']+", re.UNICODE)
_SIMILAR = 0.85
_MINOR = frozenset({"of", "the", "and", "for", "de", "la", "le", "des", "du", "y", "et"})


def _initials(name: str) -> str:
    words = [w for w in _WORD.findall(name) if w.casefold() not in _MINOR]
    return "".join(w[0] for w in words).casefold() if len(words) > 1 else ""


def _flat(name: str) -> str:
    return " ".join(_WORD.findall(name)).casefold()


def near_duplicates(name: str, existing: Iterable[str]) -> list[str]:
    """The existing names `name` is probably meant to be, but is not exactly.

    The same words in another case or spelling ("Gender caucus"), an acronym of the other
    ("GC" for "Gender Caucus", and the other way round), or a close spelling ("Gender Cacus").
    """
    wanted = name.strip()
    if not wanted:
        return []
    flat = _flat(wanted)
    initials = _initials(wanted)
    found = []
    for other in existing:
        if other.casefold() == wanted.casefold():
            return []  # the name exists (names match whatever their case): nothing is created
        other_flat = _flat(other)
        if (
            other_flat == flat
            or (initials and initials == other_flat.replace(" ", ""))
            or (_initials(other) and _initials(other) == flat.replace(" ", ""))
            or difflib.SequenceMatcher(None, flat, other_flat).ratio() >= _SIMILAR
        ):
            found.append(other)
    return found


def near_duplicate_warnings(names: Iterable[str], existing: Iterable[str]) -> list[str]:
    """One line per new name that looks like one the file has."""
    known = list(existing)
    lines = []
    for name in names:
        similar = near_duplicates(name, known)
        if similar:
            others = ", ".join(f"“{other}”" for other in similar)
            lines.append(
                f"stakeholder “{name}” is new but looks like {others} in the file: its texts "
                "would stand apart from theirs (name it as in the file to add to theirs)"
            )
    return lines
