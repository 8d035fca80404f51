//! The one message catalogue: every string a person reads, in Hindi and English.
//!
//! Each entry is written once with both texts side by side, so a missing translation is a
//! compile error. Parameterised entries use `{name}` placeholders filled by [`Msg::fill`];
//! a test checks that both languages use the same placeholders.

use serde::{Deserialize, Serialize};

/// A user-interface language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
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
    ErrNotUtf8 => "फ़ाइल \"{file}\" UTF-8 टेक्स्ट नहीं है: पंक्ति {line}, स्थान {column} पर बाइट {bytes} हैं। फ़ाइल शायद Windows-1252 (\"ANSI\") या किसी पुराने हिंदी फ़ॉन्ट की एन्कोडिंग में सहेजी गई है। इसे UTF-8 में फिर से सहेजें (Notepad: Save As → Encoding: UTF-8; QGIS: निर्यात करते समय Encoding: UTF-8) और दोबारा चुनें।", "The file \"{file}\" is not UTF-8 text: line {line}, column {column} holds the bytes {bytes}. It was probably saved as Windows-1252 (\"ANSI\") or in an old Hindi font encoding. Save it again as UTF-8 (Notepad: Save As → Encoding: UTF-8; QGIS: Encoding UTF-8 when exporting) and choose it again.";
    /// Import error: broken JSON. {file} {line} {column}
    ErrInvalidJson => "फ़ाइल \"{file}\" सही JSON (GeoJSON/TopoJSON) नहीं है: पंक्ति {line}, स्थान {column} पर गड़बड़ी। फ़ाइल टूटी हो सकती है या हाथ से बदली गई है; नक्शे के प्रोग्राम से इसे फिर से निर्यात करें।", "The file \"{file}\" is not valid JSON (GeoJSON/TopoJSON): error at line {line}, column {column}. The file may be damaged or edited by hand; export it again from the map program.";
    /// Import error: JSON, but not a readable map. {file} {detail}
    ErrInvalidMapJson => "फ़ाइल \"{file}\" JSON है, पर पढ़ने योग्य नक्शा नहीं (तकनीकी विवरण, अंग्रेज़ी में: {detail})। नक्शे के प्रोग्राम (जैसे QGIS) से इसे GeoJSON के रूप में फिर से निर्यात करें।", "The file \"{file}\" is JSON but not a readable map (technical detail: {detail}). Export it again from the map program (e.g. QGIS) as GeoJSON.";
    /// Import error: a map file cut off before its end. {file} {line}
    ErrCutOff => "फ़ाइल \"{file}\" अधूरी है: नक्शा पूरा होने से पहले ही पंक्ति {line} पर ख़त्म हो जाती है, शायद डाउनलोड या कॉपी बीच में रुक गई। इसे फिर से डाउनलोड या निर्यात करें।", "The file \"{file}\" is cut off: it ends at line {line} before the map is complete, probably because a download or copy was interrupted. Download or export it again.";
    /// Import error: not a FeatureCollection. {file} {found}
    ErrNotFeatureCollection => "फ़ाइल \"{file}\" में वार्डों का संग्रह (FeatureCollection) नहीं, \"{found}\" है। वार्ड परत को पूरी GeoJSON फ़ाइल के रूप में निर्यात करें (QGIS: Export → Save Features As → GeoJSON)।", "The file \"{file}\" holds \"{found}\", not a collection of wards (FeatureCollection). Export the ward layer as a whole GeoJSON file (QGIS: Export → Save Features As → GeoJSON).";
    /// Import error: projected coordinates. {file} {feature}
    ErrNotLonLat => "फ़ाइल \"{file}\" (फ़ीचर {feature}) के निर्देशांक अक्षांश/देशांतर नहीं हैं (शायद UTM मीटर में)। WGS84 (EPSG:4326) में निर्यात करें।", "The coordinates in \"{file}\" (feature {feature}) are not longitude/latitude (perhaps UTM metres). Export in WGS84 (EPSG:4326).";
    /// Import error: no usable wards. {file} {skipped}
    ErrNoWards => "फ़ाइल \"{file}\" में कोई उपयोगी वार्ड नहीं मिला ({skipped} फ़ीचर छोड़े गए)।", "No usable ward found in \"{file}\" ({skipped} features skipped).";
    /// Import error: a map file without any feature. {file}
    ErrNoFeatures => "फ़ाइल \"{file}\" में कोई फ़ीचर ही नहीं है: यह खाली निर्यात हुई है (शायद केवल चुने हुए फ़ीचर, या ऐसा फ़िल्टर जिससे कुछ नहीं मिला)। वार्ड परत को सभी वार्डों के साथ फिर से निर्यात करें।", "The file \"{file}\" holds no features at all: it was exported empty (perhaps only the selected features, or a filter that matched none). Export the ward layer again with all its wards.";
    /// Import error (continued): only points or lines, no ward areas.
    ErrNoWardsNotPolygons => "\nइस फ़ाइल में वार्डों की सीमाएँ नहीं, बिंदु (पिन) या रेखाएँ हैं। वार्ड क्षेत्रों (बहुभुज) की परत निर्यात करें: Google My Maps में वार्डों को आकृतियों के रूप में बनाएँ, QGIS में बहुभुज वाली परत चुनें।", "\nThe file holds points (pins) or lines, not ward boundaries. Export the layer of ward areas (polygons): in Google My Maps draw the wards as shapes, in QGIS choose the polygon layer.";
    /// Import error (continued): more features skipped than listed. {n}
    ErrNoWardsMore => "\n… और {n} फ़ीचर इन्हीं जैसे कारणों से छोड़े गए।", "\n… and {n} more features skipped for reasons like these.";
    /// Import error: a KML with only a NetworkLink. {file}
    ErrKmlNetworkLink => "फ़ाइल \"{file}\" में वार्ड नहीं हैं, केवल किसी दूसरी फ़ाइल की कड़ी (NetworkLink) है। Google Earth में यह फ़ाइल खोलें, परत पर राइट-क्लिक करके \"Save Place As\" से KML/KMZ सहेजें, और वह फ़ाइल चुनें।", "The file \"{file}\" holds no wards, only a link (NetworkLink) to another file. Open it in Google Earth, right-click the layer, choose \"Save Place As\" to save a KML/KMZ, and choose that file.";
    /// The background reader stopped (crash, out of memory) while reading a map file. {file}
    ErrReaderStopped => "फ़ाइल \"{file}\" पढ़ते समय पढ़ने वाला भाग अचानक रुक गया (फ़ाइल बहुत बड़ी या टूटी हुई हो सकती है)। कुछ भी नहीं बदला: अभी का नक्शा और आपका काम पहले जैसे हैं। फ़ाइल को QGIS या Google Earth में खोलकर फिर से सहेजें, या दूसरे प्रारूप (GeoJSON, KML, ज़िप की हुई Shapefile) में चुनें।", "The reader stopped unexpectedly while reading \"{file}\" (the file may be too large or broken). Nothing was changed: the current map and your work are as before. Open the file in QGIS or Google Earth and save it again, or choose it in another format (GeoJSON, KML, zipped Shapefile).";
    /// The background worker running the allocation stopped (crash, out of memory). {why}
    AllocWorkerStopped => "स्वचालित आवंटन अचानक रुक गया (पृष्ठभूमि का काम विफल हुआ: {why})। कुछ भी नहीं बदला: पिछला आवंटन वैसा ही है। फिर से आज़माएँ; बार-बार हो तो प्रोजेक्ट फ़ाइल सहेजें और उसे भेजकर समस्या बताएँ।", "The automatic allocation stopped unexpectedly (the background work failed: {why}). Nothing was changed: the previous plan is as it was. Try again; if it happens again, save a project file and report the problem with it.";
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
    /// Households count.
    Households => "परिवार (घर)", "Households";
    /// Poor households count.
    PoorHouseholds => "गरीब परिवार", "Poor households";
    /// Import error: not a map file. {file} {found}
    ErrUnknownFormat => "फ़ाइल \"{file}\" वार्ड नक्शा नहीं है ({found})। नक्शे का चित्र या PDF पढ़ा नहीं जा सकता: GIS शाखा या निगम से नक्शे की फ़ाइल ही माँगें — GeoJSON, TopoJSON, KML, KMZ या ज़िप की हुई Shapefile।", "The file \"{file}\" is not a ward map ({found}). A picture or PDF of a map cannot be read: ask the GIS cell or the corporation for the map file itself — a GeoJSON, TopoJSON, KML, KMZ or zipped Shapefile.";
    /// Import error: a web page saved instead of a map. {file}
    ErrWebPage => "फ़ाइल \"{file}\" नक्शा नहीं, एक वेब पेज (HTML) है: डाउनलोड शायद विफल हुआ, या साइट ने लॉग-इन माँगा। लिंक ब्राउज़र में खोलें, माँगे तो लॉग-इन करें, और नक्शे की फ़ाइल (GeoJSON, KML/KMZ या ज़िप की हुई Shapefile) फिर से डाउनलोड करें।", "The file \"{file}\" is a web page (HTML), not a map: the download probably failed, or the site asked you to sign in. Open the link in the browser, sign in if asked, and download the map file (GeoJSON, KML/KMZ or zipped Shapefile) again.";
    /// Import error: an archive other than zip. {file} {kind}
    ErrOtherArchive => "फ़ाइल \"{file}\" एक {kind} संग्रह है, जिसे क्षेत्र नहीं खोलता। इसे खोलें (जैसे 7-Zip से) और अंदर का नक्शा चुनें; Shapefile हो तो उसकी .shp, .shx, .dbf और .prj को साधारण .zip में ज़िप करें।", "The file \"{file}\" is a {kind} archive, which Kshetra does not open. Unpack it (e.g. with 7-Zip) and choose the map inside; for a Shapefile, zip its .shp, .shx, .dbf and .prj as an ordinary .zip.";
    /// Import error: a table given as map. {file}
    ErrTableNotMap => "फ़ाइल \"{file}\" एक तालिका है, नक्शा नहीं। इसे \"वार्ड तालिका\" में जोड़ें।", "The file \"{file}\" is a table, not a map. Add it as the ward table.";
    /// Import error: bare shapefile part. {file}
    ErrShapefileNotZipped => "\"{file}\" Shapefile का केवल एक हिस्सा है। .shp, .shx, .dbf और .prj को एक साथ ज़िप करके चुनें।", "\"{file}\" is only one part of a Shapefile. Zip the .shp, .shx, .dbf and .prj together and choose the zip.";
    /// Import error: broken KML. {file} {line} {detail}
    ErrInvalidXml => "फ़ाइल \"{file}\" सही KML नहीं है: पंक्ति {line} पर गड़बड़ी (तकनीकी विवरण, अंग्रेज़ी में: {detail})। फ़ाइल अधूरी या टूटी हो सकती है; फिर से निर्यात करें।", "The file \"{file}\" is not valid KML: error at line {line} (technical detail: {detail}). The file may be cut off or damaged; export it again.";
    /// Import error: a KML closing tag that does not match. {file} {line} {expected} {found}
    ErrXmlMismatchedTag => "फ़ाइल \"{file}\" सही KML नहीं है: पंक्ति {line} पर </{found}> है, जबकि वहाँ </{expected}> होना चाहिए। फ़ाइल शायद हाथ से बदली गई या टूटी है: वह पंक्ति ठीक करें या फ़ाइल फिर से निर्यात करें।", "The file \"{file}\" is not valid KML: line {line} has </{found}> where </{expected}> should be. The file was probably edited by hand or damaged: fix that line or export the file again.";
    /// Import error: broken zip. {file}
    ErrInvalidZip => "ज़िप फ़ाइल \"{file}\" टूटी या अधूरी है (शायद डाउनलोड या कॉपी करते समय कट गई)। इसे फिर से डाउनलोड करें, या फ़ाइलें फिर से ज़िप करें।", "The zip file \"{file}\" is damaged or incomplete (perhaps cut off while downloading or copying). Download it again, or zip the files again.";
    /// Import error: zip without a map. {file} {found}
    ErrZipWithoutMap => "ज़िप \"{file}\" में कोई वार्ड नक्शा (.shp, .kml या .geojson) नहीं है; इसमें हैं: {found}। वह ज़िप चुनें जिसमें वार्ड नक्शा है, या Shapefile के हिस्से (.shp, .shx, .dbf, .prj) एक साथ ज़िप करें।", "The zip \"{file}\" holds no ward map (.shp, .kml or .geojson); it holds: {found}. Choose the zip that holds the ward map, or zip the Shapefile's parts (.shp, .shx, .dbf, .prj) together.";
    /// Import error: an empty zip. {file}
    ErrZipEmpty => "ज़िप \"{file}\" खाली है। नक्शे की फ़ाइलें फिर से ज़िप करें (Shapefile के लिए .shp, .shx, .dbf और .prj) और नई ज़िप चुनें।", "The zip \"{file}\" is empty. Zip the map's files again (for a Shapefile: .shp, .shx, .dbf and .prj) and choose the new zip.";
    /// Import error: a zip or KMZ holding another archive instead of a map. {file} {inner}
    ErrNestedArchive => "ज़िप \"{file}\" में नक्शा नहीं, एक और संग्रह \"{inner}\" है। \"{file}\" को खोलें (unzip) और अंदर की \"{inner}\" चुनें।", "The zip \"{file}\" holds another archive, \"{inner}\", and no map of its own. Unpack \"{file}\" and choose \"{inner}\" from inside it.";
    /// Import error: shapefile part missing. {file} {shp} {missing}
    ErrShapefilePartMissing => "ज़िप \"{file}\" में {shp} के साथ {missing} फ़ाइल नहीं है। सभी हिस्से (.shp, .shx, .dbf, .prj) एक साथ ज़िप करें।", "In the zip \"{file}\", {shp} has no {missing} file beside it. Zip all parts (.shp, .shx, .dbf, .prj) together.";
    /// Import error: shapefile part unreadable. {file} {part}
    ErrInvalidShapefile => "ज़िप \"{file}\" का हिस्सा {part} पढ़ा नहीं जा सका: यह टूटा या अधूरा (कटा हुआ) है। नक्शे के प्रोग्राम (जैसे QGIS) से Shapefile फिर से निर्यात करें और सभी हिस्से (.shp, .shx, .dbf, .prj) फिर से ज़िप करें।", "In the zip \"{file}\", {part} cannot be read: it is damaged or incomplete (cut off). Export the Shapefile again from the map program (e.g. QGIS) and zip all its parts (.shp, .shx, .dbf, .prj) again.";
    /// Import error: unsupported CRS. {file} {crs}
    ErrUnsupportedCrs => "फ़ाइल \"{file}\" की निर्देशांक प्रणाली \"{crs}\" बदली नहीं जा सकती। WGS84 (EPSG:4326) या UTM में निर्यात करें।", "The coordinate system \"{crs}\" of \"{file}\" cannot be converted. Export in WGS84 (EPSG:4326) or UTM.";
    /// Import error: no ward number column chosen. {file} {columns}
    ErrNoWardNumberColumn => "फ़ाइल \"{file}\" में वार्ड संख्या का कॉलम नहीं पहचाना गया (इसके कॉलम: {columns})। सूची से वार्ड संख्या वाला कॉलम चुनें; ऐसा कोई कॉलम न हो तो नक्शे के प्रोग्राम (जैसे QGIS की attribute table) में जोड़कर फिर से निर्यात करें।", "No ward-number column was recognised in \"{file}\" (its columns: {columns}). Choose the column that holds the ward number; if there is none, add one in the map program (e.g. QGIS's attribute table) and export again.";
    /// Import error: the ward-number column would merge many features into few wards; the
    /// officer must confirm. {file} {column} {features} {wards}
    ErrWardsWouldMerge => "फ़ाइल \"{file}\" के {features} फ़ीचर कॉलम \"{column}\" के अनुसार केवल {wards} वार्ड बनेंगे: इस कॉलम में एक ही संख्या कई बार है। अगर \"{column}\" ही वार्ड संख्या है तो जोड़ने की पुष्टि करें; नहीं तो वह कॉलम चुनें जिसमें हर वार्ड की अलग संख्या हो।", "By the column \"{column}\", the {features} features of \"{file}\" would become only {wards} wards: the column repeats its numbers. If \"{column}\" is the ward number, confirm the merge; otherwise choose the column that has one number per ward.";
    /// Import error: mapping names a missing column. {file} {column}
    ErrUnknownColumn => "फ़ाइल \"{file}\" में \"{column}\" नाम का कॉलम नहीं है।", "The file \"{file}\" has no column named \"{column}\".";
    /// Warning: duplicate ward joined. {ward} {feature} {first}
    WarnDuplicateWardMerged => "वार्ड {ward} दो टुकड़ों में बना है (फ़ीचर {first} और {feature}) — दोनों को एक वार्ड में जोड़ा गया।", "Ward {ward} is drawn in two pieces (features {first} and {feature}) — joined into one ward.";
    /// Warning: ward number 0. {feature} {name}
    WarnNotAWard => "फ़ीचर {feature} ({name}) की वार्ड संख्या 0 है, यह वार्ड नहीं है — छोड़ा गया।", "Feature {feature} ({name}) has ward number 0 and is not a ward — skipped.";
    /// Warning: geometry repaired. {ward} {feature}
    WarnGeometryRepaired => "वार्ड {ward} (फ़ीचर {feature}) की सीमा खुद को काटती थी — सुधार दी गई।", "The boundary of ward {ward} (feature {feature}) crossed itself — repaired.";
    /// Warning: geometry invalid, not repaired. {ward} {feature}
    WarnGeometryInvalid => "वार्ड {ward} (फ़ीचर {feature}) की सीमा गलत है और सुधारी नहीं जा सकी — नक्शे में जाँचें।", "The boundary of ward {ward} (feature {feature}) is invalid and could not be repaired — check it on the map.";
    /// Warning: bad count. {ward} {field} {value}
    WarnBadCount => "वार्ड {ward}: {field} \"{value}\" सही संख्या नहीं है — खाली छोड़ा गया।", "Ward {ward}: {field} \"{value}\" is not a valid count — left empty.";
    /// Warning: reprojected. {from}
    WarnReprojected => "निर्देशांक \"{from}\" से अक्षांश/देशांतर (WGS84) में बदले गए।", "Coordinates were converted from \"{from}\" to longitude/latitude (WGS84).";
    /// Warning: text encoding assumed. {part} {encoding}
    WarnTextEncodingAssumed => "{part} का टेक्स्ट UTF-8 नहीं है और .cpg फ़ाइल नहीं है; {encoding} मानकर पढ़ा गया। नाम गलत दिखें तो .cpg जोड़ें।", "The text in {part} is not UTF-8 and there is no .cpg file; read as {encoding}. If names look wrong, add a .cpg file.";
    /// Warning: no .shx. {shp}
    WarnShxMissing => "{shp} की .shx फ़ाइल नहीं है; आकृतियाँ क्रम से पढ़ी गईं।", "{shp} has no .shx file; shapes were read in sequence.";
    /// Warning: no .prj. {shp}
    WarnPrjMissing => "{shp} की .prj फ़ाइल नहीं है; निर्देशांक अक्षांश/देशांतर माने गए।", "{shp} has no .prj file; coordinates taken as longitude/latitude.";
    /// Warning: record counts differ. {shp} {shapes} {rows}
    WarnRecordCountMismatch => "{shp} में {shapes} आकृतियाँ हैं पर उसकी .dbf में {rows} पंक्तियाँ; अतिरिक्त छोड़ी गईं। कोई वार्ड छूटा हो तो Shapefile फिर से निर्यात करें।", "{shp} has {shapes} shapes but its .dbf has {rows} rows; the extra ones were skipped. If a ward is missing, export the Shapefile again.";
    /// Warning: deleted DBF records skipped with their shapes. {part} {n} {records}
    WarnDeletedRecords => "{part} में {n} पंक्तियाँ मिटाई गई (deleted) चिह्नित हैं ({records}); उनकी आकृतियाँ भी छोड़ी गईं ताकि हर वार्ड को अपनी ही पंक्ति मिले। ये वार्ड चाहिए हों तो नक्शे के प्रोग्राम में पंक्तियाँ वापस लाकर फिर से निर्यात करें।", "{part} marks {n} rows as deleted ({records}); their shapes were skipped too, so that every ward keeps its own row. If these wards are needed, restore the rows in the map program and export again.";
    /// Warning: DBF text not in the encoding its .cpg names. {part} {declared} {record} {column} {bytes} {encoding}
    WarnTextNotInDeclaredEncoding => "{part} की .cpg फ़ाइल {declared} कहती है, पर पंक्ति {record} के कॉलम {column} में ऐसे बाइट हैं जो {declared} नहीं हैं ({bytes}); टेक्स्ट {encoding} मानकर पढ़ा गया। नाम गलत दिखें तो फ़ाइल Windows-1252, UTF-16 या ISCII में हो सकती है: नक्शे के प्रोग्राम (जैसे QGIS: परत के गुण → स्रोत → एन्कोडिंग) में सही एन्कोडिंग चुनकर UTF-8 में फिर से निर्यात करें।", "The .cpg of {part} says {declared}, but column {column} of row {record} holds bytes that are not {declared} ({bytes}); the text was read as {encoding}. If names look wrong, the file may be in Windows-1252, UTF-16 or ISCII: choose the right encoding in the map program (e.g. QGIS: layer properties → Source → encoding) and export again as UTF-8.";
    /// Warning: latitude and longitude were swapped. {file}
    WarnLatLonSwapped => "फ़ाइल \"{file}\" में निर्देशांक अक्षांश पहले लिखे हैं (देशांतर, अक्षांश के बजाय), जिससे नक्शा भारत से बाहर पड़ता; उन्हें अदला-बदली करके पढ़ा गया। नक्शे पर जाँच लें कि वार्ड सही जगह हैं।", "The coordinates in \"{file}\" are written latitude first (instead of longitude, latitude), which put the map outside India; they were swapped. Check on the map that the wards are in the right place.";
    /// Warning: map outside India. {file} {lat} {lon}
    WarnOutsideIndia => "फ़ाइल \"{file}\" का नक्शा भारत से बाहर है (बीच का बिंदु अक्षांश {lat}, देशांतर {lon})। निर्देशांक प्रणाली (.prj) या फ़ाइल गलत हो सकती है — नक्शे पर जाँचें।", "The map in \"{file}\" lies outside India (its middle at latitude {lat}, longitude {lon}). The coordinate system (.prj) or the file may be wrong — check it on the map.";
    /// Warning: a city boundary saved as a ward was skipped. {feature} {ward} {covers} {of}
    WarnBoundarySkipped => "फ़ीचर {feature} (वार्ड संख्या {ward}) बाकी {of} में से {covers} वार्डों को ढकता है — यह शहर या ज़ोन की सीमा लगती है, वार्ड नहीं; छोड़ा गया। यदि यह सच में वार्ड है तो नक्शे के प्रोग्राम में इसकी सीमा ठीक करें।", "Feature {feature} (ward number {ward}) covers {covers} of the other {of} wards — it looks like the city or zone boundary, not a ward; skipped. If it really is a ward, fix its boundary in the map program.";
    /// Warning: other layers ignored. {used} {ignored}
    WarnOtherLayersIgnored => "ज़िप में कई परतें हैं; केवल {used} पढ़ी गई ({ignored} नहीं)।", "The zip holds several layers; only {used} was read (not {ignored}).";
    /// Warning: lone '&' in a KML read as '&'. {file} {line} {count}
    WarnLoneAmpersands => "फ़ाइल \"{file}\" में {count} जगह \"&\" अकेला लिखा है (पहली बार पंक्ति {line} पर, जैसे \"वार्ड 5 & 6\"), जिसकी KML में अनुमति नहीं है; इसे \"&\" ही पढ़ा गया। नाम जाँच लें; दूसरे प्रोग्रामों के लिए फ़ाइल फिर से निर्यात करें।", "The file \"{file}\" writes \"&\" on its own in {count} places (first at line {line}, as in \"Ward 5 & 6\"), which KML does not allow; it was read as \"&\". Check the names; export the file again to fix it for other programs.";
    /// Warning: unreadable coordinates, feature skipped. {file} {feature} {found}
    WarnBadCoordinates => "फ़ाइल \"{file}\" के फ़ीचर {feature} के निर्देशांक पढ़े नहीं जा सके ({found}): हर बिंदु [देशांतर, अक्षांश] दो संख्याओं का होना चाहिए — फ़ीचर छोड़ा गया। नक्शे के प्रोग्राम (जैसे QGIS) में इस फ़ीचर की सीमा ठीक करके फ़ाइल फिर से निर्यात करें।", "The coordinates of feature {feature} in \"{file}\" cannot be read ({found}): every point must be two numbers, [longitude, latitude] — the feature was skipped. Fix this feature's boundary in the map program (e.g. QGIS) and export the file again.";
    /// Warning: TopoJSON arc missing, feature skipped. {file} {feature} {arc} {arcs}
    WarnMissingArc => "फ़ाइल \"{file}\" का फ़ीचर {feature} रेखा (arc) {arc} माँगता है, पर फ़ाइल में केवल {arcs} रेखाएँ हैं — फ़ीचर छोड़ा गया। फ़ाइल अधूरी या टूटी हो सकती है; TopoJSON फिर से निर्यात करें।", "Feature {feature} in \"{file}\" uses arc {arc}, but the file has only {arcs} arcs — the feature was skipped. The file may be incomplete or damaged; export the TopoJSON again.";
    /// Error: too many coordinates to import safely. {file} {values} {limit}
    ErrTooManyValues => "फ़ाइल \"{file}\" में {values} संख्याएँ और सूचियाँ हैं, जबकि सीमा {limit} है; इतनी बड़ी फ़ाइल ब्राउज़र की मेमोरी भर देगी। नक्शे के प्रोग्राम में सीमाएँ सरल (simplify) करके छोटी फ़ाइल निर्यात करें।", "The file \"{file}\" holds {values} numbers and lists; the limit is {limit}, and a file this large would exhaust the browser's memory. Simplify the boundaries in the map program and export a smaller file.";
    /// Data problem: wards without population. {n} {wards}
    ProblemMissingPopulation => "{n} वार्डों की जनसंख्या नहीं है: {wards}। वार्ड तालिका से भरें।", "{n} wards have no population: {wards}. Fill it from the ward table.";
    /// Data problem: zero population. {ward}
    ProblemZeroPopulation => "वार्ड {ward} की जनसंख्या 0 है। यदि वहाँ लोग रहते हैं तो वार्ड तालिका में उसकी जनसंख्या भरें।", "Ward {ward} has population 0. If people live there, enter its population in the ward table.";
    /// Data problem: numbering gaps. {missing}
    ProblemNumberGaps => "ये वार्ड संख्याएँ नक्शे में नहीं हैं: {missing}।", "These ward numbers are not on the map: {missing}.";
    /// Data problem: implausible area. {ward} {area}
    ProblemImplausibleArea => "वार्ड {ward} का क्षेत्रफल {area} वर्ग किमी है — आकृति या इकाई गलत लगती है।", "Ward {ward} measures {area} km² — the shape or the unit looks wrong.";
    /// Table error: empty. {file}
    TableErrEmpty => "तालिका \"{file}\" खाली है (0 बाइट)। जिस फ़ाइल में तालिका है वही चुनें, या उसे फिर से सहेजें।", "The table \"{file}\" is empty (0 bytes). Choose the file that holds the table, or save it again.";
    /// Table error: not a table. {file}
    TableErrNotATable => "\"{file}\" तालिका नहीं है। CSV, .xlsx, .xls या .ods चुनें।", "\"{file}\" is not a table. Choose a CSV, .xlsx, .xls or .ods file.";
    /// An .xlsb ward table is not read. {file}
    TableErrBinaryWorkbook => "\"{file}\" Excel की बाइनरी कार्यपुस्तिका (.xlsb) है, जिसे Kshetra नहीं पढ़ता। इसे Excel या LibreOffice में खोलकर .xlsx (Excel कार्यपुस्तिका) या CSV के रूप में सहेजें और वह फ़ाइल चुनें।", "\"{file}\" is an Excel binary workbook (.xlsb), which Kshetra does not read. Open it in Excel or LibreOffice, save it as .xlsx (Excel workbook) or CSV, and choose that file.";
    /// Table error: broken CSV. {file} {row} {detail}
    TableErrInvalidCsv => "CSV \"{file}\" की पंक्ति {row} पढ़ी नहीं जा सकी (तकनीकी विवरण, अंग्रेज़ी में: {detail})। फ़ाइल को Excel या LibreOffice में खोलें और फिर से CSV (UTF-8) के रूप में सहेजें।", "Row {row} of the CSV \"{file}\" cannot be read (technical detail: {detail}). Open the file in Excel or LibreOffice and save it again as CSV (UTF-8).";
    /// A sheet spanning far more cells than a ward table. {file} {rows} {columns} {max}
    TableErrSheetTooLarge => "स्प्रेडशीट \"{file}\" की एक शीट {rows} पंक्तियों × {columns} कॉलम में फैली है — वार्ड तालिका से बहुत बड़ी (अधिकतम {max} खाने)। अक्सर तालिका से बहुत नीचे या दाएँ कोई भूला हुआ मान या फ़ॉर्मेटिंग होती है: Excel या LibreOffice में वे पंक्तियाँ और कॉलम हटाएँ (या तालिका को नई शीट में कॉपी करें) और फिर से सहेजें।", "A sheet of the spreadsheet \"{file}\" spans {rows} rows × {columns} columns — far more than a ward table (at most {max} cells). Usually a stray value or formatting lies far below or to the right of the table: delete those rows and columns in Excel or LibreOffice (or copy the table into a new sheet) and save again.";
    /// A CSV row with far too many cells. {file} {row} {cells} {max}
    TableErrCsvRowTooWide => "CSV \"{file}\" की पंक्ति {row} में {cells} या अधिक खाने हैं — {max} से ज़्यादा। यह शायद वार्ड तालिका नहीं है, या इसके विभाजक गलत हैं: इसे Excel या LibreOffice में खोलें और वार्ड तालिका को फिर से CSV के रूप में सहेजें।", "Row {row} of the CSV \"{file}\" has {cells} or more cells — more than {max}. It is probably not a ward table, or its separators are wrong: open it in Excel or LibreOffice and save the ward table again as CSV.";
    /// Table error: broken spreadsheet. {file}
    TableErrInvalidSpreadsheet => "स्प्रेडशीट \"{file}\" पढ़ी नहीं जा सकी: यह टूटी, अधूरी (कटी हुई) या पासवर्ड से बंद है। इसे Excel या LibreOffice में खोलें, पासवर्ड हो तो हटाएँ, और .xlsx या CSV के रूप में फिर से सहेजें।", "The spreadsheet \"{file}\" cannot be read: it is damaged, incomplete (cut off) or protected by a password. Open it in Excel or LibreOffice, remove any password, and save it again as .xlsx or CSV.";
    /// Table error: no rows. {file}
    TableErrNoRows => "तालिका \"{file}\" में शीर्षक के नीचे कोई पंक्ति नहीं है। शीर्षक के नीचे हर वार्ड (या संगठक) की एक पंक्ति भरें, या वह फ़ाइल चुनें जिसमें पंक्तियाँ हैं।", "The table \"{file}\" has no rows below its heading. Fill in one row per ward (or organiser) below the headings, or choose the file that holds them.";
    /// Table error: a CSV row longer than the header, numbers with commas unclear. {file} {row} {cells} {columns}
    TableErrRowTooLong => "CSV \"{file}\" की पंक्ति {row} में {cells} खाने हैं, पर शीर्षक में {columns}: शायद कोई संख्या अल्पविराम के साथ लिखी है (जैसे 2,58,891) और उसे एक ही तरह से नहीं जोड़ा जा सकता। संख्याएँ बिना अल्पविराम के लिखें या उद्धरण चिह्नों में रखें (\"2,58,891\"), फिर तालिका दोबारा चुनें।", "Row {row} of the CSV \"{file}\" has {cells} cells but the header has {columns}: a number is probably written with commas (like 2,58,891) and cannot be joined back in only one way. Write numbers without commas or in quotes (\"2,58,891\"), then choose the table again.";
    /// Table note: numbers with commas joined back. {row} {numbers}
    TableNoteNumbersJoined => "पंक्ति {row}: अल्पविराम वाली संख्याएँ {numbers} एक-एक संख्या के रूप में पढ़ी गईं — जाँच लें।", "Row {row}: the numbers {numbers}, written with commas, were read as whole numbers — check them.";
    /// Table note: merged cells filled. {ranges} {cells}
    TableNoteMergedCellsFilled => "तालिका में {ranges} मिलाए गए (merged) खाने थे; हर एक का मान उसके {cells} खाली खानों में भरा गया — जैसे एक बार लिखा ज़ोन उसके सभी वार्डों को मिला। जाँच लें।", "The table has {ranges} merged cell ranges; each one's value was filled into its {cells} empty cells — a zone written once reaches all of its wards. Check them.";
    /// Table note: title rows above the headings skipped. {row}
    TableNoteTitleRowsSkipped => "तालिका के ऊपर शीर्षक की पंक्तियाँ छोड़ी गईं; कॉलम के नाम पंक्ति {row} से पढ़े गए — जाँच लें।", "Title rows above the headings were skipped; the column names were read from row {row} — check them.";
    /// Table error: no key column. {file} {column}
    TableErrNoKeyColumn => "तालिका \"{file}\" में वार्ड संख्या का कॉलम \"{column}\" नहीं मिला। वार्ड संख्या वाला कॉलम चुनें।", "The ward-number column \"{column}\" was not found in the table \"{file}\". Choose the column that holds the ward number.";
    /// Table error: no ward-number column recognised. {file} {columns}
    TableErrNoWardNumberColumn => "तालिका \"{file}\" में वार्ड संख्या का कॉलम नहीं पहचाना गया (इसके कॉलम: {columns})। सूची से वार्ड संख्या वाला कॉलम चुनें, या तालिका में \"ward_no\" नाम का कॉलम जोड़ें।", "No ward-number column was recognised in the table \"{file}\" (its columns: {columns}). Choose the column that holds the ward number, or add a column named \"ward_no\" to the table.";
    /// Table error: no row's ward is on the map. {file} {table} {map}
    TableErrNoMatchingWard => "तालिका \"{file}\" का कोई भी वार्ड नक्शे में नहीं है (तालिका में जैसे {table}; नक्शे में {map})। जाँचें कि तालिका इसी शहर की है और वार्ड संख्या का सही कॉलम चुना है।", "Not one ward of the table \"{file}\" is on the map (the table has e.g. {table}; the map has {map}). Check that the table is for this city and that the right ward-number column is chosen.";
    /// Table error: a web page saved as a table. {file}
    TableErrWebPage => "\"{file}\" तालिका नहीं, एक वेब पेज (HTML) है — पोर्टल से डाउनलोड की गई \"Excel\" फ़ाइलें अक्सर ऐसी होती हैं। इसे Excel या LibreOffice में खोलें और .xlsx या CSV के रूप में सहेजें, फिर वह फ़ाइल चुनें।", "\"{file}\" is a web page (HTML), not a table — \"Excel\" downloads from portals often are. Open it in Excel or LibreOffice, save it as .xlsx or CSV, and choose that file.";
    /// Table error: a map given as a table. {file}
    TableErrMapNotTable => "\"{file}\" वार्ड नक्शा है, तालिका नहीं। इसे \"वार्ड नक्शा आयात करें\" से खोलें; यहाँ CSV या Excel तालिका चुनें।", "\"{file}\" is a ward map, not a table. Open it with \"Import a ward map\"; here, choose a CSV or Excel table.";
    /// Source line for an imported map. {file}
    ImportedFrom => "आपकी फ़ाइल \"{file}\" से आयात किया गया नक्शा", "Map imported from your file \"{file}\"";
    /// Heading: import a ward map.
    ImportMap => "वार्ड नक्शा आयात करें", "Import a ward map";
    /// Explains the map import.
    ImportHint => "GeoJSON, KML/KMZ (Google Earth, My Maps) या ज़िप की हुई Shapefile चुनें, या फ़ाइल यहाँ खींचकर छोड़ें।", "Choose a GeoJSON, KML/KMZ (Google Earth, My Maps) or zipped Shapefile, or drop the file here.";
    /// Label of the map file picker.
    MapFile => "नक्शे की फ़ाइल", "Map file";
    /// A file is being read.
    Reading => "फ़ाइल पढ़ी जा रही है…", "Reading the file…";
    /// Import progress, in the background: the file is being loaded. {mb}
    ReadingSize => "फ़ाइल पढ़ी जा रही है ({mb} MB)…", "Reading the file ({mb} MB)…";
    /// Import progress: the map inside the file is being read. {mb}
    ReadingMap => "नक्शा पढ़ा जा रहा है ({mb} MB)…", "Reading the map ({mb} MB)…";
    /// Import progress: shapes and ward numbers are being checked. {features}
    CheckingShapes => "{features} फ़ीचर पढ़े; आकार और वार्ड संख्याएँ जाँची जा रही हैं…", "{features} features read; checking shapes and ward numbers…";
    /// The accepted map is being taken over from the background reader.
    PreparingMap => "नक्शा तैयार किया जा रहा है…", "Preparing the map…";
    /// An accepted map's adjacency graph is being built. {wards}
    FindingNeighbours => "{wards} वार्डों के पड़ोसी वार्ड खोजे जा रहे हैं…", "Finding the neighbours of {wards} wards…";
    /// An accepted map is being prepared for saving in the browser.
    PreparingSave => "नक्शा ब्राउज़र में सहेजने के लिए तैयार किया जा रहा है…", "Preparing the map to be kept in this browser…";
    /// Heading of the import preview. {file}
    CheckImport => "आयात जाँचें: {file}", "Check the import: {file}";
    /// Facts about an imported file. {format} {features} {columns}
    FileFacts => "प्रारूप {format}: {features} फ़ीचर, {columns} कॉलम।", "Format {format}: {features} features, {columns} columns.";
    /// The mapping form lists only the first columns of a file with very many. {shown} {more}
    ColumnsNotShown => "फ़ाइल में बहुत सारे कॉलम हैं: चुनने के लिए पहले {shown} दिखाए गए हैं, {more} और नहीं दिखाए गए।", "The file has very many columns: the first {shown} are offered to choose from, {more} more are not shown.";
    /// Coordinates were reprojected. {crs}
    Reprojected => "निर्देशांक {crs} से WGS84 (अक्षांश/देशांतर) में बदले गए।", "Coordinates converted from {crs} to WGS84 (longitude/latitude).";
    /// Heading of the mapping table: which column holds what.
    WhichColumn => "कौन-सा कॉलम क्या है", "Which column holds what";
    /// No column chosen.
    NoColumn => "(कोई नहीं)", "(none)";
    /// Sample values.
    Examples => "उदाहरण", "Examples";
    /// Result of the mapping. {wards} {zones} {pop}
    ImportResult => "{wards} वार्ड, {zones} ज़ोन; {pop} वार्डों की जनसंख्या ज्ञात।", "{wards} wards, {zones} zones; population known for {pop} wards.";
    /// Button: accept the imported map.
    UseThisMap => "यह नक्शा अपनाएँ", "Use this map";
    /// Button: cancel.
    Cancel => "रद्द करें", "Cancel";
    /// The current map is kept until the import is accepted.
    ReplaceNote => "अपनाने पर यह अभी के नक्शे की जगह लेगा। तब तक अभी का नक्शा जैसा है वैसा रहेगा।", "Using it replaces the current map; until then the current map stays as it is.";
    /// Heading: join a ward table.
    JoinTable => "वार्ड तालिका जोड़ें (CSV / Excel)", "Join a ward table (CSV / Excel)";
    /// Explains the table join.
    JoinHint => "वार्ड संख्या से मिलाकर जनसंख्या, परिवार, गरीब परिवार और ज़ोन भरें।", "Fill in population, households, poor households and zones by matching ward numbers.";
    /// Label of the table file picker.
    TableFile => "तालिका की फ़ाइल", "Table file";
    /// Button: download the template.
    DownloadTemplate => "खाली तालिका (टेम्पलेट) डाउनलोड करें", "Download a blank table (template)";
    /// Heading of the join preview. {file}
    CheckJoin => "तालिका जाँचें: {file}", "Check the table: {file}";
    /// Join: matched wards. {n}
    JoinMatched => "{n} वार्ड मिले।", "{n} wards matched.";
    /// Join: wards missing from the table. {n} {wards}
    JoinMapOnly => "नक्शे में हैं पर तालिका में नहीं ({n}): {wards}", "In the map but not in the table ({n}): {wards}";
    /// Join: rows not on the map. {n} {rows}
    JoinTableOnly => "तालिका में हैं पर नक्शे में नहीं ({n}): {rows}", "In the table but not in the map ({n}): {rows}";
    /// Join: rows without ward number. {rows}
    JoinNoKey => "बिना वार्ड संख्या की पंक्तियाँ: {rows}", "Rows without a ward number: {rows}";
    /// Join: repeated rows. {rows}
    JoinDuplicates => "दोहराई गई पंक्तियाँ (छोड़ी गईं): {rows}", "Repeated rows (ignored): {rows}";
    /// Join: bad values. {n} {list}
    JoinBadValues => "संख्या नहीं हैं ({n}): {list}", "Not numbers ({n}): {list}";
    /// A table row and its ward. {row} {ward}
    RowWard => "पंक्ति {row} (वार्ड {ward})", "row {row} (ward {ward})";
    /// Button: apply the table.
    ApplyTable => "नक्शे पर लागू करें", "Apply to the map";
    /// Heading of the estimates panel.
    Estimates => "गरीब परिवार और संगठक", "Poor households and organisers";
    /// Poor share setting (percent).
    PoorSharePct => "गरीब परिवारों का हिस्सा (%)", "Poor share of households (%)";
    /// Basis of the poor share.
    PoorShareHint => "मिशन का आधार: जनसंख्या के 25–30 % शहरी गरीब। वार्ड के गरीब परिवार दर्ज हों तो वही लिए जाते हैं।", "Mission basis: 25–30 % of the population is urban poor. Where a ward's poor households are entered, those are used.";
    /// Household size setting.
    HouseholdSize => "परिवार का औसत आकार (व्यक्ति)", "Average household size (persons)";
    /// Default household size.
    HouseholdSizeHint => "मूल मान 4.8: जनगणना 2011, शहरी भारत (जनसंख्या ÷ परिवार)।", "Default 4.8: Census 2011, urban India (population ÷ households).";
    /// Norm setting.
    Norm => "एक संगठक पर गरीब परिवार (मानक)", "Poor households per organiser (norm)";
    /// Total poor households.
    PoorTotal => "गरीब परिवार (कुल)", "Poor households (total)";
    /// Shortfall of organisers.
    Shortfall => "कमी", "Shortfall";
    /// Wards without an estimate. {n}
    WardsNoEstimate => "{n} वार्डों का अनुमान नहीं बना — उनकी जनसंख्या या परिवार दर्ज करें।", "{n} wards have no estimate — enter their population or households.";
    /// A setting value was refused. {field} {value}
    InvalidSetting => "{field}: \"{value}\" मान्य नहीं है — पुराना मान रखा गया।", "{field}: \"{value}\" is not valid — the previous value is kept.";
    /// Tab: the map.
    ViewMap => "नक्शा", "Map";
    /// Tab: the ward table.
    ViewTable => "वार्ड तालिका", "Ward table";
    /// Label of the views' tab list.
    Views => "दृश्य", "Views";
    /// Search box of the ward table.
    SearchWards => "खोजें (वार्ड संख्या या नाम)", "Search (ward number or name)";
    /// Marks an estimated figure.
    Estimated => "अनुमान", "estimate";
    /// Rows shown. {shown} {total}
    ShowingRows => "{total} में से {shown} वार्ड दिखाए गए — खोज से छाँटें।", "Showing {shown} of {total} wards — search to narrow.";
    /// A ward table cell was refused. {ward} {field} {value}
    BadCell => "वार्ड {ward}, {field}: \"{value}\" पूर्ण संख्या नहीं है — बदला नहीं गया।", "Ward {ward}, {field}: \"{value}\" is not a whole number — not changed.";
    /// The current map has changes kept in this browser.
    SavedInBrowser => "आपके बदलाव इस ब्राउज़र में सहेजे गए हैं (दोबारा खोलने पर भी रहेंगे)।", "Your changes are kept in this browser (also after reopening it).";
    /// Button: discard the officer's copy of a bundled map.
    RestoreOriginal => "मूल नक्शा वापस लाएँ (मेरे बदलाव हटाएँ)", "Restore the original map (discard my changes)";
    /// Label: link the selected ward to another. {ward}
    LinkTo => "वार्ड {ward} को इस वार्ड से जोड़ें:", "Link ward {ward} to ward:";
    /// A typed ward number does not exist. {ward}
    NoSuchWard => "इस नक्शे में वार्ड \"{ward}\" नहीं है।", "There is no ward \"{ward}\" on this map.";
    /// Made-with line.
    MadeWith => "क्षेत्र से बनाया गया", "Made with Kshetra";
    // ── Allocation editor (app) ──
    /// Heading of the organisers panel.
    OrganisersHeading => "संगठक", "Organisers";
    /// Organisers count vs the norm. {have} {needed}
    OrganisersVsNeeded => "सूची में {have} संगठक; मानक के अनुसार {needed} चाहिए", "{have} organisers listed; the norm needs {needed}";
    /// Shortfall of organisers. {n}
    OrganisersShort => "{n} संगठक कम हैं: हर संगठक पर मानक से अधिक परिवार होंगे।", "{n} organisers short: each will have more households than the norm.";
    /// No organisers yet.
    NoOrganisersYet => "अभी कोई संगठक नहीं। नाम जोड़ें या सूची (CSV/Excel) आयात करें।", "No organisers yet. Add names or import a list (CSV/Excel).";
    /// Button: add an organiser.
    AddOrganiser => "संगठक जोड़ें", "Add organiser";
    /// Field: organiser's name.
    OrgName => "नाम", "Name";
    /// Field: mobile number.
    OrgMobile => "मोबाइल (सीयूजी)", "Mobile (CUG)";
    /// Field: role.
    OrgRole => "पद", "Role";
    /// Field: capacity.
    OrgCapacity => "क्षमता (1 = पूर्णकालिक)", "Capacity (1 = full time)";
    /// Field: home ward.
    OrgHomeWard => "घर का वार्ड", "Home ward";
    /// Field: contact point name.
    OrgContactPoint => "संपर्क स्थल (सामुदायिक केंद्र)", "Contact point (community centre)";
    /// Field: meeting day.
    OrgMeetingDay => "बैठक का दिन", "Meeting day";
    /// Field: meeting time.
    OrgMeetingTime => "बैठक का समय", "Meeting time";
    /// Button: save.
    SaveButton => "सहेजें", "Save";
    /// Button: edit.
    EditButton => "बदलें", "Edit";
    /// Button: remove an organiser. {name}
    RemoveOrganiser => "{name} को हटाएँ", "Remove {name}";
    /// Button: move up. {name}
    MoveUp => "{name} को ऊपर करें", "Move {name} up";
    /// Button: move down. {name}
    MoveDown => "{name} को नीचे करें", "Move {name} down";
    /// Button: paint wards for an organiser. {name}
    PaintFor => "{name} के लिए वार्ड चुनें", "Paint wards for {name}";
    /// Painting status. {name}
    PaintingFor => "वार्ड पर क्लिक करें: वह {name} को मिलेगा (Esc से बंद)", "Click wards to give them to {name} (Esc to stop)";
    /// Button: stop painting.
    StopPainting => "चुनना बंद करें", "Stop painting";
    /// File field: organisers list.
    OrganisersFile => "संगठकों की सूची (CSV/Excel)", "Organisers list (CSV/Excel)";
    /// Organisers imported. {n} {skipped}
    OrganisersImported => "{n} संगठक जोड़े गए; {skipped} पंक्तियाँ छोड़ी गईं।", "{n} organisers added; {skipped} rows skipped.";
    /// Download organisers template.
    OrganisersTemplate => "संगठक सूची का नमूना", "Organisers list template";
    /// Heading of the allocation panel.
    AllocationHeading => "स्वचालित आवंटन", "Automatic allocation";
    /// Tolerance field (percent).
    BalanceTolerance => "संतुलन सीमा (± %)", "Balance tolerance (± %)";
    /// Respect zones checkbox.
    RespectZones => "ज़ोन साथ रखें (हर क्षेत्र एक ज़ोन में)", "Keep zones together (each area in one zone)";
    /// Keep home wards checkbox.
    KeepHomeWards => "हर संगठक का घर का वार्ड उसी के क्षेत्र में", "Each organiser's home ward in their own area";
    /// Button: run the allocation.
    AllocateButton => "स्वचालित आवंटन करें", "Allocate automatically";
    /// Button: cancel the run.
    CancelRun => "रोकें", "Stop";
    /// Progress of a run. {pct}
    AllocRunning => "आवंटन चल रहा है… {pct} %", "Allocating… {pct} %";
    /// Run cancelled.
    AllocCancelled => "आवंटन रोका गया; पिछला आवंटन वैसा ही है।", "Allocation stopped; the previous plan is unchanged.";
    /// Result quality. {dev} {eps}
    AllocQuality => "सबसे बड़ा अंतर लक्ष्य से {dev} % (सीमा ± {eps} %)", "Largest difference from target {dev} % (tolerance ± {eps} %)";
    /// Why it cannot be better.
    AllocWhyNotBetter => "इससे बेहतर क्यों नहीं हो सकता:", "Why it cannot be better:";
    /// Needs organisers first.
    AllocNeedsOrganisers => "पहले संगठक जोड़ें।", "Add organisers first.";
    /// Needs neighbours first.
    AllocNeedsGraph => "पड़ोसी वार्ड अभी खोजे जा रहे हैं…", "Neighbouring wards are still being found…";
    /// The map's project is still being opened.
    AllocOpening => "इस नक्शे का प्रोजेक्ट अभी खोला जा रहा है; खुलते ही आवंटन शुरू होगा।", "This map's project is still being opened; the allocation starts as soon as it is open.";
    /// Limit: heavy ward. {ward} {share} {pct}
    LimitHeavyWard => "वार्ड {ward} अकेले {share} संगठकों के बराबर है: उसका क्षेत्र कम से कम {pct} % अधिक रहेगा। वार्ड को बाँटें।", "Ward {ward} alone holds {share} organisers' share: its area stays at least {pct} % over target. Split the ward.";
    /// Limit: apportionment. {zone} {share} {capacity} {pct}
    LimitApportionment => "{zone} में {share} संगठकों जितना काम है पर {capacity} संगठक मिले: कम से कम {pct} % अंतर रहेगा। ज़ोन साथ रखना बंद करें या संगठक का ज़ोन बदलें।", "{zone} holds {share} organisers' work but got {capacity} organisers: at least {pct} % difference remains. Stop keeping zones together or move an organiser to that zone.";
    /// Limit: light piece. {zone} {share} {pct}
    LimitLightPiece => "{zone} एक संगठक के लिए बहुत छोटा है ({share} हिस्सा): कम से कम {pct} % अंतर। उसे पड़ोसी ज़ोन/हिस्से से जोड़ें।", "{zone} is too small for one organiser ({share} of a share): at least {pct} % difference. Join it to a neighbouring zone or piece.";
    /// Limit: whole wards. {zone} {per} {pct}
    LimitWholeWards => "{zone} के सभी वार्ड बराबर हैं और हर संगठक को {per} वार्ड पड़ते हैं: पूरे वार्डों से कम से कम {pct} % अंतर रहेगा।", "All wards of {zone} weigh the same and each organiser gets {per} wards: whole wards leave at least {pct} % difference.";
    /// Limit: granularity. {share}
    LimitGranularity => "वार्ड बड़े हैं (औसत वार्ड = एक हिस्से का {share}): और बराबरी के लिए बड़े वार्डों को बाँटें।", "Wards are coarse (an average ward = {share} of a share): split big wards for a finer balance.";
    /// The whole map (no zone).
    WholeMapPiece => "नक्शे का एक हिस्सा", "a piece of the map";
    /// Engine error (generic, with the engine's text). {detail}
    AllocFailed => "आवंटन नहीं हो सका: {detail}", "The allocation could not be made: {detail}";
    /// Engine error: too many organisers. {organisers} {wards}
    AllocTooManyOrganisers => "{organisers} संगठक पर केवल {wards} वार्ड: हर संगठक को कम से कम एक वार्ड चाहिए।", "{organisers} organisers but only {wards} wards: every organiser needs at least one ward.";
    /// Engine error: too many pieces. {pieces} {organisers}
    AllocTooManyPieces => "नक्शा {pieces} अलग हिस्सों में है पर संगठक {organisers} हैं। हिस्सों को जोड़ें (\"नक्शे के हिस्से\") या संगठक जोड़ें।", "The map falls into {pieces} separate pieces but there are {organisers} organisers. Join the pieces (\"Map pieces\") or add organisers.";
    /// Engine error: zero weight.
    AllocZeroWeight => "किसी वार्ड में गरीब परिवार नहीं: पहले जनसंख्या या गरीब परिवार भरें।", "No ward has poor households: enter populations or poor households first.";
    /// Undo button.
    Undo => "पूर्ववत (Ctrl+Z)", "Undo (Ctrl+Z)";
    /// Redo button.
    Redo => "फिर से करें (Ctrl+Y)", "Redo (Ctrl+Y)";
    /// Ward details: assigned organiser.
    AssignedTo => "संगठक", "Organiser";
    /// Nobody.
    Nobody => "कोई नहीं", "Nobody";
    /// Lock ward.
    LockWard => "इस वार्ड को लॉक करें", "Lock this ward";
    /// Unlock ward.
    UnlockWard => "वार्ड का लॉक हटाएँ", "Unlock this ward";
    /// Lock area. {name}
    LockArea => "{name} का पूरा क्षेत्र लॉक करें", "Lock all of {name}'s area";
    /// Unlock area. {name}
    UnlockArea => "{name} के क्षेत्र का लॉक हटाएँ", "Unlock {name}'s area";
    /// Split warning. {ward} {to} {from} {pieces}
    SplitWarning => "वार्ड {ward} को {to} को देने से {from} का क्षेत्र {pieces} टुकड़ों में बँट जाएगा।", "Giving ward {ward} to {to} splits {from}'s area into {pieces} pieces.";
    /// Assign anyway.
    AssignAnyway => "फिर भी दें", "Give it anyway";
    /// Heading of the statistics.
    StatsHeading => "संगठकवार आँकड़े", "Figures per organiser";
    /// Target per organiser. {n}
    TargetPerOrganiser => "प्रति संगठक लक्ष्य: {n} गरीब परिवार", "Target per organiser: {n} poor households";
    /// Max deviation. {pct}
    MaxDeviation => "सबसे बड़ा अंतर: {pct} %", "Largest difference: {pct} %";
    /// Unassigned count. {n}
    UnassignedCount => "बिना संगठक के वार्ड: {n}", "Wards without an organiser: {n}";
    /// Column: deviation.
    ColDeviation => "लक्ष्य से अंतर", "Difference from target";
    /// One piece.
    OnePiece => "एक टुकड़ा", "one piece";
    /// N pieces. {n}
    NPieces => "{n} टुकड़े", "{n} pieces";
    /// Home distance. {km}
    HomeDistance => "घर से {km} कि.मी.", "{km} km from home";
    /// Problems heading.
    ProblemsHeading => "समस्याएँ", "Problems";
    /// No problems.
    NoProblems => "कोई समस्या नहीं: हर संगठक का क्षेत्र एक टुकड़े में और सीमा के भीतर है।", "No problems: every area is one piece and within tolerance.";
    /// Show on map.
    ShowOnMap => "नक्शे पर दिखाएँ", "Show on map";
    /// Filter box of the organisers list.
    FindOrganiser => "संगठक खोजें (नाम या क्रमांक)", "Find an organiser (name or number)";
    /// Filter box of the figures table.
    FindInFigures => "आंकड़ों में संगठक खोजें", "Find an organiser in the figures";
    /// Rows of a long list shown. {from} {to} {total}
    ListRange => "{total} में से {from}–{to}", "{from}–{to} of {total}";
    /// Previous page of a long list.
    PrevPage => "‹ पिछले", "‹ Previous";
    /// Next page of a long list.
    NextPage => "अगले ›", "Next ›";
    /// Heading of the project panel.
    ProjectHeading => "परियोजना", "Project";
    /// Save project file.
    SaveProjectFile => "परियोजना फ़ाइल सहेजें (.kshetra.json)", "Save project file (.kshetra.json)";
    /// Open project file.
    OpenProjectFile => "परियोजना फ़ाइल खोलें", "Open project file";
    /// Project file opened. {file}
    ProjectOpened => "परियोजना \"{file}\" खोली गई।", "Opened the project \"{file}\".";
    /// Project migrated. {version}
    ProjectMigrated => "पुराने प्रारूप (संस्करण {version}) से बदली गई।", "Converted from the older format (version {version}).";
    /// Exports heading.
    ExportsHeading => "निर्यात", "Export";
    /// Export CSV.
    ExportCsv => "आवंटन सूची (CSV)", "Allocation list (CSV)";
    /// Export wards GeoJSON.
    ExportWardsGeojson => "वार्ड व संगठक (GeoJSON)", "Wards with organisers (GeoJSON)";
    /// Export wards KML.
    ExportWardsKml => "वार्ड व संगठक (KML)", "Wards with organisers (KML)";
    /// Export areas GeoJSON.
    ExportAreasGeojson => "संगठकों के क्षेत्र (GeoJSON)", "Organisers' areas (GeoJSON)";
    /// Export areas KML.
    ExportAreasKml => "संगठकों के क्षेत्र (KML, Google Earth)", "Organisers' areas (KML, Google Earth)";
    /// Projects list heading.
    ProjectsInBrowser => "इस ब्राउज़र में रखी परियोजनाएँ", "Projects kept in this browser";
    /// Project line. {name} {organisers} {assigned}
    ProjectLine => "{name}: {organisers} संगठक, {assigned} वार्ड आवंटित", "{name}: {organisers} organisers, {assigned} wards assigned";
    /// Open a kept project.
    OpenButton => "खोलें", "Open";
    /// Current project marker.
    CurrentProject => "(अभी खुली)", "(open now)";
    /// Rebalance around an area. {name}
    RebalanceAround => "{name} और पड़ोसी क्षेत्रों को फिर से संतुलित करें", "Rebalance {name}'s area with its neighbours";
    /// Pick home on the map. {name}
    PickHomeOnMap => "{name} का घर नक्शे पर चुनें", "Pick {name}'s home on the map";
    /// Pick contact point on the map. {name}
    PickContactOnMap => "{name} का संपर्क स्थल नक्शे पर चुनें", "Pick {name}'s contact point on the map";
    /// Picking status.
    PickingOnMap => "नक्शे पर जगह पर क्लिक करें (Esc से रद्द)", "Click the place on the map (Esc to cancel)";
    /// Number of CMMs.
    CmmCount => "सिटी मिशन मैनेजरों की संख्या", "Number of City Mission Managers";
    /// CMM name field. {n}
    CmmNameN => "सिटी मिशन मैनेजर {n} का नाम", "Name of City Mission Manager {n}";
    /// Show CMM sheet.
    ShowCmmSheet => "कार्य-विभाजन शीट (A4)", "Work-division sheet (A4)";
    /// Download PNG.
    DownloadPng => "PNG चित्र डाउनलोड करें", "Download PNG picture";
    /// PNG failed. {detail}
    PngFailed => "PNG नहीं बन सका ({detail})। कम DPI चुनें या SVG/PDF लें।", "The PNG could not be made ({detail}). Choose a lower DPI or take the SVG/PDF.";
    /// Print panel heading.
    PrintHeading => "छपाई: दीवार का नक्शा", "Print: the wall poster";
    /// Paper size.
    PaperSize => "कागज़", "Paper";
    /// Printed language.
    PrintLanguage => "छपाई की भाषा", "Printed language";
    /// Black and white.
    BlackAndWhite => "श्वेत-श्याम (धारियों से क्षेत्र)", "Black and white (areas by hatching)";
    /// Show poster.
    ShowPoster => "पोस्टर देखें", "Show poster";
    /// Show tiles.
    ShowTiles => "A4 शीटों में बाँटकर", "On A4 sheets to paste together";
    /// Show organiser sheets.
    ShowSheets => "संगठकवार A4 शीट", "A4 sheet per organiser";
    /// Print button.
    PrintButton => "छापें / PDF सहेजें", "Print / save as PDF";
    /// Download SVG.
    DownloadSvg => "SVG डाउनलोड करें", "Download SVG";
    /// Print hint.
    PrintHint => "प्रिंट विंडो में कागज़ का आकार अपने-आप चुना जाता है; PDF के लिए \"PDF के रूप में सहेजें\" चुनें।", "The paper size is set for the print window; choose \"Save as PDF\" for a PDF.";
    // ── Printed output (kshetra-poster) ──
    /// Poster subtitle (default).
    PosterSubtitle => "सामुदायिक संगठकों को कार्य-क्षेत्रों का आवंटन", "Allocation of working areas to Community Organisers";
    /// The mission named in the poster's title block.
    PosterMission => "दीनदयाल अंत्योदय योजना – राष्ट्रीय शहरी आजीविका मिशन", "Deendayal Antyodaya Yojana – National Urban Livelihoods Mission";
    /// Who signs the poster and sheets (designation).
    PosterSignatory => "नगर परियोजना अधिकारी", "City Project Officer";
    /// Label of the order or letter reference.
    OrderReference => "आदेश/पत्र संख्या", "Order/letter no.";
    /// Label of the date.
    DateLabel => "दिनांक", "Date";
    /// Legend table heading.
    LegendTitle => "संगठक एवं उनके कार्य-क्षेत्र", "Organisers and their working areas";
    /// Legend column: serial number.
    ColNumber => "क्र.", "No.";
    /// Legend column: organiser.
    ColOrganiser => "सामुदायिक संगठक", "Community organiser";
    /// Legend column: mobile.
    ColMobile => "मोबाइल", "Mobile";
    /// Legend column: poor households.
    ColPoorHouseholds => "गरीब परिवार", "Poor households";
    /// Legend column: contact point and meeting time.
    ColContactPoint => "संपर्क स्थल एवं बैठक", "Contact point and meeting";
    /// Vacant organiser post.
    Vacant => "पद रिक्त", "post vacant";
    /// Label of the meeting time.
    Meeting => "बैठक", "Meeting";
    /// Summary block heading.
    SummaryTitle => "सारांश", "Summary";
    /// Summary: poor share used.
    PoorShareUsed => "गरीब आबादी का अनुपात (माना गया)", "Share of poor (used)";
    /// Summary: household size used.
    HouseholdSizeUsed => "परिवार का औसत आकार (माना गया)", "Household size (used)";
    /// Summary: organisers needed by the norm.
    OrganisersNeeded => "मानक के अनुसार आवश्यक संगठक", "Organisers needed by the norm";
    /// Summary: the norm. {n}
    NormPerOrganiser => "मानक: प्रति संगठक {n} गरीब परिवार", "Norm: {n} poor households per organiser";
    /// Summary: organisers available.
    OrganisersAvailable => "उपलब्ध संगठक", "Organisers available";
    /// Summary: working areas.
    WorkingAreas => "कार्य-क्षेत्र", "Working areas";
    /// Map key heading.
    MapKey => "संकेत", "Key";
    /// Map key: area border.
    KeyAreaBorder => "कार्य-क्षेत्र की सीमा", "Working area border";
    /// Map key: ward border.
    KeyWardBorder => "वार्ड की सीमा (संख्या सहित)", "Ward border (with number)";
    /// Map key: zone border.
    KeyZoneBorder => "ज़ोन की सीमा", "Zone border";
    /// Map key: contact point.
    KeyContactPoint => "संपर्क स्थल", "Contact point";
    /// Map key and legend: unassigned wards.
    Unassigned => "किसी को आवंटित नहीं", "Not assigned";
    /// North arrow letter.
    NorthLetter => "उ", "N";
    /// Kilometre unit.
    Km => "किमी", "km";
    /// Metre unit.
    Metre => "मी", "m";
    /// Signature line.
    Signature => "हस्ताक्षर", "Signature";
    /// Label of the data attribution.
    MapData => "नक्शे का आधार", "Map data";
    /// Privacy note on the poster.
    PrivacyNote => "संगठकों के घर का पता इस पोस्टर पर नहीं छापा जाता।", "Organisers' home addresses are not printed on this poster.";
    /// Tiled sheet index. {n} {total} {row} {col}
    SheetIndex => "शीट {n}/{total} — पंक्ति {row}, स्तंभ {col}", "Sheet {n} of {total} — row {row}, column {col}";
    /// How to assemble tiled sheets.
    TileHowTo => "कोनों के निशानों पर काटें; दाईं/नीचे की शीट को धूसर पट्टी पर मिलाकर चिपकाएँ।", "Trim at the corner marks; paste the sheet to the right/below over the grey strip, matching the picture.";
    /// Glue strip label.
    GlueHere => "यहाँ चिपकाएँ", "Glue here";
    /// Organiser sheet title: "working area" (before its number).
    WorkingArea => "कार्य-क्षेत्र", "Working area";
    /// Organiser sheet: neighbouring areas greyed.
    NeighboursGreyed => "पड़ोसी कार्य-क्षेत्र धूसर रंग में", "Neighbouring areas in grey";
    /// Organiser sheet: ward list heading.
    WardList => "वार्ड सूची", "Wards";
    /// Total row.
    Total => "योग", "Total";
    /// Organiser sheet: contact point heading.
    ContactPointTitle => "संपर्क स्थल एवं बैठक का समय", "Contact point and meeting time";
    /// Weekly work plan heading.
    WorkPlan => "साप्ताहिक कार्य-योजना", "Weekly work plan";
    /// Work plan: week of.
    WeekOf => "सप्ताह: ____________ से ____________ तक", "Week: from ____________ to ____________";
    /// Work plan column: day.
    ColDay => "दिन", "Day";
    /// Work plan column: planned activity.
    ColActivity => "नियोजित गतिविधि", "Planned activity";
    /// Work plan column: place.
    ColPlace => "स्थान", "Place";
    /// Work plan column: community group.
    ColGroup => "सामुदायिक समूह", "Community group";
    /// Work plan column: remarks.
    ColRemarks => "टिप्पणी", "Remarks";
    /// Monday.
    Monday => "सोमवार", "Monday";
    /// Tuesday.
    Tuesday => "मंगलवार", "Tuesday";
    /// Wednesday.
    Wednesday => "बुधवार", "Wednesday";
    /// Thursday.
    Thursday => "गुरुवार", "Thursday";
    /// Friday.
    Friday => "शुक्रवार", "Friday";
    /// Saturday.
    Saturday => "शनिवार", "Saturday";
    /// CMM sheet title.
    CmmSheetTitle => "सिटी मिशन मैनेजरों के बीच कार्य-विभाजन", "Division of work among City Mission Managers";
    /// CMM sheet: basis.
    CmmBasis => "राज्य के आदेश के अनुसार, {n} सिटी मिशन मैनेजर", "As per the state order, {n} City Mission Manager(s)";
    /// CMM heading (before the manager's number).
    CityMissionManager => "सिटी मिशन मैनेजर", "City Mission Manager";
    /// CMM column: name.
    CmmName => "नाम", "Name";
    /// CMM column: responsibilities.
    CmmComponents => "ज़िम्मेदारी के घटक", "Components responsible for";
    /// Group: social development and infrastructure.
    GroupSocialInfra => "सामाजिक विकास एवं अवसंरचना", "Social Development & Infrastructure";
    /// Group: financial inclusion and micro enterprises.
    GroupFinancial => "वित्तीय समावेशन एवं सूक्ष्म उद्यम", "Financial Inclusion & Micro Enterprises";
    /// DAY-NULM component: SM&ID.
    CompSmid => "सामाजिक गतिशीलता एवं संस्था विकास", "Social Mobilisation & Institution Development";
    /// DAY-NULM component: SUH.
    CompSuh => "शहरी बेघरों के लिए आश्रय", "Shelter for Urban Homeless";
    /// DAY-NULM component: SUSV.
    CompSusv => "शहरी पथ विक्रेताओं को सहायता", "Support to Urban Street Vendors";
    /// DAY-NULM component: EST&P.
    CompEstp => "कौशल प्रशिक्षण एवं नियोजन द्वारा रोज़गार", "Employment through Skill Training & Placement";
    /// DAY-NULM component: SEP.
    CompSep => "स्वरोज़गार कार्यक्रम", "Self-Employment Programme";
    /// DAY-NULM component: I&SP.
    CompIsp => "नवाचारी एवं विशेष परियोजनाएँ", "Innovative & Special Projects";
    /// DAY-NULM component: MIS & M&E.
    CompMisMe => "एमआईएस एवं अनुश्रवण-मूल्यांकन", "MIS & Monitoring-Evaluation";
    // ── Project: organisers, plan, project file ──
    /// Default role of an organiser.
    RoleCommunityOrganiser => "सामुदायिक संगठक", "Community Organiser";
    /// Edit refused: unknown organiser. {id}
    ErrUnknownOrganiser => "संगठक (क्रमांक {id}) इस परियोजना में नहीं है।", "Organiser (id {id}) is not in this project.";
    /// Edit refused: unknown wards. {wards}
    ErrUnknownWards => "ये वार्ड इस नक्शे में नहीं हैं: {wards}", "These wards are not on this map: {wards}";
    /// Edit refused: locked wards. {wards}
    ErrLockedWards => "ये वार्ड लॉक हैं, पहले इन्हें अनलॉक करें: {wards}", "These wards are locked; unlock them first: {wards}";
    /// Edit refused: lock of unassigned wards. {wards}
    ErrNotAssigned => "ये वार्ड किसी संगठक को आवंटित नहीं हैं, इसलिए लॉक नहीं हो सकते: {wards}", "These wards are not assigned to an organiser, so they cannot be locked: {wards}";
    /// Bad organiser capacity. {name} {value}
    ErrBadCapacity => "{name}: क्षमता \"{value}\" 0 से अधिक और 2 तक की संख्या होनी चाहिए (1 = सामान्य)।", "{name}: capacity \"{value}\" must be a number above 0 and at most 2 (1 = normal).";
    /// Bad organiser mobile. {name} {value}
    ErrBadMobile => "{name}: मोबाइल \"{value}\" 6–9 से शुरू होने वाला 10 अंकों का नंबर नहीं है।", "{name}: mobile \"{value}\" is not a 10-digit number starting with 6–9.";
    /// Bad setting. {field} {value}
    ErrBadSetting => "सेटिंग {field} का मान \"{value}\" मान्य सीमा में नहीं है।", "The setting {field} = \"{value}\" is out of range.";
    /// Project file: not JSON. {file} {line} {column}
    ProjErrNotJson => "फ़ाइल \"{file}\" क्षेत्र परियोजना नहीं है: पंक्ति {line}, स्थान {column} पर JSON में गड़बड़ी। यदि आपने इसे हाथ से बदला है तो वह बदलाव वापस लें; नहीं तो क्षेत्र से सहेजी गई .kshetra.json फ़ाइल चुनें।", "The file \"{file}\" is not a Kshetra project: JSON error at line {line}, column {column}. If you edited it by hand, undo the edit; otherwise choose the .kshetra.json file that Kshetra saved.";
    /// Project file error: not text at all. {file}
    ProjErrNotText => "फ़ाइल \"{file}\" क्षेत्र परियोजना नहीं है: यह टेक्स्ट ही नहीं है (शायद Word या Excel दस्तावेज़, ज़िप या चित्र)। क्षेत्र से सहेजी गई .kshetra.json फ़ाइल चुनें।", "The file \"{file}\" is not a Kshetra project: it is not text at all (perhaps a Word or Excel document, a zip or an image). Choose the .kshetra.json file that Kshetra saved.";
    /// Project file error: a field is missing. {file} {field}
    ProjErrMissingField => "परियोजना फ़ाइल \"{file}\" में {field} नहीं है। फ़ाइल हाथ से बदली गई या अधूरी कॉपी हुई लगती है: क्षेत्र से सहेजी गई पूरी फ़ाइल फिर से चुनें।", "The project file \"{file}\" has no {field}. It looks edited by hand or copied in part: choose the whole file that Kshetra saved again.";
    /// Project file error: a field of the wrong kind. {file} {field} {expected} {found}
    ProjErrWrongType => "परियोजना फ़ाइल \"{file}\" में {field} {expected} होना चाहिए, पर यह {found} है। फ़ाइल शायद हाथ से बदली गई है: वह बदलाव वापस लें, या क्षेत्र से सहेजी गई प्रति खोलें।", "In the project file \"{file}\", {field} must be {expected}, but it is {found}. The file was probably edited by hand: undo the edit, or open the copy that Kshetra saved.";
    /// A project file's field of an organiser. {field} {n}
    ProjFieldOfOrganiser => "संगठक {n} का \"{field}\"", "\"{field}\" of organiser {n}";
    /// Kind of value: whole number.
    KindWholeNumber => "पूर्ण संख्या", "a whole number";
    /// Kind of value: number.
    KindNumber => "संख्या", "a number";
    /// Kind of value: text.
    KindText => "टेक्स्ट", "text";
    /// Kind of value: list.
    KindList => "सूची", "a list";
    /// Kind of value: group of named values.
    KindObject => "नामित मानों का समूह", "a group of named values";
    /// Kind of value: true/false.
    KindTrueFalse => "हाँ/नहीं (true/false)", "true/false";
    /// Kind of value: nothing (null).
    KindNothing => "खाली (null)", "empty (null)";
    /// Project file: cut off. {file}
    ProjErrTruncated => "परियोजना फ़ाइल \"{file}\" अधूरी है (बीच में कटी हुई)। पूरी फ़ाइल फिर से सहेजें या कॉपी करें।", "The project file \"{file}\" is incomplete (cut off). Save or copy the whole file again.";
    /// Project file: foreign JSON. {file} {found}
    ProjErrNotAProject => "फ़ाइल \"{file}\" क्षेत्र परियोजना (.kshetra.json) नहीं है ({found})। नक्शा हो तो उसे \"नक्शा आयात\" से खोलें।", "The file \"{file}\" is not a Kshetra project (.kshetra.json) ({found}). If it is a map, open it with the map import.";
    /// Project file: newer version. {file} {found} {supported}
    ProjErrNewerVersion => "परियोजना \"{file}\" क्षेत्र के नए संस्करण ({found}) में बनी है; यह संस्करण {supported} तक पढ़ता है। क्षेत्र को अपडेट करें।", "The project \"{file}\" was made by a newer Kshetra (format {found}); this one reads up to {supported}. Update Kshetra.";
    /// Project file: wrong structure. {file} {detail}
    ProjErrInvalid => "परियोजना फ़ाइल \"{file}\" की बनावट गलत है (तकनीकी विवरण, अंग्रेज़ी में: {detail})। शायद इसे हाथ से बदला गया है या यह किसी और प्रोग्राम की है: क्षेत्र से सहेजी गई प्रति खोलें।", "The project file \"{file}\" is malformed (technical detail: {detail}). It may have been edited by hand or come from another program: open a copy saved by Kshetra.";
    /// Project file: map unreadable. {file} {detail}
    ProjErrBadMap => "परियोजना \"{file}\" का वार्ड नक्शा पढ़ा नहीं जा सका: {detail}", "The ward map inside the project \"{file}\" cannot be read: {detail}";
    /// Project file error: wards of the map lost. {file} {readable} {total}
    ProjErrMapWardsLost => "परियोजना \"{file}\" के नक्शे के {total} वार्डों में से केवल {readable} पढ़े जा सके। फ़ाइल हाथ से बदली गई या टूटी लगती है: क्षेत्र से सहेजी गई प्रति खोलें।", "Only {readable} of the {total} wards of the map inside the project \"{file}\" can be read. The file looks edited by hand or damaged: open the copy that Kshetra saved.";
    /// Project file: duplicate organiser id. {file} {id}
    ProjErrDuplicateId => "परियोजना \"{file}\" में संगठक क्रमांक {id} दो बार है। फ़ाइल हाथ से बदली गई लगती है: वह बदलाव वापस लें, या क्षेत्र से सहेजी गई प्रति खोलें।", "In the project \"{file}\", organiser id {id} appears twice. The file looks edited by hand: undo the edit, or open the copy that Kshetra saved.";
    /// Project file: bad capacity. {file} {name} {value}
    ProjErrBadCapacity => "परियोजना \"{file}\": {name} की क्षमता \"{value}\" 0 से अधिक और 2 तक होनी चाहिए।", "In the project \"{file}\", the capacity \"{value}\" of {name} must be above 0 and at most 2.";
    /// Project file: unknown wards. {file} {wards}
    ProjErrUnknownWards => "परियोजना \"{file}\" में ऐसे वार्ड हैं जो उसके नक्शे में नहीं हैं: {wards}। फ़ाइल हाथ से बदली गई या किसी दूसरे नक्शे की लगती है: क्षेत्र से सहेजी गई प्रति खोलें।", "The project \"{file}\" refers to wards that are not on its map: {wards}. The file looks edited by hand or made for another map: open the copy that Kshetra saved.";
    /// Project file: unknown organisers. {file} {wards} {ids}
    ProjErrUnknownOrganisers => "परियोजना \"{file}\" में वार्ड {wards} ऐसे संगठकों ({ids}) को दिए गए हैं जो सूची में नहीं हैं। फ़ाइल हाथ से बदली गई लगती है: वह बदलाव वापस लें, या क्षेत्र से सहेजी गई प्रति खोलें।", "In the project \"{file}\", wards {wards} are given to organisers ({ids}) who are not in the list. The file looks edited by hand: undo the edit, or open the copy that Kshetra saved.";
    // ── Organisers list import ──
    /// Organisers import: no name column. {file} {columns}
    OrgErrNoNameColumn => "फ़ाइल \"{file}\" में संगठकों के नाम का कॉलम (\"नाम\" / \"name\") नहीं मिला (इसके कॉलम: {columns})। नामों वाले कॉलम का शीर्षक \"नाम\" या \"name\" करें और फ़ाइल फिर से चुनें, या खाली टेम्पलेट डाउनलोड करके भरें।", "No column of organiser names (\"name\" / \"नाम\") was found in \"{file}\" (its columns: {columns}). Head the column of names \"name\" or \"नाम\" and choose the file again, or download the blank template and fill it in.";
    /// The typed organiser count is not used while the list has people. {n}
    OrganisersTypedIgnored => "संगठकों की सूची में {n} लोग हैं — यही संख्या हर जगह गिनी जाती है; नीचे लिखी संख्या केवल तब काम आती है जब सूची खाली हो।", "The organiser list has {n} people — that number is used everywhere; the number typed below counts only while the list is empty.";
    /// Button: the officer confirms that features with the same ward number are one ward.
    ConfirmWardMerge => "हाँ, एक ही संख्या वाले फ़ीचर एक-एक वार्ड में जोड़ें", "Yes, join the features with the same number into one ward each";
    /// Organisers import row: no name. {row}
    OrgRowNoName => "{row}: नाम खाली है — छोड़ी गई।", "{row}: the name is empty — skipped.";
    /// Where an organisers-list row is: file and row. {file} {row}
    OrgRowPlace => "{file}, पंक्ति {row}", "{file}, row {row}";
    /// Organisers import row: bad mobile. {row} {value}
    OrgRowBadMobile => "{row}: मोबाइल \"{value}\" 6–9 से शुरू होने वाला 10 अंकों का नंबर नहीं है — छोड़ी गई।", "{row}: mobile \"{value}\" is not a 10-digit number starting with 6–9 — skipped.";
    /// Organisers import row: bad capacity. {row} {value}
    OrgRowBadCapacity => "{row}: क्षमता \"{value}\" 0 से अधिक और 2 तक की संख्या नहीं है — छोड़ी गई।", "{row}: capacity \"{value}\" is not a number above 0 and at most 2 — skipped.";
    /// Organisers import row: unknown home ward. {row} {ward}
    OrgRowUnknownHomeWard => "{row}: घर का वार्ड \"{ward}\" इस नक्शे में नहीं है — छोड़ी गई।", "{row}: home ward \"{ward}\" is not on this map — skipped.";
    /// Organisers row: contact point outside the map. {row} {lon} {lat} {mid_lon} {mid_lat}
    OrgRowContactOutsideMap => "{row}: संपर्क स्थल (देशांतर {lon}, अक्षांश {lat}) इस नक्शे पर नहीं है — शायद देशांतर और अक्षांश अदल-बदल गए हैं या कोई अंक छूट गया है। इस शहर के लिए देशांतर लगभग {mid_lon} और अक्षांश लगभग {mid_lat} होता है — छोड़ी गई।", "{row}: the contact point (longitude {lon}, latitude {lat}) is not on this map — longitude and latitude may be swapped, or a digit lost. In this city the longitude is about {mid_lon} and the latitude about {mid_lat} — skipped.";
    // ── Plan problems ──
    /// An area in several pieces. {name} {pieces} {wards}
    ProblemSplitArea => "{name} का क्षेत्र {pieces} टुकड़ों में है; अलग टुकड़ों के वार्ड: {wards}", "The area of {name} is in {pieces} pieces; wards of the separate pieces: {wards}";
    /// Unassigned wards. {n} {wards}
    ProblemUnassigned => "{n} वार्ड किसी को आवंटित नहीं: {wards}", "{n} wards not assigned: {wards}";
    /// Area above tolerance. {name} {pct}
    ProblemOver => "{name} के पास लक्ष्य से {pct} % अधिक गरीब परिवार हैं।", "{name} has {pct} % more poor households than the target.";
    /// Area below tolerance. {name} {pct}
    ProblemUnder => "{name} के पास लक्ष्य से {pct} % कम गरीब परिवार हैं।", "{name} has {pct} % fewer poor households than the target.";
    /// Organiser without wards. {name}
    ProblemNoWards => "{name} को कोई वार्ड नहीं मिला है।", "{name} has no wards.";
    // ── Work kept in the browser that this version cannot open (issue 19) ──
    /// The saved thing is a map.
    KeptWhatMap => "नक्शा", "map";
    /// The saved thing is a project.
    KeptWhatProject => "प्रोजेक्ट", "project";
    /// A saved record of an unknown (newer) format version, kept untouched. {what} {key} {version}
    KeptNewer => "इस ब्राउज़र में \"{key}\" का सहेजा गया काम ({what}) क्षेत्र के किसी और संस्करण ने सहेजा है (प्रारूप {version}) और यह संस्करण उसे नहीं खोल सकता। उसे बिना बदले रखा गया है; यहाँ किए बदलाव उसकी जगह ब्राउज़र में नहीं सहेजे जाएँगे — उन्हें रखने के लिए प्रोजेक्ट फ़ाइल सहेजें, और वह काम क्षेत्र के नए संस्करण में खोलें।", "The work saved in this browser for \"{key}\" ({what}) was saved by another version of Kshetra (format {version}), which this version cannot open. It has been kept untouched; changes made here will not be saved in its place — save a project file to keep them, and open that work in the newer version of Kshetra.";
    /// A saved record that cannot be read, kept untouched. {what} {key}
    KeptUnreadable => "इस ब्राउज़र में \"{key}\" का सहेजा गया काम ({what}) पढ़ा नहीं जा सका। उसे बिना बदले रखा गया है; यहाँ किए बदलाव उसकी जगह ब्राउज़र में नहीं सहेजे जाएँगे — उन्हें रखने के लिए प्रोजेक्ट फ़ाइल सहेजें।", "The work saved in this browser for \"{key}\" ({what}) could not be read. It has been kept untouched; changes made here will not be saved in its place — save a project file to keep them.";
    // ── Saving in the browser failed (issue 19) ──
    /// The browser's storage for the site is full.
    StorageFull => "ब्राउज़र में जगह भर गई है, इसलिए आपका काम यहाँ सहेजा नहीं जा सका। काम इस पेज में सुरक्षित है: अभी \"प्रोजेक्ट फ़ाइल सहेजें\" दबाएँ। फिर ब्राउज़र की सेटिंग में इस साइट के पुराने नक्शे/डेटा हटाकर जगह बनाएँ।", "The browser's storage is full, so your work could not be saved here. The work is safe in this page: press \"Save project file\" now. Then make room by removing old maps or site data for this site in the browser's settings.";
    /// Another tab saved the same project meanwhile.
    StorageOtherTab => "यह प्रोजेक्ट इसी ब्राउज़र के किसी दूसरे टैब या विंडो में भी बदला गया है। किसी का काम मिटे नहीं, इसलिए इस टैब के बदलाव अब ब्राउज़र में नहीं सहेजे जा रहे। चुनें: इस टैब का काम रखें (दूसरे टैब का बदला हुआ काम हट जाएगा), या पेज दोबारा खोलें (दूसरे टैब का काम आएगा, यहाँ के बदलाव जाएँगे)। पक्का करने के लिए पहले प्रोजेक्ट फ़ाइल सहेज लें।", "This project was also changed in another tab or window of this browser. So that nobody's work is overwritten, changes in this tab are no longer being saved in the browser. Choose: keep this tab's work (the other tab's changes are replaced), or reload (the other tab's work comes back, changes here are lost). To be safe, save a project file first.";
    /// Storage refused for another reason. {detail}
    StorageFailed => "आपका काम ब्राउज़र में सहेजा नहीं जा सका ({detail})। काम इस पेज में सुरक्षित है: \"प्रोजेक्ट फ़ाइल सहेजें\" दबाएँ। निजी (private/incognito) विंडो में ब्राउज़र कुछ नहीं सहेजता।", "Your work could not be saved in the browser ({detail}). The work is safe in this page: press \"Save project file\". A private (incognito) window does not keep anything.";
    /// Button: keep this tab's project, replacing the other tab's.
    StorageKeepMine => "इस टैब का काम रखें", "Keep this tab's work";
    /// Button: reload to get the other tab's work.
    StorageReload => "पेज दोबारा खोलें", "Reload";
    // ── Command line (kshetra-cli) ──
    /// CLI: stopped on an internal error (a bug), said instead of a backtrace. {detail}
    CliInternalError => "आंतरिक त्रुटि के कारण रुक गया ({detail})। कुछ भी लिखा या बदला नहीं गया। कृपया इनपुट फ़ाइल के साथ इसकी सूचना दें; तब तक फ़ाइल को ऐप में आज़माएँ, या QGIS में खोलकर फिर से सहेजें।", "stopped on an internal error ({detail}). Nothing was written or changed. Please report it with the input file; meanwhile try the file in the app, or open it in QGIS and save it again.";
    /// CLI: an option's value refused; {rule} is one of the Cli…Range entries. {option} {value} {rule}
    CliBadValue => "{option} \"{value}\" मान्य नहीं है: {rule}", "{option} \"{value}\" is not valid: {rule}";
    /// CLI rule: the balance tolerance's range (fractions). {min} {max}
    CliEpsRange => "संतुलन सीमा {min} से {max} के बीच की संख्या होनी चाहिए (0.05 = ± 5 %)।", "The balance tolerance must be a number from {min} to {max} (0.05 = ± 5 %).";
    /// CLI rule: the organiser count's range. {wards}
    CliKRange => "संगठकों की संख्या 1 से {wards} (इस नक्शे के वार्ड) तक होनी चाहिए।", "The number of organisers must be from 1 to {wards} (the wards on this map).";
    // ── Plan CSV (`unit_index,part`, read by kshetra-cli and project::plan_csv) ──
    /// Plan CSV: no rows. {file}
    PlanCsvEmpty => "योजना \"{file}\" खाली है। हर इकाई (नक्शे का फ़ीचर, 0 से गिनती) के लिए एक पंक्ति `unit_index,part` लिखें, जैसे 0,0।", "The plan \"{file}\" is empty. Write one row `unit_index,part` per unit (the map's features, counted from 0), e.g. 0,0.";
    /// Plan CSV row unreadable. {file} {line} {found}
    CliPlanBadRow => "योजना \"{file}\", पंक्ति {line}: \"{found}\" पढ़ी नहीं जा सकी — हर पंक्ति `unit_index,part` (दो पूर्ण संख्याएँ, जैसे 3,1) होनी चाहिए, वार्ड या संगठक के नाम नहीं। पंक्ति ठीक करें।", "Plan \"{file}\", line {line}: \"{found}\" cannot be read — every row must be `unit_index,part` (two whole numbers, like 3,1), not ward or organiser names. Fix the row.";
    /// Plan CSV row: unit not on the map. {file} {line} {unit} {last}
    CliPlanUnitOutOfRange => "योजना \"{file}\", पंक्ति {line}: इकाई {unit} नक्शे में नहीं है (इकाइयाँ 0 से {last} तक हैं)। जाँचें कि योजना इसी नक्शे की है।", "Plan \"{file}\", line {line}: unit {unit} is not on the map (its units are 0 to {last}). Check that the plan belongs to this map.";
    /// Plan CSV row: part beyond the wards. {file} {line} {part} {wards} {last}
    CliPlanPartOutOfRange => "योजना \"{file}\", पंक्ति {line}: भाग {part} बहुत बड़ा है — {wards} वार्डों के भाग 0 से {last} तक ही हो सकते हैं। भाग संख्या ठीक करें।", "Plan \"{file}\", line {line}: part {part} is too large — {wards} wards have parts 0 to {last} at most. Fix the part number.";
    /// Plan CSV: a unit named twice. {file} {unit} {first} {line}
    CliPlanDuplicateUnit => "योजना \"{file}\": इकाई {unit} दो बार है, पंक्ति {first} और {line} पर; हर इकाई एक ही भाग में होती है। एक पंक्ति हटाएँ।", "Plan \"{file}\": unit {unit} is named twice, on lines {first} and {line}; each unit is in one part. Delete one of the rows.";
    /// Plan CSV: a ward without a part. {file} {ward} {unit}
    CliPlanWardMissing => "योजना \"{file}\": वार्ड {ward} (इकाई {unit}) किसी भाग में नहीं है। उसके लिए पंक्ति \"{unit},भाग\" जोड़ें।", "Plan \"{file}\": ward {ward} (unit {unit}) has no part. Add a row \"{unit},part\" for it.";
    /// CLI: --ward-column/--population-column names a column the map lacks. {option} {column} {file} {columns}
    CliColumnNotFound => "{option} \"{column}\": नक्शे \"{file}\" में ऐसा कोई कॉलम नहीं है (इसके कॉलम: {columns})। इनमें से कोई नाम ठीक वैसा ही लिखें।", "{option} \"{column}\": the map \"{file}\" has no such column (its columns: {columns}). Give one of these names exactly.";
    /// CLI: no ward-number column recognised. {file} {columns}
    CliNoWardColumn => "नक्शे \"{file}\" में वार्ड संख्या का कॉलम नहीं पहचाना गया (इसके कॉलम: {columns})। वार्ड संख्या वाला कॉलम --ward-column NAME से बताएँ।", "No ward-number column was recognised in the map \"{file}\" (its columns: {columns}). Pass --ward-column NAME with the column that holds the ward number.";
    /// CLI refusal: the ward-number column would merge many features into few wards.
    /// {file} {column} {features} {wards}
    CliWardsWouldMerge => "नक्शे \"{file}\" के {features} फ़ीचर कॉलम \"{column}\" के अनुसार केवल {wards} वार्ड बनेंगे। अगर \"{column}\" ही वार्ड संख्या है तो --merge-duplicates दें; नहीं तो --ward-column NAME से हर वार्ड की अलग संख्या वाला कॉलम बताएँ।", "By the column \"{column}\", the {features} features of the map \"{file}\" would become only {wards} wards. If \"{column}\" is the ward number, pass --merge-duplicates; otherwise pass --ward-column NAME with the column that has one number per ward.";
    /// CLI: the wards' total weight is zero (no population read). {file} {column} {columns}
    CliZeroWeight => "नक्शे \"{file}\" के वार्डों का कुल भार शून्य है: जनसंख्या का कॉलम {column} हर वार्ड के लिए खाली या 0 है (इसके कॉलम: {columns})। जनसंख्या वाला कॉलम --population-column NAME से बताएँ, या हर वार्ड को 1 गिनने के लिए --weight __count__ दें।", "The total weight of the wards of \"{file}\" is zero: the population column {column} is empty or 0 for every ward (its columns: {columns}). Pass --population-column NAME with the column that holds the population, or --weight __count__ to count every ward as 1.";
    /// CLI: the wards' total weight is zero because no population column was recognised. {file} {columns}
    CliNoPopulationColumn => "नक्शे \"{file}\" के वार्डों का कुल भार शून्य है: जनसंख्या का कोई कॉलम नहीं पहचाना गया (इसके कॉलम: {columns})। जनसंख्या वाला कॉलम --population-column NAME से बताएँ, या हर वार्ड को 1 गिनने के लिए --weight __count__ दें।", "The total weight of the wards of \"{file}\" is zero: no population column was recognised (its columns: {columns}). Pass --population-column NAME with the column that holds the population, or --weight __count__ to count every ward as 1.";
    /// CLI rule: the ward weights on offer.
    CliWeightRule => "वार्ड का भार poor_households (गरीब परिवार, ऐप की तरह), population (जनसंख्या) या __count__ (हर वार्ड 1) होना चाहिए।", "The ward weight must be poor_households (as in the app), population or __count__ (every ward 1).";
    /// CLI: neither --k nor --organisers given.
    CliNeedOrganisers => "संगठक बताएँ: --k N (संख्या) या --organisers FILE (ऐप वाली संगठकों की सूची)।", "Say who the organisers are: --k N (a number) or --organisers FILE (the app's organisers list).";
    // ── kshetra-cli poster / batch (issue 15) ──
    /// CLI rule: an option's choices. {choices}
    CliChoiceRule => "इनमें से एक होना चाहिए: {choices}।", "It must be one of: {choices}.";
    /// CLI: a file could not be read. {file} {detail}
    CliReadFailed => "फ़ाइल \"{file}\" पढ़ी नहीं जा सकी ({detail})। जाँचें कि फ़ाइल उसी जगह है और उसका नाम सही लिखा है।", "The file \"{file}\" could not be read ({detail}). Check that the file is there and its name is spelt right.";
    /// CLI: a file could not be written. {file} {detail}
    CliWriteFailed => "फ़ाइल \"{file}\" लिखी नहीं जा सकी ({detail})। जाँचें कि फ़ोल्डर में लिखने की अनुमति और जगह है।", "The file \"{file}\" could not be written ({detail}). Check that the folder can be written to and has space.";
    /// CLI: the PDF could not be made. {file} {detail}
    CliPdfFailed => "PDF \"{file}\" नहीं बन सकी (तकनीकी विवरण: {detail})।", "The PDF \"{file}\" could not be made (technical detail: {detail}).";
    /// CLI: an organisers list gave no organiser. {file}
    CliNoOrganisers => "संगठकों की सूची \"{file}\" में एक भी संगठक नहीं पढ़ा जा सका; हर पंक्ति में संगठक का नाम होना चाहिए।", "The organisers list \"{file}\" gave no organiser; every row needs the organiser's name.";
    /// CLI: the project has no plan to print. {file}
    CliNoPlan => "प्रोजेक्ट \"{file}\" में अभी कोई बँटवारा नहीं है; पहले ऐप में या kshetra-cli allocate से वार्ड बाँटें।", "The project \"{file}\" has no division of wards yet; divide the wards first in the app or with kshetra-cli allocate.";
    /// Batch manifest: a required column is missing. {file} {column} {columns}
    CliManifestNoColumn => "सूची \"{file}\" में \"{column}\" कॉलम नहीं है (इसके कॉलम: {columns})। पहली पंक्ति में कम से कम city,map,organisers होने चाहिए।", "The manifest \"{file}\" has no \"{column}\" column (its columns: {columns}). The first row must name at least city,map,organisers.";
    /// Batch manifest: a cell holds a value that is not allowed. {file} {row} {column} {value} {rule}
    CliManifestBadValue => "सूची \"{file}\", पंक्ति {row}, कॉलम {column}: \"{value}\" मान्य नहीं है: {rule}", "Manifest \"{file}\", row {row}, column {column}: \"{value}\" is not valid: {rule}";
    /// Batch manifest: two rows give the same city (its output folder). {file} {city}
    CliManifestDuplicateCity => "सूची \"{file}\" में शहर \"{city}\" दो बार है; हर शहर का अपना फ़ोल्डर बनता है, इसलिए नाम अलग रखें।", "The manifest \"{file}\" names the city \"{city}\" twice; each city gets its own folder, so give them different names.";
    /// Batch progress line: a city done. {city} {wards} {k}
    CliCityDone => "{city}: पूरा ({wards} वार्ड, {k} संगठक)", "{city}: done ({wards} wards, {k} organisers)";
    /// Batch progress line: a city failed. {city} {reason}
    CliCityFailed => "{city}: नहीं हो सका — {reason}", "{city}: failed — {reason}";
    /// Batch end line. {done} {failed} {out}
    CliBatchDone => "{done} शहर पूरे, {failed} नहीं हो सके; परिणाम {out} में (summary.csv, summary.pdf)।", "{done} cities done, {failed} failed; results in {out} (summary.csv, summary.pdf).";
    /// State summary title.
    StateSummaryTitle => "राज्य सारांश: शहरवार वार्डों का बँटवारा", "State summary: division of wards, city by city";
    /// State summary column: the city's status.
    SummaryStatus => "स्थिति", "Status";
    /// State summary: a city done.
    SummaryOk => "पूरा", "done";
    /// State summary: a city failed.
    SummaryFailed => "नहीं हो सका", "failed";
    /// State summary column: why a city failed.
    SummaryReason => "कारण", "Reason";
    /// State summary column: the worst deviation from the target, in per cent.
    SummaryWorstDeviation => "सबसे बड़ा अंतर (%)", "Worst deviation (%)";
    /// An organiser made from a count (no list given). {n}
    CliOrganiserN => "संगठक {n}", "Organiser {n}";
    /// State summary total row.
    SummaryTotal => "कुल", "Total";
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
        let s = Msg::WarnDuplicateWard
            .fill(Lang::En, &[("ward", "76"), ("feature", "80"), ("first", "79")]);
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
