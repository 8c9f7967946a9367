"""A burst of real work on a workbench file, one acknowledgement line after each commit.

Run by test_crash_kills.py as `python crash_driver.py FILE REV1 SEED`; the test SIGKILLs it at a
random moment and then checks that every acknowledged change is in the file and nothing else
is half there. An acknowledgement is printed only after the transaction has returned.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
from pathlib import Path

from workbench import editing
from workbench.importing import import_file
from workbench.storage import WorkbenchFile

AUTHOR = "Crash Driver"


def text_sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def ack(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def main() -> None:
    path, rev1, seed = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    wb = WorkbenchFile.open(path)
    assert not wb.read_only, wb.read_only_reason
    import_at = rng.randrange(0, 150)  # after up to a few hundred ms of edits
    ack(op="ready", paragraphs=len(wb.paragraphs()))
    for step in range(10_000):
        if step == import_at:
            ack(op="import-start")
            import_file(rev1, wb)
            ack(op="import", paragraphs=len(wb.paragraphs()))
            continue
        paragraph = rng.choice(wb.paragraphs())
        roll = rng.random()
        if roll < 0.45:
            text = f"{wb.compromise(paragraph.id)} [typed {seed}-{step}]"
            edit = editing.type_text(wb, paragraph.id, text, AUTHOR)
        elif roll < 0.55:
            edit = editing.undo(wb, paragraph.id, AUTHOR)
        else:
            changes = editing.state(wb, paragraph.id).open_changes
            if not changes:
                continue
            edit = editing.accept(wb, paragraph.id, rng.choice(changes).id, AUTHOR)
        if edit is not None:
            ack(
                op=edit.kind.value,
                edit_id=edit.id,
                paragraph_id=paragraph.id,
                text_sha=text_sha(edit.text_after),
            )
    ack(op="done")


if __name__ == "__main__":
    main()
