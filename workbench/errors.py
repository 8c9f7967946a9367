"""The one error a user sees: a single line naming the file and what is wrong with it."""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """A problem the user can act on; `str()` is one line, never a traceback."""

    def __init__(self, path: str | Path | None, problem: str) -> None:
        self.path = Path(path) if path is not None else None
        self.problem = problem
        super().__init__(f"{self.path}: {problem}" if self.path is not None else problem)


class OperationCancelled(WorkbenchError):
    """The user cancelled a long operation; nothing was written."""

    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__(path, "cancelled; nothing was changed")


class FileMovedError(WorkbenchError):
    """The open workbench file lost its name (renamed, replaced, deleted) or gained another.

    Nothing more is written to it; the file stays open read-only, so what it holds can still
    be read and saved under a new name. `kind` is "moved", "replaced", "deleted" or "linked";
    `now_at` is where the file is now, when the system can say.
    """

    def __init__(
        self,
        path: str | Path,
        kind: str,
        happened: str,
        where: str,
        now_at: Path | None = None,
    ) -> None:
        self.kind = kind
        self.happened = happened
        self.now_at = now_at
        super().__init__(
            path, f"{happened.removeprefix('it ')}; this change was not written; {where}"
        )
