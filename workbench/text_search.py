"""Finding words in a negotiation text: every match, where it is, counted per paragraph.

One rule of matching serves the counts and the highlights, so the window never counts what it
does not mark: the query and the text are compared casefolded (Unicode's caseless matching:
"ÉTATS" finds "États", "STRASSE" finds "Straße", Greek final sigma finds sigma), as substrings
(Chinese has no spaces between words; Arabic and Russian are matched as written). Offsets are
the text's own, even where casefolding changed a length ("ß" is "ss").

A paragraph's matches are counted in each of its texts: the current compromise and every
variant (the draft, each proposal, an imported compromise), the texts the window shows.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from workbench.storage.protocol import WorkbenchStore
from workbench.wording import counted, quoted

CONTEXT_BEFORE = 24
CONTEXT_AFTER = 48


class Match(NamedTuple):
    """text[start:end] matches the query."""

    start: int
    end: int


class ParagraphHits(NamedTuple):
    """A paragraph's matches, counted in its compromise and in its variants."""

    paragraph_id: int
    in_compromise: int
    in_variants: int
    context: str  # the words around the first match, for a results list

    @property
    def matches(self) -> int:
        return self.in_compromise + self.in_variants


class SearchResult(NamedTuple):
    """Every paragraph with a match, in document order."""

    query: str
    paragraphs: tuple[ParagraphHits, ...]

    @property
    def total(self) -> int:
        return sum(hits.matches for hits in self.paragraphs)

    def by_paragraph(self) -> dict[int, ParagraphHits]:
        return {hits.paragraph_id: hits for hits in self.paragraphs}

    def summary(self) -> str:
        """ "12 matches in 5 paragraphs"; "No match for “x”" """
        if not self.paragraphs:
            return f"No match for {quoted(self.query)}"
        matches = counted(self.total, "match", "matches")
        return f"{matches} in {counted(len(self.paragraphs), 'paragraph')}"


def _folded(text: str) -> tuple[str, list[int] | None]:
    """The casefolded text and, where folding changed lengths, each folded character's offset
    in the text (None: the same offsets)."""
    folded = text.casefold()
    if len(folded) == len(text):  # no character folds to none, so each folded to one
        return folded, None
    pieces: list[str] = []
    origins: list[int] = []
    for offset, char in enumerate(text):
        piece = char.casefold()
        pieces.append(piece)
        origins.extend([offset] * len(piece))
    return "".join(pieces), origins


def find(text: str, query: str) -> list[Match]:
    """Every match of `query` in `text`, in order, never overlapping."""
    needle = query.strip().casefold()
    if not needle or not text:
        return []
    haystack, origins = _folded(text)
    found: list[Match] = []
    start = haystack.find(needle)
    while start >= 0:
        end = start + len(needle)
        if origins is None:
            found.append(Match(start, end))
        else:
            found.append(Match(origins[start], origins[end - 1] + 1))
        start = haystack.find(needle, end)
    return found


def context(text: str, match: Match) -> str:
    """The words around a match, on one line: "…role of the Internet in development…"."""
    start = max(0, match.start - CONTEXT_BEFORE)
    end = min(len(text), match.end + CONTEXT_AFTER)
    if start > 0:  # begin at a word
        space = text.find(" ", start, match.start)
        start = space + 1 if space >= 0 else start
    words = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + words + ("…" if end < len(text) else "")


def count(text: str, query: str) -> int:
    """How many matches `find` would give, without working out where they are."""
    needle = query.strip().casefold()
    return text.casefold().count(needle) if needle and text else 0


def paragraph_hits(
    paragraph_id: int, compromise: str, variants: Iterable[str], query: str
) -> ParagraphHits | None:
    """The paragraph's matches (None without any): counted, and the first one placed."""
    first = ""  # the first text with a match: its words around the match are the context
    in_compromise = count(compromise, query)
    if in_compromise:
        first = compromise
    in_variants = 0
    for text in variants:
        matches = count(text, query)
        in_variants += matches
        if matches and not first:
            first = text
    if not first:
        return None
    return ParagraphHits(
        paragraph_id, in_compromise, in_variants, context(first, find(first, query)[0])
    )


def search_texts(
    order: Sequence[int],
    compromises: Mapping[int, str],
    variants: Mapping[int, Sequence[str]],
    query: str,
) -> SearchResult:
    """Count the matches of the paragraphs in `order` (those without a text are skipped)."""
    found = []
    for paragraph_id in order:
        hits = paragraph_hits(
            paragraph_id, compromises.get(paragraph_id, ""), variants.get(paragraph_id, ()), query
        )
        if hits is not None:
            found.append(hits)
    return SearchResult(query.strip(), tuple(found))


def search(store: WorkbenchStore, query: str) -> SearchResult:
    """Every paragraph of the file whose compromise or variants match, counted.

    The file's index finds the paragraphs whose variants match; compromises (typed ones are
    in no index) are scanned. Only those paragraphs' texts are then read and counted.
    """
    query = query.strip()
    if not query:
        return SearchResult("", ())
    compromises = store.compromises()
    candidates = store.search(query)
    candidates.update(pid for pid, text in compromises.items() if count(text, query))
    if not candidates:
        return SearchResult(query, ())
    paragraphs = store.paragraphs()
    order = [p.id for p in paragraphs if p.id in candidates]
    if len(order) > len(paragraphs) // 4:  # much of the file: one bulk read is cheaper
        every = store.variant_texts()
        texts = {pid: every.get(pid, []) for pid in order}
    else:
        texts = {pid: [v.text for v in store.variants(pid)] for pid in order}
    return search_texts(order, compromises, texts, query)
