"""A proposal to delete a paragraph (a Word author deleted all its words) is exported as the
draft struck through in the proposer's column, never as an empty cell."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import W, document_xml

sys.path.append(str(Path(__file__).resolve().parents[1] / "importing"))

from tracked_builders import CHAPEAU, dele, mark, numbered, write_tracked_docx

from workbench.exporting import export_file
from workbench.importing import import_file
from workbench.storage import WorkbenchFile


def test_a_proposed_deletion_is_the_draft_struck_through(tmp_path: Path) -> None:
    source = write_tracked_docx(
        tmp_path / "decision.docx",
        CHAPEAU
        + numbered("Notes the text;")
        + numbered(dele("Bo", "Decides to close the item;"), mark=mark("del", "Bo"))
        + numbered("Requests a report."),
    )
    out = tmp_path / "table.docx"
    with WorkbenchFile.create(tmp_path / "talks.nwb") as wb:
        import_file(source, wb)
        export_file(wb, out)
    rows = document_xml(out).find(f"{W}body/{W}tbl").findall(f"{W}tr")  # type: ignore[union-attr]
    header = ["".join(t.text or "" for t in tc.iter(f"{W}t")) for tc in rows[0].findall(f"{W}tc")]
    bo = header.index("Bo proposal")
    two = next(
        r for r in rows if "".join(t.text or "" for t in r.find(f"{W}tc").iter(f"{W}t")) == "2"
    )  # type: ignore[union-attr]
    cell = two.findall(f"{W}tc")[bo]
    struck = [
        "".join(t.text or "" for t in run.iter(f"{W}t"))
        for run in cell.iter(f"{W}r")
        if run.find(f"{W}rPr/{W}strike") is not None
    ]
    assert "".join(struck) == "Decides to close the item;"
