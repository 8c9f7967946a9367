"""Counts and lists in messages: "1 paragraph", "2 paragraphs", never "1 paragraphs"."""

from __future__ import annotations

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
