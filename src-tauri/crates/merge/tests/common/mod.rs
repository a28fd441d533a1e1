//! Shared by the tests and the bench: the sample guides, and small edits of them.

#![allow(dead_code)]

use std::path::Path;

use almanac_guide::Guide;

/// A sample guide from `content/`, as the store keeps it (derived fields cleared).
pub fn load(folder: &str) -> Guide {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../content")
        .join(folder)
        .join("guide.json");
    let text = std::fs::read_to_string(&path).expect("sample guide");
    Guide::from_json(&text).expect("valid sample guide").stripped()
}

/// The training-infrastructure guide, v1 (the base of the sample merges).
pub fn v1() -> Guide {
    load("training-infrastructure")
}

/// Its v2: tldr reworded, takeaways reordered, a deal row removed, one added and one edited,
/// an FAQ answer edited (`content/README.md`).
pub fn v2() -> Guide {
    load("training-infrastructure-v2")
}

/// An editor's draft on top of v1: a section body, a takeaway and a timeline detail edited, a
/// FAQ item added, the last source removed, the terms of the deal row v2 also edits changed,
/// and the FAQ answer v2 also edits changed.
pub fn draft_on_v1() -> Guide {
    let mut g = v1();
    g.sections[1].body.push_str("\n\nA paragraph the editor added.");
    g.takeaways[0].text.push_str(" (edited)");
    g.timeline[2].detail = Some("Detail rewritten by the editor.".into());
    g.faq.push(almanac_guide::FaqItem {
        id: "faq-editor".into(),
        question: "What did the editor add?".into(),
        answer: "This question.".into(),
        lang: None,
    });
    g.sources.pop();
    let row = g.deals.rows.iter_mut().find(|r| r.id == "deal-openai-nvidia").expect("sample row");
    row.terms = Some("Strategic partnership (editor's wording)".into());
    let faq = g.faq.iter_mut().find(|q| q.id == "faq-vendor-concentration").expect("sample FAQ");
    faq.answer.push_str(" The editor adds a sentence.");
    g
}
