"""The work FileActions hands to the worker thread: no widgets here, each job its own connection.

Every job takes `(progress, cancelled)` as ui.worker calls it. A job never touches the UI's
WorkbenchFile connection; it opens a sibling (`reopen_for_thread`, which shares the writer
lock) or a file of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench import snapshots
from workbench.exporting import ExportOptions, ExportReport, Layout, export_file
from workbench.importing import (
    AuthorMap,
    ColumnOverride,
    ImportReport,
    TablePreview,
    import_file,
    index_for_search,
    preview_table,
)
from workbench.importing.new_file import import_into_new_file
from workbench.storage import WorkbenchFile

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class ImportRequest:
    """What the Import dialog (or a drop, or the command line) asks for."""

    source: Path
    column_overrides: Mapping[int, ColumnOverride] | None = None
    stakeholder: str | None = None  # statements: whose text it is
    author: str | None = None  # who the history credits (the user's display name)
    profile: str | None = None  # the layout to read it as; None: the best fit
    authors: AuthorMap | None = None  # whose proposals Word's tracked changes are


@dataclass(frozen=True)
class ImportOutcome:
    report: ImportReport
    workbench_path: Path
    new_file: bool  # a new workbench file was made (open it), else the open one changed


def _chosen(request: ImportRequest) -> dict[str, Any]:
    """What the user chose in the Import dialog, as both doors into the importer take it."""
    return {
        "column_overrides": request.column_overrides,
        "stakeholder": request.stakeholder,
        "author": request.author,
        "profile": request.profile,
        "authors": request.authors,
    }


def _run_import(
    request: ImportRequest, wb: WorkbenchFile, progress: Progress, cancelled: Cancelled
) -> ImportReport:
    report = import_file(
        request.source, wb, progress=progress, cancelled=cancelled, **_chosen(request)
    )
    index_for_search(wb)  # here, off the UI thread, not at the first search
    return report


def preview(source: Path, profile: str | None = None) -> Callable[..., TablePreview]:
    """A job reading what an import of `source` would find (long files take seconds)."""

    def job(progress: Progress, cancelled: Cancelled) -> TablePreview:
        return preview_table(source, profile=profile, progress=progress, cancelled=cancelled)

    return job


def import_into(wb: WorkbenchFile, request: ImportRequest) -> Callable[..., ImportOutcome]:
    """A job importing into the open file `wb` (one transaction: all or nothing)."""

    def job(progress: Progress, cancelled: Cancelled) -> ImportOutcome:
        with wb.reopen_for_thread() as sibling:
            report = _run_import(request, sibling, progress, cancelled)
        return ImportOutcome(report, wb.path, new_file=False)

    return job


def import_as_new_file(
    request: ImportRequest, target: Path, *, replace: bool
) -> Callable[..., ImportOutcome]:
    """A job importing into a new workbench file at `target` (the domain's one door for it).

    `replace`: the user agreed to replace the workbench file at `target` (a snapshot of it is
    taken first). The caller has closed `target` if it had it open.
    """

    def job(progress: Progress, cancelled: Cancelled) -> ImportOutcome:
        report = import_into_new_file(
            request.source,
            target,
            replace=replace,
            progress=progress,
            cancelled=cancelled,
            **_chosen(request),
        )
        return ImportOutcome(report, target, new_file=True)

    return job


def export_from(
    wb: WorkbenchFile,
    out: Path,
    layout: Layout,
    stakeholders: Sequence[str] | None,
    options: ExportOptions,
    *,
    any_suffix: bool = False,
) -> Callable[..., ExportReport]:
    def job(progress: Progress, cancelled: Cancelled) -> ExportReport:
        with wb.reopen_for_thread() as sibling:
            return export_file(
                sibling,
                out,
                layout=layout,
                stakeholders=stakeholders,
                options=options,
                progress=progress,
                cancelled=cancelled,
                any_suffix=any_suffix,
            )

    return job


def restore_snapshot(wb: WorkbenchFile, name: str) -> Callable[..., snapshots.Snapshot]:
    def job(progress: Progress, cancelled: Cancelled) -> snapshots.Snapshot:
        with wb.reopen_for_thread() as sibling:
            return snapshots.restore(sibling, name)

    return job
