#![no_main]
//! A plan CSV as Kshetra exports it (ward, organiser, … with formula guards) read back as a
//! table and joined to a small map by ward number.
use kshetra_core::table::{join, read_table, TableMapping};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(table) = read_table("plan.csv", data) {
        let mapping = TableMapping::detect(&table);
        let _ = join(common::small_map(), &table, &mapping);
    }
});
