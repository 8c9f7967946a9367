"""Comments in a real workbench file: imported from Word, written on the command line, checked.

Comments, replies and resolutions are rows of an append-only log; a comment is anchored in a
text that never changes and shown on today's compromise, or as detached once its words change.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.append(str(Path(__file__).parent / "importing"))

from tracked_builders import (
    CHAPEAU,
    comment,
    commented,
    commented_decision,
    numbered,
    write_tracked_docx,
)

from workbench import comments, editing
from workbench.checks import check
from workbench.cli import main
from workbench.comments import placement
from workbench.importing import import_file
from workbench.model import CommentKind, Role
from workbench.storage import WorkbenchFile


@pytest.fixture
def imported(tmp_path: Path) -> Path:
    path = tmp_path / "talks.nwb"
    with WorkbenchFile.create(path) as wb:
        report = import_file(commented_decision(tmp_path / "decision.docx"), wb)
        assert report.written.comments_added == 4
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str | Path) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_word_comments_are_stored_on_the_words_they_quote(imported: Path, tmp_path: Path) -> None:
    with WorkbenchFile.open(imported) as wb:
        one = wb.paragraph_by_label("1")
        assert one is not None
        log = wb.comments(one.id)
        variants = {v.id: v for v in wb.variants(one.id)}
        rows = [(c.kind, c.author, c.text, c.quote) for c in log]
        assert rows == [
            (
                CommentKind.COMMENT,
                "Bo",
                "Comprehensive? It is a summary.",
                "the comprehensive report",
            ),
            (CommentKind.RESOLVE, "Bo", "", ""),
            (CommentKind.COMMENT, "Cy", "Which secretariat?", "report of the secretariat"),
            (CommentKind.COMMENT, "Ana", "The annex matters.", " and its annex"),
            (CommentKind.REPLY, "Ana", "Agreed, drop it.", ""),
        ]
        # Anchored in the variants whose words they quote: the draft, and Ana's proposal.
        bo, _, cy, ana, reply = log
        assert variants[bo.variant_id].role is Role.DRAFT  # type: ignore[index]
        assert cy.variant_id == bo.variant_id
        assert variants[ana.variant_id].role is Role.PROPOSAL  # type: ignore[index]
        assert (reply.target_id, log[1].target_id) == (bo.id, bo.id)
        assert bo.at == "2024-03-05T09:00:00Z"
        threads = comments.threads(wb, one.id)
        assert [(t.comment.author, t.resolved, [r.text for r in t.replies]) for t in threads] == [
            ("Bo", True, ["Agreed, drop it."]),
            ("Cy", False, []),
            ("Ana", False, []),
        ]
        compromise = wb.compromise(one.id)
        start, end = threads[1].placed  # type: ignore[misc]
        assert compromise[start:end] == "report of the secretariat"
        # The annex is only in Ana's proposal: not in the compromise until it is accepted.
        assert threads[2].detached
        assert check(wb) == []
        before = wb.comments_by_paragraph()
    with WorkbenchFile.open(imported) as wb:
        import_file(commented_decision(tmp_path / "again.docx"), wb)
        assert wb.comments_by_paragraph() == before  # the same comments are not added twice


def test_a_comment_follows_the_compromise_or_says_it_is_detached(imported: Path) -> None:
    with WorkbenchFile.open(imported) as wb:
        one = wb.paragraph_by_label("1")
        assert one is not None
        ana = next(v for v in wb.variants(one.id) if v.role is Role.PROPOSAL)
        editing.accept_all(wb, one.id, ana.id, "Lead")
        compromise = wb.compromise(one.id)
        assert compromise == "Welcomes the comprehensive report of the secretariat and its annex."
        annex = comments.threads(wb, one.id)[2]
        assert compromise[annex.placed[0] : annex.placed[1]] == " and its annex"  # type: ignore[index]
        editing.type_text(wb, one.id, "Welcomes the summary report of the secretariat.", "Lead")
        bo, cy, annex = comments.threads(wb, one.id)
        assert bo.detached  # "comprehensive" is gone
        assert annex.detached
        assert not cy.detached
        assert (bo.comment.quote, bo.anchor) == ("the comprehensive report", "draft")


def test_comments_written_on_the_command_line(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(
        capsys,
        "comment",
        imported,
        "1",
        "--text",
        "Shorter?",
        "--quote",
        "of the secretariat",
        "--author",
        "Dee",
    )
    assert code == 0
    # Named as a person types it, not by its 64-bit row id.
    assert re.match(r"1: comment c\d+ on 'of the secretariat'", out)
    new_id = out.split("comment ")[1].split()[0]
    assert (
        run(
            capsys,
            "comment",
            imported,
            "1",
            "--reply-to",
            new_id,
            "--text",
            "No.",
            "--author",
            "Bo",
        )[0]
        == 0
    )
    assert run(capsys, "comment", imported, "1", "--resolve", new_id, "--author", "Dee")[0] == 0
    assert run(capsys, "comment", imported, "1", "--reopen", new_id, "--author", "Bo")[0] == 0
    code, out, _ = run(capsys, "comments", imported, "1", "--json")
    assert code == 0
    threads = json.loads(out)["paragraphs"][0]["comments"]
    mine = threads[-1]
    assert (mine["author"], mine["text"], mine["quote"], mine["on"]) == (
        "Dee",
        "Shorter?",
        "of the secretariat",
        "compromise",
    )
    assert mine["resolved"] is False  # resolved, then reopened
    assert [(r["author"], r["text"]) for r in mine["replies"]] == [("Bo", "No.")]
    code, out, _ = run(capsys, "comments", imported)
    assert re.search(r"^1 c1 by Bo", out, flags=re.M)
    assert "resolved: Comprehensive? It is a summary." in out
    assert re.search(r"^    reply c\d+ by Bo", out, flags=re.M)
    assert f"1 {new_id} by Dee" in out
    # The dump carries them per paragraph.
    code, out, _ = run(capsys, "dump", imported)
    dumped = {p["label"]: p["comments"] for p in json.loads(out)["paragraphs"]}
    assert dumped["Chapeau"] == []
    first = dumped["1"][0]
    assert {k: first[k] for k in ("author", "date", "text", "quote", "resolved")} == {
        "author": "Bo",
        "date": "2024-03-05T09:00:00Z",
        "text": "Comprehensive? It is a summary.",
        "quote": "the comprehensive report",
        "resolved": True,
    }
    assert first["replies"][0]["text"] == "Agreed, drop it."
    assert run(capsys, "check", imported)[0] == 0


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["comment", "{file}", "99", "--text", "x"], "no paragraph labelled '99'"),
        (["comment", "{file}", "1", "--text", "x", "--quote", "not there"], "does not have"),
        (["comment", "{file}", "1", "--reply-to", "999", "--text", "x"], "comment 999 is not"),
        (["comment", "{file}", "1", "--reply-to", "c99", "--text", "x"], "comment c99 is not"),
        (["comment", "{file}", "1"], "--text"),
        (["comments", "{file}", "99"], "no paragraph labelled"),
    ],
)
def test_comment_mistakes_are_one_line(
    imported: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    code, _, err = run(capsys, *[a.format(file=imported) for a in args])
    assert code == 2
    assert err.count("\n") == 1
    assert said in err
    assert str(imported) in err


def test_the_comment_log_is_append_only_and_checked(imported: Path) -> None:
    conn = sqlite3.connect(imported)
    for statement in ("UPDATE comments SET text = 'rewritten'", "DELETE FROM comments"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(statement)
    # Planted rows (the guard set aside, as another program could): check names each one.
    conn.execute("DROP TRIGGER comments_no_update")
    first = conn.execute("SELECT min(id) FROM comments").fetchone()[0]
    conn.execute("UPDATE comments SET quote = 'other words' WHERE id = ?", [first])
    conn.execute("UPDATE comments SET target_id = NULL WHERE kind = 'reply'")
    conn.commit()
    conn.close()
    with WorkbenchFile.open(imported, read_only=True) as wb:
        problems = check(wb)
    assert f"comment {first}: the words it quotes are not those at its place" in problems
    assert any("a reply must name the comment it concerns" in p for p in problems)
    assert any("comments_no_update" in p for p in problems)


def test_a_repeated_phrase_is_followed_through_the_log(tmp_path: Path) -> None:
    # The comment is on the second "the Internet"; the hand edit takes that one out (its
    # splice, kept in the log, says which). A diff of the two texts would take the first for
    # the one gone and leave the comment on the remaining words: the log says it is detached.
    source = write_tracked_docx(
        tmp_path / "repeated.docx",
        CHAPEAU + numbered("Notes the Internet, ", commented(1, "the Internet"), "."),
        comments=[comment(1, "Bo", "Which Internet?")],
    )
    with WorkbenchFile.create(tmp_path / "talks.nwb") as wb:
        import_file(source, wb)
        one = wb.paragraph_by_label("1")
        assert one is not None
        [thread] = comments.threads(wb, one.id)
        before = wb.compromise(one.id)
        assert thread.placed == (20, 32)
        editing.type_text(wb, one.id, "Notes the Internet.", "Lead")
        edit = wb.edits(one.id)[-1]
        assert (edit.start, edit.end) == (18, 32)  # ", the Internet": the second one went
        [thread] = comments.threads(wb, one.id)
        assert thread.detached
        assert placement(before, 20, 32, "Notes the Internet.") == (6, 18)  # a diff's guess
