#![no_main]
//! A ward table as CSV: read, columns proposed, joined to a small map.
use kshetra_core::table::{join, read_table, TableMapping};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(table) = read_table("wards.csv", data) {
        let mapping = TableMapping::detect(&table);
        let _ = join(common::small_map(), &table, &mapping);
    }
});
