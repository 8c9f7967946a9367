"""Word tracked changes on hand-built files: each author's changes are a proposal, none accepted.

Every file here is written as Word writes it (see `tracked_builders`); the tests read it as the
importer does (`read_reading`) and check the draft (every change rejected), each author's
proposal (that author's changes accepted), what each proposal amends, and what is said.
"""

from __future__ import annotations

from pathlib import Path

from docx_builders import cell, para, run, table
from tracked_builders import (
    commented_decision,
    dele,
    ins,
    mark,
    move_from,
    move_to,
    numbered,
    plain,
    write_tracked_docx,
)

from workbench import editing, paragraph_state
from workbench.importing import import_file
from workbench.importing.authors import AuthorMap, author_map
from workbench.importing.document import ImportedDocument, ImportedParagraph
from workbench.importing.profiles.base import Reading
from workbench.importing.reading import read_reading
from workbench.model import Role
from workbench.storage import WorkbenchFile

CHAPEAU = para("The Conference of the Parties,") + para("Recalling its earlier decisions,")


def read(tmp_path: Path, body: str, authors: AuthorMap | None = None, **parts: object) -> Reading:
    source = write_tracked_docx(tmp_path / "tracked.docx", body, **parts)  # type: ignore[arg-type]
    return read_reading(source, authors=authors)


def paragraph(document: ImportedDocument, label: str) -> ImportedParagraph:
    return next(p for p in document.paragraphs if p.label == label)


def variants(document: ImportedDocument, label: str) -> list[tuple[str, Role, str, int | None]]:
    """(stakeholder, role, text, the index of the variant it amends) of each variant."""
    return [(v.stakeholder, v.role, v.text, v.base) for v in paragraph(document, label).variants]


def facts(reading: Reading) -> str:
    return "\n".join(reading.findings.lines())


def test_two_authors_on_one_paragraph_each_propose_their_own_changes(tmp_path: Path) -> None:
    reading = read(
        tmp_path,
        CHAPEAU
        + numbered("Welcomes the ", ins("Ana", "comprehensive "), "report ", dele("Bo", "and "))
        + numbered("Requests the secretariat to ", dele("Ana", "urgently "), "report."),
    )
    document = reading.document
    assert variants(document, "1") == [
        ("Chair", Role.DRAFT, "Welcomes the report and", None),
        ("Ana", Role.PROPOSAL, "Welcomes the comprehensive report and", 0),
        ("Bo", Role.PROPOSAL, "Welcomes the report", 0),
    ]
    assert variants(document, "2") == [
        ("Chair", Role.DRAFT, "Requests the secretariat to urgently report.", None),
        ("Ana", Role.PROPOSAL, "Requests the secretariat to report.", 0),
    ]
    ana = paragraph(document, "1").variants[1]
    assert ana.note == "Word tracked changes by Ana, 2024-03-01 10:00 (1 insertion)"
    assert [s.name for s in document.stakeholders] == ["Chair", "Ana", "Bo"]
    assert (
        "tracked changes: 3 changes by 2 authors (Ana 2, Bo 1); each pending as its author's "
        "proposal (3 proposals in 2 paragraphs), nothing accepted"
    ) in facts(reading)


def test_a_deletion_inside_another_authors_insertion_builds_on_it(tmp_path: Path) -> None:
    # Ana inserted "new and old words"; Bo then deleted "and old " inside her insertion
    # (Word nests his w:del in her w:ins). Bo's proposal is Ana's text less his deletion.
    nested = ins("Ana", "new ", dele("Bo", "and old ", date="2024-03-04T10:00:00Z"), "words ")
    reading = read(tmp_path, CHAPEAU + numbered("Notes the ", nested, "here."))
    assert variants(reading.document, "1") == [
        ("Chair", Role.DRAFT, "Notes the here.", None),
        ("Ana", Role.PROPOSAL, "Notes the new and old words here.", 0),
        ("Bo", Role.PROPOSAL, "Notes the new words here.", 1),
    ]


def test_an_insertion_inside_another_authors_insertion_builds_on_it(tmp_path: Path) -> None:
    reading = read(
        tmp_path,
        CHAPEAU
        + numbered(
            "Notes ",
            ins("Ana", "the full "),
            ins("Bo", "and final ", date="2024-03-04T10:00:00Z"),
            ins("Ana", "text "),
            "here.",
        ),
    )
    assert variants(reading.document, "1") == [
        ("Chair", Role.DRAFT, "Notes here.", None),
        ("Ana", Role.PROPOSAL, "Notes the full text here.", 0),
        ("Bo", Role.PROPOSAL, "Notes the full and final text here.", 1),
    ]


def test_a_paragraph_inserted_and_one_deleted_are_proposals_of_their_own(tmp_path: Path) -> None:
    reading = read(
        tmp_path,
        CHAPEAU
        + numbered("Notes the text;")
        + numbered("Welcomes the report;", mark=mark("ins", "Ana"))
        + numbered(ins("Ana", "Invites Parties to act;"))
        + numbered(dele("Bo", "Decides to close;"), mark=mark("del", "Bo"))
        + numbered("Requests the secretariat to report."),
    )
    document = reading.document
    # The new paragraph counts in no numbering: the draft's paragraphs keep their numbers.
    assert [p.label for p in document.paragraphs] == [
        "Chapeau",
        "PP1",
        "1",
        "2",
        "2 (new)",
        "3",
        "4",
    ]
    assert variants(document, "2 (new)") == [
        ("Ana", Role.PROPOSAL, "Invites Parties to act;", None)
    ]
    assert variants(document, "3") == [
        ("Chair", Role.DRAFT, "Decides to close;", None),
        ("Bo", Role.PROPOSAL, "", 0),
    ]
    assert variants(document, "2") == [("Chair", Role.DRAFT, "Welcomes the report;", None)]
    said = facts(reading)
    assert "new paragraphs proposed: 2 (new) (no draft, only the proposal)" in said
    assert "paragraphs proposed for deletion: 3" in said
    # Four changes, the two paragraph marks included, all in the text.
    assert "tracked changes: 4 changes by 2 authors (Ana 2, Bo 2)" in said
    assert "warning" not in said


def test_a_paragraph_split_by_an_author_is_one_paragraph_of_the_draft(tmp_path: Path) -> None:
    # Ana pressed Enter in the middle of paragraph 1 (its mark is her insertion) and deleted the
    # space: the draft has one paragraph, her proposal two lines.
    reading = read(
        tmp_path,
        CHAPEAU
        + numbered("Notes the text.", mark=mark("ins", "Ana"))
        + numbered(dele("Ana", " "), "Also notes the annex.")
        + numbered("Requests a report."),
    )
    document = reading.document
    assert [p.label for p in document.paragraphs] == ["Chapeau", "PP1", "1", "2"]
    assert variants(document, "1") == [
        ("Chair", Role.DRAFT, "Notes the text. Also notes the annex.", None),
        ("Ana", Role.PROPOSAL, "Notes the text.\nAlso notes the annex.", 0),
    ]


def test_a_move_is_a_deletion_where_it_was_and_an_insertion_where_it_is(tmp_path: Path) -> None:
    reading = read(
        tmp_path,
        CHAPEAU
        + numbered("Notes ", move_from("Cy", "with concern "), "the report.")
        + numbered("Requests a report ", move_to("Cy", "with concern"), "."),
    )
    document = reading.document
    assert variants(document, "1") == [
        ("Chair", Role.DRAFT, "Notes with concern the report.", None),
        ("Cy", Role.PROPOSAL, "Notes the report.", 0),
    ]
    assert variants(document, "2") == [
        ("Chair", Role.DRAFT, "Requests a report .", None),
        ("Cy", Role.PROPOSAL, "Requests a report with concern.", 0),
    ]
    moved = paragraph(document, "2").variants[1].revisions
    assert [(r.kind, r.moved) for r in moved] == [("inserted", True)]


def test_changes_in_table_cells_and_a_row_inserted(tmp_path: Path) -> None:
    new_row = (
        f"<w:tr><w:trPr>{mark('ins', 'Ana')}</w:trPr>"
        + cell(para(ins("Ana", "5bis.")), para(ins("Ana", "A new paragraph.")))
        + cell(para(ins("Ana", "Its GC text.")))
        + "</w:tr>"
    )
    body = table(
        [cell("Draft"), cell("GC Proposed Text")],
        [cell(para("5."), para("We ", dele("Ana", "strongly "), "agree.")), cell("We agree.")],
    ).replace("</w:tbl>", new_row + "</w:tbl>")
    reading = read(tmp_path, body, numbering=False)
    document = reading.document
    assert variants(document, "5") == [
        ("Chair", Role.DRAFT, "We strongly agree.", None),
        ("Ana", Role.PROPOSAL, "We agree.", 0),
        ("GC", Role.PROPOSAL, "We agree.", None),
    ]
    # The inserted row: no draft, no GC text before Ana's change; both her proposals.
    assert [(v.stakeholder, v.role, v.text) for v in paragraph(document, "5bis").variants] == [
        ("Ana", Role.PROPOSAL, "A new paragraph."),
        ("Ana", Role.PROPOSAL, "Its GC text."),
    ]


def test_a_formatting_only_change_is_no_text_change(tmp_path: Path) -> None:
    bold = (
        '<w:r><w:rPr><w:b/><w:rPrChange w:id="7" w:author="Ana" w:date="2024-03-01T10:00:00Z">'
        '<w:rPr/></w:rPrChange></w:rPr><w:t xml:space="preserve">bold </w:t></w:r>'
    )
    centred = (
        '<w:jc w:val="center"/><w:pPrChange w:id="8" w:author="Ana" '
        'w:date="2024-03-01T10:00:00Z"><w:pPr/></w:pPrChange>'
    )
    reading = read(tmp_path, CHAPEAU + numbered("Notes the ", bold, "text.", props=centred))
    assert variants(reading.document, "1") == [("Chair", Role.DRAFT, "Notes the bold text.", None)]
    said = facts(reading)
    assert (
        "formatting changes: 2 tracked formatting changes (pPrChange 1, rPrChange 1) change no "
        "words: not proposals"
    ) in said
    assert "tracked changes:" not in said


def test_authors_mapped_to_stakeholders_and_everything_as_one(tmp_path: Path) -> None:
    body = CHAPEAU + numbered(
        "Welcomes the ", ins("Ana Silva", "comprehensive "), "report ", dele("Bo", "and ")
    )
    mapped = read(tmp_path, body, author_map(["ana silva=EU", "Bo=EU"])).document
    assert variants(mapped, "1") == [
        ("Chair", Role.DRAFT, "Welcomes the report and", None),
        ("EU", Role.PROPOSAL, "Welcomes the comprehensive report", 0),
    ]
    one = read(tmp_path, body, author_map(["*=G77"])).document
    assert [v.stakeholder for v in paragraph(one, "1").variants] == ["Chair", "G77"]
    partly = read(tmp_path, body, author_map(["Bo=Brazil"]))
    assert [v.stakeholder for v in paragraph(partly.document, "1").variants] == [
        "Chair",
        "Ana Silva",
        "Brazil",
    ]
    assert "(Ana Silva 1, Bo 1 as Brazil)" in facts(partly)


def test_a_heading_and_a_cover_line_with_changes_are_negotiated_text(tmp_path: Path) -> None:
    heading = (
        '<w:pPr><w:pStyle w:val="Heading1"/></w:pPr>'
        f"{run('I. ')}{dele('Ana', 'Mitigation')}{ins('Ana', 'Adaptation')}"
    )
    reading = read(
        tmp_path,
        plain("Advance ", ins("Ana", "unedited "), "version")
        + CHAPEAU
        + para(heading)
        + numbered("Notes the text."),
    )
    document = reading.document
    assert variants(document, "Cover") == [
        ("Chair", Role.DRAFT, "Advance version", None),
        ("Ana", Role.PROPOSAL, "Advance unedited version", 0),
    ]
    assert [(s.number, s.title) for s in document.sections] == [("I.", "Mitigation")]
    assert variants(document, "I title") == [
        ("Chair", Role.DRAFT, "Mitigation", None),
        ("Ana", Role.PROPOSAL, "Adaptation", 0),
    ]
    assert "tracked change" not in " ".join(reading.findings.warnings)


def test_comments_with_replies_and_overlapping_ranges(tmp_path: Path) -> None:
    # Comment 1 is on "the comprehensive report", comment 2 on "report of the secretariat":
    # their ranges overlap on "report". Comment 3 replies to 1; 1's thread is resolved.
    # Comment 4 is on words only Ana's proposal has.
    reading = read_reading(commented_decision(tmp_path / "decision.docx"))
    one = paragraph(reading.document, "1")
    draft = one.variants[0].text
    assert draft == "Welcomes the comprehensive report of the secretariat."
    found = {c.key: c for c in one.comments}
    assert set(found) == {"1", "2", "3", "4"}
    assert (found["1"].variant, found["1"].quote) == (0, "the comprehensive report")
    assert (found["2"].variant, found["2"].quote) == (0, "report of the secretariat")
    assert draft[found["2"].start : found["2"].end] == "report of the secretariat"
    assert found["1"].end > found["2"].start  # overlapping
    assert found["1"].resolved
    assert not found["2"].resolved
    assert (found["3"].reply_to, found["3"].author, found["3"].variant) == ("1", "Ana", None)
    ana = one.variants[1]
    assert ana.stakeholder == "Ana"
    # Ana's comment on her own insertion is her proposal's justification too.
    assert ana.note.endswith("\nAna: The annex matters.")
    assert (found["4"].variant, found["4"].quote) == (1, " and its annex")
    assert found["4"].date == "2024-03-05T09:00:00Z"
    assert "comments: 4 comments (1 reply, 1 resolved), each on the words it quotes" in facts(
        reading
    )


def test_a_manual_redline_in_body_text_is_one_delegations_proposal(tmp_path: Path) -> None:
    reading = read(
        tmp_path,
        CHAPEAU
        + numbered(
            "Requests the secretariat to report ",
            run("to the next session", strike=True),
            run(" annually", underline=True),
            ";",
        )
        + numbered("Notes the ", run("serious ", strike=True), "gaps."),
        author_map(["redline=G77"]),
    )
    document = reading.document
    assert variants(document, "1") == [
        ("Chair", Role.DRAFT, "Requests the secretariat to report to the next session;", None),
        ("G77", Role.PROPOSAL, "Requests the secretariat to report annually;", 0),
    ]
    assert variants(document, "2") == [
        ("Chair", Role.DRAFT, "Notes the serious gaps.", None),
        ("G77", Role.PROPOSAL, "Notes the gaps.", 0),
    ]
    assert "manual redline: 2 struck stretches and 1 underlined one" in facts(reading)


def test_underlines_alone_are_no_redline(tmp_path: Path) -> None:
    reading = read(
        tmp_path, CHAPEAU + numbered("Notes the ", run("important", underline=True), " gaps.")
    )
    assert variants(reading.document, "1") == [
        ("Chair", Role.DRAFT, "Notes the important gaps.", None)
    ]
    assert paragraph(reading.document, "1").variants[0].marks[0].text == "important"


def test_a_change_on_anothers_waits_for_it_in_the_merge(tmp_path: Path) -> None:
    # Bo deleted words of Ana's insertion: his change is about her words, so it stands in
    # conflict while her insertion is not taken, and is pending once it is.
    source = write_tracked_docx(
        tmp_path / "nested.docx",
        CHAPEAU
        + numbered(
            "Notes the ",
            ins("Ana", "new ", dele("Bo", "and old ", date="2024-03-04T10:00:00Z"), "words "),
            "here.",
        ),
    )
    with WorkbenchFile.create(tmp_path / "talks.nwb") as wb:
        import_file(source, wb)
        one = wb.paragraph_by_label("1")
        assert one is not None
        names = {s.id: s.name for s in wb.stakeholders()}

        def states() -> dict[str, str]:
            state = paragraph_state.read(wb, one.id, names)
            return {c.id: str(c.state) for c in state.changes}

        assert states() == {"Ana 1": "pending", "Bo 1": "conflict"}
        by_name = {names[v.stakeholder_id]: v for v in wb.variants(one.id)}
        editing.accept_all(wb, one.id, by_name["Ana"].id, "Lead")
        assert states() == {"Ana 1": "accepted", "Bo 1": "pending"}
        editing.accept_all(wb, one.id, by_name["Bo"].id, "Lead")
        assert wb.compromise(one.id) == "Notes the new words here."
