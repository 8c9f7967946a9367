"""Comments: each paragraph's comment log (comments, replies, resolutions), appended to only."""

from __future__ import annotations

from collections.abc import Sequence

from workbench.model import Comment, CommentKind, NewComment
from workbench.storage import values
from workbench.storage.record_access import RecordAccess, utc_now
from workbench.storage.record_rows import read_comment

_COMMENT_COLUMNS = values.COMMENTS.select


class CommentRecords(RecordAccess):
    """Reads and writes of the comments table."""

    def comments(self, paragraph_id: int) -> list[Comment]:
        """The paragraph's comment log (comments, replies, resolutions), oldest first."""
        rows = self._rows(
            f"SELECT {_COMMENT_COLUMNS} FROM comments WHERE paragraph_id = ? ORDER BY id",
            [paragraph_id],
        )
        return self._read(read_comment, rows)

    def comments_by_paragraph(self) -> dict[int, list[Comment]]:
        grouped: dict[int, list[Comment]] = {}
        rows = self._rows(f"SELECT {_COMMENT_COLUMNS} FROM comments ORDER BY paragraph_id, id")
        for comment in self._read(read_comment, rows):
            grouped.setdefault(comment.paragraph_id, []).append(comment)
        return grouped

    def add_comments(self, new_comments: Sequence[NewComment]) -> list[Comment]:
        """Appends rows to the comment log in one transaction, in order; a row may answer one
        added before it in the same call (its `target_id` names that row's id)."""
        if not new_comments:
            return []
        added = []
        with self.transaction():
            first_id = self._next_id("comments")
            now = utc_now()
            for index, new in enumerate(new_comments):
                added.append(
                    Comment(
                        first_id + index,
                        new.paragraph_id,
                        CommentKind(new.kind),
                        new.target_id,
                        new.author,
                        new.at or now,
                        new.text,
                        new.variant_id,
                        new.edit_id,
                        new.start,
                        new.end,
                        new.quote,
                        new.source,
                    )
                )
            self._conn.executemany(
                f"INSERT INTO comments ({_COMMENT_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        c.id,
                        c.paragraph_id,
                        c.kind.value,
                        c.target_id,
                        c.author,
                        c.at,
                        c.text,
                        c.variant_id,
                        c.edit_id,
                        c.start,
                        c.end,
                        c.quote,
                        c.source,
                    )
                    for c in added
                ],
            )
        return added
