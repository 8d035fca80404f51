//! Where the map came from: attribution of bundled data, the saved-in-browser note.

use kshetra_core::i18n::{Lang, Msg};
use leptos::prelude::*;

use crate::data::MapSource;
use crate::state::use_app_state;

/// Attribution of the bundled map data, as its licence requires.
#[component]
pub fn DataSource() -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="panel" aria-labelledby="source-heading">
            <h2 id="source-heading">{state.t(Msg::DataSource)}</h2>
            {move || {
                let current = state.current.get()?;
                let saved = current.changed.then(|| {
                    let restore = match current.source {
                        MapSource::Bundled(c) => Some(view! {
                            <button type="button" on:click=move |_| state.restore_original(c)>{state.t(Msg::RestoreOriginal)}</button>
                        }),
                        MapSource::Imported { .. } => None,
                    };
                    view! { <p class="note" data-testid="saved-note">{state.t(Msg::SavedInBrowser)}</p> {restore} }
                });
                Some(view! { {saved} {match current.attribution() {
                    Some(a) => view! {
                        <p class="attribution" data-testid="data-attribution">
                            <a href=a.url target="_blank" rel="noopener">{a.title}</a>
                            " by "
                            <a href=a.author_url target="_blank" rel="noopener">{a.author}</a>
                            " ("
                            <a href=a.licence_url target="_blank" rel="noopener">{a.licence}</a>
                            ")"
                        </p>
                    }.into_any(),
                    None => view! {
                        <p class="attribution" data-testid="data-attribution">
                            {move || Msg::ImportedFrom.fill(state.lang.get(), &[("file", &current.name(Lang::En))])}
                        </p>
                    }.into_any(),
                }} })
            }}
        </section>
    }
}
