//! Content hashing and compression of stored guide JSON.

use almanac_guide::Guide;
use sha2::{Digest, Sha256};

use crate::error::{Result, StoreError};

/// The content hash of a guide: lowercase hex sha256 of its canonical JSON
/// (`Guide::to_canonical_json`). Same content, same hash.
pub fn content_hash(guide: &Guide) -> String {
    hash_text(&guide.to_canonical_json())
}

/// The hash a draft's content is compared by: [`content_hash`] of the guide with its derived
/// fields cleared (what the store keeps; equal to a version's `edit_hash` exactly when the
/// content is the same).
pub fn edit_hash(guide: &Guide) -> String {
    content_hash(&guide.stripped())
}

pub(crate) fn hash_text(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from_digit(u32::from(b >> 4), 16).expect("nibble"));
        out.push(char::from_digit(u32::from(b & 0xf), 16).expect("nibble"));
    }
    out
}

/// zlib-compresses a draft revision: level 1, the fastest (autosave pays for it; guide JSON
/// shrinks to under half).
pub(crate) fn compress(text: &str) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 1)
}

/// zlib-compresses version content: level 6 (a snapshot is rare; guide JSON shrinks to about
/// a third).
pub(crate) fn compress_best(text: &str) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 6)
}

/// Reverses `compress`. The error (a description) means the stored data is damaged.
pub(crate) fn decompress(data: &[u8], what: &str) -> std::result::Result<String, String> {
    let bytes = miniz_oxide::inflate::decompress_to_vec_zlib(data)
        .map_err(|e| format!("{what} cannot be decompressed ({:?})", e.status))?;
    String::from_utf8(bytes).map_err(|_| format!("{what} is not UTF-8 text"))
}

/// Parses guide JSON read back from the database. Stored JSON was written by this crate from a
/// `Guide`, so a failure here (described by the error) means the stored content is damaged.
pub(crate) fn parse_stored(json: &str, what: &str) -> std::result::Result<Guide, String> {
    Guide::from_json(json).map_err(|e| format!("{what} is not a readable guide: {e}"))
}

/// Parses guide JSON handed in by a caller (an editor's save, a file): anything that is not a
/// guide is refused before any write.
pub fn parse_guide(json: &str) -> Result<Guide> {
    Guide::from_json(json).map_err(|e| StoreError::InvalidGuide { detail: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_is_sha256_hex() {
        assert_eq!(
            hash_text("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn compress_round_trips() {
        let text = "{\"a\": \"ü\"}\n".repeat(100);
        let packed = compress(&text);
        assert!(packed.len() < text.len() / 4);
        assert_eq!(decompress(&compress_best(&text), "x").unwrap(), text);
        assert_eq!(decompress(&packed, "x").unwrap(), text);
        assert!(decompress(b"garbage", "blob 1").unwrap_err().contains("blob 1"));
    }
}
