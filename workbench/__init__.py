"""The negotiation workbench's domain: model, storage, diff and merge, import and export. No Qt."""

from __future__ import annotations

__version__ = "0.1.0"

# The identifier the workbench's Word exports carry (docProps/core.xml): read back, an export's
# compromise column shows, as tracked changes made up to its creation, how the compromise came
# about, not new proposals.
EXPORT_IDENTIFIER = "negotiation-workbench export"
