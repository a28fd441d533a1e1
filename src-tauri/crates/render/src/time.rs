//! Dates and relative ages. Nothing here reads the wall clock: a clock, when there is one,
//! is passed in.

use crate::escape::{push_escaped, push_escaped_attr};
use almanac_guide::DatePrecision;
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, SecondsFormat, Timelike};

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "just now", "5m ago", "3h ago", "7d ago", "1mo ago", "2y ago"; "in 3d" for a time after
/// `now`. Within a minute either way is "just now". Months are 30 days, years 365.
pub fn relative_age(then: DateTime<FixedOffset>, now: DateTime<FixedOffset>) -> String {
    let secs = now.signed_duration_since(then).num_seconds();
    let abs = secs.unsigned_abs();
    if abs < 60 {
        return "just now".to_string();
    }
    let days = abs / 86_400;
    let span = if abs < 3_600 {
        format!("{}m", abs / 60)
    } else if abs < 86_400 {
        format!("{}h", abs / 3_600)
    } else if days < 30 {
        format!("{days}d")
    } else if days < 365 {
        format!("{}mo", (days / 30).min(11))
    } else {
        format!("{}y", days / 365)
    };
    if secs < 0 {
        format!("in {span}")
    } else {
        format!("{span} ago")
    }
}

/// The number written with `len` ASCII digits at `at`, if they are all digits.
fn digits_at(s: &str, at: usize, len: usize) -> Option<u32> {
    let b = s.as_bytes().get(at..at + len)?;
    b.iter().try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
}

/// A `YYYY-MM-DD` date (exactly that shape, and a real day).
fn ymd(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits_at(s, 0, 4)? as i32, digits_at(s, 5, 2)?, digits_at(s, 8, 2)?)
}

/// An RFC 3339 timestamp, or a bare `YYYY-MM-DD` date (taken as midnight UTC).
pub fn parse_when(s: &str) -> Option<DateTime<FixedOffset>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t);
    }
    let d = ymd(s)?;
    let utc = FixedOffset::east_opt(0)?;
    d.and_hms_opt(0, 0, 0)?.and_local_timezone(utc).single()
}

/// "14 Oct 2026" for a midnight-UTC date, else "14 Oct 2026, 09:00 UTC" (or "+02:00").
pub fn format_absolute(t: DateTime<FixedOffset>, date_only: bool) -> String {
    let mut s = format!("{} {} {}", t.day(), MONTHS[t.month0() as usize], t.year());
    if !date_only {
        let off = t.offset().local_minus_utc();
        let zone = if off == 0 {
            "UTC".to_string()
        } else {
            let sign = if off < 0 { '-' } else { '+' };
            let off = off.unsigned_abs();
            format!("{sign}{:02}:{:02}", off / 3600, off % 3600 / 60)
        };
        s.push_str(&format!(", {:02}:{:02} {zone}", t.hour(), t.minute()));
    }
    s
}

/// Appends a `<time>` for an RFC 3339 timestamp or date: with a clock (preview),
/// `<time datetime="…" title="14 Oct 2026, 09:00 UTC">7d ago</time>`; without one (published),
/// `<time datetime="…">14 Oct 2026</time>`, the date only. `datetime` holds the full value.
/// Text that cannot be read is shown raw in `<span class="raw-date">` (a draft may hold
/// anything).
pub(crate) fn push_age(out: &mut String, raw: &str, now: Option<DateTime<FixedOffset>>) {
    let Some(t) = parse_when(raw) else {
        push_raw_date(out, raw);
        return;
    };
    let date_only = raw.trim().len() == 10;
    out.push_str("<time datetime=\"");
    if date_only {
        out.push_str(raw.trim());
    } else {
        out.push_str(&t.to_rfc3339_opts(SecondsFormat::AutoSi, true));
    }
    match now {
        Some(now) => {
            out.push_str("\" title=\"");
            out.push_str(&format_absolute(t, date_only));
            out.push_str("\">");
            out.push_str(&relative_age(t, now));
        }
        None => {
            out.push_str("\">");
            out.push_str(&format_absolute(t, true));
        }
    }
    out.push_str("</time>");
}

/// Appends `<time datetime="2019-07">Jul 2019</time>` for a timeline date at its precision
/// ("2019", "Jul 2019", "22 Jul 2019"), or the raw text when it does not match.
pub(crate) fn push_partial_date(out: &mut String, raw: &str, precision: DatePrecision) {
    match partial_date(raw, precision) {
        Some((_, label)) => {
            out.push_str("<time datetime=\"");
            push_escaped_attr(out, raw.trim());
            out.push_str("\">");
            out.push_str(&label);
            out.push_str("</time>");
        }
        None => push_raw_date(out, raw),
    }
}

fn push_raw_date(out: &mut String, raw: &str) {
    out.push_str("<span class=\"raw-date\">");
    push_escaped(out, raw);
    out.push_str("</span>");
}

/// A timeline date read at its precision: (fractional year for a time axis, display label).
pub(crate) fn partial_date(raw: &str, precision: DatePrecision) -> Option<(f64, String)> {
    let raw = raw.trim();
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    match precision {
        DatePrecision::Year => {
            let y: i32 = (raw.len() == 4 && digits(raw)).then(|| raw.parse().ok())??;
            Some((f64::from(y), y.to_string()))
        }
        DatePrecision::Month => {
            if raw.len() != 7 || raw.as_bytes()[4] != b'-' {
                return None;
            }
            let d =
                NaiveDate::from_ymd_opt(digits_at(raw, 0, 4)? as i32, digits_at(raw, 5, 2)?, 1)?;
            let label = format!("{} {}", MONTHS[d.month0() as usize], d.year());
            Some((f64::from(d.year()) + f64::from(d.month0()) / 12.0, label))
        }
        DatePrecision::Day => {
            if raw.len() != 10 {
                return None;
            }
            let d = ymd(raw)?;
            let label = format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year());
            Some((f64::from(d.year()) + f64::from(d.ordinal0()) / 365.25, label))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).unwrap()
    }

    #[test]
    fn ages() {
        let now = t("2026-11-25T12:00:00Z");
        let cases = [
            ("2026-11-25T11:59:30Z", "just now"),
            ("2026-11-25T12:00:30Z", "just now"),
            ("2026-11-25T11:15:00Z", "45m ago"),
            ("2026-11-25T07:00:00Z", "5h ago"),
            ("2026-11-18T12:00:00Z", "7d ago"),
            ("2026-10-14T09:00:00Z", "1mo ago"),
            ("2025-11-26T12:00:00Z", "11mo ago"),
            ("2024-11-01T12:00:00Z", "2y ago"),
            ("2026-11-28T12:00:00Z", "in 3d"),
            ("2026-11-25T14:00:00+02:00", "just now"),
        ];
        for (then, want) in cases {
            assert_eq!(relative_age(t(then), now), want, "{then}");
        }
    }

    #[test]
    fn dates() {
        assert!(parse_when("2026-10-14").is_some());
        assert!(parse_when("2026-10-14T09:00:00Z").is_some());
        assert!(parse_when("2026-13-14").is_none());
        assert!(parse_when("last week").is_none());
        assert_eq!(format_absolute(t("2026-10-14T09:05:00Z"), false), "14 Oct 2026, 09:05 UTC");
        assert_eq!(
            format_absolute(t("2026-10-14T09:05:00-05:30"), false),
            "14 Oct 2026, 09:05 -05:30"
        );
        assert_eq!(partial_date("2019", DatePrecision::Year).unwrap().1, "2019");
        assert_eq!(partial_date("2019-07", DatePrecision::Month).unwrap().1, "Jul 2019");
        assert_eq!(partial_date("2019-07-22", DatePrecision::Day).unwrap().1, "22 Jul 2019");
        assert!(partial_date("2019-7", DatePrecision::Month).is_none());
        assert!(partial_date("2019-02-30", DatePrecision::Day).is_none());
        assert!(partial_date("19", DatePrecision::Year).is_none());
    }

    #[test]
    fn raw_dates_are_escaped() {
        let mut s = String::new();
        push_age(&mut s, "<b>soon</b>", Some(t("2026-11-25T12:00:00Z")));
        assert_eq!(s, "<span class=\"raw-date\">&lt;b&gt;soon&lt;/b&gt;</span>");
        s.clear();
        push_age(&mut s, "<b>soon</b>", None);
        assert_eq!(s, "<span class=\"raw-date\">&lt;b&gt;soon&lt;/b&gt;</span>");
    }

    #[test]
    fn ages_with_a_clock_and_dates_without() {
        let now = Some(t("2026-11-25T12:00:00Z"));
        let mut s = String::new();
        push_age(&mut s, "2026-11-18T09:00:00Z", now);
        assert_eq!(
            s,
            "<time datetime=\"2026-11-18T09:00:00Z\" title=\"18 Nov 2026, 09:00 UTC\">7d ago</time>"
        );
        s.clear();
        push_age(&mut s, "2026-11-18T09:00:00Z", None);
        assert_eq!(s, "<time datetime=\"2026-11-18T09:00:00Z\">18 Nov 2026</time>");
        s.clear();
        push_age(&mut s, " 2026-10-14 ", None);
        assert_eq!(s, "<time datetime=\"2026-10-14\">14 Oct 2026</time>");
        s.clear();
        // The date is the one written, in the timestamp's own offset.
        push_age(&mut s, "2026-03-01T00:30:00+01:00", None);
        assert_eq!(s, "<time datetime=\"2026-03-01T00:30:00+01:00\">1 Mar 2026</time>");
    }
}
