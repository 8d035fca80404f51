//! The app keeps a project's undo history in the browser with the project, so that after a
//! reload the officer can still undo: the history must survive serialisation exactly.

use geo::{polygon, MultiPolygon};
use kshetra_core::project::{Edit, History, Organiser, Project};
use kshetra_core::{Ward, WardMap};

fn strip(n: usize) -> WardMap {
    WardMap::new(
        (0..n)
            .map(|i| {
                let x = 85.8 + i as f64 * 0.01;
                let sq = MultiPolygon::new(vec![polygon![(x: x, y: 20.3), (x: x + 0.01, y: 20.3), (x: x + 0.01, y: 20.31), (x: x, y: 20.31), (x: x, y: 20.3)]]);
                Ward::new((i + 1).to_string(), sq)
            })
            .collect(),
    )
}

#[test]
fn history_round_trips_and_undo_works_after_a_reload() {
    let map = strip(6);
    let mut project = Project::new("strip", "Strip");
    let mut history = History::new();
    history
        .apply(
            &mut project,
            &map,
            Edit::AddOrganisers(vec![Organiser::new("आशा"), Organiser::new("Ravi")]),
        )
        .unwrap();
    let (a, b) = (project.organisers[0].id, project.organisers[1].id);
    let plan = (1..=6).map(|w| (w.to_string(), if w <= 3 { a } else { b })).collect();
    history.apply(&mut project, &map, Edit::ApplyPlan { assignment: plan }).unwrap();
    history.apply(&mut project, &map, Edit::Assign { wards: vec!["4".into()], to: a }).unwrap();
    history.apply(&mut project, &map, Edit::Lock { wards: vec!["1".into()] }).unwrap();
    history.undo(&mut project);

    // "Reload": both go through JSON, as the app stores them.
    let saved = serde_json::to_string(&(&project, &history)).unwrap();
    let (mut project2, mut history2): (Project, History) = serde_json::from_str(&saved).unwrap();
    assert_eq!(project2, project);
    assert_eq!(history2, history);

    // Redo the lock, then undo it and the hand edit: ward 4 goes back to Ravi.
    assert!(history2.redo(&mut project2));
    assert!(project2.plan.is_locked("1"));
    assert!(history2.undo(&mut project2));
    assert!(history2.undo(&mut project2));
    assert_eq!(project2.plan.organiser_of("4"), Some(b));
    // Undo the plan and the organisers: back to the empty project.
    assert!(history2.undo(&mut project2));
    assert!(history2.undo(&mut project2));
    assert!(!history2.can_undo());
    assert!(project2.organisers.is_empty() && project2.plan.assignment.is_empty());
}
