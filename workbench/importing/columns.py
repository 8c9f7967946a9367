"""Which column of a negotiation table holds what: guessed from headers and content, overridable."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from workbench.errors import WorkbenchError
from workbench.importing.cleantext import CellText
from workbench.importing.labels import is_label, section_heading
from workbench.model import StakeholderKind

CHAIR = "Chair"
_MAX_HEADER_WORDS = 8
_LABEL_SHARE = 0.6


class ColumnRole(StrEnum):
    LABEL = "label"
    DRAFT = "draft"
    PROPOSAL = "proposal"
    COMPROMISE = "compromise"
    NOTE = "note"  # a justification or comment: the note of the proposal in its row
    IGNORE = "ignore"


@dataclass(frozen=True)
class ColumnGuess:
    index: int  # 0-based, in grid columns
    role: ColumnRole
    stakeholder: str  # "" for label and ignored columns
    header: str  # the header cell's text, "" without a header row


@dataclass(frozen=True)
class ColumnOverride:
    role: ColumnRole
    stakeholder: str | None = None  # None: keep the guessed name (or the role's default)


@dataclass(frozen=True)
class ColumnLayout:
    has_header: bool
    columns: tuple[ColumnGuess, ...]

    def by_role(self, role: ColumnRole) -> list[ColumnGuess]:
        return [column for column in self.columns if column.role is role]


_KEYWORDS: tuple[tuple[ColumnRole, re.Pattern[str]], ...] = (
    (ColumnRole.COMPROMISE, re.compile(r"\b(compromise|agreed|consolidated)\b", re.I)),
    (ColumnRole.PROPOSAL, re.compile(r"\b(propos\w*|amend\w*|suggest\w*)\b", re.I)),
    (ColumnRole.DRAFT, re.compile(r"\b(draft|original|chair\w*)\b", re.I)),
    (ColumnRole.LABEL, re.compile(r"^(para\w*|no\.?|#|label|number|nr\.?|§)$", re.I)),
    # "Status" (open, agreed ...) is not anybody's text: our own table export writes one.
    (ColumnRole.IGNORE, re.compile(r"\b(comments?|notes?|rationale|explanation|status)\b", re.I)),
)
_NOISE_WORDS = re.compile(
    r"\b(propos\w*|amend\w*|suggest\w*|text|compromise|agreed|consolidated|draft|original|"
    r"version|by|of|from|the|for|column)\b|'s\b|’s\b",
    re.I,
)


def stakeholder_kind(name: str) -> StakeholderKind:
    """Chair -> chair; a caucus, GC or civil society -> civil society; else a government."""
    lowered = name.casefold()
    if lowered in {"chair", "chairman", "chairperson", "president", "facilitator"}:
        return StakeholderKind.CHAIR
    if "caucus" in lowered or lowered == "gc" or "civil society" in lowered:
        return StakeholderKind.CIVIL_SOCIETY
    if "private sector" in lowered or "business" in lowered:
        return StakeholderKind.PRIVATE_SECTOR
    return StakeholderKind.GOVERNMENT


def header_role(header: str) -> ColumnRole | None:
    for role, pattern in _KEYWORDS:
        if pattern.search(header.strip()):
            return role
    return None


def stakeholder_from_header(header: str) -> str:
    """ "GC Proposed Text" -> "GC"; "Compromise text" -> ""."""
    name = _NOISE_WORDS.sub(" ", header)
    return " ".join(name.replace(":", " ").split()).strip(" -–—,;()")


def is_header_row(texts: Sequence[str]) -> bool:
    """A first row of short cells, one of them naming a role ("GC Proposed Text")."""
    filled = [text for text in texts if text.strip()]
    if not filled:
        return False
    short = all(len(text.split()) <= _MAX_HEADER_WORDS or section_heading(text) for text in filled)
    return short and any(
        header_role(text) is not None for text in filled if len(text.split()) <= _MAX_HEADER_WORDS
    )


def guess_layout(
    header_texts: Sequence[str] | None, body: Sequence[Sequence[CellText | None]]
) -> ColumnLayout:
    """Roles for every column from its header (if any) and the cells below it."""
    count = max([len(header_texts or ())] + [len(row) for row in body] or [0])
    headers = [
        (header_texts[i] if header_texts is not None and i < len(header_texts) else "")
        for i in range(count)
    ]
    guesses: list[ColumnGuess] = []
    has_draft = False
    for index in range(count):
        texts = [cell.text for row in body if index < len(row) and (cell := row[index]) is not None]
        filled = [text for text in texts if text.strip()]
        header = headers[index].strip()
        # "1. Introduction" atop a column heads the text; it names no role or stakeholder.
        naming = "" if section_heading(header) else header
        role = header_role(naming)
        name = stakeholder_from_header(naming)
        if role is None and filled and _share(filled, is_label) >= _LABEL_SHARE:
            role = ColumnRole.LABEL
        if role is None:
            if not filled:
                role = ColumnRole.IGNORE
            elif not has_draft:
                role = ColumnRole.DRAFT
            else:
                role = ColumnRole.PROPOSAL
                name = name or f"Column {index + 1}"
        if role is ColumnRole.DRAFT:
            has_draft = True
        guesses.append(ColumnGuess(index, role, _default_name(role, name, index), header))
    return ColumnLayout(header_texts is not None, tuple(guesses))


def _share(texts: Sequence[str], predicate: object) -> float:
    assert callable(predicate)
    return sum(1 for text in texts if predicate(text)) / len(texts)


def _default_name(role: ColumnRole, name: str, index: int) -> str:
    if role in (ColumnRole.LABEL, ColumnRole.IGNORE, ColumnRole.NOTE):
        return ""
    if name:
        return name
    if role in (ColumnRole.DRAFT, ColumnRole.COMPROMISE):
        return CHAIR
    return f"Column {index + 1}"


def apply_overrides(layout: ColumnLayout, overrides: Mapping[int, ColumnOverride]) -> ColumnLayout:
    """The layout with the user's choices in place of the guesses (0-based column indexes)."""
    columns = list(layout.columns)
    for index, override in overrides.items():
        if not 0 <= index < len(columns):
            raise WorkbenchError(
                None, f"column {index + 1} does not exist (the table has {len(columns)} columns)"
            )
        guess = columns[index]
        name = override.stakeholder
        if name is None:
            name = guess.stakeholder if guess.stakeholder else ""
        columns[index] = replace(
            guess, role=override.role, stakeholder=_default_name(override.role, name, index)
        )
    return replace(layout, columns=tuple(columns))


def parse_column_override(text: str) -> tuple[int, ColumnOverride]:
    """ "2=proposal:USA" -> (1, ColumnOverride(PROPOSAL, "USA")); columns count from 1."""
    match = re.match(r"^\s*(\d+)\s*=\s*([a-z]+)\s*(?::\s*(.+?))?\s*$", text, re.I)
    roles = ", ".join(role.value for role in ColumnRole)
    if not match or int(match.group(1)) < 1:
        raise WorkbenchError(
            None, f"--column {text!r}: write N=ROLE or N=ROLE:NAME (roles: {roles})"
        )
    try:
        role = ColumnRole(match.group(2).lower())
    except ValueError:
        raise WorkbenchError(
            None, f"--column {text!r}: unknown role {match.group(2)!r} (roles: {roles})"
        ) from None
    return int(match.group(1)) - 1, ColumnOverride(role, match.group(3))
