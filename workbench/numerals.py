"""Chinese numerals, read and written: "十二" is 12 and 12 is "十二".

Chinese texts number their sections "一、", their articles "第四条" and their sub-sections
"（一）" with them; the importer reads them as counts, Word's `chineseCounting` numbering writes
them, and the clean export matches an article's paragraphs to "第四条".
"""

from __future__ import annotations

DIGITS = "〇一二三四五六七八九"
TEN = "十"
NUMERAL_CHARACTERS = DIGITS[1:] + TEN


def chinese_value(text: str) -> int:
    """ "三" 3, "十" 10, "十二" 12, "二十" 20, "二十一" 21 (0 for what is none of these)."""
    if TEN not in text:
        return DIGITS.find(text[-1]) if text and text[-1] in DIGITS else 0
    tens, _, units = text.partition(TEN)
    high = DIGITS.find(tens) if tens else 1
    low = DIGITS.find(units) if units else 0
    return 10 * max(high, 0) + max(low, 0)


def chinese_numeral(value: int) -> str:
    """一 .. 十, 十一, 二十, 九十九 (beyond, the digits one by one: "一〇五")."""
    if not 0 < value < 100:
        return "".join(DIGITS[int(d)] for d in str(value))
    tens, units = divmod(value, 10)
    text = ("" if tens <= 1 else DIGITS[tens]) + (TEN if tens else "")
    return text + (DIGITS[units] if units else "")
