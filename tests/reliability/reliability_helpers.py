"""Shared by the reliability tests: real files, digests, the CLI in a child process, Rev.1."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from small_disk import fill_disk, free_kb, small_disk  # noqa: F401 - one home for them

from workbench.cli import main
from workbench.importing import import_file
from workbench.storage import WorkbenchFile

REPO = Path(__file__).resolve().parents[2]
SAMPLE_DOCX = REPO / "resources" / "samples" / "tunis-ig-gender-caucus.docx"
# More iterations when asked (`WORKBENCH_STRESS=1 make test`); the default run stays quick.
STRESS = os.environ.get("WORKBENCH_STRESS", "") not in ("", "0")
# Labels Rev.1 adds after paragraph 39 of the sample.
REV1_NEW_LABELS = ("39bis", "39ter", "39quater")


def digest(path: Path) -> str:
    """The file and any WAL beside it: what a reader would see, byte for byte."""
    sha = hashlib.sha256()
    for part in (path, path.with_name(path.name + "-wal")):
        if part.exists():
            sha.update(part.read_bytes())
    return sha.hexdigest()


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO)
    env.setdefault("WORKBENCH_USER", "Test Delegate")
    env["QT_QPA_PLATFORM"] = "offscreen"
    return env


def run_cli(
    *args: str | Path,
    timeout: float = 120,
    wrapper: Sequence[str] = (),
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m workbench ARGS` in a child process, as a user would run it.

    `wrapper` runs it under another program (strace); `preexec_fn` limits the child first.
    """
    return subprocess.run(
        [*wrapper, sys.executable, "-m", "workbench", *map(str, args)],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=REPO,
        timeout=timeout,
        preexec_fn=preexec_fn,
        check=False,
    )


def run_python(code: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    """`python -c CODE ARGS` in a child process with the product on its path."""
    return subprocess.run(
        [sys.executable, "-c", code, *map(str, args)],
        capture_output=True,
        text=True,
        env=child_env(),
        cwd=REPO,
        timeout=120,
        check=False,
    )


def rewrite_part(source: Path, target: Path, name: str, data: bytes) -> Path:
    """A copy of `source` with part `name` replaced (other parts byte-identical)."""
    with zipfile.ZipFile(source) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in parts:
            archive.writestr(info, data if info.filename == name else content)
    return target


def sample_part(name: str = "word/document.xml") -> bytes:
    with zipfile.ZipFile(SAMPLE_DOCX) as archive:
        return archive.read(name)


def make_rev1(target: Path) -> Path:
    """The sample's next revision: three new paragraphs after 39, and 40 reworded by both."""
    document = sample_part().decode("utf-8")
    rows = re.findall(r"<w:tr[ >].*?</w:tr>", document, re.S)
    row39 = next(row for row in rows if "<w:t>39.</w:t>" in row)
    added = "".join(
        row39.replace("<w:t>39.</w:t>", f"<w:t>{label}.</w:t>").replace(
            "<w:t>Geneva</w:t>", f"<w:t>Tunis-{label}</w:t>"
        )
        for label in REV1_NEW_LABELS
    )
    document = document.replace(row39, row39 + added, 1)
    row40 = next(row for row in rows if "<w:t>40.</w:t>" in row)
    document = document.replace(row40, row40.replace("<w:t>commend</w:t>", "<w:t>praise</w:t>"))
    return rewrite_part(SAMPLE_DOCX, target, "word/document.xml", document.encode("utf-8"))


def workbench_with_sample(path: Path) -> Path:
    """A closed workbench file holding the imported sample (26 paragraphs)."""
    with WorkbenchFile.create(path) as wb:
        import_file(SAMPLE_DOCX, wb)
    return path


def copy_workbench(source: Path, target: Path) -> Path:
    """A copy of `source`, opened once: a copy takes its own origin at its first open (a write
    of its own, done here so the tests' "nothing changed" digests start after it)."""
    shutil.copyfile(source, target)
    WorkbenchFile.open(target).close()
    return target


def document_state(wb: WorkbenchFile) -> dict[str, Any]:
    """What a negotiator sees: paragraphs in order with variants, compromise and history length."""
    names = {s.id: s.name for s in wb.stakeholders()}
    variants = wb.variants_by_paragraph()
    compromises = wb.compromises()
    counts = wb.edit_counts()
    return {
        "paragraphs": [
            (
                p.label,
                p.status.value,
                [(names[v.stakeholder_id], v.role.value, v.text) for v in variants.get(p.id, [])],
                compromises.get(p.id, ""),
                counts.get(p.id, 0),
            )
            for p in wb.paragraphs()
        ],
        "stakeholders": sorted(names.values()),
    }


class CliResult(NamedTuple):
    returncode: int
    stdout: str
    stderr: str


def run_main(capsys: pytest.CaptureFixture[str], *args: str | Path) -> CliResult:
    """The CLI's `main` in this process: the same code as `python -m workbench`, faster."""
    capsys.readouterr()
    code = main([str(arg) for arg in args])
    out, err = capsys.readouterr()
    return CliResult(code, out, err)


def assert_one_line_error(
    result: subprocess.CompletedProcess[str] | CliResult, *words: str
) -> None:
    """Exit 2, one line on stderr naming the problem, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
