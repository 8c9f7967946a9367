"""Stakeholders: who proposes, found by name; one name is one row on every laptop."""

from __future__ import annotations

from workbench.errors import WorkbenchError
from workbench.model import Stakeholder, StakeholderKind
from workbench.storage import ids, values
from workbench.storage.record_access import RecordAccess
from workbench.storage.record_rows import read_stakeholder

_STAKEHOLDER_COLUMNS = values.STAKEHOLDERS.select


class StakeholderRecords(RecordAccess):
    """Reads and writes of the stakeholders table."""

    def stakeholders(self) -> list[Stakeholder]:
        rows = self._rows(
            f"SELECT {_STAKEHOLDER_COLUMNS} FROM stakeholders ORDER BY name COLLATE NOCASE, id"
        )
        return self._read(read_stakeholder, rows)

    def stakeholder(self, stakeholder_id: int) -> Stakeholder:
        rows = self._rows(
            f"SELECT {_STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = ?", [stakeholder_id]
        )
        if not rows:
            raise WorkbenchError(self.path, f"has no stakeholder {stakeholder_id}")
        return self._read(read_stakeholder, rows)[0]

    def stakeholder_by_name(self, name: str) -> Stakeholder | None:
        rows = self._rows(
            f"SELECT {_STAKEHOLDER_COLUMNS} FROM stakeholders WHERE name = ? COLLATE NOCASE",
            [name.strip()],
        )
        return self._read(read_stakeholder, rows[:1])[0] if rows else None

    def add_stakeholder(
        self, name: str, kind: StakeholderKind = StakeholderKind.GOVERNMENT
    ) -> Stakeholder:
        existing = self.stakeholder_by_name(name)
        if existing is not None:
            return existing
        name = name.strip()
        if not name:
            raise WorkbenchError(self.path, "a stakeholder needs a name")
        # Its id comes from its name, so a laptop adding the same name adds the same row.
        stakeholder_id = ids.stakeholder_id(name)
        same_id = self._rows(
            f"SELECT {_STAKEHOLDER_COLUMNS} FROM stakeholders WHERE id = ?", [stakeholder_id]
        )
        if same_id:
            found = self._read(read_stakeholder, same_id)[0]
            if ids.name_key(found.name) == ids.name_key(name):
                return found  # the same name in other letters (non-ASCII case)
            raise WorkbenchError(
                self.path, f"stakeholders {found.name!r} and {name!r} cannot both be named here"
            )
        with self.transaction():
            self._conn.execute(
                "INSERT INTO stakeholders (id, name, kind) VALUES (?, ?, ?)",
                [stakeholder_id, name, kind.value],
            )
        return Stakeholder(stakeholder_id, name, StakeholderKind(kind))
