//! The HTML report: standalone, well nested, safe with hostile text, in every layout and view.

mod common;

use almanac_diff::{
    diff_guides_with, render_report, DiffOptions, GuideDiff, Layout, ReportOptions, View,
};
use almanac_guide::{BarLayout, Figure, FigureKind, Guide, Takeaway};
use common::{diff, v1, v2};

const ALL: [ReportOptions; 4] = [
    ReportOptions { layout: Layout::Inline, view: View::Rendered },
    ReportOptions { layout: Layout::Inline, view: View::Source },
    ReportOptions { layout: Layout::SideBySide, view: View::Rendered },
    ReportOptions { layout: Layout::SideBySide, view: View::Source },
];

fn report(old: &Guide, new: &Guide, d: &GuideDiff, o: &ReportOptions) -> String {
    render_report(old, new, d, o)
}

/// The tags of the document's body, as written between `<` and `>`.
fn body_tags(html: &str) -> Vec<&str> {
    let start = html.find("<body").expect("a body");
    let end = html.rfind("</body>").expect("a closed body") + "</body>".len();
    let mut rest = &html[start..end];
    let mut tags = Vec::new();
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let close = after.find('>').expect("every tag is closed");
        tags.push(&after[..close]);
        rest = &after[close + 1..];
    }
    tags
}

/// Checks that every element is closed in order (void and self-closed elements aside), and
/// returns the number of `<ins>` and `<del>` elements.
fn check_nesting(html: &str) -> (usize, usize) {
    const VOID: [&str; 9] = ["meta", "br", "hr", "img", "input", "col", "wbr", "link", "source"];
    let mut stack: Vec<String> = Vec::new();
    let (mut ins, mut del) = (0, 0);
    for tag in body_tags(html) {
        if tag.starts_with('!') {
            continue;
        }
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if closing {
            let top = stack.pop().unwrap_or_else(|| panic!("</{name}> closes nothing"));
            assert_eq!(top, name, "</{name}> closes <{top}>");
        } else if !VOID.contains(&name.as_str()) && !tag.ends_with('/') {
            if name == "ins" {
                ins += 1;
            }
            if name == "del" {
                del += 1;
            }
            stack.push(name);
        }
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    (ins, del)
}

/// A standalone page: one inline stylesheet, no script, nothing loaded from anywhere.
fn assert_standalone(html: &str) {
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(html.ends_with("</html>\n"));
    let head = &html[..html.find("<body").unwrap()];
    assert_eq!(head.matches("<style>").count(), 1);
    for bad in ["<script", "<link", "@import", "url(", "<base"] {
        assert!(!head.to_ascii_lowercase().contains(bad), "the head must not contain {bad:?}");
    }
    for tag in body_tags(html) {
        let t = tag.to_ascii_lowercase();
        let name: String =
            t.trim_start_matches('/').chars().take_while(char::is_ascii_alphanumeric).collect();
        assert!(
            !["script", "style", "link", "img", "iframe", "object", "embed", "form", "base"]
                .contains(&name.as_str()),
            "no <{name}> in the body: <{tag}>"
        );
        for attr in [" src=", " srcset=", " on", " style=", "javascript:"] {
            assert!(!t.contains(attr), "no {attr:?} in <{tag}>");
        }
    }
}

#[test]
fn every_variant_is_standalone_and_well_nested() {
    let (a, b) = (v1(), v2());
    let d = diff(&a, &b);
    for o in ALL {
        let html = report(&a, &b, &d, &o);
        assert_standalone(&html);
        let (ins, del) = check_nesting(&html);
        assert!(ins > 0 && del > 0, "{o:?} shows insertions and deletions");
        // The summary comes first, then the parts in page order.
        let summary = html.find("id=\"diff-summary-h\"").unwrap();
        let meta = html.find("id=\"diff-meta\"").unwrap();
        let sources = html.find("id=\"diff-sources\"").unwrap();
        assert!(summary < meta && meta < sources);
        // Unchanged parts are collapsed; changed parts are open sections.
        assert!(html.contains("<details class=\"diff-part diff-unchanged\" id=\"diff-sections\">"));
        assert!(html.contains("<section class=\"diff-part\" id=\"diff-faq\""));
        // The edits are all there.
        for needle in [
            "tk-physical-security",
            "tk-codesign",
            "deal-anthropic-spacex",
            "deal-openai-aws",
            "diff-field-name\">Version · state<",
            "diff-field-name\">Answer<",
        ] {
            assert!(html.contains(needle), "{o:?}: {needle}");
        }
        assert!(!html.contains("class=\"diff-coarse\""), "no coarse note without a coarse change");
        // Items and fields are named as people name them, never by internal id or field path.
        assert!(!html.contains("class=\"diff-id\""), "{o:?}");
        assert!(!html.contains(">faq[3].answer<") && !html.contains(">tk-codesign<"), "{o:?}");
        assert!(html.contains("<span class=\"diff-path\">question 4</span>"), "{o:?}");
    }
}

#[test]
fn deterministic() {
    let (a, b) = (v1(), v2());
    let d = diff(&a, &b);
    for o in ALL {
        assert_eq!(report(&a, &b, &d, &o), report(&a, &b, &diff(&a, &b), &o));
    }
}

#[test]
fn rendered_view_marks_words_inside_rendered_markdown() {
    let (a, b) = (v1(), v2());
    let d = diff(&a, &b);
    let o = ReportOptions { layout: Layout::Inline, view: View::Rendered };
    let html = report(&a, &b, &d, &o);
    assert!(html.contains("<del>machines</del><ins>systems</ins>"));
    // The FAQ answer is rendered Markdown (<p>) with word marks inside it.
    assert!(html.contains("<del>is still</del><ins>remains</ins>"));
    // The TL;DR's Markdown emphasis is rendered, not shown as asterisks.
    let tldr =
        &html[html.find("id=\"diff-tldr\"").unwrap()..html.find("id=\"diff-takeaways\"").unwrap()];
    assert!(tldr.contains("<em>whether</em>"), "{tldr}");
    // In the source view it is shown as typed.
    let src = report(&a, &b, &d, &ReportOptions { layout: Layout::Inline, view: View::Source });
    let tldr =
        &src[src.find("id=\"diff-tldr\"").unwrap()..src.find("id=\"diff-takeaways\"").unwrap()];
    assert!(tldr.contains("*whether*"));
}

#[test]
fn the_deal_table_is_compared_cell_by_cell() {
    let (a, mut b) = (v1(), v2());
    // An unknown cell that becomes known shows the em dash of an unknown cell, never a
    // stored "—".
    let row = b.deals.rows.iter_mut().find(|r| r.id == "deal-anthropic-fluidstack").unwrap();
    let was = row.partner.take();
    assert!(was.is_some());
    let d = diff(&a, &b);
    for o in ALL {
        let html = report(&a, &b, &d, &o);
        let table = &html[html.find("class=\"deal-table diff-deal-table\"").unwrap()..];
        let table = &table[..table.find("</table>").unwrap()];
        // One row per row of either version: v1's rows plus the one v2 added.
        assert_eq!(table.matches("<tr class=\"diff-row-").count(), a.deals.rows.len() + 1);
        assert!(table.contains("diff-row-removed"));
        assert!(table.contains("diff-row-added"));
        match o.view {
            View::Rendered => assert!(table.contains("<abbr class=\"unknown\"")),
            View::Source => assert!(table.contains("(unknown)")),
        }
    }
}

fn hostile() -> (Guide, Guide) {
    let mut a = v1();
    // Private-use characters like the ones marks are made of, typed in unchanged text.
    a.takeaways[1].text.push_str(" \u{E000}same\u{E001} \u{E002}old\u{E003}");
    let mut b = a.clone();
    b.takeaways[1].text.push_str(" and more");
    b.tldr = format!("{} <script>alert(1)</script> [x](javascript:alert(2))", b.tldr);
    b.takeaways[0].text = "<img src=x onerror=alert(3)> **bold** \u{E000}sneaky\u{E001}".into();
    b.takeaways.push(Takeaway {
        id: "tk-evil\"><script>".into(),
        text: "<b>new</b>".into(),
        lang: None,
    });
    b.sections[0].body = format!(
        "{}\n\n<iframe src=\"https://evil.example\"></iframe>\n\n[link](https://example.com/\u{E002}x)",
        b.sections[0].body
    );
    b.deals.rows[0].terms = Some("<style>body{display:none}</style>".into());
    b.meta.title = "Title </title><script>x</script>".into();
    (a, b)
}

#[test]
fn hostile_text_never_becomes_markup() {
    let (a, b) = hostile();
    let d = diff(&a, &b);
    for o in ALL {
        let html = report(&a, &b, &d, &o);
        assert_standalone(&html);
        check_nesting(&html);
        let lower = html.to_ascii_lowercase();
        assert!(!lower.contains("<img"), "{o:?}");
        assert!(!lower.contains("<b>new"), "{o:?}");
        // (A `javascript:` link is refused by the renderer; `assert_standalone` checks no tag
        // carries one. In the source view it is shown as the text that was typed.)
        assert!(!lower.contains("<style>body"), "{o:?}");
        assert!(!lower.contains("\"><script"), "{o:?}");
        // Characters like the marks' own, typed by an editor, never become marks.
        for fake in ["<ins>same", "<del>old"] {
            assert!(!html.contains(fake), "{o:?}: {fake}");
        }
    }
}

#[test]
fn identical_guides_give_a_report_with_nothing_open() {
    let a = v1();
    let d = diff(&a, &a);
    for o in ALL {
        let html = report(&a, &a, &d, &o);
        assert_standalone(&html);
        check_nesting(&html);
        assert!(html.contains("No changes"));
        assert!(!html.contains("<section class=\"diff-part\""));
        assert_eq!(html.matches("<details class=\"diff-part diff-unchanged\"").count(), 12);
    }
}

#[test]
fn a_coarse_diff_says_so() {
    let a = v1();
    let mut b = a.clone();
    b.tldr.push_str(" More.");
    let d = diff_guides_with(&a, &b, &DiffOptions { budget: Some(std::time::Duration::ZERO) });
    assert!(d.summary.coarse);
    for o in ALL {
        let html = report(&a, &b, &d, &o);
        assert!(html.contains("class=\"diff-coarse\""));
        assert!(html.contains("diff-badge-coarse"));
        check_nesting(&html);
    }
}

#[test]
fn inline_rendered_report_snapshot() {
    let (a, b) = (v1(), v2());
    let d = diff(&a, &b);
    let html = report(&a, &b, &d, &ReportOptions::default());
    // The stylesheet is the render crate's and this crate's CSS file: snapshot the document
    // without it.
    let start = html.find("<style>").unwrap();
    let end = html.find("</style>").unwrap();
    let mut doc = format!("{}<style>…</style>{}", &html[..start], &html[end + "</style>".len()..]);
    // Unchanged parts are the renderer's own output (pinned by its tests): keep their
    // collapsed headers only.
    let mut at = 0;
    while let Some(i) = doc[at..].find("<details class=\"diff-part diff-unchanged\"") {
        let open = at + i;
        let body = open + doc[open..].find("</summary>").unwrap() + "</summary>".len();
        let close = body + doc[body..].find("</details>\n<").unwrap();
        doc.replace_range(body..close, "…");
        at = body;
    }
    insta::assert_snapshot!("report_inline_rendered", doc);
}

/// Every `id="…"` of the document, and the fragment of every `href="#…"`.
fn ids_and_fragments(html: &str) -> (Vec<&str>, Vec<&str>) {
    let values = |attr: &str| -> Vec<&str> {
        html.split(attr).skip(1).map(|rest| &rest[..rest.find('"').expect("quoted")]).collect()
    };
    (values(" id=\""), values(" href=\"#"))
}

/// One page: one `<h1>` (the report's title), no id twice, every in-page link lands.
fn assert_one_valid_page(html: &str, what: &str) {
    assert_eq!(html.matches("<h1").count(), 1, "{what}: exactly one h1");
    let (ids, fragments) = ids_and_fragments(html);
    let mut seen = std::collections::BTreeSet::new();
    for id in &ids {
        assert!(seen.insert(*id), "{what}: duplicate id {id:?}");
    }
    for f in fragments {
        assert!(seen.contains(f), "{what}: href=\"#{f}\" lands nowhere");
    }
}

/// Sections whose bodies all use the footnote label `[^1]` (and a top-level heading), some
/// changed, one added, one removed, one unchanged, with the guide's header unchanged.
fn footnote_pair() -> (Guide, Guide) {
    let mut a = v1();
    let body = |word: &str| {
        format!("# {word} heading\n\n{word} claim.[^1] {word} again.[^1]\n\n[^1]: {word} note.")
    };
    for (i, s) in a.sections.iter_mut().enumerate() {
        let word = ["Alpha", "Beta", "Gamma", "Delta"]
            .get(i)
            .map_or(format!("Other{i}"), |w| w.to_string());
        s.body = body(&word);
    }
    a.faq[0].answer = body("Epsilon");
    let mut b = a.clone();
    b.sections[0].body = b.sections[0].body.replace("Alpha claim", "Alpha statement");
    b.sections[1].body = b.sections[1].body.replace("Beta again", "Beta once more");
    b.sections.remove(3);
    let mut added = b.sections[2].clone();
    added.id = "sec-added".into();
    added.body = body("Zeta");
    b.sections.push(added);
    b.faq[0].answer = b.faq[0].answer.replace("Epsilon claim", "Epsilon statement");
    (a, b)
}

#[test]
fn every_report_is_one_page_with_unique_ids_and_landing_links() {
    let (s1, s2) = (v1(), v2());
    let (f1, f2) = footnote_pair();
    assert!(f1.meta == f2.meta, "the header is unchanged, so the report shows it as the page does");
    for (name, a, b) in [("sample v1 → v2", &s1, &s2), ("footnotes", &f1, &f2)] {
        let d = diff(a, b);
        for o in ALL {
            let html = report(a, b, &d, &o);
            assert_one_valid_page(&html, &format!("{name}, {o:?}"));
        }
    }
}

#[test]
fn footnote_links_land_on_their_own_note() {
    let (a, b) = footnote_pair();
    let d = diff(&a, &b);
    for o in [ALL[0], ALL[2]] {
        let html = report(&a, &b, &d, &o);
        let mut refs = 0;
        for (at, _) in html.match_indices("<sup class=\"footnote-reference\"><a href=\"#") {
            let target = &html[at..];
            let target = &target[target.find("#").unwrap() + 1..];
            let target = &target[..target.find('"').unwrap()];
            // The word that starts the reference's paragraph names its note.
            let para = &html[html[..at].rfind("<p").unwrap()..at];
            let word = para[para.find('>').unwrap() + 1..].split([' ', '<']).next().unwrap();
            let note = &html[html.find(&format!("<li id=\"{target}\"")).unwrap()..];
            let note = &note[..note.find("</li>").unwrap()];
            assert!(
                note.contains(&format!("{word} note.")),
                "{o:?}: {word}'s reference lands on {note}"
            );
            // And the note links back to that reference.
            let back = &html[at..];
            let back = &back[back.find(" id=\"").unwrap() + 5..];
            let back = &back[..back.find('"').unwrap()];
            assert!(
                note.contains(&format!("href=\"#{back}\"")),
                "{o:?}: {note} links back to {back}"
            );
            refs += 1;
        }
        assert!(refs >= 12, "{o:?}: {refs} references checked");
    }
}

/// v1 with its timeline figure removed and a compute stack of OpenAI added.
fn figure_pair() -> (Guide, Guide) {
    let a = v1();
    let mut b = a.clone();
    b.figures.remove(1);
    let mut openai = Figure::new("fig-openai", FigureKind::ComputeStack, "OpenAI's stack");
    openai.lab = Some("OpenAI".into());
    b.figures.push(openai);
    (a, b)
}

#[test]
fn a_changed_figure_is_drawn_old_and_new_side_by_side() {
    let (a, mut b) = (v1(), v1());
    b.figures[0].bars = BarLayout::Grouped;
    b.figures[1].key_only = false;
    b.figures[1].from = Some("2023".into());
    b.timeline[0].key = false;
    let d = diff(&a, &b);
    // Options are field changes, in the shape's order; the event's key flag too.
    let fields: Vec<&str> = d.field_changes().map(|f| f.path.as_str()).collect();
    assert_eq!(
        fields,
        ["figures[0].bars", "figures[1].key_only", "figures[1].from", "timeline[0].key"]
    );
    for o in ALL {
        let html = report(&a, &b, &d, &o);
        assert_one_valid_page(&html, &format!("{o:?}"));
        check_nesting(&html);
        let drawn = html.matches("<div class=\"diff-sbs diff-figures\">").count();
        if o.view == View::Source {
            assert_eq!(drawn, 0, "{o:?}: the source view shows figures as typed");
            continue;
        }
        assert_eq!(drawn, 2, "{o:?}: both changed figures are drawn");
        let sides = &html[html.find("<div class=\"diff-sbs diff-figures\">").unwrap()..];
        let (old, new) = sides.split_at(sides.find("diff-col-new").unwrap());
        assert!(old.contains("id=\"diff-fig-fig-anthropic-stack-old\""), "{o:?}");
        assert!(new.contains("id=\"diff-fig-fig-anthropic-stack-new\""), "{o:?}");
        // Stacked: one bar of three segments; grouped: a bar per partner.
        let bars = |s: &str| s[..s.find("</figure>").unwrap()].matches("<g class=\"bar\">").count();
        assert_eq!((bars(old), bars(new)), (1, 3), "{o:?}");
        assert!(html.contains("<del>true</del>") && html.contains("<ins>false</ins>"), "{o:?}");
    }
}

#[test]
fn added_removed_and_redrawn_figures_are_drawn() {
    let (a, b) = figure_pair();
    let d = diff(&a, &b);
    let o = ReportOptions { layout: Layout::Inline, view: View::Rendered };
    let html = report(&a, &b, &d, &o);
    assert_one_valid_page(&html, "figure pair");
    assert!(html.contains("id=\"diff-fig-fig-openai-new\""), "the added figure is drawn");
    assert!(html.contains("id=\"diff-fig-fig-timeline-old\""), "the removed figure is drawn");
    // v1 → v2 draws the stack without the removed SpaceX row: the Figures part says so and
    // opens, although no figure's own field changed.
    let (v1, v2) = (v1(), v2());
    let d = diff(&v1, &v2);
    assert!(d.part(almanac_guide::Part::Figures).is_empty());
    for o in ALL {
        let html = report(&v1, &v2, &d, &o);
        assert_one_valid_page(&html, &format!("v1 → v2 {o:?}"));
        let part = &html[html.find("id=\"diff-figures\"").unwrap()..];
        let part = &part[..part.find("</details>").unwrap()];
        if o.view == View::Source {
            assert!(!part.contains("drawn differently"));
            continue;
        }
        assert!(html.contains("id=\"diff-figures\" open><summary>Figures <span class=\"diff-counts\">unchanged · one figure drawn differently"));
        assert!(part.contains(
            "Figure 1 (\u{201c}Anthropic&#39;s multi-vendor compute stack (as of mid-2026)\u{201d}) is drawn differently"
        ));
        let (old, new) = part.split_at(part.find("diff-col-new").unwrap());
        assert!(old.contains("SpaceX Colossus") && !new.contains("SpaceX Colossus"), "{o:?}");
    }
}
