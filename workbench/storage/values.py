"""Values read from the workbench file, checked where they enter the domain.

The file is SQLite: another program can put any value in any column (a BLOB where text belongs,
a status the workbench does not know, marks that are not JSON). Each column of each record has
one checker here. The record reads build value objects through them, so a bad value is refused
with one line naming the row instead of failing later with a traceback; `workbench check` lists
every bad value with the same checkers, and `--repair` fixes those it can without guessing.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from workbench import order_keys
from workbench.model import CommentKind, EditKind, Mark, Role, StakeholderKind, Status

Checker = Callable[[Any], Any]


class BadValue(ValueError):
    """A value of the file that the domain cannot take; `str()` says which and why."""

    def __init__(self, table: str, row_id: Any, column: str, problem: str) -> None:
        self.table = table
        self.row_id = row_id
        self.column = column
        self.problem = problem
        super().__init__(f"{table} row {row_id}: {column} {problem}")


def _shown(value: Any) -> str:
    if isinstance(value, bytes):
        return "a BLOB"
    if value is None:
        return "empty (NULL)"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def problem_of(check: Checker, value: Any) -> str:
    """What `check` says about `value` ("" when it is fine)."""
    try:
        check(value)
    except ValueError as error:
        return str(error)
    return ""


def text(value: Any) -> str:
    if type(value) is str:
        return value
    raise ValueError(f"is {_shown(value)}, not text")


def integer(value: Any) -> int:
    if type(value) is int:
        return value
    raise ValueError(f"is {_shown(value)}, not a whole number")


def counter(value: Any) -> str:
    """A whole number kept as text in meta (how far search is indexed)."""
    if type(value) is str and value.isdigit():
        return value
    raise ValueError(f"is {_shown(value)}, not a whole number")


def order_key(value: Any) -> str:
    """A row's place in document order (`order_keys`)."""
    if order_keys.is_valid(value):
        return str(value)
    raise ValueError(f"is {_shown(value)}, not an order key")


def optional_integer(value: Any) -> int | None:
    if value is None or type(value) is int:
        return value
    raise ValueError(f"is {_shown(value)}, not a whole number")


class OneOf:
    """The checker of a column holding one of an enum's values."""

    def __init__(self, kind: type[StrEnum]) -> None:
        self.kind = kind
        self._members: dict[Any, StrEnum] = {member.value: member for member in kind}
        self._known = ", ".join(self._members)

    def __call__(self, value: Any) -> StrEnum:
        member = self._members.get(value) if type(value) is str else None  # faster than kind()
        if member is None:
            raise ValueError(f"is {_shown(value)}, not one the workbench knows ({self._known})")
        return member


def change_numbers(value: Any) -> tuple[int, ...]:
    """Which changes of its variant an edit concerns: "2", "1,2,3", or "" for none."""
    if value == "":
        return ()
    if type(value) is str and all(part.isdigit() for part in value.split(",")):
        return tuple(int(part) for part in value.split(","))
    raise ValueError(f'is {_shown(value)}, not change numbers ("1,2")')


def optional_status(value: Any) -> Status | None:
    """The status an edit puts in force, or none (most edits leave the status alone)."""
    if value is None:
        return None
    return Status(_statuses(value))


def marks(value: Any) -> tuple[Mark, ...]:
    if value == "[]":
        return ()
    if type(value) is not str:
        raise ValueError(f"are {_shown(value)}, not JSON text")
    try:
        items = json.loads(value)
        return tuple(_mark(item) for item in items)
    except (ValueError, TypeError) as error:
        raise ValueError("are not a list of redline marks (not valid JSON)") from error


def _mark(item: Any) -> Mark:
    if not isinstance(item, dict):
        raise TypeError("not an object")
    mark = Mark(**item)
    if not (
        type(mark.kind) is str
        and type(mark.start) is int
        and type(mark.end) is int
        and type(mark.text) is str
    ):
        raise TypeError("a field of the wrong type")
    return mark


@dataclass(frozen=True)
class Columns:
    """A table's columns as the domain reads them, each with its checker, in SELECT order."""

    table: str
    columns: tuple[tuple[str, Checker], ...]
    checks: tuple[Checker, ...] = ()  # the checkers alone, in order (filled in)

    def __post_init__(self) -> None:
        object.__setattr__(self, "checks", tuple(check for _, check in self.columns))

    @property
    def select(self) -> str:
        return ", ".join(f'"{name}"' if name == "end" else name for name, _ in self.columns)

    def read(self, row: Sequence[Any]) -> list[Any]:
        """The row's values as the domain wants them; BadValue names the first bad one."""
        try:
            # Rows come from a SELECT of exactly these columns: zip needs no length check.
            return [check(value) for check, value in zip(self.checks, row)]  # noqa: B905
        except ValueError:
            for (name, check), value in zip(self.columns, row, strict=True):
                try:
                    check(value)
                except ValueError as error:
                    raise BadValue(self.table, row[0], name, str(error)) from None
            raise

    def problems(self, row: Sequence[Any]) -> list[BadValue]:
        """Every bad value of the row (for `workbench check`)."""
        found = []
        for (name, check), value in zip(self.columns, row, strict=True):
            try:
                check(value)
            except ValueError as error:
                found.append(BadValue(self.table, row[0], name, str(error)))
        return found


_statuses = OneOf(Status)

STAKEHOLDERS = Columns(
    "stakeholders",
    (("id", integer), ("name", text), ("kind", OneOf(StakeholderKind))),
)
SECTIONS = Columns(
    "sections",
    (
        ("id", integer),
        ("number", text),
        ("title", text),
        ("parent_id", optional_integer),
        ("position", order_key),
    ),
)
PARAGRAPHS = Columns(
    "paragraphs",
    (
        ("id", integer),
        ("label", text),
        ("section_id", optional_integer),
        ("position", order_key),
        ("status", OneOf(Status)),
    ),
)
# A variant's words alone (search reads every variant's and none of its marks).
VARIANT_TEXTS = Columns("variants", (("id", integer), ("paragraph_id", integer), ("text", text)))

VARIANTS = Columns(
    "variants",
    (
        ("id", integer),
        ("paragraph_id", integer),
        ("stakeholder_id", integer),
        ("role", OneOf(Role)),
        ("text", text),
        ("marks", marks),
        ("source", text),
        ("base_id", optional_integer),
        ("note", text),
        ("tag", text),
    ),
)
EDITS = Columns(
    "edits",
    (
        ("id", integer),
        ("paragraph_id", integer),
        ("seq", integer),
        ("kind", OneOf(EditKind)),
        ("stakeholder_id", optional_integer),
        ("variant_id", optional_integer),
        ("author", text),
        ("at", text),
        ("start", integer),
        ("end", integer),
        ("inserted", text),
        ("text_after", text),
        ("note", text),
        ("target_edit_id", optional_integer),
        ("changes", change_numbers),
        ("status", optional_status),
        ("origin", integer),
        ("parent_id", optional_integer),
        ("merged_id", optional_integer),
    ),
)
COMMENTS = Columns(
    "comments",
    (
        ("id", integer),
        ("paragraph_id", integer),
        ("kind", OneOf(CommentKind)),
        ("target_id", optional_integer),
        ("author", text),
        ("at", text),
        ("text", text),
        ("variant_id", optional_integer),
        ("edit_id", optional_integer),
        ("start", integer),
        ("end", integer),
        ("quote", text),
        ("source", text),
    ),
)
META = Columns("meta", (("key", text), ("value", text)))
# How far search has indexed each origin's variants: unreadable, the index is made anew.
SEARCH_INDEXED = Columns("search_indexed", (("origin", integer), ("through", integer)))
RECORDS = (STAKEHOLDERS, SECTIONS, PARAGRAPHS, VARIANTS, EDITS, COMMENTS, META, SEARCH_INDEXED)


def bad_values(conn: sqlite3.Connection) -> list[BadValue]:
    """Every value of every record the domain could not take."""
    found = []
    for columns in RECORDS:
        order = columns.columns[0][0]
        try:
            rows = conn.execute(f"SELECT {columns.select} FROM {columns.table} ORDER BY {order}")
            for row in rows:
                found += columns.problems(row)
        except sqlite3.OperationalError:
            continue  # a table or column missing: the schema check says so
    return found
