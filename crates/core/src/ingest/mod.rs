//! Ingest: bytes of a CSV, XLSX, XLS or ODS file to a [`crate::model::Dataset`], with a
//! data-quality report that accounts for every row.
//!
//! The pipeline is: readers ([`workbook`] and the CSV reader) produce [`table::Sheet`]s, a grid of
//! cells per sheet; column mapping turns headers into fields; records become the dataset; the
//! quality report lists every rejected or doubtful value with its sheet, row and column.

pub mod table;
pub mod template;
pub mod workbook;
