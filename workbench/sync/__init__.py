"""Team work: laptops of one negotiation exchange their work as changesets, offline.

Each laptop writes rows with ids of its own range (`storage.ids`) and never rewrites a shared
row, so its work since it last sent is a set of new rows: `exchange.export_changes` writes
them as one file (`envelope`: a header naming the negotiation, the laptop, the changeset's
number and the schema, then the rows as an SQLite session changeset, compressed: `changeset`);
`exchange.apply_changes` inserts a colleague's rows, each file in one transaction, in any
order and any number of times, and says what it still misses ("missing Ana #7").
`folder.sync_with_folder` does both against a shared folder. Where two laptops changed one
paragraph, its edits fork; `edit_graph` finds the colleague's version, which the paragraph
state shows as one more proposal until a MERGE edit takes it in.
"""
