//! Word-level and paragraph-level text diffs with a time budget.
//!
//! All diffs in one `diff_guides` call share one deadline. When it has passed, or runs out
//! inside a diff, the change falls back to a coarser form (whole paragraph or whole field
//! replaced) and is marked `coarse`. Coarse results are still exact: the segments always
//! reconstruct both sides.

use std::time::Instant;

use similar::{capture_diff_slices_deadline, Algorithm, DiffOp};

use crate::model::{ParagraphDiff, ParagraphOp, Segment, SegmentOp};
use crate::tokens::{is_one_number, tokens};

/// Below this share of equal text, a changed paragraph pair is shown as a deletion and an
/// insertion rather than a word-level rewrite: word-level noise over unrelated text helps no one.
const PARAGRAPH_SIMILARITY_MIN: f64 = 0.4;

/// The shared deadline of one diff.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Budget {
    deadline: Option<Instant>,
}

impl Budget {
    pub(crate) fn new(deadline: Option<Instant>) -> Budget {
        Budget { deadline }
    }

    fn expired(&self) -> bool {
        self.deadline.is_some_and(|d| Instant::now() >= d)
    }

    /// Whether the time left can pay for splitting `bytes` of text into words, which cannot be
    /// interrupted: without this, two megabyte-sized texts would overrun the deadline by the
    /// time it takes to read them.
    fn affords_reading(&self, bytes: usize) -> bool {
        match self.deadline {
            None => true,
            Some(d) => {
                let left = d.saturating_duration_since(Instant::now()).as_nanos();
                (bytes as u128) * TOKENIZE_NS_PER_BYTE < left
            }
        }
    }
}

/// A generous estimate of what Unicode word splitting costs per byte (measured at 25–60 ns on
/// the project's 2-core machines, release build).
const TOKENIZE_NS_PER_BYTE: u128 = 60;

/// A word-level diff of two texts: (segments, coarse). The units compared are Unicode words
/// and whole numbers, dates and quantities (see `tokens`).
pub(crate) fn diff_words(old: &str, new: &str, budget: &Budget) -> (Vec<Segment>, bool) {
    if old == new {
        return (equal(old), false);
    }
    if old.is_empty() || new.is_empty() {
        return (replace(old, new), false);
    }
    if budget.expired() || !budget.affords_reading(old.len() + new.len()) {
        return (replace(old, new), true);
    }
    let (olds, old_numeric) = tokens(old);
    let (news, new_numeric) = tokens(new);
    let ops = capture_diff_slices_deadline(Algorithm::Myers, &olds, &news, budget.deadline);
    if budget.expired() {
        // The algorithm may have given up part way; its answer would be a mix of word-level
        // and block changes. Say so plainly instead: the whole text was replaced.
        return (replace(old, new), true);
    }
    let mut raw = Vec::with_capacity(ops.len() * 2);
    for op in ops {
        let (tag, o, n) = op.as_tag_tuple();
        if tag == similar::DiffTag::Equal {
            raw.push(Piece::Equal(olds[o].concat()));
            continue;
        }
        raw.extend(o.map(|k| Piece::Delete(Token { text: olds[k], numeric: old_numeric[k] })));
        raw.extend(n.map(|k| Piece::Insert(Token { text: news[k], numeric: new_numeric[k] })));
    }
    (cleanup(raw), false)
}

/// One unit of a word diff, and whether it is numeric (see `tokens`).
#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    text: &'a str,
    numeric: bool,
}

/// A word diff before the readability pass: equal text, and deleted and inserted units.
#[derive(Debug)]
enum Piece<'a> {
    Equal(String),
    Delete(Token<'a>),
    Insert(Token<'a>),
}

/// A whole-value replacement (for atomic values, and the coarse fallback).
pub(crate) fn replace(old: &str, new: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    push(&mut out, SegmentOp::Delete, old.to_string());
    push(&mut out, SegmentOp::Insert, new.to_string());
    out
}

/// An atomic value's change: replaced whole, and marked as a number replacement when both
/// sides are one number, date or quantity each (`2026-11-18` → `2026-11-24`, `v1` → `v2`).
pub(crate) fn replace_value(old: &str, new: &str) -> Vec<Segment> {
    let mut out = replace(old, new);
    if out.len() == 2 && is_one_number(old) && is_one_number(new) {
        for s in &mut out {
            s.numeric = true;
        }
    }
    out
}

fn equal(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    push(&mut out, SegmentOp::Equal, text.to_string());
    out
}

/// Appends a segment, merging it with the previous one of the same op (a number replacement
/// stays apart); skips empty text.
fn push(out: &mut Vec<Segment>, op: SegmentOp, text: String) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.op == op && !last.numeric => last.text.push_str(&text),
        _ => out.push(Segment::new(op, text)),
    }
}

/// Readability pass over word-level changes: whitespace left equal between two changes is
/// folded into them, and each run of changes becomes one deletion followed by one insertion
/// ("[-a b-]{+c d+}" rather than "[-a-]{+c+} [-b-]{+d+}"), except for numbers: inside a run,
/// the first numeric unit deleted pairs with the first one inserted, and so on, and each pair
/// is a segment pair of its own marked `numeric` ("[-for-]{+to+} [-2 GW-]{+3 GW+}"), so that an
/// old and a new figure are never one run. Both sides still reconstruct.
fn cleanup(raw: Vec<Piece>) -> Vec<Segment> {
    let n = raw.len();
    let mut out = Vec::with_capacity(n);
    let mut del: Vec<Token> = Vec::new();
    let mut ins: Vec<Token> = Vec::new();
    for (i, piece) in raw.iter().enumerate() {
        match piece {
            Piece::Delete(t) => del.push(*t),
            Piece::Insert(t) => ins.push(*t),
            Piece::Equal(text) => {
                let between_changes = i > 0
                    && i + 1 < n
                    && !matches!(raw[i - 1], Piece::Equal(_))
                    && !matches!(raw[i + 1], Piece::Equal(_))
                    && text.chars().all(char::is_whitespace);
                if between_changes {
                    del.push(Token { text, numeric: false });
                    ins.push(Token { text, numeric: false });
                } else {
                    flush_run(&mut out, &std::mem::take(&mut del), &std::mem::take(&mut ins));
                    push(&mut out, SegmentOp::Equal, text.clone());
                }
            }
        }
    }
    flush_run(&mut out, &del, &ins);
    out
}

/// Emits one run of changes: its number replacements as pairs of their own (see `cleanup`),
/// the rest grouped between them.
fn flush_run(out: &mut Vec<Segment>, del: &[Token], ins: &[Token]) {
    let concat = |t: &[Token]| t.iter().map(|t| t.text).collect::<String>();
    let (mut a, mut b) = (0, 0);
    loop {
        let next_del = del[a..].iter().position(|t| t.numeric).map(|k| a + k);
        let next_ins = ins[b..].iter().position(|t| t.numeric).map(|k| b + k);
        let (Some(d), Some(i)) = (next_del, next_ins) else { break };
        if del[d].text == ins[i].text {
            // The same figure on both sides of a rewrite: shown with the text around it.
            flush_change(out, concat(&del[a..=d]), concat(&ins[b..=i]));
        } else {
            flush_change(out, concat(&del[a..d]), concat(&ins[b..i]));
            out.push(Segment { op: SegmentOp::Delete, text: del[d].text.into(), numeric: true });
            out.push(Segment { op: SegmentOp::Insert, text: ins[i].text.into(), numeric: true });
        }
        (a, b) = (d + 1, i + 1);
    }
    flush_change(out, concat(&del[a..]), concat(&ins[b..]));
}

/// Emits one run of changes, moving whitespace both sides share at its ends out to the equal
/// text around it ("[-run for-]{+last+} a", not "[-run for -]{+last +}a").
fn flush_change(out: &mut Vec<Segment>, del: String, ins: String) {
    if del.is_empty() || ins.is_empty() {
        push(out, SegmentOp::Delete, del);
        push(out, SegmentOp::Insert, ins);
        return;
    }
    let lead = common_ws(del.chars(), ins.chars());
    let trail = common_ws(del[lead..].chars().rev(), ins[lead..].chars().rev());
    push(out, SegmentOp::Equal, del[..lead].to_string());
    push(out, SegmentOp::Delete, del[lead..del.len() - trail].to_string());
    push(out, SegmentOp::Insert, ins[lead..ins.len() - trail].to_string());
    push(out, SegmentOp::Equal, del[del.len() - trail..].to_string());
}

/// Byte length of the whitespace two character runs share at their start.
fn common_ws(a: impl Iterator<Item = char>, b: impl Iterator<Item = char>) -> usize {
    a.zip(b).take_while(|(x, y)| x == y && x.is_whitespace()).map(|(x, _)| x.len_utf8()).sum()
}

/// The share of text (in bytes) the two sides have in common, 0 to 1.
fn similarity(segments: &[Segment]) -> f64 {
    let (mut eq, mut del, mut ins) = (0usize, 0usize, 0usize);
    for s in segments {
        let len = s.text.trim().len();
        match s.op {
            SegmentOp::Equal => eq += len,
            SegmentOp::Delete => del += len,
            SegmentOp::Insert => ins += len,
        }
    }
    let total = 2 * eq + del + ins;
    if total == 0 {
        1.0
    } else {
        (2 * eq) as f64 / total as f64
    }
}

/// Splits Markdown prose into paragraphs: maximal runs of non-blank lines.
pub(crate) fn paragraphs(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(&text[s..end]);
            }
        } else {
            if start.is_none() {
                start = Some(pos);
            }
            end = pos + content.len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(&text[s..end]);
    }
    out
}

/// A prose diff: paragraphs aligned, word-level inside changed paragraphs. (paragraphs, coarse)
pub(crate) fn diff_prose(old: &str, new: &str, budget: &Budget) -> (Vec<ParagraphDiff>, bool) {
    let old_p = paragraphs(old);
    let new_p = paragraphs(new);
    let mut out = Vec::new();
    let mut coarse = false;
    let deadline = budget.deadline;
    let ops: Vec<DiffOp> = if old_p.is_empty() || new_p.is_empty() {
        trimmed_replace(&old_p, &new_p)
    } else if budget.expired() {
        coarse = true;
        trimmed_replace(&old_p, &new_p)
    } else {
        let ops = capture_diff_slices_deadline(Algorithm::Myers, &old_p, &new_p, deadline);
        if budget.expired() {
            coarse = true;
        }
        ops
    };
    for op in ops {
        match op {
            DiffOp::Equal { old_index, new_index, len } => {
                for k in 0..len {
                    out.push(ParagraphDiff {
                        op: ParagraphOp::Equal,
                        old_index: Some((old_index + k) as u32),
                        new_index: Some((new_index + k) as u32),
                        segments: equal(old_p[old_index + k]),
                        coarse: false,
                    });
                }
            }
            DiffOp::Delete { old_index, old_len, .. } => {
                for (k, p) in old_p.iter().enumerate().skip(old_index).take(old_len) {
                    out.push(deleted(k, p, false));
                }
            }
            DiffOp::Insert { new_index, new_len, .. } => {
                for (k, p) in new_p.iter().enumerate().skip(new_index).take(new_len) {
                    out.push(inserted(k, p, false));
                }
            }
            DiffOp::Replace { old_index, old_len, new_index, new_len } => {
                let olds = old_index..old_index + old_len;
                let news = new_index..new_index + new_len;
                let pairs = if coarse || budget.expired() {
                    coarse = true;
                    Vec::new()
                } else {
                    pair_paragraphs(&old_p[olds.clone()], &new_p[news.clone()])
                };
                let (mut o, mut n) = (old_index, new_index);
                for (po, pn) in pairs.into_iter().map(|(a, b)| (old_index + a, new_index + b)) {
                    while o < po {
                        out.push(deleted(o, old_p[o], coarse));
                        o += 1;
                    }
                    while n < pn {
                        out.push(inserted(n, new_p[n], coarse));
                        n += 1;
                    }
                    let (segments, c) = if coarse || budget.expired() {
                        (Vec::new(), true)
                    } else {
                        diff_words(old_p[o], new_p[n], budget)
                    };
                    if c {
                        coarse = true;
                        out.push(deleted(o, old_p[o], true));
                        out.push(inserted(n, new_p[n], true));
                    } else if similarity(&segments) < PARAGRAPH_SIMILARITY_MIN {
                        out.push(deleted(o, old_p[o], false));
                        out.push(inserted(n, new_p[n], false));
                    } else {
                        out.push(ParagraphDiff {
                            op: ParagraphOp::Changed,
                            old_index: Some(o as u32),
                            new_index: Some(n as u32),
                            segments,
                            coarse: false,
                        });
                    }
                    o += 1;
                    n += 1;
                }
                for (k, p) in old_p.iter().enumerate().take(olds.end).skip(o) {
                    out.push(deleted(k, p, coarse));
                }
                for (k, p) in new_p.iter().enumerate().take(news.end).skip(n) {
                    out.push(inserted(k, p, coarse));
                }
            }
        }
    }
    (out, coarse)
}

/// Above this many candidate pairs, or this much text, in one replaced run, paragraphs pair by
/// position (the matching below reads every word of the run).
const PAIRING_MAX_CELLS: usize = 400;
const PAIRING_MAX_BYTES: usize = 64 * 1024;

/// Which paragraphs of a replaced run are edits of each other: an order-keeping matching
/// (old index, new index) that maximises the total word overlap of the pairs, counting only
/// pairs that share at least `PARAGRAPH_SIMILARITY_MIN` of their words. So a paragraph
/// inserted before an edited one does not pair the edit with the newcomer.
fn pair_paragraphs(old: &[&str], new: &[&str]) -> Vec<(usize, usize)> {
    let (m, n) = (old.len(), new.len());
    if m == 0 || n == 0 {
        return Vec::new();
    }
    let bytes: usize = old.iter().chain(new).map(|p| p.len()).sum();
    if m * n == 1 || m * n > PAIRING_MAX_CELLS || bytes > PAIRING_MAX_BYTES {
        return (0..m.min(n)).map(|k| (k, k)).collect();
    }
    let words = |p: &str| -> std::collections::HashSet<String> {
        p.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let ow: Vec<_> = old.iter().map(|p| words(p)).collect();
    let nw: Vec<_> = new.iter().map(|p| words(p)).collect();
    let sim = |i: usize, j: usize| -> f64 {
        let union = ow[i].union(&nw[j]).count();
        if union == 0 {
            return 1.0;
        }
        ow[i].intersection(&nw[j]).count() as f64 / union as f64
    };
    // best[i][j]: the best total over old[..i] and new[..j].
    let mut best = vec![vec![0.0f64; n + 1]; m + 1];
    for i in 1..=m {
        for j in 1..=n {
            let s = sim(i - 1, j - 1);
            let take =
                if s >= PARAGRAPH_SIMILARITY_MIN { best[i - 1][j - 1] + s } else { f64::MIN };
            best[i][j] = best[i - 1][j].max(best[i][j - 1]).max(take);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (m, n);
    while i > 0 && j > 0 {
        if best[i][j] == best[i - 1][j] {
            i -= 1;
        } else if best[i][j] == best[i][j - 1] {
            j -= 1;
        } else {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        }
    }
    pairs.reverse();
    pairs
}

/// The cheapest paragraph alignment: equal paragraphs at both ends, one replacement between.
fn trimmed_replace(old: &[&str], new: &[&str]) -> Vec<DiffOp> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mut ops = Vec::new();
    if prefix > 0 {
        ops.push(DiffOp::Equal { old_index: 0, new_index: 0, len: prefix });
    }
    let (old_len, new_len) = (old.len() - prefix - suffix, new.len() - prefix - suffix);
    if old_len > 0 || new_len > 0 {
        ops.push(DiffOp::Replace { old_index: prefix, old_len, new_index: prefix, new_len });
    }
    if suffix > 0 {
        ops.push(DiffOp::Equal {
            old_index: old.len() - suffix,
            new_index: new.len() - suffix,
            len: suffix,
        });
    }
    ops
}

fn deleted(index: usize, text: &str, coarse: bool) -> ParagraphDiff {
    ParagraphDiff {
        op: ParagraphOp::Delete,
        old_index: Some(index as u32),
        new_index: None,
        segments: vec![Segment::new(SegmentOp::Delete, text)],
        coarse,
    }
}

fn inserted(index: usize, text: &str, coarse: bool) -> ParagraphDiff {
    ParagraphDiff {
        op: ParagraphOp::Insert,
        old_index: None,
        new_index: Some(index as u32),
        segments: vec![Segment::new(SegmentOp::Insert, text)],
        coarse,
    }
}

/// The old side of a run of segments.
pub fn old_side(segments: &[Segment]) -> String {
    segments.iter().filter(|s| s.op != SegmentOp::Insert).map(|s| s.text.as_str()).collect()
}

/// The new side of a run of segments.
pub fn new_side(segments: &[Segment]) -> String {
    segments.iter().filter(|s| s.op != SegmentOp::Delete).map(|s| s.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_budget() -> Budget {
        Budget::new(None)
    }

    #[test]
    fn word_diff_reconstructs_both_sides() {
        let cases = [
            ("", "new text"),
            ("old text", ""),
            ("Up to 5 GW by 2027.", "Up to 6 GW by 2028."),
            ("a b c d", "a x c y"),
            ("Grüße aus Köln", "Grüße aus München"),
            ("東京の データセンター", "大阪の データセンター"),
        ];
        for (a, b) in cases {
            let (segs, coarse) = diff_words(a, b, &no_budget());
            assert!(!coarse);
            assert_eq!(old_side(&segs), a);
            assert_eq!(new_side(&segs), b);
        }
    }

    #[test]
    fn word_diff_groups_a_run_of_changes() {
        let (segs, _) = diff_words("signed a big deal", "signed two small deals", &no_budget());
        let ops: Vec<_> = segs.iter().map(|s| (s.op, s.text.as_str())).collect();
        assert_eq!(
            ops,
            vec![
                (SegmentOp::Equal, "signed "),
                (SegmentOp::Delete, "a big deal"),
                (SegmentOp::Insert, "two small deals"),
            ]
        );
    }

    #[test]
    fn unicode_words_are_units() {
        let (segs, _) = diff_words("naïve café", "naïve cafés", &no_budget());
        assert_eq!(segs[0], Segment::new(SegmentOp::Equal, "naïve "));
        assert_eq!(segs[1], Segment::new(SegmentOp::Delete, "café"));
        assert_eq!(segs[2], Segment::new(SegmentOp::Insert, "cafés"));
    }

    /// The segments as (op, text, numeric), for comparing.
    fn ops(segs: &[Segment]) -> Vec<(SegmentOp, &str, bool)> {
        segs.iter().map(|s| (s.op, s.text.as_str(), s.numeric)).collect()
    }

    #[test]
    fn a_changed_number_is_replaced_whole_as_a_pair_of_its_own() {
        use SegmentOp::{Delete as D, Equal as E, Insert as I};
        let cases = [
            (
                "Options for 2 GW",
                "Options for 3 GW",
                vec![(E, "Options for ", false), (D, "2 GW", true), (I, "3 GW", true)],
            ),
            ("12", "13", vec![(D, "12", true), (I, "13", true)]),
            (
                "about 12 sites",
                "about 13 sites",
                vec![(E, "about ", false), (D, "12", true), (I, "13", true), (E, " sites", false)],
            ),
            (
                "1,200 GPUs",
                "1,250 GPUs",
                vec![(D, "1,200", true), (I, "1,250", true), (E, " GPUs", false)],
            ),
            (
                "due 2026-11-29.",
                "due 2026-12-01.",
                vec![
                    (E, "due ", false),
                    (D, "2026-11-29", true),
                    (I, "2026-12-01", true),
                    (E, ".", false),
                ],
            ),
            (
                "a $40bn deal",
                "a $45bn deal",
                vec![(E, "a ", false), (D, "$40bn", true), (I, "$45bn", true), (E, " deal", false)],
            ),
            ("up 40%", "up 45%", vec![(E, "up ", false), (D, "40%", true), (I, "45%", true)]),
            (
                "-1,200.5 net",
                "-1,250.5 net",
                vec![(D, "-1,200.5", true), (I, "-1,250.5", true), (E, " net", false)],
            ),
        ];
        for (old, new, want) in cases {
            let (segs, coarse) = diff_words(old, new, &no_budget());
            assert!(!coarse);
            assert_eq!(ops(&segs), want, "{old:?} → {new:?}");
            assert_eq!(old_side(&segs), old);
            assert_eq!(new_side(&segs), new);
        }
    }

    #[test]
    fn numbers_inside_a_run_of_changes_are_paired_apart() {
        use SegmentOp::{Delete as D, Equal as E, Insert as I};
        // Without pairing this run would read "[-run for 2-]{+last 3+}".
        let (segs, _) =
            diff_words("deals that run for 2 years", "deals that last 3 years", &no_budget());
        assert_eq!(
            ops(&segs),
            vec![
                (E, "deals that ", false),
                (D, "run for", false),
                (I, "last", false),
                (E, " ", false),
                (D, "2", true),
                (I, "3", true),
                (E, " years", false),
            ]
        );
        // Two figures in one run: each is its own pair; the words between stay grouped.
        let (segs, _) = diff_words("x 2 GW by 2027 y", "x 3 GW in 2028 y", &no_budget());
        assert_eq!(
            ops(&segs),
            vec![
                (E, "x ", false),
                (D, "2 GW", true),
                (I, "3 GW", true),
                (E, " ", false),
                (D, "by", false),
                (I, "in", false),
                (E, " ", false),
                (D, "2027", true),
                (I, "2028", true),
                (E, " y", false),
            ]
        );
        // A number only deleted, or only inserted, is ordinary changed text.
        let (segs, _) = diff_words("for 2 years", "for years", &no_budget());
        assert!(segs.iter().all(|s| !s.numeric), "{segs:?}");
        // A partial number is never kept: "12" → "123" replaces the whole number.
        let (segs, _) = diff_words("12 units", "123 units", &no_budget());
        assert_eq!(ops(&segs)[..2], [(D, "12", true), (I, "123", true)]);
    }

    #[test]
    fn a_value_is_numeric_when_both_sides_are_one_number() {
        let segs = replace_value("2026-11-18T08:30:00Z", "2026-11-24T16:00:00Z");
        assert!(segs.len() == 2 && segs.iter().all(|s| s.numeric));
        assert!(replace_value("v1", "v2").iter().all(|s| s.numeric));
        assert!(replace_value("live", "draft").iter().all(|s| !s.numeric));
        assert!(replace_value("", "2026-11-24").iter().all(|s| !s.numeric));
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        assert_eq!(paragraphs("a\nb\n\n\nc\n  \nd\n"), vec!["a\nb", "c", "d"]);
        assert_eq!(paragraphs(""), Vec::<&str>::new());
        assert_eq!(paragraphs("\r\none\r\n\r\ntwo"), vec!["one", "two"]);
    }

    #[test]
    fn prose_pairs_similar_paragraphs_and_splits_unrelated_ones() {
        let old = "First para stays.\n\nThe lab signed a deal for 5 GW.\n\nGone entirely.";
        let new = "First para stays.\n\nThe lab signed a deal for 6 GW.\n\nCompletely different words here.";
        let (paras, coarse) = diff_prose(old, new, &no_budget());
        assert!(!coarse);
        let ops: Vec<_> = paras.iter().map(|p| p.op).collect();
        assert_eq!(
            ops,
            vec![
                ParagraphOp::Equal,
                ParagraphOp::Changed,
                ParagraphOp::Delete,
                ParagraphOp::Insert
            ]
        );
    }

    #[test]
    fn an_inserted_paragraph_does_not_steal_the_edit() {
        let old = "Intro stays.\n\nThe lab signed a deal for five gigawatts of capacity.";
        let new = "Intro stays.\n\nA brand new paragraph about something else.\n\n\
                   The lab signed a deal for six gigawatts of capacity.";
        let (paras, _) = diff_prose(old, new, &no_budget());
        let ops: Vec<_> = paras.iter().map(|p| (p.op, p.old_index, p.new_index)).collect();
        assert_eq!(
            ops,
            vec![
                (ParagraphOp::Equal, Some(0), Some(0)),
                (ParagraphOp::Insert, None, Some(1)),
                (ParagraphOp::Changed, Some(1), Some(2)),
            ]
        );
    }

    #[test]
    fn an_expired_budget_gives_a_coarse_but_exact_result() {
        let budget = Budget::new(Some(Instant::now()));
        let (segs, coarse) = diff_words("a b c", "a b d", &budget);
        assert!(coarse);
        assert_eq!(old_side(&segs), "a b c");
        assert_eq!(new_side(&segs), "a b d");
        let (paras, coarse) = diff_prose("x\n\ny", "x\n\nz", &budget);
        assert!(coarse);
        assert!(paras.iter().all(|p| p.coarse || p.op == ParagraphOp::Equal));
        // Equal texts are never coarse.
        assert!(!diff_words("same", "same", &budget).1);
    }
}
