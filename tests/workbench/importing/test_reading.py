"""Reading Word tables and their text into an ImportedDocument (no workbench file involved)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builders import cell, para, run, table, text_table, write_docx

from workbench.importing import ColumnOverride, ColumnRole, preview_table, read_source
from workbench.model import Mark, Role, StakeholderKind

SAMPLE = (
    Path(__file__).resolve().parents[3] / "resources" / "samples" / "tunis-ig-gender-caucus.docx"
)
EXPECTED_LABELS = [
    *[str(n) for n in range(39, 44)],
    "New43bis",
    *[str(n) for n in range(44, 57)],
    "New 56bis",
    *[str(n) for n in range(57, 63)],
]


def texts(document, label: str) -> dict[Role, str]:
    paragraph = next(p for p in document.paragraphs if p.label == label)
    return {v.role: v.text for v in paragraph.variants}


def test_sample_sections_nest_by_number() -> None:
    document = read_source(SAMPLE)
    found = [(s.number, s.parent_number) for s in document.sections]
    assert found == [
        ("1.", None),
        ("2.", None),
        ("3.", None),
        ("3a)", "3."),
        ("3b)", "3."),
        ("4.", None),
        ("5.", None),
    ]
    assert document.sections[0].title == "Introduction"


def test_sample_paragraphs_in_document_order_with_their_sections() -> None:
    document = read_source(SAMPLE)
    assert [p.label for p in document.paragraphs] == EXPECTED_LABELS
    sections = {p.label: p.section_number for p in document.paragraphs}
    assert sections["39"] == "1."
    assert sections["New43bis"] == "2."
    assert sections["45"] == "3a)"
    assert sections["49"] == "3b)"
    assert sections["New 56bis"] == "4."
    assert sections["62"] == "5."


def test_sample_variants() -> None:
    document = read_source(SAMPLE)
    assert set(texts(document, "40")) == {Role.DRAFT}
    assert set(texts(document, "New43bis")) == {Role.PROPOSAL}
    assert texts(document, "New43bis")[Role.PROPOSAL].startswith("We take note that freedom")
    para_39 = texts(document, "39")
    assert para_39[Role.COMPROMISE].startswith("We reaffirm the principles")
    assert para_39[Role.COMPROMISE].endswith("multilingualism and a gender equality perspective.")
    proposal_45 = texts(document, "45")[Role.PROPOSAL]
    assert "has been handled and wish to continue the priority" in proposal_45
    assert "acknowledge" not in proposal_45
    assert not texts(document, "43")[Role.PROPOSAL].startswith("43")
    stakeholders = {s.name: s.kind for s in document.stakeholders}
    assert stakeholders == {"Chair": StakeholderKind.CHAIR, "GC": StakeholderKind.CIVIL_SOCIETY}
    gc = [v.stakeholder for p in document.paragraphs for v in p.variants if v.role is Role.PROPOSAL]
    assert set(gc) == {"GC"}


def test_sample_sub_items_stay_in_their_paragraph() -> None:
    document = read_source(SAMPLE)
    draft_51 = texts(document, "51")[Role.DRAFT]
    assert "\na)\nappropriate legislation" in draft_51
    assert "b) The private sector" in texts(document, "43")[Role.DRAFT]


def test_sample_redline_marks() -> None:
    document = read_source(SAMPLE)
    paragraph = next(p for p in document.paragraphs if p.label == "45")
    proposal = paragraph.variant(Role.PROPOSAL)
    assert proposal is not None
    at = proposal.text.index("wish to continue")
    assert Mark("deleted", at, at, "acknowledge") in proposal.marks
    assert Mark("added", at, at + len("wish to continue"), "wish to continue") in proposal.marks


def test_preview_shows_guessed_roles() -> None:
    preview = preview_table(SAMPLE, max_rows=3)
    assert preview.kind == "table"
    assert preview.rows == 33
    roles = [(c.role, c.stakeholder) for c in preview.columns]
    assert roles == [
        (ColumnRole.DRAFT, "Chair"),
        (ColumnRole.PROPOSAL, "GC"),
        (ColumnRole.COMPROMISE, "Chair"),
    ]
    assert preview.columns[1].header == "GC Proposed Text"
    assert len(preview.columns[0].samples) == 3
    assert preview.columns[0].samples[0].startswith("39. We reaffirm")


def test_label_column_and_headers_name_stakeholders(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "t.docx",
        text_table(
            ["Para", "Draft", "Proposal by the Gender Caucus", "USA amendments", "Agreed text"],
            ["12", "Draft twelve.", "GC twelve.", "", "Agreed twelve."],
            ["12 bis", "", "", "US new text.", ""],
            ["13", "Draft thirteen.", "", "US thirteen.", ""],
        ),
    )
    document = read_source(source)
    assert [p.label for p in document.paragraphs] == ["12", "12 bis", "13"]
    stakeholders = {s.name: s.kind for s in document.stakeholders}
    assert stakeholders == {
        "Chair": StakeholderKind.CHAIR,
        "Gender Caucus": StakeholderKind.CIVIL_SOCIETY,
        "USA": StakeholderKind.GOVERNMENT,
    }
    assert texts(document, "12")[Role.COMPROMISE] == "Agreed twelve."
    assert texts(document, "12 bis") == {Role.PROPOSAL: "US new text."}


def test_column_overrides_replace_guesses(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "t.docx",
        text_table(["1. Intro", "", ""], ["5. Draft five.", "Brazil text.", "notes"]),
    )
    overrides = {
        1: ColumnOverride(ColumnRole.PROPOSAL, "Brazil"),
        2: ColumnOverride(ColumnRole.IGNORE),
    }
    document = read_source(source, column_overrides=overrides)
    assert texts(document, "5") == {Role.DRAFT: "Draft five.", Role.PROPOSAL: "Brazil text."}
    assert {s.name for s in document.stakeholders} == {"Chair", "Brazil"}


def test_merged_section_row_and_vertical_merge(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "t.docx",
        table(
            [cell("Text"), cell("Proposed")],
            [cell("A. Preamble matters", props='<w:gridSpan w:val="2"/>')],
            [cell("7.\nSeven.", props='<w:vMerge w:val="restart"/>'), cell("Seven, amended.")],
            [cell("", props="<w:vMerge/>"), cell("")],
            [cell("8. Eight."), cell()],
        ),
    )
    document = read_source(source)
    assert [(s.number, s.title) for s in document.sections] == [("A.", "Preamble matters")]
    assert [p.label for p in document.paragraphs] == ["7", "8"]
    assert texts(document, "7") == {Role.DRAFT: "Seven.", Role.PROPOSAL: "Seven, amended."}
    assert texts(document, "8") == {Role.DRAFT: "Eight."}


def test_nested_table_text_is_kept_in_its_cell(tmp_path: Path) -> None:
    nested = text_table(["inner one", "inner two"])
    source = write_docx(
        tmp_path / "t.docx",
        table(
            [cell("Text"), cell("Proposal")],
            [cell("9.\nNine says:", nested, "after"), cell("x")],
            [cell("10.\nTen."), cell()],
        ),
    )
    document = read_source(source)
    assert texts(document, "9")[Role.DRAFT] == "Nine says:\ninner one\ninner two\nafter"
    assert [p.label for p in document.paragraphs] == ["9", "10"]


def test_proposal_only_labels_and_sub_items(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "t.docx",
        text_table(
            ["Draft", "GC Proposed Text"],
            ["57.\nFifty-seven:\na) one;\nNew c) three", "57.\nFifty-seven:\n57 new(b) two"],
            ["", "New 56bis\nA new one."],
        ),
    )
    document = read_source(source)
    assert [p.label for p in document.paragraphs] == ["57", "New 56bis"]
    assert texts(document, "57")[Role.DRAFT] == "Fifty-seven:\na) one;\nNew c) three"
    assert texts(document, "57")[Role.PROPOSAL] == "Fifty-seven:\n57 new(b) two"


def test_redline_runs_become_clean_text_and_marks(tmp_path: Path) -> None:
    proposal = para(
        run("We "),
        run("enhance", strike=True),
        run(" "),
        run("guarantee", underline=True),
        run(" it "),
        run("now", dstrike=True),
        run("  today"),
        '<w:r><w:rPr><w:u w:val="none"/></w:rPr><w:t xml:space="preserve">.</w:t></w:r>',
    )
    source = write_docx(
        tmp_path / "t.docx",
        table(
            [cell("Text"), cell("Proposal")], [cell("3.\nWe enhance it now today."), cell(proposal)]
        ),
    )
    document = read_source(source)
    variant = document.paragraphs[0].variant(Role.PROPOSAL)
    assert variant is not None
    assert variant.text == "We guarantee it today."
    assert variant.marks == (
        Mark("deleted", 3, 3, "enhance"),
        Mark("added", 3, 12, "guarantee"),
        Mark("deleted", 16, 16, "now"),
    )


@pytest.mark.parametrize("suffix", ["", "."])
def test_inline_label_opens_the_draft_cell(tmp_path: Path, suffix: str) -> None:
    source = write_docx(
        tmp_path / "t.docx",
        text_table(["Draft", "Proposal"], [f"39{suffix} We reaffirm.", "We reaffirm more."]),
    )
    document = read_source(source)
    if suffix:
        assert texts(document, "39") == {
            Role.DRAFT: "We reaffirm.",
            Role.PROPOSAL: "We reaffirm more.",
        }
    else:
        # "39 We reaffirm." is text, not a label: the row gets the preamble label.
        assert document.paragraphs[0].label == "Preamble"
