"""Word export: the table the file came in (with tracked changes), a clean text, a history.

`export_file` is the one entry point, for the command line and the window's Export dialog
alike. The document is built with lxml in memory, saved next to the target and renamed over
it, so a cancelled or failed export leaves no partial file behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from docx.document import Document

from workbench.errors import OperationCancelled, WorkbenchError
from workbench.exporting import target
from workbench.exporting.clean_layout import write_clean
from workbench.exporting.document import new_document, save_atomically
from workbench.exporting.history_layout import write_history
from workbench.exporting.options import LAYOUTS, ExportOptions, ExportReport, Layout
from workbench.exporting.paper import Paper
from workbench.exporting.runs import Fonts, TextCleaner
from workbench.exporting.table_layout import header_titles, write_table
from workbench.exporting.tracked import ChangeStyle, ChangeWriter, RevisionIds

if TYPE_CHECKING:
    from workbench.storage import WorkbenchStore

__all__ = [
    "LAYOUTS",
    "ExportOptions",
    "ExportReport",
    "Fonts",
    "Layout",
    "Paper",
    "export_file",
]


def export_file(
    wb: WorkbenchStore,
    out_path: str | Path,
    *,
    layout: Layout = "table",
    stakeholders: Sequence[str] | None = None,
    options: ExportOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    any_suffix: bool = False,
) -> ExportReport:
    """Write the workbench's text to a .docx; OperationCancelled leaves `out_path` untouched.

    `stakeholders` chooses the proposal columns of the table layout (default: every
    stakeholder with a proposal). `progress(done, total)` is called per row, `cancelled()`
    is checked per row. The target is checked first (`target.check`): never the workbench
    file, a read-only file or a folder; a name not ending in .docx only with `any_suffix`
    (the user was asked).
    """
    options = options or ExportOptions()
    out = Path(out_path)
    if layout not in LAYOUTS:
        raise WorkbenchError(out, f"unknown layout {layout!r}; use one of {', '.join(LAYOUTS)}")
    target.check(out, wb.path, any_suffix=any_suffix)
    title = options.title if options.title is not None else (wb.get_meta("title") or "")
    document = new_document(title=title or wb.path.stem, author=options.author, paper=options.paper)
    ids = RevisionIds()
    cleaner = TextCleaner()
    writer = ChangeWriter(options.fonts, ids, cleaner)
    try:
        written = _write(wb, document, writer, layout, stakeholders, options, progress, cancelled)
        save_atomically(document, out, cancelled)
    except OperationCancelled:
        raise OperationCancelled(out) from None
    return ExportReport(
        out_path=out,
        layout=layout,
        paragraphs=written.paragraphs,
        columns=written.columns,
        tracked_changes=ids.count,
        removed_characters=cleaner.removed,
        paper=options.paper,
        without_text=written.without_text,
        proposals_as_rows=written.proposals_as_rows,
    )


class _Written(NamedTuple):
    paragraphs: int
    columns: tuple[str, ...] = ()  # the table layout's column titles
    without_text: tuple[str, ...] = ()  # the clean layout's left-out labels
    proposals_as_rows: int = 0  # the table layout's proposal columns, stacked as rows


def _write(
    wb: WorkbenchStore,
    document: Document,
    writer: ChangeWriter,
    layout: Layout,
    stakeholders: Sequence[str] | None,
    options: ExportOptions,
    progress: Callable[[int, int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> _Written:
    # Imported here: reading the workbench needs storage and the engine, building does not.
    from workbench.exporting.collect import clean_items, histories, table_data

    if layout == "table":
        table = table_data(wb, stakeholders, options)
        style = ChangeStyle.REDLINE if options.redline_compromise else ChangeStyle.TRACKED
        count = write_table(
            document, table, writer, compromise_style=style, progress=progress, cancelled=cancelled
        )
        stacked = len(table.proposal_titles) if table.stacked else 0
        return _Written(count, columns=tuple(header_titles(table)), proposals_as_rows=stacked)
    if layout == "clean":
        clean = write_clean(
            document, clean_items(wb, options), writer, progress=progress, cancelled=cancelled
        )
        return _Written(clean.paragraphs, without_text=clean.without_text)
    count = write_history(
        document, histories(wb, options), writer, progress=progress, cancelled=cancelled
    )
    return _Written(count)
