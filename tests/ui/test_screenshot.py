"""`main.py --screenshot` renders the window on the sample into a 1440x900 PNG and exits 0."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

REPO = Path(__file__).resolve().parents[2]


def test_screenshot_of_the_sample(tmp_path: Path) -> None:
    out = tmp_path / "shot.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    env.pop("WORKBENCH_USER", None)  # it must not wait on the name dialog even so
    done = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "--screenshot", str(out)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1440, 900)
    assert not list(tmp_path.glob("*.nwb"))  # nothing written beside anything
