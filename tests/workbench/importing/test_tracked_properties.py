"""Reading tracked changes as spans, then rejecting or accepting them, gives the same text as
rejecting or accepting them in the XML first (with lxml alone, `word_review`) and reading the
result: on random paragraphs of plain, inserted and deleted words by two authors, with spaces
anywhere a typist puts them. An author whose words sit inside the other's insertion builds on
it: that proposal is the XML with both authors' changes accepted."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx_builders import run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from tracked_builders import CHAPEAU, dele, ins, numbered, write_tracked_docx
from word_review import accept_only

from workbench.importing.document import ImportedVariant
from workbench.importing.reading import read_reading
from workbench.model import Role

WORDS = st.sampled_from(["note", "the", "report", "with", "concern", "urgently", "all", "parties"])
SPACES = st.sampled_from(["", " ", "  "])
PIECE = st.tuples(
    st.sampled_from(["plain", "plain", "ins", "del", "nested"]),
    st.sampled_from(["Ana", "Bo"]),
    st.lists(st.tuples(SPACES, WORDS), min_size=1, max_size=3),
    SPACES,
)


def _xml(pieces: list[tuple[str, str, list[tuple[str, str]], str]]) -> str:
    content = []
    for kind, author, words, tail in pieces:
        text = "".join(space + word for space, word in words) + tail
        if kind == "plain":
            content.append(run(text))
        elif kind == "ins":
            content.append(ins(author, text))
        elif kind == "nested":  # the other author deleted words of this one's insertion
            other = "Bo" if author == "Ana" else "Ana"
            content.append(ins(author, "new ", dele(other, text), " words"))
        else:
            content.append(dele(author, text))
    return numbered(*content)


def _first(source: Path) -> list[ImportedVariant]:
    """The variants of the paragraph the random words make ([] if it has none to show)."""
    document = read_reading(source).document
    found = document.paragraphs[2]  # after the chapeau and PP1
    if [v.text for v in found.variants] == ["Two."]:
        return []
    return list(found.variants)


def _draft(variants: list[ImportedVariant]) -> str:
    return next((v.text for v in variants if v.role is Role.DRAFT), "")


def _settled_copy(source: Path, target: Path, accepted: set[str]) -> Path:
    with zipfile.ZipFile(source) as package:
        parts = [(info, package.read(info)) for info in package.infolist()]
    with zipfile.ZipFile(target, "w") as out:
        for info, data in parts:
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                accept_only(root, lambda author: author in accepted)
                data = etree.tostring(root)
            out.writestr(info, data)
    return target


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(PIECE, min_size=1, max_size=6))
def test_views_read_as_the_settled_xml_reads(tmp_path: Path, pieces: list) -> None:  # type: ignore[type-arg]
    source = write_tracked_docx(tmp_path / "t.docx", CHAPEAU + _xml(pieces) + numbered("Two."))
    found = _first(source)
    rejected = _first(_settled_copy(source, tmp_path / "none.docx", set()))
    assert _draft(found) == _draft(rejected)
    for proposal in found:
        if proposal.role is not Role.PROPOSAL:
            continue
        accepted = {proposal.stakeholder}
        base = proposal.base
        while base is not None and found[base].role is Role.PROPOSAL:
            accepted.add(found[base].stakeholder)
            base = found[base].base
        settled = _first(_settled_copy(source, tmp_path / "settled.docx", accepted))
        assert proposal.text == _draft(settled), accepted
