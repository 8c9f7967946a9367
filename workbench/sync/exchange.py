"""Export what this laptop has not sent yet; apply what colleagues sent, in any order.

Export writes this file's own rows written since its last export (rows of every origin it has
written under: a copy that took a new origin still sends what it wrote before) as changeset
number n of its current origin, recorded as sent in the same transaction. Nothing new: no file.

Apply takes any number of changes files and applies each in one transaction, once: a file
already applied is skipped (a duplicate delivery), one that builds on a changeset this file
does not have yet waits (its header lists what it builds on), and the others are applied in an
order that respects that, so the order of delivery does not matter. A file of another
negotiation, of a newer schema, damaged, or with a row that contradicts one here is refused
with one line and changes nothing. After an apply, each paragraph's head follows what was
built on it; a paragraph edited on both sides has two heads (a fork, shown as a proposal).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.errors import WorkbenchError
from workbench.schema import MIGRATION_NAMES, SCHEMA_VERSION
from workbench.sync import changeset, envelope
from workbench.sync.envelope import Header

if TYPE_CHECKING:
    from workbench.storage import WorkbenchFile

Progress = Callable[[int, int], None]


def _no_progress(_done: int, _total: int) -> None:
    return None


@dataclass(frozen=True)
class Exported:
    path: Path
    header: Header

    @property
    def label(self) -> str:
        return f"{self.header.author or 'this laptop'} #{self.header.seq}"


@dataclass
class ApplyReport:
    """What an apply did, file by file, in lines a user reads."""

    applied: list[str] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    paragraphs: set[int] = field(default_factory=set)  # paragraphs that received something
    rows: int = 0

    def lines(self) -> list[str]:
        return [
            *(f"applied {line}" for line in self.applied),
            *(f"already had {line}" for line in self.already),
            *(f"waiting: {line}" for line in self.waiting),
            *(f"missing {line}" for line in self.missing),
            *(f"warning: {line}" for line in self.warnings),
        ]


def negotiation_of(wb: WorkbenchFile) -> str:
    negotiation = wb.get_meta("negotiation")
    if not negotiation:
        raise WorkbenchError(wb.path, "has no negotiation id (open it once for writing)")
    return negotiation


def _label(names: dict[int, str], origin: int, seq: int) -> str:
    return f"{names.get(origin) or f'laptop {origin}'} #{seq}"


def _deps(wb: WorkbenchFile) -> dict[int, int]:
    """For each origin, the last changeset of it this file has (they come in order)."""
    return {origin: max(seqs) for origin, seqs in wb.changesets_had().items() if seqs}


def export_changes(wb: WorkbenchFile, target: Path, author: str) -> Exported | None:
    """Writes this laptop's unsent rows to `target` (a file, or a folder to name one in);
    None when there is nothing new to send."""
    if wb.read_only or wb.origin is None:
        raise WorkbenchError(wb.path, f"cannot export: {wb.read_only_reason or 'no origin'}")
    rows, marks = wb.unsent_rows()
    count = sum(len(found) for table, found in rows.items() if table != "stakeholders")
    if not count:
        return None
    origin = wb.origin
    seq = wb.next_changeset_number(origin)
    names = wb.origin_names()
    names[origin] = author
    deps = _deps(wb)
    header = Header(
        negotiation=negotiation_of(wb),
        origin=origin,
        seq=seq,
        schema=SCHEMA_VERSION,
        migrations=MIGRATION_NAMES,
        author=author,
        made_at=_now(),
        deps=deps,
        names={o: names.get(o, "") for o in {*deps, origin}},
        rows=count,
    )
    if target.is_dir():
        target = target / file_name(header)
    body = changeset.encode(wb.shared_columns(), rows)
    with wb.transaction():
        # Recorded first, written last: if the file cannot be written, the transaction rolls
        # back and the rows stay unsent.
        wb.record_sent(origin, seq, author, header.made_at, count, marks)
        header = envelope.write(target, header, body)
    return Exported(target, header)


def file_name(header: Header) -> str:
    who = "".join(c if c.isalnum() else "-" for c in header.author).strip("-")[:40] or "laptop"
    return f"{who}-{header.origin}-{header.seq:05d}{envelope.SUFFIX}"


def apply_changes(
    wb: WorkbenchFile, paths: Iterable[Path], progress: Progress = _no_progress
) -> ApplyReport:
    """Applies the changes files (see the module docstring); refusals are in the report."""
    if wb.read_only:
        raise WorkbenchError(wb.path, f"cannot apply changes: {wb.read_only_reason}")
    report = ApplyReport()
    negotiation = negotiation_of(wb)
    names = wb.origin_names()
    had = wb.changesets_had()
    pending: dict[tuple[int, int], tuple[Path, Header]] = {}
    for path in paths:
        try:
            header, _ = envelope.read(path, with_body=False)
            _check_header(path, header, negotiation)
        except envelope.Incomplete as error:
            report.warnings.append(str(error))
            continue
        except WorkbenchError as error:
            report.refused.append(str(error))
            continue
        names.update({o: n for o, n in header.names.items() if n and not names.get(o)})
        names.setdefault(header.origin, header.author)
        key = (header.origin, header.seq)
        label = _label(names, *key)
        if header.seq in had.get(header.origin, set()):
            if header.origin != wb.origin:
                report.already.append(f"{label} ({path.name})")
            continue
        if header.origin == wb.origin:
            report.refused.append(
                f"{path}: says it was written by this very file ({label}), which never wrote it: "
                "a copy of this file that kept its origin? not applied"
            )
            continue
        pending.setdefault(key, (path, header))
    total = len(pending)
    done = 0
    progress(done, total)
    while True:
        ready = sorted(key for key, (_, header) in pending.items() if _builds_on(header, had) == [])
        if not ready:
            break
        for key in ready:
            path, header = pending.pop(key)
            try:
                _apply_one(wb, path, header, report, _label(names, *key))
            except envelope.Incomplete as error:
                report.warnings.append(str(error))
            except WorkbenchError as error:
                report.refused.append(str(error))
            else:
                had.setdefault(key[0], set()).add(key[1])
            done += 1
            progress(done, total)
    for (origin, seq), (path, header) in sorted(pending.items()):
        lacking = ", ".join(_label(names, o, s) for o, s in _builds_on(header, had))
        report.waiting.append(f"{_label(names, origin, seq)} ({path.name}) needs {lacking} first")
    report.missing = _gaps(had, pending, names)
    return report


def _check_header(path: Path, header: Header, negotiation: str) -> None:
    if header.negotiation != negotiation:
        raise WorkbenchError(
            path, "belongs to another negotiation (another workbench file): not applied"
        )
    unknown = [name for name in header.migrations if name not in MIGRATION_NAMES]
    if header.schema > SCHEMA_VERSION or unknown:
        raise WorkbenchError(
            path,
            f"was written by a newer workbench (schema {header.schema}; this one has "
            f"{SCHEMA_VERSION}): update the workbench to apply it",
        )


def _builds_on(header: Header, had: dict[int, set[int]]) -> list[tuple[int, int]]:
    """The changesets `header`'s file builds on that this file lacks (earliest of each)."""
    lacking = []
    wanted = dict(header.deps)
    wanted[header.origin] = max(wanted.get(header.origin, 0), header.seq - 1)
    for origin, last in sorted(wanted.items()):
        have = had.get(origin, set())
        missing = [seq for seq in range(1, last + 1) if seq not in have]
        if missing:
            lacking.append((origin, missing[0]))
    return lacking


def _gaps(
    had: dict[int, set[int]],
    pending: dict[tuple[int, int], tuple[Path, Header]],
    names: dict[int, str],
) -> list[str]:
    """Changesets known to exist (numbered below one had or waiting, or built on) but not here."""
    known: dict[int, int] = {origin: max(seqs) for origin, seqs in had.items() if seqs}
    for (origin, seq), (_, header) in pending.items():
        known[origin] = max(known.get(origin, 0), seq)
        for dep, last in header.deps.items():
            known[dep] = max(known.get(dep, 0), last)
    gaps = []
    for origin, last in sorted(known.items()):
        waiting = {seq for o, seq in pending if o == origin}
        for seq in range(1, last + 1):
            if seq not in had.get(origin, set()) and seq not in waiting:
                gaps.append(_label(names, origin, seq))
    return gaps


def _apply_one(
    wb: WorkbenchFile, path: Path, header: Header, report: ApplyReport, label: str
) -> None:
    _, body = envelope.read(path)
    try:
        rows = changeset.decode(body)
    except changeset.ChangesetError as error:
        raise WorkbenchError(path, f"{error}; not applied") from None
    with wb.transaction():
        received = wb.receive_rows(rows, f"{path} ({label})")
        for origin, name in header.names.items():
            if name:
                wb.know_origin(origin, name)
        wb.record_changeset(header.origin, header.seq, header.author, header.made_at, header.rows)
        wb.move_heads(received.paragraphs)
    count = sum(received.inserted.values())
    report.rows += count
    report.applied.append(f"{label} ({count} new rows)")
    report.warnings += received.warnings
    report.paragraphs |= received.paragraphs


def _now() -> str:
    from workbench.storage import utc_now

    return utc_now()


def changes_files(folder: Path) -> Sequence[Path]:
    """The changes files in `folder` (not the ones still being written), by name."""
    return sorted(
        path
        for path in folder.glob(f"*{envelope.SUFFIX}")
        if path.is_file() and not path.name.startswith(".")
    )
