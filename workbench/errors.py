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
