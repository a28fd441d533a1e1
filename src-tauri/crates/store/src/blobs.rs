//! Stored guide content: content-addressed blobs (version content) and draft revisions, both
//! delta-encoded against earlier content of the same guide.
//!
//! A blob is either *full* (`base_id` NULL: zlib of the canonical JSON) or a *delta*
//! (`base_id` = an earlier blob of the same guide, zlib of a line delta against it). Chains are
//! at most [`MAX_DEPTH`] deltas deep, so reading any blob applies at most that many. A draft
//! revision is full, or a delta against one blob (`base_blob_id`, normally the guide's newest
//! version). Blobs are never deleted, so a delta's base is always there. Decoded blob texts are
//! cached (blobs are immutable, so the cache never goes stale).

use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::codec::{compress, compress_best, decompress, hash_text};
use crate::damaged;
use crate::error::Result;
use crate::types::GuideId;

/// Longest chain of deltas behind a blob.
pub const MAX_DEPTH: i64 = 15;

const DELTA_MAGIC: &str = "almanac-delta 1\n";

/// A line delta turning `base` into `new`: copy runs of base lines and literal insertions.
/// Format (then zlib-compressed): the magic line, then ops `= <first line> <count>\n` and
/// `+ <byte length>\n<bytes>`.
pub(crate) fn delta_encode(base: &str, new: &str) -> String {
    use similar::{Algorithm, DiffOp, TextDiff};
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Myers)
        .timeout(std::time::Duration::from_millis(50))
        .diff_lines(base, new);
    let new_lines: Vec<&str> = new.split_inclusive('\n').collect();
    let mut out = String::from(DELTA_MAGIC);
    for op in diff.ops() {
        match *op {
            DiffOp::Equal { old_index, len, .. } => {
                out.push_str(&format!("= {old_index} {len}\n"));
            }
            DiffOp::Delete { .. } => {}
            DiffOp::Insert { new_index, new_len, .. }
            | DiffOp::Replace { new_index, new_len, .. } => {
                let text: String = new_lines[new_index..new_index + new_len].concat();
                out.push_str(&format!("+ {}\n", text.len()));
                out.push_str(&text);
            }
        }
    }
    out
}

/// Applies a delta made by `delta_encode` to `base`. The error describes damaged data.
pub(crate) fn delta_apply(base: &str, delta: &str) -> std::result::Result<String, String> {
    let mut rest = delta.strip_prefix(DELTA_MAGIC).ok_or("delta has no header")?;
    let lines: Vec<&str> = base.split_inclusive('\n').collect();
    let mut out = String::with_capacity(base.len() + 1024);
    while !rest.is_empty() {
        let (head, tail) = rest.split_once('\n').ok_or("delta op is cut short")?;
        let mut parts = head.split(' ');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("="), Some(start), Some(count), None) => {
                let start: usize = start.parse().map_err(|_| "bad delta copy start")?;
                let count: usize = count.parse().map_err(|_| "bad delta copy length")?;
                let run = lines.get(start..start + count).ok_or("delta copies past its base")?;
                run.iter().for_each(|l| out.push_str(l));
                rest = tail;
            }
            (Some("+"), Some(n), None, None) => {
                let n: usize = n.parse().map_err(|_| "bad delta insert length")?;
                let text = tail.get(..n).ok_or("delta insert is cut short")?;
                out.push_str(text);
                rest = &tail[n..];
            }
            _ => return Err(format!("unknown delta op {head:?}")),
        }
    }
    Ok(out)
}

/// Recently decoded blob texts by blob id.
#[derive(Default)]
pub(crate) struct BlobCache {
    entries: Vec<(i64, Arc<str>)>,
}

const CACHE_ENTRIES: usize = 16;

pub(crate) type SharedCache = Arc<Mutex<BlobCache>>;

impl BlobCache {
    fn get(&mut self, id: i64) -> Option<Arc<str>> {
        let i = self.entries.iter().position(|(k, _)| *k == id)?;
        let e = self.entries.remove(i);
        let text = e.1.clone();
        self.entries.insert(0, e);
        Some(text)
    }

    fn put(&mut self, id: i64, text: Arc<str>) {
        self.entries.retain(|(k, _)| *k != id);
        self.entries.insert(0, (id, text));
        self.entries.truncate(CACHE_ENTRIES);
    }
}

fn cache_get(cache: &SharedCache, id: i64) -> Option<Arc<str>> {
    cache.lock().unwrap_or_else(|p| p.into_inner()).get(id)
}

fn cache_put(cache: &SharedCache, id: i64, text: Arc<str>) {
    cache.lock().unwrap_or_else(|p| p.into_inner()).put(id, text)
}

/// The canonical JSON held by blob `id`, checked against its hash.
pub(crate) fn blob_text(c: &Connection, cache: &SharedCache, id: i64) -> Result<Arc<str>> {
    if let Some(t) = cache_get(cache, id) {
        return Ok(t);
    }
    // Walk to the nearest cached or full blob, then apply the deltas forwards.
    let mut chain: Vec<(i64, Vec<u8>, String)> = Vec::new();
    let mut at = id;
    let mut text: Arc<str> = loop {
        if chain.len() as i64 > MAX_DEPTH + 1 {
            return Err(damaged(format!("blob {id} has a delta chain longer than {MAX_DEPTH}")));
        }
        if at != id {
            if let Some(t) = cache_get(cache, at) {
                break t;
            }
        }
        let row: Option<(Option<i64>, Vec<u8>, String)> = c
            .prepare_cached("SELECT base_id, data, hash FROM blobs WHERE id = ?1")?
            .query_row([at], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let (base, data, hash) = row.ok_or_else(|| damaged(format!("blob {at} is missing")))?;
        match base {
            None => {
                let full = decompress(&data, &format!("blob {at}")).map_err(damaged)?;
                if hash_text(&full) != hash {
                    return Err(damaged(format!("blob {at} does not match its hash")));
                }
                let full: Arc<str> = full.into();
                cache_put(cache, at, full.clone());
                break full;
            }
            Some(b) => {
                chain.push((at, data, hash));
                at = b;
            }
        }
    };
    for (bid, data, hash) in chain.into_iter().rev() {
        let delta = decompress(&data, &format!("blob {bid}")).map_err(damaged)?;
        let next = delta_apply(&text, &delta).map_err(|e| damaged(format!("blob {bid}: {e}")))?;
        if hash_text(&next) != hash {
            return Err(damaged(format!("blob {bid} does not match its hash")));
        }
        text = next.into();
        cache_put(cache, bid, text.clone());
    }
    Ok(text)
}

/// The blob of the guide's newest version, with its chain depth.
fn newest_blob(c: &Connection, guide_id: GuideId) -> Result<Option<(i64, i64)>> {
    Ok(c.prepare_cached(
        "SELECT b.id, b.depth FROM versions v JOIN blobs b ON b.id = v.blob_id
         WHERE v.guide_id = ?1 ORDER BY v.number DESC LIMIT 1",
    )?
    .query_row([guide_id], |r| Ok((r.get(0)?, r.get(1)?)))
    .optional()?)
}

/// Stores `json` as a blob of `guide_id` once (by hash); returns its id and hash. A new blob
/// is a delta against the guide's newest version when that is shorter and the chain allows.
pub(crate) fn put_blob(
    tx: &Transaction<'_>,
    cache: &SharedCache,
    guide_id: GuideId,
    json: &str,
) -> Result<(i64, String)> {
    let hash = hash_text(json);
    let existing: Option<i64> = tx
        .prepare_cached("SELECT id FROM blobs WHERE hash = ?1")?
        .query_row([&hash], |r| r.get(0))
        .optional()?;
    if let Some(id) = existing {
        return Ok((id, hash));
    }
    let full = compress_best(json);
    let mut row = (None, 0i64, full);
    if let Some((base, depth)) = newest_blob(tx, guide_id)? {
        if depth < MAX_DEPTH {
            let base_text = blob_text(tx, cache, base)?;
            let delta = compress_best(&delta_encode(&base_text, json));
            if delta.len() < row.2.len() {
                row = (Some(base), depth + 1, delta);
            }
        }
    }
    tx.execute(
        "INSERT INTO blobs (hash, size, data, base_id, depth) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![hash, json.len() as i64, row.2, row.0, row.1],
    )?;
    let id = tx.last_insert_rowid();
    cache_put(cache, id, json.into());
    Ok((id, hash))
}

/// Encodes a draft revision: a delta against the guide's newest version when there is one
/// (and it is shorter), else the full text. Returns (base blob id, data).
pub(crate) fn encode_revision(
    c: &Connection,
    cache: &SharedCache,
    guide_id: GuideId,
    json: &str,
) -> Result<(Option<i64>, Vec<u8>)> {
    if let Some((base, _)) = newest_blob(c, guide_id)? {
        let base_text = blob_text(c, cache, base)?;
        let delta = delta_encode(&base_text, json);
        if delta.len() < json.len() / 2 {
            return Ok((Some(base), compress(&delta)));
        }
    }
    Ok((None, compress(json)))
}

/// Decodes a draft revision stored by `encode_revision`.
pub(crate) fn decode_revision(
    c: &Connection,
    cache: &SharedCache,
    base: Option<i64>,
    data: &[u8],
    what: &str,
) -> Result<String> {
    let text = decompress(data, what).map_err(damaged)?;
    match base {
        None => Ok(text),
        Some(b) => {
            let base_text = blob_text(c, cache, b)?;
            delta_apply(&base_text, &text).map_err(|e| damaged(format!("{what}: {e}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deltas_round_trip() {
        let cases = [
            ("", ""),
            ("", "a\nb\n"),
            ("a\nb\n", ""),
            ("a\nb\nc\n", "a\nB\nc\n"),
            ("a\nb\nc", "x\na\nb\nc\ny"),
            ("one\ntwo\nthree\n", "three\ntwo\none\n"),
            ("no newline", "no newline at all"),
            ("+ 3\n= 0 1\n", "= 0 1\n+ 3\nabc"),
        ];
        for (base, new) in cases {
            let d = delta_encode(base, new);
            assert_eq!(delta_apply(base, &d).unwrap(), new, "{base:?} -> {new:?}");
        }
    }

    #[test]
    fn small_edits_make_small_deltas() {
        let base: String = (0..500).map(|i| format!("line {i} of a long guide\n")).collect();
        let new = base.replace("line 250 of", "line 250 (edited) of");
        let d = delta_encode(&base, &new);
        assert!(d.len() < 120, "{d}");
    }

    #[test]
    fn damaged_deltas_are_errors() {
        for bad in
            ["", "almanac-delta 1\n= 0 9\n", "almanac-delta 1\n+ 99\nab", "almanac-delta 1\n? x\n"]
        {
            assert!(delta_apply("a\nb\n", bad).is_err(), "{bad:?}");
        }
    }
}
