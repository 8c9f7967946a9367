"""Test set-up shared by every test: Qt offscreen (before any QApplication) and a fresh file."""

from __future__ import annotations

import os
from pathlib import Path

# Without a display Qt aborts the whole process; this must run before Qt is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WORKBENCH_USER", "Test Delegate")

import pytest

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DOCX = REPO / "resources" / "samples" / "tunis-ig-gender-caucus.docx"
STATEMENT_TXT = REPO / "resources" / "samples" / "caucus-statement-wgig.txt"


@pytest.fixture
def sample_docx() -> Path:
    return SAMPLE_DOCX
