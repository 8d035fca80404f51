//! Import of a city's own ward map (GeoJSON, KML/KMZ, zipped Shapefile) and ward table
//! (CSV / Excel), with a preview before anything replaces the current map.
//!
//! The panels only read files and show what the core says: `import::read_any`,
//! `FieldMapping::detect` / `apply`, `import::problems`, `table::read_table` / `join`.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use kshetra_core::adjacency::AdjacencyOptions;
use kshetra_core::format::group_indian_u64;
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::import::{Field, FieldMapping, ImportError};
use kshetra_core::table::{self, JoinReport, Table, TableError, TableMapping};
use kshetra_core::WardMap;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::data::{CityMap, MapSource};
use crate::messages;
use crate::state::use_app_state;
use crate::worker::{ImportPreview, ImportSession, ImportStep, RawSummary};

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

/// A ward table read but not yet applied.
#[derive(Clone)]
struct PendingTable {
    table: Arc<Table>,
    mapping: TableMapping,
}

/// Reads the first file of a file input or a drop.
fn first_file(files: Option<web_sys::FileList>) -> Option<web_sys::File> {
    files.and_then(|f| f.get(0))
}

/// Reads a file's bytes and hands them, with the file name, to `then`.
fn read_file(
    file: web_sys::File,
    busy: RwSignal<bool>,
    then: impl FnOnce(String, Vec<u8>) + 'static,
) {
    busy.set(true);
    let name = file.name();
    leptos::task::spawn_local(async move {
        // A file that cannot be read arrives as 0 bytes, which the importers report clearly.
        let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => Vec::new(),
        };
        busy.set(false);
        then(name, bytes);
    });
}

fn input_files(ev: &web_sys::Event) -> Option<web_sys::FileList> {
    ev.target()?.dyn_into::<web_sys::HtmlInputElement>().ok()?.files()
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
    let on_mapping = move |field: Field, column: Option<String>| {
        let Some(mut p) = pending.get_untracked() else { return };
        p.mapping.set(field, column);
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
                    <input type="file" accept=".geojson,.json,.kml,.kmz,.zip,.topojson" on:change=move |ev| on_file(first_file(input_files(&ev)))/>
                </label>
            </div>
            {move || status.get().map(|s| view! { <p class="status" role="status" data-testid="import-status">{status_text(s, state.lang.get())}</p> })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{messages::import_error(&e, state.lang.get())}</p> })}
            {move || pending.get().map(|p| {
                let lang = state.lang.get();
                let raw = p.summary.clone();
                let sample_raw = raw.clone();
                let facts = Msg::FileFacts.fill(lang, &[
                    ("format", &format!("{:?}", raw.format)),
                    ("features", &group_indian_u64(raw.features as u64)),
                    ("columns", &group_indian_u64(raw.columns.len() as u64)),
                ]);
                let reprojected = raw.reprojected_from.clone().map(|crs| view! { <p class="note">{Msg::Reprojected.fill(lang, &[("crs", &crs)])}</p> });
                let ok = matches!(p.preview, Some(Ok(_)));
                view! {
                    <div class="preview" role="group" aria-label=Msg::CheckImport.fill(lang, &[("file", &raw.file)])>
                        <h3>{Msg::CheckImport.fill(lang, &[("file", &raw.file)])}</h3>
                        <p>{facts}</p>
                        {reprojected}
                        <MappingForm id_prefix="import-map" columns=raw.columns.clone() samples=move |col| sample_raw.samples.get(col).cloned().unwrap_or_default() mapping=Signal::derive(move || pending.get().map(|p| p.mapping).unwrap_or_default())
                            on_change=on_mapping/>
                        {import_outcome(p.preview.as_ref(), lang)}
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
fn import_outcome(result: Option<&Result<ImportPreview, ImportError>>, lang: Lang) -> AnyView {
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
                .map(|w| messages::import_warning(w, lang))
                .chain(preview.problems.iter().map(|p| messages::ward_problem(p, lang)))
                .collect();
            view! {
                <p data-testid="import-result"><strong>{summary}</strong></p>
                {(!notes.is_empty()).then(|| view! { <ul class="warnings">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> })}
            }
            .into_any()
        }
        Some(Err(e)) => {
            view! { <p class="error" role="alert">{messages::import_error(e, lang)}</p> }.into_any()
        }
    }
}

/// One select per ward attribute, listing the file's columns, with sample values.
#[component]
fn MappingForm(
    /// Prefix of the element ids (two forms can be open at once).
    id_prefix: &'static str,
    /// The file's columns.
    columns: Vec<String>,
    /// Sample values of a column.
    samples: impl Fn(usize) -> Vec<String> + Send + Sync + 'static,
    /// The mapping shown.
    #[prop(into)]
    mapping: Signal<FieldMapping>,
    /// Called with the field and its new column (`None` = none).
    on_change: impl Fn(Field, Option<String>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let samples = Arc::new(samples);
    let columns = Arc::new(columns);
    view! {
        <table class="mapping">
            <caption>{state.t(Msg::WhichColumn)}</caption>
            <tbody>
                {Field::ALL.iter().map(|&field| {
                    let columns = columns.clone();
                    let samples = samples.clone();
                    let label = move || messages::field_name(field, state.lang.get());
                    view! {
                        <tr>
                            <th scope="row"><label for=format!("{id_prefix}-{field:?}")>{label}</label></th>
                            <td>
                                <select id=format!("{id_prefix}-{field:?}") on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    on_change(field, (!v.is_empty()).then_some(v));
                                }>
                                    <option value="" selected=move || mapping.with(|m| m.get(field).is_none())>{state.t(Msg::NoColumn)}</option>
                                    {columns.iter().map(|c| {
                                        let c2 = c.clone();
                                        view! { <option value=c.clone() selected=move || mapping.with(|m| m.get(field) == Some(c2.as_str()))>{c.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            </td>
                            <td class="samples">
                                {
                                    let columns = columns.clone();
                                    let samples = samples.clone();
                                    move || mapping.with(|m| m.get(field).and_then(|c| columns.iter().position(|x| x == c)))
                                        .map(|i| samples(i).join(", "))
                                }
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Join of a ward table (CSV / Excel) onto the current map, and the blank template.
#[component]
pub fn JoinTablePanel() -> impl IntoView {
    let state = use_app_state();
    let busy = RwSignal::new(false);
    let error: RwSignal<Option<TableError>> = RwSignal::new(None);
    let pending: RwSignal<Option<PendingTable>> = RwSignal::new(None);
    let on_file = move |file: Option<web_sys::File>| {
        let Some(file) = file else { return };
        read_file(file, busy, move |name, bytes| match table::read_table(&name, &bytes) {
            Ok(t) => {
                error.set(None);
                let mapping = TableMapping::detect(&t);
                pending.set(Some(PendingTable { table: Arc::new(t), mapping }));
            }
            Err(e) => {
                pending.set(None);
                error.set(Some(e));
            }
        });
    };
    let join_result = move || -> Option<Result<(WardMap, JoinReport), TableError>> {
        let p = pending.get()?;
        let current = state.current.get()?;
        Some(table::join(&current.map, &p.table, &p.mapping))
    };
    let apply = move |_| {
        let Some(Ok((map, _))) = join_result() else { return };
        state.update_map(|c| c.map = map);
        pending.set(None);
    };
    let download_template = move |_| {
        let Some(current) = state.current.get_untracked() else { return };
        let bytes = table::template_csv(Some(&current.map), &[]);
        crate::platform::download("kshetra-ward-table.csv", "text/csv;charset=utf-8", &bytes);
    };
    view! {
        <section class="panel" aria-labelledby="join-heading">
            <h2 id="join-heading">{state.t(Msg::JoinTable)}</h2>
            <p class="hint">{state.t(Msg::JoinHint)}</p>
            <label class="field">
                <span>{state.t(Msg::TableFile)}</span>
                <input type="file" accept=".csv,.xlsx,.xls,.ods" on:change=move |ev| on_file(first_file(input_files(&ev)))/>
            </label>
            <button type="button" on:click=download_template>{state.t(Msg::DownloadTemplate)}</button>
            <Show when=move || busy.get()>
                <p class="status" role="status">{state.t(Msg::Reading)}</p>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{messages::table_error(&e, state.lang.get())}</p> })}
            {move || pending.get().map(|p| {
                let lang = state.lang.get();
                let table = p.table.clone();
                let sample_table = table.clone();
                let samples = move |col: usize| {
                    sample_table.rows.iter().filter_map(|(_, r)| r.get(col).cloned().flatten()).take(3).map(|v| v.to_text()).collect::<Vec<_>>()
                };
                let outcome = join_result();
                let ok = matches!(outcome, Some(Ok(_)));
                view! {
                    <div class="preview" role="group" aria-label=Msg::CheckJoin.fill(lang, &[("file", &table.file)])>
                        <h3>{Msg::CheckJoin.fill(lang, &[("file", &table.file)])}</h3>
                        <MappingForm id_prefix="join-table" columns=table.columns.clone() samples=samples mapping=Signal::derive(move || pending.get().map(|p| p.mapping.fields).unwrap_or_default())
                            on_change=move |field, column| pending.update(|p| if let Some(p) = p { p.mapping.fields.set(field, column) })/>
                        {match outcome {
                            Some(Ok((_, report))) => join_report(&report, lang),
                            Some(Err(e)) => view! { <p class="error" role="alert">{messages::table_error(&e, lang)}</p> }.into_any(),
                            None => ().into_any(),
                        }}
                        <div class="buttons">
                            <button type="button" class="primary" disabled=!ok on:click=apply>{Msg::ApplyTable.text(lang)}</button>
                            <button type="button" on:click=move |_| pending.set(None)>{Msg::Cancel.text(lang)}</button>
                        </div>
                    </div>
                }
            })}
        </section>
    }
}

/// Matched and unmatched rows, both ways, plus rows that could not be used.
fn join_report(r: &JoinReport, lang: Lang) -> AnyView {
    const SHOWN: usize = 20;
    let list = |items: Vec<String>| {
        let more = items.len().saturating_sub(SHOWN);
        let mut shown: Vec<String> = items.into_iter().take(SHOWN).collect();
        if more > 0 {
            shown.push(format!("… +{more}"));
        }
        shown.join(", ")
    };
    let row_ward = |row: usize, ward: &str| {
        Msg::RowWard.fill(lang, &[("row", &row.to_string()), ("ward", ward)])
    };
    let mut lines =
        vec![Msg::JoinMatched.fill(lang, &[("n", &group_indian_u64(r.matched.len() as u64))])];
    if !r.map_only.is_empty() {
        lines.push(Msg::JoinMapOnly.fill(
            lang,
            &[
                ("n", &group_indian_u64(r.map_only.len() as u64)),
                ("wards", &list(r.map_only.clone())),
            ],
        ));
    }
    if !r.table_only.is_empty() {
        let rows = r.table_only.iter().map(|(row, w)| row_ward(*row, w)).collect();
        lines.push(Msg::JoinTableOnly.fill(
            lang,
            &[("n", &group_indian_u64(r.table_only.len() as u64)), ("rows", &list(rows))],
        ));
    }
    if !r.rows_without_key.is_empty() {
        lines.push(Msg::JoinNoKey.fill(
            lang,
            &[("rows", &list(r.rows_without_key.iter().map(usize::to_string).collect()))],
        ));
    }
    if !r.duplicate_rows.is_empty() {
        let rows = r.duplicate_rows.iter().map(|(row, w, _)| row_ward(*row, w)).collect();
        lines.push(Msg::JoinDuplicates.fill(lang, &[("rows", &list(rows))]));
    }
    if !r.bad_values.is_empty() {
        let items = r
            .bad_values
            .iter()
            .map(|(row, w, col, v)| format!("{} — {col}: \"{v}\"", row_ward(*row, w)))
            .collect();
        lines.push(Msg::JoinBadValues.fill(
            lang,
            &[("n", &group_indian_u64(r.bad_values.len() as u64)), ("list", &list(items))],
        ));
    }
    view! { <ul class="join-report" data-testid="join-report">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
}
