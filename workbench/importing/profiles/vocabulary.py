"""The words and marks of negotiated texts, in the six UN languages where they differ.

Typed list numbers ("1.", "(a)", "IV."), headings by their words ("Article 4", "Decision
1/CP.21", "Annex I", "Option 2: {No text required}"), the chapeau that opens a preamble ("The
Conference of the Parties,"), the formula that closes one ("Have agreed as follows:") and the
signature lines that end a treaty ("DONE at Paris ..."). Pure functions over strings.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from workbench.importing.numbering import ListNumber
from workbench.numerals import NUMERAL_CHARACTERS, chinese_value

# What a list number is, whatever wrote it (Word's numbering or a typed "(a)").
DECIMAL, LETTER, UPPER_LETTER, ROMAN, UPPER_ROMAN, BULLET = (
    "decimal",
    "letter",
    "upper-letter",
    "roman",
    "upper-roman",
    "bullet",
)
_WORD_FORMATS = {
    "decimal": DECIMAL,
    "decimalZero": DECIMAL,
    "decimalEnclosedParen": DECIMAL,
    "decimalEnclosedFullstop": DECIMAL,
    "decimalFullWidth": DECIMAL,
    "decimalHalfWidth": DECIMAL,
    "ordinal": DECIMAL,
    "cardinalText": DECIMAL,
    "ordinalText": DECIMAL,
    "lowerLetter": LETTER,
    "upperLetter": UPPER_LETTER,
    "lowerRoman": ROMAN,
    "upperRoman": UPPER_ROMAN,
    # Lettered sub-items of Arabic and Russian texts; Chinese sections and sub-sections.
    "arabicAbjad": LETTER,
    "arabicAlpha": LETTER,
    "russianLower": LETTER,
    "russianUpper": UPPER_LETTER,
    "chineseCounting": UPPER_ROMAN,
    "chineseCountingThousand": UPPER_ROMAN,
    "ideographTraditional": UPPER_LETTER,
}


class Number(NamedTuple):
    """A paragraph's number as a reader sees it, Word's or typed."""

    text: str  # as shown: "1.", "(a)", "IV.", "3.4.2"
    kind: str  # DECIMAL, LETTER, ... BULLET
    value: int  # 0 for bullets
    level: int | None  # Word's list level; None for a typed number
    typed: bool


def word_number(number: ListNumber) -> Number:
    kind = _WORD_FORMATS.get(number.number_format, BULLET)
    if number.number_format not in _WORD_FORMATS and number.number_format != "bullet":
        # A script Word counts in (Hebrew, Arabic letters, ideographs): a count all the same.
        kind = DECIMAL if number.value else BULLET
    return Number(number.text.strip(), kind, number.value, number.level, typed=False)


_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
_BULLETS = "•◦▪▫■□●○‣⁃∙·-–—*o§"
_TYPED = re.compile(
    r"""^(?P<number>
        [(（]\s*(?P<paren>\d{1,3}[a-z]?|[a-z]{1,2}|[ivxlc]{1,6}|[а-я]
          |[\u0621-\u064A]\u0640?|[一二三四五六七八九十]{1,3})\s*[)）]  # (1) (a) (в) (ب) （一）
      | (?P<closed>\d{1,3}[a-z]?|[a-z]|[ivxlc]{1,6}|[а-я])\)            # 1) a) iv) б)
      | (?P<dotted>\d{1,3}(?:\.\d{1,3}){0,5}(?:[a-z]|\s?(?:bis|ter|quater))?
          |[A-Z]|[IVXLC]{1,7}|[a-z]|[ivxlc]{1,6})\.                      # 1. 3.4.2. IV. A. a.
      | (?P<multi>\d{1,3}(?:\.\d{1,3}){1,5})(?=\s)                      # 3.4.2 (no final dot)
      | (?P<dashed>\d{1,3})-(?=\s)                                     # 1- (Arabic texts)
      | (?P<cjk>[一二三四五六七八九十]{1,3})、                            # 一、 (Chinese sections)
      | (?P<ordinal>(?:أول|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع|عاشر)
          (?:اً|ًا|ا)?)\s*[-–—](?=\s)                                    # أولاً - (Arabic sections)
    )(?:\s+|(?=[^\s\w])|(?<=\d\.)(?=[A-ZÀ-Ý])|(?<=[、）])|$)""",
    re.VERBOSE,
)
# Sub-items in Arabic texts are lettered in the abjad order: (أ), (ب), (ج), (د), (هـ) ...
_ABJAD = "أبجدهوزحطيكلمنسعفصقرشتثخذضظغ"
_ARABIC_ORDINALS = ("أول", "ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر")
_CYRILLIC = "абвгдежзиклмнопрстуфхцчшщэюя"


_BULLET_LINE = re.compile(rf"^[{re.escape(_BULLETS)}](?:\s+|$)")


def _roman_value(text: str) -> int | None:
    total = 0
    previous = 0
    for char in reversed(text.lower()):
        value = _ROMAN_VALUES.get(char)
        if value is None:
            return None
        total = total - value if value < previous else total + value
        previous = max(previous, value)
    return total or None


def _letter_value(text: str) -> int:
    return (ord(text[0].lower()) - ord("a") + 1) + 26 * (len(text) - 1)


class TypedNumber(NamedTuple):
    number: Number
    length: int  # characters the number and the space after it take at the start


def typed_number(text: str, *, previous_letter: int | None = None) -> TypedNumber | None:
    """A number typed at the start of `text`: "1. ", "(a) ", "IV. ", "• ".

    "(i)" is a letter after "(h)" (`previous_letter` 8), else roman; likewise "I." after "H.".
    """
    match = _TYPED.match(text)
    if match is None:
        bullet = _BULLET_LINE.match(text)
        if bullet is None or len(text) <= bullet.end():
            return None
        return TypedNumber(Number(text[0], BULLET, 0, None, True), bullet.end())
    shown = match.group("number")
    if match.group("cjk") is not None:  # a Chinese section's numeral, as "IV." is a section's
        return TypedNumber(
            Number(shown, UPPER_ROMAN, chinese_value(match.group("cjk")), None, True), match.end()
        )
    if match.group("ordinal") is not None:
        word = match.group("ordinal")
        value = next(n for n, o in enumerate(_ARABIC_ORDINALS, start=1) if word.startswith(o))
        return TypedNumber(Number(shown, UPPER_ROMAN, value, None, True), match.end())
    core = next(
        group
        for group in (
            match.group("paren"),
            match.group("closed"),
            match.group("dotted"),
            match.group("multi"),
            match.group("dashed"),
        )
        if group is not None
    )
    kind, value = _classify(core, previous_letter)
    if kind is None:
        return None
    return TypedNumber(Number(shown, kind, value, None, True), match.end())


def _classify(core: str, previous_letter: int | None) -> tuple[str | None, int]:
    if core[0] in _CYRILLIC:  # а) б) в): Russian letters, in Word's russianLower order
        return LETTER, _CYRILLIC.index(core[0]) + 1
    if core[0] in _ABJAD:
        return LETTER, _ABJAD.index(core[0]) + 1
    if core[0] in NUMERAL_CHARACTERS:
        return UPPER_LETTER, chinese_value(core)  # （一）: a Chinese sub-section's numeral
    digits = re.match(r"^(\d{1,3})", core)
    if digits:
        return DECIMAL, int(core.split(".")[-1]) if "." in core and core[-1].isdigit() else int(
            digits.group(1)
        )
    letter_value = _letter_value(core) if core.isalpha() and len(set(core)) == 1 else None
    roman_value = _roman_value(core)
    # A letter that would continue a lettered list is a letter: (h) then (i) is "i", not 1.
    if letter_value is not None and (
        roman_value is None or (previous_letter is not None and letter_value == previous_letter + 1)
    ):
        return (UPPER_LETTER if core.isupper() else LETTER), letter_value
    if roman_value is not None:
        return (UPPER_ROMAN if core.isupper() else ROMAN), roman_value
    return None, 0


# -- headings by their words --------------------------------------------------------------

_ARTICLE_WORDS = r"article|art\.|artículo|artigo|artikel|статья|المادة|第"
_ARTICLE = re.compile(
    rf"^\[?\s*(?:{_ARTICLE_WORDS})\s*(?P<number>\d{{1,3}}(?:\s?(?:bis|ter|quater|quinquies))?"
    r"|[IVXLC]{1,6}|[一二三四五六七八九十]{1,4})\s*(?:条)?(?P<rest>(?:[\s.:–—-].*)?)$",
    re.IGNORECASE,
)
_TOP_WORDS = (
    r"(?:draft\s+)?decision|(?:projet\s+de\s+)?décision|(?:proyecto\s+de\s+)?decisión"
    r"|(?:проект\s+)?решени[ея]|مشروع\s+(?:ال)?مقرر|(?:ال)?مقرر|决定草案|决定"
    r"|(?:draft\s+)?resolution|(?:projet\s+de\s+)?résolution|(?:proyecto\s+de\s+)?resolución"
)
_TOP = re.compile(
    # An Arabic symbol has spaces in it: "-/م أ-29".
    rf"^\[?\s*(?P<word>{_TOP_WORDS})\s+(?P<number>[-–\w]*/[\w.]+(?:\s+[\u0600-\u06FF][\w.-]*)*"
    r"|\d+(?:/\d+)?|[IVXL]+)"
    r"\s*\]?(?P<rest>.*)$",
    re.IGNORECASE,
)
# Chinese puts the symbol inside the words: "第1/CP.21号决定", "第-/CMA.6号决定草案".
_TOP_CHINESE = re.compile(
    r"^\[?\s*第\s*(?P<number>[-–\w]*/[\w.]+|\d+(?:/\d+)?)\s*号"
    r"(?P<word>决定草案|决定|决议草案|决议)\s*\]?(?P<rest>.*)$"
)
_ANNEX = re.compile(
    r"^\[?\s*(?P<word>annex(?:e)?|anexo|приложение|المرفق|附件|appendix|appendice|apéndice)"
    r"(?:\s+(?P<number>[IVXL]{1,6}|\d{1,3}|[A-Z]))?\s*\]?\s*(?P<rest>[.:–—-].*)?$",
    re.IGNORECASE,
)
_PART = re.compile(
    r"^\[?\s*(?P<word>part|chapter|chapitre|capítulo|parte|partie|часть|глава|الجزء|الفصل)"
    r"\s+(?P<number>[IVXL]{1,6}|\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)"
    r"\b\s*\]?(?P<rest>.*)$",
    re.IGNORECASE,
)
_OPTION_WORDS = r"option|opción|opção|вариант|الخيار|备选案文|选项|alternative|alt\."
_OPTION = re.compile(
    rf"^\[?\s*(?P<word>{_OPTION_WORDS})\s*(?P<number>\d{{1,2}}|[A-Z]|[IVX]{{1,4}})\b\s*"
    r"(?P<note>[:.]?\s*(?:\{[^{}]*\}|\([^()]*\))?\s*[:.]?)\s*\]?$",
    re.IGNORECASE,
)
_END_OPTIONS = re.compile(r"^\{\s*end\s+of\s+(?:option|options)\b[^{}]*\}$", re.IGNORECASE)
# A line that is one option with its words: "Option 1: [Decides also that ...]".
_INLINE_OPTION = re.compile(
    rf"^\[?\s*(?:{_OPTION_WORDS})\s*(?:\d{{1,2}}|[A-Z]|[IVX]{{1,4}})\s*[:.]\s*\S", re.IGNORECASE
)
# An option that says it has no text: "{No text required}", "{Pas de texte}", "{Sin texto}".
_NO_TEXT = re.compile(
    r"^\{\s*(?:no\s+text|pas\s+de\s+texte|sin\s+texto|sem\s+texto|без\s+текста|"
    r"нет\s+текста|لا\s+نص|无案文|不需要案文)[^{}]*\}$",
    re.IGNORECASE,
)
_BRACED = re.compile(r"^\{[^{}]{2,200}\}$")
_SENTENCE_END = (".", ";", ",", ":")
MAX_TITLE_WORDS = 20


class Heading(NamedTuple):
    family: str  # "top", "annex", "part", "article", "option"
    number: str  # "2/CMA.3", "I", "4", "2bis", "1" ("" when it has none)
    word: str  # the heading's word as written: "Decision", "Annex", "Article", "Option"
    rest: str  # what follows on the line ("(global stocktake)", ": {No text required}")
    # Its word and number as written, where the script does not write "word number": "第四条",
    # "第-/CP.29号决定草案" ("" where "Article 4" says it).
    written: str = ""


def _clean(text: str) -> str:
    return " ".join(text.split())


def worded_heading(text: str) -> Heading | None:
    """ "Article 4", "Decision 1/CP.21", "Annex I", "Part two", "Option 2: {No text}"."""
    line = _clean(text)
    if not line or "\n" in text.strip():
        return None
    option = _OPTION.match(line)
    if option:  # its note in braces may be long: "{changes to authorization do not ...}"
        return Heading("option", option.group("number"), option.group("word"), option.group("note"))
    if len(line.split()) > MAX_TITLE_WORDS:
        return None
    for family, pattern in (
        ("top", _TOP),
        ("top", _TOP_CHINESE),
        ("annex", _ANNEX),
        ("part", _PART),
    ):
        match = pattern.match(line)
        if match and not _reads_as_sentence(match.group("rest") or ""):
            number = (match.groupdict().get("number") or "").strip()
            written = line[: match.start("rest")].strip(" []") if pattern is _TOP_CHINESE else ""
            rest = (match.group("rest") or "").strip()
            return Heading(family, number, match.group("word"), rest, written)
    article = _ARTICLE.match(line)
    if article and not _reads_as_sentence(article.group("rest")):
        word = line.split()[0].lstrip("[")
        number = _clean(article.group("number"))
        if number[0] in NUMERAL_CHARACTERS:  # 第十二条: Article 12
            number = str(chinese_value(number))
        written = word if word.startswith("第") else ""  # "第四条": the number inside the word
        return Heading("article", number, word, article.group("rest").strip(), written)
    return None


def _reads_as_sentence(rest: str) -> bool:
    """ "Article 8 of the Convention shall apply." after the number is a sentence, no heading."""
    words = rest.split()
    return len(words) > 12 or (
        bool(words) and rest.rstrip().endswith((".", ";", ",")) and len(words) > 3
    )


def opens_inline_option(text: str) -> bool:
    """ "Option 1: [Decides also ...]": one option, its words on the same line."""
    return bool(_INLINE_OPTION.match(_clean(text)))


def says_no_text(note: str) -> bool:
    """An option's note saying it holds nothing: "{No text required}", "{Pas de texte}"."""
    return bool(_NO_TEXT.match(_clean(note.strip(" :."))))


def ends_options(text: str) -> bool:
    """ "{End of options}", "{end of Option B}": the options above are closed."""
    return bool(_END_OPTIONS.match(_clean(text)))


def braced_heading(text: str) -> bool:
    """ "{Review practice guidance}": an editor's sub-heading in braces."""
    line = _clean(text)
    return bool(_BRACED.match(line)) and len(line.split()) <= MAX_TITLE_WORDS


def is_title(text: str) -> bool:
    """A short line that does not end like a sentence or a clause: a heading's words."""
    line = _clean(text)
    return (
        bool(line)
        and len(line.split()) <= MAX_TITLE_WORDS
        and not line.endswith(_SENTENCE_END)
        and any(char.isalpha() for char in line)
    )


# -- preamble and closing formulas ---------------------------------------------------------

# Ending in a comma of any script: "," and the Chinese "，" and Arabic "،".
_CHAPEAU = re.compile(
    r"^(?:the|la|le|les|el|los|las|o|a)\s+\S.{0,200}[,，،]$"
    r"|^[A-ZÀ-ÖØ-Þ\u0400-\u042F\u0600-\u06FF\u4E00-\u9FFF].{0,200}[,，،]$",
    re.IGNORECASE,
)
_CHAPEAU_BODIES = re.compile(
    r"\b(?:conference|parties|assembly|council|meeting|commission|committee|conférence|"
    r"parties|assemblée|conseil|conferencia|partes|asamblea|consejo|конференция|стороны|"
    r"ассамблея|совет|مؤتمر|الأطراف|الجمعية|المجلس)\b"
    r"|缔约方|大会|理事会|委员会",  # Chinese has no spaces, so no word boundaries either
    re.IGNORECASE,
)
_FORMULA = re.compile(
    r"(?:as follows|ce qui suit|lo siguiente|нижеследующем|ما يلي|议定如下|如下)\s*:?\s*$",
    re.IGNORECASE,
)
_SIGNATURE = re.compile(
    r"^(?:done\s+at|in\s+witness\s+whereof|fait\s+à|en\s+foi\s+de\s+quoi|hecho\s+en|"
    r"en\s+testimonio\s+de\s+lo\s+cual|совершено\s+в|в\s+удостоверение\s+чего|"
    r"حرر\s+في|وإثباتا\s+لذلك|.{0,8}订于|下列签署人)",
    re.IGNORECASE,
)


def is_chapeau(text: str) -> bool:
    """ "The Conference of the Parties," : the body acting, opening a preamble."""
    line = _clean(text)
    return (
        len(line.split()) <= 30
        and bool(_CHAPEAU.match(line))
        and bool(_CHAPEAU_BODIES.search(line))
    )


def is_formula(text: str) -> bool:
    """ "Have agreed as follows:": the line closing a treaty's preamble."""
    line = _clean(text)
    return len(line.split()) <= 12 and bool(_FORMULA.search(line))


def is_signature(text: str) -> bool:
    """ "DONE at Paris ...", "IN WITNESS WHEREOF ...": a treaty's closing lines."""
    return bool(_SIGNATURE.match(_clean(text)))


def heading_style(name: str) -> bool:
    """Whether a paragraph style's name says heading ("heading_chapter", "_ H _Ch_G", "Titre")."""
    lowered = name.casefold()
    return bool(
        re.search(r"heading|überschrift|titre|título|titulo|заголовок|标题|عنوان", lowered)
        or re.search(r"(?:^|[_ ])h[_ ]*(?:ch|\d)(?:[_ ]|$)", lowered)
    )
