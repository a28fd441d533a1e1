//! `guide.md`: the guide as readable Markdown (GitHub-flavoured, tables and footnotes
//! included), faithful to the page and inert under any CommonMark renderer.
//!
//! Fields the model documents as Markdown (TL;DR, takeaways, section bodies, the deal footnote,
//! timeline details, FAQ answers) are re-written from their parse (`mdfield`): the page's
//! sanitising rules hold in guide.md too (raw HTML is text, refused links and images are their
//! text, links to the page's own anchors are their text), headings in a section body or an
//! answer nest under its heading as on the page, footnote labels are given a prefix per field
//! (`s1-` for the first section, `q1-` for the first FAQ answer), and an open code fence is
//! closed at the end of its field. Plain-text fields (titles, headings, questions, table cells,
//! source names and summaries) are escaped so that they read as the same text. Links typed into
//! guide fields (sources, timeline links, related links) are linked only when the page links
//! them ([`almanac_render::safe_url`]); a related guide's slug points at the sibling bundle
//! folder. An unknown deal cell is written as an em dash. Dates are absolute ("18 Nov 2026"),
//! never relative to when the file is read, and the version is described in the page's words
//! ([`almanac_render::version_words`]). The output is a pure function of the guide: same guide,
//! same bytes.
//!
//! Heading levels: the title is `#`, every part and each section heading `##`, each FAQ
//! question `###`; headings inside a section body start at `###`, inside an answer at `####`,
//! never deeper than `######`.

use almanac_guide::{
    is_safe_slug, BarLayout, DatePrecision, Figure, FigureKind, Guide, GuideStatus, RelatedLink,
};
use almanac_render::{safe_url, UrlPolicy};

use crate::mdfield::{block_field, inline_field, link_destination, plain_text};

/// The readable Markdown of a guide (`guide.md` in a bundle). Ends with one newline.
pub fn guide_markdown(g: &Guide) -> String {
    let mut out = Md::default();
    let m = &g.meta;

    out.block(&format!("# {}", plain_line(&m.title)));
    let mut meta = Vec::new();
    for part in [&m.topic, &m.kind, &m.depth] {
        if !part.trim().is_empty() {
            meta.push(plain_line(part));
        }
    }
    meta.push(status_str(m.status).to_string());
    let (label, state) = almanac_render::version_words(&m.version);
    meta.push(format!("{} ({state})", plain_line(label)));
    for (what, when) in [("updated", &m.updated), ("generated", &m.generated)] {
        if !when.trim().is_empty() {
            meta.push(format!("{what} {}", date_text(when)));
        }
    }
    out.block(&format!("*{}*", meta.join(" · ")));

    if !g.tldr.trim().is_empty() {
        out.block("## TL;DR");
        out.block(&inline_field(g.tldr.trim()));
    }

    // As on the page, blank takeaways are left out and the others numbered in order.
    let takeaways: Vec<&str> =
        g.takeaways.iter().map(|t| t.text.trim()).filter(|t| !t.is_empty()).collect();
    if !takeaways.is_empty() {
        out.block("## Key takeaways");
        let items: Vec<String> = takeaways
            .iter()
            .enumerate()
            .map(|(i, t)| list_item(&format!("{}. ", i + 1), &inline_field(t)))
            .collect();
        out.block(&items.join("\n"));
    }

    for (i, s) in g.sections.iter().enumerate() {
        let heading = s.heading.trim();
        if !heading.is_empty() {
            out.block(&format!("## {}", plain_line(heading)));
        }
        if !s.body.trim().is_empty() {
            out.block(&block_field(&s.body, 2, &format!("s{}-", i + 1)));
        }
    }

    if !g.figures.is_empty() {
        out.block("## Figures");
        let items: Vec<String> = g
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                format!(
                    "- **Figure {}** ({}): {}",
                    i + 1,
                    figure_words(g, f),
                    plain_line(&f.caption)
                )
            })
            .collect();
        out.block(&items.join("\n"));
    }

    if !g.deals.rows.is_empty() {
        out.block("## Deals");
        if !g.deals.caption.trim().is_empty() {
            out.block(&format!("*{}*", plain_line(&g.deals.caption)));
        }
        let mut table = String::from(
            "| Lab | Partner | Committed capacity | Timeline | Notable terms |\n\
             | --- | --- | --- | --- | --- |",
        );
        for r in &g.deals.rows {
            let cells = [
                r.lab.as_deref(),
                r.partner.as_deref(),
                r.capacity.as_ref().map(|c| c.text.as_str()),
                r.timeline.as_deref(),
                r.terms.as_deref(),
            ];
            table.push_str("\n|");
            for cell in cells {
                table.push(' ');
                table.push_str(&cell.map(table_cell).unwrap_or_else(|| "—".to_string()));
                table.push_str(" |");
            }
        }
        out.block(&table);
        if !g.deals.footnote.trim().is_empty() {
            out.block(&inline_field(g.deals.footnote.trim()));
        }
    }

    if !g.timeline.is_empty() {
        out.block("## Timeline");
        let items: Vec<String> = g
            .timeline
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let mut line = format!(
                    "**{}** — {}",
                    format_partial_date(&e.date, e.precision),
                    plain_line(&e.title)
                );
                if let Some(d) = e.detail.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
                    if !line.ends_with(['.', '!', '?', ':']) {
                        line.push('.');
                    }
                    line.push(' ');
                    line.push_str(&inline_field(d));
                }
                if let Some(url) = e.link.as_deref().and_then(web_url) {
                    line.push(' ');
                    line.push_str(&link_md("link", &url));
                }
                list_item(&format!("{}. ", i + 1), &line)
            })
            .collect();
        out.block(&items.join("\n"));
    }

    related(&mut out, "Related topics", &g.related_topics);

    if !g.faq.is_empty() {
        out.block("## FAQ");
        for (i, q) in g.faq.iter().enumerate() {
            let question = q.question.trim();
            if !question.is_empty() {
                out.block(&format!("### {}", plain_line(question)));
            }
            if !q.answer.trim().is_empty() {
                out.block(&block_field(&q.answer, 3, &format!("q{}-", i + 1)));
            }
        }
    }

    if !g.versions.is_empty() {
        out.block("## Versions");
        // As on the page: a named version marks itself; the working draft marks its base.
        let version = &m.version;
        let (current, base) = if version.is_working_draft() {
            (None, version.based_on.as_deref().map(str::trim).filter(|b| !b.is_empty()))
        } else {
            (Some(version.label.trim()), None)
        };
        let items: Vec<String> = g
            .versions
            .iter()
            .map(|v| {
                let mut line = format!(
                    "- {} · {} · {}",
                    plain_line(&v.label),
                    v.state.label(),
                    date_text(&v.at)
                );
                if current == Some(v.label.trim()) {
                    line.push_str(" · this version");
                } else if base == Some(v.label.trim()) {
                    line.push_str(" · draft builds on this");
                }
                line
            })
            .collect();
        out.block(&items.join("\n"));
    }

    related(&mut out, "Related guides", &g.related_guides);

    if !g.sources.is_empty() {
        out.block("## Sources");
        let items: Vec<String> = g
            .sources
            .iter()
            .map(|s| {
                let title = match web_url(&s.url) {
                    Some(url) => link_md(&s.title, &url),
                    None => plain_line(&s.title),
                };
                let mut line = format!(
                    "- {title} — {} · {} · score {}/10",
                    plain_line(&s.source),
                    date_text(&s.published),
                    s.score
                );
                if !s.summary.trim().is_empty() {
                    line.push_str("\n  ");
                    line.push_str(&plain_line(&s.summary));
                }
                line
            })
            .collect();
        out.block(&items.join("\n"));
    }

    out.finish()
}

/// What a figure draws, with its options, as plain text: "compute stack of Anthropic,
/// stacked", "committed capacity by lab, partners containing “NVIDIA”, grouped", "timeline,
/// key events 2019–2026" (a range as the figure sets it, else the years of the events it
/// draws). Options that do not apply to the figure's kind, and unreadable range ends, are left
/// out, as the chart ignores them.
fn figure_words(g: &Guide, f: &Figure) -> String {
    let mut words = match f.kind {
        FigureKind::DealCapacity => match f.lab_filter() {
            Some(lab) => format!("committed capacity of {}", plain_line(lab)),
            None => "committed capacity by lab".to_string(),
        },
        FigureKind::ComputeStack => match f.lab_filter() {
            Some(lab) => format!("compute stack of {}", plain_line(lab)),
            None => "compute stack".to_string(),
        },
        FigureKind::Timeline => {
            let which = if f.key_only { "key events" } else { "all events" };
            return format!("timeline, {which}{}", timeline_range(g, f));
        }
    };
    if let Some(p) = f.partner_filter() {
        words.push_str(&format!(", partners containing “{}”", plain_line(p)));
    }
    words.push_str(match f.bars {
        BarLayout::Stacked => ", stacked",
        BarLayout::Grouped => ", grouped",
    });
    words
}

/// The span of a timeline figure: its range (" September 2023–2025", " from 2023", " up to
/// 2025"), else the years of the events it draws (" 2019–2026", " 2026"); ", none selected"
/// when it draws none.
fn timeline_range(g: &Guide, f: &Figure) -> String {
    let end = |v: &Option<String>| {
        let d = v.as_deref()?.trim();
        almanac_guide::partial_date_precision(d).map(|p| format_partial_date(d, p))
    };
    match (end(&f.from), end(&f.to)) {
        (Some(a), Some(b)) => format!(" {a}–{b}"),
        (Some(a), None) => format!(" from {a}"),
        (None, Some(b)) => format!(" up to {b}"),
        (None, None) => {
            let years: Vec<&str> = f
                .events(g)
                .into_iter()
                .filter(|e| {
                    almanac_guide::sortable_partial_date(e.date.trim(), e.precision).is_some()
                })
                .map(|e| &e.date.trim()[..4])
                .collect();
            match (years.iter().min(), years.iter().max()) {
                (Some(a), Some(b)) if a == b => format!(" {a}"),
                (Some(a), Some(b)) => format!(" {a}–{b}"),
                _ => ", none selected".to_string(),
            }
        }
    }
}

/// "2019", "July 2019" or "22 July 2019", as the precision says. A date that does not match its
/// precision is written as stored.
pub fn format_partial_date(date: &str, precision: DatePrecision) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if almanac_guide::sortable_partial_date(date, precision).is_none() {
        return plain_line(date);
    }
    let month =
        |s: &str| s.parse::<usize>().ok().and_then(|m| MONTHS.get(m.wrapping_sub(1)).copied());
    match precision {
        DatePrecision::Year => date.to_string(),
        DatePrecision::Month => match month(&date[5..7]) {
            Some(name) => format!("{name} {}", &date[..4]),
            None => date.to_string(),
        },
        DatePrecision::Day => match month(&date[5..7]) {
            Some(name) => format!("{} {name} {}", date[8..10].trim_start_matches('0'), &date[..4]),
            None => date.to_string(),
        },
    }
}

/// An RFC 3339 timestamp or date as an absolute date, "18 Nov 2026" (the date written, in the
/// timestamp's own offset); text that is not a date is written as stored.
fn date_text(raw: &str) -> String {
    match almanac_render::parse_when(raw) {
        Some(t) => almanac_render::format_absolute(t, true),
        None => plain_line(raw),
    }
}

fn related(out: &mut Md, heading: &str, links: &[RelatedLink]) {
    if links.is_empty() {
        return;
    }
    out.block(&format!("## {heading}"));
    let items: Vec<String> = links
        .iter()
        .map(|l| {
            let t = l.target.trim();
            // A slug points at the sibling bundle folder `../<slug>/`; anything the page does
            // not link is written as text.
            let href = if is_safe_slug(t) { Some(format!("../{t}/")) } else { web_url(t) };
            match href {
                Some(href) => format!("- {}", link_md(&l.title, &href)),
                None => format!("- {}", plain_line(&l.title)),
            }
        })
        .collect();
    out.block(&items.join("\n"));
}

fn status_str(s: GuideStatus) -> &'static str {
    match s {
        GuideStatus::Active => "active",
        GuideStatus::Paused => "paused",
        GuideStatus::Archived => "archived",
    }
}

/// A URL typed into a guide field, as the page links it: absolute `http`/`https` only.
fn web_url(raw: &str) -> Option<String> {
    safe_url(raw, UrlPolicy::AbsoluteHttp)
}

/// A Markdown link to a URL the page links; the destination is wrapped in `<>` when it holds
/// characters that would end a bare destination.
fn link_md(text: &str, url: &str) -> String {
    format!("[{}]({})", plain_line(text), link_destination(url.trim()))
}

/// A list item whose continuation lines are indented under the marker.
fn list_item(marker: &str, text: &str) -> String {
    let pad = " ".repeat(marker.chars().count());
    let mut out = String::from(marker);
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.push('\n');
            if !line.trim().is_empty() {
                out.push_str(&pad);
            }
        }
        out.push_str(line);
    }
    out
}

/// Plain text on one line, with everything Markdown or HTML would read escaped: characters
/// that are markup anywhere, `&` before what could be an entity, what would start a block at
/// the start of a line (`-`, `+`, `=`, "1."), and bare URLs right before an escape.
fn plain_line(text: &str) -> String {
    plain_text(text)
}

/// A table cell: plain text on one line, pipes escaped; an empty cell is an em dash.
fn table_cell(text: &str) -> String {
    let cell = plain_line(text);
    if cell.is_empty() {
        "—".to_string()
    } else {
        cell
    }
}

/// Blocks separated by one blank line.
#[derive(Default)]
struct Md(String);

impl Md {
    fn block(&mut self, text: &str) {
        if !self.0.is_empty() {
            self.0.push_str("\n\n");
        }
        self.0.push_str(text);
    }
    fn finish(mut self) -> String {
        self.0.push('\n');
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_their_precision() {
        assert_eq!(format_partial_date("2019", DatePrecision::Year), "2019");
        assert_eq!(format_partial_date("2019-07", DatePrecision::Month), "July 2019");
        assert_eq!(format_partial_date("2019-07-02", DatePrecision::Day), "2 July 2019");
        assert_eq!(format_partial_date("2019-13", DatePrecision::Month), "2019-13");
    }

    #[test]
    fn dates_are_absolute() {
        assert_eq!(date_text("2026-11-18T09:00:00Z"), "18 Nov 2026");
        assert_eq!(date_text(" 2026-10-14 "), "14 Oct 2026");
        assert_eq!(date_text("2026-03-01T00:30:00+01:00"), "1 Mar 2026");
        assert_eq!(date_text("last *week*"), "last \\*week\\*");
    }

    #[test]
    fn plain_text_is_escaped_and_flattened() {
        assert_eq!(plain_line("  a *b*\n c|d "), "a \\*b\\* c\\|d");
        assert_eq!(table_cell("  "), "—");
    }

    #[test]
    fn continuation_lines_are_indented() {
        assert_eq!(list_item("1. ", "one\ntwo\n\nthree"), "1. one\n   two\n\n   three");
    }

    #[test]
    fn timeline_detail_follows_the_title_with_one_stop() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/grid-storage/guide.json"
        ))
        .unwrap();
        let mut g = Guide::from_json(&text).unwrap();
        g.timeline[1].title = "Auction opens?".into();
        let md = guide_markdown(&g);
        assert!(md.contains("— Auction opens? A *rule change*"), "{md}");
        g.timeline[1].title = "Auction opens".into();
        assert!(guide_markdown(&g).contains("— Auction opens. A *rule change*"));
    }

    #[test]
    fn awkward_urls_are_wrapped() {
        assert_eq!(link_md("W", "https://e.org/a_(b)"), "[W](<https://e.org/a_(b)>)");
        assert_eq!(link_md("W", "https://e.org/a"), "[W](https://e.org/a)");
    }
}
