//! Ingest: bytes of a CSV, XLSX, XLS or ODS file to a [`crate::model::Dataset`], with a
//! data-quality report that accounts for every row.
//!
//! The pipeline is: readers ([`workbook`] and [`csv_reader`], after [`decode`]) produce
//! [`table::Sheet`]s, a grid of cells per sheet; [`sheets`] finds each sheet's header row and
//! role; [`fields`] and [`mapping`] turn headers into fields; [`records`] builds the dataset in one
//! pass; [`quality`] holds the report. [`load::load`] runs the whole pipeline. [`limits`] holds
//! the limits on file size, columns, rows and cell length that every reader checks first.

pub mod annex_a;
pub mod compound;
pub mod csv_reader;
pub mod decode;
pub mod episodes;
pub mod fields;
pub mod limits;
pub mod load;
pub mod mapping;
pub mod problem_groups;
pub mod problems_export;
pub mod progress;
pub mod quality;
pub mod records;
pub mod sheet_codec;
pub mod sheets;
pub mod ssda903;
pub mod table;
pub mod template;
pub mod workbook;
#[cfg(feature = "workbook")]
mod xlsx_sheet;
#[cfg(feature = "workbook")]
mod xlsx_xml;

pub use load::{LoadError, LoadOptions, LoadOutcome, SheetReport, SourceFormat, load};
pub use mapping::Mapping;
pub use quality::{Completeness, Problem, ProblemKind, QualityReport, RowAccount, Severity};
