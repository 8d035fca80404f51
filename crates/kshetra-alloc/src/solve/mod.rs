//! The search on one connected piece of the map: initial recursive bisection, lock
//! enforcement, balance repair (boundary moves, pair merge-and-resplit, chains of resplits),
//! compactness polish (multilevel refinement, boundary moves and swaps, recombination of
//! neighbouring parts), multi-start and, on small pieces, annealing of the best plans (see
//! [`crate::anneal`]).
//!
//! Everything here works on local node ids `0..n` of the piece and local part ids `0..k`.
//! Every operation keeps the plan valid: each node in exactly one part, every part non-empty
//! and connected, locked nodes in their part.
//!
//! The search is split by stage, each file an `impl Solver` block:
//! - this file: the piece's data, the plan, the solver's shared helpers and [`solve_piece`],
//!   which runs the starts, keeps the best plan and anneals it;
//! - [`bisect`]: two-way splits of a region (sweeps, spanning trees, graph growing) and the
//!   initial partition by recursive bisection;
//! - [`locks`]: lock enforcement;
//! - [`repair`]: balance repair (moves, resplits, chains), recombination, fine balancing and
//!   the matching of organisers to areas by home;
//! - [`polish`]: compactness polish (multilevel refinement, boundary moves and swaps).

mod bisect;
mod locks;
mod polish;
mod repair;

use crate::budget::Budget;
use crate::graph::{Bfs, Csr, Instance, Reach};
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

impl Piece {
    /// The piece as the refinements (annealing, multilevel) see it.
    fn instance(&self) -> Instance<'_> {
        Instance { g: &self.g, w: &self.w, targets: &self.targets, locked: &self.locked }
    }
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

struct Solver<'a> {
    p: &'a Piece,
    k: usize,
    rng: Rng,
    /// The breadth-first search of connectivity checks, lock paths and the like.
    bfs: Bfs,
    /// Scratch for [`Csr::induced`].
    local: Vec<u32>,
}

impl<'a> Solver<'a> {
    fn new(p: &'a Piece, rng: Rng) -> Solver<'a> {
        let n = p.w.len();
        Solver { p, k: p.targets.len(), rng, bfs: Bfs::new(n), local: vec![NONE; n] }
    }
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
        let mut s = Solver::new(p, Rng::fork(seed, starts as u64));
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
    let mut s = Solver::new(p, Rng::fork(seed, 0xfeed));
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
        let inst = p.instance();
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
/// Fine balancing may add at most this share of the cut edges (plus one).
const ALLOWANCE: f64 = 0.025;

impl Solver<'_> {
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
        // Search the part without `v` from one neighbour until its other neighbours in the
        // part are all reached.
        let mut remaining = inside - 1;
        let found = self.bfs.search(
            g.n(),
            first,
            |x| g.nbrs(x).iter().copied(),
            |u| {
                if u == v || plan.assign[u as usize] != a {
                    Reach::Skip
                } else if g.nbrs(v).binary_search(&u).is_ok() {
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

    /// Number of neighbours of `v` in part `a`.
    fn nbrs_in(&self, plan: &Plan, v: u32, a: u32) -> i32 {
        self.p.g.nbrs(v).iter().filter(|&&u| plan.assign[u as usize] == a).count() as i32
    }
}
