"""Word-level diff: the hunks negotiators see, in every script."""

from __future__ import annotations

import pytest
from engine_samples import DRAFT_46, GC_46
from hypothesis import given, settings
from test_engine_properties import texts

from workbench import diff
from workbench.diff import DiffOp, Hunk, apply_hunks, diff_ops, is_word, tokenize, word_diff


def test_paragraph_46_gives_one_replace_and_one_insert() -> None:
    hunks = word_diff(DRAFT_46, GC_46, source="Gender Caucus")

    assert [(h.op, h.deleted(DRAFT_46), h.text) for h in hunks] == [
        ("replace", "up", "us"),
        ("insert", "", " and fulfil international development agreements"),
    ]
    assert DRAFT_46[hunks[1].base_start] == "."
    assert all(h.source == "Gender Caucus" for h in hunks)
    assert apply_hunks(DRAFT_46, hunks) == GC_46


def test_identical_texts_have_no_hunks() -> None:
    assert word_diff(DRAFT_46, DRAFT_46) == []
    assert word_diff("", "") == []


def test_changes_separated_by_one_space_read_as_one_hunk() -> None:
    hunks = word_diff("the quick brown fox", "a slow brown fox")

    assert hunks == [Hunk("replace", 0, 9, "a slow", "")]


def test_inserted_words_start_on_a_word_boundary() -> None:
    assert word_diff("cats, dogs", "cats, birds, dogs") == [Hunk("insert", 5, 5, " birds,", "")]
    assert word_diff("of the cat", "of cat") == [Hunk("delete", 2, 6, "", "")]


def test_whole_text_added_or_removed() -> None:
    assert word_diff("", "new text") == [Hunk("insert", 0, 0, "new text", "")]
    assert word_diff("old text", "") == [Hunk("delete", 0, 8, "", "")]


def test_chinese_diffs_character_by_character() -> None:
    hunks = word_diff("我们支持互联网治理。", "我们反对互联网治理。")

    assert [(h.op, h.text) for h in hunks] == [("replace", "反对")]
    assert hunks[0].deleted("我们支持互联网治理。") == "支持"


def test_arabic_diffs_by_word_with_its_marks() -> None:
    base = "نحن نؤيدُ الحوكمة"
    proposal = "نحن نرفضُ الحوكمة بشدة"
    hunks = word_diff(base, proposal)

    assert [(h.op, h.deleted(base), h.text) for h in hunks] == [
        ("replace", "نؤيدُ", "نرفضُ"),
        ("insert", "", " بشدة"),
    ]


def test_tokens_join_back_into_the_text() -> None:
    text = "Le « droit » d’accès, 我们的 ภาษาไทย, مُحَمَّد; 한국어 단어\n\tend."
    tokens = tokenize(text)

    assert "".join(tokens) == text
    assert "مُحَمَّد" in tokens
    assert "한국어" in tokens
    assert "我" in tokens
    assert "ภ" in tokens
    assert "\n\t" in tokens
    assert is_word("droit")
    assert not is_word("«")


def test_diff_ops_show_both_sides() -> None:
    ops = diff_ops("helps up implement", "helps us implement")

    assert ops == [
        DiffOp("equal", "helps ", 0, 6, 0, 6),
        DiffOp("delete", "up", 6, 8, 6, 6),
        DiffOp("insert", "us", 8, 8, 6, 8),
        DiffOp("equal", " implement", 8, 18, 8, 18),
    ]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("A B", "A X B"),
        ("one two three", "three two one"),
        ("a a a a", "a a"),
        ("Résumé: naïve café.", "Résumé : naïf café !"),
        ("Привет, мир.", "Привет, большой мир."),
        ("hello world", "hello\nworld"),
    ],
)
def test_hunks_and_ops_rebuild_both_texts(a: str, b: str) -> None:
    assert apply_hunks(a, word_diff(a, b)) == b
    ops = diff_ops(a, b)
    assert "".join(op.text for op in ops if op.op != "insert") == a
    assert "".join(op.text for op in ops if op.op != "delete") == b


def test_overlapping_hunks_are_refused() -> None:
    with pytest.raises(ValueError, match="overlapping"):
        apply_hunks("abcdef", [Hunk("delete", 0, 3, ""), Hunk("delete", 2, 4, "")])


def test_a_long_paragraph_pair_diffs() -> None:
    words = [f"word{i % 97}" for i in range(2000)]
    changed = list(words)
    changed[500] = "changed"
    changed[1500:1502] = []
    a, b = " ".join(words), " ".join(changed)

    hunks = word_diff(a, b)

    assert apply_hunks(a, hunks) == b
    assert len(hunks) == 2


@settings(max_examples=200, deadline=None)
@given(texts(), texts())
def test_the_c_engine_finds_the_same_diff_as_the_python_one(a: str, b: str) -> None:
    # word_diff uses diff-match-patch's C++ port when installed; it must not change a hunk.
    pytest.importorskip("fast_diff_match_patch")
    encoded = diff._encode(tokenize(a), tokenize(b))

    assert diff._native_counts(*encoded) == diff._pure_counts(*encoded)
