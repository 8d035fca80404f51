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
        view! { {failed} {warnings} }
    }
}
