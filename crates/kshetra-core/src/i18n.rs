//! The one message catalogue: every string a person reads, in Hindi and English.
//!
//! Each entry is written once with both texts side by side, so a missing translation is a
//! compile error. Parameterised entries use `{name}` placeholders filled by [`Msg::fill`];
//! a test checks that both languages use the same placeholders.

use serde::{Deserialize, Serialize};

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// हिन्दी — the default.
    #[default]
    Hi,
    /// English.
    En,
}

impl Lang {
    /// Both languages, Hindi first.
    pub const ALL: [Lang; 2] = [Lang::Hi, Lang::En];

    /// BCP 47 code, as used in `?lang=` and `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Hi => "hi",
            Lang::En => "en",
        }
    }

    /// Parses a language code (`hi`, `en`, case-insensitive, region suffix ignored).
    pub fn from_code(code: &str) -> Option<Lang> {
        let base = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match base.as_str() {
            "hi" => Some(Lang::Hi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's name in itself, for the language switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::Hi => "हिन्दी",
            Lang::En => "English",
        }
    }
}

macro_rules! catalogue {
    ($($(#[$doc:meta])* $name:ident => $hi:literal, $en:literal;)*) => {
        /// A catalogue entry. `Msg::X.text(lang)` gives its text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Msg {
            $($(#[$doc])* $name,)*
        }

        impl Msg {
            /// Every entry, in declaration order.
            pub const ALL: &'static [Msg] = &[$(Msg::$name,)*];

            /// The entry's text in `lang` (placeholders not filled).
            pub fn text(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((Msg::$name, Lang::Hi) => $hi, (Msg::$name, Lang::En) => $en,)*
                }
            }
        }
    };
}

catalogue! {
    /// Product name.
    AppName => "क्षेत्र", "Kshetra";
    /// One-line description under the name.
    AppTagline => "सामुदायिक संगठकों में शहर के वार्डों का बँटवारा", "Dividing a city's wards among its community organisers";
    /// Label of the city picker.
    City => "शहर", "City";
    /// Label of the language switch.
    Language => "भाषा", "Language";
    /// Toggle for the OpenStreetMap tile layer.
    BaseMap => "आधार नक्शा (OpenStreetMap)", "Base map (OpenStreetMap)";
    /// Explains what switching the base map off does.
    BaseMapHint => "बंद करने पर यह ऐप किसी बाहरी सर्वर से कुछ नहीं माँगता।", "When off, the app requests nothing from any outside server.";
    /// Label of the tile URL setting.
    TileUrl => "टाइल का पता (URL)", "Tile URL";
    /// The tile URL setting is not usable.
    TileUrlInvalid => "टाइल का पता https:// से शुरू होना चाहिए और उसमें {z}, {x}, {y} होने चाहिए।", "The tile URL must start with https:// and contain {z}, {x} and {y}.";
    /// Button: restore the default tile URL.
    TileUrlReset => "मूल पता", "Default";
    /// Label of the adjacency tolerance setting.
    Tolerance => "पड़ोसी मानने की दूरी (मीटर)", "Neighbour tolerance (metres)";
    /// Explains the adjacency tolerance.
    ToleranceHint => "जिन वार्डों की सीमाएँ इतनी दूरी के भीतर साथ-साथ चलती हैं, वे पड़ोसी माने जाते हैं। 0 = केवल बिल्कुल साझा सीमा।", "Wards whose borders run within this distance of each other are neighbours. 0 = exactly shared borders only.";
    /// The tolerance setting is not usable.
    ToleranceInvalid => "दूरी 0 से 100 मीटर के बीच की संख्या होनी चाहिए।", "The tolerance must be a number from 0 to 100 metres.";
    /// Count label: pieces of the ward graph.
    Pieces => "नक्शे के टुकड़े", "Map pieces";
    /// The ward graph is in several pieces. {n}
    PiecesWarning => "नक्शा {n} अलग टुकड़ों में है। हर संगठक का क्षेत्र एक ही टुकड़े में होना चाहिए, इसलिए टुकड़ों को जोड़ें।", "The map is in {n} separate pieces. Each organiser's area must be in one piece, so join them.";
    /// One separate piece and its nearest ward. {wards} {to} {gap}
    PieceLine => "वार्ड {wards} — सबसे पास वार्ड {to} ({gap} मी)", "Wards {wards} — nearest ward {to} ({gap} m)";
    /// More pieces not listed. {n}
    MorePieces => "… और {n} टुकड़े", "… and {n} more pieces";
    /// Button: link a piece to its nearest ward.
    LinkWards => "जोड़ें", "Link";
    /// Button: join every piece to its nearest ward.
    JoinAll => "सभी टुकड़ों को सबसे पास के वार्ड से जोड़ें", "Join every piece to its nearest ward";
    /// Heading of the officer's links.
    Links => "आपके जोड़े गए संबंध", "Links you added";
    /// Button: remove a link.
    RemoveLink => "हटाएँ", "Remove";
    /// Neighbouring wards.
    Neighbours => "पड़ोसी वार्ड", "Neighbouring wards";
    /// No neighbours.
    NoNeighbours => "कोई नहीं", "none";
    /// Settings section heading.
    Settings => "सेटिंग्स", "Settings";
    /// Heading of the city summary.
    CitySummary => "शहर का सारांश", "City summary";
    /// Count label: wards.
    Wards => "वार्ड", "Wards";
    /// Singular: ward (before a number).
    Ward => "वार्ड", "Ward";
    /// Count label: zones.
    Zones => "ज़ोन", "Zones";
    /// Singular: zone.
    Zone => "ज़ोन", "Zone";
    /// Population.
    Population => "जनसंख्या", "Population";
    /// Ward name.
    WardName => "वार्ड का नाम", "Ward name";
    /// Ward number.
    WardNumber => "वार्ड संख्या", "Ward number";
    /// City or ward area.
    Area => "क्षेत्रफल", "Area";
    /// Square kilometres unit.
    SqKm => "वर्ग किमी", "km²";
    /// A value that is not known.
    NotKnown => "ज्ञात नहीं", "not known";
    /// Ward without a zone.
    NoZone => "ज़ोन नहीं", "no zone";
    /// Population missing for some wards. {n}: number of wards.
    PopulationMissing => "{n} वार्डों की जनसंख्या दर्ज नहीं है — इसे वार्ड तालिका में भरें।", "Population is not entered for {n} wards — fill it in the ward table.";
    /// Map is loading.
    Loading => "नक्शा लोड हो रहा है…", "Loading the map…";
    /// Accessible name of the map.
    WardMapLabel => "वार्डों का नक्शा", "Ward map";
    /// Heading of the ward details panel.
    WardDetails => "वार्ड का विवरण", "Ward details";
    /// Hint in the empty ward details panel.
    ClickAWard => "विवरण देखने के लिए नक्शे पर किसी वार्ड को छुएँ या क्लिक करें।", "Tap or click a ward on the map to see its details.";
    /// Close button of the details panel.
    Close => "बंद करें", "Close";
    /// Zone legend heading.
    ZoneLegend => "ज़ोन (रंग)", "Zones (colours)";
    /// Data source heading.
    DataSource => "नक्शे का स्रोत", "Map data";
    /// Retry button.
    Retry => "फिर से कोशिश करें", "Try again";
    /// Loading a bundled map failed. {city}, {detail}.
    CityLoadFailed => "{city} का नक्शा लोड नहीं हो सका ({detail})। पिछला काम सुरक्षित है।", "The map of {city} could not be loaded ({detail}). Your earlier work is safe.";
    /// Network/HTTP failure detail. {status}
    HttpStatus => "सर्वर ने {status} लौटाया", "the server answered {status}";
    /// Network failure detail.
    NetworkError => "नेटवर्क त्रुटि", "network error";
    /// Import error: empty file. {file}
    ErrEmptyFile => "फ़ाइल \"{file}\" खाली है (0 बाइट)। सही फ़ाइल चुनें।", "The file \"{file}\" is empty (0 bytes). Choose the right file.";
    /// Import error: not UTF-8. {file}
    ErrNotUtf8 => "फ़ाइल \"{file}\" UTF-8 टेक्स्ट नहीं है। GeoJSON को UTF-8 में सहेजें।", "The file \"{file}\" is not UTF-8 text. Save the GeoJSON as UTF-8.";
    /// Import error: broken JSON. {file} {line} {column} {detail}
    ErrInvalidJson => "फ़ाइल \"{file}\" सही GeoJSON नहीं है: पंक्ति {line}, स्थान {column} पर गड़बड़ी ({detail})। फ़ाइल अधूरी या टूटी हो सकती है।", "The file \"{file}\" is not valid GeoJSON: error at line {line}, column {column} ({detail}). The file may be truncated or damaged.";
    /// Import error: not a FeatureCollection. {file} {found}
    ErrNotFeatureCollection => "फ़ाइल \"{file}\" में वार्डों का संग्रह (FeatureCollection) नहीं, \"{found}\" है।", "The file \"{file}\" holds \"{found}\", not a collection of wards (FeatureCollection).";
    /// Import error: projected coordinates. {file} {feature}
    ErrNotLonLat => "फ़ाइल \"{file}\" (फ़ीचर {feature}) के निर्देशांक अक्षांश/देशांतर नहीं हैं (शायद UTM मीटर में)। WGS84 (EPSG:4326) में निर्यात करें।", "The coordinates in \"{file}\" (feature {feature}) are not longitude/latitude (perhaps UTM metres). Export in WGS84 (EPSG:4326).";
    /// Import error: no usable wards. {file} {skipped}
    ErrNoWards => "फ़ाइल \"{file}\" में कोई उपयोगी वार्ड नहीं मिला ({skipped} फ़ीचर छोड़े गए)।", "No usable ward found in \"{file}\" ({skipped} features skipped).";
    /// Warning: feature without geometry. {feature}
    WarnNoGeometry => "फ़ीचर {feature} में कोई आकृति नहीं है — छोड़ा गया।", "Feature {feature} has no shape — skipped.";
    /// Warning: non-polygon feature. {feature} {kind}
    WarnNotPolygon => "फ़ीचर {feature} बहुभुज नहीं, {kind} है — छोड़ा गया।", "Feature {feature} is a {kind}, not a polygon — skipped.";
    /// Warning: empty polygon. {feature}
    WarnEmptyGeometry => "फ़ीचर {feature} की आकृति खाली है — छोड़ा गया।", "Feature {feature} has an empty shape — skipped.";
    /// Warning: no ward number. {feature}
    WarnNoWardNumber => "फ़ीचर {feature} में वार्ड संख्या नहीं है — छोड़ा गया।", "Feature {feature} has no ward number — skipped.";
    /// Warning: duplicate ward number. {ward} {feature} {first}
    WarnDuplicateWard => "वार्ड {ward} दो बार है (फ़ीचर {first} और {feature}) — दूसरा छोड़ा गया।", "Ward {ward} appears twice (features {first} and {feature}) — the second was skipped.";
    /// Warning: bad population. {ward} {value}
    WarnBadPopulation => "वार्ड {ward} की जनसंख्या \"{value}\" सही संख्या नहीं है — खाली छोड़ी गई।", "Ward {ward}: population \"{value}\" is not a valid count — left empty.";
    /// Made-with line.
    MadeWith => "क्षेत्र से बनाया गया", "Made with Kshetra";
}

impl Msg {
    /// The entry's text in `lang` with `{name}` placeholders replaced by the given values.
    /// Values are inserted verbatim: escaping is the caller's job (Leptos escapes text nodes).
    pub fn fill(self, lang: Lang, args: &[(&str, &str)]) -> String {
        let mut out = self.text(lang).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn placeholders(s: &str) -> BTreeSet<&str> {
        s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n)).collect()
    }

    #[test]
    fn every_entry_has_both_texts_with_the_same_placeholders() {
        for m in Msg::ALL {
            let (hi, en) = (m.text(Lang::Hi), m.text(Lang::En));
            assert!(!hi.trim().is_empty() && !en.trim().is_empty(), "{m:?}");
            assert_eq!(placeholders(hi), placeholders(en), "{m:?}");
        }
    }

    #[test]
    fn hindi_texts_are_in_devanagari() {
        // A Hindi entry left in English would be a missed translation.
        for m in Msg::ALL {
            let hi = m.text(Lang::Hi);
            assert!(hi.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)), "{m:?}: {hi}");
        }
    }

    #[test]
    fn fill_replaces_placeholders() {
        let s = Msg::WarnDuplicateWard.fill(Lang::En, &[("ward", "76"), ("feature", "80"), ("first", "79")]);
        assert_eq!(s, "Ward 76 appears twice (features 79 and 80) — the second was skipped.");
    }

    #[test]
    fn language_codes() {
        assert_eq!(Lang::from_code("hi"), Some(Lang::Hi));
        assert_eq!(Lang::from_code("EN-in"), Some(Lang::En));
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::default(), Lang::Hi);
    }
}
