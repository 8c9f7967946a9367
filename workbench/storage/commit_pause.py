"""A test hook: stop a writer just before COMMIT, so a test can kill it inside the transaction.

With `WORKBENCH_PAUSE_BEFORE_COMMIT=MARKER[:N]` in the environment, the N-th transaction of
the process (the first by default) writes the file MARKER, then waits to be killed (60 s at
most, then commits). Without the variable it costs one comparison per commit.
"""

from __future__ import annotations

import os
import time

_WAIT_SECONDS = 60.0


def _parse(setting: str) -> tuple[str, int]:
    marker, colon, nth = setting.rpartition(":")
    if colon and nth.isdigit():
        return marker, int(nth)
    return setting, 1


_MARKER, _NTH = _parse(os.environ.get("WORKBENCH_PAUSE_BEFORE_COMMIT", ""))
_commits = 0


def pause_before_commit() -> None:
    global _commits
    if not _MARKER:
        return
    _commits += 1
    if _commits != _NTH:
        return
    with open(_MARKER, "w", encoding="utf-8") as handle:
        handle.write(f"pid {os.getpid()} before commit {_commits}\n")
        handle.flush()
        os.fsync(handle.fileno())
    time.sleep(_WAIT_SECONDS)
