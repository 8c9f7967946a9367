"""Word's "accept all changes by this reviewer, reject the rest", made with lxml alone.

Independent of the importer: a copy of the package whose document.xml has one reviewer's
insertions unwrapped and deletions removed, everyone else's insertions removed and deletions
restored (w:delText back to w:t); paragraph marks and rows the same. pandoc then reads the copy
with --track-changes=accept, as a second reader of what Word would show.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_INS = (f"{{{W}}}ins", f"{{{W}}}moveTo")
_DEL = (f"{{{W}}}del", f"{{{W}}}moveFrom")
_MARK_HOLDERS = (f"{{{W}}}rPr", f"{{{W}}}trPr")
_FOOTNOTE_MARK = re.compile(r"\[\d+\]")


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    index = parent.index(element)
    for child in list(element):
        parent.insert(index, child)
        index += 1
    parent.remove(element)


def accept_only(root: etree._Element, accepted: Callable[[str], bool]) -> None:
    """Run-level changes settled in place; mark and row changes of others dropped (rejected),
    the chosen ones' left for pandoc's accept mode to apply."""
    for element in list(root.iter(*_INS, *_DEL)):
        parent = element.getparent()
        if parent is None:
            continue
        keep = accepted(element.get(f"{{{W}}}author", ""))
        if parent.tag in _MARK_HOLDERS:
            if not keep:
                parent.remove(element)
            continue
        if element.tag in _INS:
            if keep:
                _unwrap(element)
            else:
                parent.remove(element)
        elif keep:
            parent.remove(element)
        else:
            for text in element.iter(f"{{{W}}}delText"):
                text.tag = f"{{{W}}}t"
            _unwrap(element)


def reviewed_copy(source: Path, target: Path, reviewer: str) -> Path:
    with zipfile.ZipFile(source) as package:
        parts = [(info, package.read(info)) for info in package.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in parts:
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                accept_only(root, lambda author: author == reviewer)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            out.writestr(info, data)
    return target


def pandoc_words(path: Path, mode: str) -> str:
    """pandoc's plain text of the file, white space collapsed, footnote marks left out."""
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not on PATH: the independent reading cannot run")
    out = subprocess.run(
        ["pandoc", f"--track-changes={mode}", "-t", "plain", "--wrap=none", str(path)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return " ".join(_FOOTNOTE_MARK.sub("", out).split())
