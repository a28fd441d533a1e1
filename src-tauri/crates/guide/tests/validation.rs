//! A table of validation cases: each mutation of a valid guide yields exactly the expected
//! finding (path, code, severity).

use almanac_guide::*;

fn valid() -> Guide {
    let mut g = Guide::new_empty("valid-guide", "A valid guide", "2026-11-18T09:00:00Z");
    g.meta.topic = "Testing".into();
    g.tldr = "A short summary.".into();
    g.takeaways.push(Takeaway { id: "tk-1".into(), text: "One point.".into() });
    g.sections.push(Section { id: "sec-1".into(), heading: "Scope".into(), body: "Text.".into() });
    g.figures.push(Figure {
        id: "fig-1".into(),
        kind: FigureKind::DealCapacity,
        caption: "Capacity".into(),
    });
    g.deals.caption = "Deals".into();
    g.deals.rows.push(DealRow {
        id: "deal-1".into(),
        lab: Some("Lab".into()),
        partner: Some("Partner".into()),
        capacity: Some(Capacity { text: "Up to 5 GW".into(), gw: Some(5.0) }),
        timeline: None,
        terms: Some("Terms".into()),
    });
    g.timeline.push(TimelineEvent {
        id: "ev-1".into(),
        date: "2019-07".into(),
        precision: DatePrecision::Month,
        title: "First".into(),
        detail: None,
        link: None,
    });
    g.timeline.push(TimelineEvent {
        id: "ev-2".into(),
        date: "2020".into(),
        precision: DatePrecision::Year,
        title: "Second".into(),
        detail: None,
        link: Some("https://example.org/a".into()),
    });
    g.related_topics.push(RelatedLink {
        id: "rt-1".into(),
        title: "Chips".into(),
        target: "chips".into(),
    });
    g.related_guides.push(RelatedLink {
        id: "rg-1".into(),
        title: "Other".into(),
        target: "https://example.org/guides/other".into(),
    });
    g.faq.push(FaqItem { id: "faq-1".into(), question: "Why?".into(), answer: "Because.".into() });
    g.sources.push(Source {
        id: "src-1".into(),
        score: 9,
        source: "News".into(),
        published: "2026-10-14".into(),
        url: "https://example.org/news".into(),
        title: "Title".into(),
        summary: "Summary.".into(),
    });
    g
}

#[test]
fn the_base_guide_is_clean() {
    let f = validate(&valid());
    assert!(f.is_empty(), "{f:#?}");
}

type Case = (&'static str, fn(&mut Guide), &'static str, &'static str, Severity);

#[test]
fn each_case_yields_its_finding() {
    use Severity::{Error as E, Warning as W};
    let cases: Vec<Case> = vec![
        ("missing title", |g| g.meta.title = "  ".into(), "meta.title", "required", E),
        ("long title", |g| g.meta.title = "x".repeat(TITLE_MAX + 1), "meta.title", "too_long", E),
        ("slug with slash", |g| g.meta.slug = "../etc".into(), "meta.slug", "unsafe_slug", E),
        ("slug uppercase", |g| g.meta.slug = "Training".into(), "meta.slug", "unsafe_slug", E),
        ("slug double hyphen", |g| g.meta.slug = "a--b".into(), "meta.slug", "unsafe_slug", E),
        ("missing topic", |g| g.meta.topic.clear(), "meta.topic", "required", E),
        ("bad created", |g| g.meta.created = "yesterday".into(), "meta.created", "bad_date", E),
        (
            "bad generated",
            |g| g.meta.generated = "2026-13-01T00:00:00Z".into(),
            "meta.generated",
            "bad_date",
            E,
        ),
        ("empty tldr", |g| g.tldr.clear(), "tldr", "required", E),
        ("long tldr", |g| g.tldr = "é".repeat(TLDR_MAX + 1), "tldr", "too_long", E),
        (
            "long takeaway",
            |g| g.takeaways[0].text = "w ".repeat(TAKEAWAY_MAX),
            "takeaways[0].text",
            "too_long",
            E,
        ),
        ("empty takeaway", |g| g.takeaways[0].text.clear(), "takeaways[0].text", "required", E),
        ("no takeaways", |g| g.takeaways.clear(), "takeaways", "empty_list", W),
        (
            "section heading",
            |g| g.sections[0].heading.clear(),
            "sections[0].heading",
            "required",
            E,
        ),
        ("section body", |g| g.sections[0].body.clear(), "sections[0].body", "empty_section", W),
        ("figure caption", |g| g.figures[0].caption.clear(), "figures[0].caption", "required", E),
        (
            "figure without data",
            |g| g.deals.rows[0].capacity = None,
            "figures[0].kind",
            "figure_without_data",
            W,
        ),
        (
            "dash stored in a cell",
            |g| g.deals.rows[0].timeline = Some("—".into()),
            "deals[0].timeline",
            "dash_cell",
            E,
        ),
        (
            "empty cell",
            |g| g.deals.rows[0].partner = Some(" ".into()),
            "deals[0].partner",
            "empty_cell",
            E,
        ),
        ("unknown lab", |g| g.deals.rows[0].lab = None, "deals[0].lab", "unknown_lab", W),
        ("deal caption", |g| g.deals.caption.clear(), "deals.caption", "required", E),
        ("bad month", |g| g.timeline[0].date = "2019-13".into(), "timeline[0].date", "bad_date", E),
        (
            "date vs precision",
            |g| g.timeline[0].precision = DatePrecision::Day,
            "timeline[0].date",
            "bad_date",
            E,
        ),
        (
            "timeline out of order",
            |g| g.timeline[1].date = "2018".into(),
            "timeline[1].date",
            "timeline_order",
            E,
        ),
        (
            "timeline link",
            |g| g.timeline[1].link = Some("javascript:alert(1)".into()),
            "timeline[1].link",
            "bad_url",
            E,
        ),
        ("event title", |g| g.timeline[0].title.clear(), "timeline[0].title", "required", E),
        (
            "related target",
            |g| g.related_topics[0].target = "Not A Slug".into(),
            "related_topics[0].target",
            "bad_target",
            E,
        ),
        (
            "related url",
            |g| g.related_guides[0].target = "ftp://example.org/x".into(),
            "related_guides[0].target",
            "bad_url",
            E,
        ),
        ("empty answer", |g| g.faq[0].answer = "\n".into(), "faq[0].answer", "empty_answer", E),
        (
            "long answer",
            |g| g.faq[0].answer = "a".repeat(FAQ_ANSWER_MAX + 1),
            "faq[0].answer",
            "too_long",
            E,
        ),
        ("empty question", |g| g.faq[0].question.clear(), "faq[0].question", "required", E),
        ("score out of range", |g| g.sources[0].score = 11, "sources[0].score", "score_range", E),
        (
            "source url",
            |g| g.sources[0].url = "example.org/news".into(),
            "sources[0].url",
            "bad_url",
            E,
        ),
        (
            "source url with space",
            |g| g.sources[0].url = "https://exa mple.org".into(),
            "sources[0].url",
            "bad_url",
            E,
        ),
        (
            "source date",
            |g| g.sources[0].published = "14/10/2026".into(),
            "sources[0].published",
            "bad_date",
            E,
        ),
        (
            "source summary",
            |g| g.sources[0].summary.clear(),
            "sources[0].summary",
            "empty_summary",
            W,
        ),
        ("duplicate id", |g| g.faq[0].id = "deal-1".into(), "faq[0].id", "duplicate_id", E),
        ("missing id", |g| g.sources[0].id.clear(), "sources[0].id", "missing_id", E),
        ("bad id", |g| g.takeaways[0].id = "a b".into(), "takeaways[0].id", "bad_id", E),
        ("bad format", |g| g.format = 3, "format", "bad_format", E),
        (
            "version time",
            |g| {
                g.versions.push(VersionRef {
                    label: "v1".into(),
                    state: VersionState::Live,
                    at: "soon".into(),
                })
            },
            "versions[0].at",
            "bad_date",
            E,
        ),
    ];
    for (name, mutate, path, code, severity) in cases {
        let mut g = valid();
        mutate(&mut g);
        let findings = validate(&g);
        assert_eq!(
            findings.len(),
            1,
            "case `{name}`: expected exactly one finding, got {findings:#?}"
        );
        let f = &findings[0];
        assert_eq!(
            (f.path.as_str(), f.code.as_str(), f.severity),
            (path, code, severity),
            "case `{name}`: {f:#?}"
        );
        assert!(!f.message.is_empty());
        assert_eq!(has_errors(&findings), severity == Severity::Error, "case `{name}`");
    }
}

#[test]
fn year_precision_is_not_before_months_of_that_year() {
    let mut g = valid();
    g.timeline[0].date = "2026-03".into();
    g.timeline[1].date = "2026".into();
    assert!(validate(&g).is_empty());
}

#[test]
fn parsed_capacity_is_recomputed_on_load() {
    let mut g = valid();
    g.deals.rows[0].capacity = Some(Capacity { text: "300 MW".into(), gw: Some(99.0) });
    let json = g.to_canonical_json();
    let back = Guide::from_json(&json).unwrap();
    assert_eq!(back.deals.rows[0].capacity.as_ref().unwrap().gw, Some(0.3));
}

#[test]
fn format_version_is_checked_first() {
    let mut v: serde_json::Value = serde_json::from_str(&valid().to_canonical_json()).unwrap();
    v["format"] = 7.into();
    assert!(matches!(
        Guide::from_json(&v.to_string()),
        Err(FormatError::UnsupportedVersion { found: 7 })
    ));
    v.as_object_mut().unwrap().remove("format");
    assert!(matches!(Guide::from_json(&v.to_string()), Err(FormatError::MissingVersion)));
    assert!(matches!(Guide::from_json("{"), Err(FormatError::Json(_))));
}

#[test]
fn unknown_fields_are_refused() {
    let mut v: serde_json::Value = serde_json::from_str(&valid().to_canonical_json()).unwrap();
    v["meta"]["colour"] = "red".into();
    assert!(Guide::from_json(&v.to_string()).is_err());
}

#[test]
fn canonical_json_round_trips_byte_for_byte() {
    let g = valid();
    let a = g.to_canonical_json();
    let b = Guide::from_json(&a).unwrap().to_canonical_json();
    assert_eq!(a, b);
    assert!(a.ends_with("}\n"));
}
