//! Printing a project natively, exactly as the app's print panel does (`src/print_view.rs`):
//! the same [`kshetra_poster::poster_input`] with the same summary, title and attribution,
//! then the pages as SVG and as print-ready PDF (`kshetra-pdf`, fonts embedded).

use std::path::Path;

use kshetra_core::adjacency::WardGraph;
use kshetra_core::cities::BundledCity;
use kshetra_core::estimate::estimate;
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::project::file::MapSource;
use kshetra_core::project::Project;
use kshetra_core::WardMap;
use kshetra_pdf::{Fonts, Meta};
use kshetra_poster::{
    poster_input, render_cmm_sheet, render_organiser_sheets, render_poster,
    render_tile_parts_prepared, Bilingual, CmmInput, Orientation, Paper, PosterOptions, PrintLang,
    ProjectView, Summary, TileOptions, TitleBlock,
};

use crate::error::{write, CliError};

/// What to print and how (the print panel's choices).
#[derive(Debug, Clone, PartialEq)]
pub struct PrintSettings {
    /// Poster paper.
    pub paper: Paper,
    /// Printed language(s).
    pub lang: PrintLang,
    /// Sheet size of the tiled poster; `None`: no tiles.
    pub tiles: Option<Paper>,
    /// Hatching instead of colours.
    pub black_and_white: bool,
    /// City Mission Managers on the CMM sheet (1–3).
    pub cmms: usize,
    /// Date printed on the poster (empty: a line to fill in, as in the app).
    pub date: String,
    /// Order/letter number printed on the poster.
    pub reference: String,
}

impl Default for PrintSettings {
    /// The app's defaults: A1, Hindi and English, A4 tiles, colour, 3 CMMs.
    fn default() -> Self {
        PrintSettings {
            paper: Paper::A1,
            lang: PrintLang::Both,
            tiles: Some(Paper::A4),
            black_and_white: false,
            cmms: 3,
            date: String::new(),
            reference: String::new(),
        }
    }
}

/// Parses a paper name ("A1", "a4").
pub fn paper(name: &str) -> Option<Paper> {
    Paper::ALL.into_iter().find(|p| p.name().eq_ignore_ascii_case(name.trim()))
}

/// Parses a print language: `hi`, `en` or `both`.
pub fn print_lang(code: &str) -> Option<PrintLang> {
    match code.trim().to_ascii_lowercase().as_str() {
        "hi" => Some(PrintLang::Hindi),
        "en" => Some(PrintLang::English),
        "both" | "hi+en" | "" => Some(PrintLang::Both),
        _ => None,
    }
}

/// Parses a tile sheet: `a4`, `a3` or `none`.
pub fn tiles(code: &str) -> Option<Option<Paper>> {
    match code.trim().to_ascii_lowercase().as_str() {
        "none" | "no" | "off" => Some(None),
        "a4" => Some(Some(Paper::A4)),
        "a3" => Some(Some(Paper::A3)),
        _ => None,
    }
}

/// A project to print: the project, its map and where the map came from.
pub struct ToPrint<'a> {
    /// The officer's project.
    pub project: &'a Project,
    /// Its wards.
    pub map: &'a WardMap,
    /// The map's source (for the attribution).
    pub source: &'a MapSource,
    /// The ward graph (the app's default tolerance unless told otherwise).
    pub graph: &'a WardGraph,
    /// The city's name when it is not a bundled city (batch: the manifest's).
    pub city: Option<&'a str>,
}

/// Every printed output of one project.
pub struct Printed {
    /// The poster as SVG.
    pub poster_svg: String,
    /// The poster as PDF (one page of the chosen paper).
    pub poster_pdf: Vec<u8>,
    /// The poster on sheets (one page each), when asked for.
    pub tiles_pdf: Option<Vec<u8>>,
    /// One A4 page per organiser.
    pub sheets_pdf: Vec<u8>,
    /// The City Mission Managers' division of work (A4).
    pub cmm_pdf: Vec<u8>,
}

/// Draws every output of `what` as the app's print panel does.
pub fn print(what: &ToPrint, settings: &PrintSettings, fonts: &Fonts) -> Result<Printed, CliError> {
    let ToPrint { project, map, source, graph, city } = *what;
    if project.plan.ids_by_ward(map).iter().all(Option::is_none) {
        return Err(CliError::Said(crate::error::both_fill(
            Msg::CliNoPlan,
            &[("file", city.unwrap_or(&project.name))],
        )));
    }
    // The poor households the allocation used (the app's `editor.poor`).
    let est = estimate(map, &project.poor);
    let poor: Vec<f64> = est.wards.iter().map(|w| w.poor_households.unwrap_or(0) as f64).collect();
    let bundled = BundledCity::by_id(&project.map_key);
    // A bundled city prints its bilingual name, as in the app; others the given name.
    let city_name = match (bundled, city) {
        (Some(c), _) => Bilingual::new(c.name(Lang::Hi), c.name(Lang::En)),
        (None, Some(c)) => Bilingual::same(c),
        (None, None) => Bilingual::same(project.name.clone()),
    };
    let summary = Summary {
        population: Some(map.population_summary().known_total).filter(|&p| p > 0),
        poor_share: project.poor.poor_share,
        household_size: project.poor.household_size,
        poor_households: est.total_poor,
        households_per_organiser: Some(project.poor.norm),
        organisers_needed: est.organisers_needed,
        organisers_available: project.organisers.len() as u64,
    };
    let bi = |m: Msg| Bilingual::new(m.text(Lang::Hi), m.text(Lang::En));
    let title = TitleBlock {
        mission: bi(Msg::PosterMission),
        city: city_name.clone(),
        subtitle: Bilingual::default(),
        date: settings.date.clone(),
        order_reference: settings.reference.clone(),
        signatory: bi(Msg::PosterSignatory),
        signatory_name: None,
    };
    let attribution = source
        .attribution
        .clone()
        .filter(|a| !a.trim().is_empty())
        .map(|a| vec![a])
        .or_else(|| bundled.map(|c| vec![c.attribution.text()]))
        .unwrap_or_default();
    let view =
        ProjectView { map, graph, project, poor: &poor, colours: None, print_mobiles: false };
    let input = poster_input(view, summary, title, attribution);
    let options = PosterOptions::new(settings.paper)
        .lang(settings.lang)
        .black_and_white(settings.black_and_white);
    let a4 =
        PosterOptions { paper: Paper::A4, orientation: Orientation::Portrait, ..options.clone() };
    let name = if city_name.en.is_empty() { city_name.hi.clone() } else { city_name.en.clone() };
    let pdf = |file: &str, pages: &[String], what: &str| {
        let meta = Meta { title: Some(format!("Kshetra – {name} – {what}")) };
        kshetra_pdf::pages_to_pdf(pages, fonts, &meta)
            .map_err(|source| CliError::Pdf { file: file.to_string(), source })
    };
    let poster_svg = render_poster(&input, &options);
    let poster_pdf = pdf("poster.pdf", std::slice::from_ref(&poster_svg), "poster")?;
    // The tiles: the poster converted once and placed, clipped, on every sheet.
    let tiles_pdf = match settings.tiles {
        Some(sheet) => {
            let prep = kshetra_poster::Prepared::new(&input);
            let (poster, parts) =
                render_tile_parts_prepared(&prep, &options, &TileOptions::new(sheet));
            let sheets: Vec<kshetra_pdf::Sheet> = parts
                .iter()
                .map(|(p, marks)| kshetra_pdf::Sheet {
                    marks,
                    window_mm: p.window,
                    offset_mm: p.offset,
                })
                .collect();
            let meta = Meta { title: Some(format!("Kshetra – {name} – tiles")) };
            let bytes = kshetra_pdf::tiled_pdf(&poster, &sheets, fonts, &meta)
                .map_err(|source| CliError::Pdf { file: "tiles.pdf".into(), source })?;
            Some(bytes)
        }
        None => None,
    };
    let sheets = render_organiser_sheets(&input, &a4);
    let sheets_pdf = pdf("sheets.pdf", &sheets, "organiser sheets")?;
    let count = settings.cmms.clamp(1, 3);
    let cmm = CmmInput { count, names: Vec::new() };
    let cmm_pdf = pdf("cmm.pdf", &[render_cmm_sheet(&cmm, &input.title, &a4)], "CMM")?;
    Ok(Printed { poster_svg, poster_pdf, tiles_pdf, sheets_pdf, cmm_pdf })
}

/// Writes the outputs into `dir` (poster.svg, poster.pdf, tiles.pdf, sheets.pdf, cmm.pdf).
pub fn write_printed(dir: &Path, printed: &Printed) -> Result<(), CliError> {
    write(&dir.join("poster.svg"), &printed.poster_svg)?;
    write(&dir.join("poster.pdf"), &printed.poster_pdf)?;
    if let Some(t) = &printed.tiles_pdf {
        write(&dir.join("tiles.pdf"), t)?;
    }
    write(&dir.join("sheets.pdf"), &printed.sheets_pdf)?;
    write(&dir.join("cmm.pdf"), &printed.cmm_pdf)
}
