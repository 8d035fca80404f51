//! Simulated annealing of the cut edges, for small pieces.
//!
//! Greedy refinement (multilevel moves, boundary moves and swaps, recombination) stops in the
//! first local optimum, and on small maps with few wards per area the balance band leaves it
//! few moves: every move shifts a large share of a target. Annealing escapes such optima by
//! passing through slightly unbalanced plans:
//!
//! - *Move*: a random boundary ward `v` of area `a` goes to the area `b` of a random
//!   neighbour; or, half of the time, `v` and a ward `y` of `b` within two steps of `v` change
//!   places (a swap keeps both areas near their weight, which single moves of coarse wards
//!   cannot). Wards must be unlocked, and areas keep at least one ward and stay connected (a
//!   breadth-first search inside the donor, run only for accepted changes).
//! - *Energy*: cut edges + λ × Σ over areas of the weight outside the band
//!   (|weight ÷ target − 1| > band), counted in mean ward weights; λ grows during the run
//!   (from [`PENALTY`]) so that it ends within the band. An area may leave the band
//!   only up to a hard cap (never beyond its current deviation if that is already larger).
//! - *Acceptance*: Metropolis, temperature falling geometrically from [`T_START`] to
//!   [`T_END`] with the work spent (the caller gives each run its share of the budget).
//! - *Result*: the plan with fewest cut edges (then lowest worst deviation) seen while every
//!   area was within the band; the input plan is kept if none beats it.
//!
//! Each proposal costs O(degree²) (swap partners) plus, when accepted, O(size of the donor
//! area) for the connectivity check.

use crate::budget::Budget;
use crate::graph::{Bfs, Instance, Reach};
use crate::rng::Rng;

const NONE: u32 = u32::MAX;
/// Cost of one mean ward weight outside the band, in cut edges, at the start of a run; it
/// grows linearly to (1 + [`PENALTY_GROWTH`]) times that at the end, so runs end balanced.
const PENALTY: f64 = 1.5;
const PENALTY_GROWTH: f64 = 9.0;
/// Starting temperature (a move adding one cut edge is accepted with probability e^(−1/T)).
const T_START: f64 = 0.7;
/// Final temperature (practically greedy).
const T_END: f64 = 0.04;

struct State<'a> {
    inst: &'a Instance<'a>,
    assign: Vec<u32>,
    weight: Vec<f64>,
    size: Vec<u32>,
    cut: i64,
    bnd: Vec<u32>,
    bpos: Vec<u32>,
    bfs: Bfs,
    work: u64,
}

impl State<'_> {
    fn is_boundary(&self, v: u32) -> bool {
        let a = self.assign[v as usize];
        self.inst.g.nbrs(v).iter().any(|&u| self.assign[u as usize] != a)
    }

    /// Neighbours of `v` in part `a`.
    fn count_in(&self, v: u32, a: u32) -> i64 {
        self.inst.g.nbrs(v).iter().filter(|&&u| self.assign[u as usize] == a).count() as i64
    }

    /// Whether `v`'s part stays connected (and non-empty) without `v`.
    fn can_leave(&mut self, v: u32) -> bool {
        let g = self.inst.g;
        let a = self.assign[v as usize];
        if self.size[a as usize] <= 1 || self.inst.locked[v as usize] != NONE {
            return false;
        }
        let nb = g.nbrs(v);
        let inside = self.count_in(v, a);
        if inside <= 1 {
            return inside == 1;
        }
        let first = *nb.iter().find(|&&u| self.assign[u as usize] == a).expect("inside > 1");
        // Search the part without `v` from one neighbour until its other neighbours in the part
        // are all reached (the node where that happens still has all its edges scanned).
        let mut remaining = inside - 1;
        let assign = &self.assign;
        let found = self.bfs.search(
            g.n(),
            first,
            |x| g.nbrs(x).iter().copied(),
            |u| {
                if u == v || assign[u as usize] != a {
                    Reach::Skip
                } else if nb.binary_search(&u).is_ok() {
                    remaining -= 1;
                    if remaining == 0 {
                        Reach::Finish
                    } else {
                        Reach::Enter
                    }
                } else {
                    Reach::Enter
                }
            },
        );
        self.work += found.edges;
        found.at.is_some()
    }

    /// Moves `v` to part `to`, keeping weights, sizes, the cut and the boundary list current.
    fn apply(&mut self, v: u32, to: u32) {
        let g = self.inst.g;
        let from = self.assign[v as usize];
        self.cut += self.count_in(v, from) - self.count_in(v, to);
        self.assign[v as usize] = to;
        let wv = self.inst.w[v as usize];
        self.weight[from as usize] -= wv;
        self.weight[to as usize] += wv;
        self.size[from as usize] -= 1;
        self.size[to as usize] += 1;
        for &x in std::iter::once(&v).chain(g.nbrs(v)) {
            let on = self.inst.locked[x as usize] == NONE && self.is_boundary(x);
            let p = self.bpos[x as usize];
            if on && p == NONE {
                self.bpos[x as usize] = self.bnd.len() as u32;
                self.bnd.push(x);
            } else if !on && p != NONE {
                let last = *self.bnd.last().expect("non-empty");
                self.bnd.swap_remove(p as usize);
                if last != x {
                    self.bpos[last as usize] = p;
                }
                self.bpos[x as usize] = NONE;
            }
        }
        self.work += 4 * g.nbrs(v).len() as u64;
    }
}

/// Anneals `plan` (a valid plan, possibly with areas outside `band`) for `work` budget units;
/// areas may leave the band up to `cap` during the run. If a plan with every area within
/// `band` and fewer cut edges than the start (or as many and a lower worst deviation) was
/// seen, `plan` becomes the best such plan and its (cut edges, worst deviation) is returned.
pub(crate) fn anneal(
    inst: &Instance,
    plan: &mut [u32],
    band: f64,
    cap: f64,
    work: u64,
    rng: &mut Rng,
    budget: &mut Budget,
) -> Option<(u32, f64)> {
    let g = inst.g;
    let (w, t) = (inst.w, inst.targets);
    let n = w.len();
    let k = t.len();
    let unit = w.iter().sum::<f64>() / n as f64;
    let unit = if unit > 0.0 { unit } else { 1.0 };
    let mut st = State {
        inst,
        assign: plan.to_vec(),
        weight: vec![0.0; k],
        size: vec![0; k],
        cut: 0,
        bnd: Vec::new(),
        bpos: vec![NONE; n],
        bfs: Bfs::new(n),
        work: 0,
    };
    for v in 0..n as u32 {
        let a = st.assign[v as usize] as usize;
        st.weight[a] += w[v as usize];
        st.size[a] += 1;
        st.cut += g.nbrs(v).iter().filter(|&&u| u > v && st.assign[u as usize] != a as u32).count()
            as i64;
        if inst.locked[v as usize] == NONE && st.is_boundary(v) {
            st.bpos[v as usize] = st.bnd.len() as u32;
            st.bnd.push(v);
        }
    }
    let dev = |wt: f64, a: usize| wt / t[a] - 1.0;
    // Weight outside the band, in mean ward weights.
    let pen = |wt: f64, a: usize| ((dev(wt, a).abs() - band) * t[a] / unit).max(0.0);
    // No area beyond `cap` unless it already was and does not get worse.
    let too_far = |new: f64, old: f64, x: usize| {
        dev(new, x).abs() > cap && dev(new, x).abs() > dev(old, x).abs()
    };
    let max_dev = |weight: &[f64]| (0..k).map(|a| dev(weight[a], a).abs()).fold(0.0, f64::max);
    let mut outside = (0..k).filter(|&a| pen(st.weight[a], a) > 0.0).count();
    // An unbalanced start is beaten by any plan within the band.
    let (mut best_cut, mut best_dev) =
        if outside == 0 { (st.cut, max_dev(&st.weight)) } else { (i64::MAX, f64::INFINITY) };
    let mut best: Option<Vec<u32>> = None;
    let mut temp = T_START;
    let mut lambda = PENALTY;
    let mut near: Vec<u32> = Vec::new();
    let mut spent = 0u64;
    for i in 0u64.. {
        if i % 64 == 0 {
            // The temperature falls geometrically with the work spent.
            spent += st.work;
            budget.spend(st.work);
            st.work = 0;
            if budget.exhausted() || spent >= work {
                break;
            }
            let progress = spent as f64 / work as f64;
            temp = T_START * (T_END / T_START).powf(progress);
            lambda = PENALTY * (1.0 + PENALTY_GROWTH * progress);
        }
        if st.bnd.is_empty() {
            break;
        }
        let v = st.bnd[rng.below(st.bnd.len())];
        let a = st.assign[v as usize];
        let nb = g.nbrs(v);
        st.work += nb.len() as u64 + 2;
        let r = rng.below(nb.len());
        let Some(b) =
            (0..nb.len()).map(|j| st.assign[nb[(r + j) % nb.len()] as usize]).find(|&c| c != a)
        else {
            continue;
        };
        // Optional swap partner: a ward of `b` within two steps of `v`.
        let mut y = NONE;
        if rng.below(2) == 1 {
            near.clear();
            for &u in nb {
                if st.assign[u as usize] == b {
                    near.push(u);
                    near.extend(
                        g.nbrs(u).iter().filter(|&&z| z != v && st.assign[z as usize] == b),
                    );
                }
            }
            st.work += 2 * near.len() as u64;
            if near.is_empty() {
                continue;
            }
            y = near[rng.below(near.len())];
            if inst.locked[y as usize] != NONE {
                continue;
            }
        }
        let (au, bu) = (a as usize, b as usize);
        let dw = w[v as usize] - if y == NONE { 0.0 } else { w[y as usize] };
        let (na, nbw) = (st.weight[au] - dw, st.weight[bu] + dw);
        if too_far(na, st.weight[au], au) || too_far(nbw, st.weight[bu], bu) {
            continue;
        }
        let mut dcut = st.count_in(v, a) - st.count_in(v, b);
        if y != NONE {
            let adj = i64::from(nb.binary_search(&y).is_ok());
            dcut += st.count_in(y, b) - st.count_in(y, a) + 2 * adj;
        }
        let dpen = pen(na, au) + pen(nbw, bu) - pen(st.weight[au], au) - pen(st.weight[bu], bu);
        let de = dcut as f64 + lambda * dpen;
        if de > 0.0 && rng.f64() >= (-de / temp).exp() {
            continue;
        }
        let was_out =
            usize::from(pen(st.weight[au], au) > 0.0) + usize::from(pen(st.weight[bu], bu) > 0.0);
        if !st.can_leave(v) {
            continue;
        }
        st.apply(v, b);
        if y != NONE {
            if st.count_in(y, a) == 0 || !st.can_leave(y) {
                st.apply(v, a);
                continue;
            }
            st.apply(y, a);
        }
        outside =
            outside + usize::from(pen(na, au) > 0.0) + usize::from(pen(nbw, bu) > 0.0) - was_out;
        if outside == 0 && st.cut <= best_cut {
            let md = max_dev(&st.weight);
            if st.cut < best_cut || md < best_dev - 1e-12 {
                best_cut = st.cut;
                best_dev = md;
                best = Some(st.assign.clone());
                st.work += n as u64;
            }
        }
    }
    budget.spend(st.work);
    let b = best?;
    plan.copy_from_slice(&b);
    Some((best_cut as u32, best_dev))
}
