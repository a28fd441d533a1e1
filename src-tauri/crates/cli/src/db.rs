//! Commands over the app's store (almanac-store): list guides, list versions, snapshot,
//! restore, search, and show a version. They read and write the same SQLite file the app
//! uses: `--db <path>`, else `$ALMANAC_DB`, else the app's data-dir database
//! (`almanac_store::default_db_path`).
//!
//! The CLI never creates or seeds a database (a mistyped `--db` must not start an empty one),
//! and never moves a damaged database aside (it reports it; the app recovers it at start).

use std::io::Write;
use std::path::{Path, PathBuf};

use almanac_guide::VersionState;
use almanac_store::{ListQuery, OpenOptions, SortBy, Store, StoreError};
use clap::{Args, Subcommand, ValueEnum};

use crate::cmd_check::Format;
use crate::exit::{CliError, INPUT, OK, WRITE};

#[derive(Debug, Subcommand)]
pub enum DbCommands {
    Guides(GuidesArgs),
    Versions(VersionsArgs),
    Snapshot(SnapshotArgs),
    Restore(RestoreArgs),
    Search(SearchArgs),
    VersionShow(VersionShowArgs),
}

/// A version state as typed on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StateArg {
    Draft,
    InReview,
    Approved,
    Live,
    Archived,
}

impl From<StateArg> for VersionState {
    fn from(s: StateArg) -> VersionState {
        match s {
            StateArg::Draft => VersionState::Draft,
            StateArg::InReview => VersionState::InReview,
            StateArg::Approved => VersionState::Approved,
            StateArg::Live => VersionState::Live,
            StateArg::Archived => VersionState::Archived,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Title,
    Updated,
}

#[derive(Debug, Args)]
#[command(
    about = "List the guides in the store",
    after_help = "Examples:\n  almanac guides\n  almanac guides --state live --sort updated\n  \
                  almanac --db ~/almanac.db guides --search training --format json"
)]
pub struct GuidesArgs {
    /// Only guides in this review state
    #[arg(long, value_enum)]
    pub state: Option<StateArg>,
    /// Only guides whose title or slug contains this text
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
    /// Sort order
    #[arg(long, value_enum, default_value_t = SortArg::Title)]
    pub sort: SortArg,
    /// List the guides in the trash instead
    #[arg(long)]
    pub trash: bool,
    /// Output format: aligned text, or a JSON array
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
#[command(
    about = "List a guide's named versions, newest first",
    after_help = "Examples:\n  almanac versions training-infrastructure\n  \
                  almanac versions training-infrastructure --format json"
)]
pub struct VersionsArgs {
    /// The guide's slug
    pub slug: String,
    /// Output format: aligned text, or a JSON array
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
#[command(
    about = "Name the current draft of a guide as a new version",
    after_help = "Examples:\n  almanac snapshot training-infrastructure --label v2\n  \
                  almanac snapshot training-infrastructure --label v2 --state in-review --note \"Q4 deals\""
)]
pub struct SnapshotArgs {
    /// The guide's slug
    pub slug: String,
    /// The new version's label, unique within the guide (e.g. v2)
    #[arg(long)]
    pub label: String,
    /// The new version's review state
    #[arg(long, value_enum, default_value_t = StateArg::Draft)]
    pub state: StateArg,
    /// A note on the version
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Args)]
#[command(
    about = "Make a named version the guide's draft again",
    long_about = "Make a named version the guide's draft again. The current draft is kept as a\n\
                  draft revision first, so nothing is lost.",
    after_help = "Example:\n  almanac restore training-infrastructure v1"
)]
pub struct RestoreArgs {
    /// The guide's slug
    pub slug: String,
    /// The label of the version to restore
    pub label: String,
}

#[derive(Debug, Args)]
#[command(
    about = "Full-text search over the guides' titles, TL;DRs, takeaways, sections, FAQ and sources",
    after_help = "Examples:\n  almanac search gigawatt\n  almanac search \"power deals\" --limit 5 --format json\n\n\
                  Text output marks matches with «»; JSON snippets are HTML with <mark>."
)]
pub struct SearchArgs {
    /// Words to find (all must match; each also matches as a prefix)
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// At most this many results
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// Output format: text lines, or a JSON array
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
#[command(
    about = "Print a named version's guide.json",
    long_about = "Print a named version's guide.json: exactly the stored content (its sha256 is the\n\
                  version's content hash), or with --publish the content as it is published from\n\
                  that version (meta.version set to the version's label and state, and the\n\
                  versions list filled in).",
    after_help = "Examples:\n  almanac version-show training-infrastructure v1\n  \
                  almanac version-show training-infrastructure v1 --publish -o guide.json"
)]
pub struct VersionShowArgs {
    /// The guide's slug
    pub slug: String,
    /// The version's label
    pub label: String,
    /// Stamp the version's label, state and version list into the guide
    #[arg(long)]
    pub publish: bool,
    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs a store command against `db` (or the default database).
pub fn run(cmd: DbCommands, db: Option<&Path>) -> Result<u8, CliError> {
    let path = match db {
        Some(p) => p.to_path_buf(),
        None => almanac_store::default_db_path().map_err(store_error)?,
    };
    if !path.is_file() {
        return Err(CliError::new(
            INPUT,
            format!(
                "no database at {} (the app creates it on first start; pass --db <path> or set \
                 ALMANAC_DB to use another)",
                path.display()
            ),
        )
        .with_code("store.not_found"));
    }
    let opts = OpenOptions { seed: false, recover_corrupt: false, ..OpenOptions::default() };
    let mut store = Store::open_with(&path, opts).map_err(store_error)?;
    match cmd {
        DbCommands::Guides(a) => guides(&store, a),
        DbCommands::Versions(a) => versions(&store, a),
        DbCommands::Snapshot(a) => snapshot(&mut store, a),
        DbCommands::Restore(a) => restore(&mut store, a),
        DbCommands::Search(a) => search(&store, a),
        DbCommands::VersionShow(a) => version_show(&store, a),
    }
}

/// A store error as a CLI error: its code kept, exit 3 for what cannot be found or read,
/// 5 for what cannot be written.
fn store_error(e: StoreError) -> CliError {
    let exit = match e {
        StoreError::NotFound { .. }
        | StoreError::InvalidInput { .. }
        | StoreError::InvalidGuide { .. }
        | StoreError::InvalidSlug { .. }
        | StoreError::Corrupt { .. }
        | StoreError::NewerSchema { .. } => INPUT,
        _ => WRITE,
    };
    CliError::new(exit, e.to_string()).with_code(e.code())
}

fn print(text: &str) -> Result<u8, CliError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| CliError::new(WRITE, format!("cannot write to standard output: {e}")))?;
    Ok(OK)
}

fn json<T: serde::Serialize>(value: &T) -> Result<u8, CliError> {
    let mut text = serde_json::to_string_pretty(value).expect("store types serialise");
    text.push('\n');
    print(&text)
}

/// Left-aligned columns separated by two spaces; the last column is not padded.
fn table(rows: &[Vec<String>]) -> String {
    let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..cols)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            if c + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[c] - cell.chars().count() + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn guides(store: &Store, a: GuidesArgs) -> Result<u8, CliError> {
    let list = if a.trash {
        store.list_trash()
    } else {
        store.list_guides(&ListQuery {
            text: a.search,
            state: a.state.map(Into::into),
            sort: match a.sort {
                SortArg::Title => SortBy::Title,
                SortArg::Updated => SortBy::Updated,
            },
        })
    }
    .map_err(store_error)?;
    if a.format == Format::Json {
        return json(&list);
    }
    if list.is_empty() {
        eprintln!("no guides");
        return Ok(OK);
    }
    let mut rows = vec![vec!["SLUG".into(), "STATE".into(), "UPDATED".into(), "TITLE".into()]];
    rows.extend(list.into_iter().map(|g| vec![g.slug, g.state.label().into(), g.updated, g.title]));
    print(&table(&rows))
}

fn versions(store: &Store, a: VersionsArgs) -> Result<u8, CliError> {
    let g = store.guide_by_slug(&a.slug).map_err(store_error)?;
    let list = store.list_versions(g.id).map_err(store_error)?;
    if a.format == Format::Json {
        return json(&list);
    }
    if list.is_empty() {
        eprintln!("\"{}\" has no named versions yet", g.slug);
        return Ok(OK);
    }
    let mut rows = vec![vec![
        "#".into(),
        "LABEL".into(),
        "STATE".into(),
        "CREATED".into(),
        "SHA256".into(),
        "NOTE".into(),
    ]];
    rows.extend(list.into_iter().map(|v| {
        vec![
            v.number.to_string(),
            v.label,
            v.state.label().into(),
            v.created,
            v.content_hash[..12].to_string(),
            v.note,
        ]
    }));
    print(&table(&rows))
}

fn snapshot(store: &mut Store, a: SnapshotArgs) -> Result<u8, CliError> {
    let g = store.guide_by_slug(&a.slug).map_err(store_error)?;
    let v = store.snapshot(g.id, &a.label, a.state.into(), &a.note).map_err(store_error)?;
    print(&format!(
        "{} {} ({}): version {} of the draft, sha256 {}\n",
        g.slug,
        v.label,
        v.state.label(),
        v.number,
        v.content_hash
    ))
}

fn restore(store: &mut Store, a: RestoreArgs) -> Result<u8, CliError> {
    let g = store.guide_by_slug(&a.slug).map_err(store_error)?;
    let v = store.version_by_label(g.id, &a.label).map_err(store_error)?;
    let before = store.draft(g.id).map_err(store_error)?.revision;
    let d = store.restore_version(g.id, v.id, Some(before)).map_err(store_error)?;
    print(&format!(
        "{}: restored {} as draft revision {}; the previous draft is kept as revision {}\n",
        g.slug, v.label, d.revision, before
    ))
}

/// A search snippet for a terminal: `<mark>` becomes «», entities are decoded.
fn snippet_text(html: &str) -> String {
    html.replace("<mark>", "«")
        .replace("</mark>", "»")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn search(store: &Store, a: SearchArgs) -> Result<u8, CliError> {
    let query = a.query.join(" ");
    let hits = store.search(&query, a.limit).map_err(store_error)?;
    if a.format == Format::Json {
        return json(&hits);
    }
    if hits.is_empty() {
        eprintln!("no matches for {query:?}");
        return Ok(OK);
    }
    let mut out = String::new();
    for h in hits {
        out.push_str(&format!(
            "{}  {}  ({})\n    {}\n",
            h.slug,
            h.title,
            h.state.label(),
            snippet_text(&h.snippet)
        ));
    }
    print(&out)
}

fn version_show(store: &Store, a: VersionShowArgs) -> Result<u8, CliError> {
    let g = store.guide_by_slug(&a.slug).map_err(store_error)?;
    let v = store.version_by_label(g.id, &a.label).map_err(store_error)?;
    let guide = if a.publish {
        store.publishable_version(v.id).map_err(store_error)?
    } else {
        store.open_version(v.id).map_err(store_error)?.guide
    };
    let text = guide.to_canonical_json();
    match &a.output {
        None => print(&text),
        Some(path) => {
            crate::cmd_render::write_file(path, text.as_bytes())?;
            Ok(OK)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_read_as_text() {
        assert_eq!(snippet_text("a &lt;b&gt; <mark>x&amp;y</mark>"), "a <b> «x&y»");
    }

    #[test]
    fn tables_align() {
        let t = table(&[
            vec!["A".into(), "BB".into(), "c".into()],
            vec!["aaa".into(), "b".into(), "".into()],
        ]);
        assert_eq!(t, "A    BB  c\naaa  b\n");
    }
}
