//! Screen parts, one per file. `screens` maps a [`crate::state::Screen`] to its component.

pub mod charts;
pub mod compare;
pub mod dashboard;
pub mod delay;
pub mod file_drop;
pub mod filters;
pub mod footer;
pub mod format;
pub mod histories;
pub mod load_progress;
pub mod mapping;
pub mod nav;
pub mod quality;
pub mod runchart_page;
pub mod screens;
pub mod settings_page;
pub mod share;
pub mod start;
pub mod timeline;
pub mod workbench;
