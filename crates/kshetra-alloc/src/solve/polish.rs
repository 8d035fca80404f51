//! Compactness polish: multilevel refinement (see [`crate::multilevel`]), then boundary moves
//! and swaps of nearby boundary wards that cut fewer edges, within a balance band.

use super::repair::Exchange;
use super::{Plan, Solver, NONE};
use crate::budget::Budget;

/// Multilevel clusters weigh at most this multiple of the polish band's share of a target.
const CLUSTER_CAP: f64 = 1.0;

impl Solver<'_> {
    /// Multilevel refinement of the plan (see [`crate::multilevel`]) within `band`.
    pub(super) fn refine_multilevel(&mut self, plan: &mut Plan, band: f64, budget: &mut Budget) {
        let min_t = self.p.targets.iter().copied().fold(f64::INFINITY, f64::min);
        let cap = CLUSTER_CAP * band * min_t;
        let mut assign = plan.assign.clone();
        crate::multilevel::refine(
            &self.p.instance(),
            &mut assign,
            band,
            cap,
            &mut self.rng,
            budget,
        );
        *plan = Plan::new(assign, self.k, &self.p.w);
    }

    /// Compactness polish: boundary moves that cut fewer edges (or, at equal cut, bring a ward
    /// nearer its new area's centre), and swaps of two nearby boundary wards that cut fewer
    /// edges, while every touched part stays within `band`.
    pub(super) fn polish(
        &mut self,
        plan: &mut Plan,
        band: f64,
        passes: usize,
        budget: &mut Budget,
    ) {
        let n = self.p.w.len();
        let k = self.k;
        let t = self.p.targets.clone();
        let mut centres = Centres::new(&plan.assign, &self.p.pos, k);
        let within = |plan: &Plan, a: u32, da: f64| {
            ((plan.weight[a as usize] + da) / t[a as usize] - 1.0).abs() <= band
        };
        let mut order: Vec<u32> = (0..n as u32).collect();
        let mut near: Vec<u32> = Vec::new();
        for pass in 0..passes {
            self.rng.shuffle(&mut order);
            let mut moved = 0;
            for &v in &order {
                if budget.exhausted() {
                    return;
                }
                if self.p.locked[v as usize] != NONE {
                    continue;
                }
                let a = plan.assign[v as usize];
                let nbrs = self.p.g.nbrs(v);
                budget.spend(nbrs.len() as u64);
                if nbrs.iter().all(|&u| plan.assign[u as usize] == a) {
                    continue;
                }
                let in_a = self.nbrs_in(plan, v, a);
                let wv = self.p.w[v as usize];
                // Best plain move: (gain, inertia change, part).
                let mut best: Option<(i32, f64, u32)> = None;
                let mut swap_parts: Vec<(i32, u32)> = Vec::new();
                for &u in nbrs {
                    let b = plan.assign[u as usize];
                    if b == a
                        || best.is_some_and(|x| x.2 == b)
                        || swap_parts.iter().any(|x| x.1 == b)
                    {
                        continue;
                    }
                    let gain = self.nbrs_in(plan, v, b) - in_a;
                    if gain < 0 {
                        continue;
                    }
                    let fits = within(plan, a, -wv) && within(plan, b, wv);
                    if !fits {
                        if gain > 0 {
                            swap_parts.push((gain, b));
                        }
                        continue;
                    }
                    let di = centres.d2(&self.p.pos, v, b) - centres.d2(&self.p.pos, v, a);
                    // Zero-gain moves only towards the new area's centre (and only early on).
                    if gain == 0 && (pass >= 3 || di >= -1e-9 * (1.0 + di.abs())) {
                        continue;
                    }
                    if best.is_none_or(|x| gain > x.0 || (gain == x.0 && di < x.1)) {
                        best = Some((gain, di, b));
                    }
                }
                if let Some((_, _, b)) = best {
                    if self.can_remove(plan, v, budget) {
                        centres.shift(&self.p.pos, v, a, b);
                        plan.move_node(v, b, &self.p.w);
                        moved += 1;
                    }
                    continue;
                }
                // Swaps: v to b (gain > 0) and a nearby ward y of b (within two steps of v) to a.
                for &(gv, b) in &swap_parts {
                    near.clear();
                    for &u in nbrs {
                        if plan.assign[u as usize] == b {
                            near.push(u);
                        }
                        for &z in self.p.g.nbrs(u) {
                            if z != v && plan.assign[z as usize] == b {
                                near.push(z);
                            }
                        }
                    }
                    budget.spend(near.len() as u64 * 4);
                    near.sort_unstable();
                    near.dedup();
                    let mut pick: Option<(i32, u32)> = None;
                    for &y in &near {
                        if self.p.locked[y as usize] != NONE {
                            continue;
                        }
                        let wy = self.p.w[y as usize];
                        if !(within(plan, a, wy - wv) && within(plan, b, wv - wy)) {
                            continue;
                        }
                        let adj = i32::from(nbrs.binary_search(&y).is_ok());
                        let gy = self.nbrs_in(plan, y, a) - self.nbrs_in(plan, y, b);
                        let dcut = -gv - gy + 2 * adj;
                        if dcut < 0 && pick.is_none_or(|p| dcut < p.0) {
                            pick = Some((dcut, y));
                        }
                    }
                    if let Some((_, y)) = pick {
                        let e = Exchange { dcut: 0, pair: 0.0, x: v, y, a, b };
                        if self.apply_exchange(plan, e, budget) {
                            for (node, from, to) in [(v, a, b), (y, b, a)] {
                                centres.shift(&self.p.pos, node, from, to);
                            }
                            moved += 1;
                            break;
                        }
                    }
                }
            }
            if moved == 0 {
                break;
            }
        }
    }
}

/// Each part's centre of its nodes, kept as coordinate sums and counts while nodes move.
struct Centres {
    sx: Vec<f64>,
    sy: Vec<f64>,
    cnt: Vec<f64>,
}

impl Centres {
    fn new(assign: &[u32], pos: &[[f64; 2]], k: usize) -> Centres {
        let mut c = Centres { sx: vec![0.0; k], sy: vec![0.0; k], cnt: vec![0.0; k] };
        for (v, &a) in assign.iter().enumerate() {
            let a = a as usize;
            c.sx[a] += pos[v][0];
            c.sy[a] += pos[v][1];
            c.cnt[a] += 1.0;
        }
        c
    }

    /// Squared distance of node `v` from part `a`'s centre.
    fn d2(&self, pos: &[[f64; 2]], v: u32, a: u32) -> f64 {
        let (v, a) = (v as usize, a as usize);
        let (cx, cy) = (self.sx[a] / self.cnt[a], self.sy[a] / self.cnt[a]);
        (pos[v][0] - cx).powi(2) + (pos[v][1] - cy).powi(2)
    }

    /// Node `v` moves from part `from` to part `to`.
    fn shift(&mut self, pos: &[[f64; 2]], v: u32, from: u32, to: u32) {
        let (p, from, to) = (pos[v as usize], from as usize, to as usize);
        self.sx[from] -= p[0];
        self.sy[from] -= p[1];
        self.cnt[from] -= 1.0;
        self.sx[to] += p[0];
        self.sy[to] += p[1];
        self.cnt[to] += 1.0;
    }
}
