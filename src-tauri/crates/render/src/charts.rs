//! Inline SVG charts drawn from the guide's own data. Each chart is `role="img"` with a
//! `<title>` and `<desc>` (via `aria-labelledby`), followed by a visually hidden list of the
//! data it draws. Colours come from the page's CSS custom properties, so charts follow the
//! theme. Coordinates are written with one decimal: same data, same bytes.

use crate::escape::push_escaped;
use crate::time::partial_date;
use almanac_guide::{DatePrecision, DealRow, TimelineEvent};
use std::fmt::Write as _;

const W: f64 = 680.0;

/// A piece of SVG markup: literal text, a coordinate (one decimal) or a count. Charts write
/// a few hundred numbers; `emit` writes them by integer arithmetic, without `fmt` (float
/// formatting with a precision is slow).
enum P<'a> {
    S(&'a str),
    N(f64),
    U(usize),
}

fn emit(out: &mut String, parts: &[P<'_>]) {
    for p in parts {
        match *p {
            P::S(s) => out.push_str(s),
            P::N(v) => push_num(out, v),
            P::U(n) => push_uint(out, n as u64),
        }
    }
}

fn push_uint(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
}

/// `v` with one decimal ("12.0", "-0.5").
fn push_num(out: &mut String, v: f64) {
    let tenths = (v * 10.0).round() as i64;
    if tenths < 0 {
        out.push('-');
    }
    let t = tenths.unsigned_abs();
    push_uint(out, t / 10);
    out.push('.');
    out.push((b'0' + (t % 10) as u8) as char);
}

/// "5 GW", "1.5 GW", "300 MW".
pub(crate) fn format_gw(gw: f64) -> String {
    if gw > 0.0 && gw < 1.0 {
        format!("{} MW", trim_num(gw * 1000.0))
    } else {
        format!("{} GW", trim_num(gw))
    }
}

/// `v` with up to two decimals, trailing zeros dropped ("5", "2.5", "0.75").
fn trim_num(v: f64) -> String {
    let hundredths = (v * 100.0).round() as i64;
    let mut s = String::with_capacity(8);
    if hundredths < 0 {
        s.push('-');
    }
    let h = hundredths.unsigned_abs();
    push_uint(&mut s, h / 100);
    let frac = h % 100;
    if frac != 0 {
        s.push('.');
        s.push((b'0' + (frac / 10) as u8) as char);
        if frac % 10 != 0 {
            s.push((b'0' + (frac % 10) as u8) as char);
        }
    }
    s
}

/// Cuts `s` to at most `max` characters, ending in "…" when cut.
fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// "Lab — Partner" for a deal row, "—" for an unknown side.
pub(crate) fn deal_label(row: &DealRow) -> String {
    let side = |s: &Option<String>| {
        s.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or("—").to_string()
    };
    format!("{} — {}", side(&row.lab), side(&row.partner))
}

/// A "nice" axis maximum and step covering `max` with at most six steps.
fn nice_scale(max: f64) -> (f64, f64) {
    if max <= 0.0 || !max.is_finite() {
        return (1.0, 0.25);
    }
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| (max / s).ceil() <= 6.0)
        .unwrap_or(10.0 * mag);
    ((max / step).ceil() * step, step)
}

/// A vertical grid line from `top` to `bottom` at `x` and the opening of its axis label.
fn grid_line(out: &mut String, x: f64, top: f64, bottom: f64, anchor: &str) {
    emit(
        out,
        &[
            P::S("<line x1=\""),
            P::N(x),
            P::S("\" y1=\""),
            P::N(top),
            P::S("\" x2=\""),
            P::N(x),
            P::S("\" y2=\""),
            P::N(bottom),
            P::S("\"/><text x=\""),
            P::N(x),
            P::S("\" y=\""),
            P::N(bottom + 18.0),
            P::S("\" text-anchor=\""),
            P::S(anchor),
            P::S("\">"),
        ],
    );
}

fn open_svg(out: &mut String, id: &str, height: f64, title: &str, desc: &str) {
    emit(
        out,
        &[
            P::S("<svg class=\"chart\" viewBox=\"0 0 680 "),
            P::N(height),
            P::S("\" width=\"100%\" role=\"img\" aria-labelledby=\""),
            P::S(id),
            P::S("-title "),
            P::S(id),
            P::S("-desc\" preserveAspectRatio=\"xMinYMin meet\"><title id=\""),
            P::S(id),
            P::S("-title\">"),
        ],
    );
    push_escaped(out, title);
    emit(out, &[P::S("</title><desc id=\""), P::S(id), P::S("-desc\">")]);
    push_escaped(out, desc);
    out.push_str("</desc>");
}

/// Horizontal bar chart of parsed committed capacity (GW) per deal row, largest first; rows
/// without a quantity are listed below it as "not quantified".
pub(crate) fn deal_capacity(out: &mut String, id: &str, title: &str, rows: &[DealRow]) {
    let mut bars: Vec<(String, f64, &str)> = Vec::new();
    let mut unquantified: Vec<(String, &str)> = Vec::new();
    for row in rows {
        let text = row.capacity.as_ref().map(|c| c.text.as_str()).unwrap_or("");
        match row.capacity.as_ref().and_then(|c| c.gw) {
            Some(gw) if gw.is_finite() && gw >= 0.0 => bars.push((deal_label(row), gw, text)),
            _ => unquantified.push((deal_label(row), text)),
        }
    }
    if bars.is_empty() && unquantified.is_empty() {
        out.push_str("<p class=\"fig-empty\">Nothing to draw yet: the deal table has no rows.</p>");
        return;
    }
    // Stable sort: equal capacities keep table order.
    bars.sort_by(|a, b| b.1.total_cmp(&a.1));
    if !bars.is_empty() {
        let max = bars.iter().map(|b| b.1).fold(0.0, f64::max);
        let (axis_max, step) = nice_scale(max);
        let (top, row_h, value_w) = (6.0, 46.0, 72.0);
        let plot_w = W - value_w;
        let bottom = top + row_h * bars.len() as f64;
        let height = bottom + 26.0;
        let desc = format!(
            "Bar chart of committed capacity in gigawatts for {} deal{} with a stated figure, \
             from {} to {}, largest first.{}",
            bars.len(),
            if bars.len() == 1 { "" } else { "s" },
            format_gw(bars.last().map_or(0.0, |b| b.1)),
            format_gw(max),
            match unquantified.len() {
                0 => String::new(),
                1 => " One more deal is not quantified.".to_string(),
                n => format!(" {n} more deals are not quantified."),
            }
        );
        open_svg(out, id, height, title, &desc);
        out.push_str("<g class=\"grid\" aria-hidden=\"true\">");
        let ticks = (axis_max / step).round() as usize;
        for i in 0..=ticks {
            let v = step * i as f64;
            let x = (v / axis_max * plot_w).max(0.5);
            let anchor = if i == 0 {
                "start"
            } else if i == ticks {
                "end"
            } else {
                "middle"
            };
            grid_line(out, x, top, bottom, anchor);
            out.push_str(&trim_num(v));
            out.push_str(if i == ticks { " GW</text>" } else { "</text>" });
        }
        out.push_str("</g>");
        for (i, (label, gw, _)) in bars.iter().enumerate() {
            let y = top + row_h * i as f64;
            let w = if *gw > 0.0 { (gw / axis_max * plot_w).max(2.0) } else { 0.0 };
            emit(
                out,
                &[
                    P::S("<g class=\"bar\"><text class=\"bar-label\" x=\"0\" y=\""),
                    P::N(y + 15.0),
                    P::S("\">"),
                ],
            );
            push_escaped(out, &truncate(label, 88));
            emit(
                out,
                &[
                    P::S("</text><rect x=\"0\" y=\""),
                    P::N(y + 22.0),
                    P::S("\" width=\""),
                    P::N(w),
                    P::S("\" height=\"16\" rx=\"2\"/><text class=\"bar-value\" x=\""),
                    P::N(w + 6.0),
                    P::S("\" y=\""),
                    P::N(y + 34.5),
                    P::S("\">"),
                    P::S(&format_gw(*gw)),
                    P::S("</text></g>"),
                ],
            );
        }
        out.push_str("</svg>");
    }
    if bars.is_empty() {
        out.push_str(
            "<p class=\"fig-empty\">Nothing to draw yet: no deal row states a capacity in watts.</p>",
        );
    }
    if !unquantified.is_empty() {
        out.push_str(
            "<p class=\"fig-note\"><span class=\"fig-note-label\">Not quantified:</span> ",
        );
        for (i, (label, text)) in unquantified.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            push_escaped(out, label);
            if !text.trim().is_empty() {
                out.push_str(" (“");
                push_escaped(out, text.trim());
                out.push_str("”)");
            }
        }
        out.push_str(".</p>");
    }
    out.push_str("<ul class=\"vh\">");
    for (label, gw, text) in &bars {
        out.push_str("<li>");
        push_escaped(out, label);
        let _ = write!(out, ": {}", format_gw(*gw));
        if !text.trim().is_empty() {
            out.push_str(" (as stated: ");
            push_escaped(out, text.trim());
            out.push(')');
        }
        out.push_str("</li>");
    }
    for (label, text) in &unquantified {
        out.push_str("<li>");
        push_escaped(out, label);
        out.push_str(": not quantified");
        if !text.trim().is_empty() {
            out.push_str(" (as stated: ");
            push_escaped(out, text.trim());
            out.push(')');
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// The timeline's events on a time axis, one row per event, numbered as in the timeline list.
/// An event dated to a year or month is drawn as a band over that period with its dot in the
/// middle; events whose date cannot be read are left out and counted in a note.
pub(crate) fn timeline(out: &mut String, id: &str, title: &str, events: &[TimelineEvent]) {
    struct Pt<'a> {
        n: usize,
        start: f64,
        end: f64,
        label: String,
        title: &'a str,
    }
    let mut pts = Vec::new();
    let mut skipped = 0;
    for (i, e) in events.iter().enumerate() {
        match partial_date(&e.date, e.precision) {
            Some((x, label)) => {
                let span = match e.precision {
                    DatePrecision::Year => 1.0,
                    DatePrecision::Month => 1.0 / 12.0,
                    DatePrecision::Day => 0.0,
                };
                pts.push(Pt { n: i + 1, start: x, end: x + span, label, title: e.title.trim() });
            }
            None => skipped += 1,
        }
    }
    if pts.is_empty() {
        out.push_str(if events.is_empty() {
            "<p class=\"fig-empty\">Nothing to draw yet: the timeline has no events.</p>"
        } else {
            "<p class=\"fig-empty\">Nothing to draw yet: no timeline date can be read.</p>"
        });
        return;
    }
    let lo = pts.iter().map(|p| p.start).fold(f64::INFINITY, f64::min).floor();
    let hi = pts.iter().map(|p| p.end).fold(f64::NEG_INFINITY, f64::max);
    let hi = if hi.fract() == 0.0 && hi > lo { hi } else { hi.floor() + 1.0 };
    let years = (hi - lo).max(1.0);
    let step = [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0]
        .into_iter()
        .find(|s| years / s <= 12.0)
        .unwrap_or((years / 10.0).ceil());
    // Align the axis to whole steps so both ends carry a labelled tick.
    let lo = (lo / step).floor() * step;
    let hi = lo + ((hi - lo) / step).ceil().max(1.0) * step;
    let years = hi - lo;
    let (left, right, top, row_h) = (12.0, W - 12.0, 8.0, 26.0);
    let xs = |v: f64| left + (v - lo) / years * (right - left);
    let bottom = top + row_h * pts.len() as f64;
    let height = bottom + 28.0;
    let first = pts.first().map(|p| p.label.clone()).unwrap_or_default();
    let last = pts.last().map(|p| p.label.clone()).unwrap_or_default();
    let desc = format!(
        "Timeline of {} event{} from {first} to {last}, one row each, numbered as in the \
         timeline list; bands show events dated only to a year or month.{}",
        pts.len(),
        if pts.len() == 1 { "" } else { "s" },
        match skipped {
            0 => String::new(),
            1 => " One event with an unreadable date is left out.".to_string(),
            n => format!(" {n} events with unreadable dates are left out."),
        }
    );
    open_svg(out, id, height, title, &desc);
    out.push_str("<g class=\"grid\" aria-hidden=\"true\">");
    let mut y = lo;
    while y <= hi + 1e-9 {
        let x = xs(y);
        let anchor = if y == lo {
            "start"
        } else if y >= hi - 1e-9 {
            "end"
        } else {
            "middle"
        };
        grid_line(out, x, top, bottom, anchor);
        push_uint(out, y.max(0.0) as u64);
        out.push_str("</text>");
        y += step;
    }
    out.push_str("</g>");
    for (row, p) in pts.iter().enumerate() {
        let cy = top + row_h * row as f64 + row_h / 2.0;
        let (x0, x1) = (xs(p.start), xs(p.end));
        let cx = (x0 + x1) / 2.0;
        out.push_str("<g class=\"event\">");
        if x1 - x0 > 0.5 {
            emit(
                out,
                &[
                    P::S("<rect class=\"band\" x=\""),
                    P::N(x0),
                    P::S("\" y=\""),
                    P::N(cy - 6.0),
                    P::S("\" width=\""),
                    P::N(x1 - x0),
                    P::S("\" height=\"12\" rx=\"6\"/>"),
                ],
            );
        }
        emit(
            out,
            &[
                P::S("<circle cx=\""),
                P::N(cx),
                P::S("\" cy=\""),
                P::N(cy),
                P::S("\" r=\"9\"/><text class=\"dot-n\" x=\""),
                P::N(cx),
                P::S("\" y=\""),
                P::N(cy + 3.5),
                P::S("\" text-anchor=\"middle\">"),
                P::U(p.n),
                P::S("</text>"),
            ],
        );
        // Label on the side with more room; about 6.3 units per character at this size.
        // The label starts clear of both the dot and the band.
        let (edge_l, edge_r) = ((cx - 14.0).min(x0 - 6.0), (cx + 14.0).max(x1 + 6.0));
        let room_right = right - edge_r;
        let room_left = edge_l - left;
        let (lx, anchor, room) = if room_right >= room_left {
            (edge_r, "start", room_right)
        } else {
            (edge_l, "end", room_left)
        };
        let full = if p.title.is_empty() {
            p.label.clone()
        } else {
            format!("{} · {}", p.label, p.title)
        };
        let max_chars = ((room / 6.3) as usize).max(8);
        emit(
            out,
            &[
                P::S("<text class=\"event-label\" x=\""),
                P::N(lx),
                P::S("\" y=\""),
                P::N(cy + 4.0),
                P::S("\" text-anchor=\""),
                P::S(anchor),
                P::S("\">"),
            ],
        );
        push_escaped(out, &truncate(&full, max_chars));
        out.push_str("</text></g>");
    }
    out.push_str("</svg>");
    if skipped > 0 {
        let _ = write!(
            out,
            "<p class=\"fig-note\">{} left out: {} date{} cannot be read.</p>",
            if skipped == 1 { "One event" } else { "Some events" },
            if skipped == 1 { "its" } else { "their" },
            if skipped == 1 { "" } else { "s" }
        );
    }
    out.push_str("<ol class=\"vh\">");
    for p in &pts {
        let _ = write!(out, "<li value=\"{}\">", p.n);
        push_escaped(out, &p.label);
        if !p.title.is_empty() {
            out.push_str(": ");
            push_escaped(out, p.title);
        }
        out.push_str("</li>");
    }
    out.push_str("</ol>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gw_formatting() {
        assert_eq!(format_gw(5.0), "5 GW");
        assert_eq!(format_gw(1.5), "1.5 GW");
        assert_eq!(format_gw(0.3), "300 MW");
        assert_eq!(format_gw(0.0), "0 GW");
    }

    #[test]
    fn scales_are_nice() {
        assert_eq!(nice_scale(10.0), (10.0, 2.0));
        assert_eq!(nice_scale(5.0), (5.0, 1.0));
        assert_eq!(nice_scale(7.0), (8.0, 2.0));
        assert_eq!(nice_scale(0.0), (1.0, 0.25));
    }
}
