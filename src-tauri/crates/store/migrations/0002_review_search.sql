-- Schema version 2: review notes and approvals on versions, and full-text search over drafts.
-- The search index is filled from the drafts by the migration's Rust step
-- (`reindex_all`), which reads the guide JSON.

-- A reviewer's note on a version as a whole (path NULL) or on one field: `path` is a field
-- path in validation's shape (`deals[3].partner`, `faq[0].answer`, `tldr`); `item_id` is the
-- stable id of the list item it points into, which survives reorders.
CREATE TABLE version_notes (
    id          INTEGER PRIMARY KEY,
    version_id  INTEGER NOT NULL REFERENCES versions (id),
    path        TEXT,
    item_id     TEXT,
    text        TEXT NOT NULL,
    created     TEXT NOT NULL
);
CREATE INDEX version_notes_version ON version_notes (version_id);

-- Each approval records the exact content (hash of the canonical JSON) that was approved.
CREATE TABLE approvals (
    id            INTEGER PRIMARY KEY,
    version_id    INTEGER NOT NULL REFERENCES versions (id),
    content_hash  TEXT NOT NULL,
    approved_at   TEXT NOT NULL
);
CREATE INDEX approvals_version ON approvals (version_id);

-- Search over each guide's current draft; rowid = guides.id.
CREATE VIRTUAL TABLE guide_fts USING fts5 (
    title, tldr, takeaways, sections, faq, sources,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
