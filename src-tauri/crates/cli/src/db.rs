//! Commands over the app's store (almanac-store): create a database, list guides, list
//! versions, snapshot, move a version's review state, approve, restore, search, and show a
//! version. They read and write the same SQLite file the app uses (see `database`).
//!
//! Only `almanac init` creates a database (seeded with the sample guides with `--seed`), and
//! never over an existing file. Every other command opens it with `database::open` (the
//! commands that write) or `database::open_to_read` (guides, versions, search, version-show:
//! read-only when the database cannot be written), which need the database to exist already.

use std::path::{Path, PathBuf};

use almanac_guide::VersionState;
use almanac_store::{ListQuery, OpenOptions, SnippetRun, SortBy, Store, REVIEWER_SETTING};
use clap::builder::{EnumValueParser, PossibleValue, TypedValueParser};
use clap::error::{ContextKind, ContextValue};
use clap::{Args, Subcommand, ValueEnum};

use crate::cmd_check::Format;
use crate::database::{self, store_error};
use crate::exit::{CliError, OK, USAGE, WRITE};
use crate::output;

#[derive(Debug, Subcommand)]
pub enum DbCommands {
    Init(InitArgs),
    Guides(GuidesArgs),
    Versions(VersionsArgs),
    Snapshot(SnapshotArgs),
    State(StateArgs),
    Approve(ApproveArgs),
    Restore(RestoreArgs),
    Search(SearchArgs),
    VersionShow(VersionShowArgs),
}

/// A version state as typed on the command line, to filter by.
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

/// The state a new version starts in (`VersionState::INITIAL`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InitialStateArg {
    Draft,
    InReview,
}

impl From<InitialStateArg> for VersionState {
    fn from(s: InitialStateArg) -> VersionState {
        match s {
            InitialStateArg::Draft => VersionState::Draft,
            InitialStateArg::InReview => VersionState::InReview,
        }
    }
}

/// The states `almanac state` moves a version to: every state but approved, which only
/// `almanac approve` enters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MoveStateArg {
    Draft,
    InReview,
    Live,
    Archived,
}

impl From<MoveStateArg> for VersionState {
    fn from(s: MoveStateArg) -> VersionState {
        match s {
            MoveStateArg::Draft => VersionState::Draft,
            MoveStateArg::InReview => VersionState::InReview,
            MoveStateArg::Live => VersionState::Live,
            MoveStateArg::Archived => VersionState::Archived,
        }
    }
}

/// What clap adds under its "invalid value" error when someone asks for `approved`.
const APPROVED_TIP: &str =
    "approved comes only from `almanac approve <SLUG> <LABEL> --reviewer <NAME>`, which records \
     who approved which content";

/// [`MoveStateArg`]'s parser: clap's value list, with a tip when the value is `approved`.
#[derive(Debug, Clone, Copy)]
struct MoveStateParser;

impl TypedValueParser for MoveStateParser {
    type Value = MoveStateArg;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<MoveStateArg, clap::Error> {
        EnumValueParser::<MoveStateArg>::new().parse_ref(cmd, arg, value).map_err(|mut e| {
            if value.to_str().is_some_and(|v| v.trim().eq_ignore_ascii_case("approved")) {
                // Not "a similar value exists: 'archived'": approved is another command.
                e.remove(ContextKind::SuggestedValue);
                e.insert(
                    ContextKind::Suggested,
                    ContextValue::StyledStrs(vec![APPROVED_TIP.into()]),
                );
            }
            e
        })
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            MoveStateArg::value_variants().iter().filter_map(ValueEnum::to_possible_value),
        ))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SortArg {
    Title,
    Updated,
}

#[derive(Debug, Args)]
#[command(
    about = "Create a new store database (optionally seeded with the sample guides)",
    long_about = "Create a new, empty store database at --db, else $ALMANAC_DB, else the app's\n\
                  database in the user's data dir. With --seed, fill it with the built-in sample\n\
                  guides, as the app does on its first start. An existing file there is never\n\
                  touched: init refuses (exit 5). Prints the database's path and what was seeded.",
    after_help = "Examples:\n  almanac --db ~/almanac.db init\n  almanac --db ~/almanac.db init --seed\n  \
                  ALMANAC_DB=/tmp/review.db almanac init --seed"
)]
pub struct InitArgs {
    /// Seed the new database with the built-in sample guides
    #[arg(long)]
    pub seed: bool,
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
    long_about = "Name the current draft of a guide as a new version. A new version starts as draft\n\
                  or in review: it becomes approved only through `almanac approve`, and live only\n\
                  from approved, through `almanac state`.",
    after_help = "Examples:\n  almanac snapshot training-infrastructure --label v2\n  \
                  almanac snapshot training-infrastructure --label v2 --state in-review --note \"Q4 deals\""
)]
pub struct SnapshotArgs {
    /// The guide's slug
    pub slug: String,
    /// The new version's label, unique within the guide (e.g. v2)
    #[arg(long)]
    pub label: String,
    /// The new version's review state (approved comes from `almanac approve`)
    #[arg(long, value_enum, default_value_t = InitialStateArg::Draft)]
    pub state: InitialStateArg,
    /// A note on the version
    #[arg(long, default_value = "")]
    pub note: String,
}

#[derive(Debug, Args)]
#[command(
    about = "Move a named version to another review state",
    long_about = "Move a named version to another review state, along the review workflow:\n\n  \
                  draft      -> in-review, archived\n  \
                  in-review  -> draft, archived (or approved, through `almanac approve`)\n  \
                  approved   -> live, in-review, archived\n  \
                  live       -> archived\n  \
                  archived   -> draft\n\n\
                  Making a version live archives the guide's previous live version. Any other move\n\
                  is refused with exit 6 (store.invalid_transition) and nothing changes. Approved is\n\
                  not a value here: a version becomes approved only through `almanac approve`, which\n\
                  records the reviewer and the exact content approved.",
    after_help = "Examples:\n  almanac state training-infrastructure v2 in-review\n  \
                  almanac state training-infrastructure v2 live\n  \
                  almanac state training-infrastructure v1 archived"
)]
pub struct StateArgs {
    /// The guide's slug
    pub slug: String,
    /// The version's label
    pub label: String,
    /// The new state (approved comes only from `almanac approve`)
    #[arg(value_name = "STATE", value_parser = MoveStateParser)]
    pub state: MoveStateArg,
}

#[derive(Debug, Args)]
#[command(
    about = "Approve a version in review, recording the reviewer",
    long_about = "Approve a version in review: it becomes approved, and the approval records the\n\
                  reviewer and the sha256 of exactly the content approved. Only a version in review\n\
                  can be approved (otherwise exit 6, store.invalid_transition). The reviewer is\n\
                  --reviewer, else the reviewer name set in the app's settings; without either the\n\
                  command is a usage error (exit 2).",
    after_help = "Examples:\n  almanac approve training-infrastructure v2 --reviewer \"Rita Moreno\"\n  \
                  almanac approve training-infrastructure v2 && almanac state training-infrastructure v2 live"
)]
pub struct ApproveArgs {
    /// The guide's slug
    pub slug: String,
    /// The label of the version to approve
    pub label: String,
    /// Who approves (default: the reviewer name set in the app's settings)
    #[arg(long, value_name = "NAME")]
    pub reviewer: Option<String>,
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
                  Text output marks matches with «»; in JSON a snippet is a list of runs\n\
                  {\"text\": …, \"mark\": true|false}, the matches marked."
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
    if let DbCommands::Init(a) = cmd {
        return init(db, a);
    }
    let reads_only = matches!(
        cmd,
        DbCommands::Guides(_)
            | DbCommands::Versions(_)
            | DbCommands::Search(_)
            | DbCommands::VersionShow(_)
    );
    let mut store =
        if reads_only { database::open_to_read(db, None)? } else { database::open(db, None)? };
    match cmd {
        DbCommands::Init(_) => unreachable!("handled above"),
        DbCommands::Guides(a) => guides(&store, a),
        DbCommands::Versions(a) => versions(&store, a),
        DbCommands::Snapshot(a) => snapshot(&mut store, a),
        DbCommands::State(a) => set_state(&mut store, a),
        DbCommands::Approve(a) => approve(&mut store, a),
        DbCommands::Restore(a) => restore(&mut store, a),
        DbCommands::Search(a) => search(&store, a),
        DbCommands::VersionShow(a) => version_show(&store, a),
    }
}

/// `almanac init`: a new database where none is.
fn init(db: Option<&Path>, a: InitArgs) -> Result<u8, CliError> {
    let path = database::path(db).map_err(store_error)?;
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(CliError::new(
            WRITE,
            format!(
                "{} already exists; init never replaces or changes an existing file (pass --db \
                 <path> for a new database)",
                path.display()
            ),
        )
        .with_code("cli.target_exists"));
    }
    let opts = OpenOptions { seed: a.seed, recover_corrupt: false, ..OpenOptions::default() };
    let store = match Store::open_with(&path, opts) {
        Ok(s) => s,
        Err(e) => {
            // The file did not exist before: leave nothing half-made behind.
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut p = path.clone().into_os_string();
                p.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(p));
            }
            return Err(store_error(e));
        }
    };
    let report = store.open_report().clone();
    drop(store);
    let mut out =
        format!("created {} (schema version {})\n", path.display(), report.schema_version);
    if report.seeded.is_empty() {
        out.push_str(
            "no guides yet (`almanac init --seed` makes a database with the sample guides; \
             `almanac import <bundle> --as-version` adds a guide)\n",
        );
    } else {
        out.push_str(&format!(
            "seeded {} sample guide(s): {}\n",
            report.seeded.len(),
            report.seeded.join(", ")
        ));
    }
    print(&out)
}

fn print(text: &str) -> Result<u8, CliError> {
    output::stdout(text)?;
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
        output::errln!("no guides");
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
        output::errln!("\"{}\" has no named versions yet", g.slug);
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

fn set_state(store: &mut Store, a: StateArgs) -> Result<u8, CliError> {
    let g = store.guide_by_slug(&a.slug).map_err(store_error)?;
    let v = store.version_by_label(g.id, &a.label).map_err(store_error)?;
    let before = store.list_versions(g.id).map_err(store_error)?;
    let to: VersionState = a.state.into();
    let moved = store.set_version_state(v.id, to).map_err(|e| {
        let mut err = store_error(e);
        err.message =
            format!("cannot move {} {} to {}: {}", g.slug, v.label, to.label(), err.message);
        err
    })?;
    let mut out =
        format!("{} {}: {} -> {}\n", g.slug, moved.label, v.state.label(), moved.state.label());
    // Moves the store made along with it (entering live archives the previous live version).
    let after = store.list_versions(g.id).map_err(store_error)?;
    for old in &before {
        if let Some(new) = after.iter().find(|n| n.id == old.id && n.id != v.id) {
            if new.state != old.state {
                out.push_str(&format!(
                    "{} {}: {} -> {}\n",
                    g.slug,
                    new.label,
                    old.state.label(),
                    new.state.label()
                ));
            }
        }
    }
    print(&out)
}

fn approve(store: &mut Store, a: ApproveArgs) -> Result<u8, CliError> {
    let reviewer = match a.reviewer {
        Some(r) => r,
        None => store.setting(REVIEWER_SETTING).map_err(store_error)?.unwrap_or_default(),
    };
    let reviewer = reviewer.trim();
    if reviewer.is_empty() {
        return Err(CliError::new(
            USAGE,
            "approving needs the reviewer's name: pass --reviewer <NAME> (or set the reviewer \
             name in the app's settings)",
        ));
    }
    let g = store.guide_by_slug(&a.slug).map_err(store_error)?;
    let v = store.version_by_label(g.id, &a.label).map_err(store_error)?;
    let approval = store.approve(v.id, reviewer).map_err(|e| {
        let mut err = store_error(e);
        err.message = format!("cannot approve {} {}: {}", g.slug, v.label, err.message);
        err
    })?;
    print(&format!(
        "approved {} {} (reviewer: {}, sha256 {})\n",
        g.slug, v.label, approval.reviewer, approval.content_hash
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

/// A search snippet for a terminal: the matches between « and ».
fn snippet_text(runs: &[SnippetRun]) -> String {
    runs.iter().map(|r| if r.mark { format!("«{}»", r.text) } else { r.text.clone() }).collect()
}

fn search(store: &Store, a: SearchArgs) -> Result<u8, CliError> {
    let query = a.query.join(" ");
    let hits = store.search(&query, a.limit).map_err(store_error)?;
    if a.format == Format::Json {
        return json(&hits);
    }
    if hits.is_empty() {
        output::errln!("no matches for {query:?}");
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
    output::write(&guide.to_canonical_json(), a.output.as_deref())?;
    Ok(OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_read_as_text() {
        let run = |text: &str, mark| SnippetRun { text: text.into(), mark };
        assert_eq!(snippet_text(&[run("a <b> ", false), run("x&y", true)]), "a <b> «x&y»");
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
