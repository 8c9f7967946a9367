"""A draft decision as each UN language writes it imports to the same structure.

The same short decision in French, Spanish, Russian, Chinese and Arabic (fixtures/decisions):
the chapeau ("La Conférence des Parties,", "缔约方会议，", "إن مؤتمر الأطراف،"), preambular
paragraphs, a numbered section ("I.", "一、", "أولاً -"), operative paragraphs ("1.", and
"1-" in Arabic), an annex ("Annexe", "附件", "المرفق") with lettered sub-items kept in their
paragraph ("(a)", "(أ)"). The decision's symbol heads the text in every script ("Projet de
décision -/CMA.6", "第-/CP.29号决定草案", "مشروع المقرر -/م أ-29"): nothing is set aside.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.importing.reading import read_reading

DECISIONS = Path(__file__).parent / "fixtures" / "decisions"
# language: (the section's number, the annex's word, the chapeau, the first sub-item)
EXPECTED = {
    "fr": ("II.", "Annexe", "La Conférence des Parties agissant", "a) Les démarches concertées;"),
    "es": (None, "Anexo", "La Conferencia de las Partes,", "a) Intercambiar opiniones;"),
    "ru": ("I.", "Приложение", "Конференция Сторон,", "a) обмен мнениями;"),
    "zh": ("一、", "附件", "缔约方会议，", "(a) 交流意见；"),
    "ar": ("أولاً -", "المرفق", "إن مؤتمر الأطراف،", "(أ) تبادل الآراء؛"),
}


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_a_decision_reads_alike_in_every_un_language(language: str) -> None:
    section, annex, chapeau, sub_item = EXPECTED[language]
    reading = read_reading(DECISIONS / f"decision-{language}.txt")
    doc = reading.document
    assert doc.kind == "body-text"
    labels = [p.label for p in doc.paragraphs]
    assert labels[:3] == ["Chapeau", "PP1", "PP2"]
    operative = [label for label in labels if label.isdigit()]
    assert operative == [str(n) for n in range(1, len(operative) + 1)]
    assert len(operative) >= 2
    assert labels[-1] == f"{annex} 1"
    texts = {p.label: p.variants[0].text for p in doc.paragraphs}
    assert texts["Chapeau"].startswith(chapeau)
    assert sub_item in texts[f"{annex} 1"].splitlines()
    numbers = [s.number for s in doc.sections]
    assert annex in numbers
    if section is not None:
        assert section in numbers
        first = next(p for p in doc.paragraphs if p.label == operative[-1])
        assert first.section_number is not None
        assert first.section_number.endswith(section)
    assert reading.findings.warnings == []
    assert reading.findings.set_aside == []
    assert "/" in numbers[0]  # the decision's symbol: its top heading, as written
    assert DECISIONS.joinpath(f"decision-{language}.txt").read_text("utf-8").startswith(numbers[0])


@pytest.mark.parametrize(
    ("line", "shown", "kind", "value"),
    [
        ("12- يقرر إنشاء برنامج عمل؛", "12-", "decimal", 12),
        ("(ج) إعداد التوصيات.", "(ج)", "letter", 3),  # abjad order: أ ب ج
        ("(هـ) تبادل الآراء؛", "(هـ)", "letter", 5),
        ("ثالثاً - برنامج العمل", "ثالثاً -", "upper-roman", 3),
        ("十二、工作方案", "十二、", "upper-roman", 12),
        ("（二）审查", "（二）", "upper-letter", 2),
        ("（b）提出建议。", "（b）", "letter", 2),
        ("2015-2020 was a period", None, None, None),  # a range, no number
    ],
)
def test_numbers_as_each_script_types_them(
    line: str, shown: str | None, kind: str | None, value: int | None
) -> None:
    from workbench.importing.profiles.vocabulary import typed_number

    found = typed_number(line)
    if shown is None:
        assert found is None or found.number.text != "2015-"
        return
    assert found is not None
    assert (found.number.text, found.number.kind, found.number.value) == (shown, kind, value)


def test_clauses_set_aside_before_the_text_are_warned_about(tmp_path: Path) -> None:
    """A text whose opening this reader does not know (here Arabic clauses with no chapeau it
    recognises): what it sets aside as a cover ends like clauses, and the import says so."""
    source = tmp_path / "odd.txt"
    source.write_text(
        "Informe del Grupo\n\nالأطراف تقرر شيئا؛\n\nوتطلب شيئا آخر؛\n\nوتدعو الجميع؛\n\n"
        "Annex\n\nThe list of items\n\n1. First;\n\n2. Second;\n\n3. Third.\n",
        encoding="utf-8",
    )
    reading = read_reading(source)
    assert any(line.startswith("4 lines before the text") for line in reading.findings.set_aside)
    (warning,) = reading.findings.warnings
    assert warning.startswith("3 lines set aside before the text read like paragraphs")
    assert "تقرر" in warning


@pytest.mark.parametrize(
    ("line", "number"),
    [("第四条", "4"), ("第十二条 透明度", "12"), ("Статья 7", "7"), ("المادة 9", "9")],
)
def test_articles_as_each_script_heads_them(line: str, number: str) -> None:
    from workbench.importing.profiles.vocabulary import worded_heading

    heading = worded_heading(line)
    assert heading is not None
    assert (heading.family, heading.number) == ("article", number)
    # Shown as written: "第四条", never "第四条 4".
    assert (heading.written or f"{heading.word} {heading.number}") == line.split()[0] + (
        "" if line.startswith("第") else f" {number}"
    )


@pytest.mark.parametrize(
    ("line", "value"), [("а) обмен мнениями;", 1), ("б) подготовка;", 2), ("(в) текст", 3)]
)
def test_russian_sub_items_lettered_in_cyrillic(line: str, value: int) -> None:
    from workbench.importing.profiles.vocabulary import typed_number

    found = typed_number(line)
    assert found is not None
    assert (found.number.kind, found.number.value) == ("letter", value)
