//! Coordinate systems offices' files come in, and conversion to WGS84 longitude/latitude.
//!
//! Covered: geographic longitude/latitude on any datum; transverse Mercator with any
//! parameters (every UTM zone, north and south, Gauss–Krüger); Mercator (ellipsoidal and
//! spherical) and Web Mercator in all its spellings (EPSG:3857, 3785, 900913, 102100, 102113,
//! "WGS 84 / Pseudo-Mercator", "WGS_1984_Web_Mercator_Auxiliary_Sphere"); Lambert conformal
//! conic (1SP and 2SP: the Indian grid zones on Kalianpur / Everest, and any other); on any
//! ellipsoid, with the datum shift to WGS84 (`TOWGS84` / `+towgs84`, Helmert with 3 or 7
//! parameters; for Kalianpur / Indian datums named without one, EPSG's published shift).
//! Declared as a GeoJSON `crs` member (any EPSG code: the EPSG table of the
//! `crs-definitions` crate, as PROJ strings) or a Shapefile `.prj` (ESRI or OGC WKT 1, or WKT
//! 2 names).
//!
//! Why not `proj4rs` / `proj4wkt` (the Rust proj4 port): both depend on wasm-bindgen, js-sys
//! and web-sys whenever they are built for wasm32 (unconditional target dependencies,
//! checked on proj4rs 0.3.0 and proj4wkt 0.2.0), which the core must not
//! (`tests/architecture.rs`). `crs-definitions` (CC0, no dependencies, `no_std`) gives the
//! EPSG table; the projection formulas are EPSG Guidance Note 7-2's (Lambert conformal conic,
//! Mercator) and Karney's Krüger series for transverse Mercator (Karney 2011, "Transverse
//! Mercator with an accuracy of a few nanometers", J. Geodesy 85; the three-term form,
//! sub-millimetre within a UTM zone), checked against the independent `utm` crate and
//! EPSG's worked examples in the tests.

use geo::{Coord, MapCoordsInPlace, MultiPolygon};

/// A coordinate system Kshetra can convert from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Crs {
    /// Longitude/latitude in degrees on WGS84 (or a datum within centimetres of it).
    LonLat,
    /// Longitude/latitude in degrees on another datum, shifted to WGS84.
    Geographic(Datum),
    /// Transverse Mercator (UTM and others).
    TransverseMercator(TransverseMercator),
    /// Spherical Web Mercator (EPSG:3857), metres.
    WebMercator,
    /// Mercator on an ellipsoid or a sphere (e.g. EPSG:3395 World Mercator).
    Mercator(Mercator),
    /// Lambert conformal conic, one or two standard parallels (the Indian grid zones).
    LambertConformal(LambertConformal),
}

/// An ellipsoid and the shift from its datum to WGS84.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Datum {
    /// Semi-major axis, metres.
    pub a: f64,
    /// Flattening.
    pub f: f64,
    /// Helmert shift to WGS84 as PROJ's `+towgs84` (position vector convention): dx, dy, dz
    /// in metres, rx, ry, rz in arc-seconds, scale in parts per million. All zero: none.
    pub towgs84: [f64; 7],
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
    /// Shift of the datum to WGS84 (see [`Datum::towgs84`]).
    pub towgs84: [f64; 7],
}

/// Parameters of a Mercator projection (EPSG methods 9804 / 9805).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mercator {
    /// The ellipsoid (flattening 0 for a sphere) and its shift.
    pub datum: Datum,
    /// Central meridian, degrees.
    pub lon0: f64,
    /// Scale factor on the equator (from the latitude of true scale for 2SP).
    pub k0: f64,
    /// False easting, in file units.
    pub false_easting: f64,
    /// False northing, in file units.
    pub false_northing: f64,
    /// Metres per file unit.
    pub unit: f64,
}

/// Parameters of a Lambert conformal conic projection (EPSG methods 9801 / 9802).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LambertConformal {
    /// The ellipsoid and its shift.
    pub datum: Datum,
    /// Latitude of the (false) origin, degrees.
    pub lat0: f64,
    /// Longitude of the (false) origin, degrees.
    pub lon0: f64,
    /// First standard parallel, degrees (= `lat0` for 1SP).
    pub lat1: f64,
    /// Second standard parallel, degrees (= `lat1` for 1SP).
    pub lat2: f64,
    /// Scale factor (1SP; 1 for 2SP).
    pub k0: f64,
    /// False easting, in file units.
    pub false_easting: f64,
    /// False northing, in file units.
    pub false_northing: f64,
    /// Metres per file unit.
    pub unit: f64,
}

const WGS84_A: f64 = 6_378_137.0;
const WGS84_F: f64 = 1.0 / 298.257_223_563;
const NO_SHIFT: [f64; 7] = [0.0; 7];

impl Datum {
    /// WGS84 itself.
    pub const WGS84: Datum = Datum { a: WGS84_A, f: WGS84_F, towgs84: NO_SHIFT };

    /// Longitude/latitude on WGS84 of a point given on this datum (height 0).
    pub fn to_wgs84(&self, lon: f64, lat: f64) -> (f64, f64) {
        if self.towgs84 == NO_SHIFT {
            return (lon, lat);
        }
        let (lam, phi) = (lon.to_radians(), lat.to_radians());
        let e2 = self.f * (2.0 - self.f);
        let n = self.a / (1.0 - e2 * phi.sin().powi(2)).sqrt();
        let (x, y, z) =
            (n * phi.cos() * lam.cos(), n * phi.cos() * lam.sin(), n * (1.0 - e2) * phi.sin());
        let [dx, dy, dz, rx, ry, rz, ds] = self.towgs84;
        let sec = std::f64::consts::PI / (180.0 * 3600.0);
        let (rx, ry, rz, m) = (rx * sec, ry * sec, rz * sec, 1.0 + ds * 1e-6);
        let x2 = dx + m * (x - rz * y + ry * z);
        let y2 = dy + m * (rz * x + y - rx * z);
        let z2 = dz + m * (-ry * x + rx * y + z);
        let e2w = WGS84_F * (2.0 - WGS84_F);
        let p = x2.hypot(y2);
        let mut phi2 = z2.atan2(p * (1.0 - e2w));
        for _ in 0..6 {
            let nw = WGS84_A / (1.0 - e2w * phi2.sin().powi(2)).sqrt();
            phi2 = (z2 + e2w * nw * phi2.sin()).atan2(p);
        }
        (y2.atan2(x2).to_degrees(), phi2.to_degrees())
    }

    fn e(&self) -> f64 {
        (self.f * (2.0 - self.f)).sqrt()
    }
}

/// Latitude (radians) from the isometric quantity `t` of EPSG GN 7-2 (conformal latitude
/// iteration).
fn lat_from_t(t: f64, e: f64) -> f64 {
    let mut phi = std::f64::consts::FRAC_PI_2 - 2.0 * t.atan();
    for _ in 0..15 {
        let es = e * phi.sin();
        phi = std::f64::consts::FRAC_PI_2
            - 2.0 * (t * ((1.0 - es) / (1.0 + es)).powf(e / 2.0)).atan();
    }
    phi
}

/// EPSG GN 7-2's t(φ).
fn t_of(phi: f64, e: f64) -> f64 {
    let es = e * phi.sin();
    (std::f64::consts::FRAC_PI_4 - phi / 2.0).tan() / ((1.0 - es) / (1.0 + es)).powf(e / 2.0)
}

/// EPSG GN 7-2's m(φ).
fn m_of(phi: f64, e: f64) -> f64 {
    phi.cos() / (1.0 - (e * phi.sin()).powi(2)).sqrt()
}

impl Mercator {
    /// Longitude/latitude (degrees, on the projection's datum) of projected `x`, `y`.
    pub fn inverse(&self, x: f64, y: f64) -> (f64, f64) {
        let d = &self.datum;
        let ak = d.a * self.k0;
        let lon = self.lon0 + ((x - self.false_easting) * self.unit / ak).to_degrees();
        let t = (-(y - self.false_northing) * self.unit / ak).exp();
        (lon, lat_from_t(t, d.e()).to_degrees())
    }
}

impl LambertConformal {
    /// Longitude/latitude (degrees, on the projection's datum) of projected `x`, `y`.
    pub fn inverse(&self, x: f64, y: f64) -> (f64, f64) {
        let d = &self.datum;
        let e = d.e();
        let (p0, p1, p2) = (self.lat0.to_radians(), self.lat1.to_radians(), self.lat2.to_radians());
        let (m1, t1) = (m_of(p1, e), t_of(p1, e));
        let n = if (p1 - p2).abs() < 1e-12 {
            p1.sin()
        } else {
            (m1.ln() - m_of(p2, e).ln()) / (t1.ln() - t_of(p2, e).ln())
        };
        let big_f = m1 / (n * t1.powf(n));
        let akf = d.a * self.k0 * big_f;
        let r0 = akf * t_of(p0, e).powf(n);
        let dx = (x - self.false_easting) * self.unit;
        let dy = r0 - (y - self.false_northing) * self.unit;
        let sign = n.signum();
        let r = sign * dx.hypot(dy);
        let t = (r / akf).powf(1.0 / n);
        let theta = (sign * dx).atan2(sign * dy);
        let lon = self.lon0 + (theta / n).to_degrees();
        (lon, lat_from_t(t, e).to_degrees())
    }
}

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
            towgs84: NO_SHIFT,
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
    /// Longitude/latitude (WGS84) of a point given in this system.
    pub fn to_lon_lat(&self, x: f64, y: f64) -> (f64, f64) {
        match self {
            Crs::LonLat => (x, y),
            Crs::Geographic(d) => d.to_wgs84(x, y),
            Crs::TransverseMercator(tm) => {
                let (lon, lat) = tm.inverse(x, y);
                Datum { a: tm.a, f: tm.f, towgs84: tm.towgs84 }.to_wgs84(lon, lat)
            }
            Crs::WebMercator => {
                let lon = (x / WGS84_A).to_degrees();
                let lat =
                    (2.0 * (y / WGS84_A).exp().atan() - std::f64::consts::FRAC_PI_2).to_degrees();
                (lon, lat)
            }
            Crs::Mercator(m) => {
                let (lon, lat) = m.inverse(x, y);
                m.datum.to_wgs84(lon, lat)
            }
            Crs::LambertConformal(l) => {
                let (lon, lat) = l.inverse(x, y);
                l.datum.to_wgs84(lon, lat)
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

    /// The system of an EPSG code (or the ESRI / Google codes of Web Mercator), from the
    /// EPSG table of `crs-definitions`; `None` when unknown or of a method not covered.
    pub fn from_epsg(code: u32) -> Option<Crs> {
        match code {
            4326 | 4269 | 4258 | 4283 | 4674 | 4617 => Some(Crs::LonLat),
            3857 | 3785 | 900_913 | 102_100 | 102_113 => Some(Crs::WebMercator),
            _ => {
                let def = crs_definitions::from_code(u16::try_from(code).ok()?)?;
                Crs::from_proj4(def.proj4).ok()
            }
        }
    }

    /// The system of a PROJ string (`+proj=utm +zone=44 +datum=WGS84`); `Err` with the
    /// projection's name when the method is not covered.
    pub fn from_proj4(def: &str) -> Result<Crs, String> {
        let params: Vec<(String, Option<String>)> = def
            .split_whitespace()
            .filter_map(|t| t.strip_prefix('+'))
            .map(|t| match t.split_once('=') {
                Some((k, v)) => (k.to_ascii_lowercase(), Some(v.to_string())),
                None => (t.to_ascii_lowercase(), None),
            })
            .collect();
        let get = |k: &str| params.iter().find(|(p, _)| p == k).and_then(|(_, v)| v.as_deref());
        let has = |k: &str| params.iter().any(|(p, _)| p == k);
        let num = |k: &str| get(k).and_then(|v| v.parse::<f64>().ok());
        let proj = get("proj").unwrap_or("").to_ascii_lowercase();
        // The ellipsoid: +a/+b/+rf/+f, else +ellps, else +datum, else WGS84.
        let (mut a, mut f) = get("datum")
            .and_then(|d| datum_ellipsoid(d).map(|(e, _)| e))
            .or_else(|| get("ellps").and_then(ellipsoid))
            .unwrap_or((WGS84_A, WGS84_F));
        if let Some(e) = get("ellps").and_then(ellipsoid) {
            (a, f) = e;
        }
        if let Some(r) = num("r") {
            (a, f) = (r, 0.0);
        }
        if let Some(x) = num("a") {
            a = x;
            if let Some(b) = num("b") {
                f = (a - b) / a;
            } else if let Some(rf) = num("rf") {
                f = if rf > 0.0 { 1.0 / rf } else { 0.0 };
            } else if let Some(x) = num("f") {
                f = x;
            }
        }
        let mut towgs84 =
            get("datum").and_then(datum_ellipsoid).map(|(_, s)| s).unwrap_or(NO_SHIFT);
        if let Some(t) = get("towgs84") {
            let v: Vec<f64> = t.split(',').filter_map(|x| x.trim().parse().ok()).collect();
            if v.len() == 3 || v.len() == 7 {
                towgs84 = NO_SHIFT;
                towgs84[..v.len()].copy_from_slice(&v);
            }
        }
        let unit = num("to_meter").or_else(|| get("units").and_then(unit_metres)).unwrap_or(1.0);
        let datum = Datum { a, f, towgs84 };
        let lon0 = num("lon_0").unwrap_or(0.0);
        let lat0 = num("lat_0").unwrap_or(0.0);
        let k0 = num("k_0").or_else(|| num("k")).unwrap_or(1.0);
        // PROJ's false origin is in metres whatever the units.
        let fe = num("x_0").unwrap_or(0.0) / unit;
        let fn_ = num("y_0").unwrap_or(0.0) / unit;
        match proj.as_str() {
            "longlat" | "latlong" | "lonlat" | "latlon" => {
                Ok(if towgs84 == NO_SHIFT { Crs::LonLat } else { Crs::Geographic(datum) })
            }
            "webmerc" => Ok(Crs::WebMercator),
            "merc" => {
                if f == 0.0 && a == WGS84_A && k0 == 1.0 && fe == 0.0 && fn_ == 0.0 {
                    return Ok(Crs::WebMercator);
                }
                let k0 = match num("lat_ts") {
                    Some(ts) if ts != 0.0 => m_of(ts.to_radians(), datum.e()),
                    _ => k0,
                };
                Ok(Crs::Mercator(Mercator {
                    datum,
                    lon0,
                    k0,
                    false_easting: fe,
                    false_northing: fn_,
                    unit,
                }))
            }
            "utm" => {
                let zone: u8 = get("zone")
                    .and_then(|z| z.parse().ok())
                    .filter(|z| (1..=60).contains(z))
                    .ok_or_else(|| "UTM".to_string())?;
                let mut tm = TransverseMercator::utm(zone, !has("south"));
                (tm.a, tm.f, tm.towgs84) = (a, f, towgs84);
                Ok(Crs::TransverseMercator(tm))
            }
            "tmerc" | "etmerc" => Ok(Crs::TransverseMercator(TransverseMercator {
                a,
                f,
                lon0,
                lat0,
                k0,
                false_easting: fe,
                false_northing: fn_,
                unit,
                towgs84,
            })),
            "lcc" => {
                let lat1 = num("lat_1").unwrap_or(lat0);
                Ok(Crs::LambertConformal(LambertConformal {
                    datum,
                    lat0,
                    lon0,
                    lat1,
                    lat2: num("lat_2").unwrap_or(lat1),
                    k0,
                    false_easting: fe,
                    false_northing: fn_,
                    unit,
                }))
            }
            other => Err(other.to_string()),
        }
    }

    /// The system named in a GeoJSON `crs` member ("EPSG:32644",
    /// "urn:ogc:def:crs:EPSG::32644", "urn:ogc:def:crs:OGC:1.3:CRS84", "ESRI:102100", a PROJ
    /// string); `None` when not covered.
    pub fn from_name(name: &str) -> Option<Crs> {
        let upper = name.trim().to_ascii_uppercase();
        if upper.ends_with("CRS84") || upper.ends_with("CRS:84") {
            return Some(Crs::LonLat);
        }
        if upper.starts_with("+PROJ") || upper.contains(" +PROJ") {
            return Crs::from_proj4(name).ok();
        }
        if upper.starts_with("PROJCS[") || upper.starts_with("GEOGCS[") {
            return Crs::from_prj(name).ok();
        }
        if !["EPSG", "ESRI", "OSGEO", "GOOGLE"].iter().any(|a| upper.contains(a)) {
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
        let (a, f) = spheroid(text).unwrap_or((WGS84_A, WGS84_F));
        let datum = Datum { a, f, towgs84: towgs84(text) };
        match head.as_str() {
            "GEOGCS" | "GEOGCRS" | "GEODCRS" => {
                return Ok(if datum.towgs84 == NO_SHIFT {
                    Crs::LonLat
                } else {
                    Crs::Geographic(datum)
                })
            }
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
            || upper.contains("PSEUDO_MERCATOR")
            || upper.contains("WEB_MERCATOR")
            || upper.contains("WEB MERCATOR")
        {
            return Ok(Crs::WebMercator);
        }
        let params = parameters(text);
        let param = |keys: &[&str]| -> Option<f64> {
            params.iter().find(|(k, _)| keys.contains(&k.as_str())).map(|(_, v)| *v)
        };
        let unit = last_unit(text).unwrap_or(1.0);
        let lon0 = param(&[
            "centralmeridian",
            "longitudeofnaturalorigin",
            "longitudeoforigin",
            "longitudeoffalseorigin",
            "longitudeofcenter",
        ])
        .unwrap_or(0.0);
        let lat0 = param(&[
            "latitudeoforigin",
            "latitudeofnaturalorigin",
            "latitudeoffalseorigin",
            "latitudeofcenter",
        ])
        .unwrap_or(0.0);
        let k0 = param(&["scalefactor", "scalefactoratnaturalorigin"]).unwrap_or(1.0);
        let fe = param(&["falseeasting", "eastingatfalseorigin", "eastingatnaturalorigin"])
            .unwrap_or(0.0);
        let fn_ = param(&["falsenorthing", "northingatfalseorigin", "northingatnaturalorigin"])
            .unwrap_or(0.0);
        match method_key.as_str() {
            "transversemercator" | "gausskruger" => {
                Ok(Crs::TransverseMercator(TransverseMercator {
                    a,
                    f,
                    lon0,
                    lat0,
                    k0,
                    false_easting: fe,
                    false_northing: fn_,
                    unit,
                    towgs84: datum.towgs84,
                }))
            }
            "mercator" | "mercator1sp" | "mercator2sp" | "mercatorvarianta"
            | "mercatorvariantb" => {
                let k0 = match param(&["standardparallel1", "latitudeof1ststandardparallel"]) {
                    Some(ts) if ts != 0.0 => m_of(ts.to_radians(), datum.e()),
                    _ => k0,
                };
                Ok(Crs::Mercator(Mercator {
                    datum,
                    lon0,
                    k0,
                    false_easting: fe,
                    false_northing: fn_,
                    unit,
                }))
            }
            "lambertconformalconic"
            | "lambertconformalconic1sp"
            | "lambertconformalconic2sp"
            | "lambertconicconformal1sp"
            | "lambertconicconformal2sp" => {
                let lat1 =
                    param(&["standardparallel1", "latitudeof1ststandardparallel"]).unwrap_or(lat0);
                let lat2 =
                    param(&["standardparallel2", "latitudeof2ndstandardparallel"]).unwrap_or(lat1);
                Ok(Crs::LambertConformal(LambertConformal {
                    datum,
                    lat0,
                    lon0,
                    lat1,
                    lat2,
                    k0,
                    false_easting: fe,
                    false_northing: fn_,
                    unit,
                }))
            }
            _ => Err(name),
        }
    }
}

/// (semi-major axis, flattening) of a PROJ `+ellps` name.
fn ellipsoid(name: &str) -> Option<(f64, f64)> {
    let (a, rf) = match name {
        "WGS84" => (WGS84_A, 298.257_223_563),
        "GRS80" => (6_378_137.0, 298.257_222_101),
        "WGS72" => (6_378_135.0, 298.26),
        "intl" => (6_378_388.0, 297.0),
        "clrk66" => (6_378_206.4, 294.978_698_213_898),
        "clrk80" => (6_378_249.145, 293.465),
        "clrk80ign" => (6_378_249.2, 293.466_021_293_626_9),
        "bessel" => (6_377_397.155, 299.152_812_8),
        "krass" => (6_378_245.0, 298.3),
        "airy" => (6_377_563.396, 299.324_964_6),
        "mod_airy" => (6_377_340.189, 299.324_964_6),
        "helmert" => (6_378_200.0, 298.3),
        "aust_SA" => (6_378_160.0, 298.25),
        "evrst30" => (6_377_276.345, 300.801_7),
        "evrst48" => (6_377_304.063, 300.801_7),
        "evrst56" => (6_377_301.243, 300.801_7),
        "evrst69" => (6_377_295.664, 300.801_7),
        "evrstSS" => (6_377_298.556, 300.801_7),
        "sphere" => return Some((6_370_997.0, 0.0)),
        _ => return None,
    };
    Some((a, 1.0 / rf))
}

/// Ellipsoid and shift of a PROJ `+datum` name.
fn datum_ellipsoid(name: &str) -> Option<((f64, f64), [f64; 7])> {
    match name {
        "WGS84" => Some((ellipsoid("WGS84")?, NO_SHIFT)),
        "NAD83" | "GGRS87" => Some((ellipsoid("GRS80")?, NO_SHIFT)),
        "NAD27" => Some((ellipsoid("clrk66")?, [-8.0, 160.0, 176.0, 0.0, 0.0, 0.0, 0.0])),
        _ => None,
    }
}

/// Metres per unit of a PROJ `+units` name.
fn unit_metres(name: &str) -> Option<f64> {
    Some(match name {
        "m" => 1.0,
        "km" => 1000.0,
        "ft" => 0.3048,
        "us-ft" => 1200.0 / 3937.0,
        "ind-yd" => 0.914_398_530_744_440_8,
        "ind-ft" => 0.304_799_510_248_146_9,
        "ind-ch" => 20.116_699_241_076_7,
        "yd" => 0.9144,
        _ => return None,
    })
}

/// The shift to WGS84 of a WKT text: its `TOWGS84[…]`, else EPSG's published shift for an
/// Indian datum named without one (ESRI's `.prj` files never carry `TOWGS84`).
fn towgs84(text: &str) -> [f64; 7] {
    let upper = text.to_ascii_uppercase();
    if let Some(at) = upper.find("TOWGS84[") {
        let body = &text[at + 8..];
        let end = body.find(']').unwrap_or(body.len());
        let v: Vec<f64> = body[..end].split(',').filter_map(|x| x.trim().parse().ok()).collect();
        if v.len() == 3 || v.len() == 7 {
            let mut out = NO_SHIFT;
            out[..v.len()].copy_from_slice(&v);
            return out;
        }
    }
    let datum: String = bracket_name(text, "DATUM")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    let datum = datum.strip_prefix('d').filter(|_| datum.starts_with("d")).unwrap_or(&datum);
    // EPSG transformations 1533 (Kalianpur 1975, India), 1247 (Kalianpur 1962, Pakistan),
    // 1155 / 1156 (Kalianpur 1937), 1304 (Indian 1975, Thailand), 1153 (Indian 1960), 1152
    // (Indian 1954).
    let shift: [f64; 3] = match datum {
        "kalianpur1975" | "kalianpur" => [295.0, 736.0, 257.0],
        "kalianpur1962" => [283.0, 682.0, 231.0],
        "kalianpur1937" => [282.0, 726.0, 254.0],
        "indian1975" => [210.0, 814.0, 289.0],
        "indian1960" => [198.0, 881.0, 317.0],
        "indian1954" => [217.0, 823.0, 299.0],
        _ => return NO_SHIFT,
    };
    [shift[0], shift[1], shift[2], 0.0, 0.0, 0.0, 0.0]
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
        let poly = r#"PROJCS["Everest_Polyconic",GEOGCS["x"],PROJECTION["Polyconic"]]"#;
        assert_eq!(Crs::from_prj(poly), Err("Everest_Polyconic".into()));
        assert_eq!(Crs::from_prj(""), Err(String::new()));
        assert_eq!(
            Crs::from_name("urn:ogc:def:crs:EPSG::32644"),
            Some(Crs::TransverseMercator(TransverseMercator::utm(44, true)))
        );
        assert_eq!(Crs::from_name("EPSG:4326"), Some(Crs::LonLat));
        assert_eq!(Crs::from_name("urn:ogc:def:crs:OGC:1.3:CRS84"), Some(Crs::LonLat));
        assert_eq!(Crs::from_name("EPSG:3857"), Some(Crs::WebMercator));
        assert_eq!(Crs::from_name("EPSG:5880"), None);
        assert!(matches!(Crs::from_name("EPSG:24378"), Some(Crs::LambertConformal(_))));
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
