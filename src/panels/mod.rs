//! The app's panels, one per file: each is a Leptos component that reads the store
//! ([`crate::state::AppState`]) and changes it through its actions. Parts used by one panel
//! only (a row, a form) live in its file; [`mapping_form`] is shared by the two imports.

pub mod allocation;
pub mod city_picker;
pub mod city_summary;
pub mod data_source;
pub mod editor_toolbar;
pub mod estimates;
pub mod import_map;
pub mod join_table;
pub mod language_switch;
pub mod load_status;
pub mod mapping_form;
pub mod organisers;
pub mod pieces;
pub mod project;
pub mod settings;
pub mod stats;
pub mod view_tabs;
pub mod ward_details;
pub mod ward_table;
pub mod zone_legend;

pub use self::allocation::AllocationPanel;
pub use self::city_picker::CityPicker;
pub use self::city_summary::CitySummary;
pub use self::data_source::DataSource;
pub use self::editor_toolbar::EditorToolbar;
pub use self::estimates::EstimatesPanel;
pub use self::import_map::ImportMapPanel;
pub use self::join_table::JoinTablePanel;
pub use self::language_switch::LanguageSwitch;
pub use self::load_status::LoadStatus;
pub use self::organisers::OrganisersPanel;
pub use self::pieces::PiecesPanel;
pub use self::project::ProjectPanel;
pub use self::settings::SettingsPanel;
pub use self::stats::StatsPanel;
pub use self::view_tabs::ViewTabs;
pub use self::ward_details::WardDetails;
pub use self::ward_table::WardTable;
pub use self::zone_legend::ZoneLegend;

/// The first file of a file input or a drop.
fn first_file(files: Option<web_sys::FileList>) -> Option<web_sys::File> {
    files.and_then(|f| f.get(0))
}
