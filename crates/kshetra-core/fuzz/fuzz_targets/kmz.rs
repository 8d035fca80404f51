#![no_main]
//! A KMZ (zipped KML) through read_any, then the whole import.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::finish(kshetra_core::import::read_any("wards.kmz", data));
});
