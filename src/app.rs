//! The page: top bar (name, city picker, language switch), side panels and the map.

use kshetra_core::adjacency::bridge_all;
use kshetra_core::cities::{BundledCity, BUNDLED_CITIES};
use kshetra_core::format::{decimal_indian, group_indian_u64};
use kshetra_core::geometry::area_m2;
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::palette::zone_fill;
use kshetra_core::project::Edit;
use kshetra_core::settings::{is_valid_tile_url, is_valid_tolerance, Settings, MAX_TOLERANCE_M};
use leptos::prelude::*;

use crate::allocation_panel::{AllocationPanel, StatsPanel};
use crate::data::MapSource;
use crate::estimates::EstimatesPanel;
use crate::import_panel::{ImportMapPanel, JoinTablePanel};
use crate::map::WardMapView;
use crate::messages;
use crate::organisers::OrganisersPanel;
use crate::platform;
use crate::print_view::PrintPanel;
use crate::project_panel::ProjectPanel;
use crate::state::{keys, use_app_state, AppState, LoadStatus, MainView};
use crate::ward_table::WardTable;

/// The application root: creates the store, provides it, and syncs it with the outside world.
#[component]
pub fn App() -> impl IntoView {
    let state = AppState::new();
    provide_context(state);

    // Language ⇒ <html lang>, title, storage and the address bar (so a reload keeps it).
    Effect::new(move |_| {
        let lang = state.lang.get();
        let title = format!("{} · {}", Msg::AppName.text(lang), Msg::AppTagline.text(lang));
        platform::set_document_language(lang.code(), &title);
        platform::save(keys::LANG, &lang.code());
        platform::replace_query_param("lang", lang.code());
    });
    // City ⇒ storage (and the address bar, when it names a city, so a reload agrees).
    Effect::new(move |_| {
        let id = state.city.get().id;
        platform::save(keys::CITY, &id);
        if platform::query_param("city").is_some() {
            platform::replace_query_param("city", id);
        }
    });
    // Settings and links ⇒ storage.
    Effect::new(move |_| platform::save(keys::SETTINGS, &state.settings.get()));
    Effect::new(move |_| platform::save(keys::LINKS, &state.links.get()));
    Effect::new(move |_| platform::save(keys::PARAMS, &state.params.get()));

    view! {
        <header class="topbar">
            <div class="brand">
                <h1>{state.t(Msg::AppName)}</h1>
                <p class="tagline">{state.t(Msg::AppTagline)}</p>
            </div>
            <div class="topbar-controls">
                <CityPicker/>
                <LanguageSwitch/>
            </div>
        </header>
        <main class="workspace">
            <aside class="sidebar">
                <LoadStatus/>
                <CitySummary/>
                <EstimatesPanel/>
                <OrganisersPanel/>
                <AllocationPanel/>
                <WardDetails/>
                <StatsPanel/>
                <PiecesPanel/>
                <PrintPanel/>
                <ProjectPanel/>
                <ZoneLegend/>
                <ImportMapPanel/>
                <JoinTablePanel/>
                <SettingsPanel/>
                <DataSource/>
            </aside>
            <div class="main-view">
                <div class="view-bar">
                    <ViewTabs/>
                    <EditorToolbar/>
                </div>
                <div class="view-body" class:hidden=move || state.view.get() != MainView::Map>
                    <WardMapView/>
                </div>
                <Show when=move || state.view.get() == MainView::Table>
                    <WardTable/>
                </Show>
            </div>
        </main>
    }
}

/// Undo/redo, the painting status and the split warning, above the map; and the keyboard
/// shortcuts: Ctrl+Z undo, Ctrl+Y / Ctrl+Shift+Z redo, 1–9 paint for that organiser, L lock or
/// unlock the selected ward, Esc stop painting.
#[component]
fn EditorToolbar() -> impl IntoView {
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

/// Map / ward table switch.
#[component]
fn ViewTabs() -> impl IntoView {
    let state = use_app_state();
    let tab = move |view: MainView, label: Msg| {
        view! {
            <button type="button" role="tab" aria-selected=move || (state.view.get() == view).to_string() on:click=move |_| state.view.set(view)>
                {state.t(label)}
            </button>
        }
    };
    view! {
        <div class="tabs" role="tablist" aria-label=state.t(Msg::Views)>
            {tab(MainView::Map, Msg::ViewMap)}
            {tab(MainView::Table, Msg::ViewTable)}
        </div>
    }
}

/// The bundled-city picker.
#[component]
fn CityPicker() -> impl IntoView {
    let state = use_app_state();
    view! {
        <label class="field inline">
            <span>{state.t(Msg::City)}</span>
            <select
                on:change=move |ev| {
                    if let Some(city) = BundledCity::by_id(&event_target_value(&ev)) {
                        state.load_bundled(city);
                    }
                }
                prop:value=move || state.city.get().id
            >
                {BUNDLED_CITIES
                    .iter()
                    .map(|c| {
                        view! {
                            <option value=c.id selected=move || state.city.get().id == c.id>
                                {move || c.name(state.lang.get())}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}

/// हिन्दी / English switch. Each button is named in its own language, so it can always be found.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let state = use_app_state();
    view! {
        <div class="lang-switch" role="group" aria-label=move || format!("{} / Language", Msg::Language.text(Lang::Hi))>
            {Lang::ALL
                .iter()
                .map(|&l| {
                    view! {
                        <button
                            type="button"
                            lang=l.code()
                            aria-pressed=move || (state.lang.get() == l).to_string()
                            on:click=move |_| state.lang.set(l)
                        >
                            {l.native_name()}
                        </button>
                    }
                })
                .collect_view()}
        </div>
    }
}

/// Loading indicator, load errors (with retry) and import warnings.
#[component]
fn LoadStatus() -> impl IntoView {
    let state = use_app_state();
    move || {
        let lang = state.lang.get();
        let failed = match state.load.get() {
            LoadStatus::Loading => Some(
                view! { <p class="status" role="status">{Msg::Loading.text(lang)}</p> }.into_any(),
            ),
            LoadStatus::Failed(e) => {
                let city = state.city.get_untracked();
                let text = messages::load_error(&e, city.name(lang), lang);
                Some(view! {
                    <div class="error" role="alert">
                        <p>{text}</p>
                        <button type="button" on:click=move |_| state.load_bundled(city)>{Msg::Retry.text(lang)}</button>
                    </div>
                }
                .into_any())
            }
            LoadStatus::Idle => None,
        };
        let warnings = state.current.get().filter(|c| !c.warnings.is_empty()).map(|c| view! {
            <ul class="warnings" role="status">
                {c.warnings.iter().map(|w| view! { <li>{messages::import_warning(w, lang)}</li> }).collect_view()}
            </ul>
        });
        view! { {failed} {warnings} }
    }
}

/// Ward, zone, population and area totals of the loaded city.
#[component]
fn CitySummary() -> impl IntoView {
    let state = use_app_state();
    let t = move |m: Msg| m.text(state.lang.get());
    view! {
        <section class="panel" aria-labelledby="summary-heading">
            <h2 id="summary-heading">{move || t(Msg::CitySummary)}</h2>
            {move || {
                state.loaded().map(|loaded| {
                    let pop = loaded.map.population_summary();
                    let population = if pop.wards_known == 0 {
                        t(Msg::NotKnown).to_string()
                    } else {
                        group_indian_u64(pop.known_total)
                    };
                    let missing = (pop.wards_missing > 0).then(|| {
                        Msg::PopulationMissing.fill(state.lang.get(), &[("n", &group_indian_u64(pop.wards_missing as u64))])
                    });
                    view! {
                        <dl class="stats">
                            <dt>{t(Msg::Wards)}</dt>
                            <dd data-testid="ward-count">{group_indian_u64(loaded.map.wards().len() as u64)}</dd>
                            <dt>{t(Msg::Zones)}</dt>
                            <dd data-testid="zone-count">{group_indian_u64(loaded.map.zones().len() as u64)}</dd>
                            <dt>{t(Msg::Population)}</dt>
                            <dd data-testid="population">{population}</dd>
                            <dt>{t(Msg::Area)}</dt>
                            <dd>{format!("{} {}", decimal_indian(loaded.area_km2, 1), t(Msg::SqKm))}</dd>
                            <dt>{t(Msg::Pieces)}</dt>
                            <dd data-testid="piece-count">
                                {move || state.connectivity.get().map(|c| group_indian_u64(c.components.count() as u64))}
                            </dd>
                        </dl>
                        {missing.map(|m| view! { <p class="note">{m}</p> })}
                    }
                })
            }}
        </section>
    }
}

/// Details of the ward tapped or clicked on the map.
#[component]
fn WardDetails() -> impl IntoView {
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

/// Zone colours with their ward counts.
#[component]
fn ZoneLegend() -> impl IntoView {
    let state = use_app_state();
    view! {
        <section class="panel" aria-labelledby="zones-heading">
            <h2 id="zones-heading">{state.t(Msg::ZoneLegend)}</h2>
            {move || {
                let lang = state.lang.get();
                state.loaded().map(|loaded| {
                    let map = &loaded.map;
                    view! {
                        <ul class="legend">
                            {map.zones().iter().enumerate().map(|(i, zone)| {
                                let n = map.wards().iter().filter(|w| w.zone.as_deref() == Some(zone.as_str())).count();
                                view! {
                                    <li>
                                        <span class="swatch" style=format!("background:{}", zone_fill(Some(i)))></span>
                                        {format!("{} {} — {} {}", Msg::Zone.text(lang), zone, group_indian_u64(n as u64), Msg::Wards.text(lang))}
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }
                })
            }}
        </section>
    }
}

/// Base map on/off and tile URL.
#[component]
fn SettingsPanel() -> impl IntoView {
    let state = use_app_state();
    let draft = RwSignal::new(state.settings.get_untracked().tile_url);
    let invalid = RwSignal::new(false);
    let commit = move || {
        let url = draft.get_untracked().trim().to_string();
        if is_valid_tile_url(&url) {
            invalid.set(false);
            state.settings.update(|s| s.tile_url = url);
        } else {
            invalid.set(true);
        }
    };
    view! {
        <section class="panel" aria-labelledby="settings-heading">
            <h2 id="settings-heading">{state.t(Msg::Settings)}</h2>
            <label class="field check">
                <input
                    type="checkbox"
                    prop:checked=move || state.settings.get().base_map
                    on:change=move |ev| state.settings.update(|s| s.base_map = event_target_checked(&ev))
                />
                <span>{state.t(Msg::BaseMap)}</span>
            </label>
            <p class="hint">{state.t(Msg::BaseMapHint)}</p>
            <label class="field">
                <span>{state.t(Msg::TileUrl)}</span>
                <input
                    type="url"
                    spellcheck="false"
                    prop:value=move || draft.get()
                    aria-invalid=move || invalid.get().to_string()
                    on:input=move |ev| draft.set(event_target_value(&ev))
                    on:change=move |_| commit()
                />
            </label>
            <Show when=move || invalid.get()>
                <p class="error" role="alert">{state.t(Msg::TileUrlInvalid)}</p>
            </Show>
            <button
                type="button"
                on:click=move |_| {
                    draft.set(Settings::DEFAULT_TILE_URL.to_string());
                    commit();
                }
            >
                {state.t(Msg::TileUrlReset)}
            </button>
            <ToleranceSetting/>
        </section>
    }
}

/// The adjacency tolerance (metres), validated before it is applied.
#[component]
fn ToleranceSetting() -> impl IntoView {
    let state = use_app_state();
    let invalid = RwSignal::new(false);
    view! {
        <label class="field">
            <span>{state.t(Msg::Tolerance)}</span>
            <input
                type="number"
                min="0"
                max=MAX_TOLERANCE_M.to_string()
                step="0.5"
                prop:value=move || state.settings.get().tolerance_m.to_string()
                aria-invalid=move || invalid.get().to_string()
                on:change=move |ev| {
                    match event_target_value(&ev).trim().parse::<f64>() {
                        Ok(m) if is_valid_tolerance(m) => {
                            invalid.set(false);
                            state.settings.update(|s| s.tolerance_m = m);
                        }
                        _ => invalid.set(true),
                    }
                }
            />
        </label>
        <p class="hint">{state.t(Msg::ToleranceHint)}</p>
        <Show when=move || invalid.get()>
            <p class="error" role="alert">{state.t(Msg::ToleranceInvalid)}</p>
        </Show>
    }
}

/// Separate pieces of the ward graph, with links to join them, and the officer's links.
#[component]
fn PiecesPanel() -> impl IntoView {
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

/// Attribution of the bundled map data, as its licence requires.
#[component]
fn DataSource() -> impl IntoView {
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
