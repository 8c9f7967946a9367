"""The merge commands as a negotiator types them: diff, accept, reject, edit, undo, history."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from engine_samples import DRAFT_46, GC_46, Sample46, make_file_46

from workbench import cli

AFTER_FIRST = DRAFT_46.replace("helps up implement", "helps us implement")


@pytest.fixture
def sample(tmp_path: Path) -> Sample46:
    return make_file_46(tmp_path / "tunis.nwb")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_diff_numbers_the_changes(sample: Sample46, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", str(sample.path), "46", "--from", "Gender Caucus")

    assert code == 0
    assert "2 changes from Gender Caucus" in out
    assert "1. replace 'up' with 'us'" in out
    assert "2. insert ' and fulfil international development agreements'" in out


def test_diff_json(sample: Sample46, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "diff", str(sample.path), "46", "--from", "Gender Caucus", "--json")

    assert code == 0
    rows = json.loads(out)
    assert [(r["number"], r["op"], r["deleted"], r["text"]) for r in rows] == [
        (1, "replace", "up", "us"),
        (2, "insert", "", " and fulfil international development agreements"),
    ]


def test_accept_one_then_history(sample: Sample46, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(sample.path)
    code, out, _ = run(
        capsys, "accept", path, "46", "--from", "Gender Caucus", "--hunk", "1", "--author", "ana"
    )
    assert code == 0
    assert AFTER_FIRST in out

    code, out, _ = run(capsys, "history", path, "46", "--json")
    rows = json.loads(out)
    assert [(r["seq"], r["kind"], r["source"], r["author"]) for r in rows] == [
        (1, "initial", "Chair", "secretariat"),
        (2, "accept", "Gender Caucus", "ana"),
    ]
    assert rows[-1]["text_after"] == AFTER_FIRST

    # What was change 2 is now change 1.
    code, out, _ = run(capsys, "diff", path, "46", "--from", "Gender Caucus", "--json")
    assert [r["number"] for r in json.loads(out)] == [1]


def test_accept_all_undo_redo(sample: Sample46, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(sample.path)
    assert run(capsys, "accept", path, "46", "--from", "Gender Caucus", "--all")[0] == 0
    code, out, _ = run(capsys, "undo", path, "46")
    assert code == 0
    assert DRAFT_46 in out
    code, out, _ = run(capsys, "undo", path, "46")
    assert "nothing to undo" in out
    code, out, _ = run(capsys, "redo", path, "46")
    assert GC_46 in out

    code, out, _ = run(capsys, "provenance", path, "46", "--json")
    shares = json.loads(out)["shares"]
    assert set(shares) == {"Chair", "Gender Caucus"}
    assert sum(shares.values()) == pytest.approx(100, abs=0.05)


def test_reject_then_edit_and_whole_document_shares(
    sample: Sample46, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(sample.path)
    assert run(capsys, "reject", path, "46", "--from", "Gender Caucus", "--hunk", "1")[0] == 0
    code, out, _ = run(capsys, "diff", path, "46", "--from", "Gender Caucus")
    assert "1. replace" not in out
    assert "2. insert" in out

    code, out, _ = run(
        capsys, "edit", path, "46", "--text", "[" + DRAFT_46 + " pending review]", "--author", "bo"
    )
    assert code == 0
    code, out, _ = run(capsys, "provenance", path)
    assert "document" in out
    assert "typed by bo" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["diff", "{path}", "99", "--from", "Gender Caucus"], "no paragraph labelled '99'"),
        (["diff", "{path}", "46", "--from", "Nobody"], "no stakeholder named 'Nobody'"),
        (["accept", "{path}", "46", "--from", "Gender Caucus", "--hunk", "7"], "no change 7"),
        (["history", "{path}", "46bis"], "no paragraph labelled"),
    ],
)
def test_mistakes_are_one_line_and_exit_2(
    sample: Sample46, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *[arg.format(path=sample.path) for arg in argv])

    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_python_dash_m(sample: Sample46) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "diff", str(sample.path), "46", "--from", "GC?"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parents[2],
    )

    assert result.returncode == 2
    assert "no stakeholder named 'GC?'" in result.stderr
