#![no_main]
//! read_any over arbitrary bytes: the first byte picks the file name (every extension the
//! sniffer looks at, and none), the rest is the file. Then the whole import.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const NAMES: [&str; 16] = [
    "wards.geojson",
    "wards.json",
    "wards.topojson",
    "wards.kml",
    "wards.kmz",
    "wards.zip",
    "wards.shp",
    "wards.csv",
    "wards.txt",
    "wards.xlsx",
    "wards.ods",
    "wards",
    "Wards.GeoJSON",
    "a/b\\wards.KML",
    ".kml",
    "wards.pdf",
];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else { return };
    let name = NAMES[pick as usize % NAMES.len()];
    common::finish(kshetra_core::import::read_any(name, bytes));
});
