//! Disclosure control for the aggregate file. The rules, their reasons and what they do not cover
//! are written up in docs/disclosure.md; the rule numbers below are that document's.
//!
//! Counts come in pairs of a total and a part of it: completed and within_target (the children
//! who finished in a month, and those of them within the target), waiting and
//! waiting_over_target (the children waiting at the as-at date, and those of them past the
//! target). A stage without a target has totals only. Some stages overlap, so their totals are
//! linked by [`Relation`]s.
//!
//! While a file is built, [`control_linked`] decides which totals of one period are withheld
//! (rules 1 and 5), then [`control_part`] and [`control_median`] decide each part and median
//! (rules 1 to 4). [`control_pair`] and [`control_count`] are the same rules for a lone pair or
//! count. [`check`] tests a finished set of rows against what the rules guarantee, and is run on
//! every file built (and every file read back) as a second line of defence.

use std::collections::BTreeMap;
use std::fmt;

use super::{Measure, Month, Row, RowStage, Value};
use crate::analysis::StageId as S;

/// The smallest number of children a published count may describe (zero aside): counts from 1 to
/// `THRESHOLD - 1` are suppressed (docs/disclosure.md, rule 1).
pub const THRESHOLD: u64 = 5;

/// True for a count from 1 to 4: a small group of children that must not be published.
pub fn is_small(n: u64) -> bool {
    (1..THRESHOLD).contains(&n)
}

/// A total and its part, as they may be published.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PublishedPair {
    pub total: Value,
    pub part: Value,
}

/// A count with no part beside it (a stage without a target): suppressed when 1 to 4
/// (docs/disclosure.md, rule 1).
pub fn control_count(n: u64) -> Value {
    if is_small(n) { Value::Suppressed } else { Value::count(n) }
}

/// A total and its part (`part <= total`), by docs/disclosure.md:
/// - rule 1: a total or part from 1 to 4 is suppressed;
/// - rule 2: when the total is suppressed, so is the part (a published 0 beside a suppressed
///   total would say that every one of those 1 to 4 children was over, or within, the target);
/// - rule 3: when both could be published but total - part is 1 to 4, the part is suppressed,
///   never the total. The difference (the other side of the target) is never published, so the
///   suppressed part cannot be worked back.
pub fn control_pair(total: u64, part: u64) -> PublishedPair {
    PublishedPair { total: control_count(total), part: control_part(total, !is_small(total), part) }
}

/// The part of a total that is already decided (for totals that take part in a relation): the
/// part is withheld with its total (rule 2), when it is 1 to 4 (rule 1), or when it differs
/// from its total by 1 to 4 (rule 3).
pub fn control_part(total: u64, total_published: bool, part: u64) -> Value {
    let part = part.min(total);
    if !total_published || is_small(part) || is_small(total - part) { Value::Suppressed } else { Value::count(part) }
}

/// The median days of the children who completed (docs/disclosure.md, rule 4), given the
/// completed count as published: the median is published only beside a published count of at
/// least [`THRESHOLD`] and withheld otherwise; there is no row at all when nobody completed.
pub fn control_median(completed: Value, median: Option<f64>) -> Option<Value> {
    match (completed, median) {
        (_, None) => None,
        (Value::Number(n), Some(m)) if n >= THRESHOLD as f64 => Some(Value::Number(m)),
        _ => Some(Value::Suppressed),
    }
}

/// Stages whose children overlap, so that one stage's count is (nearly) the sum of others'
/// counts for the same period (docs/disclosure.md, rule 5). The sum is exact for clean data and
/// off by the children with unusual records (a blank milestone, the home route), so it is
/// treated as exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relation {
    pub total: S,
    pub parts: &'static [S],
    /// The order in which counts are withheld when the relation would reveal a small group: the
    /// supporting and descriptive stages go before the PACE aims.
    pub give_up: &'static [S],
}

/// Relations between the waiting counts at the as-at date. Everyone waiting for aim 3 (the
/// recommendation to the ADM decision) waits either for the panel or, after it, for the
/// decision; everyone waiting for legal permanence waits at one of aims 2, 3 and 4 or at court.
pub const WAITING_RELATIONS: [Relation; 2] = [
    Relation {
        total: S::AccommodatedToOrder,
        parts: &[S::AccommodatedToRecommendation, S::RecommendationToAdm, S::AdmToCourt, S::CourtToOrder],
        give_up: &[
            S::AccommodatedToOrder,
            S::CourtToOrder,
            S::AdmToCourt,
            S::AccommodatedToRecommendation,
            S::RecommendationToAdm,
        ],
    },
    Relation {
        total: S::RecommendationToAdm,
        parts: &[S::RecommendationToPanel, S::PanelToAdm],
        give_up: &[S::RecommendationToPanel, S::PanelToAdm, S::RecommendationToAdm],
    },
];

/// Relations between the completed counts of one month: two stages that end at the same
/// milestone count nearly the same children (aim 3 and panel to ADM both end at the ADM
/// decision; the whole journey and court to order both end at the order, the whole journey also
/// counting returns home).
pub const COMPLETED_RELATIONS: [Relation; 2] = [
    Relation {
        total: S::RecommendationToAdm,
        parts: &[S::PanelToAdm],
        give_up: &[S::PanelToAdm, S::RecommendationToAdm],
    },
    Relation {
        total: S::AccommodatedToOrder,
        parts: &[S::CourtToOrder],
        give_up: &[S::CourtToOrder, S::AccommodatedToOrder],
    },
];

/// Why a count is withheld, or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suppression {
    Published,
    /// From 1 to 4 (rule 1).
    Small,
    /// A part of a relation whose total is small (rule 5, like rule 2 within a stage).
    SmallTotal,
    /// Withheld so that a relation does not reveal a small group (rule 5).
    Secondary,
}

impl Suppression {
    pub fn is_published(self) -> bool {
        self == Suppression::Published
    }
}

/// The number a relation reveals from the published counts, if its total is published:
/// |total - sum of the published parts|, which counts the children in the withheld parts (and
/// those with unusual records). A count with no row reads as a published 0.
fn revealed(r: &Relation, counts: &[Option<u64>; S::PACE_COUNT], why: &[Suppression; S::PACE_COUNT]) -> Option<u64> {
    let published = |s: S| if why[s.index()].is_published() { Some(counts[s.index()].unwrap_or(0)) } else { None };
    let total = published(r.total)?;
    let parts: u64 = r.parts.iter().filter_map(|&p| published(p)).sum();
    Some(total.abs_diff(parts))
}

/// Decides which of one period's counts (one per stage; `None` where the file has no such row)
/// are withheld, by rules 1 and 5 of docs/disclosure.md: counts from 1 to 4; the parts of a
/// relation whose total is withheld as small (through nested relations too); then, until no
/// relation reveals a count from 1 to 4, the first still-published count in that relation's
/// `give_up` order.
pub fn control_linked(counts: &[Option<u64>; S::PACE_COUNT], relations: &[Relation]) -> [Suppression; S::PACE_COUNT] {
    let mut why = counts.map(|c| if c.is_some_and(is_small) { Suppression::Small } else { Suppression::Published });
    let mut changed = true;
    while changed {
        changed = false;
        for r in relations {
            if matches!(why[r.total.index()], Suppression::Small | Suppression::SmallTotal) {
                for p in r.parts {
                    if counts[p.index()].is_some() && why[p.index()].is_published() {
                        why[p.index()] = Suppression::SmallTotal;
                        changed = true;
                    }
                }
            }
        }
    }
    changed = true;
    while changed {
        changed = false;
        for r in relations {
            if !revealed(r, counts, &why).is_some_and(is_small) {
                continue;
            }
            let next = r.give_up.iter().find(|s| counts[s.index()].is_some() && why[s.index()].is_published());
            if let Some(s) = next {
                why[s.index()] = Suppression::Secondary;
                changed = true;
            }
        }
    }
    why
}

/// The (total, part) pairs whose difference counts a group of children.
pub const PAIRS: [(Measure, Measure); 2] =
    [(Measure::Completed, Measure::WithinTarget), (Measure::Waiting, Measure::WaitingOverTarget)];

/// A way a set of rows breaks the rules.
#[derive(Debug, Clone, PartialEq)]
pub enum Breach {
    /// A published count from 1 to 4 (rule 1).
    SmallCount { authority: String, stage: RowStage, period: Month, measure: Measure, value: u64 },
    /// A published part beside a suppressed or missing total (rule 2).
    PartWithoutTotal { authority: String, stage: RowStage, period: Month, part: Measure },
    /// A published total and part whose difference is 1 to 4 (rule 3).
    SmallDifference { authority: String, stage: RowStage, period: Month, part: Measure, difference: u64 },
    /// A part larger than its total: the file is inconsistent.
    PartExceedsTotal { authority: String, stage: RowStage, period: Month, part: Measure },
    /// A published median beside a suppressed, missing or small completed count (rule 4).
    MedianWithoutCount { authority: String, stage: RowStage, period: Month },
    /// Counts of overlapping stages whose difference reveals a small group (rule 5).
    LinkedStages { authority: String, period: Month, measure: Measure, total: S, revealed: u64 },
    /// A count that is not a whole number.
    NotACount { authority: String, stage: RowStage, period: Month, measure: Measure },
}

impl fmt::Display for Breach {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Breach::SmallCount { authority, stage, period, measure, value } => write!(
                f,
                "{authority}, {}, {period}: {} is {value}; counts from 1 to 4 must be suppressed",
                stage.key(),
                measure.key()
            ),
            Breach::PartWithoutTotal { authority, stage, period, part } => {
                write!(f, "{authority}, {}, {period}: {} is published but its total is not", stage.key(), part.key())
            }
            Breach::SmallDifference { authority, stage, period, part, difference } => write!(
                f,
                "{authority}, {}, {period}: {} differs from its total by {difference}, which reveals a small group",
                stage.key(),
                part.key()
            ),
            Breach::PartExceedsTotal { authority, stage, period, part } => {
                write!(f, "{authority}, {}, {period}: {} is larger than its total", stage.key(), part.key())
            }
            Breach::MedianWithoutCount { authority, stage, period } => write!(
                f,
                "{authority}, {}, {period}: median_days is published for fewer than 5 completed (or a suppressed count)",
                stage.key()
            ),
            Breach::LinkedStages { authority, period, measure, total, revealed } => write!(
                f,
                "{authority}, {period}: {} for {} and the stages it overlaps differ by {revealed}, which reveals a small group",
                measure.key(),
                total.key()
            ),
            Breach::NotACount { authority, stage, period, measure } => {
                write!(f, "{authority}, {}, {period}: {} is not a whole number", stage.key(), measure.key())
            }
        }
    }
}

/// Every way `rows` break the rules (empty when they keep them). Checks each (authority, stage,
/// period) group: no published count from 1 to 4, no published part beside a suppressed total,
/// no published total and part differing by 1 to 4, and no median beside fewer than 5 completed;
/// then each relation between overlapping stages in each period.
pub fn check(rows: &[Row]) -> Vec<Breach> {
    let mut out = check_groups(rows);
    check_relations(rows, &mut out);
    out
}

/// Rule 5 on published rows: no relation between overlapping stages reveals 1 to 4 children.
fn check_relations(rows: &[Row], out: &mut Vec<Breach>) {
    let mut periods: BTreeMap<(&str, Month, Measure), [Option<Value>; S::PACE_COUNT]> = BTreeMap::new();
    for r in rows {
        if let (RowStage::Stage(s), Measure::Waiting | Measure::Completed) = (r.stage, r.measure) {
            periods.entry((r.authority.as_str(), r.period, r.measure)).or_insert([None; S::PACE_COUNT])[s.index()] =
                Some(r.value);
        }
    }
    for ((authority, period, measure), values) in periods {
        let relations: &[Relation] =
            if measure == Measure::Waiting { &WAITING_RELATIONS } else { &COMPLETED_RELATIONS };
        let counts = values.map(|v| v.and_then(Value::as_count));
        let why =
            values.map(|v| if v == Some(Value::Suppressed) { Suppression::Secondary } else { Suppression::Published });
        for r in relations {
            if let Some(d) = revealed(r, &counts, &why).filter(|d| is_small(*d)) {
                out.push(Breach::LinkedStages {
                    authority: authority.to_string(),
                    period,
                    measure,
                    total: r.total,
                    revealed: d,
                });
            }
        }
    }
}

/// Rules 1 to 4 within each (authority, stage, period) group.
fn check_groups(rows: &[Row]) -> Vec<Breach> {
    type Group = BTreeMap<Measure, Value>;
    let mut groups: BTreeMap<(&str, RowStage, Month), Group> = BTreeMap::new();
    for r in rows {
        groups.entry((r.authority.as_str(), r.stage, r.period)).or_default().insert(r.measure, r.value);
    }
    let mut out = Vec::new();
    for ((authority, stage, period), g) in groups {
        let at = || (authority.to_string(), stage, period);
        let count = |m: Measure| g.get(&m).and_then(|v| v.number());
        for (&measure, value) in &g {
            let Some(x) = value.number().filter(|_| measure.kind() == super::MeasureKind::Count) else { continue };
            let (authority, stage, period) = at();
            if x.fract() != 0.0 || x < 0.0 {
                out.push(Breach::NotACount { authority, stage, period, measure });
            } else if is_small(x as u64) {
                out.push(Breach::SmallCount { authority, stage, period, measure, value: x as u64 });
            }
        }
        for (total, part) in PAIRS {
            let Some(p) = count(part) else { continue };
            let (authority, stage, period) = at();
            match count(total) {
                None => out.push(Breach::PartWithoutTotal { authority, stage, period, part }),
                Some(t) if p > t => out.push(Breach::PartExceedsTotal { authority, stage, period, part }),
                Some(t) if is_small((t - p) as u64) => {
                    out.push(Breach::SmallDifference { authority, stage, period, part, difference: (t - p) as u64 })
                }
                Some(_) => {}
            }
        }
        if count(Measure::MedianDays).is_some() && !count(Measure::Completed).is_some_and(|n| n >= THRESHOLD as f64) {
            let (authority, stage, period) = at();
            out.push(Breach::MedianWithoutCount { authority, stage, period });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Value = Value::Suppressed;

    fn n(x: u64) -> Value {
        Value::count(x)
    }

    fn pair(total: Value, part: Value) -> PublishedPair {
        PublishedPair { total, part }
    }

    #[test]
    fn rule_1_counts_from_1_to_4_are_suppressed_and_0_is_not() {
        assert_eq!(control_count(0), n(0));
        for k in 1..=4 {
            assert_eq!(control_count(k), S, "{k}");
        }
        assert_eq!(control_count(5), n(5));
        assert_eq!(control_count(123), n(123));
        // A small part under a large total: 20 completed, 3 within target.
        assert_eq!(control_pair(20, 3), pair(n(20), S));
    }

    #[test]
    fn rule_2_a_part_of_a_suppressed_total_is_suppressed() {
        // 3 completed, none within target: publishing the 0 would say all 3 were over target.
        assert_eq!(control_pair(3, 0), pair(S, S));
        assert_eq!(control_pair(4, 4), pair(S, S));
        assert_eq!(control_pair(1, 1), pair(S, S));
        // Nothing completed: two zeros say nothing about anyone.
        assert_eq!(control_pair(0, 0), pair(n(0), n(0)));
    }

    #[test]
    fn rule_3_a_part_within_1_to_4_of_its_total_is_suppressed() {
        // 10 completed, 7 within: 10 - 7 = 3 over target would be revealed.
        assert_eq!(control_pair(10, 7), pair(n(10), S));
        // 9 waiting, 5 over target: 4 not yet over.
        assert_eq!(control_pair(9, 5), pair(n(9), S));
        // 10 and 5: the difference is 5, safe.
        assert_eq!(control_pair(10, 5), pair(n(10), n(5)));
        // All or none within target: differences of 0 and 6 reveal no small group.
        assert_eq!(control_pair(6, 6), pair(n(6), n(6)));
        assert_eq!(control_pair(6, 0), pair(n(6), n(0)));
        // Both the part and the difference are small: still only the part goes.
        assert_eq!(control_pair(5, 2), pair(n(5), S));
        assert_eq!(control_pair(7, 3), pair(n(7), S));
    }

    #[test]
    fn rule_4_medians_need_five_completed() {
        assert_eq!(control_median(n(0), None), None);
        assert_eq!(control_median(S, Some(100.0)), Some(S));
        assert_eq!(control_median(n(5), Some(182.5)), Some(Value::Number(182.5)));
        // A count of 5 or more withheld by rule 5 takes its median with it.
        assert_eq!(control_median(S, Some(7.0)), Some(S));
    }

    #[test]
    fn every_pair_up_to_60_keeps_the_guarantees() {
        // Exhaustive over every total and part: published counts are 0 or at least 5, a published
        // part has a published total, and a published pair never differs by 1 to 4.
        for total in 0..=60u64 {
            for part in 0..=total {
                let p = control_pair(total, part);
                let t = p.total.as_count();
                let q = p.part.as_count();
                assert!(!t.is_some_and(is_small) && !q.is_some_and(is_small), "{total}/{part}");
                if let Some(q) = q {
                    let t = t.unwrap_or_else(|| panic!("{total}/{part}: part without total"));
                    assert!(!is_small(t - q), "{total}/{part}");
                    assert_eq!((t, q), (total, part), "published values are the true ones");
                }
                // Only ever the part is withheld when the total is publishable.
                assert_eq!(t.is_none(), is_small(total), "{total}/{part}");
            }
        }
    }

    /// Waiting counts by stage, in [`StageId::PACE`] order, every stage present.
    fn waiting(a2: u64, p1: u64, p2: u64, a3: u64, a4: u64, c1: u64, t1: u64) -> [Option<u64>; S::PACE_COUNT] {
        [Some(0), Some(a2), Some(p1), Some(p2), Some(a3), Some(a4), Some(c1), Some(t1)]
    }

    fn withheld(why: &[Suppression; S::PACE_COUNT]) -> Vec<&'static str> {
        S::PACE.iter().filter(|s| !why[s.index()].is_published()).map(|s| s.key()).collect()
    }

    #[test]
    fn rule_5_overlapping_stages_do_not_reveal_a_withheld_count() {
        // Clean data: aim 3's 13 waiting = 10 before the panel + 3 after it. Publishing 13 and
        // 10 would give the 3 away, so the panel stage goes too; aim 3 stays.
        let why = control_linked(&waiting(0, 10, 3, 13, 0, 0, 13), &WAITING_RELATIONS);
        assert_eq!(withheld(&why), ["recommendation_to_panel", "panel_to_adm"]);
        assert_eq!(why[S::PanelToAdm.index()], Suppression::Small);
        assert_eq!(why[S::RecommendationToPanel.index()], Suppression::Secondary);
        // Whole journey 20 = 6 + 7 + 5 + 2: the court stage's 2 is withheld, and 20 - 18 would
        // reveal it, so the whole journey's count is withheld.
        let why = control_linked(&waiting(6, 7, 0, 7, 5, 2, 20), &WAITING_RELATIONS);
        assert_eq!(withheld(&why), ["court_to_order", "accommodated_to_order"]);
        // Unusual records make the sum inexact: 22 against 6 + 7 + 5 = 18 reveals 4 children.
        let why = control_linked(&waiting(6, 7, 0, 7, 5, 0, 22), &WAITING_RELATIONS);
        assert_eq!(withheld(&why), ["accommodated_to_order"]);
        // A small total takes its parts with it, zeros included (a published 0 beside it would say
        // where those few children are), through the nested relation too.
        let why = control_linked(&waiting(0, 0, 3, 3, 0, 0, 3), &WAITING_RELATIONS);
        assert_eq!(withheld(&why), S::PACE[1..].iter().map(|s| s.key()).collect::<Vec<_>>());
        assert_eq!(why[S::RecommendationToPanel.index()], Suppression::SmallTotal);
        // Nothing small, nothing revealed: all published.
        assert!(withheld(&control_linked(&waiting(6, 7, 8, 15, 5, 9, 35), &WAITING_RELATIONS)).is_empty());
        // Completed in one month: aim 3 has 12 reaching the ADM decision, panel to ADM 10 (two had
        // no panel): the panel stage's count is withheld. A stage with no row counts as 0.
        let mut done = [None; S::PACE_COUNT];
        done[S::RecommendationToAdm.index()] = Some(12);
        done[S::PanelToAdm.index()] = Some(10);
        assert_eq!(withheld(&control_linked(&done, &COMPLETED_RELATIONS)), ["panel_to_adm"]);
        done[S::PanelToAdm.index()] = None;
        assert!(withheld(&control_linked(&done, &COMPLETED_RELATIONS)).is_empty());
    }

    fn row(stage: RowStage, measure: Measure, value: Value) -> Row {
        Row {
            authority: "Anyshire".into(),
            stage,
            period: Month::new(2024, 3).unwrap_or_else(|| unreachable!()),
            measure,
            value,
        }
    }

    #[test]
    fn the_checker_finds_each_kind_of_breach() {
        use crate::analysis::StageId;
        let st = RowStage::Stage(StageId::PanelToAdm);
        let kinds = |rows: &[Row]| -> Vec<&'static str> {
            check(rows)
                .iter()
                .map(|b| match b {
                    Breach::SmallCount { .. } => "small",
                    Breach::PartWithoutTotal { .. } => "orphan",
                    Breach::SmallDifference { .. } => "difference",
                    Breach::PartExceedsTotal { .. } => "exceeds",
                    Breach::MedianWithoutCount { .. } => "median",
                    Breach::NotACount { .. } => "fraction",
                    Breach::LinkedStages { .. } => "linked",
                })
                .collect()
        };
        assert!(kinds(&[row(st, Measure::Completed, n(10)), row(st, Measure::WithinTarget, n(5))]).is_empty());
        // A published 3 is small, and also the difference from aim 3's (missing, so 0) count.
        assert_eq!(kinds(&[row(st, Measure::Waiting, n(3))]), ["small", "linked"]);
        assert_eq!(kinds(&[row(st, Measure::Completed, S), row(st, Measure::WithinTarget, n(0))]), ["orphan"]);
        assert_eq!(
            kinds(&[row(st, Measure::Waiting, n(9)), row(st, Measure::WaitingOverTarget, n(5))]),
            ["difference"]
        );
        assert_eq!(kinds(&[row(st, Measure::Waiting, n(9)), row(st, Measure::WaitingOverTarget, n(19))]), ["exceeds"]);
        assert_eq!(kinds(&[row(st, Measure::Completed, S), row(st, Measure::MedianDays, n(40))]), ["median"]);
        assert_eq!(kinds(&[row(st, Measure::Completed, Value::Number(5.5))]), ["fraction"]);
        // Settings and medians are not counts: a target of 3 days is fine.
        assert!(kinds(&[row(st, Measure::TargetDays, n(3))]).is_empty());
        // Aim 3's 13 waiting beside 10 for the panel and the panel stage's withheld: 3 revealed.
        let a3 = RowStage::Stage(StageId::RecommendationToAdm);
        let p1 = RowStage::Stage(StageId::RecommendationToPanel);
        assert_eq!(
            kinds(&[row(a3, Measure::Waiting, n(13)), row(p1, Measure::Waiting, n(10)), row(st, Measure::Waiting, S)]),
            ["linked"]
        );
        assert!(
            kinds(&[row(a3, Measure::Waiting, n(13)), row(p1, Measure::Waiting, S), row(st, Measure::Waiting, S)])
                .is_empty()
        );
        // Completed and waiting are different children: their difference counts nobody.
        assert!(kinds(&[row(st, Measure::Completed, n(10)), row(st, Measure::Waiting, n(8))]).is_empty());
    }
}
