//! The real ward maps bundled with the app, with the attribution their licences require.

use crate::i18n::Lang;

/// A ward map shipped with Kshetra.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BundledCity {
    /// Stable identifier, also the file stem under `data/`.
    pub id: &'static str,
    /// City name in Hindi.
    pub name_hi: &'static str,
    /// City name in English.
    pub name_en: &'static str,
    /// Path of the GeoJSON relative to the app's base URL.
    pub path: &'static str,
    /// Number of wards in the file (checked by tests).
    pub ward_count: usize,
    /// Who made the data, with its licence.
    pub attribution: Attribution,
}

/// A data attribution: "`<title>` by `<author>` (`<licence>`)", with links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    /// Dataset title.
    pub title: &'static str,
    /// Dataset home page.
    pub url: &'static str,
    /// Author or community.
    pub author: &'static str,
    /// Author's home page.
    pub author_url: &'static str,
    /// Licence short name.
    pub licence: &'static str,
    /// Licence URL.
    pub licence_url: &'static str,
}

impl Attribution {
    /// Plain-text attribution, e.g. for posters and exports.
    pub fn text(&self) -> String {
        format!("{} by {} ({})", self.title, self.author, self.licence)
    }

    /// The attribution as HTML links. All parts are our own constants (not imported data).
    pub fn html(&self) -> String {
        format!(
            r#"<a href="{}" target="_blank" rel="noopener">{}</a> by <a href="{}" target="_blank" rel="noopener">{}</a> (<a href="{}" target="_blank" rel="noopener">{}</a>)"#,
            self.url, self.title, self.author_url, self.author, self.licence_url, self.licence
        )
    }
}

impl BundledCity {
    /// The city's name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Hi => self.name_hi,
            Lang::En => self.name_en,
        }
    }

    /// Looks a bundled city up by id.
    pub fn by_id(id: &str) -> Option<&'static BundledCity> {
        BUNDLED_CITIES.iter().find(|c| c.id == id)
    }
}

const DATAMEET: &str = "DataMeet India community";
const DATAMEET_URL: &str = "http://datameet.org/";

/// The bundled cities; the first is the default shown on first open.
pub const BUNDLED_CITIES: &[BundledCity] = &[
    BundledCity {
        id: "lucknow",
        name_hi: "लखनऊ",
        name_en: "Lucknow",
        path: "data/lucknow.geojson",
        ward_count: 110,
        attribution: Attribution {
            title: "Lucknow Municipal Spatial Data",
            url: "https://github.com/datameet/Municipal_Spatial_Data/tree/master/Lucknow",
            author: DATAMEET,
            author_url: DATAMEET_URL,
            licence: "CC BY 4.0",
            licence_url: "https://creativecommons.org/licenses/by/4.0/",
        },
    },
    BundledCity {
        id: "bhopal",
        name_hi: "भोपाल",
        name_en: "Bhopal",
        path: "data/bhopal.geojson",
        ward_count: 85,
        attribution: Attribution {
            title: "Bhopal Municipal Spatial Data",
            url: "https://github.com/datameet/Municipal_Spatial_Data/tree/master/Bhopal",
            author: DATAMEET,
            author_url: DATAMEET_URL,
            licence: "CC BY-SA 2.5 IN",
            licence_url: "http://creativecommons.org/licenses/by-sa/2.5/in/",
        },
    },
    BundledCity {
        id: "bhubaneswar",
        name_hi: "भुवनेश्वर",
        name_en: "Bhubaneswar",
        path: "data/bhubaneswar.geojson",
        ward_count: 67,
        attribution: Attribution {
            title: "Bhubaneswar Municipal Spatial Data",
            url: "https://github.com/datameet/Municipal_Spatial_Data/tree/master/Bhubaneswar",
            author: DATAMEET,
            author_url: DATAMEET_URL,
            licence: "CC BY-SA 2.5 IN",
            licence_url: "http://creativecommons.org/licenses/by-sa/2.5/in/",
        },
    },
];

/// The city shown when nothing else has been chosen.
pub fn default_city() -> &'static BundledCity {
    &BUNDLED_CITIES[0]
}
