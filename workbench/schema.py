"""The workbench file's schema as migrations, each recorded in the transaction that applies it.

Add a migration at the end, never edit one that has shipped: files in the field have it applied.
`SCHEMA_VERSION` is the number of migrations; it is also written to `PRAGMA user_version` so a
newer file can be recognised before anything else is read.
"""

from __future__ import annotations

import hashlib

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from workbench import order_keys

# "NWBK": marks the SQLite file as a negotiation workbench file (PRAGMA application_id).
APPLICATION_ID = 0x4E57424B
MIGRATION_SET = "negotiation-workbench"

migrations = Migrations(MIGRATION_SET)


@migrations(name="0001_initial")
def _initial(db: Database) -> None:
    db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    db.execute(
        """CREATE TABLE stakeholders (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE sections (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL,
            title TEXT NOT NULL,
            parent_id INTEGER REFERENCES sections(id),
            position INTEGER NOT NULL)"""
    )
    db.execute(
        """CREATE TABLE paragraphs (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL,
            section_id INTEGER REFERENCES sections(id),
            position INTEGER NOT NULL,
            status TEXT NOT NULL DEFAULT 'open')"""
    )
    db.execute("CREATE INDEX paragraphs_position ON paragraphs(position)")
    db.execute(
        """CREATE TABLE variants (
            id INTEGER PRIMARY KEY,
            paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id),
            stakeholder_id INTEGER NOT NULL REFERENCES stakeholders(id),
            role TEXT NOT NULL,
            text TEXT NOT NULL,
            marks TEXT NOT NULL DEFAULT '[]',
            source TEXT NOT NULL DEFAULT '')"""
    )
    db.execute("CREATE INDEX variants_paragraph ON variants(paragraph_id)")
    db.execute(
        """CREATE TABLE edits (
            id INTEGER PRIMARY KEY,
            paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id),
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            stakeholder_id INTEGER REFERENCES stakeholders(id),
            variant_id INTEGER REFERENCES variants(id),
            author TEXT NOT NULL,
            at TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            inserted TEXT NOT NULL,
            text_after TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            target_edit_id INTEGER REFERENCES edits(id),
            UNIQUE (paragraph_id, seq))"""
    )
    # The log is append-only: the database itself refuses to rewrite history.
    db.execute(
        """CREATE TRIGGER edits_no_update BEFORE UPDATE ON edits
           BEGIN SELECT RAISE(ABORT, 'the edit log is append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER edits_no_delete BEFORE DELETE ON edits
           BEGIN SELECT RAISE(ABORT, 'the edit log is append-only'); END"""
    )
    # Trigrams find substrings in every script, Chinese and Arabic included.
    db.table("variants").enable_fts(["text"], create_triggers=True, tokenize="trigram")
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 1")


@migrations(name="0002_search_index_on_demand")
def _search_index_on_demand(db: Database) -> None:
    # Kept up by triggers, the trigram index was half of a large import, inside its transaction.
    # Variants are append-only (now enforced), so a contentless index caught up to a watermark
    # when search needs it (`WorkbenchFile.update_search_index`) can never disagree with them.
    for trigger in ("variants_ai", "variants_ad", "variants_au"):
        db.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    db.execute("DROP TABLE IF EXISTS variants_fts")
    db.execute(
        "CREATE VIRTUAL TABLE variants_search USING fts5(text, content='', tokenize='trigram')"
    )
    db.execute(
        """CREATE TRIGGER variants_no_update BEFORE UPDATE ON variants
           BEGIN SELECT RAISE(ABORT, 'variants are append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER variants_no_delete BEFORE DELETE ON variants
           BEGIN SELECT RAISE(ABORT, 'variants are append-only'); END"""
    )
    db.execute(
        "INSERT INTO meta (key, value) VALUES ('search_indexed_through', '0') "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    )
    db.execute("PRAGMA user_version = 2")


@migrations(name="0003_proposal_bases")
def _proposal_bases(db: Database) -> None:
    # A proposal is a set of changes to the text it amends: record that text (its base), and
    # the justification and reference (an amendment number) that come with a proposal.
    db.execute("ALTER TABLE variants ADD COLUMN base_id INTEGER REFERENCES variants(id)")
    db.execute("ALTER TABLE variants ADD COLUMN note TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE variants ADD COLUMN tag TEXT NOT NULL DEFAULT ''")
    db.execute("CREATE INDEX variants_base ON variants(base_id)")
    # Existing proposals amend the draft imported with them: the paragraph's latest draft
    # written before the proposal, else its first draft. Variants are append-only, so the
    # guard steps aside for this one backfill, inside the migration's transaction.
    db.execute("DROP TRIGGER variants_no_update")
    db.execute(
        """UPDATE variants SET base_id = coalesce(
               (SELECT max(d.id) FROM variants d WHERE d.paragraph_id = variants.paragraph_id
                  AND d.role = 'draft' AND d.id < variants.id),
               (SELECT min(d.id) FROM variants d WHERE d.paragraph_id = variants.paragraph_id
                  AND d.role = 'draft'))
           WHERE role = 'proposal'"""
    )
    db.execute(
        """CREATE TRIGGER variants_no_update BEFORE UPDATE ON variants
           BEGIN SELECT RAISE(ABORT, 'variants are append-only'); END"""
    )
    db.execute("PRAGMA user_version = 3")


_EDITS_NO_UPDATE = """CREATE TRIGGER edits_no_update BEFORE UPDATE ON edits
           BEGIN SELECT RAISE(ABORT, 'the edit log is append-only'); END"""
_NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
_TEXT_KINDS_SQL = "('initial', 'accept', 'typed', 'undo', 'redo')"


@migrations(name="0004_paragraph_logs")
def _paragraph_logs(db: Database) -> None:
    # Edits name the changes they concern (a proposal's changes are numbered against its base)
    # and carry the status they put in force: status is read from the log, never updated in
    # place (paragraphs.status is no longer written; it only seeds the upgrade below).
    db.execute("ALTER TABLE edits ADD COLUMN changes TEXT NOT NULL DEFAULT ''")
    db.execute("ALTER TABLE edits ADD COLUMN status TEXT")
    db.execute("CREATE INDEX edits_status ON edits(paragraph_id, seq) WHERE status IS NOT NULL")
    # Earlier STATUS edits held their status in the note: copy it into the new column. The
    # append-only guard steps aside for this one backfill, inside the migration's transaction.
    db.execute("DROP TRIGGER edits_no_update")
    db.execute(
        "UPDATE edits SET status = note WHERE kind = 'status' "
        "AND note IN ('open', 'bracketed', 'agreed ad ref', 'agreed')"
    )
    db.execute(_EDITS_NO_UPDATE)
    # Every paragraph starts its log with its INITIAL edit (the rule of
    # model.starting_variant, frozen here in SQL as it stood when this migration shipped):
    # the imported compromise, else the draft, else nothing.
    db.execute(
        f"""INSERT INTO edits (paragraph_id, seq, kind, stakeholder_id, variant_id, author, at,
                start, "end", inserted, text_after, note)
           SELECT p.id,
                  coalesce((SELECT max(e.seq) FROM edits e WHERE e.paragraph_id = p.id), 0) + 1,
                  'initial', v.stakeholder_id, v.id, 'workbench', {_NOW_SQL}, 0, 0,
                  coalesce(v.text, ''), coalesce(v.text, ''), 'starting text, added on upgrade'
           FROM paragraphs p LEFT JOIN variants v ON v.id = (
               SELECT w.id FROM variants w
               WHERE w.paragraph_id = p.id AND w.role IN ('compromise', 'draft')
               ORDER BY CASE w.role WHEN 'compromise' THEN 0 ELSE 1 END, w.id LIMIT 1)
           WHERE NOT EXISTS (SELECT 1 FROM edits e
                             WHERE e.paragraph_id = p.id AND e.kind IN {_TEXT_KINDS_SQL})"""
    )
    # A status set in place with no STATUS edit behind it becomes one, so nothing set is lost.
    db.execute(
        f"""INSERT INTO edits (paragraph_id, seq, kind, author, at, start, "end", inserted,
                text_after, note, status)
           SELECT p.id,
                  (SELECT max(e.seq) FROM edits e WHERE e.paragraph_id = p.id) + 1,
                  'status', 'workbench', {_NOW_SQL}, 0, 0, '',
                  (SELECT e.text_after FROM edits e WHERE e.paragraph_id = p.id
                     AND e.kind IN {_TEXT_KINDS_SQL} ORDER BY e.seq DESC LIMIT 1),
                  p.status, p.status
           FROM paragraphs p
           WHERE p.status != coalesce((SELECT e.status FROM edits e WHERE e.paragraph_id = p.id
                                         AND e.status IS NOT NULL ORDER BY e.seq DESC LIMIT 1),
                                      'open')"""
    )
    db.execute("PRAGMA user_version = 4")


@migrations(name="0005_comments")
def _comments(db: Database) -> None:
    # Comments, replies and resolutions, each a row never updated nor deleted (the file can be
    # exchanged row by row between laptops): a reply or a resolution names its comment. A
    # comment is anchored in a text that never changes: a variant, or the compromise as an
    # edit left it (see model.Comment).
    db.execute(
        """CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id),
            kind TEXT NOT NULL,
            target_id INTEGER REFERENCES comments(id),
            author TEXT NOT NULL,
            at TEXT NOT NULL,
            text TEXT NOT NULL DEFAULT '',
            variant_id INTEGER REFERENCES variants(id),
            edit_id INTEGER REFERENCES edits(id),
            start INTEGER NOT NULL DEFAULT 0,
            "end" INTEGER NOT NULL DEFAULT 0,
            quote TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT '')"""
    )
    db.execute("CREATE INDEX comments_paragraph ON comments(paragraph_id)")
    db.execute("CREATE INDEX comments_target ON comments(target_id)")
    db.execute("CREATE INDEX comments_variant ON comments(variant_id)")
    db.execute("CREATE INDEX comments_edit ON comments(edit_id)")
    db.execute(
        """CREATE TRIGGER comments_no_update BEFORE UPDATE ON comments
           BEGIN SELECT RAISE(ABORT, 'comments are append-only'); END"""
    )
    db.execute(
        """CREATE TRIGGER comments_no_delete BEFORE DELETE ON comments
           BEGIN SELECT RAISE(ABORT, 'comments are append-only'); END"""
    )
    db.execute("PRAGMA user_version = 5")


_EDITS_NO_DELETE = """CREATE TRIGGER edits_no_delete BEFORE DELETE ON edits
           BEGIN SELECT RAISE(ABORT, 'the edit log is append-only'); END"""


def _rebuild(db: Database, table: str, create: str, columns: str, select: str) -> None:
    """`table` made again from `create` (which names it `<table>_new`), rows copied over.

    SQLite cannot drop a UNIQUE constraint or change a column's type in place: the table is
    made anew under another name, filled, the old one dropped and the new one renamed (the
    procedure of SQLite's ALTER TABLE documentation). Foreign keys are off meanwhile (`apply`),
    so rows of other tables pointing at this one keep pointing at it, by name.
    """
    db.execute(create)
    db.execute(f"INSERT INTO {table}_new ({columns}) {select}")
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_new RENAME TO {table}")


def _ordered_keys(db: Database, table: str) -> None:
    """The integer positions of `table` (already copied as text) become order keys, in order."""
    ids = [row[0] for row in db.execute(f"SELECT id FROM {table} ORDER BY position, id")]
    db.conn.executemany(
        f"UPDATE {table} SET position = ? WHERE id = ?",
        list(zip(order_keys.numbered(len(ids)), ids, strict=True)),
    )


@migrations(name="0006_team")
def _team(db: Database) -> None:
    # Many writers (issue 18): every laptop appends rows with ids of its own range, so rows are
    # never rewritten and can be exchanged as they are. Requires foreign keys off (`apply`).
    if db.execute("PRAGMA foreign_keys").fetchone()[0]:
        raise RuntimeError("0006_team rebuilds tables: apply it through schema.apply()")
    # Order keys instead of positions: an insertion no longer renumbers the rows after it.
    _rebuild(
        db,
        "sections",
        """CREATE TABLE sections_new (
            id INTEGER PRIMARY KEY,
            number TEXT NOT NULL,
            title TEXT NOT NULL,
            parent_id INTEGER REFERENCES sections(id),
            position TEXT NOT NULL)""",
        "id, number, title, parent_id, position",
        "SELECT id, number, title, parent_id, position FROM sections",
    )
    _ordered_keys(db, "sections")
    db.execute("DROP INDEX IF EXISTS paragraphs_position")
    _rebuild(
        db,
        "paragraphs",
        """CREATE TABLE paragraphs_new (
            id INTEGER PRIMARY KEY,
            label TEXT NOT NULL,
            section_id INTEGER REFERENCES sections(id),
            position TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open')""",
        "id, label, section_id, position, status",
        "SELECT id, label, section_id, position, status FROM paragraphs",
    )
    _ordered_keys(db, "paragraphs")
    # Edits form a graph a paragraph: each names the edit it follows (its parent) and, when it
    # resolves a fork, the other head it takes in (merged_id); `origin` is the laptop that
    # wrote it. Two laptops may both write edit 5 of a paragraph: UNIQUE(paragraph_id, seq) goes.
    db.execute("DROP INDEX IF EXISTS edits_status")
    _rebuild(
        db,
        "edits",
        """CREATE TABLE edits_new (
            id INTEGER PRIMARY KEY,
            paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id),
            seq INTEGER NOT NULL,
            kind TEXT NOT NULL,
            stakeholder_id INTEGER REFERENCES stakeholders(id),
            variant_id INTEGER REFERENCES variants(id),
            author TEXT NOT NULL,
            at TEXT NOT NULL,
            start INTEGER NOT NULL,
            "end" INTEGER NOT NULL,
            inserted TEXT NOT NULL,
            text_after TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            target_edit_id INTEGER REFERENCES edits(id),
            changes TEXT NOT NULL DEFAULT '',
            status TEXT,
            origin INTEGER NOT NULL DEFAULT 0,
            parent_id INTEGER REFERENCES edits(id),
            merged_id INTEGER REFERENCES edits(id))""",
        'id, paragraph_id, seq, kind, stakeholder_id, variant_id, author, at, start, "end", '
        "inserted, text_after, note, target_edit_id, changes, status, parent_id",
        'SELECT id, paragraph_id, seq, kind, stakeholder_id, variant_id, author, at, start, "end", '
        "inserted, text_after, note, target_edit_id, changes, status, "
        "lag(id) OVER (PARTITION BY paragraph_id ORDER BY seq) FROM edits",
    )
    db.execute(_EDITS_NO_UPDATE)
    db.execute(_EDITS_NO_DELETE)
    for table in ("sections", "paragraphs"):
        # Shared rows are append-only too: what a laptop sent is never changed under it.
        for verb in ("update", "delete"):
            db.execute(
                f"""CREATE TRIGGER {table}_no_{verb} BEFORE {verb.upper()} ON {table}
                   BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END"""
            )
    # Every column pointing at another row has an index: applying a colleague's rows checks
    # each reference (without these an apply of 5,000 edits took 90 s instead of 0.13 s).
    for name, table, columns, where in (
        ("sections_order", "sections", "position, id", ""),
        ("sections_parent", "sections", "parent_id", "parent_id IS NOT NULL"),
        ("paragraphs_order", "paragraphs", "position, id", ""),
        ("paragraphs_section", "paragraphs", "section_id", "section_id IS NOT NULL"),
        ("variants_stakeholder", "variants", "stakeholder_id", ""),
        ("edits_paragraph", "edits", "paragraph_id, seq", ""),
        ("edits_parent", "edits", "parent_id", "parent_id IS NOT NULL"),
        ("edits_merged", "edits", "merged_id", "merged_id IS NOT NULL"),
        ("edits_target", "edits", "target_edit_id", "target_edit_id IS NOT NULL"),
        ("edits_variant", "edits", "variant_id", "variant_id IS NOT NULL"),
        ("edits_stakeholder", "edits", "stakeholder_id", "stakeholder_id IS NOT NULL"),
        ("edits_status", "edits", "paragraph_id, seq", "status IS NOT NULL"),
    ):
        db.execute(
            f"CREATE INDEX {name} ON {table}({columns})" + (f" WHERE {where}" if where else "")
        )
    # Local to this file, never exchanged: where this laptop stands in each paragraph's graph
    # (its head, and the edits holding the text and the status in force there) ...
    db.execute(
        """CREATE TABLE local_heads (
            paragraph_id INTEGER PRIMARY KEY REFERENCES paragraphs(id),
            edit_id INTEGER NOT NULL REFERENCES edits(id),
            text_edit_id INTEGER REFERENCES edits(id),
            status_edit_id INTEGER REFERENCES edits(id))"""
    )
    db.execute(
        f"""INSERT INTO local_heads (paragraph_id, edit_id, text_edit_id, status_edit_id)
           SELECT p.id,
                  (SELECT e.id FROM edits e WHERE e.paragraph_id = p.id
                     ORDER BY e.seq DESC, e.id DESC LIMIT 1),
                  (SELECT e.id FROM edits e WHERE e.paragraph_id = p.id
                     AND e.kind IN {_TEXT_KINDS_SQL} ORDER BY e.seq DESC, e.id DESC LIMIT 1),
                  (SELECT e.id FROM edits e WHERE e.paragraph_id = p.id
                     AND e.status IS NOT NULL ORDER BY e.seq DESC, e.id DESC LIMIT 1)
           FROM paragraphs p WHERE EXISTS (SELECT 1 FROM edits e WHERE e.paragraph_id = p.id)"""
    )
    # ... the laptops (origins) it knows, its own among them, and the changesets it has ...
    db.execute(
        """CREATE TABLE sync_origins (
            origin INTEGER PRIMARY KEY,
            name TEXT NOT NULL DEFAULT '',
            mine INTEGER NOT NULL DEFAULT 0)"""
    )
    db.execute(
        """CREATE TABLE sync_changesets (
            origin INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            at TEXT NOT NULL,
            rows INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (origin, seq))"""
    )
    # ... how far each of its own origins' rows of each table went out in its changesets ...
    db.execute(
        """CREATE TABLE sync_sent (
            origin INTEGER NOT NULL,
            tbl TEXT NOT NULL,
            through INTEGER NOT NULL,
            PRIMARY KEY (origin, tbl))"""
    )
    # ... up to which id each origin it no longer writes under had rows here when it stopped
    # (a copy, a restored snapshot): those it still sends if unsent, never rows that came in
    # later from that origin's own laptop ...
    db.execute(
        """CREATE TABLE sync_retired (
            origin INTEGER NOT NULL,
            tbl TEXT NOT NULL,
            ceiling INTEGER NOT NULL,
            PRIMARY KEY (origin, tbl))"""
    )
    # ... and how far search has indexed each origin's variants (ids grow within an origin).
    db.execute(
        """CREATE TABLE search_indexed (
            origin INTEGER PRIMARY KEY,
            through INTEGER NOT NULL)"""
    )
    db.execute(
        "INSERT INTO search_indexed (origin, through) SELECT 0, CAST(value AS INTEGER) "
        "FROM meta WHERE key = 'search_indexed_through' AND value GLOB '[0-9]*'"
    )
    db.execute("DELETE FROM meta WHERE key = 'search_indexed_through'")
    db.execute("INSERT INTO sync_origins (origin, name, mine) VALUES (0, '', 0)")
    # The negotiation this file belongs to: copies of one file share it, whichever of them is
    # upgraded, so it is derived from when the file was made; a new file draws one (storage).
    created = db.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
    if created is not None:
        seed = f"negotiation made {created[0]}"
        db.execute(
            "INSERT INTO meta (key, value) VALUES ('negotiation', ?) ON CONFLICT(key) DO NOTHING",
            [hashlib.sha256(seed.encode("utf-8")).hexdigest()[:32]],
        )
    _set_version(db, "0006_team")


def _set_version(db: Database, name: str) -> None:
    """user_version is the migration's place in the list, whatever lands before it."""
    position = [m.name for m in migrations._migrations].index(name) + 1
    db.execute(f"PRAGMA user_version = {position}")


def apply(db: Database, migration_set: Migrations = migrations) -> None:
    """Applies the pending migrations, foreign keys off meanwhile (table rebuilds need it).

    Each migration is still one transaction with its record. Rows the rebuilds copy keep their
    ids, so every reference stays right; `workbench check` runs SQLite's foreign key check.
    """
    db.execute("PRAGMA foreign_keys = OFF")
    try:
        migration_set.apply(db)
    finally:
        db.execute("PRAGMA foreign_keys = ON")


MIGRATION_NAMES = tuple(m.name for m in migrations._migrations)
SCHEMA_VERSION = len(MIGRATION_NAMES)
