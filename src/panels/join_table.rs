//! Join of a ward table (CSV / Excel) onto the current map, with a report both ways before it
//! is applied, and the blank template. The panel only reads the file and shows what the core
//! says: `table::read_table` / `join`.

use std::sync::Arc;

use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::table::{self, JoinReport, Table, TableError, TableMapping};
use kshetra_core::WardMap;
use leptos::prelude::*;

use crate::state::use_app_state;
use kshetra_core::messages::UserText;

use super::mapping_form::MappingForm;

/// A ward table read but not yet applied.
#[derive(Clone)]
struct PendingTable {
    table: Arc<Table>,
    mapping: TableMapping,
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
                <input type="file" accept=".csv,.xlsx,.xls,.ods" on:change=move |ev| on_file(crate::platform::chosen_file(&ev))/>
            </label>
            <button type="button" on:click=download_template>{state.t(Msg::DownloadTemplate)}</button>
            <Show when=move || busy.get()>
                <p class="status" role="status">{state.t(Msg::Reading)}</p>
            </Show>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e.message(state.lang.get())}</p> })}
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
                        <ul class="notes" hidden=table.notes.is_empty()>
                            {table.notes.iter().map(|n| view! { <li>{n.message(lang)}</li> }).collect_view()}
                        </ul>
                        {match outcome {
                            Some(Ok((_, report))) => join_report(&report, lang),
                            Some(Err(e)) => view! { <p class="error" role="alert">{e.message(lang)}</p> }.into_any(),
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

/// Matched and unmatched rows, both ways, plus rows that could not be used (the core's text).
fn join_report(r: &JoinReport, lang: Lang) -> AnyView {
    let lines = r.messages(lang);
    view! { <ul class="join-report" data-testid="join-report">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
}
