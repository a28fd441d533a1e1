//! The live preview: the published page from the one renderer (`almanac_render`), in the look
//! the editor picked. `Auto` is byte for byte what export writes for the same clock; the forced
//! looks only add `<html data-theme="…">` (and, for print, the print rules scoped to it).

use almanac_guide::Guide;
use almanac_render::{render_page_with_theme, PageOptions, Theme};
use chrono::{DateTime, FixedOffset};

use crate::types::PreviewTheme;

impl From<PreviewTheme> for Theme {
    fn from(t: PreviewTheme) -> Theme {
        match t {
            PreviewTheme::Auto => Theme::System,
            PreviewTheme::Light => Theme::Light,
            PreviewTheme::Dark => Theme::Dark,
            PreviewTheme::Print => Theme::Print,
        }
    }
}

/// `now` without its seconds: the preview's clock.
pub fn clock_to_minute(now: chrono::DateTime<chrono::Utc>) -> DateTime<FixedOffset> {
    use chrono::{DurationRound, TimeDelta};
    now.duration_trunc(TimeDelta::minutes(1)).unwrap_or(now).fixed_offset()
}

/// The preview's page options: its clock, read to the minute, against the wall clock now.
pub fn options_now() -> PageOptions {
    PageOptions::at(clock_to_minute(chrono::Utc::now()))
}

/// The preview page of `guide` rendered against the clock `now`.
pub fn render(guide: &Guide, theme: PreviewTheme, now: DateTime<FixedOffset>) -> String {
    render_page_with_theme(guide, &PageOptions::at(now), theme.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Guide {
        let path =
            concat!(env!("CARGO_MANIFEST_DIR"), "/content/training-infrastructure/guide.json");
        Guide::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
    }

    #[test]
    fn the_preview_clock_reads_to_the_minute() {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-25T12:34:56.789Z").unwrap().to_utc();
        assert_eq!(clock_to_minute(t).to_rfc3339(), "2026-11-25T12:34:00+00:00");
    }

    #[test]
    fn auto_is_the_published_page_and_forced_looks_mark_the_root() {
        let g = sample();
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-25T12:00:00Z").unwrap();
        let auto = render(&g, PreviewTheme::Auto, now);
        assert_eq!(auto, almanac_render::render_page(&g, &PageOptions::at(now)));
        assert!(auto.contains("<h1"), "the page has its title");
        for (theme, attr) in [
            (PreviewTheme::Light, "data-theme=\"light\""),
            (PreviewTheme::Dark, "data-theme=\"dark\""),
            (PreviewTheme::Print, "data-theme=\"print\""),
        ] {
            let html = render(&g, theme, now);
            assert!(html.contains(attr), "{theme:?} page carries {attr}");
            assert!(!html.contains("<script"), "no script in the preview");
        }
    }
}
