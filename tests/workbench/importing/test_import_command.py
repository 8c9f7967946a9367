"""`workbench import`: what it prints, its overrides, and exit status 2 with the file untouched."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builders import text_table, write_docx

from workbench.cli import main
from workbench.model import Role
from workbench.storage import WorkbenchFile

SAMPLE = (
    Path(__file__).resolve().parents[3] / "resources" / "samples" / "tunis-ig-gender-caucus.docx"
)


def test_import_prints_what_it_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "text.nwb"
    assert main(["import", str(SAMPLE), "--into", str(target)]) == 0
    out = capsys.readouterr().out
    assert "7 sections, 26 paragraphs" in out
    assert "stakeholders: Chair, GC" in out
    with WorkbenchFile.open(target, read_only=True) as wb:
        assert len(wb.paragraphs()) == 26


def test_column_override_and_stakeholder(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "t.docx", text_table(["Draft", "Notes"], ["4.\nFour.", "Quatre."])
    )
    target = tmp_path / "text.nwb"
    assert (
        main(["import", str(source), "--into", str(target), "--column", "2=proposal:France"]) == 0
    )
    with WorkbenchFile.open(target, read_only=True) as wb:
        (paragraph,) = wb.paragraphs()
        france = wb.stakeholder_by_name("France")
        assert france is not None
        assert {(v.stakeholder_id, v.role) for v in wb.variants(paragraph.id)} >= {
            (france.id, Role.PROPOSAL)
        }
    statement = tmp_path / "s.txt"
    statement.write_text("1. One.\n2. Two.\n", encoding="utf-8")
    assert main(["import", str(statement), "--into", str(target), "--stakeholder", "Kenya"]) == 0
    with WorkbenchFile.open(target, read_only=True) as wb:
        assert wb.stakeholder_by_name("Kenya") is not None


def test_bad_source_exits_2_and_creates_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    target = tmp_path / "text.nwb"
    assert main(["import", str(bad), "--into", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "save it as .docx" in err
    assert not target.exists()
    assert list(tmp_path.iterdir()) == [bad]


def test_bad_source_leaves_an_existing_file_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "text.nwb"
    assert main(["import", str(SAMPLE), "--into", str(target)]) == 0
    before = target.read_bytes()
    bad = tmp_path / "notes.docx"
    bad.write_text("not a docx", encoding="utf-8")
    assert main(["import", str(bad), "--into", str(target)]) == 2
    assert target.exists()
    with WorkbenchFile.open(target, read_only=True) as wb:
        assert len(wb.paragraphs()) == 26
    assert len(before) > 0


def test_bad_column_option_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "text.nwb"
    assert main(["import", str(SAMPLE), "--into", str(target), "--column", "2=boss"]) == 2
    assert "unknown role" in capsys.readouterr().err
    assert not target.exists()


def test_import_prints_the_layout_before_writing_and_singulars(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "statement.txt"
    source.write_text("1. Only one.\n", encoding="utf-8")
    target = tmp_path / "one.nwb"
    assert main(["import", str(source), "--into", str(target)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "statement.txt: statement, 0 sections, 1 paragraph, 1 variant"
    assert "layout: statement (a statement: one stakeholder's numbered paragraphs)" in out
    assert out[-1].startswith(
        "added 1 paragraph (0 matched existing), 0 sections, 1 stakeholder, 1 variant"
    )


def test_profile_option_and_unknown_profile(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "text.nwb"
    assert main(["import", str(SAMPLE), "--into", str(target), "--profile", "poster"]) == 2
    assert "unknown layout" in capsys.readouterr().err
    assert not target.exists()
    assert main(["import", str(SAMPLE), "--into", str(target), "--profile", "un-table"]) == 0
    assert "layout: un-table" in capsys.readouterr().out


def test_near_duplicate_stakeholder_is_warned_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "text.nwb"
    assert main(["import", str(SAMPLE), "--into", str(target)]) == 0
    capsys.readouterr()
    assert (
        main(["import", str(SAMPLE), "--into", str(target), "--column", "2=proposal:Gender Caucus"])
        == 0
    )
    out = capsys.readouterr().out
    assert "warning: stakeholder “Gender Caucus” is new but looks like “GC” in the file" in out
    assert out.index("warning: stakeholder") < out.index("added ")
