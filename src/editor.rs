//! The allocation editor's part of the store: the officer's project for the current map
//! (organisers, plan, locks), its undo history, the automatic run, and the derived figures.
//!
//! Every change goes through [`Editor::edit`] (or undo/redo), which applies a core
//! [`Edit`] via [`History`] and schedules saving the project with its history in the browser
//! ([`crate::persist::save_project`]), so a reload restores the exact state, undo included.
//! Components only read the signals here and call these actions.

use std::collections::BTreeMap;
use std::sync::Arc;

use kshetra_alloc::Outcome;
use kshetra_core::allocation::problem_for;
use kshetra_core::city_map::BIG_MAP_WARDS;
use kshetra_core::i18n::Lang;
use kshetra_core::project::{
    splits_area_of, Edit, History, PlanStats, PlanView, Project, ProjectError, ViewContext,
};
pub use kshetra_core::run_report::RunReport;
use leptos::prelude::*;

use crate::data::CityMap;
use crate::persist::Stored;
use crate::worker::{AllocCancel, AllocFailure};

/// How long after the first unsaved change the project is saved ([`Editor::schedule_save`]).
pub const SAVE_DELAY_MS: u32 = 60;

/// State of the automatic allocation.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RunState {
    /// Nothing running.
    #[default]
    Idle,
    /// Running; share of the work budget done (0–1).
    Running(f64),
    /// The officer stopped it (the plan is unchanged).
    Cancelled,
    /// The engine refused the input.
    Failed(kshetra_alloc::AllocError),
    /// The background worker failed during the run (why, for the message); plan unchanged.
    Crashed(String),
    /// Organisers are needed first.
    NeedsOrganisers,
    /// The adjacency graph is not ready yet.
    NeedsGraph,
    /// The map's project is still being read from the browser.
    Opening,
}

/// A hand edit waiting for the officer's confirmation because it would split an area.
#[derive(Debug, Clone, PartialEq)]
pub struct SplitWarning {
    /// The wards to give.
    pub wards: Vec<String>,
    /// To whom.
    pub to: u32,
    /// Whose area would split.
    pub splits: u32,
    /// Into how many pieces.
    pub pieces: usize,
}

/// A point the officer is about to place on the map for an organiser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    /// Their home (the clicked ward becomes the home ward).
    Home(u32),
    /// Their contact point's location.
    Contact(u32),
}

/// The editor's signals (all arena handles: `Copy`).
#[derive(Clone, Copy)]
pub struct Editor {
    /// The project for the current map (`None` while it is being restored).
    pub project: RwSignal<Option<Project>>,
    /// Saved maps and projects this version cannot open, kept untouched (shown to the
    /// officer until dismissed).
    pub kept: RwSignal<Vec<crate::persist::KeptRecord>>,
    /// Why the last save in the browser failed, until a save succeeds (the work stays here).
    pub storage: RwSignal<Option<crate::persist::SaveProblem>>,
    /// Its undo/redo steps.
    pub history: RwSignal<History>,
    /// Key of the map the project belongs to.
    project_key: StoredValue<Option<String>>,
    /// The organiser wards are being painted for (clicks assign instead of select).
    pub painting: RwSignal<Option<u32>>,
    /// The next map click places this point.
    pub picking: RwSignal<Option<Pick>>,
    /// The brush stroke under way (0 = none); one stroke is one undo step.
    stroke: StoredValue<u64>,
    /// Last stroke number given.
    strokes: StoredValue<u64>,
    /// Wards the map should zoom to (a problem's "show on map").
    pub focus: RwSignal<Option<Vec<String>>>,
    /// A hand edit waiting for confirmation.
    pub split_warning: RwSignal<Option<SplitWarning>>,
    /// The last refused edit.
    pub edit_error: RwSignal<Option<ProjectError>>,
    /// The automatic run.
    pub run: RwSignal<RunState>,
    /// Cancels the running allocation.
    cancel: StoredValue<Option<AllocCancel>, LocalStorage>,
    /// What the last automatic run said.
    pub report: RwSignal<Option<RunReport>>,
    /// Poor households per ward (0 where unknown), as the engine weighs them.
    pub poor: Memo<Arc<Vec<f64>>>,
    /// Everything derived from the project for the current map (owners, figures, colours,
    /// locks, ward styles, the overlay), followed from each change ([`PlanView::follow`]):
    /// the one derived state; the memos below are slices of it.
    pub view: Memo<PlanView>,
    /// Each ward's organiser id, in map order (a slice of [`Editor::view`]).
    pub owners: Memo<Arc<Vec<Option<u32>>>>,
    /// Live figures of the plan (a slice of [`Editor::view`]).
    pub stats: Memo<Option<Arc<PlanStats>>>,
    /// Colour index per organiser id: neighbouring areas differ (a slice of [`Editor::view`]).
    pub colours: Memo<Arc<BTreeMap<u32, usize>>>,
    /// Organisers whose whole (non-empty) area is locked (a slice of [`Editor::view`]).
    pub locked_areas: Memo<Arc<std::collections::BTreeSet<u32>>>,
    /// The pending debounced save.
    save_timer: StoredValue<Option<gloo::timers::callback::Timeout>, LocalStorage>,
    /// A save is scheduled and has not started yet.
    save_pending: StoredValue<bool>,
    /// Edits made while the map's project was still being read from the browser (a big map's
    /// record can hold the storage for seconds): applied, in order, as soon as it is open.
    pending: StoredValue<Vec<Edit>>,
    /// "Allocate automatically" was pressed while the project was being opened: run it then.
    run_when_open: StoredValue<bool>,
    /// The store's adjacency graph of the current map.
    connectivity: Memo<Option<Arc<kshetra_core::adjacency::Connectivity>>>,
}

impl Editor {
    /// Creates the editor's signals; `current`, `connectivity` and `estimate` are the store's.
    pub fn new(
        current: RwSignal<Option<Arc<CityMap>>>,
        connectivity: Memo<Option<Arc<kshetra_core::adjacency::Connectivity>>>,
        estimate: Memo<Option<Arc<kshetra_core::estimate::CityEstimate>>>,
        lang: RwSignal<Lang>,
        selected_ward: RwSignal<Option<String>>,
    ) -> Editor {
        let project: RwSignal<Option<Project>> = RwSignal::new(None);
        let poor = Memo::new(move |_| {
            Arc::new(
                estimate
                    .get()
                    .map(|e| {
                        e.wards
                            .iter()
                            .map(|w| w.poor_households.unwrap_or(0) as f64)
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default(),
            )
        });
        // The one derived state: followed from each change (the previous view is taken over,
        // not copied). The map's revision goes up whenever the store holds another value of it
        // (an edit of its figures), which the kept `Arc` tells without comparing wards.
        let last_map: StoredValue<Option<(Arc<CityMap>, u64)>> = StoredValue::new(None);
        let view = Memo::new_owning(move |prev: Option<PlanView>| {
            let mut v = prev.unwrap_or_default();
            let before = v.seq();
            let Some(current) = current.get() else { return (PlanView::default(), before != 0) };
            let conn = connectivity.get();
            let poor = poor.get();
            let lang = lang.get();
            let selected =
                selected_ward.with(|s| s.as_deref().and_then(|w| current.map.index_of(w)));
            let revision = last_map.with_value(|last| match last {
                Some((m, r)) if Arc::ptr_eq(m, &current) => *r,
                Some((_, r)) => r + 1,
                None => 0,
            });
            last_map.set_value(Some((current.clone(), revision)));
            let followed = project.with(|p| {
                let p = p.as_ref()?;
                let cx = ViewContext {
                    map_id: current.id,
                    map_revision: revision,
                    map: &current.map,
                    connectivity: conn.as_ref(),
                    poor: &poor,
                    lang,
                    selected,
                    outlines: current.map.wards().len() < BIG_MAP_WARDS,
                };
                v.follow(p, &cx);
                Some(())
            });
            match followed {
                Some(()) => {
                    let changed = v.seq() != before;
                    (v, changed)
                }
                None => (PlanView::default(), before != 0),
            }
        });
        let owners = Memo::new(move |_| view.with(|v| v.owners().clone()));
        let stats = Memo::new(move |_| view.with(|v| v.stats().cloned()));
        let colours = Memo::new(move |_| view.with(|v| v.colours().clone()));
        let locked_areas = Memo::new(move |_| view.with(|v| v.locked_areas().clone()));
        Editor {
            project,
            kept: RwSignal::new(Vec::new()),
            storage: RwSignal::new(None),
            history: RwSignal::new(History::new()),
            project_key: StoredValue::new(None),
            painting: RwSignal::new(None),
            picking: RwSignal::new(None),
            stroke: StoredValue::new(0),
            strokes: StoredValue::new(0),
            focus: RwSignal::new(None),
            split_warning: RwSignal::new(None),
            edit_error: RwSignal::new(None),
            run: RwSignal::new(RunState::Idle),
            cancel: StoredValue::new_local(None),
            report: RwSignal::new(None),
            poor,
            view,
            owners,
            stats,
            colours,
            locked_areas,
            save_timer: StoredValue::new_local(None),
            save_pending: StoredValue::new(false),
            pending: StoredValue::new(Vec::new()),
            run_when_open: StoredValue::new(false),
            connectivity,
        }
    }

    /// Follows the current map: restores its project from the browser (or starts an empty one
    /// named after the map). Call once, from the store's constructor.
    pub fn follow(&self, current: RwSignal<Option<Arc<CityMap>>>, lang: RwSignal<Lang>) {
        let this = *self;
        Effect::new(move |_| {
            let Some(map) = current.get() else { return };
            let key = map.key();
            if this.project_key.with_value(|k| k.as_deref() == Some(key.as_str())) {
                return;
            }
            this.project_key.set_value(Some(key.clone()));
            this.pending.set_value(Vec::new());
            this.run_when_open.set_value(false);
            this.project.set(None);
            this.history.set(History::new());
            this.report.set(None);
            this.painting.set(None);
            this.split_warning.set(None);
            this.edit_error.set(None);
            let name = map.name(lang.get_untracked());
            leptos::task::spawn_local(async move {
                let saved = crate::persist::load_project(&key).await;
                if this.project_key.with_value(|k| k.as_deref() != Some(key.as_str())) {
                    return; // another map was chosen meanwhile
                }
                match saved {
                    Stored::Found(saved) => {
                        this.history.set(saved.history);
                        this.report.set(saved.report);
                        this.project.set(Some(saved.project));
                    }
                    Stored::Absent => this.project.set(Some(Project::new(key, name))),
                    Stored::Kept(kept) => {
                        // The saved project stays as it is (persist never writes its key);
                        // the officer may work on, but not in its place.
                        this.tell_kept(kept);
                        this.project.set(Some(Project::new(key, name)));
                    }
                }
                // What the officer did meanwhile was kept for this moment.
                let pending = this.pending.try_update_value(std::mem::take).unwrap_or_default();
                for edit in pending {
                    this.edit(&map, edit);
                }
                if this.run_when_open.try_update_value(std::mem::take).unwrap_or(false) {
                    this.run_allocation(map, this.connectivity.get_untracked());
                }
            });
        });
    }

    /// Tells the officer about a saved record kept untouched (once per record).
    pub fn tell_kept(&self, kept: crate::persist::KeptRecord) {
        self.kept.update(|k| {
            if !k.contains(&kept) {
                k.push(kept);
            }
        });
    }

    /// Uses a project that arrives with its map (a project file): call before making the map
    /// current, so [`Editor::follow`] keeps it instead of restoring another.
    pub fn adopt(&self, key: String, project: Project) {
        self.project_key.set_value(Some(key));
        self.history.set(History::new());
        self.report.set(None);
        self.painting.set(None);
        self.split_warning.set(None);
        self.edit_error.set(None);
        self.project.set(Some(project));
        self.schedule_save();
    }

    /// Applies an officer's edit as one undo step (or as part of the brush stroke under way);
    /// a refused edit is shown and changes nothing.
    pub fn edit(&self, current: &CityMap, edit: Edit) -> bool {
        if self.project.with_untracked(Option::is_none) {
            // The map's project is still being opened: keep the edit for then.
            if self.project_key.with_value(|k| k.as_deref() == Some(current.key().as_str())) {
                self.pending.update_value(|p| p.push(edit));
                return true;
            }
            return false;
        }
        let stroke = self.stroke.get_value();
        let mut result = Ok(());
        self.project.update(|p| {
            if let Some(p) = p {
                self.history.update(|h| result = h.apply_in_stroke(p, &current.map, edit, stroke));
            }
        });
        match result {
            Ok(()) => {
                self.edit_error.set(None);
                self.schedule_save();
                true
            }
            Err(e) => {
                self.edit_error.set(Some(e));
                false
            }
        }
    }

    /// Undoes the last step.
    pub fn undo(&self) {
        let mut done = false;
        self.project.update(|p| {
            if let Some(p) = p {
                self.history.update(|h| done = h.undo(p));
            }
        });
        if done {
            self.split_warning.set(None);
            self.schedule_save();
        }
    }

    /// Redoes the last undone step.
    pub fn redo(&self) {
        let mut done = false;
        self.project.update(|p| {
            if let Some(p) = p {
                self.history.update(|h| done = h.redo(p));
            }
        });
        if done {
            self.split_warning.set(None);
            self.schedule_save();
        }
    }

    /// Starts a brush stroke: the wards painted until [`Editor::end_stroke`] are one undo step.
    pub fn start_stroke(&self) {
        self.strokes.update_value(|n| *n += 1);
        self.stroke.set_value(self.strokes.get_value());
    }

    /// Ends the brush stroke (the mouse button was released).
    pub fn end_stroke(&self) {
        self.stroke.set_value(0);
    }

    /// Whether a brush stroke is under way.
    pub fn in_stroke(&self) -> bool {
        self.stroke.get_value() != 0
    }

    /// Places the point being picked at `at` (lon, lat) in ward `ward`: an organiser's home
    /// (home ward = that ward) or their contact point's location.
    pub fn place(&self, current: &CityMap, pick: Pick, ward: &str, at: [f64; 2]) {
        self.picking.set(None);
        let id = match pick {
            Pick::Home(id) | Pick::Contact(id) => id,
        };
        let Some(mut o) =
            self.project.with_untracked(|p| p.as_ref().and_then(|p| p.organiser(id).cloned()))
        else {
            return;
        };
        match pick {
            Pick::Home(_) => {
                o.home = Some(kshetra_core::project::Home {
                    ward: Some(ward.to_string()),
                    point: Some(at),
                })
            }
            Pick::Contact(_) => {
                let mut c = o.contact.take().unwrap_or_default();
                c.lon = Some(at[0]);
                c.lat = Some(at[1]);
                if c.name.trim().is_empty() {
                    c.name = current
                        .map
                        .ward(ward)
                        .and_then(|w| w.name.clone())
                        .unwrap_or_else(|| ward.to_string());
                }
                o.contact = Some(c);
            }
        }
        self.edit(current, Edit::UpdateOrganiser(o));
    }

    /// Gives `ward` to the organiser being painted for; asks first when that would split an
    /// area (during a stroke the ward is skipped and the question stays for the last one).
    pub fn paint(
        &self,
        current: &CityMap,
        graph: Option<&kshetra_core::adjacency::WardGraph>,
        ward: String,
    ) {
        let Some(to) = self.painting.get_untracked() else { return };
        let wards = vec![ward];
        let splits = self.project.with_untracked(|p| {
            let p = p.as_ref()?;
            if p.plan.organiser_of(&wards[0]) == Some(to) {
                return None;
            }
            let owners = self.owners.get_untracked();
            (owners.len() == current.map.wards().len()).then_some(())?;
            splits_area_of(&current.map, graph?, p, &owners, &wards, Some(to))
        });
        match splits {
            Some((splits, pieces)) => {
                self.split_warning.set(Some(SplitWarning { wards, to, splits, pieces }))
            }
            _ => {
                self.edit(current, Edit::Assign { wards, to });
            }
        }
    }

    /// Carries out the edit the split warning was about.
    pub fn confirm_split(&self, current: &CityMap) {
        if let Some(w) = self.split_warning.get_untracked() {
            self.split_warning.set(None);
            self.edit(current, Edit::Assign { wards: w.wards, to: w.to });
        }
    }

    /// Runs the engine on the current map in a worker (progress, cancel); its plan becomes
    /// one undoable step.
    pub fn run_allocation(
        &self,
        current: Arc<CityMap>,
        connectivity: Option<Arc<kshetra_core::adjacency::Connectivity>>,
    ) {
        if matches!(self.run.get_untracked(), RunState::Running(_)) {
            return;
        }
        let Some(project) = self.project.get_untracked() else {
            // Still being read from the browser: run as soon as it is open.
            if self.project_key.with_value(|k| k.as_deref() == Some(current.key().as_str())) {
                self.run_when_open.set_value(true);
            }
            return self.run.set(RunState::Opening);
        };
        if project.organisers.is_empty() {
            return self.run.set(RunState::NeedsOrganisers);
        }
        let Some(conn) = connectivity.filter(|c| c.graph.len() == current.map.wards().len()) else {
            return self.run.set(RunState::NeedsGraph);
        };
        let poor = self.poor.get_untracked();
        let problem = problem_for(&current.map, &conn.graph, poor.to_vec());
        let organisers = project.engine_organisers(&current.map);
        let settings = project.settings.engine();
        let epsilon = project.settings.epsilon;
        self.start_run(
            current,
            problem,
            organisers,
            settings,
            Some(epsilon),
            move |p, map, outcome| Some(p.plan_from_engine(map, &outcome.assignment)),
        );
    }

    /// "Rebalance around this area": the engine re-divides only organiser `id`'s area and the
    /// areas touching it; every other ward stays. One undoable step.
    pub fn rebalance_around(
        &self,
        current: Arc<CityMap>,
        connectivity: Option<Arc<kshetra_core::adjacency::Connectivity>>,
        id: u32,
    ) {
        if matches!(self.run.get_untracked(), RunState::Running(_)) {
            return;
        }
        let Some(project) = self.project.get_untracked() else { return };
        let Some(conn) = connectivity.filter(|c| c.graph.len() == current.map.wards().len()) else {
            return self.run.set(RunState::NeedsGraph);
        };
        let poor = self.poor.get_untracked();
        let full = problem_for(&current.map, &conn.graph, poor.to_vec());
        let Some(local) = kshetra_core::project::rebalance::around(
            &current.map,
            &conn.graph,
            &project,
            &full,
            id,
        ) else {
            return;
        };
        let settings = project.settings.engine();
        let (problem, organisers) = (local.problem.clone(), local.organisers.clone());
        // A local run's figures are local: the report keeps describing the last full run.
        self.start_run(current, problem, organisers, settings, None, move |p, map, outcome| {
            Some(local.edit(map, p, &outcome.assignment))
        });
    }

    /// Runs the engine in a worker (in the page if no worker starts) with progress and
    /// cancel; `make_edit` turns its plan into the edit to apply (one undo step).
    fn start_run(
        &self,
        current: Arc<CityMap>,
        problem: kshetra_alloc::Problem,
        organisers: Vec<kshetra_alloc::Organiser>,
        settings: kshetra_alloc::Settings,
        report_with_epsilon: Option<f64>,
        make_edit: impl FnOnce(&Project, &kshetra_core::WardMap, &Outcome) -> Option<Edit> + 'static,
    ) {
        self.run.set(RunState::Running(0.0));
        let run_signal = self.run;
        let run = crate::worker::allocate(
            problem.clone(),
            organisers.clone(),
            settings.clone(),
            move |p| {
                let fraction = if p.work_budget > 0 {
                    (p.work_done as f64 / p.work_budget as f64).min(1.0)
                } else {
                    0.0
                };
                run_signal.set(RunState::Running(fraction));
            },
        );
        self.cancel.set_value(Some(run.cancel.clone()));
        let this = *self;
        leptos::task::spawn_local(async move {
            let result = match run.result.await {
                Err(AllocFailure::WorkerUnavailable(why)) => {
                    gloo::console::warn!(format!(
                        "kshetra: no worker for the allocation ({why}); running it in the page"
                    ));
                    kshetra_alloc::allocate(&problem, &organisers, &settings, &mut |_| {
                        kshetra_alloc::Control::Continue
                    })
                    .map_err(AllocFailure::Engine)
                }
                other => other,
            };
            this.cancel.set_value(None);
            match result {
                Ok(outcome) => {
                    // Only if the officer is still on the same map and project.
                    if this.project_key.with_value(|k| k.as_deref() == Some(current.key().as_str()))
                    {
                        let edit = this.project.with_untracked(|p| {
                            p.as_ref().and_then(|p| make_edit(p, &current.map, &outcome))
                        });
                        if let Some(edit) = edit {
                            this.edit(&current, edit);
                            if let Some(epsilon) = report_with_epsilon {
                                this.report.set(Some(RunReport::of(
                                    &outcome,
                                    epsilon,
                                    &current.map,
                                )));
                            }
                            this.schedule_save();
                        }
                    }
                    this.run.set(RunState::Idle);
                }
                Err(AllocFailure::Cancelled) => this.run.set(RunState::Cancelled),
                Err(AllocFailure::Engine(e)) => this.run.set(RunState::Failed(e)),
                Err(AllocFailure::WorkerUnavailable(_)) => this.run.set(RunState::Idle),
                Err(AllocFailure::WorkerCrashed(why)) => this.run.set(RunState::Crashed(why)),
            }
        });
    }

    /// Stops the running allocation.
    pub fn cancel_run(&self) {
        if let Some(c) = self.cancel.get_value() {
            c.cancel();
        }
    }

    /// Saves the project with its history shortly after a change: at most
    /// [`SAVE_DELAY_MS`] after the first unsaved change, whatever follows (a later change does
    /// not push the save back, so a crash or forced reload loses at most the last edit; a
    /// burst of changes within the delay is one save).
    pub fn schedule_save(&self) {
        if self.save_pending.get_value() {
            return;
        }
        self.save_pending.set_value(true);
        let this = *self;
        let timer = gloo::timers::callback::Timeout::new(SAVE_DELAY_MS, move || this.save_now());
        self.save_timer.update_value(|t| *t = Some(timer));
    }

    /// Saves at once if a save is scheduled (the page is being hidden or closed).
    pub fn flush_save(&self) {
        if self.save_pending.get_value() {
            self.save_now();
        }
    }

    /// Saves the project with its history now.
    pub fn save_now(&self) {
        self.save(false)
    }

    /// Saves this tab's project over whatever another tab saved (the officer chose it).
    pub fn save_over_other_tab(&self) {
        self.save(true)
    }

    fn save(&self, take_over: bool) {
        self.save_pending.set_value(false);
        let Some(key) = self.project_key.get_value() else { return };
        let Some(project) = self.project.get_untracked() else { return };
        let history = self.history.get_untracked();
        let report = self.report.get_untracked();
        let storage = self.storage;
        leptos::task::spawn_local(async move {
            let saved =
                crate::persist::save_project(&key, &project, &history, report.as_ref(), take_over)
                    .await;
            storage.set(saved.err());
        });
    }
}
