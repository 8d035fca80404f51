//! The ward table: every ward with its figures, sortable, searchable and editable inline.
//! Edits go through [`crate::state::AppState::edit_ward`], so the map, the summary and the
//! estimates follow at once.

use kshetra_core::estimate::PoorBasis;
use kshetra_core::format::group_indian_u64;
use kshetra_core::i18n::Msg;
use kshetra_core::import::{parse_count, Field};
use kshetra_core::model::{natural_cmp, WardEdit};
use leptos::prelude::*;

use crate::state::use_app_state;
use kshetra_core::messages;

/// Rows rendered at most (a search narrows the rest).
const MAX_ROWS: usize = 300;

/// Sortable columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SortKey {
    Number,
    Name,
    Zone,
    Population,
    Households,
    Poor,
    Neighbours,
}

/// One row's data, computed from the store.
#[derive(Clone, PartialEq)]
struct Row {
    index: usize,
    number: String,
    name: String,
    zone: String,
    population: Option<u64>,
    households: Option<u64>,
    poor: Option<u64>,
    poor_entered: bool,
    neighbours: usize,
}

/// The ward table view.
#[component]
pub fn WardTable() -> impl IntoView {
    let state = use_app_state();
    let query = RwSignal::new(String::new());
    let sort = RwSignal::new((SortKey::Number, true));
    let refused: RwSignal<Option<String>> = RwSignal::new(None);

    let rows = Memo::new(move |_| -> Vec<Row> {
        let Some(current) = state.current.get() else { return Vec::new() };
        let estimate = state.estimate.get();
        let conn = state.connectivity.get();
        let q = query.get().trim().to_lowercase();
        let mut rows: Vec<Row> = current
            .map
            .wards()
            .iter()
            .enumerate()
            .filter(|(_, w)| {
                q.is_empty()
                    || w.number.to_lowercase() == q
                    || w.name.as_deref().unwrap_or("").to_lowercase().contains(&q)
                    || w.number.to_lowercase().starts_with(&q)
            })
            .map(|(i, w)| {
                let poor = estimate.as_ref().and_then(|e| e.wards.get(i));
                Row {
                    index: i,
                    number: w.number.clone(),
                    name: w.name.clone().unwrap_or_default(),
                    zone: w.zone.clone().unwrap_or_default(),
                    population: w.population,
                    households: w.households,
                    poor: poor.and_then(|p| p.poor_households),
                    poor_entered: poor.is_some_and(|p| p.basis == PoorBasis::Entered),
                    neighbours: conn.as_ref().map_or(0, |c| c.graph.neighbours(i).len()),
                }
            })
            .collect();
        let (key, ascending) = sort.get();
        rows.sort_by(|a, b| {
            let ord = match key {
                SortKey::Number => natural_cmp(&a.number, &b.number),
                SortKey::Name => a.name.cmp(&b.name),
                SortKey::Zone => natural_cmp(&a.zone, &b.zone),
                SortKey::Population => a.population.cmp(&b.population),
                SortKey::Households => a.households.cmp(&b.households),
                SortKey::Poor => a.poor.cmp(&b.poor),
                SortKey::Neighbours => a.neighbours.cmp(&b.neighbours),
            }
            .then_with(|| natural_cmp(&a.number, &b.number));
            if ascending {
                ord
            } else {
                ord.reverse()
            }
        });
        rows
    });

    let header = move |key: SortKey, label: Msg| {
        let aria = move || match sort.get() {
            (k, true) if k == key => "ascending",
            (k, false) if k == key => "descending",
            _ => "none",
        };
        view! {
            <th scope="col" aria-sort=aria>
                <button type="button" class="sort" on:click=move |_| sort.update(|s| *s = if s.0 == key { (key, !s.1) } else { (key, true) })>
                    {state.t(label)}
                </button>
            </th>
        }
    };

    // Commits a typed count; blank = not known.
    let commit = move |index: usize, number: String, field: Field, typed: String| {
        let t = typed.trim();
        let value = if t.is_empty() { Some(None) } else { parse_count(t).map(Some) };
        let Some(value) = value else {
            let lang = state.lang.get_untracked();
            refused.set(Some(Msg::BadCell.fill(
                lang,
                &[("ward", &number), ("field", messages::field_name(field, lang)), ("value", t)],
            )));
            return;
        };
        refused.set(None);
        let edit = match field {
            Field::Population => WardEdit::Population(value),
            Field::Households => WardEdit::Households(value),
            _ => WardEdit::PoorHouseholds(value),
        };
        state.edit_ward(index, edit);
    };

    view! {
        <div class="ward-table" role="region" aria-label=state.t(Msg::ViewTable)>
            <div class="table-tools">
                <label class="field inline">
                    <span>{state.t(Msg::SearchWards)}</span>
                    <input type="search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev))/>
                </label>
                {move || {
                    let total = state.current.with(|c| c.as_ref().map_or(0, |c| c.map.wards().len()));
                    let shown = rows.with(Vec::len).min(MAX_ROWS);
                    (shown < total).then(|| view! {
                        <p class="hint">{Msg::ShowingRows.fill(state.lang.get(), &[("shown", &group_indian_u64(shown as u64)), ("total", &group_indian_u64(total as u64))])}</p>
                    })
                }}
            </div>
            {move || refused.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <table class="wards">
                <thead>
                    <tr>
                        {header(SortKey::Number, Msg::WardNumber)}
                        {header(SortKey::Name, Msg::WardName)}
                        {header(SortKey::Zone, Msg::Zone)}
                        {header(SortKey::Population, Msg::Population)}
                        {header(SortKey::Households, Msg::Households)}
                        {header(SortKey::Poor, Msg::PoorHouseholds)}
                        {header(SortKey::Neighbours, Msg::Neighbours)}
                    </tr>
                </thead>
                <tbody>
                    <For
                        each=move || rows.get().into_iter().take(MAX_ROWS)
                        key=|r| (r.index, r.zone.clone(), r.population, r.households, r.poor, r.poor_entered, r.neighbours)
                        let:row
                    >
                        {
                            let Row { index, number, name, zone, population, households, poor, poor_entered, neighbours } = row;
                            let label = {
                                let number = number.clone();
                                move |field: Field| {
                                    let number = number.clone();
                                    move || {
                                        let lang = state.lang.get();
                                        format!("{} {} — {}", Msg::Ward.text(lang), number, messages::field_name(field, lang))
                                    }
                                }
                            };
                            let zone_label = label(Field::Zone);
                            let cell = {
                                let number = number.clone();
                                let label = label.clone();
                                move |field: Field, value: Option<u64>, extra: Option<AnyView>| {
                                    let number = number.clone();
                                    view! {
                                        <td class="num">
                                            <input type="text" inputmode="numeric" aria-label=label(field) prop:value=value.map(|v| v.to_string()).unwrap_or_default()
                                                on:change=move |ev| commit(index, number.clone(), field, event_target_value(&ev))/>
                                            {extra}
                                        </td>
                                    }
                                }
                            };
                            // An estimated figure is shown beside an empty field; typing a count replaces it.
                            let estimate = (!poor_entered).then_some(poor).flatten().map(|p| view! {
                                <span class="estimate">{move || format!("{} {}", Msg::Estimated.text(state.lang.get()), group_indian_u64(p))}</span>
                            }.into_any());
                            view! {
                                <tr data-ward=number.clone()>
                                    <th scope="row">{number.clone()}</th>
                                    <td>{name}</td>
                                    <td>
                                        <input type="text" class="zone" aria-label=zone_label prop:value=zone
                                            on:change=move |ev| state.edit_ward(index, WardEdit::Zone(Some(event_target_value(&ev))))/>
                                    </td>
                                    {cell(Field::Population, population, None)}
                                    {cell(Field::Households, households, None)}
                                    {cell(Field::PoorHouseholds, if poor_entered { poor } else { None }, estimate)}
                                    <td class="num">{neighbours}</td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </div>
    }
}
