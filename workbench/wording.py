"""Counts, lists and quotes in messages: "1 paragraph", "2 paragraphs", never "1 paragraphs";
words of the text quoted so that Arabic stays in its place in an English line."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

# Names a one-line list shows before it says how many there are in all.
LISTED_NAMES = 12


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """ "3 paragraphs", "1,500 rows"; `plural` for nouns that do not just take an "s" ("1 entry",
    "2 entries")."""
    noun = singular if count == 1 else (plural if plural is not None else singular + "s")
    return f"{count:,} {noun}"


def name_list(names: Sequence[str], limit: int = LISTED_NAMES) -> str:
    """Names on one line: "Chair, GC"; with a semicolon between names that hold commas
    themselves (a group of tabling members); the first `limit` and how many in all."""
    separator = "; " if any("," in name for name in names) else ", "
    shown = separator.join(names[:limit])
    return shown if len(names) <= limit else f"{shown} … ({len(names)} in all)"


# First strong isolate ... pop directional isolate: the quoted words are laid out on their own,
# so a right-to-left quote neither takes the quote marks with it nor reorders the line around.
_ISOLATE, _END_ISOLATE = "\u2068", "\u2069"


def quoted(text: str) -> str:
    """“text”; right-to-left text (Arabic, Hebrew) isolated inside its quote marks."""
    if any(unicodedata.bidirectional(c) in ("R", "AL") for c in text):
        return f"“{_ISOLATE}{text}{_END_ISOLATE}”"
    return f"“{text}”"
