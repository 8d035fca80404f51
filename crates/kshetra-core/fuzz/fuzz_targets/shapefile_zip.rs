#![no_main]
//! A zipped Shapefile (.shp/.shx/.dbf/.prj/.cpg) through read_any, then the whole import.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::finish(kshetra_core::import::read_any("wards.zip", data));
});
