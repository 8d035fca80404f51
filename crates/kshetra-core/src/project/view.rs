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
//! [`Plan::changed_since`]: crate::project::Plan::changed_since

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use geo::{Centroid, MultiPolygon};

use crate::adjacency::Connectivity;
use crate::format::group_indian_u64;
use crate::i18n::{Lang, Msg};
use crate::model::WardMap;
use crate::project::colouring::AreaAdjacency;
use crate::project::export::dissolve;
use crate::project::stats::{stats_of, update_stats_moved, PlanStats, StatsInput, WardFacts};
use crate::project::{NumberOrder, Organiser, PlanMark, Project};

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

/// How a unit is filled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Fill {
    /// Its organiser's colour index ([`crate::palette::area_colour`]).
    Area(usize),
    /// Unassigned: its zone's colour (zone index, `None` without a zone;
    /// [`crate::palette`]'s zone fills).
    Zone(Option<usize>),
}

/// How one unit is drawn on the map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitStyle {
    /// Fill.
    pub fill: Fill,
    /// The unit whose details are shown: outlined boldly.
    pub selected: bool,
    /// In a separate piece of the map (not the largest): outlined in dashed red.
    pub island: bool,
    /// Its assignment is locked: outlined dotted.
    pub locked: bool,
}

/// One organiser's area as drawn over the units.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaDrawing {
    /// The organiser's id.
    pub organiser: u32,
    /// Outline (lon/lat; empty on big maps).
    pub outline: MultiPolygon<f64>,
    /// Where the label goes (lon, lat): a point well inside the area.
    pub label_at: Option<[f64; 2]>,
    /// First label line: the organiser (number and name). Plain text: escape it for markup.
    pub title: String,
    /// Second label line: poor households. Plain text.
    pub detail: String,
    /// Units in the area: where labels would overlap, the bigger area's label is shown.
    pub weight: usize,
}

/// Kinds of [`Pin`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PinKind {
    /// An organiser's home (shown in the app only, never printed).
    Home,
    /// A contact point (community centre).
    Contact,
}

/// A point of an organiser shown on the map.
#[derive(Debug, Clone, PartialEq)]
pub struct Pin {
    /// Home or contact point.
    pub kind: PinKind,
    /// Longitude, latitude.
    pub at: [f64; 2],
    /// Accessible name and tooltip (plain text).
    pub title: String,
}

/// What is drawn over the units once organisers have areas. Each part is shared: an area
/// that did not change is the same drawing as before (compare by address first).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct OverlayData {
    /// Each area with units, in display order.
    pub areas: Vec<Arc<AreaDrawing>>,
    /// Each zone's outline (drawn dashed), when outlines are on and the map has zones.
    pub zones: Arc<Vec<MultiPolygon<f64>>>,
    /// Homes and contact points.
    pub pins: Arc<Vec<Pin>>,
}

/// Which items changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched<T> {
    /// Possibly all of them: look at every one.
    All,
    /// Only these (increasing, each once).
    Only(Vec<T>),
}

impl<T> Touched<T> {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        matches!(self, Touched::Only(v) if v.is_empty())
    }

    fn none() -> Touched<T> {
        Touched::Only(Vec::new())
    }
}

/// What one [`PlanView::follow`] changed, relative to the view numbered `since`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delta {
    /// The view's number before (a consumer that last saw another number must look at
    /// everything).
    pub since: u64,
    /// Units whose [`UnitStyle`] changed.
    pub units: Touched<usize>,
    /// Organisers whose area's units changed (outline, figures).
    pub areas: Touched<u32>,
    /// Organisers whose label (text or place) changed, appeared or went.
    pub labels: Touched<u32>,
}

impl Delta {
    fn all(since: u64) -> Delta {
        Delta { since, units: Touched::All, areas: Touched::All, labels: Touched::All }
    }

    fn none(since: u64) -> Delta {
        Delta { since, units: Touched::none(), areas: Touched::none(), labels: Touched::none() }
    }

    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.areas.is_empty() && self.labels.is_empty()
    }
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

/// Zone outlines with the units' zones they were made from (made again when those change).
#[derive(Debug, Clone)]
struct ZoneOutlines {
    /// Zone of each unit.
    of_units: Vec<Option<String>>,
    /// One dissolved outline per zone.
    outlines: Arc<Vec<MultiPolygon<f64>>>,
}

/// One area's shape as last worked out.
#[derive(Debug, Clone)]
struct Shape {
    units: Vec<usize>,
    outline: MultiPolygon<f64>,
    label_at: Option<[f64; 2]>,
    /// The unit the label sits on (big maps).
    label_unit: Option<usize>,
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
        let mut lock_units: Vec<usize> = Vec::new();
        if !locks_same || self.locked.len() != n {
            let mut locked = vec![false; n];
            for w in &project.plan.locked {
                if let Some(i) = cx.map.index_of(w) {
                    locked[i] = true;
                }
            }
            if self.locked.len() == n {
                lock_units = (0..n).filter(|&i| locked[i] != self.locked[i]).collect();
            }
            self.locked = locked;
        }
        if !locks_same || moved.as_ref().is_none_or(|m| !m.is_empty()) {
            self.locked_areas =
                Arc::new(locked_areas(project, cx, &self.owners, self.stats.as_deref()));
        }

        // 5. Unit styles: the moved units, units of areas whose colour changed, lock and
        //    selection changes; everything when the context changed.
        let restyle_all = !same_graph || moved.is_none() || self.styles.len() != n;
        let units: Touched<usize> = if restyle_all {
            Touched::All
        } else {
            let mut u: Vec<usize> = moved.iter().flatten().map(|&(i, _)| i).collect();
            u.extend(lock_units);
            let was = basis.as_ref().and_then(|b| b.selected);
            if was != cx.selected {
                u.extend(was.into_iter().chain(cx.selected));
            }
            if !Arc::ptr_eq(&old_colours, &self.colours) {
                let recoloured: BTreeSet<u32> = self
                    .colours
                    .iter()
                    .filter(|(id, c)| old_colours.get(id) != Some(c))
                    .map(|(&id, _)| id)
                    .collect();
                u.extend(
                    (0..n).filter(|&i| self.owners[i].is_some_and(|o| recoloured.contains(&o))),
                );
            }
            u.retain(|&i| i < n);
            u.sort_unstable();
            u.dedup();
            Touched::Only(u)
        };
        delta.units = self.restyle(cx, units);

        // 6. What is drawn over the units.
        let areas_changed: Touched<u32> = match (&moved, same_figures) {
            (Some(m), true) => {
                let mut ids: Vec<u32> =
                    m.iter().flat_map(|&(i, before)| [before, self.owners[i]]).flatten().collect();
                ids.sort_unstable();
                ids.dedup();
                Touched::Only(ids)
            }
            _ => Touched::All,
        };
        let redraw_all = !(same_figures && lang_same);
        let shown_before = self.overlay.areas.len();
        let (areas, labels) = self.redraw(project, cx, &areas_changed, redraw_all);
        delta.areas = if matches!(areas_changed, Touched::All) { Touched::All } else { areas };
        delta.labels = labels;
        if redraw_all || shown_before != self.overlay.areas.len() {
            self.overlay.pins = Arc::new(self.pins(project, cx));
        }
        if !same_figures {
            self.overlay.zones = self.zones(cx);
        }

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

    /// Restyles `units` (or all); returns the units whose style changed.
    fn restyle(&mut self, cx: &ViewContext, units: Touched<usize>) -> Touched<usize> {
        let map = cx.map;
        let n = map.wards().len();
        let style = |i: usize| UnitStyle {
            fill: match self.owners[i].and_then(|o| self.colours.get(&o)) {
                Some(&c) => Fill::Area(c),
                None => Fill::Zone(map.wards()[i].zone.as_deref().and_then(|z| map.zone_index(z))),
            },
            selected: cx.selected == Some(i),
            island: cx
                .connectivity
                .is_some_and(|c| c.components.of_ward.get(i).is_some_and(|&p| p > 0)),
            locked: self.locked.get(i).copied().unwrap_or(false),
        };
        match units {
            Touched::All => {
                self.styles = (0..n).map(style).collect();
                Touched::All
            }
            Touched::Only(units) => {
                let new: Vec<(usize, UnitStyle)> = units.iter().map(|&i| (i, style(i))).collect();
                let mut changed = Vec::new();
                for (i, s) in new {
                    if self.styles[i] != s {
                        self.styles[i] = s;
                        changed.push(i);
                    }
                }
                Touched::Only(changed)
            }
        }
    }

    /// Brings the area drawings up to date: the areas in `changed` (or all), or every label
    /// when `all_labels` (organisers, language or figures changed). Returns the areas whose
    /// units changed and those whose label changed. After a hand edit only the changed areas
    /// are looked at (when none appeared or vanished).
    fn redraw(
        &mut self,
        project: &Project,
        cx: &ViewContext,
        changed: &Touched<u32>,
        all_labels: bool,
    ) -> (Touched<u32>, Touched<u32>) {
        let per_map = self.per_map.as_mut().expect("made first");
        let grouped: Vec<Vec<usize>>;
        let members: Vec<&[usize]> = match self.stats.as_deref().filter(|s| {
            s.areas.len() == project.organisers.len()
                && s.areas.iter().zip(&project.organisers).all(|(a, o)| a.organiser == o.id)
        }) {
            Some(s) => s.areas.iter().map(|a| &a.wards[..]).collect(),
            None => {
                grouped = group(project, &self.owners);
                grouped.iter().map(|g| &g[..]).collect()
            }
        };
        let poor_of = |j: usize| {
            self.stats
                .as_deref()
                .and_then(|s| s.areas.get(j))
                .map(|a| a.poor_households.round() as u64)
                .unwrap_or(0)
        };
        let mut areas_out = Vec::new();
        let mut labels_out = Vec::new();
        // Only the changed areas, each still shown and still with units: replaced in place.
        if let (false, Touched::Only(ids)) = (all_labels, changed) {
            let places: Option<Vec<(usize, usize)>> = ids
                .iter()
                .map(|id| {
                    let j = project.organisers.iter().position(|o| o.id == *id)?;
                    let k = self.overlay.areas.iter().position(|d| d.organiser == *id)?;
                    (!members[j].is_empty()).then_some((j, k))
                })
                .collect();
            if let Some(places) = places {
                for (j, k) in places {
                    let o = &project.organisers[j];
                    let old = &self.overlay.areas[k];
                    let (drawing, shape_changed) =
                        draw_area(per_map, cx, j, o, members[j], Some(old), poor_of(j));
                    if shape_changed {
                        areas_out.push(o.id);
                    }
                    if !Arc::ptr_eq(&drawing, old) {
                        labels_out.push(o.id);
                    }
                    self.overlay.areas[k] = drawing;
                }
                return (Touched::Only(areas_out), Touched::Only(labels_out));
            }
        }
        let old: BTreeMap<u32, Arc<AreaDrawing>> =
            std::mem::take(&mut self.overlay.areas).into_iter().map(|d| (d.organiser, d)).collect();
        let mut drawings = Vec::with_capacity(project.organisers.len());
        let mut shown = BTreeSet::new();
        for (j, (o, &units)) in project.organisers.iter().zip(&members).enumerate() {
            let previous = old.get(&o.id);
            if units.is_empty() {
                per_map.outlines.remove(&o.id);
                if previous.is_some() {
                    labels_out.push(o.id);
                    areas_out.push(o.id);
                }
                continue;
            }
            let look = match changed {
                Touched::All => true,
                Touched::Only(ids) => ids.binary_search(&o.id).is_ok(),
            };
            let (drawing, shape_changed) = match previous {
                Some(d) if !look && !all_labels => (d.clone(), false),
                _ => draw_area(per_map, cx, j, o, units, previous, poor_of(j)),
            };
            if shape_changed {
                areas_out.push(o.id);
            }
            if !previous.is_some_and(|d| Arc::ptr_eq(d, &drawing)) {
                labels_out.push(o.id);
            }
            shown.insert(o.id);
            drawings.push(drawing);
        }
        labels_out.extend(old.keys().filter(|id| !shown.contains(id)));
        per_map.outlines.retain(|id, _| shown.contains(id));
        self.overlay.areas = drawings;
        areas_out.sort_unstable();
        areas_out.dedup();
        labels_out.sort_unstable();
        labels_out.dedup();
        (Touched::Only(areas_out), Touched::Only(labels_out))
    }

    fn pins(&mut self, project: &Project, cx: &ViewContext) -> Vec<Pin> {
        let map = cx.map;
        let per_map = self.per_map.as_mut().expect("made first");
        let mut pins = Vec::new();
        for o in &project.organisers {
            if !self.overlay.areas.iter().any(|d| d.organiser == o.id) {
                continue;
            }
            let name = display_name(o, cx.lang);
            let home = o.home.as_ref().and_then(|h| h.point).or_else(|| {
                let i = o.home_ward().and_then(|w| map.index_of(w))?;
                *per_map.unit_points.entry(i).or_insert_with(|| inside_point(map, i))
            });
            if let Some(p) = home {
                pins.push(Pin {
                    kind: PinKind::Home,
                    at: p,
                    title: format!("{name} — {}", Msg::OrgHomeWard.text(cx.lang)),
                });
            }
            if let Some(c) = &o.contact {
                if let (Some(lon), Some(lat)) = (c.lon, c.lat) {
                    pins.push(Pin {
                        kind: PinKind::Contact,
                        at: [lon, lat],
                        title: format!("{} — {name}", c.name),
                    });
                }
            }
        }
        pins
    }

    /// Zone borders (when outlines are on and the map has zones), made again only when the
    /// units' zones changed.
    fn zones(&mut self, cx: &ViewContext) -> Arc<Vec<MultiPolygon<f64>>> {
        let map = cx.map;
        if !cx.outlines || map.zones().len() < 2 {
            return Arc::new(Vec::new());
        }
        let per_map = self.per_map.as_mut().expect("made first");
        let now: Vec<Option<String>> = map.wards().iter().map(|w| w.zone.clone()).collect();
        if let Some(was) = &per_map.zones {
            if was.of_units == now {
                return was.outlines.clone();
            }
        }
        let outlines: Arc<Vec<MultiPolygon<f64>>> = Arc::new(
            map.zones()
                .iter()
                .filter_map(|z| {
                    let shapes: Vec<&MultiPolygon<f64>> = map
                        .wards()
                        .iter()
                        .filter(|w| w.zone.as_deref() == Some(z.as_str()))
                        .map(|w| &w.geometry)
                        .collect();
                    dissolve(&shapes)
                })
                .collect(),
        );
        per_map.zones = Some(ZoneOutlines { of_units: now, outlines: outlines.clone() });
        outlines
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

impl Shape {
    /// The shape of an area made of `units` (increasing). Big maps: no outline, and the label
    /// stays on the unit it was on while that unit is still in the area; else it goes on the
    /// unit nearest the area's middle.
    fn of(
        map: &WardMap,
        units: &[usize],
        previous: Option<Shape>,
        outlines: bool,
        points: &mut HashMap<usize, Option<[f64; 2]>>,
    ) -> Shape {
        if outlines {
            let shapes: Vec<&MultiPolygon<f64>> =
                units.iter().map(|&i| &map.wards()[i].geometry).collect();
            let g = dissolve(&shapes).unwrap_or_else(|| {
                MultiPolygon::new(shapes.iter().flat_map(|m| m.0.iter().cloned()).collect())
            });
            // The label goes inside the largest part of the area.
            let at = crate::geometry::label_point(&g)
                .or_else(|| map.wards()[units[0]].geometry.centroid())
                .map(|p| [p.x(), p.y()]);
            return Shape { units: units.to_vec(), outline: g, label_at: at, label_unit: None };
        }
        let kept = previous.and_then(|s| {
            s.label_unit.filter(|u| units.binary_search(u).is_ok()).map(|u| (u, s.label_at))
        });
        let (label_unit, label_at) = match kept {
            Some((u, at)) => (Some(u), at),
            None => {
                let centre = |i: usize| map.wards()[i].geometry.centroid().map(|p| [p.x(), p.y()]);
                let pts: Vec<(usize, [f64; 2])> =
                    units.iter().filter_map(|&i| centre(i).map(|c| (i, c))).collect();
                let k = pts.len().max(1) as f64;
                let mid =
                    pts.iter().fold([0.0, 0.0], |m, (_, c)| [m[0] + c[0] / k, m[1] + c[1] / k]);
                let d = |c: &[f64; 2]| (c[0] - mid[0]).powi(2) + (c[1] - mid[1]).powi(2);
                let unit = pts.iter().min_by(|a, b| d(&a.1).total_cmp(&d(&b.1))).map(|&(i, _)| i);
                let at =
                    unit.and_then(|i| *points.entry(i).or_insert_with(|| inside_point(map, i)));
                (unit, at)
            }
        };
        Shape {
            units: units.to_vec(),
            outline: MultiPolygon::new(Vec::new()),
            label_at,
            label_unit,
        }
    }
}

/// Each organiser's units (display order), grouped from the owners.
fn group(project: &Project, owners: &[Option<u32>]) -> Vec<Vec<usize>> {
    let position = project.positions();
    let mut g: Vec<Vec<usize>> = vec![Vec::new(); project.organisers.len()];
    for (i, id) in owners.iter().enumerate() {
        if let Some(&j) = id.as_ref().and_then(|id| position.get(id)) {
            g[j].push(i);
        }
    }
    g
}

/// One area's drawing: its shape kept while its units are the same, and the previous drawing
/// kept while nothing in it changed. Returns the drawing and whether the shape changed.
fn draw_area(
    per_map: &mut PerMap,
    cx: &ViewContext,
    position: usize,
    o: &Organiser,
    units: &[usize],
    previous: Option<&Arc<AreaDrawing>>,
    poor: u64,
) -> (Arc<AreaDrawing>, bool) {
    let (shape, shape_changed) = match per_map.outlines.remove(&o.id) {
        Some(s) if s.units.as_slice() == units => (s, false),
        kept => (Shape::of(cx.map, units, kept, cx.outlines, &mut per_map.unit_points), true),
    };
    let (title, detail) = (title(position, o, cx.lang), detail(poor, cx.lang));
    let same = previous.filter(|d| {
        d.label_at == shape.label_at
            && d.weight == units.len()
            && d.title == title
            && d.detail == detail
            && (!shape_changed || d.outline == shape.outline)
    });
    let drawing = match same {
        Some(d) => d.clone(),
        None => Arc::new(AreaDrawing {
            organiser: o.id,
            outline: shape.outline.clone(),
            label_at: shape.label_at,
            title,
            detail,
            weight: units.len(),
        }),
    };
    per_map.outlines.insert(o.id, shape);
    (drawing, shape_changed)
}

/// Organisers whose whole non-empty area is locked: locked units counted per owner (a walk
/// over the locks, not the units) against the area sizes.
fn locked_areas(
    project: &Project,
    cx: &ViewContext,
    owners: &[Option<u32>],
    stats: Option<&PlanStats>,
) -> BTreeSet<u32> {
    if project.plan.locked.is_empty() {
        return BTreeSet::new();
    }
    let mut locked: BTreeMap<u32, usize> = BTreeMap::new();
    for w in &project.plan.locked {
        if let Some(o) = cx.map.index_of(w).and_then(|i| owners.get(i).copied().flatten()) {
            *locked.entry(o).or_default() += 1;
        }
    }
    let sizes: BTreeMap<u32, usize> = match stats {
        Some(s) => s.areas.iter().map(|a| (a.organiser, a.wards.len())).collect(),
        None => {
            let mut m = BTreeMap::new();
            for o in owners.iter().flatten() {
                *m.entry(*o).or_default() += 1;
            }
            m
        }
    };
    locked.into_iter().filter(|(id, l)| sizes.get(id) == Some(l)).map(|(id, _)| id).collect()
}

fn display_name(o: &Organiser, lang: Lang) -> String {
    if o.name.is_empty() {
        Msg::Vacant.text(lang).to_string()
    } else {
        o.name.clone()
    }
}

fn title(position: usize, o: &Organiser, lang: Lang) -> String {
    format!("{}. {}", position + 1, display_name(o, lang))
}

fn detail(poor: u64, lang: Lang) -> String {
    format!("{} {}", group_indian_u64(poor), Msg::PoorHouseholds.text(lang))
}

/// A point inside a unit: its centroid when that is inside (cheap), else geo's interior point.
fn inside_point(map: &WardMap, i: usize) -> Option<[f64; 2]> {
    use geo::{Contains, InteriorPoint};
    let g = &map.wards()[i].geometry;
    g.centroid().filter(|c| g.contains(c)).or_else(|| g.interior_point()).map(|p| [p.x(), p.y()])
}
