"""What a reading found, said before anything is written: facts, things set aside, warnings.

Every profile fills a `Findings`; `plausibility` adds the warnings any import deserves (a
paragraph far longer than the rest, a long document giving one or two paragraphs). The CLI
prints `lines()`; the import dialog shows them.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field, replace

from workbench.importing.document import ImportedDocument
from workbench.importing.labels import normalise_label
from workbench.wording import counted, name_list, quoted

plural = counted  # the importer's name for the one rule of counts in messages

_LONG_FACTOR = 8  # a paragraph this many times the median length swallowed its neighbours
_LONG_FLOOR = 6000  # characters: below this nothing is "far too long"
_FEW_PARAGRAPHS = 2
_LONG_SOURCE = 8000  # characters of text that should give more than two paragraphs


def quote(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return quoted(flat if len(flat) <= limit else flat[: limit - 1] + "…")


@dataclass
class Findings:
    """Lines about one reading, in the order they are shown."""

    profile: str  # the profile's name ("body-text", "un-table" ...)
    description: str  # what the profile reads ("body text: headings, PP and OP paragraphs")
    facts: list[str] = field(default_factory=list)
    set_aside: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    alternatives: list[str] = field(default_factory=list)  # other profiles and their scores
    # Who made the tracked changes (Word user names, "redline" for a manual redline) and how
    # many each: what the import dialog asks to map to stakeholders
    authors: list[tuple[str, int]] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"layout: {self.profile} ({self.description})"]
        if self.alternatives:
            out.append("other layouts considered: " + ", ".join(self.alternatives))
        out.extend(self.facts)
        out.extend(f"set aside: {line}" for line in self.set_aside)
        out.extend(f"warning: {line}" for line in self.warnings)
        return out


def plausibility(document: ImportedDocument, findings: Findings, source_characters: int) -> None:
    """Warnings for a result that looks wrong whatever the layout."""
    lengths = [
        max((len(v.text) for v in paragraph.variants), default=0)
        for paragraph in document.paragraphs
    ]
    if len(lengths) >= 3:
        median = max(statistics.median(lengths), 1.0)
        for paragraph, length in zip(document.paragraphs, lengths, strict=True):
            if length > _LONG_FLOOR and length > _LONG_FACTOR * median:
                findings.warnings.append(
                    f"paragraph {paragraph.label} has {length:,} characters, "
                    f"{length / median:.0f} times the usual: it may hold text that belongs "
                    "to the paragraphs or sections after it"
                )
    if len(document.paragraphs) <= _FEW_PARAGRAPHS and source_characters > _LONG_SOURCE:
        findings.warnings.append(
            f"{source_characters:,} characters of text gave only "
            f"{plural(len(document.paragraphs), 'paragraph')}: the layout may not be the one "
            "chosen (try --profile)"
        )


def found_lines(document: ImportedDocument, findings: Findings) -> list[str]:
    """What the import found, as the CLI prints it and the dialog shows it."""
    names = name_list([s.name for s in document.stakeholders])
    return [
        f"{document.source.name}: {document.kind}, {plural(len(document.sections), 'section')}, "
        f"{plural(len(document.paragraphs), 'paragraph')}, "
        f"{plural(document.variant_count, 'variant')}",
        f"stakeholders: {names}",
        *findings.lines(),
    ]


def unique_labels(document: ImportedDocument, findings: Findings) -> ImportedDocument:
    """Two paragraphs of one label are never merged: the later one is made unique, and said."""
    seen: set[str] = set()
    paragraphs = []
    for paragraph in document.paragraphs:
        key = normalise_label(paragraph.label)
        if key in seen:
            n = 2
            while normalise_label(f"{paragraph.label} ({n})") in seen:
                n += 1
            label = f"{paragraph.label} ({n})"
            findings.warnings.append(
                f"label {paragraph.label} appears more than once; the later paragraph is "
                f"imported as {label}, not merged"
            )
            paragraph = replace(paragraph, label=label)
            key = normalise_label(label)
        seen.add(key)
        paragraphs.append(paragraph)
    return replace(document, paragraphs=tuple(paragraphs))
