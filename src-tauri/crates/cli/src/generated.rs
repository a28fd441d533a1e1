//! The shell completions and man pages in `generated/` (at the crate's root), which the Linux
//! packages install, are made from the command line's clap definition ([`Cli`]). This test makes
//! them again into a temporary folder and fails when the committed files differ. Refresh with
//!
//! ```sh
//! UPDATE_GENERATED=1 cargo test -p almanac-cli --bin almanac generated
//! ```
//!
//! - `generated/completions/`: `almanac.bash`, `_almanac` (zsh) and `almanac.fish`;
//! - `generated/man/`: `almanac.1` and one page per subcommand (`almanac-check.1`, ...).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::roff::{roman, Roff};

use crate::Cli;

/// The manual the pages say they belong to (the centre of a page's footer).
const MANUAL: &str = "Almanac Studio";

/// Writes the completions and man pages into `dir/completions` and `dir/man`.
fn generate(dir: &Path) {
    let mut cmd = Cli::command();
    let completions = dir.join("completions");
    std::fs::create_dir_all(&completions).unwrap();
    for shell in [Shell::Bash, Shell::Zsh, Shell::Fish] {
        clap_complete::generate_to(shell, &mut cmd, "almanac", &completions).unwrap();
    }

    let man = dir.join("man");
    std::fs::create_dir_all(&man).unwrap();
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    man_pages(cmd, &man);
}

/// One page for `cmd` and one for each of its subcommands, named after the full command
/// (`almanac-check.1`); each says it is from `almanac <version>`.
fn man_pages(cmd: clap::Command, dir: &Path) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        man_pages(sub.clone(), dir);
    }
    let name = cmd.get_display_name().unwrap_or_else(|| cmd.get_name()).to_owned();
    std::fs::write(dir.join(format!("{name}.1")), man_page(cmd)).unwrap();
}

/// clap_mangen's page for `cmd`, with the text after the options (`after_help`: examples, exit
/// codes) as sections of their own with their lines kept as written, where clap_mangen would
/// fill them into one paragraph under EXTRA. A line such as `Examples:` starts a section
/// (EXAMPLES); the lines under it lose their two-space indent.
fn man_page(cmd: clap::Command) -> String {
    let after = cmd.get_after_long_help().or(cmd.get_after_help()).map(|s| s.to_string());
    let source = format!("almanac {}", env!("CARGO_PKG_VERSION"));
    let cmd = cmd.after_help(None::<&str>).after_long_help(None::<&str>);
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd).manual(MANUAL).source(source).render(&mut page).unwrap();
    let page = String::from_utf8(page).unwrap();
    let Some(after) = after else { return page };

    let mut roff = Roff::default();
    let mut in_section = false;
    for line in after.trim_end().lines() {
        if let Some(heading) =
            line.strip_suffix(':').filter(|h| !h.starts_with(' ') && !h.is_empty())
        {
            if in_section {
                roff.control("fi", []);
            }
            roff.control("SH", [heading.to_uppercase().as_str()]);
            roff.control("nf", []);
            in_section = true;
        } else {
            roff.text([roman(line.strip_prefix("  ").unwrap_or(line))]);
        }
    }
    if in_section {
        roff.control("fi", []);
    }
    // Without the preamble (`.ie`/`.el` lines defining the apostrophe) the page already has.
    let sections = roff.render();
    assert!(sections.starts_with(".ie"), "roff preamble changed: {sections}");
    let preamble_end = sections.match_indices('\n').nth(1).map_or(0, |(i, _)| i + 1);
    let sections = &sections[preamble_end..];
    match page.find("\n.SH VERSION\n") {
        Some(i) => format!("{}\n{}{}", &page[..i], sections, &page[i + 1..]),
        None => format!("{page}{sections}"),
    }
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.map(Result::unwrap) {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let text = std::fs::read_to_string(&path).unwrap();
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), text);
            }
        }
    }
    out
}

fn committed_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("generated")
}

#[test]
fn generated_files_are_current() {
    let tmp = tempfile::tempdir().unwrap();
    generate(tmp.path());
    let fresh = files(tmp.path());
    for name in ["completions/almanac.bash", "completions/_almanac", "completions/almanac.fish"] {
        assert!(fresh.contains_key(Path::new(name)), "{name} not generated: {:?}", fresh.keys());
    }
    // One page per subcommand, each listed in almanac(1).
    let main_page = &fresh[Path::new("man/almanac.1")];
    for sub in Cli::command().get_subcommands().filter(|s| !s.is_hide_set()) {
        let page = format!("almanac-{}", sub.get_name());
        assert!(fresh.contains_key(Path::new(&format!("man/{page}.1"))), "no {page}.1");
        let listed = format!("{}(1)", page.replace('-', "\\-"));
        assert!(main_page.contains(&listed), "almanac(1) does not list {page}(1)");
    }
    let dir = committed_dir();

    if std::env::var_os("UPDATE_GENERATED").is_some_and(|v| v == "1") {
        for name in files(&dir).keys().filter(|n| !fresh.contains_key(*n)) {
            std::fs::remove_file(dir.join(name)).unwrap();
        }
        for (name, text) in &fresh {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        return;
    }

    let committed = files(&dir);
    let mut problems = Vec::new();
    for (name, text) in &fresh {
        match committed.get(name) {
            None => problems.push(format!("missing: {}", name.display())),
            Some(old) if old != text => problems.push(format!("stale: {}", name.display())),
            Some(_) => {}
        }
    }
    for name in committed.keys().filter(|n| !fresh.contains_key(*n)) {
        problems.push(format!("no longer generated: {}", name.display()));
    }
    assert!(
        problems.is_empty(),
        "src-tauri/crates/cli/generated/ does not match the command line's definition:\n  {}\n\
         Refresh with: UPDATE_GENERATED=1 cargo test -p almanac-cli --bin almanac generated",
        problems.join("\n  ")
    );
}
