//! Comparing several aggregate files: check they can be compared (one file per authority, the
//! same targets and stage definitions), then lay out, per stage, each authority's monthly series
//! on one shared run of months, and a combined view.
//!
//! Nothing here undoes disclosure control: a suppressed figure stays a gap, and the combined view
//! adds up published counts only, saying how many were left out (docs/disclosure.md, "Reading
//! the file back").

use std::collections::BTreeMap;
use std::fmt;

use super::{Aggregate, Measure, Month, RowStage, Value};
use crate::analysis::{StageId, StartChoice};
use crate::runchart::{Point, Series};

/// How the combined view must be labelled wherever it is shown.
pub const COMBINED_LABEL: &str = "Combined: the sum of published counts only. Suppressed figures are left out, so a \
     true total may be higher. Medians cannot be combined and are not shown.";

/// Why files cannot be compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompareError {
    NoFiles,
    /// Two files for the same authority (names compared ignoring case and outer spaces).
    DuplicateAuthority {
        authority: String,
        first_file: String,
        second_file: String,
    },
    /// Two files with different targets for one stage (`None`: no target).
    MixedTargets {
        stage: StageId,
        first: (String, Option<i64>),
        second: (String, Option<i64>),
    },
    /// Two files whose aim 2 and whole journey start from different milestones.
    MixedStart {
        first: (String, StartChoice),
        second: (String, StartChoice),
    },
    /// Two files that disagree on whether a return home completes the whole journey.
    MixedReturnHome {
        first: (String, bool),
        second: (String, bool),
    },
}

fn target_text(t: Option<i64>) -> String {
    t.map(|t| format!("{t} days")).unwrap_or_else(|| "no target".into())
}

fn start_text(s: StartChoice) -> &'static str {
    match s {
        StartChoice::FirstAccommodated => "first accommodated (M1)",
        StartChoice::LastAccommodated => "last accommodated (M2)",
    }
}

impl fmt::Display for CompareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CompareError::NoFiles => f.write_str("no aggregate files to compare"),
            CompareError::DuplicateAuthority { authority, first_file, second_file } => write!(
                f,
                "{first_file} and {second_file} are both for {authority}; load one file per authority (or name each team differently)"
            ),
            CompareError::MixedTargets { stage, first, second } => write!(
                f,
                "mixed settings for {}: {} uses {} but {} uses {}; figures against different targets cannot be compared",
                stage.label(),
                first.0,
                target_text(first.1),
                second.0,
                target_text(second.1)
            ),
            CompareError::MixedStart { first, second } => write!(
                f,
                "mixed settings: {} starts aim 2 at {} but {} at {}",
                first.0,
                start_text(first.1),
                second.0,
                start_text(second.1)
            ),
            CompareError::MixedReturnHome { first, second } => {
                let (yes, no) = if first.1 { (first, second) } else { (second, first) };
                write!(f, "mixed settings: {} counts a return home as legal permanence but {} does not", yes.0, no.0)
            }
        }
    }
}

impl std::error::Error for CompareError {}

/// One figure as a file gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure<T> {
    Value(T),
    /// Withheld by disclosure control.
    Suppressed,
    /// The file has no such row (a month outside its range, or no median for nobody).
    Absent,
}

impl<T: Copy> Figure<T> {
    pub fn value(self) -> Option<T> {
        match self {
            Figure::Value(v) => Some(v),
            _ => None,
        }
    }
}

fn figure(v: Option<Value>) -> Figure<f64> {
    match v {
        Some(Value::Number(x)) => Figure::Value(x),
        Some(Value::Suppressed) => Figure::Suppressed,
        None => Figure::Absent,
    }
}

fn count_figure(v: Option<Value>) -> Figure<u64> {
    match figure(v) {
        Figure::Value(x) => Figure::Value(x as u64),
        Figure::Suppressed => Figure::Suppressed,
        Figure::Absent => Figure::Absent,
    }
}

/// One authority, one stage, one month.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthPoint {
    pub month: Month,
    pub completed: Figure<u64>,
    pub median_days: Figure<f64>,
    pub within_target: Figure<u64>,
}

/// One authority's figures for one stage: a point for every month of the comparison (so every
/// authority's points line up), and the waiting figures at its own as-at month.
#[derive(Debug, Clone, PartialEq)]
pub struct AuthoritySeries {
    pub authority: String,
    pub as_at: Month,
    pub points: Vec<MonthPoint>,
    pub waiting: Figure<u64>,
    pub waiting_over_target: Figure<u64>,
}

impl AuthoritySeries {
    /// The monthly medians as a run chart series: one point per month from the first month the
    /// file has a completed figure to the last, dated the 1st and labelled `YYYY-MM`. A month
    /// whose median is suppressed or absent is a gap (a NaN value, which the run chart rules
    /// leave out).
    pub fn median_series(&self) -> Series {
        let has = |p: &&MonthPoint| p.completed != Figure::Absent;
        let first = self.points.iter().position(|p| has(&p));
        let last = self.points.iter().rposition(|p| has(&p));
        let span = match (first, last) {
            (Some(a), Some(b)) => &self.points[a..=b],
            _ => &[],
        };
        Series::new(
            span.iter()
                .map(|p| Point {
                    value: p.median_days.value().unwrap_or(f64::NAN),
                    date: p.month.first_day(),
                    label: Some(p.month.to_string()),
                    id: None,
                })
                .collect(),
        )
    }
}

/// The combined view of one month: sums of the published counts only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CombinedMonth {
    pub month: Month,
    /// Sum of the published completed counts.
    pub completed: u64,
    /// Authorities whose completed count is published (0 included).
    pub completed_published: usize,
    /// Authorities whose completed count is suppressed (so `completed` may be short).
    pub completed_suppressed: usize,
    /// Sum of the published within-target counts.
    pub within_target: u64,
    /// Sum of completed over the same authorities, the matching denominator for a share.
    pub within_target_of: u64,
    /// Authorities with a completed count whose within-target count is suppressed.
    pub within_target_suppressed: usize,
}

/// The combined waiting figures (each authority at its own as-at month).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CombinedWaiting {
    pub waiting: u64,
    pub waiting_suppressed: usize,
    pub over_target: u64,
    /// Sum of waiting over the authorities whose over-target count is published.
    pub over_target_of: u64,
    pub over_target_suppressed: usize,
}

/// One stage across every file.
#[derive(Debug, Clone, PartialEq)]
pub struct StageComparison {
    pub stage: StageId,
    pub target_days: Option<i64>,
    /// The shared run of months: the earliest completed month in any file to the latest as-at month.
    pub months: Vec<Month>,
    /// One series per authority, in the order the files were given.
    pub series: Vec<AuthoritySeries>,
    /// One entry per month of `months`; label it with [`COMBINED_LABEL`].
    pub combined: Vec<CombinedMonth>,
    pub combined_waiting: CombinedWaiting,
}

/// One file's authority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorityInfo {
    pub name: String,
    pub file: String,
    pub as_at: Month,
    /// The file covers a filtered subset of the authority's children.
    pub filtered: bool,
}

/// Every file side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub authorities: Vec<AuthorityInfo>,
    pub accommodated_start: StartChoice,
    pub return_home_is_permanence: bool,
    /// Every stage, in [`StageId::PACE`] order.
    pub stages: Vec<StageComparison>,
}

/// Every problem that stops `files` (name, contents) being compared, each pair named once.
fn problems(files: &[(String, Aggregate)]) -> Vec<CompareError> {
    let mut out = Vec::new();
    let key = |a: &Aggregate| a.meta.authority.trim().to_lowercase();
    for (i, (name, a)) in files.iter().enumerate() {
        if let Some((first, _)) = files[..i].iter().find(|(_, b)| key(b) == key(a)) {
            out.push(CompareError::DuplicateAuthority {
                authority: a.meta.authority.clone(),
                first_file: first.clone(),
                second_file: name.clone(),
            });
        }
    }
    let Some((_, base)) = files.first() else { return vec![CompareError::NoFiles] };
    let who = |a: &Aggregate| a.meta.authority.clone();
    for (_, a) in &files[1..] {
        let (m, b) = (&a.meta, &base.meta);
        if m.accommodated_start != b.accommodated_start {
            out.push(CompareError::MixedStart {
                first: (who(base), b.accommodated_start),
                second: (who(a), m.accommodated_start),
            });
        }
        if m.return_home_is_permanence != b.return_home_is_permanence {
            out.push(CompareError::MixedReturnHome {
                first: (who(base), b.return_home_is_permanence),
                second: (who(a), m.return_home_is_permanence),
            });
        }
        for s in StageId::PACE {
            if m.target(s) != b.target(s) {
                out.push(CompareError::MixedTargets {
                    stage: s,
                    first: (who(base), b.target(s)),
                    second: (who(a), m.target(s)),
                });
            }
        }
    }
    out
}

/// Compares files given as (file name, contents), in that order. Fails with every problem found.
pub fn compare(files: &[(String, Aggregate)]) -> Result<Comparison, Vec<CompareError>> {
    let errors = problems(files);
    let Some((_, base)) = files.first().filter(|_| errors.is_empty()) else { return Err(errors) };
    let authorities = files
        .iter()
        .map(|(file, a)| AuthorityInfo {
            name: a.meta.authority.clone(),
            file: file.clone(),
            as_at: a.meta.as_at,
            filtered: a.meta.filtered,
        })
        .collect();
    Ok(Comparison {
        authorities,
        accommodated_start: base.meta.accommodated_start,
        return_home_is_permanence: base.meta.return_home_is_permanence,
        stages: StageId::PACE.iter().map(|&s| stage_comparison(files, s)).collect(),
    })
}

/// One stage across every file.
fn stage_comparison(files: &[(String, Aggregate)], stage: StageId) -> StageComparison {
    let st = RowStage::Stage(stage);
    let first = files
        .iter()
        .flat_map(|(_, a)| a.rows.iter())
        .filter(|r| r.stage == st && r.measure == Measure::Completed)
        .map(|r| r.period)
        .min();
    let last = files.iter().map(|(_, a)| a.meta.as_at).max();
    let months: Vec<Month> = match (first, last) {
        (Some(f), Some(l)) => f.through(l).collect(),
        _ => Vec::new(),
    };
    let series: Vec<AuthoritySeries> = files
        .iter()
        .map(|(_, a)| {
            // One pass over the file's rows for this stage, then lookups by (month, measure).
            let index: BTreeMap<(Month, Measure), Value> =
                a.rows.iter().filter(|r| r.stage == st).map(|r| ((r.period, r.measure), r.value)).collect();
            let get = |p: Month, m: Measure| index.get(&(p, m)).copied();
            AuthoritySeries {
                authority: a.meta.authority.clone(),
                as_at: a.meta.as_at,
                points: months
                    .iter()
                    .map(|&month| MonthPoint {
                        month,
                        completed: count_figure(get(month, Measure::Completed)),
                        median_days: figure(get(month, Measure::MedianDays)),
                        within_target: count_figure(get(month, Measure::WithinTarget)),
                    })
                    .collect(),
                waiting: count_figure(get(a.meta.as_at, Measure::Waiting)),
                waiting_over_target: count_figure(get(a.meta.as_at, Measure::WaitingOverTarget)),
            }
        })
        .collect();
    let combined = months.iter().enumerate().map(|(k, &month)| combine_month(&series, k, month)).collect();
    let combined_waiting = combine_waiting(&series);
    StageComparison {
        stage,
        target_days: files.first().and_then(|(_, a)| a.meta.target(stage)),
        months,
        series,
        combined,
        combined_waiting,
    }
}

/// Adds up month `k` of every series: published counts only.
fn combine_month(series: &[AuthoritySeries], k: usize, month: Month) -> CombinedMonth {
    let mut c = CombinedMonth {
        month,
        completed: 0,
        completed_published: 0,
        completed_suppressed: 0,
        within_target: 0,
        within_target_of: 0,
        within_target_suppressed: 0,
    };
    for p in series.iter().filter_map(|s| s.points.get(k)) {
        match p.completed {
            Figure::Value(n) => {
                c.completed += n;
                c.completed_published += 1;
            }
            Figure::Suppressed => c.completed_suppressed += 1,
            Figure::Absent => {}
        }
        match (p.completed, p.within_target) {
            (Figure::Value(n), Figure::Value(w)) => {
                c.within_target += w;
                c.within_target_of += n;
            }
            (Figure::Absent, _) | (_, Figure::Absent) => {}
            _ => c.within_target_suppressed += 1,
        }
    }
    c
}

/// Adds up the waiting figures: published counts only.
fn combine_waiting(series: &[AuthoritySeries]) -> CombinedWaiting {
    let mut c = CombinedWaiting::default();
    for s in series {
        match s.waiting {
            Figure::Value(n) => c.waiting += n,
            Figure::Suppressed => c.waiting_suppressed += 1,
            Figure::Absent => {}
        }
        match (s.waiting, s.waiting_over_target) {
            (Figure::Value(n), Figure::Value(o)) => {
                c.over_target += o;
                c.over_target_of += n;
            }
            (Figure::Absent, _) | (_, Figure::Absent) => {}
            _ => c.over_target_suppressed += 1,
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::read_aggregate;

    fn meta(name: &str, as_at: &str, start: u8, home: u8, target: u32) -> String {
        format!(
            "authority,stage,period,measure,value
{name},_meta,{as_at},format_version,1
{name},_meta,{as_at},aim2_start_milestone,{start}
{name},_meta,{as_at},return_home_is_permanence,{home}
{name},_meta,{as_at},filtered,0
{name},panel_to_adm,{as_at},target_days,{target}
"
        )
    }

    fn north() -> Aggregate {
        let rows = "\
North,panel_to_adm,2024-01,completed,10
North,panel_to_adm,2024-01,median_days,5.5
North,panel_to_adm,2024-01,within_target,suppressed
North,panel_to_adm,2024-02,completed,suppressed
North,panel_to_adm,2024-02,median_days,suppressed
North,panel_to_adm,2024-02,within_target,suppressed
North,panel_to_adm,2024-03,completed,6
North,panel_to_adm,2024-03,median_days,17.5
North,panel_to_adm,2024-03,within_target,0
North,panel_to_adm,2024-03,waiting,9
North,panel_to_adm,2024-03,waiting_over_target,suppressed
";
        read_aggregate(&(meta("North", "2024-03", 2, 1, 14) + rows)).unwrap()
    }

    fn south(name: &str, start: u8, home: u8, target: u32) -> Aggregate {
        let rows = "\
NAME,panel_to_adm,2023-12,completed,5
NAME,panel_to_adm,2023-12,median_days,8
NAME,panel_to_adm,2023-12,within_target,5
NAME,panel_to_adm,2024-01,completed,0
NAME,panel_to_adm,2024-01,within_target,0
NAME,panel_to_adm,2024-02,completed,7
NAME,panel_to_adm,2024-02,median_days,12
NAME,panel_to_adm,2024-02,within_target,7
NAME,panel_to_adm,2024-02,waiting,0
NAME,panel_to_adm,2024-02,waiting_over_target,0
"
        .replace("NAME", name);
        read_aggregate(&(meta(name, "2024-02", start, home, target) + &rows)).unwrap()
    }

    fn m(y: i32, mo: u32) -> Month {
        Month::new(y, mo).unwrap()
    }

    #[test]
    fn two_authorities_line_up_month_by_month() {
        let files = vec![("north.csv".to_string(), north()), ("south.csv".to_string(), south("South", 2, 1, 14))];
        let c = compare(&files).unwrap();
        assert_eq!(
            c.authorities.iter().map(|a| (a.name.as_str(), a.as_at)).collect::<Vec<_>>(),
            [("North", m(2024, 3)), ("South", m(2024, 2))]
        );
        let s = &c.stages[StageId::PanelToAdm.index()];
        assert_eq!(s.stage, StageId::PanelToAdm);
        assert_eq!(s.target_days, Some(14));
        // From South's first month to North's as-at month.
        assert_eq!(s.months, [m(2023, 12), m(2024, 1), m(2024, 2), m(2024, 3)]);
        let (n, so) = (&s.series[0], &s.series[1]);
        let completed = |a: &AuthoritySeries| a.points.iter().map(|p| p.completed).collect::<Vec<_>>();
        use Figure::{Absent, Suppressed, Value as V};
        assert_eq!(completed(n), [Absent, V(10), Suppressed, V(6)]);
        assert_eq!(completed(so), [V(5), V(0), V(7), Absent]);
        assert_eq!((n.waiting, n.waiting_over_target), (V(9), Suppressed));
        assert_eq!((so.waiting, so.waiting_over_target), (V(0), V(0)));
        // Run chart series: one point per month of the file, suppressed or absent medians as gaps.
        let medians = |a: &AuthoritySeries| {
            a.median_series().points.iter().map(|p| (p.label.clone().unwrap(), p.value)).collect::<Vec<_>>()
        };
        let nm = medians(n);
        assert_eq!(nm.iter().map(|p| p.0.as_str()).collect::<Vec<_>>(), ["2024-01", "2024-02", "2024-03"]);
        assert_eq!((nm[0].1, nm[2].1), (5.5, 17.5));
        assert!(nm[1].1.is_nan());
        let sm = medians(so);
        assert_eq!(sm.len(), 3);
        assert!(sm[0].1 == 8.0 && sm[1].1.is_nan() && sm[2].1 == 12.0);
        assert_eq!(n.median_series().points[0].date, m(2024, 1).first_day());
    }

    #[test]
    fn the_combined_view_adds_published_counts_only() {
        let files = vec![("north.csv".to_string(), north()), ("south.csv".to_string(), south("South", 2, 1, 14))];
        let c = compare(&files).unwrap();
        let s = &c.stages[StageId::PanelToAdm.index()];
        let row = |k: usize| {
            let x = &s.combined[k];
            (
                x.completed,
                x.completed_published,
                x.completed_suppressed,
                x.within_target,
                x.within_target_of,
                x.within_target_suppressed,
            )
        };
        // 2023-12: South only, 5 of 5 within.
        assert_eq!(row(0), (5, 1, 0, 5, 5, 0));
        // 2024-01: 10 + 0; North's within target is suppressed, South's 0 of 0 counts.
        assert_eq!(row(1), (10, 2, 0, 0, 0, 1));
        // 2024-02: North suppressed (left out, not guessed), South 7 of 7.
        assert_eq!(row(2), (7, 1, 1, 7, 7, 1));
        // 2024-03: North only, 0 of 6.
        assert_eq!(row(3), (6, 1, 0, 0, 6, 0));
        assert_eq!(
            s.combined_waiting,
            CombinedWaiting {
                waiting: 9,
                waiting_suppressed: 0,
                over_target: 0,
                over_target_of: 0,
                over_target_suppressed: 1
            }
        );
        assert!(COMBINED_LABEL.contains("published counts only"));
        // A stage nobody completed anywhere has no months, and waiting figures only.
        let court = &c.stages[StageId::CourtToOrder.index()];
        assert!(court.months.is_empty() && court.combined.is_empty());
        assert_eq!(court.series[0].waiting, Figure::Absent);
    }

    #[test]
    fn duplicates_and_mixed_settings_are_refused_with_every_reason() {
        assert_eq!(compare(&[]), Err(vec![CompareError::NoFiles]));
        let files = vec![
            ("north.csv".to_string(), north()),
            ("north-again.csv".to_string(), south(" north", 2, 1, 14)),
            ("west.csv".to_string(), south("West", 1, 0, 21)),
        ];
        let errors = compare(&files).unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            [
                "north.csv and north-again.csv are both for north; load one file per authority (or name each team differently)",
                "mixed settings: North starts aim 2 at last accommodated (M2) but West at first accommodated (M1)",
                "mixed settings: North counts a return home as legal permanence but West does not",
                "mixed settings for Panel to ADM decision: North uses 14 days but West uses 21 days; figures against \
             different targets cannot be compared",
            ]
        );
        assert!(matches!(errors[3], CompareError::MixedTargets { stage: StageId::PanelToAdm, .. }));
    }
}
