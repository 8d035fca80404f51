//! Live statistics on a synthetic 10,000-ward map with 200 organisers: what the UI recomputes
//! after every edit. `cargo bench -p kshetra-core --bench project`

use criterion::{criterion_group, criterion_main, Criterion};
use geo::{polygon, MultiPolygon};
use kshetra_core::adjacency::WardGraph;
use kshetra_core::project::stats::{stats_of, stats_with, update_stats, StatsInput, WardFacts};
use kshetra_core::project::view::{PlanView, ViewContext};
use kshetra_core::project::{
    area_colours, splits_area, stats, AreaAdjacency, Edit, History, NumberOrder, Organiser, Project,
};
use kshetra_core::{Ward, WardMap};

/// A 100 × 100 grid of square wards (~250 m), 4-neighbour graph, 200 organisers each with a
/// 10 × 5 block of wards.
fn setup() -> (WardMap, WardGraph, Project, Vec<f64>) {
    let side = 100;
    let step = 0.0025;
    let mut wards = Vec::with_capacity(side * side);
    for r in 0..side {
        for c in 0..side {
            let (x, y) = (80.8 + c as f64 * step, 26.7 + r as f64 * step);
            let sq = MultiPolygon::new(vec![
                polygon![(x: x, y: y), (x: x + step, y: y), (x: x + step, y: y + step), (x: x, y: y + step), (x: x, y: y)],
            ]);
            let mut w = Ward::new(format!("{}", r * side + c + 1), sq);
            w.population = Some(5_000 + ((r * 31 + c * 17) % 400) as u64);
            wards.push(w);
        }
    }
    let map = WardMap::new(wards);
    let idx = |r: usize, c: usize| r * side + c; // natural order = row-major here
    assert_eq!(map.wards()[idx(3, 7)].number, (3 * side + 7 + 1).to_string());
    let mut graph = WardGraph::empty(side * side);
    for r in 0..side {
        for c in 0..side {
            if c + 1 < side {
                graph.link(idx(r, c), idx(r, c + 1), 250.0);
            }
            if r + 1 < side {
                graph.link(idx(r, c), idx(r + 1, c), 250.0);
            }
        }
    }
    let mut p = Project::new("grid", "bench");
    p.apply(
        &map,
        Edit::AddOrganisers((0..200).map(|i| Organiser::new(format!("CO {i}"))).collect()),
    )
    .unwrap();
    let mut assignment = std::collections::BTreeMap::new();
    for r in 0..side {
        for c in 0..side {
            let block = (r / 5) * 10 + c / 10;
            assignment.insert(map.wards()[idx(r, c)].number.clone(), p.organisers[block].id);
        }
    }
    p.apply(&map, Edit::ApplyPlan { assignment }).unwrap();
    let poor = map.wards().iter().map(|w| w.population.unwrap() as f64 * 0.27 / 4.8).collect();
    (map, graph, p, poor)
}

fn bench(c: &mut Criterion) {
    let (map, graph, project, poor) = setup();
    let facts = WardFacts::new(&map);
    let mut group = c.benchmark_group("project_10000_wards_200_organisers");
    group.sample_size(20);
    group.bench_function("stats_with_kept_facts", |b| {
        b.iter(|| stats_with(&facts, &map, &graph, &project, &poor))
    });
    group.bench_function("stats_measuring_the_map", |b| {
        b.iter(|| stats(&map, &graph, &project, &poor))
    });
    // One reassignment as the UI does it: split check, edit with history, fresh stats, undo.
    let mut p = project.clone();
    let mut h = History::new();
    let ward = vec![map.wards()[10].number.clone()]; // first column of the second block
    let to = p.organisers[0].id;
    group.bench_function("reassign_one_ward_then_stats", |b| {
        b.iter(|| {
            let warn = splits_area(&map, &graph, &p, &ward, Some(to));
            h.apply(&mut p, &map, Edit::Assign { wards: ward.clone(), to }).unwrap();
            let s = stats_with(&facts, &map, &graph, &p, &poor);
            h.undo(&mut p);
            (warn, s)
        })
    });
    group.bench_function("area_colours", |b| b.iter(|| area_colours(&map, &graph, &project.plan)));
    // What the app does per edit since the figures are incremental: owners by a merged walk,
    // the figures of the two areas touched, the areas' adjacency from the moved ward.
    let order = NumberOrder::of(&map);
    group.bench_function("ids_by_ward", |b| b.iter(|| project.plan.ids_by_ward(&map)));
    group
        .bench_function("ids_by_ward_in", |b| b.iter(|| project.plan.ids_by_ward_in(&map, &order)));
    // Since the plan records its changes: the last view updated from the wards one edit
    // (and its undo) changed.
    let mut q = project.clone();
    let mut hq = History::new();
    let view = q.plan.ids_by_ward(&map);
    group.bench_function("ids_by_ward_since_one_edit", |b| {
        b.iter(|| {
            let mark = q.plan.mark();
            hq.apply(&mut q, &map, Edit::Assign { wards: ward.clone(), to }).unwrap();
            let after = q.plan.ids_by_ward_since(&map, mark, &view).expect("followed");
            hq.undo(&mut q);
            after
        })
    });
    let before = project.plan.ids_by_ward(&map);
    let figures = stats_of(&facts, &map, &graph, &project, &poor, &before);
    let mut after = before.clone();
    after[10] = before[9];
    group.bench_function("update_stats_one_ward", |b| {
        b.iter(|| {
            update_stats(
                &figures,
                &before,
                &StatsInput {
                    facts: &facts,
                    map: &map,
                    graph: &graph,
                    project: &project,
                    poor: &poor,
                },
                &after,
            )
            .expect("updated")
        })
    });
    let adjacency = AreaAdjacency::new(&graph, &before);
    group.bench_function("area_adjacency_update_one_ward", |b| {
        b.iter(|| {
            let mut a = adjacency.clone();
            a.update(&graph, &before, &after)
        })
    });
    group.bench_function("area_adjacency_colours", |b| b.iter(|| adjacency.colours()));

    // The plan view (what the editor follows per edit): one brush edit and its undo, each
    // followed (owners, figures, colours, locks, styles, labels), drawn as a big map.
    let components = graph.components();
    let conn = std::sync::Arc::new(kshetra_core::adjacency::Connectivity {
        graph: graph.clone(),
        components,
        suggested: Vec::new(),
    });
    let poor_arc = std::sync::Arc::new(poor.clone());
    let cx = ViewContext {
        map_id: 1,
        map_revision: 0,
        map: &map,
        connectivity: Some(&conn),
        poor: &poor_arc,
        lang: kshetra_core::i18n::Lang::Hi,
        selected: None,
        outlines: false,
    };
    let mut r = project.clone();
    let mut hr = History::new();
    let mut view = PlanView::fresh(&r, &cx);
    group.bench_function("plan_view_fresh", |b| b.iter(|| PlanView::fresh(&r, &cx)));
    group.bench_function("plan_view_follow_edit_and_undo", |b| {
        b.iter(|| {
            hr.apply(&mut r, &map, Edit::Assign { wards: ward.clone(), to }).unwrap();
            let n = view.follow(&r, &cx).units.is_empty();
            hr.undo(&mut r);
            (n, view.follow(&r, &cx).units.is_empty())
        })
    });
    // The same edit and undo through the separate caches the editor kept before the plan
    // view: owners followed, figures and adjacency updated by comparing all owners, the
    // restyle comparing all owners again.
    let mut s = project.clone();
    let mut hs = History::new();
    let mut a = adjacency.clone();
    group.bench_function("separate_caches_edit_and_undo", |b| {
        b.iter(|| {
            let mut out = 0usize;
            for undo in [false, true] {
                let mark = s.plan.mark();
                if undo {
                    hs.undo(&mut s);
                } else {
                    hs.apply(&mut s, &map, Edit::Assign { wards: ward.clone(), to }).unwrap();
                }
                let was = if undo { &after } else { &before };
                let now = s.plan.ids_by_ward_since(&map, mark, was).expect("followed");
                let f = update_stats(
                    &figures,
                    was,
                    &StatsInput {
                        facts: &facts,
                        map: &map,
                        graph: &graph,
                        project: &s,
                        poor: &poor,
                    },
                    &now,
                );
                a.update(&graph, was, &now);
                out += (0..now.len()).filter(|&i| now[i] != was[i]).count() + f.is_some() as usize;
            }
            out
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
