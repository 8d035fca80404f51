//! The project file: round trip on a real map, migration from version 1, broken files.

use kshetra_core::i18n::Lang;
use kshetra_core::messages::UserText;
use kshetra_core::model::WardEdit;
use kshetra_core::project::model::AllocSettings;
use kshetra_core::project::{
    load_project, save_project, ContactPoint, Edit, Home, MapSource, Organiser, Project,
    ProjectFileError, CURRENT_VERSION,
};
use kshetra_core::WardMap;

fn bhubaneswar() -> WardMap {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/bhubaneswar.geojson");
    kshetra_core::import::geojson::parse("bhubaneswar.geojson", &std::fs::read(path).unwrap())
        .unwrap()
        .map
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/fixtures/project/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Bhubaneswar with edited figures, extra columns, 3 organisers, a plan and locks.
fn sample() -> (Project, WardMap) {
    let mut map = bhubaneswar();
    let i = map.index_of("12").unwrap();
    map.edit(i, WardEdit::PoorHouseholds(Some(1_234)));
    map.edit(i, WardEdit::Households(Some(4_321)));
    map.edit(i, WardEdit::Zone(Some("नया ज़ोन".into())));
    let mut wards = map.into_wards();
    wards[3].extra.insert("SHGs".into(), 12.0);
    wards[3].extra.insert("street vendors".into(), 40.5);
    wards[5].name = Some("\"Quoted\" <name> & co".into());
    let map = WardMap::new(wards);
    let mut p = Project::new("bhubaneswar", "भुवनेश्वर 2025");
    let mut a = Organiser::new("सीमा वर्मा");
    a.mobile = Some("9876543210".into());
    a.home = Some(Home { ward: Some("12".into()), point: Some([85.82, 20.29]) });
    a.contact = Some(ContactPoint {
        name: "आंगनवाड़ी केंद्र".into(),
        lon: Some(85.81),
        lat: None,
        meeting_day: Some("सोमवार".into()),
        meeting_time: Some("10–12".into()),
    });
    let mut b = Organiser::new("=HYPERLINK(\"x\")");
    b.capacity = 0.5;
    b.role = "Community Organiser".into();
    p.apply(&map, Edit::AddOrganisers(vec![a, b, Organiser::new("")])).unwrap();
    p.apply(&map, Edit::RemoveOrganiser { id: 3 }).unwrap();
    let numbers: Vec<String> = map.wards().iter().map(|w| w.number.clone()).collect();
    p.apply(&map, Edit::Assign { wards: numbers[..30].to_vec(), to: 1 }).unwrap();
    p.apply(&map, Edit::Assign { wards: numbers[30..60].to_vec(), to: 2 }).unwrap();
    p.apply(&map, Edit::Lock { wards: numbers[..3].to_vec() }).unwrap();
    p.apply(
        &map,
        Edit::SetSettings(AllocSettings {
            epsilon: 0.03,
            respect_zones: false,
            keep_home_wards: true,
            seed: 42,
        }),
    )
    .unwrap();
    (p, map)
}

#[test]
fn round_trip_on_a_real_map_is_exact() {
    let (p, map) = sample();
    let source = MapSource {
        name: "Bhubaneswar wards".into(),
        attribution: Some("© OSM contributors (ODbL)".into()),
        url: None,
    };
    let text = save_project(&p, &map, &source);
    assert!(text.contains("\"format\": \"kshetra-project\""));
    let loaded = load_project("city.kshetra.json", text.as_bytes()).unwrap();
    assert_eq!(loaded.map, map);
    assert_eq!(loaded.project, p);
    assert_eq!(loaded.project.next_id(), 4, "removed id 3 stays used");
    assert_eq!(loaded.source, source);
    assert_eq!(loaded.migrated_from, None);
    // Saving again gives the same text.
    assert_eq!(save_project(&loaded.project, &loaded.map, &loaded.source), text);
}

#[test]
fn version_1_is_migrated() {
    let loaded = load_project("old.kshetra.json", &fixture("v1.kshetra.json")).unwrap();
    assert_eq!(loaded.migrated_from, Some(1));
    let p = &loaded.project;
    assert_eq!(p.map_key, "demo-town");
    assert_eq!(p.name, "डेमो नगर — आवंटन 2023");
    assert_eq!(p.organisers.iter().map(|o| o.id).collect::<Vec<_>>(), [1, 2, 3]);
    assert_eq!(p.organisers[0].mobile.as_deref(), Some("9876543210"));
    assert_eq!(p.organisers[0].home_ward(), Some("1"));
    assert_eq!(p.organisers[0].role, "सामुदायिक संगठक");
    assert_eq!(p.organisers[1].capacity, 0.5);
    assert_eq!(p.plan.organiser_of("1"), Some(1));
    assert_eq!(p.plan.organiser_of("3"), Some(2));
    assert_eq!(p.plan.organiser_of("4"), Some(3));
    assert_eq!(p.plan.locked.iter().collect::<Vec<_>>(), ["1"]);
    assert_eq!(p.settings.epsilon, 0.08);
    assert_eq!(p.poor.norm, 2500);
    assert_eq!(p.next_id(), 4);
    assert_eq!(loaded.map.wards().len(), 4);
    assert_eq!(loaded.map.ward("4").unwrap().name.as_deref(), Some("नया बस्ती"));
    // Saved again, it is a current-version file that loads unchanged.
    let text = save_project(p, &loaded.map, &loaded.source);
    assert!(text.contains(&format!("\"version\": {CURRENT_VERSION}")));
    let again = load_project("new.kshetra.json", text.as_bytes()).unwrap();
    assert_eq!(&again.project, p);
    assert_eq!(again.migrated_from, None);
}

fn err(bytes: &[u8]) -> ProjectFileError {
    load_project("p.kshetra.json", bytes).unwrap_err()
}

/// A valid saved sample as a JSON value, to break.
fn sample_json() -> serde_json::Value {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let text = TEXT.get_or_init(|| {
        let (p, map) = sample();
        save_project(&p, &map, &MapSource::default())
    });
    serde_json::from_str(text).unwrap()
}

#[test]
fn broken_files_have_exact_messages() {
    let e = err(b"  \n");
    assert_eq!(
        e.message(Lang::En),
        "The file \"p.kshetra.json\" is empty (0 bytes). Choose the right file."
    );

    let e = err(b"{\"format\": kshetra}");
    assert_eq!(
        e.message(Lang::En),
        "The file \"p.kshetra.json\" is not a Kshetra project: JSON error at line 1, column 12. If you edited it by hand, undo the edit; otherwise choose the .kshetra.json file that Kshetra saved."
    );

    let full = sample_json().to_string();
    let e = err(&full.as_bytes()[..full.len() / 2]);
    assert_eq!(e, ProjectFileError::Truncated { file: "p.kshetra.json".into() });
    assert_eq!(e.message(Lang::En), "The project file \"p.kshetra.json\" is incomplete (cut off). Save or copy the whole file again.");
    assert_eq!(
        e.message(Lang::Hi),
        "परियोजना फ़ाइल \"p.kshetra.json\" अधूरी है (बीच में कटी हुई)। पूरी फ़ाइल फिर से सहेजें या कॉपी करें।"
    );

    let geojson = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../public/data/bhubaneswar.geojson"
    ))
    .unwrap();
    assert_eq!(
        err(&geojson).message(Lang::En),
        "The file \"p.kshetra.json\" is not a Kshetra project (.kshetra.json) (GeoJSON). If it is a map, open it with the map import."
    );
    assert_eq!(err(b"[1, 2]").message(Lang::En), "The file \"p.kshetra.json\" is not a Kshetra project (.kshetra.json) (JSON). If it is a map, open it with the map import.");

    let mut v = sample_json();
    v["version"] = 7.into();
    assert_eq!(
        err(v.to_string().as_bytes()).message(Lang::En),
        "The project \"p.kshetra.json\" was made by a newer Kshetra (format 7); this one reads up to 2. Update Kshetra."
    );

    let mut v = sample_json();
    v["organisers"][1]["id"] = 1.into();
    assert_eq!(
        err(v.to_string().as_bytes()).message(Lang::En),
        "In the project \"p.kshetra.json\", organiser id 1 appears twice. The file looks edited by hand: undo the edit, or open the copy that Kshetra saved."
    );

    let mut v = sample_json();
    v["organisers"][0]["capacity"] = 0.into();
    assert_eq!(
        err(v.to_string().as_bytes()).message(Lang::En),
        "In the project \"p.kshetra.json\", the capacity \"0\" of सीमा वर्मा must be above 0 and at most 2."
    );

    let mut v = sample_json();
    v["plan"]["999"] = 1.into();
    v["locked"] = serde_json::json!(["1", "77A"]);
    assert_eq!(
        err(v.to_string().as_bytes()).message(Lang::En),
        "The project \"p.kshetra.json\" refers to wards that are not on its map: 77A, 999. The file looks edited by hand or made for another map: open the copy that Kshetra saved."
    );

    let mut v = sample_json();
    v["plan"]["61"] = 9.into();
    v["plan"]["5"] = 8.into();
    assert_eq!(
        err(v.to_string().as_bytes()).message(Lang::En),
        "In the project \"p.kshetra.json\", wards 5, 61 are given to organisers (8, 9) who are not in the list. The file looks edited by hand: undo the edit, or open the copy that Kshetra saved."
    );

    let mut v = sample_json();
    v.as_object_mut().unwrap().remove("organisers");
    assert_eq!(
        err(v.to_string().as_bytes()).message(Lang::En),
        "The project file \"p.kshetra.json\" has no \"organisers\". It looks edited by hand or copied in part: choose the whole file that Kshetra saved again."
    );

    let mut v = sample_json();
    v["map"] = serde_json::json!({"type": "FeatureCollection", "features": []});
    assert!(matches!(err(v.to_string().as_bytes()), ProjectFileError::BadMap { .. }));
}

#[test]
fn every_message_exists_in_both_languages() {
    let e = ProjectFileError::NotAProject { file: "x".into(), found: "JSON".into() };
    assert!(e.message(Lang::Hi).contains("क्षेत्र परियोजना"));
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any prefix or byte flip of a valid file loads or fails cleanly; never panics.
    #[test]
    fn damaged_files_never_panic(cut in 0usize..4000, flip in 0usize..4000, byte in proptest::prelude::any::<u8>()) {
        let text = include_str!("fixtures/project/v1.kshetra.json");
        let mut bytes = text.as_bytes().to_vec();
        let f = flip % bytes.len();
        bytes[f] = byte;
        bytes.truncate(cut % (bytes.len() + 1));
        let _ = load_project("x.kshetra.json", &bytes);
    }
}

/// The browser's project record is the project file's format (one migration path): it round
/// trips with its undo steps, a newer one is refused as newer (the app keeps it untouched),
/// and an older project-file version is migrated the same way as a file.
#[test]
fn browser_record_shares_the_project_file_format() {
    use kshetra_core::project::{browser_record, load_browser_record, History};
    let (mut p, map) = sample();
    let mut history = History::new();
    let ward = map.wards()[64].number.clone(); // not in the sample plan
    history.apply(&mut p, &map, Edit::Assign { wards: vec![ward.clone()], to: 2 }).unwrap();
    let text = browser_record(&p, &history, None);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(value["format"], "kshetra-project");
    assert_eq!(value["version"], CURRENT_VERSION);
    assert!(value["map"].is_null(), "the map is kept beside the record, not in it");
    let loaded = load_browser_record("bhubaneswar", &text).unwrap();
    assert_eq!(loaded.project, p);
    assert_eq!(loaded.history.as_ref(), Some(&history));
    assert_eq!(loaded.migrated_from, None);
    // Undo works on the restored steps.
    let (mut restored, mut steps) = (loaded.project, loaded.history.unwrap());
    assert!(steps.undo(&mut restored));
    assert_eq!(restored.plan.organiser_of(&ward), None);

    // Newer: refused as newer, so the app can keep it untouched.
    let mut newer = value.clone();
    newer["version"] = serde_json::json!(CURRENT_VERSION + 1);
    let e = load_browser_record("bhubaneswar", &newer.to_string()).unwrap_err();
    assert!(
        matches!(e, ProjectFileError::NewerVersion { found, .. } if found == u64::from(CURRENT_VERSION) + 1)
    );
    // The same checks as a file: duplicate organiser ids are refused.
    let mut dup = value.clone();
    dup["organisers"][1]["id"] = dup["organisers"][0]["id"].clone();
    assert!(matches!(
        load_browser_record("bhubaneswar", &dup.to_string()).unwrap_err(),
        ProjectFileError::DuplicateOrganiserId { .. }
    ));
    // A version-1 project (as in old files) is migrated; its undo steps are not carried over.
    let mut v1: serde_json::Value = serde_json::from_slice(&fixture("v1.kshetra.json")).unwrap();
    v1.as_object_mut().unwrap().remove("map");
    let old = load_browser_record("demo-town", &v1.to_string()).unwrap();
    assert_eq!(old.migrated_from, Some(1));
    assert_eq!(old.project.plan.organiser_of("3"), Some(2));
    assert_eq!(old.history, None);
    // A map imported again under the same name may differ: the record still opens.
    let mut other = value;
    other["plan"]["no-such-ward"] = serde_json::json!(1);
    assert!(load_browser_record("bhubaneswar", &other.to_string()).is_ok());
}
