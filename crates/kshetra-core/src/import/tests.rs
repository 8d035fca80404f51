use super::*;

#[test]
fn sniffs_formats_from_bytes_and_names() {
    assert_eq!(sniff("a.geojson", br#" {"type":"FeatureCollection"}"#), Ok(Format::GeoJson));
    assert_eq!(sniff("a.json", br#"{"type":"Topology","objects":{}}"#), Ok(Format::TopoJson));
    assert_eq!(sniff("a.kml", b"\xEF\xBB\xBF<?xml version='1.0'?><kml>"), Ok(Format::Kml));
    assert_eq!(sniff("a.kmz", b"PK\x03\x04rest"), Ok(Format::Kmz));
    assert_eq!(sniff("a.zip", b"PK\x03\x04rest"), Ok(Format::Shapefile));
    assert_eq!(
        sniff("a.xlsx", b"PK\x03\x04rest"),
        Err(ImportError::TableNotMap { file: "a.xlsx".into() })
    );
    assert_eq!(
        sniff("wards.csv", b"ward,pop\n1,2\n"),
        Err(ImportError::TableNotMap { file: "wards.csv".into() })
    );
    assert_eq!(
        sniff("a.shp", b"\0\0\x27\x0a...."),
        Err(ImportError::ShapefileNotZipped { file: "a.shp".into() })
    );
    assert_eq!(
        sniff("a.pdf", b"%PDF-1.4"),
        Err(ImportError::UnknownFormat { file: "a.pdf".into(), found: "PDF".into() })
    );
    assert_eq!(sniff("a.kml", b""), Err(ImportError::Empty { file: "a.kml".into() }));
    assert_eq!(extension("dir.v2/Ward Map.KML"), "kml");
    assert_eq!(extension(".hidden"), "");
}
