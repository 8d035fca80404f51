//! The one store of app state, provided as context by [`crate::app::App`].
//!
//! Components read signals from here and write only through them; effects that sync with
//! the outside world (storage, URL, Leaflet) read from here too.

use std::sync::Arc;

use kshetra_core::cities::{default_city, BundledCity};
use kshetra_core::i18n::{Lang, Msg};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::data::{LoadError, LoadedCity};
use crate::platform;

/// Storage keys (local storage). Versioned so later formats can migrate.
pub mod keys {
    /// The UI language code.
    pub const LANG: &str = "kshetra.v1.lang";
    /// The selected bundled city id.
    pub const CITY: &str = "kshetra.v1.city";
    /// [`super::Settings`] as JSON.
    pub const SETTINGS: &str = "kshetra.v1.settings";
}

/// User preferences that persist across visits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Whether the OpenStreetMap (or other) tile layer is shown. When off, the app makes no
    /// request outside its own origin.
    pub base_map: bool,
    /// Tile URL template with `{z}`, `{x}`, `{y}` (and optionally `{s}`).
    pub tile_url: String,
}

impl Settings {
    /// OpenStreetMap's standard tile server.
    pub const DEFAULT_TILE_URL: &'static str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    /// Attribution required by OpenStreetMap's tile usage policy.
    pub const OSM_ATTRIBUTION: &'static str =
        r#"&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a>"#;
}

impl Default for Settings {
    fn default() -> Self {
        Settings { base_map: true, tile_url: Self::DEFAULT_TILE_URL.to_string() }
    }
}

/// Checks a tile URL template: http(s) or same-origin relative, with `{z}`, `{x}` and `{y}`.
pub fn validate_tile_url(url: &str) -> Result<(), Msg> {
    let url = url.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://") || url.starts_with('/') || url.starts_with("./");
    let placeholders_ok = ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p));
    if scheme_ok && placeholders_ok && !url.contains(char::is_whitespace) {
        Ok(())
    } else {
        Err(Msg::TileUrlInvalid)
    }
}

/// What the map shows: the result of loading the selected city.
pub type CityLoad = Result<Arc<LoadedCity>, LoadError>;

/// The app's state. `Copy`: every field is an arena handle.
#[derive(Clone, Copy)]
pub struct AppState {
    /// UI language.
    pub lang: RwSignal<Lang>,
    /// The bundled city chosen in the picker.
    pub city: RwSignal<&'static BundledCity>,
    /// Persisted preferences.
    pub settings: RwSignal<Settings>,
    /// Ward number of the ward whose details are shown.
    pub selected_ward: RwSignal<Option<String>>,
    /// The loaded ward map of [`AppState::city`] (`None` while loading).
    pub city_load: LocalResource<CityLoad>,
}

impl AppState {
    /// Creates the state from the URL (`?lang=`), then storage, then defaults.
    pub fn new() -> Self {
        let lang = platform::query_param("lang")
            .and_then(|c| Lang::from_code(&c))
            .or_else(|| platform::load::<String>(keys::LANG).and_then(|c| Lang::from_code(&c)))
            .unwrap_or_default();
        let city = platform::query_param("city")
            .or_else(|| platform::load::<String>(keys::CITY))
            .and_then(|id| BundledCity::by_id(&id))
            .unwrap_or_else(default_city);
        let settings = platform::load::<Settings>(keys::SETTINGS).unwrap_or_default();
        let city = RwSignal::new(city);
        let city_load = LocalResource::new(move || crate::data::load_bundled(city.get()));
        AppState {
            lang: RwSignal::new(lang),
            city,
            settings: RwSignal::new(settings),
            selected_ward: RwSignal::new(None),
            city_load,
        }
    }

    /// The loaded city, if loading finished successfully.
    pub fn loaded(&self) -> Option<Arc<LoadedCity>> {
        self.city_load.get().and_then(Result::ok)
    }

    /// A reactive closure giving `msg` in the current language, for use in `view!`.
    pub fn t(&self, msg: Msg) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        let lang = self.lang;
        move || msg.text(lang.get())
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// The app state from context.
pub fn use_app_state() -> AppState {
    expect_context::<AppState>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_urls() {
        assert!(validate_tile_url(Settings::DEFAULT_TILE_URL).is_ok());
        assert!(validate_tile_url("https://{s}.tile.example.org/{z}/{x}/{y}.png").is_ok());
        assert!(validate_tile_url("/tiles/{z}/{x}/{y}.png").is_ok());
        assert!(validate_tile_url("https://tile.example.org/{z}/{x}.png").is_err());
        assert!(validate_tile_url("javascript:alert(1)//{z}{x}{y}").is_err());
        assert!(validate_tile_url("").is_err());
    }
}
