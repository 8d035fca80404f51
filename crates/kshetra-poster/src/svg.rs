//! A tiny, deterministic SVG writer: fixed coordinate precision (0.01 mm), escaped text,
//! paths in relative coordinates, and a base64 encoder for embedded fonts.

use std::fmt::Write;

use geo::{LineString, MultiPolygon, Polygon};
use kshetra_core::format::escape_html;

/// Formats a length in mm with at most two decimals and no trailing zeros ("12.5", "3", "-0.25").
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return "0".to_string();
    }
    let hundredths = (x * 100.0).round() as i64;
    fmt_hundredths(hundredths)
}

fn fmt_hundredths(h: i64) -> String {
    let sign = if h < 0 { "-" } else { "" };
    let a = h.unsigned_abs();
    let (int, frac) = (a / 100, a % 100);
    match frac {
        0 => format!("{sign}{int}"),
        f if f % 10 == 0 => format!("{sign}{int}.{}", f / 10),
        f => format!("{sign}{int}.{f:02}"),
    }
}

/// Escapes imported or catalogue text for SVG.
pub fn esc(s: &str) -> String {
    escape_html(s)
}

/// Appends the path data of a ring in relative coordinates, rounded to 0.01 mm.
/// Consecutive points that round to the same position are dropped.
fn ring_path(out: &mut String, ring: &LineString<f64>, to_page: &impl Fn(f64, f64) -> (f64, f64)) {
    let mut prev: Option<(i64, i64)> = None;
    let mut n = 0;
    for c in ring.coords() {
        let (x, y) = to_page(c.x, c.y);
        if !x.is_finite() || !y.is_finite() {
            continue;
        }
        let p = ((x * 100.0).round() as i64, (y * 100.0).round() as i64);
        match prev {
            None => {
                let _ = write!(out, "M{} {}", fmt_hundredths(p.0), fmt_hundredths(p.1));
            }
            Some(q) if q == p => continue,
            Some(q) => {
                let (dx, dy) = (p.0 - q.0, p.1 - q.1);
                let _ = write!(out, "l{}", fmt_hundredths(dx));
                if dy >= 0 {
                    out.push(' ');
                }
                out.push_str(&fmt_hundredths(dy));
            }
        }
        prev = Some(p);
        n += 1;
    }
    if n > 0 {
        out.push('z');
    }
}

/// Path data (`d`) for a multipolygon, mapped to the page by `to_page`.
pub fn multipolygon_path(
    mp: &MultiPolygon<f64>,
    to_page: &impl Fn(f64, f64) -> (f64, f64),
) -> String {
    let mut out = String::new();
    for poly in mp {
        polygon_path_into(&mut out, poly, to_page);
    }
    out
}

/// Appends the path data of one polygon (exterior and holes).
pub fn polygon_path_into(
    out: &mut String,
    poly: &Polygon<f64>,
    to_page: &impl Fn(f64, f64) -> (f64, f64),
) {
    ring_path(out, poly.exterior(), to_page);
    for hole in poly.interiors() {
        ring_path(out, hole, to_page);
    }
}

/// A text element. `anchor` is `start`, `middle` or `end`; `text` is escaped here.
// The arguments are the element's own attributes, in their SVG order, at 42 call sites: a
// struct would only rename them.
#[allow(clippy::too_many_arguments)]
pub fn text(
    out: &mut String,
    x: f64,
    y: f64,
    size: f64,
    weight: u16,
    anchor: &str,
    fill: &str,
    text: &str,
) {
    let _ = write!(out, r#"<text x="{}" y="{}" font-size="{}""#, num(x), num(y), num(size));
    if weight != 400 {
        let _ = write!(out, r#" font-weight="{weight}""#);
    }
    if anchor != "start" {
        let _ = write!(out, r#" text-anchor="{anchor}""#);
    }
    if fill != "#000" {
        let _ = write!(out, r#" fill="{fill}""#);
    }
    let _ = write!(out, ">{}</text>", esc(text));
}

/// A rectangle.
pub fn rect(out: &mut String, x: f64, y: f64, w: f64, h: f64, attrs: &str) {
    let _ = write!(
        out,
        r#"<rect x="{}" y="{}" width="{}" height="{}" {attrs}/>"#,
        num(x),
        num(y),
        num(w.max(0.0)),
        num(h.max(0.0))
    );
}

/// A straight line.
pub fn line(out: &mut String, x1: f64, y1: f64, x2: f64, y2: f64, attrs: &str) {
    let _ = write!(
        out,
        r#"<line x1="{}" y1="{}" x2="{}" y2="{}" {attrs}/>"#,
        num(x1),
        num(y1),
        num(x2),
        num(y2)
    );
}

/// Standard base64 (RFC 4648, with padding), for `data:` URLs of embedded fonts.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_fixed_precision_without_noise() {
        assert_eq!(num(12.5), "12.5");
        assert_eq!(num(3.0), "3");
        assert_eq!(num(-0.254), "-0.25");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(0.07), "0.07");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn relative_path_is_exact_in_hundredths() {
        let ring = LineString::from(vec![(0.0, 0.0), (1.005, 0.0), (1.005, 2.0), (0.0, 0.0)]);
        let mut d = String::new();
        ring_path(&mut d, &ring, &|x, y| (x + 10.0, y));
        assert_eq!(d, "M10 0l1.01 0l0 2l-1.01-2z");
    }
}
