//! Each unit's style on the map ([`UnitStyle`]) and the locks it shows, followed from the
//! moved units, colour, lock and selection changes.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::{PlanView, Touched, ViewContext};
use crate::project::stats::PlanStats;
use crate::project::Project;

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

impl PlanView {
    /// Brings the locks up to date (which units, which whole areas); returns the units whose
    /// lock changed (none when there were no locks of this map to compare with).
    /// `locks_same`: the plan's locks are as last seen; `moved`: the units whose owner changed
    /// (`None`: owners made afresh).
    pub(super) fn follow_locks(
        &mut self,
        project: &Project,
        cx: &ViewContext,
        locks_same: bool,
        moved: Option<&[(usize, Option<u32>)]>,
    ) -> Vec<usize> {
        let n = cx.map.wards().len();
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
        if !locks_same || moved.is_none_or(|m| !m.is_empty()) {
            self.locked_areas =
                Arc::new(locked_areas(project, cx, &self.owners, self.stats.as_deref()));
        }
        lock_units
    }

    /// The units to restyle after a hand edit: the `moved` ones, those whose lock changed,
    /// the selection before (`was`) and now, and the units of areas whose colour differs from
    /// `old_colours` (increasing, each once).
    pub(super) fn units_to_restyle(
        &self,
        cx: &ViewContext,
        moved: Option<&[(usize, Option<u32>)]>,
        lock_units: Vec<usize>,
        was: Option<usize>,
        old_colours: &Arc<BTreeMap<u32, usize>>,
    ) -> Vec<usize> {
        let n = cx.map.wards().len();
        let mut u: Vec<usize> = moved.into_iter().flatten().map(|&(i, _)| i).collect();
        u.extend(lock_units);
        if was != cx.selected {
            u.extend(was.into_iter().chain(cx.selected));
        }
        if !Arc::ptr_eq(old_colours, &self.colours) {
            let recoloured: BTreeSet<u32> = self
                .colours
                .iter()
                .filter(|(id, c)| old_colours.get(id) != Some(c))
                .map(|(&id, _)| id)
                .collect();
            u.extend((0..n).filter(|&i| self.owners[i].is_some_and(|o| recoloured.contains(&o))));
        }
        u.retain(|&i| i < n);
        u.sort_unstable();
        u.dedup();
        u
    }

    /// Restyles `units` (or all); returns the units whose style changed.
    pub(super) fn restyle(&mut self, cx: &ViewContext, units: Touched<usize>) -> Touched<usize> {
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
