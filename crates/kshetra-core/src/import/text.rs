//! The text encodings map files arrive in (issue 19): UTF-8 with or without a byte-order
//! mark, UTF-16 as Excel and some Windows tools save it, and KML declaring another encoding
//! in its XML declaration. Anything else is refused naming the first bad bytes and where
//! they are, with the likely cause.

use std::borrow::Cow;

use super::ImportError;

/// UTF-16 text (a byte-order mark, or ASCII with every other byte zero) as UTF-8 bytes;
/// `None` when the bytes are not UTF-16 or not valid as such.
pub(crate) fn utf16_as_utf8(bytes: &[u8]) -> Option<Vec<u8>> {
    let (encoding, body) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (encoding_rs::UTF_16LE, rest),
        [0xFE, 0xFF, rest @ ..] => (encoding_rs::UTF_16BE, rest),
        _ => {
            let head = &bytes[..bytes.len().min(64) & !1];
            let zeros = |odd: usize| head.iter().skip(odd).step_by(2).all(|&b| b == 0);
            if head.len() < 8 {
                return None;
            } else if zeros(1) && !zeros(0) {
                (encoding_rs::UTF_16LE, bytes)
            } else if zeros(0) && !zeros(1) {
                (encoding_rs::UTF_16BE, bytes)
            } else {
                return None;
            }
        }
    };
    let text = encoding.decode_without_bom_handling_and_without_replacement(body)?;
    Some(text.into_owned().into_bytes())
}

/// The bytes as UTF-8 text, without a byte-order mark.
pub(crate) fn utf8<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, ImportError> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(body).map_err(|e| not_utf8(file, body, e.valid_up_to()))
}

/// KML text: UTF-8, UTF-16, or the encoding its XML declaration names (windows-1252,
/// ISO-8859-1, …).
pub(crate) fn xml(file: &str, bytes: &[u8]) -> Result<Cow<'static, str>, ImportError> {
    if let Some(converted) = utf16_as_utf8(bytes) {
        return Ok(Cow::Owned(String::from_utf8(converted).unwrap_or_default()));
    }
    match utf8(file, bytes) {
        Ok(t) => Ok(Cow::Owned(t.to_owned())),
        Err(e) => {
            let Some(encoding) = declared_xml_encoding(bytes) else { return Err(e) };
            if encoding == encoding_rs::UTF_8 {
                return Err(e);
            }
            let (text, _, _) = encoding.decode(bytes);
            Ok(Cow::Owned(text.into_owned()))
        }
    }
}

/// The encoding named in `<?xml … encoding="…"?>`, if any.
fn declared_xml_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(200)];
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = String::from_utf8_lossy(&head[..end]);
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let label = rest[1..].split(quote).next()?;
    encoding_rs::Encoding::for_label(label.trim().as_bytes())
}

/// [`ImportError::NotUtf8`] for the first bad byte at `at`: 1-based line and column and
/// the first bytes in hex.
fn not_utf8(file: &str, bytes: &[u8], at: usize) -> ImportError {
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    let shown: Vec<String> =
        bytes[at..(at + 4).min(bytes.len())].iter().map(|b| format!("{b:02X}")).collect();
    ImportError::NotUtf8 { file: file.to_string(), line, column, bytes: shown.join(" ") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(s: &str, bom: bool) -> Vec<u8> {
        let mut out = if bom { vec![0xFF, 0xFE] } else { Vec::new() };
        out.extend(s.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn utf16_with_and_without_a_mark() {
        let s = r#"{"type": "FeatureCollection", "features": [], "name": "वार्ड"}"#;
        assert_eq!(utf16_as_utf8(&utf16le(s, true)).unwrap(), s.as_bytes());
        assert_eq!(utf16_as_utf8(&utf16le(s, false)).unwrap(), s.as_bytes());
        let be: Vec<u8> = s.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(utf16_as_utf8(&be).unwrap(), s.as_bytes());
        assert_eq!(utf16_as_utf8(s.as_bytes()), None);
        assert_eq!(utf16_as_utf8(b"\xFF\xFE{"), None); // odd length: not UTF-16
    }

    #[test]
    fn bad_utf8_is_located() {
        let e = utf8("w.geojson", b"{\n  \"name\": \"Ibra\xE4impur\"}").unwrap_err();
        assert_eq!(
            e,
            ImportError::NotUtf8 {
                file: "w.geojson".into(),
                line: 2,
                column: 16,
                bytes: "E4 69 6D 70".into()
            }
        );
    }

    #[test]
    fn kml_in_its_declared_encoding() {
        let kml = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><kml><name>Ibra\xE4impur</name></kml>";
        assert!(xml("w.kml", kml).unwrap().contains("Ibraäimpur"));
        let undeclared = b"<?xml version=\"1.0\"?><kml><name>Ibra\xE4impur</name></kml>";
        assert!(matches!(xml("w.kml", undeclared), Err(ImportError::NotUtf8 { line: 1, .. })));
    }
}
