//! Browser glue: the only place that calls web-sys directly.

pub mod clock;
pub mod download;
pub mod fatal;
pub mod file;
pub mod focus;
pub mod storage;
pub mod workbook_worker;
