use super::*;

const SQUARE: &str = r#"{"type":"Polygon","coordinates":[[[80.9,26.8],[80.91,26.8],[80.91,26.81],[80.9,26.81],[80.9,26.8]]]}"#;

fn collection(features: &[String]) -> String {
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
}

fn feature(props: &str, geometry: &str) -> String {
    format!(r#"{{"type":"Feature","properties":{props},"geometry":{geometry}}}"#)
}

#[test]
fn reads_properties_and_orders_wards_naturally() {
    let text = collection(&[
        feature(r#"{"ward_no":"10","ward_name":"Chowk","population":"25,889","zone":"2"}"#, SQUARE),
        feature(r#"{"ward_no":2,"ward_name":null,"population":null,"zone":1}"#, SQUARE),
    ]);
    let got = parse("w.geojson", text.as_bytes()).unwrap();
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    let wards = got.map.wards();
    assert_eq!(wards.iter().map(|w| w.number.as_str()).collect::<Vec<_>>(), ["2", "10"]);
    assert_eq!(wards[1].name.as_deref(), Some("Chowk"));
    assert_eq!(wards[1].population, Some(25_889));
    assert_eq!(wards[0].population, None);
    assert_eq!(got.map.zones(), ["1", "2"]);
}

#[test]
fn skips_unusable_features_with_warnings() {
    let text = collection(&[
        feature(r#"{"ward_no":"1","population":-5}"#, SQUARE),
        feature(r#"{"ward_no":"1"}"#, SQUARE),
        feature(r#"{"ward_no":"2"}"#, "null"),
        feature(r#"{"ward_no":"3"}"#, r#"{"type":"Point","coordinates":[80.9,26.8]}"#),
        feature(r#"{"name":"x"}"#, SQUARE),
        feature(
            r#"{"ward_no":"4"}"#,
            r#"{"type":"Polygon","coordinates":[[[80.9,26.8],[80.91,26.8],[80.9,26.8]]]}"#,
        ),
        feature(r#"{"ward_no":"5","population":"about 20k"}"#, SQUARE),
        feature(r#"{"ward_no":"6","population":""}"#, SQUARE),
    ]);
    let got = parse("w.geojson", text.as_bytes()).unwrap();
    assert_eq!(
        got.warnings,
        vec![
            ImportWarning::BadPopulation { ward: "1".into(), value: "-5".into() },
            ImportWarning::DuplicateWard { ward: "1".into(), feature: 2, first: 1 },
            ImportWarning::NoGeometry { feature: 3 },
            ImportWarning::NotPolygon { feature: 4, kind: "Point".into() },
            ImportWarning::NoWardNumber { feature: 5 },
            ImportWarning::EmptyGeometry { feature: 6 },
            ImportWarning::BadPopulation { ward: "5".into(), value: "about 20k".into() },
        ]
    );
    assert_eq!(got.map.wards().len(), 3);
}

#[test]
fn fatal_errors_name_the_file() {
    let err = |bytes: &[u8]| parse("city.geojson", bytes).unwrap_err();
    assert_eq!(err(b""), ImportError::Empty { file: "city.geojson".into() });
    assert_eq!(err(b"  \n"), ImportError::Empty { file: "city.geojson".into() });
    assert_eq!(
        err(b"\xff\xfe{"),
        ImportError::NotUtf8 {
            file: "city.geojson".into(),
            line: 1,
            column: 1,
            bytes: "FF FE 7B".into()
        }
    );
    match err(br#"{"type":"FeatureCollection","features":[{"type":"#) {
        ImportError::InvalidJson { file, line, .. } => {
            assert_eq!(file, "city.geojson");
            assert_eq!(line, 1);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        err(br#"{"type":"Feature","properties":{},"geometry":null}"#),
        ImportError::NotFeatureCollection { file: "city.geojson".into(), found: "Feature".into() }
    );
    assert_eq!(
        err(b"[1,2]"),
        ImportError::NotFeatureCollection {
            file: "city.geojson".into(),
            found: "not an object".into()
        }
    );
    assert_eq!(
        err(collection(&[]).as_bytes()),
        ImportError::NoWards { file: "city.geojson".into(), skipped: 0, first: vec![] }
    );
    let utm = r#"{"type":"Polygon","coordinates":[[[440000,2970000],[441000,2970000],[441000,2971000],[440000,2970000]]]}"#;
    assert_eq!(
        err(collection(&[feature(r#"{"ward_no":"1"}"#, utm)]).as_bytes()),
        ImportError::NotLonLat { file: "city.geojson".into(), feature: 1 }
    );
}

#[test]
fn accepts_a_byte_order_mark() {
    let text = format!("\u{feff}{}", collection(&[feature(r#"{"ward_no":"1"}"#, SQUARE)]));
    assert_eq!(parse("bom.geojson", text.as_bytes()).unwrap().map.wards().len(), 1);
}

proptest::proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)) {
        let _ = parse("fuzz.geojson", &bytes);
    }

    #[test]
    fn never_panics_on_truncated_real_file(cut in 0usize..4000) {
        let text = include_str!("../../../../../public/data/bhubaneswar.geojson");
        let end = text.char_indices().map(|(i, _)| i).take_while(|&i| i <= cut).last().unwrap_or(0);
        let _ = parse("bhubaneswar.geojson", &text.as_bytes()[..end]);
    }
}

/// One ward with a good square and one (feature 2) with `bad` as its polygon coordinates.
fn with_bad_feature(bad: &str) -> String {
    collection(&[
        feature(r#"{"ward_no":"1"}"#, SQUARE),
        feature(r#"{"ward_no":"2"}"#, &format!(r#"{{"type":"Polygon","coordinates":{bad}}}"#)),
    ])
}

/// Issue 19: positions that are not two numbers panicked in the geojson crate's conversion
/// (`[80.9]`, `[]`: it indexes `[1]`) or failed the whole file (a string or null in a
/// position, one nesting level too many or too few). Now that feature is skipped with a
/// warning naming the file, the feature and what was found; ward 1 is imported.
#[test]
fn a_bad_position_skips_the_feature() {
    for (coords, found) in [
        ("[[[80.9],[80.91,26.8],[80.91,26.81],[80.9,26.8]]]", "[80.9]"),
        ("[[[],[80.91,26.8],[80.91,26.81],[80.9,26.8]]]", "[]"),
        (r#"[[["80.9",26.8],[80.91,26.8],[80.91,26.81],[80.9,26.8]]]"#, r#"["80.9",26.8]"#),
        ("[[[80.9,null],[80.91,26.8],[80.91,26.81],[80.9,26.8]]]", "[80.9,null]"),
        ("[[null,[80.91,26.8],[80.91,26.81],[80.9,26.8]]]", "null"),
        ("[[80.9,26.8,80.91,26.8]]", "80.9"),
        ("[[[[80.9,26.8]],[80.91,26.8],[80.91,26.81],[80.9,26.8]]]", "[[80.9,26.8]]"),
        (r#""80.9,26.8""#, r#""80.9,26.8""#),
    ] {
        let got = parse("w.geojson", with_bad_feature(coords).as_bytes()).unwrap();
        assert_eq!(got.map.wards().len(), 1, "{coords}");
        assert_eq!(
            got.warnings,
            vec![ImportWarning::BadCoordinates {
                file: "w.geojson".into(),
                feature: 2,
                found: found.into()
            }],
            "{coords}"
        );
    }
    // In a MultiPolygon and inside a GeometryCollection too.
    let multi = r#"{"type":"MultiPolygon","coordinates":[[[[80.9],[80.91,26.8],[80.91,26.81],[80.9,26.8]]]]}"#;
    let gc = format!(r#"{{"type":"GeometryCollection","geometries":[{SQUARE},{multi}]}}"#);
    for g in [multi, gc.as_str(), r#""Polygon""#, r#"{"coordinates":[]}"#] {
        let text =
            collection(&[feature(r#"{"ward_no":"1"}"#, SQUARE), feature(r#"{"ward_no":"2"}"#, g)]);
        let got = parse("w.geojson", text.as_bytes()).unwrap();
        assert_eq!(got.map.wards().len(), 1, "{g}");
        assert!(
            matches!(&got.warnings[..], [ImportWarning::BadCoordinates { feature: 2, .. }]),
            "{g}: {:?}",
            got.warnings
        );
    }
    // Every feature bad: nothing usable, an error.
    let text =
        collection(&[feature(r#"{"ward_no":"1"}"#, r#"{"type":"Polygon","coordinates":[[[1]]]}"#)]);
    assert_eq!(
        parse("w.geojson", text.as_bytes()).unwrap_err(),
        ImportError::NoWards {
            file: "w.geojson".into(),
            skipped: 1,
            first: vec![ImportWarning::BadCoordinates {
                file: "w.geojson".into(),
                feature: 1,
                found: "[1]".into()
            }]
        }
    );
}

/// Issue 19: rings too short to enclose anything (empty, one or two positions) and polygons
/// without rings give "empty shape" (holes that short are dropped), never a panic.
#[test]
fn short_rings_are_empty_shapes() {
    for coords in ["[]", "[[]]", "[[[80.9,26.8]]]", "[[[80.9,26.8],[80.91,26.8]]]"] {
        let got = parse("w.geojson", with_bad_feature(coords).as_bytes()).unwrap();
        assert_eq!(got.map.wards().len(), 1, "{coords}");
        assert_eq!(got.warnings, vec![ImportWarning::EmptyGeometry { feature: 2 }], "{coords}");
    }
    let holes =
        "[[[80.9,26.8],[80.91,26.8],[80.91,26.81],[80.9,26.81],[80.9,26.8]],[],[[80.905,26.805]]]";
    let got = parse("w.geojson", with_bad_feature(holes).as_bytes()).unwrap();
    assert_eq!(got.map.wards().len(), 2);
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
}

/// Issue 19: numbers too large for f64 (`1e400`) and NaN are not valid JSON: an error with
/// the line, not a panic or a shape at infinity. Huge finite numbers are not lon/lat.
#[test]
fn non_finite_numbers_are_errors() {
    for bad in ["1e400", "-1e400", "NaN", "Infinity"] {
        let coords = format!("[[[{bad},26.8],[80.91,26.8],[80.91,26.81],[80.9,26.8]]]");
        assert!(
            matches!(
                parse("w.geojson", with_bad_feature(&coords).as_bytes()),
                Err(ImportError::InvalidJson { line: 1, .. })
            ),
            "{bad}"
        );
    }
    let coords = "[[[1e308,26.8],[80.91,26.8],[80.91,26.81],[80.9,26.8]]]";
    assert_eq!(
        parse("w.geojson", with_bad_feature(coords).as_bytes()).unwrap_err(),
        ImportError::NotLonLat { file: "w.geojson".into(), feature: 2 }
    );
}

/// Issue 19, item 2: a file of more values than [`MAX_JSON_VALUES`] is refused before parsing
/// (the parsed tree would take about 80 bytes a value). Commas in strings are not counted.
#[test]
fn too_many_values_are_refused_before_parsing() {
    assert_eq!(count_values(br#"{"a":[1,2],"b":"x,y,[z\",{"}"#, 100), 5);
    let n = MAX_JSON_VALUES + 10;
    let mut text = String::with_capacity(2 * n + 100);
    text.push_str(r#"{"type":"FeatureCollection","features":[],"x":["#);
    for _ in 0..n {
        text.push_str("1,");
    }
    text.push_str("1]}");
    match parse("big.geojson", text.as_bytes()).unwrap_err() {
        ImportError::TooManyValues { file, values, limit } => {
            assert_eq!((file.as_str(), limit), ("big.geojson", MAX_JSON_VALUES));
            assert!(values > limit);
        }
        other => panic!("{other:?}"),
    }
}

/// Issue 19: features are read one at a time while parsing; what the whole-tree reading
/// refused is still refused the same way, and members may come in any order.
#[test]
fn the_streamed_reading_keeps_the_errors_of_the_whole_tree() {
    let structural = |text: &str| match read("s.geojson", text.as_bytes()) {
        Err(ImportError::InvalidJson { file, line: 0, column: 0, detail, cut_off: false }) => {
            assert_eq!(file, "s.geojson");
            detail
        }
        other => panic!("{text}: {other:?}"),
    };
    structural(r#"{"type":"FeatureCollection","features":5}"#);
    structural(r#"{"type":"FeatureCollection","features":null}"#);
    structural(r#"{"type":"FeatureCollection","features":{"a":[1]}}"#);
    structural(r#"{"type":"FeatureCollection"}"#);
    structural(&collection(&[r#"{"type":"Point","coordinates":[80.9,26.8]}"#.to_string()]));
    structural(&collection(&["7".to_string()]));
    structural(&collection(&[feature("5", SQUARE)]));
    structural(&collection(&[feature("[1]", SQUARE)]));
    let not_an_object = |text: &str| {
        assert_eq!(
            read("s.geojson", text.as_bytes()).unwrap_err(),
            ImportError::NotFeatureCollection {
                file: "s.geojson".into(),
                found: "not an object".into()
            },
            "{text}"
        );
    };
    for text in ["null", "true", "5", "-5", "2.5", r#""FeatureCollection""#, "[[1],{}]"] {
        not_an_object(text);
    }
    assert_eq!(
        read("s.geojson", br#"{"features":[],"type":7}"#).unwrap_err(),
        ImportError::NotFeatureCollection {
            file: "s.geojson".into(),
            found: "an object without \"type\"".into()
        }
    );
    // Syntax errors keep their line, wherever they are.
    let broken = format!("{}\n,", collection(&[feature(r#"{"ward_no":"1"}"#, SQUARE)]));
    assert!(matches!(
        read("s.geojson", broken.as_bytes()),
        Err(ImportError::InvalidJson { line: 2, .. })
    ));
    // Members in any order; a later `features` replaces an earlier one, as in JSON.
    let text = format!(
        r#"{{"features":[{}],"name":"wards","features":[{},{}],"bbox":[80,26,81,27],"type":"FeatureCollection"}}"#,
        feature(r#"{"ward_no":"9"}"#, SQUARE),
        feature(r#"{"ward_no":"1","b":2}"#, SQUARE),
        feature(r#"{"ward_no":"2","a":null}"#, "null"),
    );
    let raw = read("s.geojson", text.as_bytes()).unwrap();
    assert_eq!(raw.columns, ["ward_no", "b", "a"]);
    assert_eq!(raw.features.len(), 2);
    assert_eq!(raw.features[1].number, 2);
    assert_eq!(raw.features[1].geometry, RawGeometry::Missing);
    assert_eq!(raw.features[0].value(0), Some(&Value::Text("1".into())));
    assert_eq!(raw.features[1].value(2), None);
    // A `crs` after the features still converts them.
    let ring =
        "[[[495000,2972000],[496000,2972000],[496000,2973000],[495000,2973000],[495000,2972000]]]";
    let utm = format!(r#"{{"type":"Polygon","coordinates":{ring}}}"#);
    let text = format!(
        r#"{{"type":"FeatureCollection","features":[{}],"crs":{{"type":"name","properties":{{"name":"EPSG:32644"}}}}}}"#,
        feature(r#"{"ward_no":"1"}"#, &utm)
    );
    let raw = read("utm.geojson", text.as_bytes()).unwrap();
    assert_eq!(raw.reprojected_from.as_deref(), Some("EPSG:32644"));
    let RawGeometry::Polygons(m) = &raw.features[0].geometry else { panic!() };
    let first = m.0[0].exterior().0[0];
    assert!((first.x - 80.95).abs() < 0.01 && (first.y - 26.86).abs() < 0.01, "{first:?}");
}
