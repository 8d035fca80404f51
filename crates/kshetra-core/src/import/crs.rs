//! Coordinate systems offices' files come in, and conversion to WGS84 longitude/latitude.
//!
//! Covered: geographic longitude/latitude (EPSG:4326, CRS84), transverse Mercator with any
//! parameters (UTM zones such as 43N/44N, EPSG:326xx/327xx, Gauss–Krüger), and Web Mercator
//! (EPSG:3857). Declared as a GeoJSON `crs` member or a Shapefile `.prj` (WKT).
//!
//! Why not a projection crate: `proj` needs the C library; the Rust proj4 port (`proj4rs`,
//! `proj4wkt`) depends on wasm-bindgen, js-sys and web-sys when built for wasm32, which the core
//! must not. Transverse Mercator is the Krüger series (Karney 2011, "Transverse Mercator with an
//! accuracy of a few nanometers", J. Geodesy 85; the three-term form, sub-millimetre within a
//! UTM zone), checked against the independent `utm` crate in the tests.
//!
//! Datum shifts are not applied: a file on an old Indian datum (Everest 1830 / Kalianpur) lands
//! within a few hundred metres. The ellipsoid declared is used.

use geo::{Coord, MapCoordsInPlace, MultiPolygon};

/// A coordinate system Kshetra can convert from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Crs {
    /// Longitude/latitude in degrees: nothing to do.
    LonLat,
    /// Transverse Mercator (UTM and others).
    TransverseMercator(TransverseMercator),
    /// Spherical Web Mercator (EPSG:3857), metres.
    WebMercator,
}

/// Parameters of a transverse Mercator projection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransverseMercator {
    /// Semi-major axis of the ellipsoid, metres.
    pub a: f64,
    /// Flattening of the ellipsoid.
    pub f: f64,
    /// Central meridian, degrees.
    pub lon0: f64,
    /// Latitude of origin, degrees.
    pub lat0: f64,
    /// Scale factor on the central meridian.
    pub k0: f64,
    /// False easting, in file units.
    pub false_easting: f64,
    /// False northing, in file units.
    pub false_northing: f64,
    /// Metres per file unit (1 for metres).
    pub unit: f64,
}

const WGS84_A: f64 = 6_378_137.0;
const WGS84_F: f64 = 1.0 / 298.257_223_563;

impl TransverseMercator {
    /// UTM zone `zone` (1–60) of the northern (`north`) or southern hemisphere, on WGS84.
    pub fn utm(zone: u8, north: bool) -> TransverseMercator {
        TransverseMercator {
            a: WGS84_A,
            f: WGS84_F,
            lon0: f64::from(zone) * 6.0 - 183.0,
            lat0: 0.0,
            k0: 0.9996,
            false_easting: 500_000.0,
            false_northing: if north { 0.0 } else { 10_000_000.0 },
            unit: 1.0,
        }
    }

    /// Longitude/latitude (degrees) of projected `x` (easting), `y` (northing).
    pub fn inverse(&self, x: f64, y: f64) -> (f64, f64) {
        let n = self.f / (2.0 - self.f);
        let (n2, n3) = (n * n, n * n * n);
        let big_a = self.a / (1.0 + n) * (1.0 + n2 / 4.0 + n2 * n2 / 64.0);
        let alpha = [
            n / 2.0 - 2.0 * n2 / 3.0 + 5.0 * n3 / 16.0,
            13.0 * n2 / 48.0 - 3.0 * n3 / 5.0,
            61.0 * n3 / 240.0,
        ];
        let beta =
            [n / 2.0 - 2.0 * n2 / 3.0 + 37.0 * n3 / 96.0, n2 / 48.0 + n3 / 15.0, 17.0 * n3 / 480.0];
        let delta = [
            2.0 * n - 2.0 * n2 / 3.0 - 2.0 * n3,
            7.0 * n2 / 3.0 - 8.0 * n3 / 5.0,
            56.0 * n3 / 15.0,
        ];
        // Meridian distance to the latitude of origin (forward series on the central meridian).
        let xi0 = {
            let phi0 = self.lat0.to_radians();
            let c = 2.0 * n.sqrt() / (1.0 + n);
            let t = (phi0.sin().atanh() - c * (c * phi0.sin()).atanh()).sinh();
            let xi_p = t.atan();
            xi_p + (0..3).map(|j| alpha[j] * (2.0 * (j as f64 + 1.0) * xi_p).sin()).sum::<f64>()
        };
        let xi = (y - self.false_northing) * self.unit / (self.k0 * big_a) + xi0;
        let eta = (x - self.false_easting) * self.unit / (self.k0 * big_a);
        let mut xi_p = xi;
        let mut eta_p = eta;
        for (j, b) in beta.iter().enumerate() {
            let k = 2.0 * (j as f64 + 1.0);
            xi_p -= b * (k * xi).sin() * (k * eta).cosh();
            eta_p -= b * (k * xi).cos() * (k * eta).sinh();
        }
        let chi = (xi_p.sin() / eta_p.cosh()).clamp(-1.0, 1.0).asin();
        let phi = chi
            + delta
                .iter()
                .enumerate()
                .map(|(j, d)| d * (2.0 * (j as f64 + 1.0) * chi).sin())
                .sum::<f64>();
        let lambda = self.lon0.to_radians() + eta_p.sinh().atan2(xi_p.cos());
        (lambda.to_degrees(), phi.to_degrees())
    }
}

impl Crs {
    /// Longitude/latitude of a point given in this system.
    pub fn to_lon_lat(&self, x: f64, y: f64) -> (f64, f64) {
        match self {
            Crs::LonLat => (x, y),
            Crs::TransverseMercator(tm) => tm.inverse(x, y),
            Crs::WebMercator => {
                let lon = (x / WGS84_A).to_degrees();
                let lat =
                    (2.0 * (y / WGS84_A).exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees();
                (lon, lat)
            }
        }
    }

    /// Converts a shape to longitude/latitude in place.
    pub fn transform(&self, shape: &mut MultiPolygon<f64>) {
        if *self == Crs::LonLat {
            return;
        }
        shape.map_coords_in_place(|c| {
            let (x, y) = self.to_lon_lat(c.x, c.y);
            Coord { x, y }
        });
    }

    /// The system of an EPSG code, if covered.
    pub fn from_epsg(code: u32) -> Option<Crs> {
        match code {
            4326 | 4269 | 4258 | 4283 | 4674 | 4617 => Some(Crs::LonLat),
            3857 | 3785 | 900_913 | 102_100 | 102_113 => Some(Crs::WebMercator),
            32601..=32660 => {
                Some(Crs::TransverseMercator(TransverseMercator::utm((code - 32600) as u8, true)))
            }
            32701..=32760 => {
                Some(Crs::TransverseMercator(TransverseMercator::utm((code - 32700) as u8, false)))
            }
            _ => None,
        }
    }

    /// The system named in a GeoJSON `crs` member ("EPSG:32644",
    /// "urn:ogc:def:crs:EPSG::32644", "urn:ogc:def:crs:OGC:1.3:CRS84"); `None` when not covered.
    pub fn from_name(name: &str) -> Option<Crs> {
        let upper = name.trim().to_ascii_uppercase();
        if upper.ends_with("CRS84") || upper.ends_with("CRS:84") {
            return Some(Crs::LonLat);
        }
        if !upper.contains("EPSG") {
            return None;
        }
        let digits: String =
            upper.rsplit(|c: char| !c.is_ascii_digit()).find(|s| !s.is_empty())?.to_string();
        Crs::from_epsg(digits.parse().ok()?)
    }

    /// The system of a Shapefile `.prj` (ESRI or OGC WKT 1, or WKT 2 names); `Err` with the
    /// system's name when it is not covered.
    pub fn from_prj(wkt: &str) -> Result<Crs, String> {
        let text = wkt.trim().trim_start_matches('\u{feff}');
        let head = text.split('[').next().unwrap_or("").trim().to_ascii_uppercase();
        let name = first_quoted(text).unwrap_or_else(|| text.chars().take(60).collect());
        match head.as_str() {
            "GEOGCS" | "GEOGCRS" | "GEODCRS" => return Ok(Crs::LonLat),
            "PROJCS" | "PROJCRS" => {}
            _ => return Err(name),
        }
        let upper = text.to_ascii_uppercase();
        let method = bracket_name(text, "PROJECTION")
            .or_else(|| bracket_name(text, "METHOD"))
            .unwrap_or_default();
        let method_key: String =
            method.to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
        if method_key.contains("pseudomercator")
            || method_key.contains("auxiliarysphere")
            || upper.contains("PSEUDO-MERCATOR")
            || upper.contains("WEB_MERCATOR")
        {
            return Ok(Crs::WebMercator);
        }
        if method_key != "transversemercator" && method_key != "gausskruger" {
            return Err(name);
        }
        let param = |keys: &[&str]| -> Option<f64> {
            parameters(text).into_iter().find(|(k, _)| keys.contains(&k.as_str())).map(|(_, v)| v)
        };
        let (a, f) = spheroid(text).unwrap_or((WGS84_A, WGS84_F));
        let unit = last_unit(text).unwrap_or(1.0);
        Ok(Crs::TransverseMercator(TransverseMercator {
            a,
            f,
            lon0: param(&["centralmeridian", "longitudeofnaturalorigin", "longitudeoforigin"])
                .unwrap_or(0.0),
            lat0: param(&["latitudeoforigin", "latitudeofnaturalorigin"]).unwrap_or(0.0),
            k0: param(&["scalefactor", "scalefactoratnaturalorigin"]).unwrap_or(1.0),
            false_easting: param(&["falseeasting"]).unwrap_or(0.0),
            false_northing: param(&["falsenorthing"]).unwrap_or(0.0),
            unit,
        }))
    }
}

/// The first double-quoted string of a WKT text.
fn first_quoted(text: &str) -> Option<String> {
    let start = text.find('"')? + 1;
    let len = text[start..].find('"')?;
    Some(text[start..start + len].to_string())
}

/// The quoted name after `KEY[` (case-insensitive).
fn bracket_name(text: &str, key: &str) -> Option<String> {
    let upper = text.to_ascii_uppercase();
    let at = upper.find(&format!("{key}["))?;
    first_quoted(&text[at..])
}

/// The numbers after a quoted name in each `KEY["name", n1, n2 …` of the text.
fn keyed_numbers(text: &str, key: &str) -> Vec<(String, Vec<f64>)> {
    let upper = text.to_ascii_uppercase();
    let pat = format!("{key}[");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = upper[from..].find(&pat) {
        let start = from + pos + pat.len();
        from = start;
        let body = &text[start..];
        let Some(name) = first_quoted(body) else { continue };
        let after_name = body
            .find('"')
            .and_then(|q| body[q + 1..].find('"').map(|e| q + 1 + e + 1))
            .unwrap_or(0);
        let end = body[after_name..].find([']', '[']).map(|e| after_name + e).unwrap_or(body.len());
        let numbers =
            body[after_name..end].split(',').filter_map(|s| s.trim().parse::<f64>().ok()).collect();
        out.push((name, numbers));
    }
    out
}

fn parameters(text: &str) -> Vec<(String, f64)> {
    keyed_numbers(text, "PARAMETER")
        .into_iter()
        .filter_map(|(name, nums)| {
            let key: String =
                name.to_ascii_lowercase().chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            Some((key, *nums.first()?))
        })
        .collect()
}

fn spheroid(text: &str) -> Option<(f64, f64)> {
    let (_, nums) = keyed_numbers(text, "SPHEROID")
        .into_iter()
        .chain(keyed_numbers(text, "ELLIPSOID"))
        .next()?;
    let (a, rf) = (*nums.first()?, *nums.get(1)?);
    (a > 6.0e6 && a < 6.5e6).then_some((a, if rf > 0.0 { 1.0 / rf } else { 0.0 }))
}

/// Metres per unit of the projected system: the last `UNIT` of the text (WKT 1 puts the
/// linear unit after the geographic one).
fn last_unit(text: &str) -> Option<f64> {
    let (_, nums) =
        keyed_numbers(text, "UNIT").into_iter().chain(keyed_numbers(text, "LENGTHUNIT")).last()?;
    nums.first().copied().filter(|u| *u > 0.0 && u.is_finite())
}

/// A readable name for a system declared in a `.prj` (its first quoted name, underscores as
/// spaces).
pub fn prj_name(wkt: &str) -> String {
    first_quoted(wkt).unwrap_or_default().replace('_', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const UTM44N: &str = r#"PROJCS["WGS_1984_UTM_Zone_44N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",81.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]"#;

    #[test]
    fn utm_inverse_matches_the_utm_crate() {
        for (lat, lon, zone) in [
            (26.85, 80.95, 44u8),
            (23.25, 77.41, 43),
            (20.29, 85.82, 45),
            (8.5, 76.9, 43),
            (-33.9, 151.2, 56),
        ] {
            let (northing, easting, _) = utm::to_utm_wgs84(lat, lon, zone);
            let tm = TransverseMercator::utm(zone, lat >= 0.0);
            // The utm crate's southern northings already carry the 10,000 km false northing,
            // as TransverseMercator::utm(zone, false) expects.
            let (lo, la) = tm.inverse(easting, northing);
            assert!(
                (lo - lon).abs() < 1e-7 && (la - lat).abs() < 1e-7,
                "{lat},{lon}: got {la},{lo}"
            );
        }
    }

    #[test]
    fn reads_prj_and_names() {
        let crs = Crs::from_prj(UTM44N).unwrap();
        assert_eq!(crs, Crs::TransverseMercator(TransverseMercator::utm(44, true)));
        assert_eq!(prj_name(UTM44N), "WGS 1984 UTM Zone 44N");
        let geo = r#"GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["Degree",0.017453292519943295]]"#;
        assert_eq!(Crs::from_prj(geo), Ok(Crs::LonLat));
        let lcc = r#"PROJCS["Kalianpur_1975_India_Zone_IIa",GEOGCS["x"],PROJECTION["Lambert_Conformal_Conic"]]"#;
        assert_eq!(Crs::from_prj(lcc), Err("Kalianpur_1975_India_Zone_IIa".into()));
        assert_eq!(Crs::from_prj(""), Err(String::new()));
        assert_eq!(
            Crs::from_name("urn:ogc:def:crs:EPSG::32644"),
            Some(Crs::TransverseMercator(TransverseMercator::utm(44, true)))
        );
        assert_eq!(Crs::from_name("EPSG:4326"), Some(Crs::LonLat));
        assert_eq!(Crs::from_name("urn:ogc:def:crs:OGC:1.3:CRS84"), Some(Crs::LonLat));
        assert_eq!(Crs::from_name("EPSG:3857"), Some(Crs::WebMercator));
        assert_eq!(Crs::from_name("EPSG:24378"), None);
        let (lon, lat) = Crs::WebMercator.to_lon_lat(9_011_388.0, 3_104_000.0);
        assert!((lon - 80.95).abs() < 0.01 && (lat - 26.86).abs() < 0.05, "{lon},{lat}");
    }

    proptest::proptest! {
        #[test]
        fn prj_parsing_never_panics(s in "\\PC{0,200}") {
            let _ = Crs::from_prj(&s);
            let _ = Crs::from_name(&s);
            let _ = prj_name(&s);
        }
    }
}
