//! The wall poster: title block, map, legend table, summary, key, signature and footer.

use std::fmt::Write;

use kshetra_core::format::{decimal_indian, group_indian_u64};
use kshetra_core::i18n::Msg;

use crate::geom::{Frame, Prepared};
use crate::labels::LabelBox;
use crate::map::{self, MapStyle};
use crate::options::{FontFace, Orientation, PosterOptions, PrintLang};
use crate::style::{fill_ref, hatch_defs, unassigned_def};
use crate::svg::{self, num};
use crate::table::{fit_size, Align, Cell, Line, Table, INK_BLUE};
use crate::text;

/// A laid-out page: size and content, before it is wrapped in an `<svg>` document.
#[derive(Debug, Clone)]
pub struct Page {
    /// Width (mm).
    pub w: f64,
    /// Height (mm).
    pub h: f64,
    /// Content (`<defs>` included).
    pub body: String,
    /// Boxes of the labels placed on the map.
    pub labels: Vec<LabelBox>,
}

/// Font stack: the bundled Noto Sans Devanagari (Latin and Devanagari), then fallbacks.
pub const FONT_FAMILY: &str = "'Noto Sans Devanagari', 'Noto Sans', 'Mangal', sans-serif";

/// Wraps page content in a standalone SVG document of exactly `w × h` mm.
pub fn document(w: f64, h: f64, lang: PrintLang, fonts: &[FontFace], body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 1024);
    let _ = write!(
        out,
        r#"<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="{w}mm" height="{h}mm" viewBox="0 0 {w} {h}" lang="{}" font-family="{FONT_FAMILY}">"#,
        lang.primary().code(),
        w = num(w),
        h = num(h),
    );
    if !fonts.is_empty() {
        out.push_str("<style>");
        for f in fonts {
            let _ = write!(
                out,
                "@font-face{{font-family:'Noto Sans Devanagari';font-style:normal;font-weight:{};src:url(data:font/woff2;base64,{}) format('woff2');",
                f.weight,
                svg::base64(&f.woff2)
            );
            if !f.unicode_range.trim().is_empty() {
                let _ = write!(out, "unicode-range:{};", svg::esc(f.unicode_range.trim()));
            }
            out.push('}');
        }
        out.push_str("</style>");
    }
    out.push_str(body);
    out.push_str("</svg>\n");
    out
}

/// Scale of type and lines relative to A4 (short side / 210 mm).
pub fn scale_of(w: f64, h: f64) -> f64 {
    w.min(h) / 210.0
}

/// Lines of the title block: (text, size, bold, colour).
fn title_lines(prep: &Prepared, lang: PrintLang, s: f64) -> Vec<(String, f64, bool, &'static str)> {
    let t = &prep.input.title;
    let mut lines = Vec::new();
    for (i, &l) in lang.langs().iter().enumerate() {
        let m = t.mission.get(l).trim();
        if !m.is_empty() {
            lines.push((m.to_string(), if i == 0 { 4.2 * s } else { 3.3 * s }, i == 0, INK_BLUE));
        }
    }
    for (i, &l) in lang.langs().iter().enumerate() {
        let sub = match t.subtitle.get(l).trim() {
            "" => Msg::PosterSubtitle.text(l).to_string(),
            x => x.to_string(),
        };
        let city = t.city.get(l).trim();
        let text = if city.is_empty() { sub } else { format!("{city} — {sub}") };
        lines.push((text, if i == 0 { 6.4 * s } else { 4.6 * s }, true, "#000"));
    }
    let mut parts = Vec::new();
    if !t.order_reference.trim().is_empty() {
        parts.push(lang.labelled(Msg::OrderReference, t.order_reference.trim()));
    }
    if !t.date.trim().is_empty() {
        parts.push(lang.labelled(Msg::DateLabel, t.date.trim()));
    }
    if !parts.is_empty() {
        // Em spaces: SVG collapses ordinary runs of spaces.
        lines.push((parts.join("\u{2003}\u{2003}"), 3.0 * s, false, "#333"));
    }
    lines
}

/// Draws the title block centred in `(x, y, w)`; returns SVG and height.
fn title_block(prep: &Prepared, lang: PrintLang, s: f64, x: f64, y: f64, w: f64) -> (String, f64) {
    let mut out = String::from(r#"<g class="title">"#);
    let mut ty = y;
    for (t, size, bold, colour) in title_lines(prep, lang, s) {
        let size = fit_size(&t, size, bold, w);
        ty += size * 1.05;
        svg::text(
            &mut out,
            x + w / 2.0,
            ty,
            size,
            if bold { 700 } else { 400 },
            "middle",
            colour,
            &t,
        );
        ty += size * 0.45;
    }
    ty += 1.2 * s;
    svg::line(
        &mut out,
        x,
        ty,
        x + w,
        ty,
        &format!(r#"stroke="{INK_BLUE}" stroke-width="{}""#, num(0.5 * s)),
    );
    svg::line(
        &mut out,
        x,
        ty + 0.9 * s,
        x + w,
        ty + 0.9 * s,
        &format!(r#"stroke="{INK_BLUE}" stroke-width="{}""#, num(0.18 * s)),
    );
    out.push_str("</g>");
    (out, ty + 0.9 * s - y)
}

/// The legend table of organisers and areas.
fn legend_table(prep: &Prepared, lang: PrintLang, bw: bool, narrow: bool) -> Table {
    let input = prep.input;
    let mut headers = vec![lang.text(Msg::ColNumber), lang.text(Msg::ColOrganiser)];
    let mut widths = vec![0.09, 0.22];
    let mut aligns = vec![Align::Centre, Align::Left];
    if !narrow {
        headers.push(lang.text(Msg::ColMobile));
        widths.push(0.13);
        aligns.push(Align::Left);
    }
    headers.extend([
        lang.text(Msg::Wards),
        lang.text(Msg::ColPoorHouseholds),
        lang.text(Msg::ColContactPoint),
    ]);
    widths.extend(if narrow { [0.33, 0.13, 0.23] } else { [0.24, 0.11, 0.21] });
    aligns.extend([Align::Left, Align::Right, Align::Left]);
    let mut rows = Vec::new();
    let mut attrs = Vec::new();
    // A role shared by everyone says nothing the column header does not.
    let same_role = input.areas.windows(2).all(|p| p[0].role == p[1].role);
    for (a, area) in input.areas.iter().enumerate() {
        let wards: Vec<&str> =
            input.wards_of(a).into_iter().map(|w| input.wards.wards()[w].number.as_str()).collect();
        let name = if area.organiser_name.trim().is_empty() {
            lang.text(Msg::Vacant)
        } else {
            area.organiser_name.trim().to_string()
        };
        let mut org = vec![Line::bold(name.clone())];
        if let Some(r) = area.role.as_deref().filter(|r| !r.trim().is_empty() && !same_role) {
            org.push(Line::small(r.trim()));
        }
        let mobile = area.mobile.as_deref().map(str::trim).filter(|m| !m.is_empty());
        if narrow {
            if let Some(m) = mobile {
                org.push(Line::small(m));
            }
        }
        let mut contact = Vec::new();
        if let Some(cp) = &area.contact_point {
            contact.push(Line::plain(cp.name.trim()));
            if let Some(m) = cp.meeting.as_deref().filter(|m| !m.trim().is_empty()) {
                contact.push(Line::small(lang.labelled(Msg::Meeting, m.trim())));
            }
        }
        let mut row = vec![
            Cell {
                lines: vec![Line::bold(area.number.trim())],
                swatch: Some(fill_ref(prep.fills.get(a).copied().unwrap_or(0), bw)),
            },
            Cell::of(org),
        ];
        if !narrow {
            row.push(Cell::of(vec![Line::plain(mobile.unwrap_or(""))]));
        }
        row.extend([
            Cell::of(vec![Line::plain(wards.join(", "))]),
            Cell::of(vec![Line::plain(group_indian_u64(area.poor_households))]),
            Cell::of(contact),
        ]);
        rows.push(row);
        attrs.push(name);
    }
    let unassigned: Vec<&str> = (0..input.wards.wards().len())
        .filter(|&w| input.area_of(w).is_none())
        .map(|w| input.wards.wards()[w].number.as_str())
        .collect();
    if !unassigned.is_empty() {
        let mut row = vec![
            Cell { lines: vec![Line::bold("–")], swatch: Some("url(#hu)".into()) },
            Cell::of(vec![Line::bold(lang.text(Msg::Unassigned))]),
        ];
        if !narrow {
            row.push(Cell::default());
        }
        row.extend([
            Cell::of(vec![Line::plain(unassigned.join(", "))]),
            Cell::default(),
            Cell::default(),
        ]);
        rows.push(row);
        attrs.push(String::new());
    }
    Table {
        headers,
        widths,
        aligns,
        rows,
        min_row: 0.0,
        row_attr: Some("data-organiser"),
        row_attr_values: attrs,
    }
}

/// The summary block as a two-column table.
fn summary_table(prep: &Prepared, lang: PrintLang) -> Table {
    let sm = &prep.input.summary;
    let not_known = lang.text(Msg::NotKnown);
    let rows: Vec<(String, String)> = vec![
        (lang.text(Msg::Population), sm.population.map(group_indian_u64).unwrap_or(not_known)),
        (lang.text(Msg::PoorShareUsed), format!("{} %", decimal_indian(sm.poor_share * 100.0, 1))),
        (lang.text(Msg::HouseholdSizeUsed), decimal_indian(sm.household_size, 1)),
        (lang.text(Msg::ColPoorHouseholds), group_indian_u64(sm.poor_households)),
    ];
    let mut cells: Vec<Vec<Cell>> = rows
        .into_iter()
        .map(|(k, v)| vec![Cell::of(vec![Line::plain(k)]), Cell::of(vec![Line::bold(v)])])
        .collect();
    let mut needed = vec![Line::plain(lang.text(Msg::OrganisersNeeded))];
    if let Some(n) = sm.households_per_organiser {
        needed.push(Line::small(lang.fill(Msg::NormPerOrganiser, &[("n", &group_indian_u64(n))])));
    }
    cells.push(vec![
        Cell::of(needed),
        Cell::of(vec![Line::bold(group_indian_u64(sm.organisers_needed))]),
    ]);
    for (k, v) in [
        (Msg::OrganisersAvailable, sm.organisers_available),
        (Msg::Wards, prep.input.wards.wards().len() as u64),
        (Msg::WorkingAreas, prep.input.areas.len() as u64),
    ] {
        cells.push(vec![
            Cell::of(vec![Line::plain(lang.text(k))]),
            Cell::of(vec![Line::bold(group_indian_u64(v))]),
        ]);
    }
    Table {
        headers: vec![lang.text(Msg::SummaryTitle), String::new()],
        widths: vec![0.74, 0.26],
        aligns: vec![Align::Left, Align::Right],
        rows: cells,
        min_row: 0.0,
        row_attr: None,
        row_attr_values: Vec::new(),
    }
}

/// How the map key is lettered: language, black and white, font size (mm) and the page's
/// scale factor.
#[derive(Debug, Clone, Copy)]
struct KeyLook {
    lang: PrintLang,
    bw: bool,
    fs: f64,
    s: f64,
}

/// The map key at `(x, y)`, `w` wide: symbols and what they mean. Returns SVG and height.
fn key_block(prep: &Prepared, look: KeyLook, x: f64, y: f64, w: f64) -> (String, f64) {
    let KeyLook { lang, bw, fs, s } = look;
    let mut out = String::from(r#"<g class="key">"#);
    let lh = fs * 1.9;
    let sw = fs * 3.0;
    let mut items: Vec<(&str, String)> = vec![
        ("fill", lang.text(Msg::WorkingAreas)),
        ("area", lang.text(Msg::KeyAreaBorder)),
        ("ward", lang.text(Msg::KeyWardBorder)),
    ];
    if !prep.zones.is_empty() {
        items.push(("zone", lang.text(Msg::KeyZoneBorder)));
    }
    if prep.input.areas.iter().any(|a| a.contact_point.is_some()) {
        items.push(("contact", lang.text(Msg::KeyContactPoint)));
    }
    if (0..prep.input.wards.wards().len()).any(|i| prep.input.area_of(i).is_none()) {
        items.push(("unassigned", lang.text(Msg::Unassigned)));
    }
    svg::text(
        &mut out,
        x,
        y + fs * 1.1,
        fs * 1.05,
        700,
        "start",
        INK_BLUE,
        &lang.text(Msg::MapKey),
    );
    let mut ty = y + fs * 1.6;
    for (kind, label) in items {
        let cy = ty + lh / 2.0;
        match kind {
            "fill" => {
                for i in 0..3 {
                    svg::rect(
                        &mut out,
                        x + i as f64 * sw / 3.0,
                        cy - fs * 0.6,
                        sw / 3.0,
                        fs * 1.2,
                        &format!(r#"fill="{}""#, fill_ref(i, bw)),
                    );
                }
            }
            "area" => svg::line(
                &mut out,
                x,
                cy,
                x + sw,
                cy,
                &format!(r##"stroke="#1a1a1a" stroke-width="{}""##, num(0.8 * s.sqrt())),
            ),
            "ward" => {
                svg::line(
                    &mut out,
                    x,
                    cy,
                    x + sw * 0.55,
                    cy,
                    &format!(r##"stroke="#5f6b77" stroke-width="{}""##, num(0.13 * s.sqrt())),
                );
                svg::text(&mut out, x + sw * 0.8, cy + fs * 0.36, fs, 400, "middle", "#222", "12");
            }
            "zone" => svg::line(
                &mut out,
                x,
                cy,
                x + sw,
                cy,
                &format!(
                    r##"stroke="#3a3a3a" stroke-width="{}" stroke-dasharray="{} {}""##,
                    num(0.45 * s.sqrt()),
                    num(2.2 * s.sqrt()),
                    num(1.2 * s.sqrt())
                ),
            ),
            "contact" => map::marker(&mut out, x + sw / 2.0, cy, 1.3 * s.sqrt(), bw),
            _ => svg::rect(
                &mut out,
                x,
                cy - fs * 0.6,
                sw,
                fs * 1.2,
                r##"fill="url(#hu)" stroke="#5f6b77" stroke-width="0.1""##,
            ),
        }
        let size = fit_size(&label, fs, false, w - sw - fs);
        svg::text(
            &mut out,
            x + sw + fs * 0.8,
            cy + size * 0.35,
            size,
            400,
            "start",
            "#000",
            &label,
        );
        ty += lh;
    }
    out.push_str("</g>");
    (out, ty - y)
}

/// Signature block, right-aligned to `x_right`. Returns SVG and height.
fn signature_block(
    prep: &Prepared,
    lang: PrintLang,
    x_right: f64,
    y: f64,
    w: f64,
    fs: f64,
) -> (String, f64) {
    let t = &prep.input.title;
    let mut out = String::from(r#"<g class="signature">"#);
    let mut ty = y + fs * 5.5;
    svg::line(
        &mut out,
        x_right - w,
        ty,
        x_right,
        ty,
        r##"stroke="#000" stroke-width="0.2" stroke-dasharray="0.6 0.6""##,
    );
    ty += fs * 1.3;
    svg::text(&mut out, x_right, ty, fs * 0.85, 400, "end", "#444", &lang.text(Msg::Signature));
    if let Some(n) = t.signatory_name.as_deref().filter(|n| !n.trim().is_empty()) {
        ty += fs * 1.5;
        let size = fit_size(n.trim(), fs, true, w);
        svg::text(&mut out, x_right, ty, size, 700, "end", "#000", n.trim());
    }
    for &l in lang.langs() {
        let d = t.signatory.get(l).trim();
        if !d.is_empty() && (l == lang.primary() || d != t.signatory.get(lang.primary()).trim()) {
            ty += fs * 1.4;
            let size = fit_size(d, fs, false, w);
            svg::text(&mut out, x_right, ty, size, 400, "end", "#000", d);
        }
    }
    let city = t.city.get(lang.primary()).trim();
    if !city.is_empty() {
        ty += fs * 1.4;
        svg::text(&mut out, x_right, ty, fit_size(city, fs, false, w), 400, "end", "#000", city);
    }
    out.push_str("</g>");
    (out, ty - y + fs * 0.5)
}

/// Footer: attribution (wrapped) on the left, "made with Kshetra" on the right. Returns SVG
/// and height; drawn upwards from `bottom`.
fn footer(prep: &Prepared, lang: PrintLang, x: f64, bottom: f64, w: f64, fs: f64) -> (String, f64) {
    let made = lang.text(Msg::MadeWith);
    let made_w = text::width(&made, fs, true) + fs;
    let mut parts = Vec::new();
    let sources: Vec<&str> =
        prep.input.attribution.iter().map(|a| a.trim()).filter(|a| !a.is_empty()).collect();
    if !sources.is_empty() {
        parts.push(lang.labelled(Msg::MapData, &sources.join("; ")));
    }
    parts.push(lang.text(Msg::PrivacyNote));
    let lines = text::wrap(&parts.join("  ·  "), fs, false, w - made_w);
    let h = lines.len() as f64 * fs * 1.35;
    let mut out = String::from(r#"<g class="footer">"#);
    for (i, l) in lines.iter().enumerate() {
        svg::text(
            &mut out,
            x,
            bottom - h + fs * (1.0 + 1.35 * i as f64),
            fs,
            400,
            "start",
            "#444",
            l,
        );
    }
    svg::text(&mut out, x + w, bottom - h + fs, fs, 700, "end", INK_BLUE, &made);
    out.push_str("</g>");
    (out, h)
}

struct Layout {
    w: f64,
    h: f64,
    map_box: LabelBox,
    frame: Option<Frame>,
}

/// Lays out and draws the poster in the concrete orientation `orientation`.
fn draw_oriented(
    prep: &Prepared,
    opts: &PosterOptions,
    orientation: Orientation,
    draw_all: bool,
) -> (Page, Layout) {
    let (w, h) = opts.paper.oriented(orientation);
    let s = scale_of(w, h);
    let lang = opts.lang;
    let bw = opts.black_and_white;
    let m =
        if opts.margin_mm.is_finite() { opts.margin_mm.clamp(0.0, w.min(h) / 4.0) } else { 10.0 };
    let pad = 4.0 * s;
    let (cx, cy, cw, ch) = (m + pad, m + pad, w - 2.0 * (m + pad), h - 2.0 * (m + pad));
    let mut body = String::new();
    let _ = write!(body, "<defs>{}</defs>", if bw { hatch_defs(s) } else { unassigned_def(s) });
    svg::rect(&mut body, 0.0, 0.0, w, h, r##"fill="#fff""##);
    // Double frame.
    svg::rect(
        &mut body,
        m,
        m,
        w - 2.0 * m,
        h - 2.0 * m,
        &format!(r#"fill="none" stroke="{INK_BLUE}" stroke-width="{}""#, num(0.6 * s)),
    );
    svg::rect(
        &mut body,
        m + 1.2 * s,
        m + 1.2 * s,
        w - 2.0 * (m + 1.2 * s),
        h - 2.0 * (m + 1.2 * s),
        &format!(r#"fill="none" stroke="{INK_BLUE}" stroke-width="{}""#, num(0.2 * s)),
    );

    let (title_svg, title_h) = title_block(prep, lang, s, cx, cy, cw);
    body.push_str(&title_svg);
    let (foot_svg, foot_h) = footer(prep, lang, cx, cy + ch, cw, 2.1 * s);
    body.push_str(&foot_svg);
    let gap = 3.5 * s;
    let top = cy + title_h + gap;
    let bottom = cy + ch - foot_h - gap;
    let body_h = (bottom - top).max(10.0);
    let landscape = w > h;
    let legend = legend_table(prep, lang, bw, landscape);
    let summary = summary_table(prep, lang);
    let fs_small = 2.4 * s;

    // A side column (summary, key, signature) beside the map; the legend goes under the map
    // in portrait and into the side column in landscape.
    let side_w = if landscape { cw * 0.37 } else { cw * 0.3 };
    let sx = cx + cw - side_w;
    let heading = 3.4 * s;
    let sig_h = signature_block(prep, lang, 0.0, 0.0, side_w, 2.6 * s).1;
    // Portrait: summary, key and signature stacked beside the map. Landscape: the legend on
    // top of the side column, then the summary beside the key and signature.
    let (sum_w, key_x, key_w) = if landscape {
        let sum_w = side_w * 0.56;
        (sum_w, sx + sum_w + gap, side_w - sum_w - gap)
    } else {
        (side_w, sx, side_w)
    };
    let fs_sum = if landscape { fs_small * 0.9 } else { fs_small };
    let sum_h = summary.height(sum_w, fs_sum);
    let key_look = KeyLook { lang, bw, fs: fs_sum * 0.95, s };
    let (_, key_h) = key_block(prep, key_look, 0.0, 0.0, key_w);
    let side_h =
        if landscape { sum_h.max(key_h + sig_h + gap) } else { sum_h + key_h + sig_h + 2.0 * gap };
    let map_box;
    let side_top;
    if landscape {
        map_box = LabelBox { x: cx, y: top, w: cw - side_w - gap, h: body_h };
        let avail = body_h - side_h - heading * 1.8 - gap;
        let fl = legend.fit_font(side_w, 2.6 * s, 1.5 * s.sqrt(), avail);
        let (leg_svg, leg_h) = legend.draw(sx, top + heading * 1.8, side_w, fl);
        svg::text(
            &mut body,
            sx,
            top + heading * 1.1,
            heading,
            700,
            "start",
            INK_BLUE,
            &lang.text(Msg::LegendTitle),
        );
        let _ = write!(body, r#"<g class="legend">{leg_svg}</g>"#);
        side_top = (bottom - side_h).max(top + heading * 1.8 + leg_h + gap);
    } else {
        let avail = body_h - side_h.max(body_h * 0.5) - heading * 1.8 - gap;
        let fl = legend.fit_font(cw, 2.5 * s, 1.5 * s.sqrt(), avail);
        let leg_h = legend.height(cw, fl);
        let map_h = (body_h - leg_h - heading * 1.8 - gap).max(10.0);
        map_box = LabelBox { x: cx, y: top, w: cw - side_w - gap, h: map_h };
        let ly = top + map_h + gap;
        svg::text(
            &mut body,
            cx,
            ly + heading * 1.1,
            heading,
            700,
            "start",
            INK_BLUE,
            &lang.text(Msg::LegendTitle),
        );
        let (leg_svg, _) = legend.draw(cx, ly + heading * 1.8, cw, fl);
        let _ = write!(body, r#"<g class="legend">{leg_svg}</g>"#);
        side_top = top + (map_h - side_h).max(0.0);
    }
    let (sum_svg, _) = summary.draw(sx, side_top, sum_w, fs_sum);
    let _ = write!(body, r#"<g class="summary">{sum_svg}</g>"#);
    let key_y = if landscape { side_top } else { side_top + sum_h + gap };
    let (key_svg, _) = key_block(prep, key_look, key_x, key_y, key_w);
    body.push_str(&key_svg);
    let sig_y =
        if landscape { side_top + side_h - sig_h } else { side_top + sum_h + key_h + 2.0 * gap };
    let (sig_svg, _) =
        signature_block(prep, lang, cx + cw, sig_y, key_w.min(side_w * 0.8), 2.6 * s);
    body.push_str(&sig_svg);

    let inner = 3.0 * s;
    let fit_box = LabelBox {
        x: map_box.x + inner,
        y: map_box.y + inner + 6.0 * s,
        w: map_box.w - 2.0 * inner,
        h: map_box.h - 2.0 * inner - 12.0 * s,
    };
    let frame = prep
        .bounds
        .map(|b| Frame::fit(b, fit_box.x, fit_box.y, fit_box.w.max(1.0), fit_box.h.max(1.0)));
    let mut labels = Vec::new();
    if draw_all {
        svg::rect(
            &mut body,
            map_box.x,
            map_box.y,
            map_box.w,
            map_box.h,
            &format!(r##"fill="#fbfcfd" stroke="{INK_BLUE}" stroke-width="{}""##, num(0.3 * s)),
        );
        let (na_svg, na_box) =
            map::north_arrow(map_box.x + map_box.w - inner, map_box.y + inner, s, lang);
        let mut obstacles = vec![na_box];
        let mut furniture = na_svg;
        if let Some(fr) = &frame {
            let (sb_svg, sb_box) = map::scale_bar(
                map_box.x + inner + 2.0 * s,
                map_box.y + map_box.h - inner,
                fr.k,
                map_box.w * 0.25,
                s,
                lang,
            );
            obstacles.push(sb_box);
            furniture.push_str(&sb_svg);
            let drawn = map::draw(
                prep,
                fr,
                map_box,
                MapStyle { s, bw, focus: None, lang, id: "m" },
                &obstacles,
            );
            body.push_str(r#"<g class="map">"#);
            body.push_str(&drawn.svg);
            body.push_str("</g>");
            labels = drawn.labels;
        }
        body.push_str(&furniture);
    }
    (Page { w, h, body, labels }, Layout { w, h, map_box, frame })
}

/// Lays out and draws the poster, choosing the orientation when `Auto`.
pub fn draw(prep: &Prepared, opts: &PosterOptions) -> Page {
    let orientation = match opts.orientation {
        Orientation::Auto => {
            let scale = |o| draw_oriented(prep, opts, o, false).1.frame.map(|f| f.k).unwrap_or(0.0);
            let (p, l) = (scale(Orientation::Portrait), scale(Orientation::Landscape));
            if l > p * 1.02 {
                Orientation::Landscape
            } else {
                Orientation::Portrait
            }
        }
        o => o,
    };
    let (page, layout) = draw_oriented(prep, opts, orientation, true);
    debug_assert!(layout.w == page.w && layout.h == page.h && layout.map_box.w > 0.0);
    page
}
