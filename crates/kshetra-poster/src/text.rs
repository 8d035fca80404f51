//! Text width estimates for layout without a font engine.
//!
//! Advances were measured in Chromium with the bundled Noto Sans Devanagari (the app's
//! `public/fonts`, weights 400 and 700): Latin per character, Devanagari per code point after a
//! consonant (so vowel signs get their real advance and combining marks none). Conjuncts
//! (consonant + virama + consonant) count the half consonant at 60 %; real shaping is usually
//! narrower still, so the estimate errs on the wide side, which keeps placed labels apart.

/// Advances (1/1000 em) of U+0020..U+007E, weight 400.
const ASCII_400: [u16; 95] = [
    260, 383, 502, 653, 572, 828, 732, 326, 354, 354, 607, 551, 268, 340, 268, 429, 551, 551, 551,
    551, 551, 551, 551, 551, 551, 551, 294, 294, 551, 551, 551, 518, 899, 639, 650, 632, 730, 556,
    519, 728, 741, 339, 273, 619, 524, 907, 760, 781, 605, 781, 622, 549, 556, 731, 600, 930, 586,
    566, 572, 356, 429, 356, 551, 411, 281, 561, 615, 480, 615, 564, 344, 615, 618, 258, 258, 534,
    258, 935, 618, 605, 615, 615, 413, 479, 361, 618, 508, 786, 529, 510, 470, 391, 540, 376, 551,
];
/// Advances (1/1000 em) of U+0900..U+097F after a consonant, weight 400.
const DEVANAGARI_400: [u16; 128] = [
    0, 0, 0, 202, 764, 764, 1022, 491, 491, 548, 785, 853, 699, 553, 553, 553, 553, 1023, 1023,
    1023, 1023, 768, 818, 563, 591, 637, 635, 701, 742, 756, 742, 504, 581, 535, 563, 723, 570,
    639, 531, 615, 555, 555, 568, 771, 571, 703, 598, 580, 409, 409, 678, 760, 760, 556, 680, 578,
    676, 531, 0, 259, 0, 467, 259, 259, 259, 0, 0, 0, 0, 0, 0, 0, 0, 259, 259, 259, 259, 0, 273,
    259, 912, 0, 0, 0, 0, 0, 0, 0, 768, 818, 563, 742, 535, 563, 771, 580, 853, 699, 0, 0, 379,
    599, 520, 520, 520, 520, 520, 520, 520, 520, 520, 520, 426, 317, 764, 764, 1023, 1023, 764,
    764, 555, 743, 581, 564, 743, 469, 541, 571,
];
/// Advances (1/1000 em) of U+0020..U+007E, weight 700.
const ASCII_700: [u16; 95] = [
    260, 411, 551, 667, 575, 909, 773, 339, 389, 389, 610, 572, 293, 369, 287, 477, 567, 567, 567,
    567, 567, 567, 567, 567, 567, 567, 327, 327, 572, 572, 572, 548, 898, 692, 665, 642, 732, 552,
    531, 735, 756, 401, 321, 660, 559, 944, 805, 791, 621, 791, 656, 566, 577, 747, 657, 996, 670,
    626, 596, 387, 477, 387, 572, 411, 365, 599, 632, 516, 632, 597, 386, 632, 650, 299, 298, 610,
    298, 975, 650, 625, 632, 632, 447, 502, 421, 650, 571, 862, 591, 571, 493, 432, 540, 427, 572,
];
/// Advances (1/1000 em) of U+0900..U+097F after a consonant, weight 700.
const DEVANAGARI_700: [u16; 128] = [
    0, 0, 0, 217, 852, 852, 1146, 521, 521, 585, 828, 929, 759, 607, 607, 607, 607, 1146, 1146,
    1146, 1146, 830, 876, 617, 648, 682, 693, 758, 786, 812, 835, 538, 612, 570, 603, 804, 620,
    711, 562, 689, 615, 615, 615, 831, 619, 781, 652, 635, 441, 441, 738, 810, 810, 604, 759, 629,
    738, 566, 0, 294, 0, 529, 294, 294, 294, 0, 0, 0, 0, 0, 0, 0, 0, 294, 294, 294, 294, 0, 311,
    294, 1025, 0, 0, 0, 0, 0, 0, 0, 830, 876, 617, 786, 570, 603, 831, 635, 929, 759, 0, 0, 403,
    644, 560, 560, 560, 560, 560, 560, 560, 560, 560, 560, 447, 333, 852, 852, 1146, 1146, 852,
    852, 604, 786, 635, 618, 786, 503, 571, 619,
];

/// Width of `s` in em (multiply by the font size for mm).
pub fn width_em(s: &str, bold: bool) -> f64 {
    let (ascii, dev) =
        if bold { (&ASCII_700, &DEVANAGARI_700) } else { (&ASCII_400, &DEVANAGARI_400) };
    let chars: Vec<char> = s.chars().collect();
    let mut total = 0u32;
    for (i, &c) in chars.iter().enumerate() {
        let o = c as u32;
        let adv = match o {
            0x20..=0x7E => u32::from(ascii[(o - 0x20) as usize]),
            0x900..=0x97F => {
                let a = u32::from(dev[(o - 0x900) as usize]);
                // A consonant before a virama becomes a half form.
                if chars.get(i + 1) == Some(&'\u{094D}') {
                    a * 6 / 10
                } else {
                    a
                }
            }
            // Zero-width joiners and combining marks.
            0x200B..=0x200D | 0x0300..=0x036F => 0,
            0x2014 => 1000,
            0x2013 | 0x2022 => 500,
            0x2026 => 850,
            _ => 620,
        };
        total += adv;
    }
    f64::from(total) / 1000.0
}

/// Width of `s` in mm at `size` mm.
pub fn width(s: &str, size: f64, bold: bool) -> f64 {
    width_em(s, bold) * size
}

/// Breaks `s` into lines no wider than `max_width` mm at `size`, at spaces or after commas.
/// A single word wider than the line stays whole on its own line (never split mid-akshara).
pub fn wrap(s: &str, size: f64, bold: bool, max_width: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        for word in para.split(' ').filter(|w| !w.is_empty()) {
            let candidate =
                if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if line.is_empty() || width(&candidate, size, bold) <= max_width {
                line = candidate;
            } else {
                lines.push(std::mem::take(&mut line));
                line = word.to_string();
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn estimates_match_measured_widths_or_err_wide() {
        // Chromium measurements at 1000 px (weight 400).
        for (s, measured) in [
            ("सामाजिक गतिशीलता एवं संस्था विकास", 14009.0),
            ("शहरी बेघरों के लिए आश्रय", 9317.0),
            ("लखनऊ", 2836.0),
            ("प्रक्षेत्र", 1838.0),
            ("क्षेत्र से बनाया गया", 6351.0),
        ] {
            let est = width_em(s, false) * 1000.0;
            assert!(est >= measured - 1.0 && est < measured * 1.6, "{s}: {est} vs {measured}");
        }
        assert_eq!(width_em("10", false), 1.102);
    }

    #[test]
    fn wrapping_keeps_words_and_respects_width() {
        let lines = wrap("1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11", 2.0, false, 10.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(width(l, 2.0, false) <= 10.0, "{l}");
        }
        assert_eq!(lines.join(" "), "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11");
        assert_eq!(wrap("", 2.0, false, 10.0), vec![String::new()]);
    }
}
