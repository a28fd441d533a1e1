//! The sample guides in `content/` are valid, canonical, complete, and the v1 → v2 revision
//! differs from v1 by exactly the edits listed in `content/README.md`.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use almanac_guide::{
    parse_capacity_gw, validate, BarLayout, DatePrecision, FigureKind, Guide, Severity,
    VersionState,
};

const V1: &str = "training-infrastructure";
const V2: &str = "training-infrastructure-v2";
const SCALING: &str = "scaling-science";

fn content_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../content")
}

/// Every `content/<folder>/guide.json`, by folder name.
fn guide_files() -> BTreeMap<String, PathBuf> {
    let dir = content_dir();
    let entries = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the content folder {}: {e}", dir.display()));
    let mut out = BTreeMap::new();
    for entry in entries {
        let entry = entry.expect("content folder entry");
        let path = entry.path().join("guide.json");
        if entry.path().is_dir() && path.is_file() {
            out.insert(entry.file_name().to_string_lossy().into_owned(), path);
        }
    }
    out
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn load(folder: &str) -> Guide {
    let path = content_dir().join(folder).join("guide.json");
    Guide::from_json(&read(&path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The first line where two texts differ, for a readable failure message.
fn first_difference(a: &str, b: &str) -> String {
    for (n, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  file:      {x}\n  canonical: {y}", n + 1);
        }
    }
    format!(
        "one text is a prefix of the other ({} vs {} lines; check the final newline)",
        a.lines().count(),
        b.lines().count()
    )
}

#[test]
fn the_expected_sample_guides_exist() {
    let files = guide_files();
    for folder in [V1, V2, SCALING] {
        assert!(files.contains_key(folder), "content/{folder}/guide.json is missing");
    }
}

#[test]
fn every_guide_parses_validates_cleanly_and_is_canonical() {
    let files = guide_files();
    assert!(!files.is_empty(), "no content/*/guide.json found in {}", content_dir().display());
    for (folder, path) in &files {
        let text = read(path);
        let guide =
            Guide::from_json(&text).unwrap_or_else(|e| panic!("content/{folder}/guide.json: {e}"));

        let findings = validate(&guide);
        for f in &findings {
            println!("content/{folder}: {:?} {} [{}] {}", f.severity, f.path, f.code, f.message);
        }
        let errors: Vec<_> = findings.iter().filter(|f| f.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "content/{folder} has validation errors: {errors:#?}");
        let warnings: Vec<_> =
            findings.iter().filter(|f| f.severity == Severity::Warning).collect();
        assert!(warnings.is_empty(), "content/{folder} has validation warnings: {warnings:#?}");

        let canonical = guide.to_canonical_json();
        assert!(
            canonical == text,
            "content/{folder}/guide.json is not in canonical form; first difference at {}",
            first_difference(&text, &canonical)
        );

        // The folder is the slug, or the slug plus a revision suffix ("-v2").
        let slug = &guide.meta.slug;
        let suffix_ok = folder
            .strip_prefix(slug.as_str())
            .and_then(|rest| rest.strip_prefix("-v"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        assert!(folder == slug || suffix_ok, "folder {folder} does not match slug {slug}");
        if let Some(n) = folder.strip_prefix(&format!("{slug}-")) {
            assert_eq!(guide.meta.version.label, n, "content/{folder}: version label");
        }

        for row in &guide.deals.rows {
            if let Some(c) = &row.capacity {
                assert_eq!(c.gw, parse_capacity_gw(&c.text), "{folder} {}: gw", row.id);
            }
        }
    }
}

#[test]
fn v1_is_complete() {
    let g = load(V1);
    assert_eq!(g.meta.slug, "training-infrastructure");
    assert_eq!(g.meta.topic, "Training Infrastructure");
    assert_eq!(g.meta.kind, "Topic guide");
    assert_eq!(g.meta.depth, "In-depth");
    assert_eq!(g.meta.version.label, "v1");
    assert_eq!(g.meta.version.state, VersionState::Live);
    assert_eq!(g.meta.generated, "2026-11-18T09:00:00Z");
    assert_eq!(g.takeaways.len(), 6);
    assert!(g.sections.len() >= 4, "only {} sections", g.sections.len());
    // The seed's two figures, exactly: Anthropic's compute stack from its deal rows, and the
    // timeline of key inflection points.
    let kinds: Vec<FigureKind> = g.figures.iter().map(|f| f.kind).collect();
    assert_eq!(kinds, [FigureKind::ComputeStack, FigureKind::Timeline]);
    let (stack, timeline) = (&g.figures[0], &g.figures[1]);
    assert_eq!(stack.caption, "Anthropic's multi-vendor compute stack (as of mid-2026)");
    assert_eq!(stack.lab.as_deref(), Some("Anthropic"));
    assert_eq!((stack.partner.as_deref(), stack.bars), (None, BarLayout::Stacked));
    let drawn: Vec<&str> = stack.rows(&g).iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        drawn,
        [
            "deal-anthropic-amazon",
            "deal-anthropic-google-broadcom",
            "deal-anthropic-microsoft-nvidia",
            "deal-anthropic-spacex",
            "deal-anthropic-fluidstack"
        ],
        "the stack draws every Anthropic deal row"
    );
    assert_eq!(timeline.caption, "Training infrastructure deal timeline: key inflection points");
    assert!(timeline.key_only && timeline.from.is_none() && timeline.to.is_none());
    let key: Vec<&str> = timeline.events(&g).iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        key,
        [
            "ev-2019-msft-openai",
            "ev-2020-scaling-laws",
            "ev-2023-amazon-anthropic",
            "ev-2025-stargate",
            "ev-2025-openai-nvidia-amd",
            "ev-2025-anthropic-tpus",
            "ev-2026-aws-strikes"
        ],
        "the key inflection points, as content/README.md lists them"
    );
    assert_eq!(g.deals.rows.len(), 8);
    assert_eq!(g.timeline.len(), 11);
    assert_eq!(g.faq.len(), 5);
    assert_eq!(g.sources.len(), 6);
    assert_eq!(g.related_guides.len(), 4);
    assert!(!g.related_topics.is_empty());
    assert_eq!(g.versions.len(), 1);
    assert_eq!(g.versions[0].state, VersionState::Live);

    // The seed's capacities, read the way the figure reads them.
    let gw: BTreeMap<&str, Option<f64>> = g
        .deals
        .rows
        .iter()
        .map(|r| (r.id.as_str(), r.capacity.as_ref().and_then(|c| c.gw)))
        .collect();
    assert_eq!(gw["deal-anthropic-amazon"], Some(5.0));
    assert_eq!(gw["deal-anthropic-google-broadcom"], None);
    assert_eq!(gw["deal-anthropic-microsoft-nvidia"], Some(1.0));
    assert_eq!(gw["deal-anthropic-spacex"], Some(0.3));
    assert_eq!(gw["deal-anthropic-fluidstack"], None);
    assert_eq!(gw["deal-openai-nvidia"], Some(10.0));
    assert_eq!(gw["deal-openai-amd"], Some(6.0));
    assert_eq!(gw["deal-openai-broadcom"], Some(10.0));
    let msft = g.deals.rows.iter().find(|r| r.id == "deal-anthropic-microsoft-nvidia").unwrap();
    assert_eq!(msft.timeline, None, "the seed leaves this timeline cell unknown");

    // Anchored dates and their precision.
    let ev: BTreeMap<&str, (&str, DatePrecision)> =
        g.timeline.iter().map(|e| (e.id.as_str(), (e.date.as_str(), e.precision))).collect();
    assert_eq!(ev["ev-2019-msft-openai"], ("2019-07-22", DatePrecision::Day));
    assert_eq!(ev["ev-2020-scaling-laws"], ("2020-01-23", DatePrecision::Day));
    assert_eq!(ev["ev-2025-stargate"], ("2025-01-21", DatePrecision::Day));
    assert_eq!(ev["ev-2026-aws-strikes"], ("2026-03", DatePrecision::Month));
    assert_eq!(ev["ev-2026-stargate-michigan"], ("2026", DatePrecision::Year));
}

#[test]
fn scaling_science_is_a_smaller_complete_guide() {
    let g = load(SCALING);
    assert_eq!(g.meta.slug, "scaling-science");
    assert_eq!(g.meta.version.state, VersionState::Live);
    assert!((3..=4).contains(&g.takeaways.len()));
    assert!((2..=3).contains(&g.sections.len()));
    assert_eq!(g.figures.len(), 1);
    assert_eq!(g.figures[0].kind, FigureKind::Timeline);
    assert!(g.deals.rows.is_empty());
    assert!((3..=5).contains(&g.timeline.len()));
    assert_eq!(g.faq.len(), 2);
    assert!((2..=3).contains(&g.sources.len()));
}

/// Items of a list by id, checking ids are unique within the list.
fn by_id<T, F: Fn(&T) -> &str>(items: &[T], id: F) -> BTreeMap<String, &T> {
    let mut map = BTreeMap::new();
    for item in items {
        assert!(map.insert(id(item).to_string(), item).is_none(), "duplicate id {}", id(item));
    }
    map
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace().collect()
}

/// Length of the longest common subsequence of two word lists.
fn common_subsequence_len(a: &[&str], b: &[&str]) -> usize {
    let mut row = vec![0usize; b.len() + 1];
    for x in a {
        let mut diagonal = 0;
        for (j, y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[test]
fn v2_differs_from_v1_by_exactly_the_listed_edits() {
    let v1 = load(V1);
    let v2 = load(V2);

    // Meta: only the version and the updated time.
    assert_eq!(v2.meta.slug, v1.meta.slug);
    assert_eq!(v2.meta.version.label, "v2");
    assert_eq!(v2.meta.version.state, VersionState::Draft);
    assert!(v2.meta.updated > v1.meta.updated, "v2 must be updated after v1");
    let mut meta = v2.meta.clone();
    meta.version = v1.meta.version.clone();
    meta.updated = v1.meta.updated.clone();
    assert_eq!(meta, v1.meta, "meta differs beyond version and updated");

    // TL;DR: reworded in a few places, not rewritten.
    assert_ne!(v2.tldr, v1.tldr);
    let (a, b) = (words(&v1.tldr), words(&v2.tldr));
    let kept = common_subsequence_len(&a, &b);
    assert!(kept * 10 >= a.len() * 8, "TL;DR kept only {kept} of {} words", a.len());
    for phrase in ["systems that train", "last a decade", "Meanwhile,", "leaning on"] {
        assert!(v2.tldr.contains(phrase) && !v1.tldr.contains(phrase), "TL;DR edit {phrase}");
    }

    // Takeaways: same items, same text; tk-physical-security and tk-codesign moved.
    assert_eq!(by_id(&v1.takeaways, |t| &t.id), by_id(&v2.takeaways, |t| &t.id));
    let order: Vec<&str> = v2.takeaways.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        order,
        [
            "tk-anthropic-stack",
            "tk-openai-stargate",
            "tk-physical-security",
            "tk-scaling-laws",
            "tk-hparam-transfer",
            "tk-codesign"
        ]
    );

    // Deals: one row removed, one added, one edited in one cell; the rest untouched and in order.
    assert_eq!(v2.deals.caption, v1.deals.caption);
    assert_eq!(v2.deals.footnote, v1.deals.footnote);
    let r1 = by_id(&v1.deals.rows, |r| &r.id);
    let r2 = by_id(&v2.deals.rows, |r| &r.id);
    let ids1: BTreeSet<&String> = r1.keys().collect();
    let ids2: BTreeSet<&String> = r2.keys().collect();
    let removed: Vec<&str> = ids1.difference(&ids2).map(|s| s.as_str()).collect();
    let added: Vec<&str> = ids2.difference(&ids1).map(|s| s.as_str()).collect();
    assert_eq!(removed, ["deal-anthropic-spacex"]);
    assert_eq!(added, ["deal-openai-aws"]);
    let changed: Vec<&str> = ids1
        .intersection(&ids2)
        .filter(|id| r1[id.as_str()] != r2[id.as_str()])
        .map(|s| s.as_str())
        .collect();
    assert_eq!(changed, ["deal-openai-nvidia"]);
    let (old, new) = (r1["deal-openai-nvidia"], r2["deal-openai-nvidia"]);
    assert_eq!(old.terms.as_deref(), Some("Strategic partnership"));
    assert_eq!(
        new.terms.as_deref(),
        Some("Strategic partnership; NVIDIA to invest up to $100B as each GW is deployed")
    );
    let mut patched = new.clone();
    patched.terms = old.terms.clone();
    assert_eq!(&patched, old, "only the terms cell of deal-openai-nvidia changes");
    let common1: Vec<&str> =
        v1.deals.rows.iter().map(|r| r.id.as_str()).filter(|id| r2.contains_key(*id)).collect();
    let common2: Vec<&str> =
        v2.deals.rows.iter().map(|r| r.id.as_str()).filter(|id| r1.contains_key(*id)).collect();
    assert_eq!(common1, common2, "kept deal rows must keep their order");
    let aws = r2["deal-openai-aws"];
    assert_eq!(aws.lab.as_deref(), Some("OpenAI"));
    assert_eq!(aws.partner.as_deref(), Some("Amazon (AWS + Trainium)"));

    // FAQ: same questions in the same order; one answer changed by one sentence.
    let q1: Vec<(&str, &str)> =
        v1.faq.iter().map(|q| (q.id.as_str(), q.question.as_str())).collect();
    let q2: Vec<(&str, &str)> =
        v2.faq.iter().map(|q| (q.id.as_str(), q.question.as_str())).collect();
    assert_eq!(q1, q2);
    let changed: Vec<&str> = v1
        .faq
        .iter()
        .zip(&v2.faq)
        .filter(|(a, b)| a.answer != b.answer)
        .map(|(a, _)| a.id.as_str())
        .collect();
    assert_eq!(changed, ["faq-vendor-concentration"]);
    let sentences = |s: &str| -> Vec<String> {
        s.split_inclusive(". ").map(|x| x.trim().to_string()).collect()
    };
    let (s1, s2) = (sentences(&v1.faq[3].answer), sentences(&v2.faq[3].answer));
    assert_eq!(s1.len(), s2.len());
    assert_eq!(s1.iter().zip(&s2).filter(|(a, b)| a != b).count(), 1, "one sentence edited");

    // Everything else is identical.
    assert_eq!(v2.format, v1.format);
    assert_eq!(v2.sections, v1.sections);
    assert_eq!(v2.figures, v1.figures);
    assert_eq!(v2.timeline, v1.timeline);
    assert_eq!(v2.related_topics, v1.related_topics);
    assert_eq!(v2.related_guides, v1.related_guides);
    assert_eq!(v2.sources, v1.sources);
    assert_eq!(v2.versions, v1.versions, "the draft is not published: versions stay [v1 live]");
}

#[test]
fn readme_says_why_each_key_event_is_key() {
    let readme = read(&content_dir().join("README.md"));
    let dates = &readme[readme.find("## How the dates were established").expect("dates section")..];
    let dates = &dates[..dates.find("\n## v1").expect("v1 → v2 section follows")];
    let key = &dates[dates.find("Key inflection points").expect("a key events list")..];
    let listed: Vec<&str> = key
        .lines()
        .filter_map(|l| l.strip_prefix("- `"))
        .filter_map(|l| l.split_once('`'))
        .map(|(id, why)| {
            assert!(why.len() > 40, "content/README.md does not say why {id} is key");
            id
        })
        .collect();
    let marked: Vec<String> =
        load(V1).timeline.iter().filter(|e| e.key).map(|e| e.id.clone()).collect();
    assert_eq!(listed, marked, "the README lists exactly the events marked key, in order");
    assert!((5..=7).contains(&marked.len()));
}

#[test]
fn readme_lists_every_v2_edit() {
    let readme = read(&content_dir().join("README.md"));
    for id in [
        "deal-anthropic-spacex",
        "deal-openai-aws",
        "deal-openai-nvidia",
        "tk-physical-security",
        "tk-codesign",
        "faq-vendor-concentration",
        "meta.updated",
        "meta.version",
        "tldr",
    ] {
        assert!(readme.contains(id), "content/README.md does not mention {id}");
    }
}
