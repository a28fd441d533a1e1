//! almanac-diff: the structured difference between two versions of an Almanac guide.
//!
//! One model, [`GuideDiff`], computed by [`diff_guides`] with `similar`, and every view drawn
//! from it: the serialisable diff for the app ([`GuideDiff::to_json`]), the terminal text
//! ([`render_terminal`]) and the standalone HTML report ([`render_report`], saved under
//! [`report_file_name`]).
//!
//! - Parts are the guide's own ([`almanac_guide::Part`], page order), and so are the names
//!   people see for them ([`Part::label`](almanac_guide::Part::label)).
//! - Text fields are diffed word by word on Unicode word boundaries; prose (Markdown) is
//!   aligned by paragraph first, then word by word inside changed paragraphs.
//! - A number, date or quantity is one unit of a word diff, and a changed one is replaced
//!   whole, as a pair of segments of its own marked [`Segment::numeric`]: every view shows the
//!   old and the new figure apart (`[-2 GW-] {+3 GW+}` in the terminal).
//! - List items are matched by their stable id ([`almanac_guide::ListItem`]): an insertion
//!   marks one item; an item whose order relative to the others changed (it is off the
//!   longest common subsequence of ids that keeps the items that travelled least) is reported
//!   as moved; changed items carry their field-level changes.
//! - Unknown deal cells (`None`) compare as empty text, never as "—".
//! - The whole diff runs under one time budget ([`DiffOptions::budget`]); past it, changes are
//!   shown as whole-paragraph or whole-field replacements and marked `coarse`.
//!
//! Modules:
//!
//! - `model`: the serialisable diff ([`GuideDiff`], [`PartDiff`], [`FieldChange`], …);
//! - `compute`: [`diff_guides`]: every part, field by field, and the summary;
//! - `items`: what is compared of each kind of list item, and its short label;
//! - `lists`: matching two versions of a list by id, and finding the moved items;
//! - `text`: word and paragraph diffs under the time budget ([`old_side`], [`new_side`]);
//! - `tokens`: the units a word diff compares: Unicode words, with a number, a date or a
//!   quantity (`-1,200.5`, `2026-11-29`, `$40bn`, `40%`, `2 GW`) as one unit;
//! - `mark`: word marks placed in rendered Markdown, safely;
//! - `terminal`: the terminal view;
//! - `report`: the HTML report, split by view (summary, inline and side-by-side layouts,
//!   rendered and source views, the deal table, the shared writer).

mod compute;
mod items;
mod lists;
mod mark;
mod model;
mod report;
mod terminal;
mod text;
mod tokens;

pub use compute::{diff_guides, diff_guides_with, DiffOptions, DEFAULT_BUDGET};
pub use model::*;
pub use report::{render_report, report_file_name, Layout, ReportOptions, View};
pub use terminal::render_terminal;
pub use text::{new_side, old_side};
