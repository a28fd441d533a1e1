//! The committed JSON Schema of the publishing format must match the Rust types.
//! Refresh with `UPDATE_SCHEMA=1 cargo test -p almanac-guide --test schema`.

use std::path::PathBuf;

#[test]
fn committed_schema_is_current() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../content/guide.schema.json");
    let fresh = almanac_guide::Guide::json_schema();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "content/guide.schema.json is stale; run `UPDATE_SCHEMA=1 cargo test -p almanac-guide --test schema`"
    );
}
