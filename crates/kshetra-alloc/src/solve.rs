//! The search on one connected piece of the map: initial recursive bisection, lock
//! enforcement, balance repair (boundary moves, pair merge-and-resplit, chains of resplits),
//! compactness polish (multilevel refinement, boundary moves and swaps, recombination of
//! neighbouring parts), multi-start and, on small pieces, annealing of the best plans (see
//! [`crate::anneal`]).
//!
//! Everything here works on local node ids `0..n` of the piece and local part ids `0..k`.
//! Every operation keeps the plan valid: each node in exactly one part, every part non-empty
//! and connected, locked nodes in their part.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use crate::budget::Budget;
use crate::graph::Csr;
use crate::rng::Rng;

const NONE: u32 = u32::MAX;

/// One connected piece of the map and the organisers working in it.
pub(crate) struct Piece {
    pub(crate) g: Csr,
    pub(crate) w: Vec<f64>,
    pub(crate) pos: Vec<[f64; 2]>,
    /// Per part: target weight (city-wide definition).
    pub(crate) targets: Vec<f64>,
    /// Per part: where the organiser should be (locks' centroid or home), for orientation.
    pub(crate) anchors: Vec<Option<[f64; 2]>>,
    /// Per part: home point, for the final matching of organisers to areas.
    pub(crate) homes: Vec<Option<[f64; 2]>>,
    /// Per part: capacity class (parts with equal class and no locks may swap areas).
    pub(crate) class: Vec<u64>,
    /// Per node: the part it is locked to, or `u32::MAX`.
    pub(crate) locked: Vec<u32>,
    /// The tolerance; the compactness polish may use up to 40 % of it.
    pub(crate) epsilon: f64,
}

/// The result of solving one piece.
pub(crate) struct PieceResult {
    pub(crate) assign: Vec<u32>,
    pub(crate) initial_max_dev: f64,
    pub(crate) starts: u32,
}

/// Error from lock enforcement: part whose locks cannot be joined.
pub(crate) struct LockFailure(pub(crate) u32);

#[derive(Clone)]
struct Plan {
    assign: Vec<u32>,
    members: Vec<Vec<u32>>,
    slot: Vec<u32>,
    weight: Vec<f64>,
}

impl Plan {
    fn new(assign: Vec<u32>, k: usize, w: &[f64]) -> Plan {
        let mut members = vec![Vec::new(); k];
        let mut slot = vec![0u32; assign.len()];
        let mut weight = vec![0.0; k];
        for (v, &a) in assign.iter().enumerate() {
            slot[v] = members[a as usize].len() as u32;
            members[a as usize].push(v as u32);
            weight[a as usize] += w[v];
        }
        Plan { assign, members, slot, weight }
    }

    fn move_node(&mut self, v: u32, to: u32, w: &[f64]) {
        let from = self.assign[v as usize];
        debug_assert_ne!(from, to);
        let s = self.slot[v as usize] as usize;
        let m = &mut self.members[from as usize];
        m.swap_remove(s);
        if s < m.len() {
            self.slot[m[s] as usize] = s as u32;
        }
        self.slot[v as usize] = self.members[to as usize].len() as u32;
        self.members[to as usize].push(v);
        self.weight[from as usize] -= w[v as usize];
        self.weight[to as usize] += w[v as usize];
        self.assign[v as usize] = to;
    }
}

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
struct Split {
    err: f64,
    cut: u32,
    side: Vec<bool>,
}

/// How a region should be cut in two.
struct SplitSpec<'a> {
    nodes: &'a [u32],
    /// Desired weights of sides A and B (deviation is measured against these).
    want_a: f64,
    want_b: f64,
    min_a: usize,
    min_b: usize,
    /// Per region index: 0 free, 1 must be A, 2 must be B.
    req: &'a [u8],
    sweeps: usize,
    trees: usize,
    /// Greedy graph-growing candidates (from the sweeps' start nodes, then random ones).
    grows: usize,
    /// Among candidates whose error is within `tol` of the best, the fewest cut edges wins.
    tol: f64,
}

struct Solver<'a> {
    p: &'a Piece,
    k: usize,
    rng: Rng,
    mark: Vec<u32>,
    epoch: u32,
    queue: Vec<u32>,
    local: Vec<u32>,
}

/// Solves one piece. `budget.limit` bounds the work of this piece.
pub(crate) fn solve_piece(
    p: &Piece,
    seed: u64,
    budget: &mut Budget,
) -> Result<PieceResult, LockFailure> {
    let n = p.w.len();
    let k = p.targets.len();
    if k == 1 {
        return Ok(PieceResult { assign: vec![0; n], initial_max_dev: 0.0, starts: 1 });
    }
    let mut best: Option<(Plan, f64, u32)> = None;
    let mut initial_max_dev = f64::NAN;
    let mut starts = 0u32;
    let mut since_best = 0u32;
    let start_used = budget.used;
    let piece_limit = budget.limit;
    let anneal = n <= ANNEAL_MAX_WARDS;
    let mut fewest_cut: Option<(Plan, u32)> = None;
    let mut finished: Vec<(Vec<u32>, f64, u32)> = Vec::new();
    // Small pieces keep part of the budget for annealing: new starts begin only while their
    // expected cost fits below this (a start that has begun may use the whole piece budget,
    // so that its balance does not suffer).
    let starts_limit = if anneal {
        start_used + (piece_limit.saturating_sub(start_used) as f64 * MULTISTART_SHARE) as u64
    } else {
        piece_limit
    };
    loop {
        let mut s = Solver {
            p,
            k,
            rng: Rng::fork(seed, starts as u64),
            mark: vec![0; n],
            epoch: 0,
            queue: Vec::new(),
            local: vec![NONE; n],
        };
        let before = budget.used;
        // The first start always runs to the end (only cancellation stops it): the budget
        // decides how many restarts follow.
        budget.limit = if starts == 0 { u64::MAX } else { piece_limit };
        let mut plan = s.initial(starts, budget);
        s.enforce_locks(&mut plan, budget)?;
        let init = s.max_dev(&plan);
        if starts == 0 {
            initial_max_dev = init;
        }
        // The wide polish band and a short budget can leave a start less balanced than where it
        // began; the initial partition is then kept, so no start ends worse than its start.
        let initial_plan = plan.clone();
        let tau = s.fine_target();
        // Coarse repair only while far from balance: resplits and chains reshape areas.
        s.balance(&mut plan, budget, false, COARSE * s.epsilon_hint());
        // Even starts polish within all of ε (compact shapes are decided here, fine balancing
        // restores balance); odd starts keep the band at 0.4 ε (never above the initial
        // worst), so a start that balances finely competes with the compact one.
        let wide =
            if starts % 2 == 0 { s.epsilon_hint() } else { (COARSE * s.epsilon_hint()).min(init) };
        let band = s.max_dev(&plan).max(wide);
        s.refine_multilevel(&mut plan, band, budget);
        s.polish(&mut plan, band, 12, budget);
        s.balance(&mut plan, budget, true, COARSE * s.epsilon_hint());
        let allowance = (s.cut_edges(&plan) as f64 * ALLOWANCE).ceil() as i32 + 2;
        s.fine_balance(&mut plan, tau, allowance, budget);
        let band = s.max_dev(&plan).max(tau.min(init));
        if starts > 0 {
            s.recombine(&mut plan, band, budget);
        }
        s.polish(&mut plan, band, 12, budget);
        budget.limit = piece_limit;
        if s.max_dev(&plan) > init {
            plan = initial_plan;
        }
        let m = s.max_dev(&plan);
        let cut = s.cut_edges(&plan);
        let tau = tau.max(s.coarse_slack());
        let me = m.max(tau);
        let better = match &best {
            // Never worse than the first start's initial partition (the documented guarantee),
            // even where compactness decides below τ.
            _ if m > initial_max_dev => false,
            None => true,
            Some((_, bm, bc)) => {
                let bme = bm.max(tau);
                me < bme * (1.0 - 1e-9)
                    || (me <= bme * (1.0 + 1e-9) && (cut < *bc || (cut == *bc && m < *bm)))
            }
        };
        if anneal
            && m <= p.epsilon.max(initial_max_dev)
            && fewest_cut.as_ref().is_none_or(|f| cut < f.1)
        {
            fewest_cut = Some((plan.clone(), cut));
        }
        if anneal && m <= initial_max_dev {
            finished.push((plan.assign.clone(), m, cut));
        }
        if better {
            budget.best = m;
            best = Some((plan, m, cut));
            since_best = 0;
        } else {
            since_best += 1;
        }
        starts += 1;
        let cost = budget.used - before;
        let spent = budget.used - start_used;
        // Another start only if it is expected to fit in what is left.
        if budget.cancelled
            || budget.used + cost > starts_limit
            || spent == 0
            || starts >= MAX_STARTS
            || since_best >= PATIENCE
        {
            break;
        }
    }
    let (plan, bm, _) = best.expect("at least one start");
    let mut s = Solver {
        p,
        k,
        rng: Rng::fork(seed, 0xfeed),
        mark: vec![0; n],
        epoch: 0,
        queue: Vec::new(),
        local: vec![NONE; n],
    };
    let mut plan = plan;
    budget.limit = piece_limit;
    if anneal {
        // Annealing gets at least its share, even where the starts ran over.
        let share =
            (piece_limit.saturating_sub(start_used) as f64 * (1.0 - MULTISTART_SHARE)) as u64;
        budget.limit = piece_limit.max(budget.used + share);
    }
    if anneal && !budget.exhausted() {
        // Balance is settled: the band is the best start's worst, widened by the selection
        // slack (see `selection_band`), never above the first start's initial worst.
        let mut band = s.selection_band(bm).min(initial_max_dev.max(bm));
        if bm <= p.epsilon {
            // The slack never takes a plan within ε outside it.
            band = band.min(p.epsilon);
        }
        // Among the starts within the band, the one with fewest cut edges is the starting point.
        finished.sort_by(|a, b| a.2.cmp(&b.2).then(a.1.total_cmp(&b.1)));
        if let Some((a, _, _)) = finished.iter().find(|f| f.1 <= band) {
            plan = Plan::new(a.clone(), k, &p.w);
        }
        let cap = band.max(p.epsilon).max(band + ANNEAL_CAP * p.epsilon);
        let inst =
            crate::anneal::Instance { g: &p.g, w: &p.w, targets: &p.targets, locked: &p.locked };
        let mut cur = (s.cut_edges(&plan), s.max_dev(&plan));
        let mut assign = plan.assign.clone();
        // Restore: starts that cut fewer edges but ended just outside the band are balanced
        // into it (fine balancing, then polish) and kept if they still cut fewer edges.
        for (a, m, c) in &finished {
            if *c >= cur.0 || *m <= band {
                continue;
            }
            let mut pl = Plan::new(a.clone(), k, &p.w);
            let r = s.restore(&mut pl, band, budget);
            if r.1 <= band && (r.0 < cur.0 || (r.0 == cur.0 && r.1 < cur.1)) {
                cur = r;
                assign = pl.assign;
            }
        }
        // Anneal the cut in rounds sharing the rest of the budget, alternately from the best
        // plan so far and from the start that cut fewest edges; each round runs in a band
        // ANNEAL_WIDEN × ε wider than the target band (coarse wards leave no moves in a tight
        // band), and its best plan is restored into the band before it competes.
        let wide = band + ANNEAL_WIDEN * p.epsilon;
        for round in 0..ANNEAL_ROUNDS {
            let mut rng = Rng::fork(seed, 0xa11ea1 + round);
            let mut from = match &fewest_cut {
                Some((low, _)) if round % 2 == 1 => low.assign.clone(),
                _ => assign.clone(),
            };
            let work = budget.limit.saturating_sub(budget.used) / (ANNEAL_ROUNDS - round);
            if crate::anneal::anneal(&inst, &mut from, wide, cap.max(wide), work, &mut rng, budget)
                .is_some()
            {
                let mut pl = Plan::new(from, k, &p.w);
                let r = s.restore(&mut pl, band, budget);
                if r.1 <= band && (r.0 < cur.0 || (r.0 == cur.0 && r.1 < cur.1)) {
                    cur = r;
                    assign = pl.assign;
                }
            }
            if budget.exhausted() {
                break;
            }
        }
        plan = Plan::new(assign, k, &p.w);
    }
    s.match_homes(&mut plan, budget);
    Ok(PieceResult { assign: plan.assign, initial_max_dev, starts })
}

/// Pieces up to this many wards are annealed after the starts (see [`crate::anneal`]).
const ANNEAL_MAX_WARDS: usize = 300;
/// Share of a small piece's budget for new starts; annealing gets the rest (at least).
const MULTISTART_SHARE: f64 = 0.5;
/// Annealing rounds; each gets an equal share of what is left of the budget.
const ANNEAL_ROUNDS: u64 = 8;
/// Annealing runs in a band this share of ε wider than the target band, then is restored.
const ANNEAL_WIDEN: f64 = 0.2;
/// During annealing an area may leave the band by up to this share of ε (and up to ε).
const ANNEAL_CAP: f64 = 0.6;
/// Areas averaging fewer wards than this count as coarse (see `Solver::coarse_slack`).
const COARSE_WARDS: f64 = 8.0;
/// Coarse pieces: worst deviations up to this share of ε count as balanced.
const COARSE_SLACK: f64 = 0.7;
/// Relative slack on τ of the final selection on small pieces (see `Solver::selection_band`).
const SELECTION_SLACK: f64 = 0.15;
/// Relative slack on the best worst deviation on small coarse pieces (same place).
const COARSE_SELECTION_SLACK: f64 = 0.1;
/// Work reserve, in passes over the piece, for restoring one annealed plan into the band.
const RESTORE_PASSES: u64 = 50;
/// At most this many starts per piece.
const MAX_STARTS: u32 = 64;
/// Restarts without a better plan before the search stops.
const PATIENCE: u32 = 40;
/// Resplits and chains run only while the worst area is off by more than this share of ε.
const COARSE: f64 = 0.4;
/// Graph-growing candidates per bisection of the initial partition.
const GROWS: usize = 4;
/// Multilevel clusters weigh at most this multiple of the polish band's share of a target.
const CLUSTER_CAP: f64 = 1.0;
/// Fine balancing may add at most this share of the cut edges (plus one).
const ALLOWANCE: f64 = 0.025;

impl Solver<'_> {
    /// Multilevel refinement of the plan (see [`crate::multilevel`]) within `band`.
    fn refine_multilevel(&mut self, plan: &mut Plan, band: f64, budget: &mut Budget) {
        let min_t = self.p.targets.iter().copied().fold(f64::INFINITY, f64::min);
        let cap = CLUSTER_CAP * band * min_t;
        let mut assign = plan.assign.clone();
        crate::multilevel::refine(
            &self.p.g,
            &self.p.w,
            &self.p.targets,
            &self.p.locked,
            &mut assign,
            band,
            cap,
            &mut self.rng,
            budget,
        );
        *plan = Plan::new(assign, self.k, &self.p.w);
    }

    fn epsilon_hint(&self) -> f64 {
        self.p.epsilon
    }

    /// The deviation below which balance counts as reached and compactness decides: a tenth
    /// of an average ward's share of a target, at most ε/10, at least 0.01 %.
    fn fine_target(&self) -> f64 {
        let n = self.p.w.len() as f64;
        let total: f64 = self.p.w.iter().sum();
        let mean_t: f64 = self.p.targets.iter().sum::<f64>() / self.k as f64;
        let ward_share = if mean_t > 0.0 { total / n / mean_t } else { 1.0 };
        (0.1 * ward_share).min(0.25 * self.p.epsilon).max(1e-4)
    }

    /// Balance slack where wards are coarse: when areas average fewer than [`COARSE_WARDS`]
    /// wards, one ward is more than an eighth of a target, balance is a matter of which wards
    /// happen to fit, and each hundredth of it costs visible compactness; there any worst
    /// deviation up to [`COARSE_SLACK`] × ε counts as balanced (the plan stays within ε).
    fn coarse_slack(&self) -> f64 {
        if (self.p.w.len() as f64) < COARSE_WARDS * self.k as f64 {
            COARSE_SLACK * self.p.epsilon
        } else {
            0.0
        }
    }

    /// The band within which compactness decides among finished plans on small pieces, given
    /// the best start's worst deviation `bm`: on coarse pieces max(bm × (1 + ρc), τ, coarse
    /// slack) with ρc = [`COARSE_SELECTION_SLACK`], otherwise max(bm, τ × (1 + ρ)) with
    /// ρ = [`SELECTION_SLACK`] (τ is a rule of thumb, so starts just above it still count as
    /// finely balanced).
    fn selection_band(&self, bm: f64) -> f64 {
        let tau = self.fine_target();
        if self.coarse_slack() > 0.0 {
            (bm * (1.0 + COARSE_SELECTION_SLACK)).max(tau).max(self.coarse_slack())
        } else {
            bm.max(tau * (1.0 + SELECTION_SLACK))
        }
    }

    /// Brings `plan` into `band` by fine balancing (any cut growth) and polishes it there;
    /// returns (cut edges, worst deviation). Runs on a small reserve beyond the budget, so the
    /// last annealing round is restored too.
    fn restore(&mut self, plan: &mut Plan, band: f64, budget: &mut Budget) -> (u32, f64) {
        let lim = budget.limit;
        budget.limit =
            lim.max(budget.used + RESTORE_PASSES * (self.p.g.n() + self.p.g.adj.len()) as u64);
        if self.max_dev(plan) > band {
            self.fine_balance(plan, band, i32::MAX / 4, budget);
        }
        if self.max_dev(plan) <= band {
            self.polish(plan, band, 12, budget);
        }
        budget.limit = lim;
        (self.cut_edges(plan), self.max_dev(plan))
    }

    fn dev(&self, plan: &Plan, a: u32) -> f64 {
        plan.weight[a as usize] / self.p.targets[a as usize] - 1.0
    }

    fn max_dev(&self, plan: &Plan) -> f64 {
        (0..self.k as u32).map(|a| self.dev(plan, a).abs()).fold(0.0, f64::max)
    }

    fn cut_edges(&self, plan: &Plan) -> u32 {
        let g = &self.p.g;
        let mut c = 0;
        for v in 0..g.n() as u32 {
            for &u in g.nbrs(v) {
                if u > v && plan.assign[u as usize] != plan.assign[v as usize] {
                    c += 1;
                }
            }
        }
        c
    }

    fn next_epoch(&mut self) -> u32 {
        self.epoch = self.epoch.wrapping_add(1);
        if self.epoch == 0 {
            self.mark.iter_mut().for_each(|m| *m = 0);
            self.epoch = 1;
        }
        self.epoch
    }

    /// Whether `v` can leave its part: the part keeps at least one node and stays connected.
    fn can_remove(&mut self, plan: &Plan, v: u32, budget: &mut Budget) -> bool {
        let g = &self.p.g;
        let a = plan.assign[v as usize];
        if plan.members[a as usize].len() <= 1 || self.p.locked[v as usize] != NONE {
            return false;
        }
        let mut inside = 0usize;
        let mut first = NONE;
        for &u in g.nbrs(v) {
            if plan.assign[u as usize] == a {
                inside += 1;
                if first == NONE {
                    first = u;
                }
            }
        }
        if inside <= 1 {
            return inside == 1;
        }
        let e = self.next_epoch();
        self.mark[v as usize] = e;
        self.mark[first as usize] = e;
        self.queue.clear();
        self.queue.push(first);
        let mut remaining = inside - 1;
        let mut head = 0;
        let mut work = 0u64;
        while head < self.queue.len() {
            let x = self.queue[head];
            head += 1;
            for &u in g.nbrs(x) {
                work += 1;
                if self.mark[u as usize] != e && plan.assign[u as usize] == a {
                    self.mark[u as usize] = e;
                    if g.nbrs(v).binary_search(&u).is_ok() {
                        remaining -= 1;
                        if remaining == 0 {
                            budget.spend(work);
                            return true;
                        }
                    }
                    self.queue.push(u);
                }
            }
        }
        budget.spend(work);
        false
    }

    // ---------------------------------------------------------------- splitting a region

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

    fn split(&mut self, spec: &SplitSpec, budget: &mut Budget) -> Option<Split> {
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
            self.sweep(&sub, &w, total, &keys, spec, &mut cands, budget);
        }
        for _ in 0..spec.trees {
            self.tree_cut(&sub, &w, total, spec, &mut cands, budget);
        }
        for _ in 0..spec.grows {
            let start = self.rng.below(r);
            self.grow(&sub, &w, total, nodes, start, spec, &mut cands, budget);
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

    fn err_of(spec: &SplitSpec, wa: f64, total: f64) -> f64 {
        let ea = if spec.want_a > 0.0 { (wa / spec.want_a - 1.0).abs() } else { wa };
        let eb =
            if spec.want_b > 0.0 { ((total - wa) / spec.want_b - 1.0).abs() } else { total - wa };
        ea.max(eb)
    }

    /// Checks sizes and locks of a materialised side assignment and records it.
    fn finish_candidate(
        sub: &Csr,
        w: &[f64],
        total: f64,
        side: Vec<bool>,
        spec: &SplitSpec,
        cands: &mut Vec<Split>,
    ) {
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
        cands.push(Split { err: Self::err_of(spec, wa, total), cut, side });
    }

    /// Priority-first growth along `keys` from the lowest node; the best prefixes (as side A
    /// or as side B) are completed by absorbing the cut-off bits of the rest.
    #[allow(clippy::too_many_arguments)]
    fn sweep(
        &mut self,
        sub: &Csr,
        w: &[f64],
        total: f64,
        keys: &[f64],
        spec: &SplitSpec,
        cands: &mut Vec<Split>,
        budget: &mut Budget,
    ) {
        let r = w.len();
        let start = (0..r).min_by(|&a, &b| keys[a].total_cmp(&keys[b]).then(a.cmp(&b))).unwrap();
        let mut seen = vec![false; r];
        let mut heap = BinaryHeap::new();
        heap.push(Key(keys[start], start as u32));
        seen[start] = true;
        let mut order = Vec::with_capacity(r);
        while let Some(Key(_, i)) = heap.pop() {
            order.push(i);
            for &u in sub.nbrs(i) {
                if !seen[u as usize] {
                    seen[u as usize] = true;
                    heap.push(Key(keys[u as usize], u));
                }
            }
        }
        budget.spend((r * 4 + sub.adj.len()) as u64);
        Self::complete_prefixes(sub, w, total, &order, spec, cands, budget);
    }

    /// Greedy graph growing from `start`: the region grows by the frontier node with most
    /// edges into it (fewest out), nearest the start on ties; its best prefixes are completed
    /// like a sweep's. Follows the graph rather than straight lines, so it finds short cuts
    /// where wards differ much in size.
    #[allow(clippy::too_many_arguments)]
    fn grow(
        &mut self,
        sub: &Csr,
        w: &[f64],
        total: f64,
        nodes: &[u32],
        start: usize,
        spec: &SplitSpec,
        cands: &mut Vec<Split>,
        budget: &mut Budget,
    ) {
        let r = w.len();
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
        Self::complete_prefixes(sub, w, total, &order, spec, cands, budget);
    }

    /// For a growth `order` of the region's nodes (each prefix connected), the most balanced
    /// prefix as side A and as side B, completed by absorbing the cut-off bits of the rest.
    #[allow(clippy::too_many_arguments)]
    fn complete_prefixes(
        sub: &Csr,
        w: &[f64],
        total: f64,
        order: &[u32],
        spec: &SplitSpec,
        cands: &mut Vec<Split>,
        budget: &mut Budget,
    ) {
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
            for p in lo.max(1)..=hi.min(r - 1) {
                let wa = if role_a { cum[p] } else { total - cum[p] };
                let e = Self::err_of(spec, wa, total);
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
            Self::finish_candidate(sub, w, total, side, spec, cands);
        }
    }

    /// A random spanning tree (random-priority growth) and its best single edge cut.
    fn tree_cut(
        &mut self,
        sub: &Csr,
        w: &[f64],
        total: f64,
        spec: &SplitSpec,
        cands: &mut Vec<Split>,
        budget: &mut Budget,
    ) {
        let r = w.len();
        let pr: Vec<f64> = (0..r).map(|_| self.rng.f64()).collect();
        let root = self.rng.below(r);
        let mut parent = vec![u32::MAX; r];
        let mut seen = vec![false; r];
        let mut heap = BinaryHeap::new();
        let mut order = Vec::with_capacity(r);
        seen[root] = true;
        heap.push(Key(pr[root], root as u32));
        while let Some(Key(_, i)) = heap.pop() {
            order.push(i);
            for &u in sub.nbrs(i) {
                if !seen[u as usize] {
                    seen[u as usize] = true;
                    parent[u as usize] = i;
                    heap.push(Key(pr[u as usize], u));
                }
            }
        }
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
                let e = Self::err_of(spec, sw[i], total);
                if best.is_none_or(|b| e < b.0) {
                    best = Some((e, i, true));
                }
            }
            // Subtree of i as side B.
            if cnt[i] >= spec.min_b && r - cnt[i] >= spec.min_a && lb[i] == total_lb && la[i] == 0 {
                let e = Self::err_of(spec, total - sw[i], total);
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
        Self::finish_candidate(sub, w, total, side, spec, cands);
    }

    // ---------------------------------------------------------------- initial partition

    fn initial(&mut self, start: u32, budget: &mut Budget) -> Plan {
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
        let mut seen = vec![false; r];
        let mut q = std::collections::VecDeque::new();
        q.push_back(0u32);
        seen[0] = true;
        let mut last = 0u32;
        while let Some(i) = q.pop_front() {
            last = i;
            for &u in sub.nbrs(i) {
                if !seen[u as usize] {
                    seen[u as usize] = true;
                    q.push_back(u);
                }
            }
        }
        let mut side = vec![false; r];
        side[last as usize] = true;
        Split { err: f64::INFINITY, cut: 0, side }
    }

    // ---------------------------------------------------------------- locks

    /// Makes every locked node belong to its part, keeping parts connected and non-empty.
    fn enforce_locks(&mut self, plan: &mut Plan, budget: &mut Budget) -> Result<(), LockFailure> {
        let n = self.p.w.len();
        if self.p.locked.iter().all(|&l| l == NONE) {
            return Ok(());
        }
        let g = &self.p.g;
        let mut assign = plan.assign.clone();
        for round in 0..(4 + 2 * self.k) {
            // 1. Pull each stray locked node into its part along a shortest path that avoids
            //    nodes locked elsewhere.
            for v in 0..n as u32 {
                let j = self.p.locked[v as usize];
                if j == NONE || assign[v as usize] == j {
                    continue;
                }
                let mut prev = vec![NONE; n];
                let mut seen = vec![false; n];
                let mut q = std::collections::VecDeque::new();
                seen[v as usize] = true;
                q.push_back(v);
                let mut found = NONE;
                while let Some(x) = q.pop_front() {
                    if assign[x as usize] == j {
                        found = x;
                        break;
                    }
                    for &u in g.nbrs(x) {
                        let l = self.p.locked[u as usize];
                        if !seen[u as usize] && (l == NONE || l == j) {
                            seen[u as usize] = true;
                            prev[u as usize] = x;
                            q.push_back(u);
                        }
                    }
                }
                budget.spend(n as u64);
                assign[v as usize] = j;
                if found != NONE {
                    let mut x = prev[found as usize];
                    while x != NONE {
                        assign[x as usize] = j;
                        x = prev[x as usize];
                    }
                }
            }
            // 2. Keep one component per part (the one with most locks, then heaviest); free the rest.
            let (comp, count) = g.components(|a, b| assign[a as usize] == assign[b as usize]);
            let mut c_locks = vec![0u32; count];
            let mut c_w = vec![0.0; count];
            for v in 0..n {
                if self.p.locked[v] != NONE {
                    c_locks[comp[v] as usize] += 1;
                }
                c_w[comp[v] as usize] += self.p.w[v];
            }
            let mut keep = vec![NONE; self.k];
            for v in 0..n {
                let a = assign[v] as usize;
                let c = comp[v];
                let better = match keep[a] {
                    NONE => true,
                    kc => {
                        (c_locks[c as usize], c_w[c as usize])
                            > (c_locks[kc as usize], c_w[kc as usize])
                    }
                };
                if better {
                    keep[a] = c;
                }
            }
            for v in 0..n {
                if comp[v] != keep[assign[v] as usize] {
                    assign[v] = NONE;
                }
            }
            // 3. Hand freed nodes to adjacent parts (locked nodes only to their own part),
            //    lightest part first.
            let mut weight = vec![0.0; self.k];
            for v in 0..n {
                if assign[v] != NONE {
                    weight[assign[v] as usize] += self.p.w[v];
                }
            }
            loop {
                let mut changed = false;
                let mut pending = false;
                for v in 0..n {
                    if assign[v] != NONE {
                        continue;
                    }
                    pending = true;
                    let l = self.p.locked[v];
                    let mut best = NONE;
                    for &u in g.nbrs(v as u32) {
                        let a = assign[u as usize];
                        if a == NONE || (l != NONE && a != l) {
                            continue;
                        }
                        let better = best == NONE
                            || weight[a as usize] / self.p.targets[a as usize]
                                < weight[best as usize] / self.p.targets[best as usize];
                        if better {
                            best = a;
                        }
                    }
                    if best != NONE {
                        assign[v] = best;
                        weight[best as usize] += self.p.w[v];
                        changed = true;
                    }
                }
                if !pending {
                    break;
                }
                if !changed {
                    // Locked nodes cut off from their part: give them to any neighbour for
                    // now; the next round pulls them back along a path.
                    for v in 0..n {
                        if assign[v] == NONE {
                            if let Some(&u) =
                                g.nbrs(v as u32).iter().find(|&&u| assign[u as usize] != NONE)
                            {
                                assign[v] = assign[u as usize];
                                weight[assign[v] as usize] += self.p.w[v];
                            }
                        }
                    }
                }
            }
            // 4. Empty parts take a removable boundary node of the heaviest neighbourhood.
            let mut p2 = Plan::new(assign.clone(), self.k, &self.p.w);
            for a in 0..self.k as u32 {
                if !p2.members[a as usize].is_empty() {
                    continue;
                }
                let mut donors: Vec<u32> =
                    (0..self.k as u32).filter(|&b| p2.members[b as usize].len() > 1).collect();
                donors.sort_by(|&x, &y| {
                    (p2.weight[y as usize] / self.p.targets[y as usize])
                        .total_cmp(&(p2.weight[x as usize] / self.p.targets[x as usize]))
                        .then(x.cmp(&y))
                });
                'donor: for b in donors {
                    let cand: Vec<u32> = p2.members[b as usize].clone();
                    for v in cand {
                        if self.can_remove(&p2, v, budget) {
                            p2.move_node(v, a, &self.p.w);
                            break 'donor;
                        }
                    }
                }
            }
            assign = p2.assign.clone();
            let ok_locks =
                (0..n).all(|v| self.p.locked[v] == NONE || assign[v] == self.p.locked[v]);
            let (_, count) = g.components(|a, b| assign[a as usize] == assign[b as usize]);
            let nonempty = p2.members.iter().all(|m| !m.is_empty());
            if ok_locks && count == self.k && nonempty {
                *plan = p2;
                return Ok(());
            }
            if round + 1 == 4 + 2 * self.k {
                let bad = (0..n)
                    .find(|&v| self.p.locked[v] != NONE && assign[v] != self.p.locked[v])
                    .map_or(0, |v| self.p.locked[v]);
                return Err(LockFailure(bad));
            }
        }
        unreachable!()
    }

    // ---------------------------------------------------------------- balance repair

    /// Lowers the worst deviation until nothing local helps or the budget is spent.
    /// `compact_first`: among improving moves prefer those that cut fewer edges.
    fn balance(&mut self, plan: &mut Plan, budget: &mut Budget, compact_first: bool, stop_at: f64) {
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

    /// Re-splits the union of parts `a` and `b` so that they get `want_a`, `want_b`; applies
    /// the split if `accept(new_dev_a, new_dev_b)` holds.
    fn resplit(
        &mut self,
        plan: &mut Plan,
        a: u32,
        b: u32,
        want_a: f64,
        want_b: f64,
        effort: usize,
        grows: usize,
        tol: f64,
        budget: &mut Budget,
        accept: impl Fn(f64, f64) -> bool,
    ) -> bool {
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
            let total = plan.weight[a as usize] + plan.weight[b as usize];
            let ts = t[a as usize] + t[b as usize];
            let (want_a, want_b) = (total * t[a as usize] / ts, total * t[b as usize] / ts);
            if self.resplit(plan, a, b, want_a, want_b, 4, 0, 0.0, budget, |x, y| {
                x.abs().max(y.abs()) < old - 1e-12
            }) {
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
        let mut prev = vec![NONE; k];
        let mut seen = vec![false; k];
        let mut q = std::collections::VecDeque::new();
        seen[a as usize] = true;
        q.push_back(a);
        let mut target = NONE;
        while let Some(x) = q.pop_front() {
            let dx = self.dev(plan, x);
            if x != a && (dx * da < 0.0) && dx.abs() > 1e-6 {
                target = x;
                break;
            }
            for &y in &adj[x as usize] {
                if !seen[y as usize] {
                    seen[y as usize] = true;
                    prev[y as usize] = x;
                    q.push_back(y);
                }
            }
        }
        if target == NONE {
            return false;
        }
        let mut path = vec![target];
        while *path.last().unwrap() != a {
            let p = prev[*path.last().unwrap() as usize];
            path.push(p);
        }
        path.reverse(); // a = path[0] … target
        let dc = self.dev(plan, target);
        let delta = (da.abs() * t[a as usize]).min(dc.abs() * t[target as usize]) * da.signum();
        // delta > 0: weight flows a → target; process from the far end.
        for i in (0..path.len() - 1).rev() {
            let (x, y) = (path[i], path[i + 1]);
            let total = plan.weight[x as usize] + plan.weight[y as usize];
            let want_y = (plan.weight[y as usize] + delta).clamp(0.0, total);
            let want_x = total - want_y;
            let ok = self.resplit(plan, x, y, want_x, want_y, 3, 0, 0.0, budget, |nx, ny| {
                nx.abs().max(ny.abs()) < bound - 1e-12
            });
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
    fn recombine(&mut self, plan: &mut Plan, band: f64, budget: &mut Budget) {
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
            let total = plan.weight[a as usize] + plan.weight[b as usize];
            let ts = t[a as usize] + t[b as usize];
            let (want_a, want_b) = (total * t[a as usize] / ts, total * t[b as usize] / ts);
            let ok = self.resplit(plan, a, b, want_a, want_b, 4, 2, band, budget, |x, y| {
                x.abs() <= band && y.abs() <= band
            });
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
    fn match_homes(&mut self, plan: &mut Plan, budget: &mut Budget) {
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
}

// ---------------------------------------------------------------- refinement: swaps, fine balance

/// One candidate change between two parts: move `x` from `a` to `b` and, if `y != NONE`, `y`
/// from `b` to `a`.
#[derive(Clone, Copy)]
struct Exchange {
    dcut: i32,
    pair: f64,
    x: u32,
    y: u32,
    a: u32,
    b: u32,
}

impl Solver<'_> {
    /// Number of neighbours of `v` in part `a`.
    fn nbrs_in(&self, plan: &Plan, v: u32, a: u32) -> i32 {
        self.p.g.nbrs(v).iter().filter(|&&u| plan.assign[u as usize] == a).count() as i32
    }

    /// Applies an exchange if both parts stay connected; otherwise leaves the plan unchanged.
    fn apply_exchange(&mut self, plan: &mut Plan, e: Exchange, budget: &mut Budget) -> bool {
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
    fn fine_balance(&mut self, plan: &mut Plan, tau: f64, allowance: i32, budget: &mut Budget) {
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

    /// Compactness polish: boundary moves that cut fewer edges (or, at equal cut, bring a ward
    /// nearer its new area's centre), and swaps of two nearby boundary wards that cut fewer
    /// edges, while every touched part stays within `band`.
    fn polish(&mut self, plan: &mut Plan, band: f64, passes: usize, budget: &mut Budget) {
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
