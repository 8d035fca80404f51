//! Ward, zone, population and area totals of the loaded city.

use kshetra_core::format::{decimal_indian, group_indian_u64};
use kshetra_core::i18n::Msg;
use leptos::prelude::*;

use crate::state::use_app_state;

/// Ward, zone, population and area totals of the loaded city.
#[component]
pub fn CitySummary() -> impl IntoView {
    let state = use_app_state();
    let t = move |m: Msg| m.text(state.lang.get());
    view! {
        <section class="panel" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{move || t(Msg::CitySummary)}</h2>
            {move || {
                state.loaded().map(|loaded| {
                    let pop = loaded.map.population_summary();
                    let population = if pop.wards_known == 0 {
                        t(Msg::NotKnown).to_string()
                    } else {
                        group_indian_u64(pop.known_total)
                    };
                    let missing = (pop.wards_missing > 0).then(|| {
                        Msg::PopulationMissing.fill(state.lang.get(), &[("n", &group_indian_u64(pop.wards_missing as u64))])
                    });
                    view! {
                        <dl class="stats">
                            <dt>{t(Msg::Wards)}</dt>
                            <dd data-testid="ward-count">{group_indian_u64(loaded.map.wards().len() as u64)}</dd>
                            <dt>{t(Msg::Zones)}</dt>
                            <dd data-testid="zone-count">{group_indian_u64(loaded.map.zones().len() as u64)}</dd>
                            <dt>{t(Msg::Population)}</dt>
                            <dd data-testid="population">{population}</dd>
                            <dt>{t(Msg::Area)}</dt>
                            <dd>{format!("{} {}", decimal_indian(loaded.area_km2, 1), t(Msg::SqKm))}</dd>
                            <dt>{t(Msg::Pieces)}</dt>
                            <dd data-testid="piece-count">
                                {move || state.connectivity.get().map(|c| group_indian_u64(c.components.count() as u64))}
                            </dd>
                        </dl>
                        {missing.map(|m| view! { <p class="note">{m}</p> })}
                    }
                })
            }}
        </section>
    }
}
