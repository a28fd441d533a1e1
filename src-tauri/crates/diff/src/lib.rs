//! almanac-diff: the structured difference between two versions of an Almanac guide.
//!
//! One model, [`GuideDiff`], computed by [`diff_guides`] with `similar`, and every view drawn
//! from it: the serialisable diff for the app ([`GuideDiff::to_json`]), the terminal text
//! ([`render_terminal`]) and the standalone HTML report ([`render_report`]).
//!
//! - Text fields are diffed word by word on Unicode word boundaries; prose (Markdown) is
//!   aligned by paragraph first, then word by word inside changed paragraphs.
//! - List items are matched by their stable id: an insertion marks one item; an item whose
//!   order relative to the others changed (it is off the longest common subsequence of ids) is
//!   reported as moved; changed items carry their field-level changes.
//! - Unknown deal cells (`None`) compare as empty text, never as "—".
//! - The whole diff runs under one time budget ([`DiffOptions::budget`]); past it, changes are
//!   shown as whole-paragraph or whole-field replacements and marked `coarse`.

mod compute;
mod mark;
mod model;
mod report;
mod terminal;
mod text;

pub use compute::{diff_guides, diff_guides_with, DiffOptions, DEFAULT_BUDGET};
pub use model::*;
pub use report::{render_report, Layout, ReportOptions, View};
pub use terminal::render_terminal;
pub use text::{new_side, old_side};
