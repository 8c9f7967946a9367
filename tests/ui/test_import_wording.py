"""The import's hints name the Import dialog's fields in the window, the options on the CLI."""

from __future__ import annotations

from ui.import_wording import window_lines
from workbench.importing.authors import REDLINE_AUTHOR


def test_every_command_line_hint_the_importer_gives_names_a_field_in_the_window() -> None:
    lines = [
        "draft: every paragraph is Chair's draft (--stakeholder names another)",
        f'manual redline: 3 struck stretches read as proposals by GC (--author "{REDLINE_AUTHOR}'
        '=NAME" names another); the draft keeps the struck words',
        "warning: 9,000 characters of text gave only 1 paragraph: the layout may not be the "
        "one chosen (try --profile)",
        "warning: column 3 (Text) names no stakeholder: its text is credited to “Column 3”; "
        "name who proposes it with --column 3=proposal:NAME",
        "stakeholders: Chair, GC",
    ]
    shown = window_lines(lines)
    assert all("--" not in line for line in shown)
    assert shown[0].endswith("(“Whose text” in the Import dialog names another)")
    assert "proposals by GC (the Import dialog names another)" in shown[1]
    assert shown[2].endswith("(try another Layout in the Import dialog)")
    assert shown[3].endswith("name who proposes it in the Import dialog (column 3)")
    assert shown[4] == lines[4]
