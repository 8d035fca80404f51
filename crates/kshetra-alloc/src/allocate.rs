//! The entry point: split the map into pieces (connected components, per zone when zones are
//! respected), apportion organisers to pieces, solve each piece, explain the limits.

use std::fmt;

use crate::budget::Budget;
use crate::graph::Csr;
use crate::metrics::{home_point, score_unchecked, targets};
use crate::problem::validate_organisers;
use crate::solve::{solve_piece, Piece};
use crate::{
    AllocError, Control, Home, Organiser, Phase, PlanMetrics, Problem, Progress, Settings,
};

const NONE: u32 = u32::MAX;

/// A plan and everything needed to judge it.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Outcome {
    /// `assignment[ward]` = organiser index.
    pub assignment: Vec<u32>,
    /// The plan's numbers (same as [`crate::score`] on `assignment`).
    pub metrics: PlanMetrics,
    /// Why the tolerance cannot be met (empty when nothing in the data stands in the way).
    pub limits: Vec<Limit>,
    /// Proven lower bound on the worst deviation any plan can reach (0 when none is known).
    pub lower_bound: f64,
    /// How the map was split into pieces and organisers apportioned to them.
    pub pieces: Vec<PieceSummary>,
    /// Worst deviation of the first start's initial partition (the search never ends worse).
    pub initial_max_deviation: f64,
    /// Restarts run (summed over pieces).
    pub starts: u32,
    /// Work units spent.
    pub work: u64,
    /// The progress callback asked to stop; the plan is the best found until then.
    pub cancelled: bool,
}

/// One piece of the map that is solved on its own: a connected component of the graph (of one
/// zone, when zones are respected).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PieceSummary {
    /// Zone of the piece's wards (when zones are respected).
    pub zone: Option<u32>,
    /// Lowest ward index in the piece (to name it).
    pub first_ward: u32,
    /// Number of wards.
    pub wards: u32,
    /// Total weight.
    pub weight: f64,
    /// The piece's weight in organisers' shares (capacity units): weight × Σ capacity ÷ total.
    pub share: f64,
    /// Organisers working in the piece.
    pub organisers: Vec<u32>,
    /// Their total capacity.
    pub capacity: f64,
    /// weight ÷ (their total target) − 1: no area in the piece can do better on average.
    pub deviation: f64,
}

/// A reason, found in the data, why some area cannot be within the tolerance.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Limit {
    /// One ward alone is heavier than (1 + ε) × the largest target of its piece.
    HeavyWard {
        /// The ward.
        ward: u32,
        /// Its weight in organisers' shares.
        share: f64,
        /// The deviation its area cannot avoid.
        lower_bound: f64,
    },
    /// A piece (zone or disconnected part of the map) holds a number of shares that does not
    /// round well to whole organisers.
    Apportionment {
        /// Index into [`Outcome::pieces`].
        piece: usize,
        /// Zone of the piece.
        zone: Option<u32>,
        /// Its weight in organisers' shares.
        share: f64,
        /// Capacity of the organisers it got.
        capacity: f64,
        /// The deviation at least one of its areas cannot avoid.
        lower_bound: f64,
    },
    /// A piece is too light for even one organiser.
    LightPiece {
        /// Index into [`Outcome::pieces`].
        piece: usize,
        /// Zone of the piece.
        zone: Option<u32>,
        /// Its weight in organisers' shares (< 1 − ε).
        share: f64,
        /// The deviation its organiser cannot avoid.
        lower_bound: f64,
    },
    /// All wards of a piece weigh the same and its organisers have equal capacity, so areas
    /// hold whole numbers of wards: some hold ⌊n/k⌋ and some ⌈n/k⌉.
    WholeWards {
        /// Index into [`Outcome::pieces`].
        piece: usize,
        /// Wards per organiser in the piece (n/k, not a whole number).
        wards_per_organiser: f64,
        /// The deviation the rounding forces.
        lower_bound: f64,
    },
    /// Nothing above explains it, but wards are coarse compared with a share.
    Granularity {
        /// Mean ward weight in organisers' shares.
        mean_ward_share: f64,
        /// The worst deviation reached.
        achieved: f64,
    },
}

impl Limit {
    /// The deviation this limit forces (0 when it is only a hint).
    pub fn lower_bound(&self) -> f64 {
        match self {
            Limit::HeavyWard { lower_bound, .. }
            | Limit::Apportionment { lower_bound, .. }
            | Limit::LightPiece { lower_bound, .. }
            | Limit::WholeWards { lower_bound, .. } => *lower_bound,
            Limit::Granularity { .. } => 0.0,
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Limit::HeavyWard { ward, share, lower_bound } => write!(
                f,
                "ward {ward} alone holds {share:.2} organisers' share: its area is at least {:.1} % over target; split the ward",
                lower_bound * 100.0
            ),
            Limit::Apportionment { zone, share, capacity, lower_bound, .. } => write!(
                f,
                "{} holds {share:.2} organisers' shares but gets {capacity:.2}: its areas are at least {:.1} % off target on average; move an organiser or change its boundary",
                zone.map_or("a separate piece of the map".to_string(), |z| format!("zone {z}")),
                lower_bound * 100.0
            ),
            Limit::LightPiece { zone, share, lower_bound, .. } => write!(
                f,
                "{} holds only {share:.2} of an organiser's share ({:.1} % under); join it to a neighbour",
                zone.map_or("a separate piece of the map".to_string(), |z| format!("zone {z}")),
                lower_bound * 100.0
            ),
            Limit::WholeWards { wards_per_organiser, lower_bound, .. } => write!(
                f,
                "all wards weigh the same and {wards_per_organiser:.2} wards per organiser is not a whole number: some areas are at least {:.1} % off; use smaller units or a wider tolerance",
                lower_bound * 100.0
            ),
            Limit::Granularity { mean_ward_share, achieved } => write!(
                f,
                "best found {:.1} %: an average ward is {:.0} % of a share, too coarse for the tolerance; use smaller units or a wider tolerance",
                achieved * 100.0,
                mean_ward_share * 100.0
            ),
        }
    }
}

/// Divides the wards among the organisers. See the crate docs for the algorithm.
///
/// # Errors
/// Malformed input, or no valid plan can exist (see [`AllocError`]). An unreachable tolerance
/// is not an error: the best plan comes back with [`Outcome::limits`].
///
/// # Examples
/// Six wards in a row, weights 1 2 3 3 2 1, for two organisers; the first ward is locked to
/// the second organiser. The only even split gives each the three wards at one end.
/// ```
/// use kshetra_alloc::{allocate, Control, Organiser, Problem, Settings};
///
/// let centroids = (0..6).map(|x| [x as f64, 0.0]).collect();
/// let edges = (0..5).map(|v| (v, v + 1)).collect();
/// let problem = Problem::new(vec![1.0, 2.0, 3.0, 3.0, 2.0, 1.0], centroids, edges);
/// let organisers = [Organiser::new(), Organiser::new().with_locked_wards(vec![0])];
/// let mut reports = 0;
/// let outcome = allocate(&problem, &organisers, &Settings::new(7), &mut |_| {
///     reports += 1;
///     Control::Continue
/// })
/// .unwrap();
/// assert_eq!(outcome.assignment, vec![1, 1, 1, 0, 0, 0]);
/// assert_eq!(outcome.metrics.max_abs_deviation, 0.0);
/// assert_eq!(outcome.metrics.cut_edges, 1);
/// assert!(outcome.limits.is_empty() && reports > 0);
/// ```
pub fn allocate(
    problem: &Problem,
    organisers: &[Organiser],
    settings: &Settings,
    progress: &mut dyn FnMut(Progress) -> Control,
) -> Result<Outcome, AllocError> {
    problem.validate()?;
    validate_organisers(problem, organisers)?;
    if !(settings.epsilon.is_finite() && settings.epsilon >= 0.0) {
        return Err(AllocError::InvalidNumber {
            field: "epsilon",
            index: 0,
            value: settings.epsilon,
        });
    }
    let n = problem.n_wards();
    let k = organisers.len();
    let total: f64 = problem.weights.iter().sum();
    if total <= 0.0 {
        return Err(AllocError::ZeroTotalWeight);
    }
    let g = Csr::from_edges(n, problem.edges.iter().copied());
    let zones_on = settings.respect_zones && !problem.zones.is_empty();
    let (piece_of, n_pieces) =
        g.components(|a, b| !zones_on || problem.zone(a as usize) == problem.zone(b as usize));
    if n_pieces > k {
        return Err(AllocError::TooManyPieces {
            pieces: n_pieces,
            organisers: k,
            zones: if zones_on { " or split by zones" } else { "" },
        });
    }
    let targets = targets(problem, organisers);
    let cap_total: f64 = organisers.iter().map(|o| o.capacity).sum();

    let mut piece_nodes: Vec<Vec<u32>> = vec![Vec::new(); n_pieces];
    for v in 0..n {
        piece_nodes[piece_of[v] as usize].push(v as u32);
    }
    let piece_w: Vec<f64> = piece_nodes
        .iter()
        .map(|ns| ns.iter().map(|&v| problem.weights[v as usize]).sum())
        .collect();
    let piece_zone: Vec<Option<u32>> = piece_nodes
        .iter()
        .map(|ns| if zones_on { problem.zone(ns[0] as usize) } else { None })
        .collect();

    let mut budget_total = u64::from(settings.effort)
        * ((n + g.adj.len()) as u64).max(MIN_GRAPH_SIZE)
        / EFFORT_DIVISOR;
    if budget_total == 0 {
        budget_total = 1;
    }
    let mut budget = Budget::new(budget_total, progress);
    budget.report(Phase::Apportion);

    let pieces_view =
        Pieces { of: &piece_of, nodes: &piece_nodes, weight: &piece_w, zone: &piece_zone };
    let owner = apportion(problem, organisers, zones_on, &pieces_view, total, cap_total)?;

    // Solve each piece.
    let mut assignment = vec![NONE; n];
    let mut initial_max = 0.0f64;
    let mut starts = 0;
    let mut local = vec![NONE; n];
    let sizes: Vec<u64> = piece_nodes.iter().map(|ns| ns.len() as u64).collect();
    let mut remaining_size: u64 = sizes.iter().sum();
    for p in 0..n_pieces {
        let nodes = &piece_nodes[p];
        let parts: Vec<u32> = (0..k as u32).filter(|&j| owner[j as usize] == p as u32).collect();
        let left = budget.total.saturating_sub(budget.used);
        budget.limit = budget.used + left * sizes[p] / remaining_size.max(1);
        remaining_size -= sizes[p];
        let sub = g.induced(nodes, &mut local);
        let mut part_local = vec![NONE; k];
        for (i, &j) in parts.iter().enumerate() {
            part_local[j as usize] = i as u32;
        }
        let mut locked = vec![NONE; nodes.len()];
        for &j in &parts {
            for &w in &organisers[j as usize].locked_wards {
                locked[local[w as usize] as usize] = part_local[j as usize];
            }
        }
        let anchors: Vec<Option<[f64; 2]>> = parts
            .iter()
            .map(|&j| {
                let o = &organisers[j as usize];
                if !o.locked_wards.is_empty() {
                    let m = o.locked_wards.len() as f64;
                    let (sx, sy) = o.locked_wards.iter().fold((0.0, 0.0), |(x, y), &w| {
                        (x + problem.centroids[w as usize][0], y + problem.centroids[w as usize][1])
                    });
                    Some([sx / m, sy / m])
                } else {
                    home_point(problem, o.home)
                }
            })
            .collect();
        let piece = Piece {
            g: sub,
            w: nodes.iter().map(|&v| problem.weights[v as usize]).collect(),
            pos: nodes.iter().map(|&v| problem.centroids[v as usize]).collect(),
            targets: parts.iter().map(|&j| targets[j as usize]).collect(),
            anchors,
            homes: parts
                .iter()
                .map(|&j| home_point(problem, organisers[j as usize].home))
                .collect(),
            class: parts.iter().map(|&j| organisers[j as usize].capacity.to_bits()).collect(),
            locked,
            epsilon: settings.epsilon,
        };
        let seed = settings.seed ^ (p as u64).wrapping_mul(0xa076_1d64_78bd_642f);
        let res = solve_piece(&piece, seed, &mut budget).map_err(|f| {
            AllocError::LocksUnsatisfiable { organiser: parts[f.0 as usize] as usize }
        })?;
        initial_max = initial_max.max(res.initial_max_dev);
        starts += res.starts;
        for (i, &v) in nodes.iter().enumerate() {
            assignment[v as usize] = parts[res.assign[i] as usize];
        }
    }
    let metrics = score_unchecked(problem, &g, organisers, &assignment);
    budget.best = metrics.max_abs_deviation;
    budget.report(Phase::Done);

    // Summaries and limits.
    let mut pieces = Vec::with_capacity(n_pieces);
    let mut limits = Vec::new();
    for p in 0..n_pieces {
        let orgs: Vec<u32> = (0..k as u32).filter(|&j| owner[j as usize] == p as u32).collect();
        let capacity: f64 = orgs.iter().map(|&j| organisers[j as usize].capacity).sum();
        let t: f64 = orgs.iter().map(|&j| targets[j as usize]).sum();
        let share = piece_w[p] * cap_total / total;
        let deviation = piece_w[p] / t - 1.0;
        if deviation.abs() > settings.epsilon {
            if orgs.len() == 1 && deviation < 0.0 {
                limits.push(Limit::LightPiece {
                    piece: p,
                    zone: piece_zone[p],
                    share,
                    lower_bound: deviation.abs(),
                });
            } else {
                limits.push(Limit::Apportionment {
                    piece: p,
                    zone: piece_zone[p],
                    share,
                    capacity,
                    lower_bound: deviation.abs(),
                });
            }
        }
        // Equal ward weights and equal capacities: areas hold ⌊n/k⌋ or ⌈n/k⌉ wards.
        let nodes = &piece_nodes[p];
        let w0 = problem.weights[nodes[0] as usize];
        let c0 = organisers[orgs[0] as usize].capacity;
        if w0 > 0.0
            && nodes.iter().all(|&v| problem.weights[v as usize] == w0)
            && orgs.iter().all(|&j| organisers[j as usize].capacity == c0)
            && nodes.len() % orgs.len() != 0
        {
            let t = targets[orgs[0] as usize];
            let per = nodes.len() / orgs.len();
            let lower_bound = (1.0 - per as f64 * w0 / t).max((per + 1) as f64 * w0 / t - 1.0);
            if lower_bound > settings.epsilon {
                limits.push(Limit::WholeWards {
                    piece: p,
                    wards_per_organiser: nodes.len() as f64 / orgs.len() as f64,
                    lower_bound,
                });
            }
        }
        let t_max = orgs.iter().map(|&j| targets[j as usize]).fold(0.0, f64::max);
        for &v in &piece_nodes[p] {
            let w = problem.weights[v as usize];
            if w > (1.0 + settings.epsilon) * t_max {
                limits.push(Limit::HeavyWard {
                    ward: v,
                    share: w * cap_total / total,
                    lower_bound: w / t_max - 1.0,
                });
            }
        }
        pieces.push(PieceSummary {
            zone: piece_zone[p],
            first_ward: piece_nodes[p][0],
            wards: piece_nodes[p].len() as u32,
            weight: piece_w[p],
            share,
            organisers: orgs,
            capacity,
            deviation,
        });
    }
    let lower_bound = limits.iter().map(Limit::lower_bound).fold(0.0, f64::max);
    if metrics.max_abs_deviation > settings.epsilon && lower_bound <= settings.epsilon {
        limits.push(Limit::Granularity {
            mean_ward_share: total / n as f64 * cap_total / total,
            achieved: metrics.max_abs_deviation,
        });
    }
    Ok(Outcome {
        assignment,
        metrics,
        limits,
        lower_bound,
        pieces,
        initial_max_deviation: initial_max,
        starts,
        work: budget.used,
        cancelled: budget.cancelled,
    })
}

/// The budget is `effort` × max(n + 2m, this) ÷ [`EFFORT_DIVISOR`] work units: small maps
/// get a few milliseconds' worth of restarts.
const MIN_GRAPH_SIZE: u64 = 10_000;
/// Effort units per pass over the graph (default effort 1000 = 125 passes).
const EFFORT_DIVISOR: u64 = 8;

/// The connected pieces of the map (with zones respected, of each zone).
#[derive(Clone, Copy)]
struct Pieces<'a> {
    /// Per ward: its piece.
    of: &'a [u32],
    /// Per piece: its wards, their total weight, its zone.
    nodes: &'a [Vec<u32>],
    weight: &'a [f64],
    zone: &'a [Option<u32>],
}

/// Assigns each organiser to a piece: locks and zones first, then one per empty piece, then
/// greedily to the most overloaded piece, then local search on (worst deviation, sum of
/// squared deviations, distance from home).
fn apportion(
    problem: &Problem,
    organisers: &[Organiser],
    zones_on: bool,
    pieces: &Pieces,
    total: f64,
    cap_total: f64,
) -> Result<Vec<u32>, AllocError> {
    let Pieces { of: piece_of, nodes: piece_nodes, weight: piece_w, zone: piece_zone } = *pieces;
    let k = organisers.len();
    let np = piece_nodes.len();
    // Eligible pieces per organiser.
    let mut eligible: Vec<Vec<u32>> = Vec::with_capacity(k);
    for (j, o) in organisers.iter().enumerate() {
        if let Some(&first) = o.locked_wards.first() {
            let p = piece_of[first as usize];
            for &w in &o.locked_wards {
                if piece_of[w as usize] != p {
                    return Err(AllocError::LocksApart { organiser: j, first, second: w });
                }
            }
            if zones_on {
                if let Some(z) = o.zone {
                    if piece_zone[p as usize] != Some(z) {
                        return Err(AllocError::LocksApart { organiser: j, first, second: first });
                    }
                }
            }
            eligible.push(vec![p]);
        } else if let (true, Some(z)) = (zones_on, o.zone) {
            let e: Vec<u32> =
                (0..np as u32).filter(|&p| piece_zone[p as usize] == Some(z)).collect();
            if e.is_empty() {
                return Err(AllocError::EmptyZone { organiser: j, zone: z });
            }
            eligible.push(e);
        } else {
            eligible.push((0..np as u32).collect());
        }
    }
    let homes: Vec<Option<[f64; 2]>> =
        organisers.iter().map(|o| home_point(problem, o.home)).collect();
    // Distance from each home to each piece (0 if the home ward is in it).
    let hc: Vec<Vec<f64>> = (0..k)
        .map(|j| {
            (0..np as u32)
                .map(|p| {
                    if let Some(Home::Ward(w)) = organisers[j].home {
                        if piece_of[w as usize] == p {
                            return 0.0;
                        }
                    }
                    let Some(h) = homes[j] else { return 0.0 };
                    if np == 1 {
                        return 0.0;
                    }
                    piece_nodes[p as usize]
                        .iter()
                        .map(|&v| {
                            let [x, y] = problem.centroids[v as usize];
                            ((x - h[0]).powi(2) + (y - h[1]).powi(2)).sqrt()
                        })
                        .fold(f64::INFINITY, f64::min)
                })
                .collect()
        })
        .collect();
    let home_cost = |j: usize, p: u32| hc[j][p as usize];
    let mut owner = vec![NONE; k];
    let mut count = vec![0usize; np];
    let mut cap = vec![0.0; np];
    for j in 0..k {
        if eligible[j].len() == 1 {
            let p = eligible[j][0];
            owner[j] = p;
            count[p as usize] += 1;
            cap[p as usize] += organisers[j].capacity;
        }
    }
    for p in 0..np {
        if count[p] > piece_nodes[p].len() {
            return Err(AllocError::PieceOverfull {
                wards: piece_nodes[p].len(),
                organisers: count[p],
            });
        }
    }
    // Every piece needs one organiser: heaviest pieces first, the most constrained eligible
    // organiser (then the nearest home, then the lowest index).
    let mut order: Vec<usize> = (0..np).collect();
    order.sort_by(|&a, &b| piece_w[b].total_cmp(&piece_w[a]).then(a.cmp(&b)));
    for &p in &order {
        if count[p] > 0 {
            continue;
        }
        let cand = (0..k)
            .filter(|&j| owner[j] == NONE && eligible[j].contains(&(p as u32)))
            .min_by(|&a, &b| {
                eligible[a]
                    .len()
                    .cmp(&eligible[b].len())
                    .then(home_cost(a, p as u32).total_cmp(&home_cost(b, p as u32)))
                    .then(a.cmp(&b))
            });
        match cand {
            Some(j) => {
                owner[j] = p as u32;
                count[p] += 1;
                cap[p] += organisers[j].capacity;
            }
            None => {
                return Err(match piece_zone[p] {
                    Some(z) if !(0..np).any(|q| piece_zone[q] == Some(z) && count[q] > 0) => {
                        AllocError::ZoneWithoutOrganiser { zone: z }
                    }
                    _ => AllocError::TooManyPieces {
                        pieces: np,
                        organisers: k,
                        zones: if zones_on { " or split by zones" } else { "" },
                    },
                });
            }
        }
    }
    // The rest, largest capacity first, each to the most overloaded eligible piece with room.
    let dev = |p: usize, c: f64| {
        if c > 0.0 {
            piece_w[p] * cap_total / (total * c) - 1.0
        } else {
            f64::INFINITY
        }
    };
    let mut rest: Vec<usize> = (0..k).filter(|&j| owner[j] == NONE).collect();
    rest.sort_by(|&a, &b| {
        organisers[b].capacity.total_cmp(&organisers[a].capacity).then(a.cmp(&b))
    });
    for j in rest {
        let p = eligible[j]
            .iter()
            .map(|&p| p as usize)
            .filter(|&p| count[p] < piece_nodes[p].len())
            .max_by(|&a, &b| dev(a, cap[a]).total_cmp(&dev(b, cap[b])).then(b.cmp(&a)));
        let Some(p) = p else {
            return Err(AllocError::PieceOverfull {
                wards: piece_nodes[eligible[j][0] as usize].len(),
                organisers: count[eligible[j][0] as usize] + 1,
            });
        };
        owner[j] = p as u32;
        count[p] += 1;
        cap[p] += organisers[j].capacity;
    }
    // Local search: move one organiser or swap two, lexicographic (max |dev|, Σ dev², home).
    let objective = |cap: &[f64], owner: &[u32]| -> (f64, f64, f64) {
        let mut mx = 0.0f64;
        let mut sq = 0.0;
        for (p, &c) in cap.iter().enumerate() {
            let d = dev(p, c);
            mx = mx.max(d.abs());
            sq += d * d;
        }
        let h: f64 = (0..k).map(|j| home_cost(j, owner[j])).sum();
        (mx, sq, h)
    };
    let better = |a: (f64, f64, f64), b: (f64, f64, f64)| -> bool {
        if a.0 < b.0 - 1e-12 {
            return true;
        }
        if a.0 > b.0 + 1e-12 {
            return false;
        }
        if a.1 < b.1 - 1e-12 {
            return true;
        }
        if a.1 > b.1 + 1e-12 {
            return false;
        }
        a.2 < b.2 - 1e-9
    };
    let mut cur = objective(&cap, &owner);
    let rounds = if np > 1 { 100 } else { 0 };
    for _round in 0..rounds {
        let mut improved = false;
        for j in 0..k {
            if eligible[j].len() == 1 {
                continue;
            }
            let from = owner[j] as usize;
            for &to in &eligible[j] {
                let to = to as usize;
                if to == from || count[from] <= 1 || count[to] >= piece_nodes[to].len() {
                    continue;
                }
                cap[from] -= organisers[j].capacity;
                cap[to] += organisers[j].capacity;
                owner[j] = to as u32;
                let o = objective(&cap, &owner);
                if better(o, cur) {
                    cur = o;
                    count[from] -= 1;
                    count[to] += 1;
                    improved = true;
                    break;
                }
                cap[from] += organisers[j].capacity;
                cap[to] -= organisers[j].capacity;
                owner[j] = from as u32;
            }
        }
        if np > 1 {
            for i in 0..k {
                for j in i + 1..k {
                    let (pi, pj) = (owner[i] as usize, owner[j] as usize);
                    if pi == pj
                        || !eligible[i].contains(&(pj as u32))
                        || !eligible[j].contains(&(pi as u32))
                    {
                        continue;
                    }
                    let (ci, cj) = (organisers[i].capacity, organisers[j].capacity);
                    cap[pi] += cj - ci;
                    cap[pj] += ci - cj;
                    owner.swap(i, j);
                    let o = objective(&cap, &owner);
                    if better(o, cur) {
                        cur = o;
                        improved = true;
                    } else {
                        cap[pi] -= cj - ci;
                        cap[pj] -= ci - cj;
                        owner.swap(i, j);
                    }
                }
            }
        }
        if !improved {
            break;
        }
    }
    Ok(owner)
}
