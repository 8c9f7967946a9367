"""Help > About: what the workbench is, and the versions a bug report needs."""

from __future__ import annotations

import html
import platform

import PySide6
from PySide6.QtCore import qVersion

from workbench import __version__


def versions() -> str:
    """ "Negotiation Workbench 0.4.0 · Qt 6.8.1 (PySide6 6.8.1) · Python 3.11.7" """
    return (
        f"Negotiation Workbench {__version__} · Qt {qVersion()} (PySide6 {PySide6.__version__})"
        f" · Python {platform.python_version()}"
    )


def about_text() -> str:
    """The About box's rich text."""
    return (
        "<p><b>Negotiation Drafting Workbench</b></p>"
        "<p>Variants side by side, a compromise built change by change, every edit recorded "
        "with who, when and from whom. There is no Save: every accepted edit is on disk at "
        "once.</p>"
        f"<p>{html.escape(versions())}</p>"
    )
