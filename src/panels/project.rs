//! The project panel: save and open the project file (`.kshetra.json`), export the
//! allocation (CSV, GeoJSON, KML; wards or dissolved areas), and the projects kept in this
//! browser (one per map) to switch between.

use std::sync::Arc;

use kshetra_core::cities::BundledCity;
use kshetra_core::format::group_indian_u64;
use kshetra_core::i18n::Msg;
use kshetra_core::project::export::{
    areas_geojson, areas_kml, plan_csv, plan_wards_geojson, plan_wards_kml, ExportOptions,
};
use kshetra_core::project::{load_project, save_project, MapSource as FileSource};
use leptos::prelude::*;

use crate::data::{CityMap, MapSource};
use crate::persist::ProjectSummary;
use crate::platform;
use crate::state::{use_app_state, AppState};
use kshetra_core::messages::UserText;

/// A file name made from the map's name: letters, digits and dashes only.
fn file_stem(name: &str) -> String {
    let s: String = name.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "kshetra".into()
    } else {
        s
    }
}

/// Downloads the current project with its map as a project file (`.kshetra.json`).
pub fn download_project_file(state: AppState) {
    let editor = state.editor;
    let Some(current) = state.current.get_untracked() else { return };
    let Some(mut project) = editor.project.get_untracked() else { return };
    project.poor = state.params.with_untracked(|p| p.poor);
    let lang = state.lang.get_untracked();
    let source = FileSource {
        name: current.name(lang),
        attribution: current.attribution().map(|a| a.text()),
        url: None,
    };
    let text = save_project(&project, &current.map, &source);
    platform::download(
        &format!("{}.kshetra.json", file_stem(&current.name(lang))),
        "application/json",
        text.as_bytes(),
    );
}

/// The project panel.
#[component]
pub fn ProjectPanel() -> impl IntoView {
    let state = use_app_state();
    let editor = state.editor;
    let opened: RwSignal<Option<String>> = RwSignal::new(None);
    let error: RwSignal<Option<String>> = RwSignal::new(None);
    let kept: RwSignal<Vec<ProjectSummary>> = RwSignal::new(Vec::new());
    let refresh = move || {
        leptos::task::spawn_local(async move { kept.set(crate::persist::projects().await) })
    };
    refresh();
    // Keep the list fresh as the officer works (names, counts).
    Effect::new(move |_| {
        editor.history.track();
        state.current.track();
        let t = gloo::timers::callback::Timeout::new(600, refresh);
        t.forget();
    });

    let save_file = move |_| download_project_file(state);

    let open_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::platform::chosen_file(&ev) else { return };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let bytes = crate::platform::file_bytes(&file).await;
            let lang = state.lang.get_untracked();
            match load_project(&name, &bytes) {
                Ok(loaded) => {
                    error.set(None);
                    // A bundled city's project opens on that city; anything else as a file.
                    let source = match BundledCity::by_id(&loaded.project.map_key) {
                        Some(city) => MapSource::Bundled(city),
                        None => MapSource::Imported {
                            file: loaded.project.map_key.trim_start_matches("file:").to_string(),
                        },
                    };
                    let mut map = CityMap::new(source, loaded.map, Vec::new());
                    map.changed = true;
                    let map = Arc::new(map);
                    state.params.update(|p| p.poor = loaded.project.poor);
                    let mut project = loaded.project;
                    project.map_key = map.key();
                    editor.adopt(map.key(), project);
                    state.replace_map(map);
                    let mut note = Msg::ProjectOpened.fill(lang, &[("file", &name)]);
                    if let Some(v) = loaded.migrated_from {
                        note.push(' ');
                        note.push_str(
                            &Msg::ProjectMigrated.fill(lang, &[("version", &v.to_string())]),
                        );
                    }
                    opened.set(Some(note));
                }
                Err(e) => {
                    opened.set(None);
                    error.set(Some(e.message(lang)));
                }
            }
        });
    };

    let export = move |kind: &'static str| {
        let Some(current) = state.current.get_untracked() else { return };
        let Some(project) = editor.project.get_untracked() else { return };
        let poor = editor.poor.get_untracked();
        let lang = state.lang.get_untracked();
        let stem = file_stem(&current.name(lang));
        let options = ExportOptions::default();
        let (name, mime, bytes) = match kind {
            "csv" => (
                format!("{stem}-allocation.csv"),
                "text/csv;charset=utf-8",
                plan_csv(&current.map, &project, &poor, options),
            ),
            "wards-geojson" => (
                format!("{stem}-wards.geojson"),
                "application/geo+json",
                plan_wards_geojson(&current.map, &project, &poor, options).into_bytes(),
            ),
            "wards-kml" => (
                format!("{stem}-wards.kml"),
                "application/vnd.google-earth.kml+xml",
                plan_wards_kml(&current.map, &project, &poor, options).into_bytes(),
            ),
            "areas-geojson" => (
                format!("{stem}-areas.geojson"),
                "application/geo+json",
                areas_geojson(&current.map, &project, &poor, options).into_bytes(),
            ),
            _ => (
                format!("{stem}-areas.kml"),
                "application/vnd.google-earth.kml+xml",
                areas_kml(&current.map, &project, &poor, options).into_bytes(),
            ),
        };
        platform::download(&name, mime, &bytes);
    };

    let switch_to = move |key: String| {
        if let Some(city) = BundledCity::by_id(&key) {
            state.load_bundled(city);
        } else {
            leptos::task::spawn_local(async move {
                match crate::persist::load(&key).await {
                    crate::persist::Stored::Found(map) => {
                        crate::persist::set_current(&key).await;
                        state.replace_map(Arc::new(map));
                    }
                    crate::persist::Stored::Kept(kept) => state.editor.tell_kept(kept),
                    crate::persist::Stored::Absent => {}
                }
            });
        }
    };

    view! {
        <section class="panel project" aria-labelledby="project-heading">
            <h2 id="project-heading">{state.t(Msg::ProjectHeading)}</h2>
            <div class="row-buttons">
                <button type="button" on:click=save_file>{state.t(Msg::SaveProjectFile)}</button>
            </div>
            <label class="field">
                <span>{state.t(Msg::OpenProjectFile)}</span>
                <input type="file" accept=".json,.kshetra.json,application/json" on:change=open_file/>
            </label>
            {move || opened.get().map(|m| view! { <p class="note" role="status" data-testid="project-opened">{m}</p> })}
            {move || error.get().map(|m| view! { <p class="error" role="alert" data-testid="project-error">{m}</p> })}
            <h3>{state.t(Msg::ExportsHeading)}</h3>
            <ul class="exports">
                <li><button type="button" class="link" on:click=move |_| export("csv")>{state.t(Msg::ExportCsv)}</button></li>
                <li><button type="button" class="link" on:click=move |_| export("wards-geojson")>{state.t(Msg::ExportWardsGeojson)}</button></li>
                <li><button type="button" class="link" on:click=move |_| export("wards-kml")>{state.t(Msg::ExportWardsKml)}</button></li>
                <li><button type="button" class="link" on:click=move |_| export("areas-geojson")>{state.t(Msg::ExportAreasGeojson)}</button></li>
                <li><button type="button" class="link" on:click=move |_| export("areas-kml")>{state.t(Msg::ExportAreasKml)}</button></li>
            </ul>
            <h3>{state.t(Msg::ProjectsInBrowser)}</h3>
            <ul class="projects" data-testid="projects">
                {move || {
                    let lang = state.lang.get();
                    let current_key = state.current.with(|c| c.as_ref().map(|c| c.key()));
                    kept.get().into_iter().map(|p| {
                        let is_current = current_key.as_deref() == Some(p.key.as_str());
                        let key = p.key.clone();
                        let line = Msg::ProjectLine.fill(lang, &[
                            ("name", &p.name),
                            ("organisers", &group_indian_u64(p.organisers as u64)),
                            ("assigned", &group_indian_u64(p.assigned as u64)),
                        ]);
                        view! {
                            <li>
                                {line}" "
                                {if is_current {
                                    view! { <span class="detail">{Msg::CurrentProject.text(lang)}</span> }.into_any()
                                } else {
                                    view! { <button type="button" class="link" on:click=move |_| switch_to(key.clone())>{Msg::OpenButton.text(lang)}</button> }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </section>
    }
}
