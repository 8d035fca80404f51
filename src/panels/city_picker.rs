//! The bundled-city picker.

use kshetra_core::cities::{BundledCity, BUNDLED_CITIES};
use kshetra_core::i18n::Msg;
use leptos::prelude::*;

use crate::state::use_app_state;

/// The bundled-city picker.
#[component]
pub fn CityPicker() -> impl IntoView {
    let state = use_app_state();
    view! {
        <label class="field inline">
            <span>{state.t(Msg::City)}</span>
            <select
                on:change=move |ev| {
                    if let Some(city) = BundledCity::by_id(&event_target_value(&ev)) {
                        state.load_bundled(city);
                    }
                }
                prop:value=move || state.city.get().id
            >
                {BUNDLED_CITIES
                    .iter()
                    .map(|c| {
                        view! {
                            <option value=c.id selected=move || state.city.get().id == c.id>
                                {move || c.name(state.lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
