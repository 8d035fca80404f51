//! Golden SVGs: rendered output compared byte for byte with `tests/golden/*.svg`.
//! Regenerate with `UPDATE_GOLDEN=1 cargo test -p kshetra-poster`.

use std::path::PathBuf;

use kshetra_poster::{
    render_cmm_sheet, render_organiser_sheet_prepared, render_poster_prepared,
    render_tiles_prepared, CmmInput,
};
use kshetra_poster::{Orientation, Paper, PosterOptions, Prepared, PrintLang, TileOptions};

use crate::fixture;

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

/// Compares `actual` with the golden file `name`, or rewrites it under `UPDATE_GOLDEN=1`.
/// On a mismatch, prints the first differing line with context (not `assert_eq!`'s
/// unreadable dump of two whole SVGs).
pub fn check_golden(name: &str, actual: &str) -> Result<(), String> {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).map_err(|e| e.to_string())?;
        std::fs::write(&path, actual).map_err(|e| e.to_string())?;
        return Ok(());
    }
    let expected = std::fs::read_to_string(&path)
        .map_err(|e| format!("{}: {e} (run with UPDATE_GOLDEN=1 to create it)", path.display()))?;
    if expected == actual {
        return Ok(());
    }
    Err(first_difference(name, &expected, actual))
}

/// A readable description of where two texts first differ (line, column, context).
pub fn first_difference(name: &str, expected: &str, actual: &str) -> String {
    // SVG lines can be long: split at tags so the context is a few elements.
    let split = |s: &str| s.split_inclusive('>').map(str::to_string).collect::<Vec<_>>();
    let (e, a) = (split(expected), split(actual));
    let i = e.iter().zip(&a).position(|(x, y)| x != y).unwrap_or(e.len().min(a.len()));
    let ctx = |v: &[String]| v[i.saturating_sub(3)..(i + 3).min(v.len())].join("\n    ");
    format!(
        "{name}: output differs from the golden file at element {i} (of {} expected, {} actual).\n  expected:\n    {}\n  actual:\n    {}\nIf the change is intended, regenerate with UPDATE_GOLDEN=1 cargo test -p kshetra-poster",
        e.len(),
        a.len(),
        ctx(&e),
        ctx(&a)
    )
}

#[test]
fn golden_posters_sheets_and_tiles() {
    let map = fixture::city("lucknow");
    let input = fixture::input(&map, "lucknow", 14);
    let prep = Prepared::new(&input);
    let mut failures = Vec::new();
    let mut check = |name: &str, svg: &str| {
        if let Err(e) = check_golden(name, svg) {
            failures.push(e);
        }
    };
    let a4 = PosterOptions::new(Paper::A4).orientation(Orientation::Portrait);
    check("lucknow-a4-portrait-both.svg", &render_poster_prepared(&prep, &a4));
    check(
        "lucknow-a4-portrait-hindi.svg",
        &render_poster_prepared(&prep, &a4.clone().lang(PrintLang::Hindi)),
    );
    check(
        "lucknow-a3-auto-english.svg",
        &render_poster_prepared(&prep, &PosterOptions::new(Paper::A3).lang(PrintLang::English)),
    );
    check(
        "lucknow-a4-landscape-bw.svg",
        &render_poster_prepared(
            &prep,
            &PosterOptions::new(Paper::A4)
                .orientation(Orientation::Landscape)
                .black_and_white(true),
        ),
    );
    let a1 = PosterOptions::new(Paper::A1).orientation(Orientation::Landscape);
    let tiles = render_tiles_prepared(&prep, &a1, &TileOptions::new(Paper::A4));
    check("lucknow-a1-landscape-tile-1.svg", &tiles[0]);
    check("lucknow-a1-landscape-tile-last.svg", tiles.last().unwrap());
    check(
        "lucknow-organiser-sheet-3.svg",
        &render_organiser_sheet_prepared(&prep, 2, &a4).unwrap(),
    );
    let cmm = CmmInput {
        count: 3, names: vec!["Anita Sharma".into(), "राकेश तिवारी".into()]
    };
    check("cmm-sheet-3.svg", &render_cmm_sheet(&cmm, &input.title, &a4));
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn a_golden_mismatch_names_the_first_differing_element() {
    let msg = first_difference(
        "x.svg",
        "<svg><g><text>12</text></g></svg>",
        "<svg><g><text>13</text></g></svg>",
    );
    assert!(msg.contains("at element 3"), "{msg}");
    assert!(
        msg.contains("12</text>") && msg.contains("13</text>") && msg.contains("UPDATE_GOLDEN=1"),
        "{msg}"
    );
}
