//! The command-line tool end to end: allocate writes a plan and metrics; score reproduces them.

use std::process::Command;

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kshetra-cli"))
}

fn data(name: &str) -> String {
    format!("{}/../../public/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn allocate_then_score_agree_on_bhubaneswar() {
    let dir = std::env::temp_dir().join(format!("kshetra-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (plan, metrics, geojson) =
        (dir.join("plan.csv"), dir.join("metrics.json"), dir.join("plan.geojson"));
    let out = cli()
        .args(["allocate", &data("bhubaneswar.geojson"), "--k", "5", "--seed", "7"])
        .arg("--plan")
        .arg(&plan)
        .arg("--metrics")
        .arg(&metrics)
        .arg("--geojson")
        .arg(&geojson)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(&metrics).unwrap()).unwrap();
    let dev = m["metrics"]["max_abs_deviation"].as_f64().unwrap();
    assert!(dev <= 0.05, "{dev}");
    assert_eq!(m["metrics"]["split_areas"], 0);
    assert_eq!(m["wards"], 67);
    // The plan has one row per feature, parts 0..5.
    let csv = std::fs::read_to_string(&plan).unwrap();
    let rows: Vec<&str> = csv.lines().skip(1).collect();
    assert_eq!(rows.len(), 67);
    assert!(rows.iter().all(|r| r.split(',').nth(1).unwrap().parse::<u32>().unwrap() < 5));
    // The GeoJSON carries the organiser on every feature.
    let g: serde_json::Value = serde_json::from_slice(&std::fs::read(&geojson).unwrap()).unwrap();
    assert!(g["features"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["properties"]["organiser"].as_u64().is_some()));
    // Scoring the written plan gives the same numbers.
    let out = cli().args(["score", &data("bhubaneswar.geojson")]).arg(&plan).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["max_abs_deviation"].as_f64().unwrap(), dev);
    assert_eq!(s["cut_edges"], m["metrics"]["cut_edges"]);
    // Same seed, same plan.
    let again = dir.join("again.csv");
    let out = cli()
        .args(["allocate", &data("bhubaneswar.geojson"), "--k", "5", "--seed", "7"])
        .arg("--plan")
        .arg(&again)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(std::fs::read(&again).unwrap(), std::fs::read(&plan).unwrap());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_gives_a_message_and_a_failure_code() {
    let out = cli().args(["allocate", "/nonexistent/map.geojson", "--k", "3"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/map.geojson"));
    let out = cli().args(["allocate", &data("bhopal.geojson"), "--k", "200"]).output().unwrap();
    assert!(!out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).trim().is_empty());
}

#[test]
fn refusals_are_the_catalogues_text_in_both_languages() {
    let dir = std::env::temp_dir().join(format!("kshetra-cli-msg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let empty = dir.join("empty.geojson");
    std::fs::write(&empty, b"").unwrap();
    let out = cli().args(["allocate", empty.to_str().unwrap(), "--k", "3"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("empty.geojson"), "{err}");
    assert!(err.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "Hindi too: {err}");
    assert!(!err.contains("Empty {"), "not Rust debug text: {err}");
    // More organisers than wards: the engine's refusal, also from the catalogue.
    let out = cli().args(["allocate", &data("bhopal.geojson"), "--k", "200"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "Hindi too: {err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Runs the tool; returns (success, stderr).
fn run(args: &[&str]) -> (bool, String) {
    let out = cli().args(args).output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A refusal: failure code, no panic, the given names in the message, Hindi too.
fn assert_refused(args: &[&str], names: &[&str]) {
    let (ok, err) = run(args);
    assert!(!ok, "{args:?} should be refused");
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    for name in names {
        assert!(err.contains(name), "{args:?}: message should name {name}: {err}");
    }
    assert!(err.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "Hindi too: {err}");
}

#[test]
fn organiser_counts_outside_one_to_the_wards_are_refused_naming_the_option() {
    let map = data("bhubaneswar.geojson");
    for k in ["0", "68", "200", "4294967296", "18446744073709551615"] {
        assert_refused(&["allocate", &map, "--k", k], &["--k", k]);
    }
}

#[test]
fn an_unknown_weight_is_refused_naming_the_option() {
    let map = data("bhubaneswar.geojson");
    assert_refused(&["allocate", &map, "--k", "5", "--weight", "votes"], &["--weight", "votes"]);
}

#[test]
fn balance_tolerances_outside_the_apps_range_are_refused_naming_the_option() {
    let map = data("bhubaneswar.geojson");
    for eps in ["NaN", "inf", "-0.05", "0", "0.9", "1e300"] {
        assert_refused(&["allocate", &map, "--k", "5", "--eps", eps], &["--eps"]);
    }
    // Short, as typed: not 300 digits.
    let (_, err) = run(&["allocate", &map, "--k", "5", "--eps", "1e300"]);
    assert!(err.contains("\"1e300\""), "{err}");
}

#[test]
fn adjacency_tolerances_outside_zero_to_100_m_are_refused_naming_the_option() {
    let map = data("bhubaneswar.geojson");
    let dir = scratch("tol");
    let plan = dir.join("plan.csv");
    std::fs::write(&plan, one_part_plan(67)).unwrap();
    for tol in ["NaN", "inf", "-1", "100.5", "1e300"] {
        assert_refused(&["allocate", &map, "--k", "5", "--tolerance", tol], &["--tolerance"]);
        assert_refused(
            &["score", &map, plan.to_str().unwrap(), "--tolerance", tol],
            &["--tolerance"],
        );
    }
    // The bounds themselves are accepted.
    for tol in ["0", "100"] {
        let (ok, err) = run(&["score", &map, plan.to_str().unwrap(), "--tolerance", tol]);
        assert!(ok, "--tolerance {tol}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A fresh scratch directory for one test.
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kshetra-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A plan CSV putting units 0..n in part 0.
fn one_part_plan(n: usize) -> String {
    let mut csv = String::from("unit_index,part\n");
    for i in 0..n {
        csv.push_str(&format!("{i},0\n"));
    }
    csv
}

/// Scores `csv` against Bhubaneswar (67 wards, one feature each); the plan's file name.
fn score_plan(dir: &std::path::Path, name: &str, csv: &str) -> (bool, String, String) {
    let plan = dir.join(name);
    std::fs::write(&plan, csv).unwrap();
    let (ok, err) = run(&["score", &data("bhubaneswar.geojson"), plan.to_str().unwrap()]);
    (ok, err, plan.display().to_string())
}

#[test]
fn plan_parts_beyond_the_wards_are_refused_fast_naming_file_line_and_part() {
    let dir = scratch("parts");
    // 4294967295 used to ask for 256 GB, 100000000 for 6 GB, 67 for a little more than needed.
    for part in ["67", "1000", "100000000", "4294967295", "18446744073709551615"] {
        let csv = one_part_plan(67).replacen("5,0\n", &format!("5,{part}\n"), 1);
        let t = std::time::Instant::now();
        let (ok, err, file) = score_plan(&dir, "parts.csv", &csv);
        assert!(!ok, "part {part} should be refused");
        assert!(t.elapsed().as_secs() < 30, "part {part}: refused fast");
        assert!(!err.contains("panicked"), "{err}");
        // Line 7: header, then units 0..=5.
        for name in [file.as_str(), "7", part] {
            assert!(err.contains(name), "part {part}: message should name {name}: {err}");
        }
        assert!(err.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "Hindi too: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_unit_named_twice_is_refused_naming_the_unit_and_both_lines() {
    let dir = scratch("dup");
    // Unit 3 (line 5) named again at the end (line 69), in another part.
    let csv = one_part_plan(67) + "3,1\n";
    let (ok, err, file) = score_plan(&dir, "dup.csv", &csv);
    assert!(!ok, "a duplicate unit should be refused: {err}");
    assert!(!err.contains("panicked"), "{err}");
    for name in [file.as_str(), "3", "5", "69"] {
        assert!(err.contains(name), "message should name {name}: {err}");
    }
    assert!(err.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "Hindi too: {err}");
    // The same part twice is still a unit named twice.
    let csv = one_part_plan(67) + "3,0\n";
    let (ok, err, _) = score_plan(&dir, "dup.csv", &csv);
    assert!(!ok && err.contains("69"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_plan_rows_are_refused_naming_file_and_line_in_both_languages() {
    let dir = scratch("rows");
    let cases = [
        // Unit beyond the map's 67 features, at line 3.
        ("0,0\n1,0\n67,0\n", "3"),
        ("0,0\n1,0\n18446744073709551616,0\n", "3"),
        // The first row is data, not a header, when it is numbers.
        ("99999,0\n", "1"),
        // Non-numeric cells.
        ("unit_index,part\n0,0\nabc,1\n", "3"),
        ("unit_index,part\n0,zero\n", "2"),
        ("unit_index,part\n0,-1\n", "2"),
        ("unit_index,part\n0,NaN\n", "2"),
        // One column only.
        ("unit_index,part\n0\n", "2"),
    ];
    for (csv, line) in cases {
        let (ok, err, file) = score_plan(&dir, "rows.csv", csv);
        assert!(!ok, "{csv:?} should be refused");
        assert!(!err.contains("panicked"), "{csv:?}: {err}");
        assert!(err.contains(&file), "{csv:?}: names the file: {err}");
        assert!(err.contains(&format!("line {line}")), "{csv:?}: names line {line}: {err}");
        assert!(err.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "Hindi too: {err}");
    }
    // A ward with no part: named, in both languages.
    let (ok, err, file) = score_plan(&dir, "rows.csv", &one_part_plan(66));
    assert!(!ok && err.contains(&file), "{err}");
    assert!(err.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "Hindi too: {err}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A 2 × 2 grid of wards near Lucknow as GeoJSON, each ward's properties from `props(k)`.
fn grid_map(props: impl Fn(usize) -> String) -> String {
    let mut features = Vec::new();
    for r in 0..2 {
        for c in 0..2 {
            let k = r * 2 + c + 1;
            let (x, y) = (80.90 + c as f64 * 0.01, 26.80 + r as f64 * 0.01);
            let (x1, y1) = (x + 0.01, y + 0.01);
            features.push(format!(
                r#"{{"type":"Feature","properties":{{{}}},"geometry":{{"type":"Polygon","coordinates":[[[{x},{y}],[{x1},{y}],[{x1},{y1}],[{x},{y1}],[{x},{y}]]]}}}}"#,
                props(k)
            ));
        }
    }
    format!(r#"{{"type":"FeatureCollection","features":[{}]}}"#, features.join(","))
}

#[test]
fn a_ward_number_column_not_detected_is_named_by_ward_column() {
    let dir = scratch("wardcol");
    // "Code" is not recognised as the ward number.
    let map = dir.join("codes.geojson");
    std::fs::write(&map, grid_map(|k| format!(r#""Code":"W{k}","Pop":{}"#, 1000 * k))).unwrap();
    let map = map.to_str().unwrap();
    let (ok, err) = run(&["allocate", map, "--k", "2"]);
    assert!(!ok, "no ward-number column should be refused");
    for name in ["codes.geojson", "\"Code\"", "\"Pop\"", "--ward-column"] {
        assert!(err.contains(name), "message should name {name}: {err}");
    }
    assert!(err.contains("वार्ड संख्या का कॉलम नहीं पहचाना गया"), "Hindi too: {err}");
    assert!(!err.contains('{') && !err.contains("Some("), "no debug noise: {err}");
    // Named, it is used.
    let (ok, err) = run(&["allocate", map, "--k", "2", "--ward-column", "Code"]);
    assert!(ok, "{err}");
    // A column the map lacks is refused, listing the ones it has.
    assert_refused(
        &["allocate", map, "--k", "2", "--ward-column", "Ward_No"],
        &["--ward-column", "\"Ward_No\"", "\"Code\"", "\"Pop\""],
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn zero_total_weight_lists_the_columns_and_the_options_to_pass() {
    let dir = scratch("weight");
    // The population is in "People", which is not recognised; no ward has a population.
    let map = dir.join("people.geojson");
    std::fs::write(&map, grid_map(|k| format!(r#""Ward_No":"{k}","People":{}"#, 1000 * k)))
        .unwrap();
    let map = map.to_str().unwrap();
    let (ok, err) = run(&["allocate", map, "--k", "2"]);
    assert!(!ok, "a zero total weight should be refused");
    for name in ["people.geojson", "\"Ward_No\"", "\"People\"", "--population-column", "--weight"] {
        assert!(err.contains(name), "message should name {name}: {err}");
    }
    assert!(err.contains("कुल भार शून्य है"), "Hindi too: {err}");
    // Either option makes it work.
    let (ok, err) = run(&["allocate", map, "--k", "2", "--population-column", "People"]);
    assert!(ok, "{err}");
    let (ok, err) = run(&["allocate", map, "--k", "2", "--weight", "__count__"]);
    assert!(ok, "{err}");
    assert_refused(
        &["allocate", map, "--k", "2", "--population-column", "Pop"],
        &["--population-column", "\"Pop\"", "\"People\""],
    );
    // A population column of zeros: named, with the same advice.
    let zeros = dir.join("zeros.geojson");
    std::fs::write(&zeros, grid_map(|k| format!(r#""Ward_No":"{k}","Population":0"#))).unwrap();
    assert_refused(
        &["allocate", zeros.to_str().unwrap(), "--k", "2"],
        &["zeros.geojson", "population column \"Population\"", "--population-column", "--weight"],
    );
    // Score refuses the same way.
    let plan = dir.join("plan.csv");
    std::fs::write(&plan, "unit_index,part\n0,0\n1,0\n2,1\n3,1\n").unwrap();
    assert_refused(&["score", map, plan.to_str().unwrap()], &["--population-column"]);
    let (ok, err) = run(&["score", map, plan.to_str().unwrap(), "--population-column", "People"]);
    assert!(ok, "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_ward_column_that_merges_many_features_needs_merge_duplicates() {
    // Bhopal's 85 wards by their 19 zones.
    let map = data("bhopal.geojson");
    assert_refused(
        &["allocate", &map, "--k", "3", "--ward-column", "zone"],
        &["bhopal.geojson", "\"zone\"", "85", "19", "--merge-duplicates"],
    );
    let (ok, err) =
        run(&["allocate", &map, "--k", "3", "--ward-column", "zone", "--merge-duplicates"]);
    assert!(ok, "{err}");
}

#[test]
fn allocate_reads_the_apps_organisers_list_weighs_poor_households_and_saves_a_printable_project() {
    let dir = scratch("organisers");
    let list = dir.join("organisers.csv");
    std::fs::write(&list, "नाम,मोबाइल,घर का वार्ड\nसुनीता देवी,9415000101,12\nMohd. Arif Khan,,40\nरेखा वर्मा,,\nPriya Srivastava,,\n")
        .unwrap();
    let (project, metrics) = (dir.join("p.kshetra.json"), dir.join("m.json"));
    let out = cli()
        .args(["allocate", &data("bhopal.geojson"), "--organisers"])
        .arg(&list)
        .arg("--project")
        .arg(&project)
        .arg("--metrics")
        .arg(&metrics)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let m: serde_json::Value = serde_json::from_slice(&std::fs::read(&metrics).unwrap()).unwrap();
    assert_eq!(m["k"], 4);
    // The default weight is the app's: poor households (Bhopal: population × 0.27 ÷ 4.8).
    let total: f64 = m["metrics"]["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["weight"].as_f64().unwrap())
        .sum();
    assert!((total - 1_902_624.0 * 0.27 / 4.8).abs() < 200.0, "{total}");
    let saved = std::fs::read_to_string(&project).unwrap();
    assert!(saved.contains("सुनीता देवी") && saved.contains("\"kshetra-project\""));
    // The saved project prints.
    let printed = dir.join("print");
    let out = cli()
        .arg("poster")
        .arg(&project)
        .args(["--paper", "A3", "--lang", "hi", "--tiles", "none", "--out"])
        .arg(&printed)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for f in ["poster.svg", "poster.pdf", "sheets.pdf", "cmm.pdf"] {
        assert!(printed.join(f).exists(), "{f}");
    }
    assert!(!printed.join("tiles.pdf").exists());
    // Without --k or --organisers, or with a bad paper, the refusal names the options.
    assert_refused(&["allocate", &data("bhopal.geojson")], &["--k", "--organisers"]);
    assert_refused(
        &["poster", project.to_str().unwrap(), "--paper", "B5", "--out", printed.to_str().unwrap()],
        &["--paper", "B5", "A1"],
    );
}
