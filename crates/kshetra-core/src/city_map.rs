//! The ward map the app works on ([`CityMap`]): the wards with where they came from
//! ([`MapSource`]), their total area, the import's warnings and whether the officer changed
//! them. Loading a bundled map over the network stays in the app; this is the value it makes.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::cities::{Attribution, BundledCity};
use crate::i18n::Lang;
use crate::import::ImportWarning;
use crate::model::WardMap;

/// Maps of at least this many wards are "big": their adjacency graph is built off the page
/// (in the app's worker), they are drawn on one canvas, and areas are shown by colour and
/// label only (no dissolved outlines).
pub const BIG_MAP_WARDS: usize = 2000;

/// Where the current map came from.
#[derive(Debug, Clone, PartialEq)]
pub enum MapSource {
    /// A map shipped with the app.
    Bundled(&'static BundledCity),
    /// A file the officer imported.
    Imported {
        /// File name.
        file: String,
    },
}

impl MapSource {
    /// The key ([`CityMap::key`]) of an imported file's map.
    pub fn imported_key(file: &str) -> String {
        format!("file:{file}")
    }
}

/// The ward map the app is working on, with what the import had to say.
#[derive(Debug, Clone, PartialEq)]
pub struct CityMap {
    /// Changes whenever a different map is loaded (not when a ward is edited): the map view
    /// refits to the city only when this changes.
    pub id: u64,
    /// Where it came from.
    pub source: MapSource,
    /// The wards.
    pub map: WardMap,
    /// Total ward area in km².
    pub area_km2: f64,
    /// Recoverable problems met while importing.
    pub warnings: Vec<ImportWarning>,
    /// Imported, or figures edited: kept in the browser's storage (a pristine bundled map is
    /// not, so a newer bundled file is always picked up).
    pub changed: bool,
}

impl CityMap {
    /// A freshly loaded map with a new id.
    pub fn new(source: MapSource, map: WardMap, warnings: Vec<ImportWarning>) -> Self {
        let area_km2 = map.total_area_m2() / 1e6;
        Self::with_area(source, map, warnings, area_km2)
    }

    /// [`CityMap::new`] with the total area already computed (by the import worker).
    pub fn with_area(
        source: MapSource,
        map: WardMap,
        warnings: Vec<ImportWarning>,
        area_km2: f64,
    ) -> Self {
        static NEXT_ID: AtomicU64 = AtomicU64::new(1);
        let changed = matches!(source, MapSource::Imported { .. });
        CityMap {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            source,
            map,
            area_km2,
            warnings,
            changed,
        }
    }

    /// A stable key for things kept per map (the officer's links): `bundled:<id>` or
    /// `file:<name>`.
    pub fn key(&self) -> String {
        match &self.source {
            MapSource::Bundled(c) => c.id.to_string(),
            MapSource::Imported { file } => MapSource::imported_key(file),
        }
    }

    /// The map's name for people: the city, or the file name.
    pub fn name(&self, lang: Lang) -> String {
        match &self.source {
            MapSource::Bundled(c) => c.name(lang).to_string(),
            MapSource::Imported { file } => file.clone(),
        }
    }

    /// The data attribution, for bundled maps.
    pub fn attribution(&self) -> Option<Attribution> {
        match &self.source {
            MapSource::Bundled(c) => Some(c.attribution),
            MapSource::Imported { .. } => None,
        }
    }

    /// Whether this is a big map (at least [`BIG_MAP_WARDS`] wards).
    pub fn is_big(&self) -> bool {
        self.map.wards().len() >= BIG_MAP_WARDS
    }
}

/// Why a ward map could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request did not complete (offline, blocked).
    Network(String),
    /// The server answered with an error status.
    Http(u16),
    /// The file arrived but could not be read.
    Import(crate::import::ImportError),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cities::BUNDLED_CITIES;

    fn two_wards() -> WardMap {
        let square = |x: f64, n: u32| {
            format!(
                r#"{{"type":"Feature","properties":{{"Ward_No":"{n}","POPULATION":100}},"geometry":{{"type":"Polygon","coordinates":[[[{x},23.0],[{x1},23.0],[{x1},23.01],[{x},23.01],[{x},23.0]]]}}}}"#,
                x1 = x + 0.01
            )
        };
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{},{}]}}"#,
            square(77.0, 1),
            square(77.01, 2)
        );
        crate::import::geojson::parse("two.geojson", text.as_bytes()).unwrap().map
    }

    #[test]
    fn each_map_gets_its_own_id_and_its_area() {
        let a = CityMap::new(MapSource::Imported { file: "a.geojson".into() }, two_wards(), vec![]);
        let b = CityMap::new(MapSource::Imported { file: "a.geojson".into() }, two_wards(), vec![]);
        assert_ne!(a.id, b.id);
        assert!((a.area_km2 - a.map.total_area_m2() / 1e6).abs() < 1e-12);
        assert!(a.area_km2 > 2.0 && a.area_km2 < 2.5, "{}", a.area_km2);
        let c =
            CityMap::with_area(MapSource::Imported { file: "c".into() }, two_wards(), vec![], 7.5);
        assert_eq!(c.area_km2, 7.5);
    }

    #[test]
    fn keys_names_attribution_and_changed_follow_the_source() {
        let city = &BUNDLED_CITIES[0];
        let bundled = CityMap::new(MapSource::Bundled(city), two_wards(), vec![]);
        assert_eq!(bundled.key(), city.id);
        assert_eq!(bundled.name(Lang::En), city.name_en);
        assert_eq!(bundled.name(Lang::Hi), city.name_hi);
        assert_eq!(bundled.attribution(), Some(city.attribution));
        assert!(!bundled.changed, "a pristine bundled map is not kept in the browser");

        let file = CityMap::new(MapSource::Imported { file: "x.kml".into() }, two_wards(), vec![]);
        assert_eq!(file.key(), "file:x.kml");
        assert_eq!(file.key(), MapSource::imported_key("x.kml"));
        assert_eq!(file.name(Lang::Hi), "x.kml");
        assert_eq!(file.attribution(), None);
        assert!(file.changed, "an imported map is kept in the browser");
        assert!(!file.is_big());
    }
}

/// Work kept in the browser that this version cannot open: a saved map or project record with
/// an unknown (e.g. newer) format version, or one that cannot be read. It is never replaced or
/// deleted; the officer is told ([`crate::messages::kept_record`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptRecord {
    /// A saved map or a saved project.
    pub kind: KeptKind,
    /// The map key it belongs to (`lucknow`, `file:wards.geojson`, …).
    pub key: String,
    /// Its format version, when it has one this version does not know; `None` when the
    /// record could not be read at all.
    pub version: Option<u32>,
}

/// What a [`KeptRecord`] holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeptKind {
    /// A saved ward map.
    Map,
    /// A saved project (organisers, plan, history).
    Project,
}
