"""Chinese numerals both ways, as sections, articles and Word's numbering use them."""

from __future__ import annotations

import pytest

from workbench.numerals import chinese_numeral, chinese_value


@pytest.mark.parametrize(
    ("text", "value"),
    [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("九十九", 99)],
)
def test_numerals_read_and_written_alike(text: str, value: int) -> None:
    assert chinese_value(text) == value
    assert chinese_numeral(value) == text


def test_beyond_ninety_nine_the_digits_one_by_one_and_what_is_no_numeral_is_zero() -> None:
    assert chinese_numeral(105) == "一〇五"
    assert chinese_value("甲") == 0
