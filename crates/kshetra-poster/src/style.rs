//! Fills: the screen's area colours (core's palette and colouring, so print and screen agree)
//! and hatching patterns for monochrome printers.

use std::fmt::Write;

use kshetra_core::adjacency::WardGraph;
use kshetra_core::palette::area_colour_on_white;
use kshetra_core::project::area_colours_of;

use crate::svg::num;

/// Number of distinct hatchings for black-and-white output; colour index `i` prints as hatching
/// `i % N_HATCHES` (DSatur needs more than eight colours only on area graphs far denser than a
/// city's).
pub const N_HATCHES: usize = 8;

/// The screen's colour index of each area (index as in [`PosterInput::areas`]), from the ward
/// graph the plan was made on: core's DSatur colouring, the function the app's map uses, on
/// the organiser ids `ids` (area `a` has id `ids[a]`; with fewer ids than areas, the area
/// indices are the ids), so print and screen agree. Areas without wards get colour 0.
///
/// [`PosterInput::areas`]: crate::PosterInput::areas
pub fn screen_colours(
    graph: &WardGraph,
    assignment: &[Option<usize>],
    n_areas: usize,
    ids: &[u32],
) -> Vec<usize> {
    let by_index = ids.len() < n_areas;
    let id_of = |a: usize| if by_index { a as u32 } else { ids[a] };
    let owner: Vec<Option<u32>> =
        assignment.iter().map(|a| a.filter(|&a| a < n_areas).map(id_of)).collect();
    let colours = area_colours_of(graph, &owner);
    (0..n_areas).map(|a| colours.get(&id_of(a)).copied().unwrap_or(0)).collect()
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
    let cells: [f64; N_HATCHES] = [g, g * 1.4, g, g * 1.4, g, g * 1.2, g * 1.3, g * 1.1];
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

/// The fill attribute value for colour index `i`: the screen's colour as it looks on white
/// ([`area_colour_on_white`]), or hatching `i % N_HATCHES` in black and white.
pub fn fill_ref(i: usize, black_and_white: bool) -> String {
    if black_and_white {
        format!("url(#h{})", i % N_HATCHES)
    } else {
        area_colour_on_white(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_are_the_screens_by_organiser_id() {
        use geo::{polygon, MultiPolygon};
        use kshetra_core::adjacency::{self, AdjacencyOptions};
        use kshetra_core::{Ward, WardMap};
        // A row of four squares: areas 0 | 1 | 0 | 2 by ward.
        let wards = (0..4)
            .map(|i| {
                let x = 80.0 + i as f64 * 0.01;
                let sq = polygon![(x: x, y: 26.0), (x: x + 0.01, y: 26.0), (x: x + 0.01, y: 26.01), (x: x, y: 26.01), (x: x, y: 26.0)];
                Ward::new((i + 1).to_string(), MultiPolygon::new(vec![sq]))
            })
            .collect();
        let map = WardMap::new(wards);
        let graph = adjacency::build(&map, &AdjacencyOptions::default());
        let assignment = [Some(0), Some(1), Some(0), Some(2)];
        let ids = [7, 3, 9, 1];
        let c = screen_colours(&graph, &assignment, 4, &ids);
        let screen = area_colours_of(
            &graph,
            &assignment.iter().map(|a| a.map(|a| ids[a])).collect::<Vec<_>>(),
        );
        assert_eq!(&c[..3], &[screen[&7], screen[&3], screen[&9]]);
        assert_eq!(c[3], 0, "an area without wards");
        assert_ne!(c[0], c[1]);
        assert_ne!(c[0], c[2]);
        let by_index = screen_colours(&graph, &assignment, 4, &[]);
        assert_eq!(by_index[3], 0);
        assert_ne!(by_index[0], by_index[1]);
    }

    #[test]
    fn fills_are_distinct() {
        let mut v: Vec<String> = (0..N_HATCHES * 2).map(|i| fill_ref(i, false)).collect();
        v.sort();
        v.dedup();
        assert_eq!(v.len(), N_HATCHES * 2);
        assert_eq!(fill_ref(N_HATCHES + 1, true), "url(#h1)");
    }
}
