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
use crate::project::plan::Plan;

/// Colour index per organiser id that has wards; neighbouring areas get different indices.
pub fn area_colours(map: &WardMap, graph: &WardGraph, plan: &Plan) -> BTreeMap<u32, usize> {
    area_colours_of(graph, &plan.ids_by_ward(map))
}

/// [`area_colours`] from each ward's organiser id (in [`WardMap::wards`] order, as
/// [`Plan::ids_by_ward`] gives it), when the caller already has it.
pub fn area_colours_of(graph: &WardGraph, owner: &[Option<u32>]) -> BTreeMap<u32, usize> {
    AreaAdjacency::new(graph, owner).colours()
}

/// Which areas touch: per pair of organiser ids, how many ward adjacencies cross between
/// their areas. Kept across edits and updated from the wards that changed
/// ([`AreaAdjacency::update`]), so the app need not walk all of a 10,000-ward graph per edit.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AreaAdjacency {
    /// Wards per organiser id (only ids with wards).
    wards: BTreeMap<u32, usize>,
    /// Crossing adjacencies per pair (smaller id first; only pairs that touch).
    pairs: BTreeMap<(u32, u32), usize>,
}

impl AreaAdjacency {
    /// Counts every adjacency of `graph` under `owner` (each ward's organiser id).
    pub fn new(graph: &WardGraph, owner: &[Option<u32>]) -> AreaAdjacency {
        let mut adj = AreaAdjacency::default();
        for id in owner.iter().flatten() {
            *adj.wards.entry(*id).or_default() += 1;
        }
        for (i, j, _) in graph.edges() {
            if let (Some(Some(a)), Some(Some(b))) = (owner.get(i), owner.get(j)) {
                adj.add_pair(*a, *b);
            }
        }
        adj
    }

    fn add_pair(&mut self, a: u32, b: u32) -> bool {
        if a == b {
            return false;
        }
        let n = self.pairs.entry((a.min(b), a.max(b))).or_default();
        *n += 1;
        *n == 1
    }

    fn remove_pair(&mut self, a: u32, b: u32) -> bool {
        let key = (a.min(b), a.max(b));
        match self.pairs.get_mut(&key) {
            Some(n) if a != b => {
                *n -= 1;
                if *n == 0 {
                    self.pairs.remove(&key);
                    return true;
                }
                false
            }
            _ => false,
        }
    }

    /// Follows a change of the wards' owners from `before` to `after` (same graph): only the
    /// adjacencies of wards whose owner changed are looked at. Returns whether the areas'
    /// graph changed (an area appeared or vanished, or two areas began or stopped touching);
    /// when it did not, the colours stay as they were. Equals [`AreaAdjacency::new`] on
    /// `after` (tested).
    pub fn update(
        &mut self,
        graph: &WardGraph,
        before: &[Option<u32>],
        after: &[Option<u32>],
    ) -> bool {
        let n = before.len().min(after.len()).min(graph.len());
        let moved: Vec<(usize, Option<u32>)> =
            (0..n).filter(|&i| before[i] != after[i]).map(|i| (i, before[i])).collect();
        self.update_moved(graph, &moved, &after[..n]) || before.len() != after.len()
    }

    /// [`AreaAdjacency::update`] when the caller knows which wards moved: `moved` lists each
    /// changed ward once, increasing, with its owner *before*; `after` holds every ward's owner
    /// now. Only those wards' adjacencies are looked at.
    pub fn update_moved(
        &mut self,
        graph: &WardGraph,
        moved: &[(usize, Option<u32>)],
        after: &[Option<u32>],
    ) -> bool {
        let n = after.len().min(graph.len());
        let before_of = |u: usize| match moved.binary_search_by_key(&u, |&(i, _)| i) {
            Ok(k) => (true, moved[k].1),
            Err(_) => (false, after[u]),
        };
        let mut changed_graph = false;
        for &(i, before_i) in moved.iter().filter(|&&(i, _)| i < n) {
            if let Some(a) = before_i {
                let w = self.wards.entry(a).or_default();
                *w = w.saturating_sub(1);
                if *w == 0 {
                    self.wards.remove(&a);
                    changed_graph = true;
                }
            }
            if let Some(b) = after[i] {
                let w = self.wards.entry(b).or_default();
                *w += 1;
                changed_graph |= *w == 1;
            }
            for nb in graph.neighbours(i) {
                let u = nb.ward;
                if u >= n {
                    continue;
                }
                let (u_moved, before_u) = before_of(u);
                // An adjacency between two moved wards is handled once, from the smaller.
                if u_moved && u < i {
                    continue;
                }
                if let (Some(a), Some(b)) = (before_i, before_u) {
                    changed_graph |= self.remove_pair(a, b);
                }
                if let (Some(a), Some(b)) = (after[i], after[u]) {
                    changed_graph |= self.add_pair(a, b);
                }
            }
        }
        changed_graph
    }

    /// The areas' graph as sorted adjacency sets (every id with wards is a key).
    pub fn sets(&self) -> BTreeMap<u32, BTreeSet<u32>> {
        let mut adj: BTreeMap<u32, BTreeSet<u32>> =
            self.wards.keys().map(|&id| (id, BTreeSet::new())).collect();
        for &(a, b) in self.pairs.keys() {
            adj.entry(a).or_default().insert(b);
            adj.entry(b).or_default().insert(a);
        }
        adj
    }

    /// Colour index per organiser id with wards ([`dsatur`] of [`AreaAdjacency::sets`]).
    pub fn colours(&self) -> BTreeMap<u32, usize> {
        dsatur(&self.sets())
    }
}

/// DSatur colouring of a graph given as sorted adjacency sets (neighbours that are not keys
/// count towards the degree only). O(k²) for k areas, on plain vectors: 200 areas in well
/// under a millisecond.
pub fn dsatur(adj: &BTreeMap<u32, BTreeSet<u32>>) -> BTreeMap<u32, usize> {
    let ids: Vec<u32> = adj.keys().copied().collect();
    let degree: Vec<usize> = adj.values().map(BTreeSet::len).collect();
    let nbrs: Vec<Vec<usize>> = adj
        .values()
        .map(|ns| ns.iter().filter_map(|u| ids.binary_search(u).ok()).collect())
        .collect();
    let mut used: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); ids.len()];
    let mut colour: Vec<Option<usize>> = vec![None; ids.len()];
    for _ in 0..ids.len() {
        // Most distinct neighbour colours, then most neighbours, then the lowest id.
        let mut best: Option<usize> = None;
        for v in (0..ids.len()).filter(|&v| colour[v].is_none()) {
            let better = match best {
                None => true,
                Some(b) => (used[v].len(), degree[v]) > (used[b].len(), degree[b]),
            };
            if better {
                best = Some(v);
            }
        }
        let Some(v) = best else { break };
        let c = (0..).find(|c| !used[v].contains(c)).unwrap_or(0);
        colour[v] = Some(c);
        for &u in &nbrs[v] {
            used[u].insert(c);
        }
    }
    ids.into_iter().zip(colour).map(|(id, c)| (id, c.unwrap_or(0))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// DSatur as first written (maps and a scan per step): the vector version must agree, so
    /// colours on screen and on posters made before it stay the same.
    fn reference(adj: &BTreeMap<u32, BTreeSet<u32>>) -> BTreeMap<u32, usize> {
        let mut colour: BTreeMap<u32, usize> = BTreeMap::new();
        let mut used_by_nbrs: BTreeMap<u32, BTreeSet<usize>> =
            adj.keys().map(|&v| (v, BTreeSet::new())).collect();
        while colour.len() < adj.len() {
            let v = *adj
                .keys()
                .filter(|v| !colour.contains_key(v))
                .max_by(|a, b| {
                    let key = |v: &u32| (used_by_nbrs[v].len(), adj[v].len());
                    key(a).cmp(&key(b)).then(b.cmp(a))
                })
                .unwrap();
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

    proptest! {
        #[test]
        fn dsatur_agrees_with_the_reference(edges in proptest::collection::vec((0u32..40, 0u32..40), 0..200), extra in proptest::collection::vec(0u32..60, 0..20)) {
            let mut adj: BTreeMap<u32, BTreeSet<u32>> = BTreeMap::new();
            for (a, b) in edges {
                adj.entry(a).or_default();
                adj.entry(b).or_default();
                if a != b {
                    adj.get_mut(&a).unwrap().insert(b);
                    adj.get_mut(&b).unwrap().insert(a);
                }
            }
            // Neighbours that are not keys (count for the degree only).
            for (k, x) in extra.into_iter().enumerate() {
                if let Some(s) = adj.values_mut().nth(k) {
                    s.insert(1000 + x);
                }
            }
            prop_assert_eq!(dsatur(&adj), reference(&adj));
        }
    }
}
