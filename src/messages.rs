//! The one place where errors and warnings become bilingual user text.

use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::import::{ImportError, ImportWarning};

use crate::data::LoadError;

/// User text for an import error.
pub fn import_error(e: &ImportError, lang: Lang) -> String {
    match e {
        ImportError::Empty { file } => Msg::ErrEmptyFile.fill(lang, &[("file", file)]),
        ImportError::NotUtf8 { file } => Msg::ErrNotUtf8.fill(lang, &[("file", file)]),
        ImportError::InvalidJson { file, line, column, detail } => Msg::ErrInvalidJson.fill(
            lang,
            &[("file", file), ("line", &line.to_string()), ("column", &column.to_string()), ("detail", detail)],
        ),
        ImportError::NotFeatureCollection { file, found } => {
            Msg::ErrNotFeatureCollection.fill(lang, &[("file", file), ("found", found)])
        }
        ImportError::NotLonLat { file, feature } => {
            Msg::ErrNotLonLat.fill(lang, &[("file", file), ("feature", &feature.to_string())])
        }
        ImportError::NoWards { file, skipped } => {
            Msg::ErrNoWards.fill(lang, &[("file", file), ("skipped", &skipped.to_string())])
        }
    }
}

/// User text for an import warning.
pub fn import_warning(w: &ImportWarning, lang: Lang) -> String {
    match w {
        ImportWarning::NoGeometry { feature } => Msg::WarnNoGeometry.fill(lang, &[("feature", &feature.to_string())]),
        ImportWarning::NotPolygon { feature, kind } => {
            Msg::WarnNotPolygon.fill(lang, &[("feature", &feature.to_string()), ("kind", kind)])
        }
        ImportWarning::EmptyGeometry { feature } => {
            Msg::WarnEmptyGeometry.fill(lang, &[("feature", &feature.to_string())])
        }
        ImportWarning::NoWardNumber { feature } => {
            Msg::WarnNoWardNumber.fill(lang, &[("feature", &feature.to_string())])
        }
        ImportWarning::DuplicateWard { ward, feature, first } => Msg::WarnDuplicateWard.fill(
            lang,
            &[("ward", ward), ("feature", &feature.to_string()), ("first", &first.to_string())],
        ),
        ImportWarning::BadPopulation { ward, value } => {
            Msg::WarnBadPopulation.fill(lang, &[("ward", ward), ("value", value)])
        }
    }
}

/// User text for a failed city load.
pub fn load_error(e: &LoadError, city: &str, lang: Lang) -> String {
    let detail = match e {
        LoadError::Network(_) => Msg::NetworkError.text(lang).to_string(),
        LoadError::Http(status) => Msg::HttpStatus.fill(lang, &[("status", &status.to_string())]),
        LoadError::Import(e) => return import_error(e, lang),
    };
    Msg::CityLoadFailed.fill(lang, &[("city", city), ("detail", &detail)])
}
