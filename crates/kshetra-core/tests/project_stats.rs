//! Live statistics against the engine's own scoring, the problems list, and area colouring on
//! real maps.

use std::sync::OnceLock;

use geo::{polygon, MultiPolygon};
use kshetra_core::adjacency::{build, AdjacencyOptions, WardGraph};
use kshetra_core::allocation::problem_for;
use kshetra_core::i18n::Lang;
use kshetra_core::palette::area_colour;
use kshetra_core::project::stats::PlanProblem;
use kshetra_core::project::{area_colours, stats, Edit, Home, Organiser, Plan, Project};
use kshetra_core::{Ward, WardMap};
use proptest::prelude::*;

fn city(name: &str) -> &'static (WardMap, WardGraph, Vec<f64>) {
    static BHUBANESWAR: OnceLock<(WardMap, WardGraph, Vec<f64>)> = OnceLock::new();
    static BHOPAL: OnceLock<(WardMap, WardGraph, Vec<f64>)> = OnceLock::new();
    let cell = if name == "bhopal" { &BHOPAL } else { &BHUBANESWAR };
    cell.get_or_init(|| {
        let path = format!("{}/../../public/data/{name}.geojson", env!("CARGO_MANIFEST_DIR"));
        let map =
            kshetra_core::import::geojson::parse(name, &std::fs::read(path).unwrap()).unwrap().map;
        let mut graph = build(&map, &AdjacencyOptions::default());
        kshetra_core::adjacency::bridge_all(&map, &mut graph);
        let est = kshetra_core::estimate::estimate(&map, &Default::default());
        let poor = est.wards.iter().map(|w| w.poor_households.unwrap_or(0) as f64).collect();
        (map, graph, poor)
    })
}

/// Bhubaneswar allocated by the engine to 6 organisers with mixed capacities and homes.
fn allocated() -> (Project, kshetra_alloc::Problem, Vec<kshetra_alloc::Organiser>, Vec<u32>) {
    let (map, graph, poor) = city("bhubaneswar");
    let mut p = Project::new("bhubaneswar", "test");
    let orgs = (0..6)
        .map(|i| {
            let mut o = Organiser::new(format!("CO {i}"));
            o.capacity = [1.0, 1.0, 0.5, 1.5, 1.0, 2.0][i];
            o.home = Some(Home { ward: Some(map.wards()[i * 10].number.clone()), point: None });
            o
        })
        .collect();
    p.apply(map, Edit::AddOrganisers(orgs)).unwrap();
    let mut s = p.settings;
    s.respect_zones = false;
    p.apply(map, Edit::SetSettings(s)).unwrap();
    let problem = problem_for(map, graph, poor.clone());
    let organisers = p.engine_organisers(map);
    let out = kshetra_alloc::allocate(&problem, &organisers, &p.settings.engine(), &mut |_| {
        kshetra_alloc::Control::Continue
    })
    .unwrap();
    let edit = p.plan_from_engine(map, &out.assignment);
    p.apply(map, edit).unwrap();
    (p, problem, organisers, out.assignment)
}

#[test]
fn stats_agree_with_the_engine_score() {
    let (map, graph, poor) = city("bhubaneswar");
    let (p, problem, organisers, assignment) = allocated();
    let s = stats(map, graph, &p, poor);
    let m = kshetra_alloc::score(&problem, &organisers, &assignment).unwrap();
    assert_eq!(s.areas.len(), m.areas.len());
    for (a, e) in s.areas.iter().zip(&m.areas) {
        assert_eq!(a.wards.len(), e.wards as usize);
        assert!((a.poor_households - e.weight).abs() < 1e-6);
        assert!((a.target - e.target).abs() < 1e-6, "{} vs {}", a.target, e.target);
        assert!((a.deviation - e.deviation).abs() < 1e-9);
        assert_eq!(a.pieces, e.pieces as usize);
        if e.contains_home == Some(true) {
            assert_eq!(a.home_distance_m, Some(0.0));
        } else {
            assert!(a.home_distance_m.unwrap() > 0.0);
        }
    }
    assert!((s.max_abs_deviation - m.max_abs_deviation).abs() < 1e-9);
    assert_eq!(s.total_poor, poor.iter().sum::<f64>());
    assert!((s.target_per_organiser * 7.0 - s.total_poor).abs() < 1e-6, "Σ capacity = 7");
    assert!(s.unassigned.is_empty());
    assert_eq!(s.areas.iter().map(|a| a.population).sum::<u64>(), 840_834);
    // A balanced plan from the engine has no problems.
    assert!(s.problems.is_empty(), "{:?}", s.problems);
}

#[test]
fn problems_list_split_areas_unassigned_and_imbalance() {
    let (map, graph, poor) = city("bhubaneswar");
    let (mut p, ..) = allocated();
    let first = p.organisers[0].id;
    // Give organiser 1 a ward far from their area, unassign another, add an empty organiser.
    let idx = p.plan.index_view(map, &p.organisers);
    let far = (0..map.wards().len())
        .find(|&i| idx[i] != Some(0) && graph.neighbours(i).iter().all(|n| idx[n.ward] != Some(0)))
        .unwrap();
    let far_no = map.wards()[far].number.clone();
    p.apply(map, Edit::Assign { wards: vec![far_no.clone()], to: first }).unwrap();
    let other = (0..map.wards().len()).find(|&i| i != far && idx[i] == Some(1)).unwrap();
    let other_no = map.wards()[other].number.clone();
    p.apply(map, Edit::Unassign { wards: vec![other_no.clone()] }).unwrap();
    p.apply(map, Edit::AddOrganiser { organiser: Organiser::new("नई"), at: None }).unwrap();
    let s = stats(map, graph, &p, poor);
    assert!(s.problems.contains(&PlanProblem::SplitArea {
        organiser: first,
        pieces: 2,
        smaller: vec![vec![far_no.clone()]]
    }));
    assert!(s.problems.contains(&PlanProblem::NoWards { organiser: 7 }));
    assert_eq!(s.problems.last(), Some(&PlanProblem::Unassigned { wards: vec![other_no.clone()] }));
    assert_eq!(s.unassigned, [other]);
    let newcomer =
        s.problems.iter().find(|x| matches!(x, PlanProblem::UnderTolerance { organiser: 7, .. }));
    assert!(newcomer.is_none(), "an empty area is reported as having no wards only");
    assert!(
        s.problems.iter().any(|x| matches!(x, PlanProblem::UnderTolerance { .. })),
        "{:?}",
        s.problems
    );
    let texts: Vec<String> = s.problems.iter().map(|x| x.message(&p, Lang::En)).collect();
    assert!(
        texts.contains(&format!(
            "The area of CO 0 is in 2 pieces; wards of the separate pieces: {far_no}"
        )),
        "{texts:?}"
    );
    assert!(texts.contains(&"नई has no wards.".to_string()));
    assert!(texts.contains(&format!("1 wards not assigned: {other_no}")));
    assert_eq!(
        s.problems[0].message(&p, Lang::Hi),
        format!("CO 0 का क्षेत्र 2 टुकड़ों में है; अलग टुकड़ों के वार्ड: {far_no}")
    );
}

fn check_colouring(map: &WardMap, graph: &WardGraph, plan: &Plan) -> usize {
    let colours = area_colours(map, graph, plan);
    let owner = plan.ids_by_ward(map);
    for (i, j, _) in graph.edges() {
        if let (Some(a), Some(b)) = (owner[i], owner[j]) {
            if a != b {
                assert_ne!(colours[&a], colours[&b], "areas {a} and {b} touch at wards {i}/{j}");
                assert_ne!(area_colour(colours[&a]), area_colour(colours[&b]));
            }
        }
    }
    // Deterministic.
    assert_eq!(area_colours(map, graph, plan), colours);
    colours.values().max().map_or(0, |m| m + 1)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// Random assignments (every ward to one of k organisers, some unassigned) of real maps:
    /// neighbouring areas never share a colour.
    #[test]
    fn neighbouring_areas_differ(k in 5u32..=30, seed in any::<u64>(), bhopal in any::<bool>()) {
        let (map, graph, _) = city(if bhopal { "bhopal" } else { "bhubaneswar" });
        let mut x = seed | 1;
        let mut plan = Plan::default();
        for w in map.wards() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            if x % 17 != 0 {
                plan.assignment.insert(w.number.clone(), 100 + (x % k as u64) as u32);
            }
        }
        check_colouring(map, graph, &plan);
    }
}

#[test]
fn contiguous_plans_need_few_colours() {
    let (map, graph, _) = city("bhubaneswar");
    let (p, ..) = allocated();
    let used = check_colouring(map, graph, &p.plan);
    assert!(used <= 5, "{used} colours for 6 compact areas");
}

#[test]
fn more_areas_touching_than_the_palette_has_still_differ() {
    // 24 wards all touching each other (a complete graph): 24 colours needed.
    let sq = MultiPolygon::new(vec![
        polygon![(x: 85.8, y: 20.3), (x: 85.81, y: 20.3), (x: 85.81, y: 20.31), (x: 85.8, y: 20.3)],
    ]);
    let map = WardMap::new((1..=24).map(|i| Ward::new(i.to_string(), sq.clone())).collect());
    let mut graph = WardGraph::empty(24);
    for i in 0..24 {
        for j in i + 1..24 {
            graph.link(i, j, 1.0);
        }
    }
    let plan = Plan::new(
        map.wards().iter().enumerate().map(|(i, w)| (w.number.clone(), i as u32)).collect(),
        Default::default(),
    );
    assert_eq!(check_colouring(&map, &graph, &plan), 24);
}

/// A random plan of `map` for `k` organisers (ids 100…), some wards unassigned.
fn random_ids(map: &WardMap, k: u32, x: &mut u64) -> Vec<Option<u32>> {
    map.wards()
        .iter()
        .map(|_| {
            *x ^= *x << 13;
            *x ^= *x >> 7;
            *x ^= *x << 17;
            (*x % 23 != 0).then_some(100 + (*x % k as u64) as u32)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]
    /// After any sequence of edits (one ward, a few wards, unassigning, a whole area), the
    /// figures updated from the previous ones equal the figures measured afresh, and so do the
    /// areas' adjacency (hence the colours); the merged owner lookup equals the plain one.
    #[test]
    fn incremental_figures_and_colours_equal_a_full_recount(k in 2u32..=12, seed in any::<u64>(), bhopal in any::<bool>(), steps in 1usize..12) {
        use kshetra_core::project::stats::{stats_of, update_stats, StatsInput, WardFacts};
        use kshetra_core::project::{AreaAdjacency, NumberOrder};
        let (map, graph, poor) = city(if bhopal { "bhopal" } else { "bhubaneswar" });
        let facts = WardFacts::new(map);
        let mut x = seed | 1;
        let mut p = Project::new("t", "t");
        let orgs = (0..k).map(|i| {
            let mut o = Organiser::new(format!("CO {i}"));
            o.capacity = if i % 3 == 0 { 0.5 } else { 1.0 };
            o.home = (i % 2 == 0).then(|| Home { ward: Some(map.wards()[(i as usize * 7) % map.wards().len()].number.clone()), point: None });
            o
        }).collect();
        p.apply(map, Edit::AddOrganisers(orgs)).unwrap();
        let ids: Vec<u32> = p.organisers.iter().map(|o| o.id).collect();
        let mut owners: Vec<Option<u32>> = random_ids(map, k, &mut x).into_iter().map(|o| o.map(|v| ids[(v - 100) as usize])).collect();
        let mut figures = stats_of(&facts, map, graph, &p, poor, &owners);
        let mut adjacency = AreaAdjacency::new(graph, &owners);
        let order = NumberOrder::of(map);
        for step in 0..steps {
            let before = owners.clone();
            let n = map.wards().len();
            let mut next = || { x ^= x << 13; x ^= x >> 7; x ^= x << 17; x };
            match step % 4 {
                0 => { let i = (next() % n as u64) as usize; owners[i] = Some(ids[(next() % k as u64) as usize]); }
                1 => { for _ in 0..5 { let i = (next() % n as u64) as usize; owners[i] = Some(ids[(next() % k as u64) as usize]); } }
                2 => { let i = (next() % n as u64) as usize; owners[i] = None; }
                _ => {
                    let (from, to) = (ids[(next() % k as u64) as usize], ids[(next() % k as u64) as usize]);
                    for o in owners.iter_mut().filter(|o| **o == Some(from)) { *o = Some(to); }
                }
            }
            let fresh = stats_of(&facts, map, graph, &p, poor, &owners);
            if let Some(updated) = update_stats(&figures, &before, &StatsInput { facts: &facts, map, graph, project: &p, poor }, &owners) {
                prop_assert_eq!(&updated, &fresh);
            }
            figures = fresh;
            let changed = adjacency.update(graph, &before, &owners);
            let rebuilt = AreaAdjacency::new(graph, &owners);
            prop_assert_eq!(&adjacency, &rebuilt);
            if !changed {
                prop_assert_eq!(AreaAdjacency::new(graph, &before).colours(), rebuilt.colours());
            }
            let mut plan = Plan::default();
            for (w, o) in map.wards().iter().zip(&owners) {
                if let Some(o) = o { plan.assignment.insert(w.number.clone(), *o); }
            }
            prop_assert_eq!(plan.ids_by_ward_in(map, &order), plan.ids_by_ward(map));
            prop_assert_eq!(plan.ids_by_ward(map), owners.clone());
        }
    }
}

/// One ward moved between two of many areas: the update measures again and gives the fresh
/// figures (not `None`).
#[test]
fn moving_one_ward_updates_in_place() {
    use kshetra_core::project::stats::{stats_of, update_stats, StatsInput, WardFacts};
    let (map, graph, poor) = city("bhubaneswar");
    let (p, ..) = allocated();
    let facts = WardFacts::new(map);
    let before = p.plan.ids_by_ward(map);
    let figures = stats_of(&facts, map, graph, &p, poor, &before);
    let i = (0..map.wards().len())
        .find(|&i| graph.neighbours(i).iter().any(|nb| before[nb.ward] != before[i]))
        .unwrap();
    let other =
        graph.neighbours(i).iter().map(|nb| before[nb.ward]).find(|o| *o != before[i]).unwrap();
    let mut after = before.clone();
    after[i] = other;
    let updated = update_stats(
        &figures,
        &before,
        &StatsInput { facts: &facts, map, graph, project: &p, poor },
        &after,
    )
    .expect("a one-ward change is updated");
    assert_eq!(updated, stats_of(&facts, map, graph, &p, poor, &after));
    assert_ne!(updated, figures);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// The view of who has each ward, followed from the wards each edit, undo or redo changed
    /// (`Plan::ids_by_ward_since`, what the app does per edit), equals the view made afresh;
    /// marks of another plan, or of a copy, are refused.
    #[test]
    fn owners_followed_from_the_changes_equal_a_fresh_view(k in 2u32..=8, seed in any::<u64>(), bhopal in any::<bool>(), steps in 1usize..16) {
        let (map, _, _) = city(if bhopal { "bhopal" } else { "bhubaneswar" });
        let mut p = Project::new("x", "X");
        p.apply(map, Edit::AddOrganisers((0..k).map(|i| Organiser::new(format!("CO {i}"))).collect())).unwrap();
        let ids: Vec<u32> = p.organisers.iter().map(|o| o.id).collect();
        let mut history = kshetra_core::project::History::new();
        let mut x = seed | 1;
        let mut next = move || { x ^= x << 13; x ^= x >> 7; x ^= x << 17; x };
        let mut mark = p.plan.mark();
        let mut view = p.plan.ids_by_ward(map);
        for _ in 0..steps {
            let n = map.wards().len() as u64;
            let some = |next: &mut dyn FnMut() -> u64, m: u64| (0..1 + next() % m).map(|_| map.wards()[(next() % n) as usize].number.clone()).collect::<Vec<_>>();
            match next() % 7 {
                0 | 1 => { let wards = some(&mut next, 20); let to = ids[(next() % k as u64) as usize]; let _ = history.apply(&mut p, map, Edit::Assign { wards, to }); }
                2 => { let wards = some(&mut next, 5); let _ = history.apply(&mut p, map, Edit::Unassign { wards }); }
                3 => { history.undo(&mut p); }
                4 => { history.redo(&mut p); }
                5 => {
                    let assignment = map.wards().iter().map(|w| (w.number.clone(), ids[(next() % k as u64) as usize])).collect();
                    let _ = history.apply(&mut p, map, Edit::ApplyPlan { assignment });
                }
                _ => { let _ = history.apply(&mut p, map, Edit::ClearPlan { keep_locked: false }); }
            }
            let fresh = p.plan.ids_by_ward(map);
            let followed = p.plan.ids_by_ward_since(map, mark, &view);
            prop_assert_eq!(followed, Some(fresh.clone()), "an edit of these maps is always followed");
            mark = p.plan.mark();
            view = fresh;
        }
        prop_assert_eq!(p.plan.changed_since(mark), Some(vec![]));
        let copy = p.clone();
        prop_assert_eq!(&copy, &p);
        prop_assert!(copy.plan.changed_since(mark).is_none(), "a copy has a history of its own");
        let other = Plan::default();
        prop_assert!(other.changed_since(mark).is_none());
    }
}

/// Too many changes ago to be followed: the view must be made afresh.
#[test]
fn a_mark_older_than_the_record_is_refused() {
    let (map, _, _) = city("bhopal");
    let mut p = Project::new("x", "X");
    p.apply(map, Edit::AddOrganisers(vec![Organiser::new("A"), Organiser::new("B")])).unwrap();
    let (a, b) = (p.organisers[0].id, p.organisers[1].id);
    let mark = p.plan.mark();
    let all: Vec<String> = map.wards().iter().map(|w| w.number.clone()).collect();
    let mut rounds = 0;
    while p.plan.changed_since(mark).is_some() {
        p.apply(map, Edit::Assign { wards: all.clone(), to: if rounds % 2 == 0 { a } else { b } })
            .unwrap();
        rounds += 1;
        assert!(rounds < 100, "the record is bounded");
    }
    assert!(rounds * all.len() > 4096);
    assert_eq!(p.plan.ids_by_ward_since(map, mark, &vec![None; all.len()]), None);
    let recent = p.plan.mark();
    p.apply(map, Edit::Assign { wards: vec![all[0].clone()], to: a }).unwrap();
    assert!(p.plan.changed_since(recent).is_some_and(|w| w.len() <= 1));
}
