//! The aggregate file: figures an authority can share without sharing children, and reading such
//! files back for comparing many authorities.
//!
//! The file is a plain CSV table with exactly the columns `authority,stage,period,measure,value`
//! and no comment line. Every row is one figure:
//! - `stage` is a stable stage id ([`StageId::key`]), or `_meta` for the rows about the file.
//! - `period` is a month, `YYYY-MM`: for `completed`, `median_days` and `within_target` the month
//!   the end milestone was reached; for `waiting`, `waiting_over_target`, `target_days` and the
//!   `_meta` rows the as-at month.
//! - `measure` is one of [`Measure::ALL`]; `value` is a number or the word `suppressed`.
//!
//! The settings travel in the same file, so one file is all a comparison needs: `_meta` rows give
//! the format version, the aim 2 start (milestone 1 or 2), whether a return home completes the
//! whole journey (1 or 0) and whether filters were applied (1 or 0); each stage with a target has
//! a `target_days` row. Every value is a number, so the value column stays numeric.
//!
//! Disclosure control is applied while the file is built (see [`disclosure`] and
//! docs/disclosure.md); nothing here ever writes a child id, a name, a date of birth or a date
//! finer than a month.
//!
//! Modules: [`build`] (from an analysis), [`disclosure`] (the rules and a checker), [`write`]
//! (CSV text), [`read`] (parse and validate a file) and [`compare`] (several files side by side).

pub mod build;
pub mod compare;
pub mod compare_view;
pub mod disclosure;
pub mod read;
pub mod write;

#[cfg(test)]
mod tests;

use std::fmt;

use chrono::{Datelike, NaiveDate};

use crate::analysis::{StageId, StartChoice};

pub use build::{BuildError, aggregate};
pub use compare::{CompareError, Comparison, compare};
pub use read::{ReadError, read_aggregate};

/// The columns of an aggregate file, in order.
pub const HEADER: [&str; 5] = ["authority", "stage", "period", "measure", "value"];

/// The version written in the `_meta` `format_version` row.
pub const FORMAT_VERSION: u32 = 1;

/// The stage column of the rows about the file itself.
pub const META_STAGE: &str = "_meta";

/// The word written in place of a value that disclosure control withholds.
pub const SUPPRESSED: &str = "suppressed";

/// A calendar month: the finest time an aggregate file ever shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u32,
}

impl Month {
    /// The month `month` (1 to 12) of `year` (0 to 9999, so it prints as four digits).
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((0..=9999).contains(&year) && (1..=12).contains(&month)).then_some(Month { year, month })
    }

    /// The month a date falls in. (Dates in the data have four-digit years; a later year would
    /// print with five digits and not read back.)
    pub fn of(date: NaiveDate) -> Month {
        Month { year: date.year(), month: date.month() }
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 to 12.
    pub fn month(self) -> u32 {
        self.month
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month == 12 { Month { year: self.year + 1, month: 1 } } else { Month { month: self.month + 1, ..self } }
    }

    /// The first day of the month.
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month, 1)
    }

    /// Reads exactly `YYYY-MM` (four-digit year, two-digit month).
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.split_once('-')?;
        if y.len() != 4 || m.len() != 2 || !y.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        Month::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// Every month from `self` to `last` inclusive (empty when `last` is earlier).
    pub fn through(self, last: Month) -> impl Iterator<Item = Month> {
        std::iter::successors((self <= last).then_some(self), move |m| Some(m.next()).filter(|n| *n <= last))
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The stage column: a stage, or the rows about the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RowStage {
    Meta,
    Stage(StageId),
}

impl RowStage {
    pub const fn key(self) -> &'static str {
        match self {
            RowStage::Meta => META_STAGE,
            RowStage::Stage(s) => s.key(),
        }
    }

    pub fn from_key(key: &str) -> Option<RowStage> {
        if key == META_STAGE {
            Some(RowStage::Meta)
        } else {
            StageId::from_key(key).filter(|s| !s.is_england()).map(RowStage::Stage)
        }
    }
}

/// What a row measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    /// Children who reached the stage's end milestone in the month.
    Completed,
    /// The median days taken by those children.
    MedianDays,
    /// Of those children, how many took no more than the target.
    WithinTarget,
    /// Children still waiting at the as-at date.
    Waiting,
    /// Of those children, how many have waited longer than the target.
    WaitingOverTarget,
    /// The stage's target in days (a setting, not a count).
    TargetDays,
    /// `_meta`: the file format version.
    FormatVersion,
    /// `_meta`: the milestone aim 2 and the whole journey start from: 1 (first accommodated) or 2
    /// (last accommodated).
    Aim2StartMilestone,
    /// `_meta`: 1 when a return home completes the whole journey, else 0.
    ReturnHomeIsPermanence,
    /// `_meta`: 1 when the figures cover a filtered subset of the children, else 0.
    Filtered,
}

/// What kind of value a measure holds, which decides where it may appear and what it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeasureKind {
    /// A count of children: a whole number or `suppressed`.
    Count,
    /// Days: a number (possibly a half) or `suppressed`.
    Days,
    /// A setting of one stage: a whole number, never suppressed.
    StageSetting,
    /// A setting of the file (`_meta` rows only): a whole number, never suppressed.
    FileSetting,
}

impl Measure {
    /// Every measure, in the order rows are written.
    pub const ALL: [Measure; 10] = [
        Measure::FormatVersion,
        Measure::Aim2StartMilestone,
        Measure::ReturnHomeIsPermanence,
        Measure::Filtered,
        Measure::TargetDays,
        Measure::Completed,
        Measure::MedianDays,
        Measure::WithinTarget,
        Measure::Waiting,
        Measure::WaitingOverTarget,
    ];

    pub const fn key(self) -> &'static str {
        match self {
            Measure::Completed => "completed",
            Measure::MedianDays => "median_days",
            Measure::WithinTarget => "within_target",
            Measure::Waiting => "waiting",
            Measure::WaitingOverTarget => "waiting_over_target",
            Measure::TargetDays => "target_days",
            Measure::FormatVersion => "format_version",
            Measure::Aim2StartMilestone => "aim2_start_milestone",
            Measure::ReturnHomeIsPermanence => "return_home_is_permanence",
            Measure::Filtered => "filtered",
        }
    }

    pub fn from_key(key: &str) -> Option<Measure> {
        Measure::ALL.into_iter().find(|m| m.key() == key)
    }

    pub const fn kind(self) -> MeasureKind {
        match self {
            Measure::Completed | Measure::WithinTarget | Measure::Waiting | Measure::WaitingOverTarget => {
                MeasureKind::Count
            }
            Measure::MedianDays => MeasureKind::Days,
            Measure::TargetDays => MeasureKind::StageSetting,
            Measure::FormatVersion
            | Measure::Aim2StartMilestone
            | Measure::ReturnHomeIsPermanence
            | Measure::Filtered => MeasureKind::FileSetting,
        }
    }
}

/// A value: a number, or withheld by disclosure control.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    Number(f64),
    Suppressed,
}

impl Value {
    /// A count as a value.
    pub fn count(n: u64) -> Value {
        Value::Number(n as f64)
    }

    /// The number, unless suppressed.
    pub fn number(self) -> Option<f64> {
        match self {
            Value::Number(x) => Some(x),
            Value::Suppressed => None,
        }
    }

    /// The number as a count (whole and not negative), unless suppressed.
    pub fn as_count(self) -> Option<u64> {
        self.number().filter(|x| x.fract() == 0.0 && *x >= 0.0).map(|x| x as u64)
    }

    pub fn is_suppressed(self) -> bool {
        self == Value::Suppressed
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // f64's Display writes 182.0 as "182" and 182.5 as "182.5".
            Value::Number(x) => write!(f, "{x}"),
            Value::Suppressed => f.write_str(SUPPRESSED),
        }
    }
}

/// One row of an aggregate file.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub authority: String,
    pub stage: RowStage,
    pub period: Month,
    pub measure: Measure,
    pub value: Value,
}

/// What the `_meta` and `target_days` rows say: the settings the figures were made with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMeta {
    pub authority: String,
    /// The month of the as-at date.
    pub as_at: Month,
    pub accommodated_start: StartChoice,
    pub return_home_is_permanence: bool,
    /// True when the figures cover only the children passing some filters.
    pub filtered: bool,
    /// Each stage's target in days, by [`StageId::index`]; `None` for a stage without one.
    pub targets: [Option<i64>; StageId::PACE_COUNT],
}

impl FileMeta {
    /// The target of one stage.
    pub fn target(&self, stage: StageId) -> Option<i64> {
        self.targets.get(stage.index()).copied().flatten()
    }
}

/// A whole aggregate file: its settings and every row (the settings rows included), in the
/// order they are written.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    pub meta: FileMeta,
    pub rows: Vec<Row>,
}

impl Aggregate {
    /// The value of one figure, if the file has that row.
    pub fn value(&self, stage: RowStage, period: Month, measure: Measure) -> Option<Value> {
        self.rows.iter().find(|r| r.stage == stage && r.period == period && r.measure == measure).map(|r| r.value)
    }

    /// How many values are suppressed.
    pub fn suppressed(&self) -> usize {
        self.rows.iter().filter(|r| r.value.is_suppressed()).count()
    }
}
