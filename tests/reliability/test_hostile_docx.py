"""Hostile and broken .docx files, made from the real sample: a clear refusal or a sane import.

Whatever the bytes, importing ends in a WorkbenchError of one line naming the file (and the
workbench file byte for byte as it was) or in an import that `check` finds sound. No entity is
resolved and no file outside the package is read: a local secret never reaches the workbench
file, and under strace the import never even opens it. Bombs run in a child process with an
address-space limit, so a regression fails the test instead of the machine.
"""

from __future__ import annotations

import re
import resource
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from docx_bombs import (
    billion_laughs_docx,
    docx_with_document,
    with_cell_text,
    xxe_docx,
    zip_bomb_docx,
)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reliability_helpers import (
    SAMPLE_DOCX,
    STRESS,
    copy_workbench,
    digest,
    rewrite_part,
    run_cli,
    sample_part,
    workbench_with_sample,
)

from workbench import checks
from workbench.errors import WorkbenchError
from workbench.importing import import_file
from workbench.storage import WorkbenchFile

SECRET = "NWB-LOCAL-SECRET-0c7d1f"
EXAMPLES = 400 if STRESS else 25
# Generous for a Python with lxml loaded; a part inflated in memory would blow through it.
ADDRESS_SPACE_LIMIT = 1 << 30
HANG_GUARD_SECONDS = 120
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TALLY: Counter[str] = Counter()


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield workbench_with_sample(tmp_path_factory.mktemp("base") / "base.nwb")
    print(f"\nfuzzed {sum(TALLY.values())} inputs: {dict(sorted(TALLY.items()))}")


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def import_outcome(source: Path, base: Path, folder: Path) -> str:
    """Import `source` into a copy of `base`: "refused" or "imported", with the guarantees."""
    workbench = copy_workbench(base, folder / "target.nwb")
    before = digest(workbench)
    with WorkbenchFile.open(workbench) as wb:
        try:
            import_file(source, wb)
        except WorkbenchError as error:
            message = str(error)
            assert "\n" not in message
            assert str(source) in message
            outcome = "refused"
        else:
            assert checks.check(wb) == []
            assert len(wb.paragraphs()) <= 26 + 200
            outcome = "imported"
    if outcome == "refused":
        assert digest(workbench) == before, "a failed import changed the workbench file"
    assert SECRET.encode() not in workbench.read_bytes()
    return outcome


# -- hand-made hostile files ------------------------------------------------------------


def xinclude_docx(target: Path, secret: Path) -> Path:
    include = (
        f'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" '
        'parse="text"/>'
    ).encode()
    return docx_with_document(target, with_cell_text(sample_part(), include))


def external_chunk_docx(target: Path, secret: Path) -> Path:
    """An altChunk whose relationship points outside the package (Word would pull it in)."""
    rels = sample_part("word/_rels/document.xml.rels").replace(
        b"</Relationships>",
        b'<Relationship Id="rIdEvil" TargetMode="External" '
        b'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk" '
        b'Target="' + secret.as_uri().encode() + b'"/></Relationships>',
    )
    document = sample_part().replace(b"</w:body>", b'<w:altChunk r:id="rIdEvil"/></w:body>')
    staged = rewrite_part(SAMPLE_DOCX, target.with_suffix(".tmp"), "word/document.xml", document)
    return rewrite_part(staged, target, "word/_rels/document.xml.rels", rels)


def entity_in_rels_docx(target: Path, secret: Path) -> Path:
    rels = sample_part("_rels/.rels")
    head, _, rest = rels.partition(b"?>")
    prolog = f'<!DOCTYPE Relationships [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'.encode()
    return rewrite_part(SAMPLE_DOCX, target, "_rels/.rels", head + b"?>" + prolog + rest)


def deep_nesting_docx(target: Path, _secret: Path) -> Path:
    depth = 5000
    nested = b"<w:tbl><w:tr><w:tc>" * depth + b"<w:p/>" + b"</w:tc></w:tr></w:tbl>" * depth
    return docx_with_document(target, sample_part().replace(b"<w:body>", b"<w:body>" + nested, 1))


HOSTILE = {
    "external entity": lambda t, s: xxe_docx(t, s),
    "external entity, UTF-16 without BOM": lambda t, s: xxe_docx(t, s, "utf-16-le"),
    "external entity, UTF-32": lambda t, s: xxe_docx(t, s, "utf-32"),
    "entity in package relationships": entity_in_rels_docx,
    "XInclude of a local file": xinclude_docx,
    "altChunk pointing outside": external_chunk_docx,
    "billion laughs": lambda t, s: billion_laughs_docx(t),
    "billion laughs, UTF-16": lambda t, s: billion_laughs_docx(t, "utf-16"),
    "5000 nested tables": deep_nesting_docx,
    "zip bomb, honest headers (3 GiB)": lambda t, s: zip_bomb_docx(t, declared_size=None),
    "zip bomb, headers claim 5 kB": lambda t, s: zip_bomb_docx(t, declared_size=5000),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_file_is_refused_or_imported_sanely(
    name: str, base: Path, secret: Path, tmp_path: Path
) -> None:
    source = HOSTILE[name](tmp_path / "hostile.docx", secret)
    outcome = import_outcome(source, base, tmp_path)
    TALLY[f"hostile {outcome}"] += 1
    if "entity" in name or "laughs" in name or "bomb" in name:
        assert outcome == "refused", name


def limited_child() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


@pytest.mark.parametrize(
    "name", ["zip bomb, honest headers (3 GiB)", "zip bomb, headers claim 5 kB", "billion laughs"]
)
def test_bombs_stay_within_memory_and_time_in_a_real_process(
    name: str, base: Path, secret: Path, tmp_path: Path
) -> None:
    source = HOSTILE[name](tmp_path / "bomb.docx", secret)
    workbench = copy_workbench(base, tmp_path / "target.nwb")
    before = digest(workbench)
    result = run_cli(
        "import",
        source,
        "--into",
        workbench,
        timeout=HANG_GUARD_SECONDS,
        preexec_fn=limited_child,
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1
    assert str(source) in result.stderr
    assert digest(workbench) == before


@pytest.mark.skipif(shutil.which("strace") is None, reason="needs strace to watch file access")
def test_no_file_outside_the_package_is_ever_opened(
    base: Path, secret: Path, tmp_path: Path
) -> None:
    sources = [
        xxe_docx(tmp_path / "xxe16.docx", secret, "utf-16-le"),
        xinclude_docx(tmp_path / "xinclude.docx", secret),
        external_chunk_docx(tmp_path / "chunk.docx", secret),
    ]
    for source in sources:
        workbench = copy_workbench(base, tmp_path / f"{source.stem}.nwb")
        trace = tmp_path / f"{source.stem}.strace"
        result = run_cli(
            "import",
            source,
            "--into",
            workbench,
            timeout=HANG_GUARD_SECONDS,
            wrapper=("strace", "-f", "-e", "trace=open,openat,openat2", "-o", str(trace)),
        )
        if not trace.exists() or "PTRACE" in result.stderr or "ptrace" in result.stderr:
            pytest.skip(f"strace cannot trace here: {result.stderr.strip()[:200]}")
        opened = trace.read_text(encoding="utf-8", errors="replace")
        assert str(source) in opened, "the trace must show the import itself"
        assert str(secret) not in opened, f"{source.name} made the importer open {secret}"
        assert SECRET not in result.stdout + result.stderr


# -- fuzzing: mutations of the real sample ------------------------------------------------

SAMPLE_BYTES = SAMPLE_DOCX.read_bytes()
DOCUMENT = sample_part()
ROWS = re.findall(rb"<w:tr[ >].*?</w:tr>", DOCUMENT, re.S)
XML_DEBRIS = [b"<", b">", b"&", b"&amp", b"]]>", b"<w:tbl>", b"</w:tc>", b"<w:tr>", b"\x00"]
XML_DEBRIS += [b"&#0;", b"<!--", b"<?pi?>", b'"', b"\xff\xfe", b"<w:t>", b"</w:p></w:p>"]


def fuzz_once(
    base: Path, kind: str, source_bytes: bytes | None = None, document: bytes | None = None
) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        source = folder / "mutated.docx"
        if source_bytes is not None:
            source.write_bytes(source_bytes)
        else:
            assert document is not None
            docx_with_document(source, document)
        TALLY[f"{kind} {import_outcome(source, base, folder)}"] += 1


@pytest.mark.slow
@FUZZ
@given(
    flips=st.lists(
        st.tuples(st.integers(0, len(SAMPLE_BYTES) - 1), st.integers(1, 255)), max_size=8
    ),
    cut=st.one_of(st.just(0), st.integers(1, len(SAMPLE_BYTES) - 1)),
)
def test_flipped_and_truncated_zip(base: Path, flips: list[tuple[int, int]], cut: int) -> None:
    raw = bytearray(SAMPLE_BYTES)
    for index, mask in flips:
        raw[index] ^= mask
    fuzz_once(base, "zip", source_bytes=bytes(raw[: len(raw) - cut]))


@pytest.mark.slow
@FUZZ
@given(
    edits=st.lists(
        st.tuples(
            st.integers(0, len(DOCUMENT) - 1),
            st.integers(0, 64),
            st.one_of(st.sampled_from(XML_DEBRIS), st.binary(max_size=8)),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_damaged_document_xml(base: Path, edits: list[tuple[int, int, bytes]]) -> None:
    document = DOCUMENT
    for position, removed, inserted in edits:
        document = document[:position] + inserted + document[position + removed :]
    fuzz_once(base, "xml", document=document)


def ragged(row: bytes, action: str, count: int) -> bytes:
    cells = re.findall(rb"<w:tc>.*?</w:tc>", row, re.S)
    if not cells:
        return row
    if action == "drop":
        kept = cells[: max(len(cells) - count, 0)]
    elif action == "extra":
        kept = cells + [cells[-1]] * count
    else:  # "span": claim the first cell spans columns that are not there
        kept = [
            cells[0].replace(b"<w:tcPr>", f'<w:tcPr><w:gridSpan w:val="{count + 1}"/>'.encode())
        ]
        kept += cells[1:]
    start = row.index(cells[0])
    end = row.rindex(cells[-1]) + len(cells[-1])
    return row[:start] + b"".join(kept) + row[end:]


@pytest.mark.slow
@FUZZ
@given(
    changes=st.lists(
        st.tuples(
            st.integers(0, len(ROWS) - 1),
            st.sampled_from(["drop", "extra", "span"]),
            st.integers(1, 4),
        ),
        min_size=1,
        max_size=10,
    )
)
def test_ragged_tables(base: Path, changes: list[tuple[int, str, int]]) -> None:
    rows = list(ROWS)
    for index, action, count in changes:
        rows[index] = ragged(rows[index], action, count)
    document = DOCUMENT
    for old, new in zip(ROWS, rows, strict=True):
        if old != new:
            document = document.replace(old, new, 1)
    fuzz_once(base, "ragged", document=document)
