"""The changes file a laptop sends: a header that can be read alone, then the changeset.

    NWBSYNC 1\n
    {"negotiation": ..., "origin": ..., "seq": ..., "schema": ..., ...}\n
    <the changeset, zlib-compressed>

The header names the negotiation (copies of one workbench file share it), the laptop that
wrote the changes (its origin, and its owner's name), the changeset's number in that laptop's
sequence, the schema it was written with, what it builds on (the last changeset of each laptop
the writer had: a receiver lacking one of them waits for it), and the size and SHA-256 of what
follows, so a file still being copied into a synced folder is recognised as incomplete rather
than read as damaged. Files are written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import WorkbenchError

MAGIC = b"NWBSYNC 1\n"
SUFFIX = ".nwbsync"
_HEADER_LIMIT = 1 << 20  # a header is a few hundred bytes; anything longer is not one


class Incomplete(WorkbenchError):
    """The file is shorter than its header says, or does not match it: still being copied?"""


@dataclass(frozen=True)
class Header:
    negotiation: str
    origin: int
    seq: int
    schema: int
    migrations: tuple[str, ...]
    author: str  # the name of whoever wrote it, as their laptop knows them
    made_at: str
    deps: dict[int, int] = field(default_factory=dict)  # origin -> last changeset had
    names: dict[int, str] = field(default_factory=dict)  # origin -> owner's name
    rows: int = 0
    size: int = 0
    sha256: str = ""

    def to_json(self) -> bytes:
        data: dict[str, Any] = {
            "negotiation": self.negotiation,
            "origin": self.origin,
            "seq": self.seq,
            "schema": self.schema,
            "migrations": list(self.migrations),
            "author": self.author,
            "made_at": self.made_at,
            "deps": {str(k): v for k, v in sorted(self.deps.items())},
            "names": {str(k): v for k, v in sorted(self.names.items())},
            "rows": self.rows,
            "size": self.size,
            "sha256": self.sha256,
        }
        return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")

    @classmethod
    def from_json(cls, path: Path, raw: bytes) -> Header:
        try:
            data = json.loads(raw.decode("utf-8"))
            return cls(
                negotiation=_typed(data["negotiation"], str),
                origin=_typed(data["origin"], int),
                seq=_typed(data["seq"], int),
                schema=_typed(data["schema"], int),
                migrations=tuple(_typed(m, str) for m in data["migrations"]),
                author=_typed(data["author"], str),
                made_at=_typed(data["made_at"], str),
                deps={int(k): _typed(v, int) for k, v in data["deps"].items()},
                names={int(k): _typed(v, str) for k, v in data["names"].items()},
                rows=_typed(data["rows"], int),
                size=_typed(data["size"], int),
                sha256=_typed(data["sha256"], str),
            )
        except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as error:
            raise WorkbenchError(path, f"has a damaged header ({error})") from None


def _typed(value: Any, kind: type) -> Any:
    if type(value) is not kind:
        raise TypeError(f"{value!r} is not {kind.__name__}")
    return value


def write(path: Path, header: Header, body: bytes) -> Header:
    """Writes the file whole or not at all; the header gets the body's size and digest."""
    header = Header(
        **{
            **header.__dict__,
            "size": len(body),
            "sha256": hashlib.sha256(body).hexdigest(),
        }
    )
    partial = path.with_name(f".{path.name}.partial")
    try:
        with partial.open("wb") as handle:
            handle.write(MAGIC + header.to_json() + b"\n" + body)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise WorkbenchError(path, f"cannot be written ({error.strerror or error})") from error
    return header


def read(path: Path, *, with_body: bool = True) -> tuple[Header, bytes]:
    """The header, and the body checked against it (b"" when `with_body` is False)."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(MAGIC))
            if magic != MAGIC:
                raise WorkbenchError(path, "is not a workbench changes file")
            line = handle.readline(_HEADER_LIMIT)
            if not line.endswith(b"\n"):
                raise Incomplete(path, "is incomplete (its header is cut short)")
            header = Header.from_json(path, line[:-1])
            body = handle.read() if with_body else b""
    except OSError as error:
        raise WorkbenchError(path, f"cannot be read ({error.strerror or error})") from error
    if with_body and (
        len(body) != header.size or hashlib.sha256(body).hexdigest() != header.sha256
    ):
        raise Incomplete(
            path,
            f"is incomplete or damaged ({len(body)} of {header.size} bytes match its header): "
            "if it is still being copied, the next sync takes it",
        )
    return header, body
