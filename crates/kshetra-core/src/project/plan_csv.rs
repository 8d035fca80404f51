//! A plan read back from CSV rows `unit_index,part` (0-based feature index in the map file,
//! 0-based organiser), the format `kshetra-cli` writes and scores and the peer benchmark's
//! `check_plan.py` reads.
//!
//! Refused, naming the file and line, with a typed [`PlanCsvError`] (bilingual text in
//! [`crate::messages`]): an empty file, rows that are not two whole numbers, units not on the
//! map, parts not below the number of wards (so nothing is sized by a part number beyond the
//! map), units named twice, and wards left without a part. The text may be UTF-8 (with or
//! without BOM), UTF-16 with BOM (Excel's "Unicode text") or Windows-1252; the cells may be
//! separated by `,`, `;` or a tab (Excel in locales with a decimal comma writes `;`).

/// Why a plan CSV was refused. Every variant names the file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanCsvError {
    /// No rows at all.
    #[error("{file}: the plan is empty")]
    Empty {
        /// File name.
        file: String,
    },
    /// A row that is not two whole numbers (other than a header on line 1).
    #[error("{file}, line {line}: expected unit_index,part")]
    BadRow {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// The row as written (shortened).
        found: String,
    },
    /// A unit that is not a feature of the map.
    #[error("{file}, line {line}: unit {unit} is not on the map")]
    UnitOutOfRange {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// The unit as written.
        unit: String,
        /// Features in the map.
        features: usize,
    },
    /// A part (organiser) number not below the number of wards.
    #[error("{file}, line {line}: part {part} is too large")]
    PartOutOfRange {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// The part as written.
        part: String,
        /// Wards in the map.
        wards: usize,
    },
    /// A unit named on two lines.
    #[error("{file}: unit {unit} on lines {first} and {line}")]
    DuplicateUnit {
        /// File name.
        file: String,
        /// The unit.
        unit: usize,
        /// Its first line.
        first: usize,
        /// The later line.
        line: usize,
    },
    /// A ward of the map without a part.
    #[error("{file}: ward {ward} (unit {unit}) has no part")]
    WardMissing {
        /// File name.
        file: String,
        /// Ward number.
        ward: String,
        /// Its unit (feature index).
        unit: usize,
    },
}

/// The plan's rows: for each of the map's `features`, its (part, 1-based line) if named.
/// `wards` bounds the part numbers (an organiser per ward at most).
///
/// ```
/// use kshetra_core::project::plan_csv::{read_plan_csv, PlanCsvError};
/// let parts = read_plan_csv("plan.csv", b"unit_index,part\n0,0\n1,1\n", 2, 2).unwrap();
/// assert_eq!(parts, [Some((0, 2)), Some((1, 3))]);
/// assert!(matches!(
///     read_plan_csv("plan.csv", b"0,0\n0,1\n", 2, 2),
///     Err(PlanCsvError::DuplicateUnit { unit: 0, first: 1, line: 2, .. })
/// ));
/// ```
pub fn read_plan_csv(
    file: &str,
    bytes: &[u8],
    features: usize,
    wards: usize,
) -> Result<Vec<Option<(u32, usize)>>, PlanCsvError> {
    let f = || file.to_string();
    let (text, _, _) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, _)) => enc.decode(bytes),
        None if std::str::from_utf8(bytes).is_ok() => encoding_rs::UTF_8.decode(bytes),
        None => encoding_rs::WINDOWS_1252.decode(bytes),
    };
    if text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').is_empty() {
        return Err(PlanCsvError::Empty { file: f() });
    }
    let mut part_of_feature: Vec<Option<(u32, usize)>> = vec![None; features];
    for (line_no, row) in text.lines().enumerate() {
        let line = line_no + 1;
        let row = row.trim_start_matches('\u{FEFF}');
        if row.trim().is_empty() {
            continue;
        }
        let mut cols = row.split([',', ';', '\t']);
        let (a, b) = (cols.next().unwrap_or("").trim(), cols.next().unwrap_or("").trim());
        let (Ok(unit), Ok(part)) = (a.parse::<u128>(), b.parse::<u128>()) else {
            if line_no == 0 {
                continue; // header
            }
            let found: String = row.chars().take(40).collect();
            return Err(PlanCsvError::BadRow { file: f(), line, found });
        };
        let unit = match usize::try_from(unit) {
            Ok(u) if u < features => u,
            _ => {
                return Err(PlanCsvError::UnitOutOfRange {
                    file: f(),
                    line,
                    unit: unit.to_string(),
                    features,
                })
            }
        };
        let part = match u32::try_from(part) {
            Ok(p) if (p as usize) < wards => p,
            _ => {
                return Err(PlanCsvError::PartOutOfRange {
                    file: f(),
                    line,
                    part: part.to_string(),
                    wards,
                })
            }
        };
        if let Some((_, first)) = part_of_feature[unit] {
            return Err(PlanCsvError::DuplicateUnit { file: f(), unit, first, line });
        }
        part_of_feature[unit] = Some((part, line));
    }
    Ok(part_of_feature)
}

/// Each ward's part, in ward order, from [`read_plan_csv`]'s rows: `wards` are (ward number,
/// its unit) in ward order. Refused when a ward has no part.
pub fn plan_assignment(
    file: &str,
    part_of_feature: &[Option<(u32, usize)>],
    wards: &[(String, usize)],
) -> Result<Vec<u32>, PlanCsvError> {
    wards
        .iter()
        .map(|(ward, unit)| match part_of_feature.get(*unit).copied().flatten() {
            Some((p, _)) => Ok(p),
            None => Err(PlanCsvError::WardMissing {
                file: file.to_string(),
                ward: ward.clone(),
                unit: *unit,
            }),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn never_panics(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200),
            features in 0usize..6,
            wards in 0usize..6,
        ) {
            if let Ok(parts) = read_plan_csv("p.csv", &bytes, features, wards) {
                proptest::prop_assert_eq!(parts.len(), features);
                let units: Vec<(String, usize)> = (0..wards).map(|i| (i.to_string(), i)).collect();
                let _ = plan_assignment("p.csv", &parts, &units);
            }
        }
    }
}
