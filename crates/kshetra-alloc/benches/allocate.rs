//! `cargo bench -p kshetra-alloc`: whole `allocate` runs (default settings, seed 1) on seeded
//! lognormal-weight grids of 1,000 and 10,000 wards into 14, 40 and 200 areas.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use kshetra_alloc::{allocate, Control, Organiser, Settings};

// The integration tests' generators, of which the bench uses only `grid`.
#[allow(dead_code)]
#[path = "../tests/it/gen.rs"]
mod gen;

fn bench_allocate(c: &mut Criterion) {
    let mut group = c.benchmark_group("allocate");
    group.sample_size(10);
    for (rows, cols) in [(25u32, 40u32), (100, 100)] {
        let n = rows * cols;
        let problem = gen::grid(rows, cols, 1000 + n as u64, 0.5);
        for k in [14usize, 40, 200] {
            let orgs = Organiser::many(k);
            let settings = Settings::new(1);
            // Sanity: never measure a broken path.
            let out = allocate(&problem, &orgs, &settings, &mut |_| Control::Continue).unwrap();
            assert!(out.metrics.is_valid());
            eprintln!(
                "grid_{n} k={k}: max deviation {:.2} %, cut edges {}",
                out.metrics.max_abs_deviation * 100.0,
                out.metrics.cut_edges
            );
            group.bench_with_input(BenchmarkId::new(format!("grid_{n}"), k), &k, |b, _| {
                b.iter(|| {
                    allocate(black_box(&problem), black_box(&orgs), &settings, &mut |_| {
                        Control::Continue
                    })
                    .unwrap()
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, bench_allocate);
criterion_main!(benches);
