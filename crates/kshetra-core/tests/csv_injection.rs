//! CSVs Kshetra writes never carry a live spreadsheet formula (imported names like
//! `=HYPERLINK(…)` open as text), and Kshetra reads its own files back unchanged.

use geo::{polygon, MultiPolygon};
use kshetra_core::import::Value;
use kshetra_core::project::organisers_import::{import_organisers, organisers_template_csv};
use kshetra_core::project::{ContactPoint, Organiser};
use kshetra_core::table::{read_table, template_csv};
use kshetra_core::{Ward, WardMap};

const PAYLOADS: [&str; 5] = [
    "=HYPERLINK(\"http://x.example\",\"click\")",
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\tTab",
];

/// Every cell of a CSV (after the BOM).
fn cells(csv: &[u8]) -> Vec<String> {
    let text = String::from_utf8(csv.to_vec()).unwrap();
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .flat_map(|rec| rec.unwrap().iter().map(str::to_string).collect::<Vec<_>>())
        .collect()
}

fn assert_no_formula(csv: &[u8], what: &str) {
    for c in cells(csv) {
        assert!(
            !matches!(c.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r')),
            "{what}: the cell {c:?} would run as a formula"
        );
    }
}

#[test]
fn ward_table_template_guards_imported_text_and_reads_back_as_it_was() {
    let sq = |x: f64| {
        MultiPolygon::new(vec![
            polygon![(x: x, y: 26.8), (x: x + 0.01, y: 26.8), (x: x + 0.01, y: 26.81), (x: x, y: 26.8)],
        ])
    };
    let wards = PAYLOADS
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut w = Ward::new((i + 1).to_string(), sq(80.9 + i as f64 * 0.01));
            w.name = Some(p.to_string());
            w.zone = Some(format!("{p} zone"));
            w.population = Some(1000 + i as u64);
            w
        })
        .collect();
    let map = WardMap::new(wards);
    let csv = template_csv(Some(&map), &[]);
    assert_no_formula(&csv, "ward template");
    let table = read_table("template.csv", &csv).unwrap();
    let name_col = table.columns.iter().position(|c| c == "ward_name").unwrap();
    let zone_col = table.columns.iter().position(|c| c == "zone").unwrap();
    let pop_col = table.columns.iter().position(|c| c == "population").unwrap();
    for ((_, row), p) in table.rows.iter().zip(PAYLOADS) {
        let text = |i: usize| row[i].as_ref().map(Value::to_text).unwrap_or_default();
        // Cells are read trimmed, as every imported text is.
        assert_eq!(text(name_col), p.trim());
        assert_eq!(text(zone_col), format!("{p} zone").trim());
        assert!(matches!(row[pop_col], Some(Value::Number(_))), "counts stay numbers");
    }
}

#[test]
fn organisers_template_guards_text_and_imports_back() {
    let map = WardMap::new(vec![Ward::new("1", MultiPolygon::new(vec![]))]);
    let people: Vec<Organiser> = PAYLOADS
        .iter()
        .map(|p| {
            let mut o = Organiser::new(format!("{p} name"));
            o.mobile = Some("+91 98765 43210".into());
            o.contact = Some(ContactPoint { name: p.to_string(), ..Default::default() });
            o
        })
        .collect();
    let csv = organisers_template_csv(&people);
    assert_no_formula(&csv, "organisers template");
    let back = import_organisers("organisers.csv", &csv, &map).unwrap();
    assert!(back.errors.is_empty(), "{:?}", back.errors);
    for (o, p) in back.organisers.iter().zip(PAYLOADS) {
        assert_eq!(o.name, format!("{p} name").trim());
        assert_eq!(o.mobile.as_deref(), Some("9876543210"));
        assert_eq!(o.contact.as_ref().map(|c| c.name.as_str()), Some(p.trim()));
    }
}

#[test]
fn the_real_maps_templates_have_no_formula() {
    for city in ["lucknow", "bhopal", "bhubaneswar"] {
        let path = format!("{}/../../public/data/{city}.geojson", env!("CARGO_MANIFEST_DIR"));
        let map =
            kshetra_core::import::geojson::parse(city, &std::fs::read(path).unwrap()).unwrap().map;
        assert_no_formula(&template_csv(Some(&map), &[]), city);
    }
}
