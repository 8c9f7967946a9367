"""The merge on the command line: diff, accept, reject, restore-change, edit, undo, redo, status,
history and shares.

Changes are addressed by their stable ids ("GC 2", as `workbench diff` lists them); `--hunk N`
remains as a shorthand for the Nth pending change of `--from STAKEHOLDER`.
"""

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
from workbench.model import ChangeState, Edit, Paragraph, Status
from workbench.paragraph_state import Change, ParagraphState, Proposal
from workbench.wording import counted

if TYPE_CHECKING:  # typing only: storage is imported when a command runs, not when the CLI starts
    from workbench.storage import WorkbenchFile

STATUS_WORDS = {status.value.replace(" ", "-"): status for status in Status}


def register(subparsers: Any) -> None:
    """Add the merge commands."""

    def command(name: str, help_text: str, run: Callable[[argparse.Namespace], int]) -> Any:
        parser = subparsers.add_parser(name, help=help_text, description=help_text)
        parser.add_argument("file", help="the workbench file")
        parser.add_argument("label", help="the paragraph label, e.g. 46 or 43bis")
        parser.set_defaults(func=_guarded(run))
        return parser

    def writer(parser: Any, *, protected: bool = True) -> None:
        parser.add_argument(
            "--author", help="who is editing (default: $WORKBENCH_USER, else your login name)"
        )
        if protected:
            parser.add_argument(
                "--force", action="store_true", help="change an agreed paragraph's text anyway"
            )

    parser = command("diff", "list every change the proposals make, with its id and state", _diff)
    parser.add_argument("--from", dest="source", metavar="STAKEHOLDER", help="one proposer only")
    parser.add_argument("--json", action="store_true", help="print JSON")

    for name, verb, run in (("accept", "take", _accept), ("reject", "turn down", _reject)):
        parser = command(name, f"{verb} a change (by its id) or all of a proposal's", run)
        which = parser.add_mutually_exclusive_group(required=True)
        which.add_argument("--change", metavar="ID", help='the change\'s id, e.g. "GC 2"')
        which.add_argument("--hunk", type=int, metavar="N", help="the Nth pending change of --from")
        which.add_argument("--all", action="store_true", help="every open change of --from")
        parser.add_argument("--from", dest="source", metavar="STAKEHOLDER")
        writer(parser, protected=name == "accept")

    parser = command("restore-change", "offer a rejected change again", _restore)
    parser.add_argument("--change", metavar="ID", required=True, help='e.g. "GC 2"')
    writer(parser, protected=False)

    parser = command("edit", "make the compromise read TEXT (a typed edit)", _edit)
    parser.add_argument("--text", required=True)
    writer(parser)

    for name, run in (("undo", _undo), ("redo", _redo)):
        parser = command(name, f"{name} the last action on a paragraph (of any kind)", run)
        writer(parser)

    parser = command("status", "print a paragraph's status, or set it", _status)
    parser.add_argument("status", nargs="?", choices=sorted(STATUS_WORDS), help="the new status")
    writer(parser, protected=False)

    parser = command("history", "list every edit of a paragraph, of any kind", _history)
    parser.add_argument("--json", action="store_true", help="print JSON")

    parser = subparsers.add_parser(
        "provenance",
        help="each stakeholder's share of the words, for a paragraph or the document",
        description="each stakeholder's share of the words, for a paragraph or the document",
    )
    parser.add_argument("file", help="the workbench file")
    parser.add_argument("label", nargs="?", help="a paragraph label (default: whole document)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(func=_guarded(_provenance))


def _guarded(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A WorkbenchError becomes one line on stderr and exit status 2."""

    def handler(args: argparse.Namespace) -> int:
        try:
            return run(args)
        except editing.ProtectedParagraph as error:
            print(
                f"{error}; set its status back (workbench status {args.file} "
                f"{args.label} open) or use --force",
                file=sys.stderr,
            )
            return 2
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


def _state(wb: WorkbenchFile, label: str) -> ParagraphState:
    return editing.state(wb, _paragraph(wb, label).id)


def _proposals_from(wb: WorkbenchFile, current: ParagraphState, name: str) -> list[Proposal]:
    """The paragraph's proposals going by this tag ("GC (2)"), else by this stakeholder."""
    wanted = " ".join(name.casefold().split())
    found = [p for p in current.proposals if p.tag.casefold() == wanted]
    if not found:
        found = [p for p in current.proposals if p.stakeholder.casefold() == wanted]
    if found:
        return found
    if wb.stakeholder_by_name(name) is None and not any(
        p.tag.casefold() == wanted for p in current.proposals
    ):
        known = ", ".join(s.name for s in wb.stakeholders()) or "none"
        raise WorkbenchError(wb.path, f"no stakeholder named {name!r} (known: {known})")
    raise WorkbenchError(wb.path, f"paragraph {current.label} has no proposal from {name}")


def _author(args: argparse.Namespace) -> str:
    return str(args.author) if args.author else editing.default_author()


def _what(change: Change, current: ParagraphState) -> str:
    """The change as a negotiator reads it aloud; an insertion names the words before it."""
    if change.kind == "delete":
        return f"delete {change.base_text!r}"
    if change.kind == "replace":
        return f"replace {change.base_text!r} with {change.text!r}"
    proposal = current.proposal(change.variant_id)
    base = proposal.base_text if proposal is not None else ""
    before = "".join(tokenize(base[: change.base_start])[-6:]).strip()
    return f"insert {change.text!r}" + (f" after {before!r}" if before else "")


def _notes(change: Change) -> str:
    notes = []
    if len(change.proposers) > 1:
        notes.append("also " + ", ".join(change.ids[1:]))
    if change.rivals:
        notes.append("rivals " + ", ".join(change.rivals))
    if change.state is ChangeState.CONFLICT:
        notes.append(f"the compromise has {change.compromise_text!r}")
    return f"  ({'; '.join(notes)})" if notes else ""


def _change_json(change: Change) -> dict[str, object]:
    return {
        "id": change.id,
        "stakeholders": list(change.stakeholders),
        "kind": change.kind,
        "base_text": change.base_text,
        "text": change.text,
        "state": str(change.state),
        "also": list(change.ids[1:]),
        "rivals": list(change.rivals),
        "compromise_text": change.compromise_text,
    }


def _diff(args: argparse.Namespace) -> int:
    with _opened(args, write=False) as wb:
        current = _state(wb, args.label)
        changes = list(current.changes)
        if args.source:
            variants = {p.variant_id for p in _proposals_from(wb, current, args.source)}
            changes = [c for c in changes if any(p.variant_id in variants for p in c.proposers)]
    if args.json:
        document = {
            "paragraph": current.label,
            "status": str(current.hand_status),
            "changes": [_change_json(change) for change in changes],
        }
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    counts = ", ".join(
        f"{sum(1 for c in changes if c.state is state)} {state}"
        for state in ChangeState
        if any(c.state is state for c in changes)
    )
    print(
        f"paragraph {current.label}: {counted(len(changes), 'change')}"
        + (f" ({counts})" if counts else "")
    )
    if current.flagged:
        print(f"warning: paragraph {current.label} is {current.hand_status} with changes open")
    width = max((len(c.id) for c in changes), default=0)
    for change in changes:
        what = _what(change, current)
        print(f"  {change.id:<{width}}  {change.state:<8}  {what}{_notes(change)}")
    return 0


def _accept(args: argparse.Namespace) -> int:
    return _take(args, accepting=True)


def _reject(args: argparse.Namespace) -> int:
    return _take(args, accepting=False)


def _nth_pending(wb: WorkbenchFile, current: ParagraphState, source: str, number: int) -> Change:
    """`--hunk N`: the Nth pending change of the stakeholder's proposals, in their order."""
    variants = [p.variant_id for p in _proposals_from(wb, current, source)]
    pending = [
        change
        for variant_id in variants
        for change in current.changes_of(variant_id)
        if change.state is ChangeState.PENDING
    ]
    pending = list(dict.fromkeys(pending))
    if not 1 <= number <= len(pending):
        raise WorkbenchError(
            wb.path,
            f"paragraph {current.label} has no change {number} pending from {source} "
            f"({len(pending)} pending); see `workbench diff {wb.path} {current.label}`",
        )
    return pending[number - 1]


def _take(args: argparse.Namespace, *, accepting: bool) -> int:
    author = _author(args)
    force = bool(getattr(args, "force", False))
    with _opened(args, write=True) as wb:
        current = _state(wb, args.label)
        pid = current.paragraph_id
        done: list[Edit] = []
        if (args.all or args.hunk is not None) and not args.source:
            raise WorkbenchError(None, "--all and --hunk need --from STAKEHOLDER")
        if args.all:
            for proposal in _proposals_from(wb, current, args.source):
                if accepting:
                    edit = editing.accept_all(wb, pid, proposal.variant_id, author, force=force)
                else:
                    edit = editing.reject_all(wb, pid, proposal.variant_id, author)
                done.extend([edit] if edit else [])
        else:
            change_id = args.change or _nth_pending(wb, current, args.source, args.hunk).id
            if accepting:
                done.append(editing.accept(wb, pid, change_id, author, force=force))
            else:
                done.append(editing.reject(wb, pid, change_id, author))
        if not done:
            print(f"paragraph {current.label}: nothing open from {args.source} to take")
            return 0
        for edit in done:
            print(f"paragraph {current.label}: {edit.note}")
        after = editing.state(wb, pid)
        print(after.compromise)
        conflicts = [c.id for c in after.changes if c.state is ChangeState.CONFLICT]
        if conflicts:
            print(f"warning: in conflict with the compromise: {', '.join(conflicts)}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    with _opened(args, write=True) as wb:
        current = _state(wb, args.label)
        edit = editing.restore(wb, current.paragraph_id, args.change, _author(args))
        print(f"paragraph {current.label}: {edit.note}")
    return 0


def _edit(args: argparse.Namespace) -> int:
    with _opened(args, write=True) as wb:
        paragraph = _paragraph(wb, args.label)
        edit = editing.type_text(wb, paragraph.id, args.text, _author(args), force=args.force)
        print(f"paragraph {paragraph.label}: " + ("edited" if edit else "unchanged"))
    return 0


def _undo(args: argparse.Namespace) -> int:
    return _step(args, editing.undo, "undo")


def _redo(args: argparse.Namespace) -> int:
    return _step(args, editing.redo, "redo")


def _step(args: argparse.Namespace, step: Callable[..., Edit | None], name: str) -> int:
    with _opened(args, write=True) as wb:
        current = _state(wb, args.label)
        label = current.undo_label if name == "undo" else current.redo_label
        edit = step(wb, current.paragraph_id, _author(args), force=args.force)
        if edit is None:
            print(f"paragraph {current.label}: nothing to {name}")
            return 0
        print(f"paragraph {current.label}: {name}: {label}")
        print(wb.compromise(current.paragraph_id))
    return 0


def _status(args: argparse.Namespace) -> int:
    with _opened(args, write=args.status is not None) as wb:
        current = _state(wb, args.label)
        if args.status is not None:
            status = STATUS_WORDS[args.status]
            edit = editing.set_status(wb, current.paragraph_id, status, _author(args))
            if edit is None:
                print(f"paragraph {current.label}: already {status}")
            else:
                print(f"paragraph {current.label}: status set to {status}")
            current = editing.state(wb, current.paragraph_id)
    brackets = counted(current.brackets, "bracketed passage")
    pending = f"{counted(current.open_count, 'change')} open"
    print(f"paragraph {current.label}: {current.hand_status} (set by hand); {brackets}; {pending}")
    if current.flagged:
        print(f"warning: paragraph {current.label} is {current.hand_status} with changes open")
    return 0


def _history(args: argparse.Namespace) -> int:
    with _opened(args, write=False) as wb:
        current = _state(wb, args.label)
    by_id = {edit.id: edit for edit in current.edits}
    rows = [
        {
            "seq": entry.seq,
            "kind": str(entry.kind),
            "what": entry.what,
            "source": _source(by_id[entry.edit_id], current),
            "author": entry.author,
            "at": entry.at,
            "in_force": entry.in_force,
            "note": by_id[entry.edit_id].note,
            "text_after": entry.text,
        }
        for entry in current.entries()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print(f"paragraph {current.label}: {counted(len(rows), 'edit')}")
    for row in rows:
        undone = "" if row["in_force"] else "  (undone)"
        print(f"{row['seq']:>4}  {row['at']}  {row['what']} by {row['author']}{undone}")
        print(f"      {row['text_after']}")
    return 0


def _source(edit: Edit, current: ParagraphState) -> str:
    """Whose words: the stakeholder's name, or "typed" for a hand edit."""
    if edit.kind.value == "typed" or edit.stakeholder_id is None:
        return "typed"
    return current.names.get(edit.stakeholder_id, f"stakeholder {edit.stakeholder_id}")


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
