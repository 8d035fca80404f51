//! The project: [`Project`], an officer's organisers, plan and settings for one ward map; how
//! the allocation engine sees it ([`Project::engine_organisers`], [`Project::plan_from_engine`]);
//! and the "this splits an area" check ([`splits_area`]).
//!
//! Ward numbers are the normalised strings of [`crate::model::Ward::number`]; organisers are
//! named by their stable [`Organiser::id`] (never reused within a project), so a saved plan
//! stays right when organisers are reordered or removed.
//!
//! Every change goes through [`Project::apply`] with an [`Edit`]: each edit is checked first
//! and then applied whole, or refused with a [`ProjectError`] leaving the project unchanged.
//! [`crate::project::History`] records the inverse of each applied edit for undo/redo.
//!
//! The project's parts have their own modules ([`super::organiser`], [`super::plan`],
//! [`super::alloc_settings`], [`super::edit`]); their items are re-exported here, so
//! `project::model::…` paths keep working.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::adjacency::WardGraph;
use crate::estimate::PoorParams;
use crate::model::WardMap;

pub use crate::project::alloc_settings::AllocSettings;
pub use crate::project::edit::{Edit, ProjectError};
pub use crate::project::organiser::{
    default_role, normalise_mobile, valid_capacity, ContactPoint, Home, Organiser, MAX_CAPACITY,
};
pub use crate::project::plan::{NumberOrder, Plan, PlanMark};

/// An officer's project for one ward map.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Project {
    /// The project's title, as the officer names it.
    pub name: String,
    /// Which map the project is for (a bundled city id, or the imported file's name).
    pub map_key: String,
    /// Organisers in display order.
    pub organisers: Vec<Organiser>,
    /// The plan and its locks.
    pub plan: Plan,
    /// Automatic allocation settings.
    pub settings: AllocSettings,
    /// Poor-household estimation settings.
    pub poor: PoorParams,
    /// The id the next added organiser gets (ids are never reused).
    pub(crate) next_id: u32,
}

impl Project {
    /// An empty project for a map.
    pub fn new(map_key: impl Into<String>, name: impl Into<String>) -> Project {
        Project {
            name: name.into(),
            map_key: map_key.into(),
            organisers: Vec::new(),
            plan: Plan::default(),
            settings: AllocSettings::default(),
            poor: PoorParams::default(),
            next_id: 1,
        }
    }

    /// The id the next added organiser will get.
    pub fn next_id(&self) -> u32 {
        self.next_id
    }

    /// Display position of organiser `id`.
    pub fn position(&self, id: u32) -> Option<usize> {
        self.organisers.iter().position(|o| o.id == id)
    }

    /// Every organiser's position in the list, by id (for many lookups).
    pub fn positions(&self) -> BTreeMap<u32, usize> {
        self.organisers.iter().enumerate().map(|(j, o)| (o.id, j)).collect()
    }

    /// The organiser with this id.
    pub fn organiser(&self, id: u32) -> Option<&Organiser> {
        self.organisers.iter().find(|o| o.id == id)
    }

    /// The organisers as the engine sees them, in display order: capacity, home (ward index,
    /// or the point in the same local metres as [`crate::allocation::problem_for`]) and
    /// locked wards (plus the home ward when [`AllocSettings::keep_home_wards`] is on and no
    /// other organiser has it locked).
    pub fn engine_organisers(&self, map: &WardMap) -> Vec<kshetra_alloc::Organiser> {
        let proj = map
            .bounds()
            .map(crate::projection::LocalProjection::for_rect)
            .unwrap_or_else(|| crate::projection::LocalProjection::new(0.0, 0.0));
        let index: BTreeMap<&str, u32> =
            map.wards().iter().enumerate().map(|(i, w)| (w.number.as_str(), i as u32)).collect();
        let mut locks: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
        for w in &self.plan.locked {
            if let (Some(&i), Some(id)) = (index.get(w.as_str()), self.plan.organiser_of(w)) {
                locks.entry(id).or_default().push(i);
            }
        }
        self.organisers
            .iter()
            .map(|o| {
                let home_ward = o.home_ward().and_then(|w| index.get(w).copied());
                let home = match (home_ward, o.home.as_ref().and_then(|h| h.point)) {
                    (Some(i), _) => Some(kshetra_alloc::Home::Ward(i)),
                    (None, Some([lon, lat])) => {
                        Some(kshetra_alloc::Home::Point(proj.project(lon, lat)))
                    }
                    _ => None,
                };
                let mut locked = locks.get(&o.id).cloned().unwrap_or_default();
                if let (true, Some(h), Some(w)) =
                    (self.settings.keep_home_wards, home_ward, o.home_ward())
                {
                    if !self.plan.is_locked(w) && !locked.contains(&h) {
                        locked.push(h);
                    }
                }
                locked.sort_unstable();
                let mut e = kshetra_alloc::Organiser::new()
                    .with_capacity(o.capacity)
                    .with_locked_wards(locked);
                e.home = home;
                e
            })
            .collect()
    }

    /// The edit that applies an engine plan (`assignment[ward index]` = organiser position as
    /// in [`Project::engine_organisers`]). Positions out of range leave the ward unassigned.
    pub fn plan_from_engine(&self, map: &WardMap, assignment: &[u32]) -> Edit {
        let assignment = map
            .wards()
            .iter()
            .zip(assignment)
            .filter_map(|(w, &j)| self.organisers.get(j as usize).map(|o| (w.number.clone(), o.id)))
            .collect();
        Edit::ApplyPlan { assignment }
    }
}

/// Would giving `wards` to organiser `to` (`None`: unassigning them) split an area? Checks
/// every organiser losing a ward and the receiving one; returns the first, in display order,
/// whose area would then be in more pieces than now: `(organiser id, pieces after)`.
/// O(n + m).
pub fn splits_area(
    map: &WardMap,
    graph: &WardGraph,
    project: &Project,
    wards: &[String],
    to: Option<u32>,
) -> Option<(u32, usize)> {
    splits_area_of(map, graph, project, &project.plan.ids_by_ward(map), wards, to)
}

/// [`splits_area`] with each ward's organiser id already known (`before`, as
/// [`Plan::ids_by_ward`] gives it). Only the areas involved are searched: O(their wards' edges)
/// plus one copy of `before`.
pub fn splits_area_of(
    map: &WardMap,
    graph: &WardGraph,
    project: &Project,
    before: &[Option<u32>],
    wards: &[String],
    to: Option<u32>,
) -> Option<(u32, usize)> {
    let n = map.wards().len().min(graph.len()).min(before.len());
    let mut after = before.to_vec();
    let mut affected: BTreeSet<u32> = to.into_iter().collect();
    for w in wards {
        if let Some(i) = map.index_of(w).filter(|&i| i < n) {
            if let Some(old) = before[i] {
                affected.insert(old);
            }
            after[i] = to;
        }
    }
    let pieces = |owner: &[Option<u32>], id: u32| -> usize {
        let mut seen = vec![false; n];
        let mut count = 0;
        for start in 0..n {
            if seen[start] || owner[start] != Some(id) {
                continue;
            }
            count += 1;
            seen[start] = true;
            let mut stack = vec![start];
            while let Some(v) = stack.pop() {
                for nb in graph.neighbours(v) {
                    if nb.ward < n && !seen[nb.ward] && owner[nb.ward] == Some(id) {
                        seen[nb.ward] = true;
                        stack.push(nb.ward);
                    }
                }
            }
        }
        count
    };
    project
        .organisers
        .iter()
        .filter(|o| affected.contains(&o.id))
        .map(|o| (o.id, pieces(before, o.id), pieces(&after, o.id)))
        .find(|&(_, b, a)| a > b.max(1))
        .map(|(id, _, a)| (id, a))
}
