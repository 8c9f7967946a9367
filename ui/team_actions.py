"""File > Team: exchange work with colleagues' copies of the open file, off the UI thread.

Export writes what this laptop has not sent yet; Apply takes colleagues' changes files; Sync
with a folder does both against a shared folder, and Watch keeps doing it while the file is
open (a change in the folder, a few seconds of quiet, then a sync). Each runs as a background
job with its own connection (`ui.worker`), and the tree and panes are reloaded after it. Each
action has a method taking its paths (`export_to`, `apply_files`, `sync_folder`, `watch`),
which the menu's dialogs call and tests drive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu

from ui.file_actions import FileActions
from ui.workbench_controller import WorkbenchController
from ui.worker import BackgroundTask, Cancelled, Progress
from workbench.sync.envelope import SUFFIX
from workbench.sync.exchange import ApplyReport, Exported, apply_changes, export_changes
from workbench.sync.folder import Synced, sync_with_folder

WATCH_QUIET_MS = 3000  # a synced folder writes in bursts: wait for quiet before syncing
_FOLDER_KEY = "team/folder"


class TeamActions(QObject):
    """The File > Team submenu for `controller`'s file; jobs run through `files`."""

    synced = Signal(object)  # Synced, Exported or ApplyReport, once the file is reloaded

    def __init__(
        self, files: FileActions, controller: WorkbenchController, settings: QSettings
    ) -> None:
        super().__init__(files)
        self.files = files
        self.controller = controller
        self.settings = settings
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._folder_changed)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(WATCH_QUIET_MS)
        self._quiet.timeout.connect(self._sync_watched)
        window = files.window
        self.export_action = QAction("&Export my changes…", window)
        self.export_action.triggered.connect(self.export_interactive)
        self.apply_action = QAction("&Apply colleagues' changes…", window)
        self.apply_action.triggered.connect(self.apply_interactive)
        self.sync_action = QAction("&Sync with a folder…", window)
        self.sync_action.triggered.connect(self.sync_interactive)
        self.watch_action = QAction("&Watch the folder while open", window)
        self.watch_action.setCheckable(True)
        self.watch_action.toggled.connect(self._watch_toggled)
        controller.file_opened.connect(self._file_opened)
        self._file_opened()

    def populate(self, menu: QMenu) -> None:
        team = menu.addMenu("&Team")
        for action in (self.export_action, self.apply_action, self.sync_action):
            team.addAction(action)
        team.addSeparator()
        team.addAction(self.watch_action)

    @property
    def folder(self) -> Path | None:
        value = self.settings.value(_FOLDER_KEY)
        return Path(str(value)) if value else None

    def _file_opened(self) -> None:
        wb = self.controller.wb
        writable = wb is not None and not wb.read_only
        for action in (self.export_action, self.apply_action, self.sync_action, self.watch_action):
            action.setEnabled(writable)
        if not writable:
            self.watch_action.setChecked(False)

    # -- the actions ---------------------------------------------------------------------------

    def export_interactive(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self.files.window, "Export my changes into a folder", str(self.folder or Path.home())
        )
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, target: Path) -> BackgroundTask | None:
        """Writes this laptop's unsent work to `target` (a changes file, or a folder)."""
        author = self.controller.author
        return self._run(
            "Exporting your changes…",
            lambda wb, _progress: export_changes(wb, target, author),
        )

    def apply_interactive(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(
            self.files.window,
            "Apply colleagues' changes",
            str(self.folder or Path.home()),
            f"Workbench changes (*{SUFFIX})",
        )
        if chosen:
            self.apply_files([Path(p) for p in chosen])

    def apply_files(self, paths: Sequence[Path]) -> BackgroundTask | None:
        listed = list(paths)
        return self._run(
            "Applying colleagues' changes…",
            lambda wb, progress: apply_changes(wb, listed, progress),
        )

    def sync_interactive(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self.files.window, "Sync with a shared folder", str(self.folder or Path.home())
        )
        if chosen:
            self.sync_folder(Path(chosen))

    def sync_folder(self, folder: Path) -> BackgroundTask | None:
        self.settings.setValue(_FOLDER_KEY, str(folder))
        author = self.controller.author
        return self._run(
            f"Syncing with {folder}…",
            lambda wb, progress: sync_with_folder(wb, folder, author, progress),
        )

    def watch(self, folder: Path, on: bool = True) -> None:
        """Sync with `folder` now and whenever it changes, while the file is open."""
        self.settings.setValue(_FOLDER_KEY, str(folder))
        self.watch_action.setChecked(on)

    def _watch_toggled(self, on: bool) -> None:
        watched = self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        folder = self.folder
        if not on:
            self._quiet.stop()
            return
        if folder is None or not folder.is_dir():
            self.watch_action.setChecked(False)
            self.sync_interactive()
            return
        self.watcher.addPath(str(folder))
        self.sync_folder(folder)

    def _folder_changed(self, _path: str) -> None:
        self._quiet.start()

    def _sync_watched(self) -> None:
        folder = self.folder
        if not self.watch_action.isChecked() or folder is None:
            return
        if self.files.busy:
            self._quiet.start()  # another job first; try again after it
            return
        self.sync_folder(folder)

    # -- running -------------------------------------------------------------------------------

    def _run(
        self, label: str, work: Callable[..., Exported | ApplyReport | Synced | None]
    ) -> BackgroundTask | None:
        wb = self.controller.wb
        if wb is None or wb.read_only:
            return None
        self.files.window.setFocus()  # a typed edit in progress is recorded first
        self.controller.closing.emit()

        def job(progress: Progress, _cancelled: Cancelled) -> object:
            with wb.reopen_for_thread() as sibling:
                return Done(work(sibling, progress))

        task = self.files.run(label, job, cancellable=False)
        if task is not None:
            task.succeeded.connect(self._done)
        return task

    def _done(self, done: object) -> None:
        if not isinstance(done, Done):
            return
        result = done.result
        exported: Exported | None = None
        report: ApplyReport | None = None
        if isinstance(result, Synced):
            exported, report = result
        elif isinstance(result, ApplyReport):
            report = result
        elif isinstance(result, Exported):
            exported = result
        if report is not None and (report.applied or report.paragraphs):
            self.controller.reload()
        parts = []
        if exported is not None:
            parts.append(f"sent {exported.label} ({exported.header.rows} rows)")
        elif not isinstance(result, ApplyReport):
            parts.append("nothing new to send")
        if report is not None:
            parts.append(f"applied {len(report.applied)}" if report.applied else "nothing new")
        self.files.show_status("Team: " + "; ".join(parts))
        problems = [*(report.refused if report else []), *_notable(report)]
        if problems:
            self.files.show_message("\n".join(problems))
        self.synced.emit(result)


class Done:
    """A team job's result, wrapped so the file actions' own dispatch leaves it alone."""

    def __init__(self, result: Exported | ApplyReport | Synced | None) -> None:
        self.result = result


def _notable(report: ApplyReport | None) -> list[str]:
    if report is None:
        return []
    return [
        *(f"Waiting: {line}" for line in report.waiting),
        *(f"Missing {line}" for line in report.missing),
        *(f"Warning: {line}" for line in report.warnings),
    ]
