"""Hand-built documents for each layout profile: trilogue, compilation, amendments, and the
cases every table reader gets wrong once (duplicate labels, an unnamed column, a header
repeated on every page)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx_builders import para, text_table, write_docx

from workbench.errors import WorkbenchError
from workbench.importing import ColumnOverride, ColumnRole
from workbench.importing.reading import read_reading
from workbench.model import Role


def variants(reading_result, label: str) -> dict[tuple[Role, str], str]:
    paragraph = next(p for p in reading_result.document.paragraphs if p.label == label)
    return {(v.role, v.stakeholder): v.text for v in paragraph.variants}


def test_trilogue_four_columns(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "trilogue.docx",
        text_table(
            ["Article", "Commission proposal", "EP mandate", "Council mandate", "Draft agreement"],
            [
                "Article 1",
                "Scope text.",
                "Scope, amended by EP.",
                "Scope, Council.",
                "Scope agreed.",
            ],
            ["Recital 3", "Recital three.", "", "Recital three, Council.", ""],
        ),
    )
    found = read_reading(source)
    assert found.document.kind == "comparison"
    assert variants(found, "Article 1") == {
        (Role.DRAFT, "Commission"): "Scope text.",
        (Role.PROPOSAL, "EP"): "Scope, amended by EP.",
        (Role.PROPOSAL, "Council"): "Scope, Council.",
        (Role.COMPROMISE, "Chair"): "Scope agreed.",
    }
    assert variants(found, "Recital 3") == {
        (Role.DRAFT, "Commission"): "Recital three.",
        (Role.PROPOSAL, "Council"): "Recital three, Council.",
    }
    lines = found.findings.lines()
    assert "column 3 (EP mandate): proposal by EP" in lines
    assert "column 5 (Draft agreement): compromise by Chair" in lines


def test_compilation_with_stakeholder_prefixes(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "compilation.docx",
        para("1. The Parties shall cooperate on adaptation.")
        + para("EU: The Parties shall closely cooperate on adaptation.")
        + para("Canada, Government: The Parties may cooperate on adaptation.")
        + para("2. Finance shall be provided.")
        + para("G77 and China: Finance shall be provided by developed country Parties.")
        + para("EU: Delete.")
        + para("3. Reports are due every two years."),
    )
    found = read_reading(source)
    assert found.document.kind == "compilation"
    assert [p.label for p in found.document.paragraphs] == ["1", "2", "3"]
    assert variants(found, "1") == {
        (Role.DRAFT, "Chair"): "The Parties shall cooperate on adaptation.",
        (Role.PROPOSAL, "EU"): "The Parties shall closely cooperate on adaptation.",
        (Role.PROPOSAL, "Canada, Government"): "The Parties may cooperate on adaptation.",
    }
    assert variants(found, "2")[(Role.PROPOSAL, "EU")] == "Delete."
    assert variants(found, "3") == {(Role.DRAFT, "Chair"): "Reports are due every two years."}
    assert [s.name for s in found.document.stakeholders] == [
        "Chair",
        "EU",
        "Canada, Government",
        "G77 and China",
    ]


def test_duplicate_labels_are_never_merged(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "dup.docx",
        text_table(
            ["Para", "Draft", "GC Proposed Text"],
            ["12", "Twelve.", "Twelve, GC."],
            ["12", "Another twelve.", "Another, GC."],
            ["13", "Thirteen.", ""],
        ),
    )
    found = read_reading(source)
    assert [p.label for p in found.document.paragraphs] == ["12", "12 (2)", "13"]
    assert variants(found, "12 (2)")[(Role.DRAFT, "Chair")] == "Another twelve."
    assert any("12 appears more than once" in w for w in found.findings.warnings)


def test_comparison_rows_of_one_target_join_and_others_stay_apart(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "dup-comparison.docx",
        text_table(
            ["Article number", "Commission proposed text", "ACME proposal", "Justification"],
            ["4(1)", "Text four.", "Text four, ACME.", "Because."],
            ["4(1)", "Text four.", "Text four, again.", "Also."],
            ["4(1)", "Another text four.", "Other.", ""],
        ),
    )
    found = read_reading(source)
    assert [p.label for p in found.document.paragraphs] == ["4(1)", "4(1) (2)"]
    first = variants(found, "4(1)")
    assert first[(Role.PROPOSAL, "ACME")] == "Text four, ACME.\nText four, again."
    assert variants(found, "4(1) (2)")[(Role.DRAFT, "Commission")] == "Another text four."
    assert len(found.findings.warnings) == 2


def test_unnamed_column_is_asked_about(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "unnamed.docx",
        text_table(
            ["Article number", "Commission proposed text", "Proposed text", "Justification"],
            ["Recital 5", "Five.", "Five, better.", "Clearer."],
        ),
    )
    found = read_reading(source)
    assert any(
        w.startswith("column 3 (Proposed text) names no stakeholder") and "--column 3=" in w
        for w in found.findings.warnings
    )
    assert not any(s.name.startswith("Column") for s in found.document.stakeholders)
    named = read_reading(source, column_overrides={2: ColumnOverride(ColumnRole.PROPOSAL, "ACME")})
    assert variants(named, "Recital 5") == {
        (Role.DRAFT, "Commission"): "Five.",
        (Role.PROPOSAL, "ACME"): "Five, better.",
    }
    assert named.document.paragraphs[0].variants[1].note == "Clearer."
    assert not named.findings.warnings


def test_header_repeated_on_every_page_is_a_header(tmp_path: Path) -> None:
    header = ["Text proposed by the Commission", "Amendment"]
    source = write_docx(
        tmp_path / "repeated.docx",
        para("Amendment 7")
        + para("Anna Example")
        + para("Proposal for a regulation")
        + para("Article 2 – paragraph 1")
        + text_table(
            [""] * 2, header, ["Old text.", "New text."], header, ["More old.", "More new."]
        )
        + para("Or. en")
        + para("Justification")
        + para("It reads better.")
        + para("Amendment 8")
        + para("Ben Example, Cleo Example")
        + para("Article 2 – paragraph 1")
        + text_table(header, ["Old text.\nMore old.", "Other text."]),
    )
    found = read_reading(source)
    assert found.document.kind == "ep-amendments"
    (paragraph,) = found.document.paragraphs
    assert paragraph.label == "Article 2 – paragraph 1"
    assert [(v.role, v.stakeholder, v.tag) for v in paragraph.variants] == [
        (Role.DRAFT, "Commission", ""),
        (Role.PROPOSAL, "Anna Example", "AM 7"),
        (Role.PROPOSAL, "Ben Example, Cleo Example", "AM 8"),
    ]
    assert paragraph.variants[0].text == "Old text.\nMore old."
    assert paragraph.variants[1].text == "New text.\nMore new."
    assert paragraph.variants[1].note == "It reads better."
    assert all("Text proposed" not in v.text for v in paragraph.variants)


def test_profile_named_by_the_user_and_unknown_profile(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "t.docx",
        text_table(["Draft", "GC Proposed Text"], ["1. One.", "One, GC."], ["2. Two.", ""]),
    )
    assert read_reading(source).findings.profile == "un-table"
    as_comparison = read_reading(source, profile="comparison")
    assert as_comparison.findings.profile == "comparison"
    with pytest.raises(WorkbenchError, match="unknown layout"):
        read_reading(source, profile="poster")


def test_prose_without_structure_is_refused(tmp_path: Path) -> None:
    letter = tmp_path / "letter.txt"
    letter.write_text(
        "Dear colleagues,\nThank you for the meeting.\nWe look forward to the next one.\n",
        encoding="utf-8",
    )
    with pytest.raises(WorkbenchError, match="no negotiation structure"):
        read_reading(letter)


HIDING_STYLES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:style w:type="character" w:styleId="HideTWBExt"><w:name w:val="HideTWBExt"/>
    <w:rPr><w:vanish/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Struck"><w:name w:val="Struck"/>
    <w:rPr><w:strike/></w:rPr></w:style>
  <w:style w:type="character" w:styleId="Hyperlink"><w:name w:val="Hyperlink"/>
    <w:rPr><w:u w:val="single"/></w:rPr></w:style>
</w:styles>"""


def styled_run(style: str, text: str) -> str:
    props = f'<w:rPr><w:rStyle w:val="{style}"/></w:rPr>'
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


def test_character_styles_hide_and_strike_but_links_are_no_redline(tmp_path: Path) -> None:
    from docx_builders import replace_part

    from workbench.model import Mark

    cell = (
        '<w:tc><w:p><w:r><w:t xml:space="preserve">We </w:t></w:r>'
        + styled_run("HideTWBExt", "&lt;Tag&gt;")
        + styled_run("Struck", "enhance")
        + '<w:r><w:t xml:space="preserve"> the </w:t></w:r>'
        + styled_run("Hyperlink", "link")
        + "<w:r><w:t>.</w:t></w:r></w:p></w:tc>"
    )
    table = (
        '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="2000"/><w:gridCol w:w="2000"/></w:tblGrid>'
        "<w:tr><w:tc><w:p><w:r><w:t>Draft</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:p><w:r><w:t>GC Proposed Text</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:p><w:r><w:t>1. We enhance the link.</w:t></w:r></w:p></w:tc>"
        f"{cell}</w:tr></w:tbl>"
    )
    source = write_docx(tmp_path / "styled.docx", table)
    replace_part(source, "word/styles.xml", HIDING_STYLES.encode())
    found = read_reading(source)
    proposal = found.document.paragraphs[0].variant(Role.PROPOSAL)
    assert proposal is not None
    assert proposal.text == "We the link."
    assert proposal.marks == (Mark("deleted", 3, 3, "enhance"),)


def test_options_of_one_preambular_paragraph_share_its_number(tmp_path: Path) -> None:
    """ "Option 1: ..." and "Option 2: ..." written in the preamble are one slot, the
    alternatives for it: PP2 Option 1 and PP2 Option 2, and the paragraph after is PP3."""
    source = tmp_path / "decision.txt"
    source.write_text(
        "Draft decision -/CP.30\n\nThe Conference of the Parties,\n\n"
        "Recalling its decision 1/CP.16,\n\n"
        "Option 1: Recognizing the role of forests,\n\n"
        "Option 2: Recognizing the priority of food security,\n\n"
        "Noting the report of the secretariat,\n\n"
        "Option A: Welcoming the report,\n\n"
        "1. Decides that the review shall start in 2027;\n\n"
        "2. Requests the secretariat to prepare a report;\n\n"
        "3. Invites Parties to submit views;\n",
        encoding="utf-8",
    )
    doc = read_reading(source).document
    assert doc.kind == "body-text"
    assert [p.label for p in doc.paragraphs] == [
        "Chapeau",
        "PP1",
        "PP2 Option 1",
        "PP2 Option 2",
        "PP3",
        "PP4 Option A",
        "1",
        "2",
        "3",
    ]
    assert doc.paragraphs[3].variants[0].text.startswith("Option 2: Recognizing the priority")


def test_a_table_with_a_row_per_delegation_gives_each_its_proposal(tmp_path: Path) -> None:
    """A compilation as a table: "Para. | Delegation | Text", the label only on a paragraph's
    first row; draft, proposals and a row nobody signed (warned about, not imported)."""
    source = write_docx(
        tmp_path / "compilation.docx",
        text_table(
            ["Para.", "Delegation", "Text"],
            ["1", "Chair's text", "States shall cooperate."],
            ["", "EU", "States shall cooperate closely."],
            ["", "G77 and China", "States shall cooperate, with support."],
            ["2", "Original text", "Reviews take place every year."],
            ["", "Norway", "Reviews take place every two years."],
            ["", "", "An orphan line of text."],
        ),
    )
    found = read_reading(source)
    assert found.document.kind == "stacked-table"
    assert [p.label for p in found.document.paragraphs] == ["1", "2"]
    assert variants(found, "1") == {
        (Role.DRAFT, "Chair"): "States shall cooperate.",
        (Role.PROPOSAL, "EU"): "States shall cooperate closely.",
        (Role.PROPOSAL, "G77 and China"): "States shall cooperate, with support.",
    }
    assert variants(found, "2") == {
        (Role.DRAFT, "Chair"): "Reviews take place every year.",
        (Role.PROPOSAL, "Norway"): "Reviews take place every two years.",
    }
    assert any(
        "nobody is named as the author of “An orphan line of text.”" in w
        for w in found.findings.warnings
    )


def _decision(path: Path, body: str) -> Path:
    path.write_text(
        "Projet de décision -/CMA.6\n\nLa Conférence des Parties,\n\n"
        "Rappelant la décision 2/CMA.3,\n\n" + body,
        encoding="utf-8",
    )
    return path


def test_an_option_of_no_text_holds_none_of_the_paragraphs_after_it(tmp_path: Path) -> None:
    """ "Option 2 {Pas de texte}" is an option with nothing in it: paragraph 3 after it is the
    section's again, not Option 2's."""
    source = _decision(
        tmp_path / "decision.txt",
        "I. Rapport initial\n\nOption 1 {modèle normalisé}\n\n"
        "1. Décide que chaque Partie soumet un rapport;\n\n"
        "2. Demande au secrétariat un rapport de synthèse;\n\n"
        "Option 2 {Pas de texte}\n\n"
        "3. Invite les Parties à communiquer leurs vues;\n",
    )
    doc = read_reading(source).document
    sections = {p.label: p.section_number for p in doc.paragraphs}
    assert sections["1"] is not None
    assert sections["1"].endswith("I./Option 1")
    assert sections["2"] == sections["1"]
    assert sections["3"] is not None
    assert sections["3"].endswith("I.")
    assert any(s.number == "Option 2" and s.title == "{Pas de texte}" for s in doc.sections)


def test_options_written_in_a_paragraph_stay_in_it_together(tmp_path: Path) -> None:
    """ "Option 1 : [Décide ...]" written under paragraph 3 is part of it, and so is the
    "Option 2 : {Pas de texte}" after it: not a heading taking paragraph 4."""
    source = _decision(
        tmp_path / "decision.txt",
        "II. Examen technique\n\n"
        "3. Prie l'équipe d'experts de procéder à l'examen;\n\n"
        "Option 1 : [Décide également que l'examen commence en 2025;]\n\n"
        "Option 2 : {Pas de texte}\n\n"
        "4. Invite les Parties à communiquer leurs vues;\n",
    )
    doc = read_reading(source).document
    three = next(p for p in doc.paragraphs if p.label == "3")
    assert three.variants[0].text.splitlines()[1:] == [
        "Option 1 : [Décide également que l'examen commence en 2025;]",
        "Option 2 : {Pas de texte}",
    ]
    four = next(p for p in doc.paragraphs if p.label == "4")
    assert four.section_number == three.section_number
    assert not any(s.number.startswith("Option") for s in doc.sections)


@pytest.mark.parametrize(
    ("header", "draft", "proposal", "compromise", "note"),
    [
        (
            ["Paragraphe", "Texte du Président", "Proposition du Groupe des 77", "Justification"],
            "Chair",
            "Groupe des 77",
            None,
            "Justification",
        ),
        (
            ["Пункт", "Текст Председателя", "Предложение Группы 77", "Обоснование"],
            "Chair",
            "Группы 77",
            None,
            "Обоснование",
        ),
        (
            [
                "Artículo",
                "Propuesta de la Comisión",
                "Posición del Parlamento",
                "Texto de transacción",
            ],
            "Commission",
            "EP",
            "Texto de transacción",
            None,
        ),
    ],
    ids=["fr", "ru", "es"],
)
def test_column_roles_in_the_words_of_other_un_languages(
    tmp_path: Path,
    header: list[str],
    draft: str,
    proposal: str,
    compromise: str | None,
    note: str | None,
) -> None:
    """A comparison table headed in French, Russian or Spanish: the chair's or the
    Commission's text is the draft, a group's proposal is that group's, a justification is
    the proposal's note, a compromise column the compromise."""
    rows = [
        header,
        ["1", "Les Parties coopèrent.", "Les Parties coopèrent étroitement.", "Plus clair."],
        ["2", "Le rapport est annuel.", "Le rapport est biennal.", "Moins de charge."],
    ]
    source = write_docx(tmp_path / "table.docx", text_table(*rows))
    found = read_reading(source)
    texts = variants(found, "1")
    assert texts[(Role.DRAFT, draft)] == "Les Parties coopèrent."
    assert texts[(Role.PROPOSAL, proposal)] == "Les Parties coopèrent étroitement."
    paragraph = next(p for p in found.document.paragraphs if p.label == "1")
    if note is not None:
        assert paragraph.variant(Role.PROPOSAL).note == "Plus clair."  # type: ignore[union-attr]
    if compromise is not None:  # the last column: its text is the compromise
        assert [text for (role, _), text in texts.items() if role is Role.COMPROMISE] == [
            "Plus clair."
        ]
    assert not any(s.name.startswith("Column") for s in found.document.stakeholders)


def test_a_row_per_delegation_with_the_label_on_every_row_is_one_paragraph(
    tmp_path: Path,
) -> None:
    source = write_docx(
        tmp_path / "compilation.docx",
        text_table(
            ["Paragraph", "Party", "Proposed text"],
            ["3", "Draft", "Reviews take place every year."],
            ["3", "EU", "Reviews take place every two years."],
            ["3", "AOSIS", "Reviews take place every year, in public."],
            ["4", "Draft", "The secretariat reports."],
        ),
    )
    found = read_reading(source)
    assert found.document.kind == "stacked-table"
    assert [p.label for p in found.document.paragraphs] == ["3", "4"]
    assert variants(found, "3") == {
        (Role.DRAFT, "Chair"): "Reviews take place every year.",
        (Role.PROPOSAL, "EU"): "Reviews take place every two years.",
        (Role.PROPOSAL, "AOSIS"): "Reviews take place every year, in public.",
    }
