"""export_file over a real workbench file: every layout read back, cancel leaves nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

import docx
import pytest
from conftest import W, document_xml, lines_as_pandoc_sees, pandoc_table, table_cells

from workbench import editing, storage
from workbench.cli import export_command
from workbench.errors import OperationCancelled
from workbench.exporting import ExportOptions, export_file
from workbench.exporting.clean_layout import LEFT_TO_RIGHT_MARK, numbered_label
from workbench.model import EditKind, NewEdit, Role, StakeholderKind, Status

# A few paragraphs of the shared sample (Tunis, gender caucus), plus Arabic and Chinese.
PARAGRAPHS = [
    (
        "39",
        "We reaffirm the principles enunciated in the Geneva phase of the WSIS, in December "
        "2003, that the international management of the Internet should be multilateral, "
        "transparent and democratic. It should facilitate access for all and ensure a stable "
        "and secure functioning of the Internet, taking into account multilingualism.",
        "We reaffirm the principles enunciated in the Geneva phase of the WSIS, in December "
        "2003, that the international management of the Internet should be multilateral, "
        "transparent and democratic. It should facilitate access and affordability for all and "
        "ensure a stable and secure functioning of the Internet, taking into account "
        "multilingualism and a gender equality perspective.",
        Status.AGREED,
    ),
    (
        "43",
        "In this respect it is recognized that:\n"
        "a) Policy authority for Internet-related public policy issues is the sovereign right "
        "of States;\n\n"
        "b) The private sector has had an important role in the development of the Internet;",
        "In this respect it is recognized that:\n"
        "a) Policy authority for Internet-related public policy issues is the sovereign right "
        "of States;\n\n"
        "b) The private sector has had and should continue to have an important role in the "
        "development and management of the Internet;\n"
        "c) Civil society has also played an important role on Internet matters.",
        Status.BRACKETED,
    ),
    (
        "New 56bis",
        "نؤكد من جديد المبادئ التي أعلنت في مرحلة جنيف من القمة العالمية WSIS",
        "نؤكد المبادئ الأساسية التي أعلنت في مرحلة جنيف من القمة WSIS مع منظور المساواة",
        Status.AGREED_AD_REF,
    ),
    (
        "57 new(b)",
        "我们重申在信息社会世界峰会日内瓦阶段宣布的原则。",
        "我们重申在日内瓦阶段宣布的各项原则，并考虑到性别平等。",
        Status.OPEN,
    ),
]


def _splice(before: str, after: str) -> tuple[int, int, str]:
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    tail = 0
    while (
        tail < min(len(before), len(after)) - start
        and before[len(before) - 1 - tail] == after[len(after) - 1 - tail]
    ):
        tail += 1
    return start, len(before) - tail, after[start : len(after) - tail]


@pytest.fixture
def workbench_path(tmp_path: Path) -> Path:
    path = tmp_path / "tunis.nwbk"
    with storage.WorkbenchFile.create(path) as wb:
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        caucus = wb.add_stakeholder("Gender Caucus", StakeholderKind.CIVIL_SOCIETY)
        section = wb.add_section("1.", "Introduction")
        sub = wb.add_section("1a)", "Scripts", parent_id=section.id)
        for index, (label, draft, proposal, status) in enumerate(PARAGRAPHS):
            with wb.transaction():  # the paragraph starts with the INITIAL edit below
                paragraph = wb.add_paragraph(label, section.id if index < 2 else sub.id)
                wb.append_edit(
                    NewEdit(
                        paragraph.id,
                        EditKind.INITIAL,
                        "secretariat",
                        draft,
                        stakeholder_id=chair.id,
                        at="2024-05-01T09:00:00Z",
                    )
                )
            wb.add_variant(paragraph.id, chair.id, Role.DRAFT, draft)
            variant = wb.add_variant(paragraph.id, caucus.id, Role.PROPOSAL, proposal)
            start, end, inserted = _splice(draft, proposal)
            wb.append_edit(
                NewEdit(
                    paragraph.id,
                    EditKind.ACCEPT,
                    "Anita",
                    proposal,
                    start=start,
                    end=end,
                    inserted=inserted,
                    stakeholder_id=caucus.id,
                    variant_id=variant.id,
                    at="2024-05-02T14:30:00Z",
                )
            )
            editing.set_status(wb, paragraph.id, status, "secretariat")
    return path


def _export(workbench_path: Path, out: Path, **kwargs: object) -> Path:
    with storage.WorkbenchFile.open(workbench_path, read_only=True) as wb:
        export_file(wb, out, **kwargs)  # type: ignore[arg-type]
    return out


def test_table_tracked_changes_accept_to_compromise_reject_to_draft(
    workbench_path: Path, tmp_path: Path
) -> None:
    out = _export(workbench_path, tmp_path / "t.docx")
    accepted = [row for row in table_cells(out, accept=True)[1:] if len(row) > 1]
    rejected = [row for row in table_cells(out, accept=False)[1:] if len(row) > 1]
    assert [row[0] for row in accepted] == [p[0] for p in PARAGRAPHS]
    assert [row[-1] for row in accepted] == [p[2] for p in PARAGRAPHS]
    assert [row[-1] for row in rejected] == [p[1] for p in PARAGRAPHS]
    for mode, index in (("accept", 2), ("reject", 1)):
        rows = [row for row in pandoc_table(out, mode) if len(row) > 1][1:]
        seen = [lines_as_pandoc_sees("\n".join(row[-1])) for row in rows]
        assert seen == [lines_as_pandoc_sees(p[index]) for p in PARAGRAPHS]
    authors = {r.get(W + "author") for r in document_xml(out).iter(W + "ins")}
    assert authors == {"Gender Caucus"}  # whose text it is, not who clicked
    table = docx.Document(str(out)).tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "Paragraph",
        "Status",
        "Draft (Chair)",
        "Gender Caucus proposal",
        "Compromise",
    ]


def test_progress_runs_to_the_end(workbench_path: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    _export(workbench_path, tmp_path / "p.docx", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1][0] == calls[-1][1] == len(calls)


@pytest.mark.parametrize("layout", ["table", "clean", "history"])
def test_cancel_leaves_no_file_and_keeps_the_old_one(
    workbench_path: Path, tmp_path: Path, layout: str
) -> None:
    out = tmp_path / "out" / "c.docx"
    out.parent.mkdir()
    out.write_bytes(b"the previous export")
    checks = iter([False, True])
    with pytest.raises(OperationCancelled):
        _export(workbench_path, out, layout=layout, cancelled=lambda: next(checks, True))
    assert out.read_bytes() == b"the previous export"
    assert [p.name for p in out.parent.iterdir()] == ["c.docx"]


def test_clean_layout_headings_and_bold_labels(workbench_path: Path, tmp_path: Path) -> None:
    out = _export(workbench_path, tmp_path / "clean.docx", layout="clean")
    paragraphs = docx.Document(str(out)).paragraphs
    styles = [(p.style.name, p.text) for p in paragraphs if p.style.name.startswith("Heading")]
    assert styles == [("Heading 1", "1. Introduction"), ("Heading 2", "1a) Scripts")]
    body = [p for p in paragraphs if not p.style.name.startswith("Heading")]
    assert body[0].runs[0].text == "39."
    assert body[0].runs[0].bold
    # Right-to-left paragraphs carry a left-to-right mark after the label (its stop stays put).
    text = "\n".join(p.text for p in body).replace(LEFT_TO_RIGHT_MARK, "")
    # Every word of every compromise, in order; only where the lines break is the layout's.
    words = " ".join(text.split())
    for label, _draft, compromise, _status in PARAGRAPHS:
        assert " ".join(f"{numbered_label(label)} {compromise}".split()) in words
    assert "" not in [p.text.strip() for p in body]  # no empty paragraph opens a gap
    arabic = next(p for p in body if p.text.startswith("New 56bis."))
    assert arabic._p.find(f"{W}pPr/{W}bidi") is not None


def test_agreed_only_keeps_agreed_and_agreed_ad_ref(workbench_path: Path, tmp_path: Path) -> None:
    out = _export(
        workbench_path, tmp_path / "a.docx", layout="clean", options=ExportOptions(agreed_only=True)
    )
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert text.startswith("1. Introduction\n39. ")
    assert "New 56bis." in text
    assert "43." not in text
    assert "57 new(b)." not in text


def test_history_records_who_when_and_shares(workbench_path: Path, tmp_path: Path) -> None:
    out = _export(
        workbench_path,
        tmp_path / "h.docx",
        layout="history",
        options=ExportOptions(paragraphs=("39",)),
    )
    document = docx.Document(str(out))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Paragraph 39 — 1. Introduction" in text
    assert "Status: agreed" in text
    assert "Paragraph 43" not in text
    assert "Gender Caucus" in text
    assert "Chair" in text
    rows = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert rows[1][1:5] == ["2024-05-01\n09:00:00", "secretariat", "Chair", "initial"]
    assert rows[2][1:5] == ["2024-05-02\n14:30:00", "Anita", "Gender Caucus", "accept"]
    assert rows[1][5] == PARAGRAPHS[0][1]  # the starting text as it read, not struck through
    change = document.tables[0].rows[2].cells[5].paragraphs[0]
    assert any(run.font.underline for run in change.runs)  # the added words


def test_redline_options_write_no_tracked_changes(workbench_path: Path, tmp_path: Path) -> None:
    options = ExportOptions(redline_compromise=True, redline_proposals=True)
    out = _export(workbench_path, tmp_path / "r.docx", options=options)
    root = document_xml(out)
    assert next(root.iter(W + "ins", W + "del"), None) is None
    assert next(root.iter(W + "strike"), None) is not None


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    export_command.register(parser.add_subparsers())
    args = parser.parse_args(argv)
    result: int = args.func(args)
    return result


def test_cli_exports_and_reports_errors_in_one_line(
    workbench_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cli.docx"
    assert _cli(["export", str(workbench_path), "--to", str(out), "--layout", "table"]) == 0
    assert out.exists()
    status = _cli(["export", str(workbench_path), "--to", str(out), "--stakeholders", "Nobody"])
    assert status == 2
    error = capsys.readouterr().err
    assert "Nobody" in error
    assert error.count("\n") == 1
