"""06 and 07, the real documents with Word tracked changes: every change pending, attributed,
counted as Word counts them; accepting all of an author's gives what Word (read by pandoc)
gives with that author's changes accepted and the others rejected; rejecting all, the draft.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_real_documents import REALDOCS
from word_review import pandoc_words, reviewed_copy

from workbench import editing
from workbench.importing import import_file
from workbench.importing.blocks import TextBlock
from workbench.importing.reading import load, read_reading
from workbench.importing.revisions import text_spans
from workbench.model import Role
from workbench.storage import WorkbenchFile

KENYA = "06_kenya_equal_opportunities_bill_tracked_2authors.docx"
SARIF = "07_oasis_sarif_v2.0_change_draft_editorial_kupsch_tracked.docx"
# A list marker our text writes before a line and pandoc writes otherwise ("-   ", "(a)").
_MARKER = re.compile(r"^(?:[\uf0b7\u2022\u00b7\-–•]|\(?[0-9a-zA-Z]{1,5}[.)])\s+")


def words(text: str) -> list[str]:
    """Each line of a text, its list marker left out, white space collapsed."""
    lines = (" ".join(_MARKER.sub("", line).split()) for line in text.split("\n"))
    return [line for line in lines if line]


@pytest.mark.parametrize(
    ("name", "counts"),
    [(KENYA, {"Adan Billow": 8, "Ashok Hariharan": 4}), (SARIF, {"Laurence Golding": 139})],
)
def test_every_tracked_change_is_pending_and_attributed(name: str, counts: dict[str, int]) -> None:
    reading = read_reading(REALDOCS / name)
    total = sum(counts.values())
    by_author = ", ".join(f"{author} {count}" for author, count in counts.items())
    assert any(
        line.startswith(f"tracked changes: {total} changes by {len(counts)} author")
        and f"({by_author})" in line
        for line in reading.findings.facts
    )
    assert not [w for w in reading.findings.warnings if "tracked change" in w]
    # Each change that touches words is in exactly one proposal, its author's.
    in_proposals: list[int] = []
    for paragraph in reading.document.paragraphs:
        for variant in paragraph.variants:
            if variant.role is Role.PROPOSAL:
                assert {r.author for r in variant.revisions} == {variant.stakeholder}
                in_proposals.extend(r.serial for r in variant.revisions)
    assert len(in_proposals) == len(set(in_proposals))
    # Counted as Word's reviewing pane counts them: one a w:ins, w:del (paragraph marks too).
    loaded = load(REALDOCS / name)
    assert len(loaded.revisions) == total
    with_words = {
        span.revision.serial
        for block in loaded.blocks
        if isinstance(block, TextBlock)
        for span in text_spans(block.text.spans)
    }
    assert with_words <= set(in_proposals)


def _imported(folder: Path, name: str) -> WorkbenchFile:
    folder.mkdir(exist_ok=True)
    wb = WorkbenchFile.create(folder / f"{name[:2]}.nwb")
    import_file(REALDOCS / name, wb)
    return wb


@pytest.mark.parametrize("name", [KENYA, SARIF])
def test_accepting_all_of_an_author_gives_words_accepted_reading(tmp_path: Path, name: str) -> None:
    rejected = pandoc_words(REALDOCS / name, "reject")
    with _imported(tmp_path, name) as wb:
        names = {s.id: s.name for s in wb.stakeholders()}
        variants = wb.variants_by_paragraph()
        authors = sorted(
            {
                names[v.stakeholder_id]
                for vs in variants.values()
                for v in vs
                if v.role is Role.PROPOSAL
            }
        )
        assert authors
        # Nothing accepted on import: every compromise is its draft, and reads as Word's
        # "reject all".
        compromises = wb.compromises()
        for paragraph in wb.paragraphs():
            draft = next((v for v in variants.get(paragraph.id, []) if v.role is Role.DRAFT), None)
            if draft is None:
                assert compromises.get(paragraph.id, "") == ""  # a paragraph only proposed
                continue
            assert compromises[paragraph.id] == draft.text
            if any(v.role is Role.PROPOSAL for v in variants[paragraph.id]):
                for line in words(draft.text):
                    assert line in rejected, (paragraph.label, line)
    for author in authors:
        accepted = pandoc_words(
            reviewed_copy(REALDOCS / name, tmp_path / "by.docx", author), "accept"
        )
        with _imported(tmp_path / author.replace(" ", "_"), name) as wb:
            stakeholder = wb.stakeholder_by_name(author)
            assert stakeholder is not None
            checked = 0
            for paragraph in wb.paragraphs():
                mine = [
                    v
                    for v in wb.variants(paragraph.id)
                    if v.role is Role.PROPOSAL and v.stakeholder_id == stakeholder.id
                ]
                for proposal in mine:
                    # The proposal is Word's text with the author's changes accepted...
                    for line in words(proposal.text):
                        assert line in accepted, (author, paragraph.label, line)
                    # ...and accepting all its changes makes the compromise read so, white
                    # space included (in 07 a space deleted inside a JSON string, and a
                    # paragraph split in three: no change of anyone's on their own).
                    editing.accept_all(wb, paragraph.id, proposal.id, "tester")
                    assert wb.compromise(paragraph.id) == proposal.text, paragraph.label
                    checked += 1
            assert checked
