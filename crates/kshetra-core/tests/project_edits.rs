//! Project edits, locks, undo/redo and the split-area check on a small grid map.

use geo::{polygon, MultiPolygon};
use kshetra_core::adjacency::WardGraph;
use kshetra_core::i18n::Lang;
use kshetra_core::messages::UserText;
use kshetra_core::project::model::AllocSettings;
use kshetra_core::project::{splits_area, Edit, History, Organiser, Project, ProjectError};
use kshetra_core::{Ward, WardMap};

/// A `w` × `h` grid of square wards numbered 1.. row by row, and its 4-neighbour graph.
fn grid(w: usize, h: usize) -> (WardMap, WardGraph) {
    let mut wards = Vec::new();
    for r in 0..h {
        for c in 0..w {
            let (x, y) = (85.8 + c as f64 * 0.01, 20.3 + r as f64 * 0.01);
            let sq = MultiPolygon::new(vec![
                polygon![(x: x, y: y), (x: x + 0.01, y: y), (x: x + 0.01, y: y + 0.01), (x: x, y: y + 0.01), (x: x, y: y)],
            ]);
            let mut ward = Ward::new((r * w + c + 1).to_string(), sq);
            ward.population = Some(1000);
            wards.push(ward);
        }
    }
    let map = WardMap::new(wards);
    let mut g = WardGraph::empty(w * h);
    for r in 0..h {
        for c in 0..w {
            let i = map.index_of(&(r * w + c + 1).to_string()).unwrap();
            if c + 1 < w {
                g.link(i, map.index_of(&(r * w + c + 2).to_string()).unwrap(), 1000.0);
            }
            if r + 1 < h {
                g.link(i, map.index_of(&((r + 1) * w + c + 1).to_string()).unwrap(), 1000.0);
            }
        }
    }
    (map, g)
}

fn wards(list: &[u32]) -> Vec<String> {
    list.iter().map(u32::to_string).collect()
}

fn project_with(map: &WardMap, names: &[&str]) -> Project {
    let mut p = Project::new("grid", "Grid");
    p.apply(map, Edit::AddOrganisers(names.iter().map(|n| Organiser::new(*n)).collect())).unwrap();
    p
}

#[test]
fn ids_are_stable_and_never_reused() {
    let (map, _) = grid(3, 3);
    let mut p = project_with(&map, &["A", "B", "C"]);
    assert_eq!(p.organisers.iter().map(|o| o.id).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(p.organisers[0].role, "सामुदायिक संगठक");
    p.apply(&map, Edit::RemoveOrganiser { id: 3 }).unwrap();
    p.apply(&map, Edit::AddOrganiser { organiser: Organiser::new("D"), at: Some(0) }).unwrap();
    assert_eq!(
        p.organisers.iter().map(|o| (o.id, o.name.as_str())).collect::<Vec<_>>(),
        [(4, "D"), (1, "A"), (2, "B")]
    );
    p.apply(&map, Edit::MoveOrganiser { id: 4, to: 99 }).unwrap();
    assert_eq!(p.organisers.iter().map(|o| o.id).collect::<Vec<_>>(), [1, 2, 4]);
}

#[test]
fn assign_undo_redo_and_redo_cleared_by_a_new_edit() {
    let (map, _) = grid(3, 3);
    let mut p = project_with(&map, &["A", "B"]);
    let mut h = History::new();
    let start = p.clone();
    h.apply(&mut p, &map, Edit::Assign { wards: wards(&[1, 2, 3]), to: 1 }).unwrap();
    h.apply(&mut p, &map, Edit::Assign { wards: wards(&[3, 6]), to: 2 }).unwrap();
    let after = p.clone();
    assert_eq!(p.plan.organiser_of("3"), Some(2));
    assert!(h.undo(&mut p));
    assert_eq!(p.plan.organiser_of("3"), Some(1));
    assert_eq!(p.plan.organiser_of("6"), None);
    assert!(h.undo(&mut p));
    assert_eq!(p, start);
    assert!(!h.undo(&mut p));
    assert!(h.redo(&mut p) && h.redo(&mut p));
    assert_eq!(p, after);
    assert!(!h.redo(&mut p));
    h.undo(&mut p);
    h.apply(&mut p, &map, Edit::Unassign { wards: wards(&[1]) }).unwrap();
    assert!(!h.can_redo(), "a new edit clears redo");
    // An edit that changes nothing is not a step.
    let steps = h.undo_len();
    h.apply(&mut p, &map, Edit::Unassign { wards: wards(&[1]) }).unwrap();
    assert_eq!(h.undo_len(), steps);
}

#[test]
fn brush_strokes_coalesce_and_history_is_capped() {
    let (map, _) = grid(5, 5);
    let mut p = project_with(&map, &["A", "B"]);
    let mut h = History::new();
    for w in 1..=5 {
        h.apply_in_stroke(&mut p, &map, Edit::Assign { wards: wards(&[w]), to: 1 }, 7).unwrap();
    }
    assert_eq!(h.undo_len(), 1);
    h.undo(&mut p);
    assert!(p.plan.assignment.is_empty());
    for i in 0..(History::CAPACITY + 50) {
        h.apply(&mut p, &map, Edit::Assign { wards: wards(&[1]), to: 1 + (i % 2) as u32 }).unwrap();
    }
    assert_eq!(h.undo_len(), History::CAPACITY);
}

#[test]
fn locks_refuse_moves_with_a_message_and_leave_the_project_unchanged() {
    let (map, _) = grid(3, 3);
    let mut p = project_with(&map, &["A", "B"]);
    p.apply(&map, Edit::Assign { wards: wards(&[1, 2, 3]), to: 1 }).unwrap();
    let e = p.apply(&map, Edit::Lock { wards: wards(&[3, 4]) }).unwrap_err();
    assert_eq!(e, ProjectError::NotAssigned { wards: wards(&[4]) });
    assert_eq!(
        e.message(Lang::En),
        "These wards are not assigned to an organiser, so they cannot be locked: 4"
    );
    p.apply(&map, Edit::Lock { wards: wards(&[3]) }).unwrap();
    let before = p.clone();
    let e = p.apply(&map, Edit::Assign { wards: wards(&[2, 3]), to: 2 }).unwrap_err();
    assert_eq!(e, ProjectError::LockedWards { wards: wards(&[3]) });
    assert_eq!(e.message(Lang::En), "These wards are locked; unlock them first: 3");
    assert_eq!(e.message(Lang::Hi), "ये वार्ड लॉक हैं, पहले इन्हें अनलॉक करें: 3");
    assert_eq!(p, before);
    // Assigning a locked ward to its own organiser is fine; unassigning is refused.
    p.apply(&map, Edit::Assign { wards: wards(&[3]), to: 1 }).unwrap();
    assert!(p.apply(&map, Edit::Unassign { wards: wards(&[3]) }).is_err());
    // Whole-area locks, and an automatic plan must keep locked wards.
    p.apply(&map, Edit::LockArea { organiser: 1 }).unwrap();
    assert_eq!(p.plan.locked.len(), 3);
    let auto = map.wards().iter().map(|w| (w.number.clone(), 2)).collect();
    assert_eq!(
        p.apply(&map, Edit::ApplyPlan { assignment: auto }).unwrap_err(),
        ProjectError::LockedWards { wards: wards(&[1, 2, 3]) }
    );
    p.apply(&map, Edit::UnlockArea { organiser: 1 }).unwrap();
    assert!(p.plan.locked.is_empty());
    p.apply(&map, Edit::Lock { wards: wards(&[1]) }).unwrap();
    p.apply(&map, Edit::ClearPlan { keep_locked: true }).unwrap();
    assert_eq!(p.plan.assignment.len(), 1);
    p.apply(&map, Edit::ClearPlan { keep_locked: false }).unwrap();
    assert!(p.plan.assignment.is_empty() && p.plan.locked.is_empty());
}

#[test]
fn removing_an_organiser_unassigns_their_wards_undoably() {
    let (map, _) = grid(3, 3);
    let mut p = project_with(&map, &["A", "B"]);
    let mut h = History::new();
    h.apply(&mut p, &map, Edit::Assign { wards: wards(&[1, 2]), to: 1 }).unwrap();
    h.apply(&mut p, &map, Edit::Assign { wards: wards(&[3]), to: 2 }).unwrap();
    h.apply(&mut p, &map, Edit::Lock { wards: wards(&[1]) }).unwrap();
    let before = p.clone();
    h.apply(&mut p, &map, Edit::RemoveOrganiser { id: 1 }).unwrap();
    assert_eq!(p.organisers.len(), 1);
    assert_eq!(p.plan.assignment.len(), 1);
    assert!(p.plan.locked.is_empty());
    h.undo(&mut p);
    assert_eq!(p, before);
    h.redo(&mut p);
    assert_eq!(p.plan.organiser_of("1"), None);
}

#[test]
fn refused_edits_name_the_problem() {
    let (map, _) = grid(2, 2);
    let mut p = project_with(&map, &["A"]);
    let e = p.apply(&map, Edit::Assign { wards: wards(&[1, 9, 12]), to: 1 }).unwrap_err();
    assert_eq!(e.message(Lang::En), "These wards are not on this map: 9, 12");
    let e = p.apply(&map, Edit::Assign { wards: wards(&[1]), to: 5 }).unwrap_err();
    assert_eq!(e.message(Lang::En), "Organiser (id 5) is not in this project.");
    let mut o = Organiser::new("Zed");
    o.capacity = 2.5;
    let e = p.apply(&map, Edit::AddOrganiser { organiser: o, at: None }).unwrap_err();
    assert_eq!(
        e.message(Lang::En),
        "Zed: capacity \"2.5\" must be a number above 0 and at most 2 (1 = normal)."
    );
    let mut o = Organiser::new("Zed");
    o.mobile = Some("12345".into());
    let e = p.apply(&map, Edit::AddOrganiser { organiser: o, at: None }).unwrap_err();
    assert_eq!(
        e.message(Lang::En),
        "Zed: mobile \"12345\" is not a 10-digit number starting with 6–9."
    );
    let mut o = p.organisers[0].clone();
    o.mobile = Some("+91 9876543210".into());
    p.apply(&map, Edit::UpdateOrganiser(o)).unwrap();
    assert_eq!(p.organisers[0].mobile.as_deref(), Some("9876543210"));
    let bad = AllocSettings { epsilon: 0.0, ..AllocSettings::default() };
    let e = p.apply(&map, Edit::SetSettings(bad)).unwrap_err();
    assert_eq!(e.message(Lang::En), "The setting epsilon = \"0\" is out of range.");
    assert_eq!(p.next_id(), 2);
}

#[test]
fn settings_are_undoable() {
    let (map, _) = grid(2, 2);
    let mut p = project_with(&map, &["A"]);
    let mut h = History::new();
    let s = AllocSettings { epsilon: 0.1, respect_zones: false, keep_home_wards: true, seed: 9 };
    h.apply(&mut p, &map, Edit::SetSettings(s)).unwrap();
    assert_eq!(p.settings, s);
    h.undo(&mut p);
    assert_eq!(p.settings, AllocSettings::default());
}

#[test]
fn split_check_sees_donor_and_receiver() {
    // 3 × 3: A has the top row (7, 8, 9), B the rest.
    let (map, g) = grid(3, 3);
    let mut p = project_with(&map, &["A", "B"]);
    p.apply(&map, Edit::Assign { wards: wards(&[1, 2, 3, 4, 5, 6]), to: 2 }).unwrap();
    p.apply(&map, Edit::Assign { wards: wards(&[7, 8, 9]), to: 1 }).unwrap();
    // Taking the middle of A's row splits A in two.
    assert_eq!(splits_area(&map, &g, &p, &wards(&[8]), Some(2)), Some((1, 2)));
    // Taking a corner does not.
    assert_eq!(splits_area(&map, &g, &p, &wards(&[9]), Some(2)), None);
    // Giving A the far ward 1 makes A two pieces.
    assert_eq!(splits_area(&map, &g, &p, &wards(&[1]), Some(1)), Some((1, 2)));
    // Unassigning 4, 5, 6 cuts B's 1, 2, 3 off from nothing: B stays one piece.
    assert_eq!(splits_area(&map, &g, &p, &wards(&[4, 5, 6]), None), None);
    // Unassigning 5 alone leaves B connected via 4 and 6? 1-2-3 and 4, 6 stay linked.
    assert_eq!(splits_area(&map, &g, &p, &wards(&[2, 5]), None), Some((2, 2)));
}

#[test]
fn engine_organisers_carry_locks_and_homes() {
    let (map, _) = grid(3, 3);
    let mut p = project_with(&map, &["A", "B"]);
    p.apply(&map, Edit::Assign { wards: wards(&[1, 2]), to: 1 }).unwrap();
    p.apply(&map, Edit::Lock { wards: wards(&[2]) }).unwrap();
    let mut b = p.organisers[1].clone();
    b.home = Some(kshetra_core::project::Home { ward: Some("9".into()), point: None });
    b.capacity = 1.5;
    p.apply(&map, Edit::UpdateOrganiser(b)).unwrap();
    let mut s = p.settings;
    s.keep_home_wards = true;
    p.apply(&map, Edit::SetSettings(s)).unwrap();
    let e = p.engine_organisers(&map);
    let i2 = map.index_of("2").unwrap() as u32;
    let i9 = map.index_of("9").unwrap() as u32;
    assert_eq!(e[0].locked_wards, [i2]);
    assert_eq!(e[1].locked_wards, [i9]);
    assert_eq!(e[1].capacity, 1.5);
    assert_eq!(e[1].home, Some(kshetra_alloc::Home::Ward(i9)));
    // An engine plan (by organiser position) becomes an ApplyPlan edit by ids.
    let edit = p.plan_from_engine(&map, &[1; 9]);
    let Edit::ApplyPlan { assignment } = &edit else { panic!() };
    assert!(assignment.values().all(|&id| id == 2));
    assert_eq!(p.apply(&map, edit).unwrap_err(), ProjectError::LockedWards { wards: wards(&[2]) });
}
