"""Word list numbering, computed as Word shows it, on small hand-built numbering.xml parts."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builders import replace_part, write_docx
from lxml import etree

from workbench.importing.blocks import TextBlock
from workbench.importing.numbering import (
    ListCounter,
    Numbering,
    cardinal_text,
    format_number,
    letters,
    ordinal_text,
    roman,
)
from workbench.importing.reading import load

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>'
    )


def numbering(*parts: str) -> Numbering:
    xml = f'<w:numbering xmlns:w="{W}">{"".join(parts)}</w:numbering>'
    return Numbering.read(etree.fromstring(xml))


def abstract(abstract_id: int, *levels: str, link: str = "") -> str:
    linked = f'<w:numStyleLink w:val="{link}"/>' if link else ""
    return (
        f'<w:abstractNum w:abstractNumId="{abstract_id}">{linked}{"".join(levels)}</w:abstractNum>'
    )


def num(num_id: int, abstract_id: int, overrides: str = "") -> str:
    return f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{overrides}</w:num>'


def start_override(ilvl: int, value: int) -> str:
    return f'<w:lvlOverride w:ilvl="{ilvl}"><w:startOverride w:val="{value}"/></w:lvlOverride>'


def shown(counter: ListCounter, *paragraphs: tuple[str, int]) -> list[str]:
    out = []
    for num_id, ilvl in paragraphs:
        found = counter.number(num_id, ilvl)
        out.append(found.text if found is not None else "")
    return out


MULTI = abstract(
    0,
    level(0, "decimal", "%1."),
    level(1, "decimal", "%1.%2."),
    level(2, "lowerLetter", "(%3)"),
    level(3, "lowerRoman", "(%4)"),
)


def test_multi_level_patterns_and_restarts_of_lower_levels() -> None:
    counter = ListCounter(numbering(MULTI, num(1, 0)))
    assert shown(
        counter, ("1", 0), ("1", 1), ("1", 2), ("1", 2), ("1", 3), ("1", 1), ("1", 2), ("1", 0)
    ) == ["1.", "1.1.", "(a)", "(b)", "(i)", "1.2.", "(a)", "2."]
    # "2." restarted the levels below it: its first sub-item is 2.1 again.
    assert shown(counter, ("1", 1)) == ["2.1."]


def test_instances_of_one_definition_continue_each_other() -> None:
    counter = ListCounter(numbering(MULTI, num(1, 0), num(2, 0)))
    assert shown(counter, ("1", 0), ("1", 0), ("2", 0), ("1", 0)) == ["1.", "2.", "3.", "4."]


def test_start_override_restarts_its_list_once() -> None:
    """Each article's list is a new instance with a startOverride: numbering restarts at 1."""
    counter = ListCounter(numbering(MULTI, num(1, 0), num(2, 0, start_override(0, 1))))
    assert shown(counter, ("1", 0), ("1", 0), ("1", 0), ("2", 0), ("2", 0)) == [
        "1.",
        "2.",
        "3.",
        "1.",
        "2.",
    ]


def test_override_only_restarts_the_levels_the_instance_uses() -> None:
    """UN decisions: headings I, II, III by one instance, A, B by another overriding all
    levels; the first instance's next heading is IV, not I again."""
    headings = abstract(1, level(0, "upperRoman", "%1."), level(1, "upperLetter", "%2."))
    overrides = "".join(start_override(i, 1) for i in range(2))
    counter = ListCounter(numbering(headings, num(1, 1), num(8, 1, overrides)))
    assert shown(counter, ("1", 0), ("1", 0), ("1", 0), ("8", 1), ("8", 1), ("1", 0), ("8", 1)) == [
        "I.",
        "II.",
        "III.",
        "A.",
        "B.",
        "IV.",
        "A.",
    ]


def test_whole_level_override_and_start_values() -> None:
    replaced = (
        '<w:lvlOverride w:ilvl="0">'
        + level(0, "upperLetter", "Part %1:", start=3)
        + "</w:lvlOverride>"
    )
    counter = ListCounter(numbering(MULTI, num(1, 0), num(5, 0, replaced)))
    assert shown(counter, ("5", 0), ("5", 0)) == ["Part C:", "Part D:"]
    started = abstract(2, level(0, "decimal", "%1.", start=15))
    counter = ListCounter(numbering(started, num(3, 2)))
    assert shown(counter, ("3", 0), ("3", 0)) == ["15.", "16."]


def test_roman_letters_and_letters_past_z() -> None:
    counter = ListCounter(
        numbering(
            abstract(0, level(0, "upperRoman", "%1."), level(1, "lowerLetter", "%2)")), num(1, 0)
        )
    )
    texts = shown(counter, *([("1", 0)] * 4))
    assert texts == ["I.", "II.", "III.", "IV."]
    letters_seen = shown(counter, *([("1", 1)] * 28))
    assert letters_seen[:3] == ["a)", "b)", "c)"]
    assert letters_seen[25:] == ["z)", "aa)", "bb)"]


def test_lvl_restart_zero_never_restarts() -> None:
    """UN operative paragraphs (level 5, lvlRestart 0) count on across headings (level 0)."""
    definition = abstract(
        0,
        level(0, "upperRoman", "%1.", extra='<w:lvlRestart w:val="0"/>'),
        level(5, "decimal", "%6.", extra='<w:lvlRestart w:val="0"/>'),
    )
    counter = ListCounter(numbering(definition, num(1, 0)))
    assert shown(counter, ("1", 0), ("1", 5), ("1", 5), ("1", 0), ("1", 5)) == [
        "I.",
        "1.",
        "2.",
        "II.",
        "3.",
    ]


def test_is_legal_shows_cited_levels_as_decimals() -> None:
    definition = abstract(
        0, level(0, "upperRoman", "%1."), level(1, "decimal", "%1.%2", extra="<w:isLgl/>")
    )
    counter = ListCounter(numbering(definition, num(1, 0)))
    assert shown(counter, ("1", 0), ("1", 0), ("1", 1)) == ["I.", "II.", "2.1"]


def test_unused_level_cited_shows_its_start_and_bullets_do_not_count() -> None:
    definition = abstract(0, level(0, "decimal", "%1.", start=4), level(1, "decimal", "%1.%2."))
    bullets = abstract(1, level(0, "bullet", "•"))
    counter = ListCounter(numbering(definition, bullets, num(1, 0), num(2, 1)))
    assert shown(counter, ("1", 1), ("2", 0), ("2", 0)) == ["4.1.", "•", "•"]


def font(name: str) -> str:
    return f'<w:rPr><w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:hint="default"/></w:rPr>'


def test_bullets_drawn_in_symbol_fonts_are_the_characters_word_shows() -> None:
    """Word's default bullets: Symbol F0B7, Courier New "o", Wingdings F0A7; a symbol-font code
    we cannot name is still a bullet, never an empty box (U+F0xx shows as one in any font)."""
    bullets = abstract(
        0,
        level(0, "bullet", "\uf0b7", extra=font("Symbol")),
        level(1, "bullet", "o", extra=font("Courier New")),
        level(2, "bullet", "\uf0a7", extra=font("Wingdings")),
        level(3, "bullet", "\uf0d8", extra=font("Wingdings")),
        level(4, "bullet", "\uf04a", extra=font("Wingdings")),
        level(5, "bullet", "\uf0b7"),
        level(6, "bullet", "\u2013"),
    )
    counter = ListCounter(numbering(bullets, num(1, 0)))
    marks = shown(counter, *[("1", ilvl) for ilvl in range(7)])
    assert marks == ["•", "o", "▪", "➢", "•", "•", "–"]


def test_num_id_zero_and_unknown_lists_show_nothing() -> None:
    counter = ListCounter(numbering(MULTI, num(1, 0)))
    assert counter.number("0", 0) is None
    assert counter.number("99", 0) is None


def test_num_style_link_borrows_the_numbering_styles_list() -> None:
    linked = abstract(7, link="OutlineList")
    real = abstract(3, level(0, "decimal", "Article %1"))
    parsed = Numbering.read(
        etree.fromstring(
            f'<w:numbering xmlns:w="{W}">{linked}{real}{num(1, 3)}{num(2, 7)}</w:numbering>'
        ),
        {"OutlineList": "1"},
    )
    counter = ListCounter(parsed)
    assert shown(counter, ("1", 0), ("2", 0)) == ["Article 1", "Article 2"]


@pytest.mark.parametrize(
    ("value", "fmt", "expected"),
    [
        (4, "upperRoman", "IV"),
        (1994, "upperRoman", "MCMXCIV"),
        (9, "lowerRoman", "ix"),
        (3, "upperLetter", "C"),
        (53, "lowerLetter", "aaa"),
        (2, "decimalZero", "02"),
        (22, "ordinal", "22nd"),
        (13, "ordinal", "13th"),
        (21, "cardinalText", "Twenty-one"),
        (3, "ordinalText", "Third"),
        (5, "none", ""),
        (7, "hebrew1", "7"),  # a script we do not spell out: its count all the same
        (3, "arabicAbjad", "ج"),  # (أ), (ب), (ج): UN Arabic sub-items
        (5, "arabicAbjad", "ه"),
        (3, "arabicAlpha", "ت"),
        (29, "arabicAbjad", "أأ"),
        (2, "russianLower", "б"),
        (4, "russianUpper", "Г"),
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (12, "chineseCountingThousand", "十二"),
        (21, "chineseCounting", "二十一"),
        (105, "ideographDigital", "一〇五"),
        (3, "ideographTraditional", "丙"),
    ],
)
def test_formats(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected


def test_format_helpers() -> None:
    assert roman(40) == "XL"
    assert letters(27) == "AA"
    assert cardinal_text(345) == "Three Hundred Forty-five"
    assert ordinal_text(40) == "Fortieth"


STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Para"><w:name w:val="Para"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
  <w:style w:type="paragraph" w:styleId="SubPara"><w:name w:val="SubPara"/>
    <w:basedOn w:val="Para"/><w:pPr><w:numPr><w:ilvl w:val="2"/></w:numPr></w:pPr></w:style>
</w:styles>"""


def test_numbering_from_the_style_chain_in_a_document(tmp_path: Path) -> None:
    """A style names the list (and its base style the numId), a paragraph can switch it off."""
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Para"/></w:pPr><w:r><w:t>First.</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="SubPara"/></w:pPr><w:r><w:t>Point.</w:t></w:r></w:p>'
        '<w:p><w:pPr><w:pStyle w:val="Para"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr>'
        "<w:r><w:t>Not numbered.</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:pStyle w:val="Para"/></w:pPr><w:r><w:t>Second.</w:t></w:r></w:p>'
    )
    source = write_docx(tmp_path / "styled.docx", body)
    part = f'<w:numbering xmlns:w="{W}">{MULTI}{num(1, 0)}</w:numbering>'
    replace_part(source, "word/numbering.xml", part.encode())
    replace_part(source, "word/styles.xml", STYLES.encode())
    blocks = [b for b in load(source).blocks if isinstance(b, TextBlock)]
    assert [(b.number.text if b.number else "", b.text.text) for b in blocks] == [
        ("1.", "First."),
        ("(a)", "Point."),
        ("", "Not numbered."),
        ("2.", "Second."),
    ]


def test_an_arabic_decision_numbered_by_word_reads_its_paragraphs_and_sub_items(
    tmp_path: Path,
) -> None:
    """Operative paragraphs "1-", "2-" and their sub-items "(أ)", "(ب)" in Word's arabicAbjad:
    labels 1 and 2, the sub-items inside paragraph 1 as Word shows them."""
    from workbench.importing.reading import read_reading

    def para(text: str, ilvl: int | None = None) -> str:
        numbered = (
            f'<w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            if ilvl is not None
            else ""
        )
        return f"<w:p>{numbered}<w:r><w:t>{text}</w:t></w:r></w:p>"

    body = "".join(
        [
            para("إن مؤتمر الأطراف،"),
            para("إذ يشير إلى المادة 4 من الاتفاقية،"),
            para("يقرر إنشاء برنامج عمل يشمل ما يلي:", 0),
            para("تبادل الآراء؛", 1),
            para("إعداد التوصيات؛", 1),
            para("يطلب إلى الأمانة إعداد تقرير؛", 0),
        ]
    )
    source = write_docx(tmp_path / "decision-ar.docx", body)
    arabic = abstract(0, level(0, "decimal", "%1-"), level(1, "arabicAbjad", "(%2)"))
    part = f'<w:numbering xmlns:w="{W}">{arabic}{num(1, 0)}</w:numbering>'
    replace_part(source, "word/numbering.xml", part.encode())
    doc = read_reading(source).document
    assert [p.label for p in doc.paragraphs] == ["Chapeau", "PP1", "1", "2"]
    first = next(p for p in doc.paragraphs if p.label == "1")
    assert first.variants[0].text.splitlines() == [
        "يقرر إنشاء برنامج عمل يشمل ما يلي:",
        "(أ) تبادل الآراء؛",
        "(ب) إعداد التوصيات؛",
    ]
