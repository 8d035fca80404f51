//! "Rebalance around this area": an engine run on one organiser's area and the areas touching
//! it, leaving every other ward where it is. The local problem is the whole map's problem
//! restricted to those wards, so it is scored exactly like a full run.

use std::collections::{BTreeMap, BTreeSet};

use kshetra_alloc::{Home, Organiser as EngineOrganiser, Problem};

use crate::adjacency::WardGraph;
use crate::model::WardMap;
use crate::project::{Edit, Project};

/// An engine run limited to some areas.
#[derive(Debug, Clone, PartialEq)]
pub struct LocalRun {
    /// The restricted problem (local ward indices).
    pub problem: Problem,
    /// The organisers taking part, as the engine sees them (local ward indices).
    pub organisers: Vec<EngineOrganiser>,
    /// Local ward index → ward index in the map.
    pub wards: Vec<usize>,
    /// Local organiser index → organiser id.
    pub ids: Vec<u32>,
}

/// The local run around organiser `centre`: its area and every area sharing a boundary with
/// it. `full` is the whole map's problem ([`crate::allocation::problem_for`]). `None` when the
/// organiser has no wards.
pub fn around(
    map: &WardMap,
    graph: &WardGraph,
    project: &Project,
    full: &Problem,
    centre: u32,
) -> Option<LocalRun> {
    let ids = project.plan.ids_by_ward(map);
    let mine: Vec<usize> = (0..ids.len()).filter(|&i| ids[i] == Some(centre)).collect();
    if mine.is_empty() {
        return None;
    }
    let mut taking_part: BTreeSet<u32> = BTreeSet::from([centre]);
    for &i in &mine {
        for n in graph.neighbours(i) {
            if let Some(Some(o)) = ids.get(n.ward) {
                taking_part.insert(*o);
            }
        }
    }
    // Organisers in display order; wards in map order.
    let order: Vec<(usize, u32)> = project
        .organisers
        .iter()
        .enumerate()
        .filter(|(_, o)| taking_part.contains(&o.id))
        .map(|(j, o)| (j, o.id))
        .collect();
    let wards: Vec<usize> =
        (0..ids.len()).filter(|&i| ids[i].is_some_and(|o| taking_part.contains(&o))).collect();
    let local: BTreeMap<usize, u32> =
        wards.iter().enumerate().map(|(l, &i)| (i, l as u32)).collect();

    let pick = |v: &Vec<f64>| wards.iter().map(|&i| v[i]).collect::<Vec<f64>>();
    let mut edges = Vec::new();
    let mut lengths = Vec::new();
    for (e, &(a, b)) in full.edges.iter().enumerate() {
        if let (Some(&la), Some(&lb)) = (local.get(&(a as usize)), local.get(&(b as usize))) {
            edges.push((la, lb));
            if let Some(l) = &full.edge_lengths {
                lengths.push(l[e]);
            }
        }
    }
    let mut problem = Problem::new(
        pick(&full.weights),
        wards.iter().map(|&i| full.centroids[i]).collect(),
        edges,
    );
    if !full.zones.is_empty() {
        problem.zones = wards.iter().map(|&i| full.zones[i]).collect();
    }
    problem.areas = full.areas.as_ref().map(pick);
    problem.perimeters = full.perimeters.as_ref().map(pick);
    problem.edge_lengths = full.edge_lengths.as_ref().map(|_| lengths);

    let all = project.engine_organisers(map);
    let organisers = order
        .iter()
        .map(|&(j, _)| {
            let mut o = all[j].clone();
            o.locked_wards =
                o.locked_wards.iter().filter_map(|w| local.get(&(*w as usize)).copied()).collect();
            o.home = match o.home {
                // A home ward outside the region still pulls the area towards it, as a point.
                Some(Home::Ward(w)) => Some(match local.get(&(w as usize)) {
                    Some(&l) => Home::Ward(l),
                    None => Home::Point(full.centroids[w as usize]),
                }),
                other => other,
            };
            o
        })
        .collect();
    Some(LocalRun { problem, organisers, wards, ids: order.iter().map(|&(_, id)| id).collect() })
}

impl LocalRun {
    /// The edit that applies the engine's local plan (`assignment[local ward]` = local
    /// organiser index); every other ward keeps its organiser.
    pub fn edit(&self, map: &WardMap, project: &Project, assignment: &[u32]) -> Edit {
        let mut all = project.plan.assignment.clone();
        for (l, &i) in self.wards.iter().enumerate() {
            if let Some(&id) = assignment.get(l).and_then(|&j| self.ids.get(j as usize)) {
                all.insert(map.wards()[i].number.clone(), id);
            }
        }
        Edit::ApplyPlan { assignment: all }
    }
}
