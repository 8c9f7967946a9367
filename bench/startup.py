"""What a user waits for at start: the whole process, from launch to a window that answers keys.

Each launch is the real thing, `python main.py [FILE]` or `make run [FILE=...]`, offscreen,
with WORKBENCH_STARTUP_MARKER=quit: the window prints WORKBENCH_READY once it is interactive
(see ui.startup_marker) and then closes. The time runs from just before the process is started
(interpreter start, imports, the sample or the file opened, the first idle turn of the event
loop) to that line. `make run` adds make's own checks (system packages, the venv's stamp). The
bundled sample is imported once into a scratch data folder first, as on a user's first run
(that run is reported too), so the other runs open it as a returning user does.

    python -m bench.startup [--repeats 5] [--paragraphs 5000] [--no-make]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MARKER = "WORKBENCH_READY"  # ui.startup_marker.MARKER, not imported: no Qt in the parent


@dataclass(frozen=True)
class Launch:
    seconds: float | None  # None: the marker never came
    max_rss_mb: float
    problem: str = ""


@dataclass(frozen=True)
class Figure:
    what: str
    median: float | None
    low: float | None
    high: float | None
    max_rss_mb: float
    problem: str = ""


def window_env(scratch: Path) -> dict[str, str]:
    """Offscreen, a fixed user name, settings and data kept away from the user's own."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["WORKBENCH_USER"] = "bench"
    env["WORKBENCH_STARTUP_MARKER"] = "quit"
    env["XDG_CONFIG_HOME"] = str(scratch / "config")
    env["XDG_DATA_HOME"] = str(scratch / "data")
    return env


def _rss_mb(ru_maxrss: int) -> float:
    return ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else ru_maxrss / 1024


def launch(command: Sequence[str], env: dict[str, str], timeout: float = 120.0) -> Launch:
    """Start `command`, time it to the marker line, wait for it to end."""
    started = time.perf_counter()
    process = subprocess.Popen(
        list(command),
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,  # Qt's offscreen chatter
        env=env,
        text=True,
    )
    assert process.stdout is not None
    watchdog = threading.Timer(timeout, process.kill)  # a window that never comes up
    watchdog.start()
    elapsed: float | None = None
    try:
        for line in process.stdout:
            if line.strip() == MARKER:
                elapsed = time.perf_counter() - started
                break
        process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        watchdog.cancel()
    code = os.waitstatus_to_exitcode(status)
    problem = "" if elapsed is not None else f"no {MARKER} line (exit status {code})"
    return Launch(elapsed, _rss_mb(usage.ru_maxrss), problem)


def measure(what: str, command: Sequence[str], env: dict[str, str], repeats: int) -> Figure:
    """The median, lowest and highest of `repeats` launches."""
    runs = [launch(command, env) for _ in range(repeats)]
    failed = next((run for run in runs if run.seconds is None), None)
    peak = max(run.max_rss_mb for run in runs)
    if failed is not None:
        return Figure(what, None, None, None, peak, failed.problem)
    times = [run.seconds for run in runs if run.seconds is not None]
    return Figure(what, statistics.median(times), min(times), max(times), peak)


def python_main(path: Path | None = None) -> list[str]:
    return [sys.executable, str(REPO / "main.py"), *([str(path)] if path else [])]


def make_run(path: Path | None = None) -> list[str]:
    return ["make", "-s", "--no-print-directory", "run", *([f"FILE={path}"] if path else [])]


def startup_figures(
    workbench: Path | None, paragraphs: int, repeats: int, with_make: bool, scratch: Path
) -> list[Figure]:
    """First run, then the sample and `workbench` from `python main.py` (and `make run`)."""
    env = window_env(scratch)
    figures = [measure("python main.py, first run (imports the sample)", python_main(), env, 1)]
    cases: list[tuple[str, Path | None]] = [("the sample", None)]
    if workbench is not None:
        cases.append((f"{paragraphs:,} paragraphs", workbench))
    for label, path in cases:
        figures.append(measure(f"python main.py, {label}", python_main(path), env, repeats))
        if with_make:
            figures.append(measure(f"make run, {label}", make_run(path), env, repeats))
    return figures


def report(figures: Sequence[Figure], repeats: int) -> str:
    lines = [f"start-up to a window that answers keys, whole process (median of {repeats})"]
    for figure in figures:
        if figure.median is None:
            lines.append(f"  {figure.what:<48} not measured: {figure.problem}")
            continue
        spread = (
            ""
            if figure.low == figure.high
            else f"  ({figure.low:.2f} to {figure.high:.2f})"  # one run: no spread
        )
        lines.append(
            f"  {figure.what:<48} {figure.median:6.2f} s{spread}  {figure.max_rss_mb:.0f} MB"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--paragraphs", type=int, default=5000, help="0: the sample only")
    parser.add_argument("--no-make", action="store_true", help="leave `make run` out")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="workbench-startup-") as folder:
        scratch = Path(folder)
        workbench = None
        if args.paragraphs:
            from bench.run_all import table_path

            workbench = scratch / f"bench-{args.paragraphs}.nwb"
            # In a child of its own: a child forked from a parent grown by an import would
            # report the parent's memory as its own peak.
            source = table_path(args.paragraphs)
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "workbench",
                    "import",
                    str(source),
                    "--into",
                    str(workbench),
                ],
                check=True,
                cwd=REPO,
                stdout=subprocess.DEVNULL,
            )
        figures = startup_figures(
            workbench, args.paragraphs, args.repeats, not args.no_make, scratch
        )
    print(report(figures, args.repeats))
    return 0 if all(figure.median is not None for figure in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
