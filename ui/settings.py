"""What the window remembers between runs (QSettings): recent files, the user's name, exports.

The export preferences: the paper (the user's choice, else the locale's) and the last folder
exported to (else the user's Documents folder, never a hidden one).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLocale, QSettings, QStandardPaths

from workbench.exporting import Paper
from workbench.exporting.paper import paper_for_locale

ORGANIZATION = "NegotiationWorkbench"
APPLICATION = "Negotiation Workbench"
MAX_RECENT_FILES = 10
_RECENT_KEY = "files/recent"
_NAME_KEY = "user/display_name"
_PAPER_KEY = "export/paper"
_EXPORT_FOLDER_KEY = "export/folder"


def app_settings() -> QSettings:
    """The settings the application uses (tests pass their own QSettings instead)."""
    return QSettings(ORGANIZATION, APPLICATION)


def _as_list(value: object) -> list[str]:
    # QSettings hands back a bare string for a one-item list and None for an empty one.
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, list | tuple):
        return [str(item) for item in value if item]
    return []


def recent_files(settings: QSettings) -> list[Path]:
    """Most recent first; files that no longer exist are dropped."""
    paths = [Path(text) for text in _as_list(settings.value(_RECENT_KEY))]
    return [path for path in paths if path.is_file()][:MAX_RECENT_FILES]


def add_recent_file(settings: QSettings, path: str | Path) -> list[Path]:
    """Puts `path` first (once), keeps at most MAX_RECENT_FILES, and returns the new list."""
    added = Path(path).resolve()
    paths = [added] + [p for p in recent_files(settings) if p.resolve() != added]
    paths = paths[:MAX_RECENT_FILES]
    settings.setValue(_RECENT_KEY, [str(p) for p in paths])
    settings.sync()
    return paths


def clear_recent_files(settings: QSettings) -> None:
    settings.remove(_RECENT_KEY)
    settings.sync()


def display_name(settings: QSettings) -> str:
    """The name the user gave for the history, "" when never asked."""
    value = settings.value(_NAME_KEY)
    return str(value).strip() if value else ""


def set_display_name(settings: QSettings, name: str) -> None:
    settings.setValue(_NAME_KEY, name.strip())
    settings.sync()


def chosen_paper(settings: QSettings) -> Paper | None:
    """The paper the user chose in Preferences; None: follow the locale."""
    value = settings.value(_PAPER_KEY)
    return Paper(value) if value in {paper.value for paper in Paper} else None


def set_chosen_paper(settings: QSettings, paper: Paper | None) -> None:
    if paper is None:
        settings.remove(_PAPER_KEY)
    else:
        settings.setValue(_PAPER_KEY, paper.value)
    settings.sync()


def locale_paper() -> Paper:
    """A4, or US Letter where the system locale's country prints on it."""
    return paper_for_locale(QLocale.system().name())


def export_paper(settings: QSettings) -> Paper:
    """What an export is printed on unless the Export dialog says otherwise."""
    return chosen_paper(settings) or locale_paper()


def documents_folder() -> Path:
    """The user's Documents folder, or the home folder where there is none."""
    documents = Path(
        QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    )
    return documents if documents.is_dir() else Path.home()


def export_folder(settings: QSettings) -> Path:
    """The folder exported to last, if it is still there; else Documents."""
    value = settings.value(_EXPORT_FOLDER_KEY)
    folder = Path(str(value)) if value else None
    return folder if folder is not None and folder.is_dir() else documents_folder()


def set_export_folder(settings: QSettings, folder: Path) -> None:
    settings.setValue(_EXPORT_FOLDER_KEY, str(folder))
    settings.sync()
