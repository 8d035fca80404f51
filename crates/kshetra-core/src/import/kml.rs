//! KML (Google Earth, Google My Maps, QGIS export) and, through [`super::read_any`], KMZ.
//!
//! Each Placemark is a feature. Columns: `name`, `description`, then every `ExtendedData`
//! `Data`/`SimpleData` name (in the order of a `Schema` when the file has one, else in order
//! of first appearance). Polygons, also inside `MultiGeometry`, are the shape; points and lines
//! are reported. Read with `quick-xml`'s streaming reader: no DOM, so big files stay cheap.

use geo::{Coord, LineString, MultiPolygon, Polygon};
use quick_xml::events::Event;

use super::raw::{Format, RawGeometry, RawLayer, TableBuilder, Value};
use super::{line_of, ImportError, ImportWarning};

#[derive(Default)]
struct Placemark {
    pairs: Vec<(String, Option<Value>)>,
    polygons: Vec<Polygon<f64>>,
    other: Vec<String>,
    outer: Option<LineString<f64>>,
    inners: Vec<LineString<f64>>,
}

/// Reads KML bytes (UTF-8) into a raw layer.
pub fn read(file: &str, bytes: &[u8]) -> Result<RawLayer, ImportError> {
    let f = || file.to_string();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty { file: f() });
    }
    let text = super::text::xml(file, bytes)?;
    // "Ward 5 & 6": a lone '&' (not XML) written by spreadsheets and hand edits; read as '&'.
    let (text, lone) = escape_lone_ampersands(&text);
    let body = text.as_bytes();
    let mut reader = quick_xml::Reader::from_str(&text);
    let mut stack: Vec<String> = Vec::new();
    let mut table = TableBuilder::default();
    let mut placemark: Option<Placemark> = None;
    let mut n_placemarks = 0usize;
    let mut network_links = 0usize;
    let mut buf = String::new();
    let mut data_name: Option<String> = None;
    let mut data_value: Option<String> = None;
    let mut simple_name: Option<String> = None;
    let mut seen_root = false;
    let bad = |reader: &quick_xml::Reader<&[u8]>, detail: String| ImportError::InvalidXml {
        file: f(),
        line: line_of(body, reader.buffer_position() as usize),
        detail,
        cut_off: false,
    };
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            // A closing tag that does not match (a hand edit): named, in the officer's terms.
            Err(quick_xml::Error::IllFormed(
                quick_xml::errors::IllFormedError::MismatchedEndTag { expected, found },
            )) => {
                return Err(ImportError::XmlMismatchedTag {
                    file: f(),
                    line: line_of(body, reader.buffer_position() as usize),
                    expected,
                    found,
                })
            }
            Err(e) => return Err(bad(&reader, e.to_string())),
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                let name = e.local_name().as_ref().to_string();
                if !seen_root {
                    seen_root = true;
                    if name != "kml" {
                        return Err(ImportError::UnknownFormat {
                            file: f(),
                            found: format!("XML <{name}>"),
                        });
                    }
                }
                let attr = |key: &str| -> Option<String> {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == key)
                        .map(|a| unescape(&a.value))
                };
                match name.as_str() {
                    "Placemark" => {
                        placemark = Some(Placemark::default());
                        n_placemarks += 1;
                    }
                    "NetworkLink" => network_links += 1,
                    "SimpleField" => {
                        if let Some(n) = attr("name") {
                            table.column_index(n.trim());
                        }
                    }
                    "Data" => {
                        data_name = attr("name");
                        data_value = None;
                    }
                    "SimpleData" => simple_name = attr("name"),
                    _ => {}
                }
                buf.clear();
                if !is_empty {
                    stack.push(name);
                } else if name == "Placemark" {
                    // <Placemark/>: a feature with nothing.
                    if let Some(p) = placemark.take() {
                        table.push(n_placemarks, p.pairs, RawGeometry::Missing);
                    }
                }
            }
            Event::Text(t) => buf.push_str(&t.xml10_content()),
            Event::CData(t) => buf.push_str(&t.into_inner()),
            Event::GeneralRef(r) => {
                let name: String = r.into_inner().into_owned();
                buf.push_str(&unescape(&format!("&{name};")));
            }
            Event::End(_) => {
                let Some(name) = stack.pop() else {
                    return Err(bad(&reader, "unexpected end tag".into()));
                };
                let parent = stack.last().map(String::as_str).unwrap_or("");
                if let Some(p) = placemark.as_mut() {
                    match name.as_str() {
                        "name" | "description" if parent == "Placemark" => {
                            p.pairs.push((name.clone(), Value::text(&buf)));
                        }
                        "value" if parent == "Data" => data_value = Some(buf.clone()),
                        "Data" => {
                            if let Some(n) = data_name.take() {
                                p.pairs.push((
                                    n.trim().to_string(),
                                    data_value.take().and_then(|v| Value::text(&v)),
                                ));
                            }
                        }
                        "SimpleData" => {
                            if let Some(n) = simple_name.take() {
                                p.pairs.push((n.trim().to_string(), Value::text(&buf)));
                            }
                        }
                        "coordinates" => {
                            let ring = parse_coordinates(&buf);
                            let in_polygon = stack.iter().any(|s| s == "Polygon");
                            if stack.iter().any(|s| s == "innerBoundaryIs") {
                                p.inners.push(ring);
                            } else if in_polygon {
                                p.outer = Some(ring);
                            }
                        }
                        "Polygon" => {
                            let outer = p.outer.take().unwrap_or_else(|| LineString::new(vec![]));
                            p.polygons.push(Polygon::new(outer, std::mem::take(&mut p.inners)));
                        }
                        "Point" | "LineString" | "Track" | "Model"
                            if !stack.iter().any(|s| s == "Polygon") =>
                        {
                            p.other.push(name.clone());
                        }
                        "Placemark" => {
                            let p = placemark.take().unwrap_or_default();
                            let geometry = if !p.polygons.is_empty() {
                                RawGeometry::Polygons(MultiPolygon::new(p.polygons))
                            } else if let Some(kind) = p.other.into_iter().next() {
                                RawGeometry::Other(kind)
                            } else {
                                RawGeometry::Missing
                            };
                            table.push(n_placemarks, p.pairs, geometry);
                        }
                        _ => {}
                    }
                }
                buf.clear();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !seen_root {
        return Err(ImportError::UnknownFormat { file: f(), found: "XML".into() });
    }
    if let Some(open) = stack.last() {
        return Err(ImportError::InvalidXml {
            file: f(),
            line: line_of(body, body.len()),
            detail: format!("the file ends inside <{open}>: it is incomplete (cut off)"),
            cut_off: true,
        });
    }
    if n_placemarks == 0 && network_links > 0 {
        return Err(ImportError::KmlNetworkLink { file: f() });
    }
    let mut raw = table.finish(file, Format::Kml);
    if let Some((line, count)) = lone {
        raw.warnings.insert(0, ImportWarning::LoneAmpersands { file: f(), line, count });
    }
    Ok(raw)
}

/// Whether `after` (the text after a '&') starts an entity or character reference: a name or
/// `#digits` / `#xhex` closed by ';' within 10 characters.
fn starts_reference(after: &str) -> bool {
    let Some(semi) = after.find(';').filter(|&i| (1..=10).contains(&i)) else { return false };
    let name = &after[..semi];
    match name.strip_prefix('#') {
        Some(num) => match num.strip_prefix('x') {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()),
        },
        None => name.chars().all(|c| c.is_ascii_alphanumeric()),
    }
}

/// `text` with each '&' that starts no reference written `&amp;`, and (1-based line of the
/// first, how many) when there were any.
fn escape_lone_ampersands(text: &str) -> (std::borrow::Cow<'_, str>, Option<(usize, usize)>) {
    let lone: Vec<usize> = text
        .match_indices('&')
        .map(|(i, _)| i)
        .filter(|&i| !starts_reference(&text[i + 1..]))
        .collect();
    let Some(&first) = lone.first() else { return (std::borrow::Cow::Borrowed(text), None) };
    let mut out = String::with_capacity(text.len() + 4 * lone.len());
    let mut from = 0;
    for &i in &lone {
        out.push_str(&text[from..i]);
        out.push_str("&amp;");
        from = i + 1;
    }
    out.push_str(&text[from..]);
    let line = line_of(text.as_bytes(), first);
    (std::borrow::Cow::Owned(out), Some((line, lone.len())))
}

/// Resolves XML's predefined entities and character references; unknown ones stay as written.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        let Some(semi) = after.find(';').filter(|&i| i <= 10) else {
            out.push('&');
            rest = after;
            continue;
        };
        let ent = &after[..semi];
        let resolved = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => ent
                .strip_prefix("#x")
                .or_else(|| ent.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match resolved {
            Some(c) => out.push(c),
            None => {
                out.push('&');
                out.push_str(ent);
                out.push(';');
            }
        }
        rest = &after[semi + 1..];
    }
    out.push_str(rest);
    out
}

/// KML `<coordinates>`: whitespace-separated `lon,lat[,alt]` tuples; unreadable tuples skipped.
fn parse_coordinates(text: &str) -> LineString<f64> {
    let coords = text
        .split_whitespace()
        .filter_map(|t| {
            let mut it = t.split(',');
            let x: f64 = it.next()?.trim().parse().ok()?;
            let y: f64 = it.next()?.trim().parse().ok()?;
            (x.is_finite() && y.is_finite()).then_some(Coord { x, y })
        })
        .collect::<Vec<_>>();
    LineString::new(coords)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_character_references() {
        assert_eq!(
            unescape("a &amp; b &lt;c&gt; &#2357;&#x93E; &bogus; & x"),
            "a & b <c> वा &bogus; & x"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics_on_arbitrary_text(s in "\\PC{0,200}") {
            let _ = read("fuzz.kml", s.as_bytes());
            let _ = read("fuzz.kml", format!("<kml><Placemark>{s}").as_bytes());
        }
    }
}
