"""Clean and history layouts and the atomic save, from plain rows (no workbench file needed)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from conftest import W

from workbench.errors import OperationCancelled
from workbench.exporting.changes import diff_segments
from workbench.exporting.clean_layout import numbered_label, write_clean
from workbench.exporting.document import new_document, save_atomically
from workbench.exporting.history_layout import write_history
from workbench.exporting.rows import (
    ExportHeading,
    ExportRow,
    ParagraphHistory,
    Share,
    VersionEntry,
)
from workbench.exporting.runs import Fonts, TextCleaner
from workbench.exporting.tracked import ChangeWriter, RevisionIds


def _writer() -> ChangeWriter:
    return ChangeWriter(Fonts(), RevisionIds(), TextCleaner())


def test_labels_get_a_stop_once() -> None:
    assert [numbered_label(x) for x in ("39", "43bis", "New 56bis", "3.", "a)")] == [
        "39.",
        "43bis.",
        "New 56bis.",
        "3.",
        "a)",
    ]


def test_clean_layout_writes_headings_labels_and_lines(tmp_path: Path) -> None:
    document = new_document(title="t", author="")
    items = (
        ExportHeading("2.", "Stakeholders", 1),
        ExportHeading("2a)", "Roles", 2),
        ExportRow("43", "", "It is recognized that:\na) States;\nb) the private sector."),
        ExportRow("44", "", "نؤكد المبادئ"),
    )
    assert write_clean(document, items, _writer()).paragraphs == 2
    save_atomically(document, tmp_path / "c.docx")
    paragraphs = docx.Document(str(tmp_path / "c.docx")).paragraphs
    assert [(p.style.name, p.text) for p in paragraphs] == [
        ("Heading 1", "2. Stakeholders"),
        ("Heading 2", "2a) Roles"),
        ("Normal", "43. It is recognized that:"),
        ("Normal", "a)\tStates;"),  # the marker hangs, its text at the indent
        ("Normal", "b)\tthe private sector."),
        ("Normal", "44.\u200e نؤكد المبادئ"),  # the mark keeps the stop after "44"
    ]
    assert paragraphs[2].runs[0].bold
    assert paragraphs[5]._p.find(f"{W}pPr/{W}bidi") is not None


def test_history_layout_shows_versions_and_shares(tmp_path: Path) -> None:
    document = new_document(title="t", author="")
    versions = (
        VersionEntry(1, "2024-05-01T09:00:00+00:00", "sec", "Chair", "initial", ()),
        VersionEntry(
            2,
            "2024-05-02T14:30:00.123456+00:00",
            "Anita",
            "Brazil",
            "accept",
            tuple(diff_segments("access for all", "access and affordability for all")),
        ),
    )
    history = ParagraphHistory(
        "39",
        "1. Introduction",
        "access and affordability for all",
        versions,
        (Share("Chair", 60.0), Share("Brazil", 40.0)),
    )
    write_history(document, (history,), _writer())
    save_atomically(document, tmp_path / "h.docx")
    read = docx.Document(str(tmp_path / "h.docx"))
    text = "\n".join(p.text for p in read.paragraphs)
    assert "Paragraph 39 — 1. Introduction" in text
    assert "Shares of the compromise: Chair 60%; Brazil 40%" in text
    row = [c.text for c in read.tables[0].rows[2].cells]
    assert row[:5] == ["2", "2024-05-02\n14:30:00", "Anita", "Brazil", "accept"]
    underlined = [
        r.text for r in read.tables[0].rows[2].cells[5].paragraphs[0].runs if r.font.underline
    ]
    assert "".join(underlined).strip() == "and affordability"


def test_cancelled_save_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    out = tmp_path / "x.docx"
    out.write_bytes(b"old")
    with pytest.raises(OperationCancelled):
        save_atomically(new_document(title="t", author=""), out, lambda: True)
    assert out.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.docx"]
