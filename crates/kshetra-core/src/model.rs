//! The ward map: Kshetra's own model of a city, independent of any file format or map widget.

use geo::{BoundingRect, MultiPolygon, Rect};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// One municipal ward.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Ward {
    /// Ward number as published (e.g. "37"), unique within a [`WardMap`].
    pub number: String,
    /// Ward name as published, if any (may be Devanagari).
    pub name: Option<String>,
    /// Zone the source assigns the ward to, if any.
    pub zone: Option<String>,
    /// Population from the source or entered by the officer; `None` when not known.
    pub population: Option<u64>,
    /// Boundary in WGS84 longitude/latitude.
    pub geometry: MultiPolygon<f64>,
    /// Number of households, when the source or the ward table gives it.
    pub households: Option<u64>,
    /// Number of poor households as entered (not estimated); see [`crate::estimate`].
    pub poor_households: Option<u64>,
    /// Further counts from the ward table (e.g. worker groups), by column name.
    pub extra: BTreeMap<String, f64>,
}

impl Ward {
    /// A ward with a number and a boundary and nothing else known.
    pub fn new(number: impl Into<String>, geometry: MultiPolygon<f64>) -> Ward {
        Ward {
            number: number.into(),
            name: None,
            zone: None,
            population: None,
            geometry,
            households: None,
            poor_households: None,
            extra: BTreeMap::new(),
        }
    }
}

/// A city's wards, in a stable order (natural order of ward numbers), and its zones.
///
/// Invariant: `wards` is sorted by [`natural_cmp`] of the numbers (lookups by number are
/// binary searches); deserialising goes through [`WardMap::new`] to keep it.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
#[serde(from = "StoredWardMap")]
pub struct WardMap {
    wards: Vec<Ward>,
    zones: Vec<String>,
}

/// [`WardMap`] as stored; read back through [`WardMap::new`]. It has every field the map
/// writes, as non-self-describing formats (postcard, between the page and its worker) read
/// fields by position; the zones are recomputed from the wards.
#[derive(serde::Deserialize)]
struct StoredWardMap {
    wards: Vec<Ward>,
    #[allow(dead_code)]
    zones: Vec<String>,
}

impl From<StoredWardMap> for WardMap {
    fn from(s: StoredWardMap) -> WardMap {
        WardMap::new(s.wards)
    }
}

impl WardMap {
    /// Builds a map, sorting wards by natural ward-number order ("2" before "10") and
    /// collecting the distinct zones in natural order.
    pub fn new(mut wards: Vec<Ward>) -> Self {
        wards.sort_by(|a, b| natural_cmp(&a.number, &b.number));
        let mut zones: Vec<String> = wards.iter().filter_map(|w| w.zone.clone()).collect();
        zones.sort_by(|a, b| natural_cmp(a, b));
        zones.dedup();
        WardMap { wards, zones }
    }

    /// The wards, in natural ward-number order.
    pub fn wards(&self) -> &[Ward] {
        &self.wards
    }

    /// Distinct zone names, in natural order.
    pub fn zones(&self) -> &[String] {
        &self.zones
    }

    /// Position of `zone` in [`WardMap::zones`], used to pick its colour.
    pub fn zone_index(&self, zone: &str) -> Option<usize> {
        self.zones.iter().position(|z| z == zone)
    }

    /// The wards, by value (e.g. to change some and build a new map).
    pub fn into_wards(self) -> Vec<Ward> {
        self.wards
    }

    /// Index of the ward with this number in [`WardMap::wards`].
    pub fn index_of(&self, number: &str) -> Option<usize> {
        // natural_cmp is Equal only for identical strings, so a binary search finds the ward.
        self.wards.binary_search_by(|w| natural_cmp(&w.number, number)).ok()
    }

    /// Applies an edit to the ward at `index` (ignored when out of range). Zone changes keep
    /// [`WardMap::zones`] up to date; numbers and shapes are not editable here.
    pub fn edit(&mut self, index: usize, edit: WardEdit) {
        let Some(ward) = self.wards.get_mut(index) else { return };
        match edit {
            WardEdit::Population(v) => ward.population = v,
            WardEdit::Households(v) => ward.households = v,
            WardEdit::PoorHouseholds(v) => ward.poor_households = v,
            WardEdit::Zone(z) => {
                ward.zone = z.map(|z| z.trim().to_string()).filter(|z| !z.is_empty());
                let mut zones: Vec<String> =
                    self.wards.iter().filter_map(|w| w.zone.clone()).collect();
                zones.sort_by(|a, b| natural_cmp(a, b));
                zones.dedup();
                self.zones = zones;
            }
        }
    }

    /// Looks a ward up by its number.
    pub fn ward(&self, number: &str) -> Option<&Ward> {
        self.index_of(number).map(|i| &self.wards[i])
    }

    /// Sum of the known populations and the number of wards whose population is unknown.
    pub fn population_summary(&self) -> PopulationSummary {
        let mut summary = PopulationSummary::default();
        for ward in &self.wards {
            match ward.population {
                Some(p) => {
                    summary.known_total += p;
                    summary.wards_known += 1;
                }
                None => summary.wards_missing += 1,
            }
        }
        summary
    }

    /// Sum of the wards' geodesic areas, in m².
    pub fn total_area_m2(&self) -> f64 {
        self.wards.iter().map(|w| crate::geometry::area_m2(&w.geometry)).sum()
    }

    /// Bounding box of all wards (lon/lat), `None` for an empty map.
    pub fn bounds(&self) -> Option<Rect<f64>> {
        self.wards.iter().filter_map(|w| w.geometry.bounding_rect()).reduce(|a, b| {
            Rect::new(
                (a.min().x.min(b.min().x), a.min().y.min(b.min().y)),
                (a.max().x.max(b.max().x), a.max().y.max(b.max().y)),
            )
        })
    }
}

/// A change to one ward's figures, made by the officer (see [`WardMap::edit`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum WardEdit {
    /// Population (`None` = not known).
    Population(Option<u64>),
    /// Households.
    Households(Option<u64>),
    /// Poor households entered for the ward (`None` = estimate it).
    PoorHouseholds(Option<u64>),
    /// Zone (`None` or blank = no zone).
    Zone(Option<String>),
}

/// Population totals of a [`WardMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PopulationSummary {
    /// Sum over wards whose population is known.
    pub known_total: u64,
    /// Wards with a known population.
    pub wards_known: usize,
    /// Wards whose population is not known.
    pub wards_missing: usize,
}

/// Natural ordering for ward numbers and zone names: numeric parts compare as numbers
/// ("2" < "10" < "10A"), everything else as text.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let mut prev_digit: Option<bool> = None;
        for (i, c) in s.char_indices() {
            let d = c.is_ascii_digit();
            if let Some(p) = prev_digit {
                if p != d {
                    out.push((p, &s[start..i]));
                    start = i;
                }
            }
            prev_digit = Some(d);
        }
        if let Some(p) = prev_digit {
            out.push((p, &s[start..]));
        }
        out
    }
    let (ca, cb) = (chunks(a), chunks(b));
    for (x, y) in ca.iter().zip(cb.iter()) {
        let ord = match (x, y) {
            ((true, x), (true, y)) => {
                let (xt, yt) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                xt.len().cmp(&yt.len()).then_with(|| xt.cmp(yt)).then_with(|| x.len().cmp(&y.len()))
            }
            ((true, _), (false, _)) => Ordering::Less,
            ((false, _), (true, _)) => Ordering::Greater,
            ((false, x), (false, y)) => x.cmp(y),
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    ca.len().cmp(&cb.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_change_one_ward_and_keep_zones_current() {
        use geo::{polygon, MultiPolygon};
        let shape = MultiPolygon::new(vec![
            polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 0.0)],
        ]);
        let mut a = Ward::new("1", shape.clone());
        a.zone = Some("2".into());
        let mut b = Ward::new("2", shape);
        b.zone = Some("10".into());
        let mut map = WardMap::new(vec![b, a]);
        assert_eq!(map.zones(), ["2", "10"]);
        map.edit(0, WardEdit::Population(Some(12_345)));
        map.edit(0, WardEdit::PoorHouseholds(Some(700)));
        assert_eq!(map.wards()[0].population, Some(12_345));
        assert_eq!(map.wards()[0].poor_households, Some(700));
        map.edit(1, WardEdit::Zone(Some(" 3 ".into())));
        assert_eq!(map.zones(), ["2", "3"]);
        map.edit(0, WardEdit::Zone(Some("".into())));
        assert_eq!(map.wards()[0].zone, None);
        assert_eq!(map.zones(), ["3"]);
        map.edit(9, WardEdit::Population(None));
        assert_eq!(map.index_of("2"), Some(1));
    }

    #[test]
    fn natural_order_of_ward_numbers() {
        let mut v = vec!["10", "2", "1", "10A", "Zone 10", "Zone 9", "02", "110"];
        v.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(v, ["1", "2", "02", "10", "10A", "110", "Zone 9", "Zone 10"]);
    }

    #[test]
    fn lookups_by_number_find_every_ward_and_only_those() {
        let numbers = ["10", "9", "09", "2a", "2", "a", "A-3", "", "100", "0"];
        let map = WardMap::new(
            numbers
                .iter()
                .map(|n| Ward::new(n.to_string(), MultiPolygon::new(Vec::new())))
                .collect(),
        );
        for n in numbers {
            let i = map.index_of(n).unwrap_or_else(|| panic!("{n:?} not found"));
            assert_eq!(map.wards()[i].number, n);
            assert_eq!(map.ward(n).map(|w| w.number.as_str()), Some(n));
        }
        for n in ["1", "009", "a ", "2A"] {
            assert_eq!(map.index_of(n), None, "{n:?}");
        }
        // Read back from storage in another order: still found.
        let mut json = serde_json::to_value(&map).unwrap();
        json["wards"].as_array_mut().unwrap().reverse();
        let back: WardMap = serde_json::from_value(json).unwrap();
        assert_eq!(back, map);
        assert_eq!(back.index_of("2a").map(|i| back.wards()[i].number.as_str()), Some("2a"));
        // And through postcard (fields by position), as between the page and its worker.
        let bytes = postcard::to_allocvec(&map).unwrap();
        assert_eq!(postcard::from_bytes::<WardMap>(&bytes).unwrap(), map);
    }

    #[test]
    fn natural_cmp_is_a_total_order_on_samples() {
        let samples = ["", "0", "00", "1", "a", "a1", "a01", "1a", "10", "9z"];
        for a in samples {
            assert_eq!(natural_cmp(a, a), Ordering::Equal);
            for b in samples {
                assert_eq!(natural_cmp(a, b), natural_cmp(b, a).reverse(), "{a} vs {b}");
            }
        }
    }
}
