//! Exports of a plan: a CSV of wards and their organisers, the wards as GeoJSON and KML with
//! their organiser, and each organiser's dissolved area as GeoJSON and KML.
//!
//! **Privacy:** organisers' mobile numbers and homes are included only with
//! [`ExportOptions::include_private`]; by default an export can be shared or published.
//!
//! CSV cells that a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab or
//! carriage return, e.g. from an imported name) get a `'` prefix. KML text is XML-escaped.
//!
//! Dissolving uses geo's [`unary_union`] (i_overlay) on consistently oriented ward polygons.
//! Real maps have slivers between neighbours: holes smaller than 1 % of their polygon are
//! dropped. When the union looks wrong (empty, or its area off from the wards' total by more
//! than 10 %), the area falls back to the MultiPolygon of its wards.

use geo::{unary_union, MultiPolygon, Orient, Polygon};
use serde_json::{json, Map, Value};

use crate::geometry::area_m2;
use crate::model::WardMap;
use crate::project::Project;

/// What an export may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ExportOptions {
    /// Include organisers' mobile numbers and home wards (office-internal files only).
    pub include_private: bool,
}

pub use crate::format::csv_safe;

/// Escapes `& < > " '` for XML text and attributes.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 forbids are dropped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The organiser of each ward: (display number 1-based, organiser) or `None`.
fn owners<'a>(
    map: &WardMap,
    project: &'a Project,
) -> Vec<Option<(usize, &'a crate::project::Organiser)>> {
    project
        .plan
        .index_view(map, &project.organisers)
        .into_iter()
        .map(|j| j.map(|j| (j + 1, &project.organisers[j])))
        .collect()
}

/// The plan as CSV (UTF-8 with BOM, one row per ward in map order): `ward_no`, `ward_name`,
/// `zone`, `organiser_no`, `organiser`, `poor_households` (rounded), `locked`; with
/// [`ExportOptions::include_private`] also `organiser_mobile`.
pub fn plan_csv(map: &WardMap, project: &Project, poor: &[f64], options: ExportOptions) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header = vec![
        "ward_no",
        "ward_name",
        "zone",
        "organiser_no",
        "organiser",
        "poor_households",
        "locked",
    ];
    if options.include_private {
        header.push("organiser_mobile");
    }
    let _ = w.write_record(&header);
    for ((i, ward), owner) in map.wards().iter().enumerate().zip(owners(map, project)) {
        let mut rec = vec![
            csv_safe(&ward.number),
            csv_safe(ward.name.as_deref().unwrap_or("")),
            csv_safe(ward.zone.as_deref().unwrap_or("")),
            owner.map(|(n, _)| n.to_string()).unwrap_or_default(),
            csv_safe(owner.map(|(_, o)| o.name.as_str()).unwrap_or("")),
            poor.get(i)
                .filter(|x| x.is_finite())
                .map(|x| format!("{}", x.round() as i64))
                .unwrap_or_default(),
            if project.plan.is_locked(&ward.number) { "yes".into() } else { String::new() },
        ];
        if options.include_private {
            rec.push(csv_safe(owner.and_then(|(_, o)| o.mobile.as_deref()).unwrap_or("")));
        }
        let _ = w.write_record(&rec);
    }
    w.into_inner().unwrap_or_default()
}

fn geometry_json(geometry: &MultiPolygon<f64>) -> Value {
    let polygons: Vec<Value> = geometry
        .iter()
        .map(|p| {
            Value::Array(
                std::iter::once(p.exterior())
                    .chain(p.interiors())
                    .map(|r| Value::Array(r.coords().map(|c| json!([c.x, c.y])).collect()))
                    .collect(),
            )
        })
        .collect();
    json!({ "type": "MultiPolygon", "coordinates": polygons })
}

fn feature_collection(features: Vec<(Map<String, Value>, &MultiPolygon<f64>)>) -> String {
    let features: Vec<Value> = features
        .into_iter()
        .map(|(props, g)| json!({ "type": "Feature", "properties": props, "geometry": geometry_json(g) }))
        .collect();
    json!({ "type": "FeatureCollection", "features": features }).to_string()
}

/// Ward properties with the organiser: (key, value) pairs, in a fixed order.
fn ward_props(
    map: &WardMap,
    project: &Project,
    poor: &[f64],
    options: ExportOptions,
) -> Vec<Vec<(&'static str, Value)>> {
    map.wards()
        .iter()
        .enumerate()
        .zip(owners(map, project))
        .map(|((i, w), owner)| {
            let mut p = vec![
                ("ward_no", json!(w.number)),
                ("ward_name", json!(w.name)),
                ("zone", json!(w.zone)),
                ("population", json!(w.population)),
                (
                    "poor_households",
                    json!(poor.get(i).filter(|x| x.is_finite()).map(|x| x.round() as i64)),
                ),
                ("organiser_no", json!(owner.map(|(n, _)| n))),
                ("organiser_id", json!(owner.map(|(_, o)| o.id))),
                ("organiser", json!(owner.map(|(_, o)| o.name.clone()))),
            ];
            if options.include_private {
                p.push(("organiser_mobile", json!(owner.and_then(|(_, o)| o.mobile.clone()))));
            }
            p
        })
        .collect()
}

/// The wards as GeoJSON with `ward_no`, `ward_name`, `zone`, `population`,
/// `poor_households`, `organiser_no` (display number), `organiser_id`, `organiser` (name),
/// and with [`ExportOptions::include_private`] `organiser_mobile`.
pub fn plan_wards_geojson(
    map: &WardMap,
    project: &Project,
    poor: &[f64],
    options: ExportOptions,
) -> String {
    let props = ward_props(map, project, poor, options);
    feature_collection(
        map.wards()
            .iter()
            .zip(props)
            .map(|(w, p)| (p.into_iter().map(|(k, v)| (k.to_string(), v)).collect(), &w.geometry))
            .collect(),
    )
}

fn kml_coords(ring: &geo::LineString<f64>) -> String {
    ring.coords().map(|c| format!("{},{}", c.x, c.y)).collect::<Vec<_>>().join(" ")
}

fn kml_geometry(out: &mut String, g: &MultiPolygon<f64>) {
    out.push_str("<MultiGeometry>");
    for p in g {
        out.push_str("<Polygon><outerBoundaryIs><LinearRing><coordinates>");
        out.push_str(&kml_coords(p.exterior()));
        out.push_str("</coordinates></LinearRing></outerBoundaryIs>");
        for r in p.interiors() {
            out.push_str("<innerBoundaryIs><LinearRing><coordinates>");
            out.push_str(&kml_coords(r));
            out.push_str("</coordinates></LinearRing></innerBoundaryIs>");
        }
        out.push_str("</Polygon>");
    }
    out.push_str("</MultiGeometry>");
}

fn kml_value(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A KML Placemark to write: name, data fields, outline.
type Placemark<'a> = (String, Vec<(&'static str, Value)>, &'a MultiPolygon<f64>);

fn kml_document(title: &str, placemarks: Vec<Placemark<'_>>) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document><name>");
    out.push_str(&xml_escape(title));
    out.push_str("</name>\n");
    for (name, props, g) in placemarks {
        out.push_str("<Placemark><name>");
        out.push_str(&xml_escape(&name));
        out.push_str("</name><ExtendedData>");
        for (k, v) in props {
            out.push_str(&format!(
                "<Data name=\"{}\"><value>{}</value></Data>",
                xml_escape(k),
                xml_escape(&kml_value(&v))
            ));
        }
        out.push_str("</ExtendedData>");
        kml_geometry(&mut out, g);
        out.push_str("</Placemark>\n");
    }
    out.push_str("</Document></kml>\n");
    out
}

/// The wards as KML, one Placemark per ward (named by ward number) with the same data as
/// [`plan_wards_geojson`] in `ExtendedData`.
pub fn plan_wards_kml(
    map: &WardMap,
    project: &Project,
    poor: &[f64],
    options: ExportOptions,
) -> String {
    let props = ward_props(map, project, poor, options);
    kml_document(
        &project.name,
        map.wards().iter().zip(props).map(|(w, p)| (w.number.clone(), p, &w.geometry)).collect(),
    )
}

/// One organiser's dissolved area.
#[derive(Debug, Clone, PartialEq)]
pub struct DissolvedArea {
    /// Display number (1-based).
    pub number: usize,
    /// Organiser id.
    pub organiser: u32,
    /// Ward numbers, in map order.
    pub wards: Vec<String>,
    /// The outline: the union of the wards, or their MultiPolygon when the union failed.
    pub geometry: MultiPolygon<f64>,
    /// Whether the union was used (false: fallback to the wards' polygons).
    pub dissolved: bool,
}

/// Area inside one ring (m²), whatever its winding; 0 for a degenerate ring. (Measuring a
/// clockwise or degenerate ring geodesically can give the rest of the Earth instead.)
fn ring_area_m2(ring: &geo::LineString<f64>) -> f64 {
    let p = Polygon::new(ring.clone(), vec![]).orient(geo::orient::Direction::Default);
    let a = area_m2(&MultiPolygon::new(vec![p]));
    // No city ring is larger than a hemisphere: anything that large was measured inside out.
    if a.is_finite() && a < 2.5e14 {
        a
    } else {
        0.0
    }
}

/// Area of a MultiPolygon (m²) measured ring by ring: exteriors minus holes. Robust to the
/// winding and the degenerate sliver holes that unions of real maps produce.
pub fn robust_area_m2(geometry: &MultiPolygon<f64>) -> f64 {
    geometry
        .iter()
        .map(|p| ring_area_m2(p.exterior()) - p.interiors().iter().map(ring_area_m2).sum::<f64>())
        .sum()
}

/// Union of ward shapes, with sliver holes removed; `None` when it does not look right.
pub fn dissolve(shapes: &[&MultiPolygon<f64>]) -> Option<MultiPolygon<f64>> {
    let polygons: Vec<Polygon<f64>> = shapes
        .iter()
        .flat_map(|m| m.0.iter())
        .map(|p| p.orient(geo::orient::Direction::Default))
        .collect();
    if polygons.is_empty() {
        return None;
    }
    let finite =
        polygons.iter().all(|p| p.exterior().coords().all(|c| c.x.is_finite() && c.y.is_finite()));
    if !finite {
        return None;
    }
    let union = unary_union(&polygons);
    let cleaned: Vec<Polygon<f64>> = union
        .0
        .into_iter()
        .map(|p| {
            let outer = ring_area_m2(p.exterior());
            let (ext, holes) = p.into_inner();
            let holes = holes.into_iter().filter(|h| ring_area_m2(h) >= 0.01 * outer).collect();
            // RFC 7946 winding: exterior counter-clockwise, holes clockwise.
            Polygon::new(ext, holes).orient(geo::orient::Direction::Default)
        })
        .filter(|p| ring_area_m2(p.exterior()) > 0.0)
        .collect();
    let result = MultiPolygon::new(cleaned);
    let total: f64 = shapes.iter().map(|m| robust_area_m2(m)).sum();
    let got = robust_area_m2(&result);
    (got > 0.0 && (got - total).abs() <= 0.1 * total).then_some(result)
}

/// Each organiser's area (display order, organisers with wards only), dissolved.
pub fn dissolved_areas(map: &WardMap, project: &Project) -> Vec<DissolvedArea> {
    let view = project.plan.index_view(map, &project.organisers);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); project.organisers.len()];
    for (i, j) in view.iter().enumerate() {
        if let Some(j) = j {
            members[*j].push(i);
        }
    }
    project
        .organisers
        .iter()
        .enumerate()
        .filter(|(j, _)| !members[*j].is_empty())
        .map(|(j, o)| {
            let shapes: Vec<&MultiPolygon<f64>> =
                members[j].iter().map(|&i| &map.wards()[i].geometry).collect();
            let (geometry, dissolved) = match dissolve(&shapes) {
                Some(g) => (g, true),
                None => (
                    MultiPolygon::new(shapes.iter().flat_map(|m| m.0.iter().cloned()).collect()),
                    false,
                ),
            };
            DissolvedArea {
                number: j + 1,
                organiser: o.id,
                wards: members[j].iter().map(|&i| map.wards()[i].number.clone()).collect(),
                geometry,
                dissolved,
            }
        })
        .collect()
}

fn area_props(
    project: &Project,
    a: &DissolvedArea,
    poor: &[f64],
    map: &WardMap,
    options: ExportOptions,
) -> Vec<(&'static str, Value)> {
    let o = project.organiser(a.organiser);
    let poor_sum: f64 = a
        .wards
        .iter()
        .filter_map(|w| map.index_of(w))
        .filter_map(|i| poor.get(i))
        .filter(|x| x.is_finite())
        .sum();
    let contact = o.and_then(|o| o.contact.clone()).unwrap_or_default();
    let mut p = vec![
        ("organiser_no", json!(a.number)),
        ("organiser_id", json!(a.organiser)),
        ("organiser", json!(o.map(|o| o.name.clone()))),
        ("role", json!(o.map(|o| o.role.clone()))),
        ("wards", json!(a.wards.join(", "))),
        ("ward_count", json!(a.wards.len())),
        ("poor_households", json!(poor_sum.round() as i64)),
        ("contact_point", json!((!contact.name.is_empty()).then_some(contact.name))),
        ("meeting_day", json!(contact.meeting_day)),
        ("meeting_time", json!(contact.meeting_time)),
    ];
    if options.include_private {
        p.push(("organiser_mobile", json!(o.and_then(|o| o.mobile.clone()))));
        p.push(("home_ward", json!(o.and_then(|o| o.home_ward().map(str::to_string)))));
    }
    p
}

/// The dissolved areas as GeoJSON: `organiser_no`, `organiser_id`, `organiser`, `role`,
/// `wards` (list), `ward_count`, `poor_households`, `contact_point`, `meeting_day`,
/// `meeting_time`; with [`ExportOptions::include_private`] `organiser_mobile`, `home_ward`.
pub fn areas_geojson(
    map: &WardMap,
    project: &Project,
    poor: &[f64],
    options: ExportOptions,
) -> String {
    let areas = dissolved_areas(map, project);
    feature_collection(
        areas
            .iter()
            .map(|a| {
                (
                    area_props(project, a, poor, map, options)
                        .into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect(),
                    &a.geometry,
                )
            })
            .collect(),
    )
}

/// The dissolved areas as KML (Placemarks named "number organiser").
pub fn areas_kml(map: &WardMap, project: &Project, poor: &[f64], options: ExportOptions) -> String {
    let areas = dissolved_areas(map, project);
    kml_document(
        &project.name,
        areas
            .iter()
            .map(|a| {
                let name = project.organiser(a.organiser).map(|o| o.name.as_str()).unwrap_or("");
                (
                    format!("{} {}", a.number, name).trim().to_string(),
                    area_props(project, a, poor, map, options),
                    &a.geometry,
                )
            })
            .collect(),
    )
}
