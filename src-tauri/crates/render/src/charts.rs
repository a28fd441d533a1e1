//! Inline SVG charts drawn from the guide's own data. Each chart is `role="img"` with a
//! `<title>` and `<desc>` (via `aria-labelledby`), followed by a visually hidden list of the
//! data it draws. Colours come from the page's CSS custom properties, so charts follow the
//! theme. Coordinates are written with one decimal: same data, same bytes.

use crate::escape::push_text;
use crate::time::partial_date;
use almanac_guide::{DatePrecision, DealRow, TimelineEvent};
use std::fmt::Write as _;

const W: f64 = 680.0;

/// "5 GW", "1.5 GW", "300 MW".
pub(crate) fn format_gw(gw: f64) -> String {
    if gw > 0.0 && gw < 1.0 {
        format!("{} MW", trim_num(gw * 1000.0))
    } else {
        format!("{} GW", trim_num(gw))
    }
}

fn trim_num(v: f64) -> String {
    let s = format!("{:.2}", v);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
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

fn open_svg(out: &mut String, id: &str, height: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {W} {height:.1}\" width=\"100%\" role=\"img\" \
         aria-labelledby=\"{id}-title {id}-desc\" preserveAspectRatio=\"xMinYMin meet\">\
         <title id=\"{id}-title\">"
    );
    push_text(out, title);
    let _ = write!(out, "</title><desc id=\"{id}-desc\">");
    push_text(out, desc);
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
            let _ = write!(
                out,
                "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\"/>\
                 <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{}\">{}{}</text>",
                bottom + 18.0,
                if i == 0 {
                    "start"
                } else if i == ticks {
                    "end"
                } else {
                    "middle"
                },
                trim_num(v),
                if i == ticks { " GW" } else { "" }
            );
        }
        out.push_str("</g>");
        for (i, (label, gw, _)) in bars.iter().enumerate() {
            let y = top + row_h * i as f64;
            let w = if *gw > 0.0 { (gw / axis_max * plot_w).max(2.0) } else { 0.0 };
            let _ = write!(
                out,
                "<g class=\"bar\"><text class=\"bar-label\" x=\"0\" y=\"{:.1}\">",
                y + 15.0
            );
            push_text(out, &truncate(label, 88));
            let _ = write!(
                out,
                "</text><rect x=\"0\" y=\"{:.1}\" width=\"{w:.1}\" height=\"16\" rx=\"2\"/>\
                 <text class=\"bar-value\" x=\"{:.1}\" y=\"{:.1}\">{}</text></g>",
                y + 22.0,
                w + 6.0,
                y + 34.5,
                format_gw(*gw)
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
            push_text(out, label);
            if !text.trim().is_empty() {
                out.push_str(" (“");
                push_text(out, text.trim());
                out.push_str("”)");
            }
        }
        out.push_str(".</p>");
    }
    out.push_str("<ul class=\"vh\">");
    for (label, gw, text) in &bars {
        out.push_str("<li>");
        push_text(out, label);
        let _ = write!(out, ": {}", format_gw(*gw));
        if !text.trim().is_empty() {
            out.push_str(" (as stated: ");
            push_text(out, text.trim());
            out.push(')');
        }
        out.push_str("</li>");
    }
    for (label, text) in &unquantified {
        out.push_str("<li>");
        push_text(out, label);
        out.push_str(": not quantified");
        if !text.trim().is_empty() {
            out.push_str(" (as stated: ");
            push_text(out, text.trim());
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
        let _ = write!(
            out,
            "<line x1=\"{x:.1}\" y1=\"{top:.1}\" x2=\"{x:.1}\" y2=\"{bottom:.1}\"/>\
             <text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>",
            bottom + 18.0,
            y as i64
        );
        y += step;
    }
    out.push_str("</g>");
    for (row, p) in pts.iter().enumerate() {
        let cy = top + row_h * row as f64 + row_h / 2.0;
        let (x0, x1) = (xs(p.start), xs(p.end));
        let cx = (x0 + x1) / 2.0;
        out.push_str("<g class=\"event\">");
        if x1 - x0 > 0.5 {
            let _ = write!(
                out,
                "<rect class=\"band\" x=\"{x0:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"12\" rx=\"6\"/>",
                cy - 6.0,
                x1 - x0
            );
        }
        let _ = write!(
            out,
            "<circle cx=\"{cx:.1}\" cy=\"{cy:.1}\" r=\"9\"/>\
             <text class=\"dot-n\" x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            cy + 3.5,
            p.n
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
        let _ = write!(
            out,
            "<text class=\"event-label\" x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">",
            cy + 4.0
        );
        push_text(out, &truncate(&full, max_chars));
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
        push_text(out, &p.label);
        if !p.title.is_empty() {
            out.push_str(": ");
            push_text(out, p.title);
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
