//! Stage ids and definitions: the intervals between two milestones that the PACE aims and the
//! supporting timescales measure (docs/domain.md#stages).
//!
//! A [`StageDef`] says, for one stage, which milestone starts and ends it, which later milestones
//! prove a blank start or end really happened ("missing but implied", never imputed), and what a
//! return home means for it. The only setting that changes a definition is the start of the two
//! "accommodated" stages (last accommodated M2 by default, or first accommodated M1).

use serde::{Deserialize, Serialize, Serializer};

use crate::model::{Child, Destination, EnglandDates, Milestone};

/// Stable identifier of a stage. The snake_case key is used in JSON, CSV and settings files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageId {
    /// Aim 1: start of a CSO at home (MH) to the review of the Child's Plan (MR).
    CsoAtHomeToReview,
    /// Aim 2: accommodated (M2, or M1 if chosen) to permanence recommendation (M3).
    AccommodatedToRecommendation,
    /// P1: recommendation (M3) to permanence panel (M4).
    RecommendationToPanel,
    /// P2: panel (M4) to ADM decision (M5), statutory 14 days.
    PanelToAdm,
    /// Aim 3: recommendation (M3) to ADM decision (M5).
    RecommendationToAdm,
    /// Aim 4: ADM decision (M5) to court application (M7).
    AdmToCourt,
    /// C1: court application (M7) to order granted (M8). Descriptive, no target.
    CourtToOrder,
    /// T1: accommodated (M2, or M1) to legal permanence (M8). Descriptive; SCRA found > 2 years.
    AccommodatedToOrder,
    /// England: start of the latest period of care (M2) to the decision that the child should be
    /// placed for adoption (M5). Descriptive (docs/domain.md#england-stages).
    EnteredCareToAdoptionDecision,
    /// England: that decision (M5) to the match with prospective adopters. Descriptive.
    AdoptionDecisionToMatch,
    /// England, the adoption scorecard's A2: placement order to the match; a match before the
    /// order counts as 0 days. Threshold 121 days (4 months).
    PlacementOrderToMatch,
    /// England: start of the latest period of care (M2) to placed for adoption; the former
    /// scorecard threshold was 426 days (14 months).
    EnteredCareToPlacedForAdoption,
    /// England, the adoption scorecard's A10: start of the latest period of care (M2) to moving in
    /// with the adoptive family (for children adopted by their foster carers, the day they moved in
    /// with those carers).
    EnteredCareToMovedIn,
}

impl StageId {
    /// Number of stages.
    pub const COUNT: usize = 13;

    /// Number of PACE stages: they come first, so their indices are 0 to 7.
    pub const PACE_COUNT: usize = 8;

    /// Every stage in journey order (the order screens and reports list them): the PACE stages,
    /// then England's.
    pub const ALL: [StageId; Self::COUNT] = [
        StageId::CsoAtHomeToReview,
        StageId::AccommodatedToRecommendation,
        StageId::RecommendationToPanel,
        StageId::PanelToAdm,
        StageId::RecommendationToAdm,
        StageId::AdmToCourt,
        StageId::CourtToOrder,
        StageId::AccommodatedToOrder,
        StageId::EnteredCareToAdoptionDecision,
        StageId::AdoptionDecisionToMatch,
        StageId::PlacementOrderToMatch,
        StageId::EnteredCareToPlacedForAdoption,
        StageId::EnteredCareToMovedIn,
    ];

    /// The PACE stages, always shown (and the only ones in aggregate files).
    pub const PACE: [StageId; Self::PACE_COUNT] = [
        StageId::CsoAtHomeToReview,
        StageId::AccommodatedToRecommendation,
        StageId::RecommendationToPanel,
        StageId::PanelToAdm,
        StageId::RecommendationToAdm,
        StageId::AdmToCourt,
        StageId::CourtToOrder,
        StageId::AccommodatedToOrder,
    ];

    /// True for England's adoption stages, shown only when the data holds England's dates
    /// (docs/domain.md#england-stages).
    pub const fn is_england(self) -> bool {
        self.index() >= Self::PACE_COUNT
    }

    /// The adoption scorecard measure a stage reproduces, if any (docs/domain.md#england-stages):
    /// A1 (entering care to placed for adoption, the former 426-day threshold), A2 (placement
    /// order to match) and A10 (entering care to moving in). The scorecard counts the children
    /// adopted in its three years; the two decision stages are not scorecard measures.
    pub const fn scorecard_measure(self) -> Option<&'static str> {
        match self {
            StageId::EnteredCareToPlacedForAdoption => Some("A1"),
            StageId::PlacementOrderToMatch => Some("A2"),
            StageId::EnteredCareToMovedIn => Some("A10"),
            _ => None,
        }
    }

    /// What the stage's target is called: England's 426 days for placing a child for adoption is
    /// the adoption scorecard's former threshold, not a target anyone sets today
    /// (docs/domain.md#england-stages).
    pub const fn target_name(self) -> &'static str {
        match self {
            StageId::EnteredCareToPlacedForAdoption => "former scorecard threshold",
            _ => "target",
        }
    }

    /// Position in [`StageId::ALL`] and in per-child stage arrays.
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Stable key, as in JSON and settings files.
    pub const fn key(self) -> &'static str {
        match self {
            StageId::CsoAtHomeToReview => "cso_at_home_to_review",
            StageId::AccommodatedToRecommendation => "accommodated_to_recommendation",
            StageId::RecommendationToPanel => "recommendation_to_panel",
            StageId::PanelToAdm => "panel_to_adm",
            StageId::RecommendationToAdm => "recommendation_to_adm",
            StageId::AdmToCourt => "adm_to_court",
            StageId::CourtToOrder => "court_to_order",
            StageId::AccommodatedToOrder => "accommodated_to_order",
            StageId::EnteredCareToAdoptionDecision => "entered_care_to_adoption_decision",
            StageId::AdoptionDecisionToMatch => "adoption_decision_to_match",
            StageId::PlacementOrderToMatch => "placement_order_to_match",
            StageId::EnteredCareToPlacedForAdoption => "entered_care_to_placed_for_adoption",
            StageId::EnteredCareToMovedIn => "entered_care_to_moved_in",
        }
    }

    /// Looks a stage up by its key.
    pub fn from_key(key: &str) -> Option<StageId> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Plain-English label.
    pub const fn label(self) -> &'static str {
        match self {
            StageId::CsoAtHomeToReview => "CSO at home to review",
            StageId::AccommodatedToRecommendation => "Accommodated to permanence recommendation",
            StageId::RecommendationToPanel => "Recommendation to permanence panel",
            StageId::PanelToAdm => "Panel to ADM decision",
            StageId::RecommendationToAdm => "Recommendation to ADM decision",
            StageId::AdmToCourt => "ADM decision to court application",
            StageId::CourtToOrder => "Court application to order granted",
            StageId::AccommodatedToOrder => "Accommodated to legal permanence",
            StageId::EnteredCareToAdoptionDecision => "Entered care to adoption decision",
            StageId::AdoptionDecisionToMatch => "Adoption decision to match",
            StageId::PlacementOrderToMatch => "Placement order to match",
            StageId::EnteredCareToPlacedForAdoption => "Entered care to placed for adoption",
            StageId::EnteredCareToMovedIn => "Entered care to moving in with the adoptive family",
        }
    }

    /// Who the stage counts, in plain English (docs/domain.md#aim-4-population).
    pub const fn population(self) -> &'static str {
        match self {
            StageId::CsoAtHomeToReview => {
                "Children looked after at home on a Compulsory Supervision Order, until reviewed or accommodated."
            }
            StageId::AccommodatedToRecommendation => {
                "Children accommodated away from home (current episode), until a permanence recommendation; a return home counts."
            }
            StageId::RecommendationToPanel => {
                "Children with a permanence recommendation whose route goes to a permanence panel (not home, not a kinship care order)."
            }
            StageId::PanelToAdm => "Children whose permanence panel has met, until the ADM decision.",
            StageId::RecommendationToAdm => {
                "Children with a permanence recommendation away from home, until the ADM decision."
            }
            StageId::AdmToCourt => {
                "Children with an ADM decision whose route goes to court (PO, POA, adoption, kinship care order). A blank, 'other' or unrecognised route is listed as undecided, not counted as waiting."
            }
            StageId::CourtToOrder => "Children whose application has been lodged with the court, until the order.",
            StageId::AccommodatedToOrder => {
                "Children accommodated away from home (current episode), until legal permanence (an order, or a return home)."
            }
            StageId::EnteredCareToAdoptionDecision => {
                "Children in their latest period of care who have a decision that they should be placed for adoption (no one is counted as waiting for a decision that may never be made)."
            }
            StageId::AdoptionDecisionToMatch => {
                "Children with a decision that they should be placed for adoption, until matched; a reversed decision or leaving care ends the wait."
            }
            StageId::PlacementOrderToMatch => {
                "Children with a placement order, until matched (a match before the order counts as 0 days, as the scorecard's A2)."
            }
            StageId::EnteredCareToPlacedForAdoption => {
                "Children in their latest period of care with a decision that they should be placed for adoption, until placed for adoption."
            }
            StageId::EnteredCareToMovedIn => {
                "As the scorecard's A10: children in their latest period of care with an adoption decision, until they moved in with the adoptive family (for foster carers who adopt, the day the child moved in with them)."
            }
        }
    }

    /// The national PACE aim this stage measures, if any (docs/domain.md#pace-aims).
    pub const fn aim(self) -> Option<u8> {
        match self {
            StageId::CsoAtHomeToReview => Some(1),
            StageId::AccommodatedToRecommendation => Some(2),
            StageId::RecommendationToAdm => Some(3),
            StageId::AdmToCourt => Some(4),
            _ => None,
        }
    }
}

/// Which "accommodated" date starts aim 2 and the whole journey: the user chooses; last
/// accommodated is the default (docs/domain.md#accommodated-start).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StartChoice {
    /// M2: start of the current episode away from home.
    #[default]
    LastAccommodated,
    /// M1: start of the first episode away from home.
    FirstAccommodated,
}

impl StartChoice {
    /// The milestone this choice starts from.
    pub const fn milestone(self) -> Milestone {
        match self {
            StartChoice::LastAccommodated => Milestone::LastAccommodated,
            StartChoice::FirstAccommodated => Milestone::FirstAccommodated,
        }
    }
}

/// What a child who ceased to be looked after and returned home, without reaching the end
/// milestone, counts as for a stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HomeRule {
    /// Out of scope: the stage is not part of a return home (for example panel or court).
    OutOfScope,
    /// The end milestone is "missing but implied": a return home is itself a permanence outcome,
    /// so a recommendation must have been made, but its date is not recorded (aim 2).
    ImpliesEnd,
    /// The stage is complete on the date the child ceased to be looked after (the whole journey:
    /// for the home route, M8 is "ceased to be looked after, returned home";
    /// docs/domain.md#returns-home).
    CompletesStage,
}

/// The decision pathway away from home, in order. A milestone later in this chain proves an
/// earlier blank one happened. M6 (final placement) is left out: it may come before M5 and does
/// not prove any decision was made (docs/domain.md#pathway).
const PATHWAY: [Milestone; 7] = [
    Milestone::FirstAccommodated,
    Milestone::LastAccommodated,
    Milestone::PermanenceRecommendation,
    Milestone::PermanencePanel,
    Milestone::AdmDecision,
    Milestone::CourtApplication,
    Milestone::OrderGranted,
];

/// The aim 1 pathway: at home on a CSO, then reviewed.
const AT_HOME: [Milestone; 2] = [Milestone::CsoAtHomeStart, Milestone::CsoReview];

/// One of England's dates that is not a milestone (docs/domain.md#england-dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnglandDate {
    PlacementOrder,
    Matched,
    PlacedForAdoption,
    /// The day the child moved in with the adoptive family (the scorecard's A10).
    MovedIn,
}

impl EnglandDate {
    /// Stable key, as in JSON.
    pub const fn key(self) -> &'static str {
        match self {
            EnglandDate::PlacementOrder => "placement_order",
            EnglandDate::Matched => "matched",
            EnglandDate::PlacedForAdoption => "placed_for_adoption",
            EnglandDate::MovedIn => "moved_in",
        }
    }

    /// Plain-English label.
    pub const fn label(self) -> &'static str {
        match self {
            EnglandDate::PlacementOrder => "Placement order",
            EnglandDate::Matched => "Matched with adopters",
            EnglandDate::PlacedForAdoption => "Placed for adoption",
            EnglandDate::MovedIn => "Moved in with the adoptive family",
        }
    }

    /// The child's date, from England's extra dates.
    pub const fn of(self, e: &EnglandDates) -> Option<chrono::NaiveDate> {
        match self {
            EnglandDate::PlacementOrder => e.placement_order,
            EnglandDate::Matched => e.matched,
            EnglandDate::PlacedForAdoption => e.placed_for_adoption,
            EnglandDate::MovedIn => e.moved_in,
        }
    }
}

/// Where a stage starts or ends: a milestone, or one of England's dates. Serialised as the
/// milestone's key (for example `last_accommodated`) or England's (`matched`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StagePoint {
    Milestone(Milestone),
    England(EnglandDate),
}

impl StagePoint {
    /// The milestone, when it is one.
    pub const fn milestone(self) -> Option<Milestone> {
        match self {
            StagePoint::Milestone(m) => Some(m),
            StagePoint::England(_) => None,
        }
    }

    /// Plain-English label.
    pub const fn label(self) -> &'static str {
        match self {
            StagePoint::Milestone(m) => m.label(),
            StagePoint::England(e) => e.label(),
        }
    }

    /// The label as it reads mid-sentence.
    pub fn label_in_sentence(self) -> String {
        crate::text::lower_first(self.label())
    }

    /// The label with its code where it has one: "ADM decision (M5)", "placement order".
    pub fn in_sentence_with_code(self) -> String {
        match self {
            StagePoint::Milestone(m) => format!("{} ({})", crate::text::lower_first(m.label()), m.code()),
            StagePoint::England(e) => crate::text::lower_first(e.label()),
        }
    }

    /// The child's date at this point (`e`: the child's England dates, if any).
    pub fn date(self, c: &Child, e: Option<&EnglandDates>) -> Option<chrono::NaiveDate> {
        match self {
            StagePoint::Milestone(m) => c.date(m),
            StagePoint::England(d) => e.and_then(|e| d.of(e)),
        }
    }
}

impl From<Milestone> for StagePoint {
    fn from(m: Milestone) -> StagePoint {
        StagePoint::Milestone(m)
    }
}

impl PartialEq<Milestone> for StagePoint {
    fn eq(&self, other: &Milestone) -> bool {
        *self == StagePoint::Milestone(*other)
    }
}

impl Serialize for StagePoint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            StagePoint::Milestone(m) => m.serialize(s),
            StagePoint::England(e) => s.serialize_str(e.key()),
        }
    }
}

/// The resolved definition of one stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageDef {
    pub id: StageId,
    pub start: StagePoint,
    pub end: StagePoint,
    /// Milestones that, when recorded with the start blank, make the start "missing but implied".
    pub start_implied_by: &'static [Milestone],
    /// Milestones that, when recorded with the end blank, make the end "missing but implied".
    pub end_implied_by: &'static [Milestone],
    /// What a return home before the end milestone means here.
    pub home_rule: HomeRule,
    /// True for aim 4: only children whose route goes to court wait for a court application; a
    /// blank or "other" route is listed as undecided (docs/domain.md#aim-4-population).
    pub needs_decided_route: bool,
    /// True for aim 1: a child accommodated away from home (M2) after the CSO-at-home start is no
    /// longer at home, so without a review they are out of scope rather than waiting.
    pub ends_when_accommodated: bool,
    /// True where an end before the start is a warning rather than an error (M3 before M2 or M1:
    /// pre-birth and concurrent planning, docs/domain.md#population-rules). The child is still
    /// left out of the stage's figures and listed.
    pub negative_is_warning: bool,
}

/// The milestones after `m` in its chain (empty if `m` is last or not in a chain).
fn after(m: Milestone) -> &'static [Milestone] {
    if let Some(p) = PATHWAY.iter().position(|x| *x == m) {
        &PATHWAY[p + 1..]
    } else if let Some(p) = AT_HOME.iter().position(|x| *x == m) {
        &AT_HOME[p + 1..]
    } else {
        &[]
    }
}

impl StageDef {
    /// The definition of `id`, with the accommodated stages starting at `start`, and a return
    /// home completing the whole journey when `return_home_is_permanence` is true.
    pub fn new(id: StageId, start: StartChoice, return_home_is_permanence: bool) -> StageDef {
        use EnglandDate as E;
        use Milestone as M;
        use StagePoint::{England as En, Milestone as Mi};
        let acc = start.milestone();
        let (s, e) = match id {
            StageId::CsoAtHomeToReview => (Mi(M::CsoAtHomeStart), Mi(M::CsoReview)),
            StageId::AccommodatedToRecommendation => (Mi(acc), Mi(M::PermanenceRecommendation)),
            StageId::RecommendationToPanel => (Mi(M::PermanenceRecommendation), Mi(M::PermanencePanel)),
            StageId::PanelToAdm => (Mi(M::PermanencePanel), Mi(M::AdmDecision)),
            StageId::RecommendationToAdm => (Mi(M::PermanenceRecommendation), Mi(M::AdmDecision)),
            StageId::AdmToCourt => (Mi(M::AdmDecision), Mi(M::CourtApplication)),
            StageId::CourtToOrder => (Mi(M::CourtApplication), Mi(M::OrderGranted)),
            StageId::AccommodatedToOrder => (Mi(acc), Mi(M::OrderGranted)),
            // England's stages start at the latest period of care whatever the PACE choice.
            StageId::EnteredCareToAdoptionDecision => (Mi(M::LastAccommodated), Mi(M::AdmDecision)),
            StageId::AdoptionDecisionToMatch => (Mi(M::AdmDecision), En(E::Matched)),
            StageId::PlacementOrderToMatch => (En(E::PlacementOrder), En(E::Matched)),
            StageId::EnteredCareToPlacedForAdoption => (Mi(M::LastAccommodated), En(E::PlacedForAdoption)),
            StageId::EnteredCareToMovedIn => (Mi(M::LastAccommodated), En(E::MovedIn)),
        };
        // England's stages are classified by their own rules (analysis::england): nothing implies
        // their dates.
        let after_point = |p: StagePoint| match p {
            Mi(m) if !id.is_england() => after(m),
            _ => &[],
        };
        let home_rule = match id {
            StageId::AccommodatedToRecommendation => HomeRule::ImpliesEnd,
            StageId::AccommodatedToOrder if return_home_is_permanence => HomeRule::CompletesStage,
            _ => HomeRule::OutOfScope,
        };
        StageDef {
            id,
            start: s,
            end: e,
            start_implied_by: after_point(s),
            end_implied_by: after_point(e),
            home_rule,
            needs_decided_route: id == StageId::AdmToCourt,
            ends_when_accommodated: id == StageId::CsoAtHomeToReview,
            negative_is_warning: id == StageId::AccommodatedToRecommendation,
        }
    }

    /// Every definition, indexed by [`StageId::index`].
    pub fn all(start: StartChoice, return_home_is_permanence: bool) -> [StageDef; StageId::COUNT] {
        StageId::ALL.map(|id| StageDef::new(id, start, return_home_is_permanence))
    }
}

/// A permanence route (domain.md section 7's vocabulary), read from a closed list of wordings,
/// matched whole (docs/domain.md#route-milestones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Route {
    /// Return or remain home: legal permanence is ceasing to be looked after, home.
    Home,
    /// Kinship care order (section 11): to court, not through a permanence panel.
    KinshipOrder,
    /// Permanence Order (foster, residential or kinship PO).
    PermanenceOrder,
    /// Permanence Order with authority to adopt.
    PermanenceOrderToAdopt,
    Adoption,
    /// Recorded as "other": no route decided.
    Other,
}

impl Route {
    /// Every route.
    pub const ALL: [Route; 6] = [
        Route::Home,
        Route::KinshipOrder,
        Route::PermanenceOrder,
        Route::PermanenceOrderToAdopt,
        Route::Adoption,
        Route::Other,
    ];

    /// Known wordings, normalised (lower case, punctuation as single spaces).
    pub const fn aliases(self) -> &'static [&'static str] {
        match self {
            Route::Home => &[
                "home",
                "return home",
                "returned home",
                "remain home",
                "remain at home",
                "home with parents",
                "at home",
                "rehabilitation home",
            ],
            Route::KinshipOrder => &[
                "kinship kco",
                "kinship",
                "kco",
                "kco s11",
                "kinship care order",
                "s11",
                "s11 order",
                "section 11",
                "section 11 order",
                "kinship s11",
            ],
            Route::PermanenceOrder => {
                &["po", "permanence order", "foster po", "residential po", "kinship po", "foster", "residential"]
            }
            Route::PermanenceOrderToAdopt => {
                &["poa", "po with authority to adopt", "permanence order with authority to adopt", "po a"]
            }
            Route::Adoption => &["adoption", "adoption order"],
            Route::Other => &["other"],
        }
    }

    /// Whether a child on this route passes through milestone `m`. Home routes never go to a
    /// panel, an ADM or court; kinship care orders (section 11) never go to a panel. This one
    /// table decides "missing but implied" for the analysis and the quality report alike, and
    /// which stages a route leaves out of scope.
    pub const fn needs(self, m: Milestone) -> bool {
        use Milestone as M;
        !matches!(
            (self, m),
            (Route::Home, M::PermanencePanel | M::AdmDecision | M::CourtApplication)
                | (Route::KinshipOrder, M::PermanencePanel)
        )
    }

    /// True for routes that end in a court order (aim 4's population).
    pub const fn goes_to_court(self) -> bool {
        !matches!(self, Route::Home | Route::Other)
    }
}

/// What the child's permanence route cell says: blank, a route, or a wording not in the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteReading {
    Blank,
    Known(Route),
    NotRecognised,
}

/// Reads the child's permanence route from the closed list; never from a word inside it.
pub fn read_route(c: &Child) -> RouteReading {
    let Some(text) = c.permanence_route.as_deref().map(str::trim).filter(|s| !s.is_empty()) else {
        return RouteReading::Blank;
    };
    // Normalised without allocating: this runs for every child in the quality check and again
    // in the stage table (docs/architecture.md#speed).
    let mut buf = [0u8; 48];
    let found = match crate::ingest::fields::normalise_ascii(text, &mut buf) {
        Some(norm) => route_by_alias(norm),
        None => {
            let matches = |alias: &&str| crate::ingest::fields::normalises_to(text, alias);
            Route::ALL.into_iter().find(|r| r.aliases().iter().any(matches))
        }
    };
    match found {
        Some(r) => RouteReading::Known(r),
        None => RouteReading::NotRecognised,
    }
}

/// The route a normalised wording names. Every alias is keyed by its length and first seven
/// bytes as one integer, so the search compares integers, and a wording is compared in full only
/// with the aliases that share its key (this runs for every child twice).
fn route_by_alias(norm: &str) -> Option<Route> {
    static SORTED: std::sync::OnceLock<Vec<(u64, &'static str, Route)>> = std::sync::OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut v: Vec<(u64, &'static str, Route)> =
            Route::ALL.into_iter().flat_map(|r| r.aliases().iter().map(move |a| (alias_key(a), *a, r))).collect();
        // An alias listed under two routes would be ambiguous; the test below holds that none is.
        v.sort_unstable_by_key(|p| p.0);
        v
    });
    let key = alias_key(norm);
    let from = sorted.partition_point(|p| p.0 < key);
    sorted[from..].iter().take_while(|p| p.0 == key).find(|p| p.1 == norm).map(|p| p.2)
}

/// A wording's length (up to 255) and first seven bytes, as one integer.
fn alias_key(s: &str) -> u64 {
    let mut k = [0u8; 8];
    k[0] = s.len().min(255) as u8;
    let n = s.len().min(7);
    k[1..=n].copy_from_slice(&s.as_bytes()[..n]);
    u64::from_be_bytes(k)
}

/// The child's route when it is one the list knows.
pub fn route_of(c: &Child) -> Option<Route> {
    match read_route(c) {
        RouteReading::Known(r) => Some(r),
        _ => None,
    }
}

/// True when the child's recorded permanence route is home.
pub fn route_is_home(c: &Child) -> bool {
    route_of(c) == Some(Route::Home)
}

/// The recorded milestone (by `recorded`) that shows a blank `missing` milestone happened: a
/// later one on the pathway, when the child's route passes through `missing`. `None` when
/// nothing implies it. The analysis and the quality report both use this
/// (docs/domain.md#route-milestones).
pub fn implied_by(route: Option<Route>, missing: Milestone, recorded: impl Fn(Milestone) -> bool) -> Option<Milestone> {
    if route.is_some_and(|r| !r.needs(missing)) {
        return None;
    }
    after(missing).iter().copied().find(|m| recorded(*m))
}

/// True when the child's record says they returned home on ceasing to be looked after: the
/// destination is a return home by the closed list (or the user's mapping), or (destination
/// blank) the permanence route was home. A destination that is written but not recognised is not
/// a return home: it is reported, never guessed (docs/domain.md#destinations). Whether they have
/// ceased by the as-at date is checked by the caller.
pub fn returned_home(c: &Child) -> bool {
    match c.destination.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(_) => c.destination_kind() == Some(Destination::ReturnedHome),
        None => route_is_home(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_alias_names_one_route_and_reads_back_to_it() {
        let all: Vec<(&str, Route)> =
            Route::ALL.into_iter().flat_map(|r| r.aliases().iter().map(move |a| (*a, r))).collect();
        let mut names: Vec<&str> = all.iter().map(|p| p.0).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len(), "an alias is listed under two routes");
        for (alias, route) in all {
            assert_eq!(route_by_alias(alias), Some(route), "{alias}");
        }
        // By hand: wordings read through normalisation; an unknown one is not recognised.
        let child = |route: &str| Child { permanence_route: Some(route.into()), ..Child::default() };
        assert_eq!(read_route(&child("Kinship_KCO")), RouteReading::Known(Route::KinshipOrder));
        assert_eq!(read_route(&child(" PO-A ")), RouteReading::Known(Route::PermanenceOrderToAdopt));
        assert_eq!(read_route(&child("Adoptión")), RouteReading::NotRecognised);
        assert_eq!(read_route(&child("adopted")), RouteReading::NotRecognised);
        assert_eq!(route_by_alias("zzz"), None);
    }

    #[test]
    fn keys_round_trip_and_serde_uses_keys() {
        for (i, s) in StageId::ALL.iter().enumerate() {
            assert_eq!(s.index(), i);
            assert_eq!(StageId::from_key(s.key()), Some(*s));
            assert_eq!(serde_json::to_string(s).unwrap(), format!("\"{}\"", s.key()));
        }
    }

    #[test]
    fn implied_by_follows_the_pathway() {
        use Milestone as M;
        let d = StageDef::new(StageId::AccommodatedToRecommendation, StartChoice::LastAccommodated, true);
        assert_eq!(
            d.start_implied_by,
            &[M::PermanenceRecommendation, M::PermanencePanel, M::AdmDecision, M::CourtApplication, M::OrderGranted]
        );
        assert_eq!(d.end_implied_by, &[M::PermanencePanel, M::AdmDecision, M::CourtApplication, M::OrderGranted]);
        let d = StageDef::new(StageId::AccommodatedToRecommendation, StartChoice::FirstAccommodated, true);
        assert_eq!(d.start, M::FirstAccommodated);
        assert_eq!(d.start_implied_by[0], M::LastAccommodated);
        let d = StageDef::new(StageId::CsoAtHomeToReview, StartChoice::LastAccommodated, true);
        assert_eq!(d.start_implied_by, &[M::CsoReview]);
        assert!(d.end_implied_by.is_empty());
        let d = StageDef::new(StageId::CourtToOrder, StartChoice::LastAccommodated, true);
        assert_eq!(d.start_implied_by, &[M::OrderGranted]);
        assert_eq!(d.home_rule, HomeRule::OutOfScope);
        let d = StageDef::new(StageId::AccommodatedToOrder, StartChoice::LastAccommodated, false);
        assert_eq!(d.home_rule, HomeRule::OutOfScope);
    }

    #[test]
    fn which_milestones_each_route_needs() {
        use Milestone as M;
        let table: Vec<(Route, [bool; 4])> = Route::ALL
            .into_iter()
            .map(|r| {
                (
                    r,
                    [M::PermanenceRecommendation, M::PermanencePanel, M::AdmDecision, M::CourtApplication]
                        .map(|m| r.needs(m)),
                )
            })
            .collect();
        assert_eq!(
            table,
            vec![
                (Route::Home, [true, false, false, false]),
                (Route::KinshipOrder, [true, false, true, true]),
                (Route::PermanenceOrder, [true, true, true, true]),
                (Route::PermanenceOrderToAdopt, [true, true, true, true]),
                (Route::Adoption, [true, true, true, true]),
                (Route::Other, [true, true, true, true]),
            ]
        );
        // A home child whose return is recorded as an order date: nothing implies a panel, ADM or court.
        let order_only = |m: M| m == M::OrderGranted;
        for m in [M::PermanencePanel, M::AdmDecision, M::CourtApplication] {
            assert_eq!(implied_by(Some(Route::Home), m, order_only), None);
            assert_eq!(implied_by(None, m, order_only), Some(M::OrderGranted));
        }
        assert_eq!(implied_by(Some(Route::KinshipOrder), M::PermanencePanel, |m| m == M::AdmDecision), None);
        assert_eq!(implied_by(Some(Route::KinshipOrder), M::AdmDecision, order_only), Some(M::OrderGranted));
    }

    #[test]
    fn routes_come_from_a_closed_list() {
        let read = |t: &str| read_route(&Child { permanence_route: Some(t.into()), ..Default::default() });
        assert_eq!(read("home"), RouteReading::Known(Route::Home));
        assert_eq!(read("kinship_KCO"), RouteReading::Known(Route::KinshipOrder));
        assert_eq!(read("foster_PO"), RouteReading::Known(Route::PermanenceOrder));
        assert_eq!(read("residential_PO"), RouteReading::Known(Route::PermanenceOrder));
        assert_eq!(read("POA"), RouteReading::Known(Route::PermanenceOrderToAdopt));
        assert_eq!(read("Other"), RouteReading::Known(Route::Other));
        assert_eq!(read("Residential children's home"), RouteReading::NotRecognised);
        assert_eq!(read(" "), RouteReading::Blank);
        let mut seen = std::collections::HashSet::new();
        for r in Route::ALL {
            for a in r.aliases() {
                assert!(seen.insert(*a), "route wording '{a}' used twice");
            }
        }
    }

    #[test]
    fn home_text_matching() {
        let mut c = Child::default();
        assert!(!returned_home(&c));
        c.permanence_route = Some("Home".into());
        assert!(route_is_home(&c) && returned_home(&c));
        c.destination = Some("adoption".into());
        assert!(!returned_home(&c));
        c.destination = Some("Returned home".into());
        assert!(returned_home(&c));
        // Issue 16: words containing "home" are not returns home.
        for not_home in ["Homeless", "Residential children's home", "Nursing home"] {
            c.destination = Some(not_home.into());
            assert!(!returned_home(&c), "{not_home}");
        }
        // A destination mapped by the user counts as its category.
        c.destination = Some("Back with mum".into());
        assert!(!returned_home(&c));
        c.destination_category = Some(Destination::ReturnedHome);
        assert!(returned_home(&c));
        c.permanence_route = Some("residential_PO".into());
        assert!(!route_is_home(&c));
        c.permanence_route = Some("Residential children's home".into());
        assert!(!route_is_home(&c), "never from a word inside the route");
    }
}
