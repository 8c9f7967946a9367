"""Test set-up shared by every test: Qt offscreen (before any QApplication) and a fresh file."""

from __future__ import annotations

import os
from pathlib import Path

# Without a display Qt aborts the whole process; this must run before Qt is imported.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("WORKBENCH_USER", "Test Delegate")

import pytest
from hypothesis import settings

# In CI the property tests draw the same examples every run: a red build is reproducible, never
# luck. A developer's runs keep exploring new ones (and keep what they find in .hypothesis/).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DOCX = REPO / "resources" / "samples" / "tunis-ig-gender-caucus.docx"
STATEMENT_TXT = REPO / "resources" / "samples" / "caucus-statement-wgig.txt"


@pytest.fixture
def sample_docx() -> Path:
    return SAMPLE_DOCX
