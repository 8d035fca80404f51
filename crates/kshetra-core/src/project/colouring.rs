//! Colours for organisers' areas: neighbouring areas never share a colour.
//!
//! The areas' adjacency graph (two areas touch when any of their wards are neighbours in the
//! [`WardGraph`]) is coloured greedily by DSatur (Brélaz 1979): repeatedly colour the area
//! with the most distinct colours among its coloured neighbours (ties: most neighbours, then
//! lowest organiser id) with the lowest colour index its neighbours do not use. Deterministic.
//! Indices start at 0 and are unbounded; [`crate::palette::area_colour`] turns any index into
//! a colour, distinct for distinct indices, so neighbours differ even when a map needs more
//! colours than the colour-blind-safe palette has.

use std::collections::{BTreeMap, BTreeSet};

use crate::adjacency::WardGraph;
use crate::model::WardMap;
use crate::project::model::Plan;

/// Colour index per organiser id that has wards; neighbouring areas get different indices.
pub fn area_colours(map: &WardMap, graph: &WardGraph, plan: &Plan) -> BTreeMap<u32, usize> {
    area_colours_of(graph, &plan.ids_by_ward(map))
}

/// [`area_colours`] from each ward's organiser id (in [`WardMap::wards`] order, as
/// [`Plan::ids_by_ward`] gives it), when the caller already has it.
pub fn area_colours_of(graph: &WardGraph, owner: &[Option<u32>]) -> BTreeMap<u32, usize> {
    let mut adj: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
    for id in owner.iter().flatten() {
        adj.entry(*id).or_default();
    }
    for (i, j, _) in graph.edges() {
        if let (Some(Some(a)), Some(Some(b))) = (owner.get(i), owner.get(j)) {
            if a != b {
                adj.entry(*a).or_default().insert(*b);
                adj.entry(*b).or_default().insert(*a);
            }
        }
    }
    dsatur(&adj)
}

/// DSatur colouring of a graph given as sorted adjacency sets.
pub fn dsatur(adj: &BTreeMap<u32, BTreeSet<u32>>) -> BTreeMap<u32, usize> {
    let mut colour: BTreeMap<u32, usize> = BTreeMap::new();
    let mut used_by_nbrs: BTreeMap<u32, BTreeSet<usize>> = adj.keys().map(|&v| (v, BTreeSet::new())).collect();
    while colour.len() < adj.len() {
        // Areas number in the hundreds at most: a linear scan per step is plenty.
        let v = *adj
            .keys()
            .filter(|v| !colour.contains_key(v))
            .max_by(|a, b| {
                let key = |v: &u32| (used_by_nbrs[v].len(), adj[v].len());
                key(a).cmp(&key(b)).then(b.cmp(a))
            })
            .expect("an uncoloured area remains");
        let used = &used_by_nbrs[&v];
        let c = (0..).find(|c| !used.contains(c)).unwrap_or(0);
        colour.insert(v, c);
        for u in &adj[&v] {
            if let Some(s) = used_by_nbrs.get_mut(u) {
                s.insert(c);
            }
        }
    }
    colour
}
