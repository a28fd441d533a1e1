//! The units a word diff compares: Unicode words, except that a number, a date or a quantity
//! is one unit, so that a changed figure is always replaced whole.
//!
//! Text is first split on Unicode word boundaries (UAX #29, as `similar` splits words). Then,
//! at the start of a word that does not follow a letter or digit, a *quantity* is read:
//!
//! - an optional sign (`-`, `+`, `−`, `±`) and an optional currency: a symbol (`$`, `€`, `£`,
//!   `¥`…), which may follow one to three capital letters (`US$`);
//! - an ASCII digit, then letters and digits (`40bn`, `5GW`, `3rd`, `18T08`), and further groups
//!   each joined by one separator followed by a digit: `,` `.` `:` `/` `'` `’` `_` `-` `–` and
//!   the no-break and thin spaces (`1,200.5`, `2026-11-29`, `12:30`, `24/7`, `2026–2028`);
//! - an optional suffix attached to it: `%`, `‰`, `‱`, `°` (with letters after it: `°C`), `+`
//!   (`220,000+`) or a currency symbol (`40€`);
//! - an optional unit after one space: a word from [`UNITS`] (`2 GW`, `3 million`, `40 %`),
//!   standing alone (the next character is no letter or digit).
//!
//! The words the quantity covers become one unit (a quantity that ends inside a word takes
//! the whole word). So `$40bn`, `-1,200.5`, `2026-11-29`, `40%` and `2 GW` are each one unit.
//!
//! A unit is *numeric* when it is a quantity or any other word holding an ASCII digit (`H100`,
//! `v2`, `Q3`): the word diff shows a numeric unit replaced by another as a pair of its own.

use similar::DiffableStr;

/// Unit words that belong to the number before them when one space (or a no-break or thin
/// space) separates them. Matched case-sensitively: magnitudes, percentages and basis points,
/// power and energy, data sizes, compute, and currency codes.
pub(crate) const UNITS: &[&str] = &[
    "%", "‰", "percent", "pct", "pp", "bp", "bps", "k", "K", "m", "M", "mn", "bn", "B", "tn",
    "thousand", "million", "billion", "trillion", "W", "kW", "MW", "GW", "TW", "Wh", "kWh", "MWh",
    "GWh", "TWh", "KB", "MB", "GB", "TB", "PB", "EB", "FLOP", "FLOPs", "FLOPS", "PFLOPS", "EFLOPS",
    "USD", "EUR", "GBP", "JPY", "CNY",
];

fn is_sign(c: char) -> bool {
    matches!(c, '-' | '+' | '\u{2212}' | '±')
}

fn is_currency(c: char) -> bool {
    matches!(
        c,
        '$' | '€'
            | '£'
            | '¥'
            | '¢'
            | '₹'
            | '₩'
            | '₽'
            | '₺'
            | '₴'
            | '₦'
            | '₱'
            | '₪'
            | '₫'
            | '₿'
            | '฿'
    )
}

/// Characters that join two digit groups of one number when a digit follows them.
fn is_group_separator(c: char) -> bool {
    matches!(
        c,
        ',' | '.'
            | ':'
            | '/'
            | '\''
            | '\u{2019}'
            | '_'
            | '-'
            | '\u{2013}'
            | '\u{a0}'
            | '\u{202f}'
            | '\u{2009}'
    )
}

/// Spaces between a number and its unit word.
fn is_unit_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Whether a character can open a quantity (a cheap filter before reading one).
fn may_open(c: char) -> bool {
    c.is_ascii_digit() || c.is_ascii_uppercase() || is_sign(c) || is_currency(c)
}

/// The byte length of the quantity `s` starts with, if it starts with one. The caller has
/// checked that no letter or digit comes before `s`.
fn quantity_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let at = |i: usize| s[i..].chars().next();
    let mut i = 0;
    // A currency code before its symbol: "US$", "A$", "HK$".
    let caps = b.iter().take(4).take_while(|c| c.is_ascii_uppercase()).count();
    if (1..=3).contains(&caps) && at(caps).is_some_and(is_currency) {
        i = caps;
    } else if caps > 0 {
        return None;
    }
    if i == 0 {
        if let Some(c) = at(0).filter(|&c| is_sign(c)) {
            i += c.len_utf8();
        }
    }
    if let Some(c) = at(i).filter(|&c| is_currency(c)) {
        i += c.len_utf8();
    }
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    // Digits and letters, and further groups after a separator followed by a digit.
    loop {
        while let Some(c) = at(i).filter(|c| c.is_alphanumeric()) {
            i += c.len_utf8();
        }
        match at(i) {
            Some(sep) if is_group_separator(sep) => {
                let next = i + sep.len_utf8();
                if b.get(next).is_some_and(u8::is_ascii_digit) {
                    i = next;
                } else {
                    break;
                }
            }
            _ => break,
        }
    }
    // An attached suffix.
    match at(i) {
        Some(c @ ('%' | '‰' | '‱')) => i += c.len_utf8(),
        Some('°') => {
            i += '°'.len_utf8();
            while let Some(c) = at(i).filter(|c| c.is_alphabetic()) {
                i += c.len_utf8();
            }
        }
        Some('+') if !b.get(i + 1).is_some_and(u8::is_ascii_digit) => i += 1,
        Some(c) if is_currency(c) => i += c.len_utf8(),
        _ => {}
    }
    // A unit word after one space.
    if let Some(space) = at(i).filter(|&c| is_unit_space(c)) {
        let start = i + space.len_utf8();
        let rest = &s[start..];
        let word_len = match rest.chars().next() {
            Some(c) if c.is_alphabetic() => {
                rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())
            }
            Some(c @ ('%' | '‰')) => c.len_utf8(),
            _ => 0,
        };
        let word = &rest[..word_len];
        let alone = !rest[word_len..].chars().next().is_some_and(char::is_alphanumeric);
        if word_len > 0 && alone && UNITS.contains(&word) {
            i = start + word_len;
        }
    }
    Some(i)
}

/// The diff units of `text` (see the module docs), which concatenate to `text`, and whether
/// each is numeric.
pub(crate) fn tokens(text: &str) -> (Vec<&str>, Vec<bool>) {
    let words = text.tokenize_unicode_words();
    let mut out = Vec::with_capacity(words.len());
    let mut numeric = Vec::with_capacity(words.len());
    let mut pos = 0;
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < words.len() {
        let w = words[i];
        let first = w.chars().next().unwrap_or(' ');
        let opens = may_open(first) && !prev.is_some_and(char::is_alphanumeric);
        match opens.then(|| quantity_len(&text[pos..])).flatten() {
            Some(len) => {
                let (start, end) = (pos, pos + len);
                while i < words.len() && pos < end {
                    pos += words[i].len();
                    i += 1;
                }
                out.push(&text[start..pos]);
                numeric.push(true);
            }
            None => {
                out.push(w);
                numeric.push(w.bytes().any(|b| b.is_ascii_digit()));
                pos += w.len();
                i += 1;
            }
        }
        prev = text[..pos].chars().next_back();
    }
    (out, numeric)
}

/// Whether `text` is a single numeric unit (a date, an amount, a version label…).
pub(crate) fn is_one_number(text: &str) -> bool {
    let (t, n) = tokens(text);
    t.len() == 1 && n[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn units(text: &str) -> Vec<&str> {
        let (t, _) = tokens(text);
        assert_eq!(t.concat(), text);
        t
    }

    fn numbers(text: &str) -> Vec<&str> {
        let (t, n) = tokens(text);
        t.into_iter().zip(n).filter(|(_, n)| *n).map(|(t, _)| t).collect()
    }

    #[test]
    fn numbers_with_separators_and_signs_are_one_unit() {
        for q in ["-1,200.5", "1.2", "1,200", "12", "2026-11-29", "12:30", "24/7", "−5", "+3.5"] {
            assert_eq!(units(q), [q], "{q}");
            assert_eq!(numbers(&format!("about {q} here")), [q], "{q}");
        }
        assert_eq!(units("a -1,200.5 b"), ["a", " ", "-1,200.5", " ", "b"]);
        assert_eq!(units("2026-11-29T08:30:00Z"), ["2026-11-29T08:30:00Z"]);
        assert_eq!(units("1\u{202f}200\u{a0}000 units"), ["1\u{202f}200\u{a0}000", " ", "units"]);
    }

    #[test]
    fn money_percentages_and_units_are_one_unit() {
        assert_eq!(units("$40bn deal"), ["$40bn", " ", "deal"]);
        assert_eq!(units("US$40bn"), ["US$40bn"]);
        assert_eq!(units("€3.5 billion"), ["€3.5 billion"]);
        assert_eq!(units("40€"), ["40€"]);
        assert_eq!(units("up 40%."), ["up", " ", "40%", "."]);
        assert_eq!(units("40 %"), ["40 %"]);
        assert_eq!(
            units("Options for 2 GW of power"),
            ["Options", " ", "for", " ", "2 GW", " ", "of", " ", "power"]
        );
        assert_eq!(units("2\u{a0}GW"), ["2\u{a0}GW"]);
        assert_eq!(units("5GW"), ["5GW"]);
        assert_eq!(units("220,000+ GPUs"), ["220,000+", " ", "GPUs"]);
        assert_eq!(units("20°C"), ["20°C"]);
        // A word that only starts like a unit stays a word of its own.
        assert_eq!(units("2 GWs"), ["2", " ", "GWs"]);
        assert_eq!(units("2 Gigantic"), ["2", " ", "Gigantic"]);
    }

    #[test]
    fn what_is_not_a_number_stays_as_words() {
        // A hyphen after a word is no sign; a separator not followed by a digit ends a number.
        assert_eq!(units("GPT-4"), ["GPT", "-", "4"]);
        assert_eq!(units("in 2026. Then"), ["in", " ", "2026", ".", " ", "Then"]);
        assert_eq!(units("5 - 3"), ["5", " ", "-", " ", "3"]);
        assert_eq!(units("1, 2"), ["1", ",", " ", "2"]);
        assert_eq!(units("AWS + $100B"), ["AWS", " ", "+", " ", "$100B"]);
        assert_eq!(units("USA$"), ["USA", "$"]);
        assert_eq!(units(""), Vec::<&str>::new());
        assert_eq!(numbers("Hello, world"), Vec::<&str>::new());
        // Words holding a digit are numeric too.
        assert_eq!(numbers("H100 and v2 in Q3"), ["H100", "v2", "Q3"]);
        assert_eq!(units("naïve 東京 2"), ["naïve", " ", "東", "京", " ", "2"]);
    }

    #[test]
    fn single_numbers() {
        for v in ["2026-11-18T08:30:00Z", "v2", "12", "$40bn", "2 GW"] {
            assert!(is_one_number(v), "{v}");
        }
        for v in ["live", "https://example.com/2", "2 or 3", ""] {
            assert!(!is_one_number(v), "{v}");
        }
    }
}
