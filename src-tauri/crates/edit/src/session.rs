//! The edit session: the open draft, its findings and its page, kept current patch by patch.

use almanac_guide::{validate_check, Check, Finding, Guide, Part};
use almanac_render::{render_chunk, PageChunk, PageOptions, Theme};
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

use crate::patch::{apply_effect, Effect};
use crate::{EditError, Patch};

/// A piece of the page's site chrome that an edit can change (the other chrome pieces depend
/// on the theme only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Chrome {
    /// From `<!DOCTYPE html>` to `</title>`: the document's language and title.
    Head,
    /// The contents ("On this page", `<nav id="part-contents">`); empty when the page shows
    /// no part beyond the header.
    Contents,
    /// The site footer (`<footer id="part-footer">`).
    Footer,
}

impl Chrome {
    fn of(chunk: PageChunk) -> Option<Chrome> {
        match chunk {
            PageChunk::Head => Some(Chrome::Head),
            PageChunk::Contents => Some(Chrome::Contents),
            PageChunk::Footer => Some(Chrome::Footer),
            _ => None,
        }
    }
}

/// How to turn the findings list the UI holds into the current one: remove `remove` findings
/// at `start` and insert `insert` there (`Array.prototype.splice(start, remove, ...insert)`).
/// Empty (`remove` 0, `insert` empty) when the findings did not change, which is most
/// keystrokes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct FindingsSplice {
    #[ts(type = "number")]
    pub start: usize,
    #[ts(type = "number")]
    pub remove: usize,
    pub insert: Vec<Finding>,
}

impl FindingsSplice {
    /// True when the findings did not change.
    pub fn is_empty(&self) -> bool {
        self.remove == 0 && self.insert.is_empty()
    }

    /// Applies the splice to a findings list.
    pub fn apply_to(&self, findings: &mut Vec<Finding>) {
        findings.splice(self.start..self.start + self.remove, self.insert.iter().cloned());
    }
}

/// The page parts and chrome pieces whose HTML changed when the page was rendered again with
/// other options or theme ([`Session::set_view`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Repainted {
    /// As [`Applied::parts`].
    pub parts: Vec<(Part, String)>,
    /// As [`Applied::chrome`].
    pub chrome: Vec<(Chrome, String)>,
}

/// What a patch changed, for the UI.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Applied {
    /// The patch that undoes this one (and whose own inverse redoes it).
    pub inverse: Patch,
    /// The page parts whose HTML changed, in page order, with their new HTML ([`render_part`]'s
    /// fragment: `<section id="part-…" data-path="…">…`). An empty string: the part has nothing
    /// to show any more and left the page; a part that had none before enters the page after
    /// the nearest earlier part shown (page order is [`PageChunk::ALL`]).
    ///
    /// [`render_part`]: almanac_render::render_part
    pub parts: Vec<(Part, String)>,
    /// The chrome pieces whose HTML changed, with their new HTML.
    pub chrome: Vec<(Chrome, String)>,
    /// The change to the findings list (the full list is [`Session::findings`]).
    pub findings: FindingsSplice,
    /// Derived values the UI shows, by path: `("deals[3].capacity.gw", 0.3)` (or `null`) for a
    /// deal row whose capacity was set, or which was set whole or inserted; every row's for a
    /// replaced guide.
    #[ts(type = "Array<[string, unknown]>")]
    pub derived: Vec<(String, Value)>,
}

/// The open draft: the guide, its findings by [`Check`], and its page by [`PageChunk`], all
/// kept current by [`Session::apply`].
#[derive(Debug, Clone)]
pub struct Session {
    guide: Guide,
    opts: PageOptions,
    theme: Theme,
    /// The findings of each check of [`Check::ALL`], in that order.
    checks: Vec<Vec<Finding>>,
    /// The HTML of each chunk of [`PageChunk::ALL`], in that order.
    chunks: Vec<String>,
}

fn check_index(check: Check) -> usize {
    Check::ALL.iter().position(|c| *c == check).expect("every check is in Check::ALL")
}

fn chunk_index(chunk: PageChunk) -> usize {
    PageChunk::ALL.iter().position(|c| *c == chunk).expect("every chunk is in PageChunk::ALL")
}

impl Session {
    /// A session on `guide` (normalised first: derived values recomputed), its page rendered
    /// with `opts` in the system theme.
    pub fn new(guide: Guide, opts: PageOptions) -> Session {
        Session::with_theme(guide, opts, Theme::System)
    }

    /// [`Session::new`] with the page in a forced theme.
    pub fn with_theme(mut guide: Guide, opts: PageOptions, theme: Theme) -> Session {
        guide.normalize();
        let checks = Check::ALL.iter().map(|c| validate_check(&guide, *c)).collect();
        let chunks =
            PageChunk::ALL.iter().map(|c| render_chunk(&guide, &opts, theme, *c)).collect();
        Session { guide, opts, theme, checks, chunks }
    }

    /// The guide as edited so far.
    pub fn guide(&self) -> &Guide {
        &self.guide
    }

    /// The session's guide, ending the session.
    pub fn into_guide(self) -> Guide {
        self.guide
    }

    /// The page's options and theme.
    pub fn view(&self) -> (PageOptions, Theme) {
        (self.opts, self.theme)
    }

    /// The current findings: exactly `almanac_guide::validate(self.guide())`.
    pub fn findings(&self) -> Vec<Finding> {
        self.checks.iter().flatten().cloned().collect()
    }

    /// The whole page: exactly `render_page_with_theme(self.guide(), &opts, theme)`.
    pub fn document(&self) -> String {
        let mut out = String::with_capacity(self.chunks.iter().map(String::len).sum());
        for chunk in &self.chunks {
            out.push_str(chunk);
        }
        out
    }

    /// The HTML of one chunk of the page.
    pub fn chunk(&self, chunk: PageChunk) -> &str {
        &self.chunks[chunk_index(chunk)]
    }

    /// Applies `patch`: the guide changes, the checks the patch can affect run again, the page
    /// chunks it can affect are rendered again, and the answer says what changed. An error
    /// changes nothing.
    pub fn apply(&mut self, patch: &Patch) -> Result<Applied, EditError> {
        let (inverse, effect) = apply_effect(&mut self.guide, patch)?;
        let findings = self.revalidate(&checks_for(&self.guide, &effect));
        let Repainted { parts, chrome } = self.rerender(&chunks_for(&effect));
        let derived = derived_for(&self.guide, &effect);
        Ok(Applied { inverse, parts, chrome, findings, derived })
    }

    /// Renders the page again with other options or theme (the preview clock moved on, the
    /// editor picked another look); the answer lists the parts and chrome that changed. A new
    /// theme also changes the stylesheet and the `<html>` element: take a new
    /// [`Session::document`] then.
    pub fn set_view(&mut self, opts: PageOptions, theme: Theme) -> Repainted {
        self.opts = opts;
        self.theme = theme;
        self.rerender(&PageChunk::ALL)
    }

    /// Runs `checks` again and returns how the findings list changed.
    fn revalidate(&mut self, checks: &[Check]) -> FindingsSplice {
        let mut changed: Vec<usize> = Vec::new();
        let mut old: Vec<(usize, Vec<Finding>)> = Vec::new();
        for check in checks {
            let i = check_index(*check);
            let new = validate_check(&self.guide, *check);
            if new != self.checks[i] {
                old.push((i, std::mem::replace(&mut self.checks[i], new)));
                changed.push(i);
            }
        }
        let (Some(&lo), Some(&hi)) = (changed.iter().min(), changed.iter().max()) else {
            return FindingsSplice::default();
        };
        let start: usize = self.checks[..lo].iter().map(Vec::len).sum();
        // The old findings of checks lo..=hi: those replaced, and the others as they are.
        let mut before: Vec<Finding> = Vec::new();
        for i in lo..=hi {
            match old.iter().find(|(j, _)| *j == i) {
                Some((_, f)) => before.extend(f.iter().cloned()),
                None => before.extend(self.checks[i].iter().cloned()),
            }
        }
        let after: Vec<&Finding> = self.checks[lo..=hi].iter().flatten().collect();
        let prefix = before.iter().zip(&after).take_while(|(a, b)| a == *b).count();
        let suffix = before[prefix..]
            .iter()
            .rev()
            .zip(after[prefix..].iter().rev())
            .take_while(|(a, b)| a == *b)
            .count();
        FindingsSplice {
            start: start + prefix,
            remove: before.len() - prefix - suffix,
            insert: after[prefix..after.len() - suffix].iter().map(|f| (*f).clone()).collect(),
        }
    }

    /// Renders `chunks` again and returns the parts and chrome whose HTML changed.
    fn rerender(&mut self, chunks: &[PageChunk]) -> Repainted {
        let mut out = Repainted::default();
        // In page order, whatever order `chunks` names them in.
        for (i, chunk) in PageChunk::ALL.iter().enumerate() {
            if !chunks.contains(chunk) {
                continue;
            }
            let html = render_chunk(&self.guide, &self.opts, self.theme, *chunk);
            if html == self.chunks[i] {
                continue;
            }
            match (chunk, Chrome::of(*chunk)) {
                (PageChunk::Part(p), _) => out.parts.push((*p, html.clone())),
                (_, Some(c)) => out.chrome.push((c, html.clone())),
                // The theme's own chunks (stylesheet, …) change with `set_view` only; a change
                // of them is a new document.
                _ => {}
            }
            self.chunks[i] = html;
        }
        out
    }
}

/// The checks whose findings an applied patch can change (see [`Check`] for what each reads).
fn checks_for(g: &Guide, effect: &Effect) -> Vec<Check> {
    let figures =
        |part: Part| matches!(part, Part::Deals | Part::Timeline) && !g.figures.is_empty();
    match effect {
        Effect::Meta(_) => vec![Check::Part(Part::Meta), Check::Chars(Part::Meta)],
        Effect::Tldr => vec![Check::Part(Part::Tldr), Check::Chars(Part::Tldr)],
        Effect::DealTable => vec![Check::Part(Part::Deals), Check::Chars(Part::Deals)],
        Effect::Item { part, id_changed, .. } => {
            let mut checks = vec![Check::Part(*part), Check::Chars(*part)];
            if figures(*part) {
                checks.push(Check::Part(Part::Figures));
            }
            if *id_changed {
                checks.push(Check::Ids);
            }
            checks
        }
        Effect::List { part, .. } => {
            let mut checks = vec![Check::Part(*part), Check::Chars(*part), Check::Ids];
            if figures(*part) {
                checks.push(Check::Part(Part::Figures));
            }
            checks
        }
        Effect::Replace => Check::ALL.to_vec(),
    }
}

/// The page chunks an applied patch can change (see [`PageChunk`] for what each reads).
fn chunks_for(effect: &Effect) -> Vec<PageChunk> {
    use PageChunk as C;
    let meta = C::Part(Part::Meta);
    match effect {
        Effect::Meta(field) => match field.as_deref() {
            Some("title") => vec![C::Head, meta],
            Some("lang") => vec![C::Head],
            Some("topic") => vec![meta, C::Part(Part::Sources)],
            Some("kind") => vec![meta, C::Footer],
            Some("depth" | "status" | "generated") => vec![meta],
            Some("version") => vec![meta, C::Part(Part::Versions), C::Footer],
            Some("updated") => vec![C::Footer],
            Some("slug" | "created") => vec![],
            _ => vec![C::Head, meta, C::Part(Part::Sources), C::Part(Part::Versions), C::Footer],
        },
        Effect::Tldr => vec![C::Part(Part::Tldr), C::Contents],
        Effect::DealTable => vec![C::Part(Part::Deals)],
        Effect::Item { part, field, .. } => {
            let mut chunks = vec![C::Part(*part), C::Contents];
            // The charts read the deal rows' lab, partner and capacity, and the whole timeline.
            let charted = match part {
                Part::Deals => !matches!(field.as_deref(), Some("timeline" | "terms" | "id")),
                Part::Timeline => true,
                _ => false,
            };
            if charted {
                chunks.push(C::Part(Part::Figures));
            }
            chunks
        }
        Effect::List { part, .. } => {
            let mut chunks = vec![C::Part(*part), C::Contents];
            if matches!(part, Part::Deals | Part::Timeline) {
                chunks.push(C::Part(Part::Figures));
            }
            chunks
        }
        Effect::Replace => PageChunk::ALL.to_vec(),
    }
}

/// `("deals[i].capacity.gw", gw)` for row `i`.
fn capacity_gw(g: &Guide, i: usize) -> Option<(String, Value)> {
    let row = g.deals.rows.get(i)?;
    let gw = row.capacity.as_ref().and_then(|c| c.gw);
    Some((format!("deals[{i}].capacity.gw"), serde_json::to_value(gw).unwrap_or(Value::Null)))
}

/// The derived values an applied patch recomputed.
fn derived_for(g: &Guide, effect: &Effect) -> Vec<(String, Value)> {
    match effect {
        Effect::Item { part: Part::Deals, index, field, .. }
            if matches!(field.as_deref(), None | Some("capacity")) =>
        {
            capacity_gw(g, *index).into_iter().collect()
        }
        Effect::List { part: Part::Deals, inserted: Some(index) } => {
            capacity_gw(g, *index).into_iter().collect()
        }
        Effect::Replace => (0..g.deals.rows.len()).filter_map(|i| capacity_gw(g, i)).collect(),
        _ => Vec::new(),
    }
}
