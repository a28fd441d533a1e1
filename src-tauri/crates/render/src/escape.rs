//! Escaping, URL filtering and anchor ids: the only places where guide text meets markup.
//!
//! Invariant: every piece of guide text reaches the page through [`push_escaped`] or
//! [`push_escaped_attr`] (or through the Markdown module, which escapes at the event level);
//! every URL through [`safe_url`]. The escapers are public: they are the one HTML escaper of
//! the workspace (the diff report uses them too).

/// Appends `s` escaped for element content: `&`, `<` and `>` become entities; quotes stay.
pub fn push_escaped(out: &mut String, s: &str) {
    escape_into(out, s, false);
}

/// `s` escaped for element content (see [`push_escaped`]).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

/// Appends `s` escaped for an attribute value: as [`push_escaped`], and `"` and `'` become
/// `&quot;` and `&#39;`. Also safe in element content.
pub fn push_escaped_attr(out: &mut String, s: &str) {
    escape_into(out, s, true);
}

/// `s` escaped for an attribute value (see [`push_escaped_attr`]).
pub fn escape_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped_attr(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str, quotes: bool) {
    let bytes = s.as_bytes();
    let mut last = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if quotes => "&quot;",
            b'\'' if quotes => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// Which URLs a caller accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UrlPolicy {
    /// Links written in Markdown: `http`, `https`, `mailto`, and relative paths, queries and
    /// fragments (but not protocol-relative `//host` links).
    MarkdownLink,
    /// URLs typed into guide fields (sources, timeline links, related links): absolute
    /// `http`/`https` only.
    AbsoluteHttp,
}

/// Returns the URL to put in an `href` (not yet attribute-escaped), or `None` when it must not
/// be linked. Obfuscations are undone the way a browser's URL parser undoes them before the
/// scheme is checked: ASCII tab and newlines are removed anywhere, leading and trailing
/// control characters and spaces are trimmed, the scheme is compared case-insensitively.
/// Any other control character rejects the URL outright. (HTML entities never need decoding
/// here: Markdown destinations arrive decoded from pulldown-cmark, and the output escapes `&`,
/// so `javascript&#58;` in a guide field stays a harmless relative path.)
pub fn safe_url(raw: &str, policy: UrlPolicy) -> Option<String> {
    let cleaned: String = if raw.contains(['\t', '\n', '\r']) {
        raw.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
    } else {
        raw.to_string()
    };
    let url = cleaned.trim_matches(|c: char| c <= ' ');
    if url.is_empty() || url.chars().any(|c| c.is_control()) {
        return None;
    }
    let delim = url.find(['/', '?', '#']).unwrap_or(url.len());
    let scheme = match url.find(':') {
        Some(colon) if colon < delim => Some(url[..colon].to_ascii_lowercase()),
        _ => None,
    };
    let ok = match (scheme.as_deref(), policy) {
        (Some("http" | "https"), _) => {
            // An absolute web URL needs a host: "http://x", not "http:x" or "http:///x".
            let rest = &url[url.find(':').map_or(0, |c| c + 1)..];
            rest.starts_with("//")
                && rest[2..].chars().next().is_some_and(|c| !matches!(c, '/' | '\\' | '?' | '#'))
                && !url.contains(char::is_whitespace)
        }
        (Some("mailto"), UrlPolicy::MarkdownLink) => url.len() > "mailto:".len(),
        (Some(_), _) => false,
        (None, UrlPolicy::AbsoluteHttp) => false,
        (None, UrlPolicy::MarkdownLink) => {
            // Protocol-relative ("//evil.example") and backslash variants leave the page.
            let b = url.as_bytes();
            !(b.len() >= 2 && matches!(b[0], b'/' | b'\\') && matches!(b[1], b'/' | b'\\'))
        }
    };
    ok.then(|| url.to_string())
}

/// Appends a URL accepted by `safe_url` as an attribute value: spaces, quotes, angle
/// brackets and every non-ASCII character percent-encoded (as UTF-8 bytes, so
/// `/wiki/Überblick` becomes `/wiki/%C3%9Cberblick`), `&` and `'` as entities. A `%` is kept
/// as it is, so a URL that is already percent-encoded is not encoded twice.
pub(crate) fn push_href(out: &mut String, url: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '`' => out.push_str("%60"),
            '&' => out.push_str("&amp;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_ascii() => out.push(c),
            c => {
                let mut buf = [0u8; 4];
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    out.push('%');
                    out.push(HEX[usize::from(b >> 4)] as char);
                    out.push(HEX[usize::from(b & 0xF)] as char);
                }
            }
        }
    }
}

/// `s` trimmed, when it looks like a language tag ("en", "en-GB", "zh-Hant"): ASCII letters,
/// digits and hyphens, starting with a letter, at most 35 characters. Safe in an attribute
/// as it is.
pub(crate) fn lang_tag(s: &str) -> Option<&str> {
    let l = s.trim();
    let ok = !l.is_empty()
        && l.len() <= 35
        && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        && l.as_bytes()[0].is_ascii_alphabetic();
    ok.then_some(l)
}

/// A string made safe for an HTML id / fragment: ASCII letters, digits, `-` and `_`; anything
/// else becomes `-`. Never empty.
pub(crate) fn id_token(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_id_token(&mut out, s);
    out
}

/// Appends [`id_token`]`(s)`.
pub(crate) fn push_id_token(out: &mut String, s: &str) {
    let ok = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    if s.is_empty() {
        out.push('x');
    } else if s.bytes().all(ok) {
        out.push_str(s);
    } else {
        out.extend(s.chars().map(|c| if c.is_ascii() && ok(c as u8) { c } else { '-' }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        assert_eq!(escape_html("a<b>&\"'"), "a&lt;b&gt;&amp;\"'");
        let mut s = String::new();
        push_escaped_attr(&mut s, "a\"b'c<");
        assert_eq!(s, "a&quot;b&#39;c&lt;");
        assert_eq!(escape_attr("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");
        assert_eq!(escape_html("plain ünïcode"), "plain ünïcode");
    }

    #[test]
    fn url_policy_table() {
        use UrlPolicy::*;
        let cases: &[(&str, UrlPolicy, Option<&str>)] = &[
            ("https://example.com/a?b#c", MarkdownLink, Some("https://example.com/a?b#c")),
            ("HTTP://EXAMPLE.COM", AbsoluteHttp, Some("HTTP://EXAMPLE.COM")),
            ("  https://example.com  ", AbsoluteHttp, Some("https://example.com")),
            ("mailto:ed@example.com", MarkdownLink, Some("mailto:ed@example.com")),
            ("mailto:ed@example.com", AbsoluteHttp, None),
            ("#part-faq", MarkdownLink, Some("#part-faq")),
            ("../other/index.html", MarkdownLink, Some("../other/index.html")),
            ("/a:b", MarkdownLink, Some("/a:b")),
            ("#part-faq", AbsoluteHttp, None),
            ("javascript:alert(1)", MarkdownLink, None),
            ("JaVaScRiPt:alert(1)", MarkdownLink, None),
            ("jav\tascript:alert(1)", MarkdownLink, None),
            ("java\nscript:alert(1)", MarkdownLink, None),
            ("\u{1}javascript:alert(1)", MarkdownLink, None),
            (" \u{0}javascript:alert(1)", MarkdownLink, None),
            ("java\u{0}script:alert(1)", MarkdownLink, None),
            ("data:text/html,<script>alert(1)</script>", MarkdownLink, None),
            ("vbscript:msgbox(1)", MarkdownLink, None),
            ("//evil.example/x", MarkdownLink, None),
            ("\\\\evil.example/x", MarkdownLink, None),
            ("http:evil", AbsoluteHttp, None),
            ("https:///x", AbsoluteHttp, None),
            ("https://exa mple.com", AbsoluteHttp, None),
            ("", MarkdownLink, None),
        ];
        for (url, policy, want) in cases {
            assert_eq!(safe_url(url, *policy).as_deref(), *want, "{url:?} under {policy:?}");
        }
    }

    #[test]
    fn hrefs_percent_encode_non_ascii_once() {
        let href = |u: &str| {
            let mut s = String::new();
            push_href(&mut s, u);
            s
        };
        assert_eq!(
            href("https://de.wikipedia.org/wiki/Überblick"),
            "https://de.wikipedia.org/wiki/%C3%9Cberblick"
        );
        // Already encoded: left as it is.
        assert_eq!(
            href("https://de.wikipedia.org/wiki/%C3%9Cberblick"),
            "https://de.wikipedia.org/wiki/%C3%9Cberblick"
        );
        assert_eq!(href("/a b?q=€&x='1'#ü"), "/a%20b?q=%E2%82%AC&amp;x=&#39;1&#39;#%C3%BC");
        assert_eq!(href("https://x.example/😀"), "https://x.example/%F0%9F%98%80");
    }

    #[test]
    fn language_tags() {
        assert_eq!(lang_tag(" en-GB "), Some("en-GB"));
        assert_eq!(lang_tag("ar"), Some("ar"));
        for bad in ["", "1en", "en GB", "en\"", "x".repeat(36).as_str()] {
            assert_eq!(lang_tag(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn ids_are_tokens() {
        assert_eq!(id_token("d-1_a"), "d-1_a");
        assert_eq!(id_token("a\" onload=x"), "a--onload-x");
        assert_eq!(id_token(""), "x");
    }
}
