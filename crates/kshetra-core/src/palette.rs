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

/// Colour-blind-safe fills for organisers' areas: Okabe & Ito (2008) without black, then
/// Paul Tol's "muted" scheme (2021). Neighbouring areas get different indices
/// ([`crate::project::area_colours`]); beyond these 16, [`area_colour`] generates more.
pub const AREA_COLOURS: [&str; 16] = [
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#cc6677",
    "#332288", "#ddcc77", "#117733", "#88ccee", "#882255", "#44aa99", "#999933", "#aa4499",
];

/// The fill for area colour index `i`: [`AREA_COLOURS`] first, then generated colours (golden-
/// angle hues at alternating lightness) that differ from each other and from the palette, so
/// distinct indices always give distinct colours.
pub fn area_colour(i: usize) -> String {
    if let Some(c) = AREA_COLOURS.get(i) {
        return c.to_string();
    }
    let k = i - AREA_COLOURS.len();
    // Hue by the golden angle; lightness and saturation cycle so near hues differ in tone.
    let hue = (k as f64 * 137.507_764_050_037_85 + 17.0) % 360.0;
    let light = [0.45, 0.62, 0.35, 0.72][k % 4];
    let sat = [0.65, 0.50, 0.80][(k / 4) % 3];
    let (r, g, b) = hsl_to_rgb(hue, sat, light);
    let hex = format!("#{r:02x}{g:02x}{b:02x}");
    if AREA_COLOURS.contains(&hex.as_str()) {
        // Practically never; nudge the blue channel to stay distinct.
        return format!("#{r:02x}{g:02x}{:02x}", b ^ 1);
    }
    hex
}

/// Opacity of an organiser's colour over the map on screen (the map draws
/// [`area_colour`] at this opacity; print blends it onto white with [`area_colour_on_white`],
/// so paper and screen show the same colour).
pub const AREA_FILL_OPACITY: f64 = 0.75;

/// [`area_colour`] `i` as it looks on white paper at [`AREA_FILL_OPACITY`]: one solid colour
/// (printers and PDF readers handle no transparency the same way). Distinct for the first 100
/// indices (tested); a city's colouring uses fewer than ten.
///
/// ```
/// use kshetra_core::palette::area_colour_on_white;
/// assert_eq!(area_colour_on_white(0), "#ecb740"); // #e69f00 at 75 % on white
/// ```
pub fn area_colour_on_white(i: usize) -> String {
    let hex = area_colour(i);
    let channel = |k: usize| u8::from_str_radix(&hex[1 + 2 * k..3 + 2 * k], 16).unwrap_or(0);
    let blend = |c: u8| {
        (f64::from(c) * AREA_FILL_OPACITY + 255.0 * (1.0 - AREA_FILL_OPACITY)).round() as u8
    };
    format!("#{:02x}{:02x}{:02x}", blend(channel(0)), blend(channel(1)), blend(channel(2)))
}

fn hsl_to_rgb(h: f64, s: f64, l: f64) -> (u8, u8, u8) {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let hp = h / 60.0;
    let x = c * (1.0 - (hp % 2.0 - 1.0).abs());
    let (r, g, b) = match hp as u32 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    let m = l - c / 2.0;
    let to = |v: f64| ((v + m) * 255.0).round().clamp(0.0, 255.0) as u8;
    (to(r), to(g), to(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_fills_are_distinct_hex_colours() {
        let mut seen = std::collections::BTreeSet::new();
        for c in ZONE_FILLS.iter().chain([&NO_ZONE_FILL]) {
            assert!(
                c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|d| d.is_ascii_hexdigit()),
                "{c}"
            );
            assert!(seen.insert(*c), "duplicate colour {c}");
        }
        assert_eq!(zone_fill(Some(20)), ZONE_FILLS[0]);
    }

    #[test]
    fn area_colours_are_distinct_for_distinct_indices() {
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..500 {
            let c = area_colour(i);
            assert!(
                c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|d| d.is_ascii_hexdigit()),
                "{c}"
            );
            assert!(seen.insert(c.clone()), "colour {i} = {c} repeats");
        }
        assert_eq!(area_colour(0), AREA_COLOURS[0]);
    }

    #[test]
    fn printed_area_colours_stay_distinct_and_lighter() {
        // Blending loses a quarter of each channel's levels, so far-out generated colours may
        // meet; the first 100 (a city's colouring needs under ten) stay distinct.
        let mut seen = std::collections::BTreeSet::new();
        for i in 0..100 {
            let c = area_colour_on_white(i);
            assert!(seen.insert(c.clone()), "printed colour {i} = {c} repeats");
            let sum = |h: &str| -> u32 {
                (0..3).map(|k| u32::from_str_radix(&h[1 + 2 * k..3 + 2 * k], 16).unwrap()).sum()
            };
            assert!(sum(&c) >= sum(&area_colour(i)), "{i}: {c} is darker than the screen's");
        }
    }
}
