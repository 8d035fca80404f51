//! Scoring any plan: per-area weight, deviation, pieces, cut edges, Polsby–Popper, distance
//! from home; plan-level worst deviation.

use crate::graph::Csr;
use crate::problem::validate_organisers;
use crate::{AllocError, Home, Organiser, Problem};

/// Numbers for one organiser's area.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AreaMetrics {
    /// Number of wards in the area.
    pub wards: u32,
    /// Total weight of the area.
    pub weight: f64,
    /// The organiser's target: total × capacity ÷ Σ capacity.
    pub target: f64,
    /// Relative deviation from target, signed: weight ÷ target − 1.
    pub deviation: f64,
    /// Connected pieces of the area (1 for a valid plan, 0 for an empty area).
    pub pieces: u32,
    /// Edges leaving the area.
    pub cut_edges: u32,
    /// 4πA/P² of the dissolved area, when ward areas, perimeters and edge lengths are known.
    pub polsby_popper: Option<f64>,
    /// Weight-averaged distance from the organiser's home to the area's ward centroids.
    pub home_distance: Option<f64>,
    /// Whether the home ward is in the area (only for homes given as a ward).
    pub contains_home: Option<bool>,
}

/// Numbers for a whole plan.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PlanMetrics {
    /// One entry per organiser, in organiser order.
    pub areas: Vec<AreaMetrics>,
    /// Worst |deviation| over all areas.
    pub max_abs_deviation: f64,
    /// Edges whose two wards belong to different areas.
    pub cut_edges: u32,
    /// Total length of cut edges, when edge lengths are known.
    pub cut_length: Option<f64>,
    /// Mean Polsby–Popper over non-empty areas, when geometry is known.
    pub mean_polsby_popper: Option<f64>,
    /// Areas with no ward.
    pub empty_areas: u32,
    /// Areas in more than one piece.
    pub split_areas: u32,
    /// Weight-averaged distance from home over organisers with a home.
    pub mean_home_distance: Option<f64>,
}

impl PlanMetrics {
    /// Every area non-empty and in one piece (the hard constraints the metrics can see).
    pub fn is_valid(&self) -> bool {
        self.empty_areas == 0 && self.split_areas == 0
    }
}

/// Scores any plan: `assignment[ward]` is an organiser index.
///
/// # Errors
/// Malformed input (see [`AllocError`]) or an assignment of the wrong length / naming a
/// non-existent organiser.
///
/// # Examples
/// A 2 × 2 block of wards (0 1 on top, 2 3 below) scored for two organisers: by rows, and
/// diagonally, where each area falls into two pieces.
/// ```
/// use kshetra_alloc::{score, Organiser, Problem};
///
/// let centroids = vec![[0.0, 1.0], [1.0, 1.0], [0.0, 0.0], [1.0, 0.0]];
/// let edges = vec![(0, 1), (2, 3), (0, 2), (1, 3)];
/// let problem = Problem::new(vec![10.0, 10.0, 10.0, 30.0], centroids, edges);
/// let organisers = Organiser::many(2);
///
/// let rows = score(&problem, &organisers, &[0, 0, 1, 1]).unwrap();
/// assert!(rows.is_valid());
/// assert_eq!(rows.cut_edges, 2);
/// assert_eq!(rows.areas[1].weight, 40.0);
/// assert!((rows.max_abs_deviation - 1.0 / 3.0).abs() < 1e-12); // targets are 30 each
///
/// let diagonal = score(&problem, &organisers, &[0, 1, 1, 0]).unwrap();
/// assert_eq!((diagonal.split_areas, diagonal.cut_edges), (2, 4));
/// assert!(!diagonal.is_valid());
/// assert!(score(&problem, &organisers, &[0, 2, 1, 1]).is_err()); // no organiser 2
/// ```
pub fn score(
    problem: &Problem,
    organisers: &[Organiser],
    assignment: &[u32],
) -> Result<PlanMetrics, AllocError> {
    problem.validate()?;
    validate_organisers(problem, organisers)?;
    let n = problem.n_wards();
    if assignment.len() != n {
        return Err(AllocError::LengthMismatch {
            field: "assignment",
            actual: assignment.len(),
            expected: n,
        });
    }
    for (ward, &organiser) in assignment.iter().enumerate() {
        if organiser as usize >= organisers.len() {
            return Err(AllocError::OrganiserOutOfRange {
                ward,
                organiser,
                organisers: organisers.len(),
            });
        }
    }
    let g = Csr::from_edges(n, problem.edges.iter().copied());
    Ok(score_unchecked(problem, &g, organisers, assignment))
}

pub(crate) fn targets(problem: &Problem, organisers: &[Organiser]) -> Vec<f64> {
    let total: f64 = problem.weights.iter().sum();
    let cap: f64 = organisers.iter().map(|o| o.capacity).sum();
    organisers.iter().map(|o| total * o.capacity / cap).collect()
}

pub(crate) fn home_point(problem: &Problem, home: Option<Home>) -> Option<[f64; 2]> {
    match home? {
        Home::Ward(w) => Some(problem.centroids[w as usize]),
        Home::Point(p) => Some(p),
    }
}

pub(crate) fn score_unchecked(
    problem: &Problem,
    g: &Csr,
    organisers: &[Organiser],
    assignment: &[u32],
) -> PlanMetrics {
    let n = problem.n_wards();
    let k = organisers.len();
    let targets = targets(problem, organisers);
    let mut areas: Vec<AreaMetrics> = targets
        .iter()
        .map(|&target| AreaMetrics {
            wards: 0,
            weight: 0.0,
            target,
            deviation: 0.0,
            pieces: 0,
            cut_edges: 0,
            polsby_popper: None,
            home_distance: None,
            contains_home: None,
        })
        .collect();
    for v in 0..n {
        let a = &mut areas[assignment[v] as usize];
        a.wards += 1;
        a.weight += problem.weights[v];
    }
    let (comp, count) = g.components(|a, b| assignment[a as usize] == assignment[b as usize]);
    let mut comp_area = vec![u32::MAX; count];
    for v in 0..n {
        comp_area[comp[v] as usize] = assignment[v];
    }
    for &a in &comp_area {
        areas[a as usize].pieces += 1;
    }
    let mut cut_edges = 0;
    for v in 0..n as u32 {
        for &u in g.nbrs(v) {
            if assignment[u as usize] != assignment[v as usize] {
                areas[assignment[v as usize] as usize].cut_edges += 1;
                if u > v {
                    cut_edges += 1;
                }
            }
        }
    }
    // Polsby–Popper from ward areas, perimeters and shared boundary lengths.
    let mut cut_length = None;
    if let (Some(ar), Some(pe), Some(el)) =
        (&problem.areas, &problem.perimeters, &problem.edge_lengths)
    {
        let mut area = vec![0.0; k];
        let mut perim = vec![0.0; k];
        for v in 0..n {
            area[assignment[v] as usize] += ar[v];
            perim[assignment[v] as usize] += pe[v];
        }
        let mut cl = 0.0;
        for (&(a, b), &len) in problem.edges.iter().zip(el) {
            if a == b {
                continue;
            }
            let (x, y) = (assignment[a as usize], assignment[b as usize]);
            if x == y {
                perim[x as usize] -= 2.0 * len;
            } else {
                cl += len;
            }
        }
        cut_length = Some(cl);
        for (j, m) in areas.iter_mut().enumerate() {
            if m.wards > 0 && perim[j] > 0.0 {
                m.polsby_popper =
                    Some((4.0 * std::f64::consts::PI * area[j] / (perim[j] * perim[j])).min(1.0));
            }
        }
    }
    // Distance from home.
    let homes: Vec<Option<[f64; 2]>> =
        organisers.iter().map(|o| home_point(problem, o.home)).collect();
    let mut hd = vec![(0.0, 0.0); k];
    for (v, &a) in assignment.iter().enumerate() {
        let j = a as usize;
        if let Some(h) = homes[j] {
            let [x, y] = problem.centroids[v];
            let w = problem.weights[v] + 1e-9;
            hd[j].0 += w * ((x - h[0]).powi(2) + (y - h[1]).powi(2)).sqrt();
            hd[j].1 += w;
        }
    }
    for (j, m) in areas.iter_mut().enumerate() {
        m.deviation = if m.target > 0.0 { m.weight / m.target - 1.0 } else { 0.0 };
        if homes[j].is_some() && hd[j].1 > 0.0 {
            m.home_distance = Some(hd[j].0 / hd[j].1);
        }
        if let Some(Home::Ward(w)) = organisers[j].home {
            m.contains_home = Some(assignment[w as usize] == j as u32);
        }
    }
    let max_abs_deviation = areas.iter().map(|a| a.deviation.abs()).fold(0.0, f64::max);
    let pps: Vec<f64> = areas.iter().filter_map(|a| a.polsby_popper).collect();
    let mean_polsby_popper = (!pps.is_empty()).then(|| pps.iter().sum::<f64>() / pps.len() as f64);
    let hds: Vec<f64> = areas.iter().filter_map(|a| a.home_distance).collect();
    let mean_home_distance = (!hds.is_empty()).then(|| hds.iter().sum::<f64>() / hds.len() as f64);
    PlanMetrics {
        empty_areas: areas.iter().filter(|a| a.wards == 0).count() as u32,
        split_areas: areas.iter().filter(|a| a.pieces > 1).count() as u32,
        areas,
        max_abs_deviation,
        cut_edges,
        cut_length,
        mean_polsby_popper,
        mean_home_distance,
    }
}
