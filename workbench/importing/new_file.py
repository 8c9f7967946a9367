"""Importing into a new workbench file: the one door the window and the command line share.

The new file is built under a hidden name beside the target (`.NAME.importing`) and takes the
target's name only once it is complete and indexed for search, so a cancelled, failed or
killed import leaves no half-made workbench file behind, and an existing one as it was. While
it is built, a lock on the target's name keeps a second import into the same new file out,
with one line saying so. Replacing an existing workbench file (the caller has asked the user)
first takes a snapshot of it, holds its writer lock to the end, and puts the new file in its
place with one rename, so `workbench restore` can bring the old content back.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from workbench import snapshots
from workbench.errors import WorkbenchError
from workbench.importing import ColumnOverride, ImportReport, import_file, index_for_search
from workbench.importing.authors import AuthorMap
from workbench.storage import WorkbenchFile
from workbench.storage.connection import place_new_file, remove_database
from workbench.storage.lock import NameLock


def import_into_new_file(
    source: str | Path,
    target: str | Path,
    *,
    replace: bool = False,
    column_overrides: Mapping[int, ColumnOverride] | None = None,
    stakeholder: str | None = None,
    author: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    profile: str | None = None,
    on_found: Callable[[list[str]], None] | None = None,
    authors: AuthorMap | None = None,
) -> ImportReport:
    """Imports `source` into a new workbench file at `target`; the file appears only complete.

    With `replace`, an existing workbench file at `target` is replaced (after a snapshot of
    it); without, an existing `target` is refused. Every failure is one WorkbenchError line.
    `profile`, `on_found` and `authors` are `import_file`'s.
    """
    source, target = Path(source), Path(target)
    claim = _claim(target)
    partial = target.with_name(f".{target.name}.importing")
    replaced: WorkbenchFile | None = None
    try:
        if target.exists() or target.is_symlink():
            if not replace:
                raise WorkbenchError(
                    target, "already exists; import into it or choose another name"
                )
            replaced = _hold_for_replacing(target, source)
        remove_database(partial)  # a killed import's leftovers: only the claim's holder is here
        with WorkbenchFile.create(partial) as wb:
            report = import_file(
                source,
                wb,
                column_overrides=column_overrides,
                stakeholder=stakeholder,
                author=author,
                progress=progress,
                cancelled=cancelled,
                profile=profile,
                on_found=on_found,
                authors=authors,
            )
            index_for_search(wb)
        if replaced is None:
            place_new_file(partial, target)
        else:
            replaced.replace_by(partial)
    except WorkbenchError as error:
        if error.path != partial:
            raise
        # The hidden name means nothing to the user: the file being made is `target`.
        raise WorkbenchError(target, error.problem) from error
    finally:
        remove_database(partial)  # once placed, only this hidden name of the file goes
        if replaced is not None:
            replaced.close()
        claim.release()
    return report


def _claim(target: Path) -> NameLock:
    # Not a side file of the hidden file (those are removed as leftovers): a name of its own.
    lock_path = target.with_name(f".{target.name}.import-claim")
    try:
        claim = NameLock.try_acquire(lock_path)
    except OSError as error:
        raise WorkbenchError(
            target, f"cannot be made here ({error.strerror or error}); nothing was imported"
        ) from error
    if isinstance(claim, str):
        raise WorkbenchError(
            target, f"another import into it is running ({claim}); nothing was imported"
        )
    return claim


def _hold_for_replacing(target: Path, source: Path) -> WorkbenchFile:
    """The workbench file at `target`, held for writing, with a snapshot of it taken."""
    try:
        old = WorkbenchFile.open(target)
    except WorkbenchError as error:
        raise WorkbenchError(target, f"is not replaced: {error.problem}") from error
    try:
        if old.read_only:
            raise WorkbenchError(target, f"cannot be replaced: {old.read_only_reason}")
        snapshots.take(old, f"before replacing by {source.name}")
    except BaseException:
        old.close()
        raise
    return old
