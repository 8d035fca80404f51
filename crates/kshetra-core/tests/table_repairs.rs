//! Ward tables as offices save them (issue 19): unquoted numbers with Indian or
//! international separators in a CSV, and merged zone cells in Excel, joined to the real
//! Lucknow map.

use std::io::{Cursor, Write};

use kshetra_core::i18n::Lang;
use kshetra_core::messages::UserText;
use kshetra_core::table::{self, TableError, TableMapping, TableNote};
use kshetra_core::WardMap;

fn lucknow() -> WardMap {
    let path = format!("{}/../../public/data/lucknow.geojson", env!("CARGO_MANIFEST_DIR"));
    kshetra_core::import::geojson::parse("lucknow.geojson", &std::fs::read(path).unwrap())
        .unwrap()
        .map
}

fn joined(file: &str, bytes: &[u8]) -> (WardMap, table::Table) {
    let t = table::read_table(file, bytes).unwrap();
    let (map, report) = table::join(&lucknow(), &t, &TableMapping::detect(&t)).unwrap();
    assert!(report.bad_values.is_empty(), "{:?}", report.bad_values);
    (map, t)
}

#[test]
fn unquoted_numbers_with_separators_are_read_whole() {
    let csv = "ward_no,ward_name,population,households\n\
               1,Ibrahimpur,2,58,891,45,000\n\
               2,\"Gomti Nagar\",\"1,02,345\",20100\n\
               3,Aliganj,98765,12,500\n";
    let (map, t) = joined("wards.csv", csv.as_bytes());
    let pop = |w: &str| map.ward(w).unwrap().population;
    let hh = |w: &str| map.ward(w).unwrap().households;
    assert_eq!((pop("1"), hh("1")), (Some(258_891), Some(45_000)));
    assert_eq!((pop("2"), hh("2")), (Some(102_345), Some(20_100)));
    assert_eq!((pop("3"), hh("3")), (Some(98_765), Some(12_500)));
    assert_eq!(
        t.notes,
        [
            TableNote::NumbersJoined { row: 2, numbers: vec!["2,58,891".into(), "45,000".into()] },
            TableNote::NumbersJoined { row: 4, numbers: vec!["12,500".into()] },
        ]
    );
    assert!(t.notes[0].message(Lang::Hi).contains("2,58,891"));
}

#[test]
fn a_row_that_commas_explain_in_two_ways_is_refused_by_number() {
    // Ward 5 with 12,345 people and 678 households, or 5,12,345 people and 678?
    let csv = "ward_no,population,households\n4,1000,200\n5,12,345,678\n";
    let e = table::read_table("wards.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(
        e,
        TableError::RowTooLong { file: "wards.csv".into(), row: 3, cells: 4, columns: 3 }
    );
    let en = e.message(Lang::En);
    assert!(en.contains("Row 3") && en.contains("wards.csv") && en.contains("quotes"), "{en}");
    // Extra text after the header's columns is not a number problem: read as before.
    let csv = "ward_no,population\n4,1000,see note\n";
    assert!(table::read_table("wards.csv", csv.as_bytes()).unwrap().notes.is_empty());
}

/// A minimal .xlsx: the given rows of inline strings/numbers, and merged ranges.
fn xlsx(rows: &[&[&str]], merged: &[&str]) -> Vec<u8> {
    xlsx_with(rows, merged, "")
}

/// [`xlsx`] with `extra` (rows as sheet XML) after the rows.
fn xlsx_with(rows: &[&[&str]], merged: &[&str], extra: &str) -> Vec<u8> {
    let col = |i: usize| char::from(b'A' + i as u8);
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    for (r, row) in rows.iter().enumerate() {
        sheet += &format!(r#"<row r="{}">"#, r + 1);
        for (c, v) in row.iter().enumerate() {
            let at = format!("{}{}", col(c), r + 1);
            if v.is_empty() {
                continue;
            } else if v.parse::<f64>().is_ok() {
                sheet += &format!(r#"<c r="{at}"><v>{v}</v></c>"#);
            } else {
                sheet += &format!(r#"<c r="{at}" t="inlineStr"><is><t>{v}</t></is></c>"#);
            }
        }
        sheet += "</row>";
    }
    sheet += extra;
    sheet += "</sheetData>";
    if !merged.is_empty() {
        sheet += &format!(r#"<mergeCells count="{}">"#, merged.len());
        for m in merged {
            sheet += &format!(r#"<mergeCell ref="{m}"/>"#);
        }
        sheet += "</mergeCells>";
    }
    sheet += "</worksheet>";
    let rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let pkg = "http://schemas.openxmlformats.org/package/2006/relationships";
    let files = [
        (
            "[Content_Types].xml",
            String::from(
                r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
            ),
        ),
        (
            "_rels/.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rels}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
            ),
        ),
        (
            "xl/workbook.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rels}"><sheets><sheet name="Wards" sheetId="1" r:id="rId1"/></sheets></workbook>"#
            ),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{pkg}"><Relationship Id="rId1" Type="{rels}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#
            ),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in files {
        w.start_file(name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

#[test]
fn merged_zone_cells_in_excel_reach_every_ward() {
    let rows: &[&[&str]] = &[
        &["ward_no", "zone", "population"],
        &["1", "Zone 1", "1000"],
        &["2", "", "2000"],
        &["3", "", "3000"],
        &["4", "Zone 2", "4000"],
        &["5", "", "5000"],
    ];
    let (map, t) = joined("wards.xlsx", &xlsx(rows, &["B2:B4", "B5:B6"]));
    let zone = |w: &str| map.ward(w).unwrap().zone.clone();
    assert_eq!(zone("3").as_deref(), Some("Zone 1"));
    assert_eq!(zone("5").as_deref(), Some("Zone 2"));
    assert_eq!(t.notes, [TableNote::MergedCellsFilled { ranges: 2, cells: 3 }]);
    // Without merged ranges, empty cells stay empty and nothing is noted.
    let (map, t) = joined("wards.xlsx", &xlsx(rows, &[]));
    assert_eq!(map.ward("3").unwrap().zone, lucknow().ward("3").unwrap().zone);
    assert!(t.notes.is_empty());
}

/// Issue 19: calamine holds a sheet as one cell per row × column of its used range, so one
/// stray value far from the table (a 2 KB file) took gigabytes or aborted. Such a sheet is
/// refused, naming its extent; a table with a stray value nearby still reads.
#[test]
fn a_stray_cell_far_from_the_table_is_refused_not_expanded() {
    let rows: &[&[&str]] = &[&["ward_no", "population"], &["1", "1000"]];
    for (far, span) in [("ZZ100000", (100_000, 702)), ("XFD1048576", (1_048_576, 16_384))] {
        let row = far.trim_start_matches(|c: char| c.is_ascii_uppercase());
        let extra = format!(r#"<row r="{row}"><c r="{far}"><v>7</v></c></row>"#);
        let e = table::read_table("wards.xlsx", &xlsx_with(rows, &[], &extra)).unwrap_err();
        match &e {
            TableError::SheetTooLarge { file, rows, columns } => {
                assert_eq!(file, "wards.xlsx");
                assert_eq!((*rows, *columns), span);
            }
            other => panic!("{far}: {other:?}"),
        }
        let en = e.message(Lang::En);
        assert!(en.contains("wards.xlsx") && en.contains("far below or to the right"), "{en}");
        assert!(e.message(Lang::Hi).contains("पंक्तियों"), "{}", e.message(Lang::Hi));
    }
    let near = r#"<row r="40"><c r="H40"><v>7</v></c></row>"#;
    let t = table::read_table("wards.xlsx", &xlsx_with(rows, &[], near)).unwrap();
    assert_eq!(&t.columns[..2], ["ward_no", "population"]);
}

/// Issue 19: empty cells after a row's last value are not held (a row of 50 million
/// trailing commas took 3 GB); the table reads the same, and the header's empty cells are
/// still columns.
#[test]
fn trailing_empty_cells_read_as_before() {
    let plain = table::read_table("w.csv", b"ward_no,population,\n1,1000\n2,2000\n").unwrap();
    let commas = format!("ward_no,population,\n1,1000{}\n2,2000,,\n", ",".repeat(10_000));
    let trailing = table::read_table("w.csv", commas.as_bytes()).unwrap();
    assert_eq!(trailing.columns, ["ward_no", "population", "#3"]);
    assert_eq!(trailing.columns, plain.columns);
    assert_eq!(trailing.rows, plain.rows);
    assert_eq!(trailing.rows[0].1.len(), 3, "rows padded to the header");
}

/// Issue 19: a CSV row of more than `MAX_CSV_CELLS` cells is refused before reading, naming
/// the row; commas inside quotes are not cells.
#[test]
fn a_row_of_too_many_cells_is_refused() {
    let wide = format!("ward_no,population\n1,2\n\"a,b\"\n3{}\n", ",".repeat(table::MAX_CSV_CELLS));
    match table::read_table("w.csv", wide.as_bytes()).unwrap_err() {
        e @ TableError::CsvRowTooWide { .. } => {
            let TableError::CsvRowTooWide { file, row, cells } = &e else { unreachable!() };
            assert_eq!((file.as_str(), *row), ("w.csv", 4));
            assert!(*cells > table::MAX_CSV_CELLS);
            assert!(e.message(Lang::En).contains("Row 4 of the CSV \"w.csv\""));
        }
        other => panic!("{other:?}"),
    }
    let quoted = format!("ward_no,population\n1,\"{}\"\n", ",".repeat(table::MAX_CSV_CELLS));
    assert_eq!(table::read_table("w.csv", quoted.as_bytes()).unwrap().rows.len(), 1);
}

/// A minimal .ods whose first sheet holds `rows` (table-row elements).
fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Wards">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("content.xml", content.as_str()),
        ("META-INF/manifest.xml", manifest),
    ] {
        w.start_file(name, opts).unwrap();
        w.write_all(text.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Issue 19: calamine expands an .ods's repeated rows and cells when it opens the file, so
/// one value repeated over 100,000 rows × 700 columns (a 1.4 KB file) took over 5 GB. Such
/// a sheet is refused before calamine opens it; the empty repeats LibreOffice writes after
/// a table do not count.
#[test]
fn repeated_ods_cells_are_counted_before_they_are_expanded() {
    let text = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let header =
        format!("<table:table-row>{}{}</table:table-row>", text("ward_no"), text("population"));
    let flood = r#"<table:table-row table:number-rows-repeated="100000"><table:table-cell table:number-columns-repeated="700" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#;
    match table::read_table("w.ods", &ods(&format!("{header}{flood}"))).unwrap_err() {
        TableError::SheetTooLarge { rows, columns, .. } => {
            assert_eq!((rows, columns), (100_001, 700))
        }
        other => panic!("{other:?}"),
    }
    let row = r#"<table:table-row><table:table-cell office:value-type="float" office:value="4"><text:p>4</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="1000"><text:p>1000</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1022"/></table:table-row>"#;
    let trailing = r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#;
    let t = table::read_table("w.ods", &ods(&format!("{header}{row}{trailing}"))).unwrap();
    assert_eq!(t.columns, ["ward_no", "population"]);
    assert_eq!(t.rows.len(), 1);
}
