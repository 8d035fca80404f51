//! The messages between the app's page and its Web Worker (the app's `src/worker.rs`): what
//! the page asks ([`Request`]) and what the worker answers ([`Response`]), with the summaries
//! an import preview shows ([`RawSummary`], [`ImportPreview`]) and an imported map ready to use
//! ([`Taken`]). Plain serde values; the app encodes them with `postcard` (compact binary), so a
//! 10,000-ward map crosses between threads as bytes. Each request gets zero or more progress
//! responses and then exactly one final response ([`Response::is_final`]).

use kshetra_alloc::{AllocError, Organiser, Outcome, Problem, Progress, Settings};
use serde::{Deserialize, Serialize};

use crate::adjacency::{AdjacencyOptions, Connectivity};
use crate::import::{
    self, Field, FieldMapping, Format, ImportError, ImportWarning, Imported, RawLayer, WardProblem,
};
use crate::model::WardMap;

/// At most one engine progress message per this many milliseconds.
pub const PROGRESS_INTERVAL_MS: f64 = 100.0;

/// What the page asks the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Read a map file. The file travels beside the message as a `Blob` (`size` bytes). Final
    /// response: [`Response::Read`], with the preview of the detected mapping.
    Import {
        /// The file name (format detection, messages).
        file_name: String,
        /// The file's size in bytes (progress text).
        size: u64,
    },
    /// Apply a mapping to the file read last. Final response: [`Response::Previewed`].
    Preview {
        /// The mapping.
        mapping: FieldMapping,
    },
    /// The whole imported map for a mapping, to be used, with its adjacency graph and the
    /// record to keep in the browser, so the page does none of that heavy work. Final
    /// response: [`Response::Taken`].
    Take {
        /// The mapping.
        mapping: FieldMapping,
        /// How adjacency is decided (the officer's tolerance).
        adjacency: AdjacencyOptions,
        /// The officer's links for this map (ward numbers).
        links: Vec<(String, String)>,
    },
    /// The adjacency graph of a map (a big map whose tolerance or links changed, or one
    /// restored from the browser). Final response: [`Response::Connected`].
    Connect {
        /// The wards.
        map: WardMap,
        /// How adjacency is decided.
        adjacency: AdjacencyOptions,
        /// The officer's links (ward numbers).
        links: Vec<(String, String)>,
    },
    /// Run the allocation engine. Progress: [`Response::AllocProgress`]; final:
    /// [`Response::Allocated`].
    Allocate {
        /// The ward graph.
        problem: Problem,
        /// The organisers.
        organisers: Vec<Organiser>,
        /// The knobs.
        settings: Settings,
    },
}

/// A step of an import, for the progress text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportStep {
    /// Loading the file's bytes.
    Loading {
        /// File size in bytes.
        bytes: u64,
    },
    /// Reading the map format.
    Reading {
        /// File size in bytes.
        bytes: u64,
    },
    /// Checking shapes and ward numbers (applying the mapping).
    Checking {
        /// Features in the file.
        features: u64,
    },
    /// Building the adjacency graph of the map being taken.
    Neighbours {
        /// Wards in the map.
        wards: u64,
    },
    /// Preparing the record to keep in the browser.
    Saving,
}

/// What a file holds, for the preview: everything the mapping form shows, without the shapes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RawSummary {
    /// File name.
    pub file: String,
    /// Format detected.
    pub format: Format,
    /// Number of features.
    pub features: usize,
    /// Column names, in file order: the first [`RawSummary::MAX_COLUMNS`], then any
    /// column of the detected mapping after them.
    pub columns: Vec<String>,
    /// Up to [`RawSummary::SAMPLES`] example values per column of `columns`.
    pub samples: Vec<Vec<String>>,
    /// Columns of the file not in `columns` (a file with a property name per feature).
    #[serde(default)]
    pub columns_not_shown: usize,
    /// The projected coordinate system converted from, if any.
    pub reprojected_from: Option<String>,
    /// Problems met while reading.
    pub warnings: Vec<ImportWarning>,
    /// The mapping detected from the columns.
    pub mapping: FieldMapping,
}

impl RawSummary {
    /// Example values shown per column.
    pub const SAMPLES: usize = 3;

    /// Most columns a summary lists (the mapping form offers each in six selects; real ward
    /// maps have a few dozen, a file with a property name per feature may have millions).
    pub const MAX_COLUMNS: usize = 1_000;

    /// The summary of a raw layer (with the detected mapping).
    pub fn of(raw: &RawLayer) -> RawSummary {
        let mapping = FieldMapping::detect(raw);
        let mut shown: Vec<usize> = (0..raw.columns.len().min(Self::MAX_COLUMNS)).collect();
        let mut mapped: Vec<usize> = Field::ALL
            .iter()
            .filter_map(|&f| mapping.get(f).and_then(|name| raw.column(name)))
            .filter(|&c| c >= Self::MAX_COLUMNS)
            .collect();
        mapped.sort_unstable();
        mapped.dedup();
        shown.extend(mapped);
        RawSummary {
            file: raw.file.clone(),
            format: raw.format,
            features: raw.features.len(),
            columns: shown.iter().map(|&c| raw.columns[c].clone()).collect(),
            samples: raw.samples_of(&shown, Self::SAMPLES),
            columns_not_shown: raw.columns.len() - shown.len(),
            reprojected_from: raw.reprojected_from.clone(),
            warnings: raw.warnings.clone(),
            mapping,
        }
    }
}

/// What a mapping gives, for the preview: counts, warnings, data problems (no shapes).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportPreview {
    /// Wards read.
    pub wards: usize,
    /// Distinct zones.
    pub zones: usize,
    /// Wards with a known population.
    pub population_known: usize,
    /// Warnings of applying the mapping.
    pub warnings: Vec<ImportWarning>,
    /// Problems of the resulting map ([`import::problems`]).
    pub problems: Vec<WardProblem>,
}

impl ImportPreview {
    /// The preview of an import.
    pub fn of(imported: &Imported) -> ImportPreview {
        let map = &imported.map;
        ImportPreview {
            wards: map.wards().len(),
            zones: map.zones().len(),
            population_known: map.population_summary().wards_known,
            warnings: imported.warnings.clone(),
            problems: import::problems(map),
        }
    }
}

/// An imported map ready to use: the map, its adjacency graph, and the record text to keep in
/// the browser (the app's storage record; `None` if it could not be made).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Taken {
    /// The import.
    pub imported: Imported,
    /// Its adjacency graph, with the links given.
    pub connectivity: Connectivity,
    /// The adjacency options it was built with.
    pub adjacency: AdjacencyOptions,
    /// The record to save.
    pub record: Option<String>,
    /// Total ward area in km² (for 10,000 wards, most of a second in the page).
    pub area_km2: f64,
}

/// The outcome of reading a file: its summary and the preview of the detected mapping.
pub type ReadResult = Result<(RawSummary, Result<ImportPreview, ImportError>), ImportError>;

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The worker is running and listening (sent once, first).
    Ready,
    /// Import progress.
    ImportProgress(ImportStep),
    /// Final answer to [`Request::Import`].
    Read(ReadResult),
    /// Final answer to [`Request::Preview`].
    Previewed(Result<ImportPreview, ImportError>),
    /// Final answer to [`Request::Take`].
    Taken(Result<Taken, ImportError>),
    /// Final answer to [`Request::Connect`].
    Connected(Connectivity),
    /// Engine progress (throttled to one per [`PROGRESS_INTERVAL_MS`]).
    AllocProgress(Progress),
    /// Final answer to [`Request::Allocate`].
    Allocated(Result<Outcome, AllocError>),
    /// Final answer to a request the worker could not decode or serve (a bug, never data).
    Refused(String),
}

impl Response {
    /// Whether this answer ends its request.
    pub fn is_final(&self) -> bool {
        !matches!(self, Response::Ready | Response::ImportProgress(_) | Response::AllocProgress(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adjacency::connectivity;

    /// Three wards in a row as GeoJSON (ward 3 without a population).
    fn three_wards() -> Vec<u8> {
        let feature = |i: usize, pop: &str| {
            let (x0, x1) = (77.0 + i as f64 * 0.01, 77.01 + i as f64 * 0.01);
            format!(
                r#"{{"type":"Feature","properties":{{"Ward_No":"W{}","POPULATION":{pop}}},"geometry":{{"type":"Polygon","coordinates":[[[{x0},23.0],[{x1},23.0],[{x1},23.01],[{x0},23.01],[{x0},23.0]]]}}}}"#,
                i + 1
            )
        };
        format!(
            r#"{{"type":"FeatureCollection","features":[{},{},{}]}}"#,
            feature(0, "100"),
            feature(1, "200"),
            feature(2, "null")
        )
        .into_bytes()
    }

    /// Through postcard and back, as between the page and the worker.
    fn round_trip<T: Serialize + for<'a> Deserialize<'a>>(value: &T) -> T {
        postcard::from_bytes(&postcard::to_stdvec(value).unwrap()).unwrap()
    }

    #[test]
    fn a_file_summary_and_preview_say_what_the_form_shows() {
        let raw = import::read_any("row.geojson", &three_wards()).unwrap();
        let summary = RawSummary::of(&raw);
        assert_eq!(summary.file, "row.geojson");
        assert_eq!(summary.features, 3);
        assert_eq!(summary.columns, ["Ward_No", "POPULATION"]);
        assert_eq!(summary.samples[0], ["W1", "W2", "W3"]);
        assert!(summary.samples[0].len() <= RawSummary::SAMPLES);
        assert_eq!(summary.mapping, FieldMapping::detect(&raw));

        let imported = import::apply(&raw, &summary.mapping).unwrap();
        let preview = ImportPreview::of(&imported);
        assert_eq!((preview.wards, preview.zones, preview.population_known), (3, 0, 2));
        assert_eq!(preview.problems, import::problems(&imported.map));
        assert!(!preview.problems.is_empty(), "ward 3 has no population");

        assert_eq!(round_trip(&summary), summary);
        assert_eq!(round_trip(&preview), preview);
        let read = Response::Read(Ok((summary, Ok(preview))));
        assert_eq!(round_trip(&read), read);
    }

    #[test]
    fn requests_and_answers_cross_as_bytes() {
        let raw = import::read_any("row.geojson", &three_wards()).unwrap();
        let imported = import::apply(&raw, &FieldMapping::detect(&raw)).unwrap();
        let adjacency = AdjacencyOptions::default();
        let links = vec![("1".to_string(), "3".to_string())];
        let connect =
            Request::Connect { map: imported.map.clone(), adjacency, links: links.clone() };
        assert_eq!(round_trip(&connect), connect);
        let import = Request::Import { file_name: "row.geojson".into(), size: 1234 };
        assert_eq!(round_trip(&import), import);

        let taken = Taken {
            connectivity: connectivity(&imported.map, &adjacency, &links),
            imported,
            adjacency,
            record: Some("{}".into()),
            area_km2: 3.1,
        };
        let answer = Response::Taken(Ok(taken));
        assert_eq!(round_trip(&answer), answer);
        let step = Response::ImportProgress(ImportStep::Checking { features: 3 });
        assert_eq!(round_trip(&step), step);
    }

    #[test]
    fn progress_and_ready_do_not_end_a_request() {
        assert!(!Response::Ready.is_final());
        assert!(!Response::ImportProgress(ImportStep::Saving).is_final());
        assert!(Response::Refused("bad".into()).is_final());
        assert!(Response::Previewed(Err(ImportError::Empty { file: String::new() })).is_final());
    }
}
