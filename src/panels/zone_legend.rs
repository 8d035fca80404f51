//! Zone colours with their ward counts.

use kshetra_core::format::group_indian_u64;
use kshetra_core::i18n::Msg;
use kshetra_core::palette::zone_fill;
use leptos::prelude::*;

use crate::state::use_app_state;

/// Zone colours with their ward counts.
#[component]
pub fn ZoneLegend() -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="panel" aria-labelledby="zones-heading">
            <h2 id="zones-heading">{state.t(Msg::ZoneLegend)}</h2>
            {move || {
                let lang = state.lang.get();
                state.loaded().map(|loaded| {
                    let map = &loaded.map;
                    view! {
                        <ul class="legend">
                            {map.zones().iter().enumerate().map(|(i, zone)| {
                                let n = map.wards().iter().filter(|w| w.zone.as_deref() == Some(zone.as_str())).count();
                                view! {
                                    <li>
                                        <span class="swatch" style=format!("background:{}", zone_fill(Some(i)))></span>
                                        {format!("{} {} — {} {}", Msg::Zone.text(lang), zone, group_indian_u64(n as u64), Msg::Wards.text(lang))}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                })
            }}
        </section>
    }
}
