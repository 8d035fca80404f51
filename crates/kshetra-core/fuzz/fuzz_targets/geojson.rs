#![no_main]
//! The geojson reader over arbitrary bytes, then the whole import with the proposed mapping.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::finish(kshetra_core::import::geojson::read("wards.geojson", data));
});
