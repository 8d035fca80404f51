//! Live figures per organiser (one row each, updated in place), city totals and the problems
//! list ("show on map").

use std::sync::Arc;

use kshetra_core::format::{decimal_indian, group_indian_u64};
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::palette::area_colour;
use kshetra_core::project::PlanProblem;
use leptos::prelude::*;

use crate::pager::{live_row, paged, PagerControls, RowCache, Window};
use crate::state::use_app_state;

use super::allocation::pct;

/// Live figures per organiser, city totals and the problems list. Each part follows only what
/// it shows: an edit re-renders the totals, the problems and the table rows whose figures
/// changed (two of 200 when a ward goes to a neighbour), not the whole panel.
#[component]
pub fn StatsPanel() -> impl IntoView {
    let state = use_app_state();
    let editor = state.editor;
    let visible = Memo::new(move |_| {
        editor.stats.with(Option::is_some)
            && editor.project.with(|p| p.as_ref().is_some_and(|p| !p.organisers.is_empty()))
    });
    // Rows whose inputs did not change are reused, not formatted again.
    let cache: StoredValue<RowCache<(String, RowFigures), StatsRow>> =
        StoredValue::new(RowCache::default());
    let rows = Memo::new(move |_| {
        let lang = state.lang.get();
        let Some(stats) = editor.stats.get() else { return Vec::new() };
        let colours = editor.colours.get();
        editor.project.with(|project| {
            let Some(project) = project else { return Vec::new() };
            let eps = project.settings.epsilon;
            // The figures' areas are in the organisers' order.
            let inputs =
                stats.areas.iter().zip(&project.organisers).enumerate().map(|(pos, (a, o))| {
                    let figures = RowFigures {
                        pos,
                        colour: colours.get(&a.organiser).copied(),
                        wards: a.wards.len(),
                        poor: a.poor_households,
                        deviation: a.deviation,
                        pieces: a.pieces,
                        home_m: a.home_distance_m,
                        eps,
                        lang,
                    };
                    (a.organiser, (o.name.as_str(), figures))
                });
            // The name is compared where it is and cloned only for a row made again.
            cache
                .try_update_value(|cache| {
                    cache.rows(
                        inputs,
                        |(was, f0), (name, f)| f0 == f && was == name,
                        |id, &(name, f)| ((name.to_string(), f), StatsRow::new(id, name, f)),
                    )
                })
                .unwrap_or_default()
        })
    });
    // A long table is shown a page at a time; choosing an organiser to paint for shows their row.
    let (pager, window) = paged(rows, |r| r.label.as_str(), |r| r.organiser, editor.painting);
    // The problems, each with its text; the list re-renders only the items that change.
    let problems = Memo::new(move |_| {
        let lang = state.lang.get();
        let Some(stats) = editor.stats.get() else {
            return Vec::new();
        };
        editor.project.with(|p| {
            p.as_ref()
                .map(|p| {
                    stats
                        .problems
                        .iter()
                        .map(|q| (q.message(p, lang), q.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let no_problems = Memo::new(move |_| problems.with(Vec::is_empty));
    move || {
        if !visible.get() {
            return None;
        }
        let lang = state.lang.get();
        // Each figure is its own text (a memo), so an edit rewrites the texts that changed
        // instead of rebuilding the block.
        let figure = move |f: fn(&kshetra_core::project::PlanStats, Lang) -> String| {
            let text = Memo::new(move |_| {
                editor.stats.with(|s| s.as_deref().map(|s| f(s, lang)).unwrap_or_default())
            });
            move || text.get()
        };
        let totals = view! {
            <dl class="stats">
                <dt>{Msg::PoorHouseholds.text(lang)}</dt>
                <dd data-testid="total-poor">{figure(|s, _| group_indian_u64(s.total_poor.round() as u64))}</dd>
                <dt>{Msg::TargetPerOrganiser.fill(lang, &[("n", "")]).trim_end_matches([':', ' ']).to_string()}</dt>
                <dd>{figure(|s, _| group_indian_u64(s.target_per_organiser.round() as u64))}</dd>
            </dl>
            <p data-testid="max-deviation">{figure(|s, lang| Msg::MaxDeviation.fill(lang, &[("pct", &pct(s.max_abs_deviation))]))}</p>
            <p data-testid="unassigned">{figure(|s, lang| Msg::UnassignedCount.fill(lang, &[("n", &group_indian_u64(s.unassigned.len() as u64))]))}</p>
        };
        let problems = move || {
            if no_problems.get() {
                return view! { <p class="ok" data-testid="no-problems">{Msg::NoProblems.text(lang)}</p> }.into_any();
            }
            view! {
                <ul class="problems" data-testid="problems">
                    <For each=move || problems.get() key=|(text, problem)| (text.clone(), problem.organiser()) let:item>
                        {
                            let (text, problem) = item;
                            let show = (!matches!(problem, PlanProblem::NoWards { .. })).then(|| view! {
                                <button type="button" class="link" on:click=move |_| {
                                    // The wards are looked up on demand, not for every problem at every edit.
                                    let wards = editor.project.with_untracked(|p| p.as_ref().map(|p| problem_wards(&problem, p)).unwrap_or_default());
                                    state.selected_ward.set(wards.first().cloned());
                                    editor.focus.set(Some(wards));
                                }>{Msg::ShowOnMap.text(lang)}</button>
                            });
                            view! { <li>{text}" "{show}</li> }
                        }
                    </For>
                </ul>
            }
            .into_any()
        };
        Some(view! {
            <section class="panel stats-panel" aria-labelledby="stats-heading">
                <h2 id="stats-heading">{Msg::StatsHeading.text(lang)}</h2>
                {totals}
                <PagerControls pager=pager window=window label=Msg::FindInFigures test_id="stats-pager"/>
                // Laid out with CSS flex rows (cheap to update); the roles keep it a table for
                // screen readers.
                <table class="organiser-stats" data-testid="organiser-stats" role="table">
                    <thead role="rowgroup"><tr role="row">
                        <th role="columnheader">{Msg::ColOrganiser.text(lang)}</th>
                        <th role="columnheader">{Msg::Wards.text(lang)}</th>
                        <th role="columnheader">{Msg::ColPoorHouseholds.text(lang)}</th>
                        <th role="columnheader">{Msg::ColDeviation.text(lang)}</th>
                        <th role="columnheader">{Msg::Pieces.text(lang)}</th>
                    </tr></thead>
                    <tbody role="rowgroup">
                        // Keyed by organiser and label; the figures are updated in place.
                        <For each=move || window.with(|w| w.rows.clone()) key=|r| (r.organiser, r.label.clone()) let:r>
                            <StatsRowView row=r window=window/>
                        </For>
                    </tbody>
                </table>
                <h3>{Msg::ProblemsHeading.text(lang)}</h3>
                {problems}
            </section>
        })
    }
}

/// One row of the per-organiser table, as shown (so unchanged rows are kept as they are).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct StatsRow {
    organiser: u32,
    label: String,
    colour: Option<String>,
    wards: String,
    poor: String,
    /// Bar width in tenths of a percent: the share against the target line at 50 %.
    bar_width: u32,
    deviation: String,
    out: bool,
    split: bool,
    pieces: String,
    home: Option<String>,
}

/// One organiser's row of figures; its cells follow `window` in place.
#[component]
fn StatsRowView(row: Arc<StatsRow>, window: Memo<Window<Arc<StatsRow>>>) -> impl IntoView {
    let id = row.organiser;
    let label = row.label.clone();
    let r = live_row(window, move |r: &Arc<StatsRow>| r.organiser == id, row);
    let cell = move |f: fn(&StatsRow) -> String| move || r.with(|r| f(r));
    view! {
        <tr role="row" data-organiser=id.to_string() class:out=move || r.with(|r| r.out) class:split=move || r.with(|r| r.split)>
            <td role="cell"><span class="swatch" style=cell(|r| r.colour.as_ref().map(|c| format!("background:{c}")).unwrap_or_default())></span><span>{label}</span></td>
            <td role="cell" class="num">{cell(|r| r.wards.clone())}</td>
            <td role="cell" class="num">{cell(|r| r.poor.clone())}</td>
            <td role="cell" class="bar-cell">
                <span class="bar" aria-hidden="true"><span class="fill" style=cell(|r| format!("width:{:.1}%", r.bar_width as f64 / 10.0))></span><span class="target"></span></span>
                <span class="num" data-testid="deviation">{cell(|r| r.deviation.clone())}</span>
            </td>
            <td role="cell">{cell(|r| r.pieces.clone())}{move || r.with(|r| r.home.clone()).map(|h| view! { <br/><span class="detail">{h}</span> })}</td>
        </tr>
    }
}

/// What one row of the figures is made from, besides the organiser's name.
#[derive(Debug, Clone, Copy, PartialEq)]
struct RowFigures {
    pos: usize,
    colour: Option<usize>,
    wards: usize,
    poor: f64,
    deviation: f64,
    pieces: usize,
    home_m: Option<f64>,
    eps: f64,
    lang: Lang,
}

impl StatsRow {
    fn new(organiser: u32, name: &str, i: RowFigures) -> StatsRow {
        let lang = i.lang;
        let name =
            if name.is_empty() { Msg::Vacant.text(lang).to_string() } else { name.to_string() };
        let sign = if i.deviation > 0.0 { "+" } else { "" };
        StatsRow {
            organiser,
            label: format!("{}. {name}", i.pos + 1),
            colour: i.colour.map(area_colour),
            wards: group_indian_u64(i.wards as u64),
            poor: group_indian_u64(i.poor.round() as u64),
            // ±100 % fills the bar.
            bar_width: (((1.0 + i.deviation) * 50.0).clamp(0.0, 100.0) * 10.0).round() as u32,
            deviation: format!("{sign}{} %", pct(i.deviation)),
            out: i.deviation.abs() > i.eps + 1e-9,
            split: i.pieces > 1,
            pieces: if i.pieces <= 1 {
                Msg::OnePiece.text(lang).to_string()
            } else {
                Msg::NPieces.fill(lang, &[("n", &i.pieces.to_string())])
            },
            home: i
                .home_m
                .map(|m| Msg::HomeDistance.fill(lang, &[("km", &decimal_indian(m / 1000.0, 1))])),
        }
    }
}

/// The wards a problem is about (to zoom to).
fn problem_wards(p: &PlanProblem, project: &kshetra_core::project::Project) -> Vec<String> {
    match p {
        PlanProblem::SplitArea { smaller, .. } => smaller.iter().flatten().cloned().collect(),
        PlanProblem::Unassigned { wards } => wards.clone(),
        PlanProblem::NoWards { .. } => Vec::new(),
        PlanProblem::OverTolerance { organiser, .. }
        | PlanProblem::UnderTolerance { organiser, .. } => {
            project.plan.wards_of(*organiser).map(str::to_string).collect()
        }
    }
}
