"""What a window cuts: each caption, button, selector, header and tree row against its room.

Each check compares what a widget shows with the room the style gives it, in the widget's own
font (`QFontMetrics.horizontalAdvance`, or the height of the text wrapped at that width), and
describes every one that does not fit, so a test fails naming it: "button 'Accept all fro…'
needs 131 px, has 96".
"""

from __future__ import annotations

from collections.abc import Iterator

from PySide6 import QtGui
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics, QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDockWidget,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QTextEdit,
    QTreeView,
    QTreeWidget,
    QWidget,
)

from ui.fitting import FittedButton, FittedCombo, FittedLabel
from ui.paragraph_tree_model import LABEL_ROLE, PARAGRAPH_ID_ROLE

_TALL = 10_000


def _shows(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.window() is window


def _plain_needs(metrics: QFontMetrics, text: str, width: int, wrap: bool) -> tuple[int, int]:
    """(width, height) the text needs: on one line, or wrapped at words into `width`."""
    if not wrap:
        lines = text.split("\n")
        return max(metrics.horizontalAdvance(line) for line in lines), metrics.height() * len(lines)
    flags = int(Qt.TextFlag.TextWordWrap.value)
    needed = metrics.boundingRect(QRect(0, 0, max(width, 1), _TALL), flags, text)
    return needed.width(), needed.height()


def _is_rich(label: QLabel) -> bool:
    text_format = label.textFormat()
    if text_format == Qt.TextFormat.RichText:
        return True
    return text_format == Qt.TextFormat.AutoText and QtGui.Qt.mightBeRichText(label.text())


def label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text.strip() or not label.isVisible():
        return None
    margin = label.margin()
    room = label.contentsRect().adjusted(margin, margin, -margin, -margin)
    if label.indent() > 0:
        room.setLeft(room.left() + label.indent())
    if _is_rich(label):
        document = QTextDocument()
        document.setDefaultFont(label.font())
        document.setHtml(text)
        document.setDocumentMargin(0)
        if label.wordWrap():
            document.setTextWidth(room.width())
            width, height = int(document.idealWidth()), int(document.size().height())
        else:
            width, height = int(document.idealWidth()), int(document.size().height())
    else:
        width, height = _plain_needs(label.fontMetrics(), text, room.width(), label.wordWrap())
    if width > room.width() or height > room.height():
        return (
            f"label {text!r} needs {width}x{height} px, has {room.width()}x{room.height()} "
            f"({label.objectName() or type(label.parent()).__name__})"
        )
    return None


def button_problem(button: QAbstractButton) -> str | None:
    text = button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
    if not text.strip():
        return None
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[attr-defined]
    style = button.style()
    if isinstance(button, QPushButton):
        room = style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
    elif isinstance(button, QCheckBox):
        room = style.subElementRect(QStyle.SubElement.SE_CheckBoxContents, option, button)
    elif isinstance(button, QRadioButton):
        room = style.subElementRect(QStyle.SubElement.SE_RadioButtonContents, option, button)
    else:
        room = button.contentsRect()
    needed = button.fontMetrics().horizontalAdvance(text)
    if not button.icon().isNull():
        needed += button.iconSize().width() + 4
    if needed > room.width():
        return f"button {text!r} needs {needed} px, has {room.width()}"
    return None


def combo_problem(combo: QComboBox) -> str | None:
    if isinstance(combo, FittedCombo):
        text, room = combo.shown_text(), combo.room()
        if combo.currentIndex() >= 0:
            wordings = combo.itemData(combo.currentIndex(), Qt.ItemDataRole.UserRole + 40)
            if isinstance(wordings, list) and text not in wordings:
                return f"selector shows {text!r}, none of its wordings {wordings}"
    else:
        text = combo.currentText() or combo.placeholderText()
        option = QStyleOptionComboBox()
        combo.initStyleOption(option)
        room = combo.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox, option, QStyle.SubControl.SC_ComboBoxEditField, combo
        )
        if not option.currentIcon.isNull():
            room.setLeft(room.left() + combo.iconSize().width() + 4)
        room = room.adjusted(1, 0, -1, 0)
    if not text:
        return None
    needed = combo.fontMetrics().horizontalAdvance(text)
    if needed > room.width():
        return f"selector {text!r} needs {needed} px, has {room.width()}"
    return None


def header_problems(header: QHeaderView) -> Iterator[str]:
    model = header.model()
    if model is None or header.isHidden():
        return
    margin = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin)
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, header.orientation()) or "")
        needed = header.fontMetrics().horizontalAdvance(text) + margin
        if text and needed > header.sectionSize(section):
            yield f"column title {text!r} needs {needed} px, has {header.sectionSize(section)}"


def line_edit_problem(edit: QLineEdit) -> str | None:
    text = edit.text() or edit.placeholderText()
    room = edit.contentsRect().width() - 8  # the frame's text margins
    if edit.isClearButtonEnabled() and edit.text():
        room -= 20
    needed = edit.fontMetrics().horizontalAdvance(text)
    if text and needed > room:
        return f"field {text!r} needs {needed} px, has {room}"
    return None


def placeholder_problem(edit: QTextEdit | QPlainTextEdit) -> str | None:
    """An empty editor's placeholder: QTextEdit draws it on one line, QPlainTextEdit wraps it."""
    text = edit.placeholderText()
    if not text or edit.toPlainText():
        return None
    margin = int(edit.document().documentMargin())
    room = edit.viewport().rect().adjusted(margin, margin, -margin, -margin)
    wrap = isinstance(edit, QPlainTextEdit)
    width, height = _plain_needs(edit.fontMetrics(), text, room.width(), wrap)
    if width > room.width() or height > room.height():
        return f"placeholder {text!r} needs {width}x{height} px, has {room.width()}x{room.height()}"
    return None


def dock_problem(dock: QDockWidget) -> str | None:
    needed = dock.fontMetrics().horizontalAdvance(dock.windowTitle()) + 60  # float and close
    if dock.isVisible() and needed > dock.width():
        return f"dock title {dock.windowTitle()!r} needs {needed} px, has {dock.width()}"
    return None


def cell_room(view: QAbstractItemView, index: QModelIndex) -> int:
    """The width a cell's text has: its rect less the style's text margins."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1
    return view.visualRect(index).width() - 2 * margin


# Labels that show a text of the negotiation, not a caption: cut with "…" when long, whole in
# their tooltip (a proposal's justification), like a tree row's snippet.
CONTENT_LABELS = frozenset({"proposal_note"})


def wording_problem(widget: FittedLabel | FittedButton) -> str | None:
    """A fitted caption showing none of its wordings was cut to its room."""
    if widget.objectName() in CONTENT_LABELS:
        return None
    if widget.text() and widget.text() not in widget.texts():
        return f"{widget.text()!r} is none of its wordings {widget.texts()}"
    return None


def clipped(window: QWidget) -> list[str]:
    """Every caption, button, selector, field, header and dock title the window cuts."""
    found: list[str] = []
    for widget in window.findChildren(QWidget):
        if not _shows(widget, window):
            continue
        problem: str | None = None
        if isinstance(widget, FittedLabel | FittedButton):
            problem = wording_problem(widget)
            if problem:
                found.append(problem)
        if isinstance(widget, QLabel):
            problem = label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = button_problem(widget)
        elif isinstance(widget, QComboBox):
            problem = combo_problem(widget)
        elif isinstance(widget, QLineEdit) and not widget.isReadOnly():
            problem = line_edit_problem(widget)
        elif isinstance(widget, QDockWidget):
            problem = dock_problem(widget)
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            problem = placeholder_problem(widget)
        elif isinstance(widget, QHeaderView):
            found.extend(header_problems(widget))
        if problem:
            found.append(problem)
    return found


def paragraph_rows(view: QTreeView) -> Iterator[QModelIndex]:
    """Every row of the tree, sections and paragraphs, in order."""
    model = view.model()
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in reversed(range(model.rowCount(parent))):
            index = model.index(row, 0, parent)
            yield index
            stack.append(index)


def tree_row_problems(
    view: QTreeView, whole_columns: tuple[int, ...]
) -> tuple[list[str], list[str]]:
    """(paragraph rows whose label or marks are cut, section titles cut in the tree)."""
    metrics = view.fontMetrics()
    rows: list[str] = []
    sections: list[str] = []
    for index in paragraph_rows(view):
        if index.data(PARAGRAPH_ID_ROLE) is None:
            title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            if metrics.horizontalAdvance(title) > cell_room(view, index):
                sections.append(title)
            continue
        label = str(index.data(LABEL_ROLE))
        needed = metrics.horizontalAdvance(label)
        if needed > cell_room(view, index):
            rows.append(
                f"paragraph label {label!r} needs {needed} px, has {cell_room(view, index)}"
            )
        for column in whole_columns:
            cell = index.siblingAtColumn(column)
            text = str(cell.data(Qt.ItemDataRole.DisplayRole) or "")
            if text and metrics.horizontalAdvance(text) > cell_room(view, cell):
                rows.append(f"{label}: column {column} {text!r} cut")
    return rows, sections


def history_row_problems(view: QTreeWidget, whole_columns: tuple[int, ...]) -> list[str]:
    found = []
    metrics = view.fontMetrics()
    for row in range(view.topLevelItemCount()):
        item = view.topLevelItem(row)
        for column in whole_columns:
            text = item.text(column)
            index = view.indexFromItem(item, column)
            if text and metrics.horizontalAdvance(text) > cell_room(view, index):
                found.append(f"history row {row + 1}: {text!r} cut ({cell_room(view, index)} px)")
    return found
