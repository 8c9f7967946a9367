"""Readers for exported .docx files: our own lxml reading of tracked changes, and pandoc's."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read("word/document.xml"))


def _paragraph_text(p: etree._Element, accept: bool) -> str:
    skip = W + ("del" if accept else "ins")
    parts = []
    for element in p.iter(W + "t", W + "delText", W + "tab"):
        if any(a.tag == skip for a in element.iterancestors()):
            continue
        if element.tag == W + "tab":
            parts.append("\t")
        elif element.tag == W + "delText" and accept:
            continue
        else:
            parts.append(element.text or "")
    return "".join(parts)


def _mark_removed(p: etree._Element, accept: bool) -> bool:
    """True when this paragraph's mark goes away on Accept All (deleted) / Reject All (inserted)."""
    rpr = p.find(f"{W}pPr/{W}rPr")
    return rpr is not None and rpr.find(W + ("del" if accept else "ins")) is not None


def block_text(container: etree._Element, accept: bool = True) -> str:
    """The text of a cell (or body) after Accept All or Reject All; lines joined by newlines."""
    lines: list[str] = []
    pending = ""
    for p in container.findall(W + "p"):
        pending += _paragraph_text(p, accept)
        if not _mark_removed(p, accept):
            lines.append(pending)
            pending = ""
    if pending:
        lines.append(pending)
    return "\n".join(lines)


def table_cells(path: Path, accept: bool = True) -> list[list[str]]:
    """Every row of the first table as cell texts, read by lxml, tracked changes resolved."""
    tbl = document_xml(path).find(f"{W}body/{W}tbl")
    assert tbl is not None
    return [[block_text(tc, accept) for tc in tr.findall(W + "tc")] for tr in tbl.findall(W + "tr")]


def _inline_text(inlines: list[Any]) -> str:
    out = []
    for inline in inlines:
        kind = inline["t"]
        if kind == "Str":
            out.append(inline["c"])
        elif kind in ("Space", "SoftBreak"):
            out.append(" ")
        elif kind == "LineBreak":
            out.append("\n")
        elif kind in ("Strikeout", "Underline", "Emph", "Strong", "SmallCaps"):
            out.append(_inline_text(inline["c"]))
        elif kind == "Span":
            out.append(_inline_text(inline["c"][1]))
    return "".join(out)


def _blocks_lines(blocks: list[Any]) -> list[str]:
    lines = []
    for block in blocks:
        if block["t"] in ("Para", "Plain"):
            lines.append(_inline_text(block["c"]))
        elif block["t"] == "Div":
            lines.extend(_blocks_lines(block["c"][1]))
    return lines


def pandoc_table(path: Path, mode: str) -> list[list[list[str]]]:
    """pandoc's reading of the first table: rows of cells of lines (--track-changes=mode)."""
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not on PATH: the independent tracked-changes check cannot run")
    output = subprocess.run(
        ["pandoc", f"--track-changes={mode}", "-t", "json", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    ast = json.loads(output)
    table = next(b for b in ast["blocks"] if b["t"] == "Table")
    head, bodies = table["c"][3], table["c"][4]
    rows = list(head[1])
    for body in bodies:
        rows.extend(body[2])
        rows.extend(body[3])
    return [[_blocks_lines(cell[4]) for cell in row[1]] for row in rows]


def pandoc_plain(path: Path, mode: str) -> str:
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not on PATH: the independent tracked-changes check cannot run")
    return subprocess.run(
        ["pandoc", f"--track-changes={mode}", "-t", "plain", "--wrap=none", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def lines_as_pandoc_sees(text: str) -> list[str]:
    """Pandoc drops empty paragraphs and folds runs of spaces: compare on that footing."""
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]
