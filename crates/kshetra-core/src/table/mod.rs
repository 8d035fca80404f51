//! The ward table: populations, households, poor households, zones and further counts from
//! a CSV or Excel sheet (.xlsx/.xls/.ods via `calamine`; CSV via `csv`), joined to the map by
//! normalised ward number.

use std::collections::BTreeMap;
use std::io::Cursor;

mod extent;
mod repair;

use crate::format::{csv_safe, csv_unguard};
use crate::import::{normalise_ward_number, parse_count, FieldMapping, Value};
use crate::model::WardMap;

/// A table read from a file: header names and rows of values (rows are 1-based in messages,
/// counting the header as row 1, as a spreadsheet shows them).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// File name, for messages.
    pub file: String,
    /// Column names from the first non-empty row.
    pub columns: Vec<String>,
    /// Data rows: (spreadsheet row number, values aligned with `columns`).
    pub rows: Vec<(usize, Vec<Option<Value>>)>,
    /// What was repaired while reading, for the officer to check.
    pub notes: Vec<TableNote>,
}

/// A repair made while reading a table (issue 19); shown with the join report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableNote {
    /// An unquoted CSV number written with separators (`2,58,891`) had split the row into
    /// more cells than the header has; the pieces were joined back.
    NumbersJoined {
        /// Spreadsheet row number.
        row: usize,
        /// The numbers as written (`2,58,891`).
        numbers: Vec<String>,
    },
    /// Rows above the headings holding one cell each (a title such as "Ward wise population
    /// 2011"): skipped, the headings read from `header_row`.
    TitleRowsSkipped {
        /// Spreadsheet row of the headings.
        header_row: usize,
    },
    /// Merged cells: each merged range's value was filled into all of its cells.
    MergedCellsFilled {
        /// Merged ranges that filled something.
        ranges: usize,
        /// Cells filled.
        cells: usize,
    },
}

/// Why a table file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// No bytes.
    #[error("{file}: the file is empty")]
    Empty {
        /// File name.
        file: String,
    },
    /// Not CSV or a spreadsheet.
    #[error("{file}: not a table (CSV, .xlsx, .xls, .ods)")]
    NotATable {
        /// File name.
        file: String,
    },
    /// A CSV that cannot be read.
    #[error("{file}: invalid CSV at row {row}: {detail}")]
    InvalidCsv {
        /// File name.
        file: String,
        /// 1-based row.
        row: usize,
        /// Parser message.
        detail: String,
    },
    /// A sheet whose used cells span more than [`MAX_SHEET_CELLS`] (usually a stray value far
    /// from the table).
    #[error("{file}: the sheet spans {rows} rows × {columns} columns")]
    SheetTooLarge {
        /// File name.
        file: String,
        /// Rows spanned.
        rows: u64,
        /// Columns spanned.
        columns: u64,
    },
    /// An Excel binary workbook (.xlsb): calamine's reader of it indexes records unchecked
    /// and panics on damaged files (a fuzz finding), so it is not read at all.
    #[error("{file}: an Excel binary workbook (.xlsb) is not read")]
    BinaryWorkbook {
        /// File name.
        file: String,
    },
    /// A CSV row with more than [`MAX_CSV_CELLS`] cells.
    #[error("{file}: row {row} has {cells} or more cells")]
    CsvRowTooWide {
        /// File name.
        file: String,
        /// 1-based row.
        row: usize,
        /// Cells counted when the bound was passed.
        cells: usize,
    },
    /// A spreadsheet that cannot be read (damaged, encrypted, no sheet).
    #[error("{file}: the spreadsheet cannot be read: {detail}")]
    InvalidSpreadsheet {
        /// File name.
        file: String,
        /// Reader message.
        detail: String,
    },
    /// No header row or no data rows.
    #[error("{file}: no rows")]
    NoRows {
        /// File name.
        file: String,
    },
    /// A CSV row with more cells than the header that numbers written with commas may
    /// explain in more than one way (or in none): the officer must quote or unformat them.
    #[error("{file}: row {row} has {cells} cells but the header has {columns}")]
    RowTooLong {
        /// File name.
        file: String,
        /// Spreadsheet row number.
        row: usize,
        /// Cells in the row.
        cells: usize,
        /// Cells in the header.
        columns: usize,
    },
    /// No column was chosen for the ward number (none was recognised).
    #[error("{file}: no ward-number column")]
    NoWardNumberColumn {
        /// File name.
        file: String,
        /// The table's columns, in order.
        columns: Vec<String>,
    },
    /// Not one row's ward number is on the map: the table is for another city, or the
    /// ward-number column is the wrong one.
    #[error("{file}: no ward of the table is on the map")]
    NoMatchingWard {
        /// File name.
        file: String,
        /// The first ward numbers of the table (normalised), at most 5.
        table: Vec<String>,
        /// The first ward numbers of the map, at most 5.
        map: Vec<String>,
    },
    /// A web page (HTML) saved with a table's name, e.g. a portal's "Excel" download.
    #[error("{file}: a web page, not a table")]
    WebPage {
        /// File name.
        file: String,
    },
    /// A ward map (GeoJSON, KML, zipped Shapefile) given as a table.
    #[error("{file}: a map, not a table")]
    MapNotTable {
        /// File name.
        file: String,
    },
    /// The mapping has no key column, or names a column the table lacks.
    #[error("{file}: no ward-number column {column}")]
    NoKeyColumn {
        /// File name.
        file: String,
        /// The column asked for ("" when none was chosen).
        column: String,
    },
}

/// Most cells (rows × columns of the used range) a spreadsheet's first sheet may span: a
/// 10,000-ward table of 100 columns is 1 million; 5 million cells take about 160 MB in
/// calamine and as many in the table's rows.
pub const MAX_SHEET_CELLS: u64 = 5_000_000;

/// The refusal of a sheet whose cells span more than [`MAX_SHEET_CELLS`].
fn too_many_cells(file: String, rows: u64, columns: u64) -> TableError {
    TableError::SheetTooLarge { file, rows, columns }
}

/// A cell's value as the table keeps it.
fn cell_value(c: &calamine::Data) -> Option<Value> {
    match c {
        calamine::Data::Int(i) => Some(Value::Number(*i as f64)),
        calamine::Data::Float(x) => x.is_finite().then_some(Value::Number(*x)),
        calamine::Data::String(s)
        | calamine::Data::DateTimeIso(s)
        | calamine::Data::DurationIso(s) => Value::text(s),
        calamine::Data::Bool(b) => Some(Value::Text(b.to_string())),
        calamine::Data::DateTime(d) => Some(Value::Number(d.as_f64())),
        calamine::Data::Error(_) | calamine::Data::Empty => None,
    }
}

/// Most cells a CSV row may have (real ward tables have a few dozen columns). The csv crate
/// keeps 8 bytes per cell of a row as it reads it: a row of 50 million commas took 1.1 GB
/// (issue 19).
pub const MAX_CSV_CELLS: usize = 100_000;

/// The first row (1-based, as a text editor counts lines outside quotes) with more than
/// `max` cells, and how many it has counted when it passed `max`.
fn row_wider_than(text: &[u8], delimiter: u8, max: usize) -> Option<(usize, usize)> {
    let (mut row, mut cells, mut quoted) = (1, 1, false);
    for &b in text {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                row += 1;
                cells = 1;
            }
            _ if b == delimiter && !quoted => {
                cells += 1;
                if cells > max {
                    return Some((row, cells));
                }
            }
            _ => {}
        }
    }
    None
}

/// Reads a CSV (any delimiter of `,` `;` tab; UTF-8, UTF-16 with BOM, or Windows-1252) or
/// the first sheet of a spreadsheet.
pub fn read_table(file: &str, bytes: &[u8]) -> Result<Table, TableError> {
    let f = || file.to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(TableError::Empty { file: f() });
    }
    let ext = crate::import::extension_of(file);
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let is_ole = bytes.starts_with(b"\xD0\xCF\x11\xE0");
    let is_text =
        encoding_rs::Encoding::for_bom(bytes).is_some() || std::str::from_utf8(bytes).is_ok();
    if is_text {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
        let head = head.trim_start_matches('\u{FEFF}').trim_start();
        if head.starts_with("<!doctype html")
            || head.starts_with("<html")
            || head.contains("<table")
        {
            return Err(TableError::WebPage { file: f() });
        }
        if head.starts_with('{') || head.contains("<kml") {
            return Err(TableError::MapNotTable { file: f() });
        }
    }
    if is_zip && zip_holds_map(bytes) {
        return Err(TableError::MapNotTable { file: f() });
    }
    if is_zip && is_binary_workbook(bytes) {
        return Err(TableError::BinaryWorkbook { file: f() });
    }
    let mut notes = Vec::new();
    // A CSV saved under a spreadsheet's name is read as the CSV it is.
    let grid: Vec<Vec<Option<Value>>> = if is_zip
        || is_ole
        || (matches!(ext.as_str(), "xlsx" | "xls" | "xlsm" | "xlsb" | "ods") && !is_text)
    {
        use calamine::Reader;
        if let Some((index, strings)) = repair::xlsx_bad_shared_string(bytes) {
            return Err(TableError::InvalidSpreadsheet {
                file: f(),
                detail: format!(
                    "a cell refers to shared text {index} but the file has {strings}: damaged"
                ),
            });
        }
        // calamine expands an .ods's repeated rows and cells as it opens the file.
        // calamine expands an .xls's every sheet as it opens the file.
        if let Some((rows, columns)) =
            extent::ods_extent(bytes).or_else(|| extent::xls_extent(bytes))
        {
            if rows.saturating_mul(columns) > MAX_SHEET_CELLS {
                return Err(too_many_cells(f(), rows, columns));
            }
        }
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
            .map_err(|e| TableError::InvalidSpreadsheet { file: f(), detail: e.to_string() })?;
        // calamine holds a sheet as one cell per row × column of its used range: a stray
        // cell far from the table (a 2 KB file with a value at ZZ100000) took 3.8 GB, one at
        // XFD1048576 aborted (issue 19). An xlsx is read cell by cell and its extent checked
        // before any grid is made; other formats through calamine's range.
        let cells = match &mut book {
            calamine::Sheets::Xlsx(x) => extent::xlsx_cells(x),
            // Not reached (refused above); never read an .xlsb's sheet.
            calamine::Sheets::Xlsb(_) => return Err(TableError::BinaryWorkbook { file: f() }),
            _ => None,
        };
        let (mut grid, (r0, c0)) = match cells {
            // An empty sheet: no rows (as calamine's empty range).
            Some(cells) if cells.is_empty() => (Vec::new(), (0, 0)),
            Some(cells) => {
                let (start, end) = extent::extent(&cells).unwrap_or_default();
                let rows = u64::from(end.0 - start.0) + 1;
                let columns = u64::from(end.1 - start.1) + 1;
                if rows.saturating_mul(columns) > MAX_SHEET_CELLS {
                    return Err(too_many_cells(f(), rows, columns));
                }
                let mut grid = vec![vec![None; columns as usize]; rows as usize];
                for ((r, c), v) in cells {
                    grid[(r - start.0) as usize][(c - start.1) as usize] = v;
                }
                (grid, start)
            }
            None => {
                let range = book
                    .worksheet_range_at(0)
                    .ok_or_else(|| TableError::InvalidSpreadsheet {
                        file: f(),
                        detail: "no sheet".into(),
                    })?
                    .map_err(|e| TableError::InvalidSpreadsheet {
                        file: f(),
                        detail: e.to_string(),
                    })?;
                let grid = range.rows().map(|r| r.iter().map(cell_value).collect()).collect();
                (grid, range.start().unwrap_or((0, 0)))
            }
        };
        // Merged ranges in sheet coordinates (xlsx and xls say; ods and xlsb do not).
        let merged = match &mut book {
            calamine::Sheets::Xlsx(x) => x.worksheet_merge_cells_at(0).and_then(Result::ok),
            calamine::Sheets::Xls(x) => x.worksheet_merge_cells_at(0),
            _ => None,
        }
        .unwrap_or_default();
        let regions: Vec<(usize, usize, usize, usize)> = merged
            .iter()
            .filter(|d| d.start.0 >= r0 && d.start.1 >= c0)
            .map(|d| {
                let at = |v: u32, o: u32| (v - o) as usize;
                (at(d.start.0, r0), at(d.start.1, c0), at(d.end.0, r0), at(d.end.1, c0))
            })
            .collect();
        let (ranges, cells) = repair::fill_merged(&mut grid, &regions);
        if cells > 0 {
            notes.push(TableNote::MergedCellsFilled { ranges, cells });
        }
        grid
    } else {
        let (text, _, _) = match encoding_rs::Encoding::for_bom(bytes) {
            Some((enc, _)) => enc.decode(bytes),
            None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8.decode(bytes),
            None => encoding_rs::WINDOWS_1252.decode(bytes),
        };
        if text.contains('\0') {
            return Err(TableError::NotATable { file: f() });
        }
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let count = |d: char| first.matches(d).count();
        let delimiter = if count(';') > count(',') && count(';') >= count('\t') {
            b';'
        } else if count('\t') > count(',') {
            b'\t'
        } else {
            b','
        };
        if let Some((row, cells)) = row_wider_than(text.as_bytes(), delimiter, MAX_CSV_CELLS) {
            return Err(TableError::CsvRowTooWide { file: f(), row, cells });
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let mut grid = Vec::new();
        let mut header_len = None;
        for (i, record) in reader.records().enumerate() {
            let record = record.map_err(|e| TableError::InvalidCsv {
                file: f(),
                row: i + 1,
                detail: e.to_string(),
            })?;
            let filled = record
                .iter()
                .enumerate()
                .filter(|(_, c)| !c.trim().is_empty())
                .last()
                .map_or(0, |(i, _)| i + 1);
            // Cells after a row's last value are empty: the header row keeps them (they
            // are columns), later rows do not hold them (a row of 50 million trailing
            // commas took 3 GB, issue 19); rows are padded to the header's width.
            let keep = if header_len.is_some() { filled } else { record.len() };
            match header_len {
                None if filled > 0 => header_len = Some(record.len()),
                Some(want) if filled > want && delimiter == b',' => {
                    let cells: Vec<&str> = record.iter().take(filled).collect();
                    let cells = &cells[..];
                    let trimmed: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
                    if let Some((joined, numbers)) = repair::join_split_numbers(&trimmed, want) {
                        notes.push(TableNote::NumbersJoined { row: i + 1, numbers });
                        grid.push(
                            joined.iter().map(|s| Value::text(s).map(numeric_text)).collect(),
                        );
                        continue;
                    }
                    if repair::has_split_number(&trimmed) {
                        return Err(TableError::RowTooLong {
                            file: f(),
                            row: i + 1,
                            cells: cells.len(),
                            columns: want,
                        });
                    }
                }
                _ => {}
            }
            // Text Kshetra guarded against formula injection reads back as it was.
            grid.push(
                record
                    .iter()
                    .take(keep)
                    .map(|s| Value::text(csv_unguard(s)).map(numeric_text))
                    .collect(),
            );
        }
        grid
    };
    // Header: the first row with any value; spreadsheet row numbers are 1-based.
    let Some(mut header_idx) = grid.iter().position(|r| r.iter().any(Option::is_some)) else {
        return Err(TableError::NoRows { file: f() });
    };
    // Title rows (one cell each) above the headings: the headings are the first row, within
    // the next ten, with two or more cells.
    let filled = |r: &Vec<Option<Value>>| r.iter().filter(|c| c.is_some()).count();
    if filled(&grid[header_idx]) == 1 {
        if let Some(h) =
            (header_idx + 1..grid.len().min(header_idx + 11)).find(|&i| filled(&grid[i]) >= 2)
        {
            header_idx = h;
            notes.insert(0, TableNote::TitleRowsSkipped { header_row: h + 1 });
        }
    }
    let columns: Vec<String> = grid[header_idx]
        .iter()
        .enumerate()
        .map(|(i, v)| v.as_ref().map(Value::to_text).unwrap_or_else(|| format!("#{}", i + 1)))
        .collect();
    let rows: Vec<(usize, Vec<Option<Value>>)> = grid
        .into_iter()
        .enumerate()
        .skip(header_idx + 1)
        .filter(|(_, r)| r.iter().any(Option::is_some))
        .map(|(i, mut r)| {
            r.resize(columns.len(), None);
            (i + 1, r)
        })
        .collect();
    if rows.is_empty() {
        return Err(TableError::NoRows { file: f() });
    }
    Ok(Table { file: f(), columns, rows, notes })
}

/// Whether a zip holds a ward map (a Shapefile, KML or GeoJSON) rather than a workbook.
/// An .xlsb: a zip whose workbook part is `xl/workbook.bin` (however calamine would spell
/// the entry: any case, backslashes).
fn is_binary_workbook(bytes: &[u8]) -> bool {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return false };
    let found = archive.file_names().any(|n| {
        n.replace('\\', "/").trim_start_matches('/').eq_ignore_ascii_case("xl/workbook.bin")
    });
    found
}

fn zip_holds_map(bytes: &[u8]) -> bool {
    let Ok(archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return false };
    let names: Vec<String> = archive.file_names().map(str::to_lowercase).collect();
    let map = names.iter().any(|n| [".shp", ".kml", ".geojson"].iter().any(|e| n.ends_with(e)));
    let book = names.iter().any(|n| n.starts_with("xl/") || n == "content.xml");
    map && !book
}

/// CSV cells are text; plain numbers become numbers so extra columns can be summed.
fn numeric_text(v: Value) -> Value {
    if let Value::Text(t) = &v {
        let plain = t.replace(',', "");
        let leading_zero = plain.len() > 1 && plain.starts_with('0') && !plain.starts_with("0.");
        if let Ok(x) = plain.parse::<f64>() {
            if x.is_finite() && !leading_zero {
                return Value::Number(x);
            }
        }
    }
    v
}

/// Which table columns to use: the key (ward number), the ward fields, and extra count columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableMapping {
    /// Column names for ward number (key), name, population, households, poor households, zone.
    pub fields: FieldMapping,
    /// Further numeric columns to keep per ward (e.g. worker groups), by name.
    pub extra: Vec<String>,
}

impl TableMapping {
    /// Proposes a mapping from the column names; other columns whose values are all numbers
    /// become extra columns.
    pub fn detect(table: &Table) -> TableMapping {
        let fields = crate::import::detect_table_columns(&table.columns, &table.rows);
        let used: Vec<&str> =
            crate::import::Field::ALL.iter().filter_map(|f| fields.get(*f)).collect();
        let extra = table
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| !used.contains(&c.as_str()))
            .filter(|(i, _)| {
                let vals: Vec<&Value> = table
                    .rows
                    .iter()
                    .filter_map(|(_, r)| r.get(*i).and_then(Option::as_ref))
                    .collect();
                !vals.is_empty() && vals.iter().all(|v| matches!(v, Value::Number(_)))
            })
            .map(|(_, c)| c.clone())
            .collect();
        TableMapping { fields, extra }
    }
}

/// What joining a table to a map did.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct JoinReport {
    /// Wards of the map that got a row, in ward order.
    pub matched: Vec<String>,
    /// Rows whose ward number is not on the map: (row, ward number as normalised).
    pub table_only: Vec<(usize, String)>,
    /// Wards of the map without a row, in ward order.
    pub map_only: Vec<String>,
    /// Rows without a ward number.
    pub rows_without_key: Vec<usize>,
    /// Rows repeating an earlier ward number (ignored): (row, ward, first row).
    pub duplicate_rows: Vec<(usize, String, usize)>,
    /// Cells that should be counts but are not: (row, ward, column, value as written).
    pub bad_values: Vec<(usize, String, String, String)>,
}

/// Joins a table to the map by normalised ward number. Values present in the table replace
/// the map's; empty cells leave the map's value. Returns the new map and the report; the
/// given map is not changed.
pub fn join(
    map: &WardMap,
    table: &Table,
    mapping: &TableMapping,
) -> Result<(WardMap, JoinReport), TableError> {
    let col = |name: Option<&str>| -> Result<Option<usize>, TableError> {
        match name {
            None => Ok(None),
            Some(n) => table.columns.iter().position(|c| c == n).map(Some).ok_or_else(|| {
                TableError::NoKeyColumn { file: table.file.clone(), column: n.to_string() }
            }),
        }
    };
    use crate::import::Field;
    let key = col(mapping.fields.get(Field::WardNumber))?.ok_or_else(|| {
        TableError::NoWardNumberColumn { file: table.file.clone(), columns: table.columns.clone() }
    })?;
    let (name_c, pop_c, hh_c, poor_c, zone_c) = (
        col(mapping.fields.get(Field::Name))?,
        col(mapping.fields.get(Field::Population))?,
        col(mapping.fields.get(Field::Households))?,
        col(mapping.fields.get(Field::PoorHouseholds))?,
        col(mapping.fields.get(Field::Zone))?,
    );
    let extra_c: Vec<(String, usize)> = mapping
        .extra
        .iter()
        .filter_map(|n| table.columns.iter().position(|c| c == n).map(|i| (n.clone(), i)))
        .collect();

    let mut report = JoinReport::default();
    let mut by_ward: BTreeMap<String, (usize, &Vec<Option<Value>>)> = BTreeMap::new();
    for (row_no, row) in &table.rows {
        let Some(k) =
            row.get(key).and_then(Option::as_ref).and_then(|v| normalise_ward_number(&v.to_text()))
        else {
            report.rows_without_key.push(*row_no);
            continue;
        };
        if let Some((first, _)) = by_ward.get(&k) {
            report.duplicate_rows.push((*row_no, k, *first));
            continue;
        }
        if map.ward(&k).is_none() {
            report.table_only.push((*row_no, k));
            continue;
        }
        by_ward.insert(k, (*row_no, row));
    }
    if by_ward.is_empty() && !report.table_only.is_empty() {
        return Err(TableError::NoMatchingWard {
            file: table.file.clone(),
            table: report.table_only.iter().take(5).map(|(_, w)| w.clone()).collect(),
            map: map.wards().iter().take(5).map(|w| w.number.clone()).collect(),
        });
    }
    let mut wards = map.clone().into_wards();
    for w in &mut wards {
        let Some((row_no, row)) = by_ward.get(&w.number) else {
            report.map_only.push(w.number.clone());
            continue;
        };
        report.matched.push(w.number.clone());
        let cell = |c: Option<usize>| c.and_then(|c| row.get(c)).and_then(Option::as_ref);
        let count = |c: Option<usize>, report: &mut JoinReport| -> Option<Option<u64>> {
            let v = cell(c)?;
            let n = match v {
                Value::Number(x) => crate::import::count_of_f64(*x),
                Value::Text(t) => parse_count(t),
            };
            if n.is_none() {
                let column = table.columns[c.unwrap_or(0)].clone();
                report.bad_values.push((*row_no, w.number.clone(), column, v.to_text()));
            }
            Some(n)
        };
        if let Some(Some(p)) = count(pop_c, &mut report) {
            w.population = Some(p);
        }
        if let Some(Some(h)) = count(hh_c, &mut report) {
            w.households = Some(h);
        }
        if let Some(Some(p)) = count(poor_c, &mut report) {
            w.poor_households = Some(p);
        }
        if let Some(n) = cell(name_c) {
            w.name = Some(n.to_text());
        }
        if let Some(z) = cell(zone_c) {
            w.zone = Some(z.to_text());
        }
        for (name, c) in &extra_c {
            match cell(Some(*c)) {
                Some(Value::Number(x)) => {
                    w.extra.insert(name.clone(), *x);
                }
                Some(v) => match v.to_text().replace(',', "").parse::<f64>() {
                    Ok(x) if x.is_finite() => {
                        w.extra.insert(name.clone(), x);
                    }
                    _ => report.bad_values.push((
                        *row_no,
                        w.number.clone(),
                        name.clone(),
                        v.to_text(),
                    )),
                },
                None => {}
            }
        }
    }
    Ok((WardMap::new(wards), report))
}

/// Column headings of the template, in order (extra count columns follow).
pub const TEMPLATE_COLUMNS: [&str; 6] =
    ["ward_no", "ward_name", "population", "households", "poor_households", "zone"];

/// A CSV template for the ward table (UTF-8 with BOM so Excel shows Devanagari), one row per
/// ward of `map` (number, name and zone filled, known counts filled), with `extra` count
/// columns (e.g. "worker_groups") left empty. Text cells are [`csv_safe`]; [`read_table`]
/// reads them back as they were.
pub fn template_csv(map: Option<&WardMap>, extra: &[&str]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let header: Vec<&str> = TEMPLATE_COLUMNS.iter().copied().chain(extra.iter().copied()).collect();
    let _ = w.write_record(&header);
    if let Some(map) = map {
        for ward in map.wards() {
            let opt = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
            // Imported text is guarded: a name like "=HYPERLINK(…)" opens as text in Excel.
            let mut rec = vec![
                csv_safe(&ward.number),
                csv_safe(ward.name.as_deref().unwrap_or_default()),
                opt(ward.population),
                opt(ward.households),
                opt(ward.poor_households),
                csv_safe(ward.zone.as_deref().unwrap_or_default()),
            ];
            rec.extend(extra.iter().map(|e| {
                ward.extra.get(*e).map(|x| crate::import::number_to_text(*x)).unwrap_or_default()
            }));
            let _ = w.write_record(&rec);
        }
    }
    w.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Ward;
    use geo::{polygon, MultiPolygon};

    fn map() -> WardMap {
        let sq = MultiPolygon::new(vec![
            polygon![(x: 80.9, y: 26.8), (x: 80.91, y: 26.8), (x: 80.91, y: 26.81), (x: 80.9, y: 26.8)],
        ]);
        WardMap::new((1..=3).map(|n| Ward::new(n.to_string(), sq.clone())).collect())
    }

    #[test]
    fn csv_join_reports_both_ways() {
        let csv = "Ward No,Ward Name,Population,Households,BPL HH,Zone,SHGs\n\
                   W-01,Chowk,\"25,889\",5000,,Zone 1,12\n\
                   ०२,नया,20000,,700,Zone 2,3\n\
                   2,dup,1,1,1,x,1\n\
                   9,ghost,5,5,5,y,1\n\
                   ,blank,5,5,5,y,1\n";
        let t = read_table("wards.csv", csv.as_bytes()).unwrap();
        let m = TableMapping::detect(&t);
        assert_eq!(m.fields.ward_number.as_deref(), Some("Ward No"));
        assert_eq!(m.fields.poor_households.as_deref(), Some("BPL HH"));
        assert_eq!(m.extra, ["SHGs"]);
        let (joined, r) = join(&map(), &t, &m).unwrap();
        assert_eq!(r.matched, ["1", "2"]);
        assert_eq!(r.map_only, ["3"]);
        assert_eq!(r.table_only, [(5, "9".to_string())]);
        assert_eq!(r.duplicate_rows, [(4, "2".to_string(), 3)]);
        assert_eq!(r.rows_without_key, [6]);
        let w1 = joined.ward("1").unwrap();
        assert_eq!(
            (w1.population, w1.households, w1.poor_households),
            (Some(25_889), Some(5_000), None)
        );
        assert_eq!(w1.extra.get("SHGs"), Some(&12.0));
        let w2 = joined.ward("2").unwrap();
        assert_eq!((w2.name.as_deref(), w2.poor_households), (Some("नया"), Some(700)));
    }

    #[test]
    fn template_round_trips_through_the_reader() {
        let bytes = template_csv(Some(&map()), &["worker_groups"]);
        let t = read_table("template.csv", &bytes).unwrap();
        assert_eq!(
            t.columns,
            [
                "ward_no",
                "ward_name",
                "population",
                "households",
                "poor_households",
                "zone",
                "worker_groups"
            ]
        );
        assert_eq!(t.rows.len(), 3);
        let m = TableMapping::detect(&t);
        assert_eq!(m.fields.ward_number.as_deref(), Some("ward_no"));
        assert_eq!(m.fields.households.as_deref(), Some("households"));
        assert_eq!(m.fields.poor_households.as_deref(), Some("poor_households"));
        let (_, r) = join(&map(), &t, &m).unwrap();
        assert_eq!(r.matched.len(), 3);
    }

    #[test]
    fn bad_tables() {
        assert_eq!(read_table("a.csv", b""), Err(TableError::Empty { file: "a.csv".into() }));
        assert!(matches!(
            read_table("a.xlsx", b"PK\x03\x04broken"),
            Err(TableError::InvalidSpreadsheet { .. })
        ));
        assert_eq!(
            read_table("a.csv", b"\n,,\n"),
            Err(TableError::NoRows { file: "a.csv".into() })
        );
        let t = read_table("a.csv", b"x,y\n1,2\n").unwrap();
        assert_eq!(
            join(&map(), &t, &TableMapping::detect(&t)),
            Err(TableError::NoWardNumberColumn {
                file: "a.csv".into(),
                columns: vec!["x".into(), "y".into()]
            })
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300), xl in proptest::prelude::any::<bool>()) {
            let name = if xl { "t.xlsx" } else { "t.csv" };
            if let Ok(t) = read_table(name, &bytes) {
                let _ = join(&map(), &t, &TableMapping::detect(&t));
            }
        }
    }
}
