//! Colours shared by the map and printed output.

/// Light fills for zones: distinct, pale enough for dark ward numbers and outlines on top.
/// (ColorBrewer Set3 and Pastel1/Pastel2, de-duplicated; 20 colours.)
pub const ZONE_FILLS: [&str; 20] = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
    "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f", "#decbe4", "#fed9a6", "#e5d8bd", "#b3e2cd",
    "#cbd5e8", "#f4cae4", "#e6f5c9", "#f1e2cc",
];

/// Fill for wards without a zone.
pub const NO_ZONE_FILL: &str = "#f0f0f0";

/// Fill colour of the zone at `index` in [`crate::WardMap::zones`].
pub fn zone_fill(index: Option<usize>) -> &'static str {
    match index {
        Some(i) => ZONE_FILLS[i % ZONE_FILLS.len()],
        None => NO_ZONE_FILL,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_fills_are_distinct_hex_colours() {
        let mut seen = std::collections::BTreeSet::new();
        for c in ZONE_FILLS.iter().chain([&NO_ZONE_FILL]) {
            assert!(c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|d| d.is_ascii_hexdigit()), "{c}");
            assert!(seen.insert(*c), "duplicate colour {c}");
        }
        assert_eq!(zone_fill(Some(20)), ZONE_FILLS[0]);
    }
}
