#![no_main]
//! An organisers list (CSV; the same table reader serves Excel files) against a small map.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let _ = kshetra_core::project::organisers_import::import_organisers(
        "organisers.csv",
        data,
        common::small_map(),
    );
});
