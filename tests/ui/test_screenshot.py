"""`main.py --screenshot` renders the window into a PNG (1440x900, or `--size`) and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[2]


def run_main(tmp_path: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env.pop("WORKBENCH_USER", None)  # it must not wait on the name dialog even so
    return subprocess.run(
        [sys.executable, str(REPO / "main.py"), *arguments],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_screenshot_of_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    done = run_main(tmp_path, "--screenshot", str(out))
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
    assert not list(tmp_path.glob("*.nwb"))  # nothing written beside anything


def test_screenshot_at_a_laptops_size_of_a_chosen_paragraph(tmp_path: Path) -> None:
    out = tmp_path / "small.png"
    done = run_main(tmp_path, "--screenshot", str(out), "--size", "1280x720", "--paragraph", "43")
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1280, 720)


def test_a_size_that_is_no_size_is_refused_in_one_line(tmp_path: Path) -> None:
    done = run_main(tmp_path, "--screenshot", "x.png", "--size", "wide")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1] == (
        "main.py: error: argument --size: 'wide' is no size: give WIDTHxHEIGHT, e.g. 1280x720"
    )
    assert not (tmp_path / "x.png").exists()
