//! The city map the app works on, and loading bundled maps. Only same-origin requests:
//! bundled maps are files under the app's own base URL (`data/<city>.geojson`), fetched with
//! a relative URL so the app works under any sub-path.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use kshetra_core::cities::{Attribution, BundledCity};
use kshetra_core::i18n::Lang;
use kshetra_core::import::{geojson, ImportError, ImportWarning};
use kshetra_core::WardMap;

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
}

/// Why a ward map could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The request did not complete (offline, blocked).
    Network(String),
    /// The server answered with an error status.
    Http(u16),
    /// The file arrived but could not be read.
    Import(ImportError),
}

/// Fetches and parses a bundled city.
pub async fn load_bundled(city: &'static BundledCity) -> Result<Arc<CityMap>, LoadError> {
    let response = gloo::net::http::Request::get(city.path)
        .send()
        .await
        .map_err(|e| LoadError::Network(e.to_string()))?;
    if !response.ok() {
        return Err(LoadError::Http(response.status()));
    }
    let bytes = response.binary().await.map_err(|e| LoadError::Network(e.to_string()))?;
    from_bytes(city, &bytes).map(Arc::new)
}

/// Parses a bundled city's bytes (separate from the fetch so it can be tested anywhere).
pub fn from_bytes(city: &'static BundledCity, bytes: &[u8]) -> Result<CityMap, LoadError> {
    let imported = geojson::parse(city.path, bytes).map_err(LoadError::Import)?;
    Ok(CityMap::new(MapSource::Bundled(city), imported.map, imported.warnings))
}
