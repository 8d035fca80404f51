//! # Kshetra poster
//!
//! Printed output of an allocation as deterministic SVG (same input, same bytes), drawn
//! without a browser:
//!
//! - [`render_poster`]: the wall poster on A4–A0 — title block, the map (areas filled per
//!   organiser, thick area borders, thin ward borders, dashed zone borders, every ward number,
//!   area labels, contact points), legend table, summary, key, north arrow, scale bar,
//!   attribution, signature.
//! - [`render_tiles`]: the same poster split onto A4/A3 sheets with overlap, crop marks, glue
//!   strips and a sheet index.
//! - [`render_organiser_sheet`]: one A4 sheet per organiser with a weekly work plan to fill in.
//! - [`render_cmm_sheet`]: the City Mission Managers' division of the mission's components.
//!
//! Input: [`PosterInput`] (which carries no organiser homes, by design) and
//! [`PosterOptions`]. Every printed string comes from [`kshetra_core::i18n::Msg`]; imported text
//! is escaped; numbers use Indian digit grouping. Sizes are exact in mm (`width="210mm"`,
//! `viewBox` in mm). Labels are placed so that no two overlap (each carries its box in a
//! `data-box` attribute, which the tests check).
//!
//! **Architecture invariant:** like `kshetra-core`, this crate knows nothing about the browser
//! and never touches files, network or clock; fonts to embed are passed in as bytes.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod cmm;
pub mod from_project;
pub mod geom;
pub mod input;
pub mod labels;
mod map;
pub mod options;
mod poster;
mod sheet;
pub mod style;
pub mod svg;
mod table;
pub mod text;
mod tiles;

pub use cmm::{render_cmm_sheet, CmmInput, Component};
pub use from_project::{poster_input, ProjectView};
pub use geom::Prepared;
pub use input::{AreaInfo, Bilingual, ContactPoint, PosterInput, Summary, TitleBlock};
pub use options::{FontFace, Orientation, Paper, PosterOptions, PrintLang, TileOptions};
pub use tiles::grid as tile_grid;
pub use tiles::TilePart;

/// Renders the wall poster as one SVG document.
///
/// ```
/// use geo::{polygon, MultiPolygon};
/// use kshetra_core::{adjacency, Ward, WardMap};
/// use kshetra_poster::{render_poster, AreaInfo, Orientation, Paper, PosterInput, PosterOptions};
///
/// // Two wards side by side (about 1 km each), one organiser each.
/// let square = |x: f64| {
///     MultiPolygon::new(vec![polygon![(x: x, y: 26.8), (x: x + 0.01, y: 26.8),
///         (x: x + 0.01, y: 26.81), (x: x, y: 26.81), (x: x, y: 26.8)]])
/// };
/// let map = WardMap::new(vec![Ward::new("1", square(80.9)), Ward::new("2", square(80.91))]);
/// let graph = adjacency::build(&map, &Default::default());
/// let area = |n: &str, name: &str| AreaInfo {
///     number: n.into(),
///     organiser_name: name.into(),
///     ..Default::default()
/// };
/// let input = PosterInput {
///     wards: &map,
///     graph: &graph,
///     assignment: vec![Some(0), Some(1)],
///     areas: vec![area("1", "Sunita Devi"), area("2", "Mohd. Arif")],
///     colours: vec![], // work them out from the graph, as the screen does
///     ward_poor_households: vec![Some(600), Some(640)],
///     summary: Default::default(),
///     title: Default::default(),
///     attribution: vec!["Ward map: example".into()],
/// };
/// let options = PosterOptions::new(Paper::A4).orientation(Orientation::Portrait);
/// let svg = render_poster(&input, &options);
/// assert!(svg.contains("<svg ") && svg.contains(r#"width="210mm""#));
/// assert!(svg.contains("Sunita Devi") && svg.contains("Mohd. Arif"));
/// ```
pub fn render_poster(input: &PosterInput, options: &PosterOptions) -> String {
    let prep = Prepared::new(input);
    render_poster_prepared(&prep, options)
}

/// [`render_poster`] from an already prepared allocation (reuse it for several outputs).
pub fn render_poster_prepared(prep: &Prepared, options: &PosterOptions) -> String {
    let page = poster::draw(prep, options);
    poster::document(page.w, page.h, options.lang, &options.embed_fonts, &page.body)
}

/// Renders the poster split onto sheets for an office printer: one SVG document per sheet,
/// row by row (left to right, top to bottom).
pub fn render_tiles(
    input: &PosterInput,
    options: &PosterOptions,
    tiles: &TileOptions,
) -> Vec<String> {
    let prep = Prepared::new(input);
    render_tiles_prepared(&prep, options, tiles)
}

/// [`render_tiles`] from an already prepared allocation.
pub fn render_tiles_prepared(
    prep: &Prepared,
    options: &PosterOptions,
    tiles: &TileOptions,
) -> Vec<String> {
    let page = poster::draw(prep, options);
    tiles::tile(&page, tiles, options.lang, &options.embed_fonts)
}

/// The poster (one SVG document) and its sheets as [`TilePart`]s, for a PDF writer that
/// draws the poster once and places it on every sheet; [`render_tiles_prepared`] gives the
/// same sheets as whole SVG documents. Also returns the marks as SVG documents of the sheet
/// size (the poster left out).
pub fn render_tile_parts_prepared(
    prep: &Prepared,
    options: &PosterOptions,
    tiles: &TileOptions,
) -> (String, Vec<(TilePart, String)>) {
    let page = poster::draw(prep, options);
    let poster = poster::document(page.w, page.h, options.lang, &options.embed_fonts, &page.body);
    let parts = tiles::parts(&page, tiles, options.lang)
        .into_iter()
        .map(|p| {
            let doc =
                poster::document(p.size.0, p.size.1, options.lang, &options.embed_fonts, &p.marks);
            (p, doc)
        })
        .collect();
    (poster, parts)
}

/// Renders the A4 sheet of working area `area` (index in `input.areas`); `None` when there is
/// no such area. `options.paper`/`orientation` are honoured (A4 portrait is the intended use).
pub fn render_organiser_sheet(
    input: &PosterInput,
    area: usize,
    options: &PosterOptions,
) -> Option<String> {
    let prep = Prepared::new(input);
    render_organiser_sheet_prepared(&prep, area, options)
}

/// [`render_organiser_sheet`] from an already prepared allocation.
pub fn render_organiser_sheet_prepared(
    prep: &Prepared,
    area: usize,
    options: &PosterOptions,
) -> Option<String> {
    let page = sheet::draw(prep, area, options)?;
    Some(poster::document(page.w, page.h, options.lang, &options.embed_fonts, &page.body))
}

/// Renders the sheets of every working area, in legend order.
pub fn render_organiser_sheets(input: &PosterInput, options: &PosterOptions) -> Vec<String> {
    let prep = Prepared::new(input);
    (0..input.areas.len())
        .filter_map(|a| render_organiser_sheet_prepared(&prep, a, options))
        .collect()
}

/// Boxes (x, y, w, h in mm) of the labels placed on the poster's map, for checks and tests.
pub fn poster_label_boxes(prep: &Prepared, options: &PosterOptions) -> Vec<labels::LabelBox> {
    poster::draw(prep, options).labels
}
