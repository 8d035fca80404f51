//! Printing: the wall poster, the poster tiled on A4 sheets, and the organisers' A4 sheets,
//! drawn by the pure renderer (`kshetra-poster`) and printed by the browser with the exact
//! paper size (`@page`), so "Save as PDF" gives a vector PDF with Devanagari shaped by the
//! browser; or downloaded as SVG.

use kshetra_core::cities::BundledCity;
use kshetra_core::i18n::{Lang, Msg};
use kshetra_poster::{
    poster_input, render_cmm_sheet, render_organiser_sheets, render_poster, render_tiles,
    Bilingual, CmmInput, Orientation, Paper, PosterOptions, PrintLang, ProjectView, Summary,
    TileOptions, TitleBlock,
};
use leptos::prelude::*;

use crate::state::use_app_state;

/// Pages ready to print: SVG documents, all of the same paper size.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintJob {
    /// The SVG pages.
    pub pages: Vec<String>,
    /// Page width and height in mm (for `@page`).
    pub size_mm: (f64, f64),
    /// File name stem for downloads.
    pub stem: String,
    /// What it is (to draw it again for PNG).
    pub what: What,
}

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum What {
    /// The wall poster.
    Poster,
    /// The poster on A4 sheets.
    Tiles,
    /// One A4 sheet per organiser.
    Sheets,
    /// The City Mission Managers' work division.
    Cmm,
}

/// The bundled fonts embedded in PNG pictures: file, weight, unicode range.
const FONT_FILES: &[(&str, u16, &str)] = &[
    ("noto-sans-devanagari-devanagari-400-normal.woff2", 400, "U+0900-097F, U+1CD0-1CF9, U+200C-200D, U+20A8, U+20B9, U+25CC, U+A830-A839, U+A8E0-A8FF"),
    ("noto-sans-devanagari-devanagari-700-normal.woff2", 700, "U+0900-097F, U+1CD0-1CF9, U+200C-200D, U+20A8, U+20B9, U+25CC, U+A830-A839, U+A8E0-A8FF"),
    ("noto-sans-devanagari-latin-400-normal.woff2", 400, "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+2074, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD"),
    ("noto-sans-devanagari-latin-700-normal.woff2", 700, "U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329, U+2000-206F, U+2074, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD"),
];

/// Width and height (mm) written in an SVG root by the renderer (`width="594mm"`).
fn svg_size_mm(svg: &str) -> Option<(f64, f64)> {
    let attr = |name: &str| -> Option<f64> {
        let start = svg.find(&format!(" {name}=\""))? + name.len() + 3;
        let rest = &svg[start..];
        rest[..rest.find("mm\"")?].parse().ok()
    };
    Some((attr("width")?, attr("height")?))
}

/// The print panel (options and buttons) and, while a job is open, the print view.
#[component]
pub fn PrintPanel() -> impl IntoView {
    let state = use_app_state();
    let editor = state.editor;
    let paper = RwSignal::new(Paper::A1);
    let lang = RwSignal::new(PrintLang::Both);
    let bw = RwSignal::new(false);
    let reference = RwSignal::new(String::new());
    let date = RwSignal::new(String::new());
    let job: RwSignal<Option<PrintJob>> = RwSignal::new(None);

    let cmm_count = RwSignal::new(3usize);
    let cmm_names: RwSignal<[String; 3]> = RwSignal::new(Default::default());
    let png_error: RwSignal<Option<String>> = RwSignal::new(None);
    // The pages of `what`, with `fonts` embedded (for PNG pictures, which cannot use the
    // page's fonts).
    let build = move |what: What, fonts: Vec<kshetra_poster::FontFace>| -> Option<Vec<String>> {
        let current = state.current.get_untracked()?;
        let project = editor.project.get_untracked()?;
        let poor = editor.poor.get_untracked();
        let estimate = state.estimate.get_untracked();
        let params = state.params.get_untracked();
        let city = match &current.source {
            crate::data::MapSource::Bundled(c) => {
                Bilingual::new(c.name(Lang::Hi), c.name(Lang::En))
            }
            crate::data::MapSource::Imported { .. } => Bilingual::same(project.name.clone()),
        };
        let summary = Summary {
            population: Some(current.map.population_summary().known_total).filter(|&p| p > 0),
            poor_share: params.poor.poor_share,
            household_size: params.poor.household_size,
            poor_households: estimate.as_ref().map(|e| e.total_poor).unwrap_or(0),
            households_per_organiser: Some(params.poor.norm),
            organisers_needed: estimate.as_ref().map(|e| e.organisers_needed).unwrap_or(0),
            organisers_available: kshetra_core::estimate::organisers_available(
                project.organisers.len(),
                params.organisers_available,
            )
            .unwrap_or(0),
        };
        let both = |m: Msg| Bilingual::new(m.text(Lang::Hi), m.text(Lang::En));
        let title = TitleBlock {
            mission: both(Msg::PosterMission),
            city,
            subtitle: Bilingual::default(),
            date: date.get_untracked(),
            order_reference: reference.get_untracked(),
            signatory: both(Msg::PosterSignatory),
            signatory_name: None,
        };
        let attribution = current
            .attribution()
            .map(|a| vec![a.text()])
            .or_else(|| BundledCity::by_id(&project.map_key).map(|c| vec![c.attribution.text()]))
            .unwrap_or_default();
        // The screen's graph and colours, so the printed neighbours and colours are what the
        // officer sees (without a graph yet, one with the default tolerance).
        let connectivity = state.connectivity.get_untracked();
        let fallback;
        let graph = match &connectivity {
            Some(c) => &c.graph,
            None => {
                fallback = kshetra_core::adjacency::build(&current.map, &Default::default());
                &fallback
            }
        };
        let colours = connectivity.as_ref().map(|_| editor.colours.get_untracked());
        let view = ProjectView {
            map: &current.map,
            graph,
            project: &project,
            poor: &poor,
            colours: colours.as_deref(),
            print_mobiles: false,
        };
        let input = poster_input(view, summary, title, attribution);
        let mut options = PosterOptions::new(paper.get_untracked()).lang(lang.get_untracked());
        options.black_and_white = bw.get_untracked();
        options.embed_fonts = fonts;
        let a4 = PosterOptions {
            paper: Paper::A4,
            orientation: Orientation::Portrait,
            ..options.clone()
        };
        Some(match what {
            What::Poster => vec![render_poster(&input, &options)],
            What::Tiles => render_tiles(&input, &options, &TileOptions::new(Paper::A4)),
            What::Sheets => render_organiser_sheets(&input, &a4),
            What::Cmm => {
                let names = cmm_names.get_untracked();
                let count = cmm_count.get_untracked().clamp(1, 3);
                let cmm = CmmInput {
                    count,
                    names: names[..count].iter().map(|n| n.trim().to_string()).collect(),
                };
                vec![render_cmm_sheet(&cmm, &input.title, &a4)]
            }
        })
    };
    let make = move |what: What| {
        let Some(pages) = build(what, Vec::new()) else { return };
        let Some(size_mm) = pages.first().and_then(|p| svg_size_mm(p)) else { return };
        let stem = match what {
            What::Poster => format!("kshetra-poster-{}", paper.get_untracked().name()),
            What::Tiles => "kshetra-poster-tiles-A4".to_string(),
            What::Sheets => "kshetra-organiser-sheets".to_string(),
            What::Cmm => "kshetra-cmm-work-division".to_string(),
        };
        png_error.set(None);
        job.set(Some(PrintJob { pages, size_mm, stem, what }));
    };
    // PNG pictures of the open job's pages at `dpi`, with the bundled fonts embedded.
    let png = move |dpi: f64| {
        let Some(j) = job.get_untracked() else { return };
        leptos::task::spawn_local(async move {
            let mut fonts = Vec::new();
            for (file, weight, range) in FONT_FILES {
                if let Some(woff2) = crate::platform::fetch_bytes(&format!("fonts/{file}")).await {
                    fonts.push(kshetra_poster::FontFace {
                        weight: *weight,
                        unicode_range: range.to_string(),
                        woff2,
                    });
                }
            }
            let Some(pages) = build(j.what, fonts) else { return };
            let (w, h) = j.size_mm;
            let (px_w, px_h) = ((w / 25.4 * dpi).round() as u32, (h / 25.4 * dpi).round() as u32);
            for (i, svg) in pages.iter().enumerate() {
                match crate::platform::svg_to_png(svg, px_w, px_h).await {
                    Ok(bytes) => {
                        let name = if pages.len() == 1 {
                            format!("{}-{dpi}dpi.png", j.stem)
                        } else {
                            format!("{}-{}-{dpi}dpi.png", j.stem, i + 1)
                        };
                        crate::platform::download(&name, "image/png", &bytes);
                    }
                    Err(why) => {
                        let lang = state.lang.get_untracked();
                        return png_error.set(Some(Msg::PngFailed.fill(lang, &[("detail", &why)])));
                    }
                }
            }
        });
    };

    view! {
        <section class="panel print" aria-labelledby="print-heading">
            <h2 id="print-heading">{state.t(Msg::PrintHeading)}</h2>
            <label class="field inline">
                <span>{state.t(Msg::PaperSize)}</span>
                <select on:change=move |ev| {
                    let v = event_target_value(&ev);
                    if let Some(p) = Paper::ALL.into_iter().find(|p| p.name() == v) { paper.set(p) }
                }>
                    {Paper::ALL.into_iter().map(|p| view! { <option value=p.name() selected=move || paper.get() == p>{p.name()}</option> }).collect_view()}
                </select>
            </label>
            <label class="field inline">
                <span>{state.t(Msg::PrintLanguage)}</span>
                <select on:change=move |ev| lang.set(match event_target_value(&ev).as_str() { "hi" => PrintLang::Hindi, "en" => PrintLang::English, _ => PrintLang::Both })>
                    <option value="both" selected=true>"हिन्दी + English"</option>
                    <option value="hi">"हिन्दी"</option>
                    <option value="en">"English"</option>
                </select>
            </label>
            <label class="check">
                <input type="checkbox" prop:checked=move || bw.get() on:change=move |ev| bw.set(event_target_checked(&ev))/>
                {state.t(Msg::BlackAndWhite)}
            </label>
            <label class="field">
                <span>{state.t(Msg::OrderReference)}</span>
                <input type="text" prop:value=move || reference.get() on:input=move |ev| reference.set(event_target_value(&ev))/>
            </label>
            <label class="field">
                <span>{state.t(Msg::DateLabel)}</span>
                <input type="text" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev))/>
            </label>
            <div class="row-buttons">
                <button type="button" on:click=move |_| make(What::Poster)>{state.t(Msg::ShowPoster)}</button>
                <button type="button" on:click=move |_| make(What::Tiles)>{state.t(Msg::ShowTiles)}</button>
                <button type="button" on:click=move |_| make(What::Sheets)>{state.t(Msg::ShowSheets)}</button>
            </div>
            <fieldset class="cmm">
                <legend>{state.t(Msg::CmmSheetTitle)}</legend>
                <label class="field inline">
                    <span>{state.t(Msg::CmmCount)}</span>
                    <select on:change=move |ev| cmm_count.set(event_target_value(&ev).parse().unwrap_or(3))>
                        <option value="3" selected=true>"3"</option>
                        <option value="2">"2"</option>
                        <option value="1">"1"</option>
                    </select>
                </label>
                {(0..3).map(|i| view! {
                    <label class="field" class:hidden={move || i >= cmm_count.get()}>
                        <span>{move || Msg::CmmNameN.fill(state.lang.get(), &[("n", &(i + 1).to_string())])}</span>
                        <input type="text" prop:value=move || cmm_names.with(|n| n[i].clone())
                            on:input=move |ev| { let v = event_target_value(&ev); cmm_names.update(|n| n[i] = v); }/>
                    </label>
                }).collect_view()}
                <button type="button" on:click=move |_| make(What::Cmm)>{state.t(Msg::ShowCmmSheet)}</button>
            </fieldset>
            {move || job.get().map(|j| view! { <PrintView job=j close=move || job.set(None) png=png png_error=png_error/> })}
        </section>
    }
}

/// The pages on screen, with Print and Download; printing shows only these pages, each on
/// one sheet of the exact size.
#[component]
fn PrintView(
    job: PrintJob,
    close: impl Fn() + Copy + 'static,
    png: impl Fn(f64) + Copy + 'static,
    png_error: RwSignal<Option<String>>,
) -> impl IntoView {
    let dpi = RwSignal::new(150.0);
    let state = use_app_state();
    let (w, h) = job.size_mm;
    let page_css = format!(
        "@page {{ size: {w}mm {h}mm; margin: 0; }} .print-page {{ width: {w}mm; height: {h}mm; }}"
    );
    let pages = job.pages.clone();
    let download = {
        let job = job.clone();
        move |_| {
            for (i, page) in job.pages.iter().enumerate() {
                let name = if job.pages.len() == 1 {
                    format!("{}.svg", job.stem)
                } else {
                    format!("{}-{}.svg", job.stem, i + 1)
                };
                crate::platform::download(&name, "image/svg+xml", page.as_bytes());
            }
        }
    };
    view! {
        <div class="print-view" role="dialog" aria-modal="true" aria-label=state.t(Msg::PrintHeading) data-testid="print-view" data-pages=job.pages.len().to_string()>
            <style>{page_css}</style>
            <div class="print-toolbar">
                <button type="button" class="primary" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>{state.t(Msg::PrintButton)}</button>
                <button type="button" on:click=download>{state.t(Msg::DownloadSvg)}</button>
                <label class="field inline">
                    <span>"DPI"</span>
                    <select on:change=move |ev| dpi.set(event_target_value(&ev).parse().unwrap_or(150.0))>
                        <option value="96">"96"</option>
                        <option value="150" selected=true>"150"</option>
                        <option value="300">"300"</option>
                    </select>
                </label>
                <button type="button" on:click=move |_| png(dpi.get_untracked())>{state.t(Msg::DownloadPng)}</button>
                <button type="button" on:click=move |_| close()>{state.t(Msg::Close)}</button>
                <span class="hint">{state.t(Msg::PrintHint)}</span>
                {move || png_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </div>
            <div class="print-pages">
                // The SVG is our renderer's output: imported text in it is escaped there.
                {pages.into_iter().map(|svg| view! { <div class="print-page" inner_html=svg></div> }).collect_view()}
            </div>
        </div>
    }
}
