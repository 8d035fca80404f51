//! The catalogue of broken input files (issue 19): every file in `tests/fixtures/broken/` has
//! exactly one row in `tests/fixtures/broken/EXPECTED.md` (and every row a file). Each file goes
//! through the entry point the app uses for its kind; the outcome (refused, warning, repaired)
//! must be the row's, and the English and Hindi texts must hold the row's fragments, name the
//! file (or the row, feature, ward, line or unit the fragment names) and carry no Rust debug
//! noise. The files are written by `tests/fixtures/make_broken.py`.
//!
//! `BROKEN_DUMP=1 cargo test -p kshetra-core --test broken_catalogue -- --nocapture` prints
//! what every file gives, to write a new row.

use std::collections::BTreeMap;
use std::path::PathBuf;

use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::import::{self, FieldMapping};
use kshetra_core::messages::UserText;
use kshetra_core::project::load_project;
use kshetra_core::project::organisers_import::import_organisers;
use kshetra_core::project::plan_csv::{plan_assignment, read_plan_csv};
use kshetra_core::table::{self, TableMapping};
use kshetra_core::WardMap;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken")
}

/// One row of EXPECTED.md.
#[derive(Debug)]
struct Row {
    file: String,
    kind: String,
    outcome: String,
    en: String,
    hi: String,
}

/// The table rows of EXPECTED.md (lines starting with `|`, after the header and its rule).
fn expected() -> Vec<Row> {
    let text = std::fs::read_to_string(dir().join("EXPECTED.md")).unwrap();
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| l.starts_with('|')) {
        let cells: Vec<String> = line
            .trim()
            .trim_matches('|')
            .split(" | ")
            .map(|c| c.trim().trim_matches('`').replace("\\|", "|").to_string())
            .collect();
        if cells[0] == "file" || cells[0].starts_with("---") {
            continue;
        }
        assert_eq!(cells.len(), 6, "EXPECTED.md: a row needs 6 cells: {line}");
        rows.push(Row {
            file: cells[0].clone(),
            kind: cells[1].clone(),
            outcome: cells[3].clone(),
            en: cells[4].clone(),
            hi: cells[5].clone(),
        });
    }
    rows
}

/// The map the tables, organisers and plans are checked against: wards 1–4, a 2 × 2 grid near
/// Lucknow (as in make_broken.py).
fn grid() -> WardMap {
    let mut features = Vec::new();
    for r in 0..2 {
        for c in 0..2 {
            let k = r * 2 + c + 1;
            let (x, y) = (80.90 + c as f64 * 0.01, 26.80 + r as f64 * 0.01);
            features.push(format!(
                r#"{{"type":"Feature","properties":{{"Ward_No":"{k}","Population":{p}}},"geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{x1},{y}],[{x1},{y1}],[{x},{y1}],[{x},{y}]]]}}}}"#,
                p = 10000 + k * 1000,
                x1 = x + 0.01,
                y1 = y + 0.01,
            ));
        }
    }
    let text = format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","));
    import::import_auto("grid.geojson", text.as_bytes()).unwrap().map
}

/// What a file gave: refused or not, and its texts in English and Hindi.
struct Outcome {
    refused: bool,
    en: Vec<String>,
    hi: Vec<String>,
}

fn texts<T: UserText>(items: &[T]) -> (Vec<String>, Vec<String>) {
    (
        items.iter().map(|i| i.message(Lang::En)).collect(),
        items.iter().map(|i| i.message(Lang::Hi)).collect(),
    )
}

fn refused(e: &impl UserText) -> Outcome {
    Outcome { refused: true, en: vec![e.message(Lang::En)], hi: vec![e.message(Lang::Hi)] }
}

/// Warnings as the app shows them: under the preview's heading naming the file ("Check the
/// import: {file}"), or nothing when there are none.
fn with_heading(heading: Msg, file: &str, en: Vec<String>, hi: Vec<String>) -> Outcome {
    let head = |lang, mut lines: Vec<String>| {
        if !lines.is_empty() {
            lines.insert(0, heading.fill(lang, &[("file", file)]));
        }
        lines
    };
    Outcome { refused: false, en: head(Lang::En, en), hi: head(Lang::Hi, hi) }
}

/// Runs `bytes` through the app's entry point for `kind` (the text before `:` in the row).
fn run(kind: &str, file: &str, bytes: &[u8], map: &WardMap) -> Outcome {
    match kind.split(':').next().unwrap().trim() {
        // The import worker: read, propose the mapping, apply; then the data checks.
        "map" => {
            let raw = match import::read_any(file, bytes) {
                Ok(raw) => raw,
                Err(e) => return refused(&e),
            };
            let imported = match import::apply(&raw, &FieldMapping::detect(&raw)) {
                Ok(i) => i,
                Err(e) => return refused(&e),
            };
            let mut warnings = raw.warnings.clone();
            for w in imported.warnings {
                if !warnings.contains(&w) {
                    warnings.push(w);
                }
            }
            let (mut en, mut hi) = texts(&warnings);
            let (pe, ph) = texts(&import::problems(&imported.map));
            en.extend(pe);
            hi.extend(ph);
            with_heading(Msg::CheckImport, file, en, hi)
        }
        // The ward-table panel: read, propose the mapping, join to the current map.
        "ward table" => {
            let t = match table::read_table(file, bytes) {
                Ok(t) => t,
                Err(e) => return refused(&e),
            };
            let mapping = TableMapping::detect(&t);
            match table::join(map, &t, &mapping) {
                Ok((_, report)) => {
                    let (mut en, mut hi) = texts(&t.notes);
                    let report_lines = |lang| {
                        // "N wards matched" alone is no warning.
                        let lines = report.messages(lang);
                        if lines.len() == 1 && report.map_only.is_empty() {
                            Vec::new()
                        } else {
                            lines
                        }
                    };
                    en.extend(report_lines(Lang::En));
                    hi.extend(report_lines(Lang::Hi));
                    with_heading(Msg::CheckJoin, file, en, hi)
                }
                Err(e) => refused(&e),
            }
        }
        "organisers" => match import_organisers(file, bytes, map) {
            Ok(i) => {
                let (en, hi) = texts(&i.errors);
                Outcome { refused: false, en, hi }
            }
            Err(e) => refused(&e),
        },
        // kshetra-cli score: the map's features are its units.
        "plan" => {
            let n = map.wards().len();
            let parts = match read_plan_csv(file, bytes, n, n) {
                Ok(p) => p,
                Err(e) => return refused(&e),
            };
            let units: Vec<(String, usize)> =
                map.wards().iter().enumerate().map(|(i, w)| (w.number.clone(), i)).collect();
            match plan_assignment(file, &parts, &units) {
                Ok(_) => Outcome { refused: false, en: vec![], hi: vec![] },
                Err(e) => refused(&e),
            }
        }
        "project" => match load_project(file, bytes) {
            Ok(_) => Outcome { refused: false, en: vec![], hi: vec![] },
            Err(e) => refused(&e),
        },
        other => panic!("{file}: unknown kind {other:?} in EXPECTED.md"),
    }
}

/// Whether `fragment` itself names a row, feature, ward, line or unit by number ("row 3",
/// "Feature 2", "ward 57", "line 4"), or the part of a zipped Shapefile ("….dbf").
fn names_a_place(fragment: &str) -> bool {
    let lower = fragment.to_lowercase();
    let part = |ext: &str| {
        lower
            .match_indices(ext)
            .any(|(i, _)| lower[..i].chars().next_back().is_some_and(char::is_alphanumeric))
    };
    if [".shp", ".dbf", ".shx"].into_iter().any(part) {
        return true;
    }
    ["row ", "rows ", "feature ", "features ", "ward ", "wards ", "line ", "lines ", "unit "]
        .iter()
        .any(|w| {
            lower.match_indices(w).any(|(i, _)| {
                lower[i + w.len()..].starts_with(|c: char| c.is_ascii_digit() || c == '"')
            })
        })
}

/// Rust debug noise an officer must never see.
fn noise(text: &str) -> Option<&'static str> {
    ["{", "}", "Some(", "None", "line 0, column 0", "\\\"", "Err(", "Ok("]
        .into_iter()
        .find(|n| text.contains(n))
}

#[test]
fn every_broken_file_has_one_row_and_its_expected_outcome_and_texts() {
    let rows = expected();
    let mut by_file: BTreeMap<&str, &Row> = BTreeMap::new();
    for r in &rows {
        assert!(by_file.insert(&r.file, r).is_none(), "EXPECTED.md: {} has two rows", r.file);
    }
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "EXPECTED.md")
        .collect();
    files.sort();
    for f in &files {
        assert!(by_file.contains_key(f.as_str()), "{f} has no row in EXPECTED.md");
    }
    for r in &rows {
        assert!(
            files.contains(&r.file),
            "EXPECTED.md names {}, which is not in the folder",
            r.file
        );
    }
    assert!(files.len() >= 60, "the catalogue has {} files", files.len());

    let map = grid();
    let dump = std::env::var_os("BROKEN_DUMP").is_some();
    let mut failures = Vec::new();
    for r in &rows {
        let bytes = std::fs::read(dir().join(&r.file)).unwrap();
        let out = run(&r.kind, &r.file, &bytes, &map);
        let (en, hi) = (out.en.join("\n"), out.hi.join("\n"));
        let got = match (out.refused, en.is_empty()) {
            (true, _) => "refused",
            (false, true) => "repaired",
            (false, false) => "warning",
        };
        if dump {
            println!("## {} [{}] -> {got}\nEN: {en}\nHI: {hi}\n", r.file, r.kind);
        }
        let mut fail = |why: String| failures.push(format!("{}: {why}", r.file));
        // "repaired" may come with a note (e.g. latitude/longitude swapped) or silently.
        let outcome_ok = match r.outcome.as_str() {
            "refused" => out.refused,
            "warning" => !out.refused && !en.is_empty(),
            "repaired" => !out.refused,
            other => panic!("{}: unknown outcome {other:?}", r.file),
        };
        if !outcome_ok {
            fail(format!("expected {}, got {got}: {en}", r.outcome));
        }
        if r.en == "—" {
            if !en.is_empty() {
                fail(format!("expected no message, got {en}"));
            }
            continue;
        }
        if !en.contains(&r.en) {
            fail(format!("English text lacks {:?}: {en}", r.en));
        }
        if !hi.contains(&r.hi) {
            fail(format!("Hindi text lacks {:?}: {hi}", r.hi));
        }
        if !en.contains(&r.file) && !names_a_place(&r.en) {
            fail(format!("English text names neither the file nor a row/feature: {en}"));
        }
        if !hi.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)) {
            fail(format!("Hindi text is not in Devanagari: {hi}"));
        }
        for text in out.en.iter().chain(&out.hi) {
            if let Some(n) = noise(text) {
                fail(format!("debug noise {n:?} in: {text}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} files:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}
