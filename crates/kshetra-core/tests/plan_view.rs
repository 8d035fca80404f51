//! The plan view's one invariant: following any sequence of edits, undos, redos, whole-plan
//! changes and context changes gives the same view as one worked out afresh, and its delta
//! names every unit whose style changed and every area whose drawing changed.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use geo::{polygon, MultiPolygon};
use kshetra_core::adjacency::{connectivity, AdjacencyOptions, Connectivity, WardGraph};
use kshetra_core::i18n::Lang;
use kshetra_core::project::view::{PlanView, Touched, ViewContext};
use kshetra_core::project::{Edit, History, Home, Organiser, Project};
use kshetra_core::{Ward, WardMap};
use proptest::prelude::*;

struct City {
    map: WardMap,
    conn: Arc<Connectivity>,
    poor: Arc<Vec<f64>>,
}

fn city(name: &str) -> &'static City {
    static BHUBANESWAR: OnceLock<City> = OnceLock::new();
    static BHOPAL: OnceLock<City> = OnceLock::new();
    let cell = if name == "bhopal" { &BHOPAL } else { &BHUBANESWAR };
    cell.get_or_init(|| {
        let path = format!("{}/../../public/data/{name}.geojson", env!("CARGO_MANIFEST_DIR"));
        let map =
            kshetra_core::import::geojson::parse(name, &std::fs::read(path).unwrap()).unwrap().map;
        let conn = Arc::new(connectivity(&map, &AdjacencyOptions::default(), &[]));
        let est = kshetra_core::estimate::estimate(&map, &Default::default());
        let poor =
            Arc::new(est.wards.iter().map(|w| w.poor_households.unwrap_or(0) as f64).collect());
        City { map, conn, poor }
    })
}

/// A `side` × `side` grid of square units with two zones (a synthetic "big map" stand-in).
fn grid(side: usize) -> &'static City {
    static GRID: OnceLock<City> = OnceLock::new();
    GRID.get_or_init(|| {
        let step = 0.0025;
        let mut wards = Vec::new();
        for r in 0..side {
            for c in 0..side {
                let (x, y) = (80.8 + c as f64 * step, 26.7 + r as f64 * step);
                let sq = MultiPolygon::new(vec![
                    polygon![(x: x, y: y), (x: x + step, y: y), (x: x + step, y: y + step), (x: x, y: y + step), (x: x, y: y)],
                ]);
                let mut w = Ward::new(format!("{}", r * side + c + 1), sq);
                w.population = Some(4_000 + ((r * 31 + c * 17) % 900) as u64);
                w.zone = Some(if c < side / 2 { "West".into() } else { "East".into() });
                wards.push(w);
            }
        }
        let map = WardMap::new(wards);
        let mut graph = WardGraph::empty(side * side);
        for r in 0..side {
            for c in 0..side {
                let i = r * side + c;
                if c + 1 < side {
                    graph.link(i, i + 1, 250.0);
                }
                if r + 1 < side {
                    graph.link(i, i + side, 250.0);
                }
            }
        }
        let components = graph.components();
        let conn = Arc::new(Connectivity { graph, components, suggested: Vec::new() });
        let poor =
            Arc::new(map.wards().iter().map(|w| w.population.unwrap() as f64 * 0.05).collect());
        City { map, conn, poor }
    })
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Equal views; on big maps (labels kept where they were) the label places are only checked
/// to lie in their area.
fn assert_same(followed: &PlanView, fresh: &PlanView, outlines: bool) -> Result<(), TestCaseError> {
    if outlines {
        prop_assert!(followed == fresh, "followed view differs from a fresh one");
        return Ok(());
    }
    prop_assert_eq!(followed.owners(), fresh.owners());
    prop_assert_eq!(followed.stats(), fresh.stats());
    prop_assert_eq!(followed.colours(), fresh.colours());
    prop_assert_eq!(followed.area_adjacency(), fresh.area_adjacency());
    prop_assert_eq!(followed.locked(), fresh.locked());
    prop_assert_eq!(followed.locked_areas(), fresh.locked_areas());
    prop_assert_eq!(followed.styles(), fresh.styles());
    let (a, b) = (followed.overlay(), fresh.overlay());
    prop_assert_eq!(&a.zones, &b.zones);
    prop_assert_eq!(&a.pins, &b.pins);
    prop_assert_eq!(a.areas.len(), b.areas.len());
    for (x, y) in a.areas.iter().zip(&b.areas) {
        prop_assert_eq!(
            (x.organiser, &x.title, &x.detail, x.weight),
            (y.organiser, &y.title, &y.detail, y.weight)
        );
        prop_assert_eq!(x.label_at.is_some(), y.label_at.is_some());
    }
    Ok(())
}

/// The delta names everything that changed between `before` and `after`.
fn assert_delta_sound(before: &PlanView, after: &PlanView) -> Result<(), TestCaseError> {
    let d = after.delta();
    prop_assert_eq!(d.since, before.seq());
    if let Touched::Only(units) = &d.units {
        let (a, b) = (before.styles(), after.styles());
        prop_assert_eq!(a.len(), b.len());
        for i in 0..a.len() {
            if a[i] != b[i] {
                prop_assert!(units.binary_search(&i).is_ok(), "unit {} restyled but not named", i);
            }
        }
    }
    if let Touched::Only(labels) = &d.labels {
        let old: std::collections::BTreeMap<u32, _> =
            before.overlay().areas.iter().map(|a| (a.organiser, a.clone())).collect();
        let new: std::collections::BTreeMap<u32, _> =
            after.overlay().areas.iter().map(|a| (a.organiser, a.clone())).collect();
        let ids: BTreeSet<u32> = old.keys().chain(new.keys()).copied().collect();
        for id in ids {
            let same = match (old.get(&id), new.get(&id)) {
                (Some(x), Some(y)) => Arc::ptr_eq(x, y) || x == y,
                (None, None) => true,
                _ => false,
            };
            if !same {
                prop_assert!(
                    labels.binary_search(&id).is_ok(),
                    "area {} redrawn but not named",
                    id
                );
            }
        }
    }
    if d.is_empty() {
        prop_assert_eq!(before.seq(), after.seq());
    }
    Ok(())
}

fn organisers(map: &WardMap, k: usize) -> Vec<Organiser> {
    (0..k)
        .map(|i| {
            let mut o = Organiser::new(format!("CO {i}"));
            o.capacity = if i % 3 == 0 { 0.5 } else { 1.0 };
            o.home = (i % 2 == 0).then(|| Home {
                ward: Some(map.wards()[(i * 7) % map.wards().len()].number.clone()),
                point: None,
            });
            o
        })
        .collect()
}

/// Runs `steps` random actions on `c`, following one view and comparing it with a fresh one
/// after each.
fn run(c: &City, outlines: bool, k: usize, seed: u64, steps: usize) -> Result<(), TestCaseError> {
    let map = &c.map;
    let n = map.wards().len();
    let mut rng = Rng(seed | 1);
    let mut p = Project::new("t", "t");
    p.apply(map, Edit::AddOrganisers(organisers(map, k))).unwrap();
    let mut history = History::new();
    let mut conn = Some(c.conn.clone());
    let mut poor = c.poor.clone();
    let (mut lang, mut selected, mut revision) = (Lang::Hi, None, 0u64);
    let mut view = PlanView::default();
    for step in 0..steps {
        let ids: Vec<u32> = p.organisers.iter().map(|o| o.id).collect();
        let id = |rng: &mut Rng| ids[rng.below(ids.len())];
        let unit = |rng: &mut Rng| map.wards()[rng.below(n)].number.clone();
        let some = |rng: &mut Rng, m: usize| (0..1 + rng.below(m)).map(|_| unit(rng)).collect();
        // Mostly hand edits (what the editor follows), sometimes everything else.
        let r = if step == 0 { 7 } else { rng.below(24) };
        let _ = match r {
            0..=6 => {
                let (wards, to) = (some(&mut rng, 3), id(&mut rng));
                history.apply(&mut p, map, Edit::Assign { wards, to })
            }
            7 => {
                let assignment =
                    map.wards().iter().map(|w| (w.number.clone(), id(&mut rng))).collect();
                history.apply(&mut p, map, Edit::ApplyPlan { assignment })
            }
            8 => history.apply(&mut p, map, Edit::Unassign { wards: some(&mut rng, 3) }),
            9 => history.apply(&mut p, map, Edit::Lock { wards: some(&mut rng, 4) }),
            10 => history.apply(&mut p, map, Edit::Unlock { wards: some(&mut rng, 4) }),
            11 => history.apply(&mut p, map, Edit::LockArea { organiser: id(&mut rng) }),
            12 => history.apply(&mut p, map, Edit::UnlockArea { organiser: id(&mut rng) }),
            13 | 14 => {
                history.undo(&mut p);
                Ok(())
            }
            15 => {
                history.redo(&mut p);
                Ok(())
            }
            16 => {
                let mut o = p.organisers[rng.below(ids.len())].clone();
                o.name = format!("Renamed {}", rng.below(100));
                history.apply(&mut p, map, Edit::UpdateOrganiser(o))
            }
            17 => {
                let (id, to) = (id(&mut rng), rng.below(ids.len()));
                history.apply(&mut p, map, Edit::MoveOrganiser { id, to })
            }
            18 if ids.len() > 2 => {
                history.apply(&mut p, map, Edit::RemoveOrganiser { id: id(&mut rng) })
            }
            18 => history.apply(
                &mut p,
                map,
                Edit::AddOrganiser { organiser: Organiser::new("New"), at: None },
            ),
            19 => {
                let mut s = p.settings;
                s.epsilon = [0.05, 0.1, 0.2][rng.below(3)];
                history.apply(&mut p, map, Edit::SetSettings(s))
            }
            20 => {
                selected = (rng.below(3) > 0).then(|| rng.below(n));
                Ok(())
            }
            21 => {
                lang = if lang == Lang::Hi { Lang::En } else { Lang::Hi };
                Ok(())
            }
            22 => {
                // The graph arrives, goes, or is rebuilt (same content, new value).
                conn = match rng.below(3) {
                    0 => None,
                    _ => Some(Arc::new((*c.conn).clone())),
                };
                Ok(())
            }
            _ => {
                // The figures were edited: new weights, a new map revision.
                poor = Arc::new(
                    poor.iter()
                        .enumerate()
                        .map(|(i, w)| if i % 5 == step % 5 { w + 1.0 } else { *w })
                        .collect(),
                );
                revision += 1;
                Ok(())
            }
        };
        let cx = ViewContext {
            map_id: 7,
            map_revision: revision,
            map,
            connectivity: conn.as_ref(),
            poor: &poor,
            lang,
            selected,
            outlines,
        };
        let before = view.clone();
        view.follow(&p, &cx);
        let fresh = PlanView::fresh(&p, &cx);
        assert_same(&view, &fresh, outlines)?;
        assert_delta_sound(&before, &view)?;
        // Following again without a change changes nothing.
        let again = view.clone();
        view.follow(&p, &cx);
        prop_assert!(view.delta().is_empty(), "a second follow found changes: {:?}", view.delta());
        prop_assert_eq!(view.seq(), again.seq());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Real maps, outlines on (as the app draws maps under 2,000 units).
    #[test]
    fn followed_view_equals_fresh_on_real_maps(k in 2usize..=10, seed in any::<u64>(), bhopal in any::<bool>(), steps in 1usize..30) {
        run(city(if bhopal { "bhopal" } else { "bhubaneswar" }), true, k, seed, steps)?;
    }

    /// A synthetic grid drawn as a big map: labels only, kept where they were.
    #[test]
    fn followed_view_equals_fresh_on_a_big_map(k in 2usize..=24, seed in any::<u64>(), steps in 1usize..30) {
        run(grid(30), false, k, seed, steps)?;
    }
}

/// One hand edit at a real map names just the units and areas it touched.
#[test]
fn one_edit_touches_two_areas() {
    let c = city("bhubaneswar");
    let map = &c.map;
    let mut p = Project::new("t", "t");
    p.apply(map, Edit::AddOrganisers(organisers(map, 6))).unwrap();
    let ids: Vec<u32> = p.organisers.iter().map(|o| o.id).collect();
    let assignment = map
        .wards()
        .iter()
        .enumerate()
        .map(|(i, w)| (w.number.clone(), ids[i * ids.len() / map.wards().len()]))
        .collect();
    p.apply(map, Edit::ApplyPlan { assignment }).unwrap();
    let cx = ViewContext {
        map_id: 1,
        map_revision: 0,
        map,
        connectivity: Some(&c.conn),
        poor: &c.poor,
        lang: Lang::En,
        selected: None,
        outlines: true,
    };
    let mut view = PlanView::fresh(&p, &cx);
    let owners = view.owners().clone();
    let i = (0..map.wards().len())
        .find(|&i| c.conn.graph.neighbours(i).iter().any(|nb| owners[nb.ward] != owners[i]))
        .unwrap();
    let to = c
        .conn
        .graph
        .neighbours(i)
        .iter()
        .find_map(|nb| owners[nb.ward].filter(|o| Some(*o) != owners[i]))
        .unwrap();
    let from = owners[i].unwrap();
    p.apply(map, Edit::Assign { wards: vec![map.wards()[i].number.clone()], to }).unwrap();
    let d = view.follow(&p, &cx).clone();
    let mut pair = vec![from, to];
    pair.sort_unstable();
    assert_eq!(d.areas, Touched::Only(pair.clone()));
    assert_eq!(d.labels, Touched::Only(pair));
    match d.units {
        Touched::Only(u) => assert!(u.contains(&i) && u.len() < map.wards().len() / 2, "{u:?}"),
        Touched::All => panic!("one edit restyled everything"),
    }
    assert!(view == PlanView::fresh(&p, &cx));
}
