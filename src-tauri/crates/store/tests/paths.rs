//! `default_db_path`: one test in its own binary, because it changes environment variables.

use std::path::PathBuf;

use almanac_store::default_db_path;

#[test]
fn default_db_path_follows_almanac_db_then_xdg_then_home() {
    std::env::set_var("HOME", "/home/editor");
    std::env::remove_var("XDG_DATA_HOME");
    std::env::remove_var("ALMANAC_DB");
    assert_eq!(
        default_db_path().unwrap(),
        PathBuf::from("/home/editor/.local/share/almanac-studio/almanac.db")
    );
    std::env::set_var("XDG_DATA_HOME", "/data");
    assert_eq!(default_db_path().unwrap(), PathBuf::from("/data/almanac-studio/almanac.db"));
    // A relative XDG_DATA_HOME is invalid per the XDG spec and ignored.
    std::env::set_var("XDG_DATA_HOME", "relative");
    assert_eq!(
        default_db_path().unwrap(),
        PathBuf::from("/home/editor/.local/share/almanac-studio/almanac.db")
    );
    std::env::set_var("ALMANAC_DB", "/tmp/x.db");
    assert_eq!(default_db_path().unwrap(), PathBuf::from("/tmp/x.db"));
    std::env::set_var("ALMANAC_DB", "");
    std::env::remove_var("XDG_DATA_HOME");
    std::env::remove_var("HOME");
    let err = default_db_path().unwrap_err();
    assert_eq!(err.code(), "store.invalid_input");
    assert!(err.to_string().contains("ALMANAC_DB"), "{err}");
}
