//! Changed numbers, dates and quantities: each is replaced whole and shown as its old and its
//! new value apart, in the model, the terminal view and the HTML report.

mod common;

use almanac_diff::{
    render_report, render_terminal, FieldChange, GuideDiff, Layout, ReportOptions, SegmentOp, View,
};
use almanac_guide::Guide;
use common::{diff, v1};

/// The sample guide before and after a round of figure edits: in the TL;DR (inline Markdown,
/// rendered), the deal table (plain text cells) and a section body (prose, rendered).
fn figures_edited() -> (Guide, Guide) {
    let mut a = v1();
    a.tldr = "Options for 2 GW across **12** sites, up 40% on last year.".into();
    let row = &mut a.deals.rows[0];
    row.terms = Some("$40bn over 1,200 days".into());
    row.timeline = Some("Online by 2026-11-29".into());
    a.sections[0].body = "The build-out costs $40bn.\n\nA second paragraph.".into();
    let mut b = a.clone();
    b.tldr = "Options for 3 GW across **13** sites, up 45% on last year.".into();
    let row = &mut b.deals.rows[0];
    row.terms = Some("$45bn over 1,250 days".into());
    row.timeline = Some("Online by 2026-12-01".into());
    b.sections[0].body = "The build-out costs $45bn.\n\nA second paragraph.".into();
    (a, b)
}

fn field<'a>(d: &'a GuideDiff, path: &str) -> &'a FieldChange {
    d.field_changes().find(|f| f.path == path).unwrap_or_else(|| panic!("no change at {path}"))
}

/// The number replacements of a list of segments: (old, new).
fn pairs(segs: &[almanac_diff::Segment]) -> Vec<(&str, &str)> {
    segs.windows(2)
        .filter(|w| w[0].starts_numeric_pair(Some(&w[1])))
        .map(|w| (w[0].text.as_str(), w[1].text.as_str()))
        .collect()
}

#[test]
fn the_model_pairs_each_changed_figure() {
    let (a, b) = figures_edited();
    let d = diff(&a, &b);
    let tldr = field(&d, "tldr");
    assert_eq!(pairs(&tldr.segments), [("2 GW", "3 GW"), ("12", "13"), ("40%", "45%")]);
    // Numeric segments come only in pairs, never merged with other text.
    for f in d.field_changes() {
        let segs: Vec<_> =
            f.segments.iter().chain(f.paragraphs.iter().flat_map(|p| &p.segments)).collect();
        for (i, s) in segs.iter().enumerate().filter(|(_, s)| s.numeric) {
            let partner = match s.op {
                SegmentOp::Delete => segs.get(i + 1).copied(),
                _ => i.checked_sub(1).map(|k| segs[k]),
            };
            assert!(
                partner.is_some_and(|p| p.numeric && p.op != s.op && p.op != SegmentOp::Equal),
                "{}: unpaired {s:?}",
                f.path
            );
        }
    }
    assert_eq!(
        pairs(&field(&d, "deals[0].terms").segments),
        [("$40bn", "$45bn"), ("1,200", "1,250")]
    );
    assert_eq!(pairs(&field(&d, "deals[0].timeline").segments), [("2026-11-29", "2026-12-01")]);
    let body = field(&d, "sections[0].body");
    assert_eq!(pairs(&body.paragraphs[0].segments), [("$40bn", "$45bn")]);
    // In JSON the flag is there only where it is true.
    let json = d.to_json();
    assert!(json.contains("\"text\": \"2 GW\",\n") && json.contains("\"numeric\": true"));
    let back: GuideDiff = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
}

#[test]
fn the_terminal_shows_old_and_new_figures_apart() {
    let (a, b) = figures_edited();
    let text = render_terminal(&diff(&a, &b), false);
    for line in [
        "  tldr: Options for [-2 GW-] {+3 GW+} across **[-12-] {+13+}** sites, up [-40%-] {+45%+} on last year.",
        "    deals[0].terms: [-$40bn-] {+$45bn+} over [-1,200-] {+1,250+} days",
        "    deals[0].timeline: Online by [-2026-11-29-] {+2026-12-01+}",
        "      ~¶1 The build-out costs [-$40bn-] {+$45bn+}.",
    ] {
        assert!(text.lines().any(|l| l == line), "missing line {line:?} in:\n{text}");
    }
    // With colour, each mark is painted on its own and the space between them is not.
    let coloured = render_terminal(&diff(&a, &b), true);
    assert!(coloured.contains("\x1b[31m[-2 GW-]\x1b[0m \x1b[32m{+3 GW+}\x1b[0m"), "{coloured}");
}

#[test]
fn the_report_shows_old_and_new_figures_apart() {
    let (a, b) = figures_edited();
    let d = diff(&a, &b);
    let part = |html: &str, from: &str, to: &str| -> String {
        html[html.find(from).unwrap()..html.find(to).unwrap()].to_string()
    };
    for layout in [Layout::Inline, Layout::SideBySide] {
        for view in [View::Rendered, View::Source] {
            let o = ReportOptions { layout, view };
            let html = render_report(&a, &b, &d, &o);
            let tldr = part(&html, "id=\"diff-tldr\"", "id=\"diff-takeaways\"");
            let sections = part(&html, "id=\"diff-sections\"", "id=\"diff-figures\"");
            let deals = part(&html, "id=\"diff-deals\"", "id=\"diff-timeline\"");
            // Deal cells are text as typed: marked `diff-num`, apart when both are shown.
            let (dn, inn) = ("<del class=\"diff-num\">", "<ins class=\"diff-num\">");
            for (old, new) in [("$40bn", "$45bn"), ("1,200", "1,250"), ("2026-11-29", "2026-12-01")]
            {
                match layout {
                    Layout::Inline => {
                        let both = format!("{dn}{old}</del> {inn}{new}</ins>");
                        assert!(deals.contains(&both), "{o:?}: {both}\n{deals}");
                    }
                    Layout::SideBySide => {
                        assert!(deals.contains(&format!("{dn}{old}</del>")), "{o:?}: {old}");
                        assert!(deals.contains(&format!("{inn}{new}</ins>")), "{o:?}: {new}");
                    }
                }
            }
            let figures = [("2 GW", "3 GW"), ("12", "13"), ("40%", "45%")];
            match view {
                View::Rendered => {
                    // Rendered Markdown: attribute-less marks only, apart when both are shown.
                    for rendered in [&tldr, &sections] {
                        assert!(!rendered.contains("diff-num"), "{o:?}: {rendered}");
                    }
                    for (old, new) in figures {
                        match layout {
                            Layout::Inline => {
                                let both = format!("<del>{old}</del> <ins>{new}</ins>");
                                assert!(tldr.contains(&both), "{o:?}: {both}\n{tldr}");
                            }
                            Layout::SideBySide => {
                                assert!(tldr.contains(&format!("<del>{old}</del>")), "{o:?}");
                                assert!(tldr.contains(&format!("<ins>{new}</ins>")), "{o:?}");
                            }
                        }
                    }
                    assert!(tldr.contains("<strong><del>12</del>"), "{o:?}: {tldr}");
                    if layout == Layout::Inline {
                        assert!(
                            sections.contains("<del>$40bn</del> <ins>$45bn</ins>"),
                            "{sections}"
                        );
                    }
                }
                View::Source => {
                    for (old, new) in figures {
                        match layout {
                            Layout::Inline => {
                                let both = format!("{dn}{old}</del> {inn}{new}</ins>");
                                assert!(tldr.contains(&both), "{o:?}: {both}\n{tldr}");
                            }
                            Layout::SideBySide => {
                                assert!(tldr.contains(&format!("{dn}{old}</del>")), "{o:?}");
                                assert!(tldr.contains(&format!("{inn}{new}</ins>")), "{o:?}");
                            }
                        }
                    }
                    if layout == Layout::Inline {
                        let both = format!("{dn}$40bn</del> {inn}$45bn</ins>");
                        assert!(sections.contains(&both), "{sections}");
                    }
                }
            }
            // Never one run, in any variant: no deleted figure directly before an inserted one.
            for (old, new) in
                [("2 GW", "3 GW"), ("12", "13"), ("$40bn", "$45bn"), ("1,200", "1,250")]
            {
                assert!(!html.contains(&format!("{old}</del><ins")), "{o:?}: {old}");
                assert!(!html.contains(&format!("{old}{new}")), "{o:?}: {old}{new}");
            }
        }
    }
}
