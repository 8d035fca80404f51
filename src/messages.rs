//! The one place where errors and warnings become bilingual user text.

use kshetra_core::format::{decimal_indian, group_indian_u64};
use kshetra_core::i18n::{Lang, Msg};
use kshetra_core::import::{Field, ImportError, ImportWarning, WardProblem};
use kshetra_core::table::TableError;

use crate::data::LoadError;

/// User text for an import error.
pub fn import_error(e: &ImportError, lang: Lang) -> String {
    match e {
        ImportError::Empty { file } => Msg::ErrEmptyFile.fill(lang, &[("file", file)]),
        ImportError::NotUtf8 { file } => Msg::ErrNotUtf8.fill(lang, &[("file", file)]),
        ImportError::InvalidJson { file, line, column, detail } => Msg::ErrInvalidJson.fill(
            lang,
            &[
                ("file", file),
                ("line", &line.to_string()),
                ("column", &column.to_string()),
                ("detail", detail),
            ],
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
        ImportError::UnknownFormat { file, found } => {
            Msg::ErrUnknownFormat.fill(lang, &[("file", file), ("found", found)])
        }
        ImportError::TableNotMap { file } => Msg::ErrTableNotMap.fill(lang, &[("file", file)]),
        ImportError::ShapefileNotZipped { file } => {
            Msg::ErrShapefileNotZipped.fill(lang, &[("file", file)])
        }
        ImportError::InvalidXml { file, line, detail } => Msg::ErrInvalidXml
            .fill(lang, &[("file", file), ("line", &line.to_string()), ("detail", detail)]),
        ImportError::InvalidZip { file, detail } => {
            Msg::ErrInvalidZip.fill(lang, &[("file", file), ("detail", detail)])
        }
        ImportError::ZipWithoutMap { file } => Msg::ErrZipWithoutMap.fill(lang, &[("file", file)]),
        ImportError::ShapefilePartMissing { file, shp, missing } => Msg::ErrShapefilePartMissing
            .fill(lang, &[("file", file), ("shp", shp), ("missing", missing)]),
        ImportError::InvalidShapefile { file, part, detail } => Msg::ErrInvalidShapefile
            .fill(lang, &[("file", file), ("part", part), ("detail", detail)]),
        ImportError::UnsupportedCrs { file, crs } => {
            Msg::ErrUnsupportedCrs.fill(lang, &[("file", file), ("crs", crs)])
        }
        ImportError::NoWardNumberColumn { file } => {
            Msg::ErrNoWardNumberColumn.fill(lang, &[("file", file)])
        }
        ImportError::UnknownColumn { file, column } => {
            Msg::ErrUnknownColumn.fill(lang, &[("file", file), ("column", column)])
        }
    }
}

/// User text for an import warning.
pub fn import_warning(w: &ImportWarning, lang: Lang) -> String {
    match w {
        ImportWarning::NoGeometry { feature } => {
            Msg::WarnNoGeometry.fill(lang, &[("feature", &feature.to_string())])
        }
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
        ImportWarning::DuplicateWardMerged { ward, feature, first } => Msg::WarnDuplicateWardMerged
            .fill(
                lang,
                &[("ward", ward), ("feature", &feature.to_string()), ("first", &first.to_string())],
            ),
        ImportWarning::NotAWard { feature, name } => {
            Msg::WarnNotAWard.fill(lang, &[("feature", &feature.to_string()), ("name", name)])
        }
        ImportWarning::GeometryRepaired { ward, feature } => Msg::WarnGeometryRepaired
            .fill(lang, &[("ward", ward), ("feature", &feature.to_string())]),
        ImportWarning::GeometryInvalid { ward, feature } => Msg::WarnGeometryInvalid
            .fill(lang, &[("ward", ward), ("feature", &feature.to_string())]),
        ImportWarning::BadCount { ward, field, value } => Msg::WarnBadCount
            .fill(lang, &[("ward", ward), ("field", field_name(*field, lang)), ("value", value)]),
        ImportWarning::Reprojected { from } => Msg::WarnReprojected.fill(lang, &[("from", from)]),
        ImportWarning::TextEncodingAssumed { part, encoding } => {
            Msg::WarnTextEncodingAssumed.fill(lang, &[("part", part), ("encoding", encoding)])
        }
        ImportWarning::ShxMissing { shp } => Msg::WarnShxMissing.fill(lang, &[("shp", shp)]),
        ImportWarning::PrjMissing { shp } => Msg::WarnPrjMissing.fill(lang, &[("shp", shp)]),
        ImportWarning::RecordCountMismatch { shapes, rows } => Msg::WarnRecordCountMismatch
            .fill(lang, &[("shapes", &shapes.to_string()), ("rows", &rows.to_string())]),
        ImportWarning::OtherLayersIgnored { used, ignored } => Msg::WarnOtherLayersIgnored
            .fill(lang, &[("used", used), ("ignored", &ignored.join(", "))]),
    }
}

/// The name of a ward attribute (for mapping forms and messages).
pub fn field_name(field: Field, lang: Lang) -> &'static str {
    match field {
        Field::WardNumber => Msg::WardNumber.text(lang),
        Field::Name => Msg::WardName.text(lang),
        Field::Population => Msg::Population.text(lang),
        Field::Households => Msg::Households.text(lang),
        Field::PoorHouseholds => Msg::PoorHouseholds.text(lang),
        Field::Zone => Msg::Zone.text(lang),
    }
}

/// User text for a data problem of an imported map.
pub fn ward_problem(p: &WardProblem, lang: Lang) -> String {
    match p {
        WardProblem::MissingPopulation { wards } => Msg::ProblemMissingPopulation.fill(
            lang,
            &[("n", &group_indian_u64(wards.len() as u64)), ("wards", &wards.join(", "))],
        ),
        WardProblem::ZeroPopulation { ward } => {
            Msg::ProblemZeroPopulation.fill(lang, &[("ward", ward)])
        }
        WardProblem::NumberGaps { missing } => {
            let list: Vec<String> = missing.iter().map(u64::to_string).collect();
            Msg::ProblemNumberGaps.fill(lang, &[("missing", &list.join(", "))])
        }
        WardProblem::ImplausibleArea { ward, area_m2 } => Msg::ProblemImplausibleArea
            .fill(lang, &[("ward", ward), ("area", &decimal_indian(*area_m2 as f64 / 1e6, 3))]),
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

/// User text for a ward-table error.
pub fn table_error(e: &TableError, lang: Lang) -> String {
    match e {
        TableError::Empty { file } => Msg::TableErrEmpty.fill(lang, &[("file", file)]),
        TableError::NotATable { file } => Msg::TableErrNotATable.fill(lang, &[("file", file)]),
        TableError::InvalidCsv { file, row, detail } => Msg::TableErrInvalidCsv
            .fill(lang, &[("file", file), ("row", &row.to_string()), ("detail", detail)]),
        TableError::InvalidSpreadsheet { file, detail } => {
            Msg::TableErrInvalidSpreadsheet.fill(lang, &[("file", file), ("detail", detail)])
        }
        TableError::NoRows { file } => Msg::TableErrNoRows.fill(lang, &[("file", file)]),
        TableError::NoKeyColumn { file, column } => {
            Msg::TableErrNoKeyColumn.fill(lang, &[("file", file), ("column", column)])
        }
    }
}

/// User text for a refused project edit (the core's typed error, with its bilingual text).
pub fn project_error(e: &kshetra_core::project::ProjectError, lang: Lang) -> String {
    e.message(lang)
}

/// User text for a project file that cannot be opened.
pub fn project_file_error(e: &kshetra_core::project::ProjectFileError, lang: Lang) -> String {
    e.message(lang)
}

/// User text for an allocation the engine refused, with ward numbers from `map`.
pub fn alloc_error(
    e: &kshetra_alloc::AllocError,
    map: &kshetra_core::WardMap,
    lang: Lang,
) -> String {
    use kshetra_alloc::AllocError;
    let _ = map;
    match e {
        AllocError::MoreOrganisersThanWards { organisers, wards } => Msg::AllocTooManyOrganisers
            .fill(
                lang,
                &[
                    ("organisers", &group_indian_u64(*organisers as u64)),
                    ("wards", &group_indian_u64(*wards as u64)),
                ],
            ),
        AllocError::TooManyPieces { pieces, organisers, .. } => Msg::AllocTooManyPieces.fill(
            lang,
            &[
                ("pieces", &group_indian_u64(*pieces as u64)),
                ("organisers", &group_indian_u64(*organisers as u64)),
            ],
        ),
        AllocError::ZeroTotalWeight => Msg::AllocZeroWeight.text(lang).to_string(),
        AllocError::NoOrganisers => Msg::AllocNeedsOrganisers.text(lang).to_string(),
        other => Msg::AllocFailed.fill(lang, &[("detail", &other.to_string())]),
    }
}
