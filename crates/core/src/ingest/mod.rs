//! Ingest: bytes of a CSV, XLSX, XLS or ODS file to a [`crate::model::Dataset`], with a
//! data-quality report that accounts for every row.
//!
//! The pipeline is: [`table`] (format-independent grid of cells, one per sheet) ->
//! column mapping -> records -> quality report.

pub mod table;
