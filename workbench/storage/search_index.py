"""Search over every variant: a trigram index kept up to date per origin, and a scan beyond it."""

from __future__ import annotations

from workbench.storage import ids
from workbench.storage.record_access import RecordAccess


class SearchIndex(RecordAccess):
    """Finds paragraphs by their variants' words (`variants_search`, `search_indexed`)."""

    def search(self, query: str) -> set[int]:
        """Paragraphs whose variants contain `query` (any script; case-insensitive).

        The trigram index is brought up to date first (`update_search_index`); a read-only
        file cannot be, so what it has not indexed yet is scanned instead.
        """
        query = query.strip()
        if not query:
            return set()
        if not self.read_only:
            self.update_search_index()
        hits: set[int] = set()
        # Shorter than a trigram: a plain scan of every variant is fast enough.
        unindexed = [(-1, (1 << 63) - 1)]
        if len(query) >= 3:
            unindexed = [
                (max(through, low - 1), high)
                for _origin, through, low, high, _latest in self._search_progress()
            ]
            phrase = '"' + query.replace('"', '""') + '"'
            hits.update(
                row[0]
                for row in self._rows(
                    "SELECT DISTINCT v.paragraph_id FROM variants_search s "
                    "JOIN variants v ON v.id = s.rowid WHERE variants_search MATCH ?",
                    [phrase],
                )
            )
        for after, through in unindexed:
            hits.update(
                row[0]
                for row in self._rows(
                    "SELECT DISTINCT paragraph_id FROM variants "
                    "WHERE id > ? AND id <= ? AND instr(casefold(text), ?) > 0",
                    [after, through, query.casefold()],
                )
            )
        return hits

    def update_search_index(self) -> int:
        """Indexes the variants added since the last call, in one transaction; how many.

        Imports leave this out of their transaction (it was half of a large import's time);
        variants never change once written, and ids grow within each origin's range, so one
        watermark an origin says what is indexed.
        """
        behind = [p for p in self._search_progress() if p[4] > max(p[1], p[2] - 1)]
        if not behind:
            return 0
        count = 0
        with self.transaction():
            for origin, through, low, _high, latest in behind:
                cursor = self._conn.execute(
                    "INSERT INTO variants_search (rowid, text) "
                    "SELECT id, text FROM variants WHERE id > ? AND id <= ?",
                    [max(through, low - 1), latest],
                )
                count += int(cursor.rowcount)
                self._conn.execute(
                    "INSERT INTO search_indexed (origin, through) VALUES (?, ?) "
                    "ON CONFLICT(origin) DO UPDATE SET through = excluded.through",
                    [origin, latest],
                )
        return count

    def _search_progress(self) -> list[tuple[int, int, int, int, int]]:
        """(origin, indexed through, first id, last id, latest id) for every known origin."""
        rows = self._rows(
            "SELECT o.origin, coalesce(s.through, 0) FROM sync_origins o "
            "LEFT JOIN search_indexed s ON s.origin = o.origin"
        )
        progress = []
        for origin, through in rows:
            if type(origin) is not int or type(through) is not int:
                continue  # a damaged local table: `check` says so; search scans instead
            low, high = ids.id_range(origin)
            latest = self._rows(
                "SELECT coalesce(max(id), 0) FROM variants WHERE id >= ? AND id <= ?", [low, high]
            )[0][0]
            progress.append((origin, through, low, high, int(latest)))
        return progress
