"""Three laptops on one negotiation, offline, exchanging changes files in every awkward way.

Ana imports the chair's draft and shares it; Bob and Chen copy her file by hand. Each works
alone (same and different paragraphs, new paragraphs, status), then they exchange through a
shared folder and by hand: a file delivered twice, files out of order, a file copied again, a
changeset from a newer schema and one of another negotiation. At the end the three files hold
the same paragraphs, logs and heads (their dumps are identical), every edit any of them was
told was written is in all three, and where two of them changed one paragraph the other's
version was shown as a proposal until it was taken in.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from workbench import comments, editing
from workbench.cli import main
from workbench.cli.files import dump_document
from workbench.importing import import_file
from workbench.model import ChangeState, EditKind, Role, Status
from workbench.storage import WorkbenchFile
from workbench.storage.ids import origin_of
from workbench.sync import envelope
from workbench.sync.exchange import apply_changes, export_changes
from workbench.sync.folder import sync_with_folder

SAMPLE = (
    Path(__file__).resolve().parents[2] / "resources" / "samples" / "tunis-ig-gender-caucus.docx"
)


@contextmanager
def opened(path: Path) -> Iterator[WorkbenchFile]:
    with WorkbenchFile.open(path) as wb:
        assert not wb.read_only, wb.read_only_reason
        yield wb


def pid(wb: WorkbenchFile, label: str) -> int:
    paragraph = wb.paragraph_by_label(label)
    assert paragraph is not None, label
    return paragraph.id


def dump(path: Path) -> str:
    with WorkbenchFile.open(path, read_only=True) as wb:
        return json.dumps(dump_document(wb), ensure_ascii=False, sort_keys=True)


def shared_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every exchanged row, as stored, sorted: what must be the same on every laptop."""
    conn = sqlite3.connect(path)
    try:
        return {
            table: sorted(conn.execute(f"SELECT * FROM {table}"))
            for table in ("stakeholders", "sections", "paragraphs", "variants", "edits", "comments")
        }
    finally:
        conn.close()


def edit_ids(path: Path) -> set[int]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT id FROM edits")}
    finally:
        conn.close()


def sync(path: Path, folder: Path, author: str) -> list[str]:
    with opened(path) as wb:
        exported, report = sync_with_folder(wb, folder, author)
    assert not report.refused, report.refused
    return report.lines() + ([exported.label] if exported else [])


@pytest.fixture
def laptops(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """Ana's file with the sample, sent to the folder, and Bob's and Chen's copies of it."""
    folder = tmp_path / "shared"
    folder.mkdir()
    ana = tmp_path / "ana.nwb"
    with WorkbenchFile.create(ana) as wb:
        import_file(SAMPLE, wb)
    assert sync(ana, folder, "Ana") == ["Ana #1"]
    bob, chen = tmp_path / "bob.nwb", tmp_path / "chen.nwb"
    shutil.copyfile(ana, bob)
    shutil.copyfile(ana, chen)
    return ana, bob, chen, folder


def test_a_copied_file_writes_under_its_own_origin_and_sends_only_its_own_work(
    laptops: tuple[Path, Path, Path, Path],
) -> None:
    ana, bob, _chen, folder = laptops
    with opened(ana) as wb:
        ana_origin = wb.origin
    with opened(bob) as wb:
        assert wb.origin not in (None, ana_origin)
        edit = editing.type_text(wb, pid(wb, "40"), "Bob's 40.", "Bob")
        assert edit is not None
        assert origin_of(edit.id) == wb.origin
        exported = export_changes(wb, folder, "Bob")
    assert exported is not None
    # The imported sample went out as Ana #1; Bob's copy sends his one edit, not it again.
    assert exported.header.rows == 1
    # Bob's file had Ana #1 when it was copied: applying it changes nothing.
    with opened(bob) as wb:
        report = apply_changes(wb, [folder / envelope_name(folder, "Ana", 1)])
    assert report.applied == []
    assert [line.split(" (")[0] for line in report.already] == ["Ana #1"]


def envelope_name(folder: Path, who: str, seq: int) -> str:
    return next(
        p.name for p in folder.iterdir() if p.name.startswith(who) and f"{seq:05d}" in p.name
    )


def test_three_laptops_converge_whatever_the_order(
    laptops: tuple[Path, Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana, bob, chen, folder = laptops
    acknowledged: set[int] = set()

    def keep(edit: object) -> None:
        assert edit is not None
        acknowledged.add(edit.id)  # type: ignore[attr-defined]

    # Offline work. Different paragraphs ...
    with opened(ana) as wb:
        keep(editing.type_text(wb, pid(wb, "39"), "Ana's 39, in Arabic too: الإنترنت.", "Ana"))
        keep(editing.set_status(wb, pid(wb, "42"), Status.AGREED, "Ana"))
        # ... the same paragraph as Chen, all of it or one end of it ...
        keep(editing.type_text(wb, pid(wb, "41"), "Ana's 41: 互联网治理.", "Ana"))
        start_of_45 = wb.compromise(pid(wb, "45"))
        keep(editing.type_text(wb, pid(wb, "45"), "Recalling, " + start_of_45, "Ana"))
    with opened(bob) as wb:
        keep(editing.type_text(wb, pid(wb, "40"), "Bob's 40.", "Bob"))
        bob_comment = comments.add_comment(wb, pid(wb, "40"), "Bob: check with capital", "Bob")
        # ... a new paragraph after 43 (with a proposal in Russian) ...
        new = wb.add_paragraph(
            "43bis", wb.paragraph(pid(wb, "43")).section_id, after_paragraph_id=pid(wb, "43")
        )
        chair = wb.add_stakeholder("Russian Federation")
        wb.add_variant(new.id, chair.id, Role.PROPOSAL, "Управление интернетом.")
        bob_first = export_changes(wb, tmp_path / "bob-1.nwbsync", "Bob")
        keep(editing.type_text(wb, new.id, "Управление интернетом, открытое.", "Bob"))
        bob_second = export_changes(wb, tmp_path / "bob-2.nwbsync", "Bob")
    with opened(chen) as wb:
        keep(editing.type_text(wb, pid(wb, "41"), "Chen's 41, en français : gouvernance.", "Chen"))
        keep(editing.type_text(wb, pid(wb, "45"), start_of_45 + " Noted by Chen.", "Chen"))
        # ... the status of 42 set otherwise ...
        keep(editing.set_status(wb, pid(wb, "42"), Status.BRACKETED, "Chen"))
        # ... and another new paragraph at the same place.
        wb.add_paragraph("43ter", None, after_paragraph_id=pid(wb, "43"))
    assert bob_first is not None
    assert bob_second is not None

    # Out of order, by hand: Bob #2 reaches Chen before Bob #1, and waits for it.
    with opened(chen) as wb:
        report = apply_changes(wb, [bob_second.path])
        assert report.applied == []
        assert report.waiting == [f"Bob #2 ({bob_second.path.name}) needs Bob #1 first"]
        assert report.missing == ["Bob #1"]
        report = apply_changes(wb, [bob_second.path, bob_first.path])
        assert [line.split(" (")[0] for line in report.applied] == ["Bob #1", "Bob #2"]
        # Delivered twice: nothing happens twice.
        report = apply_changes(wb, [bob_first.path])
        assert report.already == [f"Bob #1 ({bob_first.path.name})"]
        assert not report.applied
    for path in (bob_first.path, bob_second.path):
        shutil.copy(path, folder / path.name)

    # A file copied again mid-way: Dana copies Bob's laptop file and works on it too.
    dana = tmp_path / "dana.nwb"
    shutil.copyfile(bob, dana)
    with opened(dana) as wb, opened(bob) as bob_wb:
        assert wb.origin != bob_wb.origin
        keep(editing.type_text(wb, pid(wb, "44"), "Dana's 44.", "Dana"))

    # Everyone syncs through the folder, twice round.
    for _round in range(2):
        for path, who in ((ana, "Ana"), (bob, "Bob"), (chen, "Chen"), (dana, "Dana")):
            sync(path, folder, who)

    # Where two changed one paragraph, the other's version is a proposal with its changes.
    with opened(ana) as wb:
        state = editing.state(wb, pid(wb, "41"))
        assert [p.tag for p in state.proposals if p.fork is not None] == ["Chen's compromise"]
        assert state.compromise == "Ana's 41: 互联网治理."
        fork_41 = state.forks[0]
        assert state.proposal(-fork_41.head.id).variant.text == (  # type: ignore[union-attr]
            "Chen's 41, en français : gouvernance."
        )
        assert ChangeState.CONFLICT in {
            c.state for c in state.changes if c.variant_id == -fork_41.head.id
        }
        status_fork = editing.state(wb, pid(wb, "42")).forks
        assert [(f.author, f.status) for f in status_fork] == [("Chen", Status.BRACKETED)]
        # Chen's end of 45 does not touch Ana's start: it is pending, taken like any change.
        state_45 = editing.state(wb, pid(wb, "45"))
        pending = [c for c in state_45.changes if c.id.startswith("Chen's compromise")]
        assert [(c.state, c.text) for c in pending] == [(ChangeState.PENDING, " Noted by Chen.")]
        keep(editing.accept(wb, pid(wb, "45"), pending[0].id, "Ana"))
        keep(editing.resolve(wb, pid(wb, "45"), state_45.forks[0].head.id, "Ana"))
        # The new paragraphs of both, in one order on every laptop, after 43.
        labels = [p.label for p in wb.paragraphs()]
        at = labels.index("43")
        assert sorted(labels[at + 1 : at + 3]) == ["43bis", "43ter"]
        # Ana takes Chen's version of 41 and keeps hers of 42 (agreed).
        keep(editing.resolve(wb, pid(wb, "41"), fork_41.head.id, "Ana", take_theirs=True))
        keep(editing.resolve(wb, pid(wb, "42"), status_fork[0].head.id, "Ana"))
        assert editing.state(wb, pid(wb, "41")).forks == ()
        assert editing.state(wb, pid(wb, "42")).hand_status is Status.AGREED
    for _round in range(2):
        for path, who in ((ana, "Ana"), (bob, "Bob"), (chen, "Chen"), (dana, "Dana")):
            sync(path, folder, who)

    dumps = {path.name: dump(path) for path in (ana, bob, chen, dana)}
    assert len(set(dumps.values())) == 1, "the laptops did not converge"
    rows = [shared_rows(path) for path in (ana, bob, chen, dana)]
    assert all(r == rows[0] for r in rows)
    for path in (ana, bob, chen, dana):
        assert acknowledged <= edit_ids(path)
        with WorkbenchFile.open(path, read_only=True) as wb:
            assert [c.text for c in wb.comments(pid(wb, "40"))] == [bob_comment.text]
        assert main(["check", str(path)]) == 0
    document = json.loads(dumps["ana.nwb"])
    by_label = {p["label"]: p for p in document["paragraphs"]}
    assert by_label["41"]["compromise"] == "Chen's 41, en français : gouvernance."
    assert by_label["42"]["status"] == "agreed"
    assert by_label["44"]["compromise"] == "Dana's 44."
    assert by_label["45"]["compromise"] == "Recalling, " + start_of_45 + " Noted by Chen."
    assert by_label["43bis"]["compromise"] == "Управление интернетом, открытое."
    assert not any("colleagues_versions" in p for p in document["paragraphs"])
    capsys.readouterr()


def test_a_newer_schema_or_another_negotiation_is_refused_with_one_line(
    laptops: tuple[Path, Path, Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ana, bob, _chen, _folder = laptops
    with opened(bob) as wb:
        editing.type_text(wb, pid(wb, "40"), "Bob's 40.", "Bob")
        exported = export_changes(wb, tmp_path / "bob.nwbsync", "Bob")
    assert exported is not None
    header, body = envelope.read(exported.path)
    newer = tmp_path / "newer.nwbsync"
    envelope.write(
        newer,
        envelope.Header(**{**header.__dict__, "schema": 99, "migrations": ("9999_future",)}),
        body,
    )
    other = tmp_path / "other.nwb"
    with WorkbenchFile.create(other) as wb:
        import_file(SAMPLE, wb)
    before = dump(ana)
    for changes, problem in ((newer, "newer workbench"), (exported.path, "another negotiation")):
        target = ana if changes == newer else other
        code = main(["sync", "apply", str(target), str(changes)])
        err = capsys.readouterr().err
        assert code == 2
        assert err.count("\n") == 1
        assert problem in err
        assert str(changes) in err
    assert dump(ana) == before


def test_an_incomplete_file_in_the_folder_waits_for_the_next_sync(
    laptops: tuple[Path, Path, Path, Path], tmp_path: Path
) -> None:
    ana, bob, _chen, folder = laptops
    with opened(bob) as wb:
        editing.type_text(wb, pid(wb, "40"), "Bob's 40.", "Bob")
        exported = export_changes(wb, tmp_path, "Bob")
    assert exported is not None
    data = exported.path.read_bytes()
    partial = folder / exported.path.name
    partial.write_bytes(data[: len(data) - 10])  # still being copied
    with opened(ana) as wb:
        report = apply_changes(wb, [partial])
    assert report.applied == []
    assert not report.refused
    assert "incomplete" in report.warnings[0]
    partial.write_bytes(data)
    with opened(ana) as wb:
        report = apply_changes(wb, [partial])
        assert [line.split(" (")[0] for line in report.applied] == ["Bob #1"]
        assert wb.compromise(pid(wb, "40")) == "Bob's 40."


def test_a_restored_snapshot_writes_under_a_new_origin(tmp_path: Path) -> None:
    from workbench import snapshots

    path = tmp_path / "ana.nwb"
    with WorkbenchFile.create(path) as wb:
        import_file(SAMPLE, wb)
        first = wb.origin
        snapshots.take(wb, "before work")
        editing.type_text(wb, pid(wb, "39"), "Sent, then taken back.", "Ana")
        snapshots.restore(wb)
        assert wb.origin not in (None, first)
        edit = editing.type_text(wb, pid(wb, "39"), "Written after the restore.", "Ana")
        assert edit is not None
        assert origin_of(edit.id) == wb.origin
        assert [e.kind for e in wb.edits(pid(wb, "39"))][-1] is EditKind.TYPED
