-- Schema version 4: one version model. What a page says about its version and its times is
-- derived from these rows, never from typed guide fields: stored guide JSON keeps only what
-- editors write (`meta.version`, `versions` and the timestamps are cleared on write).
-- The Rust step (`versions::migrate_version_model`) fills the new columns from the rows and
-- contents written before, clears the derived fields of each draft (a new draft revision; the
-- old one stays kept), and keeps any typed version label that names no version as a note.

-- The draft's content hash (sha256 of its stored canonical JSON) and when its content last
-- changed (a save that changes nothing keeps the time).
ALTER TABLE drafts ADD COLUMN content_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE drafts ADD COLUMN content_updated TEXT NOT NULL DEFAULT '';

-- `edit_hash`: the hash of the version's content with derived fields cleared, comparable with
-- a draft's `content_hash` (equal to `content_hash` for versions named from here on).
-- `content_updated`: when the content it holds last changed. `state_changed`: when it was
-- named or its state last moved; a published page's "generated" time.
ALTER TABLE versions ADD COLUMN edit_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN content_updated TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN state_changed TEXT NOT NULL DEFAULT '';

-- Who approved.
ALTER TABLE approvals ADD COLUMN reviewer TEXT NOT NULL DEFAULT '';

-- The app's settings (the reviewer name that approvals record, ...).
CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
