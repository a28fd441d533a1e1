//! What people and programs call the things a merge reports: conflict keys (stable, unique
//! within a merge) and labels (the guide's own words: part labels, item nouns, field labels).

use almanac_guide::Part;
use serde_json::Value;

/// The key segment of a list item: its id, escaped so that keys stay unique whatever an id
/// holds (`%`, `#`, `.` and `~` are percent-escaped, and the id `order` is written `%6Frder`
/// so that it never reads as a list's order), plus `~N` for the N-th item (N ≥ 2) that
/// carries the same id in a half-written draft.
pub(crate) fn item_segment(id: &str, occurrence: usize) -> String {
    let mut out = String::with_capacity(id.len());
    if id == "order" {
        out.push_str("%6Frder");
    } else {
        for c in id.chars() {
            match c {
                '%' => out.push_str("%25"),
                '#' => out.push_str("%23"),
                '.' => out.push_str("%2E"),
                '~' => out.push_str("%7E"),
                c => out.push(c),
            }
        }
    }
    if occurrence > 0 {
        out.push_str(&format!("~{}", occurrence + 1));
    }
    out
}

/// The key of a list item: `deals#deal-openai-aws`.
pub(crate) fn item_key(part: Part, segment: &str) -> String {
    format!("{}#{segment}", part.key())
}

/// The key of a list's order: `takeaways#order`.
pub(crate) fn order_key(part: Part) -> String {
    format!("{}#order", part.key())
}

/// The label of a list's order: "Key takeaways: order of takeaways".
pub(crate) fn order_label(part: Part) -> String {
    match part.item_noun() {
        Some(noun) => format!("{}: order of {noun}s", part.label()),
        None => format!("{}: order", part.label()),
    }
}

/// The label of a part-level field (`tldr`, `meta.title`, `deals.caption`, `format`).
pub(crate) fn field_label(path: &str) -> String {
    if path == "format" {
        return "Publishing format".to_string();
    }
    almanac_guide::path_label(path)
}

/// What an item is called: its noun, capitalised, and its name ("Deal row OpenAI · Amazon",
/// "Question Why did …?"); the noun and its position (from 1) when it has no name yet.
pub(crate) fn item_label(part: Part, item: &Value, position: usize) -> String {
    let noun = part.item_noun().unwrap_or("item");
    let mut chars = noun.chars();
    let noun = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
        None => String::new(),
    };
    let name = item_name(part, item);
    if name.is_empty() {
        format!("{noun} {}", position + 1)
    } else {
        format!("{noun} {name}")
    }
}

/// The text an item is known by ([`almanac_guide::ListItem::item_name`]).
fn item_name(part: Part, item: &Value) -> String {
    almanac_guide::item_name_of(part, item)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn keys_never_collide() {
        assert_eq!(item_segment("deal-a", 0), "deal-a");
        assert_eq!(item_segment("deal-a", 1), "deal-a~2");
        assert_eq!(item_segment("order", 0), "%6Frder");
        assert_eq!(item_segment("a.b#c~d%e", 0), "a%2Eb%23c%7Ed%25e");
        assert_ne!(item_key(Part::Faq, &item_segment("order", 0)), order_key(Part::Faq));
    }

    #[test]
    fn labels_use_the_guide_words() {
        let row = json!({"id": "d", "lab": "Mirage AI", "partner": "Sahara Grid"});
        assert_eq!(item_label(Part::Deals, &row, 0), "Deal row Mirage AI \u{b7} Sahara Grid");
        let row = json!({"id": "d", "lab": null, "partner": "Sahara Grid"});
        assert_eq!(item_label(Part::Deals, &row, 0), "Deal row \u{2014} \u{b7} Sahara Grid");
        let row = json!({"id": "d", "lab": null, "partner": null});
        assert_eq!(item_label(Part::Deals, &row, 3), "Deal row 4");
        assert_eq!(
            item_label(Part::Faq, &json!({"id": "q", "question": "Why?", "answer": ""}), 0),
            "Question Why?"
        );
        assert_eq!(order_label(Part::Deals), "Deal table: order of deal rows");
        assert_eq!(field_label("tldr"), "TL;DR");
        assert_eq!(field_label("meta.title"), "Details \u{b7} Title");
        assert_eq!(field_label("format"), "Publishing format");
    }
}
