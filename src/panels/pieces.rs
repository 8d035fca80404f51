//! Separate pieces of the ward graph, with links to join them, and the officer's links.

use kshetra_core::adjacency::bridge_all;
use kshetra_core::format::group_indian_u64;
use kshetra_core::i18n::Msg;
use leptos::prelude::*;

use crate::state::use_app_state;

/// Separate pieces of the ward graph, with links to join them, and the officer's links.
#[component]
pub fn PiecesPanel() -> impl IntoView {
    const LISTED: usize = 8;
    let state = use_app_state();
    move || {
        let lang = state.lang.get();
        let loaded = state.loaded()?;
        let conn = state.connectivity.get()?;
        let map_key = loaded.key();
        let links = state.links.with(|l| l.get(&map_key).cloned().unwrap_or_default());
        let pieces = conn.components.count();
        if pieces <= 1 && links.is_empty() {
            return None;
        }
        let number = |i: usize| loaded.map.wards()[i].number.clone();
        let lines = conn.suggested.iter().take(LISTED).map(|b| {
            let members = &conn.components.members[conn.components.of_ward[b.from]];
            let mut wards: Vec<String> = members.iter().take(6).map(|&i| number(i)).collect();
            if members.len() > 6 {
                wards.push("…".into());
            }
            let text = Msg::PieceLine.fill(lang, &[("wards", &wards.join(", ")), ("to", &number(b.to)), ("gap", &group_indian_u64(b.gap_m.round() as u64))]);
            let link = (number(b.from), number(b.to));
            let key = map_key.clone();
            view! {
                <li>
                    {text} " "
                    <button type="button" on:click=move |_| state.add_links(&key, [link.clone()])>{Msg::LinkWards.text(lang)}</button>
                </li>
            }
        }).collect_view();
        let more = (conn.suggested.len() > LISTED).then(|| {
            Msg::MorePieces
                .fill(lang, &[("n", &group_indian_u64((conn.suggested.len() - LISTED) as u64))])
        });
        let join_all = {
            let loaded = loaded.clone();
            let key = map_key.clone();
            move |_| {
                let Some(conn) = state.connectivity.get_untracked() else { return };
                let mut graph = conn.graph.clone();
                let added = bridge_all(&loaded.map, &mut graph);
                let wards = loaded.map.wards();
                state.add_links(
                    &key,
                    added
                        .iter()
                        .map(|b| (wards[b.from].number.clone(), wards[b.to].number.clone())),
                );
            }
        };
        let link_items = links.iter().map(|(a, b)| {
            let pair = (a.clone(), b.clone());
            let key = map_key.clone();
            view! {
                <li>
                    {format!("{} {a} — {} {b} ", Msg::Ward.text(lang), Msg::Ward.text(lang))}
                    <button type="button" on:click=move |_| state.links.update(|l| if let Some(v) = l.get_mut(&key) { v.retain(|x| *x != pair) })>
                        {Msg::RemoveLink.text(lang)}
                    </button>
                </li>
            }
        }).collect_view();
        Some(view! {
            <section class="panel pieces" aria-labelledby="pieces-heading">
                <h2 id="pieces-heading">{Msg::Pieces.text(lang)}</h2>
                {(pieces > 1).then(|| view! {
                    <p class="error" role="alert">{Msg::PiecesWarning.fill(lang, &[("n", &group_indian_u64(pieces as u64))])}</p>
                    <ul class="piece-list">{lines}</ul>
                    {more.map(|m| view! { <p class="hint">{m}</p> })}
                    <button type="button" on:click=join_all>{Msg::JoinAll.text(lang)}</button>
                })}
                {(!links.is_empty()).then(|| view! {
                    <h3>{Msg::Links.text(lang)}</h3>
                    <ul class="link-list">{link_items}</ul>
                })}
            </section>
        })
    }
}
