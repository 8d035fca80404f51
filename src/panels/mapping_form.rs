//! The form that says which column of an imported file holds which ward attribute (map
//! import and ward-table join).

use std::sync::Arc;

use kshetra_core::i18n::Msg;
use kshetra_core::import::{Field, FieldMapping};
use leptos::prelude::*;

use crate::state::use_app_state;
use kshetra_core::messages;

/// One select per ward attribute, listing the file's columns, with sample values.
#[component]
pub fn MappingForm(
    /// Prefix of the element ids (two forms can be open at once).
    id_prefix: &'static str,
    /// The file's columns.
    columns: Vec<String>,
    /// Sample values of a column.
    samples: impl Fn(usize) -> Vec<String> + Send + Sync + 'static,
    /// The mapping shown.
    #[prop(into)]
    mapping: Signal<FieldMapping>,
    /// Called with the field and its new column (`None` = none).
    on_change: impl Fn(Field, Option<String>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let samples = Arc::new(samples);
    let columns = Arc::new(columns);
    view! {
        <table class="mapping">
            <caption>{state.t(Msg::WhichColumn)}</caption>
            <tbody>
                {Field::ALL.iter().map(|&field| {
                    let columns = columns.clone();
                    let samples = samples.clone();
                    let label = move || messages::field_name(field, state.lang.get());
                    view! {
                        <tr>
                            <th scope="row"><label for=format!("{id_prefix}-{field:?}")>{label}</label></th>
                            <td>
                                <select id=format!("{id_prefix}-{field:?}") on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    on_change(field, (!v.is_empty()).then_some(v));
                                }>
                                    <option value="" selected=move || mapping.with(|m| m.get(field).is_none())>{state.t(Msg::NoColumn)}</option>
                                    {columns.iter().map(|c| {
                                        let c2 = c.clone();
                                        view! { <option value=c.clone() selected=move || mapping.with(|m| m.get(field) == Some(c2.as_str()))>{c.clone()}</option> }
                                    }).collect_view()}
                                </select>
                            </td>
                            <td class="samples">
                                {
                                    let columns = columns.clone();
                                    let samples = samples.clone();
                                    move || mapping.with(|m| m.get(field).and_then(|c| columns.iter().position(|x| x == c)))
                                        .map(|i| samples(i).join(", "))
                                }
                            </td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
