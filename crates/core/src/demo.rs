//! Built-in demo data: a deterministic, seeded, entirely synthetic cohort of looked-after
//! children. No real child is described. Every consumer labels it "synthetic".
//!
//! The cohort is shaped to exercise the whole tool: timescales that improve after a programme
//! start (so run chart rules fire), children still waiting, missing ADM dates (more often for
//! kinship children, as the PACE report describes), permanence recommendations that are missing
//! while a later milestone exists, children looked after at home on a CSO, returns home,
//! second episodes and sibling groups.

use chrono::{Datelike, Days, NaiveDate};

use crate::dates::uk_date;
use crate::model::{Child, Dataset, Event, Milestone, Placement, PlacementType, SourceRow};

/// The label every screen and file shows beside demo data.
pub const DEMO_LABEL: &str = "Synthetic demo data: not real children";

/// Options for [`generate`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub children: usize,
    pub seed: u64,
    /// The extract date: no date in the cohort is later than this.
    pub as_at: NaiveDate,
}

impl Default for DemoOptions {
    fn default() -> Self {
        // Invariant, not data: a literal date that exists.
        DemoOptions { children: 300, seed: 2014, as_at: NaiveDate::from_ymd_opt(2025, 3, 31).expect("valid date") }
    }
}

/// SplitMix64: tiny, fast, identical on every platform (no `rand`, no `getrandom` on wasm).
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform integer in [lo, hi].
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// A right-skewed duration in days with the given median (log-normal via Box-Muller).
    fn skewed_days(&mut self, median: f64, spread: f64) -> u64 {
        let u1 = self.unit().max(1e-12);
        let u2 = self.unit();
        let z = (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos();
        (median * (spread * z).exp()).round().clamp(1.0, 3000.0) as u64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as u64 - 1) as usize]
    }
}

const FIRST_NAMES: [&str; 16] = [
    "Alex", "Sam", "Jamie", "Robin", "Morgan", "Casey", "Riley", "Jordan", "Skye", "Rowan", "Ellis", "Quinn", "Harper",
    "Reese", "Frankie", "Lennox",
];
const TEAMS: [&str; 4] = ["North", "South", "East", "West"];

fn add(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(Days::new(days)).unwrap_or(d)
}

fn sub(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_sub_days(Days::new(days)).unwrap_or(d)
}

/// Keeps a date only if it has happened by the extract date.
fn by(d: NaiveDate, as_at: NaiveDate) -> Option<NaiveDate> {
    (d <= as_at).then_some(d)
}

/// Generates the synthetic cohort. The same options always give the same data.
pub fn generate(opts: DemoOptions) -> Dataset {
    let mut rng = Rng(opts.seed ^ 0x005E_ED0F_7A11);
    let as_at = opts.as_at;
    // Entrants over the eight and a half years before the extract date.
    let window_start = sub(as_at, 3100);
    // The improvement programme starts here: later entrants move faster.
    let programme_start = sub(as_at, 1800);
    let mut ds = Dataset::default();
    let mut sibling_groups = 0usize;
    let mut i = 0usize;
    while i < opts.children {
        // Sibling groups of 2 or 3 share their dates closely; about one child in five is in one.
        let group_size = if rng.chance(0.09) { rng.range(2, 3) as usize } else { 1 };
        let group_size = group_size.min(opts.children - i);
        let group_id = (group_size > 1).then(|| {
            sibling_groups += 1;
            format!("SG{sibling_groups:04}")
        });
        let entry = add(window_start, rng.range(0, 3090));
        let team = *rng.pick(&TEAMS);
        for _ in 0..group_size {
            i += 1;
            let jitter = rng.range(0, 3);
            let child = make_child(&mut rng, i, add(entry, jitter), team, group_id.clone(), programme_start, as_at);
            let (placements, events) = make_history(&mut rng, &child, as_at);
            ds.placements.extend(placements);
            ds.events.extend(events);
            ds.children.push(child);
        }
    }
    ds
}

fn make_child(
    rng: &mut Rng,
    n: usize,
    entry: NaiveDate,
    team: &str,
    sibling_group: Option<String>,
    programme_start: NaiveDate,
    as_at: NaiveDate,
) -> Child {
    let mut c = Child {
        child_id: format!("C{n:05}"),
        episode_no: 1,
        name: Some(format!("{} Synthetic-{n}", rng.pick(&FIRST_NAMES))),
        sibling_group,
        team: Some(team.into()),
        source: SourceRow { sheet: "children".into(), row: n as u32 + 1 },
        ..Default::default()
    };
    let age_days = if rng.chance(0.3) { rng.range(0, 364) } else { rng.range(365, 16 * 365) };
    c.date_of_birth = Some(sub(entry, age_days));
    c.set_date(Milestone::FirstReferral, Some(sub(entry, rng.range(20, 400))));
    let improved = entry >= programme_start;

    // About one in six is looked after at home on a Compulsory Supervision Order (aim 1).
    if rng.chance(0.16) {
        c.set_date(Milestone::CsoAtHomeStart, Some(entry));
        c.placement_type_at_start = Some(PlacementType::AtHome);
        c.placement_type = Some(PlacementType::AtHome);
        let review_after = if improved { rng.range(300, 800) } else { rng.range(450, 1100) };
        if rng.chance(0.8) {
            c.set_date(Milestone::CsoReview, by(add(entry, review_after), as_at));
        }
        return c;
    }

    let start_type = *rng.pick(&[
        PlacementType::Kinship,
        PlacementType::Kinship,
        PlacementType::Kinship,
        PlacementType::FosterLa,
        PlacementType::FosterLa,
        PlacementType::FosterLa,
        PlacementType::FosterPurchased,
        PlacementType::Residential,
    ]);
    c.placement_type_at_start = Some(start_type);
    c.placement_type = Some(start_type);
    // One in ten has an earlier episode away from home.
    let first = if rng.chance(0.1) { sub(entry, rng.range(200, 900)) } else { entry };
    c.episode_no = 1;
    c.set_date(Milestone::FirstAccommodated, Some(first));
    c.set_date(Milestone::LastAccommodated, Some(entry));

    let rec_median = if improved { 150.0 } else { 260.0 };
    let rec = add(entry, rng.skewed_days(rec_median, 0.45));
    let Some(rec) = by(rec, as_at) else {
        return c; // still waiting for a recommendation
    };
    // Recommendations sit in review minutes; one in twenty is not recorded in the system.
    let rec_recorded = !rng.chance(0.05);
    if rec_recorded {
        c.set_date(Milestone::PermanenceRecommendation, Some(rec));
    }
    let route = if rng.chance(0.22) {
        "home"
    } else if start_type == PlacementType::Kinship {
        *rng.pick(&["kinship_KCO", "kinship_KCO", "PO"])
    } else {
        *rng.pick(&["adoption", "POA", "PO", "foster_PO", "residential_PO"])
    };
    c.permanence_route = Some(route.into());
    if route == "home" {
        c.destination = Some("home".into());
        c.set_date(Milestone::CeasedLookedAfter, by(add(rec, rng.range(20, 200)), as_at));
        if c.date(Milestone::CeasedLookedAfter).is_some() {
            c.placement_type = Some(PlacementType::AtHome);
        }
        return c;
    }

    let panel = add(rec, rng.skewed_days(if improved { 70.0 } else { 110.0 }, 0.35));
    let Some(panel) = by(panel, as_at) else { return c };
    c.set_date(Milestone::PermanencePanel, Some(panel));
    let adm = add(panel, rng.range(3, 21));
    let Some(adm) = by(adm, as_at) else { return c };
    // ADM sign-off is often missing from the record, more so for kinship children.
    let adm_missing_p = if start_type == PlacementType::Kinship { 0.35 } else { 0.08 };
    if !rng.chance(adm_missing_p) {
        c.set_date(Milestone::AdmDecision, Some(adm));
    }
    if matches!(route, "adoption" | "POA") {
        c.placement_type = Some(PlacementType::ProspectiveAdopters);
    }
    // The final placement may start before the ADM decision (allowed: docs/domain.md#milestones).
    c.set_date(Milestone::FinalPlacement, by(add(sub(adm, 40), rng.range(0, 120)), as_at));
    let court = add(adm, rng.skewed_days(if improved { 60.0 } else { 120.0 }, 0.5));
    let Some(court) = by(court, as_at) else { return c };
    c.set_date(Milestone::CourtApplication, Some(court));
    let order = add(court, rng.skewed_days(160.0, 0.4));
    let Some(order) = by(order, as_at) else { return c };
    c.set_date(Milestone::OrderGranted, Some(order));
    c.order_type = Some(
        match route {
            "kinship_KCO" => "KCO_s11",
            "adoption" => "adoption",
            "POA" => "POA",
            _ => "PO",
        }
        .into(),
    );
    if route == "adoption" {
        c.set_date(Milestone::CeasedLookedAfter, by(add(order, rng.range(1, 30)), as_at));
        c.destination = Some("adoption".into());
    }
    c
}

/// Placements from the first accommodation (or CSO start) to now, and LAC reviews.
fn make_history(rng: &mut Rng, c: &Child, as_at: NaiveDate) -> (Vec<Placement>, Vec<Event>) {
    let mut placements = Vec::new();
    let mut events = Vec::new();
    let start = c.date(Milestone::FirstAccommodated).or(c.date(Milestone::CsoAtHomeStart)).unwrap_or(as_at);
    let end = c.date(Milestone::CeasedLookedAfter).unwrap_or(as_at);
    let mut cursor = start;
    let mut ptype = c.placement_type_at_start.unwrap_or(PlacementType::Unknown);
    let moves = if ptype == PlacementType::AtHome { 0 } else { rng.range(0, 3) };
    let id: crate::model::SharedText = c.child_id.as_str().into();
    for k in 0..=moves {
        let last = k == moves;
        let next = if last { None } else { by(add(cursor, rng.range(60, 500)), end) };
        let final_type = if last { c.placement_type.unwrap_or(ptype) } else { ptype };
        let placement_end = if last { c.date(Milestone::CeasedLookedAfter) } else { next };
        placements.push(Placement {
            child_id: id.clone(),
            start: cursor,
            end: placement_end,
            placement_type: final_type,
            placement_type_raw: final_type.label().into(),
            carer_ref: None,
            end_reason: placement_end.map(|_| if last { "ceased" } else { "move" }.into()),
            source: SourceRow { sheet: "placements".into(), row: 0 },
        });
        let Some(n) = next else { break };
        cursor = n;
        ptype = *rng.pick(&[PlacementType::FosterLa, PlacementType::FosterPurchased, PlacementType::Kinship]);
    }
    // Statutory reviews: 6 weeks, 3 months after that, then six-monthly (docs/domain.md#reviews).
    let review_from = c.date(Milestone::LastAccommodated).or(c.date(Milestone::CsoAtHomeStart));
    if let Some(first) = review_from {
        let stop = c.date(Milestone::PermanenceRecommendation).unwrap_or(end).min(end);
        let mut when = add(first, 42);
        let mut step = 91;
        while when <= stop {
            events.push(Event {
                child_id: id.clone(),
                date: when,
                event_type: "LAC_review".into(),
                label: None,
                source: SourceRow { sheet: "events".into(), row: 0 },
            });
            when = add(when, step);
            step = 182;
        }
    }
    (placements, events)
}

/// Canonical header order of the children sheet (docs/domain.md#input-columns).
pub const CHILDREN_HEADERS: [&str; 23] = [
    "child_id",
    "episode_no",
    "name",
    "sibling_group_id",
    "date_of_birth",
    "first_referral_date",
    "first_accommodated_date",
    "last_accommodated_date",
    "cso_at_home_start_date",
    "cso_review_date",
    "permanence_recommendation_date",
    "permanence_route",
    "permanence_panel_date",
    "adm_decision_date",
    "final_placement_date",
    "court_application_date",
    "order_type",
    "order_granted_date",
    "ceased_looked_after_date",
    "destination",
    "placement_type_at_start",
    "placement_type",
    "team",
];

/// The children sheet as rows of text in [`CHILDREN_HEADERS`] order, dates as dd/mm/yyyy.
pub fn children_rows(ds: &Dataset) -> Vec<Vec<String>> {
    let date =
        |d: Option<NaiveDate>| d.map(|d| format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())).unwrap_or_default();
    let text = |s: &Option<String>| s.clone().unwrap_or_default();
    let shared = |s: &Option<crate::model::SharedText>| s.as_deref().unwrap_or_default().to_string();
    ds.children
        .iter()
        .map(|c| {
            vec![
                c.child_id.clone(),
                c.episode_no.to_string(),
                text(&c.name),
                text(&c.sibling_group),
                date(c.date_of_birth),
                date(c.date(Milestone::FirstReferral)),
                date(c.date(Milestone::FirstAccommodated)),
                date(c.date(Milestone::LastAccommodated)),
                date(c.date(Milestone::CsoAtHomeStart)),
                date(c.date(Milestone::CsoReview)),
                date(c.date(Milestone::PermanenceRecommendation)),
                shared(&c.permanence_route),
                date(c.date(Milestone::PermanencePanel)),
                date(c.date(Milestone::AdmDecision)),
                date(c.date(Milestone::FinalPlacement)),
                date(c.date(Milestone::CourtApplication)),
                shared(&c.order_type),
                date(c.date(Milestone::OrderGranted)),
                date(c.date(Milestone::CeasedLookedAfter)),
                shared(&c.destination),
                c.placement_type_at_start.map(|p| p.key().to_string()).unwrap_or_default(),
                c.placement_type.map(|p| p.key().to_string()).unwrap_or_default(),
                shared(&c.team),
            ]
        })
        .collect()
}

/// Header order of the optional placements sheet (docs/domain.md#input-columns).
pub const PLACEMENTS_HEADERS: [&str; 6] =
    ["child_id", "start_date", "end_date", "placement_type", "carer_ref", "end_reason"];

/// Header order of the optional events sheet (docs/domain.md#input-columns).
pub const EVENTS_HEADERS: [&str; 4] = ["child_id", "date", "event_type", "label"];

/// The placements sheet as rows of text in [`PLACEMENTS_HEADERS`] order, dates as dd/mm/yyyy
/// and placement types as their canonical keys. A blank end date means the placement goes on.
pub fn placements_rows(ds: &Dataset) -> Vec<Vec<String>> {
    ds.placements
        .iter()
        .map(|p| {
            vec![
                p.child_id.to_string(),
                uk_date(p.start),
                p.end.map(uk_date).unwrap_or_default(),
                p.placement_type.key().to_string(),
                p.carer_ref.clone().unwrap_or_default(),
                p.end_reason.as_deref().unwrap_or_default().to_string(),
            ]
        })
        .collect()
}

/// The events sheet as rows of text in [`EVENTS_HEADERS`] order, dates as dd/mm/yyyy.
pub fn events_rows(ds: &Dataset) -> Vec<Vec<String>> {
    ds.events
        .iter()
        .map(|e| {
            vec![e.child_id.to_string(), uk_date(e.date), e.event_type.to_string(), e.label.clone().unwrap_or_default()]
        })
        .collect()
}

/// The demo workbook's sheets as rows of text, each with its header row: children, placements,
/// events and an "about" sheet saying the data is synthetic (`timescales demo --out F.xlsx` and
/// the workbook worker's warm-up write them).
pub fn workbook_sheets(ds: &Dataset) -> Vec<(&'static str, Vec<Vec<String>>)> {
    fn with_header(header: &[&str], rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
        let mut all = vec![header.iter().map(|h| h.to_string()).collect()];
        all.extend(rows);
        all
    }
    vec![
        ("children", with_header(&CHILDREN_HEADERS, children_rows(ds))),
        ("placements", with_header(&PLACEMENTS_HEADERS, placements_rows(ds))),
        ("events", with_header(&EVENTS_HEADERS, events_rows(ds))),
        ("about", with_header(&["about"], vec![vec![DEMO_LABEL.to_string()]])),
    ]
}

/// The children sheet as CSV text (UTF-8, comma-separated, quoted where needed).
pub fn children_csv(ds: &Dataset) -> String {
    let mut out = String::with_capacity(ds.children.len() * 200);
    let mut push_row = |cells: &[String]| {
        for (k, cell) in cells.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            if cell.contains([',', '"', '\n', '\r']) {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
        out.push('\n');
    };
    push_row(&CHILDREN_HEADERS.map(String::from));
    for row in children_rows(ds) {
        push_row(&row);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_data_and_different_seed_differs() {
        let a = generate(DemoOptions::default());
        let b = generate(DemoOptions::default());
        assert_eq!(a, b);
        let c = generate(DemoOptions { seed: 7, ..DemoOptions::default() });
        assert_ne!(a.children, c.children);
        assert_eq!(a.children.len(), 300);
    }

    #[test]
    fn no_date_after_as_at_and_ids_unique() {
        let opts = DemoOptions { children: 2000, ..DemoOptions::default() };
        let ds = generate(opts);
        assert!(ds.latest_date().unwrap() <= opts.as_at);
        let mut ids: Vec<_> = ds.children.iter().map(|c| c.child_id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 2000);
    }

    #[test]
    fn cohort_contains_the_messy_cases() {
        let ds = generate(DemoOptions::default());
        let has = |f: &dyn Fn(&Child) -> bool| ds.children.iter().any(f);
        let m = |c: &Child, x: Milestone| c.date(x).is_some();
        // still waiting for a recommendation
        assert!(has(&|c| m(c, Milestone::LastAccommodated)
            && !m(c, Milestone::PermanenceRecommendation)
            && !m(c, Milestone::PermanencePanel)));
        // panel held but no ADM decision recorded
        assert!(has(&|c| m(c, Milestone::PermanencePanel) && !m(c, Milestone::AdmDecision)));
        // recommendation missing but implied by a later milestone
        assert!(has(&|c| !m(c, Milestone::PermanenceRecommendation) && m(c, Milestone::PermanencePanel)));
        // at home on a CSO
        assert!(has(&|c| m(c, Milestone::CsoAtHomeStart)));
        // kinship children and a return home
        assert!(has(&|c| c.placement_type_at_start == Some(PlacementType::Kinship)));
        assert!(has(&|c| c.permanence_route.as_deref() == Some("home") && m(c, Milestone::CeasedLookedAfter)));
        // sibling groups
        assert!(has(&|c| c.sibling_group.is_some()));
        // legal permanence reached
        assert!(has(&|c| m(c, Milestone::OrderGranted)));
    }

    #[test]
    fn placement_and_event_rows_follow_their_headers() {
        let ds = generate(DemoOptions { children: 40, ..DemoOptions::default() });
        let placements = placements_rows(&ds);
        assert_eq!(placements.len(), ds.placements.len());
        assert!(placements.iter().all(|r| r.len() == PLACEMENTS_HEADERS.len()));
        let p = &ds.placements[0];
        assert_eq!(*placements[0][0], *p.child_id);
        assert_eq!(placements[0][1], format!("{:02}/{:02}/{}", p.start.day(), p.start.month(), p.start.year()));
        assert!(placements.iter().all(|r| PlacementType::from_key(&r[3]).is_some()));
        // Ongoing placements have a blank end date.
        assert!(placements.iter().any(|r| r[2].is_empty()));
        let events = events_rows(&ds);
        assert_eq!(events.len(), ds.events.len());
        assert!(events.iter().all(|r| r.len() == EVENTS_HEADERS.len() && r[2] == "LAC_review"));
        assert_eq!(events[0][1].len(), 10);
    }

    #[test]
    fn csv_has_header_and_one_line_per_child() {
        let ds = generate(DemoOptions { children: 5, ..DemoOptions::default() });
        let csv = children_csv(&ds);
        let lines: Vec<_> = csv.lines().collect();
        assert_eq!(lines.len(), 6);
        assert!(lines[0].starts_with("child_id,episode_no,name,"));
        assert!(lines[1].starts_with("C00001,1,"));
    }
}
