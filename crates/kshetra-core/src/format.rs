//! Number formatting for people: Indian digit grouping (12,34,567).

/// Formats an integer with Indian digit grouping: the last three digits, then groups of two.
///
/// ```
/// use kshetra_core::format::group_indian;
/// assert_eq!(group_indian(1234567), "12,34,567");
/// assert_eq!(group_indian(-1000), "-1,000");
/// ```
pub fn group_indian(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 2 + 1);
    if n < 0 {
        out.push('-');
    }
    let len = digits.len();
    if len <= 3 {
        out.push_str(&digits);
        return out;
    }
    let head = &digits[..len - 3];
    // The head is grouped in twos from the right.
    let first = head.len() % 2;
    if first == 1 {
        out.push_str(&head[..1]);
    }
    for (i, pair) in head.as_bytes()[first..].chunks(2).enumerate() {
        if i > 0 || first == 1 {
            out.push(',');
        }
        out.push_str(std::str::from_utf8(pair).expect("ASCII digits"));
    }
    out.push(',');
    out.push_str(&digits[len - 3..]);
    out
}

/// Formats an unsigned count with Indian digit grouping.
pub fn group_indian_u64(n: u64) -> String {
    match i64::try_from(n) {
        Ok(v) => group_indian(v),
        // Beyond i64 nobody counts households; group the digits all the same.
        Err(_) => {
            let s = n.to_string();
            let (head, tail) = s.split_at(s.len() - 3);
            let mut groups: Vec<&str> = Vec::new();
            let mut rest = head;
            while rest.len() > 2 {
                let (a, b) = rest.split_at(rest.len() - 2);
                groups.push(b);
                rest = a;
            }
            groups.push(rest);
            groups.reverse();
            format!("{},{}", groups.join(","), tail)
        }
    }
}

/// Formats a non-negative quantity with `decimals` decimals and Indian grouping of the
/// integer part, e.g. `257.7` km² or `12,345.6`.
pub fn decimal_indian(x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let int: i64 = int.parse().unwrap_or(0);
    let sign = if x < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b)) { "-" } else { "" };
    match frac {
        Some(f) => format!("{sign}{}.{f}", group_indian(int)),
        None => format!("{sign}{}", group_indian(int)),
    }
}

/// Escapes text for HTML or XML (SVG) output: `& < > " '`. Everything imported (ward names,
/// zones, organiser names) passes through this before it reaches markup.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A CSV cell safe from spreadsheet formula injection: text that Excel or LibreOffice would
/// run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a
/// leading apostrophe, so it opens as text. [`csv_unguard`] undoes it when Kshetra reads
/// the file back.
///
/// ```
/// use kshetra_core::format::{csv_safe, csv_unguard};
/// assert_eq!(csv_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(csv_safe("+91 98765 43210"), "'+91 98765 43210");
/// assert_eq!(csv_safe("Aliganj"), "Aliganj");
/// assert_eq!(csv_unguard(&csv_safe("@SUM(A1)")), "@SUM(A1)");
/// assert_eq!(csv_unguard("'plain"), "'plain"); // only the guard is taken off
/// ```
pub fn csv_safe(text: &str) -> String {
    if needs_guard(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A cell read from a CSV without the apostrophe [`csv_safe`] put before formula-like text.
pub fn csv_unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if needs_guard(rest) => rest,
        _ => text,
    }
}

fn needs_guard(text: &str) -> bool {
    matches!(text.chars().next(), Some('=' | '+' | '-' | '@' | '\t' | '\r'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // The big values are written in lakh/crore groups so they read like the text expected.
    #[allow(clippy::inconsistent_digit_grouping)]
    #[test]
    fn known_values() {
        for (n, s) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1,000"),
            (12345, "12,345"),
            (123456, "1,23,456"),
            (1234567, "12,34,567"),
            (19_02_624, "19,02,624"),
            (1_00_00_000, "1,00,00,000"),
            (-123456, "-1,23,456"),
        ] {
            assert_eq!(group_indian(n), s);
        }
        assert_eq!(group_indian_u64(u64::MAX), "1,84,46,74,40,73,70,95,51,615");
        assert_eq!(decimal_indian(257.7, 1), "257.7");
        assert_eq!(decimal_indian(123456.789, 2), "1,23,456.79");
        assert_eq!(decimal_indian(-0.0001, 1), "0.0");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_html(r#"<img src=x onerror="a">&'"#),
            "&lt;img src=x onerror=&quot;a&quot;&gt;&amp;&#39;"
        );
        assert_eq!(escape_html("महात्मा गांधी"), "महात्मा गांधी");
    }

    proptest! {
        #[test]
        fn grouping_round_trips_and_has_indian_shape(n in any::<i64>()) {
            let s = group_indian(n);
            let digits: String = s.chars().filter(|c| *c != ',').collect();
            prop_assert_eq!(digits.parse::<i64>().unwrap(), n);
            let body = s.trim_start_matches('-');
            let groups: Vec<&str> = body.split(',').collect();
            let last = groups.last().unwrap();
            if groups.len() > 1 {
                prop_assert_eq!(last.len(), 3);
                for g in &groups[1..groups.len() - 1] { prop_assert_eq!(g.len(), 2); }
                prop_assert!(groups[0].len() == 1 || groups[0].len() == 2);
            } else {
                prop_assert!(last.len() <= 3);
            }
        }

        #[test]
        fn u64_agrees_with_i64(n in 0u64..=i64::MAX as u64) {
            prop_assert_eq!(group_indian_u64(n), group_indian(n as i64));
        }
    }
}
