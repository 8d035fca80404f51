//! The one store of app state, provided as context by [`crate::app::App`].
//!
//! Components read signals from here and write only through them; effects that sync with
//! the outside world (storage, URL, Leaflet) read from here too.

use std::collections::BTreeMap;
use std::sync::Arc;

use kshetra_core::adjacency::{connectivity, AdjacencyOptions, Connectivity};

use kshetra_core::cities::{default_city, BundledCity};
use kshetra_core::i18n::{Lang, Msg};
pub use kshetra_core::settings::Settings;
use leptos::prelude::*;

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
    /// The officer's extra ward links, per city id.
    pub const LINKS: &str = "kshetra.v1.links";
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
    /// Links the officer added between wards (by ward number), per city id: e.g. across a
    /// river, or to join an island.
    pub links: RwSignal<BTreeMap<String, Vec<(String, String)>>>,
    /// Adjacency graph of the loaded city with the links, its pieces and suggested bridges.
    pub connectivity: Memo<Option<Arc<Connectivity>>>,
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
        let settings = RwSignal::new(settings);
        let links = RwSignal::new(platform::load::<BTreeMap<String, Vec<(String, String)>>>(keys::LINKS).unwrap_or_default());
        let connectivity = Memo::new(move |_| {
            let loaded = city_load.get().and_then(Result::ok)?;
            let options = AdjacencyOptions::tolerant(settings.with(|s| s.tolerance_m));
            let city_links = links.with(|l| l.get(loaded.city.id).cloned().unwrap_or_default());
            Some(Arc::new(connectivity(&loaded.map, &options, &city_links)))
        });
        AppState {
            lang: RwSignal::new(lang),
            city,
            settings,
            selected_ward: RwSignal::new(None),
            city_load,
            links,
            connectivity,
        }
    }

    /// The loaded city, if loading finished successfully.
    pub fn loaded(&self) -> Option<Arc<LoadedCity>> {
        self.city_load.get().and_then(Result::ok)
    }

    /// Adds links (ward numbers) for the loaded city.
    pub fn add_links(&self, city_id: &str, new: impl IntoIterator<Item = (String, String)>) {
        self.links.update(|l| {
            let list = l.entry(city_id.to_string()).or_default();
            for (a, b) in new {
                let key = if a <= b { (a, b) } else { (b, a) };
                if !list.contains(&key) {
                    list.push(key);
                }
            }
        });
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
