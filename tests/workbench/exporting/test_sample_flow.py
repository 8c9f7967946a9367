"""The shared sample as a caucus works it: accepts, a hand edit, an undo, then every export.

One workbench file is built per module (import the Tunis sample, accept some of the Gender
Caucus's changes, type, undo, add an Arabic and a Chinese paragraph) and only read by the tests.
They check what a recipient gets: Accept All / Reject All in an independent reader (pandoc),
who Word names as the author of each change and when, unique revision ids, nothing in the
package that runs code, reaches out or names the sender's folders, and a round trip through our
own importer.
"""

from __future__ import annotations

import argparse
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest
from conftest import (
    W,
    block_text,
    document_xml,
    lines_as_pandoc_sees,
    pandoc_plain,
    pandoc_table,
    table_cells,
)

from workbench import (
    editing,
    importing,
    storage,
)
from workbench.cli import export_command
from workbench.exporting import ExportOptions, export_file
from workbench.exporting.clean_layout import LEFT_TO_RIGHT_MARK
from workbench.exporting.tracked import word_date
from workbench.model import Role, Status

SAMPLE = Path(__file__).resolve().parents[3] / "resources/samples/tunis-ig-gender-caucus.docx"
CAUCUS = "GC"  # the sample's proposal column
DELEGATE = "Anita Gurumurthy"  # clicks Accept: not the author of the caucus's words
TYPIST = "Chair Secretariat"  # types a change by hand: the author of those words
ARABIC_DRAFT = "نؤكد من جديد المبادئ التي أعلنت في مرحلة جنيف من القمة العالمية WSIS في 2003"
ARABIC_PROPOSAL = "نؤكد المبادئ الأساسية التي أعلنت في مرحلة جنيف من القمة WSIS في ديسمبر 2003"
CHINESE_DRAFT = "我们重申在信息社会世界峰会日内瓦阶段宣布的原则。"
CHINESE_PROPOSAL = "我们重申在日内瓦阶段宣布的各项原则，并考虑到性别平等。"

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample is missing")


@dataclass(frozen=True)
class Worked:
    """The worked-on file and what a test needs to know of it."""

    path: Path
    drafts: dict[str, str]  # label -> draft ("" for a paragraph only a proposal has)
    compromises: dict[str, str]  # label -> current compromise
    typed_at: str  # when the hand edit of 40 was recorded


def _caucus_variant(wb: storage.WorkbenchFile, paragraph_id: int) -> int:
    return next(
        v.id
        for v in wb.variants(paragraph_id)
        if v.role == Role.PROPOSAL and wb.stakeholder_by_name(CAUCUS).id == v.stakeholder_id
    )


@pytest.fixture(scope="module")
def worked(tmp_path_factory: pytest.TempPathFactory) -> Worked:
    path = tmp_path_factory.mktemp("flow") / "tunis.nwbk"
    with storage.WorkbenchFile.create(path) as wb:
        importing.import_file(SAMPLE, wb)
        by_label = {p.label: p.id for p in wb.paragraphs()}
        # One change of several, taken from the caucus's proposal.
        first = next(
            c for c in editing.state(wb, by_label["43"]).open_changes if CAUCUS in c.stakeholders
        )
        editing.accept(wb, by_label["43"], first.id, DELEGATE)
        # Every change (39 started from the chair's own compromise column, not the draft).
        for label in ("39", "44", "New43bis"):  # New43bis: no draft, only the caucus's text
            editing.accept_all(wb, by_label[label], _caucus_variant(wb, by_label[label]), DELEGATE)
        typed = wb.compromise(by_label["40"]) or ""
        assert "Working Group" in typed
        typed_edit = editing.type_text(
            wb, by_label["40"], typed.replace("Working Group", "open Working Group"), TYPIST
        )
        assert typed_edit is not None
        editing.accept_all(wb, by_label["45"], _caucus_variant(wb, by_label["45"]), DELEGATE)
        editing.undo(wb, by_label["45"], DELEGATE)
        chair = wb.stakeholder_by_name("Chair")
        caucus = wb.stakeholder_by_name(CAUCUS)
        last = wb.paragraphs()[-1]
        for label, draft, proposal in (
            ("62bis", ARABIC_DRAFT, ARABIC_PROPOSAL),
            ("62ter", CHINESE_DRAFT, CHINESE_PROPOSAL),
        ):
            with wb.transaction():  # a paragraph starts from its draft: one transaction
                paragraph = wb.add_paragraph(label, last.section_id, after_paragraph_id=last.id)
                wb.add_variant(paragraph.id, chair.id, Role.DRAFT, draft)
                variant = wb.add_variant(paragraph.id, caucus.id, Role.PROPOSAL, proposal)
            editing.accept_all(wb, paragraph.id, variant.id, DELEGATE)
            last = paragraph
        editing.set_status(wb, by_label["39"], Status.AGREED, DELEGATE)
        variants = wb.variants_by_paragraph()
        compromises = wb.compromises()
        drafts, current = {}, {}
        for paragraph in wb.paragraphs():
            draft = "\n".join(
                v.text for v in variants.get(paragraph.id, []) if v.role == Role.DRAFT
            )
            drafts[paragraph.label] = draft
            current[paragraph.label] = compromises.get(paragraph.id, draft)
    assert current["62bis"] == ARABIC_PROPOSAL
    assert current["45"] == drafts["45"]  # undone
    return Worked(path, drafts, current, typed_edit.at)


def _export(worked: Worked, out: Path, **kwargs: object) -> Path:
    with storage.WorkbenchFile.open(worked.path, read_only=True) as wb:
        export_file(wb, out, **kwargs)  # type: ignore[arg-type]
    return out


@pytest.fixture(scope="module")
def table_export(worked: Worked, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _export(worked, tmp_path_factory.mktemp("table") / "table.docx")


def _compromise_cells(path: Path) -> dict[str, object]:
    """label -> the compromise column's w:tc, for paragraph rows."""
    cells = {}
    for tr in document_xml(path).iter(W + "tr"):
        tcs = tr.findall(W + "tc")
        if len(tcs) > 2:
            cells["".join(tcs[0].itertext())] = tcs[-1]
    cells.pop("Paragraph")
    return cells


def test_accept_all_and_reject_all_in_pandoc_and_ours(table_export: Path, worked: Worked) -> None:
    labels = list(worked.drafts)
    for mode, expected in (("accept", worked.compromises), ("reject", worked.drafts)):
        rows = [row for row in pandoc_table(table_export, mode) if len(row) > 2][1:]
        assert [" ".join(row[0]) for row in rows] == labels
        for row in rows:
            label = " ".join(row[0])
            seen = lines_as_pandoc_sees("\n".join(row[-1]))
            assert seen == lines_as_pandoc_sees(expected[label]), (mode, label)
        ours = [row for row in table_cells(table_export, accept=mode == "accept") if len(row) > 2]
        assert {row[0]: row[-1] for row in ours[1:]} == expected


def test_authors_are_whose_words_they_are_dates_from_the_history(
    table_export: Path, worked: Worked
) -> None:
    cells = _compromise_cells(table_export)

    def revisions(label: str) -> list[object]:
        return list(cells[label].iter(W + "ins", W + "del"))  # type: ignore[attr-defined]

    def authors(label: str) -> set[str]:
        return {r.get(W + "author") for r in revisions(label)}

    for label in ("43", "44", "New43bis", "62bis", "62ter"):
        assert authors(label) == {CAUCUS}, label  # the caucus's words, not the clicker's
    assert authors("40") == {TYPIST}
    assert [r.get(W + "date") for r in revisions("40")] == [word_date(worked.typed_at)]
    assert "".join("".join(r.itertext()) for r in revisions("40")).strip() == "open"
    # 39 started from the chair's compromise column: what that column added is the chair's.
    assert authors("39") == {CAUCUS, "Chair"}
    assert DELEGATE not in {
        r.get(W + "author") for r in document_xml(table_export).iter(W + "ins", W + "del")
    }
    assert revisions("45") == []  # accepted then undone: the draft, nothing tracked
    # A paragraph only a proposal has: the whole compromise is one insertion.
    new = cells["New43bis"]
    assert block_text(new, accept=False) == ""  # type: ignore[arg-type]
    assert all(
        any(a.tag == W + "ins" for a in t.iterancestors())
        for t in new.iter(W + "t")  # type: ignore[attr-defined]
    )


def test_every_id_is_unique_and_every_date_is_utc(table_export: Path) -> None:
    root = document_xml(table_export)
    ids = [e.get(W + "id") for e in root.iter() if e.get(W + "id") is not None]
    assert len(ids) > 10
    assert len(ids) == len(set(ids))
    for revision in root.iter(W + "ins", W + "del"):
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", revision.get(W + "date"))
        assert revision.get(W + "author")


def test_arabic_right_to_left_and_chinese_font(table_export: Path) -> None:
    cells = _compromise_cells(table_export)
    arabic = cells["62bis"]
    assert arabic.find(f"{W}p/{W}pPr/{W}bidi") is not None  # type: ignore[attr-defined]
    runs = [r for r in arabic.iter(W + "r") if re.search("[\u0600-\u06ff]", "".join(r.itertext()))]  # type: ignore[attr-defined]
    assert runs
    assert all(r.find(f"{W}rPr/{W}rtl") is not None for r in runs)
    chinese = cells["62ter"]
    fonts = {f.get(W + "eastAsia") for f in chinese.iter(W + "rFonts")}  # type: ignore[attr-defined]
    assert fonts == {"SimSun"}


@pytest.mark.parametrize("layout", ["table", "clean", "history"])
def test_no_code_no_external_links_no_local_paths(
    worked: Worked, tmp_path: Path, layout: str
) -> None:
    out = _export(worked, tmp_path / f"{layout}.docx", layout=layout)
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        assert not [n for n in names if "vba" in n.lower() or n.endswith((".bin", ".dotm"))]
        assert b"macroEnabled" not in package.read("[Content_Types].xml")
        for name in names:
            if name.endswith(".rels"):
                assert b"External" not in package.read(name), name
        for part in ("docProps/core.xml", "docProps/app.xml", "word/settings.xml"):
            xml = package.read(part).decode()
            assert str(worked.path.parent) not in xml, part
            assert str(Path.home()) not in xml, part
            assert "attachedTemplate" not in xml
    properties = docx.Document(str(out)).core_properties
    assert properties.title == worked.path.stem
    assert properties.author == ""


def test_table_round_trips_through_our_importer(table_export: Path, worked: Worked) -> None:
    with storage.WorkbenchFile.create(table_export.with_suffix(".nwbk")) as back:
        importing.import_file(table_export, back)
        variants = back.variants_by_paragraph()
        compromises = back.compromises()
        labels, drafts, current = [], {}, {}
        for paragraph in back.paragraphs():
            draft = "\n".join(
                v.text for v in variants.get(paragraph.id, []) if v.role == Role.DRAFT
            )
            labels.append(paragraph.label)
            drafts[paragraph.label] = draft
            current[paragraph.label] = compromises.get(paragraph.id, draft)
    assert labels == list(worked.drafts)
    assert drafts == worked.drafts
    assert current == worked.compromises  # the tracked changes, accepted


def test_clean_agreed_only_and_arabic_label(worked: Worked, tmp_path: Path) -> None:
    out = _export(worked, tmp_path / "clean.docx", layout="clean")
    text = pandoc_plain(out, "accept")
    assert "39. " + worked.compromises["39"].split(" ")[0] in text
    paragraphs = docx.Document(str(out)).paragraphs
    arabic = next(p for p in paragraphs if p.text.startswith("62bis."))
    assert arabic.runs[0].text == "62bis." + LEFT_TO_RIGHT_MARK  # the stop stays after 62bis
    agreed = _export(
        worked, tmp_path / "agreed.docx", layout="clean", options=ExportOptions(agreed_only=True)
    )
    body = [p.text for p in docx.Document(str(agreed)).paragraphs if p.text]
    assert [t.split(" ")[0] for t in body] == ["1.", "39."]


def test_history_shows_who_typed_and_the_undo(worked: Worked, tmp_path: Path) -> None:
    out = _export(
        worked,
        tmp_path / "h.docx",
        layout="history",
        options=ExportOptions(paragraphs=("40", "45")),
    )
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Paragraph 40 — 1. Introduction" in text
    assert "Shares of the compromise:" in text
    typed = [[c.text for c in row.cells] for row in document.tables[0].rows][-1]
    assert typed[2:5] == [TYPIST, "typed", "typed"]
    assert typed[1] == word_date(worked.typed_at).rstrip("Z").replace("T", "\n")
    changed = document.tables[0].rows[-1].cells[5].paragraphs[0]
    assert [r.text.strip() for r in changed.runs if r.font.underline] == ["open"]
    undo = [[c.text for c in row.cells] for row in document.tables[1].rows][-1]
    assert undo[4] == "undo"


def test_cli_without_proposal_columns_is_a_portrait_three_column_table(
    worked: Worked, tmp_path: Path
) -> None:
    parser = argparse.ArgumentParser()
    export_command.register(parser.add_subparsers())
    out = tmp_path / "three.docx"
    args = parser.parse_args(["export", str(worked.path), "--to", str(out), "--stakeholders"])
    assert args.func(args) == 0
    header = [c.text for c in docx.Document(str(out)).tables[0].rows[0].cells]
    assert header == ["Paragraph", "Status", "Draft (Chair)", "Compromise"]
    size = document_xml(out).find(f"{W}body/{W}sectPr/{W}pgSz")
    assert size.get(W + "orient") != "landscape"
