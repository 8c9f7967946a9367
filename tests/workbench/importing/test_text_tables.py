"""A table Word converted to text (cells after tabs) imports as the table it was.

The seed this product grew from, `tunis-ig-gender-caucus-table.txt`, is the bundled sample's
table as text: it reads as the .docx does (sections, labels, who proposes what), and the import
says that the conversion lost the redline. Paragraphs merely indented with a tab stay a
statement's paragraphs.
"""

from __future__ import annotations

from pathlib import Path

from workbench.importing.reading import read_reading
from workbench.importing.text_tables import NO_REDLINE
from workbench.model import Role

SAMPLES = Path(__file__).resolve().parents[3] / "resources" / "samples"


def test_the_seed_table_as_text_reads_as_the_word_table_does() -> None:
    as_text = read_reading(SAMPLES / "tunis-ig-gender-caucus-table.txt")
    as_word = read_reading(SAMPLES / "tunis-ig-gender-caucus.docx").document
    doc = as_text.document
    assert doc.kind == "table"
    assert [p.label for p in doc.paragraphs] == [p.label for p in as_word.paragraphs]
    assert [s.key for s in doc.sections] == [s.key for s in as_word.sections]
    for text_paragraph, word_paragraph in zip(doc.paragraphs, as_word.paragraphs, strict=True):
        assert [(v.role, v.stakeholder) for v in text_paragraph.variants] == [
            (v.role, v.stakeholder) for v in word_paragraph.variants
        ]
        draft = text_paragraph.variant(Role.DRAFT)
        if draft is not None:
            assert draft.text == word_paragraph.variant(Role.DRAFT).text  # type: ignore[union-attr]
    # The Word file strikes "up" in paragraph 46; the text cannot, and the import says so.
    forty_six = next(p for p in doc.paragraphs if p.label == "46")
    assert "helps up us implement" in forty_six.variant(Role.PROPOSAL).text  # type: ignore[union-attr]
    assert NO_REDLINE in as_text.findings.warnings


def test_paragraphs_indented_with_a_tab_stay_a_statements(tmp_path: Path) -> None:
    source = tmp_path / "statement.txt"
    source.write_text(
        "".join(f"\t{n}. We note point {n} of the report.\n" for n in range(1, 9)), encoding="utf-8"
    )
    reading = read_reading(source)
    assert reading.document.kind == "statement"
    assert [p.label for p in reading.document.paragraphs] == [str(n) for n in range(1, 9)]
    assert NO_REDLINE not in reading.findings.warnings
