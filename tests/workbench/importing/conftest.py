"""The repository root first on sys.path, so `workbench` is the package, not a namespace.

The venv's editable install was made before workbench/__init__.py existed, so its finder maps
`workbench` as a namespace package (no `__version__`); `pip install -e .` again fixes it too.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parents[3])
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)
