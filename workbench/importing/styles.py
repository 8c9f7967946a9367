"""styles.xml read for what the importer needs: headings, numbering, hidden and redline runs.

A paragraph style gives its name, an outline level (Word's headings), and list numbering; all
three are inherited through `basedOn`, field by field. A character style can hide text (the
European Parliament's `HideTWBExt` tags are hidden that way) or strike it (a redline by
style); its underline is no redline (links are underlined by style). The run walk asks
`run_kinds` about a run's `rStyle`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from workbench.importing.cleantext import RunKind
from workbench.importing.ooxml import W_NS, child_val, int_or_none

_MAX_DEPTH = 20
_MONOSPACE = re.compile(
    r"mono|courier|consolas|console|menlo|monaco|typewriter", re.IGNORECASE
)  # a basedOn chain longer than this is a loop in a damaged file
_HEADING_NAMES = {f"heading {n}": n - 1 for n in range(1, 10)} | {"title": 0}


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_VAL = _w("val")
_OFF = frozenset({"0", "false", "off"})


@dataclass(frozen=True)
class ParagraphStyle:
    """A paragraph style with its inheritance resolved."""

    style_id: str
    name: str
    outline_level: int | None = None  # 0 for a top heading; None for body text
    num_id: str | None = None  # the list its paragraphs belong to; "0" switches one off
    num_level: int | None = None
    monospace: bool = False  # set in a typewriter font: code or verbatim text


@dataclass(frozen=True)
class _Raw:
    name: str
    based_on: str | None
    outline_level: int | None
    num_id: str | None
    num_level: int | None
    run_kind: RunKind | bool | None  # False: no redline or hiding of its own
    font: str | None


@dataclass(frozen=True)
class StyleSheet:
    paragraph_styles: Mapping[str, ParagraphStyle] = field(default_factory=dict)
    default_paragraph: str | None = None
    # Character style id -> what its runs are: None hidden, DELETED struck, ADDED underlined.
    run_kinds: Mapping[str, RunKind | None] = field(default_factory=dict)
    # Numbering style id -> the numId its pPr names (for numStyleLink).
    numbering_styles: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, root: etree._Element | None) -> StyleSheet:
        if root is None:
            return cls()
        raw: dict[str, _Raw] = {}
        types: dict[str, str] = {}
        default = None
        for element in root.iter(_w("style")):
            style_id = element.get(_w("styleId"), "")
            kind = element.get(_w("type"), "paragraph")
            types[style_id] = kind
            raw[style_id] = _read_raw(element)
            if kind == "paragraph" and element.get(_w("default")) in ("1", "true", "on"):
                default = style_id
        paragraphs = {
            style_id: _resolve(style_id, raw)
            for style_id, kind in types.items()
            if kind == "paragraph"
        }
        run_kinds: dict[str, RunKind | None] = {}
        for style_id, kind in types.items():
            if kind == "character":
                found = _inherited_run_kind(style_id, raw)
                if found is not False:
                    run_kinds[style_id] = found  # type: ignore[assignment]
        numbering = {
            style_id: raw[style_id].num_id or ""
            for style_id, kind in types.items()
            if kind == "numbering" and raw[style_id].num_id
        }
        return cls(paragraphs, default, run_kinds, numbering)

    def paragraph(self, style_id: str | None) -> ParagraphStyle | None:
        if style_id is None:
            style_id = self.default_paragraph
        return self.paragraph_styles.get(style_id) if style_id is not None else None


def _read_raw(element: etree._Element) -> _Raw:
    ppr = element.find(_w("pPr"))
    num_pr = ppr.find(_w("numPr")) if ppr is not None else None
    outline = int_or_none(child_val(ppr, "outlineLvl"))
    return _Raw(
        name=child_val(element, "name") or element.get(_w("styleId"), ""),
        based_on=child_val(element, "basedOn"),
        outline_level=outline if outline is not None and 0 <= outline < 9 else None,
        num_id=child_val(num_pr, "numId"),
        num_level=int_or_none(child_val(num_pr, "ilvl")),
        run_kind=_own_run_kind(element.find(_w("rPr"))),
        font=_font(element.find(_w("rPr"))),
    )


def _font(rpr: etree._Element | None) -> str | None:
    fonts = rpr.find(_w("rFonts")) if rpr is not None else None
    return fonts.get(_w("ascii")) if fonts is not None else None


def _own_run_kind(rpr: etree._Element | None) -> RunKind | bool | None:
    """What a style's own run properties make of its text; False when they say nothing."""
    if rpr is None:
        return False
    vanish = rpr.find(_w("vanish"))
    if vanish is not None and vanish.get(_VAL, "true") not in _OFF:
        return None
    for tag in ("strike", "dstrike"):
        struck = rpr.find(_w(tag))
        if struck is not None and struck.get(_VAL, "true") not in _OFF:
            return RunKind.DELETED
    # An underline by style is no redline: Word's Hyperlink style underlines every link.
    return False


def _chain(style_id: str, raw: Mapping[str, _Raw]) -> list[_Raw]:
    """The style and its ancestors, nearest first."""
    chain: list[_Raw] = []
    seen: set[str] = set()
    current: str | None = style_id
    while current is not None and current in raw and current not in seen:
        if len(chain) >= _MAX_DEPTH:
            break
        seen.add(current)
        chain.append(raw[current])
        current = raw[current].based_on
    return chain


def _resolve(style_id: str, raw: Mapping[str, _Raw]) -> ParagraphStyle:
    chain = _chain(style_id, raw)
    outline = next((r.outline_level for r in chain if r.outline_level is not None), None)
    num_id = next((r.num_id for r in chain if r.num_id is not None), None)
    num_level = next((r.num_level for r in chain if r.num_level is not None), None)
    name = chain[0].name if chain else style_id
    if outline is None:
        outline = _HEADING_NAMES.get(name.casefold())
    font = next((r.font for r in chain if r.font), "") or ""
    return ParagraphStyle(style_id, name, outline, num_id, num_level, bool(_MONOSPACE.search(font)))


def _inherited_run_kind(style_id: str, raw: Mapping[str, _Raw]) -> RunKind | bool | None:
    for style in _chain(style_id, raw):
        if style.run_kind is not False:
            return style.run_kind
    return False
