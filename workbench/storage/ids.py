"""Row ids unique across laptops: each origin allocates in a range of its own.

A workbench file's rows are exchanged between laptops (`workbench.sync`), so two laptops must
never give one id to two different rows. Every file has an origin, a random number drawn when
the file is made or found to be a copy; it allocates ids `origin << 32 | n` with n = 1, 2, 3 ...
in each table: sequential on one laptop (so rows written together stay together, and "max id
in my range" is one index seek), disjoint between laptops. Rows written before the file had an
origin (schema 5 and earlier) keep their ids: they are the common history every copy shares,
origin 0.

Stakeholders are named, and two laptops adding "Ana" must add one stakeholder: their id is
derived from the name (casefolded, spaces normalised), above every origin's range.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection

RANGE_BITS = 32
ORIGIN_BITS = 30  # origins are 1 .. 2**30 - 1: ids stay below the stakeholders' 2**62
_NAMED_BASE = 1 << 62


def id_range(origin: int) -> tuple[int, int]:
    """The first and last id an origin may allocate (origin 0: the history before origins)."""
    low = origin << RANGE_BITS
    return low + 1, low | ((1 << RANGE_BITS) - 1)


def origin_of(row_id: int) -> int:
    """The origin whose range holds `row_id` (-1 for a stakeholder's name-derived id)."""
    if row_id >= _NAMED_BASE:
        return -1
    return row_id >> RANGE_BITS


def new_origin(taken: Collection[int]) -> int:
    """A random origin none of `taken` has."""
    while True:
        origin = secrets.randbits(ORIGIN_BITS)
        if origin and origin not in taken:
            return origin


def name_key(name: str) -> str:
    """The form of a stakeholder's name that decides its id: "EU", "eu " and "Eu" are one."""
    return " ".join(name.split()).casefold()


def stakeholder_id(name: str) -> int:
    """The id every laptop gives the stakeholder called `name`."""
    digest = hashlib.sha256(name_key(name).encode("utf-8")).digest()
    return _NAMED_BASE + int.from_bytes(digest[:8], "big") % _NAMED_BASE
