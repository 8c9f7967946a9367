"""Damaged files: whatever the bytes, the importer answers with a WorkbenchError or a document."""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx_builders import cell, para, run, table, write_docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import WorkbenchError
from workbench.importing import read_source

BODY = table(
    [cell("1. Intro"), cell("GC Proposed Text")],
    [cell("5.\nFive."), cell(para(run("Five", strike=True), " ", run("Cinq", underline=True)))],
)


def assert_imports_or_refuses(source: Path) -> None:
    """A document, or a one-line WorkbenchError: never another exception."""
    message = ""
    try:
        read_source(source)
    except WorkbenchError as error:
        message = str(error)
    assert "\n" not in message


def template(folder: Path) -> bytes:
    source = write_docx(folder / "template.docx", BODY)
    with zipfile.ZipFile(source) as archive:
        return archive.read("word/document.xml")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_document_xml_never_crashes(tmp_path: Path, data: st.DataObject) -> None:
    document = bytearray(template(tmp_path))
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(document) - 1))
        document[position] = data.draw(st.integers(0, 255))
    source = write_docx(tmp_path / "m.docx", BODY)
    with zipfile.ZipFile(source) as archive:
        parts = [(i.filename, archive.read(i)) for i in archive.infolist()]
    with zipfile.ZipFile(source, "w") as archive:
        for name, content in parts:
            archive.writestr(name, bytes(document) if name == "word/document.xml" else content)
    assert_imports_or_refuses(source)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(0, 4000), flips=st.lists(st.integers(0, 10_000), max_size=5))
def test_damaged_zip_never_crashes(tmp_path: Path, cut: int, flips: list[int]) -> None:
    raw = bytearray(write_docx(tmp_path / "d.docx", BODY).read_bytes())
    for index in flips:
        raw[index % len(raw)] ^= 0x5A
    damaged = tmp_path / "damaged.docx"
    damaged.write_bytes(bytes(raw[: len(raw) - cut]))
    assert_imports_or_refuses(damaged)
