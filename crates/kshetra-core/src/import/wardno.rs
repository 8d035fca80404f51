//! Ward numbers and counts as people write them.

/// Maps a decimal digit of any Indian script (Devanagari, Bengali, Gurmukhi, Gujarati, Odia,
/// Tamil, Telugu, Kannada, Malayalam) or ASCII to its value.
fn digit_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return Some(c as u32 - '0' as u32);
    }
    let u = c as u32;
    // Each of these scripts has its digits at U+0xx66..U+0xx6F of its block.
    const ZEROS: [u32; 9] =
        [0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66];
    ZEROS.iter().find(|&&z| (z..z + 10).contains(&u)).map(|z| u - z)
}

/// Replaces Indian-script digits by ASCII digits.
pub(crate) fn ascii_digits(s: &str) -> String {
    s.chars().map(|c| digit_value(c).and_then(|d| char::from_digit(d, 10)).unwrap_or(c)).collect()
}

/// Words that may stand before a ward number ("Ward 9", "W-9", "वार्ड नं. ९", "Ward No: 9").
const PREFIX_WORDS: &[&str] = &[
    "ward",
    "wardno",
    "wardnumber",
    "wardnum",
    "wd",
    "w",
    "no",
    "num",
    "number",
    "nos",
    "sr",
    "srno",
    "sno",
    "वार्ड",
    "वार्डनं",
    "वार्डनंबर",
    "वार्डसंख्या",
    "वार्डक्रमांक",
    "वार्डक्र",
    "नं",
    "नंबर",
    "संख्या",
    "क्रमांक",
    "क्र",
    "वार्डनo",
];

/// Normalises a ward number as written in a file or table: trimmed, Indian digits to ASCII,
/// a leading "Ward"/"W"/"वार्ड" label dropped, leading zeros dropped, "9.0" read as 9, a letter
/// suffix kept in upper case ("10-a" → "10A"). Text without digits is kept as written
/// (trimmed, spaces collapsed). `None` for empty text.
///
/// ```
/// use kshetra_core::import::normalise_ward_number as n;
/// assert_eq!(n(" 09 ").as_deref(), Some("9"));
/// assert_eq!(n("W9").as_deref(), Some("9"));
/// assert_eq!(n("Ward No. 9").as_deref(), Some("9"));
/// assert_eq!(n("वार्ड ९").as_deref(), Some("9"));
/// assert_eq!(n("12-a").as_deref(), Some("12A"));
/// assert_eq!(n("9.0").as_deref(), Some("9"));
/// assert_eq!(n("Cantonment").as_deref(), Some("Cantonment"));
/// assert_eq!(n("  "), None);
/// ```
pub fn normalise_ward_number(raw: &str) -> Option<String> {
    let s = ascii_digits(raw);
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.is_empty() {
        return None;
    }
    let Some(first_digit) = collapsed.find(|c: char| c.is_ascii_digit()) else {
        return Some(collapsed);
    };
    let (prefix, rest) = collapsed.split_at(first_digit);
    // The label before the number, without separators, nukta or case.
    let label: String = prefix
        .chars()
        .filter(|c| c.is_alphanumeric() || ('\u{0900}'..='\u{097F}').contains(c))
        .filter(|&c| c != '\u{093C}' && c != '.')
        .flat_map(char::to_lowercase)
        .collect();
    if !label.is_empty() && !PREFIX_WORDS.contains(&label.as_str()) {
        return Some(collapsed);
    }
    let digits_end = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
    let (digits, suffix) = rest.split_at(digits_end);
    // "9.0", "9.00": a whole number written by a spreadsheet or a DBF numeric field.
    let suffix = match suffix.strip_prefix('.') {
        Some(zeros) if !zeros.is_empty() && zeros.chars().all(|c| c == '0') => "",
        _ => suffix,
    };
    let suffix: String = suffix
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_' | '/' | '.' | '(' | ')'))
        .flat_map(char::to_uppercase)
        .collect();
    if suffix.chars().count() > 3 || suffix.chars().any(|c| c.is_ascii_digit()) {
        // "12/13", "3 (part of 4)": not a plain number with a letter; keep as written.
        return Some(collapsed);
    }
    let trimmed = digits.trim_start_matches('0');
    let number = if trimmed.is_empty() { "0" } else { trimmed };
    Some(format!("{number}{suffix}"))
}

/// A non-negative whole count as written: "25,889", "25889", "25889.0", Indian digits, "1,02,345";
/// `None` for anything else (negative, fractional, text).
///
/// ```
/// use kshetra_core::import::parse_count;
/// assert_eq!(parse_count("1,02,345"), Some(102_345));
/// assert_eq!(parse_count("२५८८९"), Some(25_889));
/// assert_eq!(parse_count("-5"), None);
/// assert_eq!(parse_count("about 20k"), None);
/// ```
pub fn parse_count(raw: &str) -> Option<u64> {
    let s: String = ascii_digits(raw.trim())
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '_'))
        .collect();
    if s.is_empty() {
        return None;
    }
    if let Ok(n) = s.parse::<u64>() {
        return Some(n);
    }
    let f: f64 = s.parse().ok()?;
    count_from_f64(f)
}

/// A whole non-negative float as a count.
pub(crate) fn count_from_f64(f: f64) -> Option<u64> {
    (f.is_finite() && f >= 0.0 && f.fract() == 0.0 && f < 9.0e15).then_some(f as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn devanagari(n: u64) -> String {
        n.to_string()
            .chars()
            .map(|c| char::from_u32(0x0966 + (c as u32 - '0' as u32)).unwrap())
            .collect()
    }

    #[test]
    fn spellings_of_ward_numbers() {
        for (raw, want) in [
            ("9", "9"),
            ("009", "9"),
            ("W9", "9"),
            ("w 9", "9"),
            ("W-09", "9"),
            ("Ward 9", "9"),
            ("WARD NO. 9", "9"),
            ("Ward No: 9", "9"),
            ("वार्ड 9", "9"),
            ("वार्ड नं. ९", "9"),
            ("वार्ड संख्या ०९", "9"),
            ("0", "0"),
            ("00", "0"),
            ("10A", "10A"),
            ("10 a", "10A"),
            ("9.0", "9"),
            ("Airport", "Airport"),
            ("Zone 3 Ward 4", "Zone 3 Ward 4"),
            ("12/13", "12/13"),
        ] {
            assert_eq!(normalise_ward_number(raw).as_deref(), Some(want), "{raw:?}");
        }
        assert_eq!(normalise_ward_number(""), None);
        assert_eq!(normalise_ward_number(" \t"), None);
    }

    proptest! {
        #[test]
        fn every_spelling_of_n_normalises_to_n(n in 0u64..100_000, zeros in 0usize..3, form in 0usize..7) {
            let padded = format!("{}{n}", "0".repeat(zeros));
            let raw = match form {
                0 => padded,
                1 => format!("  W{padded} "),
                2 => format!("Ward {padded}"),
                3 => format!("WARD_NO {padded}"),
                4 => format!("वार्ड {}", devanagari(n)),
                5 => format!("{n}.0"),
                _ => format!("ward no. {padded}"),
            };
            prop_assert_eq!(normalise_ward_number(&raw), Some(n.to_string()));
        }

        #[test]
        fn normalising_is_idempotent_and_never_panics(s in "\\PC{0,12}") {
            if let Some(once) = normalise_ward_number(&s) {
                prop_assert_eq!(normalise_ward_number(&once), Some(once.clone()));
                prop_assert!(!once.is_empty());
            }
        }

        #[test]
        fn counts_round_trip_with_grouping(n in 0u64..10_000_000_000) {
            prop_assert_eq!(parse_count(&n.to_string()), Some(n));
            prop_assert_eq!(parse_count(&crate::format::group_indian_u64(n)), Some(n));
            prop_assert_eq!(parse_count(&devanagari(n)), Some(n));
        }
    }
}
