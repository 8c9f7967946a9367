"""The section tree of a body text, built heading by heading as a reader nests them.

Headings nest by what they are, not by Word's outline alone: a decision or an annex is a new
top; a part holds chapters, chapters articles; "I." holds "A.", which holds numbered headings;
numbered headings nest by their depth ("3.4" under "3"). Lighter than all of these, an
editor's sub-heading ("Mitigation", "{Review practice guidance}") holds options, and options
("Option 1", then "Option A" inside it) hold paragraphs; "{End of options}" closes them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workbench.importing.document import ImportedSection

# Rank of structural headings: a new heading closes every open one of equal or higher rank.
RANKS = {
    "top": 0,
    "annex": 0,
    "part": 1,
    "chapter": 2,
    "upper-roman": 3,
    "upper-letter": 4,
    "article": 5,
    "numbered": 6,  # + depth: "3" 7, "3.4" 8 ...
    "outline": 6,  # + Word's outline level + 1: Heading 1 is 7
}
SUBHEADING = 20  # "Mitigation", "{Review practice guidance}"
OPTION = 30


@dataclass
class Section:
    number: str  # as shown: "I.", "Article 4", "Option 2", "Annex I", "" for none
    title: str
    family: str  # "top", "annex", "article", "upper-roman", "option", "subheading" ...
    rank: int
    parent: Section | None
    citation: str  # how a paragraph label cites it: "Art. 4", "II", "Annex I", "3.4.2"
    path: str = ""
    series: str = ""  # for options: "digit", "letter", "roman" (nesting by kind)
    paragraphs: int = 0  # units read into it so far
    children: list[Section] = field(default_factory=list)

    def ancestors(self) -> list[Section]:
        chain = []
        current: Section | None = self
        while current is not None:
            chain.append(current)
            current = current.parent
        return chain

    def article(self) -> Section | None:
        return next((s for s in self.ancestors() if s.family == "article"), None)

    def top(self) -> Section | None:
        return next((s for s in self.ancestors() if s.rank == 0), None)

    def cited(self) -> Section | None:
        """The nearest section a label can cite (options and sub-headings cite their parent)."""
        return next((s for s in self.ancestors() if s.citation), None)


class Outline:
    """Open headings, innermost last; `open` places a new heading and returns it."""

    def __init__(self) -> None:
        self.sections: list[Section] = []
        self._stack: list[Section] = []
        self._paths: set[str] = set()

    @property
    def current(self) -> Section | None:
        return self._stack[-1] if self._stack else None

    def open(self, section: Section) -> Section:
        stack = self._stack
        if section.rank < SUBHEADING:
            while stack and stack[-1].rank >= section.rank:
                stack.pop()
        elif section.rank == SUBHEADING:
            while stack and stack[-1].rank >= SUBHEADING:
                stack.pop()
        else:
            # An option closes options down to one of its own kind ("Option 2" after "Option 1",
            # and after "Option A" nested in it); an option of a new kind nests.
            same = [
                i for i, s in enumerate(stack) if s.rank == OPTION and s.series == section.series
            ]
            if same:
                del stack[same[-1] :]
        section.parent = stack[-1] if stack else None
        base = section.number or section.title
        path = f"{section.parent.path}/{base}" if section.parent is not None else base
        unique, n = path, 2
        while unique.casefold() in self._paths:
            unique, n = f"{path} #{n}", n + 1
        section.path = unique
        self._paths.add(unique.casefold())
        if section.parent is not None:
            section.parent.children.append(section)
        stack.append(section)
        self.sections.append(section)
        return section

    def open_sections(self) -> list[Section]:
        return list(self._stack)

    def close_current(self) -> None:
        """The innermost heading is done: what follows belongs to the one around it."""
        if self._stack:
            self._stack.pop()

    def close_options(self) -> None:
        while self._stack and self._stack[-1].rank >= OPTION:
            self._stack.pop()

    def close_all(self) -> None:
        self._stack.clear()

    def imported(self) -> tuple[ImportedSection, ...]:
        return tuple(
            ImportedSection(
                s.number,
                s.title,
                s.parent.path if s.parent is not None else None,
                s.path,
            )
            for s in self.sections
        )
