"""What the reading of tracked changes and comments says, before anything is written.

Counts (as Word's reviewing pane counts them: see `tracked`), who made them and as whose
proposals, new and deleted paragraphs, formatting-only changes, comments; and a `warning:` for
every change or comment that could not be placed on a paragraph.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from workbench.importing.authors import REDLINE_AUTHOR, UNKNOWN_AUTHOR, AuthorMap, revision_author
from workbench.importing.blocks import SourceDocument
from workbench.importing.profiles.findings import Findings, plural
from workbench.importing.revisions import DELETED, REDLINE, Revision


@dataclass
class Tally:
    """What the expansion did, for the findings."""

    placed: set[int] = field(default_factory=set)  # serials of revisions in imported text
    proposals: int = 0
    paragraphs: set[str] = field(default_factory=set)
    new_paragraphs: list[str] = field(default_factory=list)
    deleted_paragraphs: list[str] = field(default_factory=list)
    comments_placed: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)
    settled: int = 0  # an export's compromise-column changes read as its record


def report(source: SourceDocument, authors: AuthorMap, tally: Tally, findings: Findings) -> None:
    findings.authors = sorted(Counter(revision_author(r) for r in source.revisions).items())
    revisions = [r for r in source.revisions if r.part != REDLINE]
    if revisions:
        by_author = Counter(r.author or UNKNOWN_AUTHOR for r in revisions if r.part != REDLINE)
        mapped = ", ".join(
            f"{author} {count}"
            + (
                f" as {authors.stakeholder(author)}"
                if authors.stakeholder(author) != (author or UNKNOWN_AUTHOR)
                else ""
            )
            for author, count in sorted(by_author.items())
        )
        # A workbench export's own compromise changes are its record (said below), not
        # pending: the line counts only what is left to decide.
        pending = len(revisions) - tally.settled
        if pending > 0:
            which = (
                f"{pending} of them pending as their authors' proposals (the others are the "
                "export's record, below)"
                if tally.settled
                else "each pending as its author's proposal"
            )
            findings.facts.append(
                f"tracked changes: {plural(len(revisions), 'change')} by "
                f"{plural(len(by_author), 'author')} ({mapped}); {which} "
                f"({plural(tally.proposals, 'proposal')} in "
                f"{plural(len(tally.paragraphs), 'paragraph')}), nothing accepted"
            )
        if tally.new_paragraphs:
            findings.facts.append(
                f"new paragraphs proposed: {_shown(tally.new_paragraphs)} (no draft, only the "
                "proposal)"
            )
        if tally.deleted_paragraphs:
            findings.facts.append(
                f"paragraphs proposed for deletion: {_shown(tally.deleted_paragraphs)}"
            )
        missing = [r for r in source.revisions if r.serial not in tally.placed]
        if missing:
            findings.warnings.append(
                f"{plural(len(missing), 'tracked change')} ({_kinds(missing)}) "
                f"{'is' if len(missing) == 1 else 'are'} in text this layout reads as no "
                "paragraph (a table of contents, a note or justification, a header): not a "
                "proposal; such text is read with its inserted and deleted words alike"
            )
    if tally.settled:
        findings.facts.append(
            f"compromise: a workbench export; {plural(tally.settled, 'tracked change')} of its "
            "compromise column, made up to the export, are how the compromise was agreed: read "
            "as the compromise, not as proposals"
        )
    if source.formatting_changes:
        total = sum(count for _, count in source.formatting_changes)
        kinds = ", ".join(f"{name} {count}" for name, count in source.formatting_changes)
        findings.facts.append(
            f"formatting changes: {plural(total, 'tracked formatting change')} ({kinds}) "
            "change no words: not proposals"
        )
    if source.comments:
        replies = sum(1 for c in source.comments if c.parent_id is not None)
        resolved = sum(1 for c in source.comments if c.done and c.parent_id is None)
        counted = plural(len(source.comments), "comment")
        findings.facts.append(
            f"comments: {counted} ({plural(replies, 'reply', 'replies')}, {resolved} resolved), "
            "each on the words it quotes"
        )
        lost = [c for c in source.comments if c.comment_id not in tally.comments_placed]
        if lost:
            by = names(sorted({c.author for c in lost}))
            findings.warnings.append(
                f"{plural(len(lost), 'comment')} {'is' if len(lost) == 1 else 'are'} on text "
                f"this layout sets aside or on none: not imported (by {by})"
            )
    findings.warnings.extend(tally.warnings)


def report_redline(redlined: Sequence[Revision], authors: AuthorMap, findings: Findings) -> None:
    struck = sum(1 for r in redlined if r.kind == DELETED)
    name = authors.stakeholder(REDLINE_AUTHOR)
    findings.facts.append(
        f"manual redline: {plural(struck, 'struck stretch', 'struck stretches')} and "
        f"{plural(len(redlined) - struck, 'underlined one')} read as one delegation's changes: "
        f'proposals by {name} (--author "redline=NAME" names another); the draft keeps the '
        "struck words and leaves out the underlined ones"
    )


def _kinds(revisions: Sequence[Revision]) -> str:
    counts = Counter(r.kind for r in revisions)
    return ", ".join(f"{count} {kind}" for kind, count in sorted(counts.items()))


def _shown(labels: Sequence[str], limit: int = 6) -> str:
    if len(labels) <= limit:
        return ", ".join(labels)
    return ", ".join(labels[:limit]) + f" … ({len(labels)} in all)"


def names(listed: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    if len(listed) <= 2:
        return " and ".join(listed)
    return ", ".join(listed[:-1]) + f" and {listed[-1]}"
