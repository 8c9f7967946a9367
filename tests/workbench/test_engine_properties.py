"""Hypothesis properties of the diff and merge engine: Latin, Chinese, Arabic and mixed texts."""

from __future__ import annotations

import pytest
from engine_samples import edit_record
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.base_trace import traced_alignment
from workbench.changes import proposal_changes
from workbench.diff import apply_hunks, diff_ops, word_diff
from workbench.history import replay
from workbench.model import ChangeState, Edit, EditKind
from workbench.provenance import shares, spans
from workbench.three_way import BaseMap

WORDS = {
    "english": ["the", "Internet", "governance", "shall", "ensure", "access", "for", "all", "and"],
    "french": ["la", "gouvernance", "d’Internet", "doit", "garantir", "l’accès", "à", "tous"],
    "chinese": ["互联网", "治理", "应", "确保", "所有人", "的", "访问", "和", "发展"],
    "arabic": ["إدارة", "الإنترنت", "يجب", "أن", "تضمن", "الوصول", "للجميع", "و", "التنمية"],
    "russian": ["управление", "интернетом", "должно", "обеспечивать", "доступ", "для", "всех"],
}
PUNCTUATION = [", ", ". ", "; ", " ", " ", " ", "، ", "。", "，", " [", "] ", "\n"]
SETTINGS = settings(max_examples=100, deadline=None)


@st.composite
def texts(draw: st.DrawFn, scripts: tuple[str, ...] | None = None) -> str:
    """A text built from word lists: one script, or several mixed in one paragraph."""
    chosen = scripts or draw(
        st.one_of(
            st.sampled_from(sorted(WORDS)).map(lambda name: (name,)),
            st.just(tuple(sorted(WORDS))),
        )
    )
    vocabulary = [word for name in chosen for word in WORDS[name]]
    pieces = draw(
        st.lists(st.tuples(st.sampled_from(vocabulary), st.sampled_from(PUNCTUATION)), max_size=25)
    )
    return "".join(word + gap for word, gap in pieces)


@st.composite
def edited(draw: st.DrawFn, base: str) -> str:
    """A proposal: the base with a few words deleted, replaced or inserted."""
    words = base.split(" ")
    vocabulary = [word for script in WORDS.values() for word in script]
    for _ in range(draw(st.integers(0, 4))):
        position = draw(st.integers(0, len(words)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        word = draw(st.sampled_from(vocabulary))
        if action == "insert" or position == len(words):
            words.insert(position, word)
        elif action == "delete":
            del words[position]
        else:
            words[position] = word
    return " ".join(words)


@st.composite
def base_and_proposals(draw: st.DrawFn) -> tuple[str, str, str]:
    base = draw(texts())
    return base, draw(edited(base)), draw(edited(base))


@SETTINGS
@given(texts(), texts())
def test_hunks_turn_one_text_into_the_other(a: str, b: str) -> None:
    assert apply_hunks(a, word_diff(a, b)) == b
    ops = diff_ops(a, b)
    assert "".join(op.text for op in ops if op.op != "insert") == a
    assert "".join(op.text for op in ops if op.op != "delete") == b


def _open(log: list[Edit], base: str, proposal: str) -> list[tuple[int, int, str, int]]:
    """The proposal's changes still pending: (start, end, taken, number) in the compromise."""
    changes = proposal_changes(base, proposal)
    compromise = log[-1].text_after
    base_map = BaseMap(base, compromise, traced_alignment(base, log))
    found = []
    for change in changes:
        placed = base_map.place(change, [c for c in changes if c is not change])
        if placed.state is ChangeState.PENDING:
            found.append((placed.start, placed.end, placed.taken, change.number))
    return found


def _accepted(log: list[Edit], start: int, end: int, taken: str, stakeholder: int) -> Edit:
    text = log[-1].text_after
    return edit_record(
        len(log) + 1,
        EditKind.ACCEPT,
        text[:start] + taken + text[end:],
        start=start,
        end=end,
        inserted=taken,
        stakeholder_id=stakeholder,
    )


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split()


@SETTINGS
@given(base_and_proposals(), st.randoms(use_true_random=False))
def test_accepting_every_change_one_at_a_time_in_any_order_gives_the_proposal(
    case: tuple[str, str, str], rng: object
) -> None:
    """Repeated words included: the log says which of two equal words a change took."""
    base, proposal, _ = case
    log = [edit_record(1, EditKind.INITIAL, base, inserted=base, stakeholder_id=1)]
    for _ in range(50):
        found = _open(log, base, proposal)
        if not found:
            break
        start, end, taken, _number = rng.choice(found)  # type: ignore[attr-defined]
        log.append(_accepted(log, start, end, taken, 2))
    compromise = log[-1].text_after
    # White space alone is no one's change: the words are the proposal's.
    assert _same_words(compromise, proposal)
    changes = proposal_changes(base, proposal)
    base_map = BaseMap(base, compromise, traced_alignment(base, log))
    assert all(
        base_map.place(c, [o for o in changes if o is not c]).state is ChangeState.ACCEPTED
        for c in changes
    )


@SETTINGS
@given(base_and_proposals())
def test_change_numbers_do_not_depend_on_the_compromise(case: tuple[str, str, str]) -> None:
    base, proposal, _ = case
    before = proposal_changes(base, proposal)
    proposal_changes.cache_clear()
    assert proposal_changes(base, proposal) == before
    assert [c.number for c in before] == list(range(1, len(before) + 1))


@SETTINGS
@given(base_and_proposals(), st.lists(st.booleans(), max_size=8))
def test_provenance_covers_the_text_and_shares_add_up(
    case: tuple[str, str, str], undo_after: list[bool]
) -> None:
    base, first_text, second_text = case
    log = [edit_record(1, EditKind.INITIAL, base, inserted=base, stakeholder_id=1)]
    for undo in undo_after:
        found = [(2, f) for f in _open(log, base, first_text)]
        found += [(3, f) for f in _open(log, base, second_text)]
        if not found:
            break
        stakeholder, (start, end, taken, _number) = found[0]
        text = log[-1].text_after
        log.append(_accepted(log, start, end, taken, stakeholder))
        if undo:
            log.append(edit_record(len(log) + 1, EditKind.UNDO, text, target=log[-1].id))
    current = log[-1].text_after
    owned = spans(log)

    assert "".join(span.text for span in owned) == current
    assert replay(log) == current
    result = shares(owned, {1: "Chair", 2: "Brazil", 3: "Canada"})
    if current.strip():
        assert sum(result.values()) == pytest.approx(100)
    else:
        assert result == {}
