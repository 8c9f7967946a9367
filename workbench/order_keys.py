"""Document order as keys that sort as text: a new paragraph gets a key between its neighbours.

Positions numbered 1, 2, 3 ... make an insertion rewrite every position after it, and two
laptops inserting offline would each rewrite them differently. Here a paragraph's (or a
section's) order key is a string, and one is always found strictly between any two others
(fractional indexing, as Figma and Linear order their lists): nothing else is rewritten, so
every row stays append-only and the order survives concurrent inserts. Rows are read in
(key, id) order, so two laptops that picked the same key still agree on one order.

A key is an integer part, whose first character says how long it is ("a0" .. "az" two
characters, "b00" .. "bzz" three, and so on; "Z.." and below for keys before "a0"), then an
optional fraction of base-62 digits not ending in "0". Appending steps the integer part, so a
5,000-paragraph document keeps keys of three or four characters; inserting between two keys
adds about one character each time the same gap is split six times.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator

DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_ZERO = DIGITS[0]
_SMALLEST_INTEGER = "A" + _ZERO * 26
FIRST = "a0"
# Splits taken at random after the midpoint when inserting between two keys: two laptops that
# insert into the same gap offline then pick different keys (1 in about 4,000 alike).
_JITTER_STEPS = 12


class OrderKeyError(ValueError):
    """A key that is not an order key, or two keys in the wrong order."""


def _integer_length(head: str) -> int:
    if "a" <= head <= "z":
        return ord(head) - ord("a") + 2
    if "A" <= head <= "Z":
        return ord("Z") - ord(head) + 2
    raise OrderKeyError(f"invalid order key head {head!r}")


def _integer_part(key: str) -> str:
    length = _integer_length(key[0])
    if length > len(key):
        raise OrderKeyError(f"invalid order key {key!r}")
    return key[:length]


def validate(key: str) -> None:
    """Raises OrderKeyError unless `key` is an order key."""
    if not key or key == _SMALLEST_INTEGER:
        raise OrderKeyError(f"invalid order key {key!r}")
    integer = _integer_part(key)
    if any(character not in DIGITS for character in key[1:]):
        raise OrderKeyError(f"invalid order key {key!r}")
    if key[len(integer) :].endswith(_ZERO):
        raise OrderKeyError(f"invalid order key {key!r}")


def is_valid(key: object) -> bool:
    if not isinstance(key, str):
        return False
    try:
        validate(key)
    except OrderKeyError:
        return False
    return True


def _midpoint(low: str, high: str | None) -> str:
    """A fraction strictly between fractions `low` and `high` (None: 1)."""
    if high is not None and low >= high:
        raise OrderKeyError(f"{low!r} is not before {high!r}")
    if high is not None:
        common = 0
        while (low[common] if common < len(low) else _ZERO) == high[common]:
            common += 1
        if common > 0:
            return high[:common] + _midpoint(low[common:], high[common:])
    digit_low = DIGITS.index(low[0]) if low else 0
    digit_high = DIGITS.index(high[0]) if high is not None else len(DIGITS)
    if digit_high - digit_low > 1:
        return DIGITS[(digit_low + digit_high + 1) // 2]
    if high is not None and len(high) > 1:
        return high[:1]
    return DIGITS[digit_low] + _midpoint(low[1:], None)


def _increment(integer: str) -> str | None:
    head, digits = integer[0], list(integer[1:])
    for index in reversed(range(len(digits))):
        value = DIGITS.index(digits[index]) + 1
        if value < len(DIGITS):
            digits[index] = DIGITS[value]
            return head + "".join(digits)
        digits[index] = _ZERO
    if head == "Z":
        return "a" + _ZERO
    if head == "z":
        return None
    new_head = chr(ord(head) + 1)
    if new_head > "a":
        digits.append(_ZERO)
    else:
        digits.pop()
    return new_head + "".join(digits)


def _decrement(integer: str) -> str | None:
    head, digits = integer[0], list(integer[1:])
    for index in reversed(range(len(digits))):
        value = DIGITS.index(digits[index]) - 1
        if value >= 0:
            digits[index] = DIGITS[value]
            return head + "".join(digits)
        digits[index] = DIGITS[-1]
    if head == "a":
        return "Z" + DIGITS[-1]
    if head == "A":
        return None
    new_head = chr(ord(head) - 1)
    if new_head < "Z":
        digits.append(DIGITS[-1])
    else:
        digits.pop()
    return new_head + "".join(digits)


def between(low: str | None, high: str | None) -> str:
    """The shortest key strictly between `low` and `high` (None: the start, or the end)."""
    if low is not None:
        validate(low)
    if high is not None:
        validate(high)
    if low is not None and high is not None and low >= high:
        raise OrderKeyError(f"{low!r} is not before {high!r}")
    if low is None:
        if high is None:
            return FIRST
        integer = _integer_part(high)
        fraction = high[len(integer) :]
        if integer == _SMALLEST_INTEGER:
            return integer + _midpoint("", fraction)
        if integer < high:
            return integer
        lower = _decrement(integer)
        if lower is None:
            raise OrderKeyError("no key before the smallest one")
        return lower
    integer = _integer_part(low)
    fraction = low[len(integer) :]
    if high is None:
        higher = _increment(integer)
        return integer + _midpoint(fraction, None) if higher is None else higher
    high_integer = _integer_part(high)
    if integer == high_integer:
        return integer + _midpoint(fraction, high[len(high_integer) :])
    higher = _increment(integer)
    if higher is None:
        raise OrderKeyError("no key after the largest one")
    if higher < high:
        return higher
    return integer + _midpoint(fraction, None)


def scattered(low: str | None, high: str | None) -> str:
    """A key strictly between `low` and `high`, picked at random among a few thousand: what a
    single insertion uses, so laptops inserting at the same place offline rarely tie."""
    key = between(low, high)
    for _ in range(_JITTER_STEPS):
        if secrets.randbits(1):
            low = key
        else:
            high = key
        key = between(low, high)
    return key


def after(low: str | None, count: int) -> Iterator[str]:
    """`count` keys in order after `low` (appending: the integer part steps, keys stay short)."""
    key = low
    for _ in range(count):
        key = between(key, None)
        yield key


def numbered(count: int) -> list[str]:
    """Keys for `count` rows in order, from the first key on (a migration's renumbering)."""
    return list(after(None, count))
