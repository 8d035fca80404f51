//! How far a spreadsheet's cells spread, found before calamine builds its grid (issue 19).
//! calamine holds a sheet as one cell per row × column of its used range, so one stray
//! value far from the table decides the memory: a 2 KB .xlsx with a value at ZZ100000 took
//! 3.8 GB; an .xls with one cell at its last row and column 1.4 GB (calamine expands every
//! sheet as it opens the file, twice: values and formulas); an .xlsb with one at XFD1048576
//! aborted (.xlsb files are now refused before calamine opens them: its reader panics on
//! damaged records). Each format is measured here from its own records, cheaply, and the caller refuses
//! a sheet spanning more than [`super::MAX_SHEET_CELLS`].

use super::Value;

/// Cells by (row, column) in sheet coordinates, with their values.
pub(super) type Cells = Vec<((u32, u32), Option<Value>)>;

/// The cells of an xlsx's first sheet that calamine counts in its used range (all but the
/// empty ones), with their values, read one by one (no grid); `None` when the sheet cannot
/// be read so (calamine's range then says why).
pub(super) fn xlsx_cells<RS: std::io::Read + std::io::Seek>(
    book: &mut calamine::Xlsx<RS>,
) -> Option<Cells> {
    use calamine::Reader;
    let name = book.sheet_names().first()?.clone();
    let mut reader = book.worksheet_cells_reader(&name).ok()?;
    collect_cells(|| reader.next_cell())
}

/// The non-empty cells a calamine cell reader gives, with their values.
fn collect_cells<'a, E>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<calamine::DataRef<'a>>>, E>,
) -> Option<Cells> {
    let mut cells = Vec::new();
    while let Some(cell) = next().ok()? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let value = super::cell_value(&calamine::Data::from(cell.get_value().clone()));
        cells.push((cell.get_position(), value));
    }
    Some(cells)
}

/// The first and last (row, column) of the cells' bounding box; `None` without cells.
pub(super) fn extent(cells: &Cells) -> Option<((u32, u32), (u32, u32))> {
    let mut it = cells.iter().map(|&(p, _)| p);
    let first = it.next()?;
    Some(it.fold((first, first), |((r0, c0), (r1, c1)), (r, c)| {
        ((r0.min(r), c0.min(c)), (r1.max(r), c1.max(c)))
    }))
}

/// The largest extent (rows, columns) over all sheets of an .xls (BIFF8/BIFF5 in an OLE
/// compound file), from its cell records and its DIMENSIONS records, as calamine reads them
/// when it opens the file (every sheet at once; DIMENSIONS alone makes it reserve
/// rows × columns cells). `None` when the file cannot be read so (calamine then says why).
pub(super) fn xls_extent(bytes: &[u8]) -> Option<(u64, u64)> {
    use std::io::Read;
    let mut file = cfb::CompoundFile::open(std::io::Cursor::new(bytes)).ok()?;
    let mut stream = Vec::new();
    let mut workbook = file.open_stream("/Workbook").or_else(|_| file.open_stream("/Book")).ok()?;
    let _ = workbook.by_ref().take(crate::import::MAX_ZIP_ENTRY).read_to_end(&mut stream);
    let u16_at =
        |d: &[u8], i: usize| d.get(i..i + 2).map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])));
    // Per sheet (between BOF and EOF): first and last row and column.
    let mut bounds: Option<(u64, u64, u64, u64)> = None;
    let mut largest = (0u64, 0u64);
    let mut close = |bounds: &mut Option<(u64, u64, u64, u64)>| {
        if let Some((r0, r1, c0, c1)) = bounds.take() {
            let (rows, cols) = (r1 - r0 + 1, c1 - c0 + 1);
            if rows.saturating_mul(cols) > largest.0.saturating_mul(largest.1) {
                largest = (rows, cols);
            }
        }
    };
    let include =
        |bounds: &mut Option<(u64, u64, u64, u64)>, (r0, r1): (u64, u64), (c0, c1): (u64, u64)| {
            let (r0, r1, c0, c1) = (r0.min(r1), r0.max(r1), c0.min(c1), c0.max(c1));
            *bounds = Some(match *bounds {
                None => (r0, r1, c0, c1),
                Some((a, b, c, d)) => (a.min(r0), b.max(r1), c.min(c0), d.max(c1)),
            });
        };
    let mut at = 0;
    while at + 4 <= stream.len() {
        let typ = u16_at(&stream, at)?;
        let len = u16_at(&stream, at + 2)? as usize;
        let data = stream.get(at + 4..(at + 4 + len).min(stream.len()))?;
        at += 4 + len;
        let cell = || Some((u16_at(data, 0)?, u16_at(data, 2)?));
        match typ {
            // BOF, EOF: a sheet's records lie between.
            0x0809 | 0x000A => close(&mut bounds),
            // DIMENSIONS (BIFF8: u32 first row, u32 last row + 1, u16 first column, u16 last
            // column + 1): calamine reserves that many cells.
            0x0200 if data.len() >= 12 => {
                let r0 = u64::from(u32::from_le_bytes(data[0..4].try_into().ok()?));
                let r1 = u64::from(u32::from_le_bytes(data[4..8].try_into().ok()?));
                let (c0, c1) = (u16_at(data, 8)?, u16_at(data, 10)?);
                if r1 > r0 && c1 > c0 {
                    include(&mut bounds, (r0, r1 - 1), (c0, c1 - 1));
                }
            }
            // NUMBER, LABEL, BOOLERR, RK, LABELSST, FORMULA: one cell at (row, column).
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                if let Some((r, c)) = cell() {
                    include(&mut bounds, (r, r), (c, c));
                }
            }
            // MULRK: a row of cells from the first column to the last (the record's end).
            0x00BD if data.len() >= 6 => {
                if let (Some((r, c0)), Some(c1)) = (cell(), u16_at(data, data.len() - 2)) {
                    include(&mut bounds, (r, r), (c0, c1.max(c0)));
                }
            }
            _ => {}
        }
    }
    close(&mut bounds);
    Some(largest)
}

/// In an .ods, the rows and columns the first sheet's cells with content span, counting
/// repeated rows and cells (`table:number-rows-repeated`, `table:number-columns-repeated`)
/// as calamine expands them: a 1.4 KB file repeating one value over 100,000 × 700 cells
/// took over 5 GB in calamine (issue 19). `None` when the content cannot be read so.
pub(super) fn ods_extent(bytes: &[u8]) -> Option<(u64, u64)> {
    use quick_xml::events::Event;
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let mut xml = Vec::new();
    let _ =
        zip.by_name("content.xml").ok()?.take(crate::import::MAX_ZIP_ENTRY).read_to_end(&mut xml);
    let mut reader = quick_xml::Reader::from_reader(&xml[..]);
    let mut buf = Vec::new();
    let repeat = |e: &quick_xml::events::BytesStart, name: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| AsRef::<str>::as_ref(&a.key) == name)
            .and_then(|a| a.value.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .max(1)
    };
    let has = |e: &quick_xml::events::BytesStart, name: &str| {
        e.attributes().flatten().any(|a| AsRef::<str>::as_ref(&a.key) == name)
    };
    // Row and column where the next row or cell starts; the repeats of the open row and cell.
    let (mut row, mut col, mut row_repeat, mut cell_repeat) = (0u64, 0u64, 1u64, 1u64);
    let (mut rows, mut cols, mut row_used, mut in_cell) = (0u64, 0u64, false, false);
    let mut tables = 0;
    loop {
        let event = reader.read_event_into(&mut buf).ok()?;
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    tables += 1;
                    if tables > 1 || empty {
                        break;
                    }
                }
                "table:table-row" => {
                    row_repeat = repeat(&e, "table:number-rows-repeated");
                    col = 0;
                    row_used = false;
                    if empty {
                        row = row.saturating_add(row_repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    cell_repeat = repeat(&e, "table:number-columns-repeated");
                    let valued = has(&e, "office:value-type") || has(&e, "office:value");
                    if valued {
                        cols = cols.max(col.saturating_add(cell_repeat));
                        row_used = true;
                    }
                    if empty {
                        col = col.saturating_add(cell_repeat);
                    } else {
                        in_cell = true;
                    }
                }
                // Text in a cell is content.
                "text:p" | "text:span" if in_cell => {
                    cols = cols.max(col.saturating_add(cell_repeat));
                    row_used = true;
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "table:table" => break,
                "table:table-cell" | "table:covered-table-cell" => {
                    col = col.saturating_add(cell_repeat);
                    in_cell = false;
                }
                "table:table-row" => {
                    if row_used {
                        rows = row.saturating_add(row_repeat);
                    }
                    row = row.saturating_add(row_repeat);
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Some((rows, cols))
}
