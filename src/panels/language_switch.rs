//! The हिन्दी / English switch.

use kshetra_core::i18n::{Lang, Msg};
use leptos::prelude::*;

use crate::state::use_app_state;

/// हिन्दी / English switch. Each button is named in its own language, so it can always be found.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="lang-switch" role="group" aria-label=move || format!("{} / Language", Msg::Language.text(Lang::Hi))>
            {Lang::ALL
                .iter()
                .map(|&l| {
                    view! {
                        <button
                            type="button"
                            lang=l.code()
                            aria-pressed=move || (state.lang.get() == l).to_string()
                            on:click=move |_| state.lang.set(l)
                        >
                            {l.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}
