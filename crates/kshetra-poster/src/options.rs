//! Paper, language, colour and font choices.

use kshetra_core::i18n::{Lang, Msg};

/// ISO 216 A-series paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Paper {
    /// 210 × 297 mm.
    A4,
    /// 297 × 420 mm.
    A3,
    /// 420 × 594 mm.
    A2,
    /// 594 × 841 mm.
    A1,
    /// 841 × 1189 mm.
    A0,
}

impl Paper {
    /// Every size, smallest first.
    pub const ALL: [Paper; 5] = [Paper::A4, Paper::A3, Paper::A2, Paper::A1, Paper::A0];

    /// Portrait size (width, height) in mm, exact per ISO 216.
    pub fn size_mm(self) -> (f64, f64) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::A3 => (297.0, 420.0),
            Paper::A2 => (420.0, 594.0),
            Paper::A1 => (594.0, 841.0),
            Paper::A0 => (841.0, 1189.0),
        }
    }

    /// Size in the given concrete orientation (`Auto` counts as portrait).
    pub fn oriented(self, orientation: Orientation) -> (f64, f64) {
        let (w, h) = self.size_mm();
        match orientation {
            Orientation::Landscape => (h, w),
            _ => (w, h),
        }
    }

    /// Name as printed ("A4").
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::A3 => "A3",
            Paper::A2 => "A2",
            Paper::A1 => "A1",
            Paper::A0 => "A0",
        }
    }
}

/// Page orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Orientation {
    /// Taller than wide.
    Portrait,
    /// Wider than tall.
    Landscape,
    /// Whichever gives the city's map the larger scale.
    #[default]
    Auto,
}

/// Language(s) of the printed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PrintLang {
    /// Hindi only.
    Hindi,
    /// English only.
    English,
    /// Hindi, with English alongside.
    #[default]
    Both,
}

impl PrintLang {
    /// The languages printed, Hindi first.
    pub fn langs(self) -> &'static [Lang] {
        match self {
            PrintLang::Hindi => &[Lang::Hi],
            PrintLang::English => &[Lang::En],
            PrintLang::Both => &[Lang::Hi, Lang::En],
        }
    }

    /// The main language (Hindi unless English only).
    pub fn primary(self) -> Lang {
        self.langs()[0]
    }

    /// A catalogue text in the printed language(s): "हिन्दी / English" when both.
    pub fn text(self, msg: Msg) -> String {
        self.langs().iter().map(|&l| msg.text(l)).collect::<Vec<_>>().join(" / ")
    }

    /// "label: value" with the label in the printed language(s) and the value once
    /// ("बैठक / Meeting: Mon 10–12").
    pub fn labelled(self, label: Msg, value: &str) -> String {
        format!("{}: {value}", self.text(label))
    }

    /// A filled catalogue text in the printed language(s).
    pub fn fill(self, msg: Msg, args: &[(&str, &str)]) -> String {
        self.langs().iter().map(|&l| msg.fill(l, args)).collect::<Vec<_>>().join(" / ")
    }
}

/// A font face to embed in a standalone SVG (`@font-face` with a base64 `data:` URL).
/// The renderer reads no files: the caller passes the bytes (the app has them in
/// `public/fonts`; the families are "Noto Sans Devanagari", OFL).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFace {
    /// CSS font weight (400 or 700).
    pub weight: u16,
    /// CSS `unicode-range`, e.g. "U+0900-097F" (empty: all).
    pub unicode_range: String,
    /// The woff2 file.
    pub woff2: Vec<u8>,
}

/// How a poster is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct PosterOptions {
    /// Paper size.
    pub paper: Paper,
    /// Orientation; `Auto` fits the city's shape.
    pub orientation: Orientation,
    /// Printed language(s).
    pub lang: PrintLang,
    /// Areas told apart by hatching instead of colour, for monochrome printers.
    pub black_and_white: bool,
    /// White margin on every side (mm), for office printers that cannot print to the edge.
    pub margin_mm: f64,
    /// Fonts embedded in the SVG; empty = refer to the installed/bundled font by name.
    pub embed_fonts: Vec<FontFace>,
}

impl PosterOptions {
    /// Colour poster on `paper`, orientation fitted to the city, Hindi and English,
    /// 10 mm margins.
    pub fn new(paper: Paper) -> Self {
        PosterOptions {
            paper,
            orientation: Orientation::Auto,
            lang: PrintLang::Both,
            black_and_white: false,
            margin_mm: 10.0,
            embed_fonts: Vec::new(),
        }
    }

    /// Sets the orientation.
    pub fn orientation(mut self, orientation: Orientation) -> Self {
        self.orientation = orientation;
        self
    }

    /// Sets the printed language(s).
    pub fn lang(mut self, lang: PrintLang) -> Self {
        self.lang = lang;
        self
    }

    /// Black-and-white (hatched) output.
    pub fn black_and_white(mut self, on: bool) -> Self {
        self.black_and_white = on;
        self
    }

    /// Sets the margins (mm); clamped to 0–50 mm.
    pub fn margin_mm(mut self, margin: f64) -> Self {
        self.margin_mm = if margin.is_finite() { margin.clamp(0.0, 50.0) } else { 10.0 };
        self
    }

    /// Embeds these font faces.
    pub fn embed_fonts(mut self, fonts: Vec<FontFace>) -> Self {
        self.embed_fonts = fonts;
        self
    }
}

/// How a large poster is split onto office-printer sheets.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TileOptions {
    /// Sheet size (A4 or A3 in practice).
    pub sheet: Paper,
    /// Sheet orientation; `Auto` picks the one needing fewer sheets.
    pub orientation: Orientation,
    /// Unprintable margin of the office printer (mm); marks and the sheet index go there.
    pub margin_mm: f64,
    /// Strip printed on both neighbouring sheets, to glue one over the other (mm).
    pub overlap_mm: f64,
}

impl TileOptions {
    /// `sheet` with 10 mm margins and 10 mm overlap, orientation chosen automatically.
    pub fn new(sheet: Paper) -> Self {
        TileOptions { sheet, orientation: Orientation::Auto, margin_mm: 10.0, overlap_mm: 10.0 }
    }
}
