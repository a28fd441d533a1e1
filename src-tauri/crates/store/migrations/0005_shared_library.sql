-- Schema version 5: a team library shared through git.
-- Every review act (naming a version, a state change, an approval, a note, a note resolved) is
-- also a row of `review_events`, the unit a shared library exchanges; a version's state is the
-- fold of its events in time order through the state machine. `shared` marks what the shared
-- library already holds. The Rust step (`shared::migrate_shared_library`) writes the events of
-- what exists (each version's naming in its state now, its approvals and notes as history) and
-- the parent of each version (the one before it).

-- Who named a version, on which machine; whether the shared library holds it; the state it was
-- named in (where the fold of its events starts).
ALTER TABLE versions ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN machine TEXT NOT NULL DEFAULT '';
ALTER TABLE versions ADD COLUMN shared INTEGER NOT NULL DEFAULT 0;
ALTER TABLE versions ADD COLUMN initial_state TEXT NOT NULL DEFAULT 'draft'
    CHECK (initial_state IN ('draft', 'in_review', 'approved', 'live', 'archived'));

-- A version not yet shared may be renamed (and renumbered) when a colleague shared a version
-- with the same label first; a shared one never is.
DROP TRIGGER versions_immutable;
CREATE TRIGGER versions_immutable
BEFORE UPDATE OF id, guide_id, created, content_hash, blob_id ON versions
BEGIN
    SELECT RAISE(ABORT, 'named versions are immutable');
END;
CREATE TRIGGER versions_shared_label
BEFORE UPDATE OF number, label ON versions WHEN OLD.shared = 1
BEGIN
    SELECT RAISE(ABORT, 'a shared version keeps its label');
END;

-- The versions a version was made from (the draft's parents when it was named).
CREATE TABLE version_parents (
    version_id  INTEGER NOT NULL REFERENCES versions (id),
    parent_id   INTEGER NOT NULL REFERENCES versions (id),
    PRIMARY KEY (version_id, parent_id)
);
-- The versions the working draft contains: the one it was last named as or started from, and
-- any merged into it since. No row: the guide's newest version.
CREATE TABLE draft_parents (
    guide_id    INTEGER NOT NULL REFERENCES guides (id),
    version_id  INTEGER NOT NULL REFERENCES versions (id),
    PRIMARY KEY (guide_id, version_id)
);

-- One row per review event. `id` is global (time, machine, a random part) so events made on
-- different machines never collide; `data` holds the kind's own fields as JSON. `outcome` is
-- empty when the fold applied the event, else why it was refused.
CREATE TABLE review_events (
    id          TEXT PRIMARY KEY,
    guide_id    INTEGER NOT NULL REFERENCES guides (id),
    version_id  INTEGER NOT NULL REFERENCES versions (id),
    kind        TEXT NOT NULL CHECK (kind IN ('named', 'state', 'approval', 'note', 'resolved')),
    at          TEXT NOT NULL,
    author      TEXT NOT NULL,
    machine     TEXT NOT NULL,
    data        TEXT NOT NULL,
    shared      INTEGER NOT NULL DEFAULT 0,
    outcome     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX review_events_guide ON review_events (guide_id, at, id);
CREATE INDEX review_events_unshared ON review_events (guide_id) WHERE shared = 0;
CREATE INDEX versions_unshared ON versions (guide_id) WHERE shared = 0;

-- Notes and approvals point to the event that made them.
ALTER TABLE version_notes ADD COLUMN event_id TEXT;
ALTER TABLE version_notes ADD COLUMN author TEXT NOT NULL DEFAULT '';
ALTER TABLE version_notes ADD COLUMN machine TEXT NOT NULL DEFAULT '';
ALTER TABLE version_notes ADD COLUMN resolved TEXT;
ALTER TABLE approvals ADD COLUMN event_id TEXT;
ALTER TABLE approvals ADD COLUMN machine TEXT NOT NULL DEFAULT '';

-- The folder of the shared library that holds a guide (its slug when first shared).
CREATE TABLE shared_guides (
    guide_id  INTEGER PRIMARY KEY REFERENCES guides (id),
    folder    TEXT NOT NULL UNIQUE
);
