//! The officer's maps kept in the browser (IndexedDB, via `rexie`): an imported map, or a
//! bundled map with edited figures, survives a reload. Nothing leaves the browser.
//!
//! Records (object store `maps`): `map:<key>` → a versioned JSON object with the source and
//! the wards as GeoJSON ([`kshetra_core::export::wards_geojson`]); `current` → the key of the
//! map last worked on. Storage failures (private mode, quota) are reported to the console and
//! never break the app.

use kshetra_core::cities::BundledCity;
use kshetra_core::export::wards_geojson;
use kshetra_core::import::geojson;
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
}

async fn open() -> Result<Rexie, String> {
    Rexie::builder(DB)
        .version(1)
        .add_object_store(ObjectStore::new(STORE))
        .build()
        .await
        .map_err(|e| e.to_string())
}

async fn put(key: &str, value: &str) -> Result<(), String> {
    let db = open().await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadWrite).map_err(|e| e.to_string())?;
    let store = tx.store(STORE).map_err(|e| e.to_string())?;
    store
        .put(&JsValue::from_str(value), Some(&JsValue::from_str(key)))
        .await
        .map_err(|e| e.to_string())?;
    tx.done().await.map_err(|e| e.to_string())?;
    Ok(())
}

async fn get(key: &str) -> Result<Option<String>, String> {
    let db = open().await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadOnly).map_err(|e| e.to_string())?;
    let store = tx.store(STORE).map_err(|e| e.to_string())?;
    Ok(store
        .get(JsValue::from_str(key))
        .await
        .map_err(|e| e.to_string())?
        .and_then(|v| v.as_string()))
}

async fn delete(key: &str) -> Result<(), String> {
    let db = open().await?;
    let tx = db.transaction(&[STORE], TransactionMode::ReadWrite).map_err(|e| e.to_string())?;
    let store = tx.store(STORE).map_err(|e| e.to_string())?;
    store.delete(JsValue::from_str(key)).await.map_err(|e| e.to_string())?;
    tx.done().await.map_err(|e| e.to_string())?;
    Ok(())
}

fn warn(what: &str, e: &str) {
    gloo::console::warn!(format!("Kshetra storage: {what}: {e}"));
}

/// Saves `map` (only imported or edited maps are worth saving) and marks it current.
pub async fn save(map: &CityMap) {
    let (kind, name) = match &map.source {
        MapSource::Bundled(c) => (RecordKind::Bundled, c.id.to_string()),
        MapSource::Imported { file } => (RecordKind::File, file.clone()),
    };
    let Some(text) = record_text(kind, &name, &map.map) else { return };
    save_text(&map.key(), &text).await;
}

/// Which kind of map a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    /// A bundled city with edited figures (name = city id).
    Bundled,
    /// An imported file (name = file name).
    File,
}

/// The record text saved for a map: pure, so the worker can prepare it for a big import
/// (turning 10,000 wards into GeoJSON takes about a second) and the page only stores it.
pub fn record_text(kind: RecordKind, name: &str, map: &kshetra_core::WardMap) -> Option<String> {
    let kind = match kind {
        RecordKind::Bundled => "bundled",
        RecordKind::File => "file",
    };
    let record = Record {
        version: VERSION,
        kind: kind.into(),
        name: name.to_string(),
        wards: wards_geojson(map),
    };
    serde_json::to_string(&record).ok()
}

/// Stores a record made by [`record_text`] under the map key `key` and marks it current.
pub async fn save_text(key: &str, text: &str) {
    if let Err(e) = put(&format!("map:{key}"), text).await {
        return warn("could not save the map", &e);
    }
    if let Err(e) = put(CURRENT, key).await {
        warn("could not save the current map", &e);
    }
}

/// Marks a map (by key) as the one being worked on.
pub async fn set_current(key: &str) {
    if let Err(e) = put(CURRENT, key).await {
        warn("could not save the current map", &e);
    }
}

/// The key of the map last worked on.
pub async fn current_key() -> Option<String> {
    get(CURRENT).await.unwrap_or_else(|e| {
        warn("could not read", &e);
        None
    })
}

/// The saved map under `key`, if any and readable. Saved maps are marked as changed.
pub async fn load(key: &str) -> Option<CityMap> {
    let text = get(&format!("map:{key}")).await.unwrap_or_else(|e| {
        warn("could not read", &e);
        None
    })?;
    let record: Record =
        serde_json::from_str(&text).ok().filter(|r: &Record| r.version == VERSION)?;
    let source = match record.kind.as_str() {
        "bundled" => MapSource::Bundled(BundledCity::by_id(&record.name)?),
        _ => MapSource::Imported { file: record.name.clone() },
    };
    let imported = geojson::parse(&record.name, record.wards.as_bytes()).ok()?;
    let mut map = CityMap::new(source, imported.map, Vec::new());
    map.changed = true;
    Some(map)
}

/// Forgets the saved copy of a map (e.g. to go back to the original bundled map).
pub async fn forget(key: &str) {
    if let Err(e) = delete(&format!("map:{key}")).await {
        warn("could not delete", &e);
    }
}

// ---------------------------------------------------------------------------------------------
// Projects: `project:<map key>` → the organisers, plan and locks with the undo history and the
// last automatic run's report, so a reload restores the exact state (undo included).
// ---------------------------------------------------------------------------------------------

/// Format version of a saved project record.
const PROJECT_VERSION: u32 = 1;

/// A project as kept in the browser.
#[derive(Serialize, Deserialize)]
pub struct ProjectRecord {
    version: u32,
    /// The project.
    pub project: kshetra_core::project::Project,
    /// Its undo/redo steps.
    pub history: kshetra_core::project::History,
    /// The last automatic run's report.
    pub report: Option<RunReport>,
}

/// Saves the project of the map `key` with its history.
pub async fn save_project(
    key: &str,
    project: &kshetra_core::project::Project,
    history: &kshetra_core::project::History,
    report: Option<&RunReport>,
) {
    #[derive(Serialize)]
    struct Borrowed<'a> {
        version: u32,
        project: &'a kshetra_core::project::Project,
        history: &'a kshetra_core::project::History,
        report: Option<&'a RunReport>,
    }
    let record = Borrowed { version: PROJECT_VERSION, project, history, report };
    let Ok(text) = serde_json::to_string(&record) else { return };
    if let Err(e) = put(&format!("project:{key}"), &text).await {
        warn("could not save the project", &e);
        return;
    }
    save_summary(&ProjectSummary::of(key, project)).await;
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

/// The project kept for the map `key`, if any and readable.
pub async fn load_project(key: &str) -> Option<ProjectRecord> {
    let text = get(&format!("project:{key}")).await.unwrap_or_else(|e| {
        warn("could not read", &e);
        None
    })?;
    match serde_json::from_str::<ProjectRecord>(&text) {
        Ok(r) if r.version == PROJECT_VERSION => Some(r),
        Ok(r) => {
            warn("unknown project record version", &r.version.to_string());
            None
        }
        Err(e) => {
            warn("could not read the saved project", &e.to_string());
            None
        }
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
        let db = open().await?;
        let tx = db.transaction(&[STORE], TransactionMode::ReadOnly).map_err(|e| e.to_string())?;
        let store = tx.store(STORE).map_err(|e| e.to_string())?;
        let keys = store.get_all_keys(None, None).await.map_err(|e| e.to_string())?;
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
        } else if let Some(r) = load_project(key).await {
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
