//! Times the import stages the app's worker runs on a map file (or reading a ward table): reading (`read_any`), the
//! preview summary (`RawSummary::of`: samples and detected mapping) and applying the mapping.
//! Used for the "Import memory" figures in docs/performance.md (run it under
//! `/usr/bin/time -v` for the peak memory):
//!
//! `cargo run --release -p kshetra-core --example import_probe -- FILE...`

use std::time::Instant;

use kshetra_core::import::{self, FieldMapping};
use kshetra_core::worker_protocol::RawSummary;

/// The peak resident memory so far in MB (Linux; 0 elsewhere).
fn peak_mb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
    kb.unwrap_or(0) / 1024
}

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("readable file");
        let name = std::path::Path::new(&path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let t = Instant::now();
        if [".csv", ".xlsx", ".xls", ".xlsb", ".ods"]
            .iter()
            .any(|e| name.to_lowercase().ends_with(e))
        {
            // A ward table (joined to the map), not a map.
            match kshetra_core::table::read_table(&name, &bytes) {
                Ok(table) => println!(
                    "{name}: table of {} rows, {} columns; read {:.3} s; peak {} MB",
                    table.rows.len(),
                    table.columns.len(),
                    t.elapsed().as_secs_f64(),
                    peak_mb()
                ),
                Err(e) => println!("{name}: refused after {:.3} s: {e}", t.elapsed().as_secs_f64()),
            }
            continue;
        }
        let raw = match import::read_any(&name, &bytes) {
            Ok(raw) => raw,
            Err(e) => {
                println!("{name}: refused after {:.3} s: {e}", t.elapsed().as_secs_f64());
                continue;
            }
        };
        let read = t.elapsed().as_secs_f64();
        let read_peak = peak_mb();
        let t = Instant::now();
        let summary = RawSummary::of(&raw);
        let summarised = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let mapping = FieldMapping::detect(&raw);
        let detected = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let applied = import::apply(&raw, &mapping);
        let apply = t.elapsed().as_secs_f64();
        let wards = applied.as_ref().map_or(0, |i| i.map.wards().len());
        println!(
            "{name}: {} features, {} columns ({} in the preview); read {read:.3} s (peak {read_peak} MB), summary \
             {summarised:.3} s, detect {detected:.3} s, apply {apply:.3} s ({wards} wards); \
             peak {} MB",
            raw.features.len(),
            raw.columns.len(),
            summary.columns.len(),
            peak_mb(),
        );
    }
}
