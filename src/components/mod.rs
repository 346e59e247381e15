//! Screen parts, one per file.

pub mod file_drop;
pub mod footer;
