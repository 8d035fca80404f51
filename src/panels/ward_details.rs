//! Details of the ward clicked on the map, with its organiser and lock ([`WardAssignment`])
//! and links to other wards ([`LinkWard`]).

use kshetra_core::format::{decimal_indian, group_indian_u64};
use kshetra_core::geometry::area_m2;
use kshetra_core::i18n::Msg;
use kshetra_core::project::Edit;
use leptos::prelude::*;

use crate::state::use_app_state;

/// Details of the ward tapped or clicked on the map.
#[component]
pub fn WardDetails() -> impl IntoView {
    let state = use_app_state();
    let t = move |m: Msg| m.text(state.lang.get());
    view! {
        <section class="panel" aria-labelledby="ward-heading" aria-live="polite">
            <h2 id="ward-heading">{move || t(Msg::WardDetails)}</h2>
            {move || {
                let loaded = state.loaded()?;
                let number = state.selected_ward.get();
                let Some(index) = number.as_deref().and_then(|n| loaded.map.index_of(n)) else {
                    return Some(view! { <p class="hint">{t(Msg::ClickAWard)}</p> }.into_any());
                };
                let ward = &loaded.map.wards()[index];
                let not_known = t(Msg::NotKnown).to_string();
                let population = ward.population.map(group_indian_u64).unwrap_or_else(|| not_known.clone());
                let area = format!("{} {}", decimal_indian(area_m2(&ward.geometry) / 1e6, 2), t(Msg::SqKm));
                let neighbours = state
                    .connectivity
                    .get()
                    .map(|c| {
                        let numbers: Vec<&str> = c.graph.neighbours(index).iter().map(|n| loaded.map.wards()[n.ward].number.as_str()).collect();
                        if numbers.is_empty() { t(Msg::NoNeighbours).to_string() } else { numbers.join(", ") }
                    })
                    .unwrap_or_default();
                Some(view! {
                    <dl class="stats" data-testid="ward-details">
                        <dt>{t(Msg::WardNumber)}</dt>
                        <dd>{ward.number.clone()}</dd>
                        <dt>{t(Msg::WardName)}</dt>
                        <dd>{ward.name.clone().unwrap_or_else(|| not_known.clone())}</dd>
                        <dt>{t(Msg::Zone)}</dt>
                        <dd>{ward.zone.clone().unwrap_or_else(|| t(Msg::NoZone).to_string())}</dd>
                        <dt>{t(Msg::Population)}</dt>
                        <dd>{population}</dd>
                        <dt>{t(Msg::Area)}</dt>
                        <dd>{area}</dd>
                        <dt>{t(Msg::Neighbours)}</dt>
                        <dd data-testid="neighbours">{neighbours}</dd>
                    </dl>
                    <WardAssignment ward=ward.number.clone()/>
                    <LinkWard ward=ward.number.clone()/>
                    <button type="button" on:click=move |_| state.selected_ward.set(None)>{t(Msg::Close)}</button>
                }.into_any())
            }}
        </section>
    }
}

/// The selected ward's organiser (change it here too) and its lock.
#[component]
fn WardAssignment(
    /// The selected ward's number.
    ward: String,
) -> impl IntoView {
    let state = use_app_state();
    let editor = state.editor;
    let w = ward.clone();
    let assigned =
        move || editor.project.with(|p| p.as_ref().and_then(|p| p.plan.organiser_of(&w)));
    let w = StoredValue::new(ward.clone());
    let locked = move || {
        editor.project.with(|p| p.as_ref().is_some_and(|p| w.with_value(|w| p.plan.is_locked(w))))
    };
    let w = ward.clone();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(current) = state.current.get_untracked() else { return };
        let value = event_target_value(&ev);
        let wards = vec![w.clone()];
        let edit = match value.parse::<u32>() {
            Ok(to) => Edit::Assign { wards, to },
            Err(_) => Edit::Unassign { wards },
        };
        editor.edit(&current, edit);
    };
    let w = ward.clone();
    let toggle_lock = move |_| {
        let Some(current) = state.current.get_untracked() else { return };
        let wards = vec![w.clone()];
        editor.edit(&current, if locked() { Edit::Unlock { wards } } else { Edit::Lock { wards } });
    };
    // Memos, so an edit elsewhere (every brush stroke) does not rebuild 200 options.
    let options = Memo::new(move |_| {
        let lang = state.lang.get();
        editor.project.with(|p| {
            p.as_ref()
                .map(|p| {
                    p.organisers
                        .iter()
                        .enumerate()
                        .map(|(i, o)| {
                            (
                                o.id,
                                format!(
                                    "{}. {}",
                                    i + 1,
                                    if o.name.is_empty() {
                                        Msg::Vacant.text(lang).to_string()
                                    } else {
                                        o.name.clone()
                                    }
                                ),
                            )
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let current = Memo::new(move |_| assigned());
    let locked = Memo::new(move |_| locked());
    move || {
        let lang = state.lang.get();
        let organisers = options.get();
        if organisers.is_empty() {
            return None;
        }
        Some(view! {
            <div class="ward-assignment">
                <label class="field inline">
                    <span>{Msg::AssignedTo.text(lang)}</span>
                    // One reactive value for the select, not one per option: a brush stroke
                    // over the selected ward re-ran 201 closures per edit.
                    <select on:change=on_change.clone() data-testid="ward-organiser"
                        prop:value=move || current.get().map(|id| id.to_string()).unwrap_or_default()>
                        <option value="" selected=current.get_untracked().is_none()>{Msg::Nobody.text(lang)}</option>
                        {organisers.into_iter().map(|(id, label)| view! {
                            <option value=id.to_string() selected=current.get_untracked() == Some(id)>{label}</option>
                        }).collect_view()}
                    </select>
                </label>
                <button type="button" aria-pressed=move || locked.get().to_string() disabled=move || current.get().is_none() on:click=toggle_lock.clone()>
                    {move || if locked.get() { Msg::UnlockWard.text(lang) } else { Msg::LockWard.text(lang) }}
                </button>
            </div>
        })
    }
}

/// Lets the officer link the selected ward to any other ward (e.g. across a river or a
/// railway that the map shows as a gap), beyond the suggested bridges.
#[component]
fn LinkWard(
    /// The selected ward's number.
    ward: String,
) -> impl IntoView {
    let state = use_app_state();
    let other = RwSignal::new(String::new());
    let refused: RwSignal<Option<String>> = RwSignal::new(None);
    let ward_for_link = ward.clone();
    let link = move |_| {
        let Some(current) = state.current.get_untracked() else { return };
        let typed = other.get_untracked();
        let lang = state.lang.get_untracked();
        let number = kshetra_core::import::normalise_ward_number(&typed).unwrap_or_default();
        if current.map.ward(&number).is_none() || number == ward_for_link {
            refused.set(Some(Msg::NoSuchWard.fill(lang, &[("ward", typed.trim())])));
            return;
        }
        refused.set(None);
        state.add_links(&current.key(), [(ward_for_link.clone(), number)]);
        other.set(String::new());
    };
    view! {
        <div class="link-ward">
            <label class="field inline">
                <span>{move || Msg::LinkTo.fill(state.lang.get(), &[("ward", &ward)])}</span>
                <input type="text" inputmode="numeric" size="5" prop:value=move || other.get() on:input=move |ev| other.set(event_target_value(&ev))/>
            </label>
            <button type="button" on:click=link>{state.t(Msg::LinkWards)}</button>
            {move || refused.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </div>
    }
}
