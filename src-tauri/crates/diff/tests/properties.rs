//! Properties over generated variations of the sample guides (a seeded generator, so a failure
//! names the seed that reproduces it).

mod common;

use std::collections::{BTreeMap, BTreeSet};

use almanac_diff::{
    diff_guides_with, new_side, old_side, DiffOptions, FieldKind, GuideDiff, ItemKind, SegmentOp,
};
use almanac_guide::{Capacity, DealRow, Guide, Part, Takeaway};
use common::{diff, load, v1, v2};

const SEEDS: u64 = 60;

/// SplitMix64: small, seeded, good enough to pick edits.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

fn guides() -> Vec<Guide> {
    vec![v1(), v2(), load("scaling-science")]
}

/// Both sides of every text change reconstruct from its segments or paragraphs.
fn assert_exact(d: &GuideDiff) {
    for f in d.field_changes() {
        match f.kind {
            FieldKind::Prose => {
                let old: Vec<String> = f
                    .paragraphs
                    .iter()
                    .filter(|p| p.segments.iter().any(|s| s.op != SegmentOp::Insert))
                    .map(|p| old_side(&p.segments))
                    .collect();
                let new: Vec<String> = f
                    .paragraphs
                    .iter()
                    .filter(|p| p.segments.iter().any(|s| s.op != SegmentOp::Delete))
                    .map(|p| new_side(&p.segments))
                    .collect();
                let split = |t: &str| -> Vec<String> {
                    t.split("\n\n")
                        .map(str::trim)
                        .filter(|p| !p.is_empty())
                        .map(String::from)
                        .collect()
                };
                assert_eq!(old, split(f.old_text()), "old side of {}", f.path);
                assert_eq!(new, split(f.new_text()), "new side of {}", f.path);
            }
            _ => {
                assert_eq!(old_side(&f.segments), f.old_text(), "old side of {}", f.path);
                assert_eq!(new_side(&f.segments), f.new_text(), "new side of {}", f.path);
            }
        }
    }
}

#[test]
fn a_guide_against_itself_is_empty() {
    for g in guides() {
        let d = diff(&g, &g);
        assert!(d.is_empty(), "{} against itself: {:#?}", g.meta.slug, d.summary);
        assert_eq!(d.field_changes().count(), 0);
        assert!(!d.summary.text_changed && !d.summary.coarse);
        assert!(d.summary.parts.iter().all(|p| p.is_empty()));
        // Also with the default budget, and with a copy (not the same reference).
        assert!(diff_guides_with(&g, &g.clone(), &DiffOptions::default()).is_empty());
    }
}

#[test]
fn an_unknown_cell_compares_as_empty_never_as_a_dash() {
    let old = v1();
    let mut a = old.clone();
    let mut b = old.clone();
    a.deals.rows[0].partner = None;
    b.deals.rows[0].partner = Some(String::new());
    assert!(diff(&a, &b).is_empty(), "None and \"\" are the same unknown cell");
    b.deals.rows[0].partner = Some("Google".into());
    let d = diff(&a, &b);
    let f: Vec<_> = d.field_changes().collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].path, "deals[0].partner");
    assert_eq!(f[0].old, None);
    assert_eq!(f[0].segments.len(), 1);
    assert_eq!(f[0].segments[0].op, SegmentOp::Insert);
    assert_eq!(f[0].segments[0].text, "Google");
    assert!(!f[0].segments.iter().any(|s| s.text.contains('—')));
}

/// Shuffles every list of a guide with the same ids and content.
fn reorder_all(g: &mut Guide, rng: &mut Rng) {
    rng.shuffle(&mut g.takeaways);
    rng.shuffle(&mut g.sections);
    rng.shuffle(&mut g.figures);
    rng.shuffle(&mut g.deals.rows);
    rng.shuffle(&mut g.timeline);
    rng.shuffle(&mut g.related_topics);
    rng.shuffle(&mut g.related_guides);
    rng.shuffle(&mut g.faq);
    rng.shuffle(&mut g.sources);
}

#[test]
fn a_pure_reorder_yields_only_moves() {
    for seed in 0..SEEDS {
        for g in guides() {
            let mut rng = Rng(seed);
            let mut r = g.clone();
            reorder_all(&mut r, &mut rng);
            let d = diff(&g, &r);
            let s = &d.summary;
            assert_eq!(
                (s.added, s.removed, s.changed, s.fields_changed),
                (0, 0, 0, 0),
                "seed {seed}, {}",
                g.meta.slug
            );
            assert!(!s.text_changed, "seed {seed}");
            assert_eq!(d.field_changes().count(), 0, "seed {seed}");
            for p in &d.parts {
                for it in &p.items {
                    assert_eq!(it.kind, ItemKind::Moved, "seed {seed} {}", it.path);
                    assert!(it.moved);
                    assert!(it.fields.is_empty());
                }
                // The items that did not move keep their relative order; the moved count is
                // the list length minus the longest run kept in order: never more than n - 1.
                let ps = s.parts.iter().find(|x| x.part == p.part).unwrap();
                assert_eq!(ps.moved as usize, p.items.len());
            }
            if r == g {
                assert!(d.is_empty());
            }
        }
    }
}

#[test]
fn moving_one_item_reports_one_move() {
    let g = v1();
    let n = g.takeaways.len();
    for from in 0..n {
        for to in 0..n {
            let mut r = g.clone();
            let t = r.takeaways.remove(from);
            r.takeaways.insert(to, t);
            let d = diff(&g, &r);
            let items = &d.part(Part::Takeaways).items;
            if from == to {
                assert!(d.is_empty());
                continue;
            }
            // Swapping neighbours can be read as either one moving; anything else is exactly
            // the item that was picked up.
            assert_eq!(items.len(), 1, "{from} -> {to}");
            if from.abs_diff(to) > 1 {
                assert_eq!(items[0].id, g.takeaways[from].id, "{from} -> {to}");
                assert_eq!(items[0].path, format!("takeaways[{to}]"));
            }
        }
    }
}

/// An edit to one text field of one item; returns the path it must show up at.
fn edit_one(g: &mut Guide, rng: &mut Rng, n: usize) -> Option<String> {
    let word = format!("edited{n}");
    let part = rng.below(9);
    fn reword(text: &mut String, word: &str, rng: &mut Rng) {
        let words: Vec<&str> = text.split(' ').collect();
        let mut words: Vec<String> = words.into_iter().map(String::from).collect();
        let at = rng.below(words.len() + 1);
        match rng.below(3) {
            0 if at < words.len() => words[at] = word.to_string(),
            1 if at < words.len() && words.len() > 1 => {
                words.remove(at);
                words.insert(at.min(words.len()), word.to_string());
            }
            _ => words.insert(at, word.to_string()),
        }
        *text = words.join(" ");
    }
    let path = match part {
        0 if !g.takeaways.is_empty() => {
            let i = rng.below(g.takeaways.len());
            reword(&mut g.takeaways[i].text, &word, rng);
            format!("takeaways[{i}].text")
        }
        1 if !g.sections.is_empty() => {
            let i = rng.below(g.sections.len());
            if rng.below(2) == 0 {
                reword(&mut g.sections[i].heading, &word, rng);
                format!("sections[{i}].heading")
            } else {
                reword(&mut g.sections[i].body, &word, rng);
                format!("sections[{i}].body")
            }
        }
        2 if !g.deals.rows.is_empty() => {
            let i = rng.below(g.deals.rows.len());
            let row = &mut g.deals.rows[i];
            match rng.below(3) {
                0 => {
                    let mut t = row.terms.clone().unwrap_or_default();
                    reword(&mut t, &word, rng);
                    row.terms = Some(t);
                    format!("deals[{i}].terms")
                }
                1 => {
                    let old = row.capacity.as_ref().map(|c| c.text.clone()).unwrap_or_default();
                    row.capacity = Some(Capacity { text: format!("{old} {word}"), gw: None });
                    format!("deals[{i}].capacity")
                }
                _ => {
                    row.partner =
                        Some(format!("{} {word}", row.partner.clone().unwrap_or_default()));
                    format!("deals[{i}].partner")
                }
            }
        }
        3 if !g.timeline.is_empty() => {
            let i = rng.below(g.timeline.len());
            reword(&mut g.timeline[i].title, &word, rng);
            format!("timeline[{i}].title")
        }
        4 if !g.faq.is_empty() => {
            let i = rng.below(g.faq.len());
            reword(&mut g.faq[i].answer, &word, rng);
            format!("faq[{i}].answer")
        }
        5 if !g.sources.is_empty() => {
            let i = rng.below(g.sources.len());
            reword(&mut g.sources[i].summary, &word, rng);
            format!("sources[{i}].summary")
        }
        6 if !g.figures.is_empty() => {
            let i = rng.below(g.figures.len());
            reword(&mut g.figures[i].caption, &word, rng);
            format!("figures[{i}].caption")
        }
        7 if !g.related_topics.is_empty() => {
            let i = rng.below(g.related_topics.len());
            reword(&mut g.related_topics[i].title, &word, rng);
            format!("related_topics[{i}].title")
        }
        8 => {
            reword(&mut g.tldr, &word, rng);
            "tldr".to_string()
        }
        _ => return None,
    };
    Some(path)
}

#[test]
fn each_edited_field_appears_exactly_once() {
    for seed in 0..SEEDS {
        for g in guides() {
            let mut rng = Rng(seed);
            let mut e = g.clone();
            let mut edited = BTreeSet::new();
            for n in 0..1 + rng.below(6) {
                if let Some(p) = edit_one(&mut e, &mut rng, n) {
                    edited.insert(p);
                }
            }
            let d = diff(&g, &e);
            assert_exact(&d);
            let mut seen: BTreeMap<String, usize> = BTreeMap::new();
            for f in d.field_changes() {
                *seen.entry(f.path.clone()).or_default() += 1;
            }
            let expected: BTreeMap<String, usize> = edited.iter().map(|p| (p.clone(), 1)).collect();
            assert_eq!(seen, expected, "seed {seed}, {}", g.meta.slug);
            let s = &d.summary;
            assert_eq!((s.added, s.removed, s.moved), (0, 0, 0), "seed {seed}");
            assert!(s.text_changed);
            // Every change names its item.
            for p in &d.parts {
                for it in &p.items {
                    assert_eq!(it.kind, ItemKind::Changed);
                    assert!(it.fields.iter().all(|f| f.item_id.as_deref() == Some(it.id.as_str())));
                    assert!(it.fields.iter().all(|f| f.path.starts_with(&format!("{}.", it.path))));
                }
            }
        }
    }
}

/// Random structural edits: removals, insertions with new ids, reorders and text edits.
fn mutate(g: &Guide, rng: &mut Rng) -> Guide {
    let mut e = g.clone();
    for n in 0..rng.below(4) {
        edit_one(&mut e, rng, n);
    }
    if !e.takeaways.is_empty() && rng.below(2) == 0 {
        let i = rng.below(e.takeaways.len());
        e.takeaways.remove(i);
    }
    if rng.below(2) == 0 {
        let at = rng.below(e.takeaways.len() + 1);
        e.takeaways.insert(
            at,
            Takeaway {
                id: format!("tk-new-{}", rng.next()),
                text: "A new point.".into(),
                lang: None,
            },
        );
    }
    if !e.deals.rows.is_empty() && rng.below(2) == 0 {
        let i = rng.below(e.deals.rows.len());
        e.deals.rows.remove(i);
    }
    if rng.below(2) == 0 {
        let at = rng.below(e.deals.rows.len() + 1);
        e.deals.rows.insert(
            at,
            DealRow {
                id: format!("deal-new-{}", rng.next()),
                lab: Some("Lab".into()),
                partner: None,
                capacity: Some(Capacity { text: "1 GW".into(), gw: Some(1.0) }),
                timeline: None,
                terms: Some("Terms".into()),
            },
        );
    }
    if rng.below(3) == 0 {
        rng.shuffle(&mut e.sources);
    }
    if rng.below(3) == 0 {
        rng.shuffle(&mut e.faq);
    }
    e
}

/// (item id, field) → (old, new).
type FieldMap = BTreeMap<(Option<String>, String), (Option<String>, Option<String>)>;

fn ids(d: &GuideDiff, kind: ItemKind) -> BTreeSet<(Part, String)> {
    d.parts
        .iter()
        .flat_map(|p| {
            p.items.iter().filter(move |i| i.kind == kind).map(move |i| (p.part, i.id.clone()))
        })
        .collect()
}

#[test]
fn swapping_the_sides_swaps_added_and_removed() {
    for seed in 0..SEEDS {
        let mut rng = Rng(seed);
        let base = guides().swap_remove(rng.below(3));
        let a = mutate(&base, &mut rng);
        let b = mutate(&base, &mut rng);
        let ab = diff(&a, &b);
        let ba = diff(&b, &a);
        assert_exact(&ab);
        assert_exact(&ba);
        assert_eq!(ids(&ab, ItemKind::Added), ids(&ba, ItemKind::Removed), "seed {seed}");
        assert_eq!(ids(&ab, ItemKind::Removed), ids(&ba, ItemKind::Added), "seed {seed}");
        assert_eq!(ids(&ab, ItemKind::Changed), ids(&ba, ItemKind::Changed), "seed {seed}");
        let (x, y) = (&ab.summary, &ba.summary);
        assert_eq!((x.added, x.removed), (y.removed, y.added), "seed {seed}");
        assert_eq!((x.changed, x.moved, x.fields_changed), (y.changed, y.moved, y.fields_changed));
        for (p, q) in x.parts.iter().zip(&y.parts) {
            assert_eq!((p.added, p.removed, p.moved), (q.removed, q.added, q.moved), "seed {seed}");
            assert_eq!(p.text_changed, q.text_changed);
        }
        // Field changes mirror: same paths' items, old and new swapped.
        let fa: FieldMap = ab
            .field_changes()
            .map(|f| ((f.item_id.clone(), f.field.clone()), (f.old.clone(), f.new.clone())))
            .collect();
        let fb: FieldMap = ba
            .field_changes()
            .map(|f| ((f.item_id.clone(), f.field.clone()), (f.new.clone(), f.old.clone())))
            .collect();
        assert_eq!(fa, fb, "seed {seed}");
        // Removed items sit at their old place: their path uses the old index.
        for p in &ab.parts {
            for it in p.items.iter().filter(|i| i.kind == ItemKind::Removed) {
                assert_eq!(it.path, format!("{}[{}]", p.part.key(), it.old_index.unwrap()));
            }
        }
    }
}

#[test]
fn json_round_trips() {
    let d = diff(&v1(), &v2());
    let back: GuideDiff = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(back, d);
}
