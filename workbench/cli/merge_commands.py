"""The merge engine on the command line: diff, accept, reject, edit, undo, redo, history, shares."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from workbench import editing, provenance
from workbench.diff import tokenize
from workbench.errors import WorkbenchError
from workbench.merge import PendingHunk, ProposalText
from workbench.model import TYPED_SOURCE, Edit, EditKind, Paragraph, Role
from workbench.wording import counted

if TYPE_CHECKING:  # typing only: storage is imported when a command runs, not when the CLI starts
    from workbench.storage import WorkbenchFile

# Which of a stakeholder's variants `--from` means, first match wins.
_SOURCE_ROLES = (Role.PROPOSAL, Role.DRAFT, Role.COMPROMISE)


def register(subparsers: Any) -> None:
    """Add the merge commands."""

    def command(name: str, help_text: str, run: Callable[[argparse.Namespace], int]) -> Any:
        parser = subparsers.add_parser(name, help=help_text, description=help_text)
        parser.add_argument("file", help="the workbench file")
        parser.set_defaults(func=_guarded(run))
        return parser

    def writer(parser: Any) -> None:
        parser.add_argument(
            "--author", help="who is editing (default: $WORKBENCH_USER, else your login name)"
        )

    parser = command("diff", "list the changes a stakeholder's text makes to the compromise", _diff)
    parser.add_argument("label", help="the paragraph label, e.g. 46 or 43bis")
    parser.add_argument("--from", dest="source", required=True, metavar="STAKEHOLDER")
    parser.add_argument("--rejected", action="store_true", help="also list rejected changes")
    parser.add_argument("--json", action="store_true", help="print JSON")

    for name, verb, run in (("accept", "take", _accept), ("reject", "turn down", _reject)):
        parser = command(name, f"{verb} one or all changes of a stakeholder's text", run)
        parser.add_argument("label", help="the paragraph label")
        parser.add_argument("--from", dest="source", required=True, metavar="STAKEHOLDER")
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--hunk", type=int, metavar="N", help="change N as `diff` numbers it")
        which.add_argument("--all", action="store_true", help="every change still shown")
        writer(parser)

    parser = command("edit", "make the compromise read TEXT (a typed edit)", _edit)
    parser.add_argument("label", help="the paragraph label")
    parser.add_argument("--text", required=True)
    writer(parser)

    for name, run in (("undo", _undo), ("redo", _redo)):
        parser = command(name, f"{name} the last change to a paragraph's compromise", run)
        parser.add_argument("label", help="the paragraph label")
        writer(parser)

    parser = command("history", "list every edit of a paragraph's compromise", _history)
    parser.add_argument("label", help="the paragraph label")
    parser.add_argument("--json", action="store_true", help="print JSON")

    parser = command(
        "provenance",
        "each stakeholder's share of the words, for a paragraph or the document",
        _provenance,
    )
    parser.add_argument("label", nargs="?", help="a paragraph label (default: whole document)")
    parser.add_argument("--json", action="store_true", help="print JSON")


def _guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A WorkbenchError becomes one line on stderr and exit status 2."""

    def handler(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except WorkbenchError as error:
            print(error, file=sys.stderr)
            return 2

    return handler


@contextmanager
def _opened(args: argparse.Namespace, *, write: bool) -> Iterator[WorkbenchFile]:
    from workbench.storage import WorkbenchFile

    with WorkbenchFile.open(args.file, read_only=not write) as wb:
        if write and wb.read_only:
            raise WorkbenchError(wb.path, f"cannot write: {wb.read_only_reason or 'read-only'}")
        yield wb


def _paragraph(wb: WorkbenchFile, label: str) -> Paragraph:
    paragraph: Paragraph | None = wb.paragraph_by_label(label)
    if paragraph is None:
        raise WorkbenchError(wb.path, f"no paragraph labelled {label!r}; check the label")
    return paragraph


def _source(wb: WorkbenchFile, paragraph: Paragraph, name: str) -> ProposalText:
    stakeholder = wb.stakeholder_by_name(name)
    if stakeholder is None:
        known = ", ".join(s.name for s in wb.stakeholders()) or "none"
        raise WorkbenchError(wb.path, f"no stakeholder named {name!r} (known: {known})")
    variants = [v for v in wb.variants(paragraph.id) if v.stakeholder_id == stakeholder.id]
    for role in _SOURCE_ROLES:
        for variant in variants:
            if variant.role is role:
                return ProposalText(variant.id, stakeholder.id, stakeholder.name, variant.text)
    raise WorkbenchError(
        wb.path, f"paragraph {paragraph.label} has no text from {stakeholder.name}"
    )


def _author(args: argparse.Namespace) -> str:
    return str(args.author) if args.author else editing.default_author()


def _describe(item: PendingHunk, compromise: str) -> str:
    hunk = item.hunk
    deleted = hunk.deleted(compromise)
    if hunk.op == "insert":
        # The last few words before the spot, so the negotiator can find it.
        before = "".join(tokenize(compromise[: hunk.base_start])[-6:]).strip()
        what = f"insert {hunk.text!r} after {before!r}" if before else f"insert {hunk.text!r}"
    elif hunk.op == "delete":
        what = f"delete {deleted!r}"
    else:
        what = f"replace {deleted!r} with {hunk.text!r}"
    notes = []
    if item.rejected:
        notes.append("rejected")
    if item.conflict_with:
        names = sorted({other.stakeholder for other in item.conflict_with})
        notes.append("conflicts with " + ", ".join(names))
    if item.agreed_by:
        notes.append("also proposed by " + ", ".join(item.agreed_by))
    return f"{item.number:>3}. {what}" + (f"  ({'; '.join(notes)})" if notes else "")


def _diff(args: argparse.Namespace) -> int:
    with _opened(args, write=False) as wb:
        paragraph = _paragraph(wb, args.label)
        source = _source(wb, paragraph, args.source)
        compromise = wb.compromise(paragraph.id)
        others = [
            p for p in editing.proposals(wb, paragraph.id) if p.variant_id != source.variant_id
        ]
        found = [
            item
            for item in editing.pending(
                wb, paragraph.id, include_rejected=args.rejected, sources=[source, *others]
            )
            if item.variant_id == source.variant_id
        ]
    if args.json:
        rows = [
            {
                "number": item.number,
                "op": item.hunk.op,
                "start": item.hunk.base_start,
                "end": item.hunk.base_end,
                "deleted": item.hunk.deleted(compromise),
                "text": item.hunk.text,
                "stakeholder": item.stakeholder,
                "rejected": item.rejected,
                "conflicts_with": sorted({other.stakeholder for other in item.conflict_with}),
                "agreed_by": list(item.agreed_by),
            }
            for item in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    count = counted(len(found), "change")
    print(f"paragraph {paragraph.label}: {count} from {source.stakeholder}")
    for item in found:
        print(_describe(item, compromise))
    return 0


def _chosen(
    wb: WorkbenchFile, paragraph: Paragraph, source: ProposalText, number: int
) -> PendingHunk:
    for item in editing.pending(wb, paragraph.id, include_rejected=True, sources=[source]):
        if item.number == number:
            return item
    raise WorkbenchError(
        wb.path,
        f"paragraph {paragraph.label} has no change {number} from {source.stakeholder}; "
        f"see `workbench diff {wb.path} {paragraph.label} --from {source.stakeholder!r}`",
    )


def _accept(args: argparse.Namespace) -> int:
    return _take(args, accepting=True)


def _reject(args: argparse.Namespace) -> int:
    return _take(args, accepting=False)


def _take(args: argparse.Namespace, *, accepting: bool) -> int:
    author = _author(args)
    with _opened(args, write=True) as wb:
        paragraph = _paragraph(wb, args.label)
        source = _source(wb, paragraph, args.source)
        if args.all:
            if accepting:
                edit = editing.accept_all(wb, paragraph.id, source.variant_id, author)
                done = [edit] if edit else []
            else:
                done = editing.reject_all(wb, paragraph.id, source.variant_id, author)
        else:
            item = _chosen(wb, paragraph, source, args.hunk)
            take = editing.accept if accepting else editing.reject
            done = [take(wb, paragraph.id, item, author)]
        if not done:
            print(f"paragraph {paragraph.label}: no changes from {source.stakeholder} to take")
            return 0
        for edit in done:
            print(f"paragraph {paragraph.label}: {edit.note}")
        print(wb.compromise(paragraph.id))
    return 0


def _edit(args: argparse.Namespace) -> int:
    with _opened(args, write=True) as wb:
        paragraph = _paragraph(wb, args.label)
        edit = editing.type_text(wb, paragraph.id, args.text, _author(args))
        print(f"paragraph {paragraph.label}: " + ("edited" if edit else "unchanged"))
    return 0


def _undo(args: argparse.Namespace) -> int:
    return _step(args, editing.undo, "undo")


def _redo(args: argparse.Namespace) -> int:
    return _step(args, editing.redo, "redo")


def _step(
    args: argparse.Namespace,
    step: Callable[[WorkbenchFile, int, str], Edit | None],
    name: str,
) -> int:
    with _opened(args, write=True) as wb:
        paragraph = _paragraph(wb, args.label)
        edit = step(wb, paragraph.id, _author(args))
        if edit is None:
            print(f"paragraph {paragraph.label}: nothing to {name}")
            return 0
        print(f"paragraph {paragraph.label}: {edit.note}")
        print(wb.compromise(paragraph.id))
    return 0


def _source_label(edit: Edit, names: dict[int, str]) -> str:
    if edit.kind is EditKind.TYPED or edit.stakeholder_id is None:
        return TYPED_SOURCE
    return names.get(edit.stakeholder_id, f"stakeholder {edit.stakeholder_id}")


def _history(args: argparse.Namespace) -> int:
    with _opened(args, write=False) as wb:
        paragraph = _paragraph(wb, args.label)
        edits = wb.edits(paragraph.id)
        names = {s.id: s.name for s in wb.stakeholders()}
    rows = [
        {
            "seq": edit.seq,
            "kind": str(edit.kind),
            "source": _source_label(edit, names),
            "author": edit.author,
            "at": edit.at,
            "note": edit.note,
            "text_after": edit.text_after,
        }
        for edit in edits
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"paragraph {paragraph.label}: {counted(len(rows), 'edit')}")
    for row in rows:
        note = f" ({row['note']})" if row["note"] else ""
        who = f"{row['source']} by {row['author']}"
        print(f"{row['seq']:>4}  {row['at']}  {row['kind']:<8} {who}{note}")
        print(f"      {row['text_after']}")
    return 0


def _provenance(args: argparse.Namespace) -> int:
    with _opened(args, write=False) as wb:
        names = {s.id: s.name for s in wb.stakeholders()}
        if args.label:
            paragraph = _paragraph(wb, args.label)
            shares = provenance.shares(provenance.spans(wb.edits(paragraph.id)), names)
            scope = f"paragraph {paragraph.label}"
        else:
            shares = provenance.document_shares(
                (provenance.spans(wb.edits(p.id)) for p in wb.paragraphs()), names
            )
            scope = "document"
    if args.json:
        rounded = {label: round(share, 2) for label, share in shares.items()}
        print(json.dumps({"scope": scope, "shares": rounded}, ensure_ascii=False, indent=2))
        return 0
    print(f"{scope}: share of the words")
    for label, share in shares.items():
        print(f"{share:6.1f}%  {label}")
    return 0
