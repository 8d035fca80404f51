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
