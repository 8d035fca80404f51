#![no_main]
//! A ward table as a spreadsheet (.xlsx/.xls/.ods, calamine): the first byte picks the file
//! name's extension, the rest is the file. Read, columns proposed, joined to a small map.
use kshetra_core::table::{join, read_table, TableMapping};
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: [&str; 4] = ["wards.xlsx", "wards.ods", "wards.xls", "wards.xlsb"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    if let Ok(table) = read_table(name, bytes) {
        let mapping = TableMapping::detect(&table);
        let _ = join(common::small_map(), &table, &mapping);
    }
});
