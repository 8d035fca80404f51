//! One city from files to a plan and every output, with the core's functions only (the same
//! path as the app): read the map (`import::read_any`, detected columns), join a ward table,
//! estimate poor households, read the organisers list (the app's import format), allocate
//! with poor households as weights, apply the plan to a project, export and print.

use std::path::{Path, PathBuf};

use kshetra_alloc::{Control, Outcome};
use kshetra_core::adjacency::{bridge_all, build, AdjacencyOptions, WardGraph};
use kshetra_core::allocation::problem_for;
use kshetra_core::cities::BundledCity;
use kshetra_core::estimate::{estimate, CityEstimate, PoorParams};
use kshetra_core::i18n::Msg;
use kshetra_core::import::{self, FieldMapping};
use kshetra_core::project::export::{areas_geojson, areas_kml, plan_csv, ExportOptions};
use kshetra_core::project::file::{save_project, MapSource};
use kshetra_core::project::organisers_import::import_organisers;
use kshetra_core::project::{Edit, Organiser, Project};
use kshetra_core::table::{join, read_table, TableMapping};
use kshetra_core::WardMap;
use kshetra_pdf::Fonts;
use serde_json::json;

use crate::error::{both_fill, read, write, CliError};
use crate::print::{print, write_printed, PrintSettings, ToPrint};

/// Who does the work: the app's organisers list, or just a number of them.
#[derive(Debug, Clone, PartialEq)]
pub enum Organisers {
    /// An organisers list (CSV/Excel/ODS, the app's import format: name, mobile, role, home
    /// ward or point, capacity, contact point).
    File(PathBuf),
    /// This many organisers, named "Organiser 1", "Organiser 2", …
    Count(usize),
}

/// Everything one city needs.
#[derive(Debug, Clone, PartialEq)]
pub struct CitySpec {
    /// City name (also the output folder's name in a batch).
    pub name: String,
    /// Ward map file.
    pub map: PathBuf,
    /// Ward table to join (figures by ward number), if any.
    pub table: Option<PathBuf>,
    /// The organisers.
    pub organisers: Organisers,
    /// Poor share, household size and norm.
    pub poor: PoorParams,
    /// Adjacency tolerance (m).
    pub tolerance: f64,
    /// Keep each area inside one zone.
    pub zones: bool,
    /// Balance tolerance (0.05 = ±5 %).
    pub epsilon: f64,
    /// Random seed.
    pub seed: u64,
    /// Engine work budget.
    pub effort: u32,
    /// How to print.
    pub print: PrintSettings,
}

/// A city allocated.
pub struct CityDone {
    /// The project with its plan.
    pub project: Project,
    /// The wards (after the table join).
    pub map: WardMap,
    /// Where the map came from.
    pub source: MapSource,
    /// The graph used (islands bridged to their nearest ward).
    pub graph: WardGraph,
    /// The estimate.
    pub estimate: CityEstimate,
    /// Poor households per ward (the weights).
    pub poor: Vec<f64>,
    /// The engine's outcome.
    pub outcome: Outcome,
    /// Bridges added to join islands.
    pub bridges: usize,
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Reads the map and joins the table, as the app's import does.
pub fn load_map(map: &Path, table: Option<&Path>) -> Result<WardMap, CliError> {
    let bytes = read(map)?;
    let name = file_name(map);
    let raw = import::read_any(&name, &bytes).map_err(|e| CliError::of(&e))?;
    let mapping = FieldMapping::detect(&raw);
    let imported = import::apply(&raw, &mapping).map_err(|e| CliError::of(&e))?;
    let mut wards = imported.map;
    if let Some(t) = table {
        let bytes = read(t)?;
        let table = read_table(&file_name(t), &bytes).map_err(|e| CliError::of(&e))?;
        let (joined, _report) =
            join(&wards, &table, &TableMapping::detect(&table)).map_err(|e| CliError::of(&e))?;
        wards = joined;
    }
    Ok(wards)
}

/// The organisers of `spec` for `map`.
fn organisers(spec: &CitySpec, map: &WardMap) -> Result<Vec<Organiser>, CliError> {
    match &spec.organisers {
        Organisers::File(path) => {
            let bytes = read(path)?;
            let name = file_name(path);
            let list = import_organisers(&name, &bytes, map).map_err(|e| CliError::of(&e))?;
            if list.organisers.is_empty() {
                return Err(CliError::Said(both_fill(Msg::CliNoOrganisers, &[("file", &name)])));
            }
            Ok(list.organisers)
        }
        Organisers::Count(k) => {
            let lang = spec.print.lang.primary();
            Ok((1..=*k)
                .map(|n| Organiser::new(Msg::CliOrganiserN.fill(lang, &[("n", &n.to_string())])))
                .collect())
        }
    }
}

/// Allocates one city (no files written).
pub fn allocate_city(spec: &CitySpec) -> Result<CityDone, CliError> {
    let map = load_map(&spec.map, spec.table.as_deref())?;
    // One of the app's bundled maps (same file name) keeps its key, so its bilingual name and
    // attribution print as in the app.
    let stem = spec.map.file_stem().map(|s| s.to_string_lossy().to_lowercase()).unwrap_or_default();
    let bundled = BundledCity::by_id(&stem);
    let key = bundled.map(|c| c.id.to_string()).unwrap_or_else(|| spec.name.clone());
    let mut project = Project::new(key, spec.name.clone());
    project.poor = spec.poor;
    project.settings.epsilon = spec.epsilon;
    project.settings.respect_zones = spec.zones;
    project.settings.seed = spec.seed;
    let list = organisers(spec, &map)?;
    if let Organisers::Count(k) = spec.organisers {
        let wards = map.wards().len();
        if !(1..=wards).contains(&k) {
            let rule = |lang| Msg::CliKRange.fill(lang, &[("wards", &wards.to_string())]);
            return Err(CliError::Said(crate::bad_value("organisers", &k.to_string(), rule)));
        }
    }
    project.apply(&map, Edit::AddOrganisers(list)).map_err(|e| CliError::of(&e))?;
    let est = estimate(&map, &project.poor);
    let poor: Vec<f64> = est.wards.iter().map(|w| w.poor_households.unwrap_or(0) as f64).collect();
    let mut graph = build(&map, &AdjacencyOptions::tolerant(spec.tolerance));
    let bridges = bridge_all(&map, &mut graph).len();
    let problem = problem_for(&map, &graph, poor.clone());
    let engine_organisers = project.engine_organisers(&map);
    let settings = project.settings.engine().effort(spec.effort);
    let outcome = kshetra_alloc::allocate(&problem, &engine_organisers, &settings, &mut |_| {
        Control::Continue
    })
    .map_err(|e| CliError::of(&e))?;
    let edit = project.plan_from_engine(&map, &outcome.assignment);
    project.apply(&map, edit).map_err(|e| CliError::of(&e))?;
    let source = MapSource {
        name: file_name(&spec.map),
        attribution: bundled.map(|c| c.attribution.text()),
        url: bundled.map(|c| c.attribution.url.to_string()),
    };
    Ok(CityDone { project, map, source, graph, estimate: est, poor, outcome, bridges })
}

/// The metrics JSON of a done city.
pub fn metrics(done: &CityDone) -> serde_json::Value {
    let available = done.project.organisers.len() as u64;
    json!({
        "wards": done.map.wards().len(),
        "poor_households": done.estimate.total_poor,
        "organisers_available": available,
        "organisers_needed": done.estimate.organisers_needed,
        "shortfall": done.estimate.shortfall(available),
        "bridges_added": done.bridges,
        "lower_bound": done.outcome.lower_bound,
        "metrics": crate::metrics_json(&done.outcome.metrics),
    })
}

/// Allocates `spec` and writes every output into `dir` (created): project.kshetra.json,
/// plan.csv, areas.geojson, areas.kml, poster.svg/pdf, tiles.pdf, sheets.pdf, cmm.pdf,
/// metrics.json.
pub fn run_city(spec: &CitySpec, dir: &Path, fonts: &Fonts) -> Result<CityDone, CliError> {
    let done = allocate_city(spec)?;
    let what = ToPrint {
        project: &done.project,
        map: &done.map,
        source: &done.source,
        graph: &done.graph,
        city: Some(&spec.name),
    };
    // Everything is drawn before anything is written.
    let printed = print(&what, &spec.print, fonts)?;
    std::fs::create_dir_all(dir)
        .map_err(|e| CliError::Write { file: dir.display().to_string(), detail: e.to_string() })?;
    let opts = ExportOptions::default();
    write(&dir.join("project.kshetra.json"), save_project(&done.project, &done.map, &done.source))?;
    write(&dir.join("plan.csv"), plan_csv(&done.map, &done.project, &done.poor, opts))?;
    write(&dir.join("areas.geojson"), areas_geojson(&done.map, &done.project, &done.poor, opts))?;
    write(&dir.join("areas.kml"), areas_kml(&done.map, &done.project, &done.poor, opts))?;
    write_printed(dir, &printed)?;
    let text = serde_json::to_string_pretty(&metrics(&done)).unwrap_or_default();
    write(&dir.join("metrics.json"), text)?;
    Ok(done)
}
