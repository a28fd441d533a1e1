//! What a figure draws: the deal rows or timeline events its kind and options select. The page,
//! `guide.md`, the diff report and validation all ask here, so a figure means one thing
//! everywhere.

use crate::model::{DatePrecision, DealRow, Figure, FigureKind, Guide, TimelineEvent};

/// A partial date of a figure's range or of an event: its precision read from its shape
/// ("2023", "2023-09", "2023-09-25"). `None` when it is none of those.
pub fn partial_date_precision(date: &str) -> Option<DatePrecision> {
    let d = date.trim();
    let p = match d.len() {
        4 => DatePrecision::Year,
        7 => DatePrecision::Month,
        10 => DatePrecision::Day,
        _ => return None,
    };
    crate::sortable_partial_date(d, p).map(|_| p)
}

/// Whether the partial date `date` is on or after `from` (compared at the coarser of the two
/// precisions: the event "2023" is within a range from "2023-09").
fn on_or_after(date: &str, from: &str) -> bool {
    let n = date.len().min(from.len());
    date[..n] >= from[..n]
}

/// Whether the partial date `date` is on or before `to`, at the coarser precision.
fn on_or_before(date: &str, to: &str) -> bool {
    let n = date.len().min(to.len());
    date[..n] <= to[..n]
}

fn matches_text(value: Option<&str>, filter: &str) -> bool {
    let filter = filter.trim().to_lowercase();
    value.is_some_and(|v| v.to_lowercase().contains(&filter))
}

impl Figure {
    /// The lab filter, when set and not blank.
    pub fn lab_filter(&self) -> Option<&str> {
        self.lab.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }

    /// The partner filter, when set and not blank.
    pub fn partner_filter(&self) -> Option<&str> {
        self.partner.as_deref().map(str::trim).filter(|s| !s.is_empty())
    }

    /// The deal rows a capacity figure draws, in table order: rows of its lab (the lab's name
    /// equal, ignoring case and surrounding spaces) whose partner contains its partner filter.
    /// Empty for a timeline figure.
    pub fn rows<'g>(&self, g: &'g Guide) -> Vec<&'g DealRow> {
        if !self.kind.is_capacity() {
            return Vec::new();
        }
        let lab = self.lab_filter().map(str::to_lowercase);
        let partner = self.partner_filter();
        g.deals
            .rows
            .iter()
            .filter(|r| {
                lab.as_deref().is_none_or(|l| {
                    r.lab.as_deref().is_some_and(|rl| rl.trim().to_lowercase() == l)
                })
            })
            .filter(|r| partner.is_none_or(|p| matches_text(r.partner.as_deref(), p)))
            .collect()
    }

    /// The timeline events a timeline figure draws, in timeline order: the key ones only when
    /// asked, within its date range (unreadable range ends are ignored; validation flags them).
    /// Empty for a capacity figure.
    pub fn events<'g>(&self, g: &'g Guide) -> Vec<&'g TimelineEvent> {
        if self.kind != FigureKind::Timeline {
            return Vec::new();
        }
        fn bound(b: &Option<String>) -> Option<&str> {
            b.as_deref().map(str::trim).filter(|d| partial_date_precision(d).is_some())
        }
        let (from, to) = (bound(&self.from), bound(&self.to));
        g.timeline
            .iter()
            .filter(|e| !self.key_only || e.key)
            .filter(|e| {
                let d = e.date.trim();
                from.is_none_or(|f| on_or_after(d, f)) && to.is_none_or(|t| on_or_before(d, t))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Capacity, DealTable};

    fn row(id: &str, lab: &str, partner: &str, gw: Option<f64>) -> DealRow {
        DealRow {
            id: id.into(),
            lab: Some(lab.into()),
            partner: Some(partner.into()),
            capacity: gw.map(|g| Capacity { text: format!("{g} GW"), gw: Some(g) }),
            timeline: None,
            terms: None,
        }
    }

    fn event(id: &str, date: &str, key: bool) -> TimelineEvent {
        let precision = partial_date_precision(date).unwrap();
        TimelineEvent {
            id: id.into(),
            date: date.into(),
            precision,
            title: id.into(),
            detail: None,
            link: None,
            key,
        }
    }

    fn guide() -> Guide {
        let mut g = Guide::new_empty("g", "G", "2026-01-01T00:00:00Z");
        g.deals = DealTable {
            caption: "c".into(),
            footnote: String::new(),
            rows: vec![
                row("a1", "Anthropic", "Amazon (Trainium)", Some(5.0)),
                row("o1", "OpenAI", "NVIDIA", Some(10.0)),
                row("a2", " anthropic ", "Google / Broadcom", None),
            ],
        };
        g.timeline = vec![
            event("e2019", "2019-07-22", true),
            event("e2023", "2023", false),
            event("e2025", "2025-09", true),
            event("e2026", "2026-10", true),
        ];
        g
    }

    #[test]
    fn capacity_figures_select_rows_by_lab_and_partner() {
        let g = guide();
        let ids = |f: &Figure| f.rows(&g).iter().map(|r| r.id.as_str()).collect::<Vec<_>>();
        let mut f = Figure::new("f", FigureKind::DealCapacity, "c");
        assert_eq!(ids(&f), ["a1", "o1", "a2"]);
        f.lab = Some("ANTHROPIC".into());
        assert_eq!(ids(&f), ["a1", "a2"]);
        f.partner = Some("broadcom".into());
        assert_eq!(ids(&f), ["a2"]);
        f.kind = FigureKind::Timeline;
        assert!(ids(&f).is_empty());
    }

    #[test]
    fn timeline_figures_select_key_events_within_a_range() {
        let g = guide();
        let ids = |f: &Figure| f.events(&g).iter().map(|e| e.id.as_str()).collect::<Vec<_>>();
        let mut f = Figure::new("f", FigureKind::Timeline, "c");
        assert_eq!(ids(&f), ["e2019", "e2023", "e2025", "e2026"]);
        f.key_only = true;
        assert_eq!(ids(&f), ["e2019", "e2025", "e2026"]);
        f.from = Some("2023-09".into());
        f.to = Some("2025".into());
        assert_eq!(ids(&f), ["e2025"]);
        f.key_only = false;
        assert_eq!(ids(&f), ["e2023", "e2025"], "2023 overlaps a range from 2023-09");
        f.from = Some("not a date".into());
        assert_eq!(ids(&f), ["e2019", "e2023", "e2025"], "an unreadable end is ignored");
    }
}
