"""The benchmarks' child side: one task a process, one JSON line on stdout.

`bench.run_all` starts each task in a fresh interpreter so that its memory peak (read here
before any baseline runs, and by the parent with os.wait4) belongs to our code alone, and so
that no task warms another's caches. Each task times our code and its baseline side by side,
in the same process, alternating repeats, so a noisy machine slows both alike.

    python -m bench.tasks import|diff|accept|export|switch|search|team ARGS... (see `main`)
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PEAK_KEY = "app_peak_rss_mb"


def peak_rss_mb() -> float:
    """This process's resident-memory peak so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


# -- import -----------------------------------------------------------------------------------


def task_import(source: Path, keep: Path, repeats: int) -> dict[str, object]:
    """Our import into a fresh file vs python-docx's Document(path), alternating."""
    from docx import Document

    from workbench.importing import import_file
    from workbench.storage import WorkbenchFile

    ours: list[float] = []
    indexed: list[float] = []
    opened: list[float] = []
    peak = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-import-") as scratch:
        for run in range(repeats):
            target = Path(scratch) / f"import-{run}.nwb"

            def full_import(target: Path = target) -> None:
                with WorkbenchFile.create(target) as wb:
                    import_file(source, wb)

            ours.append(timed(full_import))
            with WorkbenchFile.open(target) as wb:
                # What the window and `workbench import` do next, in a transaction of its own.
                indexed.append(timed(wb.update_search_index))
            if run == 0:
                peak = peak_rss_mb()  # before the baseline ever runs
                shutil.copyfile(target, keep)
            target.unlink()
            opened.append(timed(lambda: Document(str(source))))
    return {
        "import_s": statistics.median(ours),
        "index_s": statistics.median(indexed),
        "open_s": statistics.median(opened),
        PEAK_KEY: peak,
    }


# -- diff -------------------------------------------------------------------------------------


def _diff_pairs(path: Path) -> list[tuple[str, str]]:
    """(compromise, proposal) for every proposal of every paragraph: what the panes diff."""
    from workbench.model import Role
    from workbench.storage import WorkbenchFile

    with WorkbenchFile.open(path, read_only=True) as wb:
        compromises = wb.compromises()
        return [
            (compromises.get(paragraph_id, ""), variant.text)
            for paragraph_id, variants in wb.variants_by_paragraph().items()
            for variant in variants
            if variant.role is Role.PROPOSAL
        ]


def _difflib_hunks(a: str, b: str) -> list[tuple[int, str, str]]:
    """difflib's word diff of two texts as (position in a, deleted text, inserted text).

    The least that still answers what `word_diff` answers: the changes, with where they sit in
    the base. It starts from the texts, tokenised by our own `tokenize`, and gets the same
    shortcut for identical texts that `word_diff` takes.
    """
    from workbench.diff import tokenize

    if a == b:
        return []
    tokens_a, tokens_b = tokenize(a), tokenize(b)
    matcher = difflib.SequenceMatcher(None, tokens_a, tokens_b, autojunk=False)
    hunks: list[tuple[int, str, str]] = []
    position = done = 0
    for tag, a_start, a_end, b_start, b_end in matcher.get_opcodes():
        if tag == "equal":
            continue
        position += sum(map(len, tokens_a[done:a_start]))
        deleted = "".join(tokens_a[a_start:a_end])
        hunks.append((position, deleted, "".join(tokens_b[b_start:b_end])))
        position += len(deleted)
        done = a_end
    return hunks


def _pair_ms(a: str, b: str, runs: int) -> float:
    """Median milliseconds for one word_diff of a pair, tokenisation cache cleared each run."""
    from workbench.diff import tokenize, word_diff

    times = []
    for _ in range(runs):
        tokenize.cache_clear()
        times.append(timed(lambda: word_diff(a, b)) * 1000)
    return statistics.median(times)


def task_diff(path: Path, repeats: int) -> dict[str, object]:
    """word_diff of every proposal vs its compromise, and difflib on the same word tokens.

    Like for like: each side goes from the two texts to the list of word-level changes, with
    the tokenisation cache cleared before it runs. Ours is `word_diff` (tokenise, diff, tidy
    into hunks); difflib's is `_difflib_hunks` (the same tokenise, SequenceMatcher without
    autojunk, its non-equal opcodes turned into (position, deleted, inserted)). difflib does
    less: no tidying on word boundaries. Repeats alternate the two sides.

    Also the single-pair figure of issue 4: a 2,000-word paragraph and a proposal changing 5%
    of its words (about 100 hunks; bench.bench_diff has the 1% and 2% cases too).
    """
    from bench.bench_diff import paragraph_pair
    from workbench.diff import tokenize, word_diff

    pairs = _diff_pairs(path)
    ours: list[float] = []
    theirs: list[float] = []
    peak = 0.0
    for run in range(repeats):
        tokenize.cache_clear()
        ours.append(timed(lambda: [word_diff(a, b) for a, b in pairs]))
        if run == 0:
            peak = peak_rss_mb()
        tokenize.cache_clear()
        theirs.append(timed(lambda: [_difflib_hunks(a, b) for a, b in pairs]))
    diff_s, difflib_s = statistics.median(ours), statistics.median(theirs)
    pair_ms = _pair_ms(*paragraph_pair(words=2000, rate=0.05), runs=50)
    return {
        "pairs": len(pairs),
        "diff_all_s": diff_s,
        "difflib_s": difflib_s,
        "diff_2000_words_ms": pair_ms,
        PEAK_KEY: peak,
    }


# -- accept -----------------------------------------------------------------------------------


def task_accept(path: Path, count: int) -> dict[str, object]:
    """Accept one pending change in each of `count` paragraphs spread over the text, each on
    disk (the whole call: the paragraph's state read and checked, the edit written)."""
    from workbench import editing
    from workbench.model import ChangeState
    from workbench.storage import WorkbenchFile

    times: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-accept-") as scratch:
        copy = Path(scratch) / "accept.nwb"
        shutil.copyfile(path, copy)
        with WorkbenchFile.open(copy) as wb:
            paragraphs = wb.paragraphs()
            step = max(1, len(paragraphs) // (count * 2))
            for paragraph in paragraphs[::step]:
                if len(times) >= count:
                    break
                pending = [
                    c
                    for c in editing.state(wb, paragraph.id).changes
                    if c.state is ChangeState.PENDING and not c.rivals
                ]
                if not pending:
                    continue
                chosen = pending[len(pending) // 2]
                started = time.perf_counter()
                editing.accept(wb, paragraph.id, chosen.id, "bench")
                times.append(time.perf_counter() - started)
    millis = [t * 1000 for t in times]
    return {
        "accepts": len(millis),
        "accept_p95_ms": p95(millis),
        "accept_median_ms": statistics.median(millis),
        PEAK_KEY: peak_rss_mb(),
    }


# -- export -----------------------------------------------------------------------------------


def task_export(path: Path, repeats: int) -> dict[str, object]:
    """Our table export with tracked changes vs python-docx add_row + cell.text, alternating."""
    from bench.bench_export import naive_export
    from workbench.exporting import export_file
    from workbench.storage import WorkbenchFile

    ours: list[float] = []
    naive: list[float] = []
    peak = 0.0
    with tempfile.TemporaryDirectory(prefix="bench-export-") as scratch:
        out = Path(scratch)
        with WorkbenchFile.open(path, read_only=True) as wb:
            for run in range(repeats):
                ours.append(timed(lambda run=run: export_file(wb, out / f"ours-{run}.docx")))
                if run == 0:
                    peak = peak_rss_mb()
                naive.append(timed(lambda run=run: naive_export(wb, out / f"naive-{run}.docx")))
    return {
        "export_s": statistics.median(ours),
        "naive_s": statistics.median(naive),
        PEAK_KEY: peak,
    }


# -- the real window, offscreen -----------------------------------------------------------------


@contextmanager
def opened_window(path: Path) -> Iterator[tuple[Any, Any]]:
    """(the application, the main window) at 1440x900 with `path` open, its tree filled and
    the window idle; closed after. Qt is imported here: the other tasks never load it."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    with tempfile.TemporaryDirectory(prefix="bench-window-") as scratch:
        settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(settings)
        window.resize(1440, 900)
        window.show()
        window.open_workbench(path)
        window.tree_panel.loader.finish_all()
        for _ in range(5):
            app.processEvents()
        try:
            yield app, window
        finally:
            window.close()


# -- switch ---------------------------------------------------------------------------------------


def task_switch(path: Path, count: int) -> dict[str, object]:
    """Select the next paragraph in the window and wait until it has repainted.

    Each switch starts from an idle window: what the window does right after a paint (the
    history panel follows the paint, see MainWindow) is let run, untimed, before the next
    selection, so it is not counted in the following switch.
    """
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEvent, QObject

    class PaintCounter(QObject):
        painted = 0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt)
            if event.type() == QEvent.Type.Paint:
                PaintCounter.painted += 1
            return False

    with opened_window(path) as (app, window):
        counter = PaintCounter()
        app.installEventFilter(counter)
        times: list[float] = []
        for _ in range(count):
            started = time.perf_counter()
            before = PaintCounter.painted
            if not window.select_next_paragraph():
                break
            deadline = started + 5
            app.processEvents()
            while PaintCounter.painted == before and time.perf_counter() < deadline:
                app.processEvents()
            times.append(time.perf_counter() - started)
            settle_until = time.perf_counter() + 0.02
            while time.perf_counter() < settle_until:  # idle again: deferred work, untimed
                app.processEvents()
        app.removeEventFilter(counter)
        peak = peak_rss_mb()
    millis = [t * 1000 for t in times]
    return {
        "switches": len(millis),
        "switch_p95_ms": p95(millis),
        "switch_median_ms": statistics.median(millis),
        PEAK_KEY: peak,
    }


# -- search (the real window, offscreen) ------------------------------------------------------

SEARCH_WORDS = ("the", "internet", "zzqx")  # in most paragraphs, in many, in none


def _scan_count(path: Path, word: str) -> int:
    """The baseline: every variant's text read with plain sqlite3 and the word counted in it,
    casefolded, in Python (the least any search that counts every match must do)."""
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        folded = word.casefold()
        return sum(
            text.casefold().count(folded) for (text,) in conn.execute("SELECT text FROM variants")
        )
    finally:
        conn.close()


def task_search(path: Path, repeats: int) -> dict[str, object]:
    """Ctrl+F in the window: a word typed, the tree filtered, the matches counted and shown,
    until the window is idle again; for a word in most paragraphs, in many, and in none."""
    figures: dict[str, object] = {}
    with opened_window(path) as (app, window):
        panel = window.tree_panel
        panel.search_box.setText("warm")  # the search index brought up to date, untimed
        panel.apply_filter()
        app.processEvents()
        # One word after another, as a user refines a search: each search but the first
        # replaces a filtered tree by another (thousands of rows going and coming).
        times: dict[str, list[float]] = {word: [] for word in SEARCH_WORDS}
        panel.search_box.setText("")
        panel.apply_filter()
        for _ in range(repeats):
            for word in SEARCH_WORDS:
                panel.search_box.setText(word)
                started = time.perf_counter()
                panel.apply_filter()
                app.processEvents()
                times[word].append((time.perf_counter() - started) * 1000)
        for word, taken in times.items():
            figures[f"search_{word}_ms"] = statistics.median(taken)
        worst = [statistics.median(taken) for taken in times.values()]
        peak = peak_rss_mb()
    scan = [timed(lambda: _scan_count(path, SEARCH_WORDS[0])) * 1000 for _ in range(repeats)]
    figures.update(
        {
            "search_ms": max(worst),
            "search_scan_ms": statistics.median(scan),
            PEAK_KEY: peak,
        }
    )
    return figures


# -- team work ---------------------------------------------------------------------------------


def task_team(path: Path, count: int) -> dict[str, object]:
    """Export and apply of `count` edits (one a paragraph) between two copies of the file: the
    copy made after the file's own rows were sent, the edits written on the original, exported,
    and applied to the copy (each timed whole: read, pack, write; read, check, insert, heads)."""
    from workbench.model import EditKind, NewEdit
    from workbench.storage import WorkbenchFile
    from workbench.sync.exchange import apply_changes, export_changes

    with tempfile.TemporaryDirectory(prefix="bench-team-") as scratch:
        folder = Path(scratch)
        ana, bob = folder / "ana.nwb", folder / "bob.nwb"
        shutil.copyfile(path, ana)
        with WorkbenchFile.open(ana) as wb:
            started = time.perf_counter()
            first = export_changes(wb, folder / "ana-1.nwbsync", "Ana")
            export_all_s = time.perf_counter() - started
        shutil.copyfile(ana, bob)
        with WorkbenchFile.open(bob):
            pass  # the copy takes its own origin at its first open, not inside the timing
        with WorkbenchFile.open(ana) as wb:
            texts = wb.compromises()
            edits = [
                NewEdit(
                    paragraph_id=paragraph.id,
                    kind=EditKind.TYPED,
                    author="Ana",
                    text_after=texts.get(paragraph.id, "") + " [Ana]",
                    start=len(texts.get(paragraph.id, "")),
                    end=len(texts.get(paragraph.id, "")),
                    inserted=" [Ana]",
                )
                for paragraph in wb.paragraphs()[:count]
            ]
            with wb.transaction():
                wb.append_edits(edits)
            started = time.perf_counter()
            exported = export_changes(wb, folder / "ana-2.nwbsync", "Ana")
            export_s = time.perf_counter() - started
        assert first is not None
        assert exported is not None
        with WorkbenchFile.open(bob) as wb:
            started = time.perf_counter()
            report = apply_changes(wb, [exported.path])
            apply_s = time.perf_counter() - started
            assert len(report.applied) == 1, report.lines()
        return {
            "team_edits": len(edits),
            "team_export_s": export_s,
            "team_apply_s": apply_s,
            "team_changes_kb": exported.path.stat().st_size / 1024,
            "team_first_export_s": export_all_s,
            "team_first_changes_kb": first.path.stat().st_size / 1024,
            PEAK_KEY: peak_rss_mb(),
        }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "task", choices=("import", "diff", "accept", "export", "switch", "search", "team")
    )
    parser.add_argument("path", type=Path, help="the .docx (import) or the workbench file")
    parser.add_argument("--keep", type=Path, help="import: where to keep one imported file")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    if args.task == "import":
        if args.keep is None:
            parser.error("import needs --keep")
        result = task_import(args.path, args.keep, args.repeats)
    elif args.task == "diff":
        result = task_diff(args.path, args.repeats)
    elif args.task == "accept":
        result = task_accept(args.path, args.count)
    elif args.task == "export":
        result = task_export(args.path, args.repeats)
    elif args.task == "team":
        result = task_team(args.path, args.count)
    elif args.task == "search":
        result = task_search(args.path, args.repeats)
    else:
        result = task_switch(args.path, args.count)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
