//! # Kshetra core
//!
//! The pure, browser-free heart of Kshetra: everything that can be computed without a
//! browser lives here and is tested natively with `cargo test`.
//!
//! - [`model`]: the ward map — [`model::Ward`], [`model::WardMap`].
//! - [`import`]: any ward map file (GeoJSON, KML/KMZ, zipped Shapefile) → raw layer → field
//!   mapping → model plus warnings; [`table`]: ward tables (CSV/Excel) joined by ward number;
//!   [`estimate`]: poor households and organisers needed.
//! - [`export`]: the ward model as GeoJSON (storage, downloads).
//! - [`allocation`]: the ward model as the allocation engine's problem.
//! - [`adjacency`]: the tolerant ward adjacency graph and its components.
//! - [`projection`]: local metric projection for city-scale geometry.
//! - [`geometry`]: geodesic area, label points, bounds.
//! - [`locate`]: which ward is under a point of the map (R-tree, then exact test).
//! - [`format`](mod@format): Indian digit grouping (12,34,567).
//! - [`i18n`]: the one Hindi/English message catalogue used by the UI (and later the poster).
//! - [`cities`]: the bundled real ward maps and their attribution; [`city_map`]: the map the
//!   app works on (wards, source, area, warnings; [`city_map::BIG_MAP_WARDS`]).
//! - [`run_report`]: what the last automatic allocation said about its plan.
//! - [`worker_protocol`]: the messages between the app's page and its Web Worker.
//! - [`palette`]: colours shared by the map and (later) the poster.
//! - [`project`]: the officer's project — organisers, plan and locks, edits with undo/redo,
//!   the `.kshetra.json` file, organisers import, live statistics, area colours, exports.
//! - [`settings`]: persisted display preferences (base map, tile URL, adjacency tolerance).
//!
//! **Architecture invariant:** this crate knows nothing about the browser. It never depends on
//! leptos, wasm-bindgen, web-sys, js-sys, gloo or leaflet (enforced by `tests/architecture.rs`),
//! never touches files, network or clock, and iterates in a stable order.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod adjacency;
pub mod allocation;
pub mod cities;
pub mod city_map;
pub mod estimate;
pub mod export;
pub mod figure_journal;
pub mod format;
pub mod geometry;
pub mod i18n;
pub mod import;
pub mod locate;
pub mod messages;
pub mod model;
pub mod palette;
pub mod project;
pub mod projection;
pub mod run_report;
pub mod settings;
pub mod table;
pub mod worker_protocol;

pub use import::{ImportError, ImportWarning, Imported};
pub use model::{Ward, WardMap};
pub use project::{Edit, History, Organiser, Plan, Project, ProjectError};
