-- Schema version 1: guides, their working drafts, recent draft revisions, and immutable
-- named versions whose content lives in content-addressed blobs.
-- Timestamps are RFC 3339 UTC strings with milliseconds ("2026-11-25T20:05:41.123Z"), so they
-- sort as text.

CREATE TABLE guides (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL,
    title       TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'draft'
                CHECK (state IN ('draft', 'in_review', 'approved', 'live', 'archived')),
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL,
    trashed_at  TEXT
);
-- A slug names one guide among those not in the trash.
CREATE UNIQUE INDEX guides_slug_untrashed ON guides (slug) WHERE trashed_at IS NULL;
CREATE INDEX guides_updated ON guides (updated);

-- One working draft per guide. `revision` counts saves; a save names the revision it
-- started from and is refused when that is not the current one.
CREATE TABLE drafts (
    guide_id  INTEGER PRIMARY KEY REFERENCES guides (id),
    revision  INTEGER NOT NULL CHECK (revision >= 1),
    json      TEXT NOT NULL,
    updated   TEXT NOT NULL
);

-- Recent draft revisions, kept for recovery (the pruning policy is in the crate docs).
-- `data` is the canonical JSON, zlib-compressed. `reason` says why the revision exists:
-- 'create', 'save', 'restore', 'rename', 'seed'.
CREATE TABLE draft_revisions (
    guide_id  INTEGER NOT NULL REFERENCES guides (id),
    revision  INTEGER NOT NULL,
    saved_at  TEXT NOT NULL,
    reason    TEXT NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (guide_id, revision)
);

-- Content-addressed guide content: sha256 of the canonical JSON -> that JSON, zlib-compressed.
-- Identical content is stored once.
CREATE TABLE blobs (
    id    INTEGER PRIMARY KEY,
    hash  TEXT NOT NULL UNIQUE,
    size  INTEGER NOT NULL,
    data  BLOB NOT NULL
);
CREATE TRIGGER blobs_immutable BEFORE UPDATE ON blobs
BEGIN
    SELECT RAISE(ABORT, 'blobs are immutable');
END;
CREATE TRIGGER blobs_kept BEFORE DELETE ON blobs
BEGIN
    SELECT RAISE(ABORT, 'blobs are never deleted');
END;

-- Named versions. Only `state` and `note` ever change; versions are never deleted.
CREATE TABLE versions (
    id            INTEGER PRIMARY KEY,
    guide_id      INTEGER NOT NULL REFERENCES guides (id),
    number        INTEGER NOT NULL CHECK (number >= 1),
    label         TEXT NOT NULL,
    state         TEXT NOT NULL
                  CHECK (state IN ('draft', 'in_review', 'approved', 'live', 'archived')),
    note          TEXT NOT NULL DEFAULT '',
    created       TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    blob_id       INTEGER NOT NULL REFERENCES blobs (id),
    UNIQUE (guide_id, number),
    UNIQUE (guide_id, label)
);
CREATE TRIGGER versions_immutable
BEFORE UPDATE OF id, guide_id, number, label, created, content_hash, blob_id ON versions
BEGIN
    SELECT RAISE(ABORT, 'named versions are immutable');
END;
CREATE TRIGGER versions_kept BEFORE DELETE ON versions
BEGIN
    SELECT RAISE(ABORT, 'named versions are never deleted');
END;
