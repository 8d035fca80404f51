//! The officer's maps kept in the browser (IndexedDB, via `rexie`): an imported map, or a
//! bundled map with edited figures, survives a reload. Nothing leaves the browser.
//!
//! Records (object store `maps`): `map:<key>` → a versioned JSON object with the source and
//! the wards as GeoJSON ([`kshetra_core::export::wards_geojson`]); `figures:<key>` → the
//! figure edits made since that record was written ([`FigureJournal`]: the map record takes
//! about a second to make at 10,000 wards, so it is written a while after typing stops, while
//! each edit is journalled at once and a crash loses at most the last one); `current` → the
//! key of the map last worked on. Storage failures (private mode, quota) are reported to the console and
//! never break the app.
//!
//! **Nothing saved is ever lost**: a map or project record this version cannot open (an
//! unknown, e.g. newer, format version, or unreadable) is returned as [`Stored::Kept`] and its
//! key is never written or deleted again in this page ([`write`] refuses), so an
//! empty project can never replace it; the app tells the officer
//! ([`kshetra_core::messages::kept_record`]).
//!
//! **Saving says when it fails** ([`SaveProblem`]): storage full (quota), another tab or window
//! saved the same project meanwhile, or storage refused. The work stays in memory and the
//! editor asks the officer to save a project file. Two tabs on one project cannot overwrite
//! each other silently: each project record has a revision (`projectrev:<key>`), read and
//! written in the same transaction as the project; a save that finds a revision it did not
//! read or write itself refuses ([`SaveProblem::OtherTab`]).

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use kshetra_core::cities::BundledCity;
pub use kshetra_core::city_map::{KeptKind, KeptRecord};
use kshetra_core::export::wards_geojson;
use kshetra_core::figure_journal::FigureJournal;
use kshetra_core::import::geojson;
use kshetra_core::model::WardEdit;
use kshetra_core::run_report::RunReport;
use rexie::{ObjectStore, Rexie, TransactionMode};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use crate::data::{CityMap, MapSource};

const DB: &str = "kshetra";
const STORE: &str = "maps";
const CURRENT: &str = "current";
/// Format version of a saved map record.
const VERSION: u32 = 1;

/// A saved map.
#[derive(Serialize, Deserialize)]
struct Record {
    version: u32,
    /// `bundled` or `file`.
    kind: String,
    /// Bundled city id, or the file name.
    name: String,
    /// The wards as GeoJSON.
    wards: String,
    /// The record holds the figure edits up to this journal sequence number (0: none
    /// journalled; records written before the journal have none).
    #[serde(default)]
    journal_seq: u64,
}

/// A transaction on the store, over the page's one database connection (opened on first use;
/// opening it for every save cost about a millisecond of the autosave). A connection that
/// fails (closed by the browser, storage cleared) is dropped and the next call opens another.
async fn transaction(mode: TransactionMode) -> Result<rexie::Transaction, String> {
    let cached = CONNECTION.with(|c| c.borrow().clone());
    let db = match cached {
        Some(db) => db,
        None => {
            let db = Rexie::builder(DB)
                .version(1)
                .add_object_store(ObjectStore::new(STORE))
                .build()
                .await
                .map_err(|e| describe(&e))?;
            let db = std::rc::Rc::new(db);
            CONNECTION.with(|c| *c.borrow_mut() = Some(db.clone()));
            db
        }
    };
    db.transaction(&[STORE], mode).map_err(|e| {
        CONNECTION.with(|c| c.borrow_mut().take());
        describe(&e)
    })
}

thread_local! {
    /// The page's connection to the database, once opened.
    static CONNECTION: RefCell<Option<std::rc::Rc<Rexie>>> = const { RefCell::new(None) };
    /// Store keys holding records this version cannot open: never written or deleted.
    static KEPT: RefCell<HashSet<String>> = RefCell::new(HashSet::new());
    /// For each project key: the revision this page last read or wrote (0: none saved).
    static REVS: RefCell<HashMap<String, u64>> = RefCell::new(HashMap::new());
    /// For each map key: the figure edits not yet known to be in its saved map record.
    static JOURNALS: RefCell<HashMap<String, FigureJournal>> = RefCell::new(HashMap::new());
}

/// Why a save did not happen. The work stays in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveProblem {
    /// The browser's storage for this site is full.
    Quota,
    /// Another tab or window of this browser saved this project since this page read or
    /// saved it; nothing was written, so neither tab's work is overwritten.
    OtherTab,
    /// The browser refused (private mode, storage switched off, …): the reason.
    Failed(String),
}

impl SaveProblem {
    fn of(error: String) -> SaveProblem {
        if error.to_ascii_lowercase().contains("quota") {
            SaveProblem::Quota
        } else {
            SaveProblem::Failed(error)
        }
    }
}

/// A storage error with its causes (rexie's own text is only "idb error").
fn describe(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        text.push_str(": ");
        text.push_str(&c.to_string());
        cause = c.source();
    }
    text
}

fn is_kept(store_key: &str) -> bool {
    KEPT.with(|k| k.borrow().contains(store_key))
}

/// Marks the records under these store keys as kept: never written or deleted from now on.
fn keep(store_keys: &[String]) {
    KEPT.with(|k| k.borrow_mut().extend(store_keys.iter().cloned()));
}

const KEPT_REFUSAL: &str = "a record this version cannot open is kept untouched";

/// What a load found under a key.
#[derive(Debug)]
pub enum Stored<T> {
    /// Nothing is saved under the key.
    Absent,
    /// The saved value.
    Found(T),
    /// A record this version cannot open: kept untouched (its key is never written again).
    Kept(KeptRecord),
}

impl<T> Stored<T> {
    /// The saved value, if one was found.
    pub fn found(self) -> Option<T> {
        match self {
            Stored::Found(v) => Some(v),
            _ => None,
        }
    }
}

/// Only the version of a record, whatever else it holds (a newer format may differ).
#[derive(Deserialize)]
struct Versioned {
    version: Option<u32>,
    /// The project file's marker (`kshetra-project`), in project records since issue 19.
    format: Option<String>,
}

/// Keeps the records under `store_keys` untouched from now on and gives what to tell the
/// officer: a `kind` record of the map `key`, of format `version` (`None`: unreadable).
fn kept<T>(
    kind: KeptKind,
    key: &str,
    store_keys: &[String],
    version: Option<u32>,
    why: &str,
) -> Stored<T> {
    warn(&format!("kept the saved record {} untouched", store_keys[0]), why);
    keep(store_keys);
    Stored::Kept(KeptRecord { kind, key: key.to_string(), version })
}

/// The text saved under `store_keys[0]`; `None` when nothing is saved, or when it cannot be
/// read (then whatever is there may be the officer's work, so its keys are kept, not written).
async fn saved_text(store_keys: &[String]) -> Option<String> {
    match get(&store_keys[0]).await {
        Ok(text) => text,
        Err(e) => {
            warn("could not read", &e);
            keep(store_keys);
            None
        }
    }
}

/// Reads a saved record of format `expected`: a known version that parses is `Found`;
/// anything else (another version, broken text) is kept untouched under `store_keys`.
fn read_record<T: serde::de::DeserializeOwned>(
    text: &str,
    expected: u32,
    kind: KeptKind,
    key: &str,
    store_keys: &[String],
) -> Stored<T> {
    let version = serde_json::from_str::<Versioned>(text).ok().and_then(|v| v.version);
    let kept = |version: Option<u32>, why: &str| kept(kind, key, store_keys, version, why);
    match version {
        Some(v) if v == expected => match serde_json::from_str::<T>(text) {
            Ok(r) => Stored::Found(r),
            Err(e) => kept(None, &e.to_string()),
        },
        Some(v) => kept(Some(v), &format!("format version {v}, this version reads {expected}")),
        None => kept(None, "no format version"),
    }
}

async fn put(key: &str, value: &str) -> Result<(), String> {
    write(&[(key, Some(value))]).await
}

/// Puts (`Some`) or deletes (`None`) several records in one transaction: all or none.
async fn write(changes: &[(&str, Option<&str>)]) -> Result<(), String> {
    if changes.iter().any(|(key, _)| is_kept(key)) {
        return Err(KEPT_REFUSAL.into());
    }
    let tx = transaction(TransactionMode::ReadWrite).await?;
    let store = tx.store(STORE).map_err(|e| describe(&e))?;
    for (key, value) in changes {
        let key = JsValue::from_str(key);
        match value {
            Some(v) => store.put(&JsValue::from_str(v), Some(&key)).await.map(drop),
            None => store.delete(key).await,
        }
        .map_err(|e| describe(&e))?;
    }
    tx.done().await.map_err(|e| describe(&e))?;
    Ok(())
}

async fn get(key: &str) -> Result<Option<String>, String> {
    Ok(get_value(key).await?.and_then(|v| v.as_string()))
}

async fn get_value(key: &str) -> Result<Option<JsValue>, String> {
    let tx = transaction(TransactionMode::ReadOnly).await?;
    let store = tx.store(STORE).map_err(|e| describe(&e))?;
    store.get(JsValue::from_str(key)).await.map_err(|e| describe(&e))
}

fn warn(what: &str, e: &str) {
    gloo::console::warn!(format!("Kshetra storage: {what}: {e}"));
}

/// Saves `map` (only imported or edited maps are worth saving) and marks it current. The
/// record is made at once (so it holds exactly the figure edits journalled so far), stored
/// when the returned future runs.
pub fn save(map: &CityMap) -> impl std::future::Future<Output = Result<(), SaveProblem>> {
    let key = map.key();
    let (kind, name) = match &map.source {
        MapSource::Bundled(c) => (RecordKind::Bundled, c.id.to_string()),
        MapSource::Imported { file } => (RecordKind::File, file.clone()),
    };
    let seq = JOURNALS.with(|j| j.borrow().get(&key).map_or(0, FigureJournal::last_seq));
    let text = make_record(kind, &name, &map.map, seq);
    async move {
        let Some(text) = text else { return Ok(()) };
        if let Err(e) = put(&format!("map:{key}"), &text).await {
            return store_failed(e);
        }
        // Those edits are in the map record now; later ones stay journalled.
        JOURNALS.with(|j| j.borrow_mut().get_mut(&key).map(|j| j.saved_upto(seq)));
        mark_current(&key).await;
        Ok(())
    }
}

/// A failed map save: nothing to report when the record is kept untouched on purpose.
fn store_failed(e: String) -> Result<(), SaveProblem> {
    warn("could not save the map", &e);
    if e == KEPT_REFUSAL {
        Ok(())
    } else {
        Err(SaveProblem::of(e))
    }
}

async fn mark_current(key: &str) {
    if let Err(e) = put(CURRENT, key).await {
        warn("could not save the current map", &e);
    }
}

/// Journals one figure edit of ward `ward` of the map `key` and writes the journal at once
/// (a small record, unlike the map), so a crash loses at most this edit. The journal text is
/// made now: writes start in the order of the edits, and IndexedDB runs them in that order.
pub fn journal_edit(
    key: &str,
    ward: &str,
    edit: WardEdit,
) -> impl std::future::Future<Output = Result<(), SaveProblem>> {
    let text = JOURNALS.with(|j| {
        let mut journals = j.borrow_mut();
        let journal = journals.entry(key.to_string()).or_default();
        journal.record(ward, edit);
        journal.to_text()
    });
    let store_key = format!("figures:{key}");
    async move {
        put(&store_key, &text).await.or_else(|e| {
            warn("could not save the figure edit", &e);
            if e == KEPT_REFUSAL {
                Ok(())
            } else {
                Err(SaveProblem::of(e))
            }
        })
    }
}

/// Which kind of map a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// A bundled city with edited figures (name = city id).
    Bundled,
    /// An imported file (name = file name).
    File,
}

/// The record text saved for a newly imported map: pure, so the worker can prepare it for a
/// big import (turning 10,000 wards into GeoJSON takes about a second) and the page only
/// stores it.
pub fn record_text(kind: RecordKind, name: &str, map: &kshetra_core::WardMap) -> Option<String> {
    make_record(kind, name, map, 0)
}

fn make_record(
    kind: RecordKind,
    name: &str,
    map: &kshetra_core::WardMap,
    journal_seq: u64,
) -> Option<String> {
    let kind = match kind {
        RecordKind::Bundled => "bundled",
        RecordKind::File => "file",
    };
    let record = Record {
        version: VERSION,
        kind: kind.into(),
        name: name.to_string(),
        wards: wards_geojson(map),
        journal_seq,
    };
    serde_json::to_string(&record).ok()
}

/// Stores a record made by [`record_text`] (a new import) under the map key `key` and marks
/// it current. Figure edits journalled for an earlier map under that key are dropped in the
/// same transaction, so they can never be replayed onto the new map.
pub async fn save_text(key: &str, text: &str) -> Result<(), SaveProblem> {
    JOURNALS.with(|j| j.borrow_mut().remove(key));
    let (map_key, figures_key) = (format!("map:{key}"), format!("figures:{key}"));
    if let Err(e) = write(&[(&map_key, Some(text)), (&figures_key, None)]).await {
        return store_failed(e);
    }
    mark_current(key).await;
    Ok(())
}

/// Marks a map (by key) as the one being worked on.
pub async fn set_current(key: &str) {
    mark_current(key).await
}

/// The key of the map last worked on.
pub async fn current_key() -> Option<String> {
    get(CURRENT).await.unwrap_or_else(|e| {
        warn("could not read", &e);
        None
    })
}

/// The saved map under `key`. Saved maps are marked as changed. A record this version cannot
/// open is [`Stored::Kept`], untouched.
pub async fn load(key: &str) -> Stored<CityMap> {
    // A kept map record keeps its figure journal untouched too.
    let keys = [format!("map:{key}"), format!("figures:{key}")];
    let Some(text) = saved_text(&keys).await else { return Stored::Absent };
    let record: Record = match read_record(&text, VERSION, KeptKind::Map, key, &keys) {
        Stored::Found(r) => r,
        Stored::Kept(k) => return Stored::Kept(k),
        Stored::Absent => return Stored::Absent,
    };
    let unreadable = |why: &str| kept(KeptKind::Map, key, &keys, None, why);
    let source = match record.kind.as_str() {
        "bundled" => match BundledCity::by_id(&record.name) {
            Some(c) => MapSource::Bundled(c),
            None => return unreadable("unknown bundled city"),
        },
        _ => MapSource::Imported { file: record.name.clone() },
    };
    let imported = match geojson::parse(&record.name, record.wards.as_bytes()) {
        Ok(i) => i,
        Err(e) => return unreadable(&e.to_string()),
    };
    let mut wards = imported.map;
    // The figure edits made after the record was written (a crash or a closed tab before the
    // map was saved again): applied again, and kept journalled until the next map save.
    let figures = get(&format!("figures:{key}")).await.unwrap_or_else(|e| {
        warn("could not read the figure edits", &e);
        None
    });
    let mut journal = figures
        .as_deref()
        .and_then(FigureJournal::from_text)
        .unwrap_or_else(|| FigureJournal::after(record.journal_seq));
    let replayed = journal.replay(&mut wards, record.journal_seq);
    if replayed > 0 {
        gloo::console::log!(format!("Kshetra storage: {replayed} figure edits restored"));
    }
    JOURNALS.with(|j| j.borrow_mut().insert(key.to_string(), journal));
    let mut map = CityMap::new(source, wards, Vec::new());
    map.changed = true;
    Stored::Found(map)
}

/// Forgets the saved copy of a map (e.g. to go back to the original bundled map).
pub async fn forget(key: &str) {
    JOURNALS.with(|j| j.borrow_mut().remove(key));
    let (map_key, figures_key) = (format!("map:{key}"), format!("figures:{key}"));
    if let Err(e) = write(&[(&map_key, None), (&figures_key, None)]).await {
        warn("could not delete", &e);
    }
}

// ---------------------------------------------------------------------------------------------
// Projects: `project:<map key>` → the organisers, plan and locks with the undo history and the
// last automatic run's report, so a reload restores the exact state (undo included). The
// record is the project file's own format and version ([`kshetra_core::project::browser_record`],
// one migration path with `.kshetra.json`), without the map (kept under `map:<key>`).
// ---------------------------------------------------------------------------------------------

/// Version of the records written before they took the project file's format (no `format`
/// marker; `{version: 1, project, history, report}`); still read.
const LEGACY_PROJECT_VERSION: u32 = 1;

/// A project as kept in the browser.
#[derive(Deserialize)]
pub struct ProjectRecord {
    /// The project.
    pub project: kshetra_core::project::Project,
    /// Its undo/redo steps.
    pub history: kshetra_core::project::History,
    /// The last automatic run's report.
    pub report: Option<RunReport>,
}

/// Saves the project of the map `key` with its history. Refuses when another tab saved it
/// meanwhile, unless `take_over` (the officer chose to keep this tab's work).
pub async fn save_project(
    key: &str,
    project: &kshetra_core::project::Project,
    history: &kshetra_core::project::History,
    report: Option<&RunReport>,
    take_over: bool,
) -> Result<(), SaveProblem> {
    if is_kept(&format!("project:{key}")) {
        // A project this version cannot open is kept; its summary stays too.
        return Ok(());
    }
    let text = kshetra_core::project::browser_record(project, history, report);
    let expected = if take_over { None } else { REVS.with(|r| r.borrow().get(key).copied()) };
    let summary = serde_json::to_string(&ProjectSummary::of(key, project)).ok();
    let rev = match put_project(key, &text, summary.as_deref(), expected).await {
        Ok(Ok(rev)) => rev,
        Ok(Err(found)) => {
            warn("not saved", &format!("another tab saved revision {found} of {key}"));
            return Err(SaveProblem::OtherTab);
        }
        Err(e) => {
            warn("could not save the project", &e);
            return Err(SaveProblem::of(e));
        }
    };
    REVS.with(|r| r.borrow_mut().insert(key.to_string(), rev));
    Ok(())
}

/// Writes a project record, its summary and its revision in one transaction: `Ok(Ok(new revision))`, or
/// `Ok(Err(found))` without writing when the stored revision is not `expected` (another tab
/// saved meanwhile). `expected` `None`: write whatever is there.
async fn put_project(
    key: &str,
    text: &str,
    summary: Option<&str>,
    expected: Option<u64>,
) -> Result<Result<u64, u64>, String> {
    let rev_key = JsValue::from_str(&format!("projectrev:{key}"));
    let tx = transaction(TransactionMode::ReadWrite).await?;
    let store = tx.store(STORE).map_err(|e| describe(&e))?;
    let found = store
        .get(rev_key.clone())
        .await
        .map_err(|e| describe(&e))?
        .and_then(|v| v.as_f64())
        .map_or(0, |v| v as u64);
    if expected.is_some_and(|e| e != found) {
        tx.abort().await.map_err(|e| describe(&e))?;
        return Ok(Err(found));
    }
    let rev = found + 1;
    store
        .put(&JsValue::from_str(text), Some(&JsValue::from_str(&format!("project:{key}"))))
        .await
        .map_err(|e| describe(&e))?;
    store.put(&JsValue::from_f64(rev as f64), Some(&rev_key)).await.map_err(|e| describe(&e))?;
    if let Some(summary) = summary {
        let summary_key = JsValue::from_str(&format!("projectinfo:{key}"));
        store
            .put(&JsValue::from_str(summary), Some(&summary_key))
            .await
            .map_err(|e| describe(&e))?;
    }
    tx.done().await.map_err(|e| describe(&e))?;
    Ok(Ok(rev))
}

/// Remembers the revision of the project `key` as this page read it (0: none saved).
async fn read_rev(key: &str) {
    let rev = match get_value(&format!("projectrev:{key}")).await {
        Ok(v) => v.and_then(|v| v.as_f64()).map_or(0, |v| v as u64),
        Err(_) => return,
    };
    REVS.with(|r| r.borrow_mut().insert(key.to_string(), rev));
}

/// The projects list reads these small records, not every project with its history (which
/// took ~45 ms per list at 10,000 wards, after every edit).
async fn save_summary(s: &ProjectSummary) {
    let Ok(text) = serde_json::to_string(s) else { return };
    if let Err(e) = put(&format!("projectinfo:{}", s.key), &text).await {
        warn("could not save the project summary", &e);
    }
}

async fn load_summary(key: &str) -> Option<ProjectSummary> {
    let text = get(&format!("projectinfo:{key}")).await.ok()??;
    let s: ProjectSummary = serde_json::from_str(&text).ok()?;
    Some(ProjectSummary { key: key.to_string(), ..s })
}

/// The project kept for the map `key`. A record this version cannot open (another format
/// version, unreadable) is [`Stored::Kept`]: it and its summary are never overwritten, so the
/// empty project the editor starts instead cannot replace it.
pub async fn load_project(key: &str) -> Stored<ProjectRecord> {
    // The revision first: a save by another tab after this read is then noticed.
    read_rev(key).await;
    read_project(key).await
}

/// [`load_project`] without taking note of its revision (for the projects list).
async fn read_project(key: &str) -> Stored<ProjectRecord> {
    let keys = [format!("project:{key}"), format!("projectinfo:{key}")];
    let Some(text) = saved_text(&keys).await else { return Stored::Absent };
    let kept = |version: Option<u32>, why: &str| kept(KeptKind::Project, key, &keys, version, why);
    let marker = serde_json::from_str::<Versioned>(&text).ok();
    match marker {
        Some(Versioned { format: Some(_), .. }) => {
            use kshetra_core::project::ProjectFileError;
            match kshetra_core::project::load_browser_record(key, &text) {
                Ok(r) => Stored::Found(ProjectRecord {
                    project: r.project,
                    history: r.history.unwrap_or_default(),
                    report: r.report,
                }),
                Err(ProjectFileError::NewerVersion { found, .. }) => {
                    kept(Some(u32::try_from(found).unwrap_or(u32::MAX)), "a newer format version")
                }
                Err(e) => kept(None, &e.to_string()),
            }
        }
        // Written before the records took the project file's format.
        Some(Versioned { format: None, version: Some(LEGACY_PROJECT_VERSION) }) => {
            match serde_json::from_str::<ProjectRecord>(&text) {
                Ok(r) => Stored::Found(r),
                Err(e) => kept(None, &e.to_string()),
            }
        }
        Some(Versioned { version, .. }) => kept(version, "an unknown record"),
        None => kept(None, "not JSON"),
    }
}

/// A project kept in the browser, for the projects list; stored as `projectinfo:<key>`
/// (without the key, which is in the record's name).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProjectSummary {
    /// Map key.
    #[serde(skip)]
    pub key: String,
    /// Project name.
    pub name: String,
    /// Organisers.
    pub organisers: usize,
    /// Wards assigned.
    pub assigned: usize,
}

/// Every project kept in the browser, by map key.
pub async fn projects() -> Vec<ProjectSummary> {
    let keys = async {
        let tx = transaction(TransactionMode::ReadOnly).await?;
        let store = tx.store(STORE).map_err(|e| describe(&e))?;
        let keys = store.get_all_keys(None, None).await.map_err(|e| describe(&e))?;
        Ok::<_, String>(keys.into_iter().filter_map(|k| k.as_string()).collect::<Vec<String>>())
    }
    .await
    .unwrap_or_else(|e| {
        warn("could not list projects", &e);
        Vec::new()
    });
    let mut out = Vec::new();
    for k in keys {
        let Some(key) = k.strip_prefix("project:") else { continue };
        if let Some(s) = load_summary(key).await {
            out.push(s);
        } else if let Stored::Found(r) = read_project(key).await {
            // Saved before summaries existed: read once, then keep its summary.
            let s = ProjectSummary::of(key, &r.project);
            save_summary(&s).await;
            out.push(s);
        }
    }
    out
}

impl ProjectSummary {
    fn of(key: &str, p: &kshetra_core::project::Project) -> ProjectSummary {
        ProjectSummary {
            key: key.to_string(),
            name: p.name.clone(),
            organisers: p.organisers.len(),
            assigned: p.plan.assignment.len(),
        }
    }
}
