"""One paragraph's state: proposals' tags and change ids, white space, new paragraphs, the sample.

Also the rule every view relies on: every paragraph starts its log with an INITIAL edit, older
files are upgraded to it (schema 4), and `workbench check` says when one is missing.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from workbench import checks, editing, paragraph_state, snapshots
from workbench.changes import ChangeCache, proposal_changes
from workbench.importing import import_file
from workbench.model import (
    ChangeState,
    EditKind,
    Paragraph,
    Role,
    StakeholderKind,
    Status,
    Variant,
)
from workbench.schema import migrations
from workbench.storage import WorkbenchFile


def _imported(
    wb: WorkbenchFile, sample_docx: Path, label: str
) -> tuple[Paragraph, paragraph_state.ParagraphState]:
    """The sample imported into `wb`; the paragraph labelled `label` and its state."""
    import_file(sample_docx, wb)
    paragraph = wb.paragraph_by_label(label)
    assert paragraph is not None
    return paragraph, editing.state(wb, paragraph.id)


def _variant(variant_id: int, stakeholder_id: int, text: str, tag: str = "") -> Variant:
    return Variant(variant_id, 1, stakeholder_id, Role.PROPOSAL, text, base_id=1, tag=tag)


def test_tags_name_the_stakeholder_and_number_a_second_proposal_for_ever() -> None:
    names = {2: "GC", 3: "EU"}
    proposals = [_variant(5, 2, "a"), _variant(7, 3, "b"), _variant(9, 2, "c")]
    assert paragraph_state.proposal_tags(proposals, names) == {5: "GC", 7: "EU", 9: "GC (2)"}
    # A later proposal never changes an earlier one's tag.
    later = [*proposals, _variant(11, 2, "d"), _variant(12, 3, "e", tag="AM 1829")]
    assert paragraph_state.proposal_tags(later, names) == {
        5: "GC",
        7: "EU",
        9: "GC (2)",
        11: "GC (3)",
        12: "AM 1829",
    }


def test_a_change_of_white_space_only_is_nobodys_change() -> None:
    base = "We reaffirm\n\nthe principles, and the rules."
    proposal = "We reaffirm\nthe principles , and  all the rules."
    changes = proposal_changes(base, proposal)
    assert [(c.number, c.kind, c.text) for c in changes] == [(1, "insert", "  all")]


def test_words_for_a_space_read_as_an_insertion() -> None:
    # A diff of words and runs of spaces reads "rules, " -> "rules,  and more" as the space
    # replaced by "  and more": it is an insertion after the space, which stays.
    changes = proposal_changes("rules, ", "rules,  and more")
    assert [(c.kind, c.base_start, c.base_end, c.text) for c in changes] == [
        ("insert", 7, 7, " and more")
    ]


def test_arabic_and_chinese_changes_get_ids_and_states(tmp_path: Path) -> None:
    arabic = "نحن نسعى إلى إقامة نموذج تعاون جديد"
    chinese = "我们重申在日内瓦阶段宣布的原则。"
    with WorkbenchFile.create(tmp_path / "scripts.nwb") as wb:
        with wb.transaction():
            chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
            g77 = wb.add_stakeholder("مجموعة الـ77")
            cn = wb.add_stakeholder("中国")
            first = wb.add_paragraph("1", None)
            wb.add_variant(first.id, chair.id, Role.DRAFT, arabic)
            wb.add_variant(first.id, g77.id, Role.PROPOSAL, arabic + " ومستدام")
            second = wb.add_paragraph("2", None)
            wb.add_variant(second.id, chair.id, Role.DRAFT, chinese)
            wb.add_variant(second.id, cn.id, Role.PROPOSAL, chinese.replace("重申", "再次确认"))
        editing.accept(wb, first.id, "مجموعة الـ77 1", "ana")
        one = editing.state(wb, first.id)
        two = editing.state(wb, second.id)
    assert [(c.id, c.text, c.state) for c in one.changes] == [
        ("مجموعة الـ77 1", " ومستدام", ChangeState.ACCEPTED)
    ]
    assert [(c.id, c.base_text, c.text, c.state) for c in two.changes] == [
        ("中国 1", "重申", "再次确认", ChangeState.PENDING)
    ]


def test_a_proposed_new_paragraph_is_one_change_from_nothing(
    tmp_path: Path, sample_docx: Path
) -> None:
    with WorkbenchFile.create(tmp_path / "tunis.nwb") as wb:
        paragraph, state = _imported(wb, sample_docx, "New43bis")
        assert state.compromise == ""
        [change] = state.changes
        assert (change.id, change.kind, change.base_text, change.state) == (
            "GC 1",
            "insert",
            "",
            ChangeState.PENDING,
        )
        editing.accept(wb, paragraph.id, "GC 1", "ana")
        assert editing.state(wb, paragraph.id).compromise == change.text
        assert editing.state(wb, paragraph.id).changes[0].state is ChangeState.ACCEPTED


def test_the_sample_imported_fresh_accept_all_from_gc_gives_gcs_text(
    tmp_path: Path, sample_docx: Path
) -> None:
    """The plain flow behaves as before: every paragraph ends as the Gender Caucus wrote it
    (white space aside: a blank line the caucus dropped is nobody's change)."""
    with WorkbenchFile.create(tmp_path / "tunis.nwb") as wb:
        import_file(sample_docx, wb)
        gc = wb.stakeholder_by_name("GC")
        assert gc is not None
        taken = 0
        for paragraph in wb.paragraphs():
            state = editing.state(wb, paragraph.id)
            [proposal] = [p for p in state.proposals if p.variant.stakeholder_id == gc.id] or [None]
            if proposal is None:
                continue
            if editing.accept_all(wb, paragraph.id, proposal.variant_id, "ana") is not None:
                taken += 1
            after = editing.state(wb, paragraph.id)
            assert after.compromise.split() == proposal.variant.text.split(), paragraph.label
            assert after.open_count == 0
            assert {c.state for c in after.changes} <= {ChangeState.ACCEPTED}
        assert taken == 18
        assert checks.check(wb) == []


def test_paragraph_39_reads_the_imported_compromise_three_ways(
    tmp_path: Path, sample_docx: Path
) -> None:
    """39's compromise column already has the caucus's "gender equality perspective"."""
    with WorkbenchFile.create(tmp_path / "tunis.nwb") as wb:
        _paragraph, state = _imported(wb, sample_docx, "39")
    assert [(c.id, c.state) for c in state.changes] == [
        ("GC 1", ChangeState.PENDING),
        ("GC 2", ChangeState.PENDING),
        ("GC 3", ChangeState.ACCEPTED),
    ]


def test_every_paragraph_is_created_with_its_initial_edit(tmp_path: Path) -> None:
    with WorkbenchFile.create(tmp_path / "talks.nwb") as wb:
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        with wb.transaction():
            drafted = wb.add_paragraph("1", None)
            wb.add_variant(drafted.id, chair.id, Role.DRAFT, "The draft.")
            wb.add_variant(drafted.id, chair.id, Role.COMPROMISE, "The agreed text.")
        bare = wb.add_paragraph("2", None)  # no variant at all: starts empty
        assert [(e.kind, e.text_after) for e in wb.edits(drafted.id)] == [
            (EditKind.INITIAL, "The agreed text.")
        ]
        assert [(e.kind, e.text_after) for e in wb.edits(bare.id)] == [(EditKind.INITIAL, "")]
        assert wb.compromise(drafted.id) == "The agreed text."
        assert checks.check(wb) == []


def test_an_older_file_is_upgraded_to_paragraph_logs_after_a_snapshot(tmp_path: Path) -> None:
    """Schema 4: paragraphs without a starting text get one; a status set in place, or kept in
    a STATUS edit's note, is in the log from then on."""
    path = tmp_path / "older.nwb"
    conn = sqlite3.connect(path)
    migrations.apply(Database(conn), stop_before="0004_paragraph_logs")
    conn.executescript(
        """
        INSERT INTO stakeholders (id, name, kind) VALUES
            (1, 'Chair', 'chair'), (2, 'GC', 'government');
        INSERT INTO paragraphs (id, label, position, status) VALUES
            (1, '39', 1, 'open'), (2, '40', 2, 'agreed'), (3, '41', 3, 'agreed ad ref');
        INSERT INTO variants (id, paragraph_id, stakeholder_id, role, text, base_id) VALUES
            (1, 1, 1, 'draft', 'The draft of 39.', NULL),
            (2, 1, 2, 'proposal', 'The better draft of 39.', 1),
            (3, 2, 1, 'draft', 'The draft of 40.', NULL),
            (4, 2, 1, 'compromise', 'The compromise of 40.', NULL);
        INSERT INTO edits (paragraph_id, seq, kind, author, at, start, "end", inserted,
                           text_after, note) VALUES
            (2, 1, 'status', 'ana', '2025-01-01T00:00:00Z', 0, 0, '', '', 'agreed');
        """
    )
    conn.commit()
    conn.close()
    with WorkbenchFile.open(path) as wb:
        [snapshot] = snapshots.list_snapshots(wb.path)
        assert "upgrade" in snapshot.reason
        assert [p.status for p in wb.paragraphs()] == [
            Status.OPEN,
            Status.AGREED,
            Status.AGREED_AD_REF,
        ]
        assert wb.compromises() == {
            1: "The draft of 39.",
            2: "The compromise of 40.",
            3: "",
        }
        forty = wb.edits(2)
        assert [(e.kind, e.status) for e in forty] == [
            (EditKind.STATUS, Status.AGREED),
            (EditKind.INITIAL, None),
        ]
        assert [e.kind for e in wb.edits(3)] == [EditKind.INITIAL, EditKind.STATUS]
        state = editing.state(wb, 1)
        assert [(c.id, c.state) for c in state.changes] == [("GC 1", ChangeState.PENDING)]
        assert checks.check(wb) == []


def test_check_reports_a_paragraph_without_a_starting_text(tmp_path: Path) -> None:
    path = tmp_path / "holed.nwb"
    with WorkbenchFile.create(path) as wb:
        wb.add_paragraph("1", None)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO paragraphs (id, label, position) VALUES (9, '9', 'a5')")
    conn.commit()
    conn.close()
    with WorkbenchFile.open(path) as wb:
        assert checks.check(wb) == [
            "paragraph 9 (id 9) has no starting text (no INITIAL edit)",
            "paragraph 9 (id 9) has no head on this laptop (local_heads)",
        ]


def test_check_reports_a_head_that_points_at_another_paragraphs_edits(tmp_path: Path) -> None:
    """The text and status shown are read at this laptop's head: one moved by hand onto
    another paragraph's edits would show that paragraph's words here."""
    path = tmp_path / "heads.nwb"
    with WorkbenchFile.create(path) as wb:
        first = wb.add_paragraph("1", None)
        second = wb.add_paragraph("2", None)
        assert checks.check(wb) == []
    conn = sqlite3.connect(path)
    (other_edit,) = conn.execute(
        "SELECT edit_id FROM local_heads WHERE paragraph_id = ?", [second.id]
    ).fetchone()
    conn.execute(
        "UPDATE local_heads SET edit_id = ?, text_edit_id = ?, status_edit_id = ? "
        "WHERE paragraph_id = ?",
        [other_edit, other_edit, other_edit, first.id],
    )
    conn.commit()
    conn.close()
    with WorkbenchFile.open(path) as wb:
        assert checks.check(wb) == [
            f"the head of paragraph {first.id} is edit {other_edit}: missing, or another "
            "paragraph's",
            f"the text of paragraph {first.id} is read from edit {other_edit}: missing, or "
            "another paragraph's",
            f"the status of paragraph {first.id} is read from edit {other_edit}: missing, "
            "another paragraph's, or one that sets no status",
        ]


@pytest.mark.parametrize("label", ["46", "New 56bis", "57"])
def test_ids_survive_every_decision_on_the_sample(
    tmp_path: Path, sample_docx: Path, label: str
) -> None:
    with WorkbenchFile.create(tmp_path / "tunis.nwb") as wb:
        paragraph, state = _imported(wb, sample_docx, label)
        ids = [c.id for c in state.changes]
        for index, change_id in enumerate(ids):
            if index % 2:
                editing.reject(wb, paragraph.id, change_id, "ana")
            else:
                editing.accept(wb, paragraph.id, change_id, "ana")
            assert sorted(c.id for c in editing.state(wb, paragraph.id).changes) == sorted(ids)
        states = {c.id: c.state for c in editing.state(wb, paragraph.id).changes}
    assert states == {
        change_id: ChangeState.REJECTED if index % 2 else ChangeState.ACCEPTED
        for index, change_id in enumerate(ids)
    }


def test_changes_kept_in_a_cache_are_the_changes(tmp_path: Path, sample_docx: Path) -> None:
    cache = ChangeCache()
    with WorkbenchFile.create(tmp_path / "tunis.nwb") as wb:
        import_file(sample_docx, wb)
        names = {s.id: s.name for s in wb.stakeholders()}
        for paragraph in wb.paragraphs():
            plain = paragraph_state.read(wb, paragraph.id, names)
            first = paragraph_state.read(wb, paragraph.id, names, cache)  # fills it
            again = paragraph_state.read(wb, paragraph.id, names, cache)  # reads it back
            assert plain.changes == first.changes == again.changes
    assert len(cache) == 20  # one entry a proposal
