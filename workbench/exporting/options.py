"""What the caller asks of an export, and what the export reports back."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from workbench.exporting.paper import Paper
from workbench.exporting.runs import Fonts
from workbench.wording import counted

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
    paper: Paper = Paper.A4  # callers pass the locale's or the user's choice


@dataclass(frozen=True)
class ExportReport:
    """What was written, for the dialog's message and the command line's summary."""

    out_path: Path
    layout: Layout
    paragraphs: int
    columns: tuple[str, ...]
    tracked_changes: int  # w:ins and w:del written, paragraph marks included
    removed_characters: int  # characters XML 1.0 cannot hold, dropped (0 almost always)
    paper: Paper = Paper.A4
    # Labels of paragraphs the clean text leaves out: no compromise text yet (a new paragraph
    # only proposed). Said to the user, never silently dropped.
    without_text: tuple[str, ...] = ()
    # Stakeholders whose proposals are rows under each paragraph, not columns (too many).
    proposals_as_rows: int = 0

    def summary(self) -> str:
        layout = f"{self.layout} layout"
        if self.proposals_as_rows:
            layout += (
                f", the proposals of {counted(self.proposals_as_rows, 'stakeholder')} as rows "
                "under each paragraph"
            )
        paragraphs = counted(self.paragraphs, "paragraph")
        line = f"{self.out_path}: {paragraphs} ({layout}, {self.paper.label})"
        if self.tracked_changes:
            line += f", {counted(self.tracked_changes, 'tracked change')}"
        if self.removed_characters:
            removed = counted(self.removed_characters, "control character")
            line += f"; {removed} Word cannot hold removed"
        return line

    def warnings(self) -> list[str]:
        """What the reader of the export should know is not in it, one line each."""
        if not self.without_text:
            return []
        return [
            f"left out {counted(len(self.without_text), 'paragraph')} with no compromise text "
            f"yet (only proposed): {', '.join(self.without_text)}"
        ]
