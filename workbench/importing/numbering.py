"""Word list numbering computed as Word shows it: the "1.", "(a)", "IV." before a paragraph.

numbering.xml holds abstract definitions (nine levels each: start value, format, the `lvlText`
pattern "%1.%2." that assembles the number, when a level restarts) and numbering instances
(`w:num`) that point to one abstract definition and may override levels (`startOverride`, a
whole `w:lvl`). A paragraph names an instance and a level, directly or through its style.

How Word counts, as implemented here (pandoc and docx2python both get parts of this wrong on
our real documents; see README "Dependencies and why"):
- instances sharing an abstract definition share its counters: numbering continues from one
  instance to the next (a UN draft decision numbers its operative paragraphs 1 to 169 through
  several instances, and its headings I, II, III ... through two);
- an instance with a `startOverride` on a level restarts that level the first time the instance
  uses that level (a restart per article: every article's list is a new instance overriding
  level 0), and leaves the levels it does not use counting on (a UN decision's headings go
  I, II, III through one instance, A, B, C through another overriding all nine levels, and
  on to IV through the first);
- using a level restarts the levels below it, unless their `lvlRestart` says otherwise
  (`lvlRestart` 0: never; n: only after a level up to n);
- a level never used yet shows its start value wherever another level's pattern cites it;
- `isLgl` shows every cited level as a decimal number ("1.2.3" even under "I.");
- `numId` 0 means "no numbering", also where it overrides a style's numbering;
- `numStyleLink` makes an abstract definition borrow the levels of a numbering style's own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from lxml import etree

from workbench.importing.ooxml import W_NS
from workbench.importing.symbol_fonts import readable_bullet
from workbench.numerals import DIGITS, chinese_numeral

LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_MAX_VALUE = 10_000  # a larger start value is a damaged file, not a list


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


_VAL = _w("val")
_ONES = (
    "",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Thirteen",
    "Fourteen",
    "Fifteen",
    "Sixteen",
    "Seventeen",
    "Eighteen",
    "Nineteen",
)
_TENS = ("", "", "Twenty", "Thirty", "Forty", "Fifty", "Sixty", "Seventy", "Eighty", "Ninety")
_ORDINAL_WORDS = {
    "One": "First",
    "Two": "Second",
    "Three": "Third",
    "Five": "Fifth",
    "Eight": "Eighth",
    "Nine": "Ninth",
    "Twelve": "Twelfth",
}
_ROMAN = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def roman(value: int) -> str:
    if value <= 0:
        return str(value)
    out = []
    for amount, letters in _ROMAN:
        while value >= amount:
            out.append(letters)
            value -= amount
    return "".join(out)


def letters(value: int) -> str:
    """Word's letter numbering: A..Z, then AA..ZZ, AAA.. (the letter repeated, not base 26)."""
    if value <= 0:
        return str(value)
    return chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)


# Scripts of the UN languages Word numbers in (the letters in the order its formats use).
ARABIC_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
ARABIC_ALPHA = "أبتثجحخدذرزسشصضطظعغفقكلمنهوي"
RUSSIAN = "абвгдежзиклмнопрстуфхцчшщэюя"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"


def cycled(alphabet: str) -> Callable[[int], str]:
    """Letters of `alphabet`, repeated past its end as Word repeats A..Z (AA, BB ...)."""

    def shown(value: int) -> str:
        if value <= 0:
            return str(value)
        return alphabet[(value - 1) % len(alphabet)] * ((value - 1) // len(alphabet) + 1)

    return shown


def cardinal_text(value: int) -> str:
    if value < 0 or value >= 1000:
        return str(value)
    if value == 0:
        return "Zero"
    hundreds, rest = divmod(value, 100)
    words = [f"{_ONES[hundreds]} Hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(_TENS[tens] + (f"-{_ONES[ones].lower()}" if ones else ""))
    elif rest:
        words.append(_ONES[rest])
    return " ".join(words)


def ordinal_text(value: int) -> str:
    """ "First", "Twenty-second": the cardinal words with the last one made ordinal."""
    words = cardinal_text(value)
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    head, last = words[:cut], words[cut:]
    if not last.isalpha():
        return words
    if last.capitalize() in _ORDINAL_WORDS:
        ordinal_word = _ORDINAL_WORDS[last.capitalize()]
        last = ordinal_word if last[0].isupper() else ordinal_word.lower()
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + last


def ordinal(value: int) -> str:
    suffix = "th"
    if value % 100 not in (11, 12, 13):
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
    return f"{value}{suffix}"


FORMATTERS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda v: f"{v:02d}",
    "upperRoman": roman,
    "lowerRoman": lambda v: roman(v).lower(),
    "upperLetter": letters,
    "lowerLetter": lambda v: letters(v).lower(),
    "ordinal": ordinal,
    "cardinalText": cardinal_text,
    "ordinalText": ordinal_text,
    "decimalEnclosedParen": lambda v: f"({v})",
    "decimalEnclosedFullstop": lambda v: f"{v}.",
    "decimalFullWidth": str,
    "decimalHalfWidth": str,
    "arabicAbjad": cycled(ARABIC_ABJAD),
    "arabicAlpha": cycled(ARABIC_ALPHA),
    "russianLower": cycled(RUSSIAN),
    "russianUpper": cycled(RUSSIAN.upper()),
    "chineseCounting": chinese_numeral,
    "chineseCountingThousand": chinese_numeral,
    "ideographDigital": lambda v: "".join(DIGITS[int(d)] for d in str(v)),
    "ideographTraditional": cycled(_HEAVENLY_STEMS),
    "none": lambda v: "",
}
# Formats whose number is not a count: the pattern is shown as it is.
UNCOUNTED = frozenset({"bullet", "none"})


def format_number(value: int, number_format: str) -> str:
    """`value` as the format shows it; an unknown format (a script Word knows) as decimal."""
    return FORMATTERS.get(number_format, str)(value)


@dataclass(frozen=True)
class Level:
    """One level of a list definition (`w:lvl`)."""

    start: int = 1
    number_format: str = "decimal"
    pattern: str = ""  # lvlText: "%1.", "(%2)", "%1.%2."; for bullets the bullet itself
    restart_after: int | None = None  # lvlRestart (1-based level); None: any higher level
    legal: bool = False  # isLgl: cited levels shown as decimals


@dataclass(frozen=True)
class Override:
    start: int | None = None  # startOverride
    level: Level | None = None  # a whole w:lvl in the override


@dataclass(frozen=True)
class Instance:
    """A `w:num`: the list a paragraph names, with its level overrides."""

    abstract_id: str
    overrides: Mapping[int, Override] = field(default_factory=dict)


@dataclass(frozen=True)
class ListNumber:
    """The number Word shows before a list paragraph, and where it comes from."""

    text: str  # "1.", "(a)", "IV.", "1.2.3", "•"
    number_format: str  # the paragraph's own level: "decimal", "lowerLetter", "bullet" ...
    level: int  # 0-based ilvl
    value: int  # the paragraph's own count (0 for bullets)
    num_id: str
    abstract_id: str


def _int(element: etree._Element | None, default: int | None = None) -> int | None:
    if element is None:
        return default
    try:
        return int(element.get(_VAL, ""))
    except ValueError:
        return default


def _level(element: etree._Element) -> Level:
    start = _int(element.find(_w("start")), 1)
    fmt = element.find(_w("numFmt"))
    text = element.find(_w("lvlText"))
    legal = element.find(_w("isLgl"))
    number_format = fmt.get(_VAL, "decimal") if fmt is not None else "decimal"
    pattern = text.get(_VAL, "") if text is not None else ""
    if number_format == "bullet":  # drawn in a symbol font at times: as a reader sees it
        pattern = readable_bullet(pattern, _font(element))
    return Level(
        start=max(0, min(start if start is not None else 1, _MAX_VALUE)),
        number_format=number_format,
        pattern=pattern,
        restart_after=_int(element.find(_w("lvlRestart"))),
        legal=legal is not None and legal.get(_VAL, "true") not in ("0", "false", "off"),
    )


def _font(level: etree._Element) -> str:
    """The font a level's number or bullet is drawn in ("Symbol", "Wingdings"), or ""."""
    fonts = level.find(f"{_w('rPr')}/{_w('rFonts')}")
    if fonts is None:
        return ""
    return fonts.get(_w("ascii")) or fonts.get(_w("hAnsi")) or fonts.get(_w("cs")) or ""


def _ilvl(element: etree._Element) -> int | None:
    try:
        value = int(element.get(_w("ilvl"), ""))
    except ValueError:
        return None
    return value if 0 <= value < LEVELS else None


@dataclass(frozen=True)
class Numbering:
    """The definitions of numbering.xml, read once; `ListCounter` counts through them."""

    abstracts: Mapping[str, Mapping[int, Level]]
    instances: Mapping[str, Instance]
    # abstractNumId -> the numbering style whose list it borrows (numStyleLink)
    style_links: Mapping[str, str] = field(default_factory=dict)
    # numbering style id -> the numId its own pPr names
    style_nums: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def read(
        cls, root: etree._Element | None, style_nums: Mapping[str, str] | None = None
    ) -> Numbering:
        """From numbering.xml's root (None: a document without lists)."""
        if root is None:
            return cls({}, {}, {}, dict(style_nums or {}))
        abstracts: dict[str, dict[int, Level]] = {}
        links: dict[str, str] = {}
        for element in root.iter(_w("abstractNum")):
            abstract_id = element.get(_w("abstractNumId"), "")
            levels = {}
            for lvl in element.iter(_w("lvl")):
                index = _ilvl(lvl)
                if index is not None:
                    levels[index] = _level(lvl)
            abstracts[abstract_id] = levels
            link = element.find(_w("numStyleLink"))
            if link is not None and link.get(_VAL):
                links[abstract_id] = link.get(_VAL, "")
        instances = {}
        for element in root.iter(_w("num")):
            ref = element.find(_w("abstractNumId"))
            if ref is None:
                continue
            overrides = {}
            for override in element.iter(_w("lvlOverride")):
                index = _ilvl(override)
                if index is None:
                    continue
                start = _int(override.find(_w("startOverride")))
                lvl = override.find(_w("lvl"))
                overrides[index] = Override(
                    None if start is None else max(0, min(start, _MAX_VALUE)),
                    _level(lvl) if lvl is not None else None,
                )
            instances[element.get(_w("numId"), "")] = Instance(ref.get(_VAL, ""), overrides)
        return cls(abstracts, instances, links, dict(style_nums or {}))

    def abstract_of(self, num_id: str) -> str | None:
        """The abstract definition the instance counts in, following a numbering style link."""
        instance = self.instances.get(num_id)
        if instance is None:
            return None
        abstract_id = instance.abstract_id
        for _ in range(LEVELS):  # a link chain, guarded against a cycle
            style = self.style_links.get(abstract_id)
            linked_num = self.style_nums.get(style) if style is not None else None
            linked = self.instances.get(linked_num) if linked_num is not None else None
            if linked is None or linked.abstract_id == abstract_id:
                break
            abstract_id = linked.abstract_id
        return abstract_id

    def level(self, num_id: str, ilvl: int) -> Level | None:
        """The level as the instance shows it: the abstract's, with a whole-level override."""
        instance = self.instances.get(num_id)
        abstract_id = self.abstract_of(num_id)
        if instance is None or abstract_id is None:
            return None
        override = instance.overrides.get(ilvl)
        if override is not None and override.level is not None:
            return override.level
        return self.abstracts.get(abstract_id, {}).get(ilvl)


class ListCounter:
    """Numbers paragraphs in document order: `number(num_id, ilvl)` once per list paragraph."""

    def __init__(self, numbering: Numbering) -> None:
        self.numbering = numbering
        self._counts: dict[str, list[int | None]] = {}
        self._started: set[tuple[str, int]] = set()  # (instance, level) pairs already used

    def number(self, num_id: str, ilvl: int) -> ListNumber | None:
        """The number shown for the next paragraph in list `num_id` at level `ilvl`."""
        if num_id in ("", "0") or not 0 <= ilvl < LEVELS:
            return None
        level = self.numbering.level(num_id, ilvl)
        abstract_id = self.numbering.abstract_of(num_id)
        if level is None or abstract_id is None:
            return None
        counts = self._counts.setdefault(abstract_id, [None] * LEVELS)
        if (num_id, ilvl) not in self._started:
            # An override restarts its level the first time the instance uses that level.
            self._started.add((num_id, ilvl))
            override = self.numbering.instances[num_id].overrides.get(ilvl)
            if override is not None and (override.start is not None or override.level is not None):
                counts[ilvl] = None
        if level.number_format in UNCOUNTED:
            return ListNumber(
                level.pattern if level.number_format == "bullet" else "",
                level.number_format,
                ilvl,
                0,
                num_id,
                abstract_id,
            )
        current = counts[ilvl]
        value = self._start(num_id, ilvl) if current is None else current + 1
        counts[ilvl] = value
        for deeper in range(ilvl + 1, LEVELS):
            rule = self.numbering.level(num_id, deeper)
            restart_after = rule.restart_after if rule is not None else None
            if restart_after is None or (restart_after != 0 and ilvl < restart_after):
                counts[deeper] = None
        text = self._render(num_id, level, counts)
        return ListNumber(text, level.number_format, ilvl, value, num_id, abstract_id)

    def peek(self, num_id: str, ilvl: int) -> ListNumber | None:
        """The number `number` would give now, counting nothing (a paragraph the draft lacks)."""
        counts = {key: list(values) for key, values in self._counts.items()}
        started = set(self._started)
        try:
            return self.number(num_id, ilvl)
        finally:
            self._counts, self._started = counts, started

    def _start(self, num_id: str, ilvl: int) -> int:
        instance = self.numbering.instances.get(num_id)
        override = instance.overrides.get(ilvl) if instance is not None else None
        if override is not None and override.start is not None:
            return override.start
        level = self.numbering.level(num_id, ilvl)
        return level.start if level is not None else 1

    def _render(self, num_id: str, level: Level, counts: list[int | None]) -> str:
        def cited(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            value = counts[index]
            if value is None:
                value = self._start(num_id, index)
            cited_level = self.numbering.level(num_id, index)
            fmt = cited_level.number_format if cited_level is not None else "decimal"
            if fmt in UNCOUNTED:
                return ""
            return format_number(value, "decimal" if level.legal else fmt)

        return _PLACEHOLDER.sub(cited, level.pattern)
