//! The one store of app state, provided as context by the app's root component (`app::App`).
//!
//! Components read signals from here and change state only through them or through the
//! actions below; effects that sync with the outside world (storage, URL, Leaflet) read from
//! here too.

use std::collections::BTreeMap;
use std::sync::Arc;

use kshetra_core::adjacency::{connectivity, AdjacencyOptions, Connectivity};
use kshetra_core::cities::{default_city, BundledCity};
use kshetra_core::estimate::{estimate, CityEstimate, PoorParams};
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::model::WardEdit;
pub use kshetra_core::settings::Settings;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::data::{CityMap, LoadError};
use crate::platform;

/// Storage keys (local storage). Versioned so later formats can migrate.
pub mod keys {
    /// The UI language code.
    pub const LANG: &str = "kshetra.v1.lang";
    /// The selected bundled city id.
    pub const CITY: &str = "kshetra.v1.city";
    /// [`super::Settings`] as JSON.
    pub const SETTINGS: &str = "kshetra.v1.settings";
    /// The officer's extra ward links, per map key.
    pub const LINKS: &str = "kshetra.v1.links";
    /// [`super::CityParams`] as JSON.
    pub const PARAMS: &str = "kshetra.v1.params";
}

/// The city's figures for the mission: how poor households are estimated, and how many
/// organisers the city has.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct CityParams {
    /// Poor share, household size, norm.
    pub poor: PoorParams,
    /// Organisers the city actually has (`None` = not entered yet).
    pub organisers_available: Option<u64>,
}

/// State of loading a bundled map.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    /// Nothing in flight.
    Idle,
    /// A bundled map is being fetched.
    Loading,
    /// The last load failed; what was shown before is kept.
    Failed(LoadError),
}

/// Which view fills the main area.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MainView {
    /// The map.
    Map,
    /// The ward table.
    Table,
}

/// From this many wards on, the adjacency graph is built in a worker (a 10,000-ward map takes
/// seconds); below it, in the page (Bhubaneswar's 67 wards: a few milliseconds).
pub use kshetra_core::city_map::BIG_MAP_WARDS;

/// What an adjacency graph was built for: a map (by id), a tolerance and the officer's links.
#[derive(Debug, Clone, PartialEq)]
pub struct GraphKey {
    map: u64,
    tolerance_bits: u64,
    links: Vec<(String, String)>,
}

impl GraphKey {
    /// The key of `map` with `tolerance_m` and `links`.
    pub fn new(map: &CityMap, tolerance_m: f64, links: Vec<(String, String)>) -> Self {
        GraphKey { map: map.id, tolerance_bits: tolerance_m.to_bits(), links }
    }
}

/// A graph with what it was built for.
type KeyedGraph = Option<(GraphKey, Arc<Connectivity>)>;

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
    /// The map being worked on (`None` until the first load finishes).
    pub current: RwSignal<Option<Arc<CityMap>>>,
    /// Loading of bundled maps.
    pub load: RwSignal<LoadStatus>,
    /// Sequence number of the latest bundled load; older answers are ignored.
    load_seq: StoredValue<u64>,
    /// The pending debounced save (dropping it cancels it).
    save_timer: StoredValue<Option<gloo::timers::callback::Timeout>, LocalStorage>,
    /// A map save is scheduled and has not started yet.
    map_save_pending: StoredValue<bool>,
    /// Links the officer added between wards (by ward number), per map key: e.g. across a
    /// river, or to join an island.
    pub links: RwSignal<BTreeMap<String, Vec<(String, String)>>>,
    /// Estimation settings and organisers available.
    pub params: RwSignal<CityParams>,
    /// Map or ward table.
    pub view: RwSignal<MainView>,
    /// Adjacency graph of the current map with the links, its pieces and suggested bridges.
    /// Built in the page for small maps; for big ones (≥ [`BIG_MAP_WARDS`]) handed over by
    /// the import or built in a worker, `None` meanwhile.
    pub connectivity: Memo<Option<Arc<Connectivity>>>,
    /// A graph built off the page (worker) or handed over by an import.
    graph_ready: RwSignal<KeyedGraph>,
    /// Poor households per ward and organisers needed, for the current map.
    pub estimate: Memo<Option<Arc<CityEstimate>>>,
    /// The officer's project for the current map: organisers, plan, undo history.
    pub editor: crate::editor::Editor,
}

impl AppState {
    /// Creates the state from the URL (`?lang=`, `?city=`), then storage, then defaults, and
    /// starts loading the city's map.
    pub fn new() -> Self {
        let lang = platform::query_param("lang")
            .and_then(|c| Lang::from_code(&c))
            .or_else(|| platform::load::<String>(keys::LANG).and_then(|c| Lang::from_code(&c)))
            .unwrap_or_default();
        let city = platform::query_param("city")
            .or_else(|| platform::load::<String>(keys::CITY))
            .and_then(|id| BundledCity::by_id(&id))
            .unwrap_or_else(default_city);
        let settings =
            RwSignal::new(platform::load::<Settings>(keys::SETTINGS).unwrap_or_default());
        let current: RwSignal<Option<Arc<CityMap>>> = RwSignal::new(None);
        let links = RwSignal::new(
            platform::load::<BTreeMap<String, Vec<(String, String)>>>(keys::LINKS)
                .unwrap_or_default(),
        );
        let params = RwSignal::new(platform::load::<CityParams>(keys::PARAMS).unwrap_or_default());
        let graph_ready: RwSignal<KeyedGraph> = RwSignal::new(None);
        // The graph built in the page last (edits of figures do not rebuild it), and the one
        // being built in a worker.
        let graph_cache: StoredValue<KeyedGraph> = StoredValue::new(None);
        let graph_pending: StoredValue<Option<GraphKey>> = StoredValue::new(None);
        let connectivity = Memo::new(move |_| {
            let current = current.get()?;
            let tolerance = settings.with(|s| s.tolerance_m);
            let map_links = links.with(|l| l.get(&current.key()).cloned().unwrap_or_default());
            let key = GraphKey::new(&current, tolerance, map_links);
            let matching =
                |g: &KeyedGraph| g.as_ref().filter(|(k, _)| *k == key).map(|(_, c)| c.clone());
            if let Some(c) = graph_ready.with(matching).or_else(|| graph_cache.with_value(matching))
            {
                return Some(c);
            }
            let options = AdjacencyOptions::tolerant(tolerance);
            if current.map.wards().len() < BIG_MAP_WARDS {
                let c = Arc::new(connectivity(&current.map, &options, &key.links));
                graph_cache.set_value(Some((key, c.clone())));
                return Some(c);
            }
            if graph_pending.with_value(|p| p.as_ref() != Some(&key)) {
                graph_pending.set_value(Some(key.clone()));
                leptos::task::spawn_local(async move {
                    let built = crate::worker::connectivity(
                        current.map.clone(),
                        options,
                        key.links.clone(),
                    )
                    .await;
                    let built =
                        built.unwrap_or_else(|| connectivity(&current.map, &options, &key.links));
                    if graph_pending.with_value(|p| p.as_ref() == Some(&key)) {
                        graph_ready.set(Some((key, Arc::new(built))));
                    }
                });
            }
            None
        });
        let estimate = Memo::new(move |_| {
            let current = current.get()?;
            Some(Arc::new(estimate(&current.map, &params.with(|p| p.poor))))
        });
        let lang = RwSignal::new(lang);
        let selected_ward = RwSignal::new(None);
        let editor =
            crate::editor::Editor::new(current, connectivity, estimate, lang, selected_ward);
        editor.follow(current, lang);
        let state = AppState {
            lang,
            city: RwSignal::new(city),
            settings,
            selected_ward,
            current,
            load: RwSignal::new(LoadStatus::Idle),
            load_seq: StoredValue::new(0),
            save_timer: StoredValue::new_local(None),
            map_save_pending: StoredValue::new(false),
            links,
            params,
            view: RwSignal::new(MainView::Map),
            connectivity,
            graph_ready,
            estimate,
            editor,
        };
        // Start with the map last worked on (kept in the browser), unless the address names
        // a city; otherwise the chosen bundled city.
        let explicit_city = platform::query_param("city").is_some();
        state.load.set(LoadStatus::Loading);
        let seq = state.next_load();
        leptos::task::spawn_local(async move {
            let last = if explicit_city { None } else { crate::persist::current_key().await };
            if let Some(key) = last {
                // A bundled city: load_bundled prefers the officer's saved copy.
                if let Some(c) = BundledCity::by_id(&key) {
                    return state.load_bundled(c);
                }
                match crate::persist::load(&key).await {
                    crate::persist::Stored::Found(map) => {
                        if state.load_seq.get_value() == seq {
                            state.replace_map(Arc::new(map));
                            state.load.set(LoadStatus::Idle);
                        }
                        return;
                    }
                    // Kept untouched; the officer is told and starts on the bundled city.
                    crate::persist::Stored::Kept(kept) => state.editor.tell_kept(kept),
                    crate::persist::Stored::Absent => {}
                }
            }
            state.load_bundled(city);
        });
        state
    }

    fn next_load(&self) -> u64 {
        let seq = self.load_seq.get_value() + 1;
        self.load_seq.set_value(seq);
        seq
    }

    /// Loads a bundled city's map — the officer's saved copy if they edited it, else the
    /// bundled file; the current map stays until it has arrived.
    pub fn load_bundled(&self, city: &'static BundledCity) {
        self.city.set(city);
        self.load.set(LoadStatus::Loading);
        let seq = self.next_load();
        let this = *self;
        leptos::task::spawn_local(async move {
            let saved = match crate::persist::load(city.id).await {
                crate::persist::Stored::Found(map) => Some(Arc::new(map)),
                crate::persist::Stored::Kept(kept) => {
                    // The saved copy stays untouched; the bundled file is shown instead.
                    this.editor.tell_kept(kept);
                    None
                }
                crate::persist::Stored::Absent => None,
            };
            let result = match saved {
                Some(map) => Ok(map),
                None => crate::data::load_bundled(city).await,
            };
            if this.load_seq.get_value() != seq {
                return; // A newer request superseded this one.
            }
            match result {
                Ok(map) => {
                    crate::persist::set_current(&map.key()).await;
                    this.replace_map(map);
                    this.load.set(LoadStatus::Idle);
                }
                Err(e) => this.load.set(LoadStatus::Failed(e)),
            }
        });
    }

    /// Drops the officer's saved copy of a bundled city and loads the original file again.
    pub fn restore_original(&self, city: &'static BundledCity) {
        let this = *self;
        leptos::task::spawn_local(async move {
            crate::persist::forget(city.id).await;
            this.load_bundled(city);
        });
    }

    /// Makes `map` the current map (an import is saved in the browser at once).
    pub fn replace_map(&self, map: Arc<CityMap>) {
        self.replace_map_with(map, None);
    }

    /// Makes an imported map current with what the worker prepared for it: its adjacency graph
    /// (built with `tolerance_m` and `links`) and the record to save, so the page does not
    /// redo that work.
    pub fn take_import(
        &self,
        map: Arc<CityMap>,
        tolerance_m: f64,
        links: Vec<(String, String)>,
        graph: Connectivity,
        record: Option<String>,
    ) {
        self.graph_ready.set(Some((GraphKey::new(&map, tolerance_m, links), Arc::new(graph))));
        self.replace_map_with(map, record);
    }

    fn replace_map_with(&self, map: Arc<CityMap>, record: Option<String>) {
        self.selected_ward.set(None);
        // A newer load must not overwrite this choice.
        self.next_load();
        if map.changed {
            let storage = self.editor.storage;
            let key = map.key();
            // Made now, so it holds exactly the figure edits journalled so far.
            let resaved = record.is_none().then(|| crate::persist::save(&map));
            leptos::task::spawn_local(async move {
                let result = match (record, resaved) {
                    (Some(text), _) => crate::persist::save_text(&key, &text).await,
                    (None, Some(saving)) => saving.await,
                    (None, None) => Ok(()),
                };
                if let Err(problem) = result {
                    storage.set(Some(problem));
                }
            });
        }
        self.current.set(Some(map));
    }

    /// The current map, if any.
    pub fn loaded(&self) -> Option<Arc<CityMap>> {
        self.current.get()
    }

    /// Changes one ward's figures in the current map. The edit is kept in the browser at once
    /// (journalled beside the saved map, [`crate::persist::journal_edit`]); the whole map is
    /// saved again a while after typing stops.
    pub fn edit_ward(&self, index: usize, edit: WardEdit) {
        let Some(before) = self.current.get_untracked() else { return };
        let Some(ward) = before.map.wards().get(index).map(|w| w.number.clone()) else { return };
        let first_change = !before.changed;
        drop(before);
        self.change_map(|m| m.map.edit(index, edit.clone()));
        if first_change {
            // No saved record to journal against yet (a bundled map's first edit): save the
            // map itself now (bundled maps are small).
            self.save_map_now();
            return;
        }
        let Some(map) = self.current.get_untracked() else { return };
        let storage = self.editor.storage;
        let journalled = crate::persist::journal_edit(&map.key(), &ward, edit);
        leptos::task::spawn_local(async move {
            if let Err(problem) = journalled.await {
                storage.set(Some(problem));
            }
        });
        self.schedule_save();
    }

    /// Changes the current map's figures (not its shapes), e.g. a joined ward table, and
    /// saves it at once.
    pub fn update_map(&self, change: impl FnOnce(&mut CityMap)) {
        self.change_map(change);
        self.save_map_now();
    }

    fn change_map(&self, change: impl FnOnce(&mut CityMap)) {
        self.current.update(|c| {
            if let Some(c) = c {
                let m = Arc::make_mut(c);
                change(m);
                m.changed = true;
            }
        });
    }

    /// Saves the current map now if a save is scheduled (the page is being hidden or closed),
    /// and the project too.
    pub fn flush_saves(&self) {
        if self.map_save_pending.get_value() {
            self.save_map_now();
        }
        self.editor.flush_save();
    }

    fn save_map_now(&self) {
        self.map_save_pending.set_value(false);
        self.save_timer.update_value(|t| *t = None);
        let Some(map) = self.current.get_untracked() else { return };
        let storage = self.editor.storage;
        let saved = crate::persist::save(&map);
        leptos::task::spawn_local(async move {
            if let Err(problem) = saved.await {
                storage.set(Some(problem));
            }
        });
    }

    /// Saves the whole current map about a second after the last figure edit (a map with
    /// 10,000 wards takes about a second to turn into its record; each edit is journalled at
    /// once meanwhile). [`AppState::flush_saves`] saves at once when the page is hidden.
    fn schedule_save(&self) {
        self.map_save_pending.set_value(true);
        let this = *self;
        let timer = gloo::timers::callback::Timeout::new(800, move || this.save_map_now());
        self.save_timer.update_value(|t| *t = Some(timer));
    }

    /// Adds links (ward numbers) for the map with this key.
    pub fn add_links(&self, map_key: &str, new: impl IntoIterator<Item = (String, String)>) {
        self.links.update(|l| {
            let list = l.entry(map_key.to_string()).or_default();
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
