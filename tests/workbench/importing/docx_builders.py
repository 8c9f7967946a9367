"""Small .docx files for the importer's tests, written as readable inline WordprocessingML."""

from __future__ import annotations

import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document

NAMESPACES = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'mc:Ignorable="w14"'
)


def run(text: str, *, strike: bool = False, underline: bool = False, dstrike: bool = False) -> str:
    props = ""
    if strike:
        props += "<w:strike/>"
    if dstrike:
        props += "<w:dstrike/>"
    if underline:
        props += '<w:u w:val="single"/>'
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*content: str) -> str:
    """A paragraph; plain strings become runs, strings starting with '<' are raw XML."""
    return "<w:p>" + "".join(c if c.startswith("<") else run(c) for c in content) + "</w:p>"


def cell(*paragraphs: str, props: str = "") -> str:
    """A cell; plain strings become one paragraph each (lines split on newlines)."""
    body = []
    for item in paragraphs:
        if item.startswith("<"):
            body.append(item)
        else:
            body.extend(para(line) for line in item.split("\n"))
    if not body:
        body = ["<w:p/>"]
    tcpr = f"<w:tcPr>{props}</w:tcPr>" if props else ""
    return f"<w:tc>{tcpr}{''.join(body)}</w:tc>"


def table(*rows: list[str], columns: int | None = None) -> str:
    width = columns or max(len(r) for r in rows)
    grid = "<w:tblGrid>" + '<w:gridCol w:w="2000"/>' * width + "</w:tblGrid>"
    body = "".join("<w:tr>" + "".join(r) + "</w:tr>" for r in rows)
    return f"<w:tbl><w:tblPr/>{grid}{body}</w:tbl>"


def text_table(*rows: list[str]) -> str:
    """A table from plain strings: one cell per string."""
    return table(*[[cell(text) if text else cell() for text in row] for row in rows])


def write_docx(path: Path, body_xml: str) -> Path:
    """A real .docx (python-docx's package) whose body is `body_xml`."""
    Document().save(str(path))
    document = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>"
        f"<w:document {NAMESPACES}><w:body>{body_xml}<w:sectPr/></w:body></w:document>"
    )
    return replace_part(path, "word/document.xml", document.encode("utf-8"))


def replace_part(path: Path, name: str, data: bytes) -> Path:
    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, content in parts:
            target.writestr(info.filename, data if info.filename == name else content)
    return path
