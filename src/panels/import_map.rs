//! Import of a city's own ward map (GeoJSON, KML/KMZ, zipped Shapefile), with a preview
//! before anything replaces the current map.
//!
//! The panel only reads the file and shows what the core says: `import::read_any`,
//! `FieldMapping::detect` / `apply`, `import::problems`.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use kshetra_core::adjacency::AdjacencyOptions;
use kshetra_core::format::group_indian_u64;
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::import::{Field, FieldMapping, ImportError};
use leptos::prelude::*;

use crate::data::{CityMap, MapSource};
use crate::state::use_app_state;
use kshetra_core::messages::UserText;
use kshetra_core::worker_protocol::{ImportPreview, ImportStep, RawSummary};

use crate::worker::ImportSession;

use super::first_file;
use super::mapping_form::MappingForm;

/// A map file read but not yet accepted. The file's data stay in its [`ImportSession`] (in a
/// Web Worker when one runs), kept in [`SESSION`]; the panel holds only what it shows.
#[derive(Clone)]
struct PendingMap {
    /// Which import session (see [`SESSION`]).
    session: u64,
    /// What the file holds.
    summary: Arc<RawSummary>,
    /// The mapping shown.
    mapping: FieldMapping,
    /// What the mapping gives; `None` while it is being worked out.
    preview: Option<Result<ImportPreview, ImportError>>,
}

thread_local! {
    /// The import being previewed, with its number. Not in a signal: it holds JS objects
    /// (the file, the worker). Replacing or clearing it stops its worker.
    static SESSION: RefCell<Option<(u64, Rc<ImportSession>)>> = const { RefCell::new(None) };
}

static NEXT_SESSION: AtomicU64 = AtomicU64::new(1);

fn session(id: u64) -> Option<Rc<ImportSession>> {
    SESSION.with_borrow(|s| s.as_ref().filter(|(n, _)| *n == id).map(|(_, s)| s.clone()))
}

fn set_session(session: Option<(u64, Rc<ImportSession>)>) {
    let old = SESSION.replace(session);
    drop(old);
}

/// What the import is doing, for the status line.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Status {
    /// Starting to read.
    Starting,
    /// A step reported by the reader.
    Step(ImportStep),
    /// The accepted map is being handed over.
    Preparing,
}

fn status_text(status: Status, lang: Lang) -> String {
    let mb = |bytes: u64| format!("{:.1}", bytes as f64 / 1e6);
    match status {
        Status::Starting => Msg::Reading.text(lang).to_string(),
        Status::Step(ImportStep::Loading { bytes }) => {
            Msg::ReadingSize.fill(lang, &[("mb", &mb(bytes))])
        }
        Status::Step(ImportStep::Reading { bytes }) => {
            Msg::ReadingMap.fill(lang, &[("mb", &mb(bytes))])
        }
        Status::Step(ImportStep::Checking { features }) => {
            Msg::CheckingShapes.fill(lang, &[("features", &group_indian_u64(features))])
        }
        Status::Step(ImportStep::Neighbours { wards }) => {
            Msg::FindingNeighbours.fill(lang, &[("wards", &group_indian_u64(wards))])
        }
        Status::Step(ImportStep::Saving) => Msg::PreparingSave.text(lang).to_string(),
        Status::Preparing => Msg::PreparingMap.text(lang).to_string(),
    }
}

fn drop_files(ev: &web_sys::DragEvent) -> Option<web_sys::FileList> {
    ev.data_transfer()?.files()
}

/// Import of a ward map file. Reading and checking run in a Web Worker when one can start
/// ([`crate::worker`]), so the page stays responsive with a 50 MB file, else in the page.
#[component]
pub fn ImportMapPanel() -> impl IntoView {
    let state = use_app_state();
    let status: RwSignal<Option<Status>> = RwSignal::new(None);
    let error: RwSignal<Option<ImportError>> = RwSignal::new(None);
    let pending: RwSignal<Option<PendingMap>> = RwSignal::new(None);
    let latest = RwSignal::new(0u64);
    let dragging = RwSignal::new(false);
    let on_file = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        let id = NEXT_SESSION.fetch_add(1, Ordering::Relaxed);
        latest.set(id);
        set_session(None);
        pending.set(None);
        status.set(Some(Status::Starting));
        leptos::task::spawn_local(async move {
            let (session, result) =
                ImportSession::open(file, move |step| status.set(Some(Status::Step(step)))).await;
            if latest.get_untracked() != id {
                return; // another file was chosen meanwhile
            }
            status.set(None);
            match result {
                Ok((summary, preview)) => {
                    set_session(Some((id, session)));
                    error.set(None);
                    let mapping = summary.mapping.clone();
                    pending.set(Some(PendingMap {
                        session: id,
                        summary: Arc::new(summary),
                        mapping,
                        preview: Some(preview),
                    }));
                }
                Err(e) => {
                    pending.set(None);
                    error.set(Some(e));
                }
            }
        });
    };
    // Applies the mapping again after `change` (a column chosen, a merge confirmed).
    let remap = move |change: &dyn Fn(&mut FieldMapping)| {
        let Some(mut p) = pending.get_untracked() else { return };
        change(&mut p.mapping);
        p.preview = None;
        let (id, mapping) = (p.session, p.mapping.clone());
        pending.set(Some(p));
        let Some(session) = session(id) else { return };
        leptos::task::spawn_local(async move {
            let result = session
                .preview(mapping.clone(), move |step| status.set(Some(Status::Step(step))))
                .await;
            status.set(None);
            pending.update(|p| {
                if let Some(p) = p.as_mut().filter(|p| p.session == id && p.mapping == mapping) {
                    p.preview = Some(result);
                }
            });
        });
    };
    let on_mapping = move |field: Field, column: Option<String>| {
        remap(&|m| {
            m.set(field, column.clone());
            // Another ward column: its merge is not confirmed.
            if field == Field::WardNumber {
                m.merge_duplicates = false;
            }
        })
    };
    let confirm_merge = move || remap(&|m| m.merge_duplicates = true);
    let accept = move |_| {
        let Some(p) = pending.get_untracked() else { return };
        if !matches!(p.preview, Some(Ok(_))) {
            return;
        }
        let Some(session) = session(p.session) else { return };
        status.set(Some(Status::Preparing));
        let file = p.summary.file.clone();
        let tolerance = state.settings.with_untracked(|s| s.tolerance_m);
        let links = state.links.with_untracked(|l| {
            l.get(&MapSource::imported_key(&file)).cloned().unwrap_or_default()
        });
        leptos::task::spawn_local(async move {
            let result = session
                .take(
                    p.mapping.clone(),
                    AdjacencyOptions::tolerant(tolerance),
                    links.clone(),
                    move |step| status.set(Some(Status::Step(step))),
                )
                .await;
            status.set(None);
            if pending.get_untracked().map(|q| q.session) != Some(p.session) {
                return; // cancelled or replaced meanwhile
            }
            match result {
                Ok(taken) => {
                    let source = MapSource::Imported { file };
                    let mut warnings = p.summary.warnings.clone();
                    warnings.extend(taken.imported.warnings);
                    let map = Arc::new(CityMap::with_area(
                        source,
                        taken.imported.map,
                        warnings,
                        taken.area_km2,
                    ));
                    // Let the page breathe between taking the map over and drawing it.
                    crate::platform::next_task().await;
                    state.take_import(map, tolerance, links, taken.connectivity, taken.record);
                    pending.set(None);
                    set_session(None);
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let cancel = move |_| {
        pending.set(None);
        set_session(None);
    };
    view! {
        <section class="panel" aria-labelledby="import-heading">
            <h2 id="import-heading">{state.t(Msg::ImportMap)}</h2>
            <div
                class="dropzone"
                class:dragging=move || dragging.get()
                on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(false); on_file(first_file(drop_files(&ev))); }
            >
                <p class="hint">{state.t(Msg::ImportHint)}</p>
                <label class="field">
                    <span>{state.t(Msg::MapFile)}</span>
                    <input type="file" accept=".geojson,.json,.kml,.kmz,.zip,.topojson" on:change=move |ev| on_file(crate::platform::chosen_file(&ev))/>
                </label>
            </div>
            {move || status.get().map(|s| view! { <p class="status" role="status" data-testid="import-status">{status_text(s, state.lang.get())}</p> })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e.message(state.lang.get())}</p> })}
            {move || pending.get().map(|p| {
                let lang = state.lang.get();
                let raw = p.summary.clone();
                let sample_raw = raw.clone();
                let facts = Msg::FileFacts.fill(lang, &[
                    ("format", &format!("{:?}", raw.format)),
                    ("features", &group_indian_u64(raw.features as u64)),
                    ("columns", &group_indian_u64((raw.columns.len() + raw.columns_not_shown) as u64)),
                ]);
                let hidden = (raw.columns_not_shown > 0).then(|| view! { <p class="note" data-testid="columns-not-shown">{Msg::ColumnsNotShown.fill(lang, &[
                    ("shown", &group_indian_u64(raw.columns.len() as u64)),
                    ("more", &group_indian_u64(raw.columns_not_shown as u64)),
                ])}</p> });
                let reprojected = raw.reprojected_from.clone().map(|crs| view! { <p class="note">{Msg::Reprojected.fill(lang, &[("crs", &crs)])}</p> });
                let ok = matches!(p.preview, Some(Ok(_)));
                view! {
                    <div class="preview" role="group" aria-label=Msg::CheckImport.fill(lang, &[("file", &raw.file)])>
                        <h3>{Msg::CheckImport.fill(lang, &[("file", &raw.file)])}</h3>
                        <p>{facts}</p>
                        {reprojected}
                        {hidden}
                        <MappingForm id_prefix="import-map" columns=raw.columns.clone() samples=move |col| sample_raw.samples.get(col).cloned().unwrap_or_default() mapping=Signal::derive(move || pending.get().map(|p| p.mapping).unwrap_or_default())
                            on_change=on_mapping/>
                        {import_outcome(p.preview.as_ref(), lang, confirm_merge)}
                        <p class="hint">{Msg::ReplaceNote.text(lang)}</p>
                        <div class="buttons">
                            <button type="button" class="primary" disabled=!ok on:click=accept>{Msg::UseThisMap.text(lang)}</button>
                            <button type="button" on:click=cancel>{Msg::Cancel.text(lang)}</button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}

/// What applying the mapping gives: counts, warnings and data problems, or the error
/// (nothing while it is being worked out: the status line says so).
/// A ward column whose numbers repeat is applied only after the officer confirms the merge.
fn import_outcome(
    result: Option<&Result<ImportPreview, ImportError>>,
    lang: Lang,
    confirm_merge: impl Fn() + Copy + 'static,
) -> AnyView {
    match result {
        None => ().into_any(),
        Some(Ok(preview)) => {
            let summary = Msg::ImportResult.fill(
                lang,
                &[
                    ("wards", &group_indian_u64(preview.wards as u64)),
                    ("zones", &group_indian_u64(preview.zones as u64)),
                    ("pop", &group_indian_u64(preview.population_known as u64)),
                ],
            );
            let notes: Vec<String> = preview
                .warnings
                .iter()
                .map(|w| w.message(lang))
                .chain(preview.problems.iter().map(|p| p.message(lang)))
                .collect();
            view! {
                <p data-testid="import-result"><strong>{summary}</strong></p>
                {(!notes.is_empty()).then(|| view! { <ul class="warnings">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> })}
            }
            .into_any()
        }
        Some(Err(e @ ImportError::WardsWouldMerge { .. })) => view! {
            <p class="warn" role="alert" data-testid="wards-would-merge">{e.message(lang)}</p>
            <p><button type="button" on:click=move |_| confirm_merge()>{Msg::ConfirmWardMerge.text(lang)}</button></p>
        }
        .into_any(),
        Some(Err(e)) => view! { <p class="error" role="alert">{e.message(lang)}</p> }.into_any(),
    }
}
