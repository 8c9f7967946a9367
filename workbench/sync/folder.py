"""Sync with a shared folder (a network share, a synced folder, a USB stick): send, then take.

Each laptop writes its changes files into the folder and applies every other laptop's; files
are never removed (a laptop that joins late, or restores a snapshot, finds everything it
needs). A file still being copied in is left for the next sync.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from workbench.errors import WorkbenchError
from workbench.sync.exchange import (
    ApplyReport,
    Exported,
    Progress,
    apply_changes,
    changes_files,
    export_changes,
)

if TYPE_CHECKING:
    from workbench.storage import WorkbenchFile


class Synced(NamedTuple):
    exported: Exported | None
    report: ApplyReport


def sync_with_folder(
    wb: WorkbenchFile, folder: Path, author: str, progress: Progress | None = None
) -> Synced:
    """Exports this laptop's new work into `folder`, then applies what colleagues left there."""
    if not folder.is_dir():
        raise WorkbenchError(folder, "is not a folder (the shared folder to sync with)")
    exported = export_changes(wb, folder, author)
    own = exported.path if exported is not None else None
    files = [path for path in changes_files(folder) if path != own]
    if progress is None:
        return Synced(exported, apply_changes(wb, files))
    return Synced(exported, apply_changes(wb, files, progress))
