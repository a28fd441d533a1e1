//! The terminal view: a reviewer's text report of a `GuideDiff`, optionally with ANSI colour.
//!
//! Deletions read `[-like this-]` and insertions `{+like this+}` with or without colour, so the
//! text is usable when piped and for readers who do not see red and green apart. A number
//! replaced by another (`Segment::numeric`) reads `[-2 GW-] {+3 GW+}`: a space keeps the old
//! and the new figure apart, so they never read as one.

use std::fmt::Write;

use crate::model::{
    FieldChange, FieldKind, GuideDiff, ItemChange, ItemKind, ParagraphOp, PartSummary, Segment,
    SegmentOp,
};

/// Equal text longer than this (in characters) inside a changed field is shortened to its
/// first and last `CONTEXT` characters.
const LONG_EQUAL: usize = 100;
const CONTEXT: usize = 40;

struct Style {
    color: bool,
}

impl Style {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.color && !text.is_empty() {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
    fn bold(&self, t: &str) -> String {
        self.paint("1", t)
    }
    fn dim(&self, t: &str) -> String {
        self.paint("2", t)
    }
    fn red(&self, t: &str) -> String {
        self.paint("31", t)
    }
    fn green(&self, t: &str) -> String {
        self.paint("32", t)
    }
    fn yellow(&self, t: &str) -> String {
        self.paint("33", t)
    }
    fn cyan(&self, t: &str) -> String {
        self.paint("36", t)
    }
    fn del(&self, t: &str) -> String {
        self.paint("31", &format!("[-{t}-]"))
    }
    fn ins(&self, t: &str) -> String {
        self.paint("32", &format!("{{+{t}+}}"))
    }
}

/// Renders the diff for a terminal. `color`: ANSI colours on or off (the caller decides from
/// `--color`, `NO_COLOR` and whether stdout is a terminal).
pub fn render_terminal(diff: &GuideDiff, color: bool) -> String {
    let st = Style { color };
    let mut out = String::new();
    let (o, n) = (&diff.old, &diff.new);
    let _ = writeln!(
        out,
        "{}",
        st.bold(&format!("diff {} {} → {} {}", o.slug, o.version, n.slug, n.version))
    );
    let _ = writeln!(out, "old: {} ({}, {})", o.title, o.version, o.state.replace('_', " "));
    let _ = writeln!(out, "new: {} ({}, {})", n.title, n.version, n.state.replace('_', " "));
    out.push('\n');
    if diff.is_empty() {
        let _ = writeln!(out, "No changes.");
        return out;
    }
    out.push_str(&summary_text(diff, &st));
    for part in &diff.parts {
        if part.is_empty() {
            continue;
        }
        out.push('\n');
        let _ = writeln!(out, "{}", st.bold(&format!("== {} ==", part.part.label())));
        for f in &part.fields {
            field(&mut out, f, "  ", &st);
        }
        for item in &part.items {
            item_text(&mut out, item, &st);
        }
    }
    out
}

/// "+1 −2 ~3 ↕1" style counts of one part, for summaries.
pub(crate) fn counts(p: &PartSummary) -> String {
    let mut bits = Vec::new();
    if p.fields_changed > 0 {
        bits.push(format!(
            "{} field{} changed",
            p.fields_changed,
            if p.fields_changed == 1 { "" } else { "s" }
        ));
    }
    for (n, what) in
        [(p.added, "added"), (p.removed, "removed"), (p.changed, "changed"), (p.moved, "moved")]
    {
        if n > 0 {
            bits.push(format!("{n} {what}"));
        }
    }
    bits.join(", ")
}

fn summary_text(diff: &GuideDiff, st: &Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}", st.bold("Summary"));
    let width =
        diff.summary.parts.iter().map(|p| p.part.label().chars().count()).max().unwrap_or(0);
    let mut unchanged = Vec::new();
    for p in &diff.summary.parts {
        if p.is_empty() {
            unchanged.push(p.part.label());
            continue;
        }
        let mut flags = Vec::new();
        if p.text_changed {
            flags.push("text changed");
        }
        if p.coarse {
            flags.push("coarse");
        }
        let flags =
            if flags.is_empty() { String::new() } else { format!("  [{}]", flags.join(", ")) };
        let label = p.part.label();
        let pad = " ".repeat(width - label.chars().count());
        let _ = writeln!(out, "  {label}{pad}  {}{flags}", counts(p));
    }
    if !unchanged.is_empty() {
        let _ = writeln!(out, "  {}", st.dim(&format!("unchanged: {}", unchanged.join(", "))));
    }
    let s = &diff.summary;
    let _ = writeln!(
        out,
        "  total: {} added, {} removed, {} changed, {} moved, {} fields changed; text {}",
        s.added,
        s.removed,
        s.changed,
        s.moved,
        s.fields_changed,
        if s.text_changed { "changed" } else { "unchanged" }
    );
    if s.coarse {
        let _ = writeln!(
            out,
            "  {}",
            st.yellow(
                "coarse: the time budget ran out; some changes are shown as whole replacements"
            )
        );
    }
    out
}

fn item_text(out: &mut String, item: &ItemChange, st: &Style) {
    let head = match item.kind {
        ItemKind::Added => st.green(&format!("+ {} added", item.path)),
        ItemKind::Removed => st.red(&format!("- {} removed", item.path)),
        ItemKind::Changed => st.yellow(&format!("~ {} changed", item.path)),
        ItemKind::Moved => st.cyan(&format!("↕ {}", item.path)),
    };
    let mut line = format!("  {head} {}", st.dim(&format!("(id {})", item.id)));
    if item.moved {
        if let (Some(a), Some(b)) = (item.old_index, item.new_index) {
            let moved = format!("moved from position {} to {}", a + 1, b + 1);
            let _ = write!(line, " {}", st.cyan(&moved));
        }
    }
    let _ = writeln!(out, "{line}");
    let _ = writeln!(out, "    \"{}\"", item.label);
    for f in &item.fields {
        field(out, f, "    ", st);
    }
}

fn field(out: &mut String, f: &FieldChange, indent: &str, st: &Style) {
    let coarse = if f.coarse { st.yellow(" (coarse)") } else { String::new() };
    match f.kind {
        FieldKind::Value => {
            let show = |v: &str| if v.is_empty() { "(empty)".to_string() } else { v.to_string() };
            let (a, b) = (f.old_text(), f.new_text());
            let text = if a.is_empty() {
                st.ins(&show(b))
            } else if b.is_empty() {
                st.del(&show(a))
            } else {
                format!("{} → {}", st.del(a), st.ins(b))
            };
            let _ = writeln!(out, "{indent}{}: {text}{coarse}", f.path);
        }
        FieldKind::Text | FieldKind::InlineMarkdown => {
            let text = segments(&f.segments, st);
            let _ = writeln!(out, "{indent}{}:{coarse} {}", f.path, reindent(&text, indent));
        }
        FieldKind::Prose => {
            let _ = writeln!(out, "{indent}{}:{coarse}", f.path);
            let mut skipped = 0;
            let flush = |out: &mut String, skipped: &mut usize| {
                if *skipped > 0 {
                    let s = if *skipped == 1 { "" } else { "s" };
                    let _ = writeln!(
                        out,
                        "{indent}  {}",
                        st.dim(&format!("… {skipped} unchanged paragraph{s}"))
                    );
                    *skipped = 0;
                }
            };
            for p in &f.paragraphs {
                if p.op == ParagraphOp::Equal {
                    skipped += 1;
                    continue;
                }
                flush(out, &mut skipped);
                let (tag, num) = match p.op {
                    ParagraphOp::Insert => ("+", p.new_index),
                    ParagraphOp::Delete => ("-", p.old_index),
                    _ => ("~", p.new_index),
                };
                let num = num.map(|n| n + 1).unwrap_or(0);
                let text = segments(&p.segments, st);
                let inner = format!("{indent}    ");
                let _ = writeln!(out, "{indent}  {tag}¶{num} {}", reindent(&text, &inner));
            }
            flush(out, &mut skipped);
        }
    }
}

/// Continuation lines of a multi-line text, indented under their field.
fn reindent(text: &str, indent: &str) -> String {
    text.replace('\n', &format!("\n{indent}  "))
}

fn segments(segs: &[Segment], st: &Style) -> String {
    let mut out = String::new();
    let last = segs.len().saturating_sub(1);
    for (i, s) in segs.iter().enumerate() {
        if i > 0 && segs[i - 1].starts_numeric_pair(Some(s)) {
            out.push(' ');
        }
        match s.op {
            SegmentOp::Equal => out.push_str(&elide(&s.text, i == 0, i == last)),
            SegmentOp::Delete => out.push_str(&st.del(&s.text)),
            SegmentOp::Insert => out.push_str(&st.ins(&s.text)),
        }
    }
    out
}

/// Shortens long unchanged text to the context around the changes, cutting between words.
fn elide(text: &str, first: bool, last: bool) -> String {
    let n = text.chars().count();
    if n <= LONG_EQUAL || (first && last) {
        return text.to_string();
    }
    let head_end = text.char_indices().nth(CONTEXT).map_or(text.len(), |(i, _)| i);
    let head = &text[..head_end];
    let head = head.rfind(char::is_whitespace).map_or(head, |i| &head[..i]);
    let tail_start = text.char_indices().nth(n - CONTEXT).map_or(0, |(i, _)| i);
    let tail = &text[tail_start..];
    let tail = tail.find(char::is_whitespace).map_or(tail, |i| &tail[i..]);
    match (first, last) {
        (true, _) => format!("…{tail}"),
        (false, true) => format!("{head} …"),
        (false, false) => format!("{head} …{tail}"),
    }
}
