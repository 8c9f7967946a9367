"""Import of Word negotiation tables and plain statements into a workbench file.

`import_file` is the one entry point (the CLI and the window's worker thread both call it);
`preview_table` shows the dialog what each column holds before anything is imported. Parsing
(`reading`) builds a pure ImportedDocument; only `writer` touches the workbench file.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench import snapshots
from workbench.editing import default_author
from workbench.errors import OperationCancelled, WorkbenchError
from workbench.importing.authors import AuthorMap, author_map
from workbench.importing.columns import ColumnOverride, ColumnRole, parse_column_override
from workbench.importing.document import (
    ImportedDocument,
    ImportedParagraph,
    ImportedSection,
    ImportedStakeholder,
    ImportedVariant,
)
from workbench.importing.names import near_duplicate_warnings, near_duplicates
from workbench.importing.profiles import PROFILES
from workbench.importing.profiles.findings import found_lines, plural
from workbench.importing.reading import (
    PreviewColumn,
    TablePreview,
    preview_table,
    read_reading,
    read_source,
)
from workbench.importing.writer import WriteResult, write_document
from workbench.wording import name_list

if TYPE_CHECKING:
    from workbench.storage import WorkbenchStore

__all__ = [
    "AuthorMap",
    "ColumnOverride",
    "ColumnRole",
    "ImportCancelled",
    "ImportReport",
    "ImportedDocument",
    "ImportedParagraph",
    "ImportedSection",
    "ImportedStakeholder",
    "ImportedVariant",
    "PreviewColumn",
    "TablePreview",
    "author_map",
    "import_file",
    "index_for_search",
    "near_duplicates",
    "parse_column_override",
    "preview_table",
    "profile_names",
    "read_source",
]

Progress = Callable[[int, int], None]


def profile_names() -> list[str]:
    """The layouts the importer reads, as --profile takes them."""
    return [profile.name for profile in PROFILES]


class ImportCancelled(OperationCancelled):
    """The user cancelled the import; the workbench file is as it was."""


@dataclass(frozen=True)
class ImportReport:
    source: Path
    kind: str  # the layout profile that read it: "table", "statement", "body-text" ...
    sections: int  # found in the source
    paragraphs: int
    stakeholders: tuple[str, ...]
    variants: int
    written: WriteResult
    found: tuple[str, ...] = ()  # what the reading found, warnings included (`found_lines`)

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.found if line.startswith("warning:")]

    def written_lines(self) -> list[str]:
        """What changed in the workbench file."""
        w = self.written
        lines = [
            f"added {plural(w.paragraphs_added, 'paragraph')} "
            f"({w.paragraphs_matched} matched existing), "
            f"{plural(w.sections_added, 'section')}, "
            f"{plural(w.stakeholders_added, 'stakeholder')}, "
            f"{plural(w.variants_added, 'variant')} ({w.variants_skipped} unchanged skipped), "
            f"{plural(w.tracked_changes, 'tracked change')} as pending proposals"
            + (f", {plural(w.comments_added, 'comment')}" if w.comments_added else "")
        ]
        if w.paragraphs_matched_by_text:
            shown = ", ".join(f"{new} is {old}" for new, old in w.moved[:5])
            more = " …" if len(w.moved) > 5 else ""
            lines.append(
                f"matched by text: {plural(w.paragraphs_matched_by_text, 'paragraph')} whose "
                f"label moved ({shown}{more}); they keep the label they have in the file"
            )
        for label, given in w.renamed:
            lines.append(
                f"warning: the file's paragraph {label} is now numbered otherwise; the new "
                f"paragraph {label} is imported as {given}"
            )
        return lines

    def summary(self) -> list[str]:
        """What the CLI prints: what was found, then what changed in the workbench file."""
        found = list(self.found) or [
            f"{self.source.name}: {self.kind}, {plural(self.sections, 'section')}, "
            f"{plural(self.paragraphs, 'paragraph')}, {plural(self.variants, 'variant')}",
            f"stakeholders: {name_list(self.stakeholders)}",
        ]
        return [*found, *self.written_lines()]


def import_file(
    source: str | Path,
    wb: WorkbenchStore,
    *,
    column_overrides: Mapping[int, ColumnOverride] | None = None,
    stakeholder: str | None = None,
    author: str | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    profile: str | None = None,
    on_found: Callable[[list[str]], None] | None = None,
    authors: AuthorMap | None = None,
) -> ImportReport:
    """Reads `source` (.docx or .txt, any layout a profile reads) and adds it to `wb` in one
    transaction.

    `profile` names the layout to read it as (default: the best-scoring one); `on_found(lines)`
    hears what the reading found, warnings included, before anything is written. `authors`
    maps Word authors of tracked changes to the stakeholders whose proposals they make.
    `author` is who the history credits with the import (default: `default_author()`).
    `column_overrides` maps 0-based column indexes (as in `preview_table`) to roles/names.
    `progress(done, total)` is called as rows are read and paragraphs written; `cancelled()`
    is checked between rows: if it returns True, ImportCancelled is raised, nothing written.
    Any problem with the file raises WorkbenchError with one line naming it.
    """
    path = Path(source)
    state = {"done": 0, "total": 1}

    def report() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled(path)
        if progress is not None:
            progress(min(state["done"], state["total"]), state["total"])

    def on_total(total: int) -> None:
        # Writing comes after reading: count it too (about a row a paragraph), so the bar
        # does not reach the end while reading and jump back when writing starts.
        state["total"] = 2 * max(total, 1)

    def on_row() -> None:
        report()
        state["done"] += 1

    reading = read_reading(
        path,
        column_overrides=column_overrides,
        stakeholder=stakeholder,
        profile=profile,
        on_row=on_row,
        on_total=on_total,
        authors=authors,
    )
    document = reading.document
    reading.findings.warnings.extend(
        near_duplicate_warnings(
            (s.name for s in document.stakeholders), (s.name for s in wb.stakeholders())
        )
    )
    found = found_lines(document, reading.findings)
    if on_found is not None:
        on_found(found)
    half = state["done"]
    # Fewer paragraphs than rows are left to write: the bar only ever moves forward.
    state["total"] = half + max(len(document.paragraphs), 1)

    def on_paragraph(done: int, total: int) -> None:
        state["done"] = half + done
        report()

    if not wb.read_only and wb.paragraphs():
        # The whole import can be taken back with `workbench restore`.
        snapshots.take(wb, f"before import of {path.name}")
    written = write_document(
        wb, document, author=author or default_author(), on_paragraph=on_paragraph
    )
    if progress is not None:
        progress(state["total"], state["total"])
    return ImportReport(
        path,
        document.kind,
        len(document.sections),
        len(document.paragraphs),
        tuple(s.name for s in document.stakeholders),
        document.variant_count,
        written,
        tuple(found),
    )


def index_for_search(wb: WorkbenchStore) -> None:
    """After an import: its variants indexed for search now rather than at the first search.

    A transaction of its own, after the import's: the imported text is already safe, and a
    failure here loses nothing (search catches up the next time).
    """
    with contextlib.suppress(WorkbenchError):
        wb.update_search_index()
