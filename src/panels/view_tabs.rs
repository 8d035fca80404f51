//! The map / ward table switch.

use kshetra_core::i18n::Msg;
use leptos::prelude::*;

use crate::state::{use_app_state, MainView};

/// Map / ward table switch.
#[component]
pub fn ViewTabs() -> impl IntoView {
    let state = use_app_state();
    let tab = move |view: MainView, label: Msg| {
        view! {
            <button type="button" role="tab" aria-selected=move || (state.view.get() == view).to_string() on:click=move |_| state.view.set(view)>
                {state.t(label)}
            </button>
        }
    };
    view! {
        <div class="tabs" role="tablist" aria-label=state.t(Msg::Views)>
            {tab(MainView::Map, Msg::ViewMap)}
            {tab(MainView::Table, Msg::ViewTable)}
        </div>
    }
}
