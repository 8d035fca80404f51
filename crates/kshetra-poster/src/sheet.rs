//! The per-organiser A4 sheet: the area's map (neighbours greyed), its wards with poor
//! households, the contact point and meeting time, and a weekly work plan to fill in.

use std::fmt::Write;

use geo::Rect;
use kshetra_core::format::group_indian_u64;
use kshetra_core::i18n::Msg;

use crate::geom::{Frame, Prepared};
use crate::labels::LabelBox;
use crate::map;
use crate::options::{Orientation, PosterOptions};
use crate::poster::{scale_of, Page};
use crate::style::{fill_ref, hatch_defs, unassigned_def};
use crate::svg::{self, num};
use crate::table::{fit_size, Align, Cell, Line, Table, INK_BLUE};

/// Draws the sheet of area `area`; `None` if there is no such area.
pub fn draw(prep: &Prepared, area: usize, opts: &PosterOptions) -> Option<Page> {
    let input = prep.input;
    let info = input.areas.get(area)?;
    let orientation = if opts.orientation == Orientation::Landscape {
        Orientation::Landscape
    } else {
        Orientation::Portrait
    };
    let (w, h) = opts.paper.oriented(orientation);
    let s = scale_of(w, h);
    let lang = opts.lang;
    let bw = opts.black_and_white;
    let m =
        if opts.margin_mm.is_finite() { opts.margin_mm.clamp(0.0, w.min(h) / 4.0) } else { 10.0 };
    let (cx, cy, cw, ch) =
        (m + 2.0 * s, m + 2.0 * s, w - 2.0 * (m + 2.0 * s), h - 2.0 * (m + 2.0 * s));
    let mut body = String::new();
    let _ = write!(body, "<defs>{}</defs>", if bw { hatch_defs(s) } else { unassigned_def(s) });
    svg::rect(&mut body, 0.0, 0.0, w, h, r##"fill="#fff""##);

    // Heading.
    let mut y = cy;
    let t = &input.title;
    let mission = lang
        .langs()
        .iter()
        .map(|&l| t.mission.get(l).trim().to_string())
        .filter(|x| !x.is_empty())
        .collect::<Vec<_>>();
    mission.iter().enumerate().for_each(|(i, ms)| {
        let size = fit_size(ms, if i == 0 { 3.2 * s } else { 2.6 * s }, i == 0, cw);
        y += size * 1.2;
        svg::text(&mut body, cx, y, size, if i == 0 { 700 } else { 400 }, "start", INK_BLUE, ms);
    });
    let name = if info.organiser_name.trim().is_empty() {
        lang.text(Msg::Vacant)
    } else {
        info.organiser_name.trim().to_string()
    };
    let title = format!("{} {}: {name}", lang.text(Msg::WorkingArea), info.number.trim());
    let size = fit_size(&title, 6.0 * s, true, cw);
    y += size * 1.25;
    let _ = write!(body, r#"<g class="sheet-title" data-organiser="{}">"#, svg::esc(&name));
    svg::text(&mut body, cx, y, size, 700, "start", "#000", &title);
    body.push_str("</g>");
    let mut sub: Vec<String> = Vec::new();
    let city = t.city.get(lang.primary()).trim();
    if !city.is_empty() {
        sub.push(city.to_string());
    }
    if let Some(r) = info.role.as_deref().filter(|r| !r.trim().is_empty()) {
        sub.push(r.trim().to_string());
    }
    if let Some(mo) = info.mobile.as_deref().filter(|r| !r.trim().is_empty()) {
        sub.push(format!("{}: {}", lang.text(Msg::ColMobile), mo.trim()));
    }
    if !t.date.trim().is_empty() {
        sub.push(lang.labelled(Msg::DateLabel, t.date.trim()));
    }
    let subline = sub.join("   ·   ");
    let size = fit_size(&subline, 3.0 * s, false, cw);
    y += size * 1.5;
    svg::text(&mut body, cx, y, size, 400, "start", "#333", &subline);
    y += 2.0 * s;
    svg::line(
        &mut body,
        cx,
        y,
        cx + cw,
        y,
        &format!(r#"stroke="{INK_BLUE}" stroke-width="{}""#, num(0.5 * s)),
    );
    y += 3.0 * s;

    // Lower part first (fixed size), so the map gets what is left.
    let fs = 2.6 * s;
    let days =
        [Msg::Monday, Msg::Tuesday, Msg::Wednesday, Msg::Thursday, Msg::Friday, Msg::Saturday];
    let plan = Table {
        headers: vec![
            lang.text(Msg::ColDay),
            lang.text(Msg::ColActivity),
            lang.text(Msg::ColPlace),
            lang.text(Msg::ColGroup),
            lang.text(Msg::ColRemarks),
        ],
        widths: vec![0.14, 0.32, 0.2, 0.18, 0.16],
        aligns: vec![Align::Left; 5],
        rows: days
            .iter()
            .map(|d| {
                let mut row = vec![Cell::of(vec![Line::bold(lang.text(*d))])];
                row.extend((0..4).map(|_| Cell::default()));
                row
            })
            .collect(),
        min_row: 3.6,
        row_attr: None,
        row_attr_values: Vec::new(),
    };
    let plan_h = plan.height(cw, fs);
    let wards = input.wards_of(area);
    let mut total_poor = 0u64;
    let mut any_poor = false;
    let mut rows: Vec<Vec<Cell>> = wards
        .iter()
        .map(|&wi| {
            let ward = &input.wards.wards()[wi];
            let poor =
                input.ward_poor_households.get(wi).copied().flatten().or(ward.poor_households);
            if let Some(p) = poor {
                total_poor += p;
                any_poor = true;
            }
            vec![
                Cell::of(vec![Line::bold(ward.number.as_str())]),
                Cell::of(vec![Line::plain(ward.name.as_deref().unwrap_or("").trim())]),
                Cell::of(vec![Line::plain(
                    ward.population.map(group_indian_u64).unwrap_or_default(),
                )]),
                Cell::of(vec![Line::plain(poor.map(group_indian_u64).unwrap_or_default())]),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::of(vec![Line::bold(lang.text(Msg::Total))]),
        Cell::default(),
        Cell::of(vec![Line::bold(group_indian_u64(
            wards.iter().filter_map(|&wi| input.wards.wards()[wi].population).sum(),
        ))]),
        Cell::of(vec![Line::bold(group_indian_u64(if any_poor {
            total_poor
        } else {
            info.poor_households
        }))]),
    ]);
    let ward_table = Table {
        headers: vec![
            lang.text(Msg::WardNumber),
            lang.text(Msg::WardName),
            lang.text(Msg::Population),
            lang.text(Msg::ColPoorHouseholds),
        ],
        widths: vec![0.18, 0.4, 0.21, 0.21],
        aligns: vec![Align::Left, Align::Left, Align::Right, Align::Right],
        rows,
        min_row: 0.0,
        row_attr: None,
        row_attr_values: Vec::new(),
    };
    let left_w = cw * 0.6;
    let right_w = cw - left_w - 4.0 * s;
    let heading = 3.2 * s;
    let bottom = cy + ch;
    let footer_h = 4.0 * s;
    let plan_top = bottom - footer_h - plan_h - heading * 3.2;
    let max_ward_h = (plan_top - y) * 0.4;
    let fw = ward_table.fit_font(left_w, fs, 1.5 * s, max_ward_h);
    let ward_h = ward_table.height(left_w, fw);
    let mid_top = plan_top - ward_h - heading * 1.8 - 3.0 * s;
    let map_box = LabelBox { x: cx, y, w: cw, h: (mid_top - y - 3.0 * s).max(20.0) };

    // Map, zoomed on the area with its surroundings.
    svg::rect(
        &mut body,
        map_box.x,
        map_box.y,
        map_box.w,
        map_box.h,
        &format!(r##"fill="#fbfcfd" stroke="{INK_BLUE}" stroke-width="{}""##, num(0.3 * s)),
    );
    let area_bounds =
        crate::geom::rect_union(geo::BoundingRect::bounding_rect(&prep.areas[area]).into_iter());
    let mut labels = Vec::new();
    if let Some(b) = area_bounds.or(prep.bounds) {
        let (bw_m, bh_m) = (b.width().max(200.0), b.height().max(200.0));
        let grown = Rect::new(
            (b.min().x - bw_m * 0.12, b.min().y - bh_m * 0.12),
            (b.max().x + bw_m * 0.12, b.max().y + bh_m * 0.12),
        );
        let inner = 3.0 * s;
        let frame = Frame::fit(
            grown,
            map_box.x + inner,
            map_box.y + inner,
            map_box.w - 2.0 * inner,
            map_box.h - 2.0 * inner,
        );
        let (na_svg, na_box) =
            map::north_arrow(map_box.x + map_box.w - inner, map_box.y + inner, s, lang);
        let (sb_svg, sb_box) = map::scale_bar(
            map_box.x + inner + 2.0 * s,
            map_box.y + map_box.h - inner,
            frame.k,
            map_box.w * 0.25,
            s,
            lang,
        );
        let drawn = map::draw(
            prep,
            &frame,
            map_box,
            map::MapStyle { s, bw, focus: Some(area), lang, id: "s" },
            &[na_box, sb_box],
        );
        let _ = write!(body, r#"<g class="map">{}</g>{na_svg}{sb_svg}"#, drawn.svg);
        labels = drawn.labels;
        let note = lang.text(Msg::NeighboursGreyed);
        let nfs = fit_size(&note, 2.2 * s, false, map_box.w * 0.5);
        let nw = crate::text::width(&note, nfs, false);
        svg::rect(
            &mut body,
            map_box.x + map_box.w - nw - 3.0 * s,
            map_box.y + map_box.h - nfs * 1.9,
            nw + 2.0 * s,
            nfs * 1.5,
            r##"fill="#fff" fill-opacity="0.85""##,
        );
        svg::text(
            &mut body,
            map_box.x + map_box.w - 2.0 * s,
            map_box.y + map_box.h - nfs * 0.8,
            nfs,
            400,
            "end",
            "#444",
            &note,
        );
    }

    // Wards and contact point.
    svg::text(
        &mut body,
        cx,
        mid_top + heading * 1.1,
        heading,
        700,
        "start",
        INK_BLUE,
        &lang.text(Msg::WardList),
    );
    let (wt, _) = ward_table.draw(cx, mid_top + heading * 1.8, left_w, fw);
    let _ = write!(body, r#"<g class="ward-list">{wt}</g>"#);
    let rx = cx + left_w + 4.0 * s;
    let cp_title = lang.text(Msg::ContactPointTitle);
    svg::text(
        &mut body,
        rx,
        mid_top + heading * 1.1,
        fit_size(&cp_title, heading, true, right_w),
        700,
        "start",
        INK_BLUE,
        &cp_title,
    );
    let mut cp_lines = vec![];
    if let Some(cp) = &info.contact_point {
        cp_lines.push(Line::bold(cp.name.trim()));
        if let Some(mt) = cp.meeting.as_deref().filter(|x| !x.trim().is_empty()) {
            cp_lines.push(Line::plain(lang.labelled(Msg::Meeting, mt.trim())));
        }
    } else {
        cp_lines.push(Line::plain("________________________"));
        cp_lines.push(Line::plain(lang.labelled(Msg::Meeting, "________________")));
    }
    let cp_table = Table {
        headers: vec![],
        widths: vec![1.0],
        aligns: vec![Align::Left],
        rows: vec![vec![Cell {
            lines: cp_lines,
            swatch: Some(fill_ref(prep.fills.get(area).copied().unwrap_or(0), bw)),
        }]],
        min_row: 0.0,
        row_attr: None,
        row_attr_values: vec![],
    };
    let (cpt, cph) = cp_table.draw(rx, mid_top + heading * 1.8, right_w, fs);
    body.push_str(&cpt);
    let mut ky = mid_top + heading * 1.8 + cph + 3.0 * s;
    let _ = write!(body, r#"<g class="key">"#);
    map::marker(&mut body, rx + 2.0 * s, ky + fs * 0.5, 1.3 * s.sqrt(), bw);
    svg::text(
        &mut body,
        rx + 5.0 * s,
        ky + fs * 0.85,
        fs * 0.9,
        400,
        "start",
        "#000",
        &lang.text(Msg::KeyContactPoint),
    );
    ky += fs * 2.0;
    svg::rect(
        &mut body,
        rx,
        ky,
        4.0 * s,
        fs,
        r##"fill="#dcdcdc" stroke="#5f6b77" stroke-width="0.1""##,
    );
    svg::text(
        &mut body,
        rx + 5.0 * s,
        ky + fs * 0.85,
        fs * 0.9,
        400,
        "start",
        "#000",
        &lang.text(Msg::NeighboursGreyed),
    );
    body.push_str("</g>");

    // Weekly work plan.
    svg::text(
        &mut body,
        cx,
        plan_top + heading * 1.1,
        heading,
        700,
        "start",
        INK_BLUE,
        &lang.text(Msg::WorkPlan),
    );
    let week = lang.text(Msg::WeekOf);
    let wfs = fit_size(&week, fs, false, cw * 0.6);
    svg::text(&mut body, cx + cw, plan_top + heading * 1.1, wfs, 400, "end", "#000", &week);
    let (pt, _) = plan.draw(cx, plan_top + heading * 2.0, cw, fs);
    let _ = write!(body, r#"<g class="work-plan">{pt}</g>"#);

    let made = lang.text(Msg::MadeWith);
    svg::text(&mut body, cx + cw, bottom, 2.0 * s, 700, "end", INK_BLUE, &made);
    svg::text(&mut body, cx, bottom, 2.0 * s, 400, "start", "#444", &lang.text(Msg::PrivacyNote));
    Some(Page { w, h, body, labels })
}
