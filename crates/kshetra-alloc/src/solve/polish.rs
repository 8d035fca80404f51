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
        let (mut sx, mut sy, mut cnt) = (vec![0.0; k], vec![0.0; k], vec![0.0; k]);
        for v in 0..n {
            let a = plan.assign[v] as usize;
            sx[a] += self.p.pos[v][0];
            sy[a] += self.p.pos[v][1];
            cnt[a] += 1.0;
        }
        let d2 = |sx: &[f64], sy: &[f64], cnt: &[f64], v: usize, a: usize, pos: &[[f64; 2]]| {
            let (cx, cy) = (sx[a] / cnt[a], sy[a] / cnt[a]);
            (pos[v][0] - cx).powi(2) + (pos[v][1] - cy).powi(2)
        };
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
                    let di = d2(&sx, &sy, &cnt, v as usize, b as usize, &self.p.pos)
                        - d2(&sx, &sy, &cnt, v as usize, a as usize, &self.p.pos);
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
                        let p = self.p.pos[v as usize];
                        sx[a as usize] -= p[0];
                        sy[a as usize] -= p[1];
                        cnt[a as usize] -= 1.0;
                        sx[b as usize] += p[0];
                        sy[b as usize] += p[1];
                        cnt[b as usize] += 1.0;
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
                                let p = self.p.pos[node as usize];
                                sx[from as usize] -= p[0];
                                sy[from as usize] -= p[1];
                                cnt[from as usize] -= 1.0;
                                sx[to as usize] += p[0];
                                sy[to as usize] += p[1];
                                cnt[to as usize] += 1.0;
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
