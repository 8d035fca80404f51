//! `kshetra-cli`: Kshetra's allocation on the command line.
//!
//! ```text
//! kshetra-cli allocate MAP.geojson (--k 14 | --organisers LIST.csv) [--eps 0.05] [--tolerance 5]
//!             [--weight poor_households] [--poor-share 0.27] [--household-size 4.8]
//!             [--zones] [--seed 1] [--effort 1000] [--plan plan.csv] [--geojson out.geojson]
//!             [--metrics metrics.json] [--project out.kshetra.json]
//! kshetra-cli score MAP.geojson PLAN.csv [--tolerance 5] [--weight poor_households]
//! kshetra-cli poster PROJECT.kshetra.json [--paper A1] [--lang hi|en|both] [--tiles a4|a3|none]
//!             [--bw] [--cmms 3] --out DIR
//! kshetra-cli batch MANIFEST.csv [--jobs N] [--strict] --out DIR
//! ```
//! Both take `--ward-column NAME` and `--population-column NAME` to use those columns of the
//! map instead of the detected ones, and `--merge-duplicates` to accept a ward-number column
//! that would merge many features into few wards (refused without it); when no ward-number column is found, or no ward has a
//! population, the refusal lists the map's columns and says which option to pass.
//! Plans are CSV rows `unit_index,part` (0-based feature index in the map file, 0-based
//! organiser), the format the peer benchmark's `check_plan.py` reads. Metrics are JSON.
//!
//! Numbers are checked before anything is sized by them, with the app's bounds: `--k` from 1 to
//! the map's wards, `--eps` from 0.005 to 0.5 (the app's 0.5–50 %), `--tolerance` from 0 to
//! 100 m; a plan's units must be on the map and named once, its parts below the number of wards.
//! Refusals name the option or the file and line, in English and Hindi (the catalogue's text).

mod batch;
mod city;
mod error;
mod print;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use kshetra_alloc::{Control, Organiser, PlanMetrics, Settings};
use kshetra_core::adjacency::{bridge_all, build, AdjacencyOptions};
use kshetra_core::allocation::{problem_for, weights, Weight};
use kshetra_core::estimate::{estimate, PoorParams};
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::import::{self, Field, FieldMapping, ImportError};
use kshetra_core::messages::{column_list, UserText};
use kshetra_core::project::file::save_project;
use kshetra_core::project::organisers_import::import_organisers;
use kshetra_core::project::{plan_csv, AllocSettings};
use kshetra_core::project::{Edit, Organiser as ProjectOrganiser, Project};
use kshetra_core::settings::is_valid_tolerance;
use kshetra_core::WardMap;
use serde_json::{json, Value};

#[derive(Parser)]
#[command(
    name = "kshetra-cli",
    version,
    about = "Divide a city's wards among organisers: balanced, one-piece, compact areas"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct MapArgs {
    /// Ward map: GeoJSON, KML/KMZ or zipped Shapefile (ward number, population, zone detected).
    map: PathBuf,
    /// Adjacency tolerance in metres (0 = exactly shared borders).
    #[arg(long, default_value_t = AdjacencyOptions::DEFAULT_TOLERANCE_M, allow_negative_numbers = true)]
    tolerance: f64,
    /// Ward weight: `poor_households` (the app's: entered, else households × poor share, else
    /// population × poor share ÷ household size), `population` or `__count__` (every ward 1).
    #[arg(long, default_value = "poor_households")]
    weight: String,
    /// Share of households that are poor (0–1), for `poor_households`.
    #[arg(long, default_value_t = PoorParams::default().poor_share)]
    poor_share: f64,
    /// Persons per household, for `poor_households`.
    #[arg(long, default_value_t = PoorParams::default().household_size)]
    household_size: f64,
    /// The map's column holding the ward number (instead of the one detected).
    #[arg(long, value_name = "NAME")]
    ward_column: Option<String>,
    /// The map's column holding the population (instead of the one detected).
    #[arg(long, value_name = "NAME")]
    population_column: Option<String>,
    /// Accept a ward-number column that repeats many numbers: features with the same number
    /// become one ward (the app asks the officer the same question).
    #[arg(long)]
    merge_duplicates: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Allocate the wards among K organisers.
    Allocate {
        #[command(flatten)]
        map: MapArgs,
        /// Number of organisers (or give --organisers).
        #[arg(long)]
        k: Option<usize>,
        /// The organisers list (CSV/Excel/ODS, the app's import format: name, mobile, role,
        /// home ward or point, capacity, contact point); its homes and capacities are used.
        #[arg(long, conflicts_with = "k")]
        organisers: Option<PathBuf>,
        /// Write the project file (`*.kshetra.json`, opens in the app; print it with `poster`).
        #[arg(long)]
        project: Option<PathBuf>,
        /// Tolerance on each area's deviation from its target (0.05 = ±5 %).
        #[arg(long, default_value_t = 0.05, allow_negative_numbers = true)]
        eps: f64,
        /// Keep zones together (each area inside one zone).
        #[arg(long)]
        zones: bool,
        /// Random seed (same seed, same plan).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Work budget (higher = longer search).
        #[arg(long, default_value_t = Settings::DEFAULT_EFFORT)]
        effort: u32,
        /// Write the plan as CSV `unit_index,part`.
        #[arg(long)]
        plan: Option<PathBuf>,
        /// Write the wards with their organiser as GeoJSON (GeoJSON input only).
        #[arg(long)]
        geojson: Option<PathBuf>,
        /// Write the metrics as JSON (also printed).
        #[arg(long)]
        metrics: Option<PathBuf>,
    },
    /// Print a project file the app saved: poster.svg, poster.pdf, tiles.pdf, sheets.pdf
    /// (one A4 page per organiser) and cmm.pdf, as the app's print panel draws them.
    Poster {
        /// The project file (`*.kshetra.json`).
        project: PathBuf,
        #[command(flatten)]
        print: PrintArgs,
        /// Adjacency tolerance in metres for the area colours (the app's default 5).
        #[arg(long, default_value_t = AdjacencyOptions::DEFAULT_TOLERANCE_M, allow_negative_numbers = true)]
        tolerance: f64,
        /// Output folder (created).
        #[arg(long)]
        out: PathBuf,
    },
    /// Allocate and print every city of a manifest (CSV/Excel, one row per city: city, map,
    /// organisers [file or count], optional table, poor_share, household_size, tolerance,
    /// zones, split, cmms, paper, tiles, lang, bw). Writes DIR/<city>/… and DIR/summary.csv +
    /// summary.pdf. A city that fails is reported and the batch goes on.
    Batch {
        /// The manifest; its paths are relative to it.
        manifest: PathBuf,
        /// Output folder (created).
        #[arg(long)]
        out: PathBuf,
        /// Cities at once (default: every core).
        #[arg(long)]
        jobs: Option<usize>,
        /// Exit non-zero when any city failed (default: keep going, exit 0).
        #[arg(long, conflicts_with = "keep_going")]
        strict: bool,
        /// Go on past failed cities and exit 0 (the default).
        #[arg(long)]
        keep_going: bool,
        /// Random seed for every city.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Engine work budget per city.
        #[arg(long, default_value_t = Settings::DEFAULT_EFFORT)]
        effort: u32,
    },
    /// Score an existing plan (CSV `unit_index,part`).
    Score {
        #[command(flatten)]
        map: MapArgs,
        /// The plan.
        plan: PathBuf,
    },
}

/// How to print (the app's print panel).
#[derive(clap::Args)]
struct PrintArgs {
    /// Poster paper: A4, A3, A2, A1 or A0.
    #[arg(long, default_value = "A1")]
    paper: String,
    /// Printed language: hi, en or both.
    #[arg(long, default_value = "both")]
    lang: String,
    /// Tiled poster on office sheets: a4, a3 or none.
    #[arg(long, default_value = "a4")]
    tiles: String,
    /// Black and white (hatched areas) for monochrome printers.
    #[arg(long)]
    bw: bool,
    /// City Mission Managers on the CMM sheet (1 to 3).
    #[arg(long, default_value_t = 3)]
    cmms: usize,
    /// Date printed on the poster (empty: a line to fill in).
    #[arg(long, default_value = "")]
    date: String,
    /// Order/letter number printed on the poster.
    #[arg(long, default_value = "")]
    reference: String,
}

impl PrintArgs {
    fn settings(&self) -> Result<print::PrintSettings, String> {
        let choice = |option: &str, value: &str, choices: &str| {
            let rule = |lang| Msg::CliChoiceRule.fill(lang, &[("choices", choices)]);
            bad_value(option, value, rule)
        };
        let paper = print::paper(&self.paper)
            .ok_or_else(|| choice("--paper", &self.paper, "A4, A3, A2, A1, A0"))?;
        let lang = print::print_lang(&self.lang)
            .ok_or_else(|| choice("--lang", &self.lang, "hi, en, both"))?;
        let tiles = print::tiles(&self.tiles)
            .ok_or_else(|| choice("--tiles", &self.tiles, "a4, a3, none"))?;
        if !(1..=3).contains(&self.cmms) {
            return Err(choice("--cmms", &self.cmms.to_string(), "1, 2, 3"));
        }
        Ok(print::PrintSettings {
            paper,
            lang,
            tiles,
            black_and_white: self.bw,
            cmms: self.cmms,
            date: self.date.clone(),
            reference: self.reference.clone(),
        })
    }
}

/// A loaded map with its source feature order.
struct Loaded {
    map: WardMap,
    /// For each ward (model order), its feature index in the file.
    feature_of_ward: Vec<usize>,
    n_features: usize,
    /// The input as JSON when it is GeoJSON and `--geojson` output is asked for, else null.
    raw: Value,
    /// The file name, for messages.
    file: String,
    /// The file's columns, in file order, for messages.
    columns: Vec<String>,
    /// The population column used, if any.
    population_column: Option<String>,
}

fn main() -> ExitCode {
    // The last line of defence (the release build aborts on a panic, so nothing can be caught):
    // an internal error is said in words, in both languages, with exit status 70 (EX_SOFTWARE)
    // instead of a Rust backtrace. Nothing is written before an input is fully read.
    std::panic::set_hook(Box::new(|info| {
        let detail = match info.location() {
            Some(l) => format!("{}:{}", l.file(), l.line()),
            None => "?".into(),
        };
        let args = [("detail", detail.as_str())];
        let (en, hi) = (
            Msg::CliInternalError.fill(Lang::En, &args),
            Msg::CliInternalError.fill(Lang::Hi, &args),
        );
        eprintln!("kshetra-cli: {en} / {hi}");
        std::process::exit(70);
    }));
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kshetra-cli: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), String> {
    match cli.command {
        Command::Allocate {
            map,
            k,
            organisers: organisers_file,
            project: project_file,
            eps,
            zones,
            seed,
            effort,
            plan,
            geojson,
            metrics,
        } => {
            check_tolerance(&map)?;
            if !AllocSettings::is_valid_epsilon(eps) {
                let rule = |lang| {
                    Msg::CliEpsRange.fill(
                        lang,
                        &[
                            ("min", &AllocSettings::EPSILON_MIN.to_string()),
                            ("max", &AllocSettings::EPSILON_MAX.to_string()),
                        ],
                    )
                };
                return Err(bad_value("--eps", &format!("{eps:?}"), rule));
            }
            let t0 = Instant::now();
            // The input's JSON is kept only for `--geojson` (as a tree, 50 MB of GeoJSON takes
            // about 1 GB).
            let mut loaded = load(&map, geojson.is_some())?;
            // Before anything is sized by k (the engine checks too, after the organisers exist).
            let wards = loaded.map.wards().len();
            // The project the plan goes into: the app's organisers (homes, capacities, locks)
            // from a list, or k plain ones.
            let mut project = Project::new(loaded.file.clone(), loaded.file.clone());
            project.poor = poor_params(&map);
            project.settings.epsilon = eps;
            project.settings.respect_zones = zones;
            project.settings.seed = seed;
            let list = match (&organisers_file, k) {
                (Some(path), _) => {
                    let bytes = error::read(path).map_err(|e| e.to_string())?;
                    let name = path.display().to_string();
                    let list =
                        import_organisers(&name, &bytes, &loaded.map).map_err(|e| both(&e))?;
                    for e in &list.errors {
                        eprintln!("warning: {}", both(e));
                    }
                    if list.organisers.is_empty() {
                        return Err(error::both_fill(Msg::CliNoOrganisers, &[("file", &name)]));
                    }
                    list.organisers
                }
                (None, Some(k)) => {
                    if !(1..=wards).contains(&k) {
                        let rule =
                            |lang| Msg::CliKRange.fill(lang, &[("wards", &wards.to_string())]);
                        return Err(bad_value("--k", &k.to_string(), rule));
                    }
                    (1..=k)
                        .map(|n| {
                            ProjectOrganiser::new(
                                Msg::CliOrganiserN.fill(Lang::En, &[("n", &n.to_string())]),
                            )
                        })
                        .collect()
                }
                (None, None) => {
                    return Err(format!(
                        "{} / {}",
                        Msg::CliNeedOrganisers.text(Lang::En),
                        Msg::CliNeedOrganisers.text(Lang::Hi)
                    ))
                }
            };
            project.apply(&loaded.map, Edit::AddOrganisers(list)).map_err(|e| both(&e))?;
            let k = project.organisers.len();
            let (problem, bridges) = problem(&loaded, &map)?;
            let t_load = t0.elapsed().as_secs_f64();
            let organisers = project.engine_organisers(&loaded.map);
            let settings = project.settings.engine().effort(effort);
            let t1 = Instant::now();
            let outcome = kshetra_alloc::allocate(&problem, &organisers, &settings, &mut |_| {
                Control::Continue
            })
            .map_err(|e| both(&e))?;
            let t_alloc = t1.elapsed().as_secs_f64();
            let by_feature = by_feature(&loaded, &outcome.assignment);
            if let Some(path) = project_file {
                let edit = project.plan_from_engine(&loaded.map, &outcome.assignment);
                project.apply(&loaded.map, edit).map_err(|e| both(&e))?;
                let source = kshetra_core::project::file::MapSource {
                    name: loaded.file.clone(),
                    ..Default::default()
                };
                write(&path, &save_project(&project, &loaded.map, &source))?;
            }
            if let Some(path) = plan {
                let mut csv = String::from("unit_index,part\n");
                for (i, part) in by_feature.iter().enumerate() {
                    if let Some(p) = part {
                        csv.push_str(&format!("{i},{p}\n"));
                    }
                }
                write(&path, &csv)?;
            }
            if let Some(path) = geojson {
                let mut raw = std::mem::take(&mut loaded.raw);
                if let Some(features) = raw.get_mut("features").and_then(Value::as_array_mut) {
                    for (i, f) in features.iter_mut().enumerate() {
                        if let (Some(props), Some(Some(p))) = (
                            f.get_mut("properties").and_then(Value::as_object_mut),
                            by_feature.get(i),
                        ) {
                            props.insert("organiser".into(), json!(p + 1));
                        }
                    }
                }
                write(&path, &raw.to_string())?;
            }
            let limits: Vec<String> = outcome.limits.iter().map(|l| l.to_string()).collect();
            let out = json!({
                "wards": loaded.map.wards().len(),
                "features": loaded.n_features,
                "k": k,
                "eps": eps,
                "seed": seed,
                "effort": effort,
                "bridges_added": bridges,
                "load_and_adjacency_s": t_load,
                "allocate_s": t_alloc,
                "starts": outcome.starts,
                "initial_max_deviation": outcome.initial_max_deviation,
                "lower_bound": outcome.lower_bound,
                "limits": limits,
                "metrics": metrics_json(&outcome.metrics),
            });
            let text = serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?;
            if let Some(path) = metrics {
                write(&path, &text)?;
            }
            println!("{text}");
            Ok(())
        }
        Command::Poster { project, print: args, tolerance, out } => {
            if !is_valid_tolerance(tolerance) {
                let rule = |lang| Msg::ToleranceInvalid.text(lang).to_string();
                return Err(bad_value("--tolerance", &format!("{tolerance:?}"), rule));
            }
            let settings = args.settings()?;
            let bytes = error::read(&project).map_err(|e| e.to_string())?;
            let name = project.display().to_string();
            let loaded =
                kshetra_core::project::file::load_project(&name, &bytes).map_err(|e| both(&e))?;
            let graph = build(&loaded.map, &AdjacencyOptions::tolerant(tolerance));
            let fonts = kshetra_pdf::Fonts::bundled()
                .map_err(|source| error::CliError::Pdf { file: "poster.pdf".into(), source })
                .map_err(|e| e.to_string())?;
            let what = print::ToPrint {
                project: &loaded.project,
                map: &loaded.map,
                source: &loaded.source,
                graph: &graph,
                city: None,
            };
            let printed = print::print(&what, &settings, &fonts).map_err(|e| e.to_string())?;
            std::fs::create_dir_all(&out).map_err(|e| {
                error::CliError::Write { file: out.display().to_string(), detail: e.to_string() }
                    .to_string()
            })?;
            print::write_printed(&out, &printed).map_err(|e| e.to_string())
        }
        Command::Batch { manifest, out, jobs, strict, keep_going: _, seed, effort } => {
            let failed =
                batch::run(&manifest, &out, jobs, seed, effort).map_err(|e| e.to_string())?;
            if strict && failed > 0 {
                return Err(Msg::CliBatchDone.fill(
                    Lang::En,
                    &[
                        ("done", "-"),
                        ("failed", &failed.to_string()),
                        ("out", &out.display().to_string()),
                    ],
                ));
            }
            Ok(())
        }
        Command::Score { map, plan } => {
            check_tolerance(&map)?;
            let loaded = load(&map, false)?;
            let (problem, _) = problem(&loaded, &map)?;
            let bytes = std::fs::read(&plan).map_err(|e| format!("{}: {e}", plan.display()))?;
            let file = plan.display().to_string();
            let wards = loaded.map.wards().len();
            let parts = plan_csv::read_plan_csv(&file, &bytes, loaded.n_features, wards)
                .map_err(|e| both(&e))?;
            let units: Vec<(String, usize)> = loaded
                .map
                .wards()
                .iter()
                .zip(&loaded.feature_of_ward)
                .map(|(w, &f)| (w.number.clone(), f))
                .collect();
            let assignment =
                plan_csv::plan_assignment(&file, &parts, &units).map_err(|e| both(&e))?;
            let k = assignment.iter().max().map_or(0, |m| *m as usize + 1);
            let metrics = kshetra_alloc::score(&problem, &Organiser::many(k), &assignment)
                .map_err(|e| both(&e))?;
            println!(
                "{}",
                serde_json::to_string_pretty(&metrics_json(&metrics)).map_err(|e| e.to_string())?
            );
            Ok(())
        }
    }
}

/// The catalogue's text of an error or warning, English then Hindi (the CLI has no language
/// switch; state teams read either).
fn both(e: &impl UserText) -> String {
    format!("{} / {}", e.message(Lang::En), e.message(Lang::Hi))
}

/// An option's refused value with the rule it breaks, English then Hindi.
pub(crate) fn bad_value(option: &str, value: &str, rule: impl Fn(Lang) -> String) -> String {
    let text = |lang| {
        Msg::CliBadValue.fill(lang, &[("option", option), ("value", value), ("rule", &rule(lang))])
    };
    format!("{} / {}", text(Lang::En), text(Lang::Hi))
}

/// `--tolerance` within the app's range, 0 to [`kshetra_core::settings::MAX_TOLERANCE_M`] metres.
fn check_tolerance(args: &MapArgs) -> Result<(), String> {
    if is_valid_tolerance(args.tolerance) {
        return Ok(());
    }
    let rule = |lang| Msg::ToleranceInvalid.text(lang).to_string();
    Err(bad_value("--tolerance", &format!("{:?}", args.tolerance), rule))
}

/// A catalogue entry filled with `args` and the file's columns as `{columns}` (quoted,
/// "(none)" when none), English then Hindi (as [`both`]).
fn with_columns(msg: Msg, args: &[(&str, &str)], columns: &[String]) -> String {
    let text = |lang| {
        let list = column_list(columns, lang);
        let mut all = args.to_vec();
        all.push(("columns", &list));
        msg.fill(lang, &all)
    };
    format!("{} / {}", text(Lang::En), text(Lang::Hi))
}

/// Reads a map; `keep_json`: keep the input's JSON too (GeoJSON input, for `--geojson`).
fn load(args: &MapArgs, keep_json: bool) -> Result<Loaded, String> {
    let path = &args.map;
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    // Any format the app reads (GeoJSON, KML/KMZ, zipped Shapefile), with the proposed mapping
    // and the columns given on the command line instead of the detected ones.
    let raw = import::read_any(&name, &bytes).map_err(|e| both(&e))?;
    let mut mapping = FieldMapping::detect(&raw);
    for (option, field, column) in [
        ("--ward-column", Field::WardNumber, &args.ward_column),
        ("--population-column", Field::Population, &args.population_column),
    ] {
        let Some(column) = column else { continue };
        if raw.column(column).is_none() {
            return Err(with_columns(
                Msg::CliColumnNotFound,
                &[("option", option), ("column", column), ("file", &name)],
                &raw.columns,
            ));
        }
        mapping.set(field, Some(column.clone()));
    }
    mapping.merge_duplicates = args.merge_duplicates;
    let imported = import::apply(&raw, &mapping).map_err(|e| match e {
        ImportError::NoWardNumberColumn { file, columns } => {
            with_columns(Msg::CliNoWardColumn, &[("file", &file)], &columns)
        }
        ImportError::WardsWouldMerge { file, column, features, wards } => {
            let (features, wards) = (features.to_string(), wards.to_string());
            let args = [
                ("file", file.as_str()),
                ("column", &column),
                ("features", &features),
                ("wards", &wards),
            ];
            format!(
                "{} / {}",
                Msg::CliWardsWouldMerge.fill(Lang::En, &args),
                Msg::CliWardsWouldMerge.fill(Lang::Hi, &args)
            )
        }
        e => both(&e),
    })?;
    // The same warning can come from reading and from applying the mapping: say it once.
    let mut said = std::collections::BTreeSet::new();
    for w in raw.warnings.iter().chain(&imported.warnings) {
        let text = both(w);
        if said.insert(text.clone()) {
            eprintln!("warning: {text}");
        }
    }
    // Each ward's feature in the file (the peer harness numbers units by feature order).
    let ward_col = mapping.ward_number.as_deref().and_then(|c| raw.column(c));
    let number_of = |f: &import::RawFeature| -> Option<String> {
        import::normalise_ward_number(&f.value(ward_col?)?.to_text())
    };
    // First feature of each ward number (a ward drawn in pieces is one ward).
    let mut first_feature: std::collections::BTreeMap<String, usize> =
        std::collections::BTreeMap::new();
    for (i, f) in raw.features.iter().enumerate() {
        if let Some(n) = number_of(f) {
            first_feature.entry(n).or_insert(i);
        }
    }
    let mut feature_of_ward = Vec::with_capacity(imported.map.wards().len());
    for ward in imported.map.wards() {
        let f = first_feature
            .get(&ward.number)
            .copied()
            .ok_or_else(|| format!("ward {} not found among the file's features", ward.number))?;
        feature_of_ward.push(f);
    }
    let geojson = if keep_json {
        serde_json::from_slice(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes))
            .unwrap_or(Value::Null)
    } else {
        Value::Null
    };
    Ok(Loaded {
        map: imported.map,
        feature_of_ward,
        n_features: raw.features.len(),
        raw: geojson,
        file: name,
        columns: raw.columns.clone(),
        population_column: mapping.population.clone(),
    })
}

fn problem(loaded: &Loaded, args: &MapArgs) -> Result<(kshetra_alloc::Problem, usize), String> {
    let map = &loaded.map;
    let weights = match args.weight.as_str() {
        // The app's weights: each ward's poor households (core's estimate).
        "poor_households" => estimate(map, &poor_params(args))
            .wards
            .iter()
            .map(|w| w.poor_households.unwrap_or(0) as f64)
            .collect(),
        "population" => weights(map, &Weight::Population),
        "__count__" => weights(map, &Weight::Count),
        other => {
            let rule = |lang| Msg::CliWeightRule.text(lang).to_string();
            return Err(bad_value("--weight", other, rule));
        }
    };
    // "Total weight is zero": no population read. Say which columns there are and what to pass.
    if weights.iter().sum::<f64>() <= 0.0 {
        let used = loaded.population_column.iter().cloned().collect::<Vec<_>>();
        let msg = if used.is_empty() { Msg::CliNoPopulationColumn } else { Msg::CliZeroWeight };
        let text = |lang| {
            msg.fill(
                lang,
                &[
                    ("file", &loaded.file),
                    ("column", &column_list(&used, lang)),
                    ("columns", &column_list(&loaded.columns, lang)),
                ],
            )
        };
        return Err(format!("{} / {}", text(Lang::En), text(Lang::Hi)));
    }
    let mut graph = build(map, &AdjacencyOptions::tolerant(args.tolerance));
    // Islands are joined to their nearest ward, as the peer harness does.
    let bridges = bridge_all(map, &mut graph).len();
    Ok((problem_for(map, &graph, weights), bridges))
}

/// The estimate's settings from the command line (the norm stays the app's default).
fn poor_params(args: &MapArgs) -> PoorParams {
    PoorParams {
        poor_share: args.poor_share,
        household_size: args.household_size,
        ..PoorParams::default()
    }
}

fn by_feature(loaded: &Loaded, assignment: &[u32]) -> Vec<Option<u32>> {
    let mut out = vec![None; loaded.n_features];
    for (w, &f) in loaded.feature_of_ward.iter().enumerate() {
        out[f] = Some(assignment[w]);
    }
    out
}

pub(crate) fn metrics_json(m: &PlanMetrics) -> Value {
    json!({
        "max_abs_deviation": m.max_abs_deviation,
        "cut_edges": m.cut_edges,
        "cut_length_m": m.cut_length,
        "mean_polsby_popper": m.mean_polsby_popper,
        "empty_areas": m.empty_areas,
        "split_areas": m.split_areas,
        "areas": m.areas.iter().map(|a| json!({
            "wards": a.wards, "weight": a.weight, "target": a.target, "deviation": a.deviation,
            "pieces": a.pieces, "cut_edges": a.cut_edges, "polsby_popper": a.polsby_popper,
        })).collect::<Vec<_>>(),
    })
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
