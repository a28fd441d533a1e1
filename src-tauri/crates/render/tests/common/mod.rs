//! A strict little HTML reader for the tests: it walks every tag of the renderer's output and
//! fails on anything a safe page must not contain. Because the renderer escapes all text, every
//! `<` in its output must start a known tag; a stray `<` is itself a failure.

#![allow(dead_code)]

use std::path::PathBuf;

#[derive(Debug, Clone)]
pub struct Tag {
    pub name: String,
    pub closing: bool,
    /// Attribute names (lowercase) and entity-decoded values.
    pub attrs: Vec<(String, String)>,
    /// Byte offset of the `<` in the document.
    pub at: usize,
}

impl Tag {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

pub fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                u32::from_str_radix(&ent[2..], 16).ok().and_then(char::from_u32)
            }
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Every tag in `html`, in order. Panics on comments, stray `<`, unquoted attributes.
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let at = i + off;
        let rest = &html[at..];
        if rest.starts_with("<!DOCTYPE html>") {
            i = at + "<!DOCTYPE html>".len();
            continue;
        }
        assert!(!rest.starts_with("<!--"), "comment in output at {at}: {}", ctx(html, at));
        let mut j = at + 1;
        let closing = b.get(j) == Some(&b'/');
        if closing {
            j += 1;
        }
        let start = j;
        while j < b.len() && (b[j].is_ascii_alphanumeric() || b[j] == b'-') {
            j += 1;
        }
        assert!(j > start, "stray '<' in output at {at}: {}", ctx(html, at));
        let name = html[start..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            assert!(j < b.len(), "unterminated tag at {at}");
            if b[j] == b'>' {
                j += 1;
                break;
            }
            if b[j] == b'/' && b.get(j + 1) == Some(&b'>') {
                j += 2;
                break;
            }
            let ns = j;
            while j < b.len() && !b[j].is_ascii_whitespace() && !matches!(b[j], b'=' | b'>' | b'/')
            {
                j += 1;
            }
            assert!(j > ns, "bad attribute syntax in tag at {at}: {}", ctx(html, at));
            let aname = html[ns..j].to_ascii_lowercase();
            let mut value = String::new();
            if b.get(j) == Some(&b'=') {
                j += 1;
                assert_eq!(
                    b.get(j),
                    Some(&b'"'),
                    "unquoted attribute {aname} at {at}: {}",
                    ctx(html, at)
                );
                let vs = j + 1;
                let ve = vs + html[vs..].find('"').expect("closing quote");
                value = decode_entities(&html[vs..ve]);
                j = ve + 1;
            }
            attrs.push((aname, value));
        }
        if name == "style" && !closing {
            let end = html[j..].find("</style>").expect("</style>");
            out.push(Tag { name: name.clone(), closing, attrs, at });
            i = j + end;
            continue;
        }
        out.push(Tag { name, closing, attrs, at });
        i = j;
    }
    out
}

fn ctx(html: &str, at: usize) -> String {
    let s = html[..at].char_indices().rev().nth(60).map_or(0, |(k, _)| k);
    let e = html[at..].char_indices().nth(80).map_or(html.len(), |(k, _)| at + k);
    html[s..e].to_string()
}

const DOC_TAGS: &[&str] = &["html", "head", "meta", "title", "style", "body"];
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "blockquote",
    "br",
    "caption",
    "circle",
    "code",
    "data",
    "del",
    "desc",
    "div",
    "em",
    "figcaption",
    "figure",
    "footer",
    "g",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "line",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "rect",
    "section",
    "span",
    "strong",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "text",
    "th",
    "thead",
    "time",
    "tr",
    "ul",
];
const ATTRS: &[&str] = &[
    "href",
    "rel",
    "title",
    "id",
    "class",
    "data-path",
    "lang",
    "dir",
    "data-theme",
    "charset",
    "name",
    "content",
    "http-equiv",
    "role",
    "tabindex",
    "viewbox",
    "width",
    "height",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "datetime",
    "value",
    "scope",
    "start",
    "text-anchor",
    "preserveaspectratio",
    "aria-labelledby",
    "aria-label",
    "aria-current",
    "aria-hidden",
];

/// Would a browser follow this `href` somewhere other than the web, mail or this page?
pub fn href_is_safe(v: &str) -> bool {
    let cleaned: String = v.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let u = cleaned.trim_matches(|c: char| c <= ' ').to_ascii_lowercase();
    if u.chars().any(|c| c.is_control()) {
        return false;
    }
    let delim = u.find(['/', '?', '#']).unwrap_or(u.len());
    match u.find(':') {
        Some(c) if c < delim => matches!(&u[..c], "http" | "https" | "mailto"),
        _ => {
            !(u.starts_with("//")
                || u.starts_with("\\\\")
                || u.starts_with("/\\")
                || u.starts_with("\\/"))
        }
    }
}

/// Fails unless `html` contains only allowed tags and attributes, no event handler, no
/// script, no external resource, and only safe link targets. `document`: a whole page
/// (one `<style>` in `<head>` allowed) rather than a Markdown fragment.
pub fn assert_safe(html: &str, document: bool, what: &str) {
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"), "{what}: <script in output");
    for t in tags(html) {
        let ok =
            TAGS.contains(&t.name.as_str()) || (document && DOC_TAGS.contains(&t.name.as_str()));
        assert!(ok, "{what}: tag <{}> not allowed: {}", t.name, ctx(html, t.at));
        for (n, v) in &t.attrs {
            assert!(
                !n.starts_with("on"),
                "{what}: event handler {n}= in output: {}",
                ctx(html, t.at)
            );
            assert!(
                ATTRS.contains(&n.as_str()),
                "{what}: attribute {n}= not allowed: {}",
                ctx(html, t.at)
            );
            if n == "href" {
                assert!(href_is_safe(v), "{what}: unsafe href {v:?}: {}", ctx(html, t.at));
            }
            let lv = v.to_ascii_lowercase();
            if n != "title" && n != "aria-label" && n != "content" && n != "value" {
                assert!(
                    !lv.contains("javascript:"),
                    "{what}: javascript: in {n}: {}",
                    ctx(html, t.at)
                );
            }
        }
        if t.name == "meta" {
            if let Some(e) = t.attr("http-equiv") {
                assert_eq!(e, "Content-Security-Policy");
            }
        }
    }
    if document {
        assert_eq!(lower.matches("<style>").count(), 1, "{what}: exactly one <style>");
        let style_at = lower.find("<style>").unwrap();
        assert!(style_at < lower.find("</head>").unwrap(), "{what}: style outside head");
    } else {
        assert!(!lower.contains("<style"), "{what}: <style> in Markdown output");
        assert!(!lower.contains("<svg"), "{what}: <svg> in Markdown output");
    }
}

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn content_guide_path() -> PathBuf {
    crate_dir().join("../../../content/training-infrastructure/guide.json")
}

pub fn load_guide(path: &std::path::Path) -> almanac_guide::Guide {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    almanac_guide::Guide::from_json(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Fixture folders under tests/fixtures/<kind>/, sorted by name.
pub fn fixture_dirs(kind: &str) -> Vec<(String, PathBuf)> {
    let dir = crate_dir().join("tests/fixtures").join(kind);
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.is_dir())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), p))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no fixtures in {}", dir.display());
    out
}
