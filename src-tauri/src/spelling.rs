//! Spell checking in every text field: WebKitGTK's own spell checker (enchant, with the system's
//! hunspell dictionaries), turned on for the window's web context. Misspelt words are underlined
//! and the context menu offers suggestions. The dictionaries follow the open guide's languages
//! (`almanac_guide::dictionary_names`); English stays on as a fallback.

use almanac_store::GuideId;
use tauri::{AppHandle, Manager, Runtime, State};

use crate::error::ApiResult;
use crate::state::AppState;

/// The dictionaries to use for a guide in the languages `tags` (its `meta.lang` first), plus
/// English as a fallback; each once.
pub fn dictionaries(tags: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.iter().map(String::as_str).chain(std::iter::once("en")) {
        for name in almanac_guide::dictionary_names(tag) {
            if !out.contains(&name) {
                out.push(name);
            }
        }
    }
    out
}

/// Turns spell checking on for the main window with `languages` (dictionary names).
#[cfg(target_os = "linux")]
pub fn enable<R: Runtime>(app: &AppHandle<R>, languages: Vec<String>) {
    use webkit2gtk::{WebContextExt, WebViewExt};
    let Some(w) = app.get_webview_window("main") else { return };
    let _ = w.with_webview(move |wv| {
        if let Some(ctx) = wv.inner().context() {
            let names: Vec<&str> = languages.iter().map(String::as_str).collect();
            ctx.set_spell_checking_languages(&names);
            ctx.set_spell_checking_enabled(true);
        }
    });
}

/// Other platforms: the web view's own spell checking (nothing to turn on here).
#[cfg(not(target_os = "linux"))]
pub fn enable<R: Runtime>(_app: &AppHandle<R>, _languages: Vec<String>) {}

/// Sets the spell-checking dictionaries for the languages of guide `id`'s draft (its
/// `meta.lang` and the items' own tags). Returns the dictionary names asked for.
#[tauri::command]
pub async fn set_spelling_languages(
    app: AppHandle,
    state: State<'_, AppState>,
    id: GuideId,
) -> ApiResult<Vec<String>> {
    let languages = state.with_store(|s| Ok(s.draft(id)?.guide.languages()))?;
    let names = dictionaries(&languages);
    enable(&app, names.clone());
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guides_languages_give_dictionaries_with_english_last() {
        assert_eq!(dictionaries(&["fr".into()]), ["fr_FR", "fr", "en_US", "en"]);
        assert_eq!(dictionaries(&["en-GB".into()]), ["en_GB", "en", "en_US"]);
        assert_eq!(dictionaries(&[]), ["en_US", "en"]);
    }
}
