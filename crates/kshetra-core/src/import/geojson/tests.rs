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
    assert_eq!(err(b"\xff\xfe{"), ImportError::NotUtf8 { file: "city.geojson".into() });
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
        ImportError::NoWards { file: "city.geojson".into(), skipped: 0 }
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
