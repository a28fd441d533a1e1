//! A table of validation cases: each mutation of a valid guide yields exactly the expected
//! finding (path, code, severity).

use almanac_guide::*;

fn valid() -> Guide {
    let mut g = Guide::new_empty("valid-guide", "A valid guide", "2026-11-18T09:00:00Z");
    g.meta.topic = "Testing".into();
    g.tldr = "A short summary.".into();
    g.takeaways.push(Takeaway { id: "tk-1".into(), text: "One point.".into(), lang: None });
    g.sections.push(Section {
        id: "sec-1".into(),
        heading: "Scope".into(),
        body: "Text.".into(),
        lang: None,
    });
    g.figures.push(Figure::new("fig-1", FigureKind::DealCapacity, "Capacity"));
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
        key: false,
    });
    g.timeline.push(TimelineEvent {
        id: "ev-2".into(),
        date: "2020".into(),
        precision: DatePrecision::Year,
        title: "Second".into(),
        detail: None,
        link: Some("https://example.org/a".into()),
        key: false,
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
    g.faq.push(FaqItem {
        id: "faq-1".into(),
        question: "Why?".into(),
        answer: "Because.".into(),
        lang: None,
    });
    g.sources.push(Source {
        id: "src-1".into(),
        score: 9,
        source: "News".into(),
        published: "2026-10-14".into(),
        url: "https://example.org/news".into(),
        title: "Title".into(),
        summary: "Summary.".into(),
        lang: None,
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
            "compute stack without its lab",
            |g| g.figures[0].kind = FigureKind::ComputeStack,
            "figures[0].lab",
            "required",
            E,
        ),
        (
            "lab filter matching no row",
            |g| g.figures[0].lab = Some("Nobody".into()),
            "figures[0].lab",
            "figure_filter_empty",
            E,
        ),
        (
            "partner filter matching no row",
            |g| g.figures[0].partner = Some("Nobody".into()),
            "figures[0].partner",
            "figure_filter_empty",
            E,
        ),
        (
            "timeline option on a capacity figure",
            |g| g.figures[0].key_only = true,
            "figures[0].key_only",
            "figure_option_unused",
            W,
        ),
        (
            "bar option on a timeline figure",
            |g| {
                g.figures[0].kind = FigureKind::Timeline;
                g.figures[0].bars = BarLayout::Grouped;
            },
            "figures[0].bars",
            "figure_option_unused",
            W,
        ),
        (
            "key events only, none marked",
            |g| {
                g.figures[0].kind = FigureKind::Timeline;
                g.figures[0].key_only = true;
            },
            "figures[0].kind",
            "figure_without_data",
            W,
        ),
        (
            "unreadable range",
            |g| {
                g.figures[0].kind = FigureKind::Timeline;
                g.figures[0].from = Some("soon".into());
            },
            "figures[0].from",
            "bad_date",
            E,
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
            "timeline out of order behind a coarser event",
            |g| {
                // 2020-10-30, then 2020, then 2020-05: May is before October.
                g.timeline[0].date = "2020-10-30".into();
                g.timeline[0].precision = DatePrecision::Day;
                g.timeline.push(event("ev-3", "2020-05", DatePrecision::Month));
            },
            "timeline[2].date",
            "timeline_order",
            E,
        ),
        (
            "timeline out of order two events back",
            |g| {
                g.timeline.push(event("ev-3", "2020-03", DatePrecision::Month));
                g.timeline.push(event("ev-4", "2020-02", DatePrecision::Month));
            },
            "timeline[3].date",
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
            "NUL in a body",
            |g| g.sections[0].body = "Te\0xt.".into(),
            "sections[0].body",
            "bad_char",
            E,
        ),
        (
            "escape in the title",
            |g| g.meta.title = "A \u{1b}[1mtitle".into(),
            "meta.title",
            "bad_char",
            E,
        ),
        ("C1 control in the TL;DR", |g| g.tldr.push('\u{85}'), "tldr", "bad_char", E),
        ("DEL in an answer", |g| g.faq[0].answer.push('\u{7f}'), "faq[0].answer", "bad_char", E),
        (
            "control in a deal cell",
            |g| g.deals.rows[0].partner = Some("Part\u{7}ner".into()),
            "deals[0].partner",
            "bad_char",
            E,
        ),
        (
            "control in a capacity",
            |g| g.deals.rows[0].capacity.as_mut().unwrap().text = "Up to 5\u{0} GW".into(),
            "deals[0].capacity",
            "bad_char",
            E,
        ),
        (
            "control in the deal footnote",
            |g| g.deals.footnote = "\u{c}".into(),
            "deals.footnote",
            "bad_char",
            E,
        ),
        (
            "control in an event detail",
            |g| g.timeline[1].detail = Some("a\u{8}b".into()),
            "timeline[1].detail",
            "bad_char",
            E,
        ),
        (
            "control in a source summary",
            |g| g.sources[0].summary = "Sum\u{1f}mary.".into(),
            "sources[0].summary",
            "bad_char",
            E,
        ),
        (
            "control in a version label",
            |g| {
                g.versions.push(VersionRef {
                    label: "v1\u{0}".into(),
                    state: VersionState::Live,
                    at: "2026-11-18T09:00:00Z".into(),
                })
            },
            "versions[0].label",
            "bad_char",
            E,
        ),
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

fn event(id: &str, date: &str, precision: DatePrecision) -> TimelineEvent {
    TimelineEvent {
        id: id.into(),
        date: date.into(),
        precision,
        title: format!("Event {id}"),
        detail: None,
        link: None,
        key: false,
    }
}

#[test]
fn the_timeline_order_is_checked_against_every_earlier_event() {
    let dated = |events: &[(&str, DatePrecision)]| {
        let mut g = valid();
        g.timeline =
            events.iter().enumerate().map(|(i, (d, p))| event(&format!("ev-{i}"), d, *p)).collect();
        validate(&g)
            .into_iter()
            .filter(|f| f.code == "timeline_order")
            .map(|f| (f.path, f.message))
            .collect::<Vec<_>>()
    };
    use DatePrecision::{Day, Month, Year};
    // In order at every shared precision.
    for ok in [
        vec![("2026-03", Month), ("2026", Year), ("2026-03-02", Day), ("2026-04", Month)],
        vec![("2025-12-31", Day), ("2026", Year), ("2026-01", Month), ("2026-01-01", Day)],
        vec![("2026", Year), ("2026-10-30", Day), ("2026", Year), ("2026-10", Month)],
        vec![("2026-05", Month), ("2026-05", Month), ("2026-05-01", Day)],
    ] {
        assert_eq!(dated(&ok), vec![], "{ok:?}");
    }
    let found = dated(&[("2026-10-30", Day), ("2026", Year), ("2026-05", Month)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "timeline[2].date");
    assert_eq!(
        found[0].1,
        "Event 3 (2026-05) is dated before event 1 (2026-10-30); keep the timeline in date order."
    );
    // A day earlier than a day two events back, with a month of the same year between.
    let found = dated(&[("2026-10-30", Day), ("2026-10", Month), ("2026-10-02", Day)]);
    assert_eq!(found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["timeline[2].date"]);
    // Each event out of order is reported once, against an earlier event it precedes (at the
    // coarsest precision where it does).
    let found = dated(&[("2027", Year), ("2026-06", Month), ("2026-05-01", Day)]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[1].1.starts_with("Event 3 (2026-05-01) is dated before event 1 (2027)"));
    let found = dated(&[("2026", Year), ("2026-06", Month), ("2026-05-01", Day)]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].1.contains("before event 2 (2026-06)"), "{found:?}");
}

#[test]
fn tabs_and_line_breaks_are_allowed_in_text() {
    let mut g = valid();
    g.sections[0].body = "Line one\r\nLine two\n\tindented\rold Mac".into();
    g.tldr = "A\ttabbed summary.".into();
    assert!(validate(&g).is_empty(), "{:#?}", validate(&g));
}

#[test]
fn bad_char_names_the_field_the_item_and_the_character() {
    let mut g = valid();
    g.deals.rows[0].capacity.as_mut().unwrap().text = "5 GW\0\0".into();
    g.sections[0].heading = "Sco\u{1b}pe".into();
    let f = validate(&g);
    let bad: Vec<_> = f.iter().filter(|f| f.code == "bad_char").collect();
    assert_eq!(bad.len(), 2, "{f:#?}");
    // Document order: sections before deals.
    assert_eq!(bad[0].path, "sections[0].heading");
    assert_eq!(bad[0].item_id.as_deref(), Some("sec-1"));
    assert!(bad[0].message.contains("U+001B at character 4"), "{}", bad[0].message);
    assert_eq!(bad[1].path, "deals[0].capacity");
    assert_eq!(bad[1].item_id.as_deref(), Some("deal-1"));
    assert!(bad[1].message.contains("2 control characters, the first U+0000 at character 5"));
    assert!(has_errors(&f));
}

/// Every string field of the guide is checked: a NUL appended to any one of them (found by
/// walking the JSON, so a field added to the model is covered too) gives one `bad_char` error.
#[test]
fn every_string_field_is_checked_for_control_characters() {
    fn strings(v: &serde_json::Value, path: String, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(_) => out.push(path),
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    strings(x, format!("{path}/{i}"), out);
                }
            }
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    if k != "id" {
                        strings(x, format!("{path}/{k}"), out);
                    }
                }
            }
            _ => {}
        }
    }
    let mut g = valid();
    g.timeline[0].detail = Some("Detail.".into());
    g.versions.push(VersionRef {
        label: "v1".into(),
        state: VersionState::Live,
        at: "2026-11-18T09:00:00Z".into(),
    });
    g.meta.version.based_on = Some("v1".into());
    assert!(validate(&g).is_empty(), "{:#?}", validate(&g));
    let base = serde_json::to_value(&g).unwrap();
    let mut paths = Vec::new();
    strings(&base, String::new(), &mut paths);
    let mut checked = 0;
    for path in paths {
        let mut v = base.clone();
        let serde_json::Value::String(s) = v.pointer_mut(&path).unwrap() else { unreachable!() };
        s.push('\0');
        // Enum values (status, precision, kind, state) are strings too: a NUL makes them unreadable.
        let Ok(bad) = serde_json::from_value::<Guide>(v) else { continue };
        let f: Vec<_> = validate(&bad).into_iter().filter(|f| f.code == "bad_char").collect();
        assert_eq!(f.len(), 1, "{path}: {f:#?}");
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} string fields checked");
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

fn valid_json() -> serde_json::Value {
    serde_json::from_str(&valid().to_canonical_json()).unwrap()
}

fn read_err(text: &str) -> String {
    Guide::from_json(text).expect_err("refused").to_string()
}

/// The schema says `"type": "integer"`, which JSON Schema satisfies with `5.0`: so does the
/// parser.
#[test]
fn whole_numbers_written_with_a_fraction_read_as_integers() {
    let mut v = valid_json();
    v["sources"][0]["score"] = serde_json::json!(5.0);
    v["format"] = serde_json::json!(1.0);
    let g = Guide::from_json(&v.to_string()).unwrap();
    assert_eq!((g.sources[0].score, g.format), (5, FORMAT_VERSION));
    v["format"] = serde_json::json!(2.0);
    assert!(Guide::from_json(&v.to_string()).is_ok());
    let text = valid().to_canonical_json().replace("\"score\": 9", "\"score\": 9e0");
    assert_eq!(Guide::from_json(&text).unwrap().sources[0].score, 9);
    // A fraction is still not a score.
    v["sources"][0]["score"] = serde_json::json!(5.5);
    assert!(read_err(&v.to_string()).contains("floating point `5.5`"));
}

#[test]
fn a_format_that_is_not_a_whole_number_is_named_exactly() {
    let mut v = valid_json();
    for (format, shown) in [
        (serde_json::json!(1.5), "not 1.5"),
        (serde_json::json!("2"), "not the string \"2\""),
        (serde_json::json!(null), "not null"),
        (serde_json::json!(-1), "not -1"),
        (serde_json::json!([2]), "not an array"),
    ] {
        v["format"] = format;
        let err = read_err(&v.to_string());
        assert_eq!(
            err,
            format!(
                "guide.json is not a format v2 guide: \"format\" must be a whole number from 1 \
                 to 2, {shown}"
            )
        );
    }
    v.as_object_mut().unwrap().remove("format");
    assert_eq!(read_err(&v.to_string()), "guide.json has no \"format\" field");
    assert!(read_err("[1, 2]").contains("the top level is an array, not an object"));
    assert!(read_err("{\"format\": 2,").starts_with("guide.json is not valid JSON: "));
}

#[test]
fn a_key_given_twice_is_refused_with_where() {
    let text = valid().to_canonical_json();
    let line_of = |text: &str, needle: &str| {
        text.lines().position(|l| l.contains(needle)).expect("needle present") + 1
    };
    // The same key twice in meta: the first value would have been lost.
    let twice = text.replacen(
        "\"title\": \"A valid guide\",",
        "\"title\": \"A valid guide\",\n    \"title\": \"Another\",",
        1,
    );
    let err = read_err(&twice);
    let line = line_of(&twice, "\"Another\"");
    assert!(
        err.starts_with(&format!(
            "guide.json is not a format v2 guide: the key \"title\" appears twice in meta (a key \
             may appear once in an object) at line {line} column"
        )),
        "{err}"
    );
    // In a list item, and at the top level.
    let twice =
        text.replacen("\"heading\": \"Scope\",", "\"heading\": \"Scope\", \"heading\": \"S\",", 1);
    assert!(read_err(&twice).contains("the key \"heading\" appears twice in sections[0]"));
    let twice = text.replacen("\"tldr\":", "\"tldr\": \"x\", \"tldr\":", 1);
    assert!(read_err(&twice).contains("the key \"tldr\" appears twice in the top level"));
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

#[test]
fn date_messages_say_what_is_wrong_in_plain_words() {
    let message = |date: &str, precision: DatePrecision| {
        let mut g = valid();
        g.timeline = vec![event("ev-a", date, precision)];
        let found = validate(&g);
        let f = found.iter().find(|f| f.code == "bad_date").expect("a bad_date finding");
        f.message.clone()
    };
    assert_eq!(
        message("2019", DatePrecision::Month),
        "Event 1: \u{201c}2019\u{201d} is a year, but Precision is set to month: write the month as \
         YYYY-MM (2019-07), or set Precision to year."
    );
    assert_eq!(
        message("2019-13", DatePrecision::Month),
        "Event 1: \u{201c}2019-13\u{201d} is not a date. Dates are written YYYY, YYYY-MM or \
         YYYY-MM-DD; with Precision set to month, write YYYY-MM (2019-07)."
    );
    assert_eq!(
        message(" ", DatePrecision::Year),
        "Event 1: the date is empty: write the year as YYYY (2019)."
    );
    for (date, precision) in [("2019-07", DatePrecision::Day), ("July 2019", DatePrecision::Year)] {
        let m = message(date, precision);
        assert!(!m.contains("valid"), "{m}");
        assert!(m.contains(date), "{m}");
    }
}
