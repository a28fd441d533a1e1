//! Word-level change marks in *rendered* Markdown, without ever trusting diff markup to the
//! Markdown renderer.
//!
//! The side's Markdown source is built from the diff segments with four private-use sentinel
//! characters around changed runs (any such characters in the guide text are dropped first).
//! The sanitising renderer escapes everything, sentinels included, as ordinary text. Then:
//!
//! 1. the rendering with sentinels, sentinels removed, must equal the rendering of the same
//!    source without them: the marks changed no structure, no URL, no id. Otherwise the caller
//!    falls back to marking the whole block;
//! 2. sentinels inside a tag (an attribute value) are dropped; outside, they become the fixed,
//!    attribute-less tags `<ins>`/`<del>`, closed before every tag and reopened after it, so
//!    a mark only ever wraps escaped text and the markup stays well nested.
//!
//! The only markup this module adds is `<ins>`, `</ins>`, `<del>` and `</del>`. A number
//! replaced by another (`Segment::numeric`) is marked like any change, as its own deletion and
//! insertion; where both are shown, one space (in the source, so the rendering check sees it
//! too) keeps them apart: `<del>2</del> <ins>3</ins>`, never `23`.

use crate::model::{ParagraphDiff, Segment, SegmentOp};

const INS_OPEN: char = '\u{E000}';
const INS_CLOSE: char = '\u{E001}';
const DEL_OPEN: char = '\u{E002}';
const DEL_CLOSE: char = '\u{E003}';

fn is_sentinel(c: char) -> bool {
    matches!(c, INS_OPEN | INS_CLOSE | DEL_OPEN | DEL_CLOSE)
}

fn strip(s: &str) -> String {
    s.chars().filter(|&c| !is_sentinel(c)).collect()
}

/// Which side(s) of a change to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Show {
    /// Equal and deleted text (deletions marked).
    Old,
    /// Equal and inserted text (insertions marked).
    New,
    /// Everything: deletions then insertions, both marked.
    Merged,
}

/// A side's source text built from segments, with or without sentinels.
pub(crate) fn source(segments: &[Segment], show: Show, marks: bool) -> String {
    let mut out = String::new();
    push_segments(&mut out, segments, show, marks);
    out
}

fn push_segments(out: &mut String, segments: &[Segment], show: Show, marks: bool) {
    for (i, s) in segments.iter().enumerate() {
        if show == Show::Merged && i > 0 && segments[i - 1].starts_numeric_pair(Some(s)) {
            out.push(' ');
        }
        let text = strip(&s.text);
        match s.op {
            SegmentOp::Equal => out.push_str(&text),
            SegmentOp::Delete if show != Show::New => {
                wrap(out, &text, marks.then_some((DEL_OPEN, DEL_CLOSE)))
            }
            SegmentOp::Insert if show != Show::Old => {
                wrap(out, &text, marks.then_some((INS_OPEN, INS_CLOSE)))
            }
            _ => {}
        }
    }
}

/// A prose side's source: its paragraphs joined by blank lines.
pub(crate) fn prose_source(paragraphs: &[ParagraphDiff], show: Show, marks: bool) -> String {
    let mut out = String::new();
    for p in paragraphs {
        let has = |op: SegmentOp| p.segments.iter().any(|s| s.op == op);
        let visible = match show {
            Show::Old => has(SegmentOp::Equal) || has(SegmentOp::Delete),
            Show::New => has(SegmentOp::Equal) || has(SegmentOp::Insert),
            Show::Merged => true,
        };
        if !visible {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        push_segments(&mut out, &p.segments, show, marks);
    }
    out
}

/// Appends a changed run with its marks around the part that can carry them: whitespace at
/// either end stays outside, and so do block markers at the start of a line ("- ", "1. ",
/// "> ", "## ", "| "), which a mark in front of them would turn into plain text.
fn wrap(out: &mut String, text: &str, marks: Option<(char, char)>) {
    let Some((open, close)) = marks else {
        out.push_str(text);
        return;
    };
    let body = text.trim_start();
    out.push_str(&text[..text.len() - body.len()]);
    let core = body.trim_end();
    let trail = &body[core.len()..];
    if core.is_empty() {
        out.push_str(trail);
        return;
    }
    let line = out.rsplit('\n').next().unwrap_or("");
    let at_line_start = line.chars().all(|c| c == ' ' || c == '\t');
    let skip = if at_line_start { block_prefix_len(core) } else { 0 };
    out.push_str(&core[..skip]);
    let rest = &core[skip..];
    if !rest.is_empty() {
        out.push(open);
        out.push_str(rest);
        out.push(close);
    }
    out.push_str(trail);
}

/// Byte length of the block markers a line starts with.
fn block_prefix_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    loop {
        let mut j = i;
        while j < b.len() && b[j] == b' ' {
            j += 1;
        }
        match marker_end(b, j) {
            Some(end) => {
                i = end;
                while i < b.len() && matches!(b[i], b' ' | b'\t') {
                    i += 1;
                }
                if i >= b.len() {
                    return b.len();
                }
            }
            None => return i,
        }
    }
}

/// Where a block marker starting at `i` ends, if one does (it must be followed by a space,
/// a tab or the end of the text).
fn marker_end(b: &[u8], i: usize) -> Option<usize> {
    let first = *b.get(i)?;
    let end = match first {
        b'-' | b'*' | b'+' | b'>' | b'|' => i + 1,
        b'#' => i + b[i..].iter().take(6).take_while(|&&c| c == b'#').count(),
        d if d.is_ascii_digit() => {
            let j = i + b[i..].iter().take(9).take_while(|c| c.is_ascii_digit()).count();
            match b.get(j) {
                Some(b'.' | b')') => j + 1,
                _ => return None,
            }
        }
        _ => return None,
    };
    match b.get(end) {
        None | Some(b' ' | b'\t') => Some(end),
        _ => None,
    }
}

/// Renders a side with word-level marks; `None` when the marks would change the rendering
/// (the caller then marks the whole block instead).
pub(crate) fn render_marked(
    render: &dyn Fn(&str) -> String,
    marked_source: &str,
    plain_source: &str,
) -> Option<String> {
    let plain = render(plain_source);
    let marked = render(marked_source);
    if strip(&marked) != plain {
        return None;
    }
    sentinels_to_tags(&marked)
}

/// Turns sentinels in rendered HTML into `<ins>`/`<del>` around text only (see module docs).
/// `None` when a sentinel sits inside a tag: the change is in an attribute (a link target),
/// which word marks cannot show.
fn sentinels_to_tags(html: &str) -> Option<String> {
    let mut out = String::with_capacity(html.len() + 64);
    let mut in_tag = false;
    let mut in_quote = false;
    // The open mark, and whether its tag still has to be written before the next text.
    let mut open: Option<&str> = None;
    let mut pending = false;
    for c in html.chars() {
        if in_tag {
            if is_sentinel(c) {
                return None;
            }
            if in_quote {
                in_quote = c != '"';
            } else if c == '"' {
                in_quote = true;
            } else if c == '>' {
                in_tag = false;
            }
            out.push(c);
            continue;
        }
        match c {
            '<' => {
                if let (Some(tag), false) = (open, pending) {
                    out.push_str("</");
                    out.push_str(tag);
                    out.push('>');
                    pending = true;
                }
                in_tag = true;
                out.push(c);
            }
            INS_OPEN | DEL_OPEN => {
                open = Some(if c == INS_OPEN { "ins" } else { "del" });
                pending = true;
            }
            INS_CLOSE | DEL_CLOSE => {
                if let (Some(tag), false) = (open, pending) {
                    out.push_str("</");
                    out.push_str(tag);
                    out.push('>');
                }
                open = None;
                pending = false;
            }
            _ => {
                if let (Some(tag), true) = (open, pending) {
                    if !c.is_whitespace() {
                        out.push('<');
                        out.push_str(tag);
                        out.push('>');
                        pending = false;
                    }
                }
                out.push(c);
            }
        }
    }
    if let (Some(tag), false) = (open, pending) {
        out.push_str("</");
        out.push_str(tag);
        out.push('>');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(op: SegmentOp, t: &str) -> Segment {
        Segment::new(op, t)
    }

    fn num(op: SegmentOp, t: &str) -> Segment {
        Segment { numeric: true, ..Segment::new(op, t) }
    }

    fn inline(md: &str) -> String {
        almanac_render::render_inline(md)
    }
    fn block(md: &str) -> String {
        almanac_render::render_markdown(md)
    }

    fn marked(segs: &[Segment], show: Show, r: &dyn Fn(&str) -> String) -> Option<String> {
        render_marked(r, &source(segs, show, true), &source(segs, show, false))
    }

    #[test]
    fn marks_wrap_text_inside_emphasis() {
        let segs = [
            seg(SegmentOp::Equal, "A **"),
            seg(SegmentOp::Delete, "big"),
            seg(SegmentOp::Insert, "huge"),
            seg(SegmentOp::Equal, "** deal"),
        ];
        assert_eq!(
            marked(&segs, Show::New, &inline).unwrap(),
            "A <strong><ins>huge</ins></strong> deal"
        );
        assert_eq!(
            marked(&segs, Show::Old, &inline).unwrap(),
            "A <strong><del>big</del></strong> deal"
        );
        assert_eq!(
            marked(&segs, Show::Merged, &inline).unwrap(),
            "A <strong><del>big</del><ins>huge</ins></strong> deal"
        );
    }

    #[test]
    fn a_mark_across_tags_is_split_so_it_stays_nested() {
        let segs = [seg(SegmentOp::Equal, "x "), seg(SegmentOp::Insert, "a *b* c")];
        assert_eq!(
            marked(&segs, Show::New, &inline).unwrap(),
            "x <ins>a </ins><em><ins>b</ins></em> <ins>c</ins>"
        );
    }

    #[test]
    fn raw_html_in_the_text_stays_escaped() {
        let segs =
            [seg(SegmentOp::Equal, "see "), seg(SegmentOp::Insert, "<script>alert(1)</script>")];
        let html = marked(&segs, Show::New, &inline).unwrap();
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("<ins>&lt;script&gt;alert(1)&lt;/script&gt;</ins>"), "{html}");
    }

    #[test]
    fn sentinels_typed_by_an_editor_are_dropped() {
        let segs = [seg(SegmentOp::Insert, "a\u{E000}b\u{E003}c")];
        assert_eq!(marked(&segs, Show::New, &inline).unwrap(), "<ins>abc</ins>");
    }

    #[test]
    fn a_changed_link_target_falls_back_to_block_marking() {
        let segs = [
            seg(SegmentOp::Equal, "[site](https://example.com/"),
            seg(SegmentOp::Delete, "a"),
            seg(SegmentOp::Insert, "b"),
            seg(SegmentOp::Equal, ")"),
        ];
        // The mark would sit inside the URL: refused, the caller marks the whole block.
        assert_eq!(marked(&segs, Show::New, &inline), None);
    }

    #[test]
    fn list_markers_stay_outside_marks() {
        let segs = [seg(SegmentOp::Equal, "- one\n"), seg(SegmentOp::Insert, "- two")];
        let html = marked(&segs, Show::New, &block).unwrap();
        assert!(html.contains("<li dir=\"auto\"><ins>two</ins></li>"), "{html}");
        let segs =
            [seg(SegmentOp::Equal, "Intro\n\n"), seg(SegmentOp::Insert, "1. first\n2. second")];
        let html = marked(&segs, Show::New, &block).unwrap();
        assert!(html.contains("<li dir=\"auto\"><ins>first</ins></li>"), "{html}");
        assert!(html.contains("<li dir=\"auto\"><ins>second</ins></li>"), "{html}");
    }

    #[test]
    fn a_number_replaced_is_two_marks_apart() {
        let segs = [
            seg(SegmentOp::Equal, "Options for **"),
            num(SegmentOp::Delete, "2 GW"),
            num(SegmentOp::Insert, "3 GW"),
            seg(SegmentOp::Equal, "** by "),
            num(SegmentOp::Delete, "2026-11-29"),
            num(SegmentOp::Insert, "2026-12-01"),
        ];
        assert_eq!(
            marked(&segs, Show::Merged, &inline).unwrap(),
            "Options for <strong><del>2 GW</del> <ins>3 GW</ins></strong> by \
             <del>2026-11-29</del> <ins>2026-12-01</ins>"
        );
        // One side alone needs no space.
        assert_eq!(
            marked(&segs, Show::New, &inline).unwrap(),
            "Options for <strong><ins>3 GW</ins></strong> by <ins>2026-12-01</ins>"
        );
        assert_eq!(source(&segs, Show::Old, false), "Options for **2 GW** by 2026-11-29");
        // A number at the start of a line stays text, never a list marker.
        let segs = [
            num(SegmentOp::Delete, "12"),
            num(SegmentOp::Insert, "13"),
            seg(SegmentOp::Equal, ". x"),
        ];
        let html = marked(&segs, Show::Merged, &block).unwrap();
        assert_eq!(html.trim_end(), "<p dir=\"auto\"><del>12</del> <ins>13</ins>. x</p>", "{html}");
    }

    #[test]
    fn block_prefixes() {
        assert_eq!(block_prefix_len("- a"), 2);
        assert_eq!(block_prefix_len("> - a"), 4);
        assert_eq!(block_prefix_len("## Head"), 3);
        assert_eq!(block_prefix_len("12. x"), 4);
        assert_eq!(block_prefix_len("12.5 GW"), 0);
        assert_eq!(block_prefix_len("-5 GW"), 0);
        assert_eq!(block_prefix_len("| a | b |"), 2);
        assert_eq!(block_prefix_len("plain"), 0);
    }
}
