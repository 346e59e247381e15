//! The shared data model: one looked-after child's milestone dates, placements and events.
//!
//! Ingest produces a [`Dataset`]; analysis, run charts and timelines read it. Every record keeps
//! the sheet and row it came from so any figure can be traced back to the user's spreadsheet.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ingest::fields::normalise;

/// A permanence milestone (docs/domain.md#milestones). The discriminant indexes [`Child::dates`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    /// M0: first involvement or initial referral.
    FirstReferral,
    /// M1: first accommodated away from home.
    FirstAccommodated,
    /// M2: last (most recent) accommodated away from home.
    LastAccommodated,
    /// MH: start of a Compulsory Supervision Order while looked after at home.
    CsoAtHomeStart,
    /// MR: review of the Child's Plan or CSO for a child at home (aim 1).
    CsoReview,
    /// M3: permanence recommendation, usually at a LAC review.
    PermanenceRecommendation,
    /// M4: permanence (fostering/adoption) panel.
    PermanencePanel,
    /// M5: Agency Decision Maker decision.
    AdmDecision,
    /// M6: start of the final permanent placement (may precede M5).
    FinalPlacement,
    /// M7: application lodged with the court.
    CourtApplication,
    /// M8: order granted (legal permanence).
    OrderGranted,
    /// Mx: ceased to be looked after.
    CeasedLookedAfter,
}

impl Milestone {
    /// Number of milestones, the length of [`Child::dates`].
    pub const COUNT: usize = 12;

    /// Every milestone in journey order.
    pub const ALL: [Milestone; Self::COUNT] = [
        Milestone::FirstReferral,
        Milestone::FirstAccommodated,
        Milestone::LastAccommodated,
        Milestone::CsoAtHomeStart,
        Milestone::CsoReview,
        Milestone::PermanenceRecommendation,
        Milestone::PermanencePanel,
        Milestone::AdmDecision,
        Milestone::FinalPlacement,
        Milestone::CourtApplication,
        Milestone::OrderGranted,
        Milestone::CeasedLookedAfter,
    ];

    /// Position in [`Child::dates`].
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Canonical column name, as in the template workbook (docs/domain.md#input-columns).
    pub const fn key(self) -> &'static str {
        match self {
            Milestone::FirstReferral => "first_referral_date",
            Milestone::FirstAccommodated => "first_accommodated_date",
            Milestone::LastAccommodated => "last_accommodated_date",
            Milestone::CsoAtHomeStart => "cso_at_home_start_date",
            Milestone::CsoReview => "cso_review_date",
            Milestone::PermanenceRecommendation => "permanence_recommendation_date",
            Milestone::PermanencePanel => "permanence_panel_date",
            Milestone::AdmDecision => "adm_decision_date",
            Milestone::FinalPlacement => "final_placement_date",
            Milestone::CourtApplication => "court_application_date",
            Milestone::OrderGranted => "order_granted_date",
            Milestone::CeasedLookedAfter => "ceased_looked_after_date",
        }
    }

    /// Plain-English label for screens and reports.
    pub const fn label(self) -> &'static str {
        match self {
            Milestone::FirstReferral => "First referral",
            Milestone::FirstAccommodated => "First accommodated",
            Milestone::LastAccommodated => "Last accommodated",
            Milestone::CsoAtHomeStart => "CSO at home started",
            Milestone::CsoReview => "CSO review",
            Milestone::PermanenceRecommendation => "Permanence recommendation",
            Milestone::PermanencePanel => "Permanence panel",
            Milestone::AdmDecision => "ADM decision",
            Milestone::FinalPlacement => "Final placement",
            Milestone::CourtApplication => "Court application",
            Milestone::OrderGranted => "Order granted",
            Milestone::CeasedLookedAfter => "Ceased to be looked after",
        }
    }

    /// The label as it reads mid-sentence: "first referral", but "CSO at home started" keeps
    /// its capitals.
    pub fn label_in_sentence(self) -> String {
        crate::text::lower_first(self.label())
    }

    /// Short code used on screen and in docs/domain.md#milestones (M0..M8, MH, MR, Mx).
    pub const fn code(self) -> &'static str {
        match self {
            Milestone::FirstReferral => "M0",
            Milestone::FirstAccommodated => "M1",
            Milestone::LastAccommodated => "M2",
            Milestone::CsoAtHomeStart => "MH",
            Milestone::CsoReview => "MR",
            Milestone::PermanenceRecommendation => "M3",
            Milestone::PermanencePanel => "M4",
            Milestone::AdmDecision => "M5",
            Milestone::FinalPlacement => "M6",
            Milestone::CourtApplication => "M7",
            Milestone::OrderGranted => "M8",
            Milestone::CeasedLookedAfter => "Mx",
        }
    }

    /// Looks a milestone up by its canonical key.
    pub fn from_key(key: &str) -> Option<Milestone> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// Placement-type categories from Scottish Government statistics (docs/domain.md#placement-types).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlacementType {
    AtHome,
    Kinship,
    FosterLa,
    FosterPurchased,
    ProspectiveAdopters,
    OtherCommunity,
    Residential,
    Secure,
    Unknown,
}

impl PlacementType {
    /// Every category, in the order screens list them.
    pub const ALL: [PlacementType; 9] = [
        PlacementType::AtHome,
        PlacementType::Kinship,
        PlacementType::FosterLa,
        PlacementType::FosterPurchased,
        PlacementType::ProspectiveAdopters,
        PlacementType::OtherCommunity,
        PlacementType::Residential,
        PlacementType::Secure,
        PlacementType::Unknown,
    ];

    /// Canonical value key, as written in the template and mapping files.
    pub const fn key(self) -> &'static str {
        match self {
            PlacementType::AtHome => "at_home",
            PlacementType::Kinship => "kinship",
            PlacementType::FosterLa => "foster_la",
            PlacementType::FosterPurchased => "foster_purchased",
            PlacementType::ProspectiveAdopters => "prospective_adopters",
            PlacementType::OtherCommunity => "other_community",
            PlacementType::Residential => "residential",
            PlacementType::Secure => "secure",
            PlacementType::Unknown => "unknown",
        }
    }

    /// Plain-English label.
    pub const fn label(self) -> &'static str {
        match self {
            PlacementType::AtHome => "At home with parent(s)",
            PlacementType::Kinship => "Kinship carers",
            PlacementType::FosterLa => "Foster carers (local authority)",
            PlacementType::FosterPurchased => "Foster carers (purchased)",
            PlacementType::ProspectiveAdopters => "Prospective adopters",
            PlacementType::OtherCommunity => "Other community setting",
            PlacementType::Residential => "Residential care",
            PlacementType::Secure => "Secure accommodation",
            PlacementType::Unknown => "Unknown",
        }
    }

    /// Looks a category up by its canonical key.
    pub fn from_key(key: &str) -> Option<PlacementType> {
        Self::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// Where a child went on ceasing to be looked after, from a closed list of wordings
/// (docs/domain.md#destinations). Only [`Destination::ReturnedHome`] is a return home: "Homeless"
/// and "Residential children's home" are not, whatever words they contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    ReturnedHome,
    Kinship,
    Adoption,
    ContinuingCare,
    OtherCare,
    Independent,
    Homeless,
    Other,
    NotKnown,
}

impl Destination {
    /// Every destination, in the order screens list them.
    pub const ALL: [Destination; 9] = [
        Destination::ReturnedHome,
        Destination::Kinship,
        Destination::Adoption,
        Destination::ContinuingCare,
        Destination::OtherCare,
        Destination::Independent,
        Destination::Homeless,
        Destination::Other,
        Destination::NotKnown,
    ];

    /// Canonical value key, as written in mapping files.
    pub const fn key(self) -> &'static str {
        match self {
            Destination::ReturnedHome => "returned_home",
            Destination::Kinship => "kinship",
            Destination::Adoption => "adoption",
            Destination::ContinuingCare => "continuing_care",
            Destination::OtherCare => "other_care",
            Destination::Independent => "independent",
            Destination::Homeless => "homeless",
            Destination::Other => "other",
            Destination::NotKnown => "not_known",
        }
    }

    /// Plain-English label.
    pub const fn label(self) -> &'static str {
        match self {
            Destination::ReturnedHome => "Returned home to parent(s)",
            Destination::Kinship => "Friends or relatives (kinship care order)",
            Destination::Adoption => "Adopted",
            Destination::ContinuingCare => "Continuing care",
            Destination::OtherCare => "Another care setting (foster, residential, secure)",
            Destination::Independent => "Independent or supported living",
            Destination::Homeless => "Homeless",
            Destination::Other => "Other",
            Destination::NotKnown => "Not known",
        }
    }

    /// Looks a destination up by its canonical key.
    pub fn from_key(key: &str) -> Option<Destination> {
        Self::ALL.into_iter().find(|d| d.key() == key)
    }
}

/// Where a record came from in the user's file: the sheet name and the row number the user sees
/// in their spreadsheet program (1-based, header row included). The sheet name is shared by every
/// record of the sheet (a reference count, not a copy per record; docs/architecture.md#speed).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SourceRow {
    pub sheet: std::sync::Arc<str>,
    pub row: u32,
}

/// One child (or one episode of a child, when `episode_no` > 1).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Child {
    /// Pseudonymous local identifier.
    pub child_id: String,
    /// Episode number, 1 when the file has one row per child.
    pub episode_no: u32,
    /// Name, if the file has one. Hidden in the app unless the user deliberately shows names.
    pub name: Option<String>,
    pub sibling_group: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// Milestone dates, indexed by [`Milestone::index`].
    pub dates: [Option<NaiveDate>; Milestone::COUNT],
    /// Permanence route as recorded (home, kinship_KCO, PO, POA, adoption, ...). This and the
    /// other values written on many rows (order type, destination, team) are one shared copy
    /// per value (see [`SharedText`]).
    pub permanence_route: Option<SharedText>,
    pub order_type: Option<SharedText>,
    /// The destination on ceasing to be looked after, as written.
    pub destination: Option<SharedText>,
    /// That destination's category, from the closed list or the user's mapping; `None` when blank
    /// or not recognised (see [`Child::destination_kind`]).
    pub destination_category: Option<Destination>,
    /// Placement type at the start of the current episode (when the file says).
    pub placement_type_at_start: Option<PlacementType>,
    /// Current placement type.
    pub placement_type: Option<PlacementType>,
    pub team: Option<SharedText>,
    pub source: SourceRow,
}

impl Child {
    /// The date of a milestone, if recorded.
    pub fn date(&self, m: Milestone) -> Option<NaiveDate> {
        self.dates[m.index()]
    }

    /// The destination's category: the one ingest recorded, else the written value looked up in
    /// the closed list (for records built by hand). Never guessed from part of the wording.
    pub fn destination_kind(&self) -> Option<Destination> {
        self.destination_category.or_else(|| {
            self.destination.as_deref().and_then(|t| crate::ingest::fields::match_destination(&normalise(t)))
        })
    }

    /// Sets or clears the date of a milestone.
    pub fn set_date(&mut self, m: Milestone, d: Option<NaiveDate>) {
        self.dates[m.index()] = d;
    }
}

/// Text that many records share: a child's id on each of its placements and events, or a value
/// such as a placement type written on thousands of rows. One copy is kept for all of them
/// (`ingest::records::Interner`), which at national scale is tens of megabytes less than a
/// copy per record (docs/architecture.md#speed).
pub type SharedText = std::sync::Arc<str>;

/// One placement from the optional placements sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Placement {
    pub child_id: SharedText,
    pub start: NaiveDate,
    /// `None` while the placement is ongoing.
    pub end: Option<NaiveDate>,
    pub placement_type: PlacementType,
    /// The value as written in the file, before mapping to a category.
    pub placement_type_raw: SharedText,
    pub carer_ref: Option<String>,
    pub end_reason: Option<SharedText>,
    pub source: SourceRow,
}

/// One dated event (LAC review, hearing, ...) from the optional events sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub child_id: SharedText,
    pub date: NaiveDate,
    pub event_type: SharedText,
    pub label: Option<String>,
    pub source: SourceRow,
}

/// Dates England's formats record that the milestones do not (docs/domain.md#england-dates).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EnglandDates {
    /// Placement order granted: the first episode with legal status E1 in the latest period of care.
    pub placement_order: Option<NaiveDate>,
    /// Matched with prospective adopters.
    pub matched: Option<NaiveDate>,
    /// Placed for adoption: the first A3 to A6 placement of the latest period of care.
    pub placed_for_adoption: Option<NaiveDate>,
    /// The day the child moved in with the adoptive family, as the adoption scorecard's A10:
    /// placed for adoption, or for a child adopted by their foster carers the day they moved in
    /// with those carers (docs/domain.md#england-stages).
    #[serde(default)]
    pub moved_in: Option<NaiveDate>,
    /// Adoption order granted.
    pub adoption_order: Option<NaiveDate>,
    /// Decision that the child should no longer be placed for adoption.
    pub decision_reversed: Option<NaiveDate>,
    /// The reason code recorded with that reversal (RD1 to RD4).
    pub reversal_reason: Option<String>,
    /// Periods of care seen in the data (a period starts with a care start).
    pub periods_of_care: u32,
    /// True when the format records the match only for adopted children (the SSDA903 return's
    /// AD1 table): a child not yet adopted with no match date may be matched already.
    pub match_only_when_adopted: bool,
}

/// Everything loaded from one file (or one set of tables): children, placements and events.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Dataset {
    pub children: Vec<Child>,
    pub placements: Vec<Placement>,
    pub events: Vec<Event>,
    /// Milestones the file's format does not collect at all (docs/domain.md#not-collected): they
    /// are "not collected in this format", never "missing", and stages that need them say so.
    #[serde(default, skip_serializing_if = "std::collections::BTreeSet::is_empty")]
    pub not_collected: std::collections::BTreeSet<Milestone>,
    /// England's extra dates per child id, when the format records them.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub england: std::collections::BTreeMap<String, EnglandDates>,
}

/// A row of a sheet that belongs to one child: a placement or an event.
pub trait ChildRow {
    fn child_id(&self) -> &str;
}

impl ChildRow for Placement {
    fn child_id(&self) -> &str {
        &self.child_id
    }
}

impl ChildRow for Event {
    fn child_id(&self) -> &str {
        &self.child_id
    }
}

/// The rows of one child, in sheet order.
pub fn rows_of<'a, R: ChildRow>(rows: &'a [R], child_id: &'a str) -> impl Iterator<Item = &'a R> + 'a {
    rows.iter().filter(move |r| r.child_id() == child_id)
}

impl Dataset {
    /// The latest date anywhere in the data, however far in the future (see [`Self::latest_date_until`]
    /// for the default as-at date).
    pub fn latest_date(&self) -> Option<NaiveDate> {
        self.dates().max()
    }

    /// The latest date in the data that is not after `today`: the default as-at date. A date after
    /// today is a data problem and must never become the as-at date (docs/domain.md#as-at-date).
    pub fn latest_date_until(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.dates().filter(|d| *d <= today).max()
    }

    /// Which of two rows of one child is the current journey: the higher episode number, then the
    /// later last-accommodated date, then the later row (docs/domain.md#episodes). The analysis
    /// and the timeline both use it, so they never disagree on a child's latest episode.
    pub fn episode_key(&self, row: usize) -> (u32, Option<NaiveDate>, usize) {
        let c = &self.children[row];
        (c.episode_no, c.date(Milestone::LastAccommodated), row)
    }

    /// A child's latest episode (see [`Self::episode_key`]) and how many episode rows they have.
    pub fn latest_episode(&self, child_id: &str) -> (Option<&Child>, usize) {
        let rows: Vec<usize> = (0..self.children.len()).filter(|&r| self.children[r].child_id == child_id).collect();
        let best = rows.iter().copied().max_by_key(|&r| self.episode_key(r));
        (best.map(|r| &self.children[r]), rows.len())
    }

    /// The other children of `child`'s sibling group, each by their latest episode, ordered by id.
    pub fn siblings_of(&self, child: &Child) -> Vec<&Child> {
        let Some(group) = child.sibling_group.as_deref().map(str::trim).filter(|g| !g.is_empty()) else {
            return Vec::new();
        };
        let mut ids: Vec<&str> = self
            .children
            .iter()
            .filter(|c| c.child_id != child.child_id && c.sibling_group.as_deref().map(str::trim) == Some(group))
            .map(|c| c.child_id.as_str())
            .collect();
        crate::order::sort(&mut ids);
        ids.dedup();
        ids.into_iter().filter_map(|id| self.latest_episode(id).0).collect()
    }

    /// True when the format collects milestone `m` at all.
    pub fn collects(&self, m: Milestone) -> bool {
        !self.not_collected.contains(&m)
    }

    /// Every date in the data: milestones, placement starts and ends, events.
    fn dates(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        let child_dates = self.children.iter().flat_map(|c| c.dates.iter().flatten().copied());
        let placement_dates = self.placements.iter().flat_map(|p| std::iter::once(p.start).chain(p.end));
        let event_dates = self.events.iter().map(|e| e.date);
        child_dates.chain(placement_dates).chain(event_dates)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn latest_episode_and_siblings() {
        let kid = |id: &str, ep: u32, m2: Option<NaiveDate>, group: Option<&str>| {
            let mut c = Child { child_id: id.into(), episode_no: ep, ..Default::default() };
            c.set_date(Milestone::LastAccommodated, m2);
            c.sibling_group = group.map(String::from);
            c
        };
        let ds = Dataset {
            children: vec![
                // A: episode 2 is current; two rows both numbered 2 fall back to the later date,
                // whatever their order in the file.
                kid("A", 1, Some(d(2019, 1, 1)), Some("G1")),
                kid("A", 2, Some(d(2022, 5, 1)), Some("G1")),
                kid("A", 2, Some(d(2021, 3, 1)), Some("G1")),
                kid("B", 1, Some(d(2020, 1, 1)), Some(" G1 ")),
                kid("C", 1, None, Some("G2")),
                kid("D", 1, None, None),
            ],
            ..Default::default()
        };
        let (a, n) = ds.latest_episode("A");
        assert_eq!((a.and_then(|c| c.date(Milestone::LastAccommodated)), n), (Some(d(2022, 5, 1)), 3));
        assert_eq!(ds.latest_episode("Z"), (None, 0));
        // A's group (spaces trimmed) holds B only; D has no group.
        let sibs: Vec<&str> = ds.siblings_of(&ds.children[1]).iter().map(|c| c.child_id.as_str()).collect();
        assert_eq!(sibs, vec!["B"]);
        let of_b: Vec<&str> = ds.siblings_of(&ds.children[3]).iter().map(|c| c.child_id.as_str()).collect();
        assert_eq!(of_b, vec!["A"]);
        assert!(ds.siblings_of(&ds.children[5]).is_empty());
    }

    #[test]
    fn milestone_index_matches_all_order() {
        for (i, m) in Milestone::ALL.iter().enumerate() {
            assert_eq!(m.index(), i);
            assert_eq!(Milestone::from_key(m.key()), Some(*m));
        }
    }

    #[test]
    fn rows_of_one_child_keep_sheet_order() {
        struct Row(&'static str, NaiveDate);
        impl ChildRow for Row {
            fn child_id(&self) -> &str {
                self.0
            }
        }
        let rows = [Row("A", d(2020, 1, 1)), Row("B", d(2019, 1, 1)), Row("A", d(2018, 1, 1))];
        let starts: Vec<NaiveDate> = rows_of(&rows, "A").map(|r| r.1).collect();
        assert_eq!(starts, [d(2020, 1, 1), d(2018, 1, 1)]);
        assert_eq!(rows_of(&rows, "C").count(), 0);
    }

    #[test]
    fn milestone_labels_in_a_sentence_keep_their_acronyms() {
        assert_eq!(Milestone::CsoAtHomeStart.label_in_sentence(), "CSO at home started");
        assert_eq!(Milestone::AdmDecision.label_in_sentence(), "ADM decision");
        assert_eq!(Milestone::FirstReferral.label_in_sentence(), "first referral");
    }

    #[test]
    fn latest_date_looks_at_children_placements_and_events() {
        let mut c = Child { child_id: "A".into(), ..Default::default() };
        c.set_date(Milestone::LastAccommodated, Some(d(2021, 3, 1)));
        let ds = Dataset {
            children: vec![c],
            placements: vec![Placement {
                child_id: "A".into(),
                start: d(2021, 3, 1),
                end: Some(d(2022, 1, 5)),
                placement_type: PlacementType::Kinship,
                placement_type_raw: "Kinship".into(),
                carer_ref: None,
                end_reason: None,
                source: SourceRow::default(),
            }],
            events: vec![],
            ..Default::default()
        };
        assert_eq!(ds.latest_date(), Some(d(2022, 1, 5)));
        assert_eq!(ds.latest_date_until(d(2022, 1, 4)), Some(d(2021, 3, 1)));
        assert_eq!(ds.latest_date_until(d(2021, 2, 28)), None);
        assert_eq!(Dataset::default().latest_date(), None);
    }
}
