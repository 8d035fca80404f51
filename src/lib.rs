//! Kshetra's browser app: thin Leptos components over the pure `kshetra-core` crate.
//!
//! - [`state`]: the one store of app state ([`state::AppState`]), provided as context.
//! - [`app`]: the page layout and panels.
//! - [`map`]: the Leaflet map, a *display* of state we own (never the source of truth).
//! - [`leaflet_ext`]: the few Leaflet calls the `leaflet` crate does not bind.
//! - [`data`]: the current city map and loading bundled ward maps over same-origin HTTP.
//! - [`estimates`]: poor-household settings, organisers needed and the shortfall.
//! - [`ward_table`]: the sortable, searchable, editable ward table.
//! - [`import_panel`]: importing a city's own ward map and ward table, with a preview.
//! - [`messages`]: the one place where errors become bilingual user text.
//! - [`persist`]: imported and edited maps kept in IndexedDB across reloads.
//! - [`platform`]: browser storage and URL helpers.
//! - [`pager`]: long lists (200 organisers) a page at a time, with a filter.
//! - [`worker`]: the Web Worker that reads map files and runs the engine off the main thread.

pub mod allocation_panel;
pub mod app;
pub mod data;
pub mod editor;
pub mod estimates;
pub mod import_panel;
pub mod leaflet_ext;
pub mod map;
pub mod messages;
pub mod organisers;
pub mod pager;
pub mod persist;
pub mod platform;
pub mod print_view;
pub mod project_panel;
pub mod state;
pub mod ward_table;
pub mod worker;
