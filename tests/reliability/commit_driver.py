"""Edits or imports, one acknowledgement line after each commit, for the kill-in-transaction test.

`python commit_driver.py FILE edits COUNT` types into paragraph after paragraph;
`python commit_driver.py FILE import SOURCE` imports SOURCE into FILE (a new file when FILE
does not exist). Run with WORKBENCH_PAUSE_BEFORE_COMMIT=MARKER:N, the N-th transaction stops
just before its COMMIT and writes MARKER, and the test kills the process there.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from workbench import editing
from workbench.importing import import_file
from workbench.importing.new_file import import_into_new_file
from workbench.storage import WorkbenchFile


def ack(**fields: object) -> None:
    print(json.dumps(fields), flush=True)


def main() -> None:
    path, mode, argument = Path(sys.argv[1]), sys.argv[2], sys.argv[3]
    if mode == "import" and not path.exists():
        import_into_new_file(argument, path)
        ack(op="import", new_file=True)
        return
    with WorkbenchFile.open(path) as wb:
        assert not wb.read_only, wb.read_only_reason
        if mode == "import":
            import_file(argument, wb)
            ack(op="import", paragraphs=len(wb.paragraphs()))
            return
        paragraphs = wb.paragraphs()
        for step in range(int(argument)):
            paragraph = paragraphs[step % len(paragraphs)]
            text = f"{wb.compromise(paragraph.id)} [step {step}]"
            edit = editing.type_text(wb, paragraph.id, text, "Driver")
            assert edit is not None
            ack(op="typed", edit_id=edit.id, paragraph_id=paragraph.id, text=text)


if __name__ == "__main__":
    main()
