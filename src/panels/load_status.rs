//! Loading indicator, load errors (with retry) and import warnings.

use kshetra_core::i18n::Msg;
use leptos::prelude::*;

use crate::state::{use_app_state, LoadStatus};
use kshetra_core::messages::{self, UserText};

/// Loading indicator, load errors (with retry) and import warnings.
#[component]
pub fn LoadStatus() -> impl IntoView {
    let state = use_app_state();
    move || {
        let lang = state.lang.get();
        let failed = match state.load.get() {
            LoadStatus::Loading => Some(
                view! { <p class="status" role="status">{Msg::Loading.text(lang)}</p> }.into_any(),
            ),
            LoadStatus::Failed(e) => {
                let city = state.city.get_untracked();
                let text = messages::load_error(&e, city.name(lang), lang);
                Some(view! {
                    <div class="error" role="alert">
                        <p>{text}</p>
                        <button type="button" on:click=move |_| state.load_bundled(city)>{Msg::Retry.text(lang)}</button>
                    </div>
                }
                .into_any())
            }
            LoadStatus::Idle => None,
        };
        let warnings = state.current.get().filter(|c| !c.warnings.is_empty()).map(|c| {
            view! {
                <ul class="warnings" role="status">
                    {c.warnings.iter().map(|w| view! { <li>{w.message(lang)}</li> }).collect_view()}
                </ul>
            }
        });
        // Saved work this version cannot open: kept untouched, and the officer is told.
        let kept = state.editor.kept.with(|k| {
            (!k.is_empty()).then(|| {
                let items = k.iter().map(|r| view! { <li>{messages::kept_record(r, lang)}</li> }).collect_view();
                view! {
                    <div class="error" role="alert" data-testid="kept-records">
                        <ul>{items}</ul>
                        <button type="button" on:click=move |_| state.editor.kept.set(Vec::new())>{Msg::Close.text(lang)}</button>
                    </div>
                }
            })
        });
        // Saving in the browser failed: the work is in this page; say what to do.
        let storage = state.editor.storage.get().map(|problem| {
            use crate::persist::SaveProblem;
            let other_tab = problem == SaveProblem::OtherTab;
            let text = match &problem {
                SaveProblem::Quota => Msg::StorageFull.text(lang).to_string(),
                SaveProblem::OtherTab => Msg::StorageOtherTab.text(lang).to_string(),
                SaveProblem::Failed(detail) => Msg::StorageFailed.fill(lang, &[("detail", detail)]),
            };
            let editor = state.editor;
            view! {
                <div class="error" role="alert" data-testid="storage-problem">
                    <p>{text}</p>
                    <button type="button" on:click=move |_| crate::panels::project::download_project_file(state)>{Msg::SaveProjectFile.text(lang)}</button>
                    {other_tab.then(|| view! {
                        <button type="button" on:click=move |_| editor.save_over_other_tab()>{Msg::StorageKeepMine.text(lang)}</button>
                        <button type="button" on:click=move |_| { let _ = web_sys::window().map(|w| w.location().reload()); }>{Msg::StorageReload.text(lang)}</button>
                    })}
                </div>
            }
        });
        view! { {failed} {storage} {kept} {warnings} }
    }
}
