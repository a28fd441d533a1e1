//! The sample v1 → v2 revision in `content/`: the diff shows exactly the edits listed in
//! `content/README.md`, and the views are pinned by snapshots.

mod common;

use std::collections::BTreeSet;

use almanac_diff::{render_terminal, FieldKind, ItemKind, SegmentOp};
use almanac_guide::Part;
use common::{diff, v1, v2};

#[test]
fn summary_snapshot() {
    let d = diff(&v1(), &v2());
    insta::assert_snapshot!("summary", serde_json::to_string_pretty(&d.summary).unwrap());
}

#[test]
fn json_snapshot() {
    let d = diff(&v1(), &v2());
    insta::assert_snapshot!("json", d.to_json());
}

#[test]
fn terminal_snapshot() {
    let d = diff(&v1(), &v2());
    let text = render_terminal(&d, false);
    assert!(!text.contains('\x1b'), "no colour codes when colour is off");
    insta::assert_snapshot!("terminal", text);
}

#[test]
fn colour_only_adds_escape_codes() {
    let d = diff(&v1(), &v2());
    let coloured = render_terminal(&d, true);
    assert!(coloured.contains("\x1b[31m[-"));
    assert!(coloured.contains("\x1b[32m{+"));
    let mut stripped = String::new();
    let mut chars = coloured.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c == 'm' {
                    break;
                }
            }
        } else {
            stripped.push(c);
        }
    }
    assert_eq!(stripped, render_terminal(&d, false));
}

/// Every changed field path, in order.
fn paths(d: &almanac_diff::GuideDiff) -> Vec<String> {
    d.field_changes().map(|f| f.path.clone()).collect()
}

#[test]
fn the_diff_is_exactly_the_listed_edits() {
    let d = diff(&v1(), &v2());
    assert!(!d.summary.coarse);

    // 1, 2: metadata.
    let meta: Vec<_> = d.part(Part::Meta).fields.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(meta, ["meta.version.label", "meta.version.state", "meta.updated"]);
    let state = &d.part(Part::Meta).fields[1];
    assert_eq!((state.old_text(), state.new_text()), ("live", "draft"));

    // 3: the TL;DR, word level, four places.
    let tldr = &d.part(Part::Tldr).fields;
    assert_eq!(tldr.len(), 1);
    let changes: Vec<(String, String)> = {
        let segs = &tldr[0].segments;
        let mut out = Vec::new();
        let mut i = 0;
        while i < segs.len() {
            if segs[i].op == SegmentOp::Equal {
                i += 1;
                continue;
            }
            let mut del = String::new();
            let mut ins = String::new();
            while i < segs.len() && segs[i].op != SegmentOp::Equal {
                match segs[i].op {
                    SegmentOp::Delete => del.push_str(&segs[i].text),
                    _ => ins.push_str(&segs[i].text),
                }
                i += 1;
            }
            out.push((del, ins));
        }
        out
    };
    assert_eq!(
        changes,
        [
            ("machines".to_string(), "systems".to_string()),
            ("run for".to_string(), "last".to_string()),
            ("At the same time".to_string(), "Meanwhile".to_string()),
            ("depending".to_string(), "leaning".to_string()),
        ]
    );

    // 4: a pure reorder of takeaways: exactly the two items the editor moved.
    let tk = d.part(Part::Takeaways);
    let moved: BTreeSet<_> = tk.items.iter().map(|i| (i.id.as_str(), i.kind)).collect();
    assert_eq!(
        moved,
        BTreeSet::from([
            ("tk-physical-security", ItemKind::Moved),
            ("tk-codesign", ItemKind::Moved)
        ])
    );

    // 5, 6, 7: deals: one removed, one added last, one cell edited.
    let deals = d.part(Part::Deals);
    assert!(deals.fields.is_empty(), "caption and footnote unchanged");
    let rows: Vec<_> = deals.items.iter().map(|i| (i.id.as_str(), i.kind)).collect();
    assert_eq!(
        rows,
        [
            ("deal-anthropic-spacex", ItemKind::Removed),
            ("deal-openai-nvidia", ItemKind::Changed),
            ("deal-openai-aws", ItemKind::Added),
        ]
    );
    let nvidia = deals.items.iter().find(|i| i.id == "deal-openai-nvidia").unwrap();
    assert_eq!(nvidia.fields.len(), 1);
    assert_eq!(nvidia.fields[0].field, "terms");
    assert_eq!(nvidia.fields[0].path, format!("deals[{}].terms", nvidia.new_index.unwrap()));
    assert_eq!(
        nvidia.fields[0].segments.iter().map(|s| s.op).collect::<Vec<_>>(),
        [SegmentOp::Equal, SegmentOp::Insert]
    );
    let added = deals.items.iter().find(|i| i.kind == ItemKind::Added).unwrap();
    assert_eq!(added.new_index, Some(v2().deals.rows.len() as u32 - 1));
    let removed = deals.items.iter().find(|i| i.kind == ItemKind::Removed).unwrap();
    assert_eq!(removed.path, format!("deals[{}]", removed.old_index.unwrap()));

    // 8: one FAQ answer, one sentence, word level inside its paragraph.
    let faq = d.part(Part::Faq);
    assert_eq!(faq.items.len(), 1);
    assert_eq!(faq.items[0].id, "faq-vendor-concentration");
    assert_eq!(faq.items[0].kind, ItemKind::Changed);
    let answer = &faq.items[0].fields;
    assert_eq!(answer.len(), 1);
    assert_eq!(answer[0].kind, FieldKind::Prose);

    // Nothing else.
    for part in [
        Part::Sections,
        Part::Figures,
        Part::Timeline,
        Part::RelatedTopics,
        Part::RelatedGuides,
        Part::Sources,
        Part::Versions,
    ] {
        assert!(d.part(part).is_empty(), "{part:?} should be unchanged");
    }
    let s = &d.summary;
    assert_eq!((s.added, s.removed, s.changed, s.moved, s.fields_changed), (1, 1, 2, 2, 4));
    assert!(s.text_changed);
    // Removed and added rows list their non-empty cells; the rest is one path per edit.
    let cells = |i: &almanac_diff::ItemChange| i.fields.len();
    let expected = 3 + 1 + cells(removed) + 1 + cells(added) + 1;
    assert_eq!(paths(&d).len(), expected, "{:#?}", paths(&d));
}
