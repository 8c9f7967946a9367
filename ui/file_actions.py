"""The File menu and everything behind it: new, open, recent, import, export, restore, drops.

Each action has a method taking its path directly (`new_file`, `open_path`, `import_source`,
`export_to`, `restore_snapshot`), which the menu's dialogs call and tests drive. Import, export
and restore run on a worker thread (ui.worker); messages go through `show_message`, which also
emits `message_shown`, so nothing here needs a blocking dialog to be observed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox

from ui import file_jobs
from ui import settings as stored_settings
from ui.export_dialog import ExportDialog, ExportRequest
from ui.file_drop import SOURCE_SUFFIXES, WORKBENCH_SUFFIX, FileDropFilter
from ui.file_jobs import ImportOutcome, ImportRequest
from ui.import_dialog import ImportDialog
from ui.import_wording import window_lines
from ui.recent_menu import RecentFilesMenu
from ui.snapshot_dialog import SnapshotDialog, describe
from ui.workbench_controller import WorkbenchController
from ui.worker import BackgroundTask, Job
from workbench import snapshots
from workbench.errors import WorkbenchError
from workbench.exporting import ExportOptions, ExportReport, Layout
from workbench.exporting import target as export_target
from workbench.importing import ColumnOverride, TablePreview
from workbench.model import Role

# What waits for a file's reading: the preview, or None when it failed or was cancelled.
Previewed = Callable[[TablePreview | None], None]
_WORKBENCH_FILTER = "Workbench files (*.nwb)"
_SOURCE_FILTER = "Word tables and statements (*.docx *.txt)"
_STATUS_MS = 8000


class FileActions(QObject):
    """Owns the File menu's actions for `window`; acts on files through `controller`."""

    message_shown = Signal(str)  # a message box was shown with this text
    status_shown = Signal(str)  # a quiet status bar message (a cancel, a finished export)
    task_started = Signal(object)  # the BackgroundTask now running (its progress dialog)
    import_finished = Signal(object)  # ImportReport
    export_finished = Signal(object)  # ExportReport
    snapshot_restored = Signal(object)  # workbench.snapshots.Snapshot
    recent_files_changed = Signal()
    import_dialog_shown = Signal(object)  # the ImportDialog, once the file has been read

    def __init__(
        self, window: QMainWindow, controller: WorkbenchController, settings: QSettings
    ) -> None:
        super().__init__(window)
        self.window = window
        self.controller = controller
        self.settings = settings
        self.native_dialogs = True  # tests and headless runs turn Qt's own dialogs on
        self.task: BackgroundTask | None = None
        self._reopen_after_failure: Path | None = None
        self._previewed: Previewed | None = None  # who waits for the reading under way
        self.lost_box: QMessageBox | None = None  # the last "file went from under us" box
        self._make_actions()
        self.drops = FileDropFilter(window, lambda: self.busy)
        self.drops.file_dropped.connect(self._file_dropped)
        window.installEventFilter(self)  # to hold a close back while a job runs
        controller.file_opened.connect(self._update_actions)
        controller.file_opened.connect(self._remember_open_file)
        controller.file_lost.connect(self._file_lost)
        self._update_actions()

    # -- menu ------------------------------------------------------------------------------

    def _make_actions(self) -> None:
        def action(
            text: str,
            slot: object,
            shortcut: QKeySequence.StandardKey | str | None = None,
        ) -> QAction:
            made = QAction(text, self.window)
            if shortcut is not None:
                made.setShortcut(QKeySequence(shortcut))
            made.triggered.connect(slot)
            return made

        self.new_action = action("&New…", self.new_file_interactive, QKeySequence.StandardKey.New)
        self.open_action = action("&Open…", self.open_interactive, QKeySequence.StandardKey.Open)
        self.import_action = action("&Import…", self.import_interactive, "Ctrl+I")
        self.export_action = action("&Export…", self.show_export_dialog, "Ctrl+E")
        self.save_as_action = action(
            "Save a &Copy As…", self.save_as_interactive, QKeySequence.StandardKey.SaveAs
        )
        self.restore_action = action("&Restore snapshot…", self.show_snapshot_dialog)
        self.quit_action = action("&Quit", self.window.close, "Ctrl+Q")
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.recent_menu = RecentFilesMenu(self.settings, self.window)
        self.recent_menu.open_requested.connect(self.open_path)
        self.recent_menu.changed.connect(self.recent_files_changed)

    def populate(
        self, file_menu: QMenu, before_quit: Callable[[QMenu], None] | None = None
    ) -> None:
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.export_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addAction(self.restore_action)
        if before_quit is not None:
            file_menu.addSeparator()
            before_quit(file_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        self.drops.watch_children()

    def recent_files(self) -> list[Path]:
        return self.recent_menu.files()

    def clear_recent_files(self) -> None:
        self.recent_menu.forget_all()

    def _remember_open_file(self) -> None:
        # Whichever way a file was opened (the menu, a drop, the command line, the bundled
        # sample at start-up), Open Recent lists it.
        wb = self.controller.wb
        if wb is not None:
            self.recent_menu.remember(wb.path)

    def _update_actions(self) -> None:
        wb = self.controller.wb
        writable = wb is not None and not wb.read_only
        self.export_action.setEnabled(wb is not None)
        self.save_as_action.setEnabled(wb is not None)
        self.restore_action.setEnabled(writable)
        self.import_action.setEnabled(wb is None or writable)

    # -- messages ----------------------------------------------------------------------------

    def show_message(self, text: str, *, problem: bool = True) -> QMessageBox:
        """A window-modal box that does not block the caller (nor a test driving it)."""
        icon = QMessageBox.Icon.Warning if problem else QMessageBox.Icon.Information
        box = QMessageBox(icon, "Negotiation Workbench", text, QMessageBox.StandardButton.Ok)
        box.setParent(self.window, box.windowFlags())
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.message_shown.emit(text)
        return box

    def show_status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, _STATUS_MS)
        self.status_shown.emit(text)

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.window, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def _file_dialog_options(self) -> QFileDialog.Option:
        if self.native_dialogs:
            return QFileDialog.Option(0)
        return QFileDialog.Option.DontUseNativeDialog

    def _start_folder(self) -> str:
        recent = self.recent_menu.files()
        return str(recent[0].parent) if recent else str(Path.home())

    # -- new and open --------------------------------------------------------------------------

    def _ask_new_workbench_path(self, title: str, start: str) -> str:
        """A name for a workbench file to make (the making refuses an existing one)."""
        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            title,
            start,
            _WORKBENCH_FILTER,
            "",
            self._file_dialog_options() | QFileDialog.Option.DontConfirmOverwrite,
        )
        return chosen

    def _make_workbench(self, path: str | Path, make: Callable[[Path], object]) -> Path | None:
        """`make` a workbench file at `path` (.nwb added); a refusal is shown, None returned."""
        target = Path(path)
        if target.suffix.lower() != WORKBENCH_SUFFIX:
            target = target.with_name(target.name + WORKBENCH_SUFFIX)
        try:
            make(target)
        except WorkbenchError as error:
            self.show_message(str(error))
            return None
        return target  # Open Recent remembers it: it is the open file now

    def new_file_interactive(self) -> None:
        chosen = self._ask_new_workbench_path("New workbench file", self._start_folder())
        if chosen:
            self.new_file(chosen)

    def new_file(self, path: str | Path) -> bool:
        """Creates an empty workbench file and opens it; never overwrites one."""
        return self._make_workbench(path, self.controller.create) is not None

    def open_interactive(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.window,
            "Open",
            self._start_folder(),
            f"{_WORKBENCH_FILTER};;{_SOURCE_FILTER}",
            "",
            self._file_dialog_options(),
        )
        if chosen:
            self.open_path(chosen)

    def open_path(self, path: str | Path) -> None:
        """A workbench file opens; a .docx or .txt shows the Import dialog, naming the new
        workbench file it will be imported into: nothing is written before the user says so."""
        path = Path(path)
        suffix = path.suffix.lower()
        if not path.is_file():
            self.show_message(f"{path}: does not exist or is not a file")
        elif suffix in SOURCE_SUFFIXES:
            self.show_import_dialog(path, into_new_file=True)
        else:
            self.open_workbench(path)

    def open_workbench(self, path: str | Path) -> bool:
        path = Path(path)
        try:
            wb = self.controller.open(path)
        except WorkbenchError as error:
            self.show_message(str(error))
            return False
        if wb.read_only and wb.read_only_reason:
            self.show_message(
                f"{path.name} is open read-only here ({wb.read_only_reason}): you can read, "
                "search and export it, but not change it."
            )
        return True

    # -- save as: a copy of the open file, which becomes the open one -----------------------

    def save_as_interactive(self) -> None:
        wb = self.controller.wb
        if wb is None:
            return
        start = wb.path.with_name(f"{wb.path.stem} (copy){WORKBENCH_SUFFIX}")
        chosen = self._ask_new_workbench_path("Save a copy as", str(start))
        if chosen:
            self.save_as(chosen)

    def save_as(self, path: str | Path) -> bool:
        """Copies the open file to `path` (never over a file) and goes on in the copy."""
        target = self._make_workbench(path, self.controller.save_as)
        if target is not None:
            self.show_status(f"Saved a copy as {target}; it is the open file now")
        return target is not None

    def _file_lost(self, message: str) -> None:
        """The open file went from under us: say what happened, offer to save what is left."""
        self._update_actions()
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Negotiation Workbench",
            f"{message}.\n\nIt stays open read-only here. Save a copy under a new name?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Close,
        )
        box.setParent(self.window, box.windowFlags())
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.button(QMessageBox.StandardButton.Save).clicked.connect(self.save_as_interactive)
        box.open()
        self.lost_box = box
        self.message_shown.emit(message)

    # -- import ----------------------------------------------------------------------------------

    def import_interactive(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self.window,
            "Import a Word table or a statement",
            self._start_folder(),
            _SOURCE_FILTER,
            "",
            self._file_dialog_options(),
        )
        if chosen:
            self.show_import_dialog(chosen)

    def _import_target(self, source: Path, into_new_file: bool) -> Path | None:
        """None: into the open workbench file; else the new file next to the source."""
        if self.controller.wb is not None and not into_new_file:
            return None
        return source.with_suffix(WORKBENCH_SUFFIX)

    def show_import_dialog(
        self, source: str | Path, *, into_new_file: bool = False
    ) -> BackgroundTask | None:
        """Reads `source` in the background, then shows the Import dialog (not blocking).

        The dialog comes up with what the reading found (`import_dialog_shown`); it imports on
        Import, into the open file or (none open, or `into_new_file`) a new one beside the
        source. A file that cannot be read is said in a message instead.
        """
        source = Path(source)

        def show(preview: TablePreview | None) -> None:
            if preview is not None:  # else the failure or the cancel was said already
                self._open_import_dialog(preview, into_new_file)

        return self._preview(source, None, show)

    def _preview(self, source: Path, profile: str | None, then: Previewed) -> BackgroundTask | None:
        """Reads `source` as `profile` on the worker; `then` gets what was found, or None."""
        self._previewed = then
        task = self.run(f"Reading {source.name}…", file_jobs.preview(source, profile))
        if task is None:
            self._previewed = None
            then(None)
        return task

    def _open_import_dialog(self, preview: TablePreview, into_new_file: bool) -> ImportDialog:
        source = preview.source
        target = self._import_target(source, into_new_file)
        wb = self.controller.wb
        into = (
            f"{wb.path.name}, the open workbench file"
            if target is None and wb is not None
            else f"a new workbench file, to be written as {target}"
        )
        existing = [s.name for s in wb.stakeholders()] if target is None and wb is not None else []

        def repreview(profile: str) -> None:
            # Read again as another layout, off the UI thread too; the dialog waits for it.
            self._preview(source, profile, lambda found: dialog.show_layout(profile, found))

        dialog = ImportDialog(
            preview, into, self.window, existing_stakeholders=existing, repreview=repreview
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._import_request(dialog.request(), into_new_file))
        dialog.open()
        self.import_dialog_shown.emit(dialog)
        return dialog

    def import_source(
        self,
        source: str | Path,
        overrides: Mapping[int, ColumnOverride] | None = None,
        stakeholder: str | None = None,
        *,
        into_new_file: bool = False,
    ) -> BackgroundTask | None:
        """Imports into the open file, or into a new file next to `source` (asks to overwrite)."""
        request = ImportRequest(Path(source), overrides, stakeholder)
        return self._import_request(request, into_new_file)

    def _import_request(self, request: ImportRequest, into_new_file: bool) -> BackgroundTask | None:
        request = dataclasses.replace(request, author=self.controller.author)
        target = self._import_target(request.source, into_new_file)
        wb = self.controller.wb
        if target is None and wb is not None:
            return self.run(f"Importing {request.source.name}…", file_jobs.import_into(wb, request))
        assert target is not None
        replace = target.exists()
        if replace and not self._confirm(
            "Replace workbench file?",
            f"{target.name} already exists in {target.parent}.\nReplace it with the import of "
            f"{request.source.name}? A snapshot of it is taken first, so it can be restored "
            "(File > Restore snapshot).",
        ):
            return None
        if wb is not None and wb.path.resolve() == target.resolve():
            self.controller.close()  # release our lock so the file can be replaced
            self._reopen_after_failure = target
        job = file_jobs.import_as_new_file(request, target, replace=replace)
        return self.run(f"Importing {request.source.name}…", job)

    def _import_done(self, outcome: ImportOutcome) -> None:
        self._reopen_after_failure = None
        if outcome.new_file:
            if not self.open_workbench(outcome.workbench_path):
                return
        else:
            self.controller.reload()
        self.show_message("\n".join(window_lines(outcome.report.summary())), problem=False)
        self.import_finished.emit(outcome.report)

    def _reopen_previous(self) -> None:
        previous, self._reopen_after_failure = self._reopen_after_failure, None
        if previous is not None and previous.exists() and self.controller.wb is None:
            self.open_workbench(previous)

    # -- export --------------------------------------------------------------------------------

    def proposing_stakeholders(self) -> list[str]:
        wb = self.controller.wb
        if wb is None:
            return []
        proposing = {
            v.stakeholder_id
            for variants in wb.variants_by_paragraph().values()
            for v in variants
            if v.role == Role.PROPOSAL
        }
        return [s.name for s in wb.stakeholders() if s.id in proposing]

    def show_export_dialog(self) -> ExportDialog | None:
        wb = self.controller.wb
        if wb is None:
            self.show_message("Open a workbench file first: there is nothing to export.")
            return None
        dialog = ExportDialog(
            wb.path,
            self.proposing_stakeholders(),
            self.window,
            settings=self.settings,
            use_native_dialog=self.native_dialogs,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._export_request(dialog.request()))
        dialog.open()
        return dialog

    def _export_request(self, request: ExportRequest) -> None:
        self.export_to(request.out, request.layout, request.stakeholders, request.options)

    def export_to(
        self,
        out: str | Path,
        layout: Layout = "table",
        stakeholders: tuple[str, ...] | list[str] | None = None,
        options: ExportOptions | None = None,
    ) -> BackgroundTask | None:
        wb = self.controller.wb
        if wb is None:
            self.show_message("Open a workbench file first: there is nothing to export.")
            return None
        out = Path(out)
        options = options or ExportOptions(paper=stored_settings.export_paper(self.settings))
        any_suffix = False
        try:
            export_target.check(out, wb.path)
        except export_target.NeedsConfirmation as question:
            if not self._confirm("Export to a file that is not .docx?", question.question):
                return None
            any_suffix = True
        except WorkbenchError as error:
            self.show_message(str(error))
            return None
        job = file_jobs.export_from(wb, out, layout, stakeholders, options, any_suffix=any_suffix)
        return self.run(f"Exporting to {out.name}…", job)

    def _export_done(self, report: ExportReport) -> None:
        warnings = report.warnings()
        if warnings:  # what is not in the document must not pass as a quiet status line
            self.show_message("\n".join([report.summary(), *warnings]), problem=True)
        else:
            self.show_status(report.summary())
        self.export_finished.emit(report)

    # -- snapshots -----------------------------------------------------------------------------

    def show_snapshot_dialog(self) -> SnapshotDialog | None:
        wb = self.controller.wb
        if wb is None or wb.read_only:
            self.show_message("Open a workbench file you can write to first.")
            return None
        found = snapshots.list_snapshots(wb.path)
        if not found:
            self.show_message(
                f"{wb.path.name} has no snapshots yet: one is taken before each import.",
                problem=False,
            )
            return None
        dialog = SnapshotDialog(found, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._confirm_restore(dialog.chosen()))
        dialog.open()
        return dialog

    def _confirm_restore(self, chosen: snapshots.Snapshot | None) -> None:
        if chosen is not None and self._confirm(
            "Restore snapshot?",
            f"Bring the whole file back to {describe(chosen)}?\n"
            "Everything done since is replaced; the current state is kept as a snapshot first.",
        ):
            self.restore_snapshot(chosen.name)

    def restore_snapshot(self, name: str) -> BackgroundTask | None:
        wb = self.controller.wb
        if wb is None:
            return None
        job = file_jobs.restore_snapshot(wb, name)
        return self.run("Restoring the snapshot…", job, cancellable=False)

    def _restore_done(self, restored: snapshots.Snapshot) -> None:
        self.controller.reload()
        self.show_status(f"Restored {describe(restored)}")
        self.snapshot_restored.emit(restored)

    # -- running jobs --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self.task is not None and self.task.running

    def run(self, label: str, job: Job, *, cancellable: bool = True) -> BackgroundTask | None:
        if self.busy:
            self.show_status("Wait for the current task to finish.")
            return None
        task = BackgroundTask(self.window, label, job, cancellable=cancellable)
        task.succeeded.connect(self._task_succeeded)
        task.failed.connect(self._task_failed)
        task.cancelled.connect(self._task_cancelled)
        task.finished.connect(self._task_finished)
        self.task = task
        self.task_started.emit(task)
        task.start()
        return task

    def _task_finished(self) -> None:
        finished = self.sender()
        if finished is self.task:
            self.task = None
        if finished is not None:
            finished.deleteLater()

    def _task_succeeded(self, result: object) -> None:
        if isinstance(result, TablePreview):
            then, self._previewed = self._previewed, None
            if then is not None:
                then(result)
        elif isinstance(result, ImportOutcome):
            self._import_done(result)
        elif isinstance(result, ExportReport):
            self._export_done(result)
        elif isinstance(result, snapshots.Snapshot):
            self._restore_done(result)

    def _task_failed(self, message: str) -> None:
        self._forget_preview()
        self._reopen_previous()
        self.show_message(message)

    def _task_cancelled(self, message: str) -> None:
        self._forget_preview()
        self._reopen_previous()
        self.show_status(message)

    def _forget_preview(self) -> None:
        """A reading failed or was cancelled: whoever waited for it hears None."""
        then, self._previewed = self._previewed, None
        if then is not None:
            then(None)

    # -- drops, closing ----------------------------------------------------------------------

    def _file_dropped(self, path: Path) -> None:
        if path.suffix.lower() == WORKBENCH_SUFFIX:
            self.open_workbench(path)
        else:
            self.show_import_dialog(path)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.busy:
            # Closing now would pull the file from under the worker: stop it first.
            assert self.task is not None
            self.task.cancel()
            event.ignore()
            return True
        return super().eventFilter(watched, event)
