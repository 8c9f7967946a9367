"""Benchmark: our tracked-changes table export vs a naive python-docx add_row + cell.text export.

Builds a synthetic workbench file of N paragraphs (each with a draft, a proposal and an accepted
edit, so the compromise differs from the draft), then times both exports of the same table in
the same process. Prints both figures, the ratio (target: ours/naive <= 1) and the time per
paragraph at 100 / 1,000 / 5,000 paragraphs, which stays flat if the export is linear.

    .venv/bin/python bench/bench_export.py [--sizes 100 1000 5000]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

import docx

from workbench.exporting import export_file
from workbench.model import EditKind, NewEdit, Role, StakeholderKind
from workbench.storage import WorkbenchFile

WORDS = [
    "internet",
    "governance",
    "stakeholders",
    "principles",
    "multilateral",
    "transparent",
    "democratic",
    "access",
    "affordability",
    "gender",
    "equality",
    "perspective",
    "development",
    "management",
    "civil",
    "society",
    "private",
    "sector",
    "governments",
    "international",
    "organizations",
    "policy",
    "issues",
    "sovereign",
    "right",
    "States",
]


def _sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def build_workbench(path: Path, paragraphs: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with WorkbenchFile.create(path) as wb, wb.transaction():
        chair = wb.add_stakeholder("Chair", StakeholderKind.CHAIR)
        caucus = wb.add_stakeholder("Gender Caucus", StakeholderKind.CIVIL_SOCIETY)
        brazil = wb.add_stakeholder("Brazil", StakeholderKind.GOVERNMENT)
        section = None
        for index in range(paragraphs):
            if index % 50 == 0:
                section = wb.add_section(f"{index // 50 + 1}.", _sentence(rng, 3))
            assert section is not None
            paragraph = wb.add_paragraph(str(index + 1), section.id)
            draft = " ".join(_sentence(rng, rng.randint(15, 30)) for _ in range(3))
            if index % 10 == 0:
                draft += "\na) " + _sentence(rng, 10) + "\nb) " + _sentence(rng, 12)
            words = draft.split(" ")
            at = rng.randrange(1, len(words) - 1)
            proposal = " ".join([*words[:at], *rng.sample(WORDS, 3), *words[at + 1 :]])
            wb.add_variant(paragraph.id, chair.id, Role.DRAFT, draft)
            variant = wb.add_variant(paragraph.id, caucus.id, Role.PROPOSAL, proposal)
            wb.add_variant(paragraph.id, brazil.id, Role.PROPOSAL, draft.replace("the ", "all "))
            wb.append_edit(
                NewEdit(paragraph.id, EditKind.INITIAL, "bench", draft, stakeholder_id=chair.id)
            )
            start = len(" ".join(words[:at])) + 1
            end = start + len(words[at])
            inserted = " ".join(rng.sample(WORDS, 3))
            wb.append_edit(
                NewEdit(
                    paragraph.id,
                    EditKind.ACCEPT,
                    "bench",
                    draft[:start] + inserted + draft[end:],
                    start=start,
                    end=end,
                    inserted=inserted,
                    stakeholder_id=caucus.id,
                    variant_id=variant.id,
                )
            )


def naive_export(wb: WorkbenchFile, out: Path) -> None:
    """What python-docx makes easy: add_row and cell text, no tracked changes."""
    stakeholders = {s.id: s.name for s in wb.stakeholders()}
    variants = wb.variants_by_paragraph()
    compromises = wb.compromises()
    proposers = sorted(
        {v.stakeholder_id for vs in variants.values() for v in vs if v.role == Role.PROPOSAL}
    )
    document = docx.Document()
    table = document.add_table(rows=1, cols=3 + len(proposers))
    titles = ["Paragraph", "Draft (Chair)", *(f"{stakeholders[s]} proposal" for s in proposers)]
    for cell, title in zip(table.rows[0].cells, [*titles, "Compromise"], strict=True):
        cell.text = title
    for paragraph in wb.paragraphs():
        pvs = variants.get(paragraph.id, [])
        draft = "\n".join(v.text for v in pvs if v.role == Role.DRAFT)
        cells = table.add_row().cells
        cells[0].text = paragraph.label
        cells[1].text = draft
        for offset, stakeholder_id in enumerate(proposers, start=2):
            cells[offset].text = "\n".join(
                v.text
                for v in pvs
                if v.role == Role.PROPOSAL and v.stakeholder_id == stakeholder_id
            )
        cells[-1].text = compromises.get(paragraph.id, draft)
    document.save(str(out))


def _time(function: object, *args: object) -> float:
    started = time.perf_counter()
    function(*args)  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", nargs="+", type=int, default=[100, 1000, 5000])
    args = parser.parse_args()
    print(f"{'paragraphs':>10} {'ours s':>8} {'naive s':>8} {'ratio':>6} {'ours ms/par':>12}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            path = Path(folder) / f"bench-{size}.nwbk"
            build_workbench(path, size)
            with WorkbenchFile.open(path, read_only=True) as wb:
                ours = _time(export_file, wb, Path(folder) / f"ours-{size}.docx")
                naive = _time(naive_export, wb, Path(folder) / f"naive-{size}.docx")
            print(
                f"{size:>10} {ours:>8.2f} {naive:>8.2f} {ours / naive:>6.2f} "
                f"{ours / size * 1000:>12.3f}"
            )


if __name__ == "__main__":
    main()
