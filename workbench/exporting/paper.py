"""Paper sizes for exports: A4 nearly everywhere, US Letter where the locale's country uses it.

UN and EU documents are A4; a few countries of the Americas and the Philippines print on US
Letter. The country comes from a locale name ("en_US.UTF-8", "fr_CA", Qt's "es_MX"): the window
asks Qt for it, the command line reads the environment as the C library does. A locale with
no country ("C", "POSIX") gets A4, the size of the documents negotiators exchange.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from enum import StrEnum
from typing import NamedTuple

# CLDR's supplemental data, paperSize "US-Letter": every other territory uses A4.
LETTER_TERRITORIES = frozenset(
    {"BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"}
)
# The C library's order: LC_ALL overrides LC_PAPER, which overrides LANG.
_LOCALE_VARIABLES = ("LC_ALL", "LC_PAPER", "LANG")


class PageSize(NamedTuple):
    """Portrait width and height in twentieths of a point (the unit of w:pgSz)."""

    width: int
    height: int


class Paper(StrEnum):
    A4 = "a4"
    LETTER = "letter"

    @property
    def size(self) -> PageSize:
        return _SIZES[self]

    @property
    def label(self) -> str:
        """As a menu or a dialog names it."""
        return "A4" if self is Paper.A4 else "US Letter"


_SIZES = {
    Paper.A4: PageSize(11906, 16838),  # 210 x 297 mm
    Paper.LETTER: PageSize(12240, 15840),  # 8.5 x 11 in
}


def territory(locale_name: str) -> str:
    """ "en_US.UTF-8" -> "US", "sr_RS@latin" -> "RS", "C" -> "" (upper case, "" if none)."""
    name = locale_name.split(".", 1)[0].split("@", 1)[0].replace("-", "_")
    _language, _, country = name.partition("_")
    country = country.rsplit("_", 1)[-1]  # "zh_Hans_CN": the script comes first
    return country.upper() if len(country) == 2 and country.isalpha() else ""


def paper_for_locale(locale_name: str) -> Paper:
    """US Letter where the locale's country prints on it, else A4."""
    return Paper.LETTER if territory(locale_name) in LETTER_TERRITORIES else Paper.A4


def paper_from_environment(environ: Mapping[str, str] | None = None) -> Paper:
    """The paper of the locale the command line runs in (LC_ALL, LC_PAPER, then LANG)."""
    variables = os.environ if environ is None else environ
    for variable in _LOCALE_VARIABLES:
        value = variables.get(variable, "").strip()
        if value:
            return paper_for_locale(value)
    return Paper.A4
