//! `cargo run -p kshetra-pdf --example svg2pdf -- IN.svg... OUT.pdf`: SVG pages to one PDF
//! with the bundled fonts (for checking the renderer's pages by hand).
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let out = args.pop().ok_or("usage: svg2pdf IN.svg... OUT.pdf")?;
    let pages = args.iter().map(std::fs::read_to_string).collect::<Result<Vec<_>, _>>()?;
    let fonts = kshetra_pdf::Fonts::bundled()?;
    std::fs::write(out, kshetra_pdf::pages_to_pdf(&pages, &fonts, &Default::default())?)?;
    Ok(())
}
