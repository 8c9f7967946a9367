"""Counts and lists in messages read as a person would write them."""

from __future__ import annotations

from workbench.wording import counted, name_list, quoted


def test_counts_agree_with_their_noun_and_group_thousands() -> None:
    assert counted(1, "paragraph") == "1 paragraph"
    assert counted(0, "paragraph") == "0 paragraphs"
    assert counted(2, "entry", "entries") == "2 entries"
    assert counted(1500, "row") == "1,500 rows"


def test_names_are_set_apart_by_semicolons_when_a_name_holds_commas() -> None:
    assert name_list(["Chair", "GC"]) == "Chair, GC"
    assert name_list(["Commission", "Jens Rohde, Adina-Ioana Vălean", "Jan Mulder"]) == (
        "Commission; Jens Rohde, Adina-Ioana Vălean; Jan Mulder"
    )


def test_a_long_list_shows_its_first_names_and_how_many_in_all() -> None:
    names = [f"Delegation {n}" for n in range(1, 16)]
    shown = name_list(names, limit=3)
    assert shown == "Delegation 1, Delegation 2, Delegation 3 … (15 in all)"
    assert name_list(names[:3], limit=3) == "Delegation 1, Delegation 2, Delegation 3"


def test_arabic_is_quoted_in_an_isolate_latin_as_it_is() -> None:
    """In "replace “…” with “…”" an Arabic quote is laid out on its own: without the isolate
    the bidi algorithm pulls the quote marks and the words around into its right-to-left run."""
    assert quoted("and affordability") == "“and affordability”"
    assert quoted("المساواة") == "“\u2068المساواة\u2069”"
    assert quoted("互联网治理") == "“互联网治理”"  # left to right: nothing to isolate
