-- Schema version 3: delta-encoded content.
-- A blob may be a line delta against an earlier blob of the same guide (`base_id`, chains at
-- most 15 deep: `depth`); a draft revision may be a delta against one blob (`base_blob_id`).
-- Rows written before this version are full zlib-compressed JSON (base NULL, depth 0).

ALTER TABLE blobs ADD COLUMN base_id INTEGER REFERENCES blobs (id);
ALTER TABLE blobs ADD COLUMN depth INTEGER NOT NULL DEFAULT 0;
ALTER TABLE draft_revisions ADD COLUMN base_blob_id INTEGER REFERENCES blobs (id);
