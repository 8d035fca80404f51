#![no_main]
//! A `.kshetra.json` project file (any version, migrated). What loads must save and load
//! again to the same project: a file Kshetra wrote is never refused by Kshetra.
use kshetra_core::project::file::{load_project, save_project};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = load_project("plan.kshetra.json", data) {
        let saved = save_project(&loaded.project, &loaded.map, &loaded.source);
        let again = load_project("again.kshetra.json", saved.as_bytes());
        assert!(again.is_ok(), "a saved project is refused on reload: {again:?}");
    }
});
