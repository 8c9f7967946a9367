"""Characters of Word's symbol fonts as the Unicode characters they draw.

Word writes a bullet drawn in the Symbol or Wingdings font as a code of the font's own
(U+F0B7 in Symbol is "•", U+F0A7 in Wingdings is "▪"): in any other font it is an empty box.
The text we keep and export is read in whatever font the reader has, so such a code becomes
the character it shows in Word; a code of a symbol font we do not know becomes a plain bullet
when it marks a list item, and is left out elsewhere.
"""

from __future__ import annotations

# Symbol's codes that are not the Latin-1 character of the same number.
_SYMBOL = {
    0xB7: "•",
    0x2D: "−",
    0xA8: "♦",
    0xA9: "♥",
    0xAA: "♠",
    0xA7: "♣",
    0xAE: "→",
    0xD6: "√",
    0xB0: "°",
    0xB1: "±",
    0xB4: "×",
    0xB8: "÷",
}
# Wingdings: the ones Word's bullet gallery and check lists use.
_WINGDINGS = {
    0x6C: "●",
    0x6E: "■",
    0x6F: "□",
    0x71: "❑",
    0x75: "◆",
    0x76: "❖",
    0x77: "⬥",
    0x9F: "•",
    0xA1: "○",
    0xA7: "▪",
    0xA8: "◻",
    0xD8: "➢",
    0xE0: "➔",
    0xE8: "➔",
    0xF0: "⇨",
    0xFB: "✗",
    0xFC: "✓",
    0xFE: "☑",
}
_PRIVATE_FONT_PAGE = range(0xF000, 0xF100)  # where Word puts a symbol font's codes
LIST_BULLET = "•"


def symbol_character(code: int, font: str) -> str:
    """The character `code` of `font` draws ("" for one we cannot say). A code outside the
    symbol fonts' private page is a Unicode character already."""
    if code not in _PRIVATE_FONT_PAGE:
        character = chr(code)
        return character if character.isprintable() else ""
    plain = code - 0xF000
    name = font.casefold()
    if "wingdings" in name or "webdings" in name:
        return _WINGDINGS.get(plain, "")
    if "symbol" in name or not name:  # Symbol: the font of Word's bullets
        known = _SYMBOL.get(plain)
        if known is not None:
            return known
    character = chr(plain)
    return character if plain >= 0x20 and character.isprintable() else ""


def readable_bullet(pattern: str, font: str) -> str:
    """A list level's bullet (its `lvlText`) as a reader sees it: "•", "▪", "o", "–"."""
    shown = "".join(
        symbol_character(ord(c), font) if ord(c) in _PRIVATE_FONT_PAGE else c for c in pattern
    )
    return shown if shown.strip() or not pattern.strip() else LIST_BULLET
