//! Tiled printing: a large poster split onto office-printer sheets with overlap, crop marks,
//! glue strips and a sheet index.

use std::fmt::Write;

use kshetra_core::i18n::Msg;

use crate::options::FontFace;
use crate::options::{Orientation, PrintLang, TileOptions};
use crate::poster::{document, Page};
use crate::svg::{self, num};
use crate::table::fit_size;

/// Rows and columns needed to cover a `pw × ph` poster with sheets of printable size
/// `w × h` overlapping by `overlap`.
pub fn grid(pw: f64, ph: f64, w: f64, h: f64, overlap: f64) -> (usize, usize) {
    let count = |total: f64, win: f64| -> usize {
        let step = (win - overlap).max(1.0);
        if total <= win {
            1
        } else {
            (((total - overlap) / step).ceil() as usize).clamp(1, 400)
        }
    };
    (count(ph, h), count(pw, w))
}

fn printable(opts: &TileOptions, orientation: Orientation) -> (f64, f64, f64, f64, f64) {
    let (sw, sh) = opts.sheet.oriented(orientation);
    let m =
        if opts.margin_mm.is_finite() { opts.margin_mm.clamp(3.0, sw.min(sh) / 4.0) } else { 10.0 };
    (sw, sh, m, sw - 2.0 * m, sh - 2.0 * m)
}

/// Splits `page` into sheet SVG documents, row by row.
pub fn tile(page: &Page, opts: &TileOptions, lang: PrintLang, fonts: &[FontFace]) -> Vec<String> {
    parts(page, opts, lang)
        .into_iter()
        .map(|p| {
            let mut body = String::new();
            let (x, y, w, h) = p.window;
            let _ = write!(
                body,
                r#"<clipPath id="sheet"><rect x="{x}" y="{y}" width="{w}" height="{h}"/></clipPath><g clip-path="url(#sheet)"><g transform="translate({tx} {ty})">{}</g></g>"#,
                page.body,
                x = num(x),
                y = num(y),
                w = num(w),
                h = num(h),
                tx = num(p.offset.0),
                ty = num(p.offset.1),
            );
            body.push_str(&p.marks);
            document(p.size.0, p.size.1, lang, fonts, &body)
        })
        .collect()
}

/// One office sheet of a tiled poster, in parts: the poster drawn at `offset` and clipped to
/// `window`, then `marks` (glue strips, crop marks, sheet index) on top. [`tile`] joins them
/// into one SVG; a PDF writer can instead draw the poster once and place it on every sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct TilePart {
    /// Sheet width and height (mm).
    pub size: (f64, f64),
    /// The printed window on the sheet: x, y, width, height (mm).
    pub window: (f64, f64, f64, f64),
    /// Where the poster's origin lies on the sheet (mm).
    pub offset: (f64, f64),
    /// SVG of everything drawn over the poster (no document wrapper).
    pub marks: String,
}

/// The sheets of `page` (row by row), as [`TilePart`]s.
pub fn parts(page: &Page, opts: &TileOptions, lang: PrintLang) -> Vec<TilePart> {
    let overlap = if opts.overlap_mm.is_finite() { opts.overlap_mm.clamp(0.0, 40.0) } else { 10.0 };
    let orientation = match opts.orientation {
        Orientation::Auto => {
            let n = |o| {
                let (_, _, _, w, h) = printable(opts, o);
                let (r, c) = grid(page.w, page.h, w, h, overlap);
                r * c
            };
            if n(Orientation::Landscape) < n(Orientation::Portrait) {
                Orientation::Landscape
            } else {
                Orientation::Portrait
            }
        }
        o => o,
    };
    let (sw, sh, m, w, h) = printable(opts, orientation);
    let overlap = overlap.min(w / 2.0).min(h / 2.0);
    let (rows, cols) = grid(page.w, page.h, w, h, overlap);
    let total = rows * cols;
    let mut sheets = Vec::with_capacity(total);
    for r in 0..rows {
        for c in 0..cols {
            let (px, py) = (c as f64 * (w - overlap), r as f64 * (h - overlap));
            let mut body = String::new();
            // Glue strips: the right and bottom overlaps are covered by the next sheet.
            let strip = r##"fill="#888" fill-opacity="0.18""##;
            let mark = r##"stroke="#000" stroke-width="0.15""##;
            let fs: f64 = 2.4;
            if c + 1 < cols {
                svg::rect(&mut body, m + w - overlap, m, overlap, h, strip);
                let t = lang.text(Msg::GlueHere);
                let _ = write!(
                    body,
                    r##"<text x="{}" y="{}" font-size="{}" text-anchor="middle" fill="#555" transform="rotate(90 {} {})">{}</text>"##,
                    num(m + w - overlap / 2.0),
                    num(m + h / 2.0),
                    num(fs.min(overlap * 0.6)),
                    num(m + w - overlap / 2.0),
                    num(m + h / 2.0),
                    svg::esc(&t)
                );
            }
            if r + 1 < rows {
                svg::rect(&mut body, m, m + h - overlap, w, overlap, strip);
                svg::text(
                    &mut body,
                    m + w / 2.0,
                    m + h - overlap / 2.0 + 0.8,
                    fs.min(overlap * 0.6),
                    400,
                    "middle",
                    "#555",
                    &lang.text(Msg::GlueHere),
                );
            }
            // Crop marks at the corners of the printed window, in the margin.
            let l = (m - 1.5).clamp(1.0, 6.0);
            for (x, y) in [(m, m), (m + w, m), (m, m + h), (m + w, m + h)] {
                let dx = if x > sw / 2.0 { 1.0 } else { -1.0 };
                let dy = if y > sh / 2.0 { 1.0 } else { -1.0 };
                svg::line(&mut body, x + dx * 0.8, y, x + dx * (0.8 + l), y, mark);
                svg::line(&mut body, x, y + dy * 0.8, x, y + dy * (0.8 + l), mark);
            }
            // Sheet index, in both languages if printed so, with a small map of the sheets.
            let n = r * cols + c + 1;
            let label = lang.fill(
                Msg::SheetIndex,
                &[
                    ("n", &n.to_string()),
                    ("total", &total.to_string()),
                    ("row", &(r + 1).to_string()),
                    ("col", &(c + 1).to_string()),
                ],
            );
            let cell = (m * 0.55 / rows.max(cols) as f64 * 1.6).clamp(0.6, 2.0);
            let gx = m;
            let gy = sh - m + 1.5;
            let _ = write!(
                body,
                r#"<g class="sheet-index" data-row="{}" data-col="{}">"#,
                r + 1,
                c + 1
            );
            for rr in 0..rows {
                for cc in 0..cols {
                    let fill = if rr == r && cc == c { "#000" } else { "#fff" };
                    svg::rect(
                        &mut body,
                        gx + cc as f64 * cell,
                        gy + rr as f64 * cell,
                        cell,
                        cell,
                        &format!(r##"fill="{fill}" stroke="#000" stroke-width="0.1""##),
                    );
                }
            }
            let tx = gx + cols as f64 * cell + 2.0;
            let size = fit_size(&label, 3.0, true, sw - tx - m);
            svg::text(&mut body, tx, gy + size, size, 700, "start", "#000", &label);
            let how = lang.text(Msg::TileHowTo);
            let size2 = fit_size(&how, 2.2, false, sw - 2.0 * m);
            svg::text(&mut body, m, m - 2.0, size2, 400, "start", "#444", &how);
            body.push_str("</g>");
            sheets.push(TilePart {
                size: (sw, sh),
                window: (m, m, w, h),
                offset: (m - px, m - py),
                marks: body,
            });
        }
    }
    sheets
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_on_a4_needs_sixteen_sheets() {
        // A1 portrait on A4 portrait, 10 mm margins and overlap: printable 190 × 277.
        assert_eq!(grid(594.0, 841.0, 190.0, 277.0, 10.0), (4, 4));
        assert_eq!(grid(210.0, 297.0, 190.0, 277.0, 10.0), (2, 2));
        assert_eq!(grid(100.0, 100.0, 190.0, 277.0, 10.0), (1, 1));
    }
}
