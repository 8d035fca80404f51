//! Balance repair (boundary moves, pair merge-and-resplit, chains of resplits), compactness by
//! recombination of neighbouring parts, fine balancing (moves and swaps) and the matching of
//! interchangeable organisers to areas by home.

use super::bisect::SplitSpec;
use super::{Plan, Solver, NONE};
use crate::budget::Budget;
use crate::graph::Reach;

/// One candidate change between two parts: move `x` from `a` to `b` and, if `y != NONE`, `y`
/// from `b` to `a`.
#[derive(Clone, Copy)]
pub(super) struct Exchange {
    pub(super) dcut: i32,
    pub(super) pair: f64,
    pub(super) x: u32,
    pub(super) y: u32,
    pub(super) a: u32,
    pub(super) b: u32,
}

/// A re-split of two parts (see [`Solver::resplit`]).
struct Resplit {
    /// The parts whose union is split anew, and the weights they should get.
    a: u32,
    b: u32,
    want_a: f64,
    want_b: f64,
    /// Sweeps and spanning trees tried, graph-growing candidates, and the error tolerance
    /// within which the fewest cut edges wins (see [`SplitSpec`]).
    effort: usize,
    grows: usize,
    tol: f64,
}

impl Resplit {
    /// Parts `a` and `b` of `plan` re-split in proportion to their targets `t`, with `effort`
    /// sweeps and trees, no graph growing and no tolerance.
    fn proportional(plan: &Plan, t: &[f64], a: u32, b: u32, effort: usize) -> Resplit {
        let total = plan.weight[a as usize] + plan.weight[b as usize];
        let ts = t[a as usize] + t[b as usize];
        let (want_a, want_b) = (total * t[a as usize] / ts, total * t[b as usize] / ts);
        Resplit { a, b, want_a, want_b, effort, grows: 0, tol: 0.0 }
    }
}

impl Solver<'_> {
    /// Lowers the worst deviation until nothing local helps or the budget is spent.
    /// `compact_first`: among improving moves prefer those that cut fewer edges.
    pub(super) fn balance(
        &mut self,
        plan: &mut Plan,
        budget: &mut Budget,
        compact_first: bool,
        stop_at: f64,
    ) {
        let mut stuck = vec![false; self.k];
        loop {
            if budget.exhausted() || self.max_dev(plan) <= stop_at {
                return;
            }
            // Worst part not known to be stuck.
            let mut a = NONE;
            let mut worst = -1.0;
            let mut global = 0.0f64;
            for x in 0..self.k as u32 {
                let d = self.dev(plan, x).abs();
                global = global.max(d);
                if !stuck[x as usize] && d > worst {
                    worst = d;
                    a = x;
                }
            }
            if a == NONE || worst < 1e-9 || worst < global - 1e-12 {
                return;
            }
            if self.improve_by_move(plan, a, compact_first, budget)
                || self.improve_by_recom(plan, a, budget)
                || self.improve_by_chain(plan, a, budget)
            {
                stuck.iter_mut().for_each(|s| *s = false);
            } else {
                stuck[a as usize] = true;
            }
        }
    }

    fn improve_by_move(
        &mut self,
        plan: &mut Plan,
        a: u32,
        compact_first: bool,
        budget: &mut Budget,
    ) -> bool {
        let g = &self.p.g;
        let t = &self.p.targets;
        let da = self.dev(plan, a);
        let over = da > 0.0;
        // (new pair max, cut gain, node, to)
        let mut cands: Vec<(f64, i32, u32, u32)> = Vec::new();
        let mut work = 0u64;
        for &v in &plan.members[a as usize] {
            for &u in g.nbrs(v) {
                work += 1;
                let b = plan.assign[u as usize];
                if b == a {
                    continue;
                }
                let db = self.dev(plan, b);
                let old = da.abs().max(db.abs());
                let (x, from, to) = if over { (v, a, b) } else { (u, b, a) };
                if self.p.locked[x as usize] != NONE {
                    continue;
                }
                let wx = self.p.w[x as usize];
                let nf = (plan.weight[from as usize] - wx) / t[from as usize] - 1.0;
                let nt = (plan.weight[to as usize] + wx) / t[to as usize] - 1.0;
                let pm = nf.abs().max(nt.abs());
                if pm < old - 1e-12 {
                    let mut gain = 0i32;
                    for &y in g.nbrs(x) {
                        let c = plan.assign[y as usize];
                        if c == to {
                            gain += 1;
                        } else if c == from {
                            gain -= 1;
                        }
                    }
                    cands.push((pm, gain, x, to));
                }
            }
        }
        budget.spend(work);
        if compact_first {
            cands.sort_by(|p, q| q.1.cmp(&p.1).then(p.0.total_cmp(&q.0)).then(p.2.cmp(&q.2)));
        } else {
            cands.sort_by(|p, q| p.0.total_cmp(&q.0).then(q.1.cmp(&p.1)).then(p.2.cmp(&q.2)));
        }
        cands.dedup_by(|p, q| p.2 == q.2 && p.3 == q.3);
        for (tries, &(_, _, x, to)) in cands.iter().enumerate() {
            if tries > 32 {
                break;
            }
            if self.can_remove(plan, x, budget) {
                plan.move_node(x, to, &self.p.w);
                return true;
            }
        }
        false
    }

    /// Neighbouring parts of `a`, sorted by id.
    fn neighbour_parts(&self, plan: &Plan, a: u32) -> Vec<u32> {
        let mut out = Vec::new();
        for &v in &plan.members[a as usize] {
            for &u in self.p.g.nbrs(v) {
                let b = plan.assign[u as usize];
                if b != a {
                    out.push(b);
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Re-splits the union of parts `r.a` and `r.b` so that they get `r.want_a`, `r.want_b`;
    /// applies the split if `accept(new_dev_a, new_dev_b)` holds.
    fn resplit(
        &mut self,
        plan: &mut Plan,
        r: Resplit,
        budget: &mut Budget,
        accept: impl Fn(f64, f64) -> bool,
    ) -> bool {
        let Resplit { a, b, want_a, want_b, effort, grows, tol } = r;
        let mut nodes = plan.members[a as usize].clone();
        nodes.extend_from_slice(&plan.members[b as usize]);
        nodes.sort_unstable();
        let req: Vec<u8> = nodes
            .iter()
            .map(|&v| {
                let l = self.p.locked[v as usize];
                if l == a {
                    1
                } else if l == b {
                    2
                } else {
                    0
                }
            })
            .collect();
        let spec = SplitSpec {
            nodes: &nodes,
            want_a,
            want_b,
            min_a: 1,
            min_b: 1,
            req: &req,
            sweeps: effort,
            trees: effort,
            grows,
            tol,
        };
        let Some(split) = self.split(&spec, budget) else { return false };
        let t = &self.p.targets;
        let total = plan.weight[a as usize] + plan.weight[b as usize];
        let wa: f64 = nodes
            .iter()
            .zip(&split.side)
            .filter(|(_, &s)| s)
            .map(|(&v, _)| self.p.w[v as usize])
            .sum();
        let na = wa / t[a as usize] - 1.0;
        let nb = (total - wa) / t[b as usize] - 1.0;
        if !accept(na, nb) {
            return false;
        }
        for (i, &v) in nodes.iter().enumerate() {
            let to = if split.side[i] { a } else { b };
            if plan.assign[v as usize] != to {
                plan.move_node(v, to, &self.p.w);
            }
        }
        true
    }

    fn improve_by_recom(&mut self, plan: &mut Plan, a: u32, budget: &mut Budget) -> bool {
        let t = &self.p.targets;
        let da = self.dev(plan, a);
        let mut nb = self.neighbour_parts(plan, a);
        // Most complementary neighbours first.
        nb.sort_by(|&x, &y| {
            let (dx, dy) = (self.dev(plan, x), self.dev(plan, y));
            if da > 0.0 { dx.total_cmp(&dy) } else { dy.total_cmp(&dx) }.then(x.cmp(&y))
        });
        for b in nb {
            let db = self.dev(plan, b);
            let old = da.abs().max(db.abs());
            let r = Resplit::proportional(plan, t, a, b, 4);
            if self.resplit(plan, r, budget, |x, y| x.abs().max(y.abs()) < old - 1e-12) {
                return true;
            }
        }
        false
    }

    /// Moves weight along a chain of parts from `a` to the nearest part of opposite sign.
    fn improve_by_chain(&mut self, plan: &mut Plan, a: u32, budget: &mut Budget) -> bool {
        let k = self.k;
        let t = self.p.targets.clone();
        let da = self.dev(plan, a);
        let bound = da.abs();
        // Part adjacency.
        let mut adj: Vec<Vec<u32>> = vec![Vec::new(); k];
        let g = &self.p.g;
        for v in 0..g.n() as u32 {
            for &u in g.nbrs(v) {
                let (x, y) = (plan.assign[v as usize], plan.assign[u as usize]);
                if x != y {
                    adj[x as usize].push(y);
                }
            }
        }
        budget.spend(g.adj.len() as u64);
        for l in adj.iter_mut() {
            l.sort_unstable();
            l.dedup();
        }
        // The nearest part (fewest steps, breadth-first) of opposite sign.
        let devs: Vec<f64> = (0..k as u32).map(|x| self.dev(plan, x)).collect();
        let found = self.bfs.search(
            k,
            a,
            |x| adj[x as usize].iter().copied(),
            |y| {
                let dy = devs[y as usize];
                if (dy * da < 0.0) && dy.abs() > 1e-6 {
                    Reach::Stop
                } else {
                    Reach::Enter
                }
            },
        );
        let Some(target) = found.at else { return false };
        let mut path: Vec<u32> = self.bfs.path_back(target).collect();
        path.reverse(); // a = path[0] … target
        let dc = self.dev(plan, target);
        let delta = (da.abs() * t[a as usize]).min(dc.abs() * t[target as usize]) * da.signum();
        // delta > 0: weight flows a → target; process from the far end.
        for i in (0..path.len() - 1).rev() {
            let (x, y) = (path[i], path[i + 1]);
            let total = plan.weight[x as usize] + plan.weight[y as usize];
            let want_y = (plan.weight[y as usize] + delta).clamp(0.0, total);
            let want_x = total - want_y;
            let r = Resplit {
                a: x,
                b: y,
                want_a: want_x,
                want_b: want_y,
                effort: 3,
                grows: 0,
                tol: 0.0,
            };
            let ok = self.resplit(plan, r, budget, |nx, ny| nx.abs().max(ny.abs()) < bound - 1e-12);
            if !ok {
                break;
            }
        }
        self.dev(plan, a).abs() < bound - 1e-12
    }

    // ---------------------------------------------------------------- compactness

    /// Cut edges with at least one end in part `a` or `b`.
    fn pair_cut(&self, plan: &Plan, a: u32, b: u32) -> u32 {
        let mut c = 0;
        for &x in plan.members[a as usize].iter().chain(&plan.members[b as usize]) {
            let ax = plan.assign[x as usize];
            for &u in self.p.g.nbrs(x) {
                let au = plan.assign[u as usize];
                if au != ax && ((au != a && au != b) || u > x) {
                    c += 1;
                }
            }
        }
        c
    }

    /// Compactness by recombination: each pair of neighbouring parts (in random order) is
    /// merged and re-split along sweeps and spanning trees; the split cutting fewest edges
    /// among those balanced within `band` is kept if the plan then cuts fewer edges.
    pub(super) fn recombine(&mut self, plan: &mut Plan, band: f64, budget: &mut Budget) {
        let t = self.p.targets.clone();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        for a in 0..self.k as u32 {
            for b in self.neighbour_parts(plan, a) {
                if a < b {
                    pairs.push((a, b));
                }
            }
        }
        budget.spend(self.p.g.adj.len() as u64);
        self.rng.shuffle(&mut pairs);
        for (a, b) in pairs {
            if budget.exhausted() {
                return;
            }
            let before = self.pair_cut(plan, a, b);
            let backup = (plan.members[a as usize].clone(), plan.members[b as usize].clone());
            let r = Resplit { grows: 2, tol: band, ..Resplit::proportional(plan, &t, a, b, 4) };
            let ok = self.resplit(plan, r, budget, |x, y| x.abs() <= band && y.abs() <= band);
            if !ok {
                continue;
            }
            let after = self.pair_cut(plan, a, b);
            budget.spend(2 * (backup.0.len() + backup.1.len()) as u64);
            if after >= before {
                for (nodes, to) in [(&backup.0, a), (&backup.1, b)] {
                    for &v in nodes {
                        if plan.assign[v as usize] != to {
                            plan.move_node(v, to, &self.p.w);
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- homes

    /// Swaps areas between interchangeable organisers (same capacity, no locks) while that
    /// lowers the total weighted distance from home.
    pub(super) fn match_homes(&mut self, plan: &mut Plan, budget: &mut Budget) {
        let k = self.k;
        if self.p.homes.iter().all(|h| h.is_none()) {
            return;
        }
        let mut has_locks = vec![false; k];
        for &l in &self.p.locked {
            if l != NONE {
                has_locks[l as usize] = true;
            }
        }
        // cost[j][a]: weighted mean distance from organiser j's home to area a.
        let mut cost = vec![vec![0.0; k]; k];
        for (j, row) in cost.iter_mut().enumerate() {
            let Some(h) = self.p.homes[j] else { continue };
            for (a, c) in row.iter_mut().enumerate() {
                let (mut s, mut sw) = (0.0, 0.0);
                for &v in &plan.members[a] {
                    let [x, y] = self.p.pos[v as usize];
                    let ww = self.p.w[v as usize] + 1e-9;
                    s += ww * ((x - h[0]).powi(2) + (y - h[1]).powi(2)).sqrt();
                    sw += ww;
                }
                *c = s / sw;
            }
        }
        budget.spend((k * self.p.w.len()) as u64);
        // area_of[j] = area currently held by organiser j (initially its own index).
        let mut area_of: Vec<usize> = (0..k).collect();
        for _ in 0..50 {
            let mut improved = false;
            for i in 0..k {
                for j in i + 1..k {
                    if has_locks[i] || has_locks[j] || self.p.class[i] != self.p.class[j] {
                        continue;
                    }
                    let (ai, aj) = (area_of[i], area_of[j]);
                    if cost[i][aj] + cost[j][ai] < cost[i][ai] + cost[j][aj] - 1e-9 {
                        area_of.swap(i, j);
                        improved = true;
                    }
                }
            }
            if !improved {
                break;
            }
        }
        let mut relabel = vec![0u32; k];
        for (j, &a) in area_of.iter().enumerate() {
            relabel[a] = j as u32;
        }
        let assign: Vec<u32> = plan.assign.iter().map(|&a| relabel[a as usize]).collect();
        *plan = Plan::new(assign, k, &self.p.w);
    }

    // ---------------------------------------------------------------- refinement: swaps, fine balance

    /// Applies an exchange if both parts stay connected; otherwise leaves the plan unchanged.
    pub(super) fn apply_exchange(
        &mut self,
        plan: &mut Plan,
        e: Exchange,
        budget: &mut Budget,
    ) -> bool {
        if !self.can_remove(plan, e.x, budget) {
            return false;
        }
        plan.move_node(e.x, e.b, &self.p.w);
        if e.y == NONE {
            return true;
        }
        if self.nbrs_in(plan, e.y, e.a) > 0 && self.can_remove(plan, e.y, budget) {
            plan.move_node(e.y, e.a, &self.p.w);
            return true;
        }
        plan.move_node(e.x, e.a, &self.p.w);
        false
    }

    /// Unlocked nodes of part `a` with a neighbour in part `b`.
    fn boundary(&self, plan: &Plan, a: u32, b: u32, budget: &mut Budget) -> Vec<u32> {
        let mut out = Vec::new();
        let mut work = 0u64;
        for &v in &plan.members[a as usize] {
            let nb = self.p.g.nbrs(v);
            work += nb.len() as u64;
            if self.p.locked[v as usize] == NONE && nb.iter().any(|&u| plan.assign[u as usize] == b)
            {
                out.push(v);
            }
        }
        budget.spend(work);
        out
    }

    /// Lowers the worst deviation with single boundary moves and swaps of two boundary wards
    /// between neighbouring parts, preferring the changes that cut fewest extra edges; stops at
    /// `tau`, when the worst part cannot improve, or when the cut edges have grown by `allowance`.
    pub(super) fn fine_balance(
        &mut self,
        plan: &mut Plan,
        tau: f64,
        allowance: i32,
        budget: &mut Budget,
    ) {
        let t = self.p.targets.clone();
        let w = &self.p.w;
        let mut grown = 0i32;
        loop {
            if budget.exhausted() {
                return;
            }
            let (mut a, mut worst) = (NONE, -1.0);
            for x in 0..self.k as u32 {
                let d = self.dev(plan, x).abs();
                if d > worst {
                    worst = d;
                    a = x;
                }
            }
            if worst <= tau {
                return;
            }
            let da = self.dev(plan, a);
            let mut cands: Vec<Exchange> = Vec::new();
            for b in self.neighbour_parts(plan, a) {
                // Orient so that weight flows from `from` to `to` (from = the heavier side).
                let (from, to) = if da > 0.0 { (a, b) } else { (b, a) };
                let xs = self.boundary(plan, from, to, budget);
                let mut ys = self.boundary(plan, to, from, budget);
                let (wf, wt) = (plan.weight[from as usize], plan.weight[to as usize]);
                let (tf, tt) = (t[from as usize], t[to as usize]);
                let pair = |d: f64| ((wf - d) / tf - 1.0).abs().max(((wt + d) / tt - 1.0).abs());
                let gain = |s: &Self, v: u32, src: u32, dst: u32| {
                    s.nbrs_in(plan, v, dst) - s.nbrs_in(plan, v, src)
                };
                let gx: Vec<i32> = xs.iter().map(|&x| gain(self, x, from, to)).collect();
                ys.sort_by(|&p, &q| w[p as usize].total_cmp(&w[q as usize]).then(p.cmp(&q)));
                let gy: Vec<i32> = ys.iter().map(|&y| gain(self, y, to, from)).collect();
                budget.spend(((xs.len() + ys.len()) * 8) as u64);
                for (i, &x) in xs.iter().enumerate() {
                    let wx = w[x as usize];
                    let p1 = pair(wx);
                    if p1 < worst - 1e-12 {
                        cands.push(Exchange { dcut: -gx[i], pair: p1, x, y: NONE, a: from, b: to });
                    }
                    // Swaps: net flow d = wx - wy must lie in (0, 2 * surplus) roughly; scan the
                    // ys whose weight puts the pair below the current worst.
                    let lo = ys.partition_point(|&y| {
                        wx - w[y as usize] > (wf - tf * (1.0 - worst)).min(tt * (1.0 + worst) - wt)
                    });
                    let mut scanned = 0;
                    for (j, &y) in ys.iter().enumerate().skip(lo) {
                        let d = wx - w[y as usize];
                        if d <= 0.0 || scanned > 256 {
                            break;
                        }
                        scanned += 1;
                        let p2 = pair(d);
                        if p2 < worst - 1e-12 {
                            let adj = i32::from(self.p.g.nbrs(x).binary_search(&y).is_ok());
                            cands.push(Exchange {
                                dcut: -gx[i] - gy[j] + 2 * adj,
                                pair: p2,
                                x,
                                y,
                                a: from,
                                b: to,
                            });
                        }
                    }
                    budget.spend(scanned as u64 + 4);
                }
                // Single moves the other way round are covered when `to` is the worst part.
                let _ = &gy;
            }
            cands.sort_by(|p, q| {
                p.dcut
                    .cmp(&q.dcut)
                    .then(p.pair.total_cmp(&q.pair))
                    .then(p.x.cmp(&q.x))
                    .then(p.y.cmp(&q.y))
            });
            let mut done = false;
            for e in cands.iter().take(48) {
                if grown + e.dcut > allowance {
                    break;
                }
                if self.apply_exchange(plan, *e, budget) {
                    grown += e.dcut;
                    done = true;
                    break;
                }
            }
            if !done {
                return;
            }
        }
    }
}
