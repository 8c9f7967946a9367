"""Counts in messages: "1 paragraph", "2 paragraphs", never "1 paragraphs"."""

from __future__ import annotations


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """ "3 paragraphs"; `plural` for nouns that do not just take an "s" ("1 entry", "2 entries")."""
    noun = singular if count == 1 else (plural if plural is not None else singular + "s")
    return f"{count} {noun}"
