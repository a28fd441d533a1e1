//! Generated text for the budget test and the benchmarks.

use almanac_guide::{Guide, Section};

/// About `bytes` of pseudo-random prose from `seed`: words from a small syllable set (so
/// unrelated texts still share common words, as real ones do), sentences, and paragraphs of
/// about `para_words` words (`0`: one paragraph).
pub fn prose(seed: u64, bytes: usize, para_words: usize) -> String {
    const SYL: [&str; 16] = [
        "ka", "to", "ri", "en", "ma", "lo", "su", "ne", "the", "and", "gi", "ga", "watt", "com",
        "pu", "te",
    ];
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    let mut out = String::with_capacity(bytes + 64);
    let mut words = 0;
    while out.len() < bytes {
        let syllables = 1 + next() % 3;
        for _ in 0..syllables {
            out.push_str(SYL[next() % SYL.len()]);
        }
        words += 1;
        if para_words > 0 && words % para_words == 0 {
            out.push_str(".\n\n");
        } else if next() % 12 == 0 {
            out.push_str(". ");
        } else {
            out.push(' ');
        }
    }
    out
}

/// A guide whose only section holds `body`.
pub fn with_section(base: &Guide, body: String) -> Guide {
    let mut g = base.clone();
    g.sections = vec![Section { id: "sec-big".into(), heading: "Big".into(), body, lang: None }];
    g
}
