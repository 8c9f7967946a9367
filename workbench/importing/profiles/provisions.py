"""Provision labels as they are written in amendment and comparison tables.

"Recital 34", "Article 4(1)(a)", "Art. 4 (1)", "17(1)(a)", "(2)", "b)", "1.", "PP3", "OP5alt",
"43bis", "New 56bis": found where a cell begins, and qualified by the provision named above
the table ("Art. 26 Processor" makes a row "1." into "Art. 26(1)", and its "(a)" into
"Art. 26(1)(a)").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from workbench.importing.labels import normalise_label

_SUFFIX = r"(?:\s?(?:bis|ter|quater|quinquies|sexies|alt|new))*"
_POINTS = r"(?:\s?\(\s?[0-9]{1,3}[a-z]?\s?\)|\s?\(\s?[a-z]{1,4}\s?\)|\s?[a-z]\))*"
_PROVISION = re.compile(
    rf"^(?P<label>(?:new\s+)?(?:(?:article|art\.?|artículo|artikel)\s*\d{{1,3}}[a-z]?{_SUFFIX}"
    rf"(?:\s*(?:–|-|—)\s*(?:paragraph|point|subparagraph|indent)\s+\S+)*{_POINTS}"
    rf"|(?:recital|considérant|considerando|erwägungsgrund)\s*\d{{1,3}}[a-z]?{_SUFFIX}"
    rf"|annex\s+[IVX\d]+{_POINTS}"
    rf"|\d{{1,3}}[a-z]?{_SUFFIX}\s?\(\s?[0-9a-z]{{1,3}}\s?\){_POINTS}"
    rf"|(?:PP|OP)\s?\d{{1,3}}[a-z]?{_SUFFIX}"
    rf"|new\s*\d{{1,3}}[a-z]?{_SUFFIX}))"
    r"(?=$|[\s:.,;–—-])",
    re.IGNORECASE,
)
_PLAIN_NUMBER = re.compile(rf"^(?P<number>\d{{1,3}}[a-z]?{_SUFFIX})\.(?=\s|$|[A-Z])")
_PAREN_NUMBER = re.compile(r"^\((?P<number>\d{1,3}[a-z]?)\)(?=\s|$)")
# "43bis" alone, or a bare number on a line of its own ("12\nText"): a label too.
_BARE_NUMBER = re.compile(
    r"^(?P<number>\d{1,3}\s?(?:bis|ter|quater)|\d{1,3}[a-z]?(?=\n|$))(?=\s|$)"
)
_POINT = re.compile(r"^\(?(?P<point>[a-z]{1,4})\)(?=\s|$)")
_SPACES = re.compile(r"\s+")


class Found(NamedTuple):
    label: str  # as written, spaces normalised: "Art. 4 (1)", "Recital 23", "1", "(a)"
    kind: str  # "provision" (stands alone), "number" ("1."), "point" ("(a)", "b)")
    length: int  # characters it takes at the start of the text


def find(text: str) -> Found | None:
    """The label a cell's text begins with, if any."""
    line = text.lstrip()
    offset = len(text) - len(line)
    match = _PROVISION.match(line)
    if match:
        label = _SPACES.sub(" ", match.group("label")).strip()
        return Found(label, "provision", offset + match.end())
    for pattern, kind in (
        (_PLAIN_NUMBER, "number"),
        (_PAREN_NUMBER, "number"),
        (_BARE_NUMBER, "number"),
    ):
        match = pattern.match(line)
        if match:
            return Found(match.group("number"), kind, offset + match.end())
    match = _POINT.match(line)
    if match and (match.group(0).startswith("(") or len(match.group("point")) == 1):
        return Found(f"({match.group('point')})", "point", offset + match.end())
    return None


def caption_provision(text: str) -> str | None:
    """The provision a caption names first: "Art. 26 Processor" -> "Art. 26"."""
    found = find(text)
    return found.label if found is not None and found.kind == "provision" else None


def qualified(base: str | None, number: str | None, found: Found) -> tuple[str, str | None]:
    """The row's label, and the number later points hang from.

    A provision stands alone; "1." under "Art. 26" is "Art. 26(1)"; "(a)" under it is
    "Art. 26(1)(a)"; with nothing above, "1." is "1" and "(a)" is "(a)".
    """
    if found.kind == "provision":
        return found.label, None
    if found.kind == "number":
        label = f"{base}({found.label})" if base else found.label
        return label, found.label
    parent = f"{base}({number})" if base and number else (base or (number or ""))
    return (f"{parent}{found.label}" if parent else found.label), number


def key(label: str) -> str:
    """The comparable form: "Art. 4 (1)" and "art.4(1)" match."""
    return normalise_label(label)
