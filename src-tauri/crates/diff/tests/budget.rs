//! Bounded cost: a pathological pair (two unrelated megabyte sections) finishes with a coarser
//! result that says it is coarser. Timing is measured by the benchmarks, not asserted here.

mod common;

use std::time::Duration;

use almanac_diff::{diff_guides, diff_guides_with, DiffOptions, FieldKind, SegmentOp};
use almanac_guide::Part;
use common::gen::{prose, with_section};
use common::v1;

fn check_pathological(para_words: usize) {
    let base = v1();
    let old = with_section(&base, prose(1, 1 << 20, para_words));
    let new = with_section(&base, prose(2, 1 << 20, para_words));
    let d = diff_guides(&old, &new);
    assert!(d.summary.coarse, "the summary says the diff is coarse");
    let ps = d.summary.parts.iter().find(|p| p.part == Part::Sections).unwrap();
    assert!(ps.coarse);
    let body = d.field_changes().find(|f| f.path == "sections[0].body").expect("body changed");
    assert_eq!(body.kind, FieldKind::Prose);
    assert!(body.coarse, "the field says it is coarse");
    assert!(body.paragraphs.iter().any(|p| p.coarse));
    // Coarse but exact: every old and new paragraph is there, in order.
    let old_text: Vec<String> = body
        .paragraphs
        .iter()
        .filter(|p| p.segments.iter().any(|s| s.op != SegmentOp::Insert))
        .map(|p| almanac_diff::old_side(&p.segments).trim().to_string())
        .collect();
    let expected: Vec<&str> =
        old.sections[0].body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
    assert_eq!(old_text.len(), expected.len(), "paragraph count");
    if let Some(i) = (0..expected.len()).find(|&i| old_text[i] != expected[i]) {
        panic!("old paragraph {i} differs: {:.80} vs {:.80}", old_text[i], expected[i]);
    }
    // The rest of the guide is still compared exactly: nothing else changed.
    assert_eq!(d.field_changes().count(), 1);
}

#[test]
fn two_unrelated_megabyte_paragraphs_give_a_coarse_result() {
    check_pathological(0);
}

#[test]
fn two_unrelated_megabyte_sections_of_paragraphs_give_a_coarse_result() {
    check_pathological(80);
}

#[test]
fn a_zero_budget_is_coarse_only_where_text_changed() {
    let base = v1();
    let mut new = base.clone();
    new.tldr.push_str(" One more sentence.");
    new.meta.updated = "2026-11-30T00:00:00Z".into();
    let d = diff_guides_with(&base, &new, &DiffOptions { budget: Some(Duration::ZERO) });
    assert!(d.summary.coarse);
    let tldr = &d.part(Part::Tldr).fields[0];
    assert!(tldr.coarse);
    assert_eq!(almanac_diff::old_side(&tldr.segments), base.tldr);
    assert_eq!(almanac_diff::new_side(&tldr.segments), new.tldr);
    // A value is always whole, so never coarse.
    assert!(!d.part(Part::Meta).fields[0].coarse);
    // Without a budget the same pair is word level.
    let exact = diff_guides_with(&base, &new, &DiffOptions { budget: None });
    assert!(!exact.summary.coarse);
    assert_eq!(exact.part(Part::Tldr).fields[0].segments.len(), 2);
}
