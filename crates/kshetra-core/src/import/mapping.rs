//! Field mapping: which column is the ward number, name, population, … — proposed from the
//! column names, confirmed or changed by the officer — and building the ward map from it.

use std::collections::BTreeMap;

use geo::orient::{Direction, Orient};
use geo::{Area, BooleanOps, MakeValid, MultiPolygon, Validation};

use super::plausible::{self, Placement};
use super::raw::{RawGeometry, RawLayer, ShapeProblem, Value};
use super::wardno::{count_from_f64, normalise_ward_number, parse_count};
use super::{ImportError, ImportWarning, Imported, NO_WARDS_SHOWN};
use crate::geometry::{canonical, is_lon_lat};
use crate::model::{Ward, WardMap};

/// A ward attribute a column can be mapped to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Field {
    /// Ward number (the join key; required).
    WardNumber,
    /// Ward name.
    Name,
    /// Population.
    Population,
    /// Number of households.
    Households,
    /// Number of poor households (entered counts).
    PoorHouseholds,
    /// Zone.
    Zone,
}

impl Field {
    /// Every field, in the order a mapping form lists them.
    pub const ALL: [Field; 6] = [
        Field::WardNumber,
        Field::Name,
        Field::Population,
        Field::Households,
        Field::PoorHouseholds,
        Field::Zone,
    ];
}

/// Which column (by name) holds each ward attribute. `None`: not in the file.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct FieldMapping {
    /// Ward number column (required for [`apply`]).
    pub ward_number: Option<String>,
    /// Ward name column.
    pub name: Option<String>,
    /// Population column.
    pub population: Option<String>,
    /// Households column.
    pub households: Option<String>,
    /// Poor households column.
    pub poor_households: Option<String>,
    /// Zone column.
    pub zone: Option<String>,
    /// The officer confirmed that features repeating a ward number are one ward (pieces are
    /// joined, differently named repeats skipped) even though the ward-number column would
    /// turn many features into few wards ([`WardCount::collapses`]). [`FieldMapping::detect`]
    /// never sets it: without it, [`apply`] refuses such a mapping with
    /// [`ImportError::WardsWouldMerge`] ("227 features would become 24 wards"), which the app
    /// asks the officer to confirm.
    #[serde(default)]
    pub merge_duplicates: bool,
}

/// How many wards a ward-number column makes of a layer's features.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WardCount {
    /// The column.
    pub column: String,
    /// Features with a ward number other than 0.
    pub features: usize,
    /// Distinct ward numbers among them (normalised: "W9" = "09" = "9").
    pub wards: usize,
}

impl WardCount {
    /// Features lost to repeated ward numbers.
    pub fn repeats(&self) -> usize {
        self.features - self.wards
    }

    /// Whether the column repeats so many numbers (at least 3, and more than a tenth of the
    /// features) that it is likely not the ward number: merging needs the officer's
    /// confirmation. One or two repeats are a ward drawn in pieces or a typo, each reported
    /// by its own warning.
    pub fn collapses(&self) -> bool {
        let r = self.repeats();
        r >= 3 && r * 10 > self.features
    }
}

/// Per column of a layer: what its values look like (for choosing among candidates).
#[derive(Debug, Clone, Copy, Default)]
struct ColumnValues {
    /// Features with a ward number other than 0 in this column.
    features: usize,
    /// Distinct normalised values among them.
    distinct: usize,
    /// Values that read as a number ("12", "W-12", "१२", "12A").
    numeric: usize,
}

impl ColumnValues {
    fn of(raw: &RawLayer, col: usize) -> ColumnValues {
        Self::of_values(raw.features.iter().map(|f| f.value(col)))
    }

    /// The same for any column's values (a ward table's rows).
    fn of_values<'v>(values: impl Iterator<Item = Option<&'v Value>>) -> ColumnValues {
        let mut seen = std::collections::BTreeSet::new();
        let mut out = ColumnValues::default();
        for v in values {
            let Some(n) = v.and_then(|v| normalise_ward_number(&v.to_text())) else {
                continue;
            };
            if n == "0" {
                continue;
            }
            out.features += 1;
            if n.starts_with(|c: char| c.is_ascii_digit()) {
                out.numeric += 1;
            }
            seen.insert(n);
        }
        out.distinct = seen.len();
        out
    }

    fn count(&self, column: &str) -> WardCount {
        WardCount { column: column.to_string(), features: self.features, wards: self.distinct }
    }

    /// Repeating like an administrative unit (a zone), not like a ward number.
    fn repeating(&self, column: &str) -> bool {
        self.count(column).collapses()
    }

    fn number_like(&self) -> bool {
        self.features > 0 && self.numeric * 10 >= self.features * 9
    }
}

impl FieldMapping {
    /// The column mapped to `field`.
    pub fn get(&self, field: Field) -> Option<&str> {
        match field {
            Field::WardNumber => self.ward_number.as_deref(),
            Field::Name => self.name.as_deref(),
            Field::Population => self.population.as_deref(),
            Field::Households => self.households.as_deref(),
            Field::PoorHouseholds => self.poor_households.as_deref(),
            Field::Zone => self.zone.as_deref(),
        }
    }

    /// Maps `field` to `column` (or to nothing).
    pub fn set(&mut self, field: Field, column: Option<String>) {
        let slot = match field {
            Field::WardNumber => &mut self.ward_number,
            Field::Name => &mut self.name,
            Field::Population => &mut self.population,
            Field::Households => &mut self.households,
            Field::PoorHouseholds => &mut self.poor_households,
            Field::Zone => &mut self.zone,
        };
        *slot = column;
    }

    /// How many wards the mapped ward-number column makes of the layer's features (`None`
    /// when no column, or a column the layer lacks, is mapped): for the mapping preview's
    /// "227 features would become 24 wards".
    pub fn ward_count(&self, raw: &RawLayer) -> Option<WardCount> {
        let name = self.ward_number.as_deref()?;
        Some(ColumnValues::of(raw, raw.column(name)?).count(name))
    }

    /// Proposes a mapping for a map layer from its column names and values.
    ///
    /// Ward-number candidates are the columns named like one (ward / ward no / prabhag /
    /// प्रभाग क्रमांक / वार्ड संख्या …, then division / circle / admin ward). A column that
    /// repeats its values like an administrative unit ([`WardCount::collapses`]) is never
    /// chosen while a candidate without repeats exists; among the rest, number-like values
    /// win, then the more specific name ("ward_no" over "ward"), then file order. A repeating
    /// candidate left over is the zone when no column is named like a zone (Mumbai's `WARD`
    /// letters beside the electoral `PRABHAG_NO`). When no column name says "ward number", a
    /// `name` column whose values read as ward numbers ("Ward 7", "W7", "७") is taken instead.
    pub fn detect(raw: &RawLayer) -> FieldMapping {
        let values: Vec<ColumnValues> =
            (0..raw.columns.len()).map(|c| ColumnValues::of(raw, c)).collect();
        let mut m = detect_with(&raw.columns, Some(&values));
        if m.ward_number.is_none() {
            let candidate =
                m.name.clone().and_then(|c| raw.column(&c)).or_else(|| raw.column("name"));
            if let Some(col) = candidate.filter(|&c| values[c].number_like()) {
                m.ward_number = Some(raw.columns[col].clone());
                if m.name.as_deref() == Some(raw.columns[col].as_str()) {
                    m.name = None;
                }
            }
        }
        m
    }
}

/// Lower-cases a column name and drops separators and the nukta ("Ward_No" → "wardno",
/// "ज़ोन" → "जोन", also the precomposed "ज़"); Devanagari vowel signs are kept.
fn squash_keep_marks(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            // Precomposed nukta letters (U+0958–U+095F) to their base letters.
            '\u{0958}' => 'क',
            '\u{0959}' => 'ख',
            '\u{095A}' => 'ग',
            '\u{095B}' => 'ज',
            '\u{095C}' => 'ड',
            '\u{095D}' => 'ढ',
            '\u{095E}' => 'फ',
            '\u{095F}' => 'य',
            c => c,
        })
        .filter(|c| {
            (c.is_alphanumeric() || ('\u{0900}'..='\u{097F}').contains(c)) && *c != '\u{093C}'
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `name` can be cut into `words` only, and contains one of `must`.
fn made_of(name: &str, words: &[&str], must: &[&str]) -> bool {
    if name.is_empty() || !must.iter().any(|m| name.contains(m)) {
        return false;
    }
    let mut sorted: Vec<&str> = words.to_vec();
    sorted.sort_by_key(|w| std::cmp::Reverse(w.len()));
    // Greedy cutting with backtracking over the (short) name.
    fn cut(rest: &str, words: &[&str]) -> bool {
        rest.is_empty() || words.iter().any(|w| rest.strip_prefix(w).is_some_and(|r| cut(r, words)))
    }
    cut(name, &sorted)
}

/// Words for "ward": English, Marathi/Hindi transliterated ("prabhag"), Devanagari.
const WARD_ROOTS: &[&str] = &["ward", "wd", "prabhag", "prabhaag", "prabag", "वार्ड", "प्रभाग"];
/// Words that make a ward root a plain ward label ("Electoral Ward").
const WARD_LABEL_WORDS: &[&str] = &[
    "ward",
    "wd",
    "prabhag",
    "prabhaag",
    "prabag",
    "वार्ड",
    "प्रभाग",
    "electoral",
    "elec",
    "municipal",
    "corporation",
    "new",
    "2011",
    "2017",
    "2022",
    "2023",
];
const NUMBER_WORDS: &[&str] = &[
    "ward",
    "wd",
    "prabhag",
    "prabhaag",
    "prabag",
    "electoral",
    "elec",
    "new",
    "no",
    "num",
    "number",
    "nos",
    "nbr",
    "code",
    "id",
    "n",
    "kramank",
    "kr",
    "sankhya",
    "2011",
    "2017",
    "2022",
    "2023",
    "वार्ड",
    "प्रभाग",
    "संख्या",
    "क्रमांक",
    "क्र",
    "नं",
    "नंबर",
    "कोड",
];
/// Administrative units that are a ward in some offices and a group of wards in others.
const ADMIN_ROOTS: &[&str] = &["division", "circle", "admin"];
const ADMIN_WORDS: &[&str] = &[
    "admin",
    "administrative",
    "ward",
    "division",
    "div",
    "circle",
    "no",
    "num",
    "number",
    "code",
    "id",
    "n",
];
const NAME_WORDS: &[&str] = &[
    "ward",
    "prabhag",
    "prabhaag",
    "name",
    "nam",
    "naam",
    "of",
    "the",
    "en",
    "eng",
    "english",
    "hi",
    "hin",
    "hindi",
    "local",
    "वार्ड",
    "प्रभाग",
    "का",
    "नाम",
];
const POPULATION_WORDS: &[&str] = &[
    "total",
    "tot",
    "ward",
    "prabhag",
    "population",
    "pop",
    "persons",
    "census",
    "2011",
    "2001",
    "जनसंख्या",
    "लोकसंख्या",
    "कुल",
    "एकूण",
    "आबादी",
    "वार्ड",
    "प्रभाग",
    "की",
];
const HOUSEHOLD_WORDS: &[&str] = &[
    "number",
    "no",
    "num",
    "of",
    "households",
    "household",
    "hh",
    "hhs",
    "total",
    "tot",
    "ward",
    "census",
    "2011",
    "परिवार",
    "परिवारों",
    "कुटुंब",
    "कुल",
    "की",
    "एकूण",
    "संख्या",
];
const POOR_WORDS: &[&str] = &[
    "number",
    "no",
    "num",
    "of",
    "poor",
    "bpl",
    "households",
    "household",
    "hh",
    "hhs",
    "families",
    "total",
    "tot",
    "ward",
    "गरीब",
    "परिवार",
    "बीपीएल",
    "संख्या",
    "कुल",
];
const ZONE_WORDS: &[&str] = &[
    "zone",
    "zonal",
    "name",
    "no",
    "number",
    "num",
    "id",
    "code",
    "municipal",
    "admin",
    "जोन",
    "क्षेत्र",
    "नाम",
    "संख्या",
    "क्रमांक",
];
/// Names of groups of wards other than "zone" (ward committees, circles, divisions).
const ZONE_GROUP_ROOTS: &[&str] =
    &["division", "circle", "admin", "samiti", "committee", "समिति", "विभाग", "मंडल"];
const ZONE_GROUP_WORDS: &[&str] = &[
    "admin",
    "administrative",
    "ward",
    "prabhag",
    "division",
    "div",
    "circle",
    "samiti",
    "committee",
    "name",
    "no",
    "num",
    "number",
    "code",
    "id",
    "n",
    "वार्ड",
    "प्रभाग",
    "समिति",
    "विभाग",
    "मंडल",
    "नाम",
    "संख्या",
    "क्रमांक",
];

/// How strongly a (squashed) column name says "ward number": 0 a ward root with a number
/// word ("ward_no", "prabhag kramank", "वार्ड संख्या"), 1 the bare root ("ward", "प्रभाग"),
/// 2 an administrative unit ("division", "circle", "admin_ward"); `None`: not a candidate.
fn ward_number_rank(s: &str) -> Option<u8> {
    if s == "wno" || s == "wardid" || s == "pno" {
        return Some(0);
    }
    if made_of(s, WARD_LABEL_WORDS, WARD_ROOTS) {
        return Some(1);
    }
    if made_of(s, NUMBER_WORDS, WARD_ROOTS) {
        return Some(0);
    }
    if made_of(s, ADMIN_WORDS, ADMIN_ROOTS) {
        return Some(2);
    }
    None
}

/// How strongly a (squashed) column name says "zone": 0 a zone word ("zone", "ज़ोन",
/// "zone_no"), 1 another group of wards ("circle", "admin ward", "ward committee").
fn zone_rank(s: &str) -> Option<u8> {
    if made_of(s, ZONE_WORDS, &["zone", "zonal", "जोन"]) {
        return Some(0);
    }
    if made_of(s, ZONE_GROUP_WORDS, ZONE_GROUP_ROOTS) {
        return Some(1);
    }
    None
}

/// Proposes a mapping from column names alone. Each field takes the column whose name is
/// made only of the field's words, the more specific name first ("ward no" over "ward" over
/// "circle"; "ward name" over "name"), then file order. A column named like an
/// administrative unit ("admin ward", "circle", "division") is the ward number only when no
/// column is named like one; otherwise it is the zone candidate. [`FieldMapping::detect`]
/// also looks at the values.
///
/// ```
/// use kshetra_core::import::detect_columns;
/// let cols: Vec<String> = ["id", "Zone", "Ward Num", "Ward Name"].map(String::from).to_vec();
/// let m = detect_columns(&cols);
/// assert_eq!(m.ward_number.as_deref(), Some("Ward Num"));
/// assert_eq!(m.name.as_deref(), Some("Ward Name"));
/// assert_eq!(m.zone.as_deref(), Some("Zone"));
/// assert_eq!(m.population, None);
/// let cols: Vec<String> = ["Prabhag No.", "प्रभाग नाम", "ADMIN_WARD"].map(String::from).to_vec();
/// let m = detect_columns(&cols);
/// assert_eq!(m.ward_number.as_deref(), Some("Prabhag No."));
/// assert_eq!(m.name.as_deref(), Some("प्रभाग नाम"));
/// assert_eq!(m.zone.as_deref(), Some("ADMIN_WARD"));
/// ```
pub fn detect_columns(columns: &[String]) -> FieldMapping {
    detect_with(columns, None)
}

/// Proposes a mapping for a table from its column names and its rows' values (as
/// [`FieldMapping::detect`] does for a map): a ward-number column whose values repeat like an
/// administrative unit is not chosen while one without repeats exists.
pub fn detect_table_columns(
    columns: &[String],
    rows: &[(usize, Vec<Option<Value>>)],
) -> FieldMapping {
    let values: Vec<ColumnValues> = (0..columns.len())
        .map(|c| {
            ColumnValues::of_values(rows.iter().map(|(_, r)| r.get(c).and_then(Option::as_ref)))
        })
        .collect();
    detect_with(columns, Some(&values))
}

fn detect_with(columns: &[String], values: Option<&[ColumnValues]>) -> FieldMapping {
    let squashed: Vec<String> = columns.iter().map(|c| squash_keep_marks(c)).collect();
    let repeating = |i: usize| values.is_some_and(|v| v[i].repeating(&columns[i]));
    let empty = |i: usize| values.is_some_and(|v| v[i].features == 0);
    let number_like = |i: usize| values.is_none_or(|v| v[i].number_like());

    // Ward number: a column without repeats before one with, number-like values first, then
    // the name's rank, then file order.
    let ward_idx = (0..columns.len())
        .filter_map(|i| ward_number_rank(&squashed[i]).map(|r| (i, r)))
        .min_by_key(|&(i, r)| (empty(i), repeating(i), !number_like(i), r, i))
        .map(|(i, _)| i);
    let ward_rank = ward_idx.and_then(|i| ward_number_rank(&squashed[i]));

    // Zone: a zone word first; then a group of wards named so, or a ward-like column that
    // repeats (both only when they are not the ward number, and repeat if values are known).
    let zone_idx = (0..columns.len())
        .filter(|&i| Some(i) != ward_idx && !empty(i))
        .filter_map(|i| {
            let s = &squashed[i];
            match zone_rank(s) {
                Some(0) => Some((i, 0)),
                Some(_) if values.is_none() || repeating(i) => Some((i, 1)),
                _ if values.is_some() && ward_number_rank(s).is_some() && repeating(i) => {
                    Some((i, 2))
                }
                _ => None,
            }
        })
        // Names only: an administrative unit is the zone only beside a real ward column.
        .filter(|&(i, r)| {
            values.is_some()
                || r == 0
                || (ward_rank.is_none_or(|w| w < 2) && ward_number_rank(&squashed[i]).is_none())
                || ward_rank.is_some_and(|w| w < 2)
        })
        .min_by_key(|&(i, r)| (r, i))
        .map(|(i, _)| i);

    let taken = |i: usize| Some(i) == ward_idx || Some(i) == zone_idx;
    let pick = |pred: &dyn Fn(&str) -> bool, prefer: &dyn Fn(&str) -> bool| -> Option<String> {
        let hits: Vec<usize> =
            (0..columns.len()).filter(|&i| !taken(i) && pred(&squashed[i])).collect();
        hits.iter().find(|&&i| prefer(&squashed[i])).or(hits.first()).map(|&i| columns[i].clone())
    };
    const NAME_MUST: &[&str] = &["name", "nam", "नाम"];
    // "division_name" beside a "division" chosen as the ward number is the ward's name.
    let ward_squashed = ward_idx.map(|i| squashed[i].as_str());
    let name = pick(
        &|s| {
            made_of(s, NAME_WORDS, NAME_MUST)
                || ward_squashed
                    .and_then(|w| s.strip_prefix(w))
                    .is_some_and(|rest| made_of(rest, NAME_WORDS, NAME_MUST))
        },
        &|s| {
            WARD_ROOTS.iter().any(|r| s.contains(r))
                || ward_squashed.is_some_and(|w| s.starts_with(w))
        },
    );
    let population = pick(
        &|s| made_of(s, POPULATION_WORDS, &["pop", "जनसंख्या", "लोकसंख्या", "आबादी"]) || s == "totp",
        &|s| s.contains("total") || s.contains("tot") || s.contains("कुल"),
    );
    let households = pick(
        &|s| {
            made_of(s, HOUSEHOLD_WORDS, &["household", "hh", "परिवार", "कुटुंब"])
                && !s.contains("poor")
        },
        &|_| true,
    );
    let poor_households =
        pick(&|s| made_of(s, POOR_WORDS, &["poor", "bpl", "गरीब", "बीपीएल"]), &|_| true);
    FieldMapping {
        ward_number: ward_idx.map(|i| columns[i].clone()),
        name,
        population,
        households,
        poor_households,
        zone: zone_idx.map(|i| columns[i].clone()),
        merge_duplicates: false,
    }
}

/// Largest plausible ward: 1,000 km² (the largest Indian municipal wards are a few hundred).
pub const MAX_WARD_AREA_M2: f64 = 1.0e9;

/// Builds the ward map from a raw layer with a confirmed mapping.
///
/// Features are skipped (with a warning) when they have no usable polygon, no ward number,
/// ward number 0 (areas like "Airport" drawn with the wards), or repeat an earlier ward number
/// with a different name; a repeated number with the same name is one ward drawn in pieces and
/// is joined. Invalid (e.g. self-intersecting) shapes are repaired. Fails only when nothing is
/// usable, coordinates are not longitude/latitude, or the mapping is unusable — including a
/// ward-number column that would merge many features into few wards
/// ([`WardCount::collapses`]) without [`FieldMapping::merge_duplicates`].
pub fn apply(raw: &RawLayer, mapping: &FieldMapping) -> Result<Imported, ImportError> {
    let file = || raw.file.clone();
    if raw.features.is_empty() {
        return Err(ImportError::NoWards { file: file(), skipped: 0, first: Vec::new() });
    }
    let col = |field: Field| -> Result<Option<usize>, ImportError> {
        match mapping.get(field) {
            None => Ok(None),
            Some(name) => raw.column(name).map(Some).ok_or_else(|| ImportError::UnknownColumn {
                file: file(),
                column: name.to_string(),
            }),
        }
    };
    // Pins or lines only (My Maps, a GPS export): that, not the missing ward number, is what
    // the officer must fix, so it is said first.
    if mapping.get(Field::WardNumber).is_none()
        && raw.features.iter().all(|f| matches!(f.geometry, RawGeometry::Other(_)))
    {
        let first = raw
            .features
            .iter()
            .take(NO_WARDS_SHOWN)
            .filter_map(|f| match &f.geometry {
                RawGeometry::Other(kind) => {
                    Some(ImportWarning::NotPolygon { feature: f.number, kind: kind.clone() })
                }
                _ => None,
            })
            .collect();
        return Err(ImportError::NoWards { file: file(), skipped: raw.features.len(), first });
    }
    let number_col = col(Field::WardNumber)?.ok_or_else(|| ImportError::NoWardNumberColumn {
        file: file(),
        columns: raw.columns.clone(),
    })?;
    if !mapping.merge_duplicates {
        let count = ColumnValues::of(raw, number_col).count(&raw.columns[number_col]);
        if count.collapses() {
            return Err(ImportError::WardsWouldMerge {
                file: file(),
                column: count.column,
                features: count.features,
                wards: count.wards,
            });
        }
    }
    let (name_col, pop_col, hh_col, poor_col, zone_col) = (
        col(Field::Name)?,
        col(Field::Population)?,
        col(Field::Households)?,
        col(Field::PoorHouseholds)?,
        col(Field::Zone)?,
    );

    let mut warnings = raw.warnings.clone();
    let placement = plausible::placement(raw);
    match placement {
        Placement::Swapped => warnings.push(ImportWarning::LatLonSwapped { file: file() }),
        Placement::Outside { lon, lat } => warnings.push(ImportWarning::OutsideIndia {
            file: file(),
            lat: format!("{lat:.4}"),
            lon: format!("{lon:.4}"),
        }),
        Placement::InIndia | Placement::Unknown => {}
    }
    let mut wards: Vec<Ward> = Vec::new();
    // Ward number → (index in `wards`, first feature number).
    let mut seen: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for feature in &raw.features {
        let feature_no = feature.number;
        let multi = match &feature.geometry {
            RawGeometry::Missing => {
                warnings.push(ImportWarning::NoGeometry { feature: feature_no });
                continue;
            }
            RawGeometry::Other(kind) => {
                warnings
                    .push(ImportWarning::NotPolygon { feature: feature_no, kind: kind.clone() });
                continue;
            }
            RawGeometry::Unreadable(problem) => {
                warnings.push(match problem {
                    ShapeProblem::BadCoordinates { found } => ImportWarning::BadCoordinates {
                        file: file(),
                        feature: feature_no,
                        found: found.clone(),
                    },
                    ShapeProblem::MissingArc { arc, arcs } => ImportWarning::MissingArc {
                        file: file(),
                        feature: feature_no,
                        arc: *arc,
                        arcs: *arcs,
                    },
                });
                continue;
            }
            RawGeometry::Polygons(m) => m,
        };
        let swapped;
        let multi = if placement == Placement::Swapped {
            swapped = plausible::swapped(multi);
            &swapped
        } else {
            multi
        };
        let finite = multi.0.iter().all(|p| {
            p.exterior()
                .0
                .iter()
                .chain(p.interiors().iter().flat_map(|r| r.0.iter()))
                .all(|c| c.x.is_finite() && c.y.is_finite())
        });
        if multi.0.is_empty() || !finite {
            warnings.push(ImportWarning::EmptyGeometry { feature: feature_no });
            continue;
        }
        // Checked before repair: repair may drop a far-out vertex (e.g. 1e308) and call the
        // rest a repaired ward (issue 19).
        if !is_lon_lat(multi) {
            return Err(ImportError::NotLonLat { file: file(), feature: feature_no });
        }
        // Repair before measuring: a self-intersecting "bow tie" has a signed area of 0.
        let (geometry, repair) = if multi.is_valid() {
            (multi.clone(), None)
        } else {
            match multi.make_valid() {
                Ok(fixed) if fixed.unsigned_area() > 0.0 => (fixed, Some(true)),
                _ => (multi.clone(), Some(false)),
            }
        };
        if geometry.unsigned_area() == 0.0 {
            warnings.push(ImportWarning::EmptyGeometry { feature: feature_no });
            continue;
        }
        let text = |c: Option<usize>| c.and_then(|c| feature.value(c)).map(Value::to_text);
        let Some(number) = text(Some(number_col)).and_then(|t| normalise_ward_number(&t)) else {
            warnings.push(ImportWarning::NoWardNumber { feature: feature_no });
            continue;
        };
        let name = text(name_col);
        if number == "0" {
            warnings.push(ImportWarning::NotAWard {
                feature: feature_no,
                name: name.unwrap_or_default(),
            });
            continue;
        }
        if let Some(&(idx, first)) = seen.get(&number) {
            if name.is_some() && wards[idx].name == name {
                let joined = join_pieces(&wards[idx].geometry, multi);
                wards[idx].geometry = joined.orient(Direction::Default);
                warnings.push(ImportWarning::DuplicateWardMerged {
                    ward: number,
                    feature: feature_no,
                    first,
                });
            } else {
                warnings.push(ImportWarning::DuplicateWard {
                    ward: number,
                    feature: feature_no,
                    first,
                });
            }
            continue;
        }
        match repair {
            Some(true) => warnings.push(ImportWarning::GeometryRepaired {
                ward: number.clone(),
                feature: feature_no,
            }),
            Some(false) => warnings
                .push(ImportWarning::GeometryInvalid { ward: number.clone(), feature: feature_no }),
            None => {}
        }
        // Exterior rings counter-clockwise, holes clockwise (RFC 7946): files drawn the other
        // way round would otherwise measure as "the whole Earth minus the ward".
        let geometry = geometry.orient(Direction::Default);
        let geometry = if repair == Some(true) { canonical(geometry) } else { geometry };
        let mut count = |c: Option<usize>, field: Field| -> Option<u64> {
            let v = c.and_then(|c| feature.value(c))?;
            let parsed = match v {
                Value::Number(n) => count_from_f64(*n),
                Value::Text(t) => parse_count(t),
            };
            if parsed.is_none() {
                let value = v.to_text();
                warnings.push(match field {
                    Field::Population => {
                        ImportWarning::BadPopulation { ward: number.clone(), value }
                    }
                    _ => ImportWarning::BadCount { ward: number.clone(), field, value },
                });
            }
            parsed
        };
        let population = count(pop_col, Field::Population);
        let households = count(hh_col, Field::Households);
        let poor_households = count(poor_col, Field::PoorHouseholds);
        let zone = text(zone_col).map(|z| normalise_zone(&z));
        seen.insert(number.clone(), (wards.len(), feature_no));
        wards.push(Ward {
            number,
            name,
            zone,
            population,
            geometry,
            households,
            poor_households,
            extra: BTreeMap::new(),
        });
    }
    // A city or zone boundary saved as one more ward would be allocated as a ward.
    let covering = plausible::covering(&wards);
    if !covering.is_empty() {
        let feature_of: BTreeMap<usize, usize> = seen.values().copied().collect();
        let others = wards.len() - 1;
        for &(i, covers) in covering.iter().rev() {
            let ward = wards.remove(i);
            warnings.push(ImportWarning::BoundarySkipped {
                feature: feature_of.get(&i).copied().unwrap_or(0),
                ward: ward.number,
                covers,
                of: others,
            });
        }
    }
    if wards.is_empty() {
        let first = warnings.into_iter().filter(is_skip).take(NO_WARDS_SHOWN).collect();
        return Err(ImportError::NoWards { file: file(), skipped: raw.features.len(), first });
    }
    Ok(Imported { map: WardMap::new(wards), warnings })
}

/// Whether a warning is about a feature that was skipped.
fn is_skip(w: &ImportWarning) -> bool {
    use ImportWarning as W;
    matches!(
        w,
        W::NoGeometry { .. }
            | W::NotPolygon { .. }
            | W::EmptyGeometry { .. }
            | W::NoWardNumber { .. }
            | W::NotAWard { .. }
            | W::DuplicateWard { .. }
            | W::BadCoordinates { .. }
            | W::MissingArc { .. }
            | W::BoundarySkipped { .. }
    )
}

/// Zone labels as written, with Indian digits in ASCII and "9.0" read as "9".
fn normalise_zone(z: &str) -> String {
    let t = super::wardno::ascii_digits(z.trim());
    match t.strip_suffix(".0") {
        Some(whole) if !whole.is_empty() && whole.chars().all(|c| c.is_ascii_digit()) => {
            whole.to_string()
        }
        _ => t,
    }
}

/// Two pieces of one ward as one shape: their union when it can be computed, else both.
fn join_pieces(a: &MultiPolygon<f64>, b: &MultiPolygon<f64>) -> MultiPolygon<f64> {
    let valid =
        |m: &MultiPolygon<f64>| if m.is_valid() { Some(m.clone()) } else { m.make_valid().ok() };
    match (valid(a), valid(b)) {
        (Some(a), Some(b)) => a.union(&b),
        _ => MultiPolygon::new(a.0.iter().chain(b.0.iter()).cloned().collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(names: &[&str]) -> FieldMapping {
        detect_columns(&names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    #[test]
    fn detects_common_spellings() {
        for n in [
            "Ward_No",
            "WARD_NO",
            "wardno",
            "Ward Num",
            "wardcode",
            "Ward Number",
            "ward",
            "वार्ड",
            "वार्ड संख्या",
            "Ward_ID",
        ] {
            assert_eq!(cols(&["id", n]).ward_number.as_deref(), Some(n), "{n}");
        }
        for n in [
            "POPULATION",
            "POP_TOTAL",
            "totalwardpopulation",
            "Total Population",
            "जनसंख्या",
            "pop2011",
        ] {
            assert_eq!(
                cols(&["totalmalepopulation", "totalscpopulation", n]).population.as_deref(),
                Some(n),
                "{n}"
            );
        }
        for n in ["Zone", "zone_name", "municipalzone", "ज़ोन", "ZONE_NO"] {
            assert_eq!(cols(&["zone_officer", "zone_color", n]).zone.as_deref(), Some(n), "{n}");
        }
        assert_eq!(
            cols(&["numberofhouseholds", "poor_households"]).households.as_deref(),
            Some("numberofhouseholds")
        );
        assert_eq!(
            cols(&["numberofhouseholds", "poor_households"]).poor_households.as_deref(),
            Some("poor_households")
        );
        assert_eq!(cols(&["BPL HH"]).poor_households.as_deref(), Some("BPL HH"));
        // The ward name wins over a plain name; a corporator's name is not the ward's.
        assert_eq!(
            cols(&["name", "nameofthecorporator", "Ward Name"]).name.as_deref(),
            Some("Ward Name")
        );
        assert_eq!(cols(&["nameofthecorporator", "name"]).name.as_deref(), Some("name"));
        // "Ward No" beats a bare "ward" column wherever it stands.
        assert_eq!(cols(&["ward", "ward_no"]).ward_number.as_deref(), Some("ward_no"));
        let none = cols(&["id", "objectid", "shape_area", "corporator"]);
        assert_eq!(none, FieldMapping::default());
    }
}
