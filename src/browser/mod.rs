//! Browser glue: the only place that calls web-sys directly.

pub mod fatal;
pub mod file;
