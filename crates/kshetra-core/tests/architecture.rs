//! Architecture invariant: the crates under `crates/` know nothing about the browser.
//!
//! For each pure crate this asks `cargo tree` for the crate's own shipped dependency tree
//! (normal and build edges, every target platform, features as if built alone), so an
//! indirect dependency on a browser crate fails this test too.

use std::process::Command;

const BROWSER_CRATES: &[&str] = &["leptos", "wasm-bindgen", "web-sys", "js-sys", "gloo", "leaflet"];

fn cargo(args: &[&str]) -> String {
    let manifest = concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(args)
        .args(["--manifest-path", manifest])
        .output()
        .expect("cargo runs");
    assert!(out.status.success(), "cargo {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Pure crates that are native programs only (never compiled to wasm32).
const NATIVE_ONLY: &[&str] = &["kshetra-cli"];

/// The host's target triple, from `rustc -vV`.
fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc).arg("-vV").output().expect("rustc runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .trim()
        .to_string()
}

fn is_browser_crate(name: &str) -> bool {
    BROWSER_CRATES.iter().any(|b| name == *b || name.starts_with(&format!("{b}-")))
}

#[test]
fn pure_crates_have_no_browser_dependencies() {
    let meta: serde_json::Value =
        serde_json::from_str(&cargo(&["metadata", "--format-version", "1", "--no-deps"])).unwrap();
    let pure: Vec<String> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["manifest_path"].as_str().unwrap().contains("/crates/"))
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert!(pure.iter().any(|p| p == "kshetra-core"), "pure crates found: {pure:?}");
    // The native command line is never built for wasm32, so it is checked for the host only:
    // indicatif's clock (web-time) depends on js-sys on wasm32 targets alone.
    let host = host_triple();
    for krate in &pure {
        let target = if NATIVE_ONLY.contains(&krate.as_str()) { host.as_str() } else { "all" };
        let tree = cargo(&[
            "tree",
            "-p",
            krate,
            "-e",
            "normal,build",
            "--target",
            target,
            "--prefix",
            "none",
            "--format",
            "{p}",
        ]);
        let names: Vec<&str> = tree.lines().filter_map(|l| l.split_whitespace().next()).collect();
        assert!(names.len() > 1, "{krate}: empty dependency tree?\n{tree}");
        let bad: Vec<&&str> = names.iter().filter(|n| is_browser_crate(n)).collect();
        assert!(
            bad.is_empty(),
            "{krate} depends on browser crates {bad:?}; see `cargo tree -p {krate} -i <name>`"
        );
    }
}

#[test]
fn the_check_recognises_browser_crates() {
    // The app itself must fail the same check, or the check would be meaningless.
    let tree = cargo(&[
        "tree", "-p", "kshetra", "-e", "normal", "--target", "all", "--prefix", "none", "--format",
        "{p}",
    ]);
    for b in ["leptos", "wasm-bindgen", "web-sys", "js-sys", "gloo", "leaflet"] {
        assert!(
            tree.lines().any(|l| l.split_whitespace().next() == Some(b)),
            "app should depend on {b}"
        );
    }
    assert!(is_browser_crate("gloo-net") && !is_browser_crate("geo"));
}
