//! Organisers from CSV/Excel lists: column detection, row validation, template round trip.

use kshetra_core::i18n::Lang;
use kshetra_core::messages::UserText;
use kshetra_core::project::organisers_import::{
    import_organisers, organisers_template_csv, OrganisersImportError, RowProblem,
};
use kshetra_core::project::{Edit, Project};
use kshetra_core::WardMap;

fn bhubaneswar() -> WardMap {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/data/bhubaneswar.geojson");
    kshetra_core::import::geojson::parse("bhubaneswar.geojson", &std::fs::read(path).unwrap())
        .unwrap()
        .map
}

#[test]
fn hindi_list_is_read_and_bad_rows_are_named() {
    let map = bhubaneswar();
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/project/organisers.csv"
    ))
    .unwrap();
    let r = import_organisers("संगठक.csv", &bytes, &map).unwrap();
    assert_eq!(r.columns.name.as_deref(), Some("नाम"));
    assert_eq!(r.columns.role.as_deref(), Some("पद"));
    assert_eq!(r.columns.capacity.as_deref(), Some("क्षमता"));
    assert_eq!(r.columns.contact_point.as_deref(), Some("सामुदायिक केंद्र"));
    assert_eq!(r.columns.meeting_time.as_deref(), Some("बैठक का समय"));
    let names: Vec<&str> = r.organisers.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["सीमा वर्मा", "Ravi Kumar", "@Formula"]);
    let seema = &r.organisers[0];
    assert_eq!(seema.mobile.as_deref(), Some("9876543210"));
    assert_eq!(seema.home_ward(), Some("12"));
    let c = seema.contact.as_ref().unwrap();
    assert_eq!(
        (c.name.as_str(), c.meeting_day.as_deref(), c.meeting_time.as_deref()),
        ("आंगनवाड़ी केंद्र", Some("सोमवार"), Some("10–12"))
    );
    let ravi = &r.organisers[1];
    assert_eq!(
        (ravi.mobile.as_deref(), ravi.home_ward(), ravi.capacity, ravi.role.as_str()),
        (Some("9812345678"), Some("7"), 0.5, "CO")
    );
    assert_eq!(r.organisers[2].role, "सामुदायिक संगठक");
    let problems: Vec<(usize, RowProblem)> =
        r.errors.iter().map(|e| (e.row, e.problem.clone())).collect();
    assert_eq!(
        problems,
        [
            (4, RowProblem::NoName),
            (5, RowProblem::BadMobile("5812345678".into())),
            (6, RowProblem::BadCapacity("2.5".into())),
            (7, RowProblem::UnknownHomeWard("999".into())),
        ]
    );
    let texts: Vec<String> = r.errors.iter().map(|e| e.message(Lang::En)).collect();
    assert_eq!(
        texts,
        [
            "संगठक.csv, row 4: the name is empty — skipped.",
            "संगठक.csv, row 5: mobile \"5812345678\" is not a 10-digit number starting with 6–9 — skipped.",
            "संगठक.csv, row 6: capacity \"2.5\" is not a number above 0 and at most 2 — skipped.",
            "संगठक.csv, row 7: home ward \"999\" is not on this map — skipped.",
        ]
    );
    assert_eq!(r.errors[0].message(Lang::Hi), "संगठक.csv, पंक्ति 4: नाम खाली है — छोड़ी गई।");
    // The good rows are added in one undoable step and get ids.
    let mut p = Project::new("bhubaneswar", "t");
    p.apply(&map, Edit::AddOrganisers(r.organisers)).unwrap();
    assert_eq!(p.organisers.iter().map(|o| o.id).collect::<Vec<_>>(), [1, 2, 3]);
}

#[test]
fn template_round_trips() {
    let map = bhubaneswar();
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/project/organisers.csv"
    ))
    .unwrap();
    let first = import_organisers("o.csv", &bytes, &map).unwrap().organisers;
    let blank = organisers_template_csv(&[]);
    assert!(blank.starts_with(b"\xEF\xBB\xBFname,mobile,role,home_ward,capacity,contact_point,contact_lon,contact_lat,meeting_day,meeting_time"));
    let mut with_point = first.clone();
    with_point[0].contact.as_mut().unwrap().lon = Some(85.8123);
    with_point[0].contact.as_mut().unwrap().lat = Some(20.2961);
    let again =
        import_organisers("template.csv", &organisers_template_csv(&with_point), &map).unwrap();
    assert!(again.errors.is_empty(), "{:?}", again.errors);
    assert_eq!(again.organisers, with_point);
}

#[test]
fn english_headings_and_missing_name_column() {
    let map = bhubaneswar();
    let csv = "S.No,Organiser Name,CUG No,Designation,Home Ward No,Capacity,Contact Point,Lat,Lon,Meeting Day,Meeting Time\n\
               1,Asha,98765 43210,CO,5,1.5,Community Hall,20.29,85.82,Tue,3 pm\n";
    let r = import_organisers("list.csv", csv.as_bytes(), &map).unwrap();
    assert!(r.errors.is_empty(), "{:?}", r.errors);
    let o = &r.organisers[0];
    assert_eq!(
        (o.name.as_str(), o.mobile.as_deref(), o.role.as_str(), o.home_ward(), o.capacity),
        ("Asha", Some("9876543210"), "CO", Some("5"), 1.5)
    );
    let c = o.contact.as_ref().unwrap();
    assert_eq!(
        (c.lat, c.lon, c.meeting_day.as_deref(), c.meeting_time.as_deref()),
        (Some(20.29), Some(85.82), Some("Tue"), Some("3 pm"))
    );

    let e = import_organisers("x.csv", b"ward,mobile\n1,9876543210\n", &map).unwrap_err();
    assert!(matches!(e, OrganisersImportError::NoNameColumn { ref file, .. } if file == "x.csv"));
    assert_eq!(
        e.message(Lang::En),
        "No column of organiser names (\"name\" / \"नाम\") was found in \"x.csv\" (its columns: \"ward\", \"mobile\"). Head the column of names \"name\" or \"नाम\" and choose the file again, or download the blank template and fill it in."
    );
    assert!(matches!(import_organisers("x.csv", b"", &map), Err(OrganisersImportError::Table(_))));
}
