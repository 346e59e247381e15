//! What the "Where is the delay?" screen shows, decided here so the screen only lays it out: which
//! part of the journey each stage sits in, the orders the table of children waiting can take, and
//! the sentence on where the time goes (docs/domain.md#stages).

use super::delay::{DelayReport, WaitingNow};
use super::stages::StageId;
use crate::card::days_text;

/// Where a stage sits relative to the court application (M7).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JourneyPart {
    BeforeCourt,
    AfterCourt,
    /// From accommodation to the order: spans both parts.
    WholeJourney,
}

impl JourneyPart {
    pub fn of(id: StageId) -> JourneyPart {
        match id {
            StageId::CourtToOrder => JourneyPart::AfterCourt,
            StageId::AccommodatedToOrder => JourneyPart::WholeJourney,
            _ => JourneyPart::BeforeCourt,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            JourneyPart::BeforeCourt => "Before the court application",
            JourneyPart::AfterCourt => "After the court application",
            JourneyPart::WholeJourney => "Whole journey",
        }
    }
}

/// How the table of children waiting is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitingOrder {
    Longest,
    Shortest,
    Milestone,
    Child,
}

impl WaitingOrder {
    pub const ALL: [WaitingOrder; 4] =
        [WaitingOrder::Longest, WaitingOrder::Shortest, WaitingOrder::Milestone, WaitingOrder::Child];

    /// A stable key for a `<select>` option.
    pub const fn key(self) -> &'static str {
        match self {
            WaitingOrder::Longest => "longest",
            WaitingOrder::Shortest => "shortest",
            WaitingOrder::Milestone => "milestone",
            WaitingOrder::Child => "child",
        }
    }

    pub fn from_key(key: &str) -> Option<WaitingOrder> {
        WaitingOrder::ALL.into_iter().find(|o| o.key() == key)
    }

    pub const fn label(self) -> &'static str {
        match self {
            WaitingOrder::Longest => "Longest time since the milestone first",
            WaitingOrder::Shortest => "Shortest time since the milestone first",
            WaitingOrder::Milestone => "Milestone reached, furthest first",
            WaitingOrder::Child => "Child id",
        }
    }

    /// The `aria-sort` of the "Days since" column in this order.
    pub const fn days_aria_sort(self) -> &'static str {
        match self {
            WaitingOrder::Longest => "descending",
            WaitingOrder::Shortest => "ascending",
            _ => "none",
        }
    }
}

/// The children waiting now in `order`. The report is already longest first (ties by child id).
pub fn waiting_in_order(r: &DelayReport, order: WaitingOrder) -> Vec<&WaitingNow> {
    let mut rows: Vec<&WaitingNow> = r.waiting_now.iter().collect();
    match order {
        WaitingOrder::Longest => {}
        WaitingOrder::Shortest => rows.reverse(),
        WaitingOrder::Milestone => crate::order::sort_by(&mut rows, |a, b| {
            b.latest_milestone.cmp(&a.latest_milestone).then(b.days_since.cmp(&a.days_since))
        }),
        WaitingOrder::Child => crate::order::sort_by(&mut rows, |a, b| a.child_id.cmp(&b.child_id)),
    }
    rows
}

/// The sentence on where the time goes among children with legal permanence: how many, the
/// longest stage before the court application (the recommendation-to-ADM stage is left out: it
/// overlaps the stages it spans), and the median after it. `None` when no child has permanence.
pub fn where_time_goes(r: &DelayReport) -> Option<String> {
    let p = &r.permanence_reached;
    if p.n == 0 {
        return None;
    }
    let mut sentence = format!(
        "{} {} legal permanence by the as-at date.",
        p.n,
        if p.n == 1 { "child reached" } else { "children reached" }
    );
    let before = p
        .stages
        .iter()
        .filter(|s| JourneyPart::of(s.id) == JourneyPart::BeforeCourt && s.id != StageId::RecommendationToAdm)
        .filter_map(|s| s.median_days.map(|m| (s, m)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((s, m)) = before {
        sentence.push_str(&format!(
            " Before the court application, the longest stage is \u{201c}{}\u{201d} (median {}).",
            s.id.label(),
            days_text(Some(m))
        ));
    }
    let after = p.stages.iter().find(|s| s.id == StageId::CourtToOrder).and_then(|s| s.median_days);
    if let Some(m) = after {
        sentence.push_str(&format!(
            " After it, court application to order granted has a median of {}.",
            days_text(Some(m))
        ));
    }
    Some(sentence)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::delay::{PermanenceReached, StageMedian};

    fn report(stages: Vec<StageMedian>, n: usize) -> DelayReport {
        DelayReport {
            waiting_now: vec![],
            by_latest_milestone: vec![],
            permanence_reached: PermanenceReached { n, stages },
        }
    }

    fn median(id: StageId, m: Option<f64>) -> StageMedian {
        StageMedian { id, n: 3, median_days: m }
    }

    #[test]
    fn the_court_application_splits_the_journey() {
        assert_eq!(JourneyPart::of(StageId::CourtToOrder), JourneyPart::AfterCourt);
        assert_eq!(JourneyPart::of(StageId::AccommodatedToOrder), JourneyPart::WholeJourney);
        assert_eq!(JourneyPart::of(StageId::AdmToCourt), JourneyPart::BeforeCourt);
        assert_eq!(JourneyPart::of(StageId::AccommodatedToRecommendation).label(), "Before the court application");
    }

    #[test]
    fn orders_round_trip_through_their_keys() {
        for o in WaitingOrder::ALL {
            assert_eq!(WaitingOrder::from_key(o.key()), Some(o));
        }
        assert_eq!(WaitingOrder::from_key("sideways"), None);
    }

    #[test]
    fn the_longest_stage_before_court_is_named_and_recommendation_to_adm_is_left_out() {
        // By hand: before the court application the medians are 200 (accommodated to
        // recommendation), 40 (ADM to court) and 500 for recommendation to ADM, which is left out
        // because it spans stages; so 200 is the longest. After it, 90.5 days.
        let r = report(
            vec![
                median(StageId::AccommodatedToRecommendation, Some(200.0)),
                median(StageId::RecommendationToAdm, Some(500.0)),
                median(StageId::AdmToCourt, Some(40.0)),
                median(StageId::CourtToOrder, Some(90.5)),
                median(StageId::AccommodatedToOrder, Some(900.0)),
            ],
            4,
        );
        let s = where_time_goes(&r).unwrap();
        assert!(s.starts_with("4 children reached legal permanence by the as-at date."), "{s}");
        assert!(
            s.contains(&format!(
                "the longest stage is \u{201c}{}\u{201d} (median 200 days)",
                StageId::AccommodatedToRecommendation.label()
            )),
            "{s}"
        );
        assert!(s.ends_with("After it, court application to order granted has a median of 90.5 days."), "{s}");
    }

    #[test]
    fn one_child_and_no_medians_say_only_the_count() {
        let r = report(vec![median(StageId::AdmToCourt, None)], 1);
        assert_eq!(where_time_goes(&r).unwrap(), "1 child reached legal permanence by the as-at date.");
        assert_eq!(where_time_goes(&report(vec![], 0)), None);
    }
}
