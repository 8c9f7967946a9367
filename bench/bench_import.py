"""Benchmark: importing a 5,000-row negotiation table vs python-docx merely opening it.

Target: our full import (parse + write into a fresh workbench file) within 2x `Document(path)`.
Run: .venv/bin/python bench/bench_import.py [--rows N] [--profile]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from docx import Document
from docx.shared import Pt

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.importing import import_file, read_source

WORDS = [
    "the",
    "internet",
    "governance",
    "stakeholders",
    "should",
    "ensure",
    "equitable",
    "access",
    "resources",
    "multilateral",
    "transparent",
    "democratic",
    "development",
    "cooperation",
    "governments",
    "private",
    "sector",
    "civil",
    "society",
    "international",
    "organizations",
    "capacity",
    "building",
    "security",
    "stability",
    "human",
    "rights",
    "gender",
    "equality",
    "information",
    "society",
    "policy",
    "framework",
    "enhanced",
    "participation",
    "developing",
    "countries",
]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def make_table(path: Path, rows: int, seed: int = 7) -> None:
    """A realistic table: label+draft, a proposal with some redline marks, sparse compromises."""
    rng = random.Random(seed)
    document = Document()
    table = document.add_table(rows=1, cols=3)
    header = table.rows[0].cells
    header[0].text = "1. Introduction"
    header[1].text = "GC Proposed Text"
    header[2].text = "Compromise text"
    for number in range(1, rows + 1):
        cells = table.add_row().cells
        draft = sentence(rng, rng.randint(25, 60))
        cells[0].text = f"{number}."
        cells[0].add_paragraph(draft)
        if number % 3:
            proposal = cells[1].paragraphs[0]
            for index, word in enumerate(draft.split(" ")):
                run = proposal.add_run(("" if index == 0 else " ") + word)
                if index % 17 == 5:
                    run.font.strike = True
                elif index % 19 == 7:
                    run.font.underline = True
                    proposal.add_run(" " + rng.choice(WORDS)).font.underline = True
            proposal.runs[0].font.size = Pt(11)
        if number % 10 == 0:
            cells[2].text = draft
    document.save(str(path))


def best_of(runs: int, action: object) -> float:
    assert callable(action)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--profile", action="store_true", help="profile one import (pyinstrument)")
    args = parser.parse_args()
    from workbench.storage import WorkbenchFile

    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "table.docx"
        make_table(source, args.rows)
        counter = iter(range(1_000_000))

        def full_import() -> None:
            target = Path(folder) / f"bench-{next(counter)}.nwb"
            with WorkbenchFile.create(target) as wb:
                import_file(source, wb)

        opened = best_of(args.runs, lambda: Document(str(source)))
        parsed = best_of(args.runs, lambda: read_source(source))
        imported = best_of(args.runs, full_import)
        print(f"rows: {args.rows}, file: {source.stat().st_size / 1e6:.1f} MB")
        print(f"python-docx Document(path): {opened:.3f} s")
        print(f"our parse only:             {parsed:.3f} s ({parsed / opened:.2f}x)")
        print(
            f"our full import:            {imported:.3f} s ({imported / opened:.2f}x, target <= 2x)"
        )
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler()
            profiler.start()
            full_import()
            profiler.stop()
            print(profiler.output_text(unicode=True, color=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
