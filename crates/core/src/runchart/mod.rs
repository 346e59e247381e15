//! Run charts: centre lines, baselines and phases, and the IHI and Anhøj rules.
//!
//! Entry point: [`analyse`] takes a [`Series`] (one point per child, in chart order) and a
//! [`RunChartConfig`] and returns a [`RunChartAnalysis`]: per-phase verdicts under each selected
//! rule family, per-point flags for the chart, and plain-English sentences.
//!
//! The definitions are in docs/runchart-rules.md. The choices every rule shares:
//!
//! - Useful points are those neither excluded (by the user, or missing a value) nor exactly on
//!   the centre line. Only useful points take part in runs, shifts and crossings; the others
//!   neither break nor extend them. `n_useful` is their number.
//! - Trends ignore the centre line; excluded points are skipped and repeated values count once.
//! - Each phase is analysed on its own, against its own centre line.
//! - With fewer than 10 useful points the figures are still reported, with
//!   `rules_meaningful: false` and a sentence saying so.

pub mod analysis;
pub mod centre;
pub mod chart_spec;
pub mod digest;
pub mod movement;
pub mod paste;
pub mod phase_summary;
pub mod phases;
pub mod rules;
pub mod sentences;
pub mod series;
pub mod verdict;

pub use analysis::{
    AnhoejResult, Assessment, BaselineInfo, Direction, IhiResult, IhiRuns, PhaseAnalysis, PointNote, PointResult,
    RuleFamily, RuleSet, RunChartAnalysis, RunChartConfig, RunChartError, Signal, SignalKind, Words, analyse,
};
pub use centre::{Baseline, CentreKind};
pub use chart_spec::chart_spec;
pub use digest::{SignalDigest, digest};
pub use phases::{BreakAt, PhaseBreak};
pub use rules::shift::Side;
pub use sentences::Wording;
pub use series::{Point, Series};
pub use verdict::{Verdict, VerdictStatus};

#[cfg(test)]
mod tests;
