//! Live figures of a plan, recomputed after every edit: per organiser the wards, population,
//! poor households, target and deviation, pieces and distance from home; for the city the
//! totals; and a list of problems the UI can zoom to.
//!
//! Targets and deviations are the engine's ([`kshetra_alloc::score`]): target = city total ×
//! capacity ÷ Σ capacity, deviation = poor households ÷ target − 1 (tested against it).
//!
//! Cost: O(n + m) for n wards and m adjacencies, plus O(n log n) to look ward numbers up;
//! after an edit, [`update_stats`] measures only the areas whose wards changed.
//! The geometry (ward centroids and areas) is measured once per map in [`WardFacts`].

use std::collections::BTreeMap;

use geo::Centroid;

use crate::adjacency::WardGraph;
use crate::model::WardMap;
use crate::project::Project;
use crate::projection::LocalProjection;

/// Geometry of a map measured once: ward centroids in local metres and areas in m².
#[derive(Debug, Clone, PartialEq)]
pub struct WardFacts {
    proj: LocalProjection,
    centroids: Vec<[f64; 2]>,
    areas: Vec<f64>,
}

impl WardFacts {
    /// Measures the map (O(total vertices)).
    pub fn new(map: &WardMap) -> WardFacts {
        let proj = map
            .bounds()
            .map(LocalProjection::for_rect)
            .unwrap_or_else(|| LocalProjection::new(0.0, 0.0));
        let centroids = map
            .wards()
            .iter()
            .map(|w| {
                w.geometry.centroid().map(|p| proj.project(p.x(), p.y())).unwrap_or([0.0, 0.0])
            })
            .collect();
        let areas = map.wards().iter().map(|w| proj.area_m2(&w.geometry)).collect();
        WardFacts { proj, centroids, areas }
    }
}

/// Figures of one organiser's area.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaStats {
    /// Organiser id.
    pub organiser: u32,
    /// The area's wards (indices in [`WardMap::wards`], increasing).
    pub wards: Vec<usize>,
    /// Sum of the known populations.
    pub population: u64,
    /// Poor households (sum of the per-ward figures given to [`stats`]).
    pub poor_households: f64,
    /// Target: city total × capacity ÷ Σ capacity.
    pub target: f64,
    /// poor households ÷ target − 1 (0 when the target is 0).
    pub deviation: f64,
    /// Connected pieces of the area (0 when it has no wards).
    pub pieces: usize,
    /// Distance (m) from the area's centroid to the organiser's home; 0 when the home ward is
    /// in the area; `None` without a home or wards.
    pub home_distance_m: Option<f64>,
    /// When in pieces: every piece but the largest (largest first), each as increasing ward
    /// indices.
    pub smaller_pieces: Vec<Vec<usize>>,
}

/// Something the officer should look at, with what to zoom to.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanProblem {
    /// An area in several pieces; the ward numbers of each piece but the largest.
    SplitArea {
        /// Organiser id.
        organiser: u32,
        /// Number of pieces.
        pieces: usize,
        /// The smaller pieces, largest first, each as ward numbers.
        smaller: Vec<Vec<String>>,
    },
    /// An organiser without wards.
    NoWards {
        /// Organiser id.
        organiser: u32,
    },
    /// An area above the tolerance.
    OverTolerance {
        /// Organiser id.
        organiser: u32,
        /// Its deviation (> ε).
        deviation: f64,
    },
    /// An area below the tolerance.
    UnderTolerance {
        /// Organiser id.
        organiser: u32,
        /// Its deviation (< −ε).
        deviation: f64,
    },
    /// Wards given to nobody.
    Unassigned {
        /// Ward numbers, in map order.
        wards: Vec<String>,
    },
}

impl PlanProblem {
    /// The organiser concerned, if any.
    pub fn organiser(&self) -> Option<u32> {
        match self {
            PlanProblem::SplitArea { organiser, .. }
            | PlanProblem::NoWards { organiser }
            | PlanProblem::OverTolerance { organiser, .. }
            | PlanProblem::UnderTolerance { organiser, .. } => Some(*organiser),
            PlanProblem::Unassigned { .. } => None,
        }
    }
}

/// Figures of a whole plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanStats {
    /// One entry per organiser, in display order.
    pub areas: Vec<AreaStats>,
    /// Poor households of the whole city (assigned or not).
    pub total_poor: f64,
    /// Target of an organiser of capacity 1: total ÷ Σ capacity (0 without organisers).
    pub target_per_organiser: f64,
    /// Worst |deviation| over the organisers.
    pub max_abs_deviation: f64,
    /// Unassigned wards (indices, increasing).
    pub unassigned: Vec<usize>,
    /// Problems: split areas, organisers without wards, areas outside ±ε, unassigned wards.
    pub problems: Vec<PlanProblem>,
}

/// The plan's figures. `poor[i]` is ward `i`'s poor households (see
/// [`crate::estimate::ward_poor`]); missing entries count as 0. Measures the map first; use
/// [`stats_with`] with a kept [`WardFacts`] when recomputing after each edit.
pub fn stats(map: &WardMap, graph: &WardGraph, project: &Project, poor: &[f64]) -> PlanStats {
    stats_with(&WardFacts::new(map), map, graph, project, poor)
}

/// [`stats`] with the map's geometry already measured.
pub fn stats_with(
    facts: &WardFacts,
    map: &WardMap,
    graph: &WardGraph,
    project: &Project,
    poor: &[f64],
) -> PlanStats {
    stats_of(facts, map, graph, project, poor, &project.plan.ids_by_ward(map))
}

/// [`stats_with`] with each ward's organiser id already known (as [`Plan::ids_by_ward`]
/// gives it: the app computes it once per change and shares it).
///
/// [`Plan::ids_by_ward`]: crate::project::Plan::ids_by_ward
pub fn stats_of(
    facts: &WardFacts,
    map: &WardMap,
    graph: &WardGraph,
    project: &Project,
    poor: &[f64],
    ids: &[Option<u32>],
) -> PlanStats {
    let n = map.wards().len();
    let position = project.positions();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); project.organisers.len()];
    let mut unassigned = Vec::new();
    for i in 0..n {
        match ids.get(i).copied().flatten().and_then(|id| position.get(&id).copied()) {
            Some(j) => members[j].push(i),
            None => unassigned.push(i),
        }
    }
    let total_poor: f64 = (0..n).map(|i| weight(poor, i)).sum();
    let cap: f64 = project.organisers.iter().map(|o| o.capacity).sum();
    let target_per_organiser = if cap > 0.0 { total_poor / cap } else { 0.0 };
    let input = StatsInput { facts, map, graph, project, poor };
    let areas = project
        .organisers
        .iter()
        .zip(members)
        .map(|(o, wards)| area_stats(&input, o, wards, ids, target_per_organiser))
        .collect();
    assemble(map, project, areas, total_poor, target_per_organiser, unassigned)
}

/// The figures after a change, from the figures before it: only the areas whose wards changed
/// are measured again (an edit that moves a ward between two of 200 areas measures two), so
/// the cost is O(n) comparisons plus the changed areas, not O(n + m) with allocations.
///
/// `prev` must be [`stats_of`] (or this function) for the same map, graph, poor households,
/// organisers and tolerance, with each ward's organiser id `prev_ids`; `None` when that cannot
/// hold (the organisers or their targets differ, lengths differ) or when so many wards changed
/// that measuring everything again is as cheap: call [`stats_of`] then. The result equals
/// [`stats_of`] on `ids` (tested).
pub fn update_stats(
    prev: &PlanStats,
    prev_ids: &[Option<u32>],
    input: &StatsInput,
    ids: &[Option<u32>],
) -> Option<PlanStats> {
    let n = input.map.wards().len();
    if prev_ids.len() != n || ids.len() != n {
        return None;
    }
    let moved: Vec<(usize, Option<u32>)> =
        (0..n).filter(|&i| prev_ids[i] != ids[i]).map(|i| (i, prev_ids[i])).collect();
    update_stats_moved(prev, &moved, input, ids)
}

/// What the figures of a plan are measured from, besides each ward's owner.
#[derive(Debug, Clone, Copy)]
pub struct StatsInput<'a> {
    /// The map's geometry, measured once.
    pub facts: &'a WardFacts,
    /// The map.
    pub map: &'a WardMap,
    /// Its adjacency graph.
    pub graph: &'a WardGraph,
    /// The project (organisers, capacities, tolerance).
    pub project: &'a Project,
    /// Poor households per ward.
    pub poor: &'a [f64],
}

/// [`update_stats`] when the caller knows which wards moved: `moved` lists each changed
/// ward once with its owner *before* (`ids` holds the owners after), so nothing is compared
/// ward by ward. Same conditions and result as [`update_stats`].
pub fn update_stats_moved(
    prev: &PlanStats,
    moved: &[(usize, Option<u32>)],
    input: &StatsInput,
    ids: &[Option<u32>],
) -> Option<PlanStats> {
    let StatsInput { map, project, .. } = *input;
    let n = map.wards().len();
    if ids.len() != n || prev.areas.len() != project.organisers.len() {
        return None;
    }
    let cap: f64 = project.organisers.iter().map(|o| o.capacity).sum();
    let same_targets =
        prev.areas.iter().zip(&project.organisers).all(|(a, o)| {
            a.organiser == o.id && a.target == prev.target_per_organiser * o.capacity
        });
    let total_cap_same = if cap > 0.0 {
        prev.target_per_organiser == prev.total_poor / cap
    } else {
        prev.target_per_organiser == 0.0
    };
    if !same_targets || !total_cap_same {
        return None;
    }
    if moved.len() > n / 8 + 16 || moved.iter().any(|&(i, _)| i >= n) {
        return None;
    }
    let changed: Vec<usize> = moved.iter().map(|&(i, _)| i).collect();
    let position = project.positions();
    let pos = |id: Option<u32>| id.and_then(|id| position.get(&id).copied());
    let mut touched: std::collections::BTreeSet<usize> = std::collections::BTreeSet::new();
    let mut unassigned_changed = false;
    for &(i, before) in moved {
        for j in [pos(before), pos(ids[i])] {
            match j {
                Some(j) => {
                    touched.insert(j);
                }
                None => unassigned_changed = true,
            }
        }
    }
    let mut areas = prev.areas.clone();
    for &j in &touched {
        let o = &project.organisers[j];
        let mut wards: Vec<usize> =
            areas[j].wards.iter().copied().filter(|&i| pos(ids[i]) == Some(j)).collect();
        wards.extend(changed.iter().copied().filter(|&i| pos(ids[i]) == Some(j)));
        wards.sort_unstable();
        wards.dedup();
        areas[j] = area_stats(input, o, wards, ids, prev.target_per_organiser);
    }
    let unassigned = if unassigned_changed {
        let mut u: Vec<usize> =
            prev.unassigned.iter().copied().filter(|&i| pos(ids[i]).is_none()).collect();
        u.extend(changed.iter().copied().filter(|&i| pos(ids[i]).is_none()));
        u.sort_unstable();
        u.dedup();
        u
    } else {
        prev.unassigned.clone()
    };
    Some(assemble(map, project, areas, prev.total_poor, prev.target_per_organiser, unassigned))
}

fn weight(poor: &[f64], i: usize) -> f64 {
    poor.get(i).copied().filter(|x| x.is_finite()).unwrap_or(0.0)
}

/// One area's figures; `wards` increasing, each owned by `o` in `ids`.
fn area_stats(
    input: &StatsInput,
    o: &crate::project::Organiser,
    wards: Vec<usize>,
    ids: &[Option<u32>],
    target_per_organiser: f64,
) -> AreaStats {
    let StatsInput { facts, map, graph, poor, .. } = *input;
    let population = wards.iter().map(|&i| map.wards()[i].population.unwrap_or(0)).sum();
    let poor_households: f64 = wards.iter().map(|&i| weight(poor, i)).sum();
    let target = target_per_organiser * o.capacity;
    // Pieces: components of the graph restricted to the area (a search over its wards only;
    // `seen` is indexed like `wards`, found by binary search).
    let mut seen = vec![false; wards.len()];
    let mut pieces: Vec<Vec<usize>> = Vec::new();
    let mut stack = Vec::new();
    for (s, &start) in wards.iter().enumerate() {
        if seen[s] {
            continue;
        }
        seen[s] = true;
        let mut members = vec![start];
        stack.push(start);
        while let Some(v) = stack.pop() {
            if v >= graph.len() {
                continue;
            }
            for nb in graph.neighbours(v) {
                let u = nb.ward;
                if ids.get(u).copied().flatten() != Some(o.id) {
                    continue;
                }
                if let Ok(k) = wards.binary_search(&u) {
                    if !seen[k] {
                        seen[k] = true;
                        members.push(u);
                        stack.push(u);
                    }
                }
            }
        }
        pieces.push(members);
    }
    let mut a = AreaStats {
        organiser: o.id,
        pieces: pieces.len(),
        wards,
        population,
        poor_households,
        target,
        deviation: if target > 0.0 { poor_households / target - 1.0 } else { 0.0 },
        home_distance_m: None,
        smaller_pieces: Vec::new(),
    };
    a.home_distance_m = home_distance(facts, map, &a, o);
    if pieces.len() > 1 {
        pieces.sort_by(|x, y| y.len().cmp(&x.len()).then(x.iter().min().cmp(&y.iter().min())));
        a.smaller_pieces = pieces
            .into_iter()
            .skip(1)
            .map(|mut p| {
                p.sort_unstable();
                p
            })
            .collect();
    }
    a
}

/// The plan's figures from its areas: worst deviation and the problems list.
fn assemble(
    map: &WardMap,
    project: &Project,
    areas: Vec<AreaStats>,
    total_poor: f64,
    target_per_organiser: f64,
    unassigned: Vec<usize>,
) -> PlanStats {
    let mut problems = Vec::new();
    let mut tolerance_problems = Vec::new();
    let mut max_abs_deviation: f64 = 0.0;
    for a in &areas {
        max_abs_deviation = max_abs_deviation.max(a.deviation.abs());
        if a.pieces > 1 {
            let smaller = a
                .smaller_pieces
                .iter()
                .map(|p| p.iter().map(|&i| map.wards()[i].number.clone()).collect())
                .collect();
            problems.push(PlanProblem::SplitArea {
                organiser: a.organiser,
                pieces: a.pieces,
                smaller,
            });
        }
        if a.wards.is_empty() {
            problems.push(PlanProblem::NoWards { organiser: a.organiser });
        } else if a.deviation > project.settings.epsilon {
            tolerance_problems.push(PlanProblem::OverTolerance {
                organiser: a.organiser,
                deviation: a.deviation,
            });
        } else if a.deviation < -project.settings.epsilon {
            tolerance_problems.push(PlanProblem::UnderTolerance {
                organiser: a.organiser,
                deviation: a.deviation,
            });
        }
    }
    problems.extend(tolerance_problems);
    if !unassigned.is_empty() {
        problems.push(PlanProblem::Unassigned {
            wards: unassigned.iter().map(|&i| map.wards()[i].number.clone()).collect(),
        });
    }
    PlanStats { areas, total_poor, target_per_organiser, max_abs_deviation, unassigned, problems }
}

/// Centroid of the area (weighted by ward area) to the home; 0 when the home ward is inside.
fn home_distance(
    facts: &WardFacts,
    map: &WardMap,
    a: &AreaStats,
    o: &crate::project::Organiser,
) -> Option<f64> {
    let home = o.home.as_ref()?;
    if a.wards.is_empty() {
        return None;
    }
    if let Some(h) = home.ward.as_deref() {
        if a.wards.iter().any(|&i| map.wards()[i].number == h) {
            return Some(0.0);
        }
    }
    let point = match (home.point, home.ward.as_deref()) {
        (Some([lon, lat]), _) => facts.proj.project(lon, lat),
        (None, Some(w)) => facts.centroids[map.index_of(w)?],
        (None, None) => return None,
    };
    let (mut sx, mut sy, mut sa) = (0.0, 0.0, 0.0);
    for &i in &a.wards {
        let w = facts.areas[i].max(1e-9);
        sx += facts.centroids[i][0] * w;
        sy += facts.centroids[i][1] * w;
        sa += w;
    }
    let c = [sx / sa, sy / sa];
    Some(((c[0] - point[0]).powi(2) + (c[1] - point[1]).powi(2)).sqrt())
}

/// Organiser id → the area's figures, for lookups by id.
pub fn by_organiser(stats: &PlanStats) -> BTreeMap<u32, &AreaStats> {
    stats.areas.iter().map(|a| (a.organiser, a)).collect()
}
