#![no_main]
//! A `.kshetra.json` project file (any version, migrated), and the same bytes as the record the
//! browser keeps (the project file's format without the map). What loads must save and load
//! again to the same project: a file or record Kshetra wrote is never refused by Kshetra.
use kshetra_core::project::file::{browser_record, load_browser_record, load_project, save_project};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(loaded) = load_project("plan.kshetra.json", data) {
        let saved = save_project(&loaded.project, &loaded.map, &loaded.source);
        let again = load_project("again.kshetra.json", saved.as_bytes());
        assert!(again.is_ok(), "a saved project is refused on reload: {again:?}");
    }
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(record) = load_browser_record("map-key", text) {
            let history = record.history.unwrap_or_default();
            let saved = browser_record(&record.project, &history, record.report.as_ref());
            let again = load_browser_record("map-key", &saved);
            assert!(
                again.as_ref().is_ok_and(|a| a.project == record.project),
                "a saved browser record does not load back the same: {again:?}"
            );
        }
    }
});
