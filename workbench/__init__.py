"""The negotiation workbench's domain: model, storage, diff and merge, import and export. No Qt."""

from __future__ import annotations

__version__ = "0.1.0"
