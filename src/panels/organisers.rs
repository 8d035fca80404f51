//! The organisers panel: add, edit, remove and reorder organisers, import a list, paint their
//! wards, lock their areas. Every change is a core [`Edit`] through [`crate::editor::Editor`].

use std::sync::Arc;

use kshetra_core::format::{decimal_indian, group_indian_u64};
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::palette::area_colour;
use kshetra_core::project::organisers_import::{import_organisers, organisers_template_csv};
use kshetra_core::project::{ContactPoint, Edit, Home, Organiser};
use leptos::prelude::*;

use crate::pager::{live_row, paged, PagerControls, RowCache, Window};
use crate::state::use_app_state;
use kshetra_core::messages::UserText;

/// The fields of the organiser form, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
struct Form {
    /// `Some(id)` when editing, `None` when adding.
    id: Option<u32>,
    name: String,
    mobile: String,
    role: String,
    capacity: String,
    home_ward: String,
    contact: String,
    meeting_day: String,
    meeting_time: String,
}

impl Form {
    fn of(o: &Organiser) -> Form {
        let c = o.contact.clone().unwrap_or_default();
        Form {
            id: Some(o.id),
            name: o.name.clone(),
            mobile: o.mobile.clone().unwrap_or_default(),
            role: o.role.clone(),
            capacity: decimal_indian(o.capacity, 2),
            home_ward: o.home_ward().unwrap_or_default().to_string(),
            contact: c.name,
            meeting_day: c.meeting_day.unwrap_or_default(),
            meeting_time: c.meeting_time.unwrap_or_default(),
        }
    }

    /// The organiser the form describes (checked by the core when applied), keeping what the
    /// form does not show (home point, contact location) from `old`.
    fn organiser(&self, old: Option<&Organiser>, lang: Lang) -> Organiser {
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let mut o = old.cloned().unwrap_or_else(|| Organiser::new(""));
        o.name = self.name.trim().to_string();
        o.mobile = opt(&self.mobile);
        o.role = opt(&self.role)
            .unwrap_or_else(|| kshetra_core::project::model::default_role(lang).to_string());
        // Unparseable capacity → NaN, which the core refuses with its message.
        o.capacity = if self.capacity.trim().is_empty() {
            1.0
        } else {
            self.capacity.trim().replace(',', ".").parse().unwrap_or(f64::NAN)
        };
        let home_ward = opt(&self.home_ward)
            .map(|w| kshetra_core::import::normalise_ward_number(&w).unwrap_or(w));
        let point = o.home.as_ref().and_then(|h| h.point);
        o.home =
            (home_ward.is_some() || point.is_some()).then_some(Home { ward: home_ward, point });
        let old_contact = o.contact.clone().unwrap_or_default();
        o.contact = opt(&self.contact).map(|name| ContactPoint {
            name,
            meeting_day: opt(&self.meeting_day),
            meeting_time: opt(&self.meeting_time),
            ..old_contact
        });
        o
    }
}

/// The organisers panel.
#[component]
pub fn OrganisersPanel() -> impl IntoView {
    let state = use_app_state();
    let editor = state.editor;
    let form: RwSignal<Option<Form>> = RwSignal::new(None);
    let import_note: RwSignal<Option<(String, Vec<String>)>> = RwSignal::new(None);
    let import_error: RwSignal<Option<String>> = RwSignal::new(None);

    let save_form = move |_| {
        let Some(f) = form.get_untracked() else { return };
        let Some(current) = state.current.get_untracked() else { return };
        let lang = state.lang.get_untracked();
        let old = f.id.and_then(|id| {
            editor.project.with_untracked(|p| p.as_ref().and_then(|p| p.organiser(id).cloned()))
        });
        let organiser = f.organiser(old.as_ref(), lang);
        let edit = match f.id {
            Some(_) => Edit::UpdateOrganiser(organiser),
            None => Edit::AddOrganiser { organiser, at: None },
        };
        if editor.edit(&current, edit) {
            form.set(None);
        }
    };

    let on_import = move |ev: leptos::ev::Event| {
        let Some(file) = crate::platform::chosen_file(&ev) else { return };
        leptos::task::spawn_local(async move {
            let name = file.name();
            let bytes = crate::platform::file_bytes(&file).await;
            let Some(current) = state.current.get_untracked() else { return };
            let lang = state.lang.get_untracked();
            match import_organisers(&name, &bytes, &current.map) {
                Ok(imported) => {
                    import_error.set(None);
                    let skipped: Vec<String> =
                        imported.errors.iter().map(|e| e.message(lang)).collect();
                    let n = imported.organisers.len();
                    if n > 0 {
                        editor.edit(&current, Edit::AddOrganisers(imported.organisers));
                    }
                    let line = Msg::OrganisersImported.fill(
                        lang,
                        &[
                            ("n", &group_indian_u64(n as u64)),
                            ("skipped", &group_indian_u64(skipped.len() as u64)),
                        ],
                    );
                    import_note.set(Some((line, skipped)));
                }
                Err(e) => {
                    import_note.set(None);
                    import_error.set(Some(e.message(lang)));
                }
            }
        });
    };

    let template = move |_| {
        let organisers = editor
            .project
            .with_untracked(|p| p.as_ref().map(|p| p.organisers.clone()).unwrap_or_default());
        crate::platform::download(
            "kshetra-organisers.csv",
            "text/csv;charset=utf-8",
            &organisers_template_csv(&organisers),
        );
    };

    // What each row shows, worked out for all rows in one pass per change (rows whose inputs
    // did not change are reused, not formatted again); the list re-renders only the rows
    // that differ (two of 200 when a ward goes to a neighbour). One memo per row would make
    // every change re-run 200 memos.
    let cache: StoredValue<RowCache<(Organiser, RowFigures), RowData>> =
        StoredValue::new(RowCache::default());
    let rows = Memo::new(move |_| {
        let lang = state.lang.get();
        let colours = editor.colours.get();
        let stats = editor.stats.get();
        let locked = editor.locked_areas.get();
        editor.project.with(|p| {
            let Some(p) = p else { return Vec::new() };
            let n = p.organisers.len();
            let inputs = p.organisers.iter().enumerate().map(|(pos, o)| {
                // The figures' areas are in the organisers' order.
                let area = stats
                    .as_ref()
                    .and_then(|s| s.areas.get(pos))
                    .filter(|a| a.organiser == o.id)
                    .map(|a| (a.wards.len(), a.poor_households.round() as u64));
                let figures = RowFigures {
                    pos,
                    n,
                    colour: colours.get(&o.id).copied(),
                    area,
                    locked_area: locked.contains(&o.id),
                    lang,
                };
                (o.id, (o, figures))
            });
            // The organiser is compared where it is and cloned only for a row made again.
            cache
                .try_update_value(|cache| {
                    cache.rows(
                        inputs,
                        |(was, f0), (o, f)| f0 == f && was == *o,
                        |_, &(o, f)| ((o.clone(), f), RowData::new(o, f)),
                    )
                })
                .unwrap_or_default()
        })
    });
    let have = Memo::new(move |_| {
        editor.project.with(|p| p.as_ref().map(|p| p.organisers.len()).unwrap_or(0)) as u64
    });
    // A long list is shown a page at a time; choosing an organiser to paint for shows their row.
    let (pager, window) = paged(rows, |r| r.label.as_str(), |r| r.id, editor.painting);

    view! {
        <section class="panel organisers" aria-labelledby="organisers-heading">
            <h2 id="organisers-heading">{state.t(Msg::OrganisersHeading)}</h2>
            {move || {
                let lang = state.lang.get();
                let have = have.get();
                let needed = state.estimate.get().map(|e| e.organisers_needed).unwrap_or(0);
                view! {
                    <p data-testid="organisers-vs-needed">{Msg::OrganisersVsNeeded.fill(lang, &[("have", &group_indian_u64(have)), ("needed", &group_indian_u64(needed))])}</p>
                    {(needed > have && have > 0).then(|| view! {
                        <p class="warn">{Msg::OrganisersShort.fill(lang, &[("n", &group_indian_u64(needed - have))])}</p>
                    })}
                    {(have == 0).then(|| view! { <p class="hint">{Msg::NoOrganisersYet.text(lang)}</p> })}
                }
            }}
            {move || editor.edit_error.get().map(|e| view! { <p class="error" role="alert" data-testid="edit-error">{e.message(state.lang.get())}</p> })}
            <PagerControls pager=pager window=window label=Msg::FindOrganiser test_id="organiser-pager"/>
            <ol class="organiser-list" data-testid="organiser-list">
                // Keyed by what a row is built from; its figures (summary, colour) are updated
                // in place, so painting a ward rewrites two texts, not two rows of buttons.
                <For each=move || window.with(|w| w.rows.clone()) key=|r| r.key() let:r>
                    <OrganiserRow row=r window=window form=form/>
                </For>
            </ol>
            {move || match form.get() {
                Some(f) => view! { <OrganiserForm form=form initial=f on_save=save_form/> }.into_any(),
                None => view! {
                    <div class="row-buttons">
                        <button type="button" on:click=move |_| form.set(Some(Form::default()))>{state.t(Msg::AddOrganiser)}</button>
                    </div>
                }.into_any(),
            }}
            <label class="field">
                <span>{state.t(Msg::OrganisersFile)}</span>
                <input type="file" accept=".csv,.xlsx,.xls,.ods" on:change=on_import/>
            </label>
            <button type="button" class="link" on:click=template>{state.t(Msg::OrganisersTemplate)}</button>
            {move || import_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || import_note.get().map(|(line, skipped)| view! {
                <div class="note" role="status" data-testid="organisers-import">
                    <p>{line}</p>
                    <ul>{skipped.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                </div>
            })}
        </section>
    }
}

/// One organiser in the list.
#[component]
fn OrganiserRow(
    row: Arc<RowData>,
    window: Memo<Window<Arc<RowData>>>,
    form: RwSignal<Option<Form>>,
) -> impl IntoView {
    let state = use_app_state();
    let editor = state.editor;
    let id = row.id;
    let live = live_row(window, move |r: &Arc<RowData>| r.id == id, row.clone());
    let RowData { pos, n, name, label, detail, locked_area, lang, .. } = (*row).clone();
    let edit = move |e: Edit| {
        if let Some(current) = state.current.get_untracked() {
            editor.edit(&current, e);
        }
    };
    let painting = move || editor.painting.get() == Some(id);
    let picking = move |p: crate::editor::Pick| move || editor.picking.get() == Some(p);
    let (name_up, name_down, name_rm, name_paint, name_lock, name_bal) =
        (name.clone(), name.clone(), name.clone(), name.clone(), name.clone(), name.clone());
    let (name_home, name_contact) = (name.clone(), name);
    view! {
        <li class="organiser" class:painting=painting data-organiser=id.to_string()>
            <span class="swatch" style=move || live.with(|r| r.colour.as_ref().map(|c| format!("background:{c}")).unwrap_or_default()) aria-hidden="true"></span>
            <div class="who">
                <strong>{label}</strong>
                <span class="detail">{detail}</span>
                <span class="detail" class:empty=move || live.with(|r| r.summary.is_none())>{move || live.with(|r| r.summary.clone().unwrap_or_default())}</span>
            </div>
            <div class="row-buttons">
                <button type="button" aria-pressed=move || painting().to_string()
                    aria-label=Msg::PaintFor.fill(lang, &[("name", &name_paint)])
                    title=Msg::PaintFor.fill(lang, &[("name", &name_paint)])
                    on:click=move |_| editor.painting.update(|p| *p = if *p == Some(id) { None } else { Some(id) })>"🖌"</button>
                <button type="button" aria-label=Msg::EditButton.text(lang) title=Msg::EditButton.text(lang)
                    on:click=move |_| {
                        if let Some(o) = editor.project.with_untracked(|p| p.as_ref().and_then(|p| p.organiser(id).cloned())) {
                            form.set(Some(Form::of(&o)));
                        }
                    }>"✎"</button>
                <button type="button" disabled={pos == 0} aria-label=Msg::MoveUp.fill(lang, &[("name", &name_up)])
                    on:click=move |_| edit(Edit::MoveOrganiser { id, to: pos.saturating_sub(1) })>"↑"</button>
                <button type="button" disabled={pos + 1 >= n} aria-label=Msg::MoveDown.fill(lang, &[("name", &name_down)])
                    on:click=move |_| edit(Edit::MoveOrganiser { id, to: pos + 1 })>"↓"</button>
                <button type="button"
                    aria-label=if locked_area { Msg::UnlockArea.fill(lang, &[("name", &name_lock)]) } else { Msg::LockArea.fill(lang, &[("name", &name_lock)]) }
                    aria-pressed=locked_area.to_string()
                    on:click=move |_| edit(if locked_area { Edit::UnlockArea { organiser: id } } else { Edit::LockArea { organiser: id } })>
                    {if locked_area { "🔒" } else { "🔓" }}
                </button>
                <button type="button" aria-label=Msg::PickHomeOnMap.fill(lang, &[("name", &name_home)]) title=Msg::PickHomeOnMap.fill(lang, &[("name", &name_home)])
                    aria-pressed=move || picking(crate::editor::Pick::Home(id))().to_string()
                    on:click=move |_| editor.picking.set(Some(crate::editor::Pick::Home(id)))>"⌂"</button>
                <button type="button" aria-label=Msg::PickContactOnMap.fill(lang, &[("name", &name_contact)]) title=Msg::PickContactOnMap.fill(lang, &[("name", &name_contact)])
                    aria-pressed=move || picking(crate::editor::Pick::Contact(id))().to_string()
                    on:click=move |_| editor.picking.set(Some(crate::editor::Pick::Contact(id)))>"★"</button>
                <button type="button" aria-label=Msg::RebalanceAround.fill(lang, &[("name", &name_bal)]) title=Msg::RebalanceAround.fill(lang, &[("name", &name_bal)])
                    disabled=move || matches!(editor.run.get(), crate::editor::RunState::Running(_))
                    on:click=move |_| if let Some(c) = state.current.get_untracked() { editor.rebalance_around(c, state.connectivity.get_untracked(), id) }>"⚖"</button>
                <button type="button" class="danger" aria-label=Msg::RemoveOrganiser.fill(lang, &[("name", &name_rm)])
                    on:click=move |_| {
                        if editor.painting.get_untracked() == Some(id) { editor.painting.set(None); }
                        edit(Edit::RemoveOrganiser { id })
                    }>"✕"</button>
            </div>
        </li>
    }
}

/// What one organiser's row is made from, besides the organiser.
#[derive(Debug, Clone, Copy, PartialEq)]
struct RowFigures {
    pos: usize,
    n: usize,
    colour: Option<usize>,
    /// Wards and poor households of their area.
    area: Option<(usize, u64)>,
    locked_area: bool,
    lang: Lang,
}

/// What one organiser's row shows (also the list's key: a row is rebuilt when it changes).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct RowData {
    id: u32,
    pos: usize,
    n: usize,
    /// The name, or "vacant".
    name: String,
    /// "3. Name".
    label: String,
    /// Role, capacity, home ward, contact point.
    detail: String,
    /// Wards and poor households of the area.
    summary: Option<String>,
    colour: Option<String>,
    locked_area: bool,
    lang: Lang,
}

impl RowData {
    /// What the row's structure is built from (all but its figures, which update in place).
    fn key(&self) -> (u32, usize, usize, String, String, bool, Lang) {
        (
            self.id,
            self.pos,
            self.n,
            self.name.clone(),
            self.detail.clone(),
            self.locked_area,
            self.lang,
        )
    }

    fn new(o: &Organiser, i: RowFigures) -> RowData {
        let lang = i.lang;
        let name =
            if o.name.is_empty() { Msg::Vacant.text(lang).to_string() } else { o.name.clone() };
        let summary = i.area.map(|(wards, poor)| {
            format!(
                "{} {} · {} {}",
                group_indian_u64(wards as u64),
                Msg::Wards.text(lang),
                group_indian_u64(poor),
                Msg::PoorHouseholds.text(lang)
            )
        });
        let detail = [
            Some(o.role_text(lang)),
            (o.capacity != 1.0).then(|| format!("× {}", decimal_indian(o.capacity, 2))),
            o.home_ward().map(|w| format!("{}: {}", Msg::OrgHomeWard.text(lang), w)),
            o.contact.as_ref().map(|c| {
                let when = [c.meeting_day.clone(), c.meeting_time.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" ");
                if when.is_empty() {
                    c.name.clone()
                } else {
                    format!("{} ({when})", c.name)
                }
            }),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        RowData {
            id: o.id,
            pos: i.pos,
            n: i.n,
            label: format!("{}. {}", i.pos + 1, name),
            name,
            detail,
            summary,
            colour: i.colour.map(area_colour),
            locked_area: i.locked_area,
            lang,
        }
    }
}

/// The add/edit form.
#[component]
fn OrganiserForm(
    form: RwSignal<Option<Form>>,
    initial: Form,
    on_save: impl Fn(()) + Copy + 'static,
) -> impl IntoView {
    let state = use_app_state();
    let field = move |label: Msg,
                      get: fn(&Form) -> String,
                      set: fn(&mut Form, String),
                      kind: &'static str| {
        view! {
            <label class="field">
                <span>{state.t(label)}</span>
                <input type=kind
                    prop:value=move || form.with(|f| f.as_ref().map(get).unwrap_or_default())
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| if let Some(f) = f { set(f, v) }); }/>
            </label>
        }
    };
    let _ = initial;
    view! {
        <form class="organiser-form" data-testid="organiser-form" on:submit=move |ev| { ev.prevent_default(); on_save(()); }>
            {field(Msg::OrgName, |f| f.name.clone(), |f, v| f.name = v, "text")}
            {field(Msg::OrgMobile, |f| f.mobile.clone(), |f, v| f.mobile = v, "tel")}
            {field(Msg::OrgRole, |f| f.role.clone(), |f, v| f.role = v, "text")}
            {field(Msg::OrgCapacity, |f| f.capacity.clone(), |f, v| f.capacity = v, "text")}
            {field(Msg::OrgHomeWard, |f| f.home_ward.clone(), |f, v| f.home_ward = v, "text")}
            {field(Msg::OrgContactPoint, |f| f.contact.clone(), |f, v| f.contact = v, "text")}
            {field(Msg::OrgMeetingDay, |f| f.meeting_day.clone(), |f, v| f.meeting_day = v, "text")}
            {field(Msg::OrgMeetingTime, |f| f.meeting_time.clone(), |f, v| f.meeting_time = v, "text")}
            <div class="row-buttons">
                <button type="submit">{state.t(Msg::SaveButton)}</button>
                <button type="button" on:click=move |_| form.set(None)>{state.t(Msg::Cancel)}</button>
            </div>
        </form>
    }
}
