//! Timescales core: everything that does not need a browser.
//!
//! - [`model`]: children, milestones, placements and events.
//! - [`dates`]: UK day-first date parsing and Excel serial numbers.
//! - [`ingest`]: CSV/XLSX/ODS to a [`model::Dataset`], column mapping and the data-quality report.
//! - [`analysis`]: stages between milestones, the PACE aims, cohorts and children still waiting.
//! - [`runchart`]: medians, baselines, phases and the IHI and Anhøj rules.
//! - [`chart`]: chart geometry (scales, ticks, marks) and the standalone SVG renderer.
//! - [`survival`]: Kaplan-Meier estimates with Greenwood intervals, medians and the log-rank test.
//! - [`stage_chart`]: one stage's run chart (series, rules, target, waiting bars) and its verdict.
//! - [`stage_km_chart`]: one stage's Kaplan-Meier chart, for everyone or by group with the log-rank
//!   result.
//! - [`aggregate`]: the disclosure-controlled aggregate file an authority can share (no child
//!   data), and reading many such files back to compare authorities (docs/disclosure.md).
//! - [`learn`]: run chart exercises checked against the engine, a sandbox and a printable
//!   handout (docs/learn.md).
//! - [`report`]: the standalone HTML report (summary, every stage's run chart, where the delay is).
//! - [`demo`]: the deterministic synthetic cohort used as built-in demo data.
//!
//! "Today" is always a parameter: nothing here reads the clock.

pub mod aggregate;
pub mod analysis;
pub mod card;
pub mod chart;
pub mod dates;
pub mod demo;
pub(crate) mod fxhash;
pub mod ingest;
pub mod learn;
pub mod model;
pub mod order;
pub mod report;
pub mod runchart;
pub mod stage_chart;
pub mod stage_km_chart;
pub mod survival;
pub mod text;
pub mod warm_up;
#[cfg(feature = "xlsx")]
pub mod xlsx_out;
