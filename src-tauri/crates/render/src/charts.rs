//! Inline SVG charts drawn from the guide's own data: what a figure draws is
//! [`Figure::rows`] / [`Figure::events`], never filtered again here.
//!
//! Every chart is one `<svg role="img">` with a `<title>` and a `<desc>` (via
//! `aria-labelledby`), followed by a visually hidden list of the data it draws. Colours come
//! from the page's CSS custom properties, so charts follow the theme (light, dark, print).
//!
//! Readable at any width: the SVG has no `viewBox`, so nothing in it is scaled. Horizontal
//! coordinates are percentages of the column (the chart stretches with it), vertical ones are
//! `em` of the chart's text size (`.chart-body`, the page's small text): text drawn in the SVG
//! (the axis) is that size at every width. Row labels and values are HTML, laid over the SVG
//! in rows of the same fixed height ([`ROW`]): each row's label line sits above its bar or
//! dot, one line across the whole column, cut with an ellipsis when it does not fit (the full
//! text in its `title`). Axis labels are spaced so that they never overlap on a plot as narrow
//! as [`MIN_TRACK`] (a 320 px screen); on a narrower one the stylesheet hides every other label
//! between the ends.
//!
//! Coordinates are integers (tenths of a percent, hundredths of an em) written by integer
//! arithmetic: same data, same bytes.

use crate::escape::{push_escaped, push_escaped_attr};
use crate::time::partial_date;
use almanac_guide::{
    partial_date_precision, BarLayout, DatePrecision, DealRow, Figure, FigureKind, Guide,
};
use std::borrow::Cow;
use std::fmt::Write as _;

/// Height of a row, in hundredths of an em: a label line (1.4 em: the stylesheet's
/// `.chart-row`, whose height must be this) over a bar or dot.
pub(crate) const ROW: i64 = 275;
/// Where a bar starts in its row, and its height.
const BAR_Y: i64 = 150;
const BAR_H: i64 = 100;
/// A group heading row (a lab, in a grouped capacity chart): a label line only (the
/// stylesheet's `.chart-head`).
pub(crate) const HEAD: i64 = 170;
/// The band under the rows that holds the axis labels, and their baseline in it.
const AXIS: i64 = 175;
const AXIS_BASELINE: i64 = 130;
/// The narrowest plot the axis labels are laid out for, 17.5 em of the 0.82 rem chart text
/// (230 px): a 320 px screen leaves 262 px for a chart, a column of the diff report's side by
/// side layout at least 238 px.
pub(crate) const MIN_TRACK: i64 = 1750;
/// Space kept between two axis labels.
const TICK_GAP: i64 = 50;
/// The timeline's time axis runs from 2 % to 98 % of the width, so that a dot at either end
/// stays inside the chart.
const TIME_LEFT: i64 = 20;
const TIME_RIGHT: i64 = 980;
/// Colours of stacked segments (`--series-1` …), used in turn.
const SERIES: usize = 6;

/// A piece of SVG markup: literal text, a percentage (tenths), an `em` length (hundredths) or
/// a count. `emit` writes numbers by integer arithmetic, without `fmt`.
enum P<'a> {
    S(&'a str),
    Pct(i64),
    Em(i64),
    U(usize),
}

fn emit(out: &mut String, parts: &[P<'_>]) {
    for p in parts {
        match *p {
            P::S(s) => out.push_str(s),
            P::Pct(v) => {
                push_decimal(out, v, 1);
                out.push('%');
            }
            P::Em(v) => {
                push_decimal(out, v, 2);
                if v != 0 {
                    out.push_str("em");
                }
            }
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

/// `v` / 10^`places`, trailing zeros dropped ("37.5", "2.75", "100", "-0.5").
fn push_decimal(out: &mut String, v: i64, places: u32) {
    if v < 0 {
        out.push('-');
    }
    let scale = 10u64.pow(places);
    let a = v.unsigned_abs();
    push_uint(out, a / scale);
    let mut frac = a % scale;
    if frac == 0 {
        return;
    }
    out.push('.');
    let mut div = scale / 10;
    while frac > 0 {
        out.push((b'0' + (frac / div) as u8) as char);
        frac %= div;
        div /= 10;
    }
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
    let mut s = String::with_capacity(8);
    push_decimal(&mut s, (v * 100.0).round() as i64, 2);
    s
}

/// A lab or partner cell as a label: trimmed, or `unknown` when empty.
fn side<'a>(s: &'a Option<String>, unknown: &'a str) -> &'a str {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or(unknown)
}

/// "Lab — Partner" for a deal row, "—" for an unknown side.
pub(crate) fn deal_label(row: &DealRow) -> String {
    format!("{} — {}", side(&row.lab, "—"), side(&row.partner, "—"))
}

/// The chart's title when its caption is empty.
pub(crate) fn default_title(f: &Figure) -> Cow<'static, str> {
    match f.kind {
        FigureKind::DealCapacity => "Committed capacity by lab and partner".into(),
        FigureKind::ComputeStack => match f.lab_filter() {
            Some(lab) => format!("Compute stack of {lab}").into(),
            None => "Compute stack".into(),
        },
        FigureKind::Timeline if f.key_only => "Timeline of key events".into(),
        FigureKind::Timeline => "Timeline of events".into(),
    }
}

/// The chart of figure `f` of `g`: `id` starts its ids (`{id}-title`, `{id}-desc`), `title`
/// is its title.
pub(crate) fn figure(out: &mut String, g: &Guide, f: &Figure, id: &str, title: &str) {
    match f.kind {
        FigureKind::DealCapacity | FigureKind::ComputeStack => capacity(out, g, f, id, title),
        FigureKind::Timeline => timeline(out, g, f, id, title),
    }
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

/// The next "nice" step after `step` (1, 2, 2.5, 5, 10 times a power of ten).
fn next_step(step: f64) -> f64 {
    let mag = 10f64.powf(step.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0, 20.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s > step * 1.001)
        .unwrap_or(step * 2.0)
}

/// An upper bound of the width of `s` in the chart's sans-serif text, in hundredths of an em
/// (axis labels: digits, a point, a unit; digits are 0.64 em in the widest common system sans,
/// DejaVu Sans).
pub(crate) fn text_width(s: &str) -> i64 {
    s.chars()
        .map(|c| match c {
            '0'..='9' => 64,
            '.' | ',' | ' ' => 35,
            'M' => 90,
            'W' => 100,
            'G' => 80,
            _ => 70,
        })
        .sum()
}

/// An axis label: where (tenths of a percent of the width) and what.
pub(crate) struct Tick {
    pub(crate) at: i64,
    pub(crate) label: String,
}

/// How an axis label is anchored: in its middle, or at its start (end) when its middle would
/// put it past the left (right) edge of a plot [`MIN_TRACK`] wide.
fn anchor(t: &Tick) -> &'static str {
    let at = t.at * MIN_TRACK / 1000;
    let half = text_width(&t.label) / 2;
    if at - half < 0 {
        "start"
    } else if at + half > MIN_TRACK {
        "end"
    } else {
        "middle"
    }
}

/// Whether the axis labels keep [`TICK_GAP`] between them and stay inside a plot
/// [`MIN_TRACK`] wide (so they do on any wider one: they keep their size, the plot grows).
pub(crate) fn ticks_fit(ticks: &[Tick]) -> bool {
    let mut last_end = i64::MIN / 2;
    for t in ticks {
        let at = t.at * MIN_TRACK / 1000;
        let w = text_width(&t.label);
        let (start, end) = match anchor(t) {
            "start" => (at, at + w),
            "end" => (at - w, at),
            _ => (at - w / 2, at + w - w / 2),
        };
        if start < 0 || end > MIN_TRACK || start < last_end + TICK_GAP {
            return false;
        }
        last_end = end;
    }
    true
}

/// A fraction of the width (0 to 1) in tenths of a percent, inside `lo..=hi`.
fn tenths(frac: f64, lo: i64, hi: i64) -> i64 {
    let v = (frac * 1000.0).round();
    if v.is_nan() {
        lo
    } else {
        (v as i64).clamp(lo, hi)
    }
}

fn open_svg(out: &mut String, id: &str, height: i64, title: &str, desc: &str) {
    emit(
        out,
        &[
            P::S("<svg class=\"chart\" width=\"100%\" height=\""),
            P::Em(height),
            P::S("\" role=\"img\" aria-labelledby=\""),
            P::S(id),
            P::S("-title "),
            P::S(id),
            P::S("-desc\"><title id=\""),
            P::S(id),
            P::S("-title\">"),
        ],
    );
    push_escaped(out, title);
    emit(out, &[P::S("</title><desc id=\""), P::S(id), P::S("-desc\">")]);
    push_escaped(out, desc);
    out.push_str("</desc>");
}

/// The grid: a vertical line per axis label from the top to `bottom`, and the labels under it.
fn grid(out: &mut String, ticks: &[Tick], bottom: i64) {
    out.push_str("<g class=\"grid\" aria-hidden=\"true\">");
    for t in ticks {
        emit(
            out,
            &[
                P::S("<line x1=\""),
                P::Pct(t.at),
                P::S("\" y1=\"0\" x2=\""),
                P::Pct(t.at),
                P::S("\" y2=\""),
                P::Em(bottom),
                P::S("\"/>"),
            ],
        );
    }
    for t in ticks {
        let anchor = anchor(t);
        let class = if anchor == "middle" { "tick tick-mid" } else { "tick" };
        emit(
            out,
            &[
                P::S("<text class=\""),
                P::S(class),
                P::S("\" x=\""),
                P::Pct(t.at),
                P::S("\" y=\""),
                P::Em(bottom + AXIS_BASELINE),
                P::S("\" text-anchor=\""),
                P::S(anchor),
                P::S("\">"),
            ],
        );
        push_escaped(out, &t.label);
        out.push_str("</text>");
    }
    out.push_str("</g>");
}

/// One row of the HTML label layer: its label (full text in the `title`) and its value.
fn label_row(out: &mut String, class: &str, label: &str, value: &str) {
    let _ = write!(out, "<li class=\"{class}\"><span class=\"chart-label\" title=\"");
    push_escaped_attr(out, label);
    out.push_str("\">");
    push_escaped(out, label);
    out.push_str("</span>");
    if !value.is_empty() {
        out.push_str("<span class=\"chart-value\">");
        push_escaped(out, value);
        out.push_str("</span>");
    }
    out.push_str("</li>");
}

// ---------------------------------------------------------------------------------------------
// Capacity: deal capacity by lab, and one lab's compute stack.

/// A partner's share of a bar: its quantified rows' capacity, summed.
struct Share<'g> {
    name: &'g str,
    gw: f64,
    rows: Vec<&'g DealRow>,
}

/// A bar's worth of deal rows: a lab (deal capacity) or the stack's lab (compute stack), with
/// its shares by partner.
struct Group<'g> {
    name: Cow<'g, str>,
    total: f64,
    shares: Vec<Share<'g>>,
}

fn gw_of(row: &DealRow) -> Option<f64> {
    row.capacity.as_ref().and_then(|c| c.gw).filter(|gw| gw.is_finite() && *gw >= 0.0)
}

fn stated(row: &DealRow) -> &str {
    row.capacity.as_ref().map_or("", |c| c.text.trim())
}

/// Adds `row` to the share of its partner in `shares` (partners compared ignoring case and
/// surrounding spaces), in first-seen order.
fn add_share<'g>(shares: &mut Vec<Share<'g>>, row: &'g DealRow, gw: f64) {
    let name = side(&row.partner, "Unknown partner");
    match shares.iter_mut().find(|s| s.name.to_lowercase() == name.to_lowercase()) {
        Some(s) => {
            s.gw += gw;
            s.rows.push(row);
        }
        None => shares.push(Share { name, gw, rows: vec![row] }),
    }
}

/// The figure's quantified rows as bars (largest first, ties in table order) and its rows
/// without a quantity. A deal capacity chart has a group per lab; a compute stack one group.
fn groups<'g>(f: &Figure, rows: &[&'g DealRow]) -> (Vec<Group<'g>>, Vec<&'g DealRow>) {
    let mut groups: Vec<Group<'g>> = Vec::new();
    let mut unquantified = Vec::new();
    for &row in rows {
        let Some(gw) = gw_of(row) else {
            unquantified.push(row);
            continue;
        };
        let name: Cow<'g, str> = match f.kind {
            FigureKind::ComputeStack => Cow::Owned(stack_lab(f, rows).to_string()),
            _ => Cow::Borrowed(side(&row.lab, "Unknown lab")),
        };
        let at = groups.iter().position(|g| g.name.to_lowercase() == name.to_lowercase());
        let group = match at {
            Some(i) => &mut groups[i],
            None => {
                groups.push(Group { name, total: 0.0, shares: Vec::new() });
                groups.last_mut().expect("just pushed")
            }
        };
        group.total += gw;
        add_share(&mut group.shares, row, gw);
    }
    // Stable sorts: equal capacities keep table order.
    groups.sort_by(|a, b| b.total.total_cmp(&a.total));
    for g in &mut groups {
        g.shares.sort_by(|a, b| b.gw.total_cmp(&a.gw));
    }
    (groups, unquantified)
}

/// The lab a compute stack shows: as its first row spells it, else as the figure names it.
fn stack_lab<'a>(f: &'a Figure, rows: &[&'a DealRow]) -> &'a str {
    rows.iter()
        .find_map(|r| r.lab.as_deref().map(str::trim).filter(|l| !l.is_empty()))
        .or(f.lab_filter())
        .unwrap_or("All labs")
}

/// What a figure's lab and partner options leave out, as a sentence for its description.
fn filter_words(f: &Figure) -> String {
    let mut s = String::new();
    if f.kind == FigureKind::DealCapacity {
        if let Some(lab) = f.lab_filter() {
            let _ = write!(s, " Only the deals of {lab}.");
        }
    }
    if let Some(p) = f.partner_filter() {
        let _ = write!(s, " Only deals whose partner contains “{p}”.");
    }
    s
}

/// A line of the capacity chart: a lab heading (grouped deal capacity) or a bar.
enum Line<'a> {
    Head { label: &'a str, value: String },
    Bar { label: &'a str, value: String, sub: bool, segments: Vec<(f64, usize)> },
}

/// The capacity charts: deal capacity by lab (a bar per lab split by partner, or a bar per
/// partner under each lab) and one lab's compute stack (one bar split by partner, or a bar per
/// partner). Rows without a quantity are listed under the chart as "not quantified".
fn capacity(out: &mut String, g: &Guide, f: &Figure, id: &str, title: &str) {
    let rows = f.rows(g);
    let stack = f.kind == FigureKind::ComputeStack;
    let stacked = f.bars == BarLayout::Stacked;
    if rows.is_empty() {
        out.push_str(if g.deals.rows.is_empty() {
            "<p class=\"fig-empty\">Nothing to draw yet: the deal table has no rows.</p>"
        } else {
            "<p class=\"fig-empty\">Nothing to draw: no deal row matches this figure’s lab and \
             partner.</p>"
        });
        return;
    }
    let (groups, unquantified) = groups(f, &rows);
    if groups.is_empty() {
        out.push_str(
            "<p class=\"fig-empty\">Nothing to draw yet: no deal row it shows states a capacity \
             in watts.</p>",
        );
    } else {
        let mut lines: Vec<Line<'_>> = Vec::new();
        for gr in &groups {
            if stacked {
                let segments = gr.shares.iter().enumerate().map(|(i, s)| (s.gw, i)).collect();
                lines.push(Line::Bar {
                    label: &gr.name,
                    value: format_gw(gr.total),
                    sub: false,
                    segments,
                });
            } else {
                if !stack {
                    lines.push(Line::Head { label: &gr.name, value: format_gw(gr.total) });
                }
                for s in &gr.shares {
                    lines.push(Line::Bar {
                        label: s.name,
                        value: format_gw(s.gw),
                        sub: !stack,
                        segments: vec![(s.gw, 0)],
                    });
                }
            }
        }
        let max = lines
            .iter()
            .map(|l| match l {
                Line::Bar { segments, .. } => segments.iter().map(|s| s.0).sum(),
                Line::Head { .. } => 0.0,
            })
            .fold(0.0, f64::max);
        let (axis_max, ticks) = capacity_axis(max);
        let bottom: i64 =
            lines.iter().map(|l| if let Line::Head { .. } = l { HEAD } else { ROW }).sum();
        let desc = capacity_desc(f, &groups, unquantified.len(), stack, stacked);
        out.push_str("<div class=\"chart-body\">");
        open_svg(out, id, bottom + AXIS, title, &desc);
        grid(out, &ticks, bottom);
        let mut y = 0;
        for line in &lines {
            match line {
                Line::Head { .. } => y += HEAD,
                Line::Bar { segments, .. } => {
                    out.push_str("<g class=\"bar\">");
                    let mut sum = 0.0;
                    let mut x0 = 0;
                    for &(gw, series) in segments {
                        sum += gw;
                        let x1 = tenths(sum / axis_max, 0, 1000);
                        let class = if stacked { series % SERIES + 1 } else { 1 };
                        emit(
                            out,
                            &[
                                P::S("<rect class=\"s"),
                                P::U(class),
                                P::S("\" x=\""),
                                P::Pct(x0),
                                P::S("\" y=\""),
                                P::Em(y + BAR_Y),
                                P::S("\" width=\""),
                                P::Pct(x1 - x0),
                                P::S("\" height=\""),
                                P::Em(BAR_H),
                                P::S("\"/>"),
                            ],
                        );
                        x0 = x1;
                    }
                    out.push_str("</g>");
                    y += ROW;
                }
            }
        }
        out.push_str("</svg>");
        out.push_str("<ol class=\"chart-rows\" aria-hidden=\"true\">");
        for line in &lines {
            match line {
                Line::Head { label, value } => label_row(out, "chart-head", label, value),
                Line::Bar { label, value, sub, .. } => label_row(
                    out,
                    if *sub { "chart-row chart-sub" } else { "chart-row" },
                    label,
                    value,
                ),
            }
        }
        out.push_str("</ol></div>");
        if stacked {
            legend(out, &groups, stack);
        }
    }
    if !unquantified.is_empty() {
        out.push_str(
            "<p class=\"fig-note\"><span class=\"fig-note-label\">Not quantified:</span> ",
        );
        for (i, row) in unquantified.iter().enumerate() {
            if i > 0 {
                out.push_str("; ");
            }
            if stack {
                push_escaped(out, side(&row.partner, "Unknown partner"));
            } else {
                push_escaped(out, &deal_label(row));
            }
            if !stated(row).is_empty() {
                out.push_str(" (“");
                push_escaped(out, stated(row));
                out.push_str("”)");
            }
        }
        out.push_str(".</p>");
    }
    out.push_str("<ul class=\"vh\">");
    for gr in &groups {
        out.push_str("<li>");
        push_escaped(out, &gr.name);
        let _ = write!(out, ": {} in total<ul>", format_gw(gr.total));
        for s in &gr.shares {
            out.push_str("<li>");
            push_escaped(out, s.name);
            let _ = write!(out, ": {}", format_gw(s.gw));
            let texts: Vec<&str> =
                s.rows.iter().map(|r| stated(r)).filter(|t| !t.is_empty()).collect();
            if !texts.is_empty() {
                out.push_str(" (as stated: ");
                push_escaped(out, &texts.join("; "));
                out.push(')');
            }
            out.push_str("</li>");
        }
        out.push_str("</ul></li>");
    }
    for row in &unquantified {
        out.push_str("<li>");
        push_escaped(out, &deal_label(row));
        out.push_str(": not quantified");
        if !stated(row).is_empty() {
            out.push_str(" (as stated: ");
            push_escaped(out, stated(row));
            out.push(')');
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// The axis of a capacity chart: its maximum and labels ("0", "2.5", … "10 GW"; megawatts
/// under 1 GW), as many as fit without overlapping at [`MIN_TRACK`].
fn capacity_axis(max: f64) -> (f64, Vec<Tick>) {
    let (mut axis_max, mut step) = nice_scale(max);
    loop {
        let n = ((axis_max / step).round() as usize).max(1);
        let mw = axis_max < 1.0;
        let ticks: Vec<Tick> = (0..=n)
            .map(|i| {
                let v = step * i as f64;
                let mut label = trim_num(if mw { v * 1000.0 } else { v });
                if i == n {
                    label.push_str(if mw { " MW" } else { " GW" });
                }
                Tick { at: tenths(v / axis_max, 0, 1000), label }
            })
            .collect();
        if n <= 1 || ticks_fit(&ticks) {
            return (axis_max, ticks);
        }
        step = next_step(step);
        axis_max = ((max / step).ceil() * step).max(step);
    }
}

fn capacity_desc(
    f: &Figure,
    groups: &[Group<'_>],
    unquantified: usize,
    stack: bool,
    stacked: bool,
) -> String {
    let shares: usize = groups.iter().map(|g| g.shares.len()).sum();
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            one.to_string()
        } else {
            format!("{n} {many}")
        }
    };
    let mut s = if stack {
        let lab = groups.first().map_or("", |g| &g.name);
        let total = groups.first().map_or(0.0, |g| g.total);
        format!(
            "{} of {lab}’s committed capacity by partner, {}, largest first: {} in total from {}.",
            if stacked { "Stacked bar" } else { "Bar chart" },
            if stacked { "one segment per partner" } else { "one bar per partner" },
            format_gw(total),
            plural(shares, "one partner", "partners"),
        )
    } else {
        format!(
            "Bar chart of committed capacity by lab, {}, largest first: {}.",
            if stacked {
                "one bar per lab split by partner"
            } else {
                "one bar per partner, grouped by lab"
            },
            groups
                .iter()
                .map(|g| format!(
                    "{} {} from {}",
                    g.name,
                    format_gw(g.total),
                    plural(g.shares.len(), "one partner", "partners")
                ))
                .collect::<Vec<_>>()
                .join("; ")
        )
    };
    s.push_str(&filter_words(f));
    match unquantified {
        0 => {}
        1 => s.push_str(" One more deal is not quantified."),
        n => {
            let _ = write!(s, " {n} more deals are not quantified.");
        }
    }
    s
}

/// The key of a stacked chart: each bar's segments in order, with their colour.
fn legend(out: &mut String, groups: &[Group<'_>], stack: bool) {
    out.push_str("<ul class=\"chart-legend\" aria-hidden=\"true\">");
    for g in groups {
        out.push_str("<li>");
        if !stack {
            out.push_str("<span class=\"legend-group\">");
            push_escaped(out, &g.name);
            out.push_str(":</span> ");
        }
        for (i, s) in g.shares.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            emit(
                out,
                &[
                    P::S("<span class=\"legend-item\"><span class=\"sw s"),
                    P::U(i % SERIES + 1),
                    P::S("\"></span>"),
                ],
            );
            push_escaped(out, s.name);
            out.push_str(" <span class=\"chart-value\">");
            out.push_str(&format_gw(s.gw));
            out.push_str("</span></span>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

// ---------------------------------------------------------------------------------------------
// Timeline.

/// The time axis of a timeline chart: from the start of the earliest period to the end of the
/// latest (each of an event's own period, or of the figure's range when it has one), in whole
/// years, with a label at every multiple of a step of years inside it, the smallest step whose
/// labels fit.
fn time_axis(lo: f64, hi: f64) -> (f64, f64, Vec<Tick>) {
    let lo = lo.floor();
    let hi = if hi.fract() == 0.0 && hi > lo { hi } else { hi.floor() + 1.0 };
    let at = |y: f64| {
        TIME_LEFT + tenths((y - lo) / (hi - lo), 0, 1000) * (TIME_RIGHT - TIME_LEFT) / 1000
    };
    let mut fallback = Vec::new();
    for step in [1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0] {
        let mut ticks = Vec::new();
        let mut y = (lo / step).ceil() * step;
        while y <= hi {
            ticks.push(Tick { at: at(y), label: (y as i64).to_string() });
            y += step;
        }
        if ticks.is_empty() {
            break;
        }
        if ticks_fit(&ticks) {
            return (lo, hi, ticks);
        }
        fallback = ticks;
    }
    // Steps wider than the axis: its first year alone.
    fallback.truncate(1);
    (lo, hi, fallback)
}

/// Where a partial date's period starts and ends, in years; `None` when it cannot be read.
fn period(date: &str, precision: DatePrecision) -> Option<(f64, f64, String)> {
    let (x, label) = partial_date(date, precision)?;
    let span = match precision {
        DatePrecision::Year => 1.0,
        DatePrecision::Month => 1.0 / 12.0,
        DatePrecision::Day => 0.0,
    };
    Some((x, x + span, label))
}

/// The figure's date range end as a period, when readable.
fn range_end(v: &Option<String>) -> Option<(f64, f64, String)> {
    let d = v.as_deref()?.trim();
    period(d, partial_date_precision(d)?)
}

/// The timeline's events the figure selects on a time axis, one row each, numbered as in the
/// timeline list. An event dated to a year or month is drawn as a band over that period with
/// its dot in the middle; events whose date cannot be read are left out and counted in a note.
fn timeline(out: &mut String, g: &Guide, f: &Figure, id: &str, title: &str) {
    struct Pt<'a> {
        n: usize,
        start: f64,
        end: f64,
        when: String,
        title: &'a str,
        key: bool,
    }
    let events = f.events(g);
    let mut pts = Vec::new();
    let mut skipped = 0;
    for e in &events {
        // The event's number in the timeline list.
        let n = g.timeline.iter().position(|t| std::ptr::eq(t, *e)).map_or(0, |i| i + 1);
        match period(&e.date, e.precision) {
            Some((start, end, when)) => {
                pts.push(Pt { n, start, end, when, title: e.title.trim(), key: e.key })
            }
            None => skipped += 1,
        }
    }
    if pts.is_empty() {
        out.push_str(if g.timeline.is_empty() {
            "<p class=\"fig-empty\">Nothing to draw yet: the timeline has no events.</p>"
        } else if events.is_empty() {
            "<p class=\"fig-empty\">Nothing to draw: no timeline event matches this figure’s \
             options.</p>"
        } else {
            "<p class=\"fig-empty\">Nothing to draw yet: no timeline date can be read.</p>"
        });
        return;
    }
    let (from, to) = (range_end(&f.from), range_end(&f.to));
    let lo =
        pts.iter().map(|p| p.start).chain(from.as_ref().map(|r| r.0)).fold(f64::INFINITY, f64::min);
    let hi =
        pts.iter().map(|p| p.end).chain(to.as_ref().map(|r| r.1)).fold(f64::NEG_INFINITY, f64::max);
    let (lo, hi, ticks) = time_axis(lo, hi);
    let xs = |v: f64| {
        TIME_LEFT + tenths((v - lo) / (hi - lo), 0, 1000) * (TIME_RIGHT - TIME_LEFT) / 1000
    };
    let bottom = ROW * pts.len() as i64;
    let first = pts.first().map(|p| p.when.as_str()).unwrap_or_default();
    let last = pts.last().map(|p| p.when.as_str()).unwrap_or_default();
    let what = if f.key_only { "key event" } else { "event" };
    let mut desc = if pts.len() == 1 {
        format!("Timeline of one {what}, {first}, numbered as in the timeline list")
    } else {
        format!(
            "Timeline of {} {what}s from {first} to {last}, one row each, numbered as in the \
             timeline list",
            pts.len()
        )
    };
    desc.push_str("; bands show events dated only to a year or month.");
    match (&from, &to) {
        (Some(a), Some(b)) => {
            let _ = write!(desc, " Only events from {} to {}.", a.2, b.2);
        }
        (Some(a), None) => {
            let _ = write!(desc, " Only events from {} on.", a.2);
        }
        (None, Some(b)) => {
            let _ = write!(desc, " Only events up to {}.", b.2);
        }
        (None, None) => {}
    }
    match skipped {
        0 => {}
        1 => desc.push_str(" One event with an unreadable date is left out."),
        n => {
            let _ = write!(desc, " {n} events with unreadable dates are left out.");
        }
    }
    out.push_str("<div class=\"chart-body\">");
    open_svg(out, id, bottom + AXIS, title, &desc);
    grid(out, &ticks, bottom);
    for (row, p) in pts.iter().enumerate() {
        let y = ROW * row as i64;
        let (x0, x1) = (xs(p.start), xs(p.end));
        out.push_str(if p.key && !f.key_only {
            "<g class=\"event key\">"
        } else {
            "<g class=\"event\">"
        });
        if x1 > x0 {
            emit(
                out,
                &[
                    P::S("<rect class=\"band\" x=\""),
                    P::Pct(x0),
                    P::S("\" y=\""),
                    P::Em(y + 165),
                    P::S("\" width=\""),
                    P::Pct(x1 - x0),
                    P::S("\" height=\""),
                    P::Em(70),
                    P::S("\" rx=\""),
                    P::Em(35),
                    P::S("\"/>"),
                ],
            );
        }
        emit(
            out,
            &[
                P::S("<circle cx=\""),
                P::Pct((x0 + x1) / 2),
                P::S("\" cy=\""),
                P::Em(y + 200),
                P::S("\" r=\""),
                P::Em(if p.key && !f.key_only { 50 } else { 40 }),
                P::S("\"/></g>"),
            ],
        );
    }
    out.push_str("</svg><ol class=\"chart-rows\" aria-hidden=\"true\">");
    for p in &pts {
        let full =
            if p.title.is_empty() { p.when.clone() } else { format!("{} · {}", p.when, p.title) };
        out.push_str(if p.key && !f.key_only {
            "<li class=\"chart-row key\">"
        } else {
            "<li class=\"chart-row\">"
        });
        out.push_str("<span class=\"chart-label\" title=\"");
        let _ = write!(out, "{}. ", p.n);
        push_escaped_attr(out, &full);
        let _ = write!(out, "\"><span class=\"chart-n\">{}</span> ", p.n);
        push_escaped(out, &full);
        out.push_str("</span></li>");
    }
    out.push_str("</ol></div>");
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
        push_escaped(out, &p.when);
        if !p.title.is_empty() {
            out.push_str(": ");
            push_escaped(out, p.title);
        }
        if p.key && !f.key_only {
            out.push_str(" (key event)");
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
        assert_eq!(format_gw(6.25), "6.25 GW");
    }

    #[test]
    fn numbers_are_written_exactly() {
        let s = |v: i64, places: u32| {
            let mut o = String::new();
            push_decimal(&mut o, v, places);
            o
        };
        assert_eq!(s(375, 1), "37.5");
        assert_eq!(s(1000, 1), "100");
        assert_eq!(s(275, 2), "2.75");
        assert_eq!(s(150, 2), "1.5");
        assert_eq!(s(5, 2), "0.05");
        assert_eq!(s(-5, 1), "-0.5");
    }

    #[test]
    fn the_stylesheet_rows_are_the_chart_rows() {
        let em = |v: i64| {
            let mut s = String::new();
            emit(&mut s, &[P::Em(v)]);
            s
        };
        let css = crate::page_css();
        assert!(css.contains(&format!(".chart-row {{ height: {}; }}", em(ROW))));
        assert!(css.contains(&format!(".chart-head {{ height: {}; font-weight: 700; }}", em(HEAD))));
        assert!(css.contains(&format!("@container (max-width: {})", em(MIN_TRACK))));
    }

    #[test]
    fn scales_are_nice() {
        assert_eq!(nice_scale(10.0), (10.0, 2.0));
        assert_eq!(nice_scale(5.0), (5.0, 1.0));
        assert_eq!(nice_scale(7.0), (8.0, 2.0));
        assert_eq!(nice_scale(0.0), (1.0, 0.25));
        assert_eq!(next_step(2.0), 2.5);
        assert_eq!(next_step(5.0), 10.0);
    }

    #[test]
    fn axis_labels_fit_the_narrowest_chart() {
        for max in [0.3, 1.0, 6.3, 7.0, 12.5, 26.0, 99.0, 1234.5] {
            let (axis_max, ticks) = capacity_axis(max);
            assert!(axis_max >= max, "{max}");
            assert!(ticks.len() >= 2 && ticks_fit(&ticks), "{max}");
        }
        for (lo, hi) in [(2019.5, 2026.2), (1990.0, 2026.0), (2026.0, 2026.0), (1.0, 9999.0)] {
            let (a, b, ticks) = time_axis(lo, hi);
            assert!(a <= lo && b >= hi && ticks.len() >= 2 && ticks_fit(&ticks), "{lo}–{hi}");
        }
    }
}
