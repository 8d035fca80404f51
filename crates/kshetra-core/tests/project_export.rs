//! Plan exports parse back: CSV (with formula neutralising), wards and dissolved areas as
//! GeoJSON and KML; private fields only when asked for.

use std::sync::OnceLock;

use kshetra_core::adjacency::{bridge_all, build, AdjacencyOptions};
use kshetra_core::allocation::problem_for;
use kshetra_core::import::Value;
use kshetra_core::project::export::{
    areas_geojson, areas_kml, csv_safe, dissolved_areas, plan_csv, plan_wards_geojson,
    plan_wards_kml, robust_area_m2, xml_escape, ExportOptions,
};
use kshetra_core::project::{Edit, Organiser, Project};
use kshetra_core::WardMap;

/// A real city allocated to `k` organisers (names with formula and XML characters).
fn planned(city: &str, k: usize) -> (WardMap, Project, Vec<f64>) {
    let path = format!("{}/../../public/data/{city}.geojson", env!("CARGO_MANIFEST_DIR"));
    let map =
        kshetra_core::import::geojson::parse(city, &std::fs::read(path).unwrap()).unwrap().map;
    let mut graph = build(&map, &AdjacencyOptions::default());
    bridge_all(&map, &mut graph);
    let poor: Vec<f64> = kshetra_core::estimate::estimate(&map, &Default::default())
        .wards
        .iter()
        .map(|w| w.poor_households.unwrap_or(0) as f64)
        .collect();
    let mut p = Project::new(city, "Plan <draft> & \"final\"");
    let orgs = (0..k)
        .map(|i| {
            let mut o = Organiser::new(match i {
                0 => "=HYPERLINK(\"http://x\")".to_string(),
                1 => "राम & श्याम <CO>".to_string(),
                _ => format!("CO {i}"),
            });
            o.mobile = Some(format!("98765432{:02}", i));
            o
        })
        .collect();
    p.apply(&map, Edit::AddOrganisers(orgs)).unwrap();
    let mut s = p.settings;
    s.respect_zones = false;
    p.apply(&map, Edit::SetSettings(s)).unwrap();
    // Lucknow's file has no populations: allocate by ward count there.
    let weights = if poor.iter().sum::<f64>() > 0.0 { poor.clone() } else { vec![1.0; poor.len()] };
    let problem = problem_for(&map, &graph, weights);
    let out = kshetra_alloc::allocate(
        &problem,
        &p.engine_organisers(&map),
        &p.settings.engine(),
        &mut |_| kshetra_alloc::Control::Continue,
    )
    .unwrap();
    let edit = p.plan_from_engine(&map, &out.assignment);
    p.apply(&map, edit).unwrap();
    // One ward left unassigned.
    let last = map.wards().last().unwrap().number.clone();
    p.apply(&map, Edit::Unassign { wards: vec![last] }).unwrap();
    (map, p, poor)
}

fn bhubaneswar() -> &'static (WardMap, Project, Vec<f64>) {
    static CELL: OnceLock<(WardMap, Project, Vec<f64>)> = OnceLock::new();
    CELL.get_or_init(|| planned("bhubaneswar", 8))
}

#[test]
fn formula_cells_are_neutralised() {
    assert_eq!(csv_safe("=SUM(A1)"), "'=SUM(A1)");
    assert_eq!(csv_safe("+91"), "'+91");
    assert_eq!(csv_safe("-2"), "'-2");
    assert_eq!(csv_safe("@cmd"), "'@cmd");
    assert_eq!(csv_safe("Ravi"), "Ravi");
    assert_eq!(xml_escape("a<b>&\"c'\u{1}"), "a&lt;b&gt;&amp;&quot;c&apos;");
}

#[test]
fn plan_csv_parses_back_without_private_fields() {
    let (map, p, poor) = bhubaneswar();
    let bytes = plan_csv(map, p, poor, ExportOptions::default());
    let t = kshetra_core::table::read_table("plan.csv", &bytes).unwrap();
    assert_eq!(
        t.columns,
        ["ward_no", "ward_name", "zone", "organiser_no", "organiser", "poor_households", "locked"]
    );
    assert_eq!(t.rows.len(), map.wards().len());
    let organiser_col: Vec<String> =
        t.rows.iter().filter_map(|(_, r)| r[4].as_ref().map(Value::to_text)).collect();
    // Written guarded (opens as text in Excel), read back by Kshetra as it was.
    assert!(String::from_utf8_lossy(&bytes).contains("'=HYPERLINK("));
    assert!(organiser_col.contains(&"=HYPERLINK(\"http://x\")".to_string()));
    assert!(organiser_col.contains(&"राम & श्याम <CO>".to_string()));
    assert_eq!(organiser_col.len(), map.wards().len() - 1, "one ward unassigned");
    let text = String::from_utf8(bytes).unwrap();
    assert!(!text.contains("98765432"), "no mobiles without the flag");
    let private =
        String::from_utf8(plan_csv(map, p, poor, ExportOptions { include_private: true })).unwrap();
    assert!(private.contains("organiser_mobile") && private.contains("9876543200"));
}

#[test]
fn wards_geojson_and_kml_parse_back() {
    let (map, p, poor) = bhubaneswar();
    let gj = plan_wards_geojson(map, p, poor, ExportOptions::default());
    assert!(!gj.contains("98765432"));
    let back = kshetra_core::import::geojson::parse("wards.geojson", gj.as_bytes()).unwrap();
    assert_eq!(back.map.wards().len(), map.wards().len());
    let v: serde_json::Value = serde_json::from_str(&gj).unwrap();
    let f = &v["features"][0]["properties"];
    let id = p.plan.organiser_of(f["ward_no"].as_str().unwrap()).unwrap();
    assert_eq!(f["organiser_id"], id);
    assert_eq!(f["organiser"], p.organiser(id).unwrap().name.as_str());
    assert_eq!(f["organiser_no"], p.position(id).unwrap() + 1);

    let kml = plan_wards_kml(map, p, poor, ExportOptions::default());
    assert!(kml.contains("<name>Plan &lt;draft&gt; &amp; &quot;final&quot;</name>"));
    assert!(!kml.contains("98765432"));
    let raw = kshetra_core::import::kml::read("wards.kml", kml.as_bytes()).unwrap();
    assert_eq!(raw.features.len(), map.wards().len());
    let col = raw.column("organiser").unwrap();
    let names: Vec<String> =
        raw.features.iter().filter_map(|f| f.value(col).map(Value::to_text)).collect();
    assert!(names.contains(&"राम & श्याम <CO>".to_string()));
    let imported = kshetra_core::import::import_auto("wards.kml", kml.as_bytes()).unwrap();
    assert_eq!(imported.map.wards().len(), map.wards().len());
    let private = plan_wards_kml(map, p, poor, ExportOptions { include_private: true });
    assert!(private.contains("9876543201"));
}

#[test]
fn dissolved_areas_cover_their_wards() {
    for (city, k) in [("bhubaneswar", 8), ("lucknow", 30)] {
        let owned;
        let (map, p, poor) = if city == "bhubaneswar" {
            bhubaneswar()
        } else {
            owned = planned(city, k);
            &owned
        };
        let areas = dissolved_areas(map, p);
        assert_eq!(areas.len(), k);
        let dissolved = areas.iter().filter(|a| a.dissolved).count();
        assert_eq!(dissolved, k, "{city}: only {dissolved} of {k} areas dissolved");
        for a in &areas {
            let wards: f64 =
                a.wards.iter().map(|w| robust_area_m2(&map.ward(w).unwrap().geometry)).sum();
            let got = robust_area_m2(&a.geometry);
            assert!(
                (got - wards).abs() < 0.1 * wards,
                "{city} area {}: {got} vs {wards}",
                a.number
            );
            // Compact areas of a plan are one outline (at most a few for wards split by rivers).
            assert!(
                a.geometry.0.len() <= 3,
                "{city} area {}: {} polygons",
                a.number,
                a.geometry.0.len()
            );
        }
        let gj = areas_geojson(map, p, poor, ExportOptions::default());
        let v: serde_json::Value = serde_json::from_str(&gj).unwrap();
        assert_eq!(v["features"].as_array().unwrap().len(), k);
        assert!(v["features"][0]["properties"].get("organiser_mobile").is_none());
        let kml = areas_kml(map, p, poor, ExportOptions::default());
        let raw = kshetra_core::import::kml::read("areas.kml", kml.as_bytes()).unwrap();
        assert_eq!(raw.features.len(), k);
        assert!(!kml.contains("98765432"));
        let private = areas_geojson(map, p, poor, ExportOptions { include_private: true });
        assert!(private.contains("\"organiser_mobile\":\"9876543200\""));
    }
}

#[test]
fn dissolve_falls_back_instead_of_failing() {
    use geo::{polygon, MultiPolygon};
    use kshetra_core::project::export::dissolve;
    let bad = MultiPolygon::new(vec![
        polygon![(x: f64::NAN, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: f64::NAN, y: 0.0)],
    ]);
    assert_eq!(dissolve(&[&bad]), None);
    assert_eq!(dissolve(&[]), None);
    // Two overlapping squares (an overlap as in digitised maps) and one with a sliver gap.
    let a = MultiPolygon::new(vec![
        polygon![(x: 85.80, y: 20.30), (x: 85.81, y: 20.30), (x: 85.81, y: 20.31), (x: 85.80, y: 20.31), (x: 85.80, y: 20.30)],
    ]);
    let b = MultiPolygon::new(vec![
        polygon![(x: 85.80999, y: 20.30), (x: 85.82, y: 20.30), (x: 85.82, y: 20.31), (x: 85.80999, y: 20.31), (x: 85.80999, y: 20.30)],
    ]);
    // Clockwise, as some files have them.
    let c = MultiPolygon::new(vec![
        polygon![(x: 85.80, y: 20.31001), (x: 85.80, y: 20.32), (x: 85.82, y: 20.32), (x: 85.82, y: 20.31001), (x: 85.80, y: 20.31001)],
    ]);
    let u = dissolve(&[&a, &b, &c]).unwrap();
    assert_eq!(u.0.len(), 2, "the sliver gap keeps c apart");
    let total = robust_area_m2(&a) + robust_area_m2(&b) + robust_area_m2(&c);
    assert!((robust_area_m2(&u) - total).abs() < 0.01 * total);
}
