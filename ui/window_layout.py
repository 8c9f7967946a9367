"""How the window shares a laptop screen: its first layout at a given size, and its minimums.

The smallest screen in use is 1280x720. The first time the window opens (no layout saved),
its parts get shares of the room it has: the paragraph tree about a quarter of the width,
the three panes a little less height than the compromise under them, the History over the
Comments in a column on the right. Below 1400 pixels of width that column starts closed
(Ctrl+H opens the History, Ctrl+Shift+K the Comments, and they then stay as the user leaves
them; the status bar says when a paragraph has comments): beside the tree, three panes and
the change list, it would leave each pane too narrow to read a sentence. Every part has a
minimum at which its captions still show whole (see `ui.fitting`), and these minimums add up
to less than 1280x720 with the right column open too.
"""

from __future__ import annotations

from typing import NamedTuple

FIRST_SIZE = (1440, 900)  # the window's first size where the screen has room for it
# What a window manager adds around the window (title bar, borders) and a desktop panel may
# still take: a first window sized to the screen less this fits whole, status bar included.
FRAME_ALLOWANCE = (16, 48)
HISTORY_OPEN_FROM = 1400  # window width from which History starts open
TREE_SHARE = 0.25
HISTORY_SHARE = 0.24
PANES_SHARE = 0.46  # of the height under the menus: the rest goes to the compromise
HISTORY_OVER_COMMENTS = 0.55  # of the right column's height: History, over Comments
MIN_TREE = 240
MIN_PANES_HEIGHT = 150
MIN_MERGE_HEIGHT = 190


class FirstLayout(NamedTuple):
    """Sizes in pixels for a window opened at a given size."""

    tree: int
    history: int
    history_open: bool
    panes: int
    merge: int


def _clamp(value: float, low: int, high: int) -> int:
    return max(low, min(high, round(value)))


def first_size(available_width: int, available_height: int) -> tuple[int, int]:
    """The window's size the first time it opens on a screen with this much room: 1440x900,
    or the room less a frame on a smaller screen (1366x768 gives 1350x720)."""
    return (
        min(FIRST_SIZE[0], available_width - FRAME_ALLOWANCE[0]),
        min(FIRST_SIZE[1], available_height - FRAME_ALLOWANCE[1]),
    )


def first_layout(width: int, height: int, min_history: int, chrome: int = 80) -> FirstLayout:
    """The first layout of a `width` x `height` window (`min_history`: the History panel's
    least width; `chrome`: menus, status bar and the section line above the panes, which take
    their height first)."""
    centre = max(0, height - chrome)
    panes = _clamp(centre * PANES_SHARE, MIN_PANES_HEIGHT, max(MIN_PANES_HEIGHT, centre))
    return FirstLayout(
        tree=_clamp(width * TREE_SHARE, MIN_TREE, 380),
        history=_clamp(width * HISTORY_SHARE, min_history, max(min_history, 380)),
        history_open=width >= HISTORY_OPEN_FROM,
        panes=panes,
        merge=max(MIN_MERGE_HEIGHT, centre - panes),
    )
