//! The officer's project: organisers, the plan (ward → organiser), locks and allocation
//! settings, edited step by step with undo/redo, saved as a `.kshetra.json` file.
//!
//! - [`model`]: [`Project`], how the engine sees it, and [`splits_area`] for the "this splits
//!   an area" warning.
//! - [`organiser`]: [`Organiser`], their [`Home`] and [`ContactPoint`], [`normalise_mobile`].
//! - [`plan`]: [`Plan`] (ward → organiser, locks) and its record of changes ([`PlanMark`]).
//! - [`alloc_settings`]: [`AllocSettings`], the automatic allocation's settings.
//! - [`edit`]: the [`Edit`]s an officer can make, [`Project::apply`] and [`ProjectError`].
//! - [`history`]: [`History`], undo/redo over [`Edit`]s.
//! - [`file`](mod@file): the project file (`{"format":"kshetra-project","version":2,…}`) with the ward
//!   map inside, validation on load and migration from version 1.
//! - [`organisers_import`]: organisers from a CSV/Excel list, with row-level errors.
//! - [`plan_csv`]: a plan read back from `unit_index,part` rows (the command line's format).
//! - [`stats`](mod@stats): live figures per organiser and the problems list ([`stats::stats`]).
//! - [`colouring`]: colours for areas so that neighbouring areas differ.
//! - [`export`]: plan CSV, wards and dissolved areas as GeoJSON/KML.
//!
//! Everything is pure and deterministic: no clock, no files, stable iteration order
//! (`BTreeMap`s, organisers in display order).
//!
//! **Privacy:** an organiser's mobile number and home are the office's data; exports leave
//! them out unless the caller asks for them explicitly ([`export::ExportOptions`]).

pub mod alloc_settings;
pub mod colouring;
pub mod edit;
pub mod export;
pub mod file;
pub mod history;
pub mod model;
pub mod organiser;
pub mod organisers_import;
pub mod plan;
pub mod plan_csv;
pub mod rebalance;
pub mod stats;
pub mod view;

pub use alloc_settings::AllocSettings;
pub use colouring::{area_colours, area_colours_of, AreaAdjacency};
pub use edit::{Edit, ProjectError};
pub use file::{
    browser_record, load_browser_record, load_project, save_project, BrowserProject, JsonKind,
    LoadedProject, MapSource, ProjectFileError, CURRENT_VERSION,
};
pub use history::History;
pub use model::{splits_area, splits_area_of, Project};
pub use organiser::{normalise_mobile, ContactPoint, Home, Organiser};
pub use plan::{NumberOrder, Plan, PlanMark};
pub use stats::{stats, stats_of, update_stats, AreaStats, PlanProblem, PlanStats};
pub use view::{Delta, PlanView, ViewContext};
