//! Drawing the map itself: ward fills, borders, zone and area outlines, contact points, area
//! labels and ward numbers (placed without overlaps), north arrow and scale bar.

use std::fmt::Write;

use geo::{Contains, MultiPolygon, Point};

use crate::geom::{self, Frame, Prepared};
use crate::labels::{LabelBox, Placer};
use crate::options::PrintLang;
use crate::style::fill_ref;
use crate::svg::{self, num};
use crate::text;
use kshetra_core::i18n::Msg;

/// How the map is drawn.
#[derive(Debug, Clone, Copy)]
pub struct MapStyle {
    /// Scale of lines and text relative to A4.
    pub s: f64,
    /// Hatching instead of colours.
    pub bw: bool,
    /// Organiser sheet: this area in colour, the others grey, numbers only for its wards.
    pub focus: Option<usize>,
    /// Printed languages.
    pub lang: PrintLang,
    /// Prefix for ids (unique per document).
    pub id: &'static str,
}

/// The map's SVG and the labels placed on it.
pub struct DrawnMap {
    /// SVG elements.
    pub svg: String,
    /// Boxes of every placed label (area labels and ward numbers).
    pub labels: Vec<LabelBox>,
}

const AREA_LABEL_INK: &str = "#1a1a1a";

/// Draws the map into `map_box` (clipped to it), with `frame` mapping metres to the page and
/// `obstacles` (furniture) kept free of labels.
pub fn draw(
    prep: &Prepared,
    frame: &Frame,
    map_box: LabelBox,
    style: MapStyle,
    obstacles: &[LabelBox],
) -> DrawnMap {
    let s = style.s;
    let input = prep.input;
    let mut out = String::new();
    let clip = format!("{}clip", style.id);
    let _ = write!(out, r#"<clipPath id="{clip}">"#);
    svg::rect(&mut out, map_box.x, map_box.y, map_box.w, map_box.h, "");
    let _ = write!(out, r#"</clipPath><g clip-path="url(#{clip})">"#);

    let wards_page: Vec<MultiPolygon<f64>> = prep.wards.iter().map(|w| frame.to_page(w)).collect();
    let tp = |x: f64, y: f64| (x, y);

    // Ward fills and thin ward borders.
    let _ = write!(
        out,
        r##"<g class="wards" stroke="#5f6b77" stroke-width="{}" stroke-linejoin="round">"##,
        num(0.13 * s.sqrt())
    );
    for (i, wp) in wards_page.iter().enumerate() {
        if wp.0.is_empty() {
            continue;
        }
        let fill = match (input.area_of(i), style.focus) {
            (Some(a), Some(f)) if a != f => "#dcdcdc".to_string(),
            (Some(a), _) => fill_ref(prep.fills.get(a).copied().unwrap_or(0), style.bw),
            (None, _) => "url(#hu)".to_string(),
        };
        let _ = write!(out, r#"<path fill="{fill}" d="{}"/>"#, svg::multipolygon_path(wp, &tp));
    }
    out.push_str("</g>");

    // Zone borders, dashed.
    if !prep.zones.is_empty() {
        let _ = write!(
            out,
            r##"<g class="zones" fill="none" stroke="#3a3a3a" stroke-width="{}" stroke-dasharray="{} {}">"##,
            num(0.45 * s.sqrt()),
            num(2.2 * s.sqrt()),
            num(1.2 * s.sqrt())
        );
        for z in &prep.zones {
            let _ =
                write!(out, r#"<path d="{}"/>"#, svg::multipolygon_path(&frame.to_page(z), &tp));
        }
        out.push_str("</g>");
    }

    // Area borders, thick.
    let areas_page: Vec<MultiPolygon<f64>> = prep.areas.iter().map(|a| frame.to_page(a)).collect();
    let _ = write!(
        out,
        r##"<g class="areas" fill="none" stroke="{AREA_LABEL_INK}" stroke-width="{}" stroke-linejoin="round">"##,
        num(0.8 * s.sqrt())
    );
    for (a, ap) in areas_page.iter().enumerate() {
        if ap.0.is_empty() {
            continue;
        }
        let w = if style.focus == Some(a) { 1.4 } else { 1.0 };
        let _ = write!(out, r#"<path d="{}""#, svg::multipolygon_path(ap, &tp));
        if w != 1.0 {
            let _ = write!(out, r#" stroke-width="{}""#, num(0.8 * s.sqrt() * w));
        }
        out.push_str("/>");
    }
    out.push_str("</g>");

    let mut placer = Placer::new(map_box);
    for o in obstacles {
        placer.take(*o);
    }
    let mut labels = Vec::new();

    // Contact points: markers are obstacles for labels (never homes: the input has none).
    let mut markers = String::new();
    for (a, area) in input.areas.iter().enumerate() {
        let Some(cp) = &area.contact_point else { continue };
        if style.focus.is_some_and(|f| f != a) {
            continue;
        }
        let [mx, my] = prep.projection.project(cp.lon, cp.lat);
        let (x, y) = frame.page(mx, my);
        if !x.is_finite() || !y.is_finite() || !LabelBox::centred(x, y, 0.0, 0.0).within(&map_box) {
            continue;
        }
        let r = 1.3 * s.sqrt();
        marker(&mut markers, x, y, r, style.bw);
        placer.take(LabelBox::centred(x, y, 2.0 * r, 2.0 * r));
    }

    // Area labels: badge with the number, then the organiser's name.
    let mut area_svg = String::new();
    for (a, area) in input.areas.iter().enumerate() {
        let ap = &areas_page[a];
        if ap.0.is_empty()
            || style.focus.is_some_and(|f| f != a && !prep.area_neighbours[f].contains(&a))
        {
            continue;
        }
        let focus_only_number = style.focus.is_some_and(|f| f != a);
        let name = if focus_only_number {
            String::new()
        } else if area.organiser_name.trim().is_empty() {
            style.lang.text(Msg::Vacant)
        } else {
            area.organiser_name.trim().to_string()
        };
        let Some((anchor, depth)) = geom::anchor(ap) else { continue };
        let base = if style.focus.is_some() { 3.6 * s } else { 3.0 * s.powf(0.9) };
        let mut placed = None;
        'sizes: for k in [1.0, 0.85, 0.72, 0.6, 0.5] {
            let fs = base * k;
            let (w, h) = area_label_size(&area.number, &name, fs);
            let step = (fs * 0.8).max(depth / 4.0);
            let mut cands = vec![(anchor.x(), anchor.y())];
            cands.extend(geom::inner_points(ap, step, 60).into_iter().map(|(x, y, _)| (x, y)));
            for (cx, cy) in cands {
                let b = LabelBox::centred(cx, cy, w, h);
                if placer.is_free(&b) && geom::box_inside(ap, &b) {
                    placed = Some((b, fs, None));
                    break 'sizes;
                }
            }
        }
        if placed.is_none() {
            // Centre inside is enough for small areas.
            let fs = base * 0.5;
            let (w, h) = area_label_size(&area.number, &name, fs);
            for (cx, cy, _) in geom::inner_points(ap, fs * 0.5, 200) {
                let b = LabelBox::centred(cx, cy, w, h);
                if placer.is_free(&b) {
                    placed = Some((b, fs, None));
                    break;
                }
            }
            if placed.is_none() {
                placed = placer
                    .leader_position(anchor.x(), anchor.y(), w, h, fs)
                    .map(|b| (b, fs, Some((anchor.x(), anchor.y()))));
            }
        }
        if let Some((b, fs, leader)) = placed {
            placer.take(b);
            labels.push(b);
            draw_area_label(&mut area_svg, &b, fs, &area.number, &name, leader, s);
        }
    }

    // Ward numbers, most constrained (thinnest) wards first.
    // The organiser's own sheet shows fewer wards, larger.
    let (min_fs, max_fs) = if style.focus.is_some() {
        (2.0 * s.sqrt(), 3.6 * s.powf(0.85))
    } else {
        (1.3 + 0.35 * (s - 1.0).max(0.0), 2.3 * s.powf(0.85))
    };
    let mut order: Vec<(usize, Point<f64>, f64)> = wards_page
        .iter()
        .enumerate()
        .filter(|(i, _)| style.focus.is_none_or(|f| input.area_of(*i) == Some(f)))
        .filter_map(|(i, wp)| geom::anchor(wp).map(|(p, d)| (i, p, d)))
        .collect();
    order.sort_by(|a, b| a.2.total_cmp(&b.2).then(a.0.cmp(&b.0)));
    let mut ward_svg = String::new();
    let mut leaders = String::new();
    for (i, p, depth) in order {
        let number = &input.wards.wards()[i].number;
        let wp = &wards_page[i];
        let ideal = (depth * 0.9).clamp(min_fs, max_fs);
        let mut placed = None;
        'sizes: for fs in
            [ideal, ideal * 0.85, ideal * 0.72, min_fs].into_iter().filter(|f| *f >= min_fs)
        {
            let (w, h) = ward_label_size(number, fs);
            let mut cands = vec![(p.x(), p.y())];
            cands.extend(geom::inner_points(wp, fs * 0.6, 80).into_iter().map(|(x, y, _)| (x, y)));
            for (cx, cy) in cands {
                let b = LabelBox::centred(cx, cy, w, h);
                if placer.is_free(&b) && wp.contains(&Point::new(cx, cy)) {
                    placed = Some((b, fs));
                    break 'sizes;
                }
            }
        }
        let mut leader = None;
        if placed.is_none() {
            let (w, h) = ward_label_size(number, min_fs);
            if let Some(b) = placer.leader_position(p.x(), p.y(), w, h, min_fs * 0.8) {
                placed = Some((b, min_fs));
                leader = Some((p.x(), p.y()));
            }
        }
        let Some((b, fs)) = placed else { continue };
        placer.take(b);
        labels.push(b);
        if let Some((ax, ay)) = leader {
            let (ex, ey) = b.nearest_point(ax, ay);
            svg::line(
                &mut leaders,
                ax,
                ay,
                ex,
                ey,
                &format!(r##"stroke="#333" stroke-width="{}""##, num(0.12 * s.sqrt())),
            );
            let _ = write!(
                leaders,
                r##"<circle cx="{}" cy="{}" r="{}" fill="#333"/>"##,
                num(ax),
                num(ay),
                num(0.25 * s.sqrt())
            );
        }
        let (cx, cy) = b.centre();
        let _ = write!(
            ward_svg,
            r#"<text class="ward-no" data-box="{}" x="{}" y="{}" font-size="{}">{}</text>"#,
            b.attr(),
            num(cx),
            num(cy + fs * 0.36),
            num(fs),
            svg::esc(number)
        );
    }

    out.push_str(&leaders);
    let _ = write!(
        out,
        r##"<g class="ward-numbers" text-anchor="middle" fill="#222" stroke="#fff" stroke-width="{}" stroke-linejoin="round" paint-order="stroke">{ward_svg}</g>"##,
        num(0.35 * s.sqrt())
    );
    let _ = write!(out, r#"<g class="contact-points">{markers}</g>"#);
    let _ = write!(out, r#"<g class="area-labels">{area_svg}</g>"#);
    out.push_str("</g>");
    DrawnMap { svg: out, labels }
}

fn area_label_size(number: &str, name: &str, fs: f64) -> (f64, f64) {
    let badge = badge_width(number, fs);
    let name_w = if name.is_empty() { 0.0 } else { fs * 0.35 + text::width(name, fs, true) };
    (badge + name_w + fs * 0.5, fs * 1.45)
}

fn badge_width(number: &str, fs: f64) -> f64 {
    (text::width(number, fs * 0.9, true) + fs * 0.5).max(fs * 1.15)
}

fn ward_label_size(number: &str, fs: f64) -> (f64, f64) {
    let dev = number.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c));
    (text::width(number, fs, false) + fs * 0.3, fs * if dev { 1.3 } else { 0.95 })
}

fn draw_area_label(
    out: &mut String,
    b: &LabelBox,
    fs: f64,
    number: &str,
    name: &str,
    leader: Option<(f64, f64)>,
    s: f64,
) {
    let _ = write!(out, r#"<g class="area-label" data-box="{}">"#, b.attr());
    if let Some((ax, ay)) = leader {
        let (ex, ey) = b.nearest_point(ax, ay);
        svg::line(
            out,
            ax,
            ay,
            ex,
            ey,
            &format!(r#"stroke="{AREA_LABEL_INK}" stroke-width="{}""#, num(0.2 * s.sqrt())),
        );
    }
    svg::rect(
        out,
        b.x,
        b.y,
        b.w,
        b.h,
        &format!(
            r##"rx="{}" fill="#fff" fill-opacity="0.88" stroke="{AREA_LABEL_INK}" stroke-width="{}""##,
            num(fs * 0.3),
            num(fs * 0.05)
        ),
    );
    let bw = badge_width(number, fs);
    let (bx, cy) = (b.x + fs * 0.25, b.y + b.h / 2.0);
    svg::rect(
        out,
        bx,
        cy - fs * 0.55,
        bw,
        fs * 1.1,
        &format!(r#"rx="{}" fill="{AREA_LABEL_INK}""#, num(fs * 0.55)),
    );
    svg::text(out, bx + bw / 2.0, cy + fs * 0.9 * 0.36, fs * 0.9, 700, "middle", "#fff", number);
    if !name.is_empty() {
        svg::text(out, bx + bw + fs * 0.35, cy + fs * 0.34, fs, 700, "start", "#000", name);
    }
    out.push_str("</g>");
}

/// A contact-point marker: a ringed dot (red in colour, black in monochrome).
pub fn marker(out: &mut String, x: f64, y: f64, r: f64, bw: bool) {
    let ink = if bw { "#000" } else { "#c0392b" };
    let _ = write!(
        out,
        r##"<circle cx="{}" cy="{}" r="{}" fill="#fff" stroke="{ink}" stroke-width="{}"/><circle cx="{}" cy="{}" r="{}" fill="{ink}"/>"##,
        num(x),
        num(y),
        num(r),
        num(r * 0.35),
        num(x),
        num(y),
        num(r * 0.4)
    );
}

/// North arrow with its top-right corner at `(x, y)`; returns the SVG and its box.
pub fn north_arrow(x: f64, y: f64, s: f64, lang: PrintLang) -> (String, LabelBox) {
    let h = 11.0 * s.sqrt();
    let w = h * 0.5;
    let letter: String =
        lang.langs().iter().map(|&l| Msg::NorthLetter.text(l)).collect::<Vec<_>>().join("/");
    let fs = h * 0.32;
    let lw = text::width(&letter, fs, true).max(w);
    let bx = LabelBox { x: x - lw - h * 0.2, y, w: lw + h * 0.2, h: h + fs * 1.3 };
    let cx = bx.x + bx.w / 2.0;
    let top = y + fs * 1.3;
    let mut out = String::new();
    let _ = write!(out, r#"<g class="north-arrow">"#);
    svg::text(&mut out, cx, y + fs * 1.0, fs, 700, "middle", "#000", &letter);
    let _ = write!(
        out,
        r##"<path d="M{} {}L{} {}L{} {}z" fill="#000"/><path d="M{} {}L{} {}L{} {}z" fill="#fff" stroke="#000" stroke-width="{}"/></g>"##,
        num(cx),
        num(top),
        num(cx - w / 2.0),
        num(top + h),
        num(cx),
        num(top + h * 0.72),
        num(cx),
        num(top),
        num(cx + w / 2.0),
        num(top + h),
        num(cx),
        num(top + h * 0.72),
        num(0.15 * s.sqrt())
    );
    (out, bx)
}

/// Scale bar with its bottom-left corner at `(x, y)`, about `target_mm` long at `k` mm per
/// metre; returns the SVG and its box.
pub fn scale_bar(
    x: f64,
    y: f64,
    k: f64,
    target_mm: f64,
    s: f64,
    lang: PrintLang,
) -> (String, LabelBox) {
    let mut out = String::new();
    if !(k.is_finite() && k > 0.0) {
        return (out, LabelBox { x, y, w: 0.0, h: 0.0 });
    }
    let target_m = target_mm / k;
    let mag = 10f64.powf(target_m.log10().floor());
    let nice = [5.0, 2.0, 1.0].into_iter().map(|f| f * mag).find(|v| *v <= target_m).unwrap_or(mag);
    let len = nice * k;
    let segs = if (nice / mag) as i64 == 2 { 4 } else { 5 };
    let km = nice >= 1000.0;
    let unit = lang
        .langs()
        .iter()
        .map(|&l| if km { Msg::Km.text(l) } else { Msg::Metre.text(l) })
        .collect::<Vec<_>>()
        .join(" / ");
    let fs = 2.2 * s.sqrt();
    let bh = 1.2 * s.sqrt();
    let top = y - bh - fs * 1.4;
    let _ = write!(out, r#"<g class="scale-bar">"#);
    for i in 0..segs {
        let sx = x + len * f64::from(i) / f64::from(segs);
        let fill = if i % 2 == 0 { "#000" } else { "#fff" };
        svg::rect(
            &mut out,
            sx,
            y - bh,
            len / f64::from(segs),
            bh,
            &format!(r##"fill="{fill}" stroke="#000" stroke-width="{}""##, num(0.12 * s.sqrt())),
        );
    }
    let fmt = |m: f64| {
        let v = if km { m / 1000.0 } else { m };
        kshetra_core::format::decimal_indian(v, if v.fract().abs() > 1e-9 { 1 } else { 0 })
    };
    for (pos, val) in [(0.0, 0.0), (0.5, nice / 2.0), (1.0, nice)] {
        if pos == 0.5 && segs == 5 {
            continue;
        }
        svg::text(&mut out, x + len * pos, y - bh - fs * 0.4, fs, 400, "middle", "#000", &fmt(val));
    }
    let uw = text::width(&unit, fs, false);
    svg::text(&mut out, x + len + fs * 0.8, y - fs * 0.1, fs, 400, "start", "#000", &unit);
    out.push_str("</g>");
    let bx = LabelBox { x: x - fs, y: top, w: len + fs * 2.0 + uw, h: y - top + 0.5 };
    (out, bx)
}
