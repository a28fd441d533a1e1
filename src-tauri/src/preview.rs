//! The live preview: the published page from the one renderer, with the look the editor
//! picked. The page follows the system's light or dark setting through
//! `prefers-color-scheme` media queries and has print styles under `@media print`; a forced
//! look rewrites those media queries in the page's stylesheet so they always or never match.
//! Nothing else in the page changes.

use almanac_guide::Guide;
use almanac_render::{render_page, PageOptions};
use chrono::{DateTime, FixedOffset};

use crate::types::PreviewTheme;

/// A media condition that always matches, and one that never does.
const ALWAYS: &str = "(min-width: 0px)";
const NEVER: &str = "(max-width: 0px) and (min-width: 1px)";

/// The preview page of `guide` rendered against the clock `now`.
pub fn render(guide: &Guide, theme: PreviewTheme, now: DateTime<FixedOffset>) -> String {
    apply_theme(render_page(guide, &PageOptions { now }), theme)
}

/// Rewrites the page's media queries for a forced look (`Auto` returns the page unchanged).
pub fn apply_theme(html: String, theme: PreviewTheme) -> String {
    let (dark, light, print, screen) = match theme {
        PreviewTheme::Auto => return html,
        PreviewTheme::Light => (NEVER, ALWAYS, "print", "screen"),
        PreviewTheme::Dark => (ALWAYS, NEVER, "print", "screen"),
        // The printed page is light, and screen-only rules are off.
        PreviewTheme::Print => (NEVER, ALWAYS, "all", "not all"),
    };
    let mut out = html
        .replace("(prefers-color-scheme: dark)", dark)
        .replace("(prefers-color-scheme:dark)", dark)
        .replace("(prefers-color-scheme: light)", light)
        .replace("(prefers-color-scheme:light)", light);
    if theme == PreviewTheme::Print {
        out = out.replace("@media print", &format!("@media {print}"));
        out = out.replace("@media screen", &format!("@media {screen}"));
    }
    if theme != PreviewTheme::Auto {
        // Form controls and scrollbars follow the forced look too.
        let scheme = if theme == PreviewTheme::Dark { "dark" } else { "light" };
        out = out.replacen(
            "</head>",
            &format!("<style>:root{{color-scheme:{scheme}}}</style></head>"),
            1,
        );
    }
    out
}
