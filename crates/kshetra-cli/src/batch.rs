//! `kshetra-cli batch MANIFEST --out DIR`: every city of a state (or district) in one run.
//!
//! The manifest is a CSV/Excel/ODS table (read by core's `read_table`, so the same repairs as
//! the app's ward tables), one row per city. Required columns: `city`, `map`, `organisers`
//! (an organisers list file in the app's import format, or a count). Optional: `table`,
//! `poor_share`, `household_size`, `tolerance`, `zones`, `split`, `cmms`, `paper`, `tiles`,
//! `lang`, `bw`. Paths are relative to the manifest. Each city is written to `DIR/<city>/`;
//! a city that fails is reported with its bilingual reason and the others go on. Cities run
//! in parallel (rayon, `--jobs`); results are written in manifest order, so the summary is
//! the same on every run.

use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressStyle};
use kshetra_core::estimate::PoorParams;
use kshetra_core::format::{escape_html, group_indian_u64};
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::import::Value;
use kshetra_core::project::AllocSettings;
use kshetra_core::settings::is_valid_tolerance;
use kshetra_core::table::read_table;
use kshetra_pdf::{Fonts, Meta};
use rayon::prelude::*;

use crate::city::{run_city, CitySpec, Organisers};
use crate::error::{both_fill, read, write, CliError};
use crate::print::{self, PrintSettings};

/// One row's outcome for the summary.
struct Row {
    city: String,
    result: Result<Figures, String>,
}

/// A done city's figures.
struct Figures {
    wards: usize,
    poor: u64,
    available: u64,
    needed: u64,
    shortfall: u64,
    worst_pct: f64,
}

/// The folder name of a city: its name without path separators or control characters.
fn folder_name(city: &str) -> String {
    let s: String = city
        .trim()
        .chars()
        .map(|c| if c.is_control() || "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect();
    if s.is_empty() || s == "." || s == ".." {
        "_".into()
    } else {
        s
    }
}

/// A manifest row: the city's name and its spec, or why it cannot be run.
type Planned = (String, Result<CitySpec, String>);

/// Parses the manifest into one spec (or the reason it cannot be run) per row.
fn specs(manifest: &Path, seed: u64, effort: u32) -> Result<Vec<Planned>, CliError> {
    let bytes = read(manifest)?;
    let file = manifest.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let table = read_table(&file, &bytes).map_err(|e| CliError::of(&e))?;
    let base = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
    let col = |name: &str| table.columns.iter().position(|c| c.trim().eq_ignore_ascii_case(name));
    let mut required = [0usize; 3];
    for (slot, name) in required.iter_mut().zip(["city", "map", "organisers"]) {
        *slot = col(name).ok_or_else(|| {
            let columns = table.columns.join(", ");
            CliError::Said(both_fill(
                Msg::CliManifestNoColumn,
                &[("file", &file), ("column", name), ("columns", &columns)],
            ))
        })?;
    }
    let optional = |name: &str| col(name);
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for (row_no, values) in &table.rows {
        let cell = |i: Option<usize>| -> Option<String> {
            i.and_then(|i| values.get(i).cloned().flatten()).map(|v: Value| v.to_text())
        };
        let city = cell(Some(required[0])).unwrap_or_default();
        let bad = |column: &str, value: &str, rule: &dyn Fn(Lang) -> String| {
            both_fill_rule(&file, *row_no, column, value, rule)
        };
        let spec = (|| -> Result<CitySpec, String> {
            if city.trim().is_empty() {
                return Err(bad("city", "", &|l| Msg::CliChoiceRule.fill(l, &[("choices", "…")])));
            }
            if !seen.insert(folder_name(&city).to_lowercase()) {
                return Err(both_fill(
                    Msg::CliManifestDuplicateCity,
                    &[("file", &file), ("city", &city)],
                ));
            }
            let path = |v: String| base.join(v.trim());
            let map = cell(Some(required[1])).map(path).unwrap_or_default();
            let organisers = match cell(Some(required[2])) {
                Some(v) => match v.trim().parse::<usize>() {
                    Ok(k) => Organisers::Count(k),
                    Err(_) => Organisers::File(base.join(v.trim())),
                },
                None => {
                    return Err(bad("organisers", "", &|l| {
                        Msg::CliChoiceRule.fill(l, &[("choices", "file, 1, 2, …")])
                    }))
                }
            };
            let num = |name: &str, default: f64, ok: &dyn Fn(f64) -> bool, choices: &str| match cell(
                optional(name),
            ) {
                None => Ok(default),
                Some(v) => match v.trim().parse::<f64>() {
                    Ok(x) if ok(x) => Ok(x),
                    _ => {
                        Err(bad(name, &v, &|l| Msg::CliChoiceRule.fill(l, &[("choices", choices)])))
                    }
                },
            };
            let flag = |name: &str| match cell(optional(name)) {
                None => Ok(false),
                Some(v) => match v.trim().to_ascii_lowercase().as_str() {
                    "1" | "yes" | "y" | "true" | "on" | "हाँ" => Ok(true),
                    "0" | "no" | "n" | "false" | "off" | "नहीं" => Ok(false),
                    _ => Err(bad(name, &v, &|l| {
                        Msg::CliChoiceRule.fill(l, &[("choices", "yes, no")])
                    })),
                },
            };
            let defaults = PoorParams::default();
            let poor_share =
                num("poor_share", defaults.poor_share, &|x| (0.0..=1.0).contains(&x), "0–1")?;
            let household_size =
                num("household_size", defaults.household_size, &|x| x > 0.0 && x <= 20.0, "1–20")?;
            let tolerance = num("tolerance", 5.0, &|x| is_valid_tolerance(x), "0–100")?;
            let cmms = num("cmms", 3.0, &|x| [1.0, 2.0, 3.0].contains(&x), "1, 2, 3")? as usize;
            let zones = flag("zones")?;
            // Accepted for the manifest's shape; splitting a ward lands with its own issue.
            let _split = flag("split")?;
            let bw = flag("bw")?;
            let mut settings = PrintSettings { cmms, black_and_white: bw, ..Default::default() };
            if let Some(v) = cell(optional("paper")) {
                settings.paper = print::paper(&v).ok_or_else(|| {
                    bad("paper", &v, &|l| {
                        Msg::CliChoiceRule.fill(l, &[("choices", "A4, A3, A2, A1, A0")])
                    })
                })?;
            }
            if let Some(v) = cell(optional("tiles")) {
                settings.tiles = print::tiles(&v).ok_or_else(|| {
                    bad("tiles", &v, &|l| {
                        Msg::CliChoiceRule.fill(l, &[("choices", "a4, a3, none")])
                    })
                })?;
            }
            if let Some(v) = cell(optional("lang")) {
                settings.lang = print::print_lang(&v).ok_or_else(|| {
                    bad("lang", &v, &|l| Msg::CliChoiceRule.fill(l, &[("choices", "hi, en, both")]))
                })?;
            }
            Ok(CitySpec {
                name: city.trim().to_string(),
                map,
                table: cell(optional("table")).map(|v| base.join(v.trim())),
                organisers,
                poor: PoorParams { poor_share, household_size, ..defaults },
                tolerance,
                zones,
                epsilon: AllocSettings::default().epsilon,
                seed,
                effort,
                print: settings,
            })
        })();
        out.push((city.trim().to_string(), spec));
    }
    Ok(out)
}

fn both_fill_rule(
    file: &str,
    row: usize,
    column: &str,
    value: &str,
    rule: &dyn Fn(Lang) -> String,
) -> String {
    let text = |lang| {
        Msg::CliManifestBadValue.fill(
            lang,
            &[
                ("file", file),
                ("row", &row.to_string()),
                ("column", column),
                ("value", value),
                ("rule", &rule(lang)),
            ],
        )
    };
    format!("{} / {}", text(Lang::En), text(Lang::Hi))
}

/// Runs the batch; returns the number of cities that failed.
pub fn run(
    manifest: &Path,
    out: &Path,
    jobs: Option<usize>,
    seed: u64,
    effort: u32,
) -> Result<usize, CliError> {
    let specs = specs(manifest, seed, effort)?;
    std::fs::create_dir_all(out)
        .map_err(|e| CliError::Write { file: out.display().to_string(), detail: e.to_string() })?;
    let fonts =
        Fonts::bundled().map_err(|source| CliError::Pdf { file: "summary.pdf".into(), source })?;
    let threads = jobs
        .filter(|&j| j > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| CliError::Said(format!("{e}")))?;
    let bar = ProgressBar::new(specs.len() as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {elapsed_precise} {msg}")
    {
        bar.set_style(style);
    }
    let say = |line: String| {
        if bar.is_hidden() {
            eprintln!("{line}");
        } else {
            bar.println(line);
        }
    };
    let rows: Vec<Row> = pool.install(|| {
        specs
            .par_iter()
            .map(|(city, spec)| {
                let result = match spec {
                    Err(reason) => Err(reason.clone()),
                    Ok(spec) => {
                        let dir: PathBuf = out.join(folder_name(&spec.name));
                        run_city(spec, &dir, &fonts).map_err(|e| e.to_string()).map(|done| {
                            let available = done.project.organisers.len() as u64;
                            Figures {
                                wards: done.map.wards().len(),
                                poor: done.estimate.total_poor,
                                available,
                                needed: done.estimate.organisers_needed,
                                shortfall: done.estimate.shortfall(available),
                                worst_pct: done.outcome.metrics.max_abs_deviation * 100.0,
                            }
                        })
                    }
                };
                let line = match &result {
                    Ok(f) => both_fill(
                        Msg::CliCityDone,
                        &[
                            ("city", city),
                            ("wards", &f.wards.to_string()),
                            ("k", &f.available.to_string()),
                        ],
                    ),
                    Err(reason) => both_fill_city_failed(city, reason),
                };
                say(line);
                bar.inc(1);
                Row { city: city.clone(), result }
            })
            .collect()
    });
    bar.finish_and_clear();
    let failed = rows.iter().filter(|r| r.result.is_err()).count();
    write(&out.join("summary.csv"), summary_csv(&rows))?;
    let pages = summary_pages(&rows);
    let meta = Meta { title: Some(Msg::StateSummaryTitle.text(Lang::En).to_string()) };
    let pdf = kshetra_pdf::pages_to_pdf(&pages, &fonts, &meta)
        .map_err(|source| CliError::Pdf { file: "summary.pdf".into(), source })?;
    write(&out.join("summary.pdf"), pdf)?;
    let done = rows.len() - failed;
    eprintln!(
        "{}",
        both_fill(
            Msg::CliBatchDone,
            &[
                ("done", &done.to_string()),
                ("failed", &failed.to_string()),
                ("out", &out.display().to_string())
            ],
        )
    );
    Ok(failed)
}

/// "city: failed — reason" in English then Hindi, each with its own half of the reason.
fn both_fill_city_failed(city: &str, reason: &str) -> String {
    let (en, hi) = reason.split_once(" / ").unwrap_or((reason, reason));
    format!(
        "{} / {}",
        Msg::CliCityFailed.fill(Lang::En, &[("city", city), ("reason", en)]),
        Msg::CliCityFailed.fill(Lang::Hi, &[("city", city), ("reason", hi)])
    )
}

/// "हिन्दी / English" of a catalogue entry (summary headers).
fn bi(msg: Msg) -> String {
    format!("{} / {}", msg.text(Lang::Hi), msg.text(Lang::En))
}

fn csv_cell(s: &str) -> String {
    let s = kshetra_core::format::csv_safe(s);
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

const COLUMNS: [Msg; 9] = [
    Msg::City,
    Msg::SummaryStatus,
    Msg::Wards,
    Msg::PoorHouseholds,
    Msg::OrganisersAvailable,
    Msg::OrganisersNeeded,
    Msg::Shortfall,
    Msg::SummaryWorstDeviation,
    Msg::SummaryReason,
];

/// The state summary as CSV (UTF-8 with BOM, so Excel shows the Devanagari): bilingual
/// headers, plain numbers (for sorting and sums in a spreadsheet), one row per city in
/// manifest order.
fn summary_csv(rows: &[Row]) -> String {
    let mut s = String::from("\u{FEFF}");
    s.push_str(&COLUMNS.iter().map(|&m| csv_cell(&bi(m))).collect::<Vec<_>>().join(","));
    s.push('\n');
    for r in rows {
        let cells: Vec<String> = match &r.result {
            Ok(f) => vec![
                r.city.clone(),
                bi(Msg::SummaryOk),
                f.wards.to_string(),
                f.poor.to_string(),
                f.available.to_string(),
                f.needed.to_string(),
                f.shortfall.to_string(),
                format!("{:.1}", f.worst_pct),
                String::new(),
            ],
            Err(reason) => {
                let mut v = vec![r.city.clone(), bi(Msg::SummaryFailed)];
                v.extend(std::iter::repeat_n(String::new(), 6));
                v.push(reason.clone());
                v
            }
        };
        s.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(","));
        s.push('\n');
    }
    s
}

/// Splits text into lines of at most `width` characters at spaces.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for word in text.split_whitespace() {
        let last = lines.last_mut().map(|l| l.chars().count()).unwrap_or(0);
        if last > 0 && last + 1 + word.chars().count() > width {
            lines.push(String::new());
        }
        if let Some(l) = lines.last_mut() {
            if !l.is_empty() {
                l.push(' ');
            }
            l.push_str(word);
        }
    }
    lines
}

/// The state summary as A4 pages (SVG, mm units): a table of cities with Indian digit
/// grouping and a total row, then the failed cities' reasons.
fn summary_pages(rows: &[Row]) -> Vec<String> {
    const X: [f64; 8] = [12.0, 60.0, 84.0, 100.0, 124.0, 146.0, 168.0, 186.0];
    let head = |y: &mut f64, body: &mut String| {
        body.push_str(&format!(
            r##"<text x="12" y="{:.1}" font-size="5" font-weight="700" fill="#1f3a5f">{}</text><text x="12" y="{:.1}" font-size="4" fill="#1f3a5f">{}</text>"##,
            *y,
            escape_html(Msg::StateSummaryTitle.text(Lang::Hi)),
            *y + 6.0,
            escape_html(Msg::StateSummaryTitle.text(Lang::En))
        ));
        *y += 14.0;
        // Each header wrapped to its column (Hindi lines, then English), 2.2 mm text.
        let mut tallest = 0usize;
        for (i, m) in COLUMNS[..8].iter().enumerate() {
            let right = X.get(i + 1).copied().unwrap_or(198.0);
            let chars = (((right - X[i] - 1.5) / (2.2 * 0.55)).floor() as usize).max(4);
            let lines: Vec<String> =
                [Lang::Hi, Lang::En].into_iter().flat_map(|l| wrap(m.text(l), chars)).collect();
            tallest = tallest.max(lines.len());
            for (j, line) in lines.iter().enumerate() {
                body.push_str(&format!(
                    r#"<text x="{}" y="{:.1}" font-size="2.2" font-weight="700">{}</text>"#,
                    X[i],
                    *y + j as f64 * 2.8,
                    escape_html(line)
                ));
            }
        }
        *y += tallest.saturating_sub(1) as f64 * 2.8;
        *y += 5.0;
        body.push_str(&format!(
            r##"<line x1="12" y1="{0:.1}" x2="198" y2="{0:.1}" stroke="#1f3a5f" stroke-width="0.3"/>"##,
            *y
        ));
        *y += 5.0;
    };
    let mut pages = Vec::new();
    let mut body = String::new();
    let mut y = 20.0;
    head(&mut y, &mut body);
    let mut total =
        Figures { wards: 0, poor: 0, available: 0, needed: 0, shortfall: 0, worst_pct: 0.0 };
    let cells_row = |cells: [String; 8], bold: bool, body: &mut String, y: &mut f64| {
        for (i, c) in cells.iter().enumerate() {
            body.push_str(&format!(
                r#"<text x="{}" y="{:.1}" font-size="3"{}>{}</text>"#,
                X[i],
                *y,
                if bold { r#" font-weight="700""# } else { "" },
                escape_html(c)
            ));
        }
        *y += 5.0;
    };
    for r in rows {
        if y > 280.0 {
            pages.push(std::mem::take(&mut body));
            y = 20.0;
            head(&mut y, &mut body);
        }
        let cells = match &r.result {
            Ok(f) => {
                total.wards += f.wards;
                total.poor += f.poor;
                total.available += f.available;
                total.needed += f.needed;
                total.shortfall += f.shortfall;
                total.worst_pct = total.worst_pct.max(f.worst_pct);
                [
                    r.city.clone(),
                    Msg::SummaryOk.text(Lang::Hi).to_string(),
                    group_indian_u64(f.wards as u64),
                    group_indian_u64(f.poor),
                    group_indian_u64(f.available),
                    group_indian_u64(f.needed),
                    group_indian_u64(f.shortfall),
                    format!("{:.1}", f.worst_pct),
                ]
            }
            Err(_) => {
                let mut c: [String; 8] = Default::default();
                c[0] = r.city.clone();
                c[1] = bi(Msg::SummaryFailed);
                c
            }
        };
        cells_row(cells, false, &mut body, &mut y);
    }
    cells_row(
        [
            bi(Msg::SummaryTotal),
            String::new(),
            group_indian_u64(total.wards as u64),
            group_indian_u64(total.poor),
            group_indian_u64(total.available),
            group_indian_u64(total.needed),
            group_indian_u64(total.shortfall),
            format!("{:.1}", total.worst_pct),
        ],
        true,
        &mut body,
        &mut y,
    );
    let failed: Vec<&Row> = rows.iter().filter(|r| r.result.is_err()).collect();
    if !failed.is_empty() {
        y += 4.0;
        body.push_str(&format!(
            r#"<text x="12" y="{y:.1}" font-size="3.4" font-weight="700">{}</text>"#,
            escape_html(&bi(Msg::SummaryReason))
        ));
        y += 5.0;
        for r in failed {
            let reason = r.result.as_ref().err().cloned().unwrap_or_default();
            let text = format!("{}: {}", r.city, reason);
            for line in wrap(&text, 120) {
                if y > 285.0 {
                    pages.push(std::mem::take(&mut body));
                    y = 20.0;
                }
                body.push_str(&format!(
                    r#"<text x="12" y="{y:.1}" font-size="2.6">{}</text>"#,
                    escape_html(&line)
                ));
                y += 3.6;
            }
            y += 1.5;
        }
    }
    pages.push(body);
    pages
        .into_iter()
        .map(|b| {
            format!(
                r##"<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297" font-family="'Noto Sans Devanagari', sans-serif"><rect width="210" height="297" fill="#fff"/>{b}</svg>"##
            )
        })
        .collect()
}
