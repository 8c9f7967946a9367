"""The table layout built from plain rows: tracked changes that Accept/Reject exactly."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import docx
import pytest
from conftest import (
    W,
    document_xml,
    lines_as_pandoc_sees,
    pandoc_table,
    table_cells,
)

from workbench.exporting.changes import diff_segments
from workbench.exporting.document import new_document, save_atomically
from workbench.exporting.rows import ExportHeading, ExportRow, ExportTable, Segment, SegmentKind
from workbench.exporting.runs import Fonts, TextCleaner
from workbench.exporting.table_layout import write_table
from workbench.exporting.tracked import ChangeStyle, ChangeWriter, RevisionIds

DRAFT_39 = (
    "We reaffirm the principles enunciated in the Geneva phase of the WSIS, in December 2003, "
    "that the international management of the Internet should be multilateral."
)
COMPROMISE_39 = (
    "We reaffirm the principles enunciated in the Geneva phase of the WSIS, in December 2003, "
    "that the Internet is a central element, and its international management should be "
    "multilateral, taking into account a gender equality perspective."
)
DRAFT_43 = (
    "In this respect it is recognized that:\n"
    "a) Policy authority is the sovereign right of States;\n"
    "b) The private sector has had an important role;"
)
COMPROMISE_43 = (
    "In this respect it is recognized that:\n"
    "a) Policy authority is the sovereign right of States; and\n\n"
    "b) The private sector has had and should continue to have an important role;\n"
    "c) Civil society has also played an important role."
)
DRAFT_AR = "نؤكد من جديد المبادئ التي أعلنت في مرحلة جنيف من القمة العالمية WSIS في 2003"
COMPROMISE_AR = "نؤكد المبادئ الأساسية التي أعلنت في مرحلة جنيف من القمة WSIS في ديسمبر 2003"
DRAFT_ZH = "我们重申在信息社会世界峰会日内瓦阶段宣布的原则。"
COMPROMISE_ZH = "我们重申在日内瓦阶段宣布的各项原则，并考虑到性别平等。"

ROWS = [
    ("39", DRAFT_39, COMPROMISE_39, "Brazil"),
    ("43", DRAFT_43, COMPROMISE_43, "Gender Caucus"),
    ("43bis", DRAFT_AR, COMPROMISE_AR, "Egypt"),
    ("New 56bis", DRAFT_ZH, COMPROMISE_ZH, "China"),
    ("57", "", "An entirely new paragraph.", "Brazil"),
    ("58", "A paragraph everybody deleted.", "", "Chair"),
]


def _row(label: str, draft: str, compromise: str, author: str) -> ExportRow:
    changes = tuple(
        Segment(s.kind, s.text, author, "2024-05-01T10:00:00+00:00")
        for s in diff_segments(draft, compromise)
    )
    proposal = (Segment(SegmentKind.EQUAL, compromise),)
    return ExportRow(label, draft, compromise, changes, (proposal,))


def _export(path: Path, style: ChangeStyle = ChangeStyle.TRACKED, proposals: int = 1) -> Path:
    document = new_document(title="Tunis", author="")
    writer = ChangeWriter(Fonts(), RevisionIds(), TextCleaner())
    rows = [_row(*r) for r in ROWS]
    if proposals != 1:
        rows = [ExportRow(r.label, r.draft, r.compromise, r.compromise_changes, ()) for r in rows]
    items = (ExportHeading("1.", "Introduction"), *rows[:2], ExportHeading("2.", "Scripts"))
    items = (*items, *rows[2:])
    titles = ("Brazil proposal",) if proposals == 1 else ()
    table = ExportTable("Draft (Chair)", titles, items)
    write_table(document, table, writer, compromise_style=style)
    save_atomically(document, path)
    return path


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    return _export(tmp_path / "table.docx")


def _paragraph_rows(cells: list[list[str]]) -> list[list[str]]:
    return [row for row in cells[1:] if len(row) > 1]


def test_accept_all_gives_the_compromise_and_reject_all_the_draft(exported: Path) -> None:
    accepted = _paragraph_rows(table_cells(exported, accept=True))
    rejected = _paragraph_rows(table_cells(exported, accept=False))
    assert [row[-1] for row in accepted] == [r[2] for r in ROWS]
    assert [row[-1] for row in rejected] == [r[1] for r in ROWS]
    assert [row[0] for row in accepted] == [r[0] for r in ROWS]


def test_pandoc_accepts_to_the_compromise_and_rejects_to_the_draft(exported: Path) -> None:
    for mode, index in (("accept", 2), ("reject", 1)):
        rows = [row for row in pandoc_table(exported, mode) if len(row) > 1][1:]
        seen = [lines_as_pandoc_sees("\n".join(row[-1])) for row in rows]
        assert seen == [lines_as_pandoc_sees(r[index]) for r in ROWS], mode


def test_revisions_have_unique_ids_authors_and_word_dates(exported: Path) -> None:
    root = document_xml(exported)
    revisions = list(root.iter(W + "ins", W + "del"))
    assert len(revisions) > 10
    ids = [r.get(W + "id") for r in revisions]
    assert len(ids) == len(set(ids))
    assert {r.get(W + "author") for r in revisions} >= {"Brazil", "Egypt", "China"}
    assert all(
        re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", r.get(W + "date")) for r in revisions
    )
    # deleted words sit in w:delText inside w:del, never in w:t
    for deletion in root.iter(W + "del"):
        assert deletion.find(f".//{W}t") is None


def test_multi_line_changes_track_the_paragraph_marks(exported: Path) -> None:
    root = document_xml(exported)
    marks = root.findall(f".//{W}pPr/{W}rPr/{W}ins")
    assert marks, "an inserted line break is a tracked paragraph mark"


def test_arabic_is_right_to_left_and_every_script_has_a_font(exported: Path) -> None:
    root = document_xml(exported)
    arabic_runs = [
        r for r in root.iter(W + "r") if re.search("[\u0600-\u06ff]", "".join(r.itertext()))
    ]
    assert arabic_runs
    assert all(r.find(f"{W}rPr/{W}rtl") is not None for r in arabic_runs)
    assert all(
        r.find(f"{W}rPr/{W}rFonts").get(W + "cs") == Fonts().complex_script for r in arabic_runs
    )
    arabic_paragraphs = [p for p in root.iter(W + "p") if p.find(f".//{W}rtl") is not None]
    assert all(p.find(f"{W}pPr/{W}bidi") is not None for p in arabic_paragraphs)
    # "WSIS" inside the Arabic text is its own left-to-right run
    wsis = [r for r in root.iter(W + "r") if "WSIS" in "".join(r.itertext())]
    assert any(r.find(f"{W}rPr/{W}rtl") is None for r in wsis)
    chinese = [r for r in root.iter(W + "r") if "日内瓦" in "".join(r.itertext())]
    assert chinese
    assert all(
        r.find(f"{W}rPr/{W}rFonts").get(W + "eastAsia") == Fonts().east_asian for r in chinese
    )


def test_python_docx_reads_header_labels_draft_and_proposal(exported: Path) -> None:
    table = docx.Document(str(exported)).tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Paragraph",
        "Status",
        "Draft (Chair)",
        "Brazil proposal",
        "Compromise",
    ]
    rows = [
        row for row in table.rows[1:] if row.cells[0].text not in ("1. Introduction", "2. Scripts")
    ]
    assert [row.cells[0].text for row in rows] == [r[0] for r in ROWS]
    assert [row.cells[2].text for row in rows] == [r[1] for r in ROWS]
    assert [row.cells[3].text for row in rows] == [r[2] for r in ROWS]


def test_header_repeats_and_headings_span_the_table_landscape(exported: Path) -> None:
    root = document_xml(exported)
    first_row = root.find(f"{W}body/{W}tbl/{W}tr")
    assert first_row.find(f"{W}trPr/{W}tblHeader") is not None
    spans = [g.get(W + "val") for g in root.iter(W + "gridSpan")]
    assert spans == ["5", "5"]
    size = root.find(f"{W}body/{W}sectPr/{W}pgSz")
    assert size.get(W + "orient") == "landscape"
    assert int(size.get(W + "w")) > int(size.get(W + "h"))


def test_three_columns_stay_portrait(tmp_path: Path) -> None:
    root = document_xml(_export(tmp_path / "narrow.docx", proposals=0))
    assert root.find(f"{W}body/{W}sectPr/{W}pgSz").get(W + "orient") != "landscape"


def test_redline_compromise_has_no_tracked_changes(tmp_path: Path) -> None:
    path = _export(tmp_path / "redline.docx", ChangeStyle.REDLINE)
    root = document_xml(path)
    assert next(root.iter(W + "ins", W + "del"), None) is None
    assert next(root.iter(W + "strike"), None) is not None
    assert any(u.get(W + "val") == "single" for u in root.iter(W + "u"))


def test_no_macros_external_links_or_template(exported: Path) -> None:
    with zipfile.ZipFile(exported) as package:
        names = package.namelist()
        assert not [n for n in names if "vba" in n.lower() or n.endswith(".bin")]
        for name in names:
            if name.endswith(".rels"):
                assert b'TargetMode="External"' not in package.read(name)
        assert b"<Template>" not in package.read("docProps/app.xml")
        assert b"attachedTemplate" not in package.read("word/settings.xml")
    properties = docx.Document(str(exported)).core_properties
    assert properties.title == "Tunis"
    assert properties.author == ""
    assert properties.comments == ""


def test_control_characters_are_dropped_other_text_untouched(tmp_path: Path) -> None:
    document = new_document(title="t", author="")
    cleaner = TextCleaner()
    writer = ChangeWriter(Fonts(), RevisionIds(), cleaner)
    text = "a\x00b\x0bc\td  e\u200f"
    row = ExportRow("1", text, text, tuple(diff_segments(text, text)), ())
    write_table(document, ExportTable("Draft (Chair)", (), (row,)), writer)
    save_atomically(document, tmp_path / "ctl.docx")
    cells = table_cells(tmp_path / "ctl.docx")
    assert cells[1][2] == "abc\td  e\u200f"
    assert cleaner.removed == 4  # two in the draft cell, two in the compromise cell
