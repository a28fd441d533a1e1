//! almanac-edit: the open draft's edit pipeline. The draft lives here; an editor sends small
//! [`Patch`]es addressed the way validation names fields, and gets back what changed: the
//! inverse patch, the page parts whose HTML changed, the change to the findings, and the
//! derived values to show.
//!
//! # Patches and paths
//!
//! - [`Patch::Set`] sets one field by its validation path ([`almanac_guide::Finding::path`]):
//!   `tldr`, `meta.title`, `meta.version.label`, `deals.caption`, `deals[3].partner`,
//!   `faq[0].answer`, `figures[1].lab`, `sources[2].score`. A path is a part's key
//!   ([`almanac_guide::Part::key`]), then field names after `.` and item positions in `[n]`
//!   (`deals[3]` is row 3 of the deal table: the table's rows are the deal part's list, as in
//!   [`almanac_guide::Part::list_path`]). A path that stops at an item (`deals[3]`) sets the
//!   whole item; a whole list is never set (insert, remove and move its items). The value
//!   must deserialise into the field's type (`null` clears an optional field; a deal row's
//!   capacity also takes its text as a string, and `deals[3].capacity.text` names the same
//!   cell as `deals[3].capacity`). An item's id is a field like any other.
//! - [`Patch::Insert`], [`Patch::Remove`], [`Patch::Move`] work on the lists editors keep
//!   ([`almanac_guide::Part::LISTS`], named by their part: `takeaways`, `deals` for the deal
//!   rows, `faq`, …) and address items by their stable id. An inserted item's id must be new
//!   in its list, and an id shared by several items of a list names none of them
//!   ([`EditError::AmbiguousId`]): that keeps every patch's inverse exact.
//! - [`Patch::Replace`] replaces the whole guide (restores, imports, merges).
//!
//! # Inverses
//!
//! [`apply`] (and [`Session::apply`]) return the inverse patch: `Set` the old value,
//! `Insert` ↔ `Remove` (at the old position, with the old item), `Move` back to the old
//! position, `Replace` with the old guide. Applying the inverse gives back the previous guide
//! exactly (on a normalised guide, which is what a session holds), and the inverse of the
//! inverse is the patch again: undo and redo are inverses. A refused patch changes nothing.
//!
//! Derived values are recomputed only for what changed, by the guide crate's own functions:
//! a deal row whose capacity was set, or which was set whole or inserted, by
//! [`almanac_guide::DealRow::normalize`]; a replacing guide by
//! [`almanac_guide::Guide::normalize`].
//!
//! # What a patch re-validates and re-renders
//!
//! Validation is a list of checks ([`almanac_guide::Check`]); the session keeps each check's
//! findings and runs again only those a patch can change:
//!
//! | patch | checks run again | page chunks rendered again |
//! | --- | --- | --- |
//! | `Set` of `meta.*` | Details, its characters | those reading that field: head (`title`, `lang`), header, sources heading (`topic`), versions (`version`), footer (`kind`, `version`, `updated`) |
//! | `Set` of `tldr` | TL;DR, its characters | TL;DR, contents |
//! | `Set` of `deals.caption` / `deals.footnote` | deal table, its characters | deal table |
//! | `Set` in an item of part `p` | `p`, its characters; figures too for a deal row or an event; ids if the item's id changed | `p`, contents; figures too for a deal row's lab, partner or capacity (or the whole row) and for any event |
//! | `Insert` / `Remove` / `Move` in `p` | `p`, its characters, ids; figures too for deal rows and events | `p`, contents; figures too for deal rows and events |
//! | `Replace` | all | all |
//!
//! (The figures' checks and charts read the deal rows and the timeline; the contents lists the
//! parts that have something to show and the sections' headings; nothing else crosses parts.)
//! Chunks rendered again whose HTML is unchanged are not reported.
//!
//! # Exactness
//!
//! After any sequence of patches, [`Session::findings`] is exactly
//! [`almanac_guide::validate`] of [`Session::guide`] (same findings, same order), and
//! [`Session::document`] is exactly [`almanac_render::render_page_with_theme`] of it, byte for
//! byte: the page is its [`almanac_render::PageChunk`]s in order, each the same bytes alone as
//! in the page, and the session splices re-rendered chunks into the same places. The property
//! tests (`tests/props.rs`) hold the crate to this on random patch sequences.
//!
//! # What an answer carries
//!
//! [`Applied`] is meant to be sent as it is (JSON): the inverse, the changed parts' HTML
//! (only parts whose bytes changed), the changed chrome (head, contents, footer), the
//! findings as a [`FindingsSplice`] against the list the UI already holds (empty for most
//! keystrokes), and the derived values.
//!
//! # The open draft and its autosave
//!
//! [`Drafts`] (module [`draft`]) holds an editor's open drafts by window, each a [`Session`] on
//! a guide's stored draft with the revision it builds on; it applies batches of patches, saves
//! the draft on a thread of its own shortly after the last edit (a stale revision is a
//! conflict, never an overwrite), and sets what the store derives for the page after each save.

pub mod draft;
mod patch;
mod session;

pub use draft::{Drafts, Edited, Opened, SaveReport, SaveState, Taken};
pub use patch::{apply, EditError, Patch};
pub use session::{Applied, Chrome, FindingsSplice, Repainted, Session};
