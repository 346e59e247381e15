//! Timescales web app: thin Leptos components over `timescales-core`.
//!
//! - [`app`]: the root component and page layout.
//! - `components`: one file per screen part (file drop, footer, ...).
//! - `browser`: the wrappers round browser APIs (storage, reading files, downloads, the clock,
//!   focus, the workbook worker, the panic message); components use web-sys only to read event
//!   targets.
//!
//! Compiled only for wasm32, so native `cargo test` of the workspace never builds browser crates.
#![cfg(target_arch = "wasm32")]

mod app;
mod browser;
mod components;
mod loading;
mod state;

pub use app::App;
pub use browser::fatal::install_panic_message;
/// True in the single-file edition (shared with the Learn page, for its link back).
pub use browser::is_offline_edition;
/// The SVG building blocks of the chart views, shared with the Learn page (crates/learn-app).
pub use components::charts::parts as chart_parts;
