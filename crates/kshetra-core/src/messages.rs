//! The one place where typed errors, warnings and problems become user text: each type's
//! [`UserText::message`] fills entries of the catalogue ([`crate::i18n::Msg`]) in the
//! officer's language. The app, the worker and the CLI show nothing else.
//!
//! ```
//! use kshetra_core::i18n::Lang;
//! use kshetra_core::import::ImportError;
//! use kshetra_core::messages::UserText;
//! let e = ImportError::Empty { file: "wards.kml".into() };
//! assert!(e.message(Lang::En).contains("wards.kml"));
//! assert_ne!(e.message(Lang::Hi), e.message(Lang::En));
//! ```

use kshetra_alloc::AllocError;

use crate::city_map::LoadError;
use crate::format::{decimal_indian, group_indian_u64};
use crate::i18n::{Lang, Msg};
use crate::import::{Field, ImportError, ImportWarning, WardProblem};
use crate::project::file::ProjectFileError;
use crate::project::organisers_import::{OrganisersImportError, RowError, RowProblem};
use crate::project::plan_csv::PlanCsvError;
use crate::project::stats::PlanProblem;
use crate::project::{Project, ProjectError};
use crate::table::{JoinReport, TableError, TableNote};

/// Something that can be told to a person: an error, a warning, a data problem.
pub trait UserText {
    /// Its text in `lang`, naming the file, row, ward or organiser concerned and, where the
    /// officer can act, what to do.
    fn message(&self, lang: Lang) -> String;
}

impl UserText for ImportError {
    fn message(&self, lang: Lang) -> String {
        let e = self;
        match e {
            ImportError::Empty { file } => Msg::ErrEmptyFile.fill(lang, &[("file", file)]),
            ImportError::NotUtf8 { file, line, column, bytes } => Msg::ErrNotUtf8.fill(
                lang,
                &[
                    ("file", file),
                    ("line", &line.to_string()),
                    ("column", &column.to_string()),
                    ("bytes", bytes),
                ],
            ),
            ImportError::InvalidJson { file, line, cut_off: true, .. }
            | ImportError::InvalidXml { file, line, cut_off: true, .. } => {
                Msg::ErrCutOff.fill(lang, &[("file", file), ("line", &line.to_string())])
            }
            // Structurally wrong (no position known): the reader's reason is all there is.
            ImportError::InvalidJson { file, line: 0, detail, .. } => {
                Msg::ErrInvalidMapJson.fill(lang, &[("file", file), ("detail", detail)])
            }
            ImportError::InvalidJson { file, line, column, .. } => Msg::ErrInvalidJson.fill(
                lang,
                &[("file", file), ("line", &line.to_string()), ("column", &column.to_string())],
            ),
            ImportError::NotFeatureCollection { file, found } => {
                Msg::ErrNotFeatureCollection.fill(lang, &[("file", file), ("found", found)])
            }
            ImportError::NotLonLat { file, feature } => {
                Msg::ErrNotLonLat.fill(lang, &[("file", file), ("feature", &feature.to_string())])
            }
            ImportError::NoWards { file, skipped: 0, .. } => {
                Msg::ErrNoFeatures.fill(lang, &[("file", file)])
            }
            ImportError::NoWards { file, skipped, first } => {
                let head = Msg::ErrNoWards
                    .fill(lang, &[("file", file), ("skipped", &group_indian_u64(*skipped as u64))]);
                if first.is_empty() {
                    return head;
                }
                let reasons: Vec<String> = first.iter().map(|w| w.message(lang)).collect();
                let more = skipped.saturating_sub(first.len());
                let tail = if more > 0 {
                    Msg::ErrNoWardsMore.fill(lang, &[("n", &group_indian_u64(more as u64))])
                } else {
                    String::new()
                };
                // Pins or lines only: say what kind of file is needed.
                let hint = if first.iter().all(|w| matches!(w, ImportWarning::NotPolygon { .. })) {
                    Msg::ErrNoWardsNotPolygons.text(lang)
                } else {
                    ""
                };
                format!("{head}\n• {}{tail}{hint}", reasons.join("\n• "))
            }
            ImportError::KmlNetworkLink { file } => {
                Msg::ErrKmlNetworkLink.fill(lang, &[("file", file)])
            }
            ImportError::ReaderStopped { file } => {
                Msg::ErrReaderStopped.fill(lang, &[("file", file)])
            }
            ImportError::UnknownFormat { file, found } => match found.as_str() {
                // A web page saved instead of the file: a failed download or a login page.
                "HTML" | "XML <html>" => Msg::ErrWebPage.fill(lang, &[("file", file)]),
                "gzip" | "RAR archive" | "7-Zip archive" => {
                    let kind = match found.as_str() {
                        "gzip" => "gzip (.gz)",
                        "RAR archive" => "RAR (.rar)",
                        _ => "7-Zip (.7z)",
                    };
                    Msg::ErrOtherArchive.fill(lang, &[("file", file), ("kind", kind)])
                }
                _ => Msg::ErrUnknownFormat.fill(lang, &[("file", file), ("found", found)]),
            },
            ImportError::TableNotMap { file } => Msg::ErrTableNotMap.fill(lang, &[("file", file)]),
            ImportError::ShapefileNotZipped { file } => {
                Msg::ErrShapefileNotZipped.fill(lang, &[("file", file)])
            }
            ImportError::InvalidXml { file, line, detail, .. } => Msg::ErrInvalidXml
                .fill(lang, &[("file", file), ("line", &line.to_string()), ("detail", detail)]),
            ImportError::XmlMismatchedTag { file, line, expected, found } => {
                Msg::ErrXmlMismatchedTag.fill(
                    lang,
                    &[
                        ("file", file),
                        ("line", &line.to_string()),
                        ("expected", expected),
                        ("found", found),
                    ],
                )
            }
            ImportError::InvalidZip { file, .. } => {
                Msg::ErrInvalidZip.fill(lang, &[("file", file)])
            }
            ImportError::ZipWithoutMap { file, found } => {
                let archive = |n: &&String| {
                    matches!(crate::import::extension_of(n).as_str(), "zip" | "kmz" | "rar" | "7z")
                };
                if let Some(inner) = found.iter().find(archive) {
                    Msg::ErrNestedArchive.fill(lang, &[("file", file), ("inner", inner)])
                } else if found.is_empty() {
                    Msg::ErrZipEmpty.fill(lang, &[("file", file)])
                } else {
                    Msg::ErrZipWithoutMap
                        .fill(lang, &[("file", file), ("found", &short_list(found))])
                }
            }
            ImportError::ShapefilePartMissing { file, shp, missing } => {
                Msg::ErrShapefilePartMissing
                    .fill(lang, &[("file", file), ("shp", shp), ("missing", missing)])
            }
            ImportError::InvalidShapefile { file, part, .. } => {
                Msg::ErrInvalidShapefile.fill(lang, &[("file", file), ("part", part)])
            }
            ImportError::UnsupportedCrs { file, crs } => {
                Msg::ErrUnsupportedCrs.fill(lang, &[("file", file), ("crs", crs)])
            }
            ImportError::NoWardNumberColumn { file, columns } => Msg::ErrNoWardNumberColumn
                .fill(lang, &[("file", file), ("columns", &column_list(columns, lang))]),
            ImportError::WardsWouldMerge { file, column, features, wards } => {
                Msg::ErrWardsWouldMerge.fill(
                    lang,
                    &[
                        ("file", file),
                        ("column", column),
                        ("features", &crate::format::group_indian_u64(*features as u64)),
                        ("wards", &crate::format::group_indian_u64(*wards as u64)),
                    ],
                )
            }
            ImportError::UnknownColumn { file, column } => {
                Msg::ErrUnknownColumn.fill(lang, &[("file", file), ("column", column)])
            }
            ImportError::TooManyValues { file, values, limit } => Msg::ErrTooManyValues.fill(
                lang,
                &[("file", file), ("values", &values.to_string()), ("limit", &limit.to_string())],
            ),
        }
    }
}

impl UserText for ImportWarning {
    fn message(&self, lang: Lang) -> String {
        let w = self;
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
            ImportWarning::DuplicateWardMerged { ward, feature, first } => {
                Msg::WarnDuplicateWardMerged.fill(
                    lang,
                    &[
                        ("ward", ward),
                        ("feature", &feature.to_string()),
                        ("first", &first.to_string()),
                    ],
                )
            }
            ImportWarning::NotAWard { feature, name } => {
                Msg::WarnNotAWard.fill(lang, &[("feature", &feature.to_string()), ("name", name)])
            }
            ImportWarning::GeometryRepaired { ward, feature } => Msg::WarnGeometryRepaired
                .fill(lang, &[("ward", ward), ("feature", &feature.to_string())]),
            ImportWarning::GeometryInvalid { ward, feature } => Msg::WarnGeometryInvalid
                .fill(lang, &[("ward", ward), ("feature", &feature.to_string())]),
            ImportWarning::BadCount { ward, field, value } => Msg::WarnBadCount.fill(
                lang,
                &[("ward", ward), ("field", field_name(*field, lang)), ("value", value)],
            ),
            ImportWarning::Reprojected { from } => {
                Msg::WarnReprojected.fill(lang, &[("from", from)])
            }
            ImportWarning::TextEncodingAssumed { part, encoding } => {
                Msg::WarnTextEncodingAssumed.fill(lang, &[("part", part), ("encoding", encoding)])
            }
            ImportWarning::ShxMissing { shp } => Msg::WarnShxMissing.fill(lang, &[("shp", shp)]),
            ImportWarning::PrjMissing { shp } => Msg::WarnPrjMissing.fill(lang, &[("shp", shp)]),
            ImportWarning::RecordCountMismatch { shp, shapes, rows } => {
                Msg::WarnRecordCountMismatch.fill(
                    lang,
                    &[("shp", shp), ("shapes", &shapes.to_string()), ("rows", &rows.to_string())],
                )
            }
            ImportWarning::DeletedRecords { part, records } => {
                let list: Vec<String> = records.iter().take(10).map(usize::to_string).collect();
                let more = if records.len() > 10 { ", …" } else { "" };
                Msg::WarnDeletedRecords.fill(
                    lang,
                    &[
                        ("part", part),
                        ("n", &group_indian_u64(records.len() as u64)),
                        ("records", &format!("{}{more}", list.join(", "))),
                    ],
                )
            }
            ImportWarning::TextNotInDeclaredEncoding {
                part,
                declared,
                record,
                column,
                bytes,
                encoding,
            } => Msg::WarnTextNotInDeclaredEncoding.fill(
                lang,
                &[
                    ("part", part),
                    ("declared", declared),
                    ("record", &record.to_string()),
                    ("column", column),
                    ("bytes", bytes),
                    ("encoding", encoding),
                ],
            ),
            ImportWarning::LatLonSwapped { file } => {
                Msg::WarnLatLonSwapped.fill(lang, &[("file", file)])
            }
            ImportWarning::OutsideIndia { file, lat, lon } => {
                Msg::WarnOutsideIndia.fill(lang, &[("file", file), ("lat", lat), ("lon", lon)])
            }
            ImportWarning::BoundarySkipped { feature, ward, covers, of } => {
                Msg::WarnBoundarySkipped.fill(
                    lang,
                    &[
                        ("feature", &feature.to_string()),
                        ("ward", ward),
                        ("covers", &group_indian_u64(*covers as u64)),
                        ("of", &group_indian_u64(*of as u64)),
                    ],
                )
            }
            ImportWarning::LoneAmpersands { file, line, count } => Msg::WarnLoneAmpersands.fill(
                lang,
                &[("file", file), ("line", &line.to_string()), ("count", &count.to_string())],
            ),
            ImportWarning::OtherLayersIgnored { used, ignored } => Msg::WarnOtherLayersIgnored
                .fill(lang, &[("used", used), ("ignored", &ignored.join(", "))]),
            ImportWarning::BadCoordinates { file, feature, found } => Msg::WarnBadCoordinates
                .fill(lang, &[("file", file), ("feature", &feature.to_string()), ("found", found)]),
            ImportWarning::MissingArc { file, feature, arc, arcs } => Msg::WarnMissingArc.fill(
                lang,
                &[
                    ("file", file),
                    ("feature", &feature.to_string()),
                    ("arc", &arc.to_string()),
                    ("arcs", &arcs.to_string()),
                ],
            ),
        }
    }
}

impl UserText for WardProblem {
    fn message(&self, lang: Lang) -> String {
        let p = self;
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
}

impl UserText for TableError {
    fn message(&self, lang: Lang) -> String {
        let e = self;
        match e {
            TableError::Empty { file } => Msg::TableErrEmpty.fill(lang, &[("file", file)]),
            TableError::NotATable { file } => Msg::TableErrNotATable.fill(lang, &[("file", file)]),
            TableError::InvalidCsv { file, row, detail } => Msg::TableErrInvalidCsv
                .fill(lang, &[("file", file), ("row", &row.to_string()), ("detail", detail)]),
            TableError::BinaryWorkbook { file } => {
                Msg::TableErrBinaryWorkbook.fill(lang, &[("file", file)])
            }
            TableError::SheetTooLarge { file, rows, columns } => Msg::TableErrSheetTooLarge.fill(
                lang,
                &[
                    ("file", file),
                    ("rows", &group_indian_u64(*rows)),
                    ("columns", &group_indian_u64(*columns)),
                    ("max", &group_indian_u64(crate::table::MAX_SHEET_CELLS)),
                ],
            ),
            TableError::CsvRowTooWide { file, row, cells } => Msg::TableErrCsvRowTooWide.fill(
                lang,
                &[
                    ("file", file),
                    ("row", &row.to_string()),
                    ("cells", &group_indian_u64(*cells as u64)),
                    ("max", &group_indian_u64(crate::table::MAX_CSV_CELLS as u64)),
                ],
            ),
            TableError::InvalidSpreadsheet { file, .. } => {
                Msg::TableErrInvalidSpreadsheet.fill(lang, &[("file", file)])
            }
            TableError::NoWardNumberColumn { file, columns } => Msg::TableErrNoWardNumberColumn
                .fill(lang, &[("file", file), ("columns", &column_list(columns, lang))]),
            TableError::NoMatchingWard { file, table, map } => Msg::TableErrNoMatchingWard.fill(
                lang,
                &[("file", file), ("table", &table.join(", ")), ("map", &map.join(", "))],
            ),
            TableError::WebPage { file } => Msg::TableErrWebPage.fill(lang, &[("file", file)]),
            TableError::MapNotTable { file } => {
                Msg::TableErrMapNotTable.fill(lang, &[("file", file)])
            }
            TableError::NoRows { file } => Msg::TableErrNoRows.fill(lang, &[("file", file)]),
            TableError::NoKeyColumn { file, column } => {
                Msg::TableErrNoKeyColumn.fill(lang, &[("file", file), ("column", column)])
            }
            TableError::RowTooLong { file, row, cells, columns } => Msg::TableErrRowTooLong.fill(
                lang,
                &[
                    ("file", file),
                    ("row", &row.to_string()),
                    ("cells", &cells.to_string()),
                    ("columns", &columns.to_string()),
                ],
            ),
        }
    }
}

impl UserText for TableNote {
    fn message(&self, lang: Lang) -> String {
        match self {
            TableNote::NumbersJoined { row, numbers } => Msg::TableNoteNumbersJoined
                .fill(lang, &[("row", &row.to_string()), ("numbers", &numbers.join("; "))]),
            TableNote::TitleRowsSkipped { header_row } => {
                Msg::TableNoteTitleRowsSkipped.fill(lang, &[("row", &header_row.to_string())])
            }
            TableNote::MergedCellsFilled { ranges, cells } => Msg::TableNoteMergedCellsFilled.fill(
                lang,
                &[
                    ("ranges", &group_indian_u64(*ranges as u64)),
                    ("cells", &group_indian_u64(*cells as u64)),
                ],
            ),
        }
    }
}

impl UserText for AllocError {
    fn message(&self, lang: Lang) -> String {
        let e = self;
        match e {
            AllocError::MoreOrganisersThanWards { organisers, wards } => {
                Msg::AllocTooManyOrganisers.fill(
                    lang,
                    &[
                        ("organisers", &group_indian_u64(*organisers as u64)),
                        ("wards", &group_indian_u64(*wards as u64)),
                    ],
                )
            }
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
}

impl UserText for ProjectError {
    fn message(&self, lang: Lang) -> String {
        match self {
            ProjectError::UnknownOrganiser { id } => {
                Msg::ErrUnknownOrganiser.fill(lang, &[("id", &id.to_string())])
            }
            ProjectError::UnknownWards { wards } => {
                Msg::ErrUnknownWards.fill(lang, &[("wards", &ward_list(wards))])
            }
            ProjectError::LockedWards { wards } => {
                Msg::ErrLockedWards.fill(lang, &[("wards", &ward_list(wards))])
            }
            ProjectError::NotAssigned { wards } => {
                Msg::ErrNotAssigned.fill(lang, &[("wards", &ward_list(wards))])
            }
            ProjectError::BadCapacity { name, value } => Msg::ErrBadCapacity
                .fill(lang, &[("name", name), ("value", &crate::import::number_to_text(*value))]),
            ProjectError::BadMobile { name, value } => {
                Msg::ErrBadMobile.fill(lang, &[("name", name), ("value", value)])
            }
            ProjectError::BadSetting { field, value } => {
                Msg::ErrBadSetting.fill(lang, &[("field", field), ("value", value)])
            }
        }
    }
}

impl UserText for ProjectFileError {
    fn message(&self, lang: Lang) -> String {
        use ProjectFileError as E;
        match self {
            E::Empty { file } => Msg::ErrEmptyFile.fill(lang, &[("file", file)]),
            E::NotJson { file, line, column, .. } => Msg::ProjErrNotJson.fill(
                lang,
                &[("file", file), ("line", &line.to_string()), ("column", &column.to_string())],
            ),
            E::NotText { file } => Msg::ProjErrNotText.fill(lang, &[("file", file)]),
            E::MissingField { file, field, organiser } => Msg::ProjErrMissingField
                .fill(lang, &[("file", file), ("field", &field_of(field, *organiser, lang))]),
            E::WrongType { file, field, organiser, expected, found, value } => {
                let found = match value.as_str() {
                    "" => kind_name(*found, lang).to_string(),
                    v => format!("{} {v}", kind_name(*found, lang)),
                };
                Msg::ProjErrWrongType.fill(
                    lang,
                    &[
                        ("file", file),
                        ("field", &field_of(field, *organiser, lang)),
                        ("expected", kind_name(*expected, lang)),
                        ("found", &found),
                    ],
                )
            }
            E::MapWardsLost { file, readable, total } => Msg::ProjErrMapWardsLost.fill(
                lang,
                &[
                    ("file", file),
                    ("readable", &readable.to_string()),
                    ("total", &total.to_string()),
                ],
            ),
            E::Truncated { file } => Msg::ProjErrTruncated.fill(lang, &[("file", file)]),
            E::NotAProject { file, found } => {
                Msg::ProjErrNotAProject.fill(lang, &[("file", file), ("found", found)])
            }
            E::NewerVersion { file, found, supported } => Msg::ProjErrNewerVersion.fill(
                lang,
                &[
                    ("file", file),
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            E::Invalid { file, detail } => {
                Msg::ProjErrInvalid.fill(lang, &[("file", file), ("detail", detail)])
            }
            E::BadMap { file, error } => {
                Msg::ProjErrBadMap.fill(lang, &[("file", file), ("detail", &error.message(lang))])
            }
            E::DuplicateOrganiserId { file, id } => {
                Msg::ProjErrDuplicateId.fill(lang, &[("file", file), ("id", &id.to_string())])
            }
            E::BadCapacity { file, name, value } => Msg::ProjErrBadCapacity.fill(
                lang,
                &[
                    ("file", file),
                    ("name", name),
                    ("value", &crate::import::number_to_text(*value)),
                ],
            ),
            E::UnknownWards { file, wards } => {
                Msg::ProjErrUnknownWards.fill(lang, &[("file", file), ("wards", &ward_list(wards))])
            }
            E::UnknownOrganisers { file, wards, ids } => {
                let ids: Vec<String> = ids.iter().map(u32::to_string).collect();
                Msg::ProjErrUnknownOrganisers.fill(
                    lang,
                    &[("file", file), ("wards", &ward_list(wards)), ("ids", &ids.join(", "))],
                )
            }
        }
    }
}

impl UserText for RowError {
    fn message(&self, lang: Lang) -> String {
        let row = self.row.to_string();
        let row = Msg::OrgRowPlace.fill(lang, &[("file", &self.file), ("row", &row)]);
        match &self.problem {
            RowProblem::NoName => Msg::OrgRowNoName.fill(lang, &[("row", &row)]),
            RowProblem::BadMobile(v) => {
                Msg::OrgRowBadMobile.fill(lang, &[("row", &row), ("value", v)])
            }
            RowProblem::BadCapacity(v) => {
                Msg::OrgRowBadCapacity.fill(lang, &[("row", &row), ("value", v)])
            }
            RowProblem::UnknownHomeWard(w) => {
                Msg::OrgRowUnknownHomeWard.fill(lang, &[("row", &row), ("ward", w)])
            }
            RowProblem::ContactOutsideMap { lon, lat, middle } => Msg::OrgRowContactOutsideMap
                .fill(
                    lang,
                    &[
                        ("row", &row),
                        ("lon", lon),
                        ("lat", lat),
                        ("mid_lon", &middle.0),
                        ("mid_lat", &middle.1),
                    ],
                ),
        }
    }
}

impl UserText for OrganisersImportError {
    fn message(&self, lang: Lang) -> String {
        match self {
            OrganisersImportError::NoNameColumn { file, columns } => Msg::OrgErrNoNameColumn
                .fill(lang, &[("file", file), ("columns", &column_list(columns, lang))]),
            OrganisersImportError::Table(e) => e.message(lang),
        }
    }
}

impl UserText for PlanCsvError {
    fn message(&self, lang: Lang) -> String {
        use PlanCsvError as E;
        match self {
            E::Empty { file } => Msg::PlanCsvEmpty.fill(lang, &[("file", file)]),
            E::BadRow { file, line, found } => Msg::CliPlanBadRow
                .fill(lang, &[("file", file), ("line", &line.to_string()), ("found", found)]),
            E::UnitOutOfRange { file, line, unit, features } => Msg::CliPlanUnitOutOfRange.fill(
                lang,
                &[
                    ("file", file),
                    ("line", &line.to_string()),
                    ("unit", unit),
                    ("last", &features.saturating_sub(1).to_string()),
                ],
            ),
            E::PartOutOfRange { file, line, part, wards } => Msg::CliPlanPartOutOfRange.fill(
                lang,
                &[
                    ("file", file),
                    ("line", &line.to_string()),
                    ("part", part),
                    ("wards", &wards.to_string()),
                    ("last", &wards.saturating_sub(1).to_string()),
                ],
            ),
            E::DuplicateUnit { file, unit, first, line } => Msg::CliPlanDuplicateUnit.fill(
                lang,
                &[
                    ("file", file),
                    ("unit", &unit.to_string()),
                    ("first", &first.to_string()),
                    ("line", &line.to_string()),
                ],
            ),
            E::WardMissing { file, ward, unit } => Msg::CliPlanWardMissing
                .fill(lang, &[("file", file), ("ward", ward), ("unit", &unit.to_string())]),
        }
    }
}

impl JoinReport {
    /// The report as lines of text, as the app's join preview shows them: wards matched, map
    /// wards without a row, rows not on the map, rows without a ward number, repeated rows,
    /// and cells that are not counts (each naming its row and ward). At most 20 items a line.
    pub fn messages(&self, lang: Lang) -> Vec<String> {
        const SHOWN: usize = 20;
        let list = |items: Vec<String>| {
            let more = items.len().saturating_sub(SHOWN);
            let mut shown: Vec<String> = items.into_iter().take(SHOWN).collect();
            if more > 0 {
                shown.push(format!("… +{more}"));
            }
            shown.join(", ")
        };
        let row_ward = |row: usize, ward: &str| {
            Msg::RowWard.fill(lang, &[("row", &row.to_string()), ("ward", ward)])
        };
        let n = |len: usize| group_indian_u64(len as u64);
        let mut lines = vec![Msg::JoinMatched.fill(lang, &[("n", &n(self.matched.len()))])];
        if !self.map_only.is_empty() {
            lines.push(Msg::JoinMapOnly.fill(
                lang,
                &[("n", &n(self.map_only.len())), ("wards", &list(self.map_only.clone()))],
            ));
        }
        if !self.table_only.is_empty() {
            let rows = self.table_only.iter().map(|(row, w)| row_ward(*row, w)).collect();
            lines.push(
                Msg::JoinTableOnly
                    .fill(lang, &[("n", &n(self.table_only.len())), ("rows", &list(rows))]),
            );
        }
        if !self.rows_without_key.is_empty() {
            let rows = self.rows_without_key.iter().map(usize::to_string).collect();
            lines.push(Msg::JoinNoKey.fill(lang, &[("rows", &list(rows))]));
        }
        if !self.duplicate_rows.is_empty() {
            let rows = self.duplicate_rows.iter().map(|(row, w, _)| row_ward(*row, w)).collect();
            lines.push(Msg::JoinDuplicates.fill(lang, &[("rows", &list(rows))]));
        }
        if !self.bad_values.is_empty() {
            let items = self
                .bad_values
                .iter()
                .map(|(row, w, col, v)| format!("{} — {col}: \"{v}\"", row_ward(*row, w)))
                .collect();
            lines.push(
                Msg::JoinBadValues
                    .fill(lang, &[("n", &n(self.bad_values.len())), ("list", &list(items))]),
            );
        }
        lines
    }
}

impl PlanProblem {
    /// The bilingual text; organisers are named from `project` (an unnamed one as "#id").
    pub fn message(&self, project: &Project, lang: Lang) -> String {
        let name = |id: u32| {
            project
                .organiser(id)
                .map(|o| o.name.trim().to_string())
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| format!("#{id}"))
        };
        let pct = |d: f64| crate::format::decimal_indian(d.abs() * 100.0, 1);
        match self {
            PlanProblem::SplitArea { organiser, pieces, smaller } => {
                let wards: Vec<String> = smaller.iter().map(|p| ward_list(p)).collect();
                Msg::ProblemSplitArea.fill(
                    lang,
                    &[
                        ("name", &name(*organiser)),
                        ("pieces", &pieces.to_string()),
                        ("wards", &wards.join("; ")),
                    ],
                )
            }
            PlanProblem::NoWards { organiser } => {
                Msg::ProblemNoWards.fill(lang, &[("name", &name(*organiser))])
            }
            PlanProblem::OverTolerance { organiser, deviation } => Msg::ProblemOver
                .fill(lang, &[("name", &name(*organiser)), ("pct", &pct(*deviation))]),
            PlanProblem::UnderTolerance { organiser, deviation } => Msg::ProblemUnder
                .fill(lang, &[("name", &name(*organiser)), ("pct", &pct(*deviation))]),
            PlanProblem::Unassigned { wards } => Msg::ProblemUnassigned
                .fill(lang, &[("n", &wards.len().to_string()), ("wards", &ward_list(wards))]),
        }
    }
}

/// User text for a bundled city `city` that could not be loaded.
pub fn load_error(e: &LoadError, city: &str, lang: Lang) -> String {
    let detail = match e {
        LoadError::Network(_) => Msg::NetworkError.text(lang).to_string(),
        LoadError::Http(status) => Msg::HttpStatus.fill(lang, &[("status", &status.to_string())]),
        LoadError::Import(e) => return e.message(lang),
    };
    Msg::CityLoadFailed.fill(lang, &[("city", city), ("detail", &detail)])
}

/// User text for work kept in the browser that this version cannot open.
pub fn kept_record(kept: &crate::city_map::KeptRecord, lang: Lang) -> String {
    use crate::city_map::KeptKind;
    let what = match kept.kind {
        KeptKind::Map => Msg::KeptWhatMap,
        KeptKind::Project => Msg::KeptWhatProject,
    }
    .text(lang);
    match kept.version {
        Some(v) => Msg::KeptNewer
            .fill(lang, &[("what", what), ("key", &kept.key), ("version", &v.to_string())]),
        None => Msg::KeptUnreadable.fill(lang, &[("what", what), ("key", &kept.key)]),
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

/// A project file's field for a message: `"capacity"`, or `"capacity" of organiser 2`.
fn field_of(field: &str, organiser: Option<usize>, lang: Lang) -> String {
    match organiser {
        None => format!("\"{field}\""),
        Some(n) => Msg::ProjFieldOfOrganiser.fill(lang, &[("field", field), ("n", &n.to_string())]),
    }
}

/// The name of a kind of JSON value.
fn kind_name(kind: crate::project::JsonKind, lang: Lang) -> &'static str {
    use crate::project::JsonKind as K;
    match kind {
        K::WholeNumber => Msg::KindWholeNumber.text(lang),
        K::Number => Msg::KindNumber.text(lang),
        K::Text => Msg::KindText.text(lang),
        K::List => Msg::KindList.text(lang),
        K::Object => Msg::KindObject.text(lang),
        K::TrueFalse => Msg::KindTrueFalse.text(lang),
        K::Nothing => Msg::KindNothing.text(lang),
    }
}

/// Names for a message (entries of a zip, columns): at most 10, quoted, then "… (+N)".
fn short_list(names: &[String]) -> String {
    const SHOWN: usize = 10;
    let mut s = names.iter().take(SHOWN).map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
    if names.len() > SHOWN {
        s.push_str(&format!(" … (+{})", names.len() - SHOWN));
    }
    s
}

/// A file's columns for a message ("(none)" when it has none).
pub fn column_list(columns: &[String], lang: Lang) -> String {
    if columns.is_empty() {
        Msg::NoColumn.text(lang).to_string()
    } else {
        short_list(columns)
    }
}

/// Ward numbers for a message: at most 20, then "… (+N)".
fn ward_list(wards: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut s = wards.iter().take(SHOWN).map(String::as_str).collect::<Vec<_>>().join(", ");
    if wards.len() > SHOWN {
        s.push_str(&format!(" … (+{})", wards.len() - SHOWN));
    }
    s
}
