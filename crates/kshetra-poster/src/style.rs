//! Fills: a colour-blind-safe palette, hatching patterns for monochrome printers, and the
//! greedy colouring that keeps neighbouring areas apart.

use std::fmt::Write;

use crate::svg::num;

/// Paul Tol's "light" scheme (colour-blind safe, pale enough for dark text on top), without
/// its grey, which marks unassigned wards.
pub const AREA_FILLS: [&str; 8] =
    ["#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00"];

/// Number of distinct fills (colours or hatchings).
pub const N_FILLS: usize = AREA_FILLS.len();

/// Colours the area graph greedily so that neighbouring areas get different fills.
///
/// Areas are taken by decreasing number of neighbours (ties by index, Welsh–Powell), and each
/// gets the least-used fill not used by an already-coloured neighbour (ties: lowest fill). If
/// all fills are taken by neighbours (more than eight coloured neighbours), the fill shared with
/// the fewest neighbours is used. Deterministic.
pub fn colour_areas(neighbours: &[Vec<usize>]) -> Vec<usize> {
    let n = neighbours.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| neighbours[b].len().cmp(&neighbours[a].len()).then(a.cmp(&b)));
    let mut colour: Vec<Option<usize>> = vec![None; n];
    let mut used = [0usize; N_FILLS];
    for a in order {
        let mut clash = [0usize; N_FILLS];
        for &b in &neighbours[a] {
            if let Some(c) = colour.get(b).copied().flatten() {
                clash[c] += 1;
            }
        }
        let best = (0..N_FILLS).min_by_key(|&c| (clash[c], used[c], c)).unwrap_or(0);
        colour[a] = Some(best);
        used[best] += 1;
    }
    colour.into_iter().map(|c| c.unwrap_or(0)).collect()
}

/// The `<pattern>` definitions for black-and-white output (ids `h0`…`h7`, plus `hu` for
/// unassigned wards), line spacing scaled by `s`.
pub fn hatch_defs(s: f64) -> String {
    let g = 1.8 * s.sqrt(); // spacing (mm)
    let w = num(0.22 * s.sqrt());
    let mut out = String::new();
    let line = |x1: f64, y1: f64, x2: f64, y2: f64| {
        format!(
            r##"<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#555" stroke-width="{w}"/>"##,
            num(x1),
            num(y1),
            num(x2),
            num(y2)
        )
    };
    let dot = |cx: f64, cy: f64, r: f64| {
        format!(r##"<circle cx="{}" cy="{}" r="{}" fill="#555"/>"##, num(cx), num(cy), num(r))
    };
    // Sparse patterns (1, 3, 7) use wider cells so they stay distinct from the dense ones.
    let cells: [f64; N_FILLS] = [g, g * 1.4, g, g * 1.4, g, g * 1.2, g * 1.3, g * 1.1];
    for (i, &c) in cells.iter().enumerate() {
        let h = c / 2.0;
        let body = match i {
            0 => line(0.0, c, c, 0.0) + &line(-h, h, h, -h) + &line(h, c + h, c + h, h),
            1 => line(0.0, h, c, h),
            2 => line(0.0, 0.0, c, c) + &line(-h, h, h, c + h) + &line(h, -h, c + h, h),
            3 => line(h, 0.0, h, c),
            4 => dot(h, h, 0.2 * c),
            5 => line(0.0, 0.0, c, c) + &line(0.0, c, c, 0.0),
            6 => line(0.0, h, c, h) + &line(h, 0.0, h, c),
            _ => dot(c / 4.0, c / 4.0, 0.1 * c) + &dot(c * 0.75, c * 0.75, 0.1 * c),
        };
        let _ = write!(
            out,
            r##"<pattern id="h{i}" patternUnits="userSpaceOnUse" width="{c}" height="{c}"><rect width="{c}" height="{c}" fill="#fff"/>{body}</pattern>"##,
            c = num(c),
        );
    }
    out.push_str(&unassigned_def(s));
    out
}

/// Pattern for unassigned wards (`hu`): sparse grey cross-dashes on white, used in colour and
/// black-and-white output alike.
pub fn unassigned_def(s: f64) -> String {
    let g = 3.0 * s.sqrt();
    format!(
        r##"<pattern id="hu" patternUnits="userSpaceOnUse" width="{g}" height="{g}"><rect width="{g}" height="{g}" fill="#fff"/><path d="M0 {g}L{g} 0" stroke="#bbb" stroke-width="{w}"/></pattern>"##,
        g = num(g),
        w = num(0.25 * s.sqrt())
    )
}

/// The fill attribute value for fill index `i`.
pub fn fill_ref(i: usize, black_and_white: bool) -> String {
    if black_and_white {
        format!("url(#h{})", i % N_FILLS)
    } else {
        AREA_FILLS[i % N_FILLS].to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_never_share_a_fill_when_avoidable() {
        // A wheel: hub 0 with a ring of 7 (needs 4 colours).
        let mut nb = vec![Vec::new(); 8];
        for i in 1..8 {
            let j = if i == 7 { 1 } else { i + 1 };
            for (a, b) in [(0, i), (i, j)] {
                nb[a].push(b);
                nb[b].push(a);
            }
        }
        let c = colour_areas(&nb);
        for (a, ns) in nb.iter().enumerate() {
            for &b in ns {
                assert_ne!(c[a], c[b], "{a}-{b}");
            }
        }
        assert_eq!(c, colour_areas(&nb));
        assert!(colour_areas(&[]).is_empty());
    }

    #[test]
    fn palette_is_distinct() {
        let mut v = AREA_FILLS.to_vec();
        v.sort();
        v.dedup();
        assert_eq!(v.len(), N_FILLS);
    }
}
