//! Validation: what is wrong with a guide, field by field.
//!
//! Errors block export; warnings do not. Each finding names a field path in the shape the
//! editor uses to jump to it (`deals[3].partner`, `faq[0].answer`, `meta.slug`), a stable code
//! (tests and the UI match on it), and a message for people.
//!
//! Text may hold any character but a control character (Unicode category Cc: U+0000–U+001F,
//! U+007F–U+009F), except tab, line feed and carriage return: a NUL or an escape character in
//! any string field is the error `bad_char` on that field. Carriage returns are allowed and kept
//! as typed, since text pasted from Windows ends its lines with CR LF, and Markdown and the page
//! read CR LF as a line end. Ids are not checked here: `bad_id` already refuses anything but
//! letters, digits, `-` and `_`.

use std::collections::HashSet;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::{
    BarLayout, DatePrecision, Figure, FigureKind, Guide, Part, RelatedLink, FORMAT_VERSION,
};

use crate::shape::limits::{FAQ_ANSWER_MAX, SLUG_MAX, TAKEAWAY_MAX, TITLE_MAX, TLDR_MAX};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema, TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema, TS)]
pub struct Finding {
    pub severity: Severity,
    /// Field path: `meta.title`, `takeaways[2].text`, `deals[3].partner`, `deals.caption`.
    pub path: String,
    /// The stable id of the list item the field belongs to, if any (survives reorders).
    pub item_id: Option<String>,
    /// Stable machine code, e.g. `required`, `too_long`, `bad_url`.
    pub code: String,
    pub message: String,
}

struct Findings(Vec<Finding>);

impl Findings {
    fn push(&mut self, sev: Severity, path: String, item: Option<&str>, code: &str, msg: String) {
        self.0.push(Finding {
            severity: sev,
            path,
            item_id: item.map(str::to_string),
            code: code.to_string(),
            message: msg,
        });
    }
    fn error(&mut self, path: String, item: Option<&str>, code: &str, msg: String) {
        self.push(Severity::Error, path, item, code, msg);
    }
    fn warn(&mut self, path: String, item: Option<&str>, code: &str, msg: String) {
        self.push(Severity::Warning, path, item, code, msg);
    }
    fn required(&mut self, value: &str, path: String, item: Option<&str>, what: &str) -> bool {
        if value.trim().is_empty() {
            self.error(path, item, "required", format!("{what} is required."));
            false
        } else {
            true
        }
    }
    fn max_len(&mut self, value: &str, max: usize, path: String, item: Option<&str>, what: &str) {
        let n = value.chars().count();
        if n > max {
            self.error(
                path,
                item,
                "too_long",
                format!("{what} is {n} characters; the limit is {max}."),
            );
        }
    }
}

/// The parts in the order validation checks them, which is also their order in `guide.json`.
const PARTS_IN_ORDER: [Part; 12] = [
    Part::Meta,
    Part::Tldr,
    Part::Takeaways,
    Part::Sections,
    Part::Figures,
    Part::Deals,
    Part::Timeline,
    Part::RelatedTopics,
    Part::RelatedGuides,
    Part::Faq,
    Part::Sources,
    Part::Versions,
];

/// One check of validation. [`validate`] runs every check of [`Check::ALL`], in order, and its
/// findings are theirs, concatenated; [`validate_check`] runs one. What each check reads:
///
/// - `Format`: `format`;
/// - `Part(p)`: the part `p` (its fields, its items and their order); `Part(Part::Figures)`
///   also reads the deal rows and the timeline, which the figures' options filter;
/// - `Ids`: the ids of every list's items (present, well-formed, unique across the guide);
/// - `Chars(p)`: every string of the part `p` (`bad_char`).
///
/// An edit of part `p` can change the findings of `Part(p)` and `Chars(p)`, of
/// `Part(Part::Figures)` when `p` is the deal table or the timeline, and of `Ids` when it adds,
/// removes, moves or renames an item: nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Check {
    Format,
    Part(Part),
    Ids,
    Chars(Part),
}

impl Check {
    /// Every check, in the order [`validate`] runs them: the format, the parts (in
    /// `guide.json` order), the ids, then the characters of each part (in the same order).
    pub const ALL: [Check; 26] = {
        let mut all = [Check::Format; 26];
        let mut i = 0;
        while i < 12 {
            all[1 + i] = Check::Part(PARTS_IN_ORDER[i]);
            all[14 + i] = Check::Chars(PARTS_IN_ORDER[i]);
            i += 1;
        }
        all[13] = Check::Ids;
        all
    };
}

/// The options of figure `i`: a compute stack names its lab; a lab or partner filter must
/// match a deal row; a range must be readable dates in order; options of another kind are
/// flagged; a figure with nothing to draw is a warning.
fn figure_options(f: &mut Findings, g: &Guide, i: usize, fig: &Figure) {
    let path = |field: &str| format!("figures[{i}].{field}");
    let id = Some(fig.id.as_str());
    let not_for = |f: &mut Findings, field: &str, what: &str| {
        f.warn(
            path(field),
            id,
            "figure_option_unused",
            format!(
                "{what} applies only to {} figures; this one ignores it.",
                if fig.kind.is_capacity() { "timeline" } else { "capacity" }
            ),
        );
    };
    if fig.kind.is_capacity() {
        if fig.key_only {
            not_for(f, "key_only", "\"Key events only\"");
        }
        if fig.from.is_some() || fig.to.is_some() {
            not_for(f, if fig.from.is_some() { "from" } else { "to" }, "A date range");
        }
        if fig.kind == FigureKind::ComputeStack && fig.lab_filter().is_none() {
            f.error(
                path("lab"),
                id,
                "required",
                "A compute stack needs the lab whose deals it draws.".into(),
            );
            return;
        }
        if let Some(lab) = fig.lab_filter() {
            let mut lab_only = fig.clone();
            lab_only.partner = None;
            if lab_only.rows(g).is_empty() {
                f.error(
                    path("lab"),
                    id,
                    "figure_filter_empty",
                    format!("No deal row has the lab \"{lab}\"."),
                );
                return;
            }
        }
        if let Some(partner) = fig.partner_filter() {
            if fig.rows(g).is_empty() {
                f.error(
                    path("partner"),
                    id,
                    "figure_filter_empty",
                    format!(
                        "No deal row{} has a partner containing \"{partner}\".",
                        fig.lab_filter().map(|l| format!(" of {l}")).unwrap_or_default()
                    ),
                );
                return;
            }
        }
        if !fig.rows(g).iter().any(|r| r.capacity.as_ref().and_then(|c| c.gw).is_some()) {
            f.warn(
                path("kind"),
                id,
                "figure_without_data",
                "This chart has nothing to draw: no deal row it shows has a capacity in GW or MW."
                    .into(),
            );
        }
    } else {
        if fig.lab_filter().is_some() || fig.partner_filter().is_some() {
            not_for(
                f,
                if fig.lab_filter().is_some() { "lab" } else { "partner" },
                "A lab or partner filter",
            );
        }
        if fig.bars != BarLayout::Stacked {
            not_for(f, "bars", "The bar layout");
        }
        let mut range_ok = true;
        for (field, value) in [("from", &fig.from), ("to", &fig.to)] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                if crate::partial_date_precision(v).is_none() {
                    range_ok = false;
                    f.error(
                        path(field),
                        id,
                        "bad_date",
                        format!("\"{v}\" is not a date: write a year (2023), a month (2023-09) or a day (2023-09-25)."),
                    );
                }
            }
        }
        if let (Some(from), Some(to), true) = (fig.from.as_deref(), fig.to.as_deref(), range_ok) {
            let n = from.trim().len().min(to.trim().len());
            if from.trim()[..n] > to.trim()[..n] {
                f.error(
                    path("to"),
                    id,
                    "figure_range_order",
                    format!("The range ends ({to}) before it starts ({from})."),
                );
            }
        }
        if fig.events(g).is_empty() {
            f.warn(
                path("kind"),
                id,
                "figure_without_data",
                if g.timeline.is_empty() {
                    "This chart has nothing to draw: the timeline is empty.".into()
                } else {
                    "This chart has nothing to draw: no timeline event matches its options.".into()
                },
            );
        }
    }
}

/// Validates a guide. Findings come in document order, errors and warnings interleaved.
/// Validates a guide. Findings come in document order, errors and warnings interleaved.
///
/// The findings are those of every [`Check`] of [`Check::ALL`], in that order:
/// `validate(g)` is exactly the concatenation of [`validate_check`]`(g, c)` for each `c`.
pub fn validate(g: &Guide) -> Vec<Finding> {
    let mut f = Findings(Vec::new());
    for check in Check::ALL {
        run_check(&mut f, g, check);
    }
    f.0
}

/// The findings of one check: the part of [`validate`]'s list that `check` contributes, in
/// the same order.
pub fn validate_check(g: &Guide, check: Check) -> Vec<Finding> {
    let mut f = Findings(Vec::new());
    run_check(&mut f, g, check);
    f.0
}

fn run_check(f: &mut Findings, g: &Guide, check: Check) {
    match check {
        Check::Format => check_format(f, g),
        Check::Part(part) => match part {
            Part::Meta => check_meta(f, g),
            Part::Tldr => check_tldr(f, g),
            Part::Takeaways => check_takeaways(f, g),
            Part::Sections => check_sections(f, g),
            Part::Figures => check_figures(f, g),
            Part::Deals => check_deals(f, g),
            Part::Timeline => check_timeline(f, g),
            Part::RelatedTopics => check_links(f, "related_topics", &g.related_topics),
            Part::RelatedGuides => check_links(f, "related_guides", &g.related_guides),
            Part::Faq => check_faq(f, g),
            Part::Sources => check_sources(f, g),
            Part::Versions => check_versions(f, g),
        },
        Check::Ids => check_ids(f, g),
        Check::Chars(part) => check_text_chars(f, g, part),
    }
}

/// The format version.
fn check_format(f: &mut Findings, g: &Guide) {
    if g.format != FORMAT_VERSION {
        f.error(
            "format".into(),
            None,
            "bad_format",
            format!("Format version is {}; this build writes format {FORMAT_VERSION}.", g.format),
        );
    }
}

/// The metadata: required fields, the slug, the title's limit, the times.
fn check_meta(f: &mut Findings, g: &Guide) {
    // Metadata.
    let m = &g.meta;
    if f.required(&m.slug, "meta.slug".into(), None, "The slug") && !is_safe_slug(&m.slug) {
        f.error(
            "meta.slug".into(),
            None,
            "unsafe_slug",
            format!(
                "Slug \"{}\" must be 1–{SLUG_MAX} lowercase letters, digits and single hyphens \
                 (no spaces, dots or slashes).",
                m.slug
            ),
        );
    }
    if f.required(&m.title, "meta.title".into(), None, "The title") {
        f.max_len(&m.title, TITLE_MAX, "meta.title".into(), None, "The title");
    }
    f.required(&m.topic, "meta.topic".into(), None, "The topic");
    f.required(&m.kind, "meta.kind".into(), None, "The kind");
    f.required(&m.depth, "meta.depth".into(), None, "The depth");
    f.required(&m.lang, "meta.lang".into(), None, "The language");
    f.required(&m.version.label, "meta.version.label".into(), None, "The version label");
    for (name, value) in
        [("created", &m.created), ("updated", &m.updated), ("generated", &m.generated)]
    {
        if chrono::DateTime::parse_from_rfc3339(value).is_err() {
            f.error(
                format!("meta.{name}"),
                None,
                "bad_date",
                format!("The {name} time \"{value}\" is not an RFC 3339 timestamp (2026-11-18T09:00:00Z)."),
            );
        }
    }
}

/// The TL;DR: required, within its limit.
fn check_tldr(f: &mut Findings, g: &Guide) {
    // TL;DR.
    if f.required(&g.tldr, "tldr".into(), None, "The TL;DR") {
        f.max_len(&g.tldr, TLDR_MAX, "tldr".into(), None, "The TL;DR");
    }
}

/// The key takeaways: at least one, each required and within its limit.
fn check_takeaways(f: &mut Findings, g: &Guide) {
    // Takeaways.
    if g.takeaways.is_empty() {
        f.warn("takeaways".into(), None, "empty_list", "The guide has no key takeaways.".into());
    }
    for (i, t) in g.takeaways.iter().enumerate() {
        let p = format!("takeaways[{i}].text");
        if f.required(&t.text, p.clone(), Some(&t.id), &format!("Takeaway {}", i + 1)) {
            f.max_len(&t.text, TAKEAWAY_MAX, p, Some(&t.id), &format!("Takeaway {}", i + 1));
        }
    }
}

/// The sections: a heading each, a warning for an empty body.
fn check_sections(f: &mut Findings, g: &Guide) {
    // Sections.
    for (i, s) in g.sections.iter().enumerate() {
        f.required(&s.heading, format!("sections[{i}].heading"), Some(&s.id), "A section heading");
        if s.body.trim().is_empty() {
            f.warn(
                format!("sections[{i}].body"),
                Some(&s.id),
                "empty_section",
                format!("Section {} has no text yet.", i + 1),
            );
        }
    }
}

/// The figures: a caption each, and their options (which read the deal rows and the
/// timeline).
fn check_figures(f: &mut Findings, g: &Guide) {
    // Figures.
    for (i, fig) in g.figures.iter().enumerate() {
        f.required(
            &fig.caption,
            format!("figures[{i}].caption"),
            Some(&fig.id),
            "A figure caption",
        );
        figure_options(f, g, i, fig);
    }
}

/// The deal table: its caption, and every row's cells.
fn check_deals(f: &mut Findings, g: &Guide) {
    // Deal table.
    if !g.deals.rows.is_empty() {
        f.required(&g.deals.caption, "deals.caption".into(), None, "The deal table caption");
    }
    for (i, r) in g.deals.rows.iter().enumerate() {
        let cells: [(&str, Option<&str>); 5] = [
            ("lab", r.lab.as_deref()),
            ("partner", r.partner.as_deref()),
            ("capacity", r.capacity.as_ref().map(|c| c.text.as_str())),
            ("timeline", r.timeline.as_deref()),
            ("terms", r.terms.as_deref()),
        ];
        if cells.iter().all(|(_, v)| v.is_none()) {
            f.warn(
                format!("deals[{i}]"),
                Some(&r.id),
                "empty_row",
                format!("Deal row {} has every cell unknown.", i + 1),
            );
        }
        for (name, value) in cells {
            let Some(v) = value else { continue };
            let path = format!("deals[{i}].{name}");
            let t = v.trim();
            if t.is_empty() {
                f.error(
                    path,
                    Some(&r.id),
                    "empty_cell",
                    format!(
                        "Deal row {}: the {name} cell is empty; mark it unknown instead.",
                        i + 1
                    ),
                );
            } else if matches!(t, "—" | "–" | "-" | "n/a" | "N/A" | "?") {
                f.error(path, Some(&r.id), "dash_cell", format!("Deal row {}: the {name} cell holds \"{t}\"; mark the cell unknown instead, and it will render as an em dash.", i + 1));
            }
        }
        if r.lab.is_none() {
            f.warn(
                format!("deals[{i}].lab"),
                Some(&r.id),
                "unknown_lab",
                format!("Deal row {} has no lab.", i + 1),
            );
        }
    }
}

/// The timeline: titles, dates, date order, links.
fn check_timeline(f: &mut Findings, g: &Guide) {
    // Timeline. Every event must be on or after every earlier event, compared at the precision
    // both share: "2026" is not before "2026-03", but "2026-05" is before "2026-10-30" however
    // many year-only events sit between them. `latest[k]` is the greatest date prefix of length
    // `PREFIXES[k]` among the earlier events that have one, and the event it came from.
    const PREFIXES: [usize; 3] = [4, 7, 10];
    let mut latest: [Option<(String, usize)>; 3] = Default::default();
    for (i, e) in g.timeline.iter().enumerate() {
        f.required(&e.title, format!("timeline[{i}].title"), Some(&e.id), "An event title");
        match sortable_partial_date(&e.date, e.precision) {
            Some(key) => {
                let shared = PREFIXES.iter().zip(&latest).filter(|(n, _)| **n <= key.len());
                let before = shared
                    .filter_map(|(n, l)| l.as_ref().filter(|(p, _)| key[..*n] < p[..]))
                    .map(|(_, j)| *j)
                    .next();
                if let Some(j) = before {
                    f.error(
                        format!("timeline[{i}].date"),
                        Some(&e.id),
                        "timeline_order",
                        format!("Event {} ({}) is dated before event {} ({}); keep the timeline in date order.", i + 1, e.date, j + 1, g.timeline[j].date),
                    );
                }
                for (n, l) in PREFIXES.iter().zip(&mut latest).filter(|(n, _)| **n <= key.len()) {
                    if !matches!(l, Some((p, _)) if key[..*n] < p[..]) {
                        *l = Some((key[..*n].to_string(), i));
                    }
                }
            }
            None => f.error(
                format!("timeline[{i}].date"),
                Some(&e.id),
                "bad_date",
                format!("Event {}: {}", i + 1, date_advice(&e.date, e.precision)),
            ),
        }
        if let Some(link) = &e.link {
            check_url(f, link, format!("timeline[{i}].link"), Some(&e.id));
        }
    }
}

/// The FAQ: questions and answers.
fn check_faq(f: &mut Findings, g: &Guide) {
    // FAQ.
    for (i, q) in g.faq.iter().enumerate() {
        f.required(&q.question, format!("faq[{i}].question"), Some(&q.id), "A question");
        let p = format!("faq[{i}].answer");
        if q.answer.trim().is_empty() {
            f.error(p, Some(&q.id), "empty_answer", format!("FAQ {} has no answer.", i + 1));
        } else {
            f.max_len(
                &q.answer,
                FAQ_ANSWER_MAX,
                p,
                Some(&q.id),
                &format!("The answer to FAQ {}", i + 1),
            );
        }
    }
}

/// The sources: score, names, titles, dates, URLs, summaries.
fn check_sources(f: &mut Findings, g: &Guide) {
    // Sources.
    for (i, s) in g.sources.iter().enumerate() {
        let id = Some(s.id.as_str());
        if s.score > 10 {
            f.error(
                format!("sources[{i}].score"),
                id,
                "score_range",
                format!("Source {} has score {}; scores run from 0 to 10.", i + 1, s.score),
            );
        }
        f.required(&s.source, format!("sources[{i}].source"), id, "The source's name");
        f.required(&s.title, format!("sources[{i}].title"), id, "A source title");
        if !is_valid_date_or_timestamp(&s.published) {
            f.error(format!("sources[{i}].published"), id, "bad_date", format!("Source {}: the published date \u{201c}{}\u{201d} is not a date. Write it as YYYY-MM-DD (2026-10-14), or as a date and time (2026-10-14T09:00:00Z).", i + 1, s.published));
        }
        check_url(f, &s.url, format!("sources[{i}].url"), id);
        if s.summary.trim().is_empty() {
            f.warn(
                format!("sources[{i}].summary"),
                id,
                "empty_summary",
                format!("Source {} has no summary.", i + 1),
            );
        }
    }
}

/// The versions block: labels and times.
fn check_versions(f: &mut Findings, g: &Guide) {
    // Versions block.
    for (i, v) in g.versions.iter().enumerate() {
        f.required(&v.label, format!("versions[{i}].label"), None, "A version label");
        if chrono::DateTime::parse_from_rfc3339(&v.at).is_err() {
            f.error(
                format!("versions[{i}].at"),
                None,
                "bad_date",
                format!("Version {} time \"{}\" is not an RFC 3339 timestamp.", v.label, v.at),
            );
        }
    }
}

/// Item ids of every list: present, well-formed and unique across the whole guide.
fn check_ids(f: &mut Findings, g: &Guide) {
    // Ids: present and unique across the whole guide.
    let mut seen = HashSet::new();
    let ids = g
        .takeaways
        .iter()
        .enumerate()
        .map(|(i, x)| (format!("takeaways[{i}].id"), &x.id))
        .chain(g.sections.iter().enumerate().map(|(i, x)| (format!("sections[{i}].id"), &x.id)))
        .chain(g.figures.iter().enumerate().map(|(i, x)| (format!("figures[{i}].id"), &x.id)))
        .chain(g.deals.rows.iter().enumerate().map(|(i, x)| (format!("deals[{i}].id"), &x.id)))
        .chain(g.timeline.iter().enumerate().map(|(i, x)| (format!("timeline[{i}].id"), &x.id)))
        .chain(
            g.related_topics
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("related_topics[{i}].id"), &x.id)),
        )
        .chain(
            g.related_guides
                .iter()
                .enumerate()
                .map(|(i, x)| (format!("related_guides[{i}].id"), &x.id)),
        )
        .chain(g.faq.iter().enumerate().map(|(i, x)| (format!("faq[{i}].id"), &x.id)))
        .chain(g.sources.iter().enumerate().map(|(i, x)| (format!("sources[{i}].id"), &x.id)));
    for (path, id) in ids {
        if id.trim().is_empty() {
            f.error(path, None, "missing_id", "This item has no id.".into());
        } else if !is_safe_id(id) {
            f.error(
                path,
                Some(id),
                "bad_id",
                format!("Id \"{id}\" may hold only letters, digits, '-' and '_' (at most 64)."),
            );
        } else if !seen.insert(id.as_str()) {
            f.error(
                path,
                Some(id),
                "duplicate_id",
                format!(
                    "Id \"{id}\" is used by more than one item; ids must be unique in a guide."
                ),
            );
        }
    }
}

/// True if any finding is an error.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

fn check_links(f: &mut Findings, list: &str, links: &[RelatedLink]) {
    for (i, l) in links.iter().enumerate() {
        let id = Some(l.id.as_str());
        f.required(&l.title, format!("{list}[{i}].title"), id, "A link title");
        let t = l.target.trim();
        if t.is_empty() {
            f.error(
                format!("{list}[{i}].target"),
                id,
                "required",
                "A link needs a slug or a URL.".into(),
            );
        } else if t.contains("://") || t.starts_with("mailto:") || t.contains(':') {
            check_url(f, t, format!("{list}[{i}].target"), id);
        } else if !is_safe_slug(t) {
            f.error(
                format!("{list}[{i}].target"),
                id,
                "bad_target",
                format!(
                    "\"{t}\" is neither a guide slug (lowercase-with-hyphens) nor an http(s) URL."
                ),
            );
        }
    }
}

fn check_url(f: &mut Findings, value: &str, path: String, item: Option<&str>) {
    if !is_http_url(value) {
        f.error(
            path,
            item,
            "bad_url",
            format!("\"{value}\" is not a well-formed http or https URL."),
        );
    }
}

/// A well-formed absolute http(s) URL with a host.
pub fn is_http_url(value: &str) -> bool {
    match url::Url::parse(value.trim()) {
        Ok(u) => {
            matches!(u.scheme(), "http" | "https")
                && u.host_str().is_some_and(|h| !h.is_empty())
                && !value.trim().contains(char::is_whitespace)
        }
        Err(_) => false,
    }
}

/// Lowercase ASCII letters and digits in hyphen-separated runs; no dots, slashes or spaces.
pub fn is_safe_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= SLUG_MAX
        && s.split('-').all(|part| {
            !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

fn is_safe_id(s: &str) -> bool {
    s.len() <= 64 && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn is_valid_date_or_timestamp(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok()
        || chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10
}

/// A key that sorts partial dates: "2019" < "2019-07" < "2019-07-22" compare by their prefix.
/// Returns None when the date does not match its precision.
pub fn sortable_partial_date(date: &str, precision: DatePrecision) -> Option<String> {
    let ok = match precision {
        DatePrecision::Year => date.len() == 4 && date.bytes().all(|b| b.is_ascii_digit()),
        DatePrecision::Month => {
            date.len() == 7
                && chrono::NaiveDate::parse_from_str(&format!("{date}-01"), "%Y-%m-%d").is_ok()
        }
        DatePrecision::Day => {
            date.len() == 10 && chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_ok()
        }
    };
    ok.then(|| date.to_string())
}

/// What is wrong with an event's date that does not fit its precision, in plain words, and how
/// to write it: "“2019” is a year, but Precision is set to month: write the month as YYYY-MM
/// (2019-07), or set Precision to year."
fn date_advice(date: &str, precision: DatePrecision) -> String {
    let name = precision_name(precision);
    let form = format!("{} ({})", precision_form(precision), precision_example(precision));
    let precision_label = Part::Timeline.field_label("precision").unwrap_or("Precision");
    let trimmed = date.trim();
    if trimmed.is_empty() {
        return format!("the date is empty: write the {name} as {form}.");
    }
    let fits = [DatePrecision::Year, DatePrecision::Month, DatePrecision::Day]
        .into_iter()
        .find(|p| *p != precision && sortable_partial_date(trimmed, *p).is_some());
    match fits {
        Some(other) => format!(
            "\u{201c}{date}\u{201d} is a {}, but {precision_label} is set to {name}: write the {name} as {form}, \
             or set {precision_label} to {}.",
            precision_name(other),
            precision_name(other)
        ),
        None => format!(
            "\u{201c}{date}\u{201d} is not a date. Dates are written YYYY, YYYY-MM or YYYY-MM-DD; \
             with {precision_label} set to {name}, write {form}."
        ),
    }
}

fn precision_form(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Year => "YYYY",
        DatePrecision::Month => "YYYY-MM",
        DatePrecision::Day => "YYYY-MM-DD",
    }
}

fn precision_name(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Year => "year",
        DatePrecision::Month => "month",
        DatePrecision::Day => "day",
    }
}

fn precision_example(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Year => "2019",
        DatePrecision::Month => "2019-07",
        DatePrecision::Day => "2019-07-22",
    }
}

/// True for a character text may not hold: a control character other than tab, LF and CR.
fn is_forbidden_char(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// A `bad_char` error for every string field of the part `part` holding a forbidden character,
/// in document order. Every string is found by walking the part's JSON, so a field added to the
/// model is checked without being listed here.
fn check_text_chars(f: &mut Findings, g: &Guide, part: Part) {
    let json = match part {
        Part::Meta => serde_json::to_string(&g.meta),
        Part::Tldr => serde_json::to_string(&g.tldr),
        Part::Takeaways => serde_json::to_string(&g.takeaways),
        Part::Sections => serde_json::to_string(&g.sections),
        Part::Figures => serde_json::to_string(&g.figures),
        Part::Deals => serde_json::to_string(&g.deals),
        Part::Timeline => serde_json::to_string(&g.timeline),
        Part::RelatedTopics => serde_json::to_string(&g.related_topics),
        Part::RelatedGuides => serde_json::to_string(&g.related_guides),
        Part::Faq => serde_json::to_string(&g.faq),
        Part::Sources => serde_json::to_string(&g.sources),
        Part::Versions => serde_json::to_string(&g.versions),
    };
    // The guide's parts always serialise.
    let Ok(text) = json else { return };
    // JSON writes C0 controls as escapes (`\u0000`, `\b`, `\f`), DEL and C1 controls as they
    // are. (`\b` may also be an escaped backslash before a "b": then the walk finds nothing.)
    let escaped = ["\\u00", "\\b", "\\f"].iter().any(|e| text.contains(e));
    if !escaped && !text.contains(is_forbidden_char) {
        return;
    }
    let mut walk = TextWalk { path: part.key().to_string(), found: Vec::new() };
    let mut de = serde_json::Deserializer::from_str(&text);
    // The text is this crate's own serialisation: it always parses.
    if (Texts { walk: &mut walk, list_item: false }).deserialize(&mut de).is_err() {
        return;
    }
    for (path, item, value) in walk.found {
        let bad: Vec<(usize, char)> =
            value.chars().enumerate().filter(|(_, c)| is_forbidden_char(*c)).collect();
        let (at, c) = bad[0];
        let what = crate::path_label(&path);
        let message = if bad.len() == 1 {
            format!("{what} contains the control character U+{:04X} at character {}; text may hold tabs and line breaks, but no other control characters.", u32::from(c), at + 1)
        } else {
            format!("{what} contains {} control characters, the first U+{:04X} at character {}; text may hold tabs and line breaks, but no other control characters.", bad.len(), u32::from(c), at + 1)
        };
        f.error(path, item.as_deref(), "bad_char", message);
    }
}

/// What [`Texts`] collects: each string holding a forbidden character, with its field path in
/// the editor's form and the id of the list item it belongs to.
struct TextWalk {
    /// The JSON path of the value being visited (`deals.rows[2].capacity.text`).
    path: String,
    found: Vec<(String, Option<String>, String)>,
}

impl TextWalk {
    /// The JSON path as a finding names it: `deals.rows[2].lab` is `deals[2].lab`, and a
    /// capacity's text is the capacity cell, `deals[2].capacity`.
    fn field_path(&self) -> String {
        let p = self
            .path
            .strip_prefix("deals.rows[")
            .map_or_else(|| self.path.clone(), |rest| format!("deals[{rest}"));
        match p.strip_suffix(".capacity.text") {
            Some(cell) => format!("{cell}.capacity"),
            None => p,
        }
    }
}

/// Visits one JSON value of the canonical text, noting the strings that hold a forbidden
/// character. An object that is a list item gives its `id` to the findings inside it.
struct Texts<'w> {
    walk: &'w mut TextWalk,
    list_item: bool,
}

impl<'de> DeserializeSeed<'de> for Texts<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Texts<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a guide")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        if v.contains(is_forbidden_char) {
            let path = self.walk.field_path();
            self.walk.found.push((path, None, v.to_string()));
        }
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut i = 0;
        loop {
            let len = self.walk.path.len();
            self.walk.path.push_str(&format!("[{i}]"));
            let more = seq.next_element_seed(Texts { walk: self.walk, list_item: true })?;
            self.walk.path.truncate(len);
            if more.is_none() {
                return Ok(());
            }
            i += 1;
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let start = self.walk.found.len();
        let mut id = None;
        while let Some(key) = map.next_key::<String>()? {
            if key == "id" {
                // Checked by `bad_id`; a list item's id names the item of the findings in it.
                let value: serde_json::Value = map.next_value()?;
                if self.list_item {
                    id = value.as_str().map(str::to_string);
                }
                continue;
            }
            let len = self.walk.path.len();
            if len > 0 {
                self.walk.path.push('.');
            }
            self.walk.path.push_str(&key);
            map.next_value_seed(Texts { walk: self.walk, list_item: false })?;
            self.walk.path.truncate(len);
        }
        if let Some(id) = id {
            for found in &mut self.walk.found[start..] {
                found.1.get_or_insert_with(|| id.clone());
            }
        }
        Ok(())
    }
}
