//! "Rebalance around this area" on a real map: only the chosen area and its neighbours
//! change, everything else stays, areas stay in one piece and the local balance improves.

use kshetra_alloc::{allocate, Control, Settings};
use kshetra_core::adjacency::{connectivity, AdjacencyOptions};
use kshetra_core::allocation::{problem_for, weights, Weight};
use kshetra_core::import::geojson;
use kshetra_core::project::rebalance::around;
use kshetra_core::project::{stats, Edit, Organiser, Project};

#[test]
fn rebalancing_moves_only_the_area_and_its_neighbours() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/bhubaneswar.geojson"
    ))
    .unwrap();
    let map = geojson::parse("bhubaneswar.geojson", &bytes).unwrap().map;
    let conn = connectivity(&map, &AdjacencyOptions::default(), &[]);
    let w = weights(&map, &Weight::Population);
    let full = problem_for(&map, &conn.graph, w.clone());
    let mut project = Project::new("bhubaneswar", "Bhubaneswar");
    project
        .apply(
            &map,
            Edit::AddOrganisers((1..=8).map(|i| Organiser::new(format!("CO {i}"))).collect()),
        )
        .unwrap();
    // A deliberately poor plan: the engine's plan, then a block of wards moved by hand.
    let outcome =
        allocate(&full, &project.engine_organisers(&map), &project.settings.engine(), &mut |_| {
            Control::Continue
        })
        .unwrap();
    project.apply(&map, project.plan_from_engine(&map, &outcome.assignment)).unwrap();
    let first = project.organisers[0].id;
    let victim = conn
        .graph
        .neighbours(map.index_of(project.plan.wards_of(first).next().unwrap()).unwrap())
        .iter()
        .map(|n| map.wards()[n.ward].number.clone())
        .find(|n| project.plan.organiser_of(n) != Some(first))
        .expect("a neighbouring ward of another area");
    project.apply(&map, Edit::Assign { wards: vec![victim], to: first }).unwrap();
    let before = stats(&map, &conn.graph, &project, &w);

    let run = around(&map, &conn.graph, &project, &full, first).expect("organiser 1 has wards");
    assert!(run.ids.contains(&first) && run.ids.len() >= 2, "the area and at least one neighbour");
    let settings = Settings::new(1)
        .epsilon(project.settings.epsilon)
        .respect_zones(project.settings.respect_zones);
    let local =
        allocate(&run.problem, &run.organisers, &settings, &mut |_| Control::Continue).unwrap();
    let edit = run.edit(&map, &project, &local.assignment);
    let old = project.plan.clone();
    project.apply(&map, edit).unwrap();
    let after = stats(&map, &conn.graph, &project, &w);

    // Wards of organisers not taking part did not move.
    for (ward, id) in &old.assignment {
        if !run.ids.contains(id) {
            assert_eq!(
                project.plan.organiser_of(ward),
                Some(*id),
                "ward {ward} outside the region moved"
            );
        }
    }
    assert_eq!(project.plan.assignment.len(), old.assignment.len(), "no ward left unassigned");
    for a in &after.areas {
        assert_eq!(a.pieces, 1, "organiser {} in one piece", a.organiser);
    }
    let worst = |s: &kshetra_core::project::PlanStats| {
        s.areas
            .iter()
            .filter(|a| run.ids.contains(&a.organiser))
            .map(|a| a.deviation.abs())
            .fold(0.0, f64::max)
    };
    assert!(
        worst(&after) <= worst(&before) + 1e-9,
        "local worst {} -> {}",
        worst(&before),
        worst(&after)
    );
}
