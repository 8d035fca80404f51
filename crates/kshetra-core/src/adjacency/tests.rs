use super::*;
use crate::model::Ward;
use geo::MultiPolygon;

/// A ward from metre offsets around Lucknow (so tolerances in metres are meaningful).
fn ward(number: &str, pts: &[(f64, f64)]) -> Ward {
    let proj = LocalProjection::new(80.95, 26.85);
    let ring: Vec<(f64, f64)> = pts.iter().map(|&(x, y)| proj.unproject([x, y])).collect();
    Ward {
        number: number.into(),
        name: None,
        zone: None,
        population: None,
        geometry: MultiPolygon::new(vec![geo::Polygon::new(ring.into(), vec![])]),
        households: None,
        poor_households: None,
        extra: Default::default(),
    }
}

fn rect(number: &str, x0: f64, y0: f64, x1: f64, y1: f64) -> Ward {
    ward(number, &[(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)])
}

fn pairs(g: &WardGraph) -> Vec<(usize, usize)> {
    g.edges().map(|(a, b, _)| (a, b)).collect()
}

#[test]
fn exact_shared_edge_is_adjacent_in_both_modes() {
    let map =
        WardMap::new(vec![rect("1", 0.0, 0.0, 100.0, 100.0), rect("2", 100.0, 0.0, 200.0, 100.0)]);
    for opts in [AdjacencyOptions::strict(), AdjacencyOptions::default()] {
        let g = build(&map, &opts);
        assert_eq!(pairs(&g), vec![(0, 1)], "{opts:?}");
        let shared = g.neighbours(0)[0].shared_m;
        assert!(shared > 99.0 && shared < 111.0, "{opts:?}: {shared}");
    }
}

#[test]
fn a_gap_narrower_than_the_tolerance_is_bridged_only_when_tolerant() {
    let map =
        WardMap::new(vec![rect("1", 0.0, 0.0, 100.0, 100.0), rect("2", 103.0, 0.0, 200.0, 100.0)]);
    assert!(pairs(&build(&map, &AdjacencyOptions::strict())).is_empty());
    assert_eq!(pairs(&build(&map, &AdjacencyOptions::default())), vec![(0, 1)]);
    assert!(pairs(&build(&map, &AdjacencyOptions::tolerant(2.0))).is_empty());
}

#[test]
fn a_deep_overlap_is_adjacent_when_tolerant() {
    // Ward 2 overlaps ward 1 by 30 m; the overlapped boundary is far from ward 2's boundary.
    let map =
        WardMap::new(vec![rect("1", 0.0, 0.0, 100.0, 100.0), rect("2", 70.0, 40.0, 200.0, 60.0)]);
    let g = build(&map, &AdjacencyOptions::tolerant(1.0));
    assert_eq!(pairs(&g), vec![(0, 1)]);
    // Ward 2's boundary inside ward 1 is 30 + 20 + 30 m; the two long sides (crossing ward 1's
    // boundary) already decide it, the deep 20 m end is only counted when it decides.
    let shared = g.neighbours(0)[0].shared_m;
    assert!((58.0..=83.0).contains(&shared), "{shared}");
    // A deep overlap whose crossing parts alone are short of the threshold: the deep part
    // decides. Ward 2 pokes 30 m into ward 1 through a 1 m wide neck.
    let poke = WardMap::new(vec![
        rect("1", 0.0, 0.0, 100.0, 100.0),
        ward(
            "2",
            &[
                (70.0, 40.0),
                (100.5, 40.0),
                (100.5, 49.5),
                (300.0, 49.5),
                (300.0, 50.5),
                (100.5, 50.5),
                (100.5, 60.0),
                (70.0, 60.0),
                (70.0, 40.0),
            ],
        ),
    ]);
    let g = build(&poke, &AdjacencyOptions::tolerant(0.2));
    assert_eq!(pairs(&g), vec![(0, 1)]);
    assert!(pairs(&build(&map, &AdjacencyOptions::strict())).is_empty());
}

#[test]
fn corner_contacts_are_not_adjacent() {
    let map = WardMap::new(vec![
        rect("1", 0.0, 0.0, 100.0, 100.0),
        rect("2", 100.0, 100.0, 200.0, 200.0),
    ]);
    assert!(pairs(&build(&map, &AdjacencyOptions::default())).is_empty());
    assert!(pairs(&build(&map, &AdjacencyOptions::strict())).is_empty());
    // Even a corner contact with a little overlap.
    let map =
        WardMap::new(vec![rect("1", 0.0, 0.0, 100.0, 100.0), rect("2", 98.0, 98.0, 200.0, 200.0)]);
    assert!(pairs(&build(&map, &AdjacencyOptions::default())).is_empty());
}

#[test]
fn enclave_in_a_hole_is_adjacent() {
    let proj = LocalProjection::new(80.95, 26.85);
    let pt = |x: f64, y: f64| {
        let (lon, lat) = proj.unproject([x, y]);
        geo::coord! { x: lon, y: lat }
    };
    let outer = geo::Polygon::new(
        vec![pt(0.0, 0.0), pt(300.0, 0.0), pt(300.0, 300.0), pt(0.0, 300.0), pt(0.0, 0.0)].into(),
        vec![vec![
            pt(100.0, 100.0),
            pt(200.0, 100.0),
            pt(200.0, 200.0),
            pt(100.0, 200.0),
            pt(100.0, 100.0),
        ]
        .into()],
    );
    let ring = Ward {
        number: "1".into(),
        name: None,
        zone: None,
        population: None,
        geometry: MultiPolygon::new(vec![outer]),
        households: None,
        poor_households: None,
        extra: Default::default(),
    };
    let map = WardMap::new(vec![ring, rect("2", 100.0, 100.0, 200.0, 200.0)]);
    assert_eq!(pairs(&build(&map, &AdjacencyOptions::strict())), vec![(0, 1)]);
    assert_eq!(pairs(&build(&map, &AdjacencyOptions::default())), vec![(0, 1)]);
}

#[test]
fn components_are_sorted_largest_first() {
    let map = WardMap::new(vec![
        rect("1", 0.0, 0.0, 100.0, 100.0),
        rect("2", 100.0, 0.0, 200.0, 100.0),
        rect("3", 200.0, 0.0, 300.0, 100.0),
        rect("4", 1000.0, 0.0, 1100.0, 100.0),
    ]);
    let mut g = build(&map, &AdjacencyOptions::default());
    let c = g.components();
    assert_eq!(c.members, vec![vec![0, 1, 2], vec![3]]);
    assert_eq!(c.of_ward, vec![0, 0, 0, 1]);
    g.link(2, 3, 0.0);
    assert_eq!(g.components().count(), 1);
    assert_eq!(g.edge_count(), 3);
}

#[test]
fn bridges_join_islands_to_their_nearest_ward() {
    let map = WardMap::new(vec![
        rect("1", 0.0, 0.0, 100.0, 100.0),
        rect("2", 100.0, 0.0, 200.0, 100.0),
        rect("3", 250.0, 0.0, 300.0, 100.0),
        rect("4", 0.0, 400.0, 100.0, 500.0),
    ]);
    let mut g = build(&map, &AdjacencyOptions::default());
    assert_eq!(g.components().count(), 3);
    let bridges = suggest_bridges(&map, &g);
    assert_eq!(bridges.len(), 2);
    // Ward 3 (index 2) is 50 m from ward 2 (index 1); ward 4 (index 3) 300 m above ward 1.
    let b3 = bridges.iter().find(|b| b.from == 2).unwrap();
    assert_eq!(b3.to, 1);
    assert!((b3.gap_m - 50.0).abs() < 0.5, "{b3:?}");
    let b4 = bridges.iter().find(|b| b.from == 3).unwrap();
    assert_eq!(b4.to, 0);
    assert!((b4.gap_m - 300.0).abs() < 1.0, "{b4:?}");
    assert_eq!(bridge_all(&map, &mut g), bridges);
    assert_eq!(g.components().count(), 1);
    assert!(suggest_bridges(&map, &g).is_empty());
}

#[test]
fn two_islands_that_pick_each_other_still_end_up_joined() {
    let map = WardMap::new(vec![
        rect("1", 0.0, 0.0, 100.0, 100.0),
        rect("2", 100.0, 0.0, 200.0, 100.0),
        rect("3", 1000.0, 0.0, 1100.0, 100.0),
        rect("4", 1120.0, 0.0, 1200.0, 100.0),
    ]);
    let mut g = build(&map, &AdjacencyOptions::tolerant(5.0));
    assert_eq!(g.components().count(), 3);
    let added = bridge_all(&map, &mut g);
    assert_eq!(g.components().count(), 1);
    assert!(added.len() >= 2);
}

#[test]
fn connectivity_applies_links_by_ward_number() {
    let map =
        WardMap::new(vec![rect("1", 0.0, 0.0, 100.0, 100.0), rect("2", 500.0, 0.0, 600.0, 100.0)]);
    let c = connectivity(&map, &AdjacencyOptions::default(), &[]);
    assert_eq!(c.components.count(), 2);
    assert_eq!(c.suggested.len(), 1);
    let links = vec![("2".to_string(), "1".to_string()), ("9".to_string(), "1".to_string())];
    let c = connectivity(&map, &AdjacencyOptions::default(), &links);
    assert_eq!(c.components.count(), 1);
    assert!(c.suggested.is_empty());
    assert_eq!(c.graph.edge_count(), 1);
}

#[test]
fn interval_helpers() {
    // Segment along x from 0 to 10; capsule of radius 1 around a segment from (4, 0.5) to (6, 0.5).
    let iv = capsule_interval([0.0, 0.0], [10.0, 0.0], [4.0, 0.5], [6.0, 0.5], 1.0).unwrap();
    let expected_lo = (4.0 - (1.0f64 - 0.25).sqrt()) / 10.0;
    assert!(
        (iv.0 - expected_lo).abs() < 1e-12 && (iv.1 - (1.0 - expected_lo)).abs() < 1e-12,
        "{iv:?}"
    );
    assert!(capsule_interval([0.0, 0.0], [10.0, 0.0], [4.0, 2.0], [6.0, 2.0], 1.0).is_none());
    let mut v = vec![(0.5, 0.7), (0.1, 0.2), (0.15, 0.3)];
    assert!((merge(&mut v) - 0.4).abs() < 1e-12);
    assert_eq!(v, vec![(0.1, 0.3), (0.5, 0.7)]);
    assert_eq!(gaps(&v), vec![(0.0, 0.1), (0.3, 0.5), (0.7, 1.0)]);
}

proptest::proptest! {
    /// On a grid of exactly tiled squares both modes give the rook graph.
    #[test]
    fn grid_is_the_rook_graph(cols in 1usize..6, rows in 1usize..6, size in 50.0f64..500.0) {
        let mut wards = Vec::new();
        for r in 0..rows {
            for c in 0..cols {
                let (x, y) = (c as f64 * size, r as f64 * size);
                wards.push(rect(&format!("{}", r * cols + c + 1), x, y, x + size, y + size));
            }
        }
        let map = WardMap::new(wards);
        let rook = rows * (cols - 1) + cols * (rows - 1);
        for opts in [AdjacencyOptions::strict(), AdjacencyOptions::default()] {
            let g = build(&map, &opts);
            proptest::prop_assert_eq!(g.edge_count(), rook);
            proptest::prop_assert_eq!(g.components().count(), 1);
        }
    }
}
