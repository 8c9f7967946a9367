"""Whose proposals Word's tracked changes make: Word user names mapped to stakeholders.

By default a change is proposed by a stakeholder named after its Word author; the user may map
names (`--author "Word name=Stakeholder"`, the import dialog), or make every change one
stakeholder's (`--author "*=NAME"`). A manual redline read as changes has no Word author: it is
named "redline" here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from workbench.errors import WorkbenchError
from workbench.importing.revisions import REDLINE, Revision

UNKNOWN_AUTHOR = "Unknown author"  # a change Word saved with no w:author
REDLINE_AUTHOR = "redline"  # what --author names the manual redline (struck, underlined) by
EVERYONE = "*"  # --author "*=NAME": everything as one stakeholder


@dataclass(frozen=True)
class AuthorMap:
    """Whose proposal each Word author's changes make: by default the author's own name."""

    names: tuple[tuple[str, str], ...] = ()  # (Word user name, stakeholder), as the user gave
    everyone: str | None = None  # every change as this one stakeholder's

    def stakeholder(self, author: str) -> str:
        if self.everyone:
            return self.everyone
        wanted = " ".join(author.split()).casefold()
        for word_name, stakeholder in self.names:
            if " ".join(word_name.split()).casefold() == wanted:
                return stakeholder
        return author.strip() or UNKNOWN_AUTHOR

    def with_default(self, author: str, stakeholder: str) -> AuthorMap:
        """The same map, `author` going to `stakeholder` unless the user named another."""
        return replace(self, names=(*self.names, (author, stakeholder)))

    def of(self, revision: Revision) -> str:
        return self.stakeholder(revision_author(revision))


def revision_author(revision: Revision) -> str:
    """The name --author maps: Word's user name, or "redline" for a manual redline."""
    if revision.part == REDLINE:
        return REDLINE_AUTHOR
    return revision.author.strip() or UNKNOWN_AUTHOR


def parse_author(spec: str) -> tuple[str, str]:
    """ "Word name=Stakeholder" as (Word name, stakeholder); "*=NAME" maps every author."""
    word_name, equals, stakeholder = spec.partition("=")
    if not equals or not word_name.strip() or not stakeholder.strip():
        raise WorkbenchError(
            None,
            f'--author {spec!r}: give it as "Word name=Stakeholder" (or "*=Stakeholder" '
            "for everything as one stakeholder)",
        )
    return " ".join(word_name.split()), " ".join(stakeholder.split())


def author_map(specs: Iterable[str]) -> AuthorMap:
    names: list[tuple[str, str]] = []
    everyone = None
    for spec in specs:
        word_name, stakeholder = parse_author(spec)
        if word_name == EVERYONE:
            everyone = stakeholder
        else:
            names.append((word_name, stakeholder))
    return AuthorMap(tuple(names), everyone)
