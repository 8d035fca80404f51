//! Property: any assignment (unassigned wards, indices past the areas, empty areas, odd
//! names) renders without panic into well-formed SVG whose labels do not overlap.

use geo::{polygon, MultiPolygon};
use kshetra_core::{Ward, WardMap};
use kshetra_poster::{
    render_organiser_sheet_prepared, render_poster_prepared, render_tiles_prepared,
};
use kshetra_poster::{
    AreaInfo, ContactPoint, Orientation, Paper, PosterInput, PosterOptions, Prepared, PrintLang,
    TileOptions,
};
use proptest::prelude::*;

use crate::xml;

/// A 5 × 4 grid of square wards (≈ 1 km) near Lucknow, some with zones.
fn grid_map() -> WardMap {
    let mut wards = Vec::new();
    for r in 0..4 {
        for c in 0..5 {
            let (x, y, d) = (80.9 + c as f64 * 0.01, 26.8 + r as f64 * 0.01, 0.01);
            let mut ward = Ward::new(
                (r * 5 + c + 1).to_string(),
                MultiPolygon::new(vec![
                    polygon![(x: x, y: y), (x: x + d, y: y), (x: x + d, y: y + d), (x: x, y: y + d), (x: x, y: y)],
                ]),
            );
            ward.name = Some(format!("Ward <{r},{c}>"));
            ward.zone = Some(format!("Zone {}", c / 2));
            ward.population = if (r + c) % 3 == 0 { None } else { Some(10_000 + r * 100) };
            wards.push(ward);
        }
    }
    WardMap::new(wards)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_assignment_renders_well_formed_svg(
        assignment in proptest::collection::vec(proptest::option::of(0usize..8), 0..25),
        n_areas in 0usize..7,
        name in "[a-zA-Z<>&\"' ०-९क-ह]{0,20}",
        paper in 0usize..3,
        lang in 0usize..3,
        bw in any::<bool>(),
        landscape in any::<bool>(),
    ) {
        let map = grid_map();
        let areas: Vec<AreaInfo> = (0..n_areas).map(|a| AreaInfo {
            number: (a + 1).to_string(),
            organiser_name: if a % 2 == 0 { name.clone() } else { String::new() },
            mobile: Some(name.clone()),
            role: None,
            poor_households: a as u64 * 1000,
            contact_point: (a % 3 == 0).then(|| ContactPoint { name: name.clone(), lon: 80.92 + a as f64 * 0.003, lat: 26.82, meeting: Some(name.clone()) }),
        }).collect();
        let graph = kshetra_core::adjacency::build(&map, &Default::default());
        let input = PosterInput {
            wards: &map,
            graph: &graph,
            assignment,
            areas,
            // Too short: the poster colours the areas itself (by area index).
            colours: vec![],
            ward_poor_households: vec![Some(5)],
            summary: Default::default(),
            title: Default::default(),
            attribution: vec![name.clone()],
        };
        let prep = Prepared::new(&input);
        let opts = PosterOptions::new([Paper::A4, Paper::A3, Paper::A1][paper])
            .lang([PrintLang::Hindi, PrintLang::English, PrintLang::Both][lang])
            .black_and_white(bw)
            .orientation(if landscape { Orientation::Landscape } else { Orientation::Auto });
        let svg = render_poster_prepared(&prep, &opts);
        let els = xml::parse(&svg).map_err(TestCaseError::fail)?;
        let boxes = xml::label_boxes(&els);
        prop_assert!(xml::overlaps(&boxes).is_empty());
        prop_assert_eq!(els.iter().filter(|e| e.has_class("ward-no")).count(), 20);
        for a in 0..input.areas.len() {
            let sheet = render_organiser_sheet_prepared(&prep, a, &opts).unwrap();
            xml::parse(&sheet).map_err(TestCaseError::fail)?;
        }
        if paper == 2 {
            for t in render_tiles_prepared(&prep, &opts, &TileOptions::new(Paper::A4)) {
                xml::parse(&t).map_err(TestCaseError::fail)?;
            }
        }
    }
}
