//! The automatic allocation's settings, kept with a project ([`AllocSettings`]).

use serde::{Deserialize, Serialize};

/// The automatic allocation's settings, kept with the project.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AllocSettings {
    /// Tolerance ε: areas within ±ε of their target are balanced (default 0.05).
    pub epsilon: f64,
    /// Keep each area inside one zone (default true).
    pub respect_zones: bool,
    /// Keep each organiser's home ward in their own area (default false).
    pub keep_home_wards: bool,
    /// Seed of the engine's pseudo-random choices (default 1).
    pub seed: u64,
}

impl Default for AllocSettings {
    fn default() -> Self {
        AllocSettings { epsilon: 0.05, respect_zones: true, keep_home_wards: false, seed: 1 }
    }
}

impl AllocSettings {
    /// The smallest tolerance ε the app and the CLI accept (±0.5 %).
    pub const EPSILON_MIN: f64 = 0.005;
    /// The largest tolerance ε the app and the CLI accept (±50 %).
    pub const EPSILON_MAX: f64 = 0.5;

    /// Whether `epsilon` is a tolerance the app and the CLI accept (finite, within
    /// [`AllocSettings::EPSILON_MIN`]–[`AllocSettings::EPSILON_MAX`]).
    pub fn is_valid_epsilon(epsilon: f64) -> bool {
        epsilon.is_finite() && (Self::EPSILON_MIN..=Self::EPSILON_MAX).contains(&epsilon)
    }

    /// The engine's settings (default effort).
    pub fn engine(&self) -> kshetra_alloc::Settings {
        kshetra_alloc::Settings::new(self.seed)
            .epsilon(self.epsilon)
            .respect_zones(self.respect_zones)
    }
}
