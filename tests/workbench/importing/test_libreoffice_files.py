"""Files LibreOffice wrote (not python-docx): each imports, or is refused with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.importing import read_source
from workbench.model import Role

FIXTURES = Path(__file__).parent / "fixtures"


def variants(path: Path) -> dict[str, dict[Role, str]]:
    document = read_source(path)
    return {p.label: {v.role: v.text for v in p.variants} for p in document.paragraphs}


def test_merged_cells_nested_table_and_lists() -> None:
    document = read_source(FIXTURES / "lo-merged-nested-lists.docx")
    assert [(s.number, s.title) for s in document.sections] == [
        ("1.", "Introduction"),
        ("2.", "Stakeholders"),
    ]
    found = variants(FIXTURES / "lo-merged-nested-lists.docx")
    assert list(found) == ["39", "40", "41", "42"]
    assert found["39"][Role.PROPOSAL] == "We reaffirm the core principles of the phase."
    assert found["39"][Role.COMPROMISE] == "We reaffirm the principles."
    # The second row of a vertically merged label cell continues paragraph 40.
    assert found["40"][Role.PROPOSAL] == "We thank all.\nSecond line of USA text."
    assert found["41"][Role.DRAFT] == "Nested:\ninner a\ninner b"
    assert found["42"][Role.DRAFT] == "first item\nsecond item"


def test_tracked_changes_and_comments() -> None:
    # LibreOffice's tracked changes in EU's column: EU's text is what it was before them, and
    # each author's changes are a proposal amending it, nothing accepted.
    document = read_source(FIXTURES / "lo-tracked-comments.docx")
    seven = document.paragraphs[0]
    assert seven.label == "7"
    found = [(v.stakeholder, v.role, v.text, v.base) for v in seven.variants]
    assert found == [
        ("Chair", Role.DRAFT, "We agree on the text.", None),  # the comment is not text
        ("EU", Role.PROPOSAL, "We agree on the obsolete text and always more.", None),
        ("Ana Delegate", Role.PROPOSAL, "We fully agree on the obsolete text and always more.", 1),
        ("Bo Chair", Role.PROPOSAL, "We agree on the text and always more.", 1),
    ]
    assert seven.variants[2].note == (
        "Word tracked changes by Ana Delegate, 2024-05-01 09:30 (1 insertion)"
    )
    # LibreOffice's comment has no range: it is on the point where its mark stands, and its
    # "year 0" date is no date.
    [comment] = seven.comments
    assert (comment.author, comment.date, comment.text) == (
        "Rev",
        "",
        "a comment that must not show",
    )
    assert (comment.variant, comment.start, comment.end) == (0, 21, 21)
    assert [(s.number, s.title) for s in document.sections] == [("B.", "Second part")]


def test_content_control_and_hyperlink() -> None:
    found = variants(FIXTURES / "lo-content-control-link.docx")
    assert found["1"] == {
        Role.DRAFT: "We note the controlled words here.",
        Role.PROPOSAL: "We note a link here.",
    }


def test_statement_with_word_lists() -> None:
    document = read_source(FIXTURES / "lo-statement-lists.docx")
    assert document.kind == "statement"
    assert document.stakeholders[0].name == "Youth Caucus"
    assert [p.label for p in document.paragraphs] == ["Preamble", "1", "2"]
    assert "hidden comment" not in document.paragraphs[1].variants[0].text


@pytest.mark.parametrize(
    ("name", "expected"), [("lo-binary.doc", "save it as .docx"), ("lo.rtf", "RTF")]
)
def test_other_formats_are_refused(name: str, expected: str) -> None:
    with pytest.raises(WorkbenchError, match=expected):
        read_source(FIXTURES / name)
