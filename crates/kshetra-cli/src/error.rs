//! The command line's typed errors. Each says itself in English then Hindi, with the core
//! catalogue's text (state teams read either).

use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::messages::UserText;

/// Why a command (or one city of a batch) stopped.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// Already bilingual text from the catalogue (the older commands' refusals).
    #[error("{0}")]
    Said(String),
    /// A file could not be read.
    #[error("{}", both_fill(Msg::CliReadFailed, &[("file", file), ("detail", detail)]))]
    Read {
        /// The file.
        file: String,
        /// The system's words.
        detail: String,
    },
    /// A file could not be written.
    #[error("{}", both_fill(Msg::CliWriteFailed, &[("file", file), ("detail", detail)]))]
    Write {
        /// The file.
        file: String,
        /// The system's words.
        detail: String,
    },
    /// A PDF could not be made.
    #[error("{}", both_fill(Msg::CliPdfFailed, &[("file", file), ("detail", &source.to_string())]))]
    Pdf {
        /// The PDF's file name.
        file: String,
        /// The converter's error.
        source: kshetra_pdf::PdfError,
    },
}

impl CliError {
    /// A core error or warning, said in both languages.
    pub fn of(e: &impl UserText) -> CliError {
        CliError::Said(both(e))
    }
}

impl From<String> for CliError {
    fn from(s: String) -> Self {
        CliError::Said(s)
    }
}

/// The catalogue's text of an error or warning, English then Hindi.
pub fn both(e: &impl UserText) -> String {
    format!("{} / {}", e.message(Lang::En), e.message(Lang::Hi))
}

/// A filled catalogue entry, English then Hindi.
pub fn both_fill(msg: Msg, args: &[(&str, &str)]) -> String {
    format!("{} / {}", msg.fill(Lang::En, args), msg.fill(Lang::Hi, args))
}

/// Reads a file, or says which and why not.
pub fn read(path: &std::path::Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path)
        .map_err(|e| CliError::Read { file: path.display().to_string(), detail: e.to_string() })
}

/// Writes a file, or says which and why not.
pub fn write(path: &std::path::Path, bytes: impl AsRef<[u8]>) -> Result<(), CliError> {
    std::fs::write(path, bytes)
        .map_err(|e| CliError::Write { file: path.display().to_string(), detail: e.to_string() })
}
