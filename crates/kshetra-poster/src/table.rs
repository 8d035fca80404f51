//! Tables with wrapped cells (legend, summary, ward lists, work plan, CMM sheet).

use std::fmt::Write;

use crate::svg::{self, num};
use crate::text;

/// Dark blue of headings and rules.
pub const INK_BLUE: &str = "#1f3a5f";

/// One line of a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The text (escaped when drawn).
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Size relative to the table's font size.
    pub scale: f64,
}

impl Line {
    /// A normal line.
    pub fn plain(text: impl Into<String>) -> Self {
        Line { text: text.into(), bold: false, scale: 1.0 }
    }
    /// A bold line.
    pub fn bold(text: impl Into<String>) -> Self {
        Line { text: text.into(), bold: true, scale: 1.0 }
    }
    /// A smaller line.
    pub fn small(text: impl Into<String>) -> Self {
        Line { text: text.into(), bold: false, scale: 0.82 }
    }
}

/// A table cell: lines and an optional fill swatch before them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// Lines, each wrapped to the column width.
    pub lines: Vec<Line>,
    /// Fill of a small square drawn before the text (an area's colour or hatching).
    pub swatch: Option<String>,
}

impl Cell {
    /// A cell of lines.
    pub fn of(lines: Vec<Line>) -> Self {
        Cell { lines, swatch: None }
    }
}

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Left.
    Left,
    /// Right (numbers).
    Right,
    /// Centred.
    Centre,
}

/// A table: headers (may be empty for none), relative column widths, rows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Header texts (wrapped; empty vector = no header row).
    pub headers: Vec<String>,
    /// Relative column widths.
    pub widths: Vec<f64>,
    /// Column alignments.
    pub aligns: Vec<Align>,
    /// Rows of cells.
    pub rows: Vec<Vec<Cell>>,
    /// Minimum row height in multiples of the font size (for blank rows to fill in by hand).
    pub min_row: f64,
    /// `data-organiser`-style attribute name put on each row group (for tests), if any.
    pub row_attr: Option<&'static str>,
    /// Attribute values, one per row.
    pub row_attr_values: Vec<String>,
}

struct Laid {
    col_x: Vec<f64>,
    col_w: Vec<f64>,
    header: Vec<Vec<String>>,
    header_h: f64,
    cells: Vec<Vec<Vec<(String, bool, f64)>>>,
    row_h: Vec<f64>,
}

impl Table {
    fn lay_out(&self, w: f64, fs: f64) -> Laid {
        let total: f64 = self.widths.iter().sum::<f64>().max(1e-9);
        let mut col_x = Vec::new();
        let mut col_w = Vec::new();
        let mut x = 0.0;
        for cw in &self.widths {
            col_x.push(x);
            col_w.push(w * cw / total);
            x += w * cw / total;
        }
        let pad = fs * 0.45;
        let lh = fs * 1.3;
        let header: Vec<Vec<String>> = self
            .headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                text::wrap(h, fs * 0.9, true, col_w.get(i).copied().unwrap_or(w) - 2.0 * pad)
            })
            .collect();
        let header_h = if header.is_empty() {
            0.0
        } else {
            header.iter().map(Vec::len).max().unwrap_or(1) as f64 * fs * 0.9 * 1.3 + 2.0 * pad
        };
        let mut cells = Vec::new();
        let mut row_h = Vec::new();
        for row in &self.rows {
            let mut laid_row = Vec::new();
            let mut h = fs * self.min_row;
            for (i, cell) in row.iter().enumerate() {
                let mut avail = col_w.get(i).copied().unwrap_or(0.0) - 2.0 * pad;
                if cell.swatch.is_some() {
                    avail -= fs * 1.6;
                }
                let mut lines = Vec::new();
                let mut ch = 0.0;
                for l in &cell.lines {
                    for t in text::wrap(&l.text, fs * l.scale, l.bold, avail.max(fs)) {
                        ch += lh * l.scale;
                        lines.push((t, l.bold, l.scale));
                    }
                }
                h = f64::max(h, ch + 2.0 * pad * 0.8);
                laid_row.push(lines);
            }
            cells.push(laid_row);
            row_h.push(h.max(lh + pad));
        }
        Laid { col_x, col_w, header, header_h, cells, row_h }
    }

    /// Height of the table drawn `w` mm wide at font size `fs`.
    pub fn height(&self, w: f64, fs: f64) -> f64 {
        let l = self.lay_out(w, fs);
        l.header_h + l.row_h.iter().sum::<f64>()
    }

    /// Draws the table with its top-left corner at `(x, y)`; returns the SVG and the height.
    pub fn draw(&self, x: f64, y: f64, w: f64, fs: f64) -> (String, f64) {
        let l = self.lay_out(w, fs);
        let pad = fs * 0.45;
        let lh = fs * 1.3;
        let mut out = String::new();
        let total_h = l.header_h + l.row_h.iter().sum::<f64>();
        if !l.header.is_empty() {
            svg::rect(&mut out, x, y, w, l.header_h, &format!(r#"fill="{INK_BLUE}""#));
            for (i, lines) in l.header.iter().enumerate() {
                for (j, t) in lines.iter().enumerate() {
                    let ty = y + pad + fs * 0.9 * (1.0 + 1.3 * j as f64) - fs * 0.12;
                    let (tx, anchor) = self.text_x(i, &l, x, pad);
                    svg::text(&mut out, tx, ty, fs * 0.9, 700, anchor, "#fff", t);
                }
            }
        }
        let mut ry = y + l.header_h;
        for (r, row) in l.cells.iter().enumerate() {
            let h = l.row_h[r];
            match (self.row_attr, self.row_attr_values.get(r)) {
                (Some(name), Some(v)) => {
                    let _ = write!(out, r#"<g {name}="{}">"#, svg::esc(v));
                }
                _ => out.push_str("<g>"),
            }
            if r % 2 == 1 {
                svg::rect(&mut out, x, ry, w, h, r##"fill="#eef2f7""##);
            }
            for (i, lines) in row.iter().enumerate() {
                let mut ty = ry + pad * 0.8;
                let (mut tx, anchor) = self.text_x(i, &l, x, pad);
                if let Some(sw) = self.rows[r].get(i).and_then(|c| c.swatch.as_ref()) {
                    let sx = x + l.col_x[i] + pad;
                    svg::rect(
                        &mut out,
                        sx,
                        ry + pad * 0.8 + fs * 0.12,
                        fs * 1.2,
                        fs * 1.2,
                        &format!(
                            r##"fill="{sw}" stroke="#222" stroke-width="{}""##,
                            num(fs * 0.06)
                        ),
                    );
                    if anchor == "start" {
                        tx += fs * 1.6;
                    }
                }
                for (t, bold, scale) in lines {
                    ty += lh * scale;
                    svg::text(
                        &mut out,
                        tx,
                        ty - lh * scale * 0.28,
                        fs * scale,
                        if *bold { 700 } else { 400 },
                        anchor,
                        "#000",
                        t,
                    );
                }
            }
            ry += h;
            svg::line(&mut out, x, ry, x + w, ry, r##"stroke="#9aa5b1" stroke-width="0.1""##);
            out.push_str("</g>");
        }
        // Outer frame and column rules.
        svg::rect(
            &mut out,
            x,
            y,
            w,
            total_h,
            &format!(r#"fill="none" stroke="{INK_BLUE}" stroke-width="{}""#, num(fs * 0.1)),
        );
        for cx in l.col_x.iter().skip(1) {
            svg::line(
                &mut out,
                x + cx,
                y,
                x + cx,
                y + total_h,
                r##"stroke="#9aa5b1" stroke-width="0.1""##,
            );
        }
        (out, total_h)
    }

    fn text_x(&self, i: usize, l: &Laid, x: f64, pad: f64) -> (f64, &'static str) {
        let (cx, cw) =
            (x + l.col_x.get(i).copied().unwrap_or(0.0), l.col_w.get(i).copied().unwrap_or(0.0));
        match self.aligns.get(i).copied().unwrap_or(Align::Left) {
            Align::Left => (cx + pad, "start"),
            Align::Right => (cx + cw - pad, "end"),
            Align::Centre => (cx + cw / 2.0, "middle"),
        }
    }

    /// The largest font size from `fs` down to `min_fs` (steps of 8 %) at which the table fits
    /// in `max_h`; `min_fs` if none does.
    pub fn fit_font(&self, w: f64, fs: f64, min_fs: f64, max_h: f64) -> f64 {
        let mut f = fs;
        while f > min_fs && self.height(w, f) > max_h {
            f *= 0.92;
        }
        f.max(min_fs)
    }
}

/// The largest size ≤ `size` at which `s` fits in `max_w`.
pub fn fit_size(s: &str, size: f64, bold: bool, max_w: f64) -> f64 {
    let w = text::width(s, size, bold);
    if w > max_w && w > 0.0 {
        size * max_w / w
    } else {
        size
    }
}
