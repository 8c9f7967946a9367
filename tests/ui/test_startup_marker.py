"""The start-up marker: `python main.py` as a user runs it says when its window answers keys.

These launch the real process (offscreen) the way `bench.startup` does; what they check is
that the marker comes, once, after the file is open, and that the process then ends cleanly.
How long it takes is the benchmark's business, not a test's.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from window_support import small_workbench

from bench.startup import MARKER, launch, python_main, window_env
from ui import startup_marker

REPO = Path(__file__).resolve().parents[2]


def test_marker_names_match() -> None:
    assert startup_marker.MARKER == MARKER


def test_main_py_prints_the_marker_once_its_window_is_interactive(tmp_path: Path) -> None:
    path = small_workbench(tmp_path / "talks.nwb", [("1", "A text.", [("Brazil", "Another.")])])
    result = subprocess.run(
        [sys.executable, str(REPO / "main.py"), str(path)],
        cwd=REPO,
        env=window_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines().count(MARKER) == 1


def test_the_bench_sees_the_sample_open_on_a_first_run(tmp_path: Path) -> None:
    env = window_env(tmp_path)
    first = launch(python_main(), env)
    assert first.seconds is not None, first.problem
    samples = list((tmp_path / "data").rglob("tunis-ig-gender-caucus.nwb"))
    assert len(samples) == 1  # imported once into the scratch data folder, then reused
    again = launch(python_main(), env)
    assert again.seconds is not None, again.problem
