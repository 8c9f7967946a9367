"""Stepping through the search's matches: the compromise's first, then each pane's, in turn.

The merge pane and the three variant panes each find and mark the query's matches in the text
they stand for (`ui.search_marks`); this object only knows the order they are read in and
which match is the current one, so F3 walks them all and says when a paragraph has no more
(the window then goes on to the next paragraph with a match).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class SearchTarget(Protocol):
    def set_search(self, query: str) -> None: ...

    def search_matches(self) -> int: ...

    def show_search_match(self, index: int) -> None: ...


class SearchSteps:
    """The current match among the targets' matches (-1: none yet)."""

    def __init__(self, targets: Sequence[SearchTarget]) -> None:
        self.targets = list(targets)
        self.query = ""
        self.position = -1
        self._owner: SearchTarget | None = None

    def set_query(self, query: str) -> None:
        self.query = query
        self._owner = None
        self.position = -1
        for target in self.targets:
            target.set_search(query)

    def count(self) -> int:
        """The matches marked in the paragraph shown."""
        return sum(target.search_matches() for target in self.targets)

    def paragraph_shown(self) -> None:
        """Another paragraph is shown (its targets found their own matches): none is current."""
        self._owner = None
        self.position = -1

    def go(self, position: int) -> bool:
        """Make the match at `position` (in reading order) current and bring it into sight."""
        remaining = position
        for target in self.targets:
            matches = target.search_matches()
            if 0 <= remaining < matches:
                if self._owner is not None and self._owner is not target:
                    self._owner.show_search_match(-1)
                target.show_search_match(remaining)
                self._owner = target
                self.position = position
                return True
            remaining -= matches
        return False

    def step(self, direction: int) -> bool:
        """The next (+1) or previous (-1) match of this paragraph; False past its last/first."""
        count = self.count()
        if self.position < 0:
            wanted = 0 if direction > 0 else count - 1
        else:
            wanted = self.position + direction
        return 0 <= wanted < count and self.go(wanted)
