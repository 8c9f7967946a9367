"""Exports carry no macros and no external references; the product has no way to the network:
no network module is imported, and a whole session run with socket creation forbidden (strace
fails every socket() call and records it) makes no attempt and works as usual."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from reliability_helpers import REPO, SAMPLE_DOCX, child_env, workbench_with_sample

from workbench import editing
from workbench.exporting import export_file
from workbench.storage import WorkbenchFile

NETWORK_MODULES = {"socket", "ssl", "urllib", "http", "requests", "httpx", "aiohttp", "ftplib"}
NETWORK_MODULES |= {"smtplib", "poplib", "imaplib", "telnetlib", "xmlrpc", "websocket", "asyncio"}
NETWORK_MODULES |= {"PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets"}


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("exports")
    path = workbench_with_sample(folder / "tunis.nwb")
    with WorkbenchFile.open(path) as wb:
        for paragraph in wb.paragraphs()[:6]:
            for change in editing.state(wb, paragraph.id).open_changes[:1]:
                editing.accept(wb, paragraph.id, change.id, "Test Delegate")
        outputs = {}
        for layout in ("table", "clean", "history"):
            outputs[layout] = folder / f"tunis-{layout}.docx"
            export_file(wb, outputs[layout], layout=layout)  # type: ignore[arg-type]
    return outputs


@pytest.mark.parametrize("layout", ["table", "clean", "history"])
def test_export_has_no_macros_and_no_external_references(
    exported: dict[str, Path], layout: str
) -> None:
    with zipfile.ZipFile(exported[layout]) as package:
        names = package.namelist()
        assert not [name for name in names if "vbaproject" in name.lower()]
        assert not [name for name in names if name.lower().endswith((".bin", ".exe", ".ole"))]
        content_types = package.read("[Content_Types].xml").decode("utf-8")
        assert "macroEnabled" not in content_types
        assert "vbaProject" not in content_types
        for name in names:
            if not name.endswith(".rels"):
                continue
            rels = package.read(name).decode("utf-8")
            assert 'TargetMode="External"' not in rels, name
            assert not re.search(r'Target="(?:https?|file|ftp|\\\\)', rels), name
        for name in names:
            if name.endswith(".xml"):
                xml = package.read(name).decode("utf-8", errors="replace")
                # Fields (INCLUDETEXT, HYPERLINK...) and linked templates would fetch or run.
                assert "w:instrText" not in xml, name
                assert "w:fldSimple" not in xml, name
                assert "attachedTemplate" not in xml, name


def python_files() -> list[Path]:
    roots = [REPO / "workbench", REPO / "ui"]
    return sorted(path for root in roots if root.exists() for path in root.rglob("*.py"))


def test_nothing_in_the_product_imports_a_network_module() -> None:
    offenders = []
    files = python_files()
    assert files
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            for module in modules:
                if module in NETWORK_MODULES or module.split(".")[0] in NETWORK_MODULES:
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno} imports {module}")
    assert offenders == []


# One session as a user would have it: import into a new file, edit, accept, export each
# layout, check, dump, and the window rendered on the file.
SESSION = """
set -e
W="$PY -m workbench"
$W import "$SOURCE" --into "$OUT/tunis.nwb"
$W edit "$OUT/tunis.nwb" 39 --text "Agreed without any network."
$W accept "$OUT/tunis.nwb" 43 --from GC --all
$W export "$OUT/tunis.nwb" --to "$OUT/table.docx"
$W export "$OUT/tunis.nwb" --to "$OUT/clean.docx" --layout clean
$W export "$OUT/tunis.nwb" --to "$OUT/history.docx" --layout history
$W check "$OUT/tunis.nwb"
$W dump "$OUT/tunis.nwb" > "$OUT/dump.json"
$PY main.py --screenshot "$OUT/window.png" "$OUT/tunis.nwb"
"""


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace to forbid sockets")
def test_a_whole_session_runs_with_socket_creation_forbidden(tmp_path: Path) -> None:
    trace = tmp_path / "sockets.strace"
    env = child_env()
    env.update(PY=sys.executable, SOURCE=str(SAMPLE_DOCX), OUT=str(tmp_path))
    result = subprocess.run(
        [
            "strace",
            "-f",
            "-o",
            str(trace),
            "-e",
            "trace=socket,socketpair,connect",
            "-e",
            "inject=socket:error=EACCES",
            "sh",
            "-c",
            SESSION,
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=300,
        check=False,
    )
    if not trace.exists() or "ptrace" in result.stderr.lower():
        pytest.skip(f"strace cannot trace here: {result.stderr.strip()[:200]}")
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert (tmp_path / "window.png").stat().st_size > 0
    assert "Agreed without any network." in (tmp_path / "dump.json").read_text(encoding="utf-8")
    calls = trace.read_text(encoding="utf-8", errors="replace")
    assert calls.count("+++ exited with 0 +++") >= 10  # every process of the session was watched
    attempts = [line for line in calls.splitlines() if re.search(r"\b(socket|connect)\(", line)]
    network = [line for line in attempts if "AF_INET" in line or "AF_INET6" in line]
    assert network == [], network[:5]
