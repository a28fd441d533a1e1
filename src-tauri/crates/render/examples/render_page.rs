//! Renders a guide.json to a standalone page:
//! `cargo run -p almanac-render --example render_page -- <guide.json> <out.html> [light|dark|print]`
//! The page is rendered as export renders it: published mode, absolute dates only.

use almanac_render::{render_page_with_theme, PageOptions, Theme};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(output)) = (args.first(), args.get(1)) else {
        eprintln!("usage: render_page <guide.json> <out.html> [light|dark|print]");
        std::process::exit(2);
    };
    let theme = match args.get(2).map(String::as_str) {
        None => Theme::System,
        Some("light") => Theme::Light,
        Some("dark") => Theme::Dark,
        Some("print") => Theme::Print,
        Some(other) => {
            eprintln!("unknown theme {other:?}: use light, dark or print");
            std::process::exit(2);
        }
    };
    let text = std::fs::read_to_string(input).unwrap_or_else(|e| {
        eprintln!("cannot read {input}: {e}");
        std::process::exit(1);
    });
    let guide = almanac_guide::Guide::from_json(&text).unwrap_or_else(|e| {
        eprintln!("{input}: {e}");
        std::process::exit(1);
    });
    let html = render_page_with_theme(&guide, &PageOptions::published(), theme);
    if let Err(e) = std::fs::write(output, html) {
        eprintln!("cannot write {output}: {e}");
        std::process::exit(1);
    }
}
