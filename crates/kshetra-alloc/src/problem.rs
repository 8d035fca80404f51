//! Input types: the ward graph ([`Problem`]), the people ([`Organiser`]) and the knobs
//! ([`Settings`]), plus validation.

use crate::AllocError;

/// The map as plain data: one entry per ward (index = ward id), plus the adjacency graph.
///
/// Build it with [`Problem::new`] and add the optional lists with the `with_*` methods.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Problem {
    /// Weight of each ward (poor households); finite and >= 0.
    pub weights: Vec<f64>,
    /// Centroid of each ward in a projected metric system (metres).
    pub centroids: Vec<[f64; 2]>,
    /// Undirected adjacency; duplicates and self-loops are ignored.
    pub edges: Vec<(u32, u32)>,
    /// Zone of each ward, or empty when the map has no zones.
    pub zones: Vec<Option<u32>>,
    /// Area of each ward (m²), for Polsby–Popper; optional.
    pub areas: Option<Vec<f64>>,
    /// Perimeter of each ward (m), for Polsby–Popper; optional.
    pub perimeters: Option<Vec<f64>>,
    /// Shared boundary length of each edge (m, same order as `edges`); optional. Used for
    /// Polsby–Popper and to weight cut edges by length.
    pub edge_lengths: Option<Vec<f64>>,
}

impl Problem {
    /// A problem with weights, centroids and adjacency only (no zones, no geometry).
    pub fn new(weights: Vec<f64>, centroids: Vec<[f64; 2]>, edges: Vec<(u32, u32)>) -> Problem {
        Problem {
            weights,
            centroids,
            edges,
            zones: Vec::new(),
            areas: None,
            perimeters: None,
            edge_lengths: None,
        }
    }

    /// Sets the zone of every ward.
    pub fn with_zones(mut self, zones: Vec<Option<u32>>) -> Problem {
        self.zones = zones;
        self
    }

    /// Sets ward areas, ward perimeters and shared-edge lengths (enables Polsby–Popper).
    pub fn with_geometry(
        mut self,
        areas: Vec<f64>,
        perimeters: Vec<f64>,
        edge_lengths: Vec<f64>,
    ) -> Problem {
        self.areas = Some(areas);
        self.perimeters = Some(perimeters);
        self.edge_lengths = Some(edge_lengths);
        self
    }

    /// Number of wards.
    pub fn n_wards(&self) -> usize {
        self.weights.len()
    }

    pub(crate) fn zone(&self, ward: usize) -> Option<u32> {
        self.zones.get(ward).copied().flatten()
    }

    /// Checks lengths, numbers and ward indices.
    pub(crate) fn validate(&self) -> Result<(), AllocError> {
        let n = self.weights.len();
        if n == 0 {
            return Err(AllocError::NoWards);
        }
        let len = |field, actual: usize, expected| {
            if actual == expected {
                Ok(())
            } else {
                Err(AllocError::LengthMismatch { field, actual, expected })
            }
        };
        len("centroids", self.centroids.len(), n)?;
        if !self.zones.is_empty() {
            len("zones", self.zones.len(), n)?;
        }
        let nonneg = |field, xs: &[f64]| {
            for (index, &value) in xs.iter().enumerate() {
                if !(value.is_finite() && value >= 0.0) {
                    return Err(AllocError::InvalidNumber { field, index, value });
                }
            }
            Ok(())
        };
        nonneg("weights", &self.weights)?;
        for (index, c) in self.centroids.iter().enumerate() {
            for &value in c {
                if !value.is_finite() {
                    return Err(AllocError::InvalidNumber { field: "centroids", index, value });
                }
            }
        }
        if let Some(a) = &self.areas {
            len("areas", a.len(), n)?;
            nonneg("areas", a)?;
        }
        if let Some(p) = &self.perimeters {
            len("perimeters", p.len(), n)?;
            nonneg("perimeters", p)?;
        }
        if let Some(l) = &self.edge_lengths {
            len("edge_lengths", l.len(), self.edges.len())?;
            nonneg("edge_lengths", l)?;
        }
        for &(a, b) in &self.edges {
            for w in [a, b] {
                if w as usize >= n {
                    return Err(AllocError::WardOutOfRange {
                        context: "an edge",
                        ward: w,
                        wards: n,
                    });
                }
            }
        }
        Ok(())
    }
}

/// Where an organiser lives.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Home {
    /// In this ward.
    Ward(u32),
    /// At this point (same projected system as the centroids).
    Point([f64; 2]),
}

/// One community organiser.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Organiser {
    /// Relative workload (1 = a normal share). Target = total × capacity ÷ Σ capacity.
    pub capacity: f64,
    /// Home, if known: areas are oriented towards it.
    pub home: Option<Home>,
    /// Zone the organiser must work in (only when zones are respected). Setting this is also
    /// how an officer overrides the automatic apportionment of organisers to zones.
    pub zone: Option<u32>,
    /// Wards that must be in this organiser's area.
    pub locked_wards: Vec<u32>,
}

impl Organiser {
    /// A normal organiser: capacity 1, no home, no zone, no locks.
    pub fn new() -> Organiser {
        Organiser { capacity: 1.0, home: None, zone: None, locked_wards: Vec::new() }
    }

    /// `n` normal organisers.
    pub fn many(n: usize) -> Vec<Organiser> {
        vec![Organiser::new(); n]
    }

    /// Sets the capacity.
    pub fn with_capacity(mut self, capacity: f64) -> Organiser {
        self.capacity = capacity;
        self
    }

    /// Sets the home.
    pub fn with_home(mut self, home: Home) -> Organiser {
        self.home = Some(home);
        self
    }

    /// Ties the organiser to a zone.
    pub fn with_zone(mut self, zone: u32) -> Organiser {
        self.zone = Some(zone);
        self
    }

    /// Locks wards to this organiser.
    pub fn with_locked_wards(mut self, wards: Vec<u32>) -> Organiser {
        self.locked_wards = wards;
        self
    }
}

impl Default for Organiser {
    fn default() -> Organiser {
        Organiser::new()
    }
}

pub(crate) fn validate_organisers(
    problem: &Problem,
    organisers: &[Organiser],
) -> Result<(), AllocError> {
    let n = problem.n_wards();
    if organisers.is_empty() {
        return Err(AllocError::NoOrganisers);
    }
    if organisers.len() > n {
        return Err(AllocError::MoreOrganisersThanWards { organisers: organisers.len(), wards: n });
    }
    let mut lock_owner: Vec<Option<u32>> = vec![None; n];
    for (j, o) in organisers.iter().enumerate() {
        if !(o.capacity.is_finite() && o.capacity > 0.0) {
            return Err(AllocError::InvalidCapacity { organiser: j, capacity: o.capacity });
        }
        match o.home {
            Some(Home::Ward(w)) if w as usize >= n => {
                return Err(AllocError::WardOutOfRange {
                    context: "an organiser's home",
                    ward: w,
                    wards: n,
                });
            }
            Some(Home::Point(p)) if !(p[0].is_finite() && p[1].is_finite()) => {
                return Err(AllocError::InvalidNumber { field: "home", index: j, value: f64::NAN });
            }
            _ => {}
        }
        for &w in &o.locked_wards {
            if w as usize >= n {
                return Err(AllocError::WardOutOfRange {
                    context: "a locked ward",
                    ward: w,
                    wards: n,
                });
            }
            match lock_owner[w as usize] {
                Some(first) if first != j as u32 => {
                    return Err(AllocError::ConflictingLocks { ward: w, first, second: j as u32 });
                }
                _ => lock_owner[w as usize] = Some(j as u32),
            }
        }
    }
    Ok(())
}

/// The knobs of [`crate::allocate`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Settings {
    /// Tolerance: every area should be within ±`epsilon` of its target (default 0.05). The
    /// engine keeps improving below it when it cheaply can; above it, it explains why.
    pub epsilon: f64,
    /// Keep every area inside one zone (default `true`; ignored when the map has no zones).
    pub respect_zones: bool,
    /// Seed of the pseudo-random choices; same input + same seed = same plan.
    pub seed: u64,
    /// Work budget, in eighths of a pass over the graph (at least 10,000 nodes + directed edges
    /// are assumed; see [`Settings::DEFAULT_EFFORT`]). More effort
    /// means more restarts and longer local search; the result is deterministic either way.
    pub effort: u32,
}

impl Settings {
    /// Default effort (125 passes): 10,000 wards into 200 areas take well under 0.1 s natively;
    /// the first start always completes, restarts stop early when they stop helping.
    pub const DEFAULT_EFFORT: u32 = 1000;

    /// Settings with the given seed and the defaults: ε = 5 %, zones respected, default effort.
    pub fn new(seed: u64) -> Settings {
        Settings { epsilon: 0.05, respect_zones: true, seed, effort: Settings::DEFAULT_EFFORT }
    }

    /// Sets the tolerance.
    pub fn epsilon(mut self, epsilon: f64) -> Settings {
        self.epsilon = epsilon;
        self
    }

    /// Turns zone nesting on or off.
    pub fn respect_zones(mut self, respect: bool) -> Settings {
        self.respect_zones = respect;
        self
    }

    /// Sets the work budget.
    pub fn effort(mut self, effort: u32) -> Settings {
        self.effort = effort;
        self
    }
}

/// What the engine is doing, reported to the progress callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Phase {
    /// Apportioning organisers to zones and pieces.
    Apportion,
    /// Building, repairing and polishing plans (one or more restarts).
    Search,
    /// Finished.
    Done,
}

/// A progress report.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Progress {
    /// Current phase.
    pub phase: Phase,
    /// Work done so far (same unit as the budget).
    pub work_done: u64,
    /// Total work budget.
    pub work_budget: u64,
    /// Worst relative deviation of the best plan found so far in the current piece (NaN before the first).
    pub best_max_deviation: f64,
}

/// The progress callback's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Control {
    /// Keep going.
    Continue,
    /// Stop as soon as possible and return the best plan so far.
    Cancel,
}
