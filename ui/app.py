"""Starting the application: arguments, the bundled sample, the user's name, screenshot mode.

`python main.py` opens the bundled Tunis sample (imported once into the user's data folder and
reused), `python main.py FILE.nwb` opens a workbench file, `python main.py SOURCE.docx` shows
the Import dialog for it, naming the new workbench file it would write next to it, and
`--screenshot OUT.png [--size WxH] [--paragraph LABEL] [PATH]` renders the window (1440x900
unless a size is given) without ever waiting on a dialog (offscreen works).

The first run asks for the user's name before anything is written, so that everything is
credited to it, the bundled sample's first version included.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QApplication, QInputDialog

from ui import startup_marker
from ui.main_window import MainWindow, resolve_author
from ui.settings import ORGANIZATION, app_settings, display_name, set_display_name
from workbench import editing
from workbench.errors import WorkbenchError
from workbench.importing import import_file
from workbench.storage import WorkbenchFile

REPO = Path(__file__).resolve().parent.parent
SAMPLE_DOCX = REPO / "resources" / "samples" / "tunis-ig-gender-caucus.docx"
SCREENSHOT_SIZE = (1440, 900)
SCREENSHOT_LABEL = "46"  # the sample paragraph where the Gender Caucus has two pending changes
SOURCE_SUFFIXES = (".docx", ".txt")


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="main.py", description="The Negotiation Drafting Workbench window."
    )
    parser.add_argument(
        "path", nargs="?", help="a workbench file (.nwb) to open, or a .docx/.txt to import"
    )
    parser.add_argument(
        "--screenshot", metavar="OUT.png", help="render the window into OUT.png and exit"
    )
    parser.add_argument(
        "--size",
        metavar="WxH",
        type=parse_size,
        default=SCREENSHOT_SIZE,
        help="the window's size for --screenshot (default 1440x900; 1280x720 is a small laptop)",
    )
    parser.add_argument(
        "--paragraph",
        metavar="LABEL",
        help="the paragraph --screenshot shows (default: 46 of the sample, else the first with "
        "open changes, else the first)",
    )
    return parser.parse_args(list(argv))


def parse_size(text: str) -> tuple[int, int]:
    """ "1280x720" as (1280, 720); anything else is refused in one line."""
    width, _, height = text.lower().partition("x")
    if not (width.isdigit() and height.isdigit()) or int(width) < 320 or int(height) < 240:
        raise argparse.ArgumentTypeError(f"{text!r} is no size: give WIDTHxHEIGHT, e.g. 1280x720")
    return int(width), int(height)


def make_application(argv: Sequence[str]) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication([sys.argv[0], *argv])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName("Negotiation Workbench")
    app.setFont(window_font())
    return app


def window_font() -> QFont:
    """Noto covers Latin, Arabic and CJK alike, so mixed-script paragraphs keep one look."""
    font = QFont("Noto Sans", 10)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    return font


def import_into_new_file(source: Path, target: Path, author: str | None = None) -> Path:
    """Import synchronously (the sample is small) into a fresh workbench file."""
    with WorkbenchFile.create(target) as wb:
        import_file(source, wb, author=author)
    return target


def sample_workbench(author: str) -> Path:
    """The bundled sample as a workbench file in the user's data folder, made on first use."""
    data = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    data.mkdir(parents=True, exist_ok=True)
    target = data / "tunis-ig-gender-caucus.nwb"
    if not target.exists():
        import_into_new_file(SAMPLE_DOCX, target, author)
    return target


def ask_display_name(settings: QSettings) -> None:
    """Ask once for the name written into the history; $WORKBENCH_USER skips the question."""
    if os.environ.get("WORKBENCH_USER", "").strip() or display_name(settings):
        return
    prompt = QInputDialog()
    prompt.setObjectName("name_prompt")
    prompt.setWindowTitle("Your name")
    prompt.setLabelText(
        "The name recorded with every edit you make (shown in the history; "
        "Edit ▸ Preferences changes it later):"
    )
    prompt.setTextValue(editing.default_author())
    if prompt.exec() == QInputDialog.DialogCode.Accepted and prompt.textValue().strip():
        set_display_name(settings, prompt.textValue())


def take_screenshot(
    out: Path,
    path: str | None,
    settings: QSettings | None = None,
    size: tuple[int, int] = SCREENSHOT_SIZE,
    label: str | None = None,
) -> int:
    """Open PATH (default: the sample) in a window of `size`, show paragraph `label` (default:
    one with open changes), save the PNG. The window is laid out as a first run at that size."""
    with tempfile.TemporaryDirectory(prefix="workbench-shot-") as scratch:
        settings = settings or QSettings(
            str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat
        )
        source = Path(path) if path else SAMPLE_DOCX
        if source.suffix.lower() in SOURCE_SUFFIXES:  # nothing is written beside the source
            author = resolve_author(settings)
            target = Path(scratch) / source.with_suffix(".nwb").name  # the name a user sees
            source = import_into_new_file(source, target, author)
        window = MainWindow(settings)
        window.resize(*size)
        window.show()
        window.open_workbench(source)
        window.tree_panel.loader.finish_all()
        if label is not None:
            if not window.select_label(label):
                raise WorkbenchError(source, f"no paragraph {label} to show")
        elif not window.select_label(SCREENSHOT_LABEL):
            _select_first_pending(window)
        for _ in range(5):  # layout settles over a few event-loop turns
            QApplication.processEvents()
        image = window.grab()
        if (image.width(), image.height()) != size:
            image = image.scaled(*size)
        out.parent.mkdir(parents=True, exist_ok=True)
        saved = image.save(str(out))
        window.close()
    return 0 if saved else 1


def _select_first_pending(window: MainWindow) -> None:
    model = window.tree_panel.model
    order = model.paragraph_ids()
    pending = [pid for pid in order if model.pending_count(pid)]
    if pending or order:
        window.tree_panel.select_paragraph((pending or order)[0])


def run(argv: Sequence[str]) -> int:
    arguments = parse_arguments(argv)
    app = make_application(argv)
    if arguments.screenshot:
        try:
            return take_screenshot(
                Path(arguments.screenshot),
                arguments.path,
                size=arguments.size,
                label=arguments.paragraph,
            )
        except WorkbenchError as error:
            print(error, file=sys.stderr)
            return 2
    window = start_window(arguments.path, app_settings())
    startup_marker.watch_if_asked(window)
    code = app.exec()
    del window  # held until the event loop ends: an unreferenced window would be deleted
    return code


def start_window(path: str | None, settings: QSettings) -> MainWindow:
    """The user's name first (everything after is credited to it), then the window and PATH."""
    ask_display_name(settings)
    window = MainWindow(settings)  # its controller takes the name just given
    screen = window.screen() or QGuiApplication.primaryScreen()
    window.fit_screen(screen.availableGeometry())
    window.show()
    if path:
        source = Path(path)
        # After show(): the Import dialog (or a message) comes up over the window.
        QTimer.singleShot(0, lambda: window.file_actions.open_path(source))
    else:
        try:
            window.open_workbench(sample_workbench(window.controller.author))
        except WorkbenchError as error:
            window.file_actions.show_message(str(error))
    return window
