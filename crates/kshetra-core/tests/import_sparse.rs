//! Issue 19, bounded resources: feature values are kept sparsely (only the columns a feature
//! has a value in), and read back exactly as the dense table of every column they replace.
//! A layer where every feature has its own property name imports with the right values;
//! random layers read the same as a naive dense model. (Memory and time are measured in
//! docs/performance.md, "Import memory", not asserted here.)

use kshetra_core::import::{self, FieldMapping, RawFeature, RawGeometry, RawLayer, Value};
use kshetra_core::worker_protocol::RawSummary;
use proptest::prelude::*;
use serde_json::json;

/// A small square ward near Lucknow, the `i`-th of a 100-wide grid.
fn square(i: usize) -> serde_json::Value {
    let step = 0.002;
    let (x, y) = (80.9 + (i % 100) as f64 * step, 26.8 + (i / 100) as f64 * step);
    json!({
        "type": "Polygon",
        "coordinates": [[[x, y], [x + step, y], [x + step, y + step], [x, y + step], [x, y]]]
    })
}

/// A FeatureCollection of squares with the given property objects.
fn collection(properties: Vec<serde_json::Value>) -> Vec<u8> {
    let features: Vec<serde_json::Value> = properties
        .into_iter()
        .enumerate()
        .map(|(i, p)| json!({"type": "Feature", "properties": p, "geometry": square(i)}))
        .collect();
    serde_json::to_vec(&json!({"type": "FeatureCollection", "features": features})).unwrap()
}

#[test]
fn a_property_name_per_feature_imports_with_its_values() {
    let n = 3_000;
    let props = (0..n).map(|i| json!({"ward_no": i + 1, format!("p{i}"): i})).collect();
    let raw = import::read_any("many.geojson", &collection(props)).unwrap();
    assert_eq!(raw.features.len(), n);
    assert_eq!(raw.columns.len(), n + 1);
    assert_eq!(raw.columns[0], "ward_no");
    let ward_no = raw.column("ward_no").unwrap();
    for (i, f) in raw.features.iter().enumerate() {
        let own = raw.column(&format!("p{i}")).unwrap();
        assert_eq!(own, i + 1, "columns in order of first appearance");
        assert_eq!(f.value(ward_no), Some(&Value::Number((i + 1) as f64)));
        assert_eq!(f.value(own), Some(&Value::Number(i as f64)));
        // Every other column is empty for this feature.
        assert_eq!(f.values().count(), 2);
        assert_eq!(f.value(own + 1), None);
        assert_eq!(f.value(if own > 1 { own - 1 } else { own + 2 }), None);
        assert_eq!(f.value(raw.columns.len()), None);
        assert_eq!(f.value(usize::MAX), None);
    }
    let summary = RawSummary::of(&raw);
    assert_eq!(summary.columns, raw.columns[..RawSummary::MAX_COLUMNS]);
    assert_eq!(summary.columns_not_shown, n + 1 - RawSummary::MAX_COLUMNS);
    assert_eq!(summary.samples.len(), RawSummary::MAX_COLUMNS);
    assert_eq!(summary.samples[ward_no], ["1", "2", "3"]);
    assert_eq!(summary.samples[1 + 17], ["17"]);
    assert_eq!(summary.mapping.ward_number.as_deref(), Some("ward_no"));
    let imported = import::apply(&raw, &summary.mapping).unwrap();
    assert_eq!(imported.map.wards().len(), n);
    assert_eq!(imported.map.wards()[41].number, "42");
}

/// The preview lists the first [`RawSummary::MAX_COLUMNS`] columns, and a detected column
/// after them too (with its samples), so the mapping form can show what was detected.
#[test]
fn the_summary_shows_a_detected_column_past_the_bound() {
    let n = 3_000;
    let props = (0..n)
        .map(|i| {
            if i < 1_500 {
                json!({ format!("p{i}"): i })
            } else {
                json!({ format!("p{i}"): i, "ward_no": i + 1 })
            }
        })
        .collect();
    let raw = import::read_any("late.geojson", &collection(props)).unwrap();
    assert_eq!(raw.columns.len(), n + 1);
    assert_eq!(raw.column("ward_no"), Some(1_501));
    let summary = RawSummary::of(&raw);
    assert_eq!(summary.mapping.ward_number.as_deref(), Some("ward_no"));
    assert_eq!(summary.columns.len(), RawSummary::MAX_COLUMNS + 1);
    assert_eq!(summary.columns[..RawSummary::MAX_COLUMNS], raw.columns[..RawSummary::MAX_COLUMNS]);
    assert_eq!(summary.columns.last().map(String::as_str), Some("ward_no"));
    assert_eq!(summary.samples.len(), summary.columns.len());
    assert_eq!(summary.samples.last().unwrap(), &["1501", "1502", "1503"]);
    assert_eq!(summary.samples[999], ["999"]);
    assert_eq!(summary.columns_not_shown, n + 1 - summary.columns.len());
    let wards = import::apply(&raw, &summary.mapping).unwrap().map.wards().len();
    assert_eq!(wards, 1_500, "features without a ward number are skipped");
}

#[test]
fn the_real_maps_read_the_same_as_their_dense_rows() {
    let dir = format!("{}/tests/fixtures/raw", env!("CARGO_MANIFEST_DIR"));
    for path in [
        "bhopal/Ward Map of Bhopal.kml",
        "bhubaneswar/Wards.GeoJSON",
        "bhubaneswar/Wards.kml",
        "lucknow/Lucknow_ward_boundary-SHP.zip",
    ] {
        let bytes = std::fs::read(format!("{dir}/{path}")).unwrap();
        let raw = import::read_any(path, &bytes).unwrap();
        let n = raw.columns.len();
        for f in &raw.features {
            let dense = f.dense(n);
            assert_eq!(dense.len(), n);
            for (c, v) in dense.iter().enumerate() {
                assert_eq!(f.value(c), *v, "{path}: feature {} column {c}", f.number);
            }
            let again = RawFeature::from_dense(
                f.number,
                dense.into_iter().map(|v| v.cloned()).collect(),
                f.geometry.clone(),
            );
            assert_eq!(&again, f, "{path}");
        }
        let samples: Vec<Vec<String>> = (0..n).map(|c| raw.samples(c, 3)).collect();
        assert_eq!(raw.all_samples(3), samples, "{path}");
    }
}

/// A property value for the random layers: null, a number, text (possibly blank).
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    prop_oneof![
        Just(serde_json::Value::Null),
        (0u32..5).prop_map(|n| json!(n)),
        prop::sample::select(vec!["a", "b", " ", "", "Ward 7"]).prop_map(|s| json!(s)),
    ]
}

/// The naive dense reading of property objects: columns in order of first appearance, one
/// slot per column for every feature.
fn dense_model(
    props: &[Vec<(String, serde_json::Value)>],
) -> (Vec<String>, Vec<Vec<Option<Value>>>) {
    let mut columns: Vec<String> = Vec::new();
    for p in props {
        for (k, _) in p {
            if !columns.contains(k) {
                columns.push(k.clone());
            }
        }
    }
    let rows = props
        .iter()
        .map(|p| {
            let mut row = vec![None; columns.len()];
            for (k, v) in p {
                let c = columns.iter().position(|x| x == k).unwrap();
                row[c] = match v {
                    serde_json::Value::Null => None,
                    serde_json::Value::Number(n) => n.as_f64().map(Value::Number),
                    serde_json::Value::String(s) => Value::text(s),
                    other => Value::text(&other.to_string()),
                };
            }
            row
        })
        .collect();
    (columns, rows)
}

fn check_against_dense(raw: &RawLayer, columns: &[String], rows: &[Vec<Option<Value>>]) {
    assert_eq!(raw.columns, columns);
    assert_eq!(raw.features.len(), rows.len());
    for (f, row) in raw.features.iter().zip(rows) {
        for (c, want) in row.iter().enumerate() {
            assert_eq!(f.value(c), want.as_ref());
        }
        assert_eq!(f.value(columns.len()), None);
        let present: Vec<(usize, Value)> = f.values().map(|(c, v)| (c, v.clone())).collect();
        let want: Vec<(usize, Value)> =
            row.iter().enumerate().filter_map(|(c, v)| Some((c, v.clone()?))).collect();
        assert_eq!(present, want, "values() in column order, present ones only");
        assert_eq!(f.dense(columns.len()), row.iter().map(Option::as_ref).collect::<Vec<_>>());
    }
    let samples: Vec<Vec<String>> = (0..columns.len())
        .map(|c| {
            let mut out: Vec<String> = Vec::new();
            for row in rows {
                if let Some(t) = row[c].as_ref().map(Value::to_text) {
                    if out.len() < 3 && !out.contains(&t) {
                        out.push(t);
                    }
                }
            }
            out
        })
        .collect();
    assert_eq!(raw.all_samples(3), samples);
    for (c, s) in samples.iter().enumerate() {
        assert_eq!(&raw.samples(c, 3), s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// GeoJSON layers with property names drawn from a pool, in any order and any subset,
    /// read the same as the dense model.
    #[test]
    fn geojson_values_are_the_dense_table(
        props in prop::collection::vec(
            prop::collection::btree_map(0usize..40, json_value(), 0..8),
            1..30,
        ),
        order_seed in any::<u64>(),
    ) {
        // Each feature lists its properties in its own order (rotated by a seed).
        let props: Vec<Vec<(String, serde_json::Value)>> = props
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                let mut v: Vec<(String, serde_json::Value)> =
                    m.into_iter().map(|(k, v)| (format!("c{k}"), v)).collect();
                if !v.is_empty() {
                    let r = (order_seed as usize).wrapping_add(i * 7) % v.len();
                    v.rotate_left(r);
                }
                v
            })
            .collect();
        let objects = props
            .iter()
            .map(|p| serde_json::Value::Object(p.iter().cloned().collect()))
            .collect();
        let raw = import::read_any("random.geojson", &collection(objects)).unwrap();
        let (columns, rows) = dense_model(&props);
        check_against_dense(&raw, &columns, &rows);
        prop_assert_eq!(FieldMapping::detect(&raw).ward_number, None);
    }

    /// A feature built from (column, value) pairs in any order, repeats included, holds what
    /// writing the pairs in turn into a dense row would: the last pair of a column wins.
    #[test]
    fn raw_feature_pairs_are_a_dense_row(
        pairs in prop::collection::vec(
            (0usize..12, prop::option::of((0u32..4).prop_map(|n| Value::Number(n.into())))),
            0..24,
        ),
    ) {
        let mut row: Vec<Option<Value>> = vec![None; 12];
        for (c, v) in &pairs {
            row[*c] = v.clone();
        }
        let f = RawFeature::new(1, pairs, RawGeometry::Missing);
        for (c, want) in row.iter().enumerate() {
            prop_assert_eq!(f.value(c), want.as_ref());
        }
        prop_assert_eq!(f.value(12), None);
        prop_assert_eq!(f.dense(12), row.iter().map(Option::as_ref).collect::<Vec<_>>());
        prop_assert_eq!(RawFeature::from_dense(1, row, RawGeometry::Missing), f.clone());
        // The worker protocol's encoding (postcard) carries the sparse feature unchanged.
        let bytes = postcard::to_stdvec(&f).unwrap();
        prop_assert_eq!(postcard::from_bytes::<RawFeature>(&bytes).unwrap(), f);
    }
}
