//! The project file, `*.kshetra.json`: the project and its ward map in one JSON document, so
//! an imported city survives a save and load on another computer.
//!
//! # Current format (version 2)
//! ```json
//! {"format": "kshetra-project", "version": 2,
//!  "name": "…", "map_key": "bhubaneswar",
//!  "source": {"name": "…", "attribution": "…", "url": "…"},
//!  "organisers": [{"id": 1, "name": "…", "mobile": "9876543210", "role": "…",
//!                  "home": {"ward": "12", "point": [85.8, 20.3]}, "capacity": 1.0,
//!                  "contact": {"name": "…", "lon": 85.8, "lat": 20.3,
//!                              "meeting_day": "…", "meeting_time": "…"}}],
//!  "next_id": 2,
//!  "plan": {"12": 1}, "locked": ["12"],
//!  "settings": {"epsilon": 0.05, "respect_zones": true, "keep_home_wards": false, "seed": 1},
//!  "poor": {"poor_share": 0.27, "household_size": 4.8, "norm": 3000},
//!  "map": { the wards as a GeoJSON FeatureCollection, see crate::export::wards_geojson }}
//! ```
//!
//! # Version 1 (older files, migrated on load)
//! Organisers had no ids: the plan named them by their position in the list, locks were kept
//! per organiser, and the settings had other names:
//! ```json
//! {"format": "kshetra-project", "version": 1, "city": "bhubaneswar", "title": "…",
//!  "organisers": [{"name": "…", "mobile": "…", "capacity": 1, "home_ward": "12",
//!                  "locked_wards": ["12"]}],
//!  "assignment": {"12": 0},
//!  "tolerance": 0.05, "households_per_co": 3000,
//!  "map": {…}}
//! ```
//! Migration: organisers get ids 1, 2, … in list order and the default role; `assignment`
//! (ward → position) becomes `plan` (ward → id); the union of `locked_wards` becomes
//! `locked`; `tolerance` → `settings.epsilon`; `households_per_co` → `poor.norm`; `city` →
//! `map_key`; `title` → `name`.
//!
//! # Validation on load
//! Each problem is a typed [`ProjectFileError`] whose bilingual text is in [`crate::messages`]:
//! empty, not text, not JSON, cut off, JSON that is not a project (no format marker), a newer
//! version, a missing field or one of the wrong kind (named, with what it must hold), a wrong
//! structure, an unreadable map, duplicate organiser ids, a bad capacity, and plan,
//! lock or home entries naming wards not on the map or organisers not in the list.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::estimate::PoorParams;
use crate::model::WardMap;
use crate::project::organiser::valid_capacity;
use crate::project::{AllocSettings, History, Organiser, Plan, Project};
use crate::run_report::RunReport;

/// The format marker of project files.
pub const FORMAT: &str = "kshetra-project";

/// The version written by [`save_project`]; files up to this version load.
pub const CURRENT_VERSION: u32 = 2;

/// Where the ward map came from, kept with the project for the attribution.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct MapSource {
    /// Name of the map or file (e.g. "Bhubaneswar wards" or "wards-2022.kml").
    pub name: String,
    /// Attribution text required by the data's licence, if any.
    pub attribution: Option<String>,
    /// The data's home page, if any.
    pub url: Option<String>,
}

/// A loaded project file.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedProject {
    /// The project.
    pub project: Project,
    /// Its ward map.
    pub map: WardMap,
    /// Where the map came from.
    pub source: MapSource,
    /// The file's version when it was older than [`CURRENT_VERSION`] (it was migrated).
    pub migrated_from: Option<u32>,
}

/// Why a project file could not be loaded. Every variant names the file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ProjectFileError {
    /// No bytes.
    #[error("{file}: empty")]
    Empty {
        /// File name.
        file: String,
    },
    /// Not JSON.
    #[error("{file}: not JSON at line {line}, column {column}: {detail}")]
    NotJson {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// Parser message.
        detail: String,
    },
    /// JSON cut off before its end.
    #[error("{file}: the file ends too early")]
    Truncated {
        /// File name.
        file: String,
    },
    /// JSON, but not a project (no `"format": "kshetra-project"`).
    #[error("{file}: not a Kshetra project ({found})")]
    NotAProject {
        /// File name.
        file: String,
        /// What it looks like instead ("GeoJSON", "JSON", or its own format marker).
        found: String,
    },
    /// Written by a newer Kshetra.
    #[error("{file}: version {found} is newer than {supported}")]
    NewerVersion {
        /// File name.
        file: String,
        /// The file's version.
        found: u64,
        /// The newest version this build reads.
        supported: u32,
    },
    /// A project file whose structure is wrong (missing or mistyped fields).
    #[error("{file}: invalid project: {detail}")]
    Invalid {
        /// File name.
        file: String,
        /// What is wrong (serde's message).
        detail: String,
    },
    /// The embedded ward map cannot be read.
    #[error("{file}: the ward map cannot be read: {error}")]
    BadMap {
        /// File name.
        file: String,
        /// Why (the map importer's error, with its own bilingual text).
        error: Box<crate::import::ImportError>,
    },
    /// Some wards of the embedded map cannot be read back.
    #[error("{file}: {readable} of {total} wards of the map readable")]
    MapWardsLost {
        /// File name.
        file: String,
        /// Wards read.
        readable: usize,
        /// Wards in the file.
        total: usize,
    },
    /// Not text at all (a Word or Excel document, a zip, an image).
    #[error("{file}: not text")]
    NotText {
        /// File name.
        file: String,
    },
    /// A field the project needs is missing.
    #[error("{file}: no {field}")]
    MissingField {
        /// File name.
        file: String,
        /// The field as the file names it ("map", "version", "name").
        field: String,
        /// The organiser it belongs to (1-based position in the list), if any.
        organiser: Option<usize>,
    },
    /// A field holds the wrong kind of value (text for a number, …), e.g. after editing by
    /// hand.
    #[error("{file}: {field} must be {expected:?}, found {found:?}")]
    WrongType {
        /// File name.
        file: String,
        /// The field as the file names it.
        field: String,
        /// The organiser it belongs to (1-based position in the list), if any.
        organiser: Option<usize>,
        /// What it must be.
        expected: JsonKind,
        /// What it is.
        found: JsonKind,
        /// The value as written, when short and simple (text, number, true/false).
        value: String,
    },
    /// Two organisers with the same id.
    #[error("{file}: organiser id {id} is used twice")]
    DuplicateOrganiserId {
        /// File name.
        file: String,
        /// The id.
        id: u32,
    },
    /// An organiser's capacity is outside (0, 2].
    #[error("{file}: capacity {value} of {name:?} is not in (0, 2]")]
    BadCapacity {
        /// File name.
        file: String,
        /// Organiser's name.
        name: String,
        /// The capacity.
        value: f64,
    },
    /// Plan, locks or homes name wards not on the map.
    #[error("{file}: wards not on the map: {wards:?}")]
    UnknownWards {
        /// File name.
        file: String,
        /// Ward numbers.
        wards: Vec<String>,
    },
    /// The plan gives wards to organisers not in the list.
    #[error("{file}: wards {wards:?} are given to unknown organisers {ids:?}")]
    UnknownOrganisers {
        /// File name.
        file: String,
        /// Ward numbers.
        wards: Vec<String>,
        /// The unknown ids (version 1: positions).
        ids: Vec<u32>,
    },
}

/// The kinds of JSON value, for [`ProjectFileError::WrongType`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonKind {
    /// A whole number ≥ 0.
    WholeNumber,
    /// Any number.
    Number,
    /// Text.
    Text,
    /// A list `[…]`.
    List,
    /// A group of named values `{…}`.
    Object,
    /// true or false.
    TrueFalse,
    /// null.
    Nothing,
}

impl JsonKind {
    /// The kind of `v` (a whole number counts as [`JsonKind::WholeNumber`]).
    pub fn of(v: &Value) -> JsonKind {
        match v {
            Value::Null => JsonKind::Nothing,
            Value::Bool(_) => JsonKind::TrueFalse,
            Value::Number(n) if n.is_u64() => JsonKind::WholeNumber,
            Value::Number(_) => JsonKind::Number,
            Value::String(_) => JsonKind::Text,
            Value::Array(_) => JsonKind::List,
            Value::Object(_) => JsonKind::Object,
        }
    }

    fn accepts(self, v: &Value) -> bool {
        let found = JsonKind::of(v);
        found == self || (self == JsonKind::Number && found == JsonKind::WholeNumber)
    }
}

/// A value as written, for a message: short text quoted, numbers and true/false as they are,
/// nothing for lists and groups.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{}\"", s.chars().take(30).collect::<String>()),
        Value::Number(_) | Value::Bool(_) => v.to_string(),
        _ => String::new(),
    }
}

/// [`ProjectFileError::WrongType`] for `field` holding `v`.
fn wrong_type(
    file: &str,
    field: &str,
    organiser: Option<usize>,
    expected: JsonKind,
    v: &Value,
) -> ProjectFileError {
    ProjectFileError::WrongType {
        file: file.to_string(),
        field: field.to_string(),
        organiser,
        expected,
        found: JsonKind::of(v),
        value: shown(v),
    }
}

/// Checks the kinds of the fields serde reads, so that a file edited by hand is refused
/// naming the field and what it must hold (serde's own messages are Rust jargon).
/// `with_map`: the map is required (a file; the browser keeps it beside its record).
fn check_kinds(file: &str, v: &Value, with_map: bool) -> Result<(), ProjectFileError> {
    use JsonKind as K;
    let check = |obj: &serde_json::Map<String, Value>,
                 prefix: &str,
                 organiser: Option<usize>,
                 fields: &[(&str, JsonKind, bool)]|
     -> Result<(), ProjectFileError> {
        for &(name, kind, required) in fields {
            let field =
                &if prefix.is_empty() { name.to_string() } else { format!("{prefix} → {name}") };
            let field = field.as_str();
            match obj.get(name) {
                None if required => {
                    return Err(ProjectFileError::MissingField {
                        file: file.to_string(),
                        field: field.to_string(),
                        organiser,
                    })
                }
                // Optional fields may be null.
                Some(Value::Null) if !required => {}
                Some(x) if !kind.accepts(x) => {
                    let value = match x {
                        Value::String(s) => {
                            format!("\"{}\"", s.chars().take(30).collect::<String>())
                        }
                        Value::Number(_) | Value::Bool(_) => x.to_string(),
                        _ => String::new(),
                    };
                    return Err(ProjectFileError::WrongType {
                        file: file.to_string(),
                        field: field.to_string(),
                        organiser,
                        expected: kind,
                        found: JsonKind::of(x),
                        value,
                    });
                }
                _ => {}
            }
        }
        Ok(())
    };
    let Some(top) = v.as_object() else { return Ok(()) };
    check(
        top,
        "",
        None,
        &[
            ("name", K::Text, false),
            ("map_key", K::Text, false),
            ("source", K::Object, false),
            ("organisers", K::List, true),
            ("next_id", K::WholeNumber, false),
            ("plan", K::Object, false),
            ("locked", K::List, false),
            ("settings", K::Object, false),
            ("poor", K::Object, false),
            ("map", K::Object, with_map),
        ],
    )?;
    for (i, o) in top.get("organisers").and_then(Value::as_array).into_iter().flatten().enumerate()
    {
        let Some(o) = o.as_object() else {
            return Err(wrong_type(file, "organisers", Some(i + 1), K::Object, o));
        };
        check(
            o,
            "",
            Some(i + 1),
            &[
                ("id", K::WholeNumber, true),
                ("name", K::Text, true),
                ("mobile", K::Text, false),
                ("role", K::Text, false),
                ("home", K::Object, false),
                ("capacity", K::Number, false),
                ("contact", K::Object, false),
            ],
        )?;
    }
    if let Some(settings) = top.get("settings").and_then(Value::as_object) {
        check(
            settings,
            "settings",
            None,
            &[
                ("epsilon", K::Number, false),
                ("respect_zones", K::TrueFalse, false),
                ("keep_home_wards", K::TrueFalse, false),
                ("seed", K::WholeNumber, false),
            ],
        )?;
    }
    if let Some(poor) = top.get("poor").and_then(Value::as_object) {
        check(
            poor,
            "poor",
            None,
            &[
                ("poor_share", K::Number, false),
                ("household_size", K::Number, false),
                ("norm", K::Number, false),
            ],
        )?;
    }
    for w in top.get("locked").and_then(Value::as_array).into_iter().flatten() {
        if !K::Text.accepts(w) {
            return Err(wrong_type(file, "locked", None, K::Text, w));
        }
    }
    if let Some(plan) = top.get("plan").and_then(Value::as_object) {
        for (ward, id) in plan {
            if !K::WholeNumber.accepts(id) {
                return Err(wrong_type(file, &format!("plan → {ward}"), None, K::WholeNumber, id));
            }
        }
    }
    Ok(())
}

/// The current file shape.
#[derive(Serialize, Deserialize)]
struct FileV2 {
    format: String,
    version: u32,
    #[serde(default)]
    name: String,
    #[serde(default)]
    map_key: String,
    #[serde(default)]
    source: MapSource,
    organisers: Vec<Organiser>,
    #[serde(default)]
    next_id: u32,
    #[serde(default)]
    plan: BTreeMap<String, u32>,
    #[serde(default)]
    locked: BTreeSet<String>,
    #[serde(default)]
    settings: AllocSettings,
    #[serde(default)]
    poor: PoorParams,
    /// The wards; absent (null) in a browser record, whose map is kept beside it.
    #[serde(default)]
    map: Value,
}

/// The project and its map as a version-[`CURRENT_VERSION`] project file (pretty JSON).
pub fn save_project(project: &Project, map: &WardMap, source: &MapSource) -> String {
    let map_value: Value =
        serde_json::from_str(&crate::export::wards_geojson(map)).unwrap_or(Value::Null);
    serde_json::to_string_pretty(&file_v2(project, source, map_value)).unwrap_or_default()
}

/// A project as the browser keeps it ([`browser_record`]).
#[derive(Debug, Clone, PartialEq)]
pub struct BrowserProject {
    /// The project.
    pub project: Project,
    /// Its undo/redo steps; `None` when they could not be read (the project still opens).
    pub history: Option<History>,
    /// The last automatic run's report, if any and readable.
    pub report: Option<RunReport>,
    /// The record's version when it was older than [`CURRENT_VERSION`] (it was migrated).
    pub migrated_from: Option<u32>,
}

/// The record the browser keeps for a project: the project file's own format and version
/// (so one migration path serves both, [`load_browser_record`]) without the ward map, which
/// the browser keeps beside it, plus the undo steps and the last run's report (compact JSON).
pub fn browser_record(project: &Project, history: &History, report: Option<&RunReport>) -> String {
    #[derive(Serialize)]
    struct Record<'a> {
        #[serde(flatten)]
        file: FileV2,
        history: &'a History,
        report: Option<&'a RunReport>,
    }
    let file = file_v2(project, &MapSource::default(), Value::Null);
    serde_json::to_string(&Record { file, history, report }).unwrap_or_default()
}

/// Reads a record made by [`browser_record`] (`key`: the map key, for messages) with the
/// project file's checks and migrations, except those against the map (kept separately; a
/// map imported again under the same name may differ, and the officer's work must still
/// open). A newer version is [`ProjectFileError::NewerVersion`]: the caller keeps it untouched.
pub fn load_browser_record(key: &str, text: &str) -> Result<BrowserProject, ProjectFileError> {
    let (data, value, migrated_from) = read_versioned(key, text.as_bytes(), false)?;
    let (project, _) = project_of(key, data, None)?;
    // Undo steps of an older version are not migrated: the project opens without them.
    let history = match migrated_from {
        None => value.get("history").and_then(|h| History::deserialize(h).ok()),
        Some(_) => None,
    };
    let report = value.get("report").and_then(|r| RunReport::deserialize(r).ok());
    Ok(BrowserProject { project, history, report, migrated_from })
}

fn file_v2(project: &Project, source: &MapSource, map: Value) -> FileV2 {
    FileV2 {
        format: FORMAT.into(),
        version: CURRENT_VERSION,
        name: project.name.clone(),
        map_key: project.map_key.clone(),
        source: source.clone(),
        organisers: project.organisers.clone(),
        next_id: project.next_id,
        plan: project.plan.assignment.clone(),
        locked: project.plan.locked.clone(),
        settings: project.settings,
        poor: project.poor,
        map,
    }
}

/// Reads a project file (any version up to [`CURRENT_VERSION`], migrating older ones) and
/// validates it against its own map.
pub fn load_project(file: &str, bytes: &[u8]) -> Result<LoadedProject, ProjectFileError> {
    let (data, _, migrated_from) = read_versioned(file, bytes, true)?;
    let map = read_map(file, &data.map)?;
    let (project, source) = project_of(file, data, Some(&map))?;
    Ok(LoadedProject { project, map, source, migrated_from })
}

/// The checks and migrations every project record goes through, file or browser: empty,
/// JSON, format marker, version (newer refused, older migrated), structure. Gives the data,
/// the whole JSON value (for fields beside the project) and the version migrated from.
fn read_versioned(
    file: &str,
    bytes: &[u8],
    with_map: bool,
) -> Result<(FileV2, Value, Option<u32>), ProjectFileError> {
    let f = || file.to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ProjectFileError::Empty { file: f() });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &bytes[..bytes.len().min(1024)];
    if head.starts_with(b"PK") || head.contains(&0) || head.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(ProjectFileError::NotText { file: f() });
    }
    let mut value: Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.is_eof() {
            ProjectFileError::Truncated { file: f() }
        } else {
            ProjectFileError::NotJson {
                file: f(),
                line: e.line(),
                column: e.column(),
                detail: e.to_string(),
            }
        }
    })?;
    match value.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(ProjectFileError::NotAProject { file: f(), found: other.to_string() })
        }
        None => {
            let found = match value.get("type").and_then(Value::as_str) {
                Some("FeatureCollection" | "Feature" | "Topology") => "GeoJSON",
                _ => "JSON",
            };
            return Err(ProjectFileError::NotAProject { file: f(), found: found.into() });
        }
    }
    let version = match value.get("version") {
        Some(Value::Number(n)) if n.is_u64() => n.as_u64().unwrap_or(0),
        None => {
            return Err(ProjectFileError::MissingField {
                file: f(),
                field: "version".into(),
                organiser: None,
            })
        }
        Some(other) => {
            return Err(wrong_type(file, "version", None, JsonKind::WholeNumber, other));
        }
    };
    if version > CURRENT_VERSION as u64 {
        return Err(ProjectFileError::NewerVersion {
            file: f(),
            found: version,
            supported: CURRENT_VERSION,
        });
    }
    let migrated_from = (version < CURRENT_VERSION as u64).then_some(version as u32);
    if version <= 1 {
        value = migrate_v1(file, value)?;
    }
    check_kinds(file, &value, with_map)?;
    let data = FileV2::deserialize(&value)
        .map_err(|e| ProjectFileError::Invalid { file: f(), detail: e.to_string() })?;
    Ok((data, value, migrated_from))
}

/// The project in `data`, checked: unique organiser ids, usable capacities and, with a `map`,
/// plan, locks and homes naming wards on it and organisers in the list.
fn project_of(
    file: &str,
    data: FileV2,
    map: Option<&WardMap>,
) -> Result<(Project, MapSource), ProjectFileError> {
    let f = || file.to_string();

    // Organisers: unique ids, usable capacities.
    let mut ids = BTreeSet::new();
    for o in &data.organisers {
        if !ids.insert(o.id) {
            return Err(ProjectFileError::DuplicateOrganiserId { file: f(), id: o.id });
        }
        if !valid_capacity(o.capacity) {
            return Err(ProjectFileError::BadCapacity {
                file: f(),
                name: o.name.clone(),
                value: o.capacity,
            });
        }
    }
    // Wards named by the plan, the locks and the homes must be on the map.
    let numbers: Option<BTreeSet<&str>> =
        map.map(|m| m.wards().iter().map(|w| w.number.as_str()).collect());
    let on_map = |w: &str| numbers.as_ref().is_none_or(|n| n.contains(w));
    let mut unknown: BTreeSet<String> = BTreeSet::new();
    unknown.extend(data.plan.keys().chain(&data.locked).filter(|w| !on_map(w.as_str())).cloned());
    unknown.extend(
        data.organisers
            .iter()
            .filter_map(Organiser::home_ward)
            .filter(|w| !on_map(w))
            .map(str::to_string),
    );
    if !unknown.is_empty() {
        let mut wards: Vec<String> = unknown.into_iter().collect();
        wards.sort_by(|a, b| crate::model::natural_cmp(a, b));
        return Err(ProjectFileError::UnknownWards { file: f(), wards });
    }
    let mut bad_wards: Vec<String> =
        data.plan.iter().filter(|(_, id)| !ids.contains(id)).map(|(w, _)| w.clone()).collect();
    if !bad_wards.is_empty() {
        bad_wards.sort_by(|a, b| crate::model::natural_cmp(a, b));
        let bad_ids: BTreeSet<u32> =
            data.plan.values().filter(|id| !ids.contains(id)).copied().collect();
        return Err(ProjectFileError::UnknownOrganisers {
            file: f(),
            wards: bad_wards,
            ids: bad_ids.into_iter().collect(),
        });
    }
    // Locks of unassigned wards mean nothing: dropped (the invariant of `Plan`).
    if !AllocSettings::is_valid_epsilon(data.settings.epsilon) {
        return Err(ProjectFileError::Invalid {
            file: f(),
            detail: format!(
                "settings.epsilon {} is outside {}–{}",
                data.settings.epsilon,
                AllocSettings::EPSILON_MIN,
                AllocSettings::EPSILON_MAX
            ),
        });
    }
    let locked = data.locked.into_iter().filter(|w| data.plan.contains_key(w)).collect();
    let next_id = data.next_id.max(ids.iter().next_back().map_or(1, |m| m + 1));
    let project = Project {
        name: data.name,
        map_key: data.map_key,
        organisers: data.organisers,
        plan: Plan::new(data.plan, locked),
        settings: data.settings,
        poor: data.poor,
        next_id,
    };
    Ok((project, data.source))
}

/// Reads the embedded wards GeoJSON back into the exact map (extra count columns included).
fn read_map(file: &str, value: &Value) -> Result<WardMap, ProjectFileError> {
    let text = value.to_string();
    let imported = crate::import::geojson::parse(file, text.as_bytes())
        .map_err(|e| ProjectFileError::BadMap { file: file.to_string(), error: Box::new(e) })?;
    let features = value.get("features").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
    if imported.map.wards().len() != features.len() {
        return Err(ProjectFileError::MapWardsLost {
            file: file.to_string(),
            readable: imported.map.wards().len(),
            total: features.len(),
        });
    }
    // The importer reads the six ward fields; every other numeric property is an extra count.
    const KNOWN: [&str; 6] =
        ["ward_no", "ward_name", "population", "households", "poor_households", "zone"];
    let mut extras: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    for feature in features {
        let Some(props) = feature.get("properties").and_then(Value::as_object) else { continue };
        let Some(number) = props.get("ward_no").and_then(Value::as_str) else { continue };
        let extra: BTreeMap<String, f64> = props
            .iter()
            .filter(|(k, _)| !KNOWN.contains(&k.as_str()))
            .filter_map(|(k, v)| v.as_f64().map(|x| (k.clone(), x)))
            .collect();
        if !extra.is_empty() {
            extras.insert(number.to_string(), extra);
        }
    }
    if extras.is_empty() {
        return Ok(imported.map);
    }
    let wards = imported
        .map
        .into_wards()
        .into_iter()
        .map(|mut w| {
            if let Some(e) = extras.remove(&w.number) {
                w.extra = e;
            }
            w
        })
        .collect();
    Ok(WardMap::new(wards))
}

/// Version 1 → version 2 (see the module docs).
fn migrate_v1(file: &str, v: Value) -> Result<Value, ProjectFileError> {
    let organisers = match v.get("organisers") {
        Some(Value::Array(list)) => list,
        None => {
            return Err(ProjectFileError::MissingField {
                file: file.to_string(),
                field: "organisers".into(),
                organiser: None,
            })
        }
        Some(other) => return Err(wrong_type(file, "organisers", None, JsonKind::List, other)),
    };
    let mut locked: BTreeSet<String> = BTreeSet::new();
    let mut new_organisers = Vec::with_capacity(organisers.len());
    for (i, o) in organisers.iter().enumerate() {
        let o = o
            .as_object()
            .ok_or_else(|| wrong_type(file, "organisers", Some(i + 1), JsonKind::Object, o))?;
        for w in o.get("locked_wards").and_then(Value::as_array).into_iter().flatten() {
            if let Some(w) = w.as_str() {
                locked.insert(w.to_string());
            }
        }
        let mut n = json!({
            "id": i as u32 + 1,
            "name": o.get("name").cloned().unwrap_or(json!("")),
            // Version 1 kept mobiles as typed; normalise those that are valid.
            "mobile": match o.get("mobile") {
                Some(Value::String(m)) => json!(crate::project::normalise_mobile(m).unwrap_or_else(|| m.clone())),
                _ => Value::Null,
            },
            "capacity": o.get("capacity").cloned().unwrap_or(json!(1.0)),
        });
        if let Some(h) = o.get("home_ward").and_then(Value::as_str) {
            n["home"] = json!({ "ward": h });
        }
        new_organisers.push(n);
    }
    let k = organisers.len() as u64;
    let mut plan = serde_json::Map::new();
    let mut bad_wards = Vec::new();
    let mut bad_ids = BTreeSet::new();
    for (w, j) in v.get("assignment").and_then(Value::as_object).into_iter().flatten() {
        match j.as_u64() {
            Some(j) if j < k => {
                plan.insert(w.clone(), json!(j + 1));
            }
            Some(j) => {
                bad_wards.push(w.clone());
                bad_ids.insert(j.min(u32::MAX as u64) as u32);
            }
            None => {
                let field = format!("assignment → {w}");
                return Err(wrong_type(file, &field, None, JsonKind::WholeNumber, j));
            }
        }
    }
    if !bad_wards.is_empty() {
        bad_wards.sort_by(|a, b| crate::model::natural_cmp(a, b));
        return Err(ProjectFileError::UnknownOrganisers {
            file: file.to_string(),
            wards: bad_wards,
            ids: bad_ids.into_iter().collect(),
        });
    }
    let mut settings = serde_json::to_value(AllocSettings::default()).unwrap_or(Value::Null);
    if let Some(t) = v.get("tolerance").filter(|t| t.is_number()) {
        settings["epsilon"] = t.clone();
    }
    let mut poor = serde_json::to_value(PoorParams::default()).unwrap_or(Value::Null);
    if let Some(n) = v.get("households_per_co").filter(|n| n.is_u64()) {
        poor["norm"] = n.clone();
    }
    Ok(json!({
        "format": FORMAT,
        "version": 2,
        "name": v.get("title").cloned().unwrap_or(json!("")),
        "map_key": v.get("city").cloned().unwrap_or(json!("")),
        "organisers": new_organisers,
        "next_id": k + 1,
        "plan": plan,
        "locked": locked,
        "settings": settings,
        "poor": poor,
        "map": v.get("map").cloned().unwrap_or(Value::Null),
    }))
}
