//! # Kshetra allocation engine
//!
//! Divides a map of wards among community organisers: every ward goes to exactly one
//! organiser, every organiser's area is one connected piece, zones are kept together, the
//! weights (poor households) are as equal as possible relative to each organiser's capacity,
//! and areas are compact and near the organisers' homes.
//!
//! The engine is independent of the ward model: its input is plain data ([`Problem`]), so the
//! UI and a command-line tool both map into it. It is pure Rust with no browser, file, network
//! or clock access, and deterministic: the same input and [`Settings::seed`] give the same plan
//! on every platform (native and `wasm32-unknown-unknown`).
//!
//! - [`allocate`]: the search. Returns an [`Outcome`] (plan, [`PlanMetrics`], [`Limit`]s).
//! - [`score`]: the same [`PlanMetrics`] for any plan (for example one edited by hand).
//!
//! # Parameters
//! - [`Problem`]: per ward a weight, a projected centroid, optionally a zone, area and
//!   perimeter; undirected adjacency edges, optionally with shared boundary lengths.
//! - [`Organiser`]s: capacity (target = total × capacity ÷ Σ capacity), optional home (a ward
//!   or a point), optional zone, locked wards.
//! - [`Settings`]: tolerance ε (default 5 %), respect zones, seed, effort (a work budget).
//! - a progress callback receiving [`Progress`] and answering [`Control::Continue`] or
//!   [`Control::Cancel`] (the best plan so far is returned).
//!
//! # Returns
//! [`Outcome::assignment`] (ward → organiser), its [`PlanMetrics`], the [`Limit`]s found in
//! the data (why ε cannot be met, with a suggested fix), a lower bound on the reachable
//! worst deviation, and the apportionment of organisers to pieces/zones ([`PieceSummary`]).
//!
//! # Algorithm
//! 1. **Pieces.** Connected components of the adjacency graph (with zones respected, edges
//!    between zones are dropped first). Each piece needs at least one organiser.
//! 2. **Apportionment.** Organisers with locks or (with zones respected) a zone are tied to
//!    their piece(s); a zone with several pieces, and untied organisers, are apportioned: one
//!    organiser per piece first, then each to the most overloaded piece, then a local search
//!    over moves and swaps minimising (worst piece deviation, Σ squared deviation, distance
//!    from home). Setting [`Organiser::zone`] overrides the apportionment.
//! 3. **Per piece, repeated from several seeds within the budget:**
//!    1. *Initial partition* by recursive bisection: split the organisers in two groups
//!       (ordered along the region's principal axis by their homes/locks), then split the
//!       region in proportion to the groups' targets. Candidate cuts are priority-first sweeps
//!       along the principal axis and perturbed directions (straight, compact cuts; the part
//!       cut off from the rest is absorbed so both sides stay connected) and, on restarts,
//!       random spanning-tree edge cuts (as in GerryChain's recursive tree partition) and
//!       greedy graph growing from random wards (the region grows by the frontier ward with
//!       most edges into it, so cuts follow the graph, not straight lines); on pieces of at
//!       most 300 wards even restarts use fewer candidates (5 sweeps, 1 tree, 2 growings), so
//!       that more starts fit in the budget. The most balanced
//!       candidate wins, ties (within 1 %) going to fewer cut edges.
//!    2. *Locks*: stray locked wards are pulled into their organiser's area along shortest
//!       paths; pieces cut off by that are handed to neighbouring areas.
//!    3. *Coarse balance repair* while the worst area is off by more than 0.4 ε: (a) single
//!       boundary-ward moves to or from a neighbouring area that lower the pair's worst
//!       deviation, never moving an articulation ward (the donor area must stay connected);
//!       (b) merge the worst area with a neighbour and re-split the union along sweeps and
//!       spanning trees (ReCom); (c) a chain of such re-splits that carries the surplus
//!       through intermediate areas to the nearest area with the opposite sign.
//!    4. *Compactness polish* within a band of max(current worst, ε) on even starts (compact
//!       shapes are decided here; fine balancing restores balance afterwards) and of
//!       max(current worst, 0.4 ε), never above the initial worst, on odd starts (so a start
//!       that balances finely competes with the compact one). First a *multilevel
//!       refinement*: wards are matched along edges inside each area into connected clusters
//!       (heavy-edge matching, clusters at most the band's share of a target), level by level;
//!       from the coarsest level down, boundary clusters move to the neighbouring area with
//!       which they share most edges while that cuts fewer edges (or as many with better
//!       balance), keeps both areas in the band and the donor connected. Then, on wards:
//!       boundary moves that cut fewer edges; at equal cut, moves that bring a
//!       ward nearer its new area's centre (moment of inertia, first passes only); and swaps
//!       of two nearby boundary wards (within two steps) between neighbouring areas that cut
//!       fewer edges when a single move would leave the band. Then coarse repair again,
//!       preferring moves that also cut fewer edges.
//!    5. *Fine balancing*: the worst area keeps improving by single boundary moves and swaps
//!       of two boundary wards with a neighbouring area (the partner chosen by weight, so
//!       the net flow lands the pair below the current worst), cheapest in cut edges first,
//!       until the worst deviation reaches the *fine target* τ, the worst area cannot improve,
//!       or the cut has grown by 2.5 % (+2 edges). τ = a tenth of an average ward's share of
//!       a target, clamped to [0.01 %, ε/4]: below it wards are too coarse for balance to be
//!       worth more cut edges.
//!    6. A last polish within max(worst, τ), so compactness never costs balance above τ; on
//!       restarts it begins with *recombination*: each pair of neighbouring areas is merged
//!       and re-split (sweeps, spanning trees, graph growing), the split with fewest cut edges
//!       within the band kept if the plan then cuts fewer edges.
//!       A start that still ends less balanced than its own initial partition (the wide band
//!       with a short budget can do that) keeps its initial partition instead.
//!    7. *Restarts and stopping*: the best start wins by (max(worst, τ′), cut edges, worst),
//!       among plans no worse than the first start's initial partition — the guarantee the
//!       property tests check. τ′ = τ, except on *coarse* pieces (areas averaging fewer than 8
//!       wards, so one ward is more than an eighth of a target) where τ′ = max(τ, 0.7 ε): there
//!       balance is a matter of which wards happen to fit, and every hundredth of it costs
//!       visible compactness, so any worst deviation up to 0.7 ε (still within ε) counts as
//!       balanced.
//!       The first start always runs to the end; another start runs only while its expected
//!       cost (that of the last one) fits in the remaining budget, and the search stops after
//!       40 starts in a row without a better plan (at most 64). Large maps therefore stop after
//!       one or two starts, small ones after a few milliseconds.
//!    8. *Annealing* (pieces of at most 300 wards): new starts begin only within half the
//!       piece's budget; the rest (at least half) goes to the compactness of the cut edges
//!       within a *selection band*: max(best worst, τ × 1.15) on fine pieces (τ is a rule of
//!       thumb, so starts just above it still count as finely balanced), max(best worst × 1.1,
//!       τ′) on coarse ones, never above the first start's initial worst and never beyond ε
//!       when the best start is within ε. The start with fewest cut edges inside the band is
//!       the starting point; starts with fewer cut edges just outside it are *restored* (fine
//!       balancing into the band at any cut cost, then polish) and kept if they still cut
//!       fewer edges. Then 8 rounds of simulated annealing share the rest of the budget,
//!       alternately from the best plan so far and from the start that cut fewest edges. Each
//!       round anneals in a band 0.2 ε wider than the selection band (in a tight band, coarse
//!       wards leave almost no moves) and its best plan is restored into the band before it
//!       competes. Moves are single boundary wards and swaps of two nearby wards between
//!       neighbouring areas (areas stay connected); areas may leave the annealing band during a
//!       run (by up to 0.6 ε, at least up to ε) at a penalty per ward weight outside it that
//!       grows as the temperature falls, and only plans with every area in the band count. So
//!       balance stays within the selection band, and small maps with coarse wards get the
//!       plans with fewer cut edges that greedy moves cannot reach.
//! 4. **Homes.** Interchangeable organisers (same capacity, no locks) swap areas while that
//!    lowers the total weighted distance from home.
//! 5. **Limits.** Heavy wards (> (1 + ε) × target), pieces whose shares round badly to whole
//!    organisers, pieces too light for one organiser; each gives a proven lower bound on the
//!    worst deviation and a fix. If ε is still missed, wards are reported as too coarse.
//!
//! Every step keeps the plan valid (each ward in one area, k non-empty one-piece areas,
//! locks respected), so a cancelled run still returns a valid plan.
//!
//! ## Complexity
//! Linear-ish per pass: a bisection level costs O((n + m) log n) per candidate cut, so the
//! initial partition is O(c (n + m) log n log k) for c candidates; it dominates one start.
//! Restarts are bounded by the work budget: `effort` × max(n + 2m, 10,000) ÷ 8 work units (a
//! unit is about one node or edge visit; the first start may exceed it, and so may restoring
//! annealed plans into the band, by at most 50 passes over a small piece each). Fine
//! balancing sorts each boundary by weight, so a swap search is O(b log b) per step for b
//! boundary wards.
//! Memory is O(n + m).
//!
//! # Errors
//! [`AllocError`] for malformed input (lengths, NaN or negative weights, indices out of
//! range), zero organisers, more organisers than wards, more separate pieces (or zone pieces)
//! than organisers, a zone without an organiser, locks that cannot share one area.
//!
//! # Examples
//! ```
//! use kshetra_alloc::{allocate, Control, Organiser, Problem, Settings};
//!
//! // A 4 × 4 grid of wards with equal weights, for 4 organisers.
//! let (w, h) = (4u32, 4u32);
//! let mut edges = Vec::new();
//! for y in 0..h {
//!     for x in 0..w {
//!         let v = y * w + x;
//!         if x + 1 < w { edges.push((v, v + 1)); }
//!         if y + 1 < h { edges.push((v, v + w)); }
//!     }
//! }
//! let centroids = (0..w * h).map(|v| [(v % w) as f64, (v / w) as f64]).collect();
//! let problem = Problem::new(vec![10.0; 16], centroids, edges);
//! let outcome = allocate(&problem, &Organiser::many(4), &Settings::new(1), &mut |_| Control::Continue).unwrap();
//! assert_eq!(outcome.metrics.max_abs_deviation, 0.0);
//! assert!(outcome.metrics.is_valid());
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod allocate;
mod anneal;
mod budget;
mod error;
mod graph;
mod metrics;
mod multilevel;
mod problem;
mod rng;
mod solve;

pub use allocate::{allocate, Limit, Outcome, PieceSummary};
pub use error::AllocError;
pub use metrics::{score, AreaMetrics, PlanMetrics};
pub use problem::{Control, Home, Organiser, Phase, Problem, Progress, Settings};
