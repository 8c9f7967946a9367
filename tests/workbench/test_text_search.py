"""Finding words: casefolded in every script, offsets as written, counted per paragraph."""

from __future__ import annotations

from pathlib import Path

from workbench import editing, text_search
from workbench.model import Role, StakeholderKind
from workbench.storage import NewVariant, WorkbenchFile
from workbench.text_search import Match, count, find, search_texts

ARABIC = "تعزيز المساواة بين الجنسين في حوكمة الإنترنت"
CHINESE = "加强互联网治理论坛的作用，互联网治理需要多方参与"
FRENCH = "Les ÉTATS membres et les États observateurs"


def shown(text: str, matches: list[Match]) -> list[str]:
    return [text[m.start : m.end] for m in matches]


def test_case_is_folded_in_every_script() -> None:
    assert shown(FRENCH, find(FRENCH, "états")) == ["ÉTATS", "États"]
    assert shown("Гендерное РАВЕНСТВО", find("Гендерное РАВЕНСТВО", "равенство")) == ["РАВЕНСТВО"]
    assert find(ARABIC, "المساواة") == [Match(6, 14)]
    assert shown(CHINESE, find(CHINESE, "互联网治理")) == ["互联网治理", "互联网治理"]


def test_offsets_stay_the_texts_own_where_folding_changes_lengths() -> None:
    text = "Die Straße der Großen STRASSE"
    assert shown(text, find(text, "strasse")) == ["Straße", "STRASSE"]
    assert shown(text, find(text, "GROSSEN")) == ["Großen"]


def test_matches_never_overlap_and_a_blank_query_finds_nothing() -> None:
    assert find("aaaa", "aa") == [Match(0, 2), Match(2, 4)]
    assert find("some text", "   ") == []
    assert find("", "x") == []


def test_counting_gives_as_many_as_finding_marks() -> None:
    """The tree's counts (`count`) and the panes' marks (`find`) never disagree."""
    cases = [
        (FRENCH, "états"),
        (ARABIC, "ال"),
        (CHINESE, "互联网"),
        ("Die Straße der Großen STRASSE", "strasse"),
        ("aaaa", "aa"),
        ("ΣΊΣΥΦΟΣ σίσυφος", "σίσυφοσ"),
        ("some text", "   "),
        ("", "x"),
    ]
    for text, query in cases:
        assert count(text, query) == len(find(text, query)), (text, query)


def test_counts_per_paragraph_in_the_compromise_and_the_variants() -> None:
    result = search_texts(
        [3, 1, 2],
        {1: "the Internet", 2: "nothing here", 3: "internet, INTERNET"},
        {1: ["the Internet", "an internet of things"], 2: ["no"], 3: []},
        "internet",
    )
    assert [(h.paragraph_id, h.in_compromise, h.in_variants) for h in result.paragraphs] == [
        (3, 2, 0),
        (1, 1, 2),
    ]
    assert result.total == 5
    assert result.summary() == "5 matches in 2 paragraphs"
    assert result.paragraphs[1].context == "the Internet"
    one = search_texts([1], {1: "a word"}, {}, "word")
    assert one.summary() == "1 match in 1 paragraph"
    assert search_texts([1], {1: "a"}, {}, "zebra").summary() == "No match for “zebra”"


def test_context_shows_the_words_around_the_first_match() -> None:
    text = (
        "Recognizing the importance of capacity-building for developing countries, and "
        "stressing the role of the Internet in development and in the transfer of technology"
    )
    context = text_search.context(text, find(text, "internet")[0])
    assert "the Internet in development" in context
    assert context.startswith("…")
    assert context.endswith("…")


def test_a_file_is_searched_in_its_variants_and_its_typed_compromises(tmp_path: Path) -> None:
    with WorkbenchFile.create(tmp_path / "talks.nwb") as wb:
        with wb.transaction():
            chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
            gc = wb.add_stakeholder("GC", StakeholderKind.CIVIL_SOCIETY)
            first, second, third = wb.add_paragraphs([("1", None), ("2", None), ("3", None)])
            wb.add_variants(
                [
                    NewVariant(first.id, chair.id, Role.DRAFT, ARABIC),
                    NewVariant(second.id, chair.id, Role.DRAFT, CHINESE),
                    NewVariant(second.id, gc.id, Role.PROPOSAL, CHINESE + "，包括妇女"),
                    NewVariant(third.id, chair.id, Role.DRAFT, "Nothing to find."),
                ]
            )
        # A compromise typed by hand is in no index: it is found all the same.
        editing.type_text(wb, third.id, "Nothing to find, but gender equality.", "Ana")
        assert [h.paragraph_id for h in text_search.search(wb, "GENDER").paragraphs] == [third.id]
        chinese = text_search.search(wb, "治理")
        # The compromise (the draft as it starts) and both variants: 2 each.
        assert [(h.in_compromise, h.in_variants) for h in chinese.paragraphs] == [(2, 4)]
        assert chinese.summary() == "6 matches in 1 paragraph"
        arabic = text_search.search(wb, "المساواة")
        assert [h.paragraph_id for h in arabic.paragraphs] == [first.id]
        assert text_search.search(wb, "  ").paragraphs == ()
