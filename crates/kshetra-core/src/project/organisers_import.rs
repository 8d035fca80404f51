//! Organisers from a list the office already keeps (CSV or Excel, read by
//! [`crate::table::read_table`]).
//!
//! Columns are recognised by their headings in English or Hindi: name/नाम, mobile/phone/CUG/
//! मोबाइल, role/designation/पद, home ward/घर का वार्ड, capacity/क्षमता, contact point/
//! community centre/सामुदायिक केंद्र/संपर्क स्थल (with optional longitude/latitude), meeting
//! day/बैठक का दिन and meeting time/बैठक का समय. Each row is checked: a name is needed, a
//! mobile must be a 10-digit Indian mobile ([`normalise_mobile`]), a capacity a number in
//! (0, 2] (empty = 1), a home ward a ward of the map. Rows with problems are left out and
//! listed by spreadsheet row number; the good rows become organisers to add with
//! [`crate::project::Edit::AddOrganisers`].

use crate::format::csv_safe;
use crate::i18n::Lang;
use crate::import::{normalise_ward_number, Value};
use crate::model::WardMap;
use crate::project::organiser::{
    default_role, normalise_mobile, valid_capacity, ContactPoint, Home, Organiser,
};
use crate::table::{read_table, Table, TableError};

/// Which column (by heading) holds each organiser field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OrganiserColumns {
    /// Name (required).
    pub name: Option<String>,
    /// Mobile number.
    pub mobile: Option<String>,
    /// Role or designation.
    pub role: Option<String>,
    /// Home ward number.
    pub home_ward: Option<String>,
    /// Capacity.
    pub capacity: Option<String>,
    /// Contact point (place name).
    pub contact_point: Option<String>,
    /// Contact point longitude.
    pub contact_lon: Option<String>,
    /// Contact point latitude.
    pub contact_lat: Option<String>,
    /// Meeting day.
    pub meeting_day: Option<String>,
    /// Meeting time.
    pub meeting_time: Option<String>,
}

fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| {
            (c.is_alphanumeric() || ('\u{0900}'..='\u{097F}').contains(c)) && *c != '\u{093C}'
        })
        .flat_map(char::to_lowercase)
        .collect()
}

impl OrganiserColumns {
    /// Proposes columns from the headings; the first column matching a field wins, and each
    /// column serves one field.
    ///
    /// ```
    /// use kshetra_core::project::organisers_import::OrganiserColumns;
    /// let cols: Vec<String> = ["क्र.", "नाम", "मोबाइल नं.", "घर का वार्ड", "बैठक का दिन"].map(String::from).to_vec();
    /// let c = OrganiserColumns::detect(&cols);
    /// assert_eq!(c.name.as_deref(), Some("नाम"));
    /// assert_eq!(c.mobile.as_deref(), Some("मोबाइल नं."));
    /// assert_eq!(c.home_ward.as_deref(), Some("घर का वार्ड"));
    /// assert_eq!(c.meeting_day.as_deref(), Some("बैठक का दिन"));
    /// ```
    pub fn detect(columns: &[String]) -> OrganiserColumns {
        let has = |s: &str, words: &[&str]| words.iter().any(|w| s.contains(w));
        let mut out = OrganiserColumns::default();
        for col in columns {
            let s = squash(col);
            let slot = if has(&s, &["home", "घर", "निवास", "residence"])
                && has(&s, &["ward", "वार्ड"])
            {
                &mut out.home_ward
            } else if has(&s, &["mobile", "phone", "cug", "मोबाइल", "फोन", "दूरभाष"])
                || s == "mob"
                || s == "mobno"
            {
                &mut out.mobile
            } else if has(&s, &["meeting", "बैठक"]) && has(&s, &["day", "दिन", "वार"])
                || s == "day"
                || s == "दिन"
            {
                &mut out.meeting_day
            } else if has(&s, &["meeting", "बैठक"]) && has(&s, &["time", "समय"])
                || s == "time"
                || s == "समय"
            {
                &mut out.meeting_time
            } else if has(&s, &["longitude", "देशांतर"])
                || s == "lon"
                || s == "lng"
                || s.ends_with("lon")
                || s.ends_with("lng")
            {
                &mut out.contact_lon
            } else if has(&s, &["latitude", "अक्षांश"]) || s == "lat" || s.ends_with("lat")
            {
                &mut out.contact_lat
            } else if has(
                &s,
                &["contactpoint", "centre", "center", "केंद्र", "केन्द्र", "स्थल", "venue", "place"],
            ) {
                &mut out.contact_point
            } else if has(&s, &["capacity", "क्षमता", "workload"]) {
                &mut out.capacity
            } else if has(&s, &["role", "designation", "पद", "भूमिका"]) || s == "post"
            {
                &mut out.role
            } else if has(&s, &["name", "नाम", "organiser", "organizer", "संगठक"])
                && !has(&s, &["ward", "वार्ड"])
            {
                &mut out.name
            } else {
                continue;
            };
            if slot.is_none() {
                *slot = Some(col.clone());
            }
        }
        out
    }
}

/// What is wrong with one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowProblem {
    /// No name.
    NoName,
    /// Not a 10-digit mobile (as written).
    BadMobile(String),
    /// Capacity not a number in (0, 2] (as written).
    BadCapacity(String),
    /// Home ward not on the map (normalised number, or as written).
    UnknownHomeWard(String),
    /// The contact point's longitude/latitude lie outside the map (more than
    /// [`CONTACT_MARGIN_DEG`] beyond its bounds): swapped, a digit lost, or another city.
    ContactOutsideMap {
        /// Longitude as written.
        lon: String,
        /// Latitude as written.
        lat: String,
        /// The map's middle (longitude, latitude), 4 decimals, as an example.
        middle: (String, String),
    },
}

/// How far (degrees, about 11 km) beyond the map's bounds a contact point may lie.
pub const CONTACT_MARGIN_DEG: f64 = 0.1;

/// A row left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The list's file name.
    pub file: String,
    /// Spreadsheet row number (the heading is row 1 when it is the first row).
    pub row: usize,
    /// The problem.
    pub problem: RowProblem,
}

/// Why the list could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrganisersImportError {
    /// The file is not a readable table.
    #[error(transparent)]
    Table(#[from] TableError),
    /// No column of names.
    #[error("{file}: no name column")]
    NoNameColumn {
        /// File name.
        file: String,
        /// The table's columns, in order.
        columns: Vec<String>,
    },
}

/// The organisers read from a list.
#[derive(Debug, Clone, PartialEq)]
pub struct OrganisersImport {
    /// The columns used.
    pub columns: OrganiserColumns,
    /// Good rows, in file order, as organisers (id 0: the project gives ids when added).
    pub organisers: Vec<Organiser>,
    /// Rows left out, in file order (a row may have several problems).
    pub errors: Vec<RowError>,
}

/// Reads an organisers list file with the proposed columns.
pub fn import_organisers(
    file: &str,
    bytes: &[u8],
    map: &WardMap,
) -> Result<OrganisersImport, OrganisersImportError> {
    let table = read_table(file, bytes)?;
    let columns = OrganiserColumns::detect(&table.columns);
    organisers_from_table(&table, &columns, map)
}

/// Builds organisers from a table with the given (possibly officer-corrected) columns.
pub fn organisers_from_table(
    table: &Table,
    columns: &OrganiserColumns,
    map: &WardMap,
) -> Result<OrganisersImport, OrganisersImportError> {
    let col = |name: &Option<String>| {
        name.as_ref().and_then(|n| table.columns.iter().position(|c| c == n))
    };
    let name_c = col(&columns.name).ok_or_else(|| OrganisersImportError::NoNameColumn {
        file: table.file.clone(),
        columns: table.columns.clone(),
    })?;
    let bounds = map.bounds();
    let (mobile_c, role_c, home_c, cap_c) =
        (col(&columns.mobile), col(&columns.role), col(&columns.home_ward), col(&columns.capacity));
    let (cp_c, lon_c, lat_c, day_c, time_c) = (
        col(&columns.contact_point),
        col(&columns.contact_lon),
        col(&columns.contact_lat),
        col(&columns.meeting_day),
        col(&columns.meeting_time),
    );
    let mut organisers = Vec::new();
    let mut errors = Vec::new();
    for (row_no, row) in &table.rows {
        let text = |c: Option<usize>| {
            c.and_then(|c| row.get(c)).and_then(Option::as_ref).map(Value::to_text)
        };
        let number = |c: Option<usize>| -> Option<f64> {
            match c.and_then(|c| row.get(c)).and_then(Option::as_ref)? {
                Value::Number(x) => Some(*x),
                Value::Text(t) => t.trim().replace(',', ".").parse().ok(),
            }
        };
        let mut problems = Vec::new();
        let name = text(Some(name_c)).unwrap_or_default();
        if name.trim().is_empty() {
            problems.push(RowProblem::NoName);
        }
        let mut o = Organiser::new(name.trim());
        if let Some(m) = text(mobile_c) {
            match normalise_mobile(&m) {
                Some(n) => o.mobile = Some(n),
                None => problems.push(RowProblem::BadMobile(m)),
            }
        }
        if let Some(r) = text(role_c) {
            o.role = r;
        } else {
            o.role = default_role(Lang::Hi).to_string();
        }
        if let Some(c) = text(cap_c) {
            match number(cap_c).filter(|&x| valid_capacity(x)) {
                Some(x) => o.capacity = x,
                None => problems.push(RowProblem::BadCapacity(c)),
            }
        }
        if let Some(h) = text(home_c) {
            match normalise_ward_number(&h).filter(|w| map.ward(w).is_some()) {
                Some(w) => o.home = Some(Home { ward: Some(w), point: None }),
                None => problems
                    .push(RowProblem::UnknownHomeWard(normalise_ward_number(&h).unwrap_or(h))),
            }
        }
        let (cp, day, time) = (text(cp_c), text(day_c), text(time_c));
        if cp.is_some() || day.is_some() || time.is_some() {
            let (lon, lat) =
                (number(lon_c).filter(|x| x.is_finite()), number(lat_c).filter(|x| x.is_finite()));
            if let (Some(x), Some(y), Some(b)) = (lon, lat, bounds) {
                let m = CONTACT_MARGIN_DEG;
                let inside = (b.min().x - m..=b.max().x + m).contains(&x)
                    && (b.min().y - m..=b.max().y + m).contains(&y);
                if !inside {
                    let c = b.center();
                    problems.push(RowProblem::ContactOutsideMap {
                        lon: text(lon_c).unwrap_or_default(),
                        lat: text(lat_c).unwrap_or_default(),
                        middle: (format!("{:.4}", c.x), format!("{:.4}", c.y)),
                    });
                }
            }
            o.contact = Some(ContactPoint {
                name: cp.unwrap_or_default(),
                lon,
                lat,
                meeting_day: day,
                meeting_time: time,
            });
        }
        if problems.is_empty() {
            organisers.push(o);
        } else {
            errors.extend(problems.into_iter().map(|problem| RowError {
                file: table.file.clone(),
                row: *row_no,
                problem,
            }));
        }
    }
    Ok(OrganisersImport { columns: columns.clone(), organisers, errors })
}

/// Headings of the organisers template, in order.
pub const TEMPLATE_COLUMNS: [&str; 10] = [
    "name",
    "mobile",
    "role",
    "home_ward",
    "capacity",
    "contact_point",
    "contact_lon",
    "contact_lat",
    "meeting_day",
    "meeting_time",
];

/// A CSV template for the organisers list (UTF-8 with BOM so Excel shows Devanagari), with
/// one row per given organiser (e.g. the project's own, to edit and read back; pass `&[]`
/// for a blank one). It holds mobiles and homes: it is the office's own list.
pub fn organisers_template_csv(organisers: &[Organiser]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let _ = w.write_record(TEMPLATE_COLUMNS);
    let num = |x: Option<f64>| x.map(crate::import::number_to_text).unwrap_or_default();
    for o in organisers {
        let c = o.contact.clone().unwrap_or_default();
        // Text is guarded against formula injection ("+91 …" and "=…" open as text); the
        // import reads it back as it was.
        let text = |t: &str| csv_safe(t);
        let _ = w.write_record([
            text(&o.name),
            text(o.mobile.as_deref().unwrap_or_default()),
            text(&o.role),
            text(o.home_ward().unwrap_or_default()),
            crate::import::number_to_text(o.capacity),
            text(&c.name),
            num(c.lon),
            num(c.lat),
            text(c.meeting_day.as_deref().unwrap_or_default()),
            text(c.meeting_time.as_deref().unwrap_or_default()),
        ]);
    }
    w.into_inner().unwrap_or_default()
}
