//! The page's layout: top bar (name, city picker, language switch), the side panels
//! ([`crate::panels`]) and the map or ward table; and the effects that sync language, city,
//! settings, params and links to storage, the address bar and `<html lang>`.

use kshetra_core::i18n::Msg;
use leptos::prelude::*;

use crate::map::WardMapView;
use crate::panels::{
    AllocationPanel, CityPicker, CitySummary, DataSource, EditorToolbar, EstimatesPanel,
    ImportMapPanel, JoinTablePanel, LanguageSwitch, LoadStatus, OrganisersPanel, PiecesPanel,
    ProjectPanel, SettingsPanel, StatsPanel, ViewTabs, WardDetails, WardTable, ZoneLegend,
};
use crate::platform;
use crate::print_view::PrintPanel;
use crate::state::{keys, AppState, MainView};

/// The application root: creates the store, provides it, and syncs it with the outside world.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);

    // Language ⇒ <html lang>, title, storage and the address bar (so a reload keeps it).
    Effect::new(move |_| {
        let lang = state.lang.get();
        let title = format!("{} · {}", Msg::AppName.text(lang), Msg::AppTagline.text(lang));
        platform::set_document_language(lang.code(), &title);
        platform::save(keys::LANG, &lang.code());
        platform::replace_query_param("lang", lang.code());
    });
    // City ⇒ storage (and the address bar, when it names a city, so a reload agrees).
    Effect::new(move |_| {
        let id = state.city.get().id;
        platform::save(keys::CITY, &id);
        if platform::query_param("city").is_some() {
            platform::replace_query_param("city", id);
        }
    });
    // Settings and links ⇒ storage.
    Effect::new(move |_| platform::save(keys::SETTINGS, &state.settings.get()));
    Effect::new(move |_| platform::save(keys::LINKS, &state.links.get()));
    Effect::new(move |_| platform::save(keys::PARAMS, &state.params.get()));
    // Page hidden or closing (reload, tab closed, phone switching apps) ⇒ scheduled saves now,
    // so a forced reload loses nothing that was on screen.
    if let Some(window) = web_sys::window() {
        let listener =
            gloo::events::EventListener::new(&window, "pagehide", move |_| state.flush_saves());
        listener.forget();
    }

    view! {
        <header class="topbar">
            <div class="brand">
                <h1>{state.t(Msg::AppName)}</h1>
                <p class="tagline">{state.t(Msg::AppTagline)}</p>
            </div>
            <div class="topbar-controls">
                <CityPicker/>
                <LanguageSwitch/>
            </div>
        </header>
        <main class="workspace">
            <aside class="sidebar">
                <LoadStatus/>
                <CitySummary/>
                <EstimatesPanel/>
                <OrganisersPanel/>
                <AllocationPanel/>
                <WardDetails/>
                <StatsPanel/>
                <PiecesPanel/>
                <PrintPanel/>
                <ProjectPanel/>
                <ZoneLegend/>
                <ImportMapPanel/>
                <JoinTablePanel/>
                <SettingsPanel/>
                <DataSource/>
            </aside>
            <div class="main-view">
                <div class="view-bar">
                    <ViewTabs/>
                    <EditorToolbar/>
                </div>
                <div class="view-body" class:hidden=move || state.view.get() != MainView::Map>
                    <WardMapView/>
                </div>
                <Show when=move || state.view.get() == MainView::Table>
                    <WardTable/>
                </Show>
            </div>
        </main>
    }
}
