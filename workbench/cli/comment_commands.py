"""`workbench comments` and `workbench comment`: a paragraph's comment threads, read and written.

Every comment, reply, resolution and reopening is a row of its own, appended in one
transaction (see `workbench.comments`); nothing is ever changed in place.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from workbench import comments, editing
from workbench.errors import WorkbenchError
from workbench.model import Paragraph

if TYPE_CHECKING:  # storage is imported when a command runs, not when the CLI starts
    from workbench.storage import WorkbenchStore


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "comments",
        help="list the comment threads of a paragraph, or of every paragraph",
        description="List each comment thread: who wrote it and when, the words it is on, its "
        "replies, and whether it is resolved. A comment whose words were changed in the "
        "compromise is shown as detached, with the words it was on.",
    )
    parser.add_argument("file", help="the workbench file")
    parser.add_argument("label", nargs="?", help="a paragraph label (default: every paragraph)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=_list)

    parser = subparsers.add_parser(
        "comment",
        help="comment on a paragraph, reply to a comment, resolve or reopen a thread",
        description="Add a comment on words of the paragraph's compromise (--quote; the whole "
        "paragraph without it), a reply to comment ID (--reply-to), or mark the thread of "
        "comment ID resolved (--resolve) or open again (--reopen). Each is recorded as a row of "
        "its own, with its author and time.",
    )
    parser.add_argument("file", help="the workbench file")
    parser.add_argument("label", help="the paragraph label")
    parser.add_argument("--text", help="what the comment or reply says")
    parser.add_argument("--quote", help="the words of the compromise it is on, as written")
    which = parser.add_mutually_exclusive_group()
    # ID: the comment's reference as `comments` lists it ("c2"), or its number in the file.
    which.add_argument("--reply-to", metavar="ID", help="answer comment ID (c1, c2 ...)")
    which.add_argument("--resolve", metavar="ID", help="resolve the thread of ID")
    which.add_argument("--reopen", metavar="ID", help="open the thread of ID again")
    parser.add_argument(
        "--author", help="who is writing (default: $WORKBENCH_USER, else your login name)"
    )
    parser.set_defaults(func=_write)


def _list(args: argparse.Namespace) -> int:
    from workbench.storage import WorkbenchFile

    with WorkbenchFile.open(args.file, read_only=True) as wb:
        paragraphs = wb.paragraphs()
        if args.label:
            paragraph = wb.paragraph_by_label(args.label)
            if paragraph is None:
                raise WorkbenchError(
                    wb.path, f"no paragraph labelled {args.label!r}; check the label"
                )
            paragraphs = [paragraph]
        found = [(paragraph.label, thread_data(wb, paragraph.id)) for paragraph in paragraphs]
    found = [(label, threads) for label, threads in found if threads or args.label]
    if args.json:
        json.dump(
            {"paragraphs": [{"label": label, "comments": threads} for label, threads in found]},
            sys.stdout,
            ensure_ascii=False,
            indent=2,
        )
        sys.stdout.write("\n")
        return 0
    for label, threads in found:
        if not threads:
            print(f"{label}: no comments")
        for thread in threads:
            print(_thread_line(label, thread))
            for reply in thread["replies"]:
                who = f"{reply['author']} ({reply['date']})"
                print(f"    reply {reply['ref']} by {who}: {reply['text']}")
    if not found:
        print("no comments")
    return 0


def _paragraph(wb: WorkbenchStore, label: str) -> Paragraph:
    paragraph = wb.paragraph_by_label(label)
    if paragraph is None:
        raise WorkbenchError(wb.path, f"no paragraph labelled {label!r}; check the label")
    return paragraph


def _thread_line(label: str, thread: dict[str, Any]) -> str:
    state = "resolved" if thread["resolved"] else "open"
    if thread["detached"] and thread["on"] == "proposal":
        where = f"on {thread['quote']!r} of a proposal, not in the compromise"
    elif thread["detached"]:
        where = f"detached: its words {thread['quote']!r} are no longer in the compromise"
    elif thread["quote"]:
        where = f"on {thread['quote']!r}"
    else:
        where = "on the paragraph"
    return (
        f"{label} {thread['ref']} by {thread['author']} ({thread['date']}), {where}, {state}: "
        f"{thread['text']}"
    )


def thread_data(wb: WorkbenchStore, paragraph_id: int) -> list[dict[str, Any]]:
    """A paragraph's threads as plain data (for `comments --json` and `dump`)."""
    named = comments.references(wb.comments(paragraph_id))
    return [
        {
            "id": thread.comment.id,
            "ref": named.get(thread.comment.id, ""),
            "author": thread.comment.author,
            "date": thread.comment.at,
            "text": thread.comment.text,
            "quote": thread.comment.quote,
            "on": thread.anchor,
            "detached": thread.detached,
            "start": thread.placed[0] if thread.placed else None,
            "end": thread.placed[1] if thread.placed else None,
            "resolved": thread.resolved,
            "replies": [
                {
                    "id": reply.id,
                    "ref": named.get(reply.id, ""),
                    "author": reply.author,
                    "date": reply.at,
                    "text": reply.text,
                }
                for reply in thread.replies
            ],
        }
        for thread in comments.threads(wb, paragraph_id)
    ]


def _write(args: argparse.Namespace) -> int:
    from workbench.storage import WorkbenchFile

    author = args.author or editing.default_author()
    with WorkbenchFile.open(args.file) as wb:
        if wb.read_only:
            raise WorkbenchError(wb.path, f"cannot write: {wb.read_only_reason or 'read-only'}")
        paragraph = _paragraph(wb, args.label)
        try:
            if args.resolve is not None or args.reopen is not None:
                given = args.resolve if args.resolve is not None else args.reopen
                target = comments.comment_named(wb, paragraph.id, given)
                comments.resolve(wb, paragraph.id, target, author, reopen=args.reopen is not None)
                done = "reopened" if args.reopen is not None else "resolved"
                print(f"{paragraph.label}: thread of comment {_ref(wb, paragraph, target)} {done}")
                return 0
            if not args.text:
                raise WorkbenchError(None, "give the comment's words with --text")
            if args.reply_to is not None:
                target = comments.comment_named(wb, paragraph.id, args.reply_to)
                row = comments.reply(wb, paragraph.id, target, args.text, author)
                print(
                    f"{paragraph.label}: reply {_ref(wb, paragraph, row.id)} to comment "
                    f"{_ref(wb, paragraph, target)}"
                )
                return 0
            row = comments.add_comment(wb, paragraph.id, args.text, author, quote=args.quote)
        except WorkbenchError as error:
            if error.path is None:
                raise WorkbenchError(wb.path, str(error.problem)) from None
            raise
        where = f"on {row.quote!r}" if args.quote else "on the paragraph"
        print(f"{paragraph.label}: comment {_ref(wb, paragraph, row.id)} {where}")
    return 0


def _ref(wb: WorkbenchStore, paragraph: Paragraph, comment_id: int) -> str:
    """ "c2": how `comments` lists the comment (its id where it has no reference)."""
    return comments.references(wb.comments(paragraph.id)).get(comment_id, str(comment_id))
