//! Language tags of a guide's text, and the spell-checking dictionaries they call for.

use std::collections::BTreeSet;

use crate::Guide;

/// The region a bare language's dictionary is most often installed for (hunspell/enchant name
/// their dictionaries `<language>_<REGION>`).
const DEFAULT_REGION: &[(&str, &str)] = &[
    ("ar", "SA"),
    ("da", "DK"),
    ("de", "DE"),
    ("el", "GR"),
    ("en", "US"),
    ("es", "ES"),
    ("fi", "FI"),
    ("fr", "FR"),
    ("he", "IL"),
    ("hu", "HU"),
    ("it", "IT"),
    ("ja", "JP"),
    ("ko", "KR"),
    ("nb", "NO"),
    ("nl", "NL"),
    ("pl", "PL"),
    ("pt", "PT"),
    ("ru", "RU"),
    ("sv", "SE"),
    ("tr", "TR"),
    ("uk", "UA"),
    ("zh", "CN"),
];

impl Guide {
    /// Every language tag the guide's text is in: `meta.lang`, then the items' own `lang`
    /// tags, each once, in that order (empty tags left out).
    pub fn languages(&self) -> Vec<String> {
        let mut seen = BTreeSet::new();
        let mut out = Vec::new();
        let items = self
            .takeaways
            .iter()
            .map(|t| &t.lang)
            .chain(self.sections.iter().map(|s| &s.lang))
            .chain(self.faq.iter().map(|f| &f.lang))
            .chain(self.sources.iter().map(|s| &s.lang))
            .filter_map(|l| l.as_deref());
        for tag in std::iter::once(self.meta.lang.as_str()).chain(items) {
            let tag = tag.trim();
            if !tag.is_empty() && seen.insert(tag.to_ascii_lowercase()) {
                out.push(tag.to_string());
            }
        }
        out
    }
}

/// The spell-checking dictionary names for a BCP 47 language tag, most specific first:
/// `en-GB` → `en_GB`, `en`; `en` → `en_US`, `en`; `pt-BR` → `pt_BR`, `pt`. Empty for an empty
/// or malformed tag.
pub fn dictionary_names(tag: &str) -> Vec<String> {
    let mut parts = tag.trim().split(['-', '_']);
    let lang = parts.next().unwrap_or("").to_ascii_lowercase();
    if lang.len() < 2 || lang.len() > 3 || !lang.bytes().all(|b| b.is_ascii_lowercase()) {
        return Vec::new();
    }
    let region = parts
        .find(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase)
        .or_else(|| DEFAULT_REGION.iter().find(|(l, _)| *l == lang).map(|(_, r)| r.to_string()));
    let mut out = Vec::new();
    if let Some(region) = region {
        out.push(format!("{lang}_{region}"));
    }
    out.push(lang);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_become_dictionary_names() {
        assert_eq!(dictionary_names("en"), ["en_US", "en"]);
        assert_eq!(dictionary_names("en-GB"), ["en_GB", "en"]);
        assert_eq!(dictionary_names("pt-BR"), ["pt_BR", "pt"]);
        assert_eq!(dictionary_names("zh-Hant-TW"), ["zh_TW", "zh"]);
        assert_eq!(dictionary_names("gsw"), ["gsw"]);
        assert!(dictionary_names("").is_empty());
        assert!(dictionary_names("x").is_empty());
    }

    #[test]
    fn a_guide_lists_its_languages_once() {
        let mut g = Guide::new_empty("a", "A", "2026-01-01T00:00:00Z");
        g.meta.lang = "en".into();
        assert_eq!(g.languages(), ["en"]);
    }
}
