//! A deterministic synthetic allocation of a bundled city: wards split into `k` areas by
//! centroid strips (columns west→east, then rows north→south), invented organisers, contact
//! points at a ward's interior point.

use geo::Centroid;
use kshetra_core::adjacency::WardGraph;
use kshetra_core::cities::BundledCity;
use kshetra_core::geometry::label_point;
use kshetra_core::WardMap;
use kshetra_poster::{AreaInfo, Bilingual, ContactPoint, PosterInput, Summary, TitleBlock};

/// A bundled city's wards and their adjacency graph (default options, as the app builds it).
pub struct City {
    /// The wards.
    pub map: WardMap,
    /// Their adjacency.
    pub graph: WardGraph,
}

impl std::ops::Deref for City {
    type Target = WardMap;
    fn deref(&self) -> &WardMap {
        &self.map
    }
}

/// Loads a bundled city from `public/data` and builds its graph.
pub fn city(id: &str) -> City {
    let map = city_map(id);
    let graph = kshetra_core::adjacency::build(&map, &Default::default());
    City { map, graph }
}

/// Loads a bundled city's ward map from `public/data`.
pub fn city_map(id: &str) -> WardMap {
    let path = format!("{}/../../public/data/{id}.geojson", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let map = kshetra_core::import::geojson::parse(&path, &bytes).expect("bundled city parses").map;
    // Some bundled maps carry no population: give every ward a deterministic one from its
    // area (about 9,000 people per km², at least 4,000), so the numbers look real.
    let wards = map
        .wards()
        .iter()
        .cloned()
        .map(|mut w| {
            if w.population.is_none() {
                let km2 = kshetra_core::geometry::area_m2(&w.geometry) / 1e6;
                w.population = Some(((km2 * 9000.0).round() as u64).max(4000));
            }
            w
        })
        .collect();
    WardMap::new(wards)
}

const NAMES: &[(&str, &str)] = &[
    ("सुनीता देवी", "9415000101"),
    ("Mohd. Arif Khan", "9415000102"),
    ("रेखा वर्मा", "9415000103"),
    ("Priya Srivastava", "9415000104"),
    ("अनिल कुमार यादव", "9415000105"),
    ("Shabana Parveen", "9415000106"),
    ("कमलेश मौर्य", "9415000107"),
    ("Neha Tripathi", "9415000108"),
    ("राजेश पाल", "9415000109"),
    ("Farzana Bano", "9415000110"),
    ("संगीता रावत", "9415000111"),
    ("Vinod Kumar", "9415000112"),
    ("", ""),
    ("मीना गुप्ता", "9415000114"),
    ("Deepak Singh", "9415000115"),
    ("आरती सोनकर", "9415000116"),
];

pub const POOR_SHARE: f64 = 0.32;
pub const HOUSEHOLD: f64 = 4.8;

/// Assigns wards to `k` areas by centroid strips.
pub fn strips(map: &WardMap, k: usize) -> Vec<Option<usize>> {
    let n = map.wards().len();
    let cols = (k as f64).sqrt().ceil() as usize;
    let cents: Vec<(f64, f64)> = map
        .wards()
        .iter()
        .map(|w| w.geometry.centroid().map(|p| (p.x(), p.y())).unwrap_or((0.0, 0.0)))
        .collect();
    let mut by_x: Vec<usize> = (0..n).collect();
    by_x.sort_by(|&a, &b| cents[a].0.total_cmp(&cents[b].0).then(a.cmp(&b)));
    let mut out = vec![None; n];
    let mut area = 0;
    let mut start = 0;
    for c in 0..cols {
        let rows = k / cols + usize::from(c < k % cols);
        let end = n * (c + 1) / cols;
        let mut col: Vec<usize> = by_x[start..end].to_vec();
        col.sort_by(|&a, &b| cents[b].1.total_cmp(&cents[a].1).then(a.cmp(&b)));
        for (i, &w) in col.iter().enumerate() {
            out[w] = Some(area + i * rows / col.len().max(1));
        }
        area += rows;
        start = end;
    }
    out
}

/// Poor households of a ward from its population.
pub fn poor(pop: Option<u64>) -> Option<u64> {
    pop.map(|p| (p as f64 * POOR_SHARE / HOUSEHOLD).round() as u64)
}

/// The whole poster input for `map` with `k` areas.
pub fn input<'a>(map: &'a City, city_id: &str, k: usize) -> PosterInput<'a> {
    let assignment = strips(map, k);
    input_with(map, city_id, k, assignment)
}

/// The poster input for a given assignment.
pub fn input_with<'a>(
    loaded: &'a City,
    city_id: &str,
    k: usize,
    assignment: Vec<Option<usize>>,
) -> PosterInput<'a> {
    let map = &loaded.map;
    let city = BundledCity::by_id(city_id);
    let ward_poor: Vec<Option<u64>> = map.wards().iter().map(|w| poor(w.population)).collect();
    let areas: Vec<AreaInfo> = (0..k)
        .map(|a| {
            let wards: Vec<usize> = (0..map.wards().len())
                .filter(|&w| assignment.get(w).copied().flatten() == Some(a))
                .collect();
            let (name, mobile) = NAMES[a % NAMES.len()];
            let contact_point = wards
                .first()
                .and_then(|&w| label_point(&map.wards()[w].geometry))
                .map(|p| ContactPoint {
                    name: format!("Anganwadi Kendra, ward {}", map.wards()[wards[0]].number),
                    lon: p.x(),
                    lat: p.y(),
                    meeting: Some(
                        ["Mon 10–12", "Tue 11–1", "Wed 10–12", "Thu 3–5", "Fri 10–12", "Sat 11–1"]
                            [a % 6]
                            .to_string(),
                    ),
                });
            AreaInfo {
                number: (a + 1).to_string(),
                organiser_name: name.to_string(),
                mobile: (!mobile.is_empty()).then(|| mobile.to_string()),
                role: Some("Community Organiser".to_string()),
                poor_households: wards.iter().filter_map(|&w| ward_poor[w]).sum(),
                contact_point,
            }
        })
        .collect();
    let population = map.population_summary().known_total;
    let poor_households = ward_poor.iter().flatten().sum::<u64>();
    PosterInput {
        wards: map,
        graph: &loaded.graph,
        colours: kshetra_poster::style::screen_colours(&loaded.graph, &assignment, k, &[]),
        assignment,
        areas,
        ward_poor_households: ward_poor,
        summary: Summary {
            population: Some(population),
            poor_share: POOR_SHARE,
            household_size: HOUSEHOLD,
            poor_households,
            households_per_organiser: Some(2000),
            organisers_needed: poor_households.div_ceil(2000),
            organisers_available: k as u64,
        },
        title: TitleBlock {
            mission: Bilingual::new(
                "दीनदयाल अंत्योदय योजना – राष्ट्रीय शहरी आजीविका मिशन",
                "Deendayal Antyodaya Yojana – National Urban Livelihoods Mission",
            ),
            city: city
                .map(|c| {
                    Bilingual::new(
                        format!("नगर निगम {}", c.name_hi),
                        format!("{} Municipal Corporation", c.name_en),
                    )
                })
                .unwrap_or_default(),
            subtitle: Bilingual::default(),
            date: "15.07.2025".to_string(),
            order_reference: "123/DAY-NULM/2025-26".to_string(),
            signatory: Bilingual::new("नगर परियोजना अधिकारी", "City Project Officer"),
            signatory_name: Some("R. K. Mishra".to_string()),
        },
        attribution: city
            .map(|c| vec![c.attribution.text(), "© OpenStreetMap contributors (ODbL)".to_string()])
            .unwrap_or_default(),
    }
}
