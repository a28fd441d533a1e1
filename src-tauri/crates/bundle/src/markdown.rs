//! `guide.md`: the guide as readable Markdown (GitHub-flavoured, tables included).
//!
//! Fields the model documents as Markdown (TL;DR, takeaways, section bodies, the deal footnote,
//! timeline details, FAQ answers) are written as they are. Plain-text fields (titles, headings,
//! questions, table cells, source names and summaries) are escaped so that they read as the
//! same text. An unknown deal cell is written as an em dash. Dates are absolute ("18 Nov 2026"),
//! never relative to when the file is read, and the version is described in the page's words
//! ([`almanac_render::version_words`]). The output is a pure function of the guide: same guide,
//! same bytes.

use almanac_guide::{DatePrecision, FigureKind, Guide, GuideStatus, RelatedLink};

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
        out.block(g.tldr.trim());
    }

    if !g.takeaways.is_empty() {
        out.block("## Key takeaways");
        let items: Vec<String> = g
            .takeaways
            .iter()
            .enumerate()
            .map(|(i, t)| list_item(&format!("{}. ", i + 1), t.text.trim()))
            .collect();
        out.block(&items.join("\n"));
    }

    for s in &g.sections {
        out.block(&format!("## {}", plain_line(&s.heading)));
        if !s.body.trim().is_empty() {
            out.block(s.body.trim());
        }
    }

    if !g.figures.is_empty() {
        out.block("## Figures");
        let items: Vec<String> = g
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let what = match f.kind {
                    FigureKind::DealCapacity => "chart of committed capacity by lab and partner",
                    FigureKind::Timeline => "chart of the timeline",
                };
                format!("- **Figure {}** ({what}): {}", i + 1, plain_line(&f.caption))
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
            out.block(g.deals.footnote.trim());
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
                    line.push_str(d);
                }
                if let Some(link) = e.link.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
                    line.push(' ');
                    line.push_str(&link_md("link", link));
                }
                list_item(&format!("{}. ", i + 1), &line)
            })
            .collect();
        out.block(&items.join("\n"));
    }

    related(&mut out, "Related topics", &g.related_topics);

    if !g.faq.is_empty() {
        out.block("## FAQ");
        for q in &g.faq {
            out.block(&format!("### {}", plain_line(&q.question)));
            if !q.answer.trim().is_empty() {
                out.block(q.answer.trim());
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
                let mut line = format!(
                    "- {} — {} · {} · score {}/10",
                    link_md(&s.title, &s.url),
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
            // A slug points at the sibling bundle folder `../<slug>/`.
            let href = if t.contains(':') { t.to_string() } else { format!("../{t}/") };
            format!("- {}", link_md(&l.title, &href))
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

/// A Markdown link; the destination is wrapped in `<>` when it holds characters that would end
/// a bare destination.
fn link_md(text: &str, url: &str) -> String {
    let url = url.trim();
    let dest = if url.contains(['(', ')', ' ', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E").replace(' ', "%20"))
    } else {
        url.to_string()
    };
    format!("[{}]({dest})", plain_line(text))
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

/// Plain text on one line, with Markdown's active characters escaped.
fn plain_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
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
