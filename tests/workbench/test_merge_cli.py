"""The merge commands as a negotiator types them: diff, accept, reject, status, undo, history."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from engine_samples import DRAFT_46, GC_46, Sample46, make_file_46

from workbench import cli

AFTER_FIRST = DRAFT_46.replace("helps up implement", "helps us implement")
ADDITION = " and fulfil international development agreements"


@pytest.fixture
def sample(tmp_path: Path) -> Sample46:
    return make_file_46(tmp_path / "tunis.nwb")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def changes(capsys: pytest.CaptureFixture[str], path: str, *more: str) -> list[dict[str, object]]:
    code, out, err = run(capsys, "diff", path, "46", "--json", *more)
    assert code == 0, err
    listed: list[dict[str, object]] = json.loads(out)["changes"]
    return listed


def test_diff_lists_every_change_with_its_id_and_state(
    sample: Sample46, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "diff", str(sample.path), "46")

    assert code == 0
    assert "2 changes (2 pending)" in out
    assert "Gender Caucus 1  pending   replace 'up' with 'us'" in out
    assert f"Gender Caucus 2  pending   insert {ADDITION!r} after" in out


def test_diff_json_has_the_promised_shape(
    sample: Sample46, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = changes(capsys, str(sample.path), "--from", "Gender Caucus")

    assert [
        {k: row[k] for k in ("id", "stakeholders", "kind", "base_text", "text", "state")}
        for row in listed
    ] == [
        {
            "id": "Gender Caucus 1",
            "stakeholders": ["Gender Caucus"],
            "kind": "replace",
            "base_text": "up",
            "text": "us",
            "state": "pending",
        },
        {
            "id": "Gender Caucus 2",
            "stakeholders": ["Gender Caucus"],
            "kind": "insert",
            "base_text": "",
            "text": ADDITION,
            "state": "pending",
        },
    ]


def test_accept_by_id_keeps_every_id_and_refuses_twice(
    sample: Sample46, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(sample.path)
    code, out, _ = run(
        capsys, "accept", path, "46", "--change", "Gender Caucus 1", "--author", "ana"
    )
    assert code == 0
    assert AFTER_FIRST in out
    assert [(r["id"], r["state"]) for r in changes(capsys, path)] == [
        ("Gender Caucus 2", "pending"),
        ("Gender Caucus 1", "accepted"),
    ]
    # The same command again (a second terminal, a second delegate): refused, one line.
    code, _, err = run(capsys, "accept", path, "46", "--change", "Gender Caucus 1")
    assert code == 2
    assert "cannot accept Gender Caucus 1 in paragraph 46: it is already in the compromise" in err
    assert len(err.strip().splitlines()) == 1

    code, out, _ = run(capsys, "history", path, "46", "--json")
    rows = json.loads(out)
    assert [(r["seq"], r["kind"], r["what"], r["author"]) for r in rows] == [
        (1, "initial", "starting text (Chair)", "secretariat"),
        (2, "accept", "accepted Gender Caucus 1", "ana"),
    ]


def test_hunk_is_the_nth_pending_change_of_a_stakeholder(
    sample: Sample46, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(sample.path)
    assert run(capsys, "accept", path, "46", "--from", "Gender Caucus", "--hunk", "1")[0] == 0
    # What was change 2 is now the first pending one; its id stays "Gender Caucus 2".
    code, out, _ = run(capsys, "accept", path, "46", "--from", "Gender Caucus", "--hunk", "1")
    assert code == 0
    assert "accepted Gender Caucus 2" in out
    assert GC_46 in out


def test_accept_all_undo_redo(sample: Sample46, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(sample.path)
    assert run(capsys, "accept", path, "46", "--from", "Gender Caucus", "--all")[0] == 0
    code, out, _ = run(capsys, "undo", path, "46")
    assert code == 0
    assert "undo: accepted Gender Caucus 1, Gender Caucus 2" in out
    assert DRAFT_46 in out
    code, out, _ = run(capsys, "undo", path, "46")
    assert "nothing to undo" in out
    code, out, _ = run(capsys, "redo", path, "46")
    assert GC_46 in out

    code, out, _ = run(capsys, "provenance", path, "46", "--json")
    shares = json.loads(out)["shares"]
    assert set(shares) == {"Chair", "Gender Caucus"}
    assert sum(shares.values()) == pytest.approx(100, abs=0.05)


def test_reject_restore_and_a_hand_edit(
    sample: Sample46, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(sample.path)
    assert run(capsys, "reject", path, "46", "--change", "Gender Caucus 1")[0] == 0
    assert [r["state"] for r in changes(capsys, path)] == ["pending", "rejected"]
    code, _, err = run(capsys, "reject", path, "46", "--change", "Gender Caucus 1")
    assert code == 2
    assert "was rejected" in err
    assert run(capsys, "restore-change", path, "46", "--change", "Gender Caucus 1")[0] == 0
    assert [r["state"] for r in changes(capsys, path)] == ["pending", "pending"]

    # A hand edit over GC 1's words: a conflict, showing the compromise's words.
    typed = DRAFT_46.replace("helps up implement", "helps to implement") + " Hand edit by EU."
    assert run(capsys, "edit", path, "46", "--text", typed, "--author", "bo")[0] == 0
    listed = changes(capsys, path)
    first = listed[0]
    assert (first["id"], first["state"], first["compromise_text"]) == (
        "Gender Caucus 1",
        "conflict",
        "to",
    )
    assert len(listed) == 2  # the hand edit is nobody's change
    code, out, _ = run(capsys, "provenance", path)
    assert "typed by bo" in out


def test_status_prints_sets_and_protects(
    sample: Sample46, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(sample.path)
    code, out, _ = run(capsys, "status", path, "46")
    assert code == 0
    assert "paragraph 46: open (set by hand); 0 bracketed passages; 2 changes open" in out

    code, out, _ = run(capsys, "status", path, "46", "agreed-ad-ref")
    assert "status set to agreed ad ref" in out
    assert "warning: paragraph 46 is agreed ad ref with changes open" in out

    code, _, err = run(capsys, "accept", path, "46", "--change", "Gender Caucus 1")
    assert code == 2
    assert err.strip() == (
        f"{path}: paragraph 46 is agreed ad ref: its text is protected; set its status back "
        f"(workbench status {path} 46 open) or use --force"
    )
    code, _, err = run(capsys, "edit", path, "46", "--text", "Other words.")
    assert code == 2
    assert "protected" in err
    assert run(capsys, "accept", path, "46", "--change", "Gender Caucus 1", "--force")[0] == 0
    assert run(capsys, "status", path, "46", "open")[0] == 0
    assert run(capsys, "edit", path, "46", "--text", "Other words.")[0] == 0


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["diff", "{path}", "99"], "no paragraph labelled '99'"),
        (["diff", "{path}", "46", "--from", "Nobody"], "no stakeholder named 'Nobody'"),
        (["diff", "{path}", "46", "--from", "Chair"], "has no proposal from Chair"),
        (["accept", "{path}", "46", "--change", "GC 7"], "has no change 'GC 7'"),
        (["accept", "{path}", "46", "--hunk", "1"], "--all and --hunk need --from"),
        (
            ["accept", "{path}", "46", "--from", "Gender Caucus", "--hunk", "7"],
            "no change 7 pending from Gender Caucus",
        ),
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


def test_the_plain_flow_of_the_sample_on_the_command_line(
    tmp_path: Path, sample_docx: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """accept --from GC --all on every paragraph: every compromise is the caucus's text."""
    path = str(tmp_path / "tunis.nwb")
    assert run(capsys, "import", str(sample_docx), "--into", path)[0] == 0
    code, out, _ = run(capsys, "dump", path)
    document = json.loads(out)
    for paragraph in document["paragraphs"]:
        gc = [v for v in paragraph["variants"] if v["stakeholder"] == "GC"]
        if not gc:
            continue
        code, out, err = run(capsys, "accept", path, paragraph["label"], "--from", "GC", "--all")
        assert code == 0, err
    code, out, _ = run(capsys, "dump", path)
    for paragraph in json.loads(out)["paragraphs"]:
        gc = [v for v in paragraph["variants"] if v["stakeholder"] == "GC"]
        if gc:
            # White space too: the blank line the caucus dropped in 51 is no change of its own
            # to decide, but it comes with "all".
            assert paragraph["compromise"] == gc[0]["text"], paragraph["label"]
            code, out, _ = run(capsys, "diff", path, paragraph["label"], "--json")
            assert {row["state"] for row in json.loads(out)["changes"]} <= {"accepted"}
