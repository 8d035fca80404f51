//! Loading bundled maps into the city map the app works on ([`CityMap`], a core value,
//! re-exported here with [`MapSource`]). Only same-origin requests:
//! bundled maps are files under the app's own base URL (`data/<city>.geojson`), fetched with
//! a relative URL so the app works under any sub-path.

use std::sync::Arc;

use kshetra_core::cities::BundledCity;
pub use kshetra_core::city_map::{CityMap, LoadError, MapSource};
use kshetra_core::import::geojson;

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
