//! Automatic allocation: settings, run with progress and cancel, the result's quality and
//! limits ([`RunReportView`]).

use kshetra_alloc::Limit;
use kshetra_core::format::decimal_indian;
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::project::{AllocSettings, Edit};
use leptos::prelude::*;

use kshetra_core::run_report::RunReport;

use crate::editor::RunState;
use crate::state::use_app_state;
use kshetra_core::messages::UserText;

/// Percent with one decimal, Indian style.
pub(crate) fn pct(x: f64) -> String {
    decimal_indian(x * 100.0, 1)
}

/// The automatic allocation panel.
#[component]
pub fn AllocationPanel() -> impl IntoView {
    let state = use_app_state();
    let editor = state.editor;
    let settings = Memo::new(move |_| {
        editor.project.with(|p| p.as_ref().map(|p| p.settings).unwrap_or_default())
    });
    let settings = move || settings.get();
    let set = move |change: &dyn Fn(&mut AllocSettings)| {
        let Some(current) = state.current.get_untracked() else { return };
        let mut s = settings();
        change(&mut s);
        editor.edit(&current, Edit::SetSettings(s));
    };
    let eps_text = RwSignal::new(None::<String>);
    view! {
        <section class="panel allocation" aria-labelledby="allocation-heading">
            <h2 id="allocation-heading">{state.t(Msg::AllocationHeading)}</h2>
            <label class="field inline">
                <span>{state.t(Msg::BalanceTolerance)}</span>
                <input type="number" min=AllocSettings::EPSILON_MIN * 100.0 max=AllocSettings::EPSILON_MAX * 100.0 step="0.5" size="4"
                    prop:value=move || eps_text.get().unwrap_or_else(|| format!("{}", settings().epsilon * 100.0))
                    on:input=move |ev| eps_text.set(Some(event_target_value(&ev)))
                    on:change=move |ev| {
                        let v: Option<f64> = event_target_value(&ev).trim().replace(',', ".").parse().ok();
                        eps_text.set(None);
                        if let Some(v) = v.filter(|v| AllocSettings::is_valid_epsilon(v / 100.0)) {
                            set(&|s| s.epsilon = v / 100.0);
                        }
                    }/>
            </label>
            <label class="check">
                <input type="checkbox" prop:checked=move || settings().respect_zones
                    on:change=move |ev| { let on = event_target_checked(&ev); set(&|s| s.respect_zones = on); }/>
                {state.t(Msg::RespectZones)}
            </label>
            <label class="check">
                <input type="checkbox" prop:checked=move || settings().keep_home_wards
                    on:change=move |ev| { let on = event_target_checked(&ev); set(&|s| s.keep_home_wards = on); }/>
                {state.t(Msg::KeepHomeWards)}
            </label>
            <div class="row-buttons">
                <button type="button" class="primary"
                    disabled=move || matches!(editor.run.get(), RunState::Running(_))
                    on:click=move |_| {
                        if let Some(current) = state.current.get_untracked() {
                            editor.run_allocation(current, state.connectivity.get_untracked());
                        }
                    }>{state.t(Msg::AllocateButton)}</button>
                {move || matches!(editor.run.get(), RunState::Running(_)).then(|| view! {
                    <button type="button" on:click=move |_| editor.cancel_run()>{state.t(Msg::CancelRun)}</button>
                })}
            </div>
            {move || {
                let lang = state.lang.get();
                match editor.run.get() {
                    RunState::Idle => None,
                    RunState::Running(f) => Some(view! {
                        <div role="status" data-testid="alloc-status">
                            <progress max="100" value=(f * 100.0).round().to_string()></progress>
                            <span>{Msg::AllocRunning.fill(lang, &[("pct", &format!("{:.0}", f * 100.0))])}</span>
                        </div>
                    }.into_any()),
                    RunState::Cancelled => Some(view! { <p role="status" data-testid="alloc-status">{Msg::AllocCancelled.text(lang)}</p> }.into_any()),
                    RunState::NeedsOrganisers => Some(view! { <p class="error" role="alert">{Msg::AllocNeedsOrganisers.text(lang)}</p> }.into_any()),
                    RunState::NeedsGraph => Some(view! { <p class="hint" role="status">{Msg::AllocNeedsGraph.text(lang)}</p> }.into_any()),
                    RunState::Opening => Some(view! { <p class="hint" role="status">{Msg::AllocOpening.text(lang)}</p> }.into_any()),
                    RunState::Crashed(why) => {
                        let text = Msg::AllocWorkerStopped.fill(lang, &[("why", &why)]);
                        Some(view! { <p class="error" role="alert" data-testid="alloc-error">{text}</p> }.into_any())
                    }
                    RunState::Failed(e) => {
                        let text = e.message(lang);
                        Some(view! { <p class="error" role="alert" data-testid="alloc-error">{text}</p> }.into_any())
                    }
                }
            }}
            {move || editor.report.get().map(|r| view! { <RunReportView report=r/> })}
        </section>
    }
}

/// The last run's quality and what limits it.
#[component]
fn RunReportView(report: RunReport) -> impl IntoView {
    let state = use_app_state();
    move || {
        let lang = state.lang.get();
        let limits: Vec<String> =
            report.limits.iter().map(|l| limit_text(l, &report, lang)).collect();
        view! {
            <div class="run-report" data-testid="run-report">
                <p data-testid="run-quality">{Msg::AllocQuality.fill(lang, &[("dev", &pct(report.max_deviation)), ("eps", &pct(report.epsilon))])}</p>
                {(!limits.is_empty()).then(|| view! {
                    <p>{Msg::AllocWhyNotBetter.text(lang)}</p>
                    <ul class="limits">{limits.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                })}
            </div>
        }
    }
}

/// Text for one engine limit, with ward numbers and zone names.
pub fn limit_text(limit: &Limit, report: &RunReport, lang: Lang) -> String {
    let zone = |z: Option<u32>| {
        z.and_then(|z| report.zone_names.get(z as usize))
            .map(|n| format!("{} {}", Msg::Zone.text(lang), n))
            .unwrap_or_else(|| Msg::WholeMapPiece.text(lang).to_string())
    };
    let two = |x: f64| decimal_indian(x, 2);
    match limit {
        Limit::HeavyWard { ward, share, lower_bound } => {
            let number = report
                .ward_numbers
                .get(*ward as usize)
                .cloned()
                .unwrap_or_else(|| ward.to_string());
            Msg::LimitHeavyWard.fill(
                lang,
                &[("ward", &number), ("share", &two(*share)), ("pct", &pct(*lower_bound))],
            )
        }
        Limit::Apportionment { zone: z, share, capacity, lower_bound, .. } => {
            Msg::LimitApportionment.fill(
                lang,
                &[
                    ("zone", &zone(*z)),
                    ("share", &two(*share)),
                    ("capacity", &two(*capacity)),
                    ("pct", &pct(*lower_bound)),
                ],
            )
        }
        Limit::LightPiece { zone: z, share, lower_bound, .. } => Msg::LimitLightPiece.fill(
            lang,
            &[("zone", &zone(*z)), ("share", &two(*share)), ("pct", &pct(*lower_bound))],
        ),
        Limit::WholeWards { wards_per_organiser, lower_bound, .. } => Msg::LimitWholeWards.fill(
            lang,
            &[
                ("zone", Msg::WholeMapPiece.text(lang)),
                ("per", &two(*wards_per_organiser)),
                ("pct", &pct(*lower_bound)),
            ],
        ),
        Limit::Granularity { mean_ward_share, .. } => {
            Msg::LimitGranularity.fill(lang, &[("share", &two(*mean_ward_share))])
        }
    }
}
