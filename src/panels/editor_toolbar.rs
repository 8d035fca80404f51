//! Undo/redo, the painting status and the split warning above the map, and the editor's
//! keyboard shortcuts.

use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::project::Edit;
use leptos::prelude::*;

use crate::state::use_app_state;

/// Undo/redo, the painting status and the split warning, above the map; and the keyboard
/// shortcuts: Ctrl+Z undo, Ctrl+Y / Ctrl+Shift+Z redo, 1–9 paint for that organiser, L lock or
/// unlock the selected ward, Esc stop painting.
#[component]
pub fn EditorToolbar() -> impl IntoView {
    let state = use_app_state();
    let editor = state.editor;
    let handle = window_event_listener(leptos::ev::keydown, move |ev: web_sys::KeyboardEvent| {
        use wasm_bindgen::JsCast;
        // Typing in a field is not a shortcut.
        let in_field = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if in_field {
            return;
        }
        let key = ev.key();
        let ctrl = ev.ctrl_key() || ev.meta_key();
        match (ctrl, key.as_str()) {
            (true, "z") | (true, "Z") if !ev.shift_key() => {
                ev.prevent_default();
                editor.undo();
            }
            (true, "y") | (true, "Y") | (true, "Z") | (true, "z") => {
                ev.prevent_default();
                editor.redo();
            }
            (false, "Escape") => {
                editor.painting.set(None);
                editor.picking.set(None);
                editor.split_warning.set(None);
            }
            (false, "l") | (false, "L") => {
                if let (Some(current), Some(ward)) =
                    (state.current.get_untracked(), state.selected_ward.get_untracked())
                {
                    let locked = editor
                        .project
                        .with_untracked(|p| p.as_ref().is_some_and(|p| p.plan.is_locked(&ward)));
                    let wards = vec![ward];
                    editor.edit(
                        &current,
                        if locked { Edit::Unlock { wards } } else { Edit::Lock { wards } },
                    );
                }
            }
            (false, d) if d.len() == 1 && d.as_bytes()[0].is_ascii_digit() && d != "0" => {
                let i = (d.as_bytes()[0] - b'1') as usize;
                if let Some(id) = editor
                    .project
                    .with_untracked(|p| p.as_ref().and_then(|p| p.organisers.get(i).map(|o| o.id)))
                {
                    editor.painting.set(Some(id));
                }
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());
    let name_of = move |id: u32, lang: Lang| {
        editor
            .project
            .with(|p| {
                p.as_ref().and_then(|p| {
                    let pos = p.position(id)? + 1;
                    let o = p.organiser(id)?;
                    Some(format!(
                        "{pos}. {}",
                        if o.name.is_empty() { Msg::Vacant.text(lang) } else { o.name.as_str() }
                    ))
                })
            })
            .unwrap_or_default()
    };
    view! {
        <div class="editor-toolbar" role="toolbar" aria-label=state.t(Msg::OrganisersHeading)>
            <button type="button" disabled=move || !editor.history.with(|h| h.can_undo()) on:click=move |_| editor.undo()>{state.t(Msg::Undo)}</button>
            <button type="button" disabled=move || !editor.history.with(|h| h.can_redo()) on:click=move |_| editor.redo()>{state.t(Msg::Redo)}</button>
            {move || editor.picking.get().map(|_| view! {
                <span class="painting-status" role="status">{Msg::PickingOnMap.text(state.lang.get())}</span>
            })}
            {move || editor.painting.get().map(|id| {
                let lang = state.lang.get();
                view! {
                    <span class="painting-status" role="status">{Msg::PaintingFor.fill(lang, &[("name", &name_of(id, lang))])}</span>
                    <button type="button" on:click=move |_| editor.painting.set(None)>{Msg::StopPainting.text(lang)}</button>
                }
            })}
            {move || editor.split_warning.get().map(|w| {
                let lang = state.lang.get();
                let text = Msg::SplitWarning.fill(lang, &[
                    ("ward", &w.wards.join(", ")),
                    ("to", &name_of(w.to, lang)),
                    ("from", &name_of(w.splits, lang)),
                    ("pieces", &w.pieces.to_string()),
                ]);
                view! {
                    <span class="warn" role="alert" data-testid="split-warning">{text}</span>
                    <button type="button" on:click=move |_| if let Some(c) = state.current.get_untracked() { editor.confirm_split(&c) }>{Msg::AssignAnyway.text(lang)}</button>
                    <button type="button" on:click=move |_| editor.split_warning.set(None)>{Msg::Cancel.text(lang)}</button>
                }
            })}
        </div>
    }
}
