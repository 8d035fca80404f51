//! Coordinate systems a `.prj` or a GeoJSON `crs` names (issue 16, item 4): each converts a
//! known point to WGS84 longitude/latitude within a metre of a reference computed
//! independently (Web Mercator by its formula, UTM by the `utm` crate, Lambert conformal conic
//! by EPSG Guidance Note 7-2's worked examples and a forward projection written here), a Web
//! Mercator Shapefile made from the real Lucknow map imports onto the original, and a system
//! that cannot be converted is refused naming the file and the system in both languages.

use std::io::{Cursor, Read, Write};

use kshetra_core::i18n::Lang;
use kshetra_core::import::{self, crs::Crs, ImportError, ImportWarning};
use kshetra_core::messages::UserText;

const R: f64 = 6_378_137.0;

/// Distance in metres between two nearby lon/lat points.
fn metres(a: (f64, f64), b: (f64, f64)) -> f64 {
    let lat = ((a.1 + b.1) / 2.0).to_radians();
    let dx = (a.0 - b.0) * 111_320.0 * lat.cos();
    let dy = (a.1 - b.1) * 110_574.0;
    dx.hypot(dy)
}

fn assert_near(got: (f64, f64), want: (f64, f64), what: &str) {
    let d = metres(got, want);
    assert!(d < 1.0, "{what}: got {got:?}, want {want:?}, {d:.3} m off");
}

/// Web Mercator forward, by its formula.
fn web_mercator(lon: f64, lat: f64) -> (f64, f64) {
    (R * lon.to_radians(), R * (std::f64::consts::FRAC_PI_4 + lat.to_radians() / 2.0).tan().ln())
}

const LUCKNOW_GPO: (f64, f64) = (80.9462, 26.8467);

const ESRI_WEB_MERCATOR: &str = r#"PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],PARAMETER["Auxiliary_Sphere_Type",0.0],UNIT["Meter",1.0]]"#;
const OGC_PSEUDO_MERCATOR: &str = r#"PROJCS["WGS 84 / Pseudo-Mercator",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]],PROJECTION["Mercator_1SP"],PARAMETER["central_meridian",0],PARAMETER["scale_factor",1],PARAMETER["false_easting",0],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["X",EAST],AXIS["Y",NORTH],EXTENSION["PROJ4","+proj=merc +a=6378137 +b=6378137 +lat_ts=0.0 +lon_0=0.0 +x_0=0.0 +y_0=0 +k=1.0 +units=m +nadgrids=@null +wktext +no_defs"],AUTHORITY["EPSG","3857"]]"#;
const ESRI_OLD_WEB_MERCATOR: &str = r#"PROJCS["WGS_1984_Web_Mercator",GEOGCS["GCS_WGS_1984_Major_Auxiliary_Sphere",DATUM["D_WGS_1984_Major_Auxiliary_Sphere",SPHEROID["WGS_1984_Major_Auxiliary_Sphere",6378137.0,0.0]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator"],PARAMETER["False_Easting",0.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],UNIT["Meter",1.0]]"#;
const WKT2_PSEUDO_MERCATOR: &str = r#"PROJCRS["WGS 84 / Pseudo-Mercator",BASEGEOGCRS["WGS 84",ENSEMBLE["World Geodetic System 1984 ensemble",ELLIPSOID["WGS 84",6378137,298.257223563]]],CONVERSION["Popular Visualisation Pseudo-Mercator",METHOD["Popular Visualisation Pseudo Mercator",ID["EPSG",1024]]],CS[Cartesian,2],LENGTHUNIT["metre",1],ID["EPSG",3857]]"#;

#[test]
fn web_mercator_in_every_spelling() {
    let (x, y) = web_mercator(LUCKNOW_GPO.0, LUCKNOW_GPO.1);
    for prj in [ESRI_WEB_MERCATOR, OGC_PSEUDO_MERCATOR, ESRI_OLD_WEB_MERCATOR, WKT2_PSEUDO_MERCATOR]
    {
        let crs = Crs::from_prj(prj).unwrap_or_else(|e| panic!("{prj}: {e}"));
        assert_near(crs.to_lon_lat(x, y), LUCKNOW_GPO, prj);
    }
    for name in [
        "EPSG:3857",
        "urn:ogc:def:crs:EPSG::3857",
        "urn:ogc:def:crs:EPSG:6.18:3:3857",
        "EPSG:900913",
        "EPSG:3785",
        "ESRI:102100",
        "EPSG:102100",
        "EPSG:102113",
        "+proj=merc +a=6378137 +b=6378137 +lat_ts=0.0 +lon_0=0.0 +x_0=0.0 +y_0=0 +k=1.0 +units=m +nadgrids=@null +wktext +no_defs",
    ] {
        let crs = Crs::from_name(name).unwrap_or_else(|| panic!("{name}"));
        assert_near(crs.to_lon_lat(x, y), LUCKNOW_GPO, name);
    }
}

/// UTM on WGS84, in the three spellings an office meets.
fn utm_prjs(zone: u8) -> [String; 2] {
    let lon0 = f64::from(zone) * 6.0 - 183.0;
    [
        format!(
            r#"PROJCS["WGS_1984_UTM_Zone_{zone}N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",{lon0:.1}],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#
        ),
        format!(
            r#"PROJCS["WGS 84 / UTM zone {zone}N",GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",{lon0}],PARAMETER["scale_factor",0.9996],PARAMETER["false_easting",500000],PARAMETER["false_northing",0],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AXIS["Easting",EAST],AXIS["Northing",NORTH],AUTHORITY["EPSG","326{zone}"]]"#
        ),
    ]
}

#[test]
fn utm_zones_of_india_and_any_zone() {
    // Landmarks: India Gate (43N), Taj Mahal (44N), Howrah Bridge (45N), Gateway of India
    // (43N), Guwahati's Kamakhya temple (46N), Imphal (46N; 47N is Arunachal's far east).
    for (lon, lat, zone) in [
        (77.2295, 28.6129, 43u8),
        (78.0421, 27.1751, 44),
        (80.9462, 26.8467, 44),
        (88.3468, 22.5851, 45),
        (72.8347, 18.9220, 43),
        (91.7058, 26.1664, 46),
        (96.6, 28.0, 47),
    ] {
        let (northing, easting, _) = utm::to_utm_wgs84(lat, lon, zone);
        let mut systems: Vec<(String, Crs)> =
            utm_prjs(zone).into_iter().map(|p| (p.clone(), Crs::from_prj(&p).unwrap())).collect();
        for name in [format!("EPSG:326{zone}"), format!("urn:ogc:def:crs:EPSG::326{zone}")] {
            systems.push((name.clone(), Crs::from_name(&name).unwrap()));
        }
        for (what, crs) in systems {
            assert_near(crs.to_lon_lat(easting, northing), (lon, lat), &what);
        }
    }
    // Every zone of both hemispheres from the EPSG table.
    for zone in 1..=60u8 {
        let lon = f64::from(zone) * 6.0 - 183.0 + 1.5;
        for (lat, code) in [(20.0, 32600 + u32::from(zone)), (-20.0, 32700 + u32::from(zone))] {
            let (northing, easting, _) = utm::to_utm_wgs84(lat, lon, zone);
            let crs = Crs::from_epsg(code).unwrap_or_else(|| panic!("EPSG:{code}"));
            assert_near(crs.to_lon_lat(easting, northing), (lon, lat), &format!("EPSG:{code}"));
        }
    }
}

/// EPSG Guidance Note 7-2 worked examples of Lambert conformal conic (published coordinates).
#[test]
fn lambert_conformal_conic_matches_epsg_worked_examples() {
    let dms = |d: f64, m: f64, s: f64| d + m / 60.0 + s / 3600.0;
    // 1SP: Jamaica 1969 / Jamaica National Grid (Clarke 1866).
    let jamaica = r#"PROJCS["JAD69_Jamaica_National_Grid",GEOGCS["GCS_Jamaica_1969",DATUM["D_Jamaica_1969",SPHEROID["Clarke_1866",6378206.4,294.9786982]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",250000.0],PARAMETER["False_Northing",150000.0],PARAMETER["Central_Meridian",-77.0],PARAMETER["Standard_Parallel_1",18.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",18.0],UNIT["Meter",1.0]]"#;
    let crs = Crs::from_prj(jamaica).unwrap();
    assert_near(
        crs.to_lon_lat(255_966.58, 142_493.51),
        (-dms(76.0, 56.0, 37.26), dms(17.0, 55.0, 55.80)),
        "Jamaica 1SP",
    );
    // 2SP: NAD27 / Texas South Central, in US survey feet (Clarke 1866).
    let want = (-96.0, 28.5);
    let texas_wkt = r#"PROJCS["NAD_1927_StatePlane_Texas_South_Central_FIPS_4204",GEOGCS["GCS_North_American_1927",DATUM["D_North_American_1927_x",SPHEROID["Clarke_1866",6378206.4,294.9786982]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",2000000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",-99.0],PARAMETER["Standard_Parallel_1",28.38333333333333],PARAMETER["Standard_Parallel_2",30.28333333333334],PARAMETER["Latitude_Of_Origin",27.83333333333333],UNIT["Foot_US",0.3048006096012192]]"#;
    let texas_proj = "+proj=lcc +lat_1=28.38333333333333 +lat_2=30.28333333333334 +lat_0=27.83333333333333 +lon_0=-99 +x_0=609601.2192024384 +y_0=0 +ellps=clrk66 +units=us-ft +no_defs";
    for crs in [Crs::from_prj(texas_wkt).unwrap(), Crs::from_proj4(texas_proj).unwrap()] {
        assert_near(crs.to_lon_lat(2_963_503.91, 254_759.80), want, "Texas 2SP");
    }
}

/// Lambert conformal conic forward (EPSG GN 7-2), written here independently of the importer.
/// A Lambert zone: semi-major axis, inverse flattening, lat0, lon0, k0, false easting and
/// northing.
type Zone = [f64; 7];

fn lcc_forward(lon: f64, lat: f64, zone: Zone) -> (f64, f64) {
    let [a, rf, lat0, lon0, k0, fe, fnn] = zone;
    let f = 1.0 / rf;
    let e = (2.0 * f - f * f).sqrt();
    let t = |p: f64| {
        let es = e * p.sin();
        (std::f64::consts::FRAC_PI_4 - p / 2.0).tan() / ((1.0 - es) / (1.0 + es)).powf(e / 2.0)
    };
    let p0 = lat0.to_radians();
    let m0 = p0.cos() / (1.0 - (e * p0.sin()).powi(2)).sqrt();
    let n = p0.sin();
    let big_f = m0 / (n * t(p0).powf(n));
    let r0 = a * big_f * t(p0).powf(n) * k0;
    let r = a * big_f * t(lat.to_radians()).powf(n) * k0;
    let theta = n * (lon - lon0).to_radians();
    (fe + r * theta.sin(), fnn + r0 - r * theta.cos())
}

/// WGS84 lon/lat to a datum `(a, rf)` whose shift to WGS84 is the translation `d`.
fn from_wgs84(lon: f64, lat: f64, a: f64, rf: f64, d: [f64; 3]) -> (f64, f64) {
    let ecef = |lon: f64, lat: f64, a: f64, f: f64| {
        let e2 = f * (2.0 - f);
        let (l, p) = (lon.to_radians(), lat.to_radians());
        let n = a / (1.0 - e2 * p.sin().powi(2)).sqrt();
        (n * p.cos() * l.cos(), n * p.cos() * l.sin(), n * (1.0 - e2) * p.sin())
    };
    let (x, y, z) = ecef(lon, lat, R, 1.0 / 298.257_223_563);
    let (x, y, z) = (x - d[0], y - d[1], z - d[2]);
    let f = 1.0 / rf;
    let e2 = f * (2.0 - f);
    let p = x.hypot(y);
    let mut phi = z.atan2(p * (1.0 - e2));
    for _ in 0..10 {
        let n = a / (1.0 - e2 * phi.sin().powi(2)).sqrt();
        phi = (z + e2 * n * phi.sin()).atan2(p);
    }
    (y.atan2(x).to_degrees(), phi.to_degrees())
}

#[test]
fn kalianpur_1975_india_zones_with_the_datum_shift() {
    // ESRI's .prj (no TOWGS84: EPSG's Kalianpur 1975 shift 295, 736, 257 m applies), OGC WKT
    // with TOWGS84, and the EPSG code in a GeoJSON crs.
    let esri_iib = r#"PROJCS["Kalianpur_1975_India_Zone_IIb",GEOGCS["GCS_Kalianpur_1975",DATUM["D_Kalianpur_1975",SPHEROID["Everest_Definition_1975",6377299.151,300.8017255]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",2743195.5],PARAMETER["False_Northing",914398.5],PARAMETER["Central_Meridian",90.0],PARAMETER["Standard_Parallel_1",26.0],PARAMETER["Scale_Factor",0.99878641],PARAMETER["Latitude_Of_Origin",26.0],UNIT["Meter",1.0]]"#;
    let ogc_iia = r#"PROJCS["Kalianpur 1975 / India zone IIa",GEOGCS["Kalianpur 1975",DATUM["Kalianpur_1975",SPHEROID["Everest 1830 (1975 Definition)",6377299.151,300.8017255,AUTHORITY["EPSG","7045"]],TOWGS84[295,736,257,0,0,0,0],AUTHORITY["EPSG","6146"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4146"]],PROJECTION["Lambert_Conformal_Conic_1SP"],PARAMETER["latitude_of_origin",26],PARAMETER["central_meridian",74],PARAMETER["scale_factor",0.99878641],PARAMETER["false_easting",2743195.5],PARAMETER["false_northing",914398.5],UNIT["metre",1,AUTHORITY["EPSG","9001"]],AUTHORITY["EPSG","24379"]]"#;
    let (a, rf, shift) = (6_377_299.151, 300.801_725_5, [295.0, 736.0, 257.0]);
    // Guwahati (zone IIb, 90° E) and Lucknow (zone IIa, 74° E).
    for (place, lon0, systems) in [
        (
            (91.7362, 26.1445),
            90.0,
            vec![
                Crs::from_prj(esri_iib).unwrap(),
                Crs::from_name("urn:ogc:def:crs:EPSG::24380").unwrap(),
            ],
        ),
        (
            LUCKNOW_GPO,
            74.0,
            vec![Crs::from_prj(ogc_iia).unwrap(), Crs::from_name("EPSG:24379").unwrap()],
        ),
    ] {
        let (klon, klat) = from_wgs84(place.0, place.1, a, rf, shift);
        let (x, y) =
            lcc_forward(klon, klat, [a, rf, 26.0, lon0, 0.998_786_41, 2_743_195.5, 914_398.5]);
        for crs in systems {
            assert_near(crs.to_lon_lat(x, y), place, &format!("{crs:?}"));
        }
        // Without the shift the point would land far off: the datum matters.
        let (ux, uy) = lcc_forward(
            place.0,
            place.1,
            [a, rf, 26.0, lon0, 0.998_786_41, 2_743_195.5, 914_398.5],
        );
        let unshifted = systems_first(lon0).to_lon_lat(ux, uy);
        let off = metres(unshifted, place);
        eprintln!("{place:?}: datum shift {off:.0} m");
        assert!(off > 20.0, "{place:?}: {off} m");
    }
    // Kalianpur 1975 / UTM zone 44N from the EPSG table: UTM 44N on the Everest 1975
    // ellipsoid with the same shift.
    match Crs::from_epsg(24344).expect("EPSG:24344") {
        Crs::TransverseMercator(tm) => {
            assert_eq!((tm.lon0, tm.k0, tm.false_easting, tm.a), (81.0, 0.9996, 500_000.0, a));
            assert_eq!(tm.towgs84, [295.0, 736.0, 257.0, 0.0, 0.0, 0.0, 0.0]);
        }
        other => panic!("{other:?}"),
    }
}

fn systems_first(lon0: f64) -> Crs {
    Crs::from_epsg(if lon0 == 90.0 { 24380 } else { 24379 }).unwrap()
}

// --- A Web Mercator Shapefile made from the real Lucknow map --------------------------------

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/raw/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn make_zip(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        if name.ends_with('/') {
            continue;
        }
        w.start_file(name.as_str(), opts).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// The Lucknow ward Shapefile with its shapes reprojected to Web Mercator (written by the
/// `shapefile` crate) and a Web Mercator `.prj`.
fn lucknow_in_web_mercator(prj: &str) -> Vec<u8> {
    let entries = unzip(&fixture("lucknow/Lucknow_ward_boundary-SHP.zip"));
    let shp = &entries.iter().find(|(n, _)| n.ends_with(".shp")).unwrap().1;
    let shapes = shapefile::ShapeReader::new(Cursor::new(shp.clone())).unwrap().read().unwrap();
    let (mut shp_out, mut shx_out) = (Cursor::new(Vec::new()), Cursor::new(Vec::new()));
    {
        let mut writer = shapefile::ShapeWriter::with_shx(&mut shp_out, &mut shx_out);
        for shape in shapes {
            let shapefile::Shape::Polygon(p) = shape else { panic!("not a polygon") };
            let rings = p
                .rings()
                .iter()
                .map(|r| {
                    let pts: Vec<shapefile::Point> = r
                        .points()
                        .iter()
                        .map(|pt| {
                            let (x, y) = web_mercator(pt.x, pt.y);
                            shapefile::Point::new(x, y)
                        })
                        .collect();
                    match r {
                        shapefile::PolygonRing::Outer(_) => shapefile::PolygonRing::Outer(pts),
                        shapefile::PolygonRing::Inner(_) => shapefile::PolygonRing::Inner(pts),
                    }
                })
                .collect();
            writer.write_shape(&shapefile::Polygon::with_rings(rings)).unwrap();
        }
    }
    let (shp_out, shx_out) = (shp_out.into_inner(), shx_out.into_inner());
    let entries: Vec<(String, Vec<u8>)> = entries
        .into_iter()
        .map(|(n, d)| {
            let d = if n.ends_with(".shp") {
                shp_out.clone()
            } else if n.ends_with(".shx") {
                shx_out.clone()
            } else if n.ends_with(".prj") {
                prj.as_bytes().to_vec()
            } else {
                d
            };
            (n, d)
        })
        .collect();
    make_zip(&entries)
}

#[test]
fn a_web_mercator_shapefile_of_a_real_map_lands_on_the_original() {
    let original =
        import::import_auto("wgs.zip", &fixture("lucknow/Lucknow_ward_boundary-SHP.zip")).unwrap();
    for (prj, name) in [
        (ESRI_WEB_MERCATOR, "WGS 1984 Web Mercator Auxiliary Sphere"),
        (OGC_PSEUDO_MERCATOR, "WGS 84 / Pseudo-Mercator"),
    ] {
        let got = import::import_auto("mercator.zip", &lucknow_in_web_mercator(prj)).unwrap();
        assert_eq!(got.warnings[0], ImportWarning::Reprojected { from: name.into() });
        assert_eq!(got.map.wards().len(), 110);
        let mut worst: f64 = 0.0;
        for ward in original.map.wards() {
            let other = got.map.ward(&ward.number).unwrap();
            let pts = |m: &geo::MultiPolygon<f64>| -> Vec<(f64, f64)> {
                m.0.iter().flat_map(|p| p.exterior().0.iter().map(|c| (c.x, c.y))).collect()
            };
            let (a, b) = (pts(&ward.geometry), pts(&other.geometry));
            for p in &b {
                let nearest = a.iter().map(|q| metres(*p, *q)).fold(f64::INFINITY, f64::min);
                worst = worst.max(nearest);
            }
        }
        assert!(worst < 1.0, "{name}: a vertex is {worst:.3} m from the original");
    }
}

#[test]
fn an_unconvertible_system_is_refused_naming_the_file_and_the_system() {
    let feature = r#"{"type":"Feature","properties":{"ward_no":"1"},"geometry":{"type":"Polygon","coordinates":[[[5000000,10000000],[5001000,10000000],[5001000,10001000],[5000000,10000000]]]}}"#;
    let json = format!(
        r#"{{"type":"FeatureCollection","crs":{{"type":"name","properties":{{"name":"EPSG:5880"}}}},"features":[{feature}]}}"#
    );
    let err = import::import_auto("poly wards.geojson", json.as_bytes()).unwrap_err();
    assert_eq!(
        err,
        ImportError::UnsupportedCrs { file: "poly wards.geojson".into(), crs: "EPSG:5880".into() }
    );
    let prj = r#"PROJCS["Everest_1830_Polyconic_India",GEOGCS["GCS_Everest_1830",DATUM["D_Everest_1830",SPHEROID["Everest_1830",6377276.345,300.8017]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Polyconic"],PARAMETER["Central_Meridian",81.0],PARAMETER["Latitude_Of_Origin",26.0],UNIT["Meter",1.0]]"#;
    let shp_err = import::import_auto("toposheet.zip", &lucknow_in_web_mercator(prj)).unwrap_err();
    assert_eq!(
        shp_err,
        ImportError::UnsupportedCrs {
            file: "toposheet.zip".into(),
            crs: "Everest 1830 Polyconic India".into()
        }
    );
    for (e, file, crs) in [
        (&err, "poly wards.geojson", "EPSG:5880"),
        (&shp_err, "toposheet.zip", "Everest 1830 Polyconic India"),
    ] {
        for lang in Lang::ALL {
            let text = e.message(lang);
            assert!(text.contains(file) && text.contains(crs), "{lang:?}: {text}");
        }
        assert!(e.message(Lang::Hi).contains("बदली नहीं जा सकती"));
        assert!(e.message(Lang::En).contains("cannot be converted"));
    }
}
