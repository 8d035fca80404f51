//! The City Mission Managers' work-division sheet: which DAY-NULM components each CMM is
//! responsible for, as the state order divides them for 3, 2 or 1 CMMs.

use std::fmt::Write;

use kshetra_core::i18n::Msg;

use crate::input::TitleBlock;
use crate::options::{Orientation, PosterOptions};
use crate::poster::{document, scale_of};
use crate::svg::{self, num};
use crate::table::{fit_size, Align, Cell, Line, Table, INK_BLUE};

/// A DAY-NULM component, as named in the state order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Component {
    /// Social Mobilisation & Institution Development (SM&ID).
    SocialMobilisation,
    /// Shelter for Urban Homeless (SUH).
    ShelterUrbanHomeless,
    /// Support to Urban Street Vendors (SUSV).
    StreetVendors,
    /// Employment through Skill Training & Placement (EST&P).
    SkillTraining,
    /// Self-Employment Programme (SEP).
    SelfEmployment,
    /// Innovative & Special Projects (I&SP).
    InnovativeProjects,
    /// MIS & Monitoring-Evaluation.
    MisMonitoring,
}

impl Component {
    /// All seven, in the order of the state order.
    pub const ALL: [Component; 7] = [
        Component::SocialMobilisation,
        Component::ShelterUrbanHomeless,
        Component::StreetVendors,
        Component::SkillTraining,
        Component::SelfEmployment,
        Component::InnovativeProjects,
        Component::MisMonitoring,
    ];

    /// The catalogue entry of the component's name.
    pub fn msg(self) -> Msg {
        match self {
            Component::SocialMobilisation => Msg::CompSmid,
            Component::ShelterUrbanHomeless => Msg::CompSuh,
            Component::StreetVendors => Msg::CompSusv,
            Component::SkillTraining => Msg::CompEstp,
            Component::SelfEmployment => Msg::CompSep,
            Component::InnovativeProjects => Msg::CompIsp,
            Component::MisMonitoring => Msg::CompMisMe,
        }
    }
}

/// The division for `n_cmms` managers (3, 2 or 1; other counts are clamped to 1–3): per
/// manager, an optional group heading and the components.
pub fn division(n_cmms: usize) -> Vec<(Option<Msg>, Vec<Component>)> {
    use Component::*;
    match n_cmms.clamp(1, 3) {
        3 => vec![
            (
                Some(Msg::GroupSocialInfra),
                vec![SocialMobilisation, ShelterUrbanHomeless, StreetVendors],
            ),
            (Some(Msg::GroupFinancial), vec![SkillTraining, SelfEmployment, InnovativeProjects]),
            (None, vec![MisMonitoring]),
        ],
        2 => vec![
            (
                None,
                vec![SocialMobilisation, ShelterUrbanHomeless, StreetVendors, InnovativeProjects],
            ),
            (None, vec![SkillTraining, SelfEmployment, MisMonitoring]),
        ],
        _ => vec![(None, Component::ALL.to_vec())],
    }
}

/// What the officer enters for the CMM sheet.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CmmInput {
    /// Number of City Mission Managers in the city (3, 2 or 1).
    pub count: usize,
    /// Their names, in order (missing names print as a blank line to fill in).
    pub names: Vec<String>,
}

/// Renders the CMM work-division sheet (A4 portrait intended) as an SVG document.
pub fn render_cmm_sheet(cmm: &CmmInput, title: &TitleBlock, options: &PosterOptions) -> String {
    let orientation = if options.orientation == Orientation::Landscape {
        Orientation::Landscape
    } else {
        Orientation::Portrait
    };
    let (w, h) = options.paper.oriented(orientation);
    let s = scale_of(w, h);
    let lang = options.lang;
    let m = if options.margin_mm.is_finite() {
        options.margin_mm.clamp(0.0, w.min(h) / 4.0)
    } else {
        10.0
    };
    let (cx, cw) = (m + 4.0 * s, w - 2.0 * (m + 4.0 * s));
    let mut body = String::new();
    svg::rect(&mut body, 0.0, 0.0, w, h, r##"fill="#fff""##);
    svg::rect(
        &mut body,
        m,
        m,
        w - 2.0 * m,
        h - 2.0 * m,
        &format!(r#"fill="none" stroke="{INK_BLUE}" stroke-width="{}""#, num(0.5 * s)),
    );
    let mut y = m + 4.0 * s;
    for (i, &l) in lang.langs().iter().enumerate() {
        let t = title.mission.get(l).trim();
        if t.is_empty() {
            continue;
        }
        let size = fit_size(t, if i == 0 { 4.0 * s } else { 3.2 * s }, i == 0, cw);
        y += size * 1.3;
        svg::text(
            &mut body,
            w / 2.0,
            y,
            size,
            if i == 0 { 700 } else { 400 },
            "middle",
            INK_BLUE,
            t,
        );
    }
    let city = title.city.get(lang.primary()).trim();
    if !city.is_empty() {
        let size = fit_size(city, 4.6 * s, true, cw);
        y += size * 1.4;
        svg::text(&mut body, w / 2.0, y, size, 700, "middle", "#000", city);
    }
    for (i, &l) in lang.langs().iter().enumerate() {
        let t = Msg::CmmSheetTitle.text(l);
        let size = fit_size(t, if i == 0 { 6.0 * s } else { 4.4 * s }, true, cw);
        y += size * 1.35;
        svg::text(&mut body, w / 2.0, y, size, 700, "middle", "#000", t);
    }
    let groups = division(cmm.count);
    let n = groups.len();
    let mut meta = vec![lang.fill(Msg::CmmBasis, &[("n", &n.to_string())])];
    if !title.order_reference.trim().is_empty() {
        meta.push(lang.labelled(Msg::OrderReference, title.order_reference.trim()));
    }
    if !title.date.trim().is_empty() {
        meta.push(lang.labelled(Msg::DateLabel, title.date.trim()));
    }
    for line in meta {
        let size = fit_size(&line, 3.0 * s, false, cw);
        y += size * 1.6;
        svg::text(&mut body, w / 2.0, y, size, 400, "middle", "#333", &line);
    }
    y += 5.0 * s;
    let mut rows = Vec::new();
    let mut attrs = Vec::new();
    for (i, (group, comps)) in groups.iter().enumerate() {
        let name = cmm.names.get(i).map(|x| x.trim()).filter(|x| !x.is_empty());
        let mut who = vec![Line::bold(format!("{} {}", lang.text(Msg::CityMissionManager), i + 1))];
        who.push(Line::plain(name.unwrap_or("______________________")));
        let mut what = Vec::new();
        if let Some(g) = group {
            what.push(Line::bold(lang.text(*g)));
        }
        for (j, c) in comps.iter().enumerate() {
            for (k, &l) in lang.langs().iter().enumerate() {
                let t = c.msg().text(l);
                what.push(if k == 0 {
                    Line::plain(format!("{}. {t}", j + 1))
                } else {
                    Line::small(format!("    {t}"))
                });
            }
        }
        rows.push(vec![Cell::of(who), Cell::of(what)]);
        attrs.push(name.unwrap_or("").to_string());
    }
    let table = Table {
        headers: vec![lang.text(Msg::CmmName), lang.text(Msg::CmmComponents)],
        widths: vec![0.34, 0.66],
        aligns: vec![Align::Left, Align::Left],
        rows,
        min_row: 0.0,
        row_attr: Some("data-cmm"),
        row_attr_values: attrs,
    };
    let (t, th) = table.draw(cx, y, cw, 3.2 * s);
    let _ = write!(body, r#"<g class="cmm">{t}</g>"#);
    y += th + 30.0 * s;
    let x_right = cx + cw;
    svg::line(
        &mut body,
        x_right - 60.0 * s,
        y,
        x_right,
        y,
        r##"stroke="#000" stroke-width="0.2" stroke-dasharray="0.6 0.6""##,
    );
    y += 4.0 * s;
    svg::text(&mut body, x_right, y, 2.8 * s, 400, "end", "#444", &lang.text(Msg::Signature));
    if let Some(nm) = title.signatory_name.as_deref().filter(|x| !x.trim().is_empty()) {
        y += 4.5 * s;
        svg::text(&mut body, x_right, y, 3.2 * s, 700, "end", "#000", nm.trim());
    }
    let d = title.signatory.get(lang.primary()).trim();
    if !d.is_empty() {
        y += 4.5 * s;
        svg::text(&mut body, x_right, y, 3.2 * s, 400, "end", "#000", d);
    }
    svg::text(
        &mut body,
        cx + cw,
        h - m - 3.0 * s,
        2.0 * s,
        700,
        "end",
        INK_BLUE,
        &lang.text(Msg::MadeWith),
    );
    document(w, h, lang, &options.embed_fonts, &body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Component::*;

    #[test]
    fn division_follows_the_state_order() {
        let three = division(3);
        assert_eq!(three[0].1, [SocialMobilisation, ShelterUrbanHomeless, StreetVendors]);
        assert_eq!(three[1].1, [SkillTraining, SelfEmployment, InnovativeProjects]);
        assert_eq!(three[2].1, [MisMonitoring]);
        let two = division(2);
        assert_eq!(
            two[0].1,
            [SocialMobilisation, ShelterUrbanHomeless, StreetVendors, InnovativeProjects]
        );
        assert_eq!(two[1].1, [SkillTraining, SelfEmployment, MisMonitoring]);
        assert_eq!(division(1)[0].1, Component::ALL);
        for n in 1..=3 {
            let mut all: Vec<Component> = division(n).into_iter().flat_map(|(_, c)| c).collect();
            all.sort();
            assert_eq!(all, Component::ALL, "every component exactly once with {n} CMMs");
        }
    }
}
