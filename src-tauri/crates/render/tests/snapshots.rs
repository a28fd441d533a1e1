//! Snapshot tests: every folder in tests/fixtures/markdown (input.md) and
//! tests/fixtures/pages (guide.json), plus the sample guide content/training-infrastructure.
//! Pages are rendered as export renders them (published mode); the stylesheet is replaced by a
//! marker in the snapshots (it is the same bytes in every page: `page_css()`).

mod common;

use almanac_render::{page_css, render_inline, render_markdown, render_page, PageOptions};
use common::*;

fn page_snapshot(guide: &almanac_guide::Guide) -> String {
    let html = render_page(guide, &PageOptions::published());
    assert!(html.contains(page_css()), "page embeds page_css()");
    html.replace(page_css(), "/* page_css() */")
}

#[test]
fn markdown_fixtures() {
    for (name, dir) in fixture_dirs("markdown") {
        let md = std::fs::read_to_string(dir.join("input.md")).expect("input.md");
        let block = render_markdown(&md);
        let inline = render_inline(&md);
        assert_safe(&block, false, &name);
        assert_safe(&inline, false, &name);
        let shown = format!("--- input ---\n{md}\n--- render_markdown ---\n{block}\n--- render_inline ---\n{inline}\n");
        insta::assert_snapshot!(format!("markdown__{name}"), shown);
    }
}

#[test]
fn page_fixtures() {
    for (name, dir) in fixture_dirs("pages") {
        let guide = load_guide(&dir.join("guide.json"));
        insta::assert_snapshot!(format!("page__{name}"), page_snapshot(&guide));
    }
}

#[test]
fn content_training_infrastructure_page() {
    let guide = load_guide(&content_guide_path());
    insta::assert_snapshot!("page__content_training_infrastructure", page_snapshot(&guide));
}
