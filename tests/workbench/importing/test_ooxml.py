"""The OXML text walker: everything Word shows, once, and nothing it hides."""

from __future__ import annotations

from pathlib import Path

from docx_builders import cell, para, run, table, write_docx

from workbench.importing import read_source
from workbench.importing.document import ImportedParagraph
from workbench.model import Role

INS = '<w:ins w:id="1" w:author="Ana" w:date="2024-03-01T10:00:00Z">{}</w:ins>'
DEL = (
    '<w:del w:id="2" w:author="Bo" w:date="2024-03-02T11:00:00Z">'
    "<w:r><w:delText>{}</w:delText></w:r></w:del>"
)


def paragraph_of(tmp_path: Path, *content: str) -> ImportedParagraph:
    source = write_docx(
        tmp_path / "t.docx",
        table([cell("Text"), cell("Proposal")], [cell("1.\nDraft."), cell(para(*content))]),
    )
    return read_source(source).paragraphs[0]


def proposal_of(tmp_path: Path, *content: str):
    variant = paragraph_of(tmp_path, *content).variant(Role.PROPOSAL)
    assert variant is not None
    return variant


def texts(paragraph: ImportedParagraph) -> dict[str, str]:
    return {v.stakeholder: v.text for v in paragraph.variants if v.role is Role.PROPOSAL}


def test_tracked_changes_are_their_authors_proposals(tmp_path: Path) -> None:
    paragraph = paragraph_of(
        tmp_path, "We ", INS.format(run("fully ")), DEL.format("never "), "agree."
    )
    # The column's own text has every change rejected; each author's changes amend it.
    assert texts(paragraph) == {
        "Column 2": "We never agree.",
        "Ana": "We fully never agree.",
        "Bo": "We agree.",
    }
    ana = paragraph.variants[2]
    assert ana.base == 1
    assert [(r.kind, r.author, r.date, r.word_id) for r in ana.revisions] == [
        ("inserted", "Ana", "2024-03-01T10:00:00Z", "1")
    ]


def test_moves_count_as_insert_and_delete(tmp_path: Path) -> None:
    move_from = '<w:moveFrom w:id="3" w:author="C" w:date="2024-01-01T00:00:00Z">{}</w:moveFrom>'
    move_to = '<w:moveTo w:id="4" w:author="C" w:date="2024-01-01T00:00:00Z">{}</w:moveTo>'
    paragraph = paragraph_of(
        tmp_path, move_from.format(run("late ")), "We act ", move_to.format(run("late"))
    )
    assert texts(paragraph) == {"Column 2": "late We act", "C": "We act late"}
    assert [(r.kind, r.moved) for r in paragraph.variants[2].revisions] == [
        ("deleted", True),
        ("inserted", True),
    ]


def test_wrappers_python_docx_skips_are_read(tmp_path: Path) -> None:
    sdt = '<w:sdt><w:sdtPr><w:alias w:val="x"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>'
    hyperlink = '<w:hyperlink r:id="rId99">{}</w:hyperlink>'
    field = '<w:fldSimple w:instr=" DATE ">{}</w:fldSimple>'
    smart = '<w:smartTag w:uri="u" w:element="place">{}</w:smartTag>'
    variant = proposal_of(
        tmp_path,
        sdt.format(run("one ")),
        hyperlink.format(run("two ")),
        field.format(run("three ")),
        smart.format(run("four")),
    )
    assert variant.text == "one two three four"


def test_alternate_content_is_read_once(tmp_path: Path) -> None:
    alternate = (
        '<mc:AlternateContent><mc:Choice Requires="w14">{}</mc:Choice>'
        "<mc:Fallback>{}</mc:Fallback></mc:AlternateContent>"
    ).format(run("chosen"), run("fallback"))
    fallback_only = "<mc:AlternateContent><mc:Fallback>{}</mc:Fallback></mc:AlternateContent>"
    variant = proposal_of(tmp_path, alternate, " ", fallback_only.format(run("only")))
    assert variant.text == "chosen only"


def test_special_characters_and_skipped_text(tmp_path: Path) -> None:
    special = (
        "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/>"
        '<w:t>d</w:t><w:sym w:font="Symbol" w:char="F0B7"/>'
        '<w:sym w:font="Wingdings" w:char="2713"/>'
        "</w:r>"
    )
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t>secret</w:t></w:r>"
    stray = "<w:r><w:delText>gone</w:delText></w:r>"
    variant = proposal_of(tmp_path, special, " p", field, hidden, stray)
    assert variant.text == "a\tb\nc-d•✓ p7"  # Symbol F0B7 is the bullet it draws


def test_struck_text_inside_an_insertion_is_a_deleted_mark(tmp_path: Path) -> None:
    paragraph = paragraph_of(tmp_path, "keep ", INS.format(run("old", strike=True) + run(" new")))
    assert texts(paragraph) == {"Column 2": "keep", "Ana": "keep new"}
    assert paragraph.variants[2].marks[0].kind == "deleted"
    assert paragraph.variants[2].marks[0].text == "old"


def test_paragraphs_join_with_newlines_and_spaces_collapse(tmp_path: Path) -> None:
    source = write_docx(
        tmp_path / "t.docx",
        table(
            [cell("Text"), cell("Proposal")],
            [
                cell("2.\nDraft."),
                cell(
                    para("First  line   "),
                    para("handled and ", run("acknowledge", strike=True), " wish"),
                    "<w:p/>",
                    "<w:p/>",
                    "<w:p/>",
                    para("\tindented"),
                    "<w:p/>",
                ),
            ],
        ),
    )
    variant = read_source(source).paragraphs[0].variant(Role.PROPOSAL)
    assert variant is not None
    assert variant.text == "First line\nhandled and wish\n\n\tindented"


def test_tracked_row_deletion_is_a_proposal_to_delete(tmp_path: Path) -> None:
    deleted_row = (
        '<w:tr><w:trPr><w:del w:id="9" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:trPr>'
        + cell("8.\nGone.")
        + cell()
        + "</w:tr>"
    )
    body = table([cell("Text"), cell("Proposal")], [cell("7.\nSeven."), cell()])
    source = write_docx(tmp_path / "t.docx", body.replace("</w:tbl>", deleted_row + "</w:tbl>"))
    document = read_source(source)
    assert [p.label for p in document.paragraphs] == ["7", "8"]
    eight = document.paragraphs[1]
    assert [(v.stakeholder, v.role, v.text, v.base) for v in eight.variants] == [
        ("Chair", Role.DRAFT, "Gone.", None),
        ("A", Role.PROPOSAL, "", 0),
    ]


def test_right_to_left_and_chinese_text(tmp_path: Path) -> None:
    arabic = "<w:r><w:rPr><w:rtl/></w:rPr><w:t>نحن نؤكد  من جديد</w:t></w:r>"
    wrapped = f'<w:dir w:val="rtl">{arabic}</w:dir>'
    source = write_docx(
        tmp_path / "t.docx",
        table(
            [cell("Texte"), cell("Proposition")],
            [cell("٣٩.\nنص المسودة"), cell(para(wrapped))],
            [cell("40.\n我们重申"), cell("Nous réaffirmons « ceci ».")],
        ),
    )
    document = read_source(source)
    assert [p.label for p in document.paragraphs] == ["٣٩", "40"]
    first = document.paragraphs[0].variant(Role.PROPOSAL)
    assert first is not None
    assert first.text == "نحن نؤكد من جديد"
    assert {v.text for v in document.paragraphs[1].variants} == {
        "我们重申",
        "Nous réaffirmons « ceci ».",
    }


def test_only_a_runs_own_properties_mark_it(tmp_path: Path) -> None:
    # The paragraph mark's underline and a tracked formatting change's old strike are
    # properties of something else: the text stays plain.
    mark_props = '<w:pPr><w:rPr><w:u w:val="single"/></w:rPr></w:pPr>'
    changed = (
        '<w:r><w:rPr><w:b/><w:rPrChange w:id="3" w:author="Ana"><w:rPr><w:strike/></w:rPr>'
        '</w:rPrChange></w:rPr><w:t xml:space="preserve">kept </w:t></w:r>'
    )
    shown = '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>shown</w:t></w:r>'
    variant = proposal_of(tmp_path, mark_props, changed, shown, " ", run("new", underline=True))
    assert variant.text == "kept shown new"
    assert [(mark.kind, mark.text) for mark in variant.marks] == [("added", "new")]
