//! User preferences that persist across visits (stored by the UI as JSON).

use serde::{Deserialize, Serialize};

/// Display preferences.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Whether the base-map tile layer is shown. When off, the app makes no request outside
    /// its own origin.
    pub base_map: bool,
    /// Tile URL template with `{z}`, `{x}`, `{y}` (and optionally `{s}`).
    pub tile_url: String,
    /// Wards whose boundaries run within this many metres of each other are neighbours
    /// (see [`crate::adjacency`]); 0 = exactly shared boundaries only.
    pub tolerance_m: f64,
}

impl Settings {
    /// OpenStreetMap's standard tile server.
    pub const DEFAULT_TILE_URL: &'static str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
    /// Attribution required by OpenStreetMap's tile usage policy (our own constant HTML).
    pub const OSM_ATTRIBUTION: &'static str = r#"&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a>"#;
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            base_map: true,
            tile_url: Self::DEFAULT_TILE_URL.to_string(),
            tolerance_m: crate::adjacency::AdjacencyOptions::DEFAULT_TOLERANCE_M,
        }
    }
}

/// The largest adjacency tolerance accepted (metres): beyond this, wards across a road or a
/// park would become "neighbours".
pub const MAX_TOLERANCE_M: f64 = 100.0;

/// Whether an adjacency tolerance (metres) is usable: a number from 0 to [`MAX_TOLERANCE_M`].
pub fn is_valid_tolerance(m: f64) -> bool {
    m.is_finite() && (0.0..=MAX_TOLERANCE_M).contains(&m)
}

/// Whether a tile URL template is usable: http(s) or same-origin path, with `{z}`, `{x}` and
/// `{y}`, no whitespace.
pub fn is_valid_tile_url(url: &str) -> bool {
    let url = url.trim();
    let scheme_ok = url.starts_with("https://")
        || url.starts_with("http://")
        || url.starts_with('/')
        || url.starts_with("./");
    scheme_ok
        && ["{z}", "{x}", "{y}"].iter().all(|p| url.contains(p))
        && !url.contains(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tile_urls() {
        assert!(is_valid_tile_url(Settings::DEFAULT_TILE_URL));
        assert!(is_valid_tile_url("https://{s}.tile.example.org/{z}/{x}/{y}.png"));
        assert!(is_valid_tile_url("/tiles/{z}/{x}/{y}.png"));
        assert!(!is_valid_tile_url("https://tile.example.org/{z}/{x}.png"));
        assert!(!is_valid_tile_url("javascript:alert(1)//{z}{x}{y}"));
        assert!(!is_valid_tile_url(""));
    }

    #[test]
    fn stored_settings_tolerate_missing_and_unknown_fields() {
        let s: Settings = serde_json::from_str(r#"{"base_map":false,"future":1}"#).unwrap();
        assert_eq!(s, Settings { base_map: false, ..Settings::default() });
        let round: Settings = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        assert_eq!(round, s);
    }
}
