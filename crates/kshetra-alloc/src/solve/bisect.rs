//! Two-way splits of a region (priority-first sweeps, random spanning-tree cuts, greedy graph
//! growing) and the initial partition by recursive bisection.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::{Plan, Solver, ANNEAL_MAX_WARDS, NONE};
use crate::budget::Budget;
use crate::graph::{Csr, Reach};

/// Graph-growing candidates per bisection of the initial partition.
const GROWS: usize = 4;

#[derive(Clone, Copy, PartialEq)]
struct Key(f64, u32);
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, o: &Key) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Key {
    // Min-heap on (key, id).
    fn cmp(&self, o: &Key) -> Ordering {
        o.0.total_cmp(&self.0).then(o.1.cmp(&self.1))
    }
}

/// A candidate two-way split of a region: `side[i]` is true for side A.
pub(super) struct Split {
    pub(super) err: f64,
    pub(super) cut: u32,
    pub(super) side: Vec<bool>,
}

/// How a region should be cut in two.
pub(super) struct SplitSpec<'a> {
    pub(super) nodes: &'a [u32],
    /// Desired weights of sides A and B (deviation is measured against these).
    pub(super) want_a: f64,
    pub(super) want_b: f64,
    pub(super) min_a: usize,
    pub(super) min_b: usize,
    /// Per region index: 0 free, 1 must be A, 2 must be B.
    pub(super) req: &'a [u8],
    pub(super) sweeps: usize,
    pub(super) trees: usize,
    /// Greedy graph-growing candidates (from the sweeps' start nodes, then random ones).
    pub(super) grows: usize,
    /// Among candidates whose error is within `tol` of the best, the fewest cut edges wins.
    pub(super) tol: f64,
}

/// A region being split: how (the spec), its induced subgraph (local ids = positions in
/// `spec.nodes`), the weights of its nodes and their total.
struct Region<'r> {
    spec: &'r SplitSpec<'r>,
    sub: Csr,
    w: Vec<f64>,
    total: f64,
}

impl Solver<'_> {
    /// Weighted principal axis angle of the nodes (the direction of greatest spread).
    fn principal_angle(&self, nodes: &[u32]) -> f64 {
        let (mut sw, mut sx, mut sy) = (0.0, 0.0, 0.0);
        for &v in nodes {
            let w = self.p.w[v as usize] + 1e-9;
            let [x, y] = self.p.pos[v as usize];
            sw += w;
            sx += w * x;
            sy += w * y;
        }
        let (mx, my) = (sx / sw, sy / sw);
        let (mut cxx, mut cyy, mut cxy) = (0.0, 0.0, 0.0);
        for &v in nodes {
            let w = self.p.w[v as usize] + 1e-9;
            let [x, y] = self.p.pos[v as usize];
            cxx += w * (x - mx) * (x - mx);
            cyy += w * (y - my) * (y - my);
            cxy += w * (x - mx) * (y - my);
        }
        0.5 * (2.0 * cxy).atan2(cxx - cyy)
    }

    pub(super) fn split(&mut self, spec: &SplitSpec, budget: &mut Budget) -> Option<Split> {
        let nodes = spec.nodes;
        let r = nodes.len();
        if r < spec.min_a + spec.min_b || r < 2 {
            return None;
        }
        let sub = self.p.g.induced(nodes, &mut self.local);
        budget.spend((r + sub.adj.len()) as u64);
        if sub.components(|_, _| true).1 != 1 {
            // Only connected regions can be split into two connected sides.
            return None;
        }
        let w: Vec<f64> = nodes.iter().map(|&v| self.p.w[v as usize]).collect();
        let total: f64 = w.iter().sum();
        let reg = Region { spec, sub, w, total };
        let mut cands: Vec<Split> = Vec::new();
        let theta0 = self.principal_angle(nodes);
        for i in 0..spec.sweeps {
            // Principal axis, its normal, the coordinate axes (straight cuts on grid-like
            // maps), then random directions; each from both ends.
            use std::f64::consts::{FRAC_PI_2, PI};
            let base = match i / 2 {
                0 => theta0,
                1 => theta0 + FRAC_PI_2,
                2 => 0.0,
                3 => FRAC_PI_2,
                _ => self.rng.f64() * PI,
            };
            let theta = base + if i % 2 == 1 { PI } else { 0.0 };
            let dir = [theta.cos(), theta.sin()];
            let keys: Vec<f64> = nodes
                .iter()
                .map(|&v| {
                    let [x, y] = self.p.pos[v as usize];
                    x * dir[0] + y * dir[1]
                })
                .collect();
            reg.sweep(&keys, &mut cands, budget);
        }
        for _ in 0..spec.trees {
            self.tree_cut(&reg, &mut cands, budget);
        }
        for _ in 0..spec.grows {
            let start = self.rng.below(r);
            self.grow(&reg, start, &mut cands, budget);
        }
        let best_err = cands.iter().map(|c| c.err).fold(f64::INFINITY, f64::min);
        let mut best: Option<Split> = None;
        for c in cands {
            if c.err > best_err + spec.tol {
                continue;
            }
            let better = match &best {
                None => true,
                Some(b) => c.cut < b.cut || (c.cut == b.cut && c.err < b.err),
            };
            if better {
                best = Some(c);
            }
        }
        best
    }

    /// Greedy graph growing from `start`: the region grows by the frontier node with most
    /// edges into it (fewest out), nearest the start on ties; its best prefixes are completed
    /// like a sweep's. Follows the graph rather than straight lines, so it finds short cuts
    /// where wards differ much in size.
    fn grow(&mut self, reg: &Region, start: usize, cands: &mut Vec<Split>, budget: &mut Budget) {
        let (sub, nodes) = (&reg.sub, reg.spec.nodes);
        let r = reg.w.len();
        let p0 = self.p.pos[nodes[start] as usize];
        let dist: Vec<f64> = nodes
            .iter()
            .map(|&v| {
                let [x, y] = self.p.pos[v as usize];
                ((x - p0[0]).powi(2) + (y - p0[1]).powi(2)).sqrt()
            })
            .collect();
        let dmax = dist.iter().copied().fold(0.0, f64::max).max(1e-12);
        // Priority (min-heap): -(edges in − edges out) + a distance tie-break below 0.5.
        let prio = |conn: u32, i: usize| {
            -(2.0 * conn as f64 - sub.nbrs(i as u32).len() as f64) + 0.5 * dist[i] / dmax
        };
        let mut conn = vec![0u32; r];
        let mut taken = vec![false; r];
        let mut heap = BinaryHeap::new();
        heap.push(Key(prio(0, start), start as u32));
        let mut order = Vec::with_capacity(r);
        let mut work = 0u64;
        while let Some(Key(pk, i)) = heap.pop() {
            work += 1;
            if taken[i as usize] || pk != prio(conn[i as usize], i as usize) {
                continue;
            }
            taken[i as usize] = true;
            order.push(i);
            for &u in sub.nbrs(i) {
                work += 1;
                if !taken[u as usize] {
                    conn[u as usize] += 1;
                    heap.push(Key(prio(conn[u as usize], u as usize), u));
                }
            }
        }
        budget.spend(work * 3 + r as u64);
        reg.complete_prefixes(&order, cands, budget);
    }

    /// A random spanning tree (random-priority growth) and its best single edge cut.
    fn tree_cut(&mut self, reg: &Region, cands: &mut Vec<Split>, budget: &mut Budget) {
        let Region { spec, sub, w, total } = reg;
        let r = w.len();
        let pr: Vec<f64> = (0..r).map(|_| self.rng.f64()).collect();
        let root = self.rng.below(r);
        let mut parent = vec![u32::MAX; r];
        let order = reg.priority_order(root, &pr, |u, i| parent[u as usize] = i);
        let mut sw = w.to_vec();
        let mut cnt = vec![1usize; r];
        let mut la = vec![0u32; r];
        let mut lb = vec![0u32; r];
        let (mut total_la, mut total_lb) = (0, 0);
        for i in 0..r {
            if spec.req[i] == 1 {
                la[i] = 1;
                total_la += 1;
            } else if spec.req[i] == 2 {
                lb[i] = 1;
                total_lb += 1;
            }
        }
        for &i in order.iter().rev() {
            let q = parent[i as usize];
            if q != u32::MAX {
                sw[q as usize] += sw[i as usize];
                cnt[q as usize] += cnt[i as usize];
                la[q as usize] += la[i as usize];
                lb[q as usize] += lb[i as usize];
            }
        }
        budget.spend((r * 6 + sub.adj.len()) as u64);
        let mut best: Option<(f64, usize, bool)> = None;
        for i in 0..r {
            if parent[i] == u32::MAX {
                continue;
            }
            // Subtree of i as side A.
            if cnt[i] >= spec.min_a && r - cnt[i] >= spec.min_b && la[i] == total_la && lb[i] == 0 {
                let e = reg.err(sw[i]);
                if best.is_none_or(|b| e < b.0) {
                    best = Some((e, i, true));
                }
            }
            // Subtree of i as side B.
            if cnt[i] >= spec.min_b && r - cnt[i] >= spec.min_a && lb[i] == total_lb && la[i] == 0 {
                let e = reg.err(total - sw[i]);
                if best.is_none_or(|b| e < b.0) {
                    best = Some((e, i, false));
                }
            }
        }
        let Some((_, c, sub_is_a)) = best else { return };
        let mut in_sub = vec![false; r];
        in_sub[c] = true;
        for &i in &order {
            let q = parent[i as usize];
            if q != u32::MAX && in_sub[q as usize] {
                in_sub[i as usize] = true;
            }
        }
        let side: Vec<bool> = in_sub.iter().map(|&s| s == sub_is_a).collect();
        reg.finish_candidate(side, cands);
    }

    // ---------------------------------------------------------------- initial partition

    pub(super) fn initial(&mut self, start: u32, budget: &mut Budget) -> Plan {
        let n = self.p.w.len();
        let mut assign = vec![NONE; n];
        let mut stack: Vec<(Vec<u32>, Vec<u32>)> =
            vec![((0..n as u32).collect(), (0..self.k as u32).collect())];
        // On small (annealed) pieces, even restarts (those polished within all of ε, for
        // compact shapes) use fewer candidate cuts, so that more starts fit in the budget.
        let (sweeps, trees, grows) = match start {
            0 => (8, 0, 0),
            _ if n <= ANNEAL_MAX_WARDS && start % 2 == 0 => (5, 1, GROWS / 2),
            _ => (10, 2, GROWS),
        };
        while let Some((nodes, mut parts)) = stack.pop() {
            if parts.len() == 1 {
                for &v in &nodes {
                    assign[v as usize] = parts[0];
                }
                continue;
            }
            // Orient organisers along the region's main axis by their anchors.
            let theta = self.principal_angle(&nodes);
            let dir = [theta.cos(), theta.sin()];
            let (mut cx, mut cy, mut cw) = (0.0, 0.0, 0.0);
            for &v in &nodes {
                let ww = self.p.w[v as usize] + 1e-9;
                cx += ww * self.p.pos[v as usize][0];
                cy += ww * self.p.pos[v as usize][1];
                cw += ww;
            }
            let mid = (cx * dir[0] + cy * dir[1]) / cw;
            let key =
                |j: u32| self.p.anchors[j as usize].map_or(mid, |a| a[0] * dir[0] + a[1] * dir[1]);
            parts.sort_by(|&a, &b| key(a).total_cmp(&key(b)).then(a.cmp(&b)));
            let k1 = if start % 2 == 1 && parts.len() % 2 == 1 {
                parts.len() / 2 + 1
            } else {
                parts.len() / 2
            };
            let region_w: f64 = nodes.iter().map(|&v| self.p.w[v as usize]).sum();
            let mut split = None;
            let mut k1_used = k1;
            // Halves first; if the region's shape allows no such cut (e.g. a star), peel off
            // one organiser, which a spanning-tree leaf always allows.
            for (attempt, k1) in [(0, k1), (1, k1), (2, 1)] {
                let (g1, g2) = parts.split_at(k1);
                let want_a: f64 = g1.iter().map(|&j| self.p.targets[j as usize]).sum();
                let want_b: f64 = g2.iter().map(|&j| self.p.targets[j as usize]).sum();
                // Scale wants to the region's actual weight so errors compound less.
                let scale = if want_a + want_b > 0.0 { region_w / (want_a + want_b) } else { 1.0 };
                let req: Vec<u8> = if attempt == 0 {
                    nodes
                        .iter()
                        .map(|&v| {
                            let l = self.p.locked[v as usize];
                            if l == NONE {
                                0
                            } else if g1.contains(&l) {
                                1
                            } else {
                                2
                            }
                        })
                        .collect()
                } else {
                    // Locks could not be honoured by a single cut: ignore them here, lock
                    // enforcement repairs the plan afterwards.
                    vec![0u8; nodes.len()]
                };
                let spec = SplitSpec {
                    nodes: &nodes,
                    want_a: want_a * scale,
                    want_b: want_b * scale,
                    min_a: g1.len(),
                    min_b: g2.len(),
                    req: &req,
                    sweeps: if attempt == 0 { sweeps } else { 2 },
                    trees: if attempt == 0 { trees } else { 8 },
                    grows: if attempt == 0 { grows } else { 0 },
                    tol: 0.01,
                };
                split = self.split(&spec, budget);
                if split.is_some() {
                    k1_used = k1;
                    break;
                }
            }
            let split = split.unwrap_or_else(|| {
                k1_used = 1;
                self.leaf_split(&nodes)
            });
            let (g1, g2) = parts.split_at(k1_used);
            let (mut a_nodes, mut b_nodes) = (Vec::new(), Vec::new());
            for (i, &v) in nodes.iter().enumerate() {
                if split.side[i] {
                    a_nodes.push(v)
                } else {
                    b_nodes.push(v)
                }
            }
            stack.push((b_nodes, g2.to_vec()));
            stack.push((a_nodes, g1.to_vec()));
        }
        Plan::new(assign, self.k, &self.p.w)
    }

    /// Last-resort split: the last node of a BFS order (a leaf of the BFS tree, so the rest
    /// stays connected) alone on side A.
    fn leaf_split(&mut self, nodes: &[u32]) -> Split {
        let sub = self.p.g.induced(nodes, &mut self.local);
        let r = nodes.len();
        self.bfs.search(r, 0, |x| sub.nbrs(x).iter().copied(), |_| Reach::Enter);
        let last = *self.bfs.order().last().expect("the start is visited");
        let mut side = vec![false; r];
        side[last as usize] = true;
        Split { err: f64::INFINITY, cut: 0, side }
    }
}

impl Region<'_> {
    /// Deviation of a split giving side A weight `wa`: the worse side's, relative to its want.
    fn err(&self, wa: f64) -> f64 {
        let (spec, total) = (self.spec, self.total);
        let ea = if spec.want_a > 0.0 { (wa / spec.want_a - 1.0).abs() } else { wa };
        let eb =
            if spec.want_b > 0.0 { ((total - wa) / spec.want_b - 1.0).abs() } else { total - wa };
        ea.max(eb)
    }

    /// Checks sizes and locks of a materialised side assignment and records it.
    fn finish_candidate(&self, side: Vec<bool>, cands: &mut Vec<Split>) {
        let Region { spec, sub, w, .. } = self;
        let mut wa = 0.0;
        let mut na = 0;
        for (i, &s) in side.iter().enumerate() {
            if s {
                wa += w[i];
                na += 1;
            }
            if (spec.req[i] == 1 && !s) || (spec.req[i] == 2 && s) {
                return;
            }
        }
        if na < spec.min_a || side.len() - na < spec.min_b {
            return;
        }
        let mut cut = 0;
        for v in 0..sub.n() as u32 {
            for &u in sub.nbrs(v) {
                if u > v && side[u as usize] != side[v as usize] {
                    cut += 1;
                }
            }
        }
        cands.push(Split { err: self.err(wa), cut, side });
    }

    /// Priority-first growth along `keys` from the lowest node; the best prefixes (as side A
    /// or as side B) are completed by absorbing the cut-off bits of the rest.
    fn sweep(&self, keys: &[f64], cands: &mut Vec<Split>, budget: &mut Budget) {
        let r = self.w.len();
        let start = (0..r).min_by(|&a, &b| keys[a].total_cmp(&keys[b]).then(a.cmp(&b))).unwrap();
        let order = self.priority_order(start, keys, |_, _| {});
        budget.spend((r * 4 + self.sub.adj.len()) as u64);
        self.complete_prefixes(&order, cands, budget);
    }

    /// Priority-first growth from `root`, lowest `prio` first (ties: lowest id): the order the
    /// nodes are taken in; `tree(u, i)` is told that `u` was first reached from `i`.
    fn priority_order(
        &self,
        root: usize,
        prio: &[f64],
        mut tree: impl FnMut(u32, u32),
    ) -> Vec<u32> {
        let r = self.w.len();
        let mut seen = vec![false; r];
        let mut heap = BinaryHeap::new();
        heap.push(Key(prio[root], root as u32));
        seen[root] = true;
        let mut order = Vec::with_capacity(r);
        while let Some(Key(_, i)) = heap.pop() {
            order.push(i);
            for &u in self.sub.nbrs(i) {
                if !seen[u as usize] {
                    seen[u as usize] = true;
                    tree(u, i);
                    heap.push(Key(prio[u as usize], u));
                }
            }
        }
        order
    }

    /// For a growth `order` of the region's nodes (each prefix connected), the most balanced
    /// prefix as side A and as side B, completed by absorbing the cut-off bits of the rest.
    fn complete_prefixes(&self, order: &[u32], cands: &mut Vec<Split>, budget: &mut Budget) {
        let Region { spec, sub, w, total } = self;
        let r = w.len();
        let mut cum = Vec::with_capacity(r + 1);
        cum.push(0.0);
        for &i in order {
            cum.push(cum.last().unwrap() + w[i as usize]);
        }
        // Best prefix length for each role.
        for role_a in [true, false] {
            let (lo, hi) =
                if role_a { (spec.min_a, r - spec.min_b) } else { (spec.min_b, r - spec.min_a) };
            let mut best = None;
            let mut best_err = f64::INFINITY;
            // Prefix lengths from max(lo, 1) to min(hi, r - 1).
            for (p, &c) in cum.iter().enumerate().take(hi.min(r - 1) + 1).skip(lo.max(1)) {
                let wa = if role_a { c } else { total - c };
                let e = self.err(wa);
                if e < best_err {
                    best_err = e;
                    best = Some(p);
                }
            }
            let Some(p) = best else { continue };
            let mut in_prefix = vec![false; r];
            for &i in &order[..p] {
                in_prefix[i as usize] = true;
            }
            // Components of the rest; all but the heaviest join the prefix.
            let mut comp = vec![u32::MAX; r];
            let mut comp_w: Vec<f64> = Vec::new();
            let mut stack = Vec::new();
            for s in 0..r {
                if in_prefix[s] || comp[s] != u32::MAX {
                    continue;
                }
                let c = comp_w.len() as u32;
                comp_w.push(0.0);
                comp[s] = c;
                stack.push(s as u32);
                while let Some(x) = stack.pop() {
                    comp_w[c as usize] += w[x as usize];
                    for &u in sub.nbrs(x) {
                        if !in_prefix[u as usize] && comp[u as usize] == u32::MAX {
                            comp[u as usize] = c;
                            stack.push(u);
                        }
                    }
                }
            }
            budget.spend((r + sub.adj.len()) as u64);
            let keep = (0..comp_w.len())
                .max_by(|&a, &b| comp_w[a].total_cmp(&comp_w[b]).then(b.cmp(&a)))
                .unwrap_or(0) as u32;
            let side: Vec<bool> = (0..r)
                .map(|i| {
                    let prefix_side = in_prefix[i] || comp[i] != keep;
                    if role_a {
                        prefix_side
                    } else {
                        !prefix_side
                    }
                })
                .collect();
            self.finish_candidate(side, cands);
        }
    }
}
