"""Files LibreOffice wrote (not python-docx): each imports, or is refused with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import WorkbenchError
from workbench.importing import read_source
from workbench.importing.cleantext import TrackedChange
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
    document = read_source(FIXTURES / "lo-tracked-comments.docx")
    seven = document.paragraphs[0]
    assert seven.label == "7"
    proposal = seven.variant(Role.PROPOSAL)
    assert proposal is not None
    assert proposal.stakeholder == "EU"
    assert proposal.text == "We fully agree on the text and always more."
    assert proposal.tracked == (
        TrackedChange("inserted", "fully ", "Ana Delegate", "2024-05-01T09:30:00Z"),
        TrackedChange("deleted", "obsolete ", "Bo Chair", "2024-05-02T10:00:00Z"),
    )
    draft = seven.variant(Role.DRAFT)
    assert draft is not None
    assert draft.text == "We agree on the text."  # the comment is not text
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
