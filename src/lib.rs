//! Timescales web app: thin Leptos components over `timescales-core`.
//! Compiled only for wasm32, so native `cargo test` of the workspace never builds browser crates.
#![cfg(target_arch = "wasm32")]

mod app;
pub use app::App;
