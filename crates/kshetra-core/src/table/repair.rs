//! Repairs of what office tables do to cells (issue 19): numbers written with thousands
//! separators in an unquoted CSV (`2,58,891` becomes three cells, and the population "2"),
//! and merged cells in a spreadsheet (only the first cell of a merged range holds the value,
//! so a zone written once for ten wards would reach only the first).

/// Whether a cell is `min..=max` ASCII digits.
fn digits(s: &str, min: usize, max: usize) -> bool {
    (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `cells` are the pieces of one number split at its separators: Indian grouping
/// (`2`,`58`,`891`: a lead of 1–2 digits, pairs, then three digits) or the international
/// one (`258`,`891`: a lead of 1–3 digits, then threes). The last piece may carry decimals.
fn is_split_number(cells: &[&str]) -> bool {
    let [lead, middle @ .., last] = cells else { return false };
    let last_ok = match last.split_once('.') {
        Some((int, frac)) => digits(int, 3, 3) && digits(frac, 1, 9),
        None => digits(last, 3, 3),
    };
    if !last_ok || !digits(lead, 1, 3) {
        return false;
    }
    let indian = digits(lead, 1, 2) && middle.iter().all(|c| digits(c, 2, 2));
    let international = middle.iter().all(|c| digits(c, 3, 3));
    indian || international
}

/// Whether some run of `cells` looks like one number split at its separators.
pub(super) fn has_split_number(cells: &[&str]) -> bool {
    (0..cells.len())
        .any(|i| (i + 2..=(i + 6).min(cells.len())).any(|j| is_split_number(&cells[i..j])))
}

/// The only way to read `cells` as exactly `want` cells by joining split numbers back, as
/// (joined cells, the numbers joined as written); `None` when there is no such way or more
/// than one (then a person must decide).
pub(super) fn join_split_numbers(
    cells: &[&str],
    want: usize,
) -> Option<(Vec<String>, Vec<String>)> {
    let n = cells.len();
    if want == 0 || want >= n || n > 512 {
        return None;
    }
    // ways[i][c]: ways (capped at 2) to read cells[i..] as c cells.
    let mut ways = vec![vec![0u8; want + 1]; n + 1];
    ways[n][0] = 1;
    // Runs longer than 6 pieces are not numbers anyone writes.
    let run_ends =
        |i: usize| (i + 2..=(i + 6).min(n)).filter(move |&j| is_split_number(&cells[i..j]));
    for i in (0..n).rev() {
        for c in 1..=want {
            let mut w = ways[i + 1][c - 1];
            for j in run_ends(i) {
                w = w.saturating_add(ways[j][c - 1]);
            }
            ways[i][c] = w.min(2);
        }
    }
    if ways[0][want] != 1 {
        return None;
    }
    let (mut out, mut joined, mut i, mut c) = (Vec::new(), Vec::new(), 0, want);
    while i < n {
        if ways[i + 1][c - 1] == 1 {
            out.push(cells[i].to_string());
            i += 1;
        } else {
            let j = run_ends(i).find(|&j| ways[j][c - 1] == 1)?;
            out.push(cells[i..j].concat());
            joined.push(cells[i..j].join(","));
            i = j;
        }
        c -= 1;
    }
    Some((out, joined))
}

/// Copies the value of each merged range's first cell into the range's empty cells;
/// returns (ranges, cells filled). `regions` are (first row, first column, last row, last
/// column), 0-based in the same frame as `grid`.
pub(super) fn fill_merged<T: Clone>(
    grid: &mut [Vec<Option<T>>],
    regions: &[(usize, usize, usize, usize)],
) -> (usize, usize) {
    let (mut ranges, mut filled) = (0, 0);
    for &(r0, c0, r1, c1) in regions {
        let Some(value) = grid.get(r0).and_then(|r| r.get(c0)).cloned().flatten() else {
            continue;
        };
        let mut any = false;
        for row in grid.iter_mut().take(r1 + 1).skip(r0) {
            if row.len() <= c1 {
                row.resize(c1 + 1, None);
            }
            for cell in &mut row[c0..=c1] {
                if cell.is_none() {
                    *cell = Some(value.clone());
                    filled += 1;
                    any = true;
                }
            }
        }
        ranges += usize::from(any);
    }
    (ranges, filled)
}

/// In an .xlsx, the first cell that refers to shared text past the shared-text list, as
/// (index, list length). calamine 0.30 panics on such a cell (a fuzz finding, issue 19), so
/// the file is refused before calamine reads it.
pub(super) fn xlsx_bad_shared_string(bytes: &[u8]) -> Option<(usize, usize)> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).ok()?;
    let names: Vec<String> = (0..zip.len())
        .map(|i| zip.by_index_raw(i).map(|f| f.name().to_string()).unwrap_or_default())
        .collect();
    let mut read = |i: usize| -> Option<Vec<u8>> {
        let f = zip.by_index(i).ok()?;
        let mut out = Vec::new();
        // A CRC error comes at the end, after the bytes calamine would read anyway.
        let _ = f.take(crate::import::MAX_ZIP_ENTRY).read_to_end(&mut out);
        Some(out)
    };
    // The entries as calamine finds them: case-insensitive, backslashes as slashes. Its shared
    // text is `xl/sharedStrings.xml` only (a fuzz finding: an entry named `°l/sharedStrings.xml`
    // was counted here, calamine found none and panicked); its sheets are wherever the
    // workbook's relationships point, so every other XML part is scanned.
    let normal: Vec<String> =
        names.iter().map(|n| n.replace('\\', "/").to_ascii_lowercase()).collect();
    let shared = normal.iter().position(|n| n == "xl/sharedstrings.xml");
    // Counted as calamine counts them; shared text that is not well-formed XML (calamine may
    // then keep fewer strings than its cells refer to: a fuzz finding) counts as none.
    let strings = shared.and_then(&mut read).map_or(0, |x| shared_string_count(&x).unwrap_or(0));
    for (i, name) in normal.iter().enumerate() {
        if Some(i) == shared || !name.ends_with(".xml") {
            continue;
        }
        let Some(xml) = read(i) else { continue };
        let mut at = 0;
        while let Some(start) = find(&xml[at..], b"<c ").map(|p| p + at) {
            let Some(end) = find(&xml[start..], b">").map(|p| p + start) else { break };
            let tag = &xml[start..end];
            at = end;
            let shared = find(tag, b"t=\"s\"").is_some() || find(tag, b"t='s'").is_some();
            if !shared || tag.ends_with(b"/") {
                continue;
            }
            let Some(v) = find(&xml[end..], b"<v>").map(|p| p + end + 3) else { continue };
            let Some(v_end) = find(&xml[v..], b"</v>").map(|p| p + v) else { continue };
            let text = String::from_utf8_lossy(&xml[v..v_end]);
            match text.trim().parse::<usize>() {
                Ok(idx) if idx < strings => {}
                Ok(idx) => return Some((idx, strings)),
                Err(_) => return Some((usize::MAX, strings)),
            }
        }
    }
    None
}

/// The shared strings calamine 0.30 keeps from `xl/sharedStrings.xml`: each `si` (any
/// namespace prefix) before `</sst>` holding rich text (`r`) or a `t` outside phonetic runs
/// (`rPh`). `None` when the XML is not well-formed, has no `</sst>`, or nests `si`.
fn shared_string_count(xml: &[u8]) -> Option<usize> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    let mut buf = Vec::new();
    let (mut count, mut in_si, mut in_phonetic, mut has_text) = (0, false, false, false);
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) => match e.local_name().as_ref() {
                "si" if in_si => return None,
                "si" => (in_si, has_text) = (true, false),
                "rPh" if in_si => in_phonetic = true,
                "r" if in_si => has_text = true,
                "t" if in_si && !in_phonetic => has_text = true,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "si" => {
                    count += usize::from(in_si && has_text);
                    in_si = false;
                }
                "rPh" => in_phonetic = false,
                "sst" => return Some(count),
                _ => {}
            },
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn join(row: &str, want: usize) -> Option<Vec<String>> {
        let cells: Vec<&str> = row.split(',').collect();
        join_split_numbers(&cells, want).map(|(cells, _)| cells)
    }

    #[test]
    fn split_numbers_are_joined_when_there_is_one_way() {
        assert_eq!(join("12,Aliganj,2,58,891", 3).unwrap(), ["12", "Aliganj", "258891"]);
        assert_eq!(
            join("12,Aliganj,2,58,891,45,000", 4).unwrap(),
            ["12", "Aliganj", "258891", "45000"]
        );
        assert_eq!(join("7,Chowk,1,25,000.50", 3).unwrap(), ["7", "Chowk", "125000.50"]);
        assert_eq!(join("7,Chowk,125,000", 3).unwrap(), ["7", "Chowk", "125000"]);
        let (_, written) = join_split_numbers(&["3", "x", "2", "58", "891"], 3).unwrap();
        assert_eq!(written, ["2,58,891"]);
    }

    #[test]
    fn ambiguous_or_impossible_rows_are_left_to_a_person() {
        // "5,12,345": ward 5 with 12,345 people, or ward 5,12 … — two readings.
        assert_eq!(join("5,12,345,678", 2), None);
        // Text cannot be joined.
        assert_eq!(join("5,Aliganj,note,extra", 2), None);
        // Two-digit last piece is not a separator split.
        assert_eq!(join("5,Aliganj,2,58", 3), None);
        assert_eq!(join("1,2", 2), None);
    }

    #[test]
    fn merged_ranges_fill_their_empty_cells() {
        let mut grid = vec![
            vec![Some("zone"), Some("ward")],
            vec![Some("A"), Some("1")],
            vec![None, Some("2")],
            vec![None, Some("3")],
        ];
        assert_eq!(fill_merged(&mut grid, &[(1, 0, 3, 0), (0, 1, 0, 1)]), (1, 2));
        assert_eq!(grid[3], [Some("A"), Some("3")]);
    }
}
