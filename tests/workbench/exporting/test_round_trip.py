"""Export then import with our importer: the same labels, drafts, proposals and compromises."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import pandoc_plain
from test_export_file import PARAGRAPHS, workbench_path  # noqa: F401

from workbench import importing, storage
from workbench.exporting import export_file
from workbench.model import Role

SAMPLE = Path(__file__).resolve().parents[3] / "resources/samples/tunis-ig-gender-caucus.docx"


def _texts(wb: object) -> list[tuple[str, str, str, str]]:
    result = []
    variants = wb.variants_by_paragraph()  # type: ignore[attr-defined]
    compromises = wb.compromises()  # type: ignore[attr-defined]
    for paragraph in wb.paragraphs():  # type: ignore[attr-defined]
        vs = variants.get(paragraph.id, [])
        draft = "\n".join(v.text for v in vs if v.role == Role.DRAFT)
        proposals = "\n".join(v.text for v in vs if v.role == Role.PROPOSAL)
        result.append((paragraph.label, draft, proposals, compromises.get(paragraph.id, "")))
    return result


def _round_trip(source: Path, tmp_path: Path) -> tuple[list[object], list[object], Path]:
    out = tmp_path / "exported.docx"
    with storage.WorkbenchFile.open(source, read_only=True) as wb:
        export_file(wb, out)
        before = _texts(wb)
    with storage.WorkbenchFile.create(tmp_path / "back.nwbk") as back:
        importing.import_file(out, back)
        after = _texts(back)
    return list(before), list(after), out


def test_export_then_import_gives_the_same_texts(
    workbench_path: Path,  # noqa: F811
    tmp_path: Path,
) -> None:
    before, after, _ = _round_trip(workbench_path, tmp_path)
    assert after == before
    assert [row[0] for row in after] == [p[0] for p in PARAGRAPHS]  # type: ignore[index]


@pytest.mark.skipif(not SAMPLE.exists(), reason="the shared sample is missing")
def test_shared_sample_survives_import_export_import(tmp_path: Path) -> None:
    first = tmp_path / "sample.nwbk"
    with storage.WorkbenchFile.create(first) as wb:
        importing.import_file(SAMPLE, wb)
    before, after, out = _round_trip(first, tmp_path)
    assert after == before
    accepted = pandoc_plain(out, "accept")
    assert "gender equality perspective" in accepted
