//! The Learn page (docs/learn.md#the-learn-page): run chart exercises, a sandbox, a facilitator
//! view and the printable handout. A page and wasm module of its own, so the main page's
//! download does not grow. Every figure, sentence, highlight and position comes from
//! `timescales_core::learn`; these components only lay it out. Progress is kept in signals and
//! nothing is stored or sent.
//!
//! Compiled only for wasm32, so native `cargo test` of the workspace never builds browser crates.
#![cfg(target_arch = "wasm32")]

mod chart;
mod exercise;
mod facilitator;
mod handout;
mod index;
mod sandbox;
mod shell;

pub use shell::Learn;
