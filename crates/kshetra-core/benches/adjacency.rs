//! Parse + adjacency on the real cities and on a synthetic 10,000-ward map; locating the
//! ward under a point at 10,000 wards.
//! `cargo bench -p kshetra-core --bench adjacency`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use kshetra_core::adjacency::{build, AdjacencyOptions};
use kshetra_core::import::geojson;
use kshetra_core::locate::WardLocator;

fn real(c: &mut Criterion) {
    let mut group = c.benchmark_group("real");
    group.sample_size(20);
    for city in ["lucknow", "bhopal", "bhubaneswar"] {
        let path = format!("{}/../../public/data/{city}.geojson", env!("CARGO_MANIFEST_DIR"));
        let bytes = std::fs::read(&path).unwrap();
        group.bench_with_input(BenchmarkId::new("parse", city), &bytes, |b, bytes| {
            b.iter(|| geojson::parse(city, bytes).unwrap())
        });
        let map = geojson::parse(city, &bytes).unwrap().map;
        group.bench_with_input(BenchmarkId::new("adjacency_5m", city), &map, |b, map| {
            b.iter(|| build(map, &AdjacencyOptions::default()))
        });
        group.bench_with_input(BenchmarkId::new("adjacency_strict", city), &map, |b, map| {
            b.iter(|| build(map, &AdjacencyOptions::strict()))
        });
    }
    group.finish();
}

/// A 100 × 100 grid of jittered quadrilateral wards (~250 m), each edge densified to 24
/// vertices like digitised boundaries: about 10,000 wards and a 50 MB GeoJSON.
fn synthetic_geojson(side: usize) -> String {
    let (lon0, lat0, step) = (80.8, 26.7, 0.0025);
    let jitter = |i: usize, j: usize| {
        let h = (i * 7919 + j * 104_729) % 1000;
        ((h as f64 / 1000.0) - 0.5) * step * 0.3
    };
    let corner = |i: usize, j: usize| {
        let (dx, dy) = if i == 0 || j == 0 || i == side || j == side {
            (0.0, 0.0)
        } else {
            (jitter(i, j), jitter(j, i))
        };
        (lon0 + i as f64 * step + dx, lat0 + j as f64 * step + dy)
    };
    let mut features = Vec::with_capacity(side * side);
    for j in 0..side {
        for i in 0..side {
            let cs = [corner(i, j), corner(i + 1, j), corner(i + 1, j + 1), corner(i, j + 1)];
            let mut ring = Vec::new();
            for k in 0..4 {
                let (a, b) = (cs[k], cs[(k + 1) % 4]);
                for s in 0..24 {
                    let t = s as f64 / 24.0;
                    ring.push(format!(
                        "[{:.7},{:.7}]",
                        a.0 + t * (b.0 - a.0),
                        a.1 + t * (b.1 - a.1)
                    ));
                }
            }
            ring.push(ring[0].clone());
            features.push(format!(
                r#"{{"type":"Feature","properties":{{"ward_no":"{}","ward_name":"Ward {}","population":{},"zone":"{}"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}"#,
                j * side + i + 1, j * side + i + 1, 10_000 + (i * j) % 5000, j / 10 + 1, ring.join(",")
            ));
        }
    }
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
}

fn big(c: &mut Criterion) {
    let text = synthetic_geojson(100);
    eprintln!("synthetic 10,000-ward GeoJSON: {:.1} MB", text.len() as f64 / 1e6);
    let mut group = c.benchmark_group("synthetic_10000");
    group.sample_size(10);
    group.bench_function("parse", |b| {
        b.iter(|| geojson::parse("big.geojson", text.as_bytes()).unwrap())
    });
    let map = geojson::parse("big.geojson", text.as_bytes()).unwrap().map;
    let g = build(&map, &AdjacencyOptions::default());
    assert_eq!(g.edge_count(), 2 * 100 * 99, "rook graph of the grid");
    group.bench_function("adjacency_5m", |b| b.iter(|| build(&map, &AdjacencyOptions::default())));
    // The map asks which ward is under the pointer on every move: index once, then 100 points.
    group.bench_function("locator_build", |b| b.iter(|| WardLocator::new(&map)));
    let locator = WardLocator::new(&map);
    let points: Vec<[f64; 2]> = (0..100)
        .map(|k| {
            [
                80.8 + 0.25 * (k as f64 + 0.5) / 100.0,
                26.7 + 0.25 * ((k * 37 % 100) as f64 + 0.5) / 100.0,
            ]
        })
        .collect();
    assert!(points.iter().all(|&p| locator.ward_at(&map, p, 0.0).is_some()));
    group.bench_function("locator_100_points", |b| {
        b.iter(|| points.iter().filter_map(|&p| locator.ward_at(&map, p, 0.00001)).count())
    });
    group.finish();
}

criterion_group!(benches, real, big);
criterion_main!(benches);
