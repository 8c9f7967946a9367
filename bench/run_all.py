"""Every benchmark at every size, side by side with its baseline: `make bench`.

    python -m bench.run_all [--sizes 100,1000,5000] [--quick]
    BENCH_JSON=out.json python -m bench.run_all      # also writes the 5,000-paragraph figures

Tables come from `bench.generate` (seeded, cached under bench/.cache/). Each task runs in its
own interpreter (`bench.tasks`); the memory peak is the largest of our code's peaks, read in
each child before its baseline runs, and for the window processes from os.wait4. The printed
table gives each figure, its baseline, the ratio and the cost per paragraph at each size: a
flat cost per paragraph means the work grows linearly.

At the largest size the same run also measures a compilation: the imported table with every
one of 20 stakeholders proposing on every drafted paragraph (`generate.compile_proposals`:
the table's own mutation model, 20 proposals a paragraph), and reports switch, accept and
cold start there beside the figures of the table as generated (3 proposal columns).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import generate, startup
from bench.tasks import PEAK_KEY

REPO = Path(__file__).resolve().parents[1]
CACHE = Path(__file__).resolve().parent / ".cache"
JSON_SIZE = 5000
COMPILED_PROPOSALS = 20
TARGETS = {  # issue 7, at 5,000 paragraphs
    "import_vs_open": ("<=", 2.0),
    "diff_vs_difflib": (">=", 3.0),
    "accept_p95_ms": ("<=", 10.0),
    "switch_p95_ms": ("<=", 16.0),
    "cold_start_s": ("<=", 1.5),
    "export_vs_naive": ("<=", 1.0),
    "peak_rss_mb": ("<=", 300.0),
    "search_ms": ("<=", 300.0),  # a search as typed: a short pause at most, never a freeze
    "diff_2000_words_ms": ("<=", 16.0),  # issue 4: one 2,000-word pair within a frame
}


@dataclass(frozen=True)
class Child:
    result: dict[str, float]
    max_rss_mb: float  # from os.wait4: the whole child, baselines included


def run_child(arguments: list[str], env: dict[str, str] | None = None) -> Child:
    """`python -m bench.tasks ...`; its one JSON line and its resident-memory peak."""
    # Qt's offscreen chatter goes to a file, shown only if the task fails.
    with tempfile.TemporaryFile("w+") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "bench.tasks", *arguments],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=errors,
            env=env,
            text=True,
        )
        assert process.stdout is not None
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            errors.seek(0)
            sys.stderr.write(errors.read())
            raise RuntimeError(f"bench.tasks {' '.join(arguments)} failed ({process.returncode})")
    return Child(json.loads(output.strip().splitlines()[-1]), _rss_mb(usage.ru_maxrss))


def _rss_mb(ru_maxrss: int) -> float:
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def _window_env(scratch: Path) -> dict[str, str]:
    """Offscreen, a fixed user name, and settings kept away from the user's own."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["WORKBENCH_USER"] = "bench"
    env["XDG_CONFIG_HOME"] = str(scratch / "config")
    env["XDG_DATA_HOME"] = str(scratch / "data")
    return env


def cold_start(path: Path, scratch: Path, repeats: int) -> tuple[float | None, float, str]:
    """`python main.py FILE`, the whole process, until its window answers keys (bench.startup)."""
    figure = startup.measure(
        "python main.py FILE", startup.python_main(path), startup.window_env(scratch), repeats
    )
    return figure.median, figure.max_rss_mb, figure.problem


def table_path(size: int) -> Path:
    """The generated table for `size` paragraphs, remade when the generator changes."""
    digest = hashlib.sha256(Path(generate.__file__).read_bytes()).hexdigest()[:10]
    path = CACHE / f"table-{size}-{digest}.docx"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        for stale in CACHE.glob(f"table-{size}-*.docx"):
            stale.unlink()
        partial = path.with_suffix(".partial")
        generate.generate(partial, size)
        partial.replace(path)
    return path


def measure(size: int, quick: bool, scratch: Path) -> dict[str, float | None]:
    source = table_path(size)
    wb = scratch / f"imported-{size}.nwb"
    repeats = 1 if quick else 3
    figures: dict[str, float | None] = {"paragraphs": float(size)}
    app_peaks: list[float] = []
    notes: list[str] = []

    print(f"  {size:>5} paragraphs: import", end="", flush=True)
    child = run_child(["import", str(source), "--keep", str(wb), "--repeats", str(repeats)])
    figures["import_s"] = child.result["import_s"]
    figures["index_s"] = child.result["index_s"]
    figures["open_s"] = child.result["open_s"]
    app_peaks.append(child.result[PEAK_KEY])

    print(", diff", end="", flush=True)
    child = run_child(["diff", str(wb), "--repeats", str(repeats)])
    figures["diff_all_s"] = child.result["diff_all_s"]
    figures["difflib_s"] = child.result["difflib_s"]
    figures["diff_2000_words_ms"] = child.result["diff_2000_words_ms"]
    app_peaks.append(child.result[PEAK_KEY])

    print(", accept", end="", flush=True)
    child = run_child(["accept", str(wb), "--count", str(50 if quick else 200)])
    figures["accept_p95_ms"] = child.result["accept_p95_ms"]
    app_peaks.append(child.result[PEAK_KEY])

    print(", export", end="", flush=True)
    child = run_child(["export", str(wb), "--repeats", str(repeats)])
    figures["export_s"] = child.result["export_s"]
    figures["naive_s"] = child.result["naive_s"]
    app_peaks.append(child.result[PEAK_KEY])

    print(", switch", end="", flush=True)
    try:
        child = run_child(
            ["switch", str(wb), "--count", str(50 if quick else 200)], env=_window_env(scratch)
        )
        figures["switch_p95_ms"] = child.result["switch_p95_ms"]
        app_peaks.append(child.max_rss_mb)
    except RuntimeError as error:
        figures["switch_p95_ms"] = None
        notes.append(f"switch not measured: {error}")

    print(", search", end="", flush=True)
    try:
        child = run_child(["search", str(wb), "--repeats", str(repeats)], env=_window_env(scratch))
        figures["search_ms"] = child.result["search_ms"]
        figures["search_scan_ms"] = child.result["search_scan_ms"]
        app_peaks.append(child.result[PEAK_KEY])
    except RuntimeError as error:
        figures["search_ms"] = None
        notes.append(f"search not measured: {error}")

    print(", cold start", flush=True)
    seconds, peak, why = cold_start(wb, scratch, 1 if quick else 3)
    figures["cold_start_s"] = seconds
    if seconds is None:
        notes.append(f"cold start not measured: {why}")
    else:
        app_peaks.append(peak)

    figures["import_vs_open"] = _ratio(figures["import_s"], figures["open_s"])
    figures["diff_vs_difflib"] = _ratio(figures["difflib_s"], figures["diff_all_s"])
    figures["export_vs_naive"] = _ratio(figures["export_s"], figures["naive_s"])
    figures["search_vs_scan"] = _ratio(figures.get("search_ms"), figures.get("search_scan_ms"))
    figures["peak_rss_mb"] = max(app_peaks)
    for note in notes:
        print(f"    {note}")
    return figures


def measure_compilation(size: int, quick: bool, scratch: Path) -> dict[str, float | None]:
    """Switch, accept and cold start on the `size` table made a compilation (see module)."""
    imported = scratch / f"imported-{size}.nwb"
    compiled = scratch / f"compiled-{size}.nwb"
    shutil.copyfile(imported, compiled)
    print(f"  {size:>5} paragraphs, {COMPILED_PROPOSALS} proposals each: compile", end="")
    added = generate.compile_proposals(compiled, COMPILED_PROPOSALS)
    figures: dict[str, float | None] = {"paragraphs": float(size), "added": float(added)}
    print(", accept", end="", flush=True)
    child = run_child(["accept", str(compiled), "--count", str(50 if quick else 200)])
    figures["accept_p95_ms"] = child.result["accept_p95_ms"]
    print(", switch", end="", flush=True)
    try:
        child = run_child(
            ["switch", str(compiled), "--count", str(50 if quick else 200)],
            env=_window_env(scratch),
        )
        figures["switch_p95_ms"] = child.result["switch_p95_ms"]
        figures["peak_rss_mb"] = child.max_rss_mb
    except RuntimeError as error:
        figures["switch_p95_ms"] = None
        print(f"\n    switch not measured: {error}")
    print(", cold start", flush=True)
    seconds, _peak, why = cold_start(compiled, scratch, 1 if quick else 3)
    figures["cold_start_s"] = seconds
    if seconds is None:
        print(f"    cold start not measured: {why}")
    return figures


def compilation_report(table: dict[str, float | None], compiled: dict[str, float | None]) -> str:
    """The compilation's figures beside the generated table's, same size, same run."""
    size = int(compiled["paragraphs"] or 0)
    lines = [
        f"{'at ' + str(size) + ' paragraphs':<18}{'3 proposals':>14}"
        f"{str(COMPILED_PROPOSALS) + ' proposals':>15}   (target at both)"
    ]
    for figure, unit in (("switch_p95_ms", "ms"), ("accept_p95_ms", "ms"), ("cold_start_s", "s")):
        both = [table.get(figure), compiled.get(figure)]
        verdicts = {_verdict(figure, value) for value in both} - {""}
        verdict = " / ".join(sorted(verdicts))
        lines.append(
            f"{figure + ' (' + unit + ')':<18}{_fmt(both[0]):>14}{_fmt(both[1]):>15}   {verdict}"
        )
    peak = compiled.get("peak_rss_mb")
    lines.append(f"(the compilation's window peaked at {_fmt(peak, 0)} MB resident)")
    return "\n".join(lines)


def _ratio(top: float | None, bottom: float | None) -> float | None:
    return top / bottom if top is not None and bottom else None


# -- the report -------------------------------------------------------------------------------

ROWS = (  # figure, unit, baseline figure, ratio figure, per-paragraph unit (None: not a total)
    ("import_s", "s", "open_s", "import_vs_open", "ms"),
    ("index_s", "s", None, None, "ms"),  # the search index, after the import's transaction
    ("diff_all_s", "s", "difflib_s", "diff_vs_difflib", "ms"),
    ("diff_2000_words_ms", "ms", None, None, None),
    ("accept_p95_ms", "ms", None, None, None),
    ("switch_p95_ms", "ms", None, None, None),
    ("cold_start_s", "s", None, None, None),
    ("export_s", "s", "naive_s", "export_vs_naive", "ms"),
    ("search_ms", "ms", "search_scan_ms", "search_vs_scan", None),
    ("peak_rss_mb", "MB", None, None, None),
)
BASELINE_NAMES = {
    "open_s": "python-docx open",
    "difflib_s": "difflib",
    "naive_s": "naive add_row",
    "search_scan_ms": "count by scan",
}


def _fmt(value: float | None, digits: int = 3) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def _verdict(name: str, value: float | None) -> str:
    if name not in TARGETS:
        return ""
    op, limit = TARGETS[name]
    if value is None:
        return f"target {op} {limit:g}: not measured"
    met = value <= limit if op == "<=" else value >= limit
    return f"target {op} {limit:g}: {'met' if met else 'MISSED'}"


def report(results: dict[int, dict[str, float | None]]) -> str:
    sizes = sorted(results)
    lines = []
    header = f"{'figure':<15}" + "".join(f"{size:>12}" for size in sizes)
    lines.append(header + "   (ratio and target at the largest size)")
    for figure, unit, baseline, ratio, per in ROWS:
        values = [results[size].get(figure) for size in sizes]
        line = f"{figure + ' (' + unit + ')':<15}" + "".join(f"{_fmt(v):>12}" for v in values)
        target_figure = ratio if ratio in TARGETS else figure
        largest = results[sizes[-1]].get(target_figure)
        lines.append(line + "   " + _verdict(target_figure, largest))
        if baseline is not None:
            base = [results[size].get(baseline) for size in sizes]
            name = f"  {BASELINE_NAMES[baseline]}"
            lines.append(f"{name:<15}" + "".join(f"{_fmt(v):>12}" for v in base))
            ratios = [results[size].get(ratio) if ratio else None for size in sizes]
            lines.append(f"{'  ratio':<15}" + "".join(f"{_fmt(v, 2):>12}" for v in ratios))
        if per is not None:
            costs = [
                None if v is None else v * 1000 / size
                for v, size in zip(values, sizes, strict=True)
            ]
            lines.append(
                f"{'  ' + per + '/paragraph':<15}" + "".join(f"{_fmt(c, 3):>12}" for c in costs)
            )
    return "\n".join(lines)


JSON_KEYS = (
    "paragraphs",
    "import_s",
    "import_vs_open",
    "index_s",
    "diff_all_s",
    "diff_vs_difflib",
    "accept_p95_ms",
    "switch_p95_ms",
    "cold_start_s",
    "export_s",
    "export_vs_naive",
    "search_ms",
    "search_vs_scan",
    "peak_rss_mb",
)


def json_figures(figures: dict[str, float | None]) -> dict[str, float | int | None]:
    out: dict[str, float | int | None] = {key: figures.get(key) for key in JSON_KEYS}
    out["paragraphs"] = int(figures["paragraphs"] or 0)
    return out


def measure_team(size: int, scratch: Path) -> dict[str, float]:
    """Team work (issue 18): one edit in each of 5,000 paragraphs (or every one, if fewer)
    exported from one copy of the imported table and applied to another."""
    print(f"  {size:>5} paragraphs: team export and apply", flush=True)
    child = run_child(["team", str(scratch / f"imported-{size}.nwb"), "--count", "5000"])
    return child.result


def team_report(size: int, team: dict[str, float]) -> str:
    edits = int(team["team_edits"])
    return "\n".join(
        [
            f"team work at {size:,} paragraphs: {edits:,} edits, one a paragraph",
            f"  export (read, pack, write)       {team['team_export_s']:.3f} s, "
            f"{team['team_changes_kb']:.0f} kB",
            f"  apply (read, check, insert)      {team['team_apply_s']:.3f} s",
            f"  first export (the whole import)  {team['team_first_export_s']:.3f} s, "
            f"{team['team_first_changes_kb']:.0f} kB",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="100,1000,5000", help="comma-separated sizes")
    parser.add_argument("--quick", action="store_true", help="one repeat, fewer accepts")
    args = parser.parse_args()
    sizes = sorted({int(size) for size in args.sizes.split(",") if size.strip()})
    print(f"benchmarks at {', '.join(map(str, sizes))} paragraphs, {os.cpu_count()} cores")
    started = time.perf_counter()
    results: dict[int, dict[str, float | None]] = {}
    with tempfile.TemporaryDirectory(prefix="workbench-bench-") as scratch:
        for size in sizes:
            results[size] = measure(size, args.quick, Path(scratch))
        compiled = measure_compilation(sizes[-1], args.quick, Path(scratch))
        team = measure_team(sizes[-1], Path(scratch))
    print()
    print(report(results))
    print()
    print(compilation_report(results[sizes[-1]], compiled))
    print()
    print(team_report(sizes[-1], team))
    print(f"\n({time.perf_counter() - started:.0f} s in all)")
    out = os.environ.get("BENCH_JSON")
    if out:
        size = JSON_SIZE if JSON_SIZE in results else sizes[-1]
        figures = json_figures(results[size])
        figures.update(
            {
                f"compilation_{key}": compiled.get(key)
                for key in ("switch_p95_ms", "accept_p95_ms", "cold_start_s", "peak_rss_mb")
            }
        )
        figures.update({key: value for key, value in team.items() if key.startswith("team_")})
        Path(out).write_text(json.dumps(figures, indent=2) + "\n")
        print(f"{size}-paragraph figures written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
