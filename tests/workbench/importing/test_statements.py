"""Statements: numbered paragraphs of one stakeholder from a .txt or a table-less .docx."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx_builders import para, text_table, write_docx

from workbench.importing import read_source
from workbench.model import StakeholderKind

SEED = Path("/work/shared/seeds/caucus-statement-wgig.txt")
SEED_COPY = (
    Path(__file__).resolve().parents[3] / "resources" / "samples" / "caucus-statement-wgig.txt"
)


def seed() -> Path:
    return SEED if SEED.exists() else SEED_COPY


def test_seed_statement_has_exactly_five_paragraphs() -> None:
    document = read_source(seed())
    assert [p.label for p in document.paragraphs] == ["1", "2", "3", "4", "5"]
    second = document.paragraphs[1].variants[0].text
    assert "1. An understanding of how governance" in second
    assert "2. An elaboration of the concept" in second
    fourth = document.paragraphs[3].variants[0].text
    assert "• private agreements" in fourth
    assert document.paragraphs[0].variants[0].text.startswith("We commend the Secretary General")


def test_seed_stakeholder_is_guessed_from_the_file_name() -> None:
    document = read_source(seed())
    (stakeholder,) = document.stakeholders
    assert stakeholder.name == "Caucus"
    assert stakeholder.kind is StakeholderKind.CIVIL_SOCIETY
    assert document.paragraphs[0].variants[0].stakeholder == "Caucus"


def test_stakeholder_given_by_name(tmp_path: Path) -> None:
    path = tmp_path / "brazil.txt"
    path.write_text("1. Um.\n2. Dois.\n", encoding="utf-8")
    document = read_source(path, stakeholder="Brazil")
    assert [s.name for s in document.stakeholders] == ["Brazil"]
    assert read_source(path).stakeholders[0].name == "brazil"


def test_preamble_only_when_not_empty(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text(
        "Opening words.\n\n1.   First  point.\n- a bullet\n2) Second.\n", encoding="utf-8"
    )
    document = read_source(path)
    assert [p.label for p in document.paragraphs] == ["Preamble", "1", "2"]
    assert document.paragraphs[0].variants[0].text == "Opening words."
    assert document.paragraphs[1].variants[0].text == "First point.\n- a bullet"
    path.write_text("\n\n 1. Only.\n", encoding="utf-8")
    assert [p.label for p in read_source(path).paragraphs] == ["1"]


def test_named_caucus_in_the_text(tmp_path: Path) -> None:
    path = tmp_path / "statement.txt"
    path.write_text("1. The Gender Caucus believes in it.\n", encoding="utf-8")
    assert read_source(path).stakeholders[0].name == "Gender Caucus"


def test_docx_statement_with_typed_and_word_numbers(tmp_path: Path) -> None:
    document = Document()
    document.add_paragraph("Intro line.")
    document.add_paragraph("1. Typed first.")
    document.add_paragraph("A line under it.")
    document.add_paragraph("2. Typed second.")
    path = tmp_path / "typed.docx"
    document.save(str(path))
    found = read_source(path)
    assert [p.label for p in found.paragraphs] == ["Preamble", "1", "2"]
    assert found.paragraphs[1].variants[0].text == "Typed first.\nA line under it."

    numbered = Document()
    numbered.add_paragraph("Automatic first.", style="List Number")
    numbered.add_paragraph("a bullet", style="List Bullet")
    numbered.add_paragraph("Automatic second.", style="List Number")
    path = tmp_path / "auto.docx"
    numbered.save(str(path))
    # python-docx's list styles carry the numbering in the style, which Word shows as numbers
    # but we do not resolve: the paragraphs then stay one preamble rather than fail.
    assert read_source(path).paragraphs


def test_docx_statement_reads_the_text_of_its_small_tables(tmp_path: Path) -> None:
    # A one-row table is no negotiation table: its text is part of the statement.
    body = para("1. First.") + text_table(["2. Second, in a table.", "A side note."])
    source = write_docx(tmp_path / "boxed.docx", body + para("3. Third."))
    found = read_source(source)
    assert found.kind == "statement"
    assert [p.label for p in found.paragraphs] == ["1", "2", "3"]
    assert found.paragraphs[1].variants[0].text == "Second, in a table.\nA side note."
