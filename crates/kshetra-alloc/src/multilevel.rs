//! Multilevel refinement of an existing plan (a V-cycle, as in METIS's k-way refinement).
//!
//! The graph is coarsened by heavy-edge matching *inside each part* (so every coarse node is a
//! connected cluster of wards of one area), until the clusters reach a weight cap or the graph
//! stops shrinking. Then, from the coarsest level down to the first coarse one, boundary
//! clusters move to the neighbouring area with which they share most edges, while that cuts
//! fewer edges (or as many, with better balance), keeps both areas within the balance band and
//! keeps the donor area connected. Moving a whole cluster shifts a stretch of boundary at once,
//! which single-ward moves cannot do without first making the cut worse.
//!
//! Connectivity is exact at every level: clusters are connected in the ward graph and two
//! clusters are adjacent iff some of their wards are, so an area is connected on a coarse
//! level iff its wards are. Locked wards are never matched, and never moved.

use crate::budget::Budget;
use crate::graph::{Bfs, Instance, Reach};
use crate::rng::Rng;

const NONE: u32 = u32::MAX;

/// One level of the hierarchy: a weighted graph with the plan on it.
struct Level {
    xadj: Vec<u32>,
    adj: Vec<u32>,
    /// Number of ward edges each coarse edge stands for (parallel to `adj`).
    ew: Vec<u32>,
    /// Weight of each node (sum of its wards' weights).
    vw: Vec<f64>,
    /// Part each node is locked to, or `NONE`.
    lock: Vec<u32>,
    /// Part of each node.
    part: Vec<u32>,
}

impl Level {
    fn n(&self) -> usize {
        self.vw.len()
    }

    fn range(&self, v: u32) -> std::ops::Range<usize> {
        self.xadj[v as usize] as usize..self.xadj[v as usize + 1] as usize
    }

    /// Heavy-edge matching within parts, clusters at most `cap` heavy; returns the coarse
    /// level and the map from this level's nodes to coarse nodes.
    fn coarsen(&self, cap: f64, rng: &mut Rng, budget: &mut Budget) -> (Level, Vec<u32>) {
        let n = self.n();
        let mut order: Vec<u32> = (0..n as u32).collect();
        rng.shuffle(&mut order);
        let mut mate = vec![NONE; n];
        for &v in &order {
            if mate[v as usize] != NONE {
                continue;
            }
            mate[v as usize] = v;
            if self.lock[v as usize] != NONE {
                continue;
            }
            let mut best: Option<(u32, f64, u32)> = None;
            for e in self.range(v) {
                let u = self.adj[e];
                if mate[u as usize] != NONE
                    || self.lock[u as usize] != NONE
                    || self.part[u as usize] != self.part[v as usize]
                {
                    continue;
                }
                let cw = self.vw[v as usize] + self.vw[u as usize];
                if cw > cap {
                    continue;
                }
                // Heaviest edge first, then the lighter cluster (keeps clusters even).
                if best.is_none_or(|(bw, bc, _)| self.ew[e] > bw || (self.ew[e] == bw && cw < bc)) {
                    best = Some((self.ew[e], cw, u));
                }
            }
            if let Some((_, _, u)) = best {
                mate[v as usize] = u;
                mate[u as usize] = v;
            }
        }
        let mut map = vec![NONE; n];
        let mut cn = 0u32;
        for v in 0..n {
            if map[v] == NONE {
                map[v] = cn;
                map[mate[v] as usize] = cn;
                cn += 1;
            }
        }
        let cn = cn as usize;
        let mut vw = vec![0.0; cn];
        let mut lock = vec![NONE; cn];
        let mut part = vec![0u32; cn];
        let mut members: Vec<[u32; 2]> = vec![[NONE; 2]; cn];
        for (v, &c) in map.iter().enumerate() {
            let c = c as usize;
            vw[c] += self.vw[v];
            part[c] = self.part[v];
            if self.lock[v] != NONE {
                lock[c] = self.lock[v];
            }
            if members[c][0] == NONE {
                members[c][0] = v as u32
            } else {
                members[c][1] = v as u32
            }
        }
        // Coarse adjacency: merge the two members' lists with a scatter array.
        let mut xadj = Vec::with_capacity(cn + 1);
        xadj.push(0u32);
        let mut adj = Vec::with_capacity(self.adj.len());
        let mut ew = Vec::with_capacity(self.adj.len());
        let mut slot = vec![NONE; cn];
        for (c, pair) in members.iter().enumerate() {
            let start = adj.len();
            for &v in pair.iter().filter(|&&v| v != NONE) {
                for e in self.range(v) {
                    let d = map[self.adj[e] as usize];
                    if d as usize == c {
                        continue;
                    }
                    if slot[d as usize] == NONE {
                        slot[d as usize] = adj.len() as u32;
                        adj.push(d);
                        ew.push(self.ew[e]);
                    } else {
                        ew[slot[d as usize] as usize] += self.ew[e];
                    }
                }
            }
            for &d in &adj[start..] {
                slot[d as usize] = NONE;
            }
            xadj.push(adj.len() as u32);
        }
        budget.spend((n + self.adj.len()) as u64 * 2);
        (Level { xadj, adj, ew, vw, lock, part }, map)
    }
}

/// Refines `assign` (ward → part) on coarse levels of the graph; every part stays within
/// `band` (relative deviation from its target) or, if it already is outside, does not get
/// worse. Clusters weigh at most `cap`.
pub(crate) fn refine(
    inst: &Instance,
    assign: &mut [u32],
    band: f64,
    cap: f64,
    rng: &mut Rng,
    budget: &mut Budget,
) {
    let Instance { g, w, targets, locked } = *inst;
    let k = targets.len();
    let n = w.len();
    if n < 4 * k || cap <= 0.0 {
        return;
    }
    let mut level = Level {
        xadj: g.xadj.clone(),
        adj: g.adj.clone(),
        ew: vec![1; g.adj.len()],
        vw: w.to_vec(),
        lock: locked.to_vec(),
        part: assign.to_vec(),
    };
    let mut stack: Vec<(Level, Vec<u32>)> = Vec::new();
    loop {
        if level.n() <= 4 * k || budget.exhausted() {
            break;
        }
        let (coarse, map) = level.coarsen(cap, rng, budget);
        if coarse.n() as f64 > 0.92 * level.n() as f64 {
            break;
        }
        stack.push((level, map));
        level = coarse;
    }
    if stack.is_empty() {
        return;
    }
    let mut parts = Parts { targets, band, weight: vec![0.0; k], count: vec![0u32; k] };
    for (v, &a) in assign.iter().enumerate() {
        parts.weight[a as usize] += w[v];
    }
    let mut scratch = Scratch { target: Vec::new(), epoch: 0, bfs: Bfs::new(0) };
    // Refine the coarsest level, project, refine, … down to the first coarse level.
    while let Some((mut finer, map)) = stack.pop() {
        parts.count.iter_mut().for_each(|c| *c = 0);
        for &a in &level.part {
            parts.count[a as usize] += 1;
        }
        greedy(&mut level, &mut parts, &mut scratch, rng, budget);
        for (v, p) in finer.part.iter_mut().enumerate() {
            *p = level.part[map[v] as usize];
        }
        level = finer;
    }
    assign.copy_from_slice(&level.part);
}

/// The parts during refinement: targets and band, and per part its weight and (on the current
/// level) its number of nodes.
struct Parts<'t> {
    targets: &'t [f64],
    band: f64,
    weight: Vec<f64>,
    count: Vec<u32>,
}

struct Scratch {
    /// Per node: the epoch of the connectivity check that must reach it.
    target: Vec<u32>,
    epoch: u32,
    bfs: Bfs,
}

/// Greedy boundary refinement on one level.
fn greedy(lv: &mut Level, parts: &mut Parts, sc: &mut Scratch, rng: &mut Rng, budget: &mut Budget) {
    let Parts { targets: t, band, weight, count } = parts;
    let (t, band): (&[f64], f64) = (t, *band);
    let n = lv.n();
    sc.target.clear();
    sc.target.resize(n, 0);
    sc.epoch = 0;
    let dev = |weight: &[f64], a: usize, d: f64| (weight[a] + d) / t[a] - 1.0;
    let mut order: Vec<u32> = (0..n as u32).collect();
    // Per-node connection to each neighbouring part: (part, edge weight).
    let mut conn: Vec<(u32, u32)> = Vec::new();
    for _pass in 0..8 {
        rng.shuffle(&mut order);
        let mut moved = 0;
        for &v in &order {
            if budget.exhausted() {
                return;
            }
            if lv.lock[v as usize] != NONE {
                continue;
            }
            let a = lv.part[v as usize];
            conn.clear();
            let mut internal = 0u32;
            for e in lv.range(v) {
                let b = lv.part[lv.adj[e] as usize];
                if b == a {
                    internal += lv.ew[e];
                } else if let Some(c) = conn.iter_mut().find(|c| c.0 == b) {
                    c.1 += lv.ew[e];
                } else {
                    conn.push((b, lv.ew[e]));
                }
            }
            budget.spend((lv.xadj[v as usize + 1] - lv.xadj[v as usize]) as u64 + 1);
            if conn.is_empty() || count[a as usize] <= 1 {
                continue;
            }
            let wv = lv.vw[v as usize];
            let (da0, na) = (dev(weight, a as usize, 0.0), dev(weight, a as usize, -wv));
            let mut best: Option<(i64, f64, u32)> = None;
            for &(b, ext) in &conn {
                let gain = ext as i64 - internal as i64;
                if gain < 0 {
                    continue;
                }
                let (db0, nb) = (dev(weight, b as usize, 0.0), dev(weight, b as usize, wv));
                // Within the band, or at least no worse than before for a part outside it.
                let ok = |old: f64, new: f64| new.abs() <= band || new.abs() <= old.abs();
                if !ok(da0, na) || !ok(db0, nb) {
                    continue;
                }
                let pair = na.abs().max(nb.abs());
                if gain == 0 && pair >= da0.abs().max(db0.abs()) - 1e-12 {
                    continue;
                }
                if best.is_none_or(|(bg, bp, _)| gain > bg || (gain == bg && pair < bp)) {
                    best = Some((gain, pair, b));
                }
            }
            let Some((_, _, b)) = best else { continue };
            if !stays_connected(lv, v, sc, budget) {
                continue;
            }
            lv.part[v as usize] = b;
            weight[a as usize] -= wv;
            weight[b as usize] += wv;
            count[a as usize] -= 1;
            count[b as usize] += 1;
            moved += 1;
        }
        if moved == 0 {
            break;
        }
    }
}

/// Whether the part of `v` stays connected without `v`: a search inside the part from one
/// neighbour of `v` reaches all its other neighbours in the part.
fn stays_connected(lv: &Level, v: u32, sc: &mut Scratch, budget: &mut Budget) -> bool {
    let a = lv.part[v as usize];
    let inside: Vec<u32> =
        lv.range(v).map(|e| lv.adj[e]).filter(|&u| lv.part[u as usize] == a).collect();
    if inside.len() <= 1 {
        return !inside.is_empty();
    }
    // A fresh mark `e` for the neighbours to reach.
    if sc.epoch == u32::MAX {
        sc.target.iter_mut().for_each(|m| *m = 0);
        sc.epoch = 0;
    }
    sc.epoch += 1;
    let e = sc.epoch;
    for &u in &inside[1..] {
        sc.target[u as usize] = e;
    }
    let mut remaining = inside.len() - 1;
    let target = &sc.target;
    let found = sc.bfs.search(
        lv.n(),
        inside[0],
        |x| lv.range(x).map(|ed| lv.adj[ed]),
        |u| {
            if u == v || lv.part[u as usize] != a {
                Reach::Skip
            } else if target[u as usize] == e {
                remaining -= 1;
                if remaining == 0 {
                    Reach::Stop
                } else {
                    Reach::Enter
                }
            } else {
                Reach::Enter
            }
        },
    );
    budget.spend(found.edges);
    found.at.is_some()
}
