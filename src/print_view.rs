//! Printing: the wall poster, the poster tiled on A4 sheets, and the organisers' A4 sheets,
//! drawn by the pure renderer (`kshetra-poster`) and printed by the browser with the exact
//! paper size (`@page`), so "Save as PDF" gives a vector PDF with Devanagari shaped by the
//! browser; or downloaded as SVG.

use kshetra_core::cities::BundledCity;
use kshetra_core::i18n::{Lang, Msg};
use kshetra_poster::{
    poster_input, render_organiser_sheets, render_poster, render_tiles, Bilingual, Orientation, Paper, PosterOptions, PrintLang, Summary,
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
}

/// What to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Poster,
    Tiles,
    Sheets,
}

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

    let make = move |what: What| {
        let Some(current) = state.current.get_untracked() else { return };
        let Some(project) = editor.project.get_untracked() else { return };
        let poor = editor.poor.get_untracked();
        let estimate = state.estimate.get_untracked();
        let params = state.params.get_untracked();
        let city = match &current.source {
            crate::data::MapSource::Bundled(c) => Bilingual::new(c.name(Lang::Hi), c.name(Lang::En)),
            crate::data::MapSource::Imported { .. } => Bilingual::same(project.name.clone()),
        };
        let summary = Summary {
            population: Some(current.map.population_summary().known_total).filter(|&p| p > 0),
            poor_share: params.poor.poor_share,
            household_size: params.poor.household_size,
            poor_households: estimate.as_ref().map(|e| e.total_poor).unwrap_or(0),
            households_per_organiser: Some(params.poor.norm),
            organisers_needed: estimate.as_ref().map(|e| e.organisers_needed).unwrap_or(0),
            organisers_available: project.organisers.len() as u64,
        };
        let title = TitleBlock {
            mission: Bilingual::new(
                "दीनदयाल अंत्योदय योजना – राष्ट्रीय शहरी आजीविका मिशन",
                "Deendayal Antyodaya Yojana – National Urban Livelihoods Mission",
            ),
            city,
            subtitle: Bilingual::default(),
            date: date.get_untracked(),
            order_reference: reference.get_untracked(),
            signatory: Bilingual::new("नगर परियोजना अधिकारी", "City Project Officer"),
            signatory_name: None,
        };
        let attribution = current
            .attribution()
            .map(|a| vec![a.text()])
            .or_else(|| BundledCity::by_id(&project.map_key).map(|c| vec![c.attribution.text()]))
            .unwrap_or_default();
        let input = poster_input(&current.map, &project, &poor, summary, title, attribution, false);
        let mut options = PosterOptions::new(paper.get_untracked()).lang(lang.get_untracked());
        options.black_and_white = bw.get_untracked();
        let pages = match what {
            What::Poster => vec![render_poster(&input, &options)],
            What::Tiles => render_tiles(&input, &options, &TileOptions::new(Paper::A4)),
            What::Sheets => render_organiser_sheets(&input, &PosterOptions { paper: Paper::A4, orientation: Orientation::Portrait, ..options.clone() }),
        };
        let Some(size_mm) = pages.first().and_then(|p| svg_size_mm(p)) else { return };
        let stem = match what {
            What::Poster => format!("kshetra-poster-{}", paper.get_untracked().name()),
            What::Tiles => "kshetra-poster-tiles-A4".to_string(),
            What::Sheets => "kshetra-organiser-sheets".to_string(),
        };
        job.set(Some(PrintJob { pages, size_mm, stem }));
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
            {move || job.get().map(|j| view! { <PrintView job=j close=move || job.set(None)/> })}
        </section>
    }
}

/// The pages on screen, with Print and Download; printing shows only these pages, each on
/// one sheet of the exact size.
#[component]
fn PrintView(job: PrintJob, close: impl Fn() + Copy + 'static) -> impl IntoView {
    let state = use_app_state();
    let (w, h) = job.size_mm;
    let page_css = format!("@page {{ size: {w}mm {h}mm; margin: 0; }} .print-page {{ width: {w}mm; height: {h}mm; }}");
    let pages = job.pages.clone();
    let download = {
        let job = job.clone();
        move |_| {
            for (i, page) in job.pages.iter().enumerate() {
                let name = if job.pages.len() == 1 { format!("{}.svg", job.stem) } else { format!("{}-{}.svg", job.stem, i + 1) };
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
                <button type="button" on:click=move |_| close()>{state.t(Msg::Close)}</button>
                <span class="hint">{state.t(Msg::PrintHint)}</span>
            </div>
            <div class="print-pages">
                // The SVG is our renderer's output: imported text in it is escaped there.
                {pages.into_iter().map(|svg| view! { <div class="print-page" inner_html=svg></div> }).collect_view()}
            </div>
        </div>
    }
}
