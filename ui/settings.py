"""What the window remembers between runs (QSettings): recent files and the user's display name."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANIZATION = "NegotiationWorkbench"
APPLICATION = "Negotiation Workbench"
MAX_RECENT_FILES = 10
_RECENT_KEY = "files/recent"
_NAME_KEY = "user/display_name"


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
