"""The real documents in ../shared/realdocs import to what a careful reader sees in them.

Counts are those of the documents as they are (MANIFEST.md gives approximate ones; where ours
differ the test says why). No paragraph may swallow its neighbours: each test bounds the
longest paragraph and checks that headings and the next paragraph's words are not inside one.
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pytest

from workbench.importing.document import ImportedDocument, ImportedParagraph
from workbench.importing.profiles.base import Reading
from workbench.importing.profiles.findings import found_lines
from workbench.importing.reading import read_reading
from workbench.model import Role

# Beside the repository (as CI lays it out); a worktree elsewhere names the folder.
_CANDIDATES = [
    Path(__file__).resolve().parents[3].parent / "shared" / "realdocs",
    Path(os.environ.get("WORKBENCH_REALDOCS", "/work/shared/realdocs")),
]
REALDOCS = next((path for path in _CANDIDATES if path.is_dir()), _CANDIDATES[0])
if not REALDOCS.is_dir():  # pragma: no cover - only where the shared folder is missing
    print(f"skipping the real documents: {REALDOCS} is absent")
    pytestmark = pytest.mark.skip(reason=f"{REALDOCS} is absent")

UNFCCC_DRAFT = "01_unfccc_art6.2_sbsta61_draft_decision_1st_iteration.docx"
PARIS_DRAFT = "03_cop21_adp_draft_agreement_2015-10-23.docx"
PARIS_DECISION = "05_unfccc_decision_1_CP21_adoption_of_paris_agreement.txt"
KENYA_BILL = "06_kenya_equal_opportunities_bill_tracked_2authors.docx"
SARIF = "07_oasis_sarif_v2.0_change_draft_editorial_kupsch_tracked.docx"
BITKOM = "10_gdpr_lobby_bitkom_amendments_2col_strike.docx"
FIRST_DATA = "11_gdpr_lobby_first_data_4col_redline.docx"
LIBE = "15_ep_libe_gdpr_amendments_1829-2090_929511XM.docx"


@functools.cache
def reading(name: str, stakeholder: str | None = None) -> Reading:
    return read_reading(REALDOCS / name, stakeholder=stakeholder)


def document(name: str) -> ImportedDocument:
    return reading(name).document


def paragraph(doc: ImportedDocument, label: str) -> ImportedParagraph:
    return next(p for p in doc.paragraphs if p.label == label)


def text(doc: ImportedDocument, label: str, role: Role = Role.DRAFT) -> str:
    variant = paragraph(doc, label).variant(role)
    assert variant is not None
    return variant.text


def labels(doc: ImportedDocument) -> list[str]:
    return [p.label for p in doc.paragraphs]


def longest(doc: ImportedDocument) -> int:
    return max(len(v.text) for p in doc.paragraphs for v in p.variants)


# -- 01: a UNFCCC draft decision, Word's automatic numbering, options, an annex of tables -----


def test_unfccc_draft_decision_paragraphs_and_labels() -> None:
    doc = document(UNFCCC_DRAFT)
    assert doc.kind == "body-text"
    found = labels(doc)
    # The chapeau and two preambular paragraphs (MANIFEST's "3 preambular paragraphs").
    assert found[:3] == ["Chapeau", "PP1", "PP2"]
    # 169 operative paragraphs, numbered 1 to 169 by Word through five list instances.
    operative = [label for label in found if label.isdigit()]
    assert operative == [str(n) for n in range(1, 170)]
    # The annexes of reporting tables: their own sections, a paragraph per table.
    annex = [label for label in found if label.startswith("Annex")]
    assert annex[0] == "Annex I p1"
    assert annex[-1] == "Annex II p3"
    assert len(found) == 3 + 169 + len(annex) == 191


def test_unfccc_draft_decision_sections_and_options() -> None:
    doc = document(UNFCCC_DRAFT)
    numbers = [s.number for s in doc.sections]
    romans = [n for n in numbers if re.fullmatch(r"[IVX]+\.", n)]
    assert romans == [
        f"{r}."
        for r in [
            "I",
            "II",
            "III",
            "IV",
            "V",
            "VI",
            "VII",
            "VIII",
            "IX",
            "X",
            "XI",
            "XII",
            "XIII",
            "XIV",
        ]
    ]
    # "A." restarts under each roman section (Word counts them through a second instance).
    assert numbers.count("A.") == 5
    assert numbers.count("E.") == 1
    options = [s for s in doc.sections if s.number.startswith("Option")]
    assert len(options) == 88
    sections = {s.key: s for s in doc.sections}
    assert sections[paragraph(doc, "1").section_number or ""].number == "Option 1"
    assert paragraph(doc, "1").section_number == "Draft decision -/CMA.6/I./Option 1"
    assert paragraph(doc, "40").section_number == "Draft decision -/CMA.6/III./D./Option 4"
    # Nested options: "Option A" inside "Option 1" of IV.A.
    assert "Draft decision -/CMA.6/IV./A./Option 1/Option A" in sections
    assert sections["Draft decision -/CMA.6"].title.startswith("Matters relating to cooperative")
    assert [s.number for s in doc.sections if s.number.startswith("Annex")] == [
        "Annex I",
        "Annex II",
    ]


def test_unfccc_draft_decision_texts_and_sub_paragraphs() -> None:
    doc = document(UNFCCC_DRAFT)
    assert text(doc, "Chapeau") == (
        "The Conference of the Parties serving as the meeting of the Parties to the Paris "
        "Agreement,"
    )
    assert text(doc, "PP1") == "Recalling decision 2/CMA.3 and its annex,"
    two = text(doc, "2")
    assert two.startswith("Recalls Article 6, paragraph 1, of the Paris agreement")
    assert "\n(a) The voluntary participation of a Party" in two
    assert two.endswith("consistent with the relevant CMA decisions;")
    assert text(doc, "3").startswith("[[Decides][Clarifies] that a cooperative approach")
    # Sub-sub-paragraphs keep their numbers, inside their paragraph.
    assert "\n(j) [In the case where" in text(doc, "14")
    assert "\n(i) The measures applied to prevent" in text(doc, "14")
    assert text(doc, "169").startswith("Requests that the actions of the secretariat")


def test_unfccc_draft_decision_nothing_swallowed() -> None:
    doc = document(UNFCCC_DRAFT)
    assert longest(doc) < 5000
    for p in doc.paragraphs:
        body = p.variants[0].text
        assert "Option 4 {changes" not in body  # an option heading stays a section
        assert not re.search(r"^(?:I|II|III|IV|V)\.\s", body, re.M)
    assert "Option 2" not in text(doc, "1")
    assert "Table 1" not in text(doc, "169")
    assert not reading(UNFCCC_DRAFT).findings.warnings


# -- 03: the Paris draft of October 2015, numbering restarting in every article --------------


def test_paris_draft_articles_restart_their_numbering() -> None:
    doc = document(PARIS_DRAFT)
    found = labels(doc)
    # This file holds the preamble, the last paragraphs of Article 9 (15 to 17, numbered on
    # from the part the source left out) and Articles 10 to 26: fewer than MANIFEST's ~163.
    # One preambular paragraph is written as two options ("Option 1: Recognizing ...").
    preamble = ["Chapeau", *[f"PP{n}" for n in range(1, 12)], "PP12 Option 1", "PP12 Option 2"]
    assert found[:16] == [*preamble, "PP13", "PP14"]
    assert found[16:19] == ["15", "16", "17"]
    assert found[19:24] == ["10.1", "10.2", "10.3", "10.4", "10.5"]
    assert [label for label in found if label.startswith("11.")] == [f"11.{n}" for n in range(1, 8)]
    assert "Art. 21" in found
    assert "Art. 26" in found
    assert found[-4:] == ["25.1", "25.2", "25.3", "Art. 26"]
    assert len(found) == 74
    articles = [s.number for s in doc.sections if s.number.startswith("Article")]
    assert articles == [f"Article {n}" for n in range(10, 27)]


def test_paris_draft_options_and_texts() -> None:
    doc = document(PARIS_DRAFT)
    options = {s.key: s for s in doc.sections if s.number.startswith("Option")}
    assert set(options) == {
        "Article 11/Option I",
        "Article 11/Option II",
        "Article 11/Option III",
        "Article 17/Option I",
        "Article 17/Option II",
    }
    assert paragraph(doc, "Art. 11 p1").section_number == "Article 11/Option II"
    assert text(doc, "Art. 11 p1").startswith("An International Tribunal of Climate Justice")
    # Options inside a paragraph, and its level-2 list, stay in that paragraph.
    structure = text(doc, "11.4")
    assert structure.startswith("(Structure) It [shall function through a plenary and]")
    assert "\nOption 2:\n1. An enforcement branch" in structure
    assert "(Triggers)" not in structure
    assert text(doc, "PP12 Option 1").startswith("Option 1: Recognizing the importance")
    assert text(doc, "PP12 Option 2").startswith("Option 2: Recognizing the fundamental")
    assert text(doc, "PP13").startswith("Recognizing the critical role played by sinks")
    assert text(doc, "10.1").startswith("The CMA shall periodically take stock")
    assert longest(doc) < 3000


# -- 05: decision 1/CP.21 as plain text: cover, preamble, six sections, the annexed treaty ---


def test_paris_decision_text_operative_paragraphs_and_annex() -> None:
    doc = document(PARIS_DECISION)
    found = labels(doc)
    assert found[:16] == ["Chapeau", *[f"PP{n}" for n in range(1, 16)]]
    assert found[16:155] == [str(n) for n in range(1, 140)]
    # The annex (the Paris Agreement): its own chapeau and preamble, articles restarting.
    assert found[155:158] == ["Annex Chapeau", "Annex PP1", "Annex PP2"]
    assert found[155 + 16] == "Annex PP16"
    assert found[172:175] == ["Art. 1", "2.1", "2.2"]
    assert "4.19" in found
    assert "13.15" in found
    assert found[-1] == "Art. 29"
    assert len(found) == 301


def test_paris_decision_text_sections_cover_and_signature() -> None:
    reading_05 = reading(PARIS_DECISION)
    doc = reading_05.document
    top = [s for s in doc.sections if s.parent_number is None]
    assert [(s.number, s.title) for s in top] == [
        ("Decision 1/CP.21", "Adoption of the Paris Agreement"),
        ("Annex", "Paris Agreement"),
    ]
    subheadings = [s.title for s in doc.sections if s.path.startswith("Decision 1/CP.21/III./")]
    assert subheadings[:3] == ["Mitigation", "Adaptation", "Loss and damage"]
    assert paragraph(doc, "22").section_number == "Decision 1/CP.21/III./Mitigation"
    set_aside = " ".join(reading_05.findings.set_aside)
    assert "cover" in set_aside
    assert "DONE at Paris" in set_aside
    assert "Have agreed as follows:" in set_aside
    # The annex does not sit inside paragraph 139 any more, nor headings in paragraphs.
    assert text(doc, "139") == (
        "Urges Parties to make voluntary contributions for the timely implementation of this "
        "decision."
    )
    assert not text(doc, "40").endswith("Adaptation")  # a heading is not glued to it
    assert paragraph(doc, "41").section_number == "Decision 1/CP.21/III./Adaptation"
    assert text(doc, "Art. 12").startswith("Parties shall cooperate in taking measures")
    assert text(doc, "PP1").startswith("Recalling decision 1/CP.17 on the establishment")
    assert longest(doc) < 2000


# -- 07: a long standards draft: numbered headings, unnumbered body, a revision history ------


def test_sarif_specification_sections_and_paragraphs() -> None:
    reading_07 = reading(SARIF)
    doc = reading_07.document
    numbered = [s.number for s in doc.sections if re.fullmatch(r"\d+(\.\d+)*", s.number)]
    assert len(numbered) == 373  # MANIFEST: 373 numbered headings
    assert numbered[:5] == ["1", "1.1", "1.2", "1.3", "1.4"]
    assert "3.4.2" in numbered
    assert numbered[-1] == "5.12"
    # Body paragraphs are the units, cited by their section; code listings stay whole and
    # list items stay with the paragraph that introduces them (so ~1,400, not ~4,800 lines).
    found = labels(doc)
    # One more than the body paragraphs: the heading 3.5.2 has tracked changes, so its words
    # are a paragraph too ("3.5.2 title"), negotiated like the rest.
    assert len(found) == 1426
    assert found[:3] == ["1 p1", "1 p2", "1.1 p1"]
    assert text(doc, "3.1 p5") == "A SARIF log file SHALL be encoded in UTF-8 [RFC3629]."
    set_aside = " ".join(reading_07.findings.set_aside)
    assert "table of contents" in set_aside
    assert "cover" in set_aside
    # Every one of the 139 tracked changes is in a paragraph, none set aside with the cover.
    assert any(
        line.startswith("tracked changes: 139 changes by 1 author")
        for line in reading_07.findings.facts
    )
    assert not any("tracked change" in w for w in reading_07.findings.warnings)


# -- 06: a bill, parts and numbered sections with subsections; headings typed loosely -------


def test_kenya_bill_parts_sections_and_subsections() -> None:
    reading_06 = reading(KENYA_BILL)
    doc = reading_06.document
    # 3 parts and 8 sections, "2 Interpretation." and "7 . Other public ..." (numbers typed
    # without their dot, or with a space before it) included.
    assert [s.number for s in doc.sections] == [
        "PART I", "1.", "2.", "3.", "4.", "PART II", "5.", "6.", "7.", "PART III", "8.",
    ]  # fmt: skip
    assert [s.title for s in doc.sections if s.number in ("2.", "7.")] == [
        "Interpretation.",
        "Other public administration bodies.",
    ]
    # A section's subsections are qualified by it; a section of one paragraph is cited by it.
    assert labels(doc) == [
        "Cover", "1", "2", "3", "4", "5(1)", "5(2)", "6(1)", "6(2)", "6(3)",
        "7(1)", "7(2)", "7(3)", "7(4)",
        "8(1)", "8(2)", "8(3)", "8(4)", "8(5)", "8(6)", "8(7)",
    ]  # fmt: skip
    assert text(doc, "2").startswith("In this Act unless the context otherwise requires-")
    assert text(doc, "7(4)").startswith("The minister concerned may decide that subsection (1)")
    assert not reading_06.findings.warnings


# -- 10: BITKOM's amendments: "Commission Proposal | BITKOM Proposal", provisions in cells ---


def test_bitkom_amendments_rows_labels_and_roles() -> None:
    reading_10 = reading(BITKOM)
    doc = reading_10.document
    assert doc.kind == "comparison"
    found = labels(doc)
    assert len(found) == 44  # MANIFEST: 44 provision rows
    assert found[:6] == [
        "Art. 4 (1)",
        "Recital 23",
        "Recital 24",
        "Art. 6(b)",
        "Art. 6(f)",
        "Art. 6(g)",
    ]
    assert found[15:18] == ["Art. 26(2)", "Art. 26(2)(a)", "Art. 26(2)(b)"]
    assert found[-1] == "Recital 62"
    assert [s.name for s in doc.stakeholders] == ["Commission", "BITKOM"]
    art_7_1 = paragraph(doc, "Art. 7 (1)")
    assert text(doc, "Art. 7 (1)").startswith("The Controller shall bear the burden of proof")
    proposal = art_7_1.variant(Role.PROPOSAL)
    assert proposal is not None
    assert proposal.stakeholder == "BITKOM"
    assert proposal.text == "deleted"
    assert "burden of proof in Art. 7 (1) creates an unnecessary disadvantage" in proposal.note
    # A new provision: BITKOM's text, no Commission draft.
    new = paragraph(doc, "Art. 4 (16a)")
    assert [v.role for v in new.variants] == [Role.PROPOSAL]
    # The struck words of the manual redline are marks, not text.
    marked = [v for p in doc.paragraphs for v in p.variants if v.marks]
    assert marked
    # One Word tracked deletion sits in a justification below a table (a note, not text):
    # said, since it cannot be a proposal there.
    assert reading_10.findings.warnings == [
        "1 tracked change (1 deleted) is in text this layout reads as no paragraph (a table of "
        "contents, a note or justification, a header): not a proposal; such text is read with "
        "its inserted and deleted words alike"
    ]


# -- 11: First Data: "Article number | Commission proposed text | Proposed text | Justification"


def test_first_data_labels_roles_and_notes() -> None:
    reading_11 = reading(FIRST_DATA)
    doc = reading_11.document
    found = labels(doc)
    assert len(found) == 23
    assert found[:3] == ["Recital 34", "17(1)(a)", "17(1)(d)"]
    assert found[-1] == "79(6)"
    # "Proposed text" names no one: asked about, never "Column 3".
    assert any(
        "column 3 (Proposed text) names no stakeholder" in w for w in reading_11.findings.warnings
    )
    named = reading(FIRST_DATA, "First Data").document
    assert [s.name for s in named.stakeholders] == ["Commission", "First Data"]
    first = paragraph(named, "17(1)(a)")
    draft, proposal = first.variant(Role.DRAFT), first.variant(Role.PROPOSAL)
    assert draft is not None
    assert proposal is not None
    assert draft.stakeholder == "Commission"
    assert proposal.note.startswith("It is important to ensure that compliance with Article 17")
    # "N/A" in the Commission column: a new paragraph, no draft.
    assert [v.role for v in paragraph(named, "23(5)").variants] == [Role.PROPOSAL]
    assert all(s.name != "Justification" for s in named.stakeholders)


# -- 15: the European Parliament's amendments 1829-2090 -------------------------------------


def test_ep_amendments_numbers_authors_targets() -> None:
    reading_15 = reading(LIBE)
    doc = reading_15.document
    assert doc.kind == "ep-amendments"
    proposals = [v for p in doc.paragraphs for v in p.variants if v.role is Role.PROPOSAL]
    tags = [v.tag for v in proposals]
    assert len(proposals) == 262
    assert len(set(tags)) == 262
    assert {f"AM {n}" for n in range(1829, 2091)} == set(tags)
    first_target = paragraph(doc, "Article 28 – paragraph 1")
    draft = first_target.variant(Role.DRAFT)
    assert draft is not None
    assert draft.stakeholder == "Commission"
    assert draft.text.startswith("1. Each controller and processor and, if any,")
    by_tag = {v.tag: v for v in first_target.variants if v.role is Role.PROPOSAL}
    assert by_tag["AM 1832"].stakeholder == "Jens Rohde, Adina-Ioana Vălean"
    assert by_tag["AM 1834"].note.startswith("The organisational size criterion")
    # The French original quotes the French Commission text: a paragraph of its own.
    french = paragraph(doc, "Article 28 – paragraph 1 (fr)")
    assert {v.tag for v in french.variants if v.tag} == {"AM 1829", "AM 1835", "AM 1838"}
    assert any(
        "kept apart as Article 28 – paragraph 1 (fr)" in w for w in reading_15.findings.warnings
    )
    # No header line imported as a paragraph, no "Column 2".
    assert all(
        "Text proposed by the Commission" not in v.text for p in doc.paragraphs for v in p.variants
    )
    assert all(not s.name.startswith("Column") for s in doc.stakeholders)
    assert [s.title for s in doc.sections][:3] == ["Article 28", "Article 29", "Article 30"]


def test_ep_amendments_report_names_groups_of_authors_readably() -> None:
    reading_15 = reading(LIBE)
    line = next(
        line
        for line in found_lines(reading_15.document, reading_15.findings)
        if line.startswith("stakeholders:")
    )
    # A group of tabling members holds commas: groups are set apart by semicolons.
    assert "Commission; Sophia in 't Veld; Jan Mulder; Jens Rohde, Adina-Ioana Vălean;" in line
    # Forty-one names do not fit one line: the first twelve and how many in all.
    assert line.endswith(f"… ({len(reading_15.document.stakeholders)} in all)")
    assert line.count(";") == 11


@pytest.mark.parametrize("name", [UNFCCC_DRAFT, SARIF, BITKOM])
def test_bullets_read_as_the_characters_word_shows(name: str) -> None:
    """These documents draw their bullets in Symbol and Wingdings (U+F0B7, U+F0A7, U+F06E):
    kept as such they are empty boxes in the window and in every export."""
    doc = document(name)
    texts = [v.text for p in doc.paragraphs for v in p.variants]
    private = sorted({c for t in texts for c in t if 0xF000 <= ord(c) <= 0xF0FF})
    assert private == []


def test_specification_bullets_are_bullets() -> None:
    intro = text(document(SARIF), "1 p2")
    assert "\n• Comprehensively capture the range of data" in intro
    assert "\uf0b7" not in intro
