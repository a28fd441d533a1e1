//! What the diff compares of each kind of list item: its fields, each with how it is compared
//! ([`FieldKind`]), and a short label for reports. Items are matched by their stable id, read
//! through the guide's [`ListItem`].

use almanac_guide::{
    BarLayout, DatePrecision, DealRow, FaqItem, Figure, FigureKind, ListItem, RelatedLink, Section,
    Source, Takeaway, TimelineEvent, VersionRef,
};

use crate::model::FieldKind;

/// One field of a list item, as compared.
pub(crate) struct Field<'a> {
    pub name: &'static str,
    pub kind: FieldKind,
    pub value: Option<std::borrow::Cow<'a, str>>,
}

fn field<'a>(name: &'static str, kind: FieldKind, value: &'a str) -> Field<'a> {
    Field { name, kind, value: Some(value.into()) }
}

fn optional_field<'a>(name: &'static str, kind: FieldKind, value: Option<&'a str>) -> Field<'a> {
    Field { name, kind, value: value.map(Into::into) }
}

/// A list item as the diff compares it: matched by its stable id ([`ListItem::item_id`]),
/// compared field by field.
pub(crate) trait Item: ListItem {
    /// The fields, in the order and under the keys of [`almanac_guide::Part::fields`] (less
    /// the part's own fields, such as the deal table's caption).
    fn fields(&self) -> Vec<Field<'_>>;
    /// A short name for reports: the item's name ([`ListItem::item_name`]).
    fn label(&self) -> String {
        self.item_name()
    }
}

impl Item for Takeaway {
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            field("text", FieldKind::InlineMarkdown, &self.text),
            field("lang", FieldKind::Value, lang(&self.lang)),
        ]
    }
}

impl Item for Section {
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            field("heading", FieldKind::Text, &self.heading),
            field("body", FieldKind::Prose, &self.body),
            field("lang", FieldKind::Value, lang(&self.lang)),
        ]
    }
}

/// An item's own language, compared as text ("" when it has none).
fn lang(l: &Option<String>) -> &str {
    l.as_deref().unwrap_or("")
}

fn figure_kind(k: FigureKind) -> &'static str {
    match k {
        FigureKind::DealCapacity => "deal_capacity",
        FigureKind::ComputeStack => "compute_stack",
        FigureKind::Timeline => "timeline",
    }
}

fn yes_no(on: bool) -> &'static str {
    if on {
        "true"
    } else {
        "false"
    }
}

/// A figure's options are its fields. An option that applies to the figure's kind is always
/// compared ("stacked" → "grouped", "true" → "false"); one that does not is absent unless set
/// (validation flags it), so that a figure of one kind never lists the other kind's defaults.
impl Item for Figure {
    fn fields(&self) -> Vec<Field<'_>> {
        let capacity = self.kind.is_capacity();
        let bars = match self.bars {
            BarLayout::Stacked => capacity.then_some("stacked"),
            BarLayout::Grouped => Some("grouped"),
        };
        let key_only = (!capacity || self.key_only).then_some(yes_no(self.key_only));
        vec![
            field("kind", FieldKind::Value, figure_kind(self.kind)),
            field("caption", FieldKind::Text, &self.caption),
            optional_field("lab", FieldKind::Text, self.lab.as_deref()),
            optional_field("partner", FieldKind::Text, self.partner.as_deref()),
            optional_field("bars", FieldKind::Value, bars),
            optional_field("key_only", FieldKind::Value, key_only),
            optional_field("from", FieldKind::Value, self.from.as_deref()),
            optional_field("to", FieldKind::Value, self.to.as_deref()),
        ]
    }
}

impl Item for DealRow {
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            optional_field("lab", FieldKind::Text, self.lab.as_deref()),
            optional_field("partner", FieldKind::Text, self.partner.as_deref()),
            optional_field(
                "capacity",
                FieldKind::Text,
                self.capacity.as_ref().map(|c| c.text.as_str()),
            ),
            optional_field("timeline", FieldKind::Text, self.timeline.as_deref()),
            optional_field("terms", FieldKind::Text, self.terms.as_deref()),
        ]
    }
}

fn precision_str(p: DatePrecision) -> &'static str {
    match p {
        DatePrecision::Year => "year",
        DatePrecision::Month => "month",
        DatePrecision::Day => "day",
    }
}

impl Item for TimelineEvent {
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            field("date", FieldKind::Value, &self.date),
            field("precision", FieldKind::Value, precision_str(self.precision)),
            field("title", FieldKind::Text, &self.title),
            optional_field("detail", FieldKind::InlineMarkdown, self.detail.as_deref()),
            optional_field("link", FieldKind::Value, self.link.as_deref()),
            field("key", FieldKind::Value, yes_no(self.key)),
        ]
    }
}

impl Item for RelatedLink {
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            field("title", FieldKind::Text, &self.title),
            field("target", FieldKind::Value, &self.target),
        ]
    }
}

impl Item for FaqItem {
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            field("question", FieldKind::Text, &self.question),
            field("answer", FieldKind::Prose, &self.answer),
            field("lang", FieldKind::Value, lang(&self.lang)),
        ]
    }
}

impl Item for Source {
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            Field {
                name: "score",
                kind: FieldKind::Value,
                value: Some(self.score.to_string().into()),
            },
            field("source", FieldKind::Text, &self.source),
            field("published", FieldKind::Value, &self.published),
            field("url", FieldKind::Value, &self.url),
            field("title", FieldKind::Text, &self.title),
            field("summary", FieldKind::Text, &self.summary),
            field("lang", FieldKind::Value, lang(&self.lang)),
        ]
    }
}

/// Versions carry no id of their own: the label ("v2") is their identity (as in
/// [`ListItem`]).
impl Item for VersionRef {
    fn fields(&self) -> Vec<Field<'_>> {
        vec![
            field("label", FieldKind::Value, &self.label),
            field("state", FieldKind::Value, self.state.as_str()),
            field("at", FieldKind::Value, &self.at),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use almanac_guide::{Guide, Part};

    fn names<T: Item>(items: &[T]) -> Vec<&'static str> {
        items.first().map(|it| it.fields().iter().map(|f| f.name).collect()).unwrap_or_default()
    }

    #[test]
    fn figure_options_are_compared_where_they_apply() {
        let set = |f: &Figure| -> Vec<(&'static str, String)> {
            f.fields()
                .into_iter()
                .filter_map(|x| x.value.map(|v| (x.name, v.into_owned())))
                .filter(|(name, _)| !matches!(*name, "kind" | "caption"))
                .collect()
        };
        let mut f = Figure::new("f", FigureKind::ComputeStack, "c");
        f.lab = Some("Anthropic".into());
        assert_eq!(set(&f), [("lab", "Anthropic".into()), ("bars", "stacked".into())]);
        f.kind = FigureKind::Timeline;
        assert_eq!(set(&f), [("lab", "Anthropic".into()), ("key_only", "false".into())]);
        f.bars = almanac_guide::BarLayout::Grouped;
        f.key_only = true;
        assert_eq!(
            set(&f),
            [("lab", "Anthropic".into()), ("bars", "grouped".into()), ("key_only", "true".into())]
        );
        f.kind = FigureKind::DealCapacity;
        assert_eq!(
            set(&f),
            [("lab", "Anthropic".into()), ("bars", "grouped".into()), ("key_only", "true".into())],
            "an option of the other kind that is set is compared (validation flags it)"
        );
    }

    /// The compared fields are the guide's fields, in form order, under the shape's keys.
    #[test]
    fn item_fields_follow_the_guide_shape() {
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../content/training-infrastructure/guide.json"
        ))
        .expect("the sample guide");
        let g = Guide::from_json(&text).expect("the sample guide parses");
        for part in Part::ALL {
            let compared = match part {
                Part::Meta | Part::Tldr => continue,
                Part::Takeaways => names(&g.takeaways),
                Part::Sections => names(&g.sections),
                Part::Figures => names(&g.figures),
                Part::Deals => names(&g.deals.rows),
                Part::Timeline => names(&g.timeline),
                Part::RelatedTopics => names(&g.related_topics),
                Part::Faq => names(&g.faq),
                Part::Versions => names(&g.versions),
                Part::RelatedGuides => names(&g.related_guides),
                Part::Sources => names(&g.sources),
            };
            assert!(!compared.is_empty(), "{part:?} has items in the sample");
            let shape: Vec<&str> = part.fields().iter().map(|(k, _)| *k).collect();
            // The deal table's own fields (caption, footnote) come first in the shape.
            let item_fields = &shape[shape.len() - compared.len()..];
            assert_eq!(compared, item_fields, "{part:?}");
        }
    }
}
