"""What the caller asks of an export, and what the export reports back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from workbench.exporting.runs import Fonts

Layout = Literal["table", "clean", "history"]
LAYOUTS: tuple[Layout, ...] = ("table", "clean", "history")


@dataclass(frozen=True)
class ExportOptions:
    """Choices of the Export dialog and of `workbench export`."""

    agreed_only: bool = False  # only paragraphs agreed or agreed ad ref
    redline_compromise: bool = False  # compromise as struck/underlined words, not tracked
    redline_proposals: bool = False  # proposals as their changes against the draft
    paragraphs: tuple[str, ...] = ()  # labels to export; () for all
    author: str = ""  # the document's author property; blank unless the user gives one
    title: str | None = None  # None: the workbench's title, else its file name
    fonts: Fonts = field(default_factory=Fonts)


@dataclass(frozen=True)
class ExportReport:
    """What was written, for the dialog's message and the command line's summary."""

    out_path: Path
    layout: Layout
    paragraphs: int
    columns: tuple[str, ...]
    tracked_changes: int  # w:ins and w:del written, paragraph marks included
    removed_characters: int  # characters XML 1.0 cannot hold, dropped (0 almost always)

    def summary(self) -> str:
        line = f"{self.out_path}: {self.paragraphs} paragraphs ({self.layout} layout)"
        if self.tracked_changes:
            line += f", {self.tracked_changes} tracked changes"
        if self.removed_characters:
            line += f"; {self.removed_characters} control characters Word cannot hold removed"
        return line
