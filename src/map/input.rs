//! Input on the map: what the ward layer reports ([`WardEvent`]) and what it does
//! ([`on_ward`]): the one place where pointer input on the wards becomes an action.

use leptos::prelude::*;

use crate::state::AppState;

/// What happened to a ward on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WardEventKind {
    /// Clicked or tapped.
    Click,
    /// Mouse button pressed on it (a brush stroke starts).
    Down,
    /// The pointer entered it with the main button held (a brush stroke goes on).
    DragOver,
}

/// A ward event from the map: which ward (index in the map), and where (lon, lat).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WardEvent {
    /// What happened.
    pub kind: WardEventKind,
    /// Ward index in [`kshetra_core::WardMap::wards`].
    pub ward: usize,
    /// The point on the map (lon, lat), when Leaflet gives one.
    pub at: Option<[f64; 2]>,
}

/// Acts on a ward event: a click selects the ward (and places the point being picked, an
/// organiser's home or contact point); with an organiser's brush on, pressing the button on a
/// ward starts a brush stroke and entering wards with it held goes on painting them.
pub fn on_ward(state: AppState, ev: WardEvent) {
    let editor = state.editor;
    let Some(c) = state.current.get_untracked() else { return };
    let Some(number) = c.map.wards().get(ev.ward).map(|w| w.number.clone()) else {
        return;
    };
    match ev.kind {
        WardEventKind::Click => {
            if let (Some(pick), Some(at)) = (editor.picking.get_untracked(), ev.at) {
                editor.place(&c, pick, &number, at);
            }
            // Only when it changes: painting clicks the same ward again and again.
            if state.selected_ward.with_untracked(|s| s.as_deref() != Some(number.as_str())) {
                state.selected_ward.set(Some(number));
            }
        }
        WardEventKind::Down if editor.painting.get_untracked().is_some() => {
            let conn = state.connectivity.get_untracked();
            editor.start_stroke();
            editor.paint(&c, conn.as_ref().map(|c| &c.graph), number);
        }
        WardEventKind::DragOver
            if editor.painting.get_untracked().is_some() && editor.in_stroke() =>
        {
            let conn = state.connectivity.get_untracked();
            editor.paint(&c, conn.as_ref().map(|c| &c.graph), number);
        }
        _ => {}
    }
}
