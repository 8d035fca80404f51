//! Measurement run (not a test of timing): prints balance, cut edges and time for the
//! harness-like instances. Runs only with `KSHETRA_MEASURE=1`, best in release:
//! `KSHETRA_MEASURE=1 cargo test --release -p kshetra-alloc --test it measure -- --nocapture`.

use std::time::Instant;

use kshetra_alloc::{allocate, Control, Organiser, Settings};

use crate::gen;

#[test]
fn measure_instances() {
    if std::env::var("KSHETRA_MEASURE").is_err() {
        return;
    }
    let only = std::env::var("KSHETRA_MEASURE").unwrap();
    let sizes: [(u32, u32); 5] = [(10, 10), (10, 25), (25, 40), (50, 100), (100, 100)];
    println!("| instance | N | k | max dev % | init % | cut | starts | ms |");
    for family in ["grid", "tri"] {
        for &(r, c) in &sizes {
            let n = r * c;
            let p = if family == "grid" {
                gen::grid(r, c, 1000 + n as u64, 0.5)
            } else {
                gen::triangulated(r, c, 2000 + n as u64, 0.5)
            };
            for k in [5usize, 14, 40, 100, 200] {
                if n < 4 * k as u32 {
                    continue;
                }
                if only != "1" && !only.split(',').any(|s| s == format!("{family}_{n}_{k}")) {
                    continue;
                }
                let t = Instant::now();
                let out = allocate(&p, &Organiser::many(k), &Settings::new(1), &mut |_| {
                    Control::Continue
                })
                .unwrap();
                let ms = t.elapsed().as_secs_f64() * 1e3;
                assert!(out.metrics.is_valid());
                println!(
                    "| {family}_{n} | {n} | {k} | {:.2} | {:.2} | {} | {} | {:.0} |",
                    out.metrics.max_abs_deviation * 100.0,
                    out.initial_max_deviation * 100.0,
                    out.metrics.cut_edges,
                    out.starts,
                    ms
                );
            }
        }
    }
}
