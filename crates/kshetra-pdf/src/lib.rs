//! # Kshetra PDF
//!
//! Print-ready PDFs from the poster renderer's SVG (`kshetra-poster`), natively: each SVG
//! page is parsed by `usvg` (text shaped with the bundled Noto Sans Devanagari, Hindi and
//! English), converted by `svg2pdf` into a PDF form XObject, and placed on a page of exactly
//! the SVG's size (the renderer writes `width="594mm"`, so A1 is 594 × 841 mm). Maps stay
//! vectors; text stays text with the fonts subset and embedded, so it can be selected and
//! searched.
//!
//! Deterministic: the same pages give the same bytes (no dates, no random document id; the
//! only metadata is a fixed producer and an optional title).
//!
//! Like the other pure crates this one touches no files, network or clock: the fonts are
//! compiled in from `fonts/` ([`Fonts::bundled`]).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::collections::HashMap;
use std::sync::Arc;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, TextStr};
use svg2pdf::usvg;
use svg2pdf::usvg::fontdb;

/// The family every poster page asks for first.
pub const FAMILY: &str = "Noto Sans Devanagari";

/// The bundled fonts: Noto Sans Devanagari 2.006 regular and bold, complete TrueType files
/// (Devanagari and Latin in one font; `fonts/README.md` says where from and why not the app's
/// woff2 subsets).
const BUNDLED: [(&str, &[u8]); 2] = [
    ("NotoSansDevanagari-Regular.ttf", include_bytes!("../fonts/NotoSansDevanagari-Regular.ttf")),
    ("NotoSansDevanagari-Bold.ttf", include_bytes!("../fonts/NotoSansDevanagari-Bold.ttf")),
];

/// Why a PDF could not be made. The CLI turns these into the catalogue's bilingual text.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PdfError {
    /// A bundled or given font file could not be decoded.
    #[error("font {file} could not be read: {detail}")]
    Font {
        /// The font file.
        file: String,
        /// The decoder's words.
        detail: String,
    },
    /// A page's SVG could not be parsed.
    #[error("page {page}: the SVG could not be read: {detail}")]
    Svg {
        /// Page number, from 1.
        page: usize,
        /// The parser's words.
        detail: String,
    },
    /// A page could not be converted.
    #[error("page {page}: conversion to PDF failed: {detail}")]
    Convert {
        /// Page number, from 1.
        page: usize,
        /// The converter's words.
        detail: String,
    },
    /// No pages were given.
    #[error("no pages to write")]
    NoPages,
}

/// A font database to shape and embed the pages' text with. Cheap to clone (shared).
#[derive(Clone)]
pub struct Fonts {
    db: Arc<fontdb::Database>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fonts({} faces)", self.db.len())
    }
}

impl Fonts {
    /// The bundled Noto Sans Devanagari, regular and bold.
    pub fn bundled() -> Result<Fonts, PdfError> {
        Fonts::from_files(BUNDLED.iter().map(|(n, b)| (*n, *b)))
    }

    /// Fonts from TrueType/OpenType files (`name`, bytes).
    /// Generic families (`sans-serif`, `serif`) resolve to [`FAMILY`].
    pub fn from_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Result<Fonts, PdfError> {
        let mut db = fontdb::Database::new();
        for (name, bytes) in files {
            let before = db.len();
            db.load_font_data(bytes.to_vec());
            if db.len() == before {
                return Err(PdfError::Font {
                    file: name.to_string(),
                    detail: "not a TrueType/OpenType font".into(),
                });
            }
        }
        db.set_sans_serif_family(FAMILY);
        db.set_serif_family(FAMILY);
        Ok(Fonts { db: Arc::new(db) })
    }

    /// Number of font faces.
    pub fn len(&self) -> usize {
        self.db.len()
    }

    /// Whether there are no faces.
    pub fn is_empty(&self) -> bool {
        self.db.is_empty()
    }
}

/// Document metadata.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// The document title (shown by PDF viewers), e.g. "Kshetra poster – Lucknow".
    pub title: Option<String>,
}

/// One converted page: its XObject chunk and its size in points.
struct Page {
    chunk: pdf_writer::Chunk,
    xobject: Ref,
    w_pt: f32,
    h_pt: f32,
}

/// Parses and converts one SVG page (page number `n` from 1 for errors).
fn convert(svg: &str, n: usize, fonts: &Fonts) -> Result<Page, PdfError> {
    let options = usvg::Options {
        fontdb: fonts.db.clone(),
        font_family: FAMILY.to_string(),
        ..Default::default()
    };
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| PdfError::Svg { page: n, detail: e.to_string() })?;
    let conversion =
        svg2pdf::ConversionOptions { compress: true, embed_text: true, ..Default::default() };
    let (chunk, xobject) = svg2pdf::to_chunk(&tree, conversion)
        .map_err(|e| PdfError::Convert { page: n, detail: e.to_string() })?;
    // usvg sizes are CSS pixels (96 per inch); PDF points are 72 per inch.
    let size = tree.size();
    Ok(Page { chunk, xobject, w_pt: size.width() * 0.75, h_pt: size.height() * 0.75 })
}

/// One PDF document with one page per SVG, each page exactly the size of its SVG.
pub fn pages_to_pdf<S: AsRef<str>>(
    pages: &[S],
    fonts: &Fonts,
    meta: &Meta,
) -> Result<Vec<u8>, PdfError> {
    if pages.is_empty() {
        return Err(PdfError::NoPages);
    }
    let converted: Vec<Page> = pages
        .iter()
        .enumerate()
        .map(|(i, svg)| convert(svg.as_ref(), i + 1, fonts))
        .collect::<Result<_, _>>()?;
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree = alloc.bump();
    let info = alloc.bump();
    let page_ids: Vec<(Ref, Ref)> =
        converted.iter().map(|_| (alloc.bump(), alloc.bump())).collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_ids.iter().map(|(p, _)| *p)).count(page_ids.len() as i32);
    write_info(&mut pdf, info, meta);
    let name = Name(b"P");
    for (page, (page_id, content_id)) in converted.into_iter().zip(&page_ids) {
        let mut map = HashMap::new();
        let chunk = page.chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let xobject = map.get(&page.xobject).copied().unwrap_or(page.xobject);
        let mut p = pdf.page(*page_id);
        p.media_box(Rect::new(0.0, 0.0, page.w_pt, page.h_pt));
        p.parent(tree);
        p.contents(*content_id);
        p.resources().x_objects().pair(name, xobject);
        p.finish();
        // The XObject is one point square: scale it to the page.
        let mut content = Content::new();
        content.transform([page.w_pt, 0.0, 0.0, page.h_pt, 0.0, 0.0]).x_object(name);
        pdf.stream(*content_id, &content.finish());
        pdf.extend(&chunk);
    }
    Ok(pdf.finish())
}

/// One sheet of a tiled poster: the poster placed at `offset_mm` and clipped to `window_mm`,
/// then `marks` (an SVG document of the sheet's size: glue strips, crop marks, index) on top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sheet<'a> {
    /// The marks drawn over the poster, as an SVG document of the sheet's size.
    pub marks: &'a str,
    /// The printed window on the sheet: x, y, width, height (mm, from the top left).
    pub window_mm: (f64, f64, f64, f64),
    /// Where the poster's top-left corner lies on the sheet (mm).
    pub offset_mm: (f64, f64),
}

/// A tiled poster: the poster is converted once and placed on every sheet (clipped), so a
/// poster on 15 sheets costs about one poster instead of fifteen and the file holds the map
/// once. Looks the same as [`pages_to_pdf`] of the whole sheet SVGs.
pub fn tiled_pdf(
    poster: &str,
    sheets: &[Sheet],
    fonts: &Fonts,
    meta: &Meta,
) -> Result<Vec<u8>, PdfError> {
    if sheets.is_empty() {
        return Err(PdfError::NoPages);
    }
    let poster = convert(poster, 1, fonts)?;
    let marks: Vec<Page> = sheets
        .iter()
        .enumerate()
        .map(|(i, s)| convert(s.marks, i + 1, fonts))
        .collect::<Result<_, _>>()?;
    let mut alloc = Ref::new(1);
    let catalog = alloc.bump();
    let tree = alloc.bump();
    let info = alloc.bump();
    let page_ids: Vec<(Ref, Ref)> = marks.iter().map(|_| (alloc.bump(), alloc.bump())).collect();
    let mut pdf = Pdf::new();
    pdf.catalog(catalog).pages(tree);
    pdf.pages(tree).kids(page_ids.iter().map(|(p, _)| *p)).count(page_ids.len() as i32);
    write_info(&mut pdf, info, meta);
    let mut map = HashMap::new();
    let poster_chunk = poster.chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
    let poster_ref = map.get(&poster.xobject).copied().unwrap_or(poster.xobject);
    pdf.extend(&poster_chunk);
    let pt = 72.0 / 25.4;
    for ((page, sheet), (page_id, content_id)) in marks.into_iter().zip(sheets).zip(&page_ids) {
        let mut map = HashMap::new();
        let chunk = page.chunk.renumber(|old| *map.entry(old).or_insert_with(|| alloc.bump()));
        let marks_ref = map.get(&page.xobject).copied().unwrap_or(page.xobject);
        let mut p = pdf.page(*page_id);
        p.media_box(Rect::new(0.0, 0.0, page.w_pt, page.h_pt));
        p.parent(tree);
        p.contents(*content_id);
        {
            let mut res = p.resources();
            let mut x = res.x_objects();
            x.pair(Name(b"P"), poster_ref);
            x.pair(Name(b"M"), marks_ref);
        }
        p.finish();
        let (x, y, w, h) = sheet.window_mm;
        let (ox, oy) = sheet.offset_mm;
        let sheet_h_mm = page.h_pt as f64 / pt;
        let f = |v: f64| (v * pt) as f32;
        let mut content = Content::new();
        content.save_state();
        content.rect(f(x), f(sheet_h_mm - y - h), f(w), f(h)).clip_nonzero().end_path();
        let poster_h_mm = poster.h_pt as f64 / pt;
        content.transform([
            poster.w_pt,
            0.0,
            0.0,
            poster.h_pt,
            f(ox),
            f(sheet_h_mm - oy - poster_h_mm),
        ]);
        content.x_object(Name(b"P"));
        content.restore_state();
        content.save_state();
        content.transform([page.w_pt, 0.0, 0.0, page.h_pt, 0.0, 0.0]).x_object(Name(b"M"));
        content.restore_state();
        pdf.stream(*content_id, &content.finish());
        pdf.extend(&chunk);
    }
    Ok(pdf.finish())
}

/// Fixed metadata only: no creation date, no document id.
fn write_info(pdf: &mut Pdf, info: Ref, meta: &Meta) {
    let mut doc = pdf.document_info(info);
    doc.producer(TextStr("Kshetra (svg2pdf)"));
    if let Some(title) = &meta.title {
        doc.title(TextStr(title));
    }
    doc.finish();
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297" font-family="'Noto Sans Devanagari', sans-serif"><rect x="10" y="10" width="50" height="20" fill="#1f3a5f"/><text x="20" y="50" font-size="8" font-weight="700">नगर निगम लखनऊ / Lucknow</text></svg>"##;

    #[test]
    fn bundled_fonts_load() {
        let fonts = Fonts::bundled().unwrap();
        assert_eq!(fonts.len(), 2);
    }

    #[test]
    fn a4_page_exact_and_deterministic() {
        let fonts = Fonts::bundled().unwrap();
        let meta = Meta { title: Some("t".into()) };
        let a = pages_to_pdf(&[PAGE, PAGE], &fonts, &meta).unwrap();
        let b = pages_to_pdf(&[PAGE, PAGE], &fonts, &meta).unwrap();
        assert!(a == b, "byte-identical");
        let text = String::from_utf8_lossy(&a);
        assert!(text.contains("/MediaBox [0 0 595.27563 841.8898]"), "A4 in points");
        assert!(text.contains("/FontFile2") || text.contains("/FontFile3"), "fonts embedded");
        assert!(!text.contains("CreationDate"));
    }

    #[test]
    fn tiled_poster_places_one_poster_on_every_sheet() {
        let fonts = Fonts::bundled().unwrap();
        let marks = r##"<svg xmlns="http://www.w3.org/2000/svg" width="210mm" height="297mm" viewBox="0 0 210 297"><text x="10" y="290" font-size="4">शीट / Sheet</text></svg>"##;
        let sheet =
            |ox: f64| Sheet { marks, window_mm: (10.0, 10.0, 190.0, 277.0), offset_mm: (ox, 10.0) };
        let a = tiled_pdf(PAGE, &[sheet(10.0), sheet(-170.0)], &fonts, &Meta::default()).unwrap();
        assert_eq!(
            a,
            tiled_pdf(PAGE, &[sheet(10.0), sheet(-170.0)], &fonts, &Meta::default()).unwrap()
        );
        let text = String::from_utf8_lossy(&a);
        assert_eq!(text.matches("/MediaBox [0 0 595.27563 841.8898]").count(), 2);
        // The poster is one form XObject, drawn on both pages.
        assert_eq!(text.matches("/P Do").count(), 2);
        let none: [Sheet; 0] = [];
        assert_eq!(tiled_pdf(PAGE, &none, &fonts, &Meta::default()), Err(PdfError::NoPages));
    }

    #[test]
    fn refusals_are_typed() {
        let fonts = Fonts::bundled().unwrap();
        let none: [&str; 0] = [];
        assert_eq!(pages_to_pdf(&none, &fonts, &Meta::default()), Err(PdfError::NoPages));
        assert!(matches!(
            pages_to_pdf(&["<svg"], &fonts, &Meta::default()),
            Err(PdfError::Svg { page: 1, .. })
        ));
        assert!(matches!(
            Fonts::from_files([("x.ttf", &b"garbage"[..])]),
            Err(PdfError::Font { .. })
        ));
    }
}
