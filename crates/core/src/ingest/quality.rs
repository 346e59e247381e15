//! The data-quality report: every problem with the sheet, the row number the user sees, the
//! column header and the original text; completeness per milestone and per placement type; and
//! the row accounting (rows read = rows used + rows set aside), so nothing is dropped silently.
//!
//! The checks that look at a whole child record (milestones out of order, missing but implied,
//! no usable start date) live here; the cell-level checks live in [`super::records`].

use std::collections::BTreeMap;

use serde::Serialize;

use super::table::Cell;
use crate::analysis::stages::{RouteReading, implied_by, read_route, route_of};
use crate::dates::uk_date;
use crate::model::{Child, Milestone, PlacementType};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A value that cannot be used, or a record that contradicts itself.
    Error,
    /// A value that is used but looks doubtful.
    Warning,
    /// Worth knowing (placeholders, rows set aside as expected, choices made).
    Info,
}

impl Severity {
    /// Lower-case name, as in the JSON output.
    pub const fn key(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What sort of problem, so the app can group and filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProblemKind {
    /// A value that could not be read (date, episode number, ...).
    Unparseable,
    /// A placeholder such as "TBC": counted as not recorded.
    NotRecorded,
    /// A date before 1990 or before the date of birth.
    DateOutOfRange,
    /// A date after today (or after the extract date): it cannot be true yet.
    FutureDate,
    /// The same child id and episode number twice.
    DuplicateChild,
    /// A milestone earlier than one that should come before it.
    OutOfOrder,
    /// A milestone blank while a later one is recorded.
    MissingButImplied,
    /// No first/last accommodated or CSO start date.
    NoStartDate,
    /// A placement-type value not in the alias list or the mapping.
    UnknownPlacementType,
    /// A destination value not in the closed list or the mapping.
    UnknownDestination,
    /// A row that is not used as a record (see [`SetAsideReason`]).
    RowSetAside,
    /// A column or sheet choice worth knowing about (CHI column, duplicate column, sheet choice).
    Mapping,
    /// A placement or event whose child is not on the children sheet.
    UnknownChild,
    /// A permanence route not in the closed list.
    UnknownRoute,
    /// A child with more than one episode row: which is current, and what was taken from the others.
    MultipleEpisodes,
    /// A one-episode child's first accommodated date also used as the last accommodated date.
    FirstAccommodatedUsedAsLast,
}

/// One problem in the user's file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub sheet: String,
    /// Row number as the user sees it; `None` for problems about a whole sheet or column.
    pub row: Option<u32>,
    /// Column header as written in the file; `None` for problems about a whole row.
    pub column: Option<String>,
    /// The original text of the cell (empty when the problem is about a row or a sheet).
    pub value: String,
    /// Plain English: what is wrong and, where it helps, what to do.
    pub message: String,
    pub severity: Severity,
    pub kind: ProblemKind,
}

impl Problem {
    /// A note about a whole sheet or the file, not a row: how it was read (a sheet not used, a
    /// group of children that seems to be missing). Informational, about the mapping.
    pub fn sheet_note(sheet: &str, message: String) -> Problem {
        Problem {
            sheet: sheet.to_string(),
            row: None,
            column: None,
            value: String::new(),
            message,
            severity: Severity::Info,
            kind: ProblemKind::Mapping,
        }
    }
}

/// Why a row was not used as a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SetAsideReason {
    /// The header row itself.
    HeaderRow,
    /// A title, note or blank row above the header row.
    AboveHeader,
    /// A row with nothing in it.
    BlankRow,
    /// The header row repeated in the body (from pasting files together).
    RepeatedHeader,
    /// A row with data but no child id.
    NoChildId,
    /// A second row for a child id and episode already seen.
    DuplicateChild,
    /// A placement or event with no usable date.
    NoUsableDate,
    /// A placement that ends before it starts.
    EndBeforeStart,
}

impl SetAsideReason {
    /// Plain-English reason.
    pub const fn label(self) -> &'static str {
        match self {
            SetAsideReason::HeaderRow => "header row",
            SetAsideReason::AboveHeader => "above the header row (title, notes or blank)",
            SetAsideReason::BlankRow => "blank row",
            SetAsideReason::RepeatedHeader => "repeated header row",
            SetAsideReason::NoChildId => "no child id",
            SetAsideReason::DuplicateChild => "duplicate child id and episode",
            SetAsideReason::NoUsableDate => "no usable date",
            SetAsideReason::EndBeforeStart => "placement ends before it starts",
        }
    }
}

/// One row that was read but not used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SetAsideRow {
    pub sheet: String,
    pub row: u32,
    pub reason: SetAsideReason,
}

/// Row accounting over every sheet that was used. Always `rows_read == rows_used + rows_set_aside`
/// and `rows_set_aside == set_aside.len()`. Blank rows after the last row with data are not
/// counted (a spreadsheet has endless empty rows below the data).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct RowAccount {
    pub rows_read: usize,
    /// Rows that became a child, placement or event record.
    pub rows_used: usize,
    pub rows_set_aside: usize,
    pub set_aside: Vec<SetAsideRow>,
}

impl RowAccount {
    /// True when the counts add up (they always should; tests check it).
    pub fn adds_up(&self) -> bool {
        self.rows_read == self.rows_used + self.rows_set_aside && self.rows_set_aside == self.set_aside.len()
    }
}

/// Completeness of one milestone over the children.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MilestoneCompleteness {
    pub milestone: Milestone,
    pub code: &'static str,
    pub label: &'static str,
    /// The column it was read from, if the file has one.
    pub column: Option<String>,
    /// Children with a usable date.
    pub recorded: usize,
    /// Children with a placeholder such as "TBC".
    pub not_recorded: usize,
    /// Children with an unreadable value.
    pub invalid: usize,
    /// Children with nothing in the cell (or no column).
    pub blank: usize,
    /// Children with no date here but a later milestone recorded.
    pub implied_missing: usize,
}

/// Completeness for the children of one placement type (current type, else type at start).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacementTypeCompleteness {
    /// `None` for children with no placement type given.
    pub placement_type: Option<PlacementType>,
    pub label: &'static str,
    pub children: usize,
    /// Milestone key -> children of this type with that date recorded.
    pub recorded: BTreeMap<&'static str, usize>,
    /// Milestone key -> children of this type with a placeholder ("TBC") there.
    pub not_recorded: BTreeMap<&'static str, usize>,
    /// Milestone key -> children of this type with that date missing but implied.
    pub implied_missing: BTreeMap<&'static str, usize>,
}

/// Completeness tables.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Completeness {
    pub children: usize,
    pub milestones: Vec<MilestoneCompleteness>,
    pub by_placement_type: Vec<PlacementTypeCompleteness>,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct QualityReport {
    pub rows: RowAccount,
    /// In sheet and row order; sheet-level problems first within a sheet.
    pub problems: Vec<Problem>,
    pub completeness: Completeness,
}

impl QualityReport {
    /// Number of problems of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.problems.iter().filter(|p| p.severity == severity).count()
    }
}

/// How each milestone of one child was found, for completeness and "missing but implied".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateState {
    /// No column or empty cell.
    #[default]
    Blank,
    NotRecorded,
    Invalid,
    Recorded,
}

/// Where one child's milestone values came from, for messages.
pub struct ChildCells<'a> {
    pub sheet: &'a str,
    pub row: u32,
    /// Header and cell of each milestone column (`None` when the file has no column).
    pub cells: [Option<(&'a str, &'a Cell)>; Milestone::COUNT],
    pub states: [DateState; Milestone::COUNT],
}

/// Ordering rules between milestones (docs/domain.md#data-quality): `(earlier, later, severity)`
/// when the later one comes first. M6 before M5 and M8 before M6 are allowed, so not listed;
/// M3 before M2 is only a warning (pre-birth and concurrent planning).
const ORDER_RULES: &[(Milestone, Milestone, Severity)] = &[
    (Milestone::FirstReferral, Milestone::FirstAccommodated, Severity::Warning),
    (Milestone::FirstAccommodated, Milestone::LastAccommodated, Severity::Error),
    (Milestone::LastAccommodated, Milestone::PermanenceRecommendation, Severity::Warning),
    (Milestone::CsoAtHomeStart, Milestone::CsoReview, Severity::Error),
    (Milestone::LastAccommodated, Milestone::CeasedLookedAfter, Severity::Error),
];

/// The decision chain M3 -> M4 -> M5 -> M7 -> M8: each recorded date must not be before the
/// nearest recorded one before it in the chain (so a blank panel date still lets M5 be compared
/// with M3).
const CHAIN: [Milestone; 5] = [
    Milestone::PermanenceRecommendation,
    Milestone::PermanencePanel,
    Milestone::AdmDecision,
    Milestone::CourtApplication,
    Milestone::OrderGranted,
];

/// Whole-record checks for one child: order, missing but implied, no usable start date.
/// Implied-missing milestones are marked in `implied` for the completeness table.
pub fn check_child(
    child: &Child,
    cells: &ChildCells<'_>,
    problems: &mut Vec<Problem>,
    implied: &mut [bool; Milestone::COUNT],
) {
    let mut out_of_order = |earlier: Milestone, later: Milestone, severity: Severity| {
        let (Some(a), Some(b)) = (child.date(earlier), child.date(later)) else { return };
        if b >= a {
            return;
        }
        let (column, value) = match &cells.cells[later.index()] {
            Some((h, v)) => (Some(h.to_string()), v.display()),
            None => (None, String::new()),
        };
        let note = if severity == Severity::Warning && later == Milestone::PermanenceRecommendation {
            " (this can be right with pre-birth or concurrent planning, so it is a warning)"
        } else {
            ""
        };
        problems.push(Problem {
            sheet: cells.sheet.to_string(),
            row: Some(cells.row),
            column,
            value,
            message: format!("{} ({}) is before {} ({}){note}", later.label(), uk_date(b), earlier.label(), uk_date(a)),
            severity,
            kind: ProblemKind::OutOfOrder,
        });
    };
    for &(earlier, later, severity) in ORDER_RULES {
        out_of_order(earlier, later, severity);
    }
    let mut previous: Option<Milestone> = None;
    for m in CHAIN {
        if child.date(m).is_none() {
            continue;
        }
        if let Some(p) = previous {
            out_of_order(p, m, Severity::Error);
        }
        previous = Some(m);
    }

    // Missing but implied: the same rule, pathway and route table as the analysis
    // (docs/domain.md#route-milestones), so both agree on what is missing.
    let route = route_of(child);
    match read_route(child) {
        RouteReading::NotRecognised => problems.push(Problem {
            sheet: cells.sheet.to_string(),
            row: Some(cells.row),
            column: None,
            value: child.permanence_route.as_deref().unwrap_or_default().to_string(),
            message: format!(
                "permanence route '{}' is not one I know (home, kinship_KCO, PO, POA, adoption, foster_PO, residential_PO, other), so no milestone is skipped for it and aim 4 lists the child as undecided",
                child.permanence_route.as_deref().unwrap_or_default()
            ),
            severity: Severity::Warning,
            kind: ProblemKind::UnknownRoute,
        }),
        RouteReading::Blank | RouteReading::Known(_) => {}
    }
    // First accommodated is left out: it starts a stage only when the user chooses it as aim 2's
    // start, and a blank one beside a last accommodated date is usual (one episode).
    for missing in Milestone::ALL.into_iter().filter(|m| *m != Milestone::FirstAccommodated) {
        // Only when the file has a column for it: a file without an ADM column is reported
        // once, as a sheet-level note, not once per child.
        if cells.cells[missing.index()].is_none() || child.date(missing).is_some() {
            continue;
        }
        if cells.states[missing.index()] == DateState::Invalid {
            continue; // already reported as unreadable
        }
        let Some(by) = implied_by(route, missing, |m| child.date(m).is_some()) else { continue };
        implied[missing.index()] = true;
        let (column, value) = match &cells.cells[missing.index()] {
            Some((h, v)) => (Some(h.to_string()), v.display()),
            None => (None, String::new()),
        };
        problems.push(Problem {
            sheet: cells.sheet.to_string(),
            row: Some(cells.row),
            column,
            value,
            message: format!(
                "{} is not recorded but {} is ({}): missing but implied; this child is left out of timescales that start or end at the {}",
                missing.label(),
                by.label(),
                child.date(by).map(uk_date).unwrap_or_default(),
                missing.label().to_lowercase()
            ),
            severity: Severity::Warning,
            kind: ProblemKind::MissingButImplied,
        });
    }

    let starts = [Milestone::FirstAccommodated, Milestone::LastAccommodated, Milestone::CsoAtHomeStart];
    if starts.iter().all(|m| child.date(*m).is_none()) {
        problems.push(Problem {
            sheet: cells.sheet.to_string(),
            row: Some(cells.row),
            column: None,
            value: String::new(),
            message: format!(
                "child {} has no usable start date (no date accommodated and no CSO start), so no timescale can be measured for them",
                child.child_id
            ),
            severity: Severity::Warning,
            kind: ProblemKind::NoStartDate,
        });
    }
}

/// Builds the completeness tables from the children and the per-child date states.
pub fn completeness(
    children: &[Child],
    states: &[[DateState; Milestone::COUNT]],
    implied: &[[bool; Milestone::COUNT]],
    columns: &[Option<String>; Milestone::COUNT],
) -> Completeness {
    let milestones = Milestone::ALL
        .into_iter()
        .map(|m| {
            let i = m.index();
            let count = |s: DateState| states.iter().filter(|st| st[i] == s).count();
            MilestoneCompleteness {
                milestone: m,
                code: m.code(),
                label: m.label(),
                column: columns[i].clone(),
                recorded: count(DateState::Recorded),
                not_recorded: count(DateState::NotRecorded),
                invalid: count(DateState::Invalid),
                blank: count(DateState::Blank),
                implied_missing: implied.iter().filter(|im| im[i]).count(),
            }
        })
        .collect();
    let mut groups: Vec<Option<PlacementType>> = PlacementType::ALL.into_iter().map(Some).collect();
    groups.push(None);
    // One pass over the children, counting into each group (children, recorded, not recorded,
    // implied missing per milestone); children, states and implied flags are parallel vectors.
    let mut counts = vec![(0usize, [[0usize; Milestone::COUNT]; 3]); groups.len()];
    for (i, c) in children.iter().enumerate() {
        let g = c.placement_type.or(c.placement_type_at_start);
        let k = groups.iter().position(|x| *x == g).unwrap_or(groups.len() - 1);
        let (n, per) = &mut counts[k];
        *n += 1;
        for m in Milestone::ALL {
            let j = m.index();
            per[0][j] += usize::from(c.date(m).is_some());
            per[1][j] += usize::from(states.get(i).is_some_and(|s| s[j] == DateState::NotRecorded));
            per[2][j] += usize::from(implied.get(i).is_some_and(|s| s[j]));
        }
    }
    let by_key = |per: &[usize; Milestone::COUNT]| -> BTreeMap<&'static str, usize> {
        Milestone::ALL.into_iter().map(|m| (m.key(), per[m.index()])).collect()
    };
    let by_placement_type = groups
        .into_iter()
        .zip(counts)
        .filter(|(_, (n, _))| *n > 0)
        .map(|(g, (n, per))| PlacementTypeCompleteness {
            placement_type: g,
            label: g.map_or("Not given", PlacementType::label),
            children: n,
            recorded: by_key(&per[0]),
            not_recorded: by_key(&per[1]),
            implied_missing: by_key(&per[2]),
        })
        .collect();
    Completeness { children: children.len(), milestones, by_placement_type }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(y, m, day)
    }

    fn cells_for(child: &Child) -> ChildCells<'static> {
        let mut cells: [Option<(&str, &Cell)>; Milestone::COUNT] = Default::default();
        let mut states = [DateState::Blank; Milestone::COUNT];
        for m in Milestone::ALL {
            let text = child.date(m).map(uk_date).unwrap_or_default();
            cells[m.index()] = Some((m.key(), Box::leak(Box::new(Cell::Text(text.into())))));
            if child.date(m).is_some() {
                states[m.index()] = DateState::Recorded;
            }
        }
        ChildCells { sheet: "children", row: 2, cells, states }
    }

    fn run(child: &Child) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut implied = [false; Milestone::COUNT];
        check_child(child, &cells_for(child), &mut problems, &mut implied);
        problems
    }

    #[test]
    fn allowed_orders_are_not_flagged() {
        let mut c = Child { child_id: "A".into(), ..Default::default() };
        c.set_date(Milestone::LastAccommodated, d(2020, 1, 1));
        c.set_date(Milestone::PermanenceRecommendation, d(2020, 6, 1));
        c.set_date(Milestone::PermanencePanel, d(2020, 8, 1));
        c.set_date(Milestone::AdmDecision, d(2020, 8, 10));
        // M6 before M5 and M8 before M6: both allowed (docs/domain.md#milestones).
        c.set_date(Milestone::FinalPlacement, d(2021, 6, 1));
        c.set_date(Milestone::CourtApplication, d(2020, 10, 1));
        c.set_date(Milestone::OrderGranted, d(2021, 3, 1));
        assert_eq!(run(&c), vec![]);
        c.set_date(Milestone::FinalPlacement, d(2020, 7, 1));
        assert_eq!(run(&c), vec![]);
    }

    #[test]
    fn out_of_order_is_error_except_m3_before_m2() {
        let mut c = Child { child_id: "A".into(), ..Default::default() };
        c.set_date(Milestone::LastAccommodated, d(2020, 6, 1));
        c.set_date(Milestone::PermanenceRecommendation, d(2020, 1, 1));
        let p = run(&c);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].severity, Severity::Warning);
        assert_eq!(p[0].kind, ProblemKind::OutOfOrder);
        // ADM before the recommendation with the panel blank: still compared, an error.
        c.set_date(Milestone::AdmDecision, d(2019, 12, 1));
        let p = run(&c);
        assert!(p.iter().any(|p| p.severity == Severity::Error
            && p.message == "ADM decision (01/12/2019) is before Permanence recommendation (01/01/2020)"));
    }

    #[test]
    fn missing_but_implied_and_no_start() {
        let mut c = Child { child_id: "B".into(), ..Default::default() };
        c.set_date(Milestone::PermanencePanel, d(2021, 1, 1));
        let mut problems = Vec::new();
        let mut implied = [false; Milestone::COUNT];
        check_child(&c, &cells_for(&c), &mut problems, &mut implied);
        // The analysis's pathway: first and last accommodated and the recommendation all come
        // before a panel.
        assert!(implied[Milestone::PermanenceRecommendation.index()]);
        assert!(implied[Milestone::LastAccommodated.index()] && !implied[Milestone::FirstAccommodated.index()]);
        assert!(!implied[Milestone::AdmDecision.index()], "nothing after the ADM decision is recorded");
        let kinds: Vec<_> = problems.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [[ProblemKind::MissingButImplied; 2].as_slice(), &[ProblemKind::NoStartDate]].concat());
        // A kinship care order never goes to a panel: an ADM date does not imply one.
        let mut k = Child { child_id: "K".into(), permanence_route: Some("kinship_KCO".into()), ..Default::default() };
        k.set_date(Milestone::LastAccommodated, d(2020, 1, 1));
        k.set_date(Milestone::PermanenceRecommendation, d(2020, 3, 1));
        k.set_date(Milestone::AdmDecision, d(2020, 6, 1));
        let mut implied = [false; Milestone::COUNT];
        check_child(&k, &cells_for(&k), &mut Vec::new(), &mut implied);
        assert!(!implied[Milestone::PermanencePanel.index()]);
    }
}
