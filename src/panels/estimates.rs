//! Poor-household estimate settings and the organiser count they give (city summary).

use kshetra_core::estimate::organisers_available;
use kshetra_core::format::{decimal_indian, group_indian_u64};
use kshetra_core::i18n::Msg;
use leptos::prelude::*;

use crate::state::{use_app_state, CityParams};

/// A number setting: shows the stored value, applies a typed one when `apply` accepts it, and
/// otherwise says so (the previous value stays).
#[component]
fn NumberSetting(
    /// Label.
    label: Msg,
    /// Optional hint under the field.
    #[prop(optional)]
    hint: Option<Msg>,
    /// The value as shown.
    #[prop(into)]
    value: Signal<String>,
    /// Step of the spin buttons.
    step: &'static str,
    /// Applies a typed value; `false` = refused.
    apply: impl Fn(&str) -> bool + Copy + Send + Sync + 'static,
    /// Test id of the input.
    test_id: &'static str,
) -> impl IntoView {
    let state = use_app_state();
    let refused: RwSignal<Option<String>> = RwSignal::new(None);
    view! {
        <label class="field">
            <span>{state.t(label)}</span>
            <input
                type="number"
                min="0"
                step=step
                data-testid=test_id
                prop:value=move || value.get()
                aria-invalid=move || refused.with(Option::is_some).to_string()
                on:change=move |ev| {
                    let typed = event_target_value(&ev);
                    if apply(typed.trim()) { refused.set(None) } else { refused.set(Some(typed)) }
                }
            />
        </label>
        {hint.map(|h| view! { <p class="hint">{state.t(h)}</p> })}
        {move || refused.get().map(|v| view! {
            <p class="error" role="alert">{Msg::InvalidSetting.fill(state.lang.get(), &[("field", label.text(state.lang.get())), ("value", &v)])}</p>
        })}
    }
}

/// Settings for estimating poor households, and the resulting organiser count and shortfall.
#[component]
pub fn EstimatesPanel() -> impl IntoView {
    let state = use_app_state();
    let set = move |f: &dyn Fn(&mut CityParams)| state.params.update(|p| f(p));
    let t = move |m: Msg| m.text(state.lang.get());
    view! {
        <section class="panel" aria-labelledby="estimates-heading">
            <h2 id="estimates-heading">{state.t(Msg::Estimates)}</h2>
            {move || state.estimate.get().map(|e| {
                let in_list = state.editor.project.with(|p| p.as_ref().map_or(0, |p| p.organisers.len()));
                let available = organisers_available(in_list, state.params.with(|p| p.organisers_available));
                // With no figure for any ward there is nothing to count yet: say so, not "0".
                let nothing_known = e.wards_unknown > 0 && e.wards_unknown == e.wards.len();
                let shortfall = available.filter(|_| !nothing_known).map(|a| e.shortfall(a));
                let known = move |n: u64| if nothing_known { t(Msg::NotKnown).to_string() } else { group_indian_u64(n) };
                view! {
                    <dl class="stats">
                        <dt>{t(Msg::PoorTotal)}</dt>
                        <dd data-testid="poor-total">{known(e.total_poor)}</dd>
                        <dt>{t(Msg::OrganisersNeeded)}</dt>
                        <dd data-testid="organisers-needed">{known(e.organisers_needed)}</dd>
                        <dt>{t(Msg::OrganisersAvailable)}</dt>
                        <dd data-testid="organisers-available-figure">{available.map(group_indian_u64).unwrap_or_else(|| t(Msg::NotKnown).to_string())}</dd>
                        <dt>{t(Msg::Shortfall)}</dt>
                        <dd data-testid="shortfall">{shortfall.map(group_indian_u64).unwrap_or_else(|| "–".to_string())}</dd>
                    </dl>
                    {(in_list > 0 && state.params.with(|p| p.organisers_available.is_some_and(|t| t != in_list as u64))).then(|| view! {
                        <p class="note" data-testid="organisers-typed-ignored">{Msg::OrganisersTypedIgnored.fill(state.lang.get(), &[("n", &group_indian_u64(in_list as u64))])}</p>
                    })}
                    {(e.wards_unknown > 0).then(|| view! {
                        <p class="note">{Msg::WardsNoEstimate.fill(state.lang.get(), &[("n", &group_indian_u64(e.wards_unknown as u64))])}</p>
                    })}
                }
            })}
            <NumberSetting label=Msg::PoorSharePct hint=Msg::PoorShareHint step="0.5" test_id="poor-share"
                value=Signal::derive(move || decimal_indian(state.params.with(|p| p.poor.poor_share) * 100.0, 1))
                apply={move |v| match v.parse::<f64>() {
                    Ok(pct) if (0.0..=100.0).contains(&pct) => { set(&|p| p.poor.poor_share = pct / 100.0); true }
                    _ => false,
                }}/>
            <NumberSetting label=Msg::HouseholdSize hint=Msg::HouseholdSizeHint step="0.1" test_id="household-size"
                value=Signal::derive(move || decimal_indian(state.params.with(|p| p.poor.household_size), 1))
                apply={move |v| match v.parse::<f64>() {
                    Ok(size) if (1.0..=20.0).contains(&size) => { set(&|p| p.poor.household_size = size); true }
                    _ => false,
                }}/>
            <NumberSetting label=Msg::Norm step="100" test_id="norm"
                value=Signal::derive(move || state.params.with(|p| p.poor.norm).to_string())
                apply={move |v| match v.parse::<u64>() {
                    Ok(n) if n >= 1 => { set(&|p| p.poor.norm = n); true }
                    _ => false,
                }}/>
            <NumberSetting label=Msg::OrganisersAvailable step="1" test_id="organisers-available"
                value=Signal::derive(move || state.params.with(|p| p.organisers_available.map(|n| n.to_string()).unwrap_or_default()))
                apply={move |v| {
                    if v.is_empty() { set(&|p| p.organisers_available = None); return true; }
                    match v.parse::<u64>() {
                        Ok(n) => { set(&|p| p.organisers_available = Some(n)); true }
                        _ => false,
                    }
                }}/>
        </section>
    }
}
