//! Loading ward maps into the core model. Only same-origin requests: bundled maps are files
//! under the app's own base URL (`data/<city>.geojson`), fetched with a relative URL so the
//! app works under any sub-path.

use std::sync::Arc;

use kshetra_core::cities::BundledCity;
use kshetra_core::import::{geojson, ImportError, ImportWarning};
use kshetra_core::WardMap;

/// A ward map ready to show, with what the import had to say.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedCity {
    /// The bundled city it came from.
    pub city: &'static BundledCity,
    /// The wards.
    pub map: WardMap,
    /// Total ward area in km².
    pub area_km2: f64,
    /// Recoverable problems met while importing.
    pub warnings: Vec<ImportWarning>,
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
pub async fn load_bundled(city: &'static BundledCity) -> Result<Arc<LoadedCity>, LoadError> {
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
pub fn from_bytes(city: &'static BundledCity, bytes: &[u8]) -> Result<LoadedCity, LoadError> {
    let imported = geojson::parse(city.path, bytes).map_err(LoadError::Import)?;
    let area_km2 = imported.map.total_area_m2() / 1e6;
    Ok(LoadedCity { city, map: imported.map, area_km2, warnings: imported.warnings })
}
