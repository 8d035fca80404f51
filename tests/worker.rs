//! Browser tests of the Web Worker protocol (`kshetra_core::worker_protocol`, encoded and
//! handled in `src/worker.rs`) and its in-page fallback, run
//! by `wasm-bindgen-test` in headless Chromium.
//!
//! The test page served by wasm-bindgen's runner has no worker script, so a real worker
//! cannot start here: these tests check that this is detected (no hang) and that the import
//! then runs in the page, and they run the worker's request handler itself on messages that
//! went through the same encoding as between the threads. The worker transport is exercised
//! end to end by the Playwright import tests (tests/e2e).

use std::cell::RefCell;
use std::rc::Rc;

use kshetra::worker::{self, decode, encode, handle, ImportSession, WorkerState};
use kshetra_alloc::{Control, Organiser, Phase, Problem, Settings};
use kshetra_core::adjacency::{connectivity, AdjacencyOptions};
use kshetra_core::import::{self, Field};
use kshetra_core::worker_protocol::{ImportStep, RawSummary, Request, Response};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A w×h grid of unit squares as GeoJSON, wards numbered 1.. with a population.
fn grid_geojson(w: usize, h: usize) -> String {
    let mut features = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let (x0, y0) = (77.0 + x as f64 * 0.01, 23.0 + y as f64 * 0.01);
            let (x1, y1) = (x0 + 0.01, y0 + 0.01);
            features.push(format!(
                r#"{{"type":"Feature","properties":{{"Ward_No":"{}","POPULATION":{}}},"geometry":{{"type":"Polygon","coordinates":[[[{x0},{y0}],[{x1},{y0}],[{x1},{y1}],[{x0},{y1}],[{x0},{y0}]]]}}}}"#,
                y * w + x + 1,
                1000 + x * 10 + y
            ));
        }
    }
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
}

/// A w×h grid graph as an engine problem.
fn grid_problem(w: usize, h: usize) -> Problem {
    let mut edges = Vec::new();
    for y in 0..h {
        for x in 0..w {
            let i = (y * w + x) as u32;
            if x + 1 < w {
                edges.push((i, i + 1));
            }
            if y + 1 < h {
                edges.push((i, i + w as u32));
            }
        }
    }
    let weights = (0..w * h).map(|i| 100.0 + (i % 7) as f64).collect();
    let centroids =
        (0..w * h).map(|i| [(i % w) as f64 * 1000.0, (i / w) as f64 * 1000.0]).collect();
    Problem::new(weights, centroids, edges)
}

/// Sends a request through the protocol encoding to the handler; returns the decoded answers.
fn serve(state: &mut WorkerState, request: Request, file: &[u8]) -> Vec<Response> {
    let request: Request = decode(&encode(&request)).expect("request decodes");
    let mut out = Vec::new();
    let now = RefCell::new(0.0f64);
    handle(
        state,
        request,
        &mut || file.to_vec(),
        &|| {
            // Every call is 30 ms later: progress is throttled to one per 100 ms.
            let mut t = now.borrow_mut();
            *t += 30.0;
            *t
        },
        &mut |r| {
            out.push(decode::<Response>(&encode(&r)).expect("response decodes"));
        },
    );
    out
}

#[wasm_bindgen_test]
fn allocation_through_the_protocol_equals_the_direct_run() {
    let problem = grid_problem(30, 30);
    let organisers = Organiser::many(6);
    let settings = Settings::new(7);
    let mut state = WorkerState::default();
    let answers = serve(
        &mut state,
        Request::Allocate {
            problem: problem.clone(),
            organisers: organisers.clone(),
            settings: settings.clone(),
        },
        &[],
    );
    let (last, progress) = answers.split_last().expect("answers");
    assert!(last.is_final());
    assert!(progress.iter().all(|r| matches!(r, Response::AllocProgress(_))));
    let mut calls = 0usize;
    let direct = kshetra_alloc::allocate(&problem, &organisers, &settings, &mut |_| {
        calls += 1;
        Control::Continue
    })
    .expect("a plan");
    // Throttled: every call is 30 ms apart, at most one message per 100 ms.
    assert!(
        !progress.is_empty() && progress.len() <= calls / 3 + 1,
        "{} messages for {calls} calls",
        progress.len()
    );
    match last {
        Response::Allocated(Ok(outcome)) => assert_eq!(outcome, &direct),
        other => panic!("unexpected {other:?}"),
    }
}

#[wasm_bindgen_test]
fn engine_errors_cross_typed() {
    let problem = grid_problem(2, 2);
    let mut state = WorkerState::default();
    let answers = serve(
        &mut state,
        Request::Allocate { problem, organisers: Organiser::many(9), settings: Settings::new(1) },
        &[],
    );
    assert_eq!(
        answers,
        vec![Response::Allocated(Err(kshetra_alloc::AllocError::MoreOrganisersThanWards {
            organisers: 9,
            wards: 4
        }))]
    );
    let bad = Problem::new(vec![1.0, 1.0], vec![[0.0, 0.0]], vec![(0, 1)]);
    let answers = serve(
        &mut state,
        Request::Allocate {
            problem: bad,
            organisers: Organiser::many(1),
            settings: Settings::new(1),
        },
        &[],
    );
    match &answers[..] {
        [Response::Allocated(Err(kshetra_alloc::AllocError::LengthMismatch { field, .. }))] => {
            assert_eq!(*field, "centroids")
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[wasm_bindgen_test]
fn progress_reports_cross_with_nan() {
    let p = kshetra_alloc::Progress {
        phase: Phase::Search,
        work_done: 5,
        work_budget: 10,
        best_max_deviation: f64::NAN,
    };
    match decode::<Response>(&encode(&Response::AllocProgress(p))).unwrap() {
        Response::AllocProgress(q) => {
            assert!(q.phase == Phase::Search && q.work_done == 5 && q.best_max_deviation.is_nan())
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[wasm_bindgen_test]
fn import_preview_and_take_through_the_protocol_match_the_in_page_import() {
    let text = grid_geojson(12, 10);
    let bytes = text.as_bytes();
    let mut state = WorkerState::default();
    let answers = serve(
        &mut state,
        Request::Import { file_name: "grid.geojson".into(), size: bytes.len() as u64 },
        bytes,
    );
    let steps: Vec<ImportStep> = answers
        .iter()
        .filter_map(|r| if let Response::ImportProgress(s) = r { Some(*s) } else { None })
        .collect();
    assert_eq!(
        steps,
        vec![
            ImportStep::Loading { bytes: bytes.len() as u64 },
            ImportStep::Reading { bytes: bytes.len() as u64 },
            ImportStep::Checking { features: 120 }
        ]
    );
    let raw = import::read_any("grid.geojson", bytes).unwrap();
    let (summary, preview) = match answers.last().unwrap() {
        Response::Read(Ok((summary, preview))) => (summary.clone(), preview.clone().unwrap()),
        other => panic!("unexpected {other:?}"),
    };
    assert_eq!(summary, RawSummary::of(&raw));
    assert_eq!(summary.features, 120);
    assert_eq!(summary.samples[0], vec!["1", "2", "3"]);
    assert_eq!((preview.wards, preview.population_known), (120, 120));

    // Another mapping: no population column.
    let mut mapping = summary.mapping.clone();
    mapping.set(Field::Population, None);
    let answers = serve(&mut state, Request::Preview { mapping: mapping.clone() }, &[]);
    match answers.last().unwrap() {
        Response::Previewed(Ok(p)) => assert_eq!((p.wards, p.population_known), (120, 0)),
        other => panic!("unexpected {other:?}"),
    }
    // A mapping without a ward number: the typed error.
    let mut broken = mapping.clone();
    broken.set(Field::WardNumber, None);
    let answers = serve(&mut state, Request::Preview { mapping: broken }, &[]);
    assert!(
        matches!(
            answers.last().unwrap(),
            Response::Previewed(Err(import::ImportError::NoWardNumberColumn { file, columns }))
                if file == "grid.geojson" && !columns.is_empty()
        ),
        "{:?}",
        answers.last()
    );
    // Taking a mapping tried before reuses the result (no new "checking" step) and brings the
    // adjacency graph with the officer's links and the record to save.
    let _ = serve(&mut state, Request::Preview { mapping: mapping.clone() }, &[]);
    let adjacency = AdjacencyOptions::tolerant(5.0);
    let links = vec![("1".to_string(), "120".to_string())];
    let answers = serve(
        &mut state,
        Request::Take { mapping: mapping.clone(), adjacency, links: links.clone() },
        &[],
    );
    assert_eq!(
        answers[..2],
        [
            Response::ImportProgress(ImportStep::Neighbours { wards: 120 }),
            Response::ImportProgress(ImportStep::Saving)
        ]
    );
    match &answers[2] {
        Response::Taken(Ok(taken)) => {
            let imported = import::apply(&raw, &mapping).unwrap();
            assert_eq!(taken.connectivity, connectivity(&imported.map, &adjacency, &links));
            assert_eq!(taken.connectivity.components.count(), 1);
            let record = taken.record.as_deref().expect("a record to save");
            assert!(
                record.contains("grid.geojson") && record.contains("FeatureCollection"),
                "{}",
                &record[..200.min(record.len())]
            );
            assert_eq!(taken.imported, imported);
        }
        other => panic!("unexpected {other:?}"),
    }
    // The file's data is dropped once the map is taken.
    let answers = serve(&mut state, Request::Preview { mapping }, &[]);
    assert!(matches!(answers.last().unwrap(), Response::Previewed(Err(_))));
    // A map's graph on its own (a big map whose tolerance changed).
    let imported = import::apply(&raw, &summary.mapping).unwrap();
    let answers = serve(
        &mut state,
        Request::Connect { map: imported.map.clone(), adjacency, links: vec![] },
        &[],
    );
    assert_eq!(answers, vec![Response::Connected(connectivity(&imported.map, &adjacency, &[]))]);
}

#[wasm_bindgen_test]
fn a_broken_file_gives_the_typed_error() {
    let mut state = WorkerState::default();
    let answers =
        serve(&mut state, Request::Import { file_name: "wards.kml".into(), size: 0 }, &[]);
    assert_eq!(
        answers.last().unwrap(),
        &Response::Read(Err(import::ImportError::Empty { file: "wards.kml".into() }))
    );
}

fn file(name: &str, bytes: &[u8]) -> web_sys::File {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    web_sys::File::new_with_u8_array_sequence(&parts, name).expect("a File")
}

#[wasm_bindgen_test]
async fn without_a_worker_script_allocate_says_so_instead_of_hanging() {
    let progress = Rc::new(RefCell::new(0));
    let p = progress.clone();
    let run =
        worker::allocate(grid_problem(4, 4), Organiser::many(2), Settings::new(1), move |_| {
            *p.borrow_mut() += 1
        });
    match run.result.await {
        Err(worker::AllocFailure::WorkerUnavailable(_)) => {}
        other => panic!("unexpected {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn cancel_before_the_worker_starts_gives_cancelled_or_unavailable() {
    let run = worker::allocate(grid_problem(4, 4), Organiser::many(2), Settings::new(1), |_| {});
    run.cancel();
    assert!(run.cancel.is_cancelled());
    match run.result.await {
        Err(worker::AllocFailure::Cancelled) | Err(worker::AllocFailure::WorkerUnavailable(_)) => {}
        other => panic!("unexpected {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn without_a_worker_the_import_runs_in_the_page() {
    let text = grid_geojson(5, 4);
    let (session, result) =
        ImportSession::open(file("grid.geojson", text.as_bytes()), |_| {}).await;
    assert!(!session.in_worker());
    let (summary, preview) = result.expect("read");
    assert_eq!(summary.features, 20);
    assert_eq!(preview.unwrap().wards, 20);
    let taken = session
        .take(summary.mapping.clone(), AdjacencyOptions::default(), vec![], |_| {})
        .await
        .expect("taken");
    assert_eq!(taken.imported.map.wards().len(), 20);
    assert_eq!(taken.connectivity.components.count(), 1);
    assert!(taken.record.is_some());
    let mut mapping = summary.mapping;
    mapping.set(Field::WardNumber, None);
    assert!(matches!(
        session.preview(mapping, |_| {}).await,
        Err(import::ImportError::NoWardNumberColumn { .. })
    ));
    // A broken file: the same typed error as before.
    let (_, result) = ImportSession::open(file("wards.kml", &[]), |_| {}).await;
    assert_eq!(result.unwrap_err(), import::ImportError::Empty { file: "wards.kml".into() });
}
