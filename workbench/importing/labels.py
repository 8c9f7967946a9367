"""Paragraph labels and section numbers as negotiators write them: recognising and matching them."""

from __future__ import annotations

import re
from typing import NamedTuple

# "39", "39.", "43bis", "43 bis", "New43bis", "New 56bis", "57 new(b)", "12ter", "7 alt":
# a paragraph label always has a number; "a)" or "New c)" alone are sub-items, not labels.
_SUFFIX = r"(?:bis|ter|quater|quinquies|sexies|septies|octies|alt|new)"
_LABEL_RE = re.compile(
    rf"^(?:new\s*)?\d{{1,4}}[a-z]?(?:\s*{_SUFFIX})*(?:\s*\(?[a-z]\))?(?:\s*{_SUFFIX})*\.?$",
    re.IGNORECASE,
)
# "39. We reaffirm ...": a plain number and its dot opening the same line as the text.
_INLINE_LABEL_RE = re.compile(r"^(\d{1,4}(?:\s?(?:bis|ter|quater))?)\.\s+(\S.*)$", re.IGNORECASE)
# Section numbers: "1.", "3a)", "3b)", "3.1", "IV.", "B." (a number alone or opening a title).
_SECTION_NUMBER_RE = re.compile(
    r"^(?P<number>(?:\d{1,3}(?:\.\d{1,3})*[a-z]?[.)]?|\d{1,3}[a-z][.)]?|[IVXLC]{1,6}\.|[A-Z][.)]))"
    r"(?:\s+(?P<title>\S.*))?$"
)
_SENTENCE_END = (".", ";", ":", ",")
MAX_TITLE_WORDS = 15


class SplitLabel(NamedTuple):
    label: str
    rest: str


class SectionHeading(NamedTuple):
    number: str
    title: str


def is_label(line: str) -> bool:
    """Whether a line on its own is a paragraph label ("39.", "New 56bis", "57 new(b)")."""
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= 24 and bool(_LABEL_RE.match(stripped))


def clean_label(line: str) -> str:
    """The label as written, less surrounding space and the trailing dot ("39." -> "39")."""
    return line.strip().rstrip(".").strip()


def normalise_label(label: str) -> str:
    """The key two spellings of one label share: "43 bis." and "43bis" match, case aside."""
    return re.sub(r"\s+", "", label).rstrip(".").casefold()


def split_first_line_label(text: str, *, inline: bool = False) -> SplitLabel | None:
    """A label standing alone on the first line of `text` (or, with `inline`, opening it)."""
    first, _, rest = text.partition("\n")
    if is_label(first):
        return SplitLabel(clean_label(first), rest.lstrip("\n"))
    if inline:
        match = _INLINE_LABEL_RE.match(first.strip())
        if match:
            remainder = match.group(2) + ("\n" + rest if rest else "")
            return SplitLabel(match.group(1), remainder)
    return None


def section_heading(text: str) -> SectionHeading | None:
    """A short numbered title ("1.\\nIntroduction", "3a) Infrastructure ..."), else None.

    A title is short and does not end like a sentence, which tells "2. Stakeholders" from a
    paragraph "47. We seek to ensure balanced access ... basis." whose other cells are empty.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if not lines or len(lines) > 2:
        return None
    joined = " ".join(lines)
    match = _SECTION_NUMBER_RE.match(joined)
    if not match or not match.group("title"):
        return None
    title = match.group("title").strip()
    if not is_title(title):
        return None
    return SectionHeading(match.group("number"), title)


def is_title(text: str) -> bool:
    """Short, one line, and not ending like a sentence."""
    stripped = text.strip()
    return (
        bool(stripped)
        and "\n" not in stripped
        and len(stripped.split()) <= MAX_TITLE_WORDS
        and not stripped.endswith(_SENTENCE_END)
        and any(ch.isalpha() for ch in stripped)
    )


def section_key(number: str) -> str:
    """The comparable form of a section number: "3a)" -> "3a", "3." -> "3"."""
    return number.strip().rstrip(".)").casefold()


def parent_section_key(number: str) -> str | None:
    """The number of the section this one sits under: "3a)" -> "3", "3.1" -> "3", "3." -> None."""
    key = section_key(number)
    if "." in key:
        return key.rsplit(".", 1)[0]
    match = re.match(r"^(\d+)[a-z]$", key)
    return match.group(1) if match else None
