//! The plan view: everything the editor shows that is derived from the project and its
//! context, in one structure that follows each change.
//!
//! [`PlanView`] holds each unit's owner, the live figures and problems ([`PlanStats`]), the
//! areas' adjacency and colours, locks, each unit's style on the map, and what is drawn over
//! the units (area outlines, label points and texts, zone borders, homes and contact points).
//! [`PlanView::follow`] brings it up to date with a project and a [`ViewContext`]: after an
//! edit it looks only at the units the plan says changed ([`Plan::changed_since`]) and the
//! areas those belong to, and returns a [`Delta`] naming what changed, so nothing downstream
//! compares again. Whenever it cannot vouch for a shortcut (another map, graph or figures,
//! another plan value, too many changes) it works the part out afresh.
//!
//! The one invariant, property-tested in `tests/plan_view.rs`: following any sequence of
//! edits, undos, redos and whole-plan changes gives the same view as [`PlanView::fresh`]
//! (except where a big map's area label is deliberately left where it was: it stays on its
//! ward while that ward is still in the area, instead of jumping about as wards are painted).
//!
//! Split by concept: this file holds the context, the view, and [`PlanView::follow`], which
//! brings the owners, figures and area colours up to date and then runs the other parts in
//! order; `styles.rs` holds each unit's style and the locks, `overlay.rs` what is drawn over
//! the units (area outlines, label points, zone borders, pins), `delta.rs` what changed.
//!
//! [`Plan::changed_since`]: crate::project::Plan::changed_since

mod delta;
mod overlay;
mod styles;

pub use delta::{Delta, Touched};
pub use overlay::{AreaDrawing, OverlayData, Pin, PinKind};
pub use styles::{Fill, UnitStyle};

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use crate::adjacency::Connectivity;
use crate::i18n::Lang;
use crate::model::WardMap;
use crate::project::colouring::AreaAdjacency;
use crate::project::stats::{stats_of, update_stats_moved, PlanStats, StatsInput, WardFacts};
use crate::project::{NumberOrder, Organiser, PlanMark, Project};
use overlay::{Shape, ZoneOutlines};

/// What a view is derived from besides the project. A change of map, revision, graph or
/// figures makes the view work everything out again (outlines are kept while the map's
/// shapes are the same: same `map_id`).
#[derive(Debug, Clone, Copy)]
pub struct ViewContext<'a> {
    /// Identity of the map: the same id means the same units with the same shapes, in the
    /// same order.
    pub map_id: u64,
    /// Bumped by the app whenever the map's figures or zones are edited (same shapes).
    pub map_revision: u64,
    /// The map.
    pub map: &'a WardMap,
    /// Its adjacency graph and pieces, when built (figures and colours need it).
    pub connectivity: Option<&'a Arc<Connectivity>>,
    /// Poor households per unit (the weights balanced); compared by address.
    pub poor: &'a Arc<Vec<f64>>,
    /// Language of the area labels.
    pub lang: Lang,
    /// The unit whose details are shown.
    pub selected: Option<usize>,
    /// Dissolve area outlines and zone borders (small maps); big maps get labels only, on
    /// the unit nearest each area's middle (their colours already show the areas, and
    /// dissolving thousands of units per edit would take too long).
    pub outlines: bool,
}

/// What the view was last derived from (the rule for "may I follow, or start afresh?").
#[derive(Debug, Clone)]
struct Basis {
    map_revision: u64,
    units: usize,
    connectivity: Option<Arc<Connectivity>>,
    poor: Arc<Vec<f64>>,
    outlines: bool,
    lang: Lang,
    mark: PlanMark,
    organisers: Vec<Organiser>,
    epsilon: f64,
    locked: BTreeSet<String>,
    selected: Option<usize>,
}

/// What is measured once per map (shapes): kept while `map_id` is the same.
#[derive(Debug, Clone)]
struct PerMap {
    map_id: u64,
    facts: Arc<WardFacts>,
    order: Arc<NumberOrder>,
    /// A point inside each unit that has carried a label or a home (worked out once).
    unit_points: HashMap<usize, Option<[f64; 2]>>,
    /// Dissolved outlines per organiser id with the units they were made of.
    outlines: BTreeMap<u32, Shape>,
    /// The zone outlines as last made.
    zones: Option<ZoneOutlines>,
}

/// Everything the editor shows that is derived from a project: see the module docs.
#[derive(Debug, Clone, Default)]
pub struct PlanView {
    seq: u64,
    basis: Option<Basis>,
    per_map: Option<PerMap>,
    owners: Arc<Vec<Option<u32>>>,
    stats: Option<Arc<PlanStats>>,
    adjacency: Option<AreaAdjacency>,
    colours: Arc<BTreeMap<u32, usize>>,
    locked: Vec<bool>,
    locked_areas: Arc<BTreeSet<u32>>,
    styles: Vec<UnitStyle>,
    overlay: OverlayData,
    delta: Option<Delta>,
}

/// Equal when every derived part is equal (caches, numbering and the last delta aside): what
/// "incremental equals fresh" compares.
impl PartialEq for PlanView {
    fn eq(&self, other: &PlanView) -> bool {
        self.owners == other.owners
            && self.stats == other.stats
            && self.colours == other.colours
            && self.adjacency == other.adjacency
            && self.locked == other.locked
            && self.locked_areas == other.locked_areas
            && self.styles == other.styles
            && self.overlay == other.overlay
    }
}

impl PlanView {
    /// The view of `project` worked out from nothing.
    pub fn fresh(project: &Project, cx: &ViewContext) -> PlanView {
        let mut v = PlanView::default();
        v.follow(project, cx);
        v
    }

    /// Brings the view up to date with `project` in `cx` and says what changed. After a hand
    /// edit only the units it changed and their areas are looked at.
    pub fn follow(&mut self, project: &Project, cx: &ViewContext) -> &Delta {
        let since = self.seq;
        let n = cx.map.wards().len();
        let same_map = self.per_map.as_ref().is_some_and(|m| m.map_id == cx.map_id)
            && self.basis.as_ref().is_some_and(|b| b.units == n);
        if !same_map {
            self.per_map = Some(PerMap::new(cx));
        }
        let basis = self.basis.take().filter(|b| same_map && b.map_revision == cx.map_revision);
        let same_graph = basis.as_ref().is_some_and(|b| match (&b.connectivity, cx.connectivity) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        });
        let same_figures = basis.as_ref().is_some_and(|b| {
            same_graph
                && Arc::ptr_eq(&b.poor, cx.poor)
                && b.outlines == cx.outlines
                && b.epsilon == project.settings.epsilon
                && b.organisers == project.organisers
        });
        let lang_same = basis.as_ref().is_some_and(|b| b.lang == cx.lang);

        // 1. Owners: from the plan's record of changed units when it can vouch.
        let moved = self.follow_owners(project, cx, basis.as_ref());
        let mut delta = match (&moved, same_figures && lang_same) {
            (Some(m), true) if m.is_empty() && self.same_marks(project, cx, basis.as_ref()) => {
                // Nothing at all changed.
                self.basis = basis;
                self.delta = Some(Delta::none(since));
                return self.delta.as_ref().expect("just set");
            }
            _ => Delta::none(since),
        };
        let per_map = self.per_map.as_mut().expect("made above");

        // 2. Figures.
        let graph = cx.connectivity.map(|c| &c.graph).filter(|g| g.len() == n);
        let poor_ok = cx.poor.len() == n;
        self.stats = match (graph, poor_ok) {
            (Some(graph), true) => {
                let input = StatsInput {
                    facts: &per_map.facts,
                    map: cx.map,
                    graph,
                    project,
                    poor: cx.poor,
                };
                let followed = match (&moved, &self.stats, same_figures) {
                    (Some(m), Some(prev), true) if m.is_empty() => Some(prev.clone()),
                    (Some(m), Some(prev), true) => {
                        update_stats_moved(prev, m, &input, &self.owners).map(Arc::new)
                    }
                    _ => None,
                };
                Some(followed.unwrap_or_else(|| {
                    Arc::new(stats_of(
                        &per_map.facts,
                        cx.map,
                        graph,
                        project,
                        cx.poor,
                        &self.owners,
                    ))
                }))
            }
            _ => None,
        };

        // 3. Which areas touch, and their colours (worked out again only when that changes).
        let old_colours = self.colours.clone();
        match graph {
            Some(graph) => {
                let followed = match (&moved, self.adjacency.as_mut(), same_graph) {
                    (Some(m), Some(adj), true) => Some(adj.update_moved(graph, m, &self.owners)),
                    _ => None,
                };
                match followed {
                    Some(false) => {}
                    Some(true) => {
                        self.colours = Arc::new(self.adjacency.as_ref().expect("kept").colours())
                    }
                    None => {
                        let adj = AreaAdjacency::new(graph, &self.owners);
                        self.colours = Arc::new(adj.colours());
                        self.adjacency = Some(adj);
                    }
                }
            }
            None => {
                self.adjacency = None;
                self.colours = Arc::new(BTreeMap::new());
            }
        }

        // 4. Locks.
        let locks_same = basis.as_ref().is_some_and(|b| b.locked == project.plan.locked);
        let lock_units = self.follow_locks(project, cx, locks_same, moved.as_deref());

        // 5. Unit styles: the moved units, units of areas whose colour changed, lock and
        //    selection changes; everything when the context changed.
        let restyle_all = !same_graph || moved.is_none() || self.styles.len() != n;
        let units: Touched<usize> = if restyle_all {
            Touched::All
        } else {
            let was = basis.as_ref().and_then(|b| b.selected);
            Touched::Only(self.units_to_restyle(
                cx,
                moved.as_deref(),
                lock_units,
                was,
                &old_colours,
            ))
        };
        delta.units = self.restyle(cx, units);

        // 6. What is drawn over the units.
        (delta.areas, delta.labels) =
            self.follow_overlay(project, cx, moved.as_deref(), same_figures, lang_same);

        let (organisers, locked) = match basis {
            Some(b) => (
                if b.organisers == project.organisers {
                    b.organisers
                } else {
                    project.organisers.clone()
                },
                if locks_same { b.locked } else { project.plan.locked.clone() },
            ),
            None => (project.organisers.clone(), project.plan.locked.clone()),
        };
        self.basis = Some(Basis {
            map_revision: cx.map_revision,
            units: n,
            connectivity: cx.connectivity.cloned(),
            poor: cx.poor.clone(),
            outlines: cx.outlines,
            lang: cx.lang,
            mark: project.plan.mark(),
            organisers,
            epsilon: project.settings.epsilon,
            locked,
            selected: cx.selected,
        });
        if !delta.is_empty() || !same_figures {
            self.seq += 1;
        }
        self.delta = Some(delta);
        self.delta.as_ref().expect("just set")
    }

    /// Whether the plan's mark, locks and selection are as last seen.
    fn same_marks(&self, project: &Project, cx: &ViewContext, basis: Option<&Basis>) -> bool {
        basis.is_some_and(|b| {
            b.mark == project.plan.mark()
                && b.locked == project.plan.locked
                && b.selected == cx.selected
        })
    }

    /// Updates the owners; returns the units whose owner changed with their owner before
    /// (increasing), or `None` when they were worked out afresh.
    fn follow_owners(
        &mut self,
        project: &Project,
        cx: &ViewContext,
        basis: Option<&Basis>,
    ) -> Option<Vec<(usize, Option<u32>)>> {
        let n = cx.map.wards().len();
        let plan = &project.plan;
        let followed = basis.filter(|_| self.owners.len() == n).and_then(|b| {
            let changed = plan.changed_since(b.mark)?;
            let mut idx: Vec<usize> = changed.iter().filter_map(|w| cx.map.index_of(w)).collect();
            idx.sort_unstable();
            idx.dedup();
            let mut moved = Vec::new();
            for i in idx {
                let now = plan.organiser_of(&cx.map.wards()[i].number);
                if now != self.owners[i] {
                    moved.push((i, self.owners[i]));
                }
            }
            Some(moved)
        });
        match followed {
            Some(moved) => {
                if !moved.is_empty() {
                    let owners = Arc::make_mut(&mut self.owners);
                    for &(i, _) in &moved {
                        owners[i] = plan.organiser_of(&cx.map.wards()[i].number);
                    }
                }
                Some(moved)
            }
            None => {
                let order = &self.per_map.as_ref().expect("made first").order;
                self.owners = Arc::new(plan.ids_by_ward_in(cx.map, order));
                None
            }
        }
    }

    /// Number of this view: changes whenever anything derived changed.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// What the last [`PlanView::follow`] changed (everything before the first).
    pub fn delta(&self) -> Delta {
        self.delta.clone().unwrap_or(Delta::all(self.seq))
    }

    /// Each unit's organiser id, in map order.
    pub fn owners(&self) -> &Arc<Vec<Option<u32>>> {
        &self.owners
    }

    /// The live figures and problems (`None` until the graph is there).
    pub fn stats(&self) -> Option<&Arc<PlanStats>> {
        self.stats.as_ref()
    }

    /// Colour index per organiser id with units: neighbouring areas differ.
    pub fn colours(&self) -> &Arc<BTreeMap<u32, usize>> {
        &self.colours
    }

    /// Which areas touch (`None` until the graph is there).
    pub fn area_adjacency(&self) -> Option<&AreaAdjacency> {
        self.adjacency.as_ref()
    }

    /// Whether each unit is locked, in map order.
    pub fn locked(&self) -> &[bool] {
        &self.locked
    }

    /// Organisers whose whole (non-empty) area is locked.
    pub fn locked_areas(&self) -> &Arc<BTreeSet<u32>> {
        &self.locked_areas
    }

    /// Each unit's style, in map order.
    pub fn styles(&self) -> &[UnitStyle] {
        &self.styles
    }

    /// What is drawn over the units.
    pub fn overlay(&self) -> &OverlayData {
        &self.overlay
    }
}

impl PerMap {
    fn new(cx: &ViewContext) -> PerMap {
        PerMap {
            map_id: cx.map_id,
            facts: Arc::new(WardFacts::new(cx.map)),
            order: Arc::new(NumberOrder::of(cx.map)),
            unit_points: HashMap::new(),
            outlines: BTreeMap::new(),
            zones: None,
        }
    }
}
