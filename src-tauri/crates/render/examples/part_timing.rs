//! Rough per-part render times for the sample guide (release build):
//! `cargo run --release -p almanac-render --example part_timing -- <guide.json>`

use almanac_guide::Part;
use almanac_render::{render_page, render_part, PageOptions};
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        eprintln!("usage: part_timing <guide.json>");
        std::process::exit(2);
    });
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(1);
    });
    let guide = almanac_guide::Guide::from_json(&text).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1);
    });
    let opts = PageOptions::published();
    let n = 2000;
    for part in Part::ALL {
        let t = Instant::now();
        let mut len = 0;
        for _ in 0..n {
            len += render_part(&guide, &opts, part).len();
        }
        println!(
            "{part:?}: {:.1} µs ({} bytes)",
            t.elapsed().as_secs_f64() * 1e6 / n as f64,
            len / n
        );
    }
    let t = Instant::now();
    for _ in 0..n {
        std::hint::black_box(render_page(&guide, &opts));
    }
    println!("page: {:.1} µs", t.elapsed().as_secs_f64() * 1e6 / n as f64);
}
