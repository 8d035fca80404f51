//! The state batch and the poster command end to end, with the shared city maps
//! (`public/data`) and the fixtures in `tests/fixtures/batch` (a Lucknow ward table and
//! organisers list, a cut-off map, a manifest naming a missing organisers list). The PDFs are
//! checked with poppler's `pdfinfo`, `pdftotext` and `pdftoppm`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_kshetra-cli"))
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/batch/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kshetra-batch-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(out.status.success(), "{name} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdf_text(pdf: &Path) -> String {
    tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
}

fn pdf_info(pdf: &Path) -> String {
    tool("pdfinfo", &["-f", "1", "-l", "999", pdf.to_str().unwrap()])
}

const FILES: [&str; 10] = [
    "project.kshetra.json",
    "plan.csv",
    "areas.geojson",
    "areas.kml",
    "poster.pdf",
    "poster.svg",
    "tiles.pdf",
    "sheets.pdf",
    "cmm.pdf",
    "metrics.json",
];

const LUCKNOW_ORGANISERS: [&str; 14] = [
    "सुनीता देवी",
    "Mohd. Arif Khan",
    "रेखा वर्मा",
    "Priya Srivastava",
    "अनिल कुमार यादव",
    "Shabana Parveen",
    "कमलेश मौर्य",
    "Neha Tripathi",
    "राजेश पाल",
    "Farzana Bano",
    "संगीता रावत",
    "Vinod Kumar",
    "मीना गुप्ता",
    "Ramesh Chandra",
];

fn run_batch(out: &Path, extra: &[&str]) -> std::process::Output {
    cli().args(["batch", &fixture("manifest.csv"), "--out"]).arg(out).args(extra).output().unwrap()
}

/// Whether a page rendered by pdftoppm (grey, PGM) has any dark pixel.
fn not_blank(pdf: &Path, page: u32, dir: &Path) -> bool {
    let stem = dir.join(format!("render-{page}"));
    let p = page.to_string();
    tool(
        "pdftoppm",
        &[
            "-gray",
            "-r",
            "12",
            "-f",
            &p,
            "-l",
            &p,
            "-singlefile",
            pdf.to_str().unwrap(),
            stem.to_str().unwrap(),
        ],
    );
    let bytes = std::fs::read(stem.with_extension("pgm")).unwrap();
    // P5 header: magic, width, height, maxval, each followed by whitespace.
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 && i < bytes.len() {
        while bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        while !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    bytes[i + 1..].iter().filter(|&&b| b < 128).count() > 50
}

#[test]
fn batch_writes_every_city_reports_failures_and_is_byte_identical() {
    let out = scratch("a");
    let run = run_batch(&out, &[]);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "keep-going is the default: {stderr}");
    for city in ["Lucknow", "Bhopal", "Bhubaneswar"] {
        for f in FILES {
            let f = out.join(city).join(f);
            if city == "Bhopal" && f.ends_with("tiles.pdf") {
                assert!(!f.exists(), "the manifest says tiles=none for Bhopal");
                continue;
            }
            assert!(f.metadata().map(|m| m.len() > 0).unwrap_or(false), "{}", f.display());
        }
    }
    assert!(!out.join("Broken town").exists() && !out.join("Lost list").exists());
    // The summary: bilingual headers, three done, two failed with their reasons.
    let csv = std::fs::read_to_string(out.join("summary.csv")).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert!(
        lines[0].contains("शहर / City") && lines[0].contains("कमी / Shortfall"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 6, "{csv}");
    assert_eq!(lines.iter().filter(|l| l.contains("पूरा / done")).count(), 3);
    let broken = lines.iter().find(|l| l.starts_with("Broken town,")).unwrap();
    assert!(
        broken.contains("नहीं हो सका / failed") && broken.contains("broken.geojson"),
        "{broken}"
    );
    assert!(broken.contains("cut off") && broken.contains("अधूरी"), "English and Hindi: {broken}");
    let lost = lines.iter().find(|l| l.starts_with("Lost list,")).unwrap();
    assert!(lost.contains("nobody-here.csv") && lost.contains("पढ़ी नहीं जा सकी"), "{lost}");
    // Lucknow: 110 wards, 14 organisers from the list.
    let lucknow = lines.iter().find(|l| l.starts_with("Lucknow,")).unwrap();
    assert!(lucknow.contains(",110,") && lucknow.contains(",14,"), "{lucknow}");
    let summary = pdf_text(&out.join("summary.pdf"));
    assert!(summary.contains("राज्य सारांश") && summary.contains("Lost list"), "{summary}");

    // Poster: one A1 page (landscape fits Lucknow), 594 × 841 mm = 1683.78 × 2383.94 pt.
    let lko = out.join("Lucknow");
    let info = pdf_info(&lko.join("poster.pdf"));
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(info.contains("2383.94 x 1683.78 pts (A1)"), "{info}");
    // Tiles and sheets: every page A4 (210 × 297 mm); one sheet per organiser.
    let tiles = pdf_info(&lko.join("tiles.pdf"));
    let a4 = tiles
        .lines()
        .filter(|l| l.starts_with("Page ") && l.contains(" size:"))
        .collect::<Vec<_>>();
    let is_a4 = |l: &&str| {
        l.contains("595.276 x 841.89 pts (A4)") || l.contains("841.89 x 595.276 pts (A4)")
    };
    assert!(a4.len() > 1 && a4.iter().all(is_a4), "{tiles}");
    let sheets = pdf_info(&lko.join("sheets.pdf"));
    assert!(sheets.contains("Pages:           14"), "{sheets}");
    // Text is text: the Hindi title and every organiser name can be found.
    let text = pdf_text(&lko.join("poster.pdf"));
    assert!(text.contains("सामुदायिक संगठकों को कार्य-क्षेत्रों का आवंटन"), "{text}");
    assert!(text.contains("Allocation of working areas to Community Organisers"));
    let sheet_text = pdf_text(&lko.join("sheets.pdf"));
    for name in LUCKNOW_ORGANISERS {
        assert!(text.contains(name), "poster lacks {name}");
        assert!(sheet_text.contains(name), "sheets lack {name}");
    }
    // Pages render and are not blank.
    assert!(not_blank(&lko.join("poster.pdf"), 1, &out));
    assert!(not_blank(&lko.join("sheets.pdf"), 3, &out));
    assert!(not_blank(&lko.join("tiles.pdf"), 1, &out));

    // Same inputs, same bytes.
    let again = scratch("b");
    let run = run_batch(&again, &["--jobs", "1"]);
    assert!(run.status.success());
    for city in ["Lucknow", "Bhopal", "Bhubaneswar"] {
        for f in FILES {
            let (a, b) = (out.join(city).join(f), again.join(city).join(f));
            assert_eq!(std::fs::read(&a).ok(), std::fs::read(&b).ok(), "{}", a.display());
        }
    }
    for f in ["summary.csv", "summary.pdf"] {
        assert_eq!(
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(again.join(f)).unwrap(),
            "{f}"
        );
    }

    // The poster command prints the batch's project file as the batch did.
    let printed = scratch("c");
    let run = cli()
        .arg("poster")
        .arg(lko.join("project.kshetra.json"))
        .args(["--paper", "A1", "--lang", "both", "--tiles", "a4", "--out"])
        .arg(&printed)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    for f in ["poster.svg", "poster.pdf", "tiles.pdf", "sheets.pdf", "cmm.pdf"] {
        assert_eq!(
            std::fs::read(lko.join(f)).unwrap(),
            std::fs::read(printed.join(f)).unwrap(),
            "{f}"
        );
    }
    for d in [out, again, printed] {
        let _ = std::fs::remove_dir_all(d);
    }
}

#[test]
fn strict_exits_non_zero_when_a_city_failed() {
    let dir = scratch("strict");
    std::fs::create_dir_all(&dir).unwrap();
    let manifest = dir.join("manifest.csv");
    std::fs::copy(fixture("broken.geojson"), dir.join("broken.geojson")).unwrap();
    std::fs::write(&manifest, "city,map,organisers\nBroken town,broken.geojson,4\n").unwrap();
    let out = dir.join("out");
    let keep = cli().args(["batch"]).arg(&manifest).arg("--out").arg(&out).output().unwrap();
    assert!(keep.status.success(), "{}", String::from_utf8_lossy(&keep.stderr));
    let strict = cli()
        .args(["batch"])
        .arg(&manifest)
        .arg("--out")
        .arg(&out)
        .arg("--strict")
        .output()
        .unwrap();
    assert!(!strict.status.success());
    let err = String::from_utf8_lossy(&strict.stderr);
    assert!(err.contains("Broken town") && err.contains("नहीं हो सका"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_manifest_without_the_required_columns_is_refused_naming_them() {
    let dir = scratch("cols");
    std::fs::create_dir_all(&dir).unwrap();
    let manifest = dir.join("m.csv");
    std::fs::write(&manifest, "town,map\nX,x.geojson\n").unwrap();
    let run =
        cli().args(["batch"]).arg(&manifest).arg("--out").arg(dir.join("o")).output().unwrap();
    assert!(!run.status.success());
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(err.contains("\"city\"") && err.contains("city,map,organisers"), "{err}");
    let _ = std::fs::remove_dir_all(dir);
}
