//! Reading a power quantity out of a "committed capacity" cell.

/// Reads the first power quantity in `text` and returns it in gigawatts.
///
/// "Up to 5 GW" → 5.0, "300 MW / 220,000+ GPUs" → 0.3, "1.5GW" → 1.5, "Multi-GW" → None,
/// "$50B committed" → None. Only an explicit number directly followed by a GW or MW unit
/// counts; anything vaguer is not a quantity.
pub fn parse_capacity_gw(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() && (i == 0 || !is_word_byte(bytes[i - 1])) {
            let start = i;
            while i < bytes.len()
                && (bytes[i].is_ascii_digit() || bytes[i] == b'.' || bytes[i] == b',')
            {
                i += 1;
            }
            let number: String = text[start..i].chars().filter(|c| *c != ',').collect();
            let mut j = i;
            while j < bytes.len() && bytes[j] == b' ' {
                j += 1;
            }
            let unit = text[j..].get(..2).map(|u| u.to_ascii_uppercase());
            let after_ok = |k: usize| k >= bytes.len() || !bytes[k].is_ascii_alphabetic();
            if let (Ok(value), Some(unit)) = (number.trim_end_matches('.').parse::<f64>(), unit) {
                if after_ok(j + 2) {
                    match unit.as_str() {
                        "GW" => return Some(value),
                        "MW" => return Some(round6(value / 1000.0)),
                        _ => {}
                    }
                }
            }
        } else {
            i += 1;
        }
    }
    None
}

impl crate::DealRow {
    /// Recomputes the row's derived data (its capacity's gigawatts, read from the text as
    /// typed): what [`crate::Guide::normalize`] does for every row.
    pub fn normalize(&mut self) {
        if let Some(c) = &mut self.capacity {
            c.gw = parse_capacity_gw(&c.text);
        }
    }
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'.' || b == b'$'
}

fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::parse_capacity_gw as p;

    #[test]
    fn reads_quantities() {
        assert_eq!(p("Up to 5 GW"), Some(5.0));
        assert_eq!(p("300 MW / 220,000+ GPUs"), Some(0.3));
        assert_eq!(p("10 GW datacenter capacity"), Some(10.0));
        assert_eq!(p("1.5GW"), Some(1.5));
        assert_eq!(p("1,200 MW"), Some(1.2));
        assert_eq!(p("6 gw"), Some(6.0));
    }

    #[test]
    fn vague_or_money_is_none() {
        assert_eq!(p("Multi-GW"), None);
        assert_eq!(p("$50B committed"), None);
        assert_eq!(p(""), None);
        assert_eq!(p("5 GWh"), None);
        assert_eq!(p("Trainium2 GW"), None);
    }
}
