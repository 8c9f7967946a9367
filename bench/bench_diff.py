"""Time the word diff on a 2,000-word paragraph pair against difflib on the same word tokens."""

from __future__ import annotations

import difflib
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.diff import tokenize, word_diff

_WORDS = [
    "internet",
    "governance",
    "stakeholders",
    "governments",
    "private",
    "sector",
    "civil",
    "society",
    "international",
    "organizations",
    "multilateral",
    "transparent",
    "democratic",
    "equitable",
    "distribution",
    "resources",
    "access",
    "affordability",
    "security",
    "stability",
    "multilingualism",
    "gender",
    "equality",
    "perspective",
    "cooperation",
    "model",
    "implement",
    "principles",
    "role",
    "institutional",
    "arrangements",
    "public",
    "policy",
    "interests",
    "clarification",
    "relationships",
    "actors",
    "development",
    "agreements",
    "root",
    "zone",
    "file",
    "authorisation",
]


def paragraph_pair(words: int = 2000, rate: float = 0.05, seed: int = 46) -> tuple[str, str]:
    """A paragraph and a proposal changing about `rate` of its words."""
    rng = random.Random(seed)
    # Punctuation is attached before the proposal is made, so it moves with its word.
    base = [
        rng.choice(_WORDS) + ("." if i % 23 == 22 else "," if i % 7 == 6 else "")
        for i in range(words)
    ]
    proposal: list[str] = []
    for word in base:
        roll = rng.random()
        if roll < rate * 0.4:
            continue  # deleted
        if roll < rate * 0.8:
            proposal.append(rng.choice(_WORDS))  # replaced
        elif roll < rate:
            proposal.extend([word, rng.choice(_WORDS), rng.choice(_WORDS)])  # inserted after
        else:
            proposal.append(word)
    return " ".join(base), " ".join(proposal)


def _time(function: object, runs: int) -> list[float]:
    assert callable(function)
    times = []
    for _ in range(runs):
        tokenize.cache_clear()
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main(runs: int = 50) -> None:
    def p95(values: list[float]) -> float:
        return sorted(values)[max(0, round(0.95 * len(values)) - 1)]

    print(f"2,000-word paragraph pairs, {runs} runs each, tokenisation cache cleared every run")
    print(
        f"{'words changed':>14}{'hunks':>7}{'word_diff median':>18}{'p95':>8}"
        f"{'difflib median':>16}{'p95':>9}{'ratio':>7}"
    )
    for rate in (0.01, 0.02, 0.05):
        a, b = paragraph_pair(rate=rate)
        hunks = word_diff(a, b)
        ours = _time(lambda a=a, b=b: word_diff(a, b), runs)
        theirs = _time(
            lambda a=a, b=b: difflib.SequenceMatcher(
                None, tokenize(a), tokenize(b), autojunk=False
            ).get_opcodes(),
            max(3, runs // 10),
        )
        print(
            f"{rate:>13.0%} {len(hunks):>6}{statistics.median(ours):>15.2f} ms{p95(ours):>8.2f}"
            f"{statistics.median(theirs):>13.2f} ms{p95(theirs):>9.2f}"
            f"{statistics.median(theirs) / statistics.median(ours):>7.1f}"
        )


if __name__ == "__main__":
    main()
