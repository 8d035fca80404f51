//! Display settings: base map, tile URL and the adjacency tolerance ([`ToleranceSetting`]).

use kshetra_core::i18n::Msg;
use kshetra_core::settings::{is_valid_tile_url, is_valid_tolerance, Settings, MAX_TOLERANCE_M};
use leptos::prelude::*;

use crate::state::use_app_state;

/// Base map on/off and tile URL.
#[component]
pub fn SettingsPanel() -> impl IntoView {
    let state = use_app_state();
    let draft = RwSignal::new(state.settings.get_untracked().tile_url);
    let invalid = RwSignal::new(false);
    let commit = move || {
        let url = draft.get_untracked().trim().to_string();
        if is_valid_tile_url(&url) {
            invalid.set(false);
            state.settings.update(|s| s.tile_url = url);
        } else {
            invalid.set(true);
        }
    };
    view! {
        <section class="panel" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{state.t(Msg::Settings)}</h2>
            <label class="field check">
                <input
                    type="checkbox"
                    prop:checked=move || state.settings.get().base_map
                    on:change=move |ev| state.settings.update(|s| s.base_map = event_target_checked(&ev))
                />
                <span>{state.t(Msg::BaseMap)}</span>
            </label>
            <p class="hint">{state.t(Msg::BaseMapHint)}</p>
            <label class="field">
                <span>{state.t(Msg::TileUrl)}</span>
                <input
                    type="url"
                    spellcheck="false"
                    prop:value=move || draft.get()
                    aria-invalid=move || invalid.get().to_string()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:change=move |_| commit()
                />
            </label>
            <Show when=move || invalid.get()>
                <p class="error" role="alert">{state.t(Msg::TileUrlInvalid)}</p>
            </Show>
            <button
                type="button"
                on:click=move |_| {
                    draft.set(Settings::DEFAULT_TILE_URL.to_string());
                    commit();
                }
            >
                {state.t(Msg::TileUrlReset)}
            </button>
            <ToleranceSetting/>
        </section>
    }
}

/// The adjacency tolerance (metres), validated before it is applied.
#[component]
fn ToleranceSetting() -> impl IntoView {
    let state = use_app_state();
    let invalid = RwSignal::new(false);
    view! {
        <label class="field">
            <span>{state.t(Msg::Tolerance)}</span>
            <input
                type="number"
                min="0"
                max=MAX_TOLERANCE_M.to_string()
                step="0.5"
                prop:value=move || state.settings.get().tolerance_m.to_string()
                aria-invalid=move || invalid.get().to_string()
                on:change=move |ev| {
                    match event_target_value(&ev).trim().parse::<f64>() {
                        Ok(m) if is_valid_tolerance(m) => {
                            invalid.set(false);
                            state.settings.update(|s| s.tolerance_m = m);
                        }
                        _ => invalid.set(true),
                    }
                }
            />
        </label>
        <p class="hint">{state.t(Msg::ToleranceHint)}</p>
        <Show when=move || invalid.get()>
            <p class="error" role="alert">{state.t(Msg::ToleranceInvalid)}</p>
        </Show>
    }
}
