//! Building an aggregate file from an analysis: per stage, the children who completed it in each
//! month (count, median days, how many within target) and the children waiting at the as-at date
//! (count, how many over target), with disclosure control applied as each figure is made
//! (docs/disclosure.md).
//!
//! Months run without a gap from the first month anyone completed the stage to the as-at month,
//! so a month with no completions is a published 0, not a missing row. A stage nobody has
//! completed has no completed rows; every stage has its waiting rows, 0 if nobody waits.

use std::collections::BTreeMap;
use std::fmt;

use super::disclosure::{
    self, Breach, COMPLETED_RELATIONS, Suppression, WAITING_RELATIONS, control_linked, control_median, control_part,
};
use super::{Aggregate, FORMAT_VERSION, FileMeta, Measure, Month, Row, RowStage, Value};
use crate::analysis::stage_summary::{StageSummary, quantile_type7};
use crate::analysis::{Analysis, Settings, StageId, StartChoice};

/// Why an aggregate file could not be built.
#[derive(Debug, Clone, PartialEq)]
pub enum BuildError {
    /// The authority name is blank.
    EmptyAuthority,
    /// The authority name holds a control character (a tab or a line break, say).
    AuthorityControlCharacter,
    /// The finished rows broke a disclosure rule. This would be a fault in Timescales; the file
    /// is not made.
    Disclosure(Vec<Breach>),
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::EmptyAuthority => f.write_str("the authority name is blank; give the name to put in the file"),
            BuildError::AuthorityControlCharacter => {
                f.write_str("the authority name holds a tab or line break; give it on one line")
            }
            BuildError::Disclosure(b) => write!(
                f,
                "the figures failed the disclosure check, so no file was made (please report this): {}",
                b.first().map(ToString::to_string).unwrap_or_default()
            ),
        }
    }
}

impl std::error::Error for BuildError {}

/// The authority name as written: trimmed, not blank, on one line.
fn clean_authority(name: &str) -> Result<String, BuildError> {
    let name = name.trim();
    if name.is_empty() {
        Err(BuildError::EmptyAuthority)
    } else if name.chars().any(char::is_control) {
        Err(BuildError::AuthorityControlCharacter)
    } else {
        Ok(name.to_string())
    }
}

/// The aggregate file for `authority` from a full analysis (every stage, after the filters in
/// `settings`) made with `settings`.
pub fn aggregate(authority: &str, analysis: &Analysis, settings: &Settings) -> Result<Aggregate, BuildError> {
    let meta = FileMeta {
        authority: clean_authority(authority)?,
        as_at: Month::of(analysis.as_at),
        accommodated_start: analysis.accommodated_start,
        return_home_is_permanence: settings.return_home_is_permanence,
        filtered: !settings.filters.is_empty(),
        targets: StageId::PACE.map(|s| analysis.stage(s).target_days),
    };
    let counts = Counts::of(&meta, &analysis.stages);
    let decided = Decided::of(&meta, &counts);
    let mut rows = meta_rows(&meta);
    for s in StageId::PACE {
        stage_rows(&meta, s, &counts, &decided, &mut rows);
    }
    let breaches = disclosure::check(&rows);
    if !breaches.is_empty() {
        return Err(BuildError::Disclosure(breaches));
    }
    Ok(Aggregate { meta, rows })
}

/// The true figures, before disclosure control. Never leaves this module.
struct Counts {
    /// Per stage, the days taken by each child who completed, by the month they completed
    /// (sorted), for every month from the stage's first completion to the as-at month.
    completed: [BTreeMap<Month, Vec<i64>>; StageId::PACE_COUNT],
    /// Per stage, the children waiting and (with a target) how many of them are over it.
    waiting: [(u64, u64); StageId::PACE_COUNT],
}

impl Counts {
    fn of(meta: &FileMeta, stages: &[StageSummary]) -> Counts {
        let mut completed: [BTreeMap<Month, Vec<i64>>; StageId::PACE_COUNT] = Default::default();
        let mut waiting = [(0, 0); StageId::PACE_COUNT];
        // Aggregate files hold the PACE stages only (docs/disclosure.md).
        for s in stages.iter().filter(|s| !s.id.is_england()) {
            let k = s.id.index();
            let months = &mut completed[k];
            for p in &s.points {
                months.entry(Month::of(p.end_date)).or_default().push(p.days);
            }
            if let Some(first) = months.keys().next().copied() {
                for m in first.through(meta.as_at) {
                    crate::order::sort(months.entry(m).or_default());
                }
            }
            let over = meta.target(s.id).map_or(0, |t| s.waiting_bars.iter().filter(|b| b.days_waiting > t).count());
            waiting[k] = (s.waiting_bars.len() as u64, over as u64);
        }
        Counts { completed, waiting }
    }
}

/// Which totals are published, after rules 1 and 5 (docs/disclosure.md).
struct Decided {
    completed: BTreeMap<Month, [Suppression; StageId::PACE_COUNT]>,
    waiting: [Suppression; StageId::PACE_COUNT],
}

impl Decided {
    fn of(meta: &FileMeta, counts: &Counts) -> Decided {
        let waiting = control_linked(&counts.waiting.map(|w| Some(w.0)), &WAITING_RELATIONS);
        let first = counts.completed.iter().filter_map(|m| m.keys().next()).min().copied();
        let completed = first
            .into_iter()
            .flat_map(|f| f.through(meta.as_at))
            .map(|month| {
                let n = std::array::from_fn(|k| counts.completed[k].get(&month).map(|d| d.len() as u64));
                (month, control_linked(&n, &COMPLETED_RELATIONS))
            })
            .collect();
        Decided { completed, waiting }
    }
}

/// The `_meta` rows, all for the as-at month.
fn meta_rows(meta: &FileMeta) -> Vec<Row> {
    let flag = |b: bool| if b { 1 } else { 0 };
    let start = match meta.accommodated_start {
        StartChoice::FirstAccommodated => 1,
        StartChoice::LastAccommodated => 2,
    };
    [
        (Measure::FormatVersion, FORMAT_VERSION),
        (Measure::Aim2StartMilestone, start),
        (Measure::ReturnHomeIsPermanence, flag(meta.return_home_is_permanence)),
        (Measure::Filtered, flag(meta.filtered)),
    ]
    .into_iter()
    .map(|(measure, v)| Row {
        authority: meta.authority.clone(),
        stage: RowStage::Meta,
        period: meta.as_at,
        measure,
        value: Value::count(u64::from(v)),
    })
    .collect()
}

/// One stage's rows: its target, then each month's completed figures, then the waiting figures.
fn stage_rows(meta: &FileMeta, stage: StageId, counts: &Counts, decided: &Decided, rows: &mut Vec<Row>) {
    let k = stage.index();
    let target = meta.target(stage);
    let mut push = |period: Month, measure: Measure, value: Value| {
        rows.push(Row { authority: meta.authority.clone(), stage: RowStage::Stage(stage), period, measure, value });
    };
    if let Some(t) = target {
        push(meta.as_at, Measure::TargetDays, Value::Number(t as f64));
    }
    for (&month, days) in &counts.completed[k] {
        let n = days.len() as u64;
        let published = decided.completed.get(&month).is_some_and(|w| w[k].is_published());
        let total = if published { Value::count(n) } else { Value::Suppressed };
        push(month, Measure::Completed, total);
        if let Some(m) = control_median(total, quantile_type7(days, 0.5)) {
            push(month, Measure::MedianDays, m);
        }
        if let Some(t) = target {
            let within = days.partition_point(|&d| d <= t) as u64;
            push(month, Measure::WithinTarget, control_part(n, published, within));
        }
    }
    let (waiting, over) = counts.waiting[k];
    let published = decided.waiting[k].is_published();
    push(meta.as_at, Measure::Waiting, if published { Value::count(waiting) } else { Value::Suppressed });
    if target.is_some() {
        push(meta.as_at, Measure::WaitingOverTarget, control_part(waiting, published, over));
    }
}
