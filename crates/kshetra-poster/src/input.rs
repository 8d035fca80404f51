//! What the printed output is made from: a finished allocation and the office's details.
//!
//! The UI maps its project into these types. They deliberately carry **no organiser home
//! addresses or home locations**: nothing printed on the wall can reveal where an organiser
//! lives.

use kshetra_core::adjacency::WardGraph;
use kshetra_core::i18n::Lang;
use kshetra_core::WardMap;

/// A text given in both languages by the office (mission name, city, signatory). When one
/// side is empty the other is used.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Bilingual {
    /// Hindi text.
    pub hi: String,
    /// English text.
    pub en: String,
}

impl Bilingual {
    /// Both languages from two texts.
    pub fn new(hi: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual { hi: hi.into(), en: en.into() }
    }

    /// The same text in both languages (a name, a number).
    pub fn same(s: impl Into<String>) -> Self {
        let s = s.into();
        Bilingual { hi: s.clone(), en: s }
    }

    /// The text in `lang`, falling back to the other language when empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, other) = match lang {
            Lang::Hi => (&self.hi, &self.en),
            Lang::En => (&self.en, &self.hi),
        };
        if first.trim().is_empty() {
            other
        } else {
            first
        }
    }
}

/// Where an organiser meets the community: a public place, never a home.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContactPoint {
    /// Name of the place (e.g. "Anganwadi Kendra, Aliganj").
    pub name: String,
    /// Longitude (WGS84).
    pub lon: f64,
    /// Latitude (WGS84).
    pub lat: f64,
    /// When the organiser is there, as the office writes it (e.g. "Mon 10–12").
    pub meeting: Option<String>,
}

/// One working area and its organiser.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AreaInfo {
    /// The area's short label as printed on the map and in the legend (usually "1", "2", …).
    pub number: String,
    /// Organiser's name; empty when the post is vacant.
    pub organiser_name: String,
    /// Organiser's mobile number, if it is to be printed.
    pub mobile: Option<String>,
    /// Role or designation (e.g. "Community Organiser"), printed under the name.
    pub role: Option<String>,
    /// Poor households in the area, as computed by the allocation.
    pub poor_households: u64,
    /// The area's public contact point.
    pub contact_point: Option<ContactPoint>,
}

/// The numbers behind the allocation, printed in the summary block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// City population used; `None` when not known.
    pub population: Option<u64>,
    /// Share of the population counted as poor (0.0–1.0).
    pub poor_share: f64,
    /// Persons per household used to turn people into households.
    pub household_size: f64,
    /// Poor households in the city.
    pub poor_households: u64,
    /// Poor households per organiser in the norm, if the office states one.
    pub households_per_organiser: Option<u64>,
    /// Organisers needed by the norm.
    pub organisers_needed: u64,
    /// Organisers available (in post).
    pub organisers_available: u64,
}

/// The title block and signature.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TitleBlock {
    /// Mission name (e.g. "दीनदयाल अंत्योदय योजना – राष्ट्रीय शहरी आजीविका मिशन" /
    /// "Deendayal Antyodaya Yojana – National Urban Livelihoods Mission").
    pub mission: Bilingual,
    /// City or urban local body.
    pub city: Bilingual,
    /// Subtitle; when empty the catalogue's "allocation of working areas to Community
    /// Organisers" is used.
    pub subtitle: Bilingual,
    /// Date as the office writes it (the renderer has no clock).
    pub date: String,
    /// The office's order or letter reference.
    pub order_reference: String,
    /// Signatory's designation (e.g. "City Project Officer").
    pub signatory: Bilingual,
    /// Signatory's name, if printed.
    pub signatory_name: Option<String>,
}

/// Everything a poster or sheet is drawn from.
#[derive(Debug, Clone, PartialEq)]
pub struct PosterInput<'a> {
    /// The city's wards.
    pub wards: &'a WardMap,
    /// The ward adjacency graph the plan was made on: the app's (the officer's tolerance and
    /// links), so the printed areas' neighbours are the screen's.
    pub graph: &'a WardGraph,
    /// For each ward (index in `wards.wards()`), its area (index in `areas`), or `None`.
    /// Entries beyond the ward count are ignored; missing entries mean unassigned; indices
    /// beyond `areas` are treated as unassigned.
    pub assignment: Vec<Option<usize>>,
    /// The working areas, in legend order.
    pub areas: Vec<AreaInfo>,
    /// Each area's colour index as on screen (same order as `areas`; [`crate::style::fill_ref`]
    /// prints it), e.g. from the app's plan view or [`crate::style::screen_colours`]. When
    /// shorter than `areas`, all areas are coloured by [`crate::style::screen_colours`] on
    /// `graph` with the area indices as ids.
    pub colours: Vec<usize>,
    /// Poor households per ward (index as in `wards`), for the organiser sheets; may be empty
    /// (then each ward's own `poor_households` is used).
    pub ward_poor_households: Vec<Option<u64>>,
    /// The summary block.
    pub summary: Summary,
    /// Title and signature.
    pub title: TitleBlock,
    /// Data attributions, one per line (e.g. the ward map's source and licence).
    pub attribution: Vec<String>,
}

impl PosterInput<'_> {
    /// The area of ward `ward`, if it is assigned to an existing area.
    pub fn area_of(&self, ward: usize) -> Option<usize> {
        self.assignment.get(ward).copied().flatten().filter(|&a| a < self.areas.len())
    }

    /// Ward indices of area `area`, in ward order.
    pub fn wards_of(&self, area: usize) -> Vec<usize> {
        (0..self.wards.wards().len()).filter(|&w| self.area_of(w) == Some(area)).collect()
    }
}
