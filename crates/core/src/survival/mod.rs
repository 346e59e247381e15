//! Time to event with censoring: Kaplan-Meier estimates and the log-rank test (docs/survival.md).
//!
//! A duration is the days (or any unit) from a start to either the event (the end milestone was
//! reached) or the last day the subject was seen without it (censored: still waiting, or left
//! another way). Censored durations still count: they say "at least this long".
//!
//! - [`km`]: the survival table with Greenwood 95% intervals on the log scale, the median with its
//!   interval, and the proportion reaching the end within a given time.
//! - [`logrank`]: the log-rank test between two or more groups.
//! - [`gamma`]: the regularised incomplete gamma function behind the chi-square p-value.
//! - [`sentences`]: plain-English sentences for the results.
//!
//! Everything is a pure function of its inputs. Bad input is a [`SurvivalError`], never a panic.

pub mod gamma;
pub mod km;
pub mod logrank;
pub mod sentences;

use std::fmt;

use serde::Serialize;

pub use km::{KaplanMeier, KmRow, MedianCi, kaplan_meier};
pub use logrank::{LogRank, LogRankGroup, log_rank};

/// One duration: how long, and whether the event happened at the end of it (`false`: censored).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Observation {
    pub time: f64,
    pub event: bool,
}

impl Observation {
    /// An event at `time`.
    pub const fn event(time: f64) -> Observation {
        Observation { time, event: true }
    }

    /// A censored duration: seen for `time` without the event.
    pub const fn censored(time: f64) -> Observation {
        Observation { time, event: false }
    }
}

/// Why durations could not be analysed. `Display` is a plain-English message.
#[derive(Debug, Clone, PartialEq)]
pub enum SurvivalError {
    /// The list of durations and the list of event flags differ in length.
    LengthMismatch { durations: usize, events: usize },
    /// A duration below zero (1-based position in the input).
    NegativeDuration { position: usize, value: f64 },
    /// A duration that is not a finite number (1-based position in the input).
    NonFiniteDuration { position: usize },
    /// The log-rank test needs at least two groups with at least one duration each.
    TooFewGroups { groups: usize },
    /// The log-rank test has nothing to compare: no event happened while two or more groups were
    /// still being followed.
    NothingToCompare,
}

impl fmt::Display for SurvivalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SurvivalError::LengthMismatch { durations, events } => write!(
                f,
                "there are {durations} duration(s) but {events} event flag(s); give one flag for each duration"
            ),
            SurvivalError::NegativeDuration { position, value } => {
                write!(f, "duration {position} is {value}, below zero; a duration cannot be negative")
            }
            SurvivalError::NonFiniteDuration { position } => write!(f, "duration {position} is not a number"),
            SurvivalError::TooFewGroups { groups } => write!(
                f,
                "the log-rank test needs at least two groups with durations in them, and there {}",
                if *groups == 1 { "is 1".to_string() } else { format!("are {groups}") }
            ),
            SurvivalError::NothingToCompare => f.write_str(
                "the groups cannot be compared: no event happened while more than one group was still being followed",
            ),
        }
    }
}

impl std::error::Error for SurvivalError {}

/// Pairs durations with event flags, checking the lengths match and every duration is a finite
/// number of at least zero.
pub fn observations(durations: &[f64], events: &[bool]) -> Result<Vec<Observation>, SurvivalError> {
    if durations.len() != events.len() {
        return Err(SurvivalError::LengthMismatch { durations: durations.len(), events: events.len() });
    }
    let obs: Vec<Observation> =
        durations.iter().zip(events).map(|(&time, &event)| Observation { time, event }).collect();
    validate(&obs)?;
    Ok(obs)
}

/// Checks every duration is a finite number of at least zero.
pub fn validate(obs: &[Observation]) -> Result<(), SurvivalError> {
    for (i, o) in obs.iter().enumerate() {
        if !o.time.is_finite() {
            return Err(SurvivalError::NonFiniteDuration { position: i + 1 });
        }
        if o.time < 0.0 {
            return Err(SurvivalError::NegativeDuration { position: i + 1, value: o.time });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
