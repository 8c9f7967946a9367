"""Hypothesis properties of the diff and merge engine: Latin, Chinese, Arabic and mixed texts."""

from __future__ import annotations

import pytest
from engine_samples import edit_record
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.diff import apply_hunks, diff_ops, word_diff
from workbench.history import replay
from workbench.merge import ProposalText, apply_hunk, pending_hunks, shift_hunk
from workbench.model import EditKind
from workbench.provenance import shares, spans

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


@SETTINGS
@given(base_and_proposals())
def test_accepting_every_hunk_one_at_a_time_gives_the_proposal(
    case: tuple[str, str, str],
) -> None:
    compromise, proposal_text, _ = case
    proposal = ProposalText(1, 1, "Brazil", proposal_text)
    for _ in range(200):
        pending = pending_hunks(compromise, [proposal])
        if not pending:
            break
        compromise = apply_hunk(compromise, pending[0].hunk)
    assert compromise == proposal_text


@SETTINGS
@given(base_and_proposals())
def test_rejecting_every_hunk_leaves_nothing_pending(case: tuple[str, str, str]) -> None:
    compromise, proposal_text, _ = case
    proposal = ProposalText(1, 1, "Brazil", proposal_text)
    rejected = {pending.signature for pending in pending_hunks(compromise, [proposal])}

    assert pending_hunks(compromise, [proposal], rejected) == []
    shown = pending_hunks(compromise, [proposal], rejected, include_rejected=True)
    assert all(pending.rejected for pending in shown)


@SETTINGS
@given(base_and_proposals(), st.data())
def test_non_conflicting_hunks_give_the_same_text_in_any_order(
    case: tuple[str, str, str], data: st.DataObject
) -> None:
    base, first_text, second_text = case
    pending = pending_hunks(
        base, [ProposalText(1, 1, "Brazil", first_text), ProposalText(2, 2, "Canada", second_text)]
    )
    firsts = [p for p in pending if p.variant_id == 1]
    seconds = [p for p in pending if p.variant_id == 2]
    if not firsts or not seconds:
        return
    first = data.draw(st.sampled_from(firsts))
    conflicting = {other.key for other in first.conflict_with}
    same = (first.hunk.base_start, first.hunk.base_end, first.hunk.text)
    free = [
        p
        for p in seconds
        if p.key not in conflicting and (p.hunk.base_start, p.hunk.base_end, p.hunk.text) != same
    ]
    if not free:
        return
    second = data.draw(st.sampled_from(free)).hunk

    one_way = apply_hunk(apply_hunk(base, first.hunk), shift_hunk(second, first.hunk))
    other_way = apply_hunk(apply_hunk(base, second), shift_hunk(first.hunk, second))

    assert one_way == other_way


@SETTINGS
@given(base_and_proposals(), st.lists(st.booleans(), max_size=8))
def test_provenance_covers_the_text_and_shares_add_up(
    case: tuple[str, str, str], undo_after: list[bool]
) -> None:
    base, first_text, second_text = case
    log = [edit_record(1, EditKind.INITIAL, base, inserted=base, stakeholder_id=1)]
    proposals = [
        ProposalText(1, 2, "Brazil", first_text),
        ProposalText(2, 3, "Canada", second_text),
    ]
    for undo in undo_after:
        text = log[-1].text_after
        found = pending_hunks(text, proposals)
        if not found:
            break
        hunk = found[0].hunk
        log.append(
            edit_record(
                len(log) + 1,
                EditKind.ACCEPT,
                apply_hunk(text, hunk),
                start=hunk.base_start,
                end=hunk.base_end,
                inserted=hunk.text,
                stakeholder_id=found[0].stakeholder_id,
            )
        )
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
