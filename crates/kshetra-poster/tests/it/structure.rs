//! Structural checks on the rendered SVG: page size, legend, ward numbers, label overlaps,
//! colouring, tiles, escaping, determinism, fonts.

use std::collections::BTreeSet;

use kshetra_core::i18n::{Lang, Msg};
use kshetra_poster::{
    render_cmm_sheet, render_organiser_sheet_prepared, render_poster_prepared,
    render_tiles_prepared, tile_grid, CmmInput, FontFace,
};
use kshetra_poster::{Orientation, Paper, PosterOptions, Prepared, PrintLang, TileOptions};

use crate::fixture;
use crate::xml::{self, Element};

fn attr_of<'a>(els: &'a [Element], name: &str, k: &str) -> &'a str {
    els.iter().find(|e| e.name == name).and_then(|e| e.attr(k)).unwrap_or("")
}

/// Page size, legend, ward numbers, label overlaps for one poster.
fn check_poster(prep: &Prepared, opts: &PosterOptions, what: &str) {
    let svg = render_poster_prepared(prep, opts);
    let els = xml::parse(&svg).unwrap_or_else(|e| panic!("{what}: not well-formed: {e}"));
    // Exact paper size in mm.
    let (w, h) = (attr_of(&els, "svg", "width"), attr_of(&els, "svg", "height"));
    let (pw, ph) = opts.paper.size_mm();
    let ok =
        [(pw, ph), (ph, pw)].iter().any(|(a, b)| w == format!("{a}mm") && h == format!("{b}mm"));
    assert!(ok, "{what}: page {w} × {h}");
    let vb = attr_of(&els, "svg", "viewBox");
    assert_eq!(
        vb,
        format!("0 0 {} {}", w.trim_end_matches("mm"), h.trim_end_matches("mm")),
        "{what}"
    );
    // Every organiser in the legend.
    let legend: BTreeSet<&str> = els
        .iter()
        .filter(|e| e.inside("legend"))
        .filter_map(|e| e.attr("data-organiser"))
        .collect();
    for area in &prep.input.areas {
        let name = if area.organiser_name.trim().is_empty() {
            opts.lang.text(Msg::Vacant)
        } else {
            area.organiser_name.trim().to_string()
        };
        assert!(
            legend.contains(name.as_str()),
            "{what}: organiser {name:?} missing from the legend {legend:?}"
        );
    }
    // Every ward number on the map, once.
    let mut numbers: Vec<&str> =
        els.iter().filter(|e| e.has_class("ward-no")).map(|e| e.text.as_str()).collect();
    numbers.sort_unstable();
    let mut expected: Vec<&str> =
        prep.input.wards.wards().iter().map(|w| w.number.as_str()).collect();
    expected.sort_unstable();
    assert_eq!(numbers, expected, "{what}: ward numbers on the map");
    // No two labels overlap.
    let boxes = xml::label_boxes(&els);
    assert_eq!(
        boxes.len(),
        expected.len() + prep.areas.iter().filter(|a| !a.0.is_empty()).count(),
        "{what}: one label per ward and per area"
    );
    let bad = xml::overlaps(&boxes);
    assert!(bad.is_empty(), "{what}: {} overlapping labels, e.g. {:?}", bad.len(), bad.first());
}

#[test]
fn posters_of_every_bundled_city_are_complete_and_labels_never_overlap() {
    for (id, k) in [("lucknow", 14), ("bhopal", 9), ("bhubaneswar", 6)] {
        let map = fixture::city(id);
        let input = fixture::input(&map, id, k);
        let prep = Prepared::new(&input);
        for opts in [
            PosterOptions::new(Paper::A4),
            PosterOptions::new(Paper::A4).orientation(Orientation::Portrait).lang(PrintLang::Hindi),
            PosterOptions::new(Paper::A1).lang(PrintLang::English).black_and_white(true),
        ] {
            check_poster(
                &prep,
                &opts,
                &format!("{id} {:?} {:?} {:?}", opts.paper, opts.orientation, opts.lang),
            );
        }
    }
}

#[test]
fn neighbouring_areas_never_share_a_fill() {
    for (id, k) in [("lucknow", 14), ("lucknow", 30), ("bhopal", 9), ("bhubaneswar", 6)] {
        let map = fixture::city(id);
        let input = fixture::input(&map, id, k);
        let prep = Prepared::new(&input);
        for (a, ns) in prep.area_neighbours.iter().enumerate() {
            for &b in ns {
                assert_ne!(
                    prep.fills[a], prep.fills[b],
                    "{id}/{k}: areas {a} and {b} are neighbours"
                );
            }
        }
        assert!(
            prep.area_neighbours.iter().any(|n| !n.is_empty()),
            "{id}: the area graph has edges"
        );
    }
}

#[test]
fn a1_tiled_on_a4_gives_sixteen_a4_sheets_with_index() {
    let map = fixture::city("lucknow");
    let input = fixture::input(&map, "lucknow", 14);
    let prep = Prepared::new(&input);
    // Sheets in the poster's orientation: 4 × 4 (printable 190 × 277 mm, 10 mm overlap).
    // With the sheet orientation left to `Auto`, turning the sheets saves one: 15.
    for (orientation, sheet_orientation, n) in [
        (Orientation::Portrait, Orientation::Portrait, 16),
        (Orientation::Landscape, Orientation::Landscape, 16),
        (Orientation::Landscape, Orientation::Auto, 15),
    ] {
        let tiles = TileOptions { orientation: sheet_orientation, ..TileOptions::new(Paper::A4) };
        let sheets = render_tiles_prepared(
            &prep,
            &PosterOptions::new(Paper::A1).orientation(orientation),
            &tiles,
        );
        assert_eq!(sheets.len(), n, "{orientation:?} on {sheet_orientation:?}");
        let n_str = n.to_string();
        let mut cells = BTreeSet::new();
        for (i, sheet) in sheets.iter().enumerate() {
            let els = xml::parse(sheet).unwrap_or_else(|e| panic!("sheet {i}: {e}"));
            let (w, h) = (attr_of(&els, "svg", "width"), attr_of(&els, "svg", "height"));
            assert!(
                (w, h) == ("210mm", "297mm") || (w, h) == ("297mm", "210mm"),
                "sheet {i}: {w} × {h}"
            );
            let idx = els.iter().find(|e| e.has_class("sheet-index")).expect("sheet index");
            cells.insert((
                idx.attr("data-row").unwrap().to_string(),
                idx.attr("data-col").unwrap().to_string(),
            ));
            let row_col = Msg::SheetIndex.fill(
                Lang::Hi,
                &[
                    ("n", &(i + 1).to_string()),
                    ("total", &n_str),
                    ("row", idx.attr("data-row").unwrap()),
                    ("col", idx.attr("data-col").unwrap()),
                ],
            );
            assert!(els.iter().any(|e| e.text.contains(&row_col)), "sheet {i}: {row_col}");
        }
        assert_eq!(cells.len(), n);
    }
    assert_eq!(tile_grid(841.0, 594.0, 277.0, 190.0, 10.0), (4, 4));
}

#[test]
fn rendering_is_deterministic() {
    let map = fixture::city("bhopal");
    let input = fixture::input(&map, "bhopal", 9);
    let a = render_poster_prepared(&Prepared::new(&input), &PosterOptions::new(Paper::A3));
    let b = render_poster_prepared(&Prepared::new(&input), &PosterOptions::new(Paper::A3));
    assert!(a == b, "two renders of the same input differ");
}

#[test]
fn imported_text_is_escaped() {
    let map = fixture::city("bhubaneswar");
    let mut input = fixture::input(&map, "bhubaneswar", 4);
    input.areas[0].organiser_name = r#"<script>alert("x")</script> & 'Co'"#.into();
    input.areas[1].contact_point.as_mut().unwrap().meeting = Some("<b>Mon</b> & Tue".into());
    input.title.order_reference = "12/<3>&\"".into();
    input.attribution.push("</svg>".into());
    let prep = Prepared::new(&input);
    let svg = render_poster_prepared(&prep, &PosterOptions::new(Paper::A4));
    assert!(!svg.contains("<script>") && !svg.contains("<b>"));
    let els = xml::parse(&svg).expect("well-formed");
    assert!(
        els.iter().any(|e| e.text.contains(r#"<script>alert("x")</script> & 'Co'"#)),
        "the name is printed as text"
    );
    let sheet = render_organiser_sheet_prepared(&prep, 0, &PosterOptions::new(Paper::A4)).unwrap();
    xml::parse(&sheet).expect("organiser sheet well-formed");
}

#[test]
fn organiser_sheets_show_their_wards_and_a_work_plan() {
    let map = fixture::city("lucknow");
    let input = fixture::input(&map, "lucknow", 14);
    let prep = Prepared::new(&input);
    for a in [0, 6, 12] {
        let svg =
            render_organiser_sheet_prepared(&prep, a, &PosterOptions::new(Paper::A4)).unwrap();
        let els = xml::parse(&svg).unwrap();
        assert_eq!(attr_of(&els, "svg", "width"), "210mm");
        let mut numbers: Vec<&str> =
            els.iter().filter(|e| e.has_class("ward-no")).map(|e| e.text.as_str()).collect();
        numbers.sort_unstable();
        let mut expected: Vec<&str> =
            input.wards_of(a).into_iter().map(|w| map.wards()[w].number.as_str()).collect();
        expected.sort_unstable();
        assert_eq!(numbers, expected, "area {a}: ward numbers on the sheet's map");
        assert!(xml::overlaps(&xml::label_boxes(&els)).is_empty(), "area {a}");
        for day in [Msg::Monday, Msg::Saturday] {
            assert!(
                els.iter().any(|e| e.inside("work-plan") && e.text.contains(day.text(Lang::Hi))),
                "{day:?}"
            );
        }
        // The sheet lists every ward of the area.
        let listed: BTreeSet<&str> = els
            .iter()
            .filter(|e| e.inside("ward-list") && e.name == "text")
            .map(|e| e.text.as_str())
            .collect();
        assert!(expected.iter().all(|n| listed.contains(n)));
    }
    assert!(render_organiser_sheet_prepared(&prep, 99, &PosterOptions::new(Paper::A4)).is_none());
}

#[test]
fn cmm_sheet_lists_the_components_per_manager() {
    let title = kshetra_poster::TitleBlock::default();
    for (n, per_cmm) in [(3, vec![3, 3, 1]), (2, vec![4, 3]), (1, vec![7])] {
        let svg = render_cmm_sheet(
            &CmmInput { count: n, names: vec!["A".into(), "B".into(), "C".into()] },
            &title,
            &PosterOptions::new(Paper::A4),
        );
        let els = xml::parse(&svg).unwrap();
        let rows: Vec<&Element> = els.iter().filter(|e| e.attr("data-cmm").is_some()).collect();
        assert_eq!(rows.len(), n);
        let text: String = els.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join("\n");
        let total: usize = per_cmm.iter().sum();
        assert_eq!(total, 7);
        for c in kshetra_poster::Component::ALL {
            assert!(
                text.contains(c.msg().text(Lang::Hi)) && text.contains(c.msg().text(Lang::En)),
                "{n}: {c:?}"
            );
        }
    }
}

#[test]
fn fonts_are_embedded_deterministically() {
    let map = fixture::city("bhubaneswar");
    let input = fixture::input(&map, "bhubaneswar", 5);
    let prep = Prepared::new(&input);
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public/fonts/");
    let fonts: Vec<FontFace> =
        [(400, "devanagari-400"), (700, "devanagari-700"), (400, "latin-400"), (700, "latin-700")]
            .iter()
            .map(|(w, f)| FontFace {
                weight: *w,
                unicode_range: if f.starts_with("latin") {
                    "U+0000-00FF".into()
                } else {
                    "U+0900-097F".into()
                },
                woff2: std::fs::read(format!("{dir}noto-sans-devanagari-{f}-normal.woff2"))
                    .unwrap(),
            })
            .collect();
    let opts = PosterOptions::new(Paper::A4).embed_fonts(fonts);
    let a = render_poster_prepared(&prep, &opts);
    assert!(
        a.contains("@font-face{font-family:'Noto Sans Devanagari'")
            && a.contains("data:font/woff2;base64,d09GMg")
    );
    assert!(a == render_poster_prepared(&prep, &opts));
    xml::parse(&a).unwrap();
}

#[test]
fn paper_sizes_are_exact() {
    assert_eq!(Paper::A4.size_mm(), (210.0, 297.0));
    assert_eq!(Paper::A0.size_mm(), (841.0, 1189.0));
    assert_eq!(Paper::A3.oriented(Orientation::Landscape), (420.0, 297.0));
}

#[test]
fn empty_map_and_empty_plan_render_without_panic() {
    let map = kshetra_core::WardMap::default();
    let graph = kshetra_core::adjacency::WardGraph::default();
    let input = kshetra_poster::PosterInput {
        wards: &map,
        graph: &graph,
        assignment: vec![Some(3), None],
        areas: vec![Default::default()],
        colours: vec![7],
        ward_poor_households: vec![],
        summary: Default::default(),
        title: Default::default(),
        attribution: vec![],
    };
    let prep = Prepared::new(&input);
    for paper in Paper::ALL {
        for orientation in [Orientation::Auto, Orientation::Portrait, Orientation::Landscape] {
            let opts = PosterOptions::new(paper).orientation(orientation).margin_mm(f64::NAN);
            xml::parse(&render_poster_prepared(&prep, &opts)).unwrap();
            xml::parse(&render_organiser_sheet_prepared(&prep, 0, &opts).unwrap()).unwrap();
        }
    }
    let tiles = render_tiles_prepared(
        &prep,
        &PosterOptions::new(Paper::A0),
        &TileOptions { overlap_mm: f64::INFINITY, margin_mm: -5.0, ..TileOptions::new(Paper::A4) },
    );
    assert!(!tiles.is_empty());
}

#[test]
fn every_printed_message_has_both_texts_with_the_same_placeholders() {
    // The same rule as kshetra-core's catalogue test, so entries added for print stay green.
    fn placeholders(s: &str) -> BTreeSet<&str> {
        s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n)).collect()
    }
    for m in Msg::ALL {
        let (hi, en) = (m.text(Lang::Hi), m.text(Lang::En));
        assert!(!hi.trim().is_empty() && !en.trim().is_empty(), "{m:?}");
        assert_eq!(placeholders(hi), placeholders(en), "{m:?}");
        assert!(hi.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "{m:?}: {hi}");
    }
}

#[test]
#[allow(clippy::print_stdout)]
fn timing_report() {
    // Not a benchmark: prints sizes and times for the record (`-- --nocapture`).
    let map = fixture::city("lucknow");
    let input = fixture::input(&map, "lucknow", 14);
    let t = std::time::Instant::now();
    let prep = Prepared::new(&input);
    let t_prep = t.elapsed();
    for paper in [Paper::A4, Paper::A1] {
        let t = std::time::Instant::now();
        let svg = render_poster_prepared(&prep, &PosterOptions::new(paper));
        println!(
            "lucknow {paper:?}: prepare {t_prep:?}, render {:?}, {} bytes",
            t.elapsed(),
            svg.len()
        );
    }
    let t = std::time::Instant::now();
    let tiles =
        render_tiles_prepared(&prep, &PosterOptions::new(Paper::A1), &TileOptions::new(Paper::A4));
    println!(
        "A1 on A4: {} sheets in {:?}, {} bytes in all",
        tiles.len(),
        t.elapsed(),
        tiles.iter().map(String::len).sum::<usize>()
    );
}
