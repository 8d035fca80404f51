//! Issue 19 ("nothing crashes"): the real Bhubaneswar map with its coordinates mutated the
//! way broken exports and hand edits break them — a number dropped from a position, a
//! position replaced by a string, `null` or `[]`, a ring cut short, a position or ring wrapped
//! in one array too many, a number as text — must import (skipping the broken features) or
//! give a typed error, never panic. Before the fix, about 4% of such mutants panicked inside
//! the geojson crate (`[80.9]` indexed at `[1]`). Deterministic: the seed is fixed below.

use std::sync::OnceLock;

use kshetra_core::import::{self, ImportError, ImportWarning};
use proptest::prelude::*;
use serde_json::Value;

fn map() -> &'static Value {
    static MAP: OnceLock<Value> = OnceLock::new();
    MAP.get_or_init(|| {
        let path = format!("{}/../../public/data/bhubaneswar.geojson", env!("CARGO_MANIFEST_DIR"));
        serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
    })
}

/// One structural mutation: which feature, a path of indices into its coordinates (taken
/// modulo the lengths met), and what to do there.
#[derive(Debug, Clone)]
struct Mutation {
    feature: usize,
    path: [usize; 3],
    kind: u8,
}

fn mutation() -> impl Strategy<Value = Mutation> {
    (any::<usize>(), any::<[usize; 3]>(), 0u8..9).prop_map(|(feature, path, kind)| Mutation {
        feature,
        path,
        kind,
    })
}

/// Walks `depth` levels of arrays from `v` along `path` (indices modulo lengths).
fn walk<'a>(mut v: &'a mut Value, path: &[usize]) -> Option<&'a mut Value> {
    for &i in path {
        let a = v.as_array_mut()?;
        if a.is_empty() {
            return None;
        }
        let n = a.len();
        v = &mut a[i % n];
    }
    Some(v)
}

fn mutate(map: &mut Value, m: &Mutation) {
    let features = map["features"].as_array_mut().unwrap();
    let n = features.len();
    let geometry = &mut features[m.feature % n]["geometry"];
    // MultiPolygon: polygon, ring, position; Polygon: ring, position.
    let levels = if geometry["type"] == "MultiPolygon" { 3 } else { 2 };
    let coords = &mut geometry["coordinates"];
    let (ring_path, pos_index) = (&m.path[..levels - 1], m.path[levels - 1]);
    let Some(ring) = walk(coords, ring_path) else { return };
    match m.kind {
        // A ring cut to 0–3 positions.
        0 => {
            if let Some(r) = ring.as_array_mut() {
                r.truncate(pos_index % 4);
            }
        }
        // A ring wrapped in one array too many.
        1 => *ring = Value::Array(vec![ring.take()]),
        kind => {
            let Some(pos) = walk(ring, &[pos_index]) else { return };
            *pos = match kind {
                // A number dropped: [80.9].
                2 => Value::Array(
                    pos.as_array().map(|p| p[..1.min(p.len())].to_vec()).unwrap_or_default(),
                ),
                3 => Value::String("80.9, 20.3".into()),
                4 => Value::Null,
                5 => Value::Array(vec![]),
                // A position wrapped in one array too many.
                6 => Value::Array(vec![pos.take()]),
                // A number as text.
                7 => Value::Array(
                    pos.as_array()
                        .map(|p| p.iter().map(|x| Value::String(x.to_string())).collect())
                        .unwrap_or_default(),
                ),
                // A single bare number instead of a position.
                _ => pos.get(0).cloned().unwrap_or(Value::Null),
            };
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        // About 2 s a case in a debug build (the whole map is imported each time).
        cases: 16,
        failure_persistence: None,
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        rng_seed: proptest::test_runner::RngSeed::Fixed(19),
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_real_map_never_panics(mutations in proptest::collection::vec(mutation(), 1..5)) {
        let mut value = map().clone();
        for m in &mutations {
            mutate(&mut value, m);
        }
        let bytes = serde_json::to_vec(&value).unwrap();
        match import::import_auto("bhubaneswar.geojson", &bytes) {
            Ok(imported) => {
                let bad = imported
                    .warnings
                    .iter()
                    .filter(|w| matches!(w, ImportWarning::BadCoordinates { .. }))
                    .count();
                prop_assert!(bad <= mutations.len(), "{:?}", imported.warnings);
                prop_assert!(!imported.map.wards().is_empty());
            }
            // Typed errors are fine (e.g. every ward broken); a panic fails the test.
            Err(ImportError::NoWards { .. } | ImportError::NotLonLat { .. }) => {}
            Err(other) => prop_assert!(false, "unexpected error {other:?}"),
        }
    }
}

/// The unmutated map imports without a coordinates warning (the harness itself is sound).
#[test]
fn unmutated_map_imports_cleanly() {
    let bytes = serde_json::to_vec(map()).unwrap();
    let imported = import::import_auto("bhubaneswar.geojson", &bytes).unwrap();
    assert!(imported.warnings.iter().all(|w| !matches!(w, ImportWarning::BadCoordinates { .. })));
    assert!(imported.map.wards().len() > 50);
}
