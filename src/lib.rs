//! Kshetra's browser app: thin Leptos components over the pure `kshetra-core` crate.
//!
//! - [`state`]: the one store of app state ([`state::AppState`]), provided as context.
//! - [`app`]: the page layout; [`panels`]: the panels, one per file (city, summary,
//!   estimates, organisers, allocation and figures, ward details and table, pieces, imports,
//!   project file, settings, data source).
//! - [`map`]: the Leaflet map, a *display* of state we own (never the source of truth).
//! - [`leaflet_ext`]: the few Leaflet calls the `leaflet` crate does not bind.
//! - [`data`]: the current city map and loading bundled ward maps over same-origin HTTP.
//! - [`messages`]: the one place where errors become bilingual user text.
//! - [`persist`]: imported and edited maps kept in IndexedDB across reloads.
//! - [`platform`]: browser storage and URL helpers.
//! - [`pager`]: long lists (200 organisers) a page at a time, with a filter.
//! - [`worker`]: the Web Worker that reads map files and runs the engine off the main thread.

pub mod app;
pub mod data;
pub mod editor;
pub mod leaflet_ext;
pub mod map;
pub mod pager;
pub mod panels;
pub mod persist;
pub mod platform;
pub mod print_view;
pub mod state;
pub mod worker;
