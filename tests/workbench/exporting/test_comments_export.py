"""The round trip of issue 15: a Word file with comments and tracked changes is imported, some
changes are accepted, a comment is added, the table is exported; the export is read back by
python-docx and lxml, by pandoc and by LibreOffice: every comment on its words, its replies
and resolved state kept, the tracked changes attributed to the stakeholders whose they are.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

sys.path.append(str(Path(__file__).resolve().parents[1] / "importing"))

from tracked_builders import commented_decision

from workbench import comments, editing
from workbench.exporting import export_file
from workbench.importing import import_file
from workbench.model import Role
from workbench.storage import WorkbenchFile

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
ODF_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
DC = "http://purl.org/dc/elements/1.1/"

# (author, text) -> the words it is on, in the export
EXPECTED = {
    ("Bo", "Comprehensive? It is a summary."): "the comprehensive report",
    ("Ana", "Agreed, drop it."): "the comprehensive report",  # the reply, on its thread's words
    ("Cy", "Which secretariat?"): "report of the secretariat",
    ("Ana", "The annex matters."): " and its annex",
    ("Dee", "Is May realistic?"): "by May",
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("round")
    with WorkbenchFile.create(folder / "talks.nwb") as wb:
        import_file(commented_decision(folder / "decision.docx"), wb)
        for label, author in (("1", "Ana"), ("2", "Bo")):
            paragraph = wb.paragraph_by_label(label)
            stakeholder = wb.stakeholder_by_name(author)
            assert paragraph is not None
            assert stakeholder is not None
            proposal = next(
                v
                for v in wb.variants(paragraph.id)
                if v.role is Role.PROPOSAL and v.stakeholder_id == stakeholder.id
            )
            editing.accept_all(wb, paragraph.id, proposal.id, "Lead")
        two = wb.paragraph_by_label("2")
        assert two is not None
        comments.add_comment(wb, two.id, "Is May realistic?", "Dee", quote="by May")
        out = folder / "table.docx"
        export_file(wb, out)
    return out


def lxml_ranges(path: Path) -> dict[str, str]:
    """comment id -> the words between its commentRangeStart and End (deleted words left out)."""
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    open_ids: list[str] = []
    words: dict[str, list[str]] = {}
    for element in root.iter(W + "commentRangeStart", W + "commentRangeEnd", W + "t", W + "p"):
        if element.tag == W + "commentRangeStart":
            open_ids.append(element.get(W + "id", ""))
            words[open_ids[-1]] = []
        elif element.tag == W + "commentRangeEnd":
            open_ids.remove(element.get(W + "id", ""))
        elif element.tag == W + "t":
            for comment_id in open_ids:
                words[comment_id].append(element.text or "")
    return {key: "".join(value) for key, value in words.items()}


def test_python_docx_and_lxml_read_every_comment_on_its_words(exported: Path) -> None:
    document = docx.Document(str(exported))
    by_id = {str(c.comment_id): (c.author, c.text) for c in document.comments}
    ranges = lxml_ranges(exported)
    assert {by_id[key]: words for key, words in ranges.items()} == EXPECTED
    dates = {c.author: c.timestamp for c in document.comments}
    assert dates["Bo"] is not None
    assert dates["Bo"].isoformat() == "2024-03-05T09:00:00+00:00"
    # Replies and resolved threads: commentsExtended.xml, linked by the paragraphs' paraIds.
    with zipfile.ZipFile(exported) as package:
        extended = etree.fromstring(package.read("word/commentsExtended.xml"))
        stored = etree.fromstring(package.read("word/comments.xml"))
    para_of = {
        c.get(W + "id"): c.findall(W + "p")[-1].get(
            "{http://schemas.microsoft.com/office/word/2010/wordml}paraId"
        )
        for c in stored.iter(W + "comment")
    }
    entries = {e.get(W15 + "paraId"): e for e in extended.iter(W15 + "commentEx")}
    bo = next(key for key, value in by_id.items() if value[0] == "Bo")
    reply = next(key for key, value in by_id.items() if value[1] == "Agreed, drop it.")
    assert entries[para_of[bo]].get(W15 + "done") == "1"
    assert entries[para_of[reply]].get(W15 + "paraIdParent") == para_of[bo]
    cy = next(key for key, value in by_id.items() if value[0] == "Cy")
    assert entries[para_of[cy]].get(W15 + "done") == "0"


def _pandoc_spans(node: Any, found: list[tuple[str, dict[str, str]]]) -> None:
    if isinstance(node, dict):
        if node.get("t") == "Span":
            (_, classes, attributes), _ = node["c"]
            found.append((classes[0] if classes else "", dict(attributes)))
        for value in node.values():
            _pandoc_spans(value, found)
    elif isinstance(node, list):
        for value in node:
            _pandoc_spans(value, found)


def test_pandoc_reads_the_comments_and_whose_changes_are_tracked(exported: Path) -> None:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not on PATH: the independent reading cannot run")
    output = subprocess.run(
        ["pandoc", "--track-changes=all", "-t", "json", str(exported)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    spans: list[tuple[str, dict[str, str]]] = []
    _pandoc_spans(json.loads(output), spans)
    started = sorted(a["author"] for kind, a in spans if kind == "comment-start")
    assert started == sorted(author for author, _ in EXPECTED)
    changes = {(kind, a["author"]) for kind, a in spans if kind in ("insertion", "deletion")}
    # Ana's accepted insertion and Bo's accepted changes, each in their own name.
    assert changes == {("insertion", "Ana"), ("insertion", "Bo"), ("deletion", "Bo")}


def libreoffice_odt(path: Path, folder: Path) -> etree._Element:
    """The file as LibreOffice reads it, saved as ODT: its content.xml."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed: its reading of the export cannot be checked")
    subprocess.run(
        [office, "--headless", "--convert-to", "odt", "--outdir", str(folder), str(path)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with zipfile.ZipFile(folder / f"{path.stem}.odt") as package:
        return etree.fromstring(package.read("content.xml"))


def odt_comments(content: etree._Element) -> dict[tuple[str, str], tuple[str, bool]]:
    """(author, text) -> (the words between the annotation and its end, resolved)."""
    found: dict[tuple[str, str], tuple[str, bool]] = {}
    words: dict[str, list[str]] = {}
    keys: dict[str, tuple[str, str, bool]] = {}
    open_names: list[str] = []

    def emit(text: str | None) -> None:
        for name in open_names:
            words[name].append(text or "")

    def walk(element: etree._Element) -> None:
        for child in element:
            if child.tag == f"{{{ODF_OFFICE}}}annotation":
                name = child.get(f"{{{ODF_OFFICE}}}name", "")
                text = " ".join("".join(p.itertext()) for p in child.iter(f"{{{ODF_TEXT}}}p"))
                resolved = child.get(
                    "{urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0}resolved"
                )
                keys[name] = (child.findtext(f"{{{DC}}}creator") or "", text, resolved == "true")
                words[name] = []
                open_names.append(name)
            elif child.tag == f"{{{ODF_OFFICE}}}annotation-end":
                name = child.get(f"{{{ODF_OFFICE}}}name", "")
                if name in open_names:
                    open_names.remove(name)
            elif child.tag != f"{{{ODF_TEXT}}}tracked-changes":
                emit(child.text)
                walk(child)
            emit(child.tail)

    walk(content)
    for name, (author, text, resolved) in keys.items():
        found[(author, text)] = ("".join(words[name]), resolved)
    return found


def test_libreoffice_opens_the_export_with_comments_on_their_words(
    exported: Path, tmp_path: Path
) -> None:
    content = libreoffice_odt(exported, tmp_path)
    found = odt_comments(content)
    assert {key: words for key, (words, _) in found.items()} == EXPECTED
    assert found[("Bo", "Comprehensive? It is a summary.")][1] is True  # resolved
    assert found[("Cy", "Which secretariat?")][1] is False
    creators = {
        (change.tag.split("}")[1], change.findtext(f"{{{ODF_OFFICE}}}change-info/{{{DC}}}creator"))
        for change in content.iter(f"{{{ODF_TEXT}}}insertion", f"{{{ODF_TEXT}}}deletion")
    }
    assert creators == {("insertion", "Ana"), ("insertion", "Bo"), ("deletion", "Bo")}
