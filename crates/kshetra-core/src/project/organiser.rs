//! Organisers: who they are ([`Organiser`]), where they live ([`Home`]) and where they meet
//! the community ([`ContactPoint`]), their capacity ([`valid_capacity`]) and how a mobile
//! number is read ([`normalise_mobile`]).
//!
//! An organiser's mobile number and home are the office's data: exports leave them out unless
//! the caller asks for them.

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};
use crate::model::WardMap;
use crate::project::edit::ProjectError;

/// Largest capacity an organiser can have (twice a normal share).
pub const MAX_CAPACITY: f64 = 2.0;

/// Where an organiser lives: a ward, a point, or both. Office data: never exported unless
/// asked for.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Home {
    /// Home ward number.
    #[serde(default)]
    pub ward: Option<String>,
    /// Home location, `[longitude, latitude]` (WGS84).
    #[serde(default)]
    pub point: Option<[f64; 2]>,
}

/// Where an organiser meets the community (a public place) and when.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ContactPoint {
    /// Name of the place (e.g. "Anganwadi Kendra, Aliganj").
    pub name: String,
    /// Longitude (WGS84), when known.
    #[serde(default)]
    pub lon: Option<f64>,
    /// Latitude (WGS84), when known.
    #[serde(default)]
    pub lat: Option<f64>,
    /// Meeting day as the office writes it (e.g. "सोमवार").
    #[serde(default)]
    pub meeting_day: Option<String>,
    /// Meeting time as the office writes it (e.g. "10–12").
    #[serde(default)]
    pub meeting_time: Option<String>,
}

fn one() -> f64 {
    1.0
}

fn default_role_hi() -> String {
    default_role(Lang::Hi).to_string()
}

/// The default role text: "सामुदायिक संगठक" / "Community Organiser".
pub fn default_role(lang: Lang) -> &'static str {
    Msg::RoleCommunityOrganiser.text(lang)
}

/// One community organiser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organiser {
    /// Stable identifier within the project, never reused (assigned by [`Project::apply`]).
    ///
    /// [`Project::apply`]: crate::project::Project::apply
    pub id: u32,
    /// Name; empty for a vacant post.
    pub name: String,
    /// Mobile number, normalised to 10 digits (see [`normalise_mobile`]). Private.
    #[serde(default)]
    pub mobile: Option<String>,
    /// Role or designation, free text (default "सामुदायिक संगठक").
    #[serde(default = "default_role_hi")]
    pub role: String,
    /// Home ward and/or point. Private.
    #[serde(default)]
    pub home: Option<Home>,
    /// Relative workload, 0 < capacity ≤ 2 (1 = a normal share).
    #[serde(default = "one")]
    pub capacity: f64,
    /// Public contact point and meeting time.
    #[serde(default)]
    pub contact: Option<ContactPoint>,
}

impl Organiser {
    /// The role as shown in `lang`: the default role (saved in either language) in `lang`,
    /// anything the officer typed as typed.
    pub fn role_text(&self, lang: Lang) -> String {
        let role = self.role.trim();
        if [Lang::Hi, Lang::En].iter().any(|&l| role == default_role(l)) {
            default_role(lang).to_string()
        } else {
            self.role.clone()
        }
    }

    /// An organiser with a name and the defaults: role "सामुदायिक संगठक", capacity 1, id 0
    /// (the project gives the id when the organiser is added).
    pub fn new(name: impl Into<String>) -> Organiser {
        Organiser {
            id: 0,
            name: name.into(),
            mobile: None,
            role: default_role_hi(),
            home: None,
            capacity: 1.0,
            contact: None,
        }
    }

    /// The organiser's home ward, if one is given.
    pub fn home_ward(&self) -> Option<&str> {
        self.home.as_ref().and_then(|h| h.ward.as_deref())
    }

    /// Checks capacity, mobile and home ward (against `map`), normalising the mobile.
    pub(super) fn checked(mut self, map: &WardMap) -> Result<Organiser, ProjectError> {
        if !valid_capacity(self.capacity) {
            return Err(ProjectError::BadCapacity { name: self.name, value: self.capacity });
        }
        if let Some(m) = self.mobile.take().filter(|m| !m.trim().is_empty()) {
            match normalise_mobile(&m) {
                Some(n) => self.mobile = Some(n),
                None => return Err(ProjectError::BadMobile { name: self.name, value: m }),
            }
        }
        if let Some(w) = self.home_ward() {
            if map.ward(w).is_none() {
                return Err(ProjectError::UnknownWards { wards: vec![w.to_string()] });
            }
        }
        Ok(self)
    }
}

/// Whether `c` is a usable capacity: finite, 0 < c ≤ [`MAX_CAPACITY`].
pub fn valid_capacity(c: f64) -> bool {
    c.is_finite() && c > 0.0 && c <= MAX_CAPACITY
}

/// An Indian mobile number as 10 digits, or `None` when it is not one. Spaces, hyphens, dots
/// and brackets are ignored, Devanagari digits read as digits, and a `+91`/`91` country code
/// or a leading trunk `0` is stripped; the number must then be 10 digits starting with 6–9.
///
/// ```
/// use kshetra_core::project::normalise_mobile;
/// assert_eq!(normalise_mobile("+91 98765-43210").as_deref(), Some("9876543210"));
/// assert_eq!(normalise_mobile("09876543210").as_deref(), Some("9876543210"));
/// assert_eq!(normalise_mobile("5876543210"), None);
/// ```
pub fn normalise_mobile(raw: &str) -> Option<String> {
    let s = raw.trim();
    let (plus, rest) = match s.strip_prefix('+') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let mut digits = String::new();
    for c in rest.chars() {
        match c {
            '0'..='9' => digits.push(c),
            '०'..='९' => digits.push(char::from(b'0' + (c as u32 - '०' as u32) as u8)),
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return None,
        }
    }
    let national = if plus {
        digits.strip_prefix("91")?
    } else if digits.len() == 12 && digits.starts_with("91") {
        &digits[2..]
    } else if digits.len() == 11 && digits.starts_with('0') {
        &digits[1..]
    } else {
        &digits
    };
    (national.len() == 10 && matches!(national.as_bytes()[0], b'6'..=b'9'))
        .then(|| national.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_role_follows_the_language_a_typed_one_stays() {
        let mut o = Organiser::new("Asha");
        assert_eq!(o.role_text(Lang::En), "Community Organiser");
        assert_eq!(o.role_text(Lang::Hi), "सामुदायिक संगठक");
        o.role = "Community Organiser".into();
        assert_eq!(o.role_text(Lang::Hi), "सामुदायिक संगठक");
        o.role = "CMM".into();
        assert_eq!(o.role_text(Lang::Hi), "CMM");
    }

    #[test]
    fn mobiles() {
        for (raw, want) in [
            ("9876543210", Some("9876543210")),
            ("+91 98765 43210", Some("9876543210")),
            ("+91-6000000000", Some("6000000000")),
            ("919876543210", Some("9876543210")),
            ("09876543210", Some("9876543210")),
            ("(0)98765-43210", Some("9876543210")),
            ("९८७६५४३२१०", Some("9876543210")),
            ("5876543210", None),
            ("987654321", None),
            ("98765432101", None),
            ("+1 9876543210", None),
            ("98765x3210", None),
            ("", None),
        ] {
            assert_eq!(normalise_mobile(raw).as_deref(), want, "{raw}");
        }
    }
}
