"""Who wrote what, from a hand-built log."""

from __future__ import annotations

import pytest
from engine_samples import edit_record as _edit

from workbench.model import Edit, EditKind
from workbench.provenance import document_shares, shares, spans

NAMES = {1: "Chair", 2: "Gender Caucus"}


def _log() -> list[Edit]:
    return [
        _edit(1, EditKind.INITIAL, "helps up implement", stakeholder_id=1),
        _edit(
            2,
            EditKind.ACCEPT,
            "helps us implement",
            start=6,
            end=8,
            inserted="us",
            stakeholder_id=2,
        ),
        _edit(3, EditKind.TYPED, "helps us fully implement", start=8, end=8, inserted=" fully"),
    ]


def test_each_word_has_its_owner() -> None:
    owned = spans(_log())

    assert [(s.text, s.stakeholder_id, s.author) for s in owned] == [
        ("helps ", 1, "ana"),
        ("us", 2, "ana"),
        (" fully", None, "ana"),
        (" implement", 1, "ana"),
    ]
    assert owned[0].start == 0
    assert owned[-1].end == len("helps us fully implement")
    assert shares(owned, NAMES) == pytest.approx(
        {"Chair": 50.0, "Gender Caucus": 25.0, "typed by ana": 25.0}
    )


def test_undo_gives_back_the_earlier_owners() -> None:
    log = [*_log(), _edit(4, EditKind.UNDO, "helps us implement", target=103)]
    log.append(_edit(5, EditKind.UNDO, "helps up implement", target=102))

    assert [(s.text, s.stakeholder_id) for s in spans(log)] == [("helps up implement", 1)]

    log.append(_edit(6, EditKind.REDO, "helps us implement", target=102))
    assert [s.text for s in spans(log)] == ["helps ", "us", " implement"]


def test_an_accept_as_one_splice_keeps_untouched_words_with_their_owner() -> None:
    log = [
        _edit(1, EditKind.INITIAL, "a b c d", stakeholder_id=1),
        _edit(2, EditKind.ACCEPT, "A b c D", start=0, end=7, inserted="A b c D", stakeholder_id=2),
    ]

    assert [(s.text, s.stakeholder_id) for s in spans(log)] == [
        ("A", 2),
        (" b c ", 1),
        ("D", 2),
    ]


def test_empty_text_has_no_shares() -> None:
    assert spans([]) == []
    assert shares([], NAMES) == {}


def test_document_shares_count_words_across_paragraphs() -> None:
    first = spans(_log())
    second = spans([_edit(1, EditKind.INITIAL, "two more words here", stakeholder_id=2)])

    total = document_shares([first, second], NAMES)

    assert total == pytest.approx({"Gender Caucus": 62.5, "Chair": 25.0, "typed by ana": 12.5})
    assert sum(total.values()) == pytest.approx(100)
