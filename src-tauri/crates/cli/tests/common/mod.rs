//! Running the built `almanac` binary in tests, with the environment it would read cleared.

use std::process::{Command, Output};

/// Runs `almanac` with `args`, without `ALMANAC_DB` or `NO_COLOR` from the test's environment.
pub fn almanac(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_almanac"))
        .args(args)
        .env_remove("ALMANAC_DB")
        .env_remove("NO_COLOR")
        .output()
        .expect("almanac runs")
}

/// Asserts exit 0 and returns stdout.
pub fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Asserts exit `exit` and returns stderr.
pub fn err(o: &Output, exit: i32) -> String {
    assert_eq!(o.status.code(), Some(exit), "stdout: {}", String::from_utf8_lossy(&o.stdout));
    String::from_utf8(o.stderr.clone()).unwrap()
}
