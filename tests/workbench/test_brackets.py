"""Open brackets and the status a paragraph shows."""

from __future__ import annotations

import pytest

from workbench.brackets import effective_status, open_brackets
from workbench.model import Status


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("", 0),
        ("No brackets at all.", 0),
        ("We [strongly] support [the] text.", 2),
        ("We [strongly [and fully]] support.", 1),
        ("An unmatched [bracket stays open", 1),
        ("A stray ] is ignored", 0),
        ("[a] ] [b", 2),
        ("我们［坚决］支持", 1),
        ("نحن [ندعم] بقوة", 1),
    ],
)
def test_open_brackets(text: str, count: int) -> None:
    assert open_brackets(text) == count


def test_bracketed_while_brackets_remain_or_set_so_by_hand() -> None:
    assert effective_status(Status.OPEN, "We [strongly] support.") is Status.BRACKETED
    # Set bracketed by hand: it stays so with no brackets left (Ctrl+Alt+2 is seen to work).
    assert effective_status(Status.BRACKETED, "We support.") is Status.BRACKETED
    assert effective_status(Status.OPEN, "We support.") is Status.OPEN


@pytest.mark.parametrize("status", [Status.AGREED, Status.AGREED_AD_REF])
def test_agreement_set_by_hand_wins_over_brackets(status: Status) -> None:
    assert effective_status(status, "We [strongly] support.") is status
