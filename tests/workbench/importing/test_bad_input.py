"""Files the importer must refuse: one clear line naming the file and what to do, nothing more."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from docx_builders import para, replace_part, text_table, write_docx

from workbench.errors import WorkbenchError
from workbench.importing import read_source

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def refusal(path: Path) -> str:
    with pytest.raises(WorkbenchError) as caught:
        read_source(path)
    message = str(caught.value)
    assert "\n" not in message
    assert str(path) in message
    return message


def good_docx(tmp_path: Path) -> Path:
    return write_docx(tmp_path / "good.docx", text_table(["Draft", "Proposal"], ["1. One.", "Un."]))


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("just some text", encoding="utf-8")
    assert "not a Word .docx" in refusal(path)


def test_truncated_docx(tmp_path: Path) -> None:
    source = good_docx(tmp_path)
    truncated = tmp_path / "cut.docx"
    truncated.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    assert "damaged or incomplete" in refusal(truncated)


def test_old_binary_doc(tmp_path: Path) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(OLE + b"\0" * 2000 + "WordDocument".encode("utf-16-le"))
    assert "save it as .docx" in refusal(path)


def test_encrypted_docx(tmp_path: Path) -> None:
    path = tmp_path / "secret.docx"
    path.write_bytes(OLE + b"\0" * 600 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 100)
    assert "remove the password in Word" in refusal(path)


def test_strict_open_xml(tmp_path: Path) -> None:
    source = good_docx(tmp_path)
    with zipfile.ZipFile(source) as archive:
        document = archive.read("word/document.xml")
    strict = document.replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main",
    )
    replace_part(source, "word/document.xml", strict)
    assert "Strict Open XML" in refusal(source)


@pytest.mark.parametrize(
    "prolog",
    [
        b'<!DOCTYPE w:document [<!ENTITY x "boom">]>',
        b'<!DOCTYPE w:document SYSTEM "http://example.com/x.dtd">',
        b"<!ENTITY lol SYSTEM 'file:///etc/passwd'>",
    ],
)
def test_doctype_and_entities_are_refused_unresolved(tmp_path: Path, prolog: bytes) -> None:
    source = good_docx(tmp_path)
    with zipfile.ZipFile(source) as archive:
        document = archive.read("word/document.xml")
    head, _, rest = document.partition(b"?>")
    replace_part(source, "word/document.xml", head + b"?>" + prolog + rest)
    assert "DOCTYPE or entities" in refusal(source)


def test_zip_bomb_by_declared_size(tmp_path: Path) -> None:
    source = good_docx(tmp_path)
    with zipfile.ZipFile(source, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/huge.bin", b"\0" * (30 * 1024 * 1024))
    assert "too much data" in refusal(source)


def test_zip_part_lying_about_its_size(tmp_path: Path) -> None:
    source = good_docx(tmp_path)
    with zipfile.ZipFile(source) as archive:
        document = archive.read("word/document.xml")
    bigger = document.replace(b"<w:body>", b"<w:body>" + b"<w:p/>" * 2000)
    replace_part(source, "word/document.xml", bigger)
    data = bytearray(source.read_bytes())
    # Make the local and central headers claim the part is 100 bytes long.
    with zipfile.ZipFile(source) as archive:
        info = archive.getinfo("word/document.xml")
    for offset in (info.header_offset + 22, data.rfind(b"word/document.xml") - 46 + 24):
        data[offset : offset + 4] = (100).to_bytes(4, "little")
    lying = tmp_path / "lying.docx"
    lying.write_bytes(bytes(data))
    message = refusal(lying)
    assert "larger than it declares" in message or "damaged" in message


def test_document_without_table_or_paragraphs(tmp_path: Path) -> None:
    source = write_docx(tmp_path / "empty.docx", para(""))
    assert "no negotiation table or numbered paragraphs" in refusal(source)


def test_empty_and_missing_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    assert "is empty" in refusal(empty)
    assert "not found" in refusal(tmp_path / "missing.docx")


def test_rtf_and_opendocument(tmp_path: Path) -> None:
    rtf = tmp_path / "x.docx"
    rtf.write_bytes(b"{\\rtf1\\ansi hello}")
    assert "RTF" in refusal(rtf)
    odt = tmp_path / "x.odt"
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<x/>")
    assert "OpenDocument" in refusal(odt)


def test_malformed_xml(tmp_path: Path) -> None:
    source = good_docx(tmp_path)
    replace_part(source, "word/document.xml", b"<w:document><w:body>")
    assert "not well-formed" in refusal(source)
