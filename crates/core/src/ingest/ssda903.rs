//! England's SSDA903 return (the children looked after return) read from its CSV tables, dropped
//! together (docs/domain.md#ssda903).
//!
//! Each table is recognised by its columns, never its file name ([`recognise`]). Episodes give
//! the placement history, the periods of care (an episode whose reason for new episode is S starts
//! one), the first and latest care starts, the placement order (the first legal status E1 in the
//! latest period), placed for adoption (the first placement A3 to A6 in it) and the adoption order
//! (an episode ceasing with E11 or E12). PlacedAdoption gives the decision that the child should be
//! placed for adoption and its reversal; AD1 the match; Header the date of birth; Reviews become
//! review events. The return collects no referral, CSO, permanence recommendation, panel or court
//! application dates: those milestones are marked "not collected in this format".

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use chrono::NaiveDate;

use super::fields::place_code;
use super::load::{LoadOptions, LoadOutcome, SheetReport, SourceFormat};
use super::quality::{
    Completeness, DateState, Problem, ProblemKind, QualityReport, RowAccount, SetAsideReason, SetAsideRow, Severity,
    completeness,
};
use super::records::{DateRead, DestinationValue, Interner, PlacementValue, read_date};
use super::sheets::ColumnSource;
use super::table::{Cell, Sheet};
use crate::model::{
    Child, Dataset, Destination, EnglandDates, Event, Milestone, Placement, PlacementType, SharedText, SourceRow,
};

/// The SSDA903 tables Timescales reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table903 {
    Header,
    Episodes,
    Ad1,
    PlacedAdoption,
    Reviews,
    PrevPerm,
}

impl Table903 {
    /// Every table, in the order they are read.
    pub const ALL: [Table903; 6] = [
        Table903::Header,
        Table903::Episodes,
        Table903::Ad1,
        Table903::PlacedAdoption,
        Table903::Reviews,
        Table903::PrevPerm,
    ];

    /// The table's name in the return.
    pub const fn name(self) -> &'static str {
        match self {
            Table903::Header => "Header",
            Table903::Episodes => "Episodes",
            Table903::Ad1 => "AD1",
            Table903::PlacedAdoption => "PlacedAdoption",
            Table903::Reviews => "Reviews",
            Table903::PrevPerm => "PrevPerm",
        }
    }

    /// The columns that identify the table (all must be present; others may be too).
    pub const fn columns(self) -> &'static [&'static str] {
        match self {
            Table903::Header => &["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"],
            Table903::Episodes => &[
                "CHILD",
                "DECOM",
                "RNE",
                "LS",
                "CIN",
                "PLACE",
                "PLACE_PROVIDER",
                "DEC",
                "REC",
                "REASON_PLACE_CHANGE",
                "HOME_POST",
                "PL_POST",
            ],
            Table903::Ad1 => {
                &["CHILD", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"]
            }
            Table903::PlacedAdoption => &["CHILD", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"],
            Table903::Reviews => &["CHILD", "REVIEW", "REVIEW_CODE"],
            Table903::PrevPerm => &["CHILD", "PREV_PERM", "LA_PERM", "DATE_PERM"],
        }
    }

    /// What Timescales takes from the table, for the sheet's note.
    const fn used_for(self) -> &'static str {
        match self {
            Table903::Header => "dates of birth",
            Table903::Episodes => {
                "periods of care, placements, the placement order, placed for adoption and the adoption order"
            }
            Table903::Ad1 => "the match with prospective adopters",
            Table903::PlacedAdoption => "the decision that the child should be placed for adoption and its reversal",
            Table903::Reviews => "review dates (as review events)",
            Table903::PrevPerm => "nothing yet: previous permanence is not part of the timescales",
        }
    }
}

/// Milestones the SSDA903 return does not collect (docs/domain.md#not-collected).
pub const NOT_COLLECTED: [Milestone; 6] = [
    Milestone::FirstReferral,
    Milestone::CsoAtHomeStart,
    Milestone::CsoReview,
    Milestone::PermanenceRecommendation,
    Milestone::PermanencePanel,
    Milestone::CourtApplication,
];

/// A table found on a sheet: which one, its header row and where each column is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recognised {
    pub table: Table903,
    /// Index into `Sheet::rows` of the header row.
    pub header_index: usize,
    /// Upper-cased, trimmed header -> column position.
    pub columns: HashMap<String, usize>,
}

impl Recognised {
    fn cell<'a>(&self, row: &'a [Cell], name: &str) -> Option<&'a Cell> {
        self.columns.get(name).and_then(|&i| row.get(i))
    }

    fn text(&self, row: &[Cell], name: &str) -> String {
        self.cell(row, name).map(|c| c.display().trim().to_string()).unwrap_or_default()
    }
}

/// The header row of a sheet: its first non-blank row, upper-cased and trimmed.
fn header_of(sheet: &Sheet) -> Option<(usize, HashMap<String, usize>)> {
    let index = sheet.rows.iter().take(5).position(|r| !r.iter().all(Cell::is_blank))?;
    let columns = sheet.rows[index]
        .iter()
        .enumerate()
        .map(|(i, c)| (c.display().trim().to_uppercase(), i))
        .filter(|(h, _)| !h.is_empty())
        .collect();
    Some((index, columns))
}

/// Which SSDA903 table a sheet is, by its columns.
pub fn recognise(sheet: &Sheet) -> Option<Recognised> {
    let (header_index, columns) = header_of(sheet)?;
    let table = Table903::ALL.into_iter().find(|t| t.columns().iter().all(|c| columns.contains_key(*c)))?;
    Some(Recognised { table, header_index, columns })
}

/// True when the sheets hold SSDA903 tables (any of the six read): they are then read together
/// by [`load_ssda903`] rather than as a tracker.
pub fn looks_like_ssda903(sheets: &[Sheet]) -> bool {
    sheets.iter().any(|s| recognise(s).is_some())
}

/// One episode row.
#[derive(Debug, Clone, PartialEq)]
struct Episode {
    row: SourceRow,
    decom: NaiveDate,
    rne: String,
    ls: String,
    place: String,
    provider: String,
    dec: Option<NaiveDate>,
    rec: String,
}

/// One PlacedAdoption row.
#[derive(Debug, Clone, PartialEq)]
struct Decision {
    placed: Option<NaiveDate>,
    ceased: Option<NaiveDate>,
    reason: String,
}

/// Everything read from the tables, by child id.
#[derive(Debug, Default)]
struct Tables {
    episodes: BTreeMap<String, Vec<Episode>>,
    dob: HashMap<String, NaiveDate>,
    decisions: HashMap<String, Vec<Decision>>,
    matches: HashMap<String, NaiveDate>,
    /// Children adopted by their foster carers (AD1 FOSTER_CARE = 1).
    adopted_by_foster_carers: HashSet<String>,
    reviews: Vec<Event>,
    /// Each child's id and the review type, one copy for all of the child's reviews.
    shared: Interner,
    account: RowAccount,
    problems: Vec<Problem>,
    /// The latest date a record can truly hold (today, or the extract date when earlier).
    cut_off: Option<NaiveDate>,
}

impl Tables {
    fn set_aside(&mut self, sheet: &Sheet, index: usize, reason: SetAsideReason) {
        self.account.rows_set_aside += 1;
        self.account.set_aside.push(SetAsideRow { sheet: sheet.name.clone(), row: sheet.row_number(index), reason });
    }

    /// A date cell: `None` when blank; unreadable values are reported and read as blank.
    fn date(&mut self, sheet: &Sheet, index: usize, rec: &Recognised, row: &[Cell], column: &str) -> Option<NaiveDate> {
        let cell = rec.cell(row, column)?;
        match read_date(cell, sheet.date1904) {
            DateRead::Date(d) | DateRead::SerialText(d) => {
                if let Some(cut) = self.cut_off.filter(|cut| d > *cut) {
                    // Kept (it counts as not yet happened at any as-at date before it), but listed.
                    self.problems.push(Problem {
                        sheet: sheet.name.clone(),
                        row: Some(sheet.row_number(index)),
                        column: Some(column.to_string()),
                        value: cell.display(),
                        message: format!(
                            "{} is after {}: check the year; until corrected it counts as not yet happened",
                            crate::dates::uk_date(d),
                            crate::dates::uk_date(cut)
                        ),
                        severity: Severity::Error,
                        kind: ProblemKind::FutureDate,
                    });
                }
                Some(d)
            }
            DateRead::Blank | DateRead::NotRecorded => None,
            DateRead::Invalid(why) => {
                self.problems.push(Problem {
                    sheet: sheet.name.clone(),
                    row: Some(sheet.row_number(index)),
                    column: Some(column.to_string()),
                    value: cell.display(),
                    message: format!("not a date: {why}"),
                    severity: Severity::Error,
                    kind: ProblemKind::Unparseable,
                });
                None
            }
        }
    }

    /// Reads one table's rows into the child maps.
    fn read(&mut self, sheet: &Sheet, rec: &Recognised) {
        self.account.rows_read += 1;
        self.set_aside(sheet, rec.header_index, SetAsideReason::HeaderRow);
        let last = sheet.rows.iter().rposition(|r| !r.iter().all(Cell::is_blank)).unwrap_or(0);
        for index in rec.header_index + 1..=last {
            let row = &sheet.rows[index];
            self.account.rows_read += 1;
            if row.iter().all(Cell::is_blank) {
                self.set_aside(sheet, index, SetAsideReason::BlankRow);
                continue;
            }
            let child = rec.text(row, "CHILD");
            if child.is_empty() {
                self.set_aside(sheet, index, SetAsideReason::NoChildId);
                continue;
            }
            if self.read_row(sheet, index, rec, row, child) {
                self.account.rows_used += 1;
            } else {
                self.set_aside(sheet, index, SetAsideReason::NoUsableDate);
            }
        }
    }

    /// Reads one row of a table; false when it has no usable date.
    fn read_row(&mut self, sheet: &Sheet, index: usize, rec: &Recognised, row: &[Cell], child: String) -> bool {
        let source = SourceRow { sheet: sheet.name.as_str().into(), row: sheet.row_number(index) };
        match rec.table {
            Table903::Header => {
                if let Some(dob) = self.date(sheet, index, rec, row, "DOB") {
                    self.dob.insert(child, dob);
                }
                true
            }
            Table903::Episodes => {
                let Some(decom) = self.date(sheet, index, rec, row, "DECOM") else { return false };
                let dec = self.date(sheet, index, rec, row, "DEC");
                let up = |c: &str| rec.text(row, c).to_uppercase();
                let episode = Episode {
                    row: source,
                    decom,
                    rne: up("RNE"),
                    ls: up("LS"),
                    place: up("PLACE"),
                    provider: up("PLACE_PROVIDER"),
                    dec,
                    rec: up("REC"),
                };
                self.episodes.entry(child).or_default().push(episode);
                true
            }
            Table903::Ad1 => {
                if rec.text(row, "FOSTER_CARE") == "1" {
                    self.adopted_by_foster_carers.insert(child.clone());
                }
                if let Some(m) = self.date(sheet, index, rec, row, "DATE_MATCH") {
                    self.matches.insert(child, m);
                }
                true
            }
            Table903::PlacedAdoption => {
                let placed = self.date(sheet, index, rec, row, "DATE_PLACED");
                let ceased = self.date(sheet, index, rec, row, "DATE_PLACED_CEASED");
                let reason = rec.text(row, "REASON_PLACED_CEASED").to_uppercase();
                self.decisions.entry(child).or_default().push(Decision { placed, ceased, reason });
                placed.is_some() || ceased.is_some()
            }
            Table903::Reviews => {
                let Some(date) = self.date(sheet, index, rec, row, "REVIEW") else { return false };
                let code = rec.text(row, "REVIEW_CODE");
                let label = (!code.is_empty()).then(|| format!("review code {code}"));
                let (child_id, event_type) = (self.shared.get(&child), self.shared.get("LAC_review"));
                self.reviews.push(Event { child_id, date, event_type, label, source });
                true
            }
            Table903::PrevPerm => true,
        }
    }
}

/// What one child's episodes say (docs/domain.md#ssda903-episodes).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EpisodeReading {
    /// The first and the latest care start (episodes with RNE = S).
    pub first_start: Option<NaiveDate>,
    pub latest_start: Option<NaiveDate>,
    pub periods: u32,
    /// True when the child's earliest episode in the data is not a care start.
    pub starts_before_data: bool,
    pub placement_order: Option<NaiveDate>,
    pub placed_for_adoption: Option<NaiveDate>,
    /// Placed for adoption with the current foster carers (A3, A5).
    pub placed_with_foster_carers: bool,
    pub adoption_order: Option<NaiveDate>,
    /// The end of the latest period, when it has ended, and the reason code (REC).
    pub ceased: Option<(NaiveDate, String)>,
    pub placements: Vec<Placement>,
}

/// The placement category of an episode: its PLACE code, with foster care by a private or
/// voluntary provider (PR4, PR5) counted as purchased. `None` for temporary moves.
fn placement_of(e: &Episode) -> Option<PlacementType> {
    let code = place_code(&e.place.to_lowercase());
    match code {
        Some(c) if c.temporary => None,
        Some(c) if c.category == PlacementType::FosterLa && matches!(e.provider.as_str(), "PR4" | "PR5") => {
            Some(PlacementType::FosterPurchased)
        }
        Some(c) => Some(c.category),
        None => Some(PlacementType::Unknown),
    }
}

/// Reads one child's episodes, sorted by start date.
fn read_episodes(child: &str, episodes: &[Episode]) -> EpisodeReading {
    let mut r =
        EpisodeReading { starts_before_data: episodes.first().is_some_and(|e| e.rne != "S"), ..Default::default() };
    let starts: Vec<usize> = (0..episodes.len()).filter(|&i| episodes[i].rne == "S").collect();
    r.periods = starts.len() as u32;
    r.first_start = starts.first().map(|&i| episodes[i].decom);
    r.latest_start = starts.last().map(|&i| episodes[i].decom);
    let latest = &episodes[starts.last().copied().unwrap_or(0)..];
    r.placement_order = latest.iter().find(|e| e.ls == "E1").map(|e| e.decom);
    let placed = latest.iter().find(|e| matches!(e.place.as_str(), "A3" | "A4" | "A5" | "A6"));
    r.placed_for_adoption = placed.map(|e| e.decom);
    r.placed_with_foster_carers = placed.is_some_and(|e| matches!(e.place.as_str(), "A3" | "A5"));
    r.adoption_order = latest.iter().find(|e| matches!(e.rec.as_str(), "E11" | "E12")).and_then(|e| e.dec);
    r.ceased =
        latest.last().filter(|e| !e.rec.is_empty() && e.rec != "X1").and_then(|e| e.dec.map(|d| (d, e.rec.clone())));
    // A placement starts with each episode that is not a temporary move, except one keeping the
    // same placement code after a change of legal status only (RNE L) or a temporary move.
    let mut begins: Vec<usize> = Vec::new();
    for (i, e) in episodes.iter().enumerate() {
        let after_temporary = i > 0 && placement_of(&episodes[i - 1]).is_none();
        let keeps = (e.rne == "L" || after_temporary) && begins.last().is_some_and(|&b| episodes[b].place == e.place);
        if placement_of(e).is_some() && !keeps {
            begins.push(i);
        }
    }
    let id: SharedText = child.into();
    for (k, &i) in begins.iter().enumerate() {
        let next = begins.get(k + 1).copied();
        let span = &episodes[i..next.unwrap_or(episodes.len())];
        // It ends when care ends within it, else when the next placement starts, else with the
        // last episode's end (blank while it carries on).
        let ceased = span.iter().find(|e| !e.rec.is_empty() && e.rec != "X1").and_then(|e| e.dec);
        let end = ceased.or(next.map(|j| episodes[j].decom)).or_else(|| span.last().and_then(|e| e.dec));
        let e = &episodes[i];
        r.placements.push(Placement {
            child_id: id.clone(),
            start: e.decom,
            end,
            placement_type: placement_of(e).unwrap_or(PlacementType::Unknown),
            placement_type_raw: e.place.as_str().into(),
            carer_ref: None,
            end_reason: None,
            source: e.row.clone(),
        });
    }
    r
}

/// The destination category of a reason episode ceased (REC) code (docs/domain.md#ssda903-rec).
pub fn destination_of_rec(rec: &str) -> Option<Destination> {
    Some(match rec {
        "E11" | "E12" => Destination::Adoption,
        "E4A" | "E4B" => Destination::ReturnedHome,
        "E41" | "E45" | "E47" => Destination::Kinship,
        "E5" | "E6" => Destination::Independent,
        "E17" => Destination::ContinuingCare,
        "E7" => Destination::OtherCare,
        "E2" | "E3" | "E8" | "E9" | "E13" | "E14" | "E15" | "E16" | "E46" | "E48" => Destination::Other,
        _ => return None,
    })
}

/// The day the child moved in with the adoptive family, as the adoption scorecard's A10
/// (docs/domain.md#ssda903-episodes): placed for adoption, except for a child placed with their
/// current foster carers (A3, A5) or adopted by them (AD1 FOSTER_CARE = 1), who moved in when the
/// foster placement just before began (a kinship or foster placement ending the day the adoptive
/// placement starts).
fn moved_in(r: &EpisodeReading, by_foster_carers: bool) -> Option<NaiveDate> {
    let placed = r.placed_for_adoption?;
    if !(r.placed_with_foster_carers || by_foster_carers) {
        return Some(placed);
    }
    let fostered = |p: &&Placement| {
        matches!(p.placement_type, PlacementType::Kinship | PlacementType::FosterLa | PlacementType::FosterPurchased)
    };
    let before = r.placements.iter().rfind(|p| p.start < placed).filter(fostered).filter(|p| p.end == Some(placed));
    Some(before.map_or(placed, |p| p.start))
}

/// The child record and England's dates from one child's tables.
fn build_child(id: &str, r: &EpisodeReading, t: &Tables, first_row: &SourceRow) -> (Child, EnglandDates) {
    let mut c = Child { child_id: id.to_string(), episode_no: 1, source: first_row.clone(), ..Default::default() };
    c.date_of_birth = t.dob.get(id).copied();
    c.set_date(Milestone::FirstAccommodated, r.first_start);
    c.set_date(Milestone::LastAccommodated, r.latest_start);
    c.set_date(Milestone::FinalPlacement, r.placed_for_adoption);
    c.set_date(Milestone::OrderGranted, r.adoption_order);
    if let Some((dec, rec)) = &r.ceased {
        c.set_date(Milestone::CeasedLookedAfter, Some(*dec));
        c.destination = Some(rec.as_str().into());
        c.destination_category = destination_of_rec(rec);
    }
    c.placement_type_at_start =
        r.placements.iter().find(|p| r.latest_start.is_none_or(|s| p.start >= s)).map(|p| p.placement_type);
    c.placement_type = r.placements.last().map(|p| p.placement_type);
    // The decision in the latest period of care (else the latest one), and its reversal.
    let decisions = t.decisions.get(id).map(Vec::as_slice).unwrap_or_default();
    let in_period = |d: &&Decision| r.latest_start.is_none_or(|s| d.placed.is_some_and(|p| p >= s));
    let decision = decisions
        .iter()
        .filter(in_period)
        .max_by_key(|d| d.placed)
        .or_else(|| decisions.iter().max_by_key(|d| d.placed));
    let mut e = EnglandDates {
        placement_order: r.placement_order,
        matched: t.matches.get(id).copied(),
        placed_for_adoption: r.placed_for_adoption,
        moved_in: moved_in(r, t.adopted_by_foster_carers.contains(id)),
        adoption_order: r.adoption_order,
        periods_of_care: r.periods,
        match_only_when_adopted: true,
        ..Default::default()
    };
    if let Some(d) = decision {
        c.set_date(Milestone::AdmDecision, d.placed);
        e.decision_reversed = d.ceased;
        e.reversal_reason = (!d.reason.is_empty()).then(|| d.reason.clone());
        if d.placed.is_some() && d.ceased.is_none() {
            c.permanence_route = Some("adoption".into());
        }
    }
    (c, e)
}

/// Loads a set of SSDA903 tables (one sheet per table, in any order and with any names) into a
/// dataset. Sheets that are not one of the six tables read are listed with a note. Like the
/// tracker loader, data problems are in the report; a set without an Episodes table loads no
/// children and says why.
pub fn load_ssda903(sheets: &[Sheet], format: SourceFormat, opts: &LoadOptions) -> LoadOutcome {
    let cut_off = match (opts.today, opts.extract_date) {
        (Some(t), Some(e)) => Some(t.min(e)),
        (t, e) => t.or(e),
    };
    let mut t = Tables { cut_off, ..Default::default() };
    let mut reports = Vec::with_capacity(sheets.len());
    let mut seen: BTreeSet<Table903> = BTreeSet::new();
    for sheet in sheets {
        let rec = recognise(sheet);
        let note = match &rec {
            Some(r) if seen.insert(r.table) => {
                t.read(sheet, r);
                format!("SSDA903 {} table: read for {}", r.table.name(), r.table.used_for())
            }
            Some(r) => {
                let n = format!("a second SSDA903 {} table: not read (only the first is used)", r.table.name());
                t.problems.push(Problem::sheet_note(&sheet.name, format!("sheet {n}")));
                n
            }
            None => {
                let n = "not one of the SSDA903 tables Timescales reads (Header, Episodes, AD1, PlacedAdoption, Reviews, PrevPerm): ignored";
                t.problems.push(Problem::sheet_note(&sheet.name, format!("sheet {n}")));
                n.to_string()
            }
        };
        reports.push(SheetReport {
            name: sheet.name.clone(),
            role: None,
            header_row: rec.as_ref().map(|r| sheet.row_number(r.header_index)),
            columns: Vec::new(),
            note: Some(note),
        });
    }
    let mut ds = Dataset { not_collected: NOT_COLLECTED.into_iter().collect(), ..Default::default() };
    if !seen.contains(&Table903::Episodes) {
        let sheet = sheets.first().map(|s| s.name.clone()).unwrap_or_default();
        t.problems.push(Problem {
            severity: Severity::Error,
            kind: ProblemKind::Mapping,
            ..Problem::sheet_note(&sheet, "no SSDA903 Episodes table was found (columns CHILD, DECOM, RNE, LS, PLACE, ...): the children, their periods of care and placements come from it".into())
        });
    }
    let (children, placements, england, before_data) = build_all(&mut t);
    if before_data * 2 > children.len() && !children.is_empty() {
        let sheet = children[0].source.sheet.clone();
        t.problems.push(Problem::sheet_note(&sheet, format!(
            "{before_data} of {} children's first episode is not a care start (RNE is not S): this looks like a single year's return, so their care start dates are not in the data and are left blank rather than guessed; add earlier years' episodes to measure from entering care",
            children.len()
        )));
    }
    let mut unmatched: Vec<&String> = t.dob.keys().chain(t.decisions.keys()).chain(t.matches.keys()).collect();
    unmatched.retain(|id| !england.contains_key(*id));
    unmatched.sort_unstable();
    unmatched.dedup();
    if let (Some(first), false) = (sheets.first(), unmatched.is_empty() || !seen.contains(&Table903::Episodes)) {
        let shown: Vec<&str> = unmatched.iter().take(10).map(|s| s.as_str()).collect();
        let more = if unmatched.len() > shown.len() { ", ..." } else { "" };
        t.problems.push(Problem::sheet_note(
            &first.name,
            format!(
                "children in the Header, AD1 or PlacedAdoption tables with no episodes are not counted ({}): {}{more}",
                unmatched.len(),
                shown.join(", ")
            ),
        ));
    }
    t.reviews.retain(|e| england.contains_key(&*e.child_id));
    ds.children = children;
    ds.placements = placements;
    ds.england = england;
    ds.events = std::mem::take(&mut t.reviews);
    outcome(ds, t, reports, format, opts)
}

/// Builds every child: children, placements, England's dates, and how many children's first
/// episode is not a care start.
#[allow(clippy::type_complexity)]
fn build_all(t: &mut Tables) -> (Vec<Child>, Vec<Placement>, BTreeMap<String, EnglandDates>, usize) {
    let mut children = Vec::new();
    let mut placements = Vec::new();
    let mut england = BTreeMap::new();
    let mut before_data = 0;
    let mut episodes = std::mem::take(&mut t.episodes);
    for (id, list) in &mut episodes {
        list.sort_by_key(|e| (e.decom, e.row.row));
        let reading = read_episodes(id, list);
        before_data += usize::from(reading.starts_before_data);
        let (child, dates) = build_child(id, &reading, t, &list[0].row);
        children.push(child);
        placements.extend(reading.placements);
        england.insert(id.clone(), dates);
    }
    (children, placements, england, before_data)
}

/// The load outcome: completeness of the milestones the return holds, the placement codes and
/// reasons ceased seen.
fn outcome(ds: Dataset, t: Tables, sheets: Vec<SheetReport>, format: SourceFormat, opts: &LoadOptions) -> LoadOutcome {
    let states: Vec<[DateState; Milestone::COUNT]> = ds
        .children
        .iter()
        .map(|c| c.dates.map(|d| if d.is_some() { DateState::Recorded } else { DateState::Blank }))
        .collect();
    let implied = vec![[false; Milestone::COUNT]; ds.children.len()];
    let mut columns: [Option<String>; Milestone::COUNT] = Default::default();
    for (m, col) in [
        (Milestone::FirstAccommodated, "Episodes DECOM (first RNE S)"),
        (Milestone::LastAccommodated, "Episodes DECOM (latest RNE S)"),
        (Milestone::AdmDecision, "PlacedAdoption DATE_PLACED"),
        (Milestone::FinalPlacement, "Episodes DECOM (first PLACE A3 to A6)"),
        (Milestone::OrderGranted, "Episodes DEC (REC E11 or E12)"),
        (Milestone::CeasedLookedAfter, "Episodes DEC"),
    ] {
        columns[m.index()] = Some(col.to_string());
    }
    let completeness: Completeness = completeness(&ds.children, &states, &implied, &columns);
    let mut place_counts: BTreeMap<String, (Option<PlacementType>, usize)> = BTreeMap::new();
    for p in &ds.placements {
        place_counts.entry(p.placement_type_raw.to_string()).or_insert((Some(p.placement_type), 0)).1 += 1;
    }
    let placement_values = place_counts
        .into_iter()
        .map(|(value, (category, rows))| {
            let known = place_code(&value.to_lowercase()).is_some();
            let source = if known { ColumnSource::Automatic } else { ColumnSource::NotRecognised };
            PlacementValue { value, category: category.filter(|_| known), source, rows }
        })
        .collect();
    let mut rec_counts: BTreeMap<String, usize> = BTreeMap::new();
    for c in &ds.children {
        if let Some(d) = &c.destination {
            *rec_counts.entry(d.to_string()).or_default() += 1;
        }
    }
    let destination_values = rec_counts
        .into_iter()
        .map(|(value, rows)| {
            let category = destination_of_rec(&value);
            let source = if category.is_some() { ColumnSource::Automatic } else { ColumnSource::NotRecognised };
            DestinationValue { value, category, source, rows }
        })
        .collect();
    let report = QualityReport { rows: t.account, problems: t.problems, completeness };
    LoadOutcome {
        dataset: ds,
        report,
        sheets,
        placement_values,
        destination_values,
        format,
        today: opts.today,
        extract_date: opts.extract_date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(name: &str, text: &str) -> Sheet {
        let rows = text
            .lines()
            .map(|l| l.split(',').map(|c| if c.is_empty() { Cell::Empty } else { Cell::Text(c.into()) }).collect())
            .collect();
        Sheet { name: name.into(), rows, first_row: 1, date1904: false }
    }

    const EPISODES: &str = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST";

    #[test]
    fn tables_by_columns_not_names() {
        let s = sheet("whatever", &format!("{EPISODES}\n"));
        assert_eq!(recognise(&s).map(|r| r.table), Some(Table903::Episodes));
        let s = sheet("episodes", " child ,dob,date_placed,date_placed_ceased,reason_placed_ceased\n");
        assert_eq!(recognise(&s).map(|r| r.table), Some(Table903::PlacedAdoption));
        assert_eq!(recognise(&sheet("Header", "Child ID,Date accommodated\n")), None);
        assert!(!looks_like_ssda903(&[sheet("x", "Child ID,Date accommodated\n")]));
    }

    #[test]
    fn a_single_year_return_says_so_instead_of_inventing_starts() {
        // Two of three children's first episode is a placement change (P), not a care start.
        let text = format!(
            "{EPISODES}\nA,01/04/2023,P,C2,N1,U4,PR1,,,,,\nB,01/05/2023,L,C2,N1,U4,PR1,,,,,\nC,01/06/2023,S,C2,N1,U4,PR1,,,,,\n"
        );
        let out =
            load_ssda903(&[sheet("ep", &text)], SourceFormat::Workbook { format: "t".into() }, &LoadOptions::default());
        let starts: Vec<Option<NaiveDate>> =
            out.dataset.children.iter().map(|c| c.date(Milestone::LastAccommodated)).collect();
        assert_eq!(starts, [None, None, NaiveDate::from_ymd_opt(2023, 6, 1)]);
        let note = out.report.problems.iter().find(|p| p.message.contains("single year's return"));
        assert!(note.is_some_and(|p| p.message.starts_with("2 of 3 children")), "{:?}", out.report.problems);
    }

    #[test]
    fn dates_after_today_are_listed() {
        let text = format!("{EPISODES}\nA,01/04/2023,S,C2,N1,U4,PR1,01/05/2029,E11,,,\n");
        let opts = LoadOptions { today: NaiveDate::from_ymd_opt(2024, 3, 31), ..Default::default() };
        let out = load_ssda903(&[sheet("ep", &text)], SourceFormat::Workbook { format: "t".into() }, &opts);
        let future: Vec<&Problem> = out.report.problems.iter().filter(|p| p.kind == ProblemKind::FutureDate).collect();
        assert_eq!(future.len(), 1);
        let header = sheet("h", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA,1,01/01/2020,,,,\nZ,1,01/01/2020,,,,\n");
        let out = load_ssda903(&[sheet("ep", &text), header], SourceFormat::Workbook { format: "t".into() }, &opts);
        assert!(out.report.problems.iter().any(|p| p.message.starts_with("children in the Header")
            && p.message.contains("(1)")
            && p.message.ends_with(": Z")));
        assert_eq!((future[0].row, future[0].column.as_deref()), (Some(2), Some("DEC")));
    }

    #[test]
    fn moved_in_is_the_start_of_the_foster_placement_when_the_foster_carers_adopt() {
        // A: fostered (U4) from 01/04/2022, placed for adoption with those carers (A5) 01/10/2022:
        // moved in 01/04/2022. B: fostered, then placed with other adopters (A6) 01/10/2022: moved
        // in 01/10/2022. C: as B, but AD1 says the foster carers adopted (FOSTER_CARE = 1): moved
        // in when the foster placement began, 01/04/2022.
        let text = format!(
            "{EPISODES}\nA,01/04/2022,S,C2,N1,U4,PR1,01/10/2022,X1,,,\nA,01/10/2022,P,E1,N1,A5,PR1,,,,,\n\
             B,01/04/2022,S,C2,N1,U4,PR1,01/10/2022,X1,,,\nB,01/10/2022,P,E1,N1,A6,PR1,,,,,\n\
             C,01/04/2022,S,C2,N1,U4,PR1,01/10/2022,X1,,,\nC,01/10/2022,P,E1,N1,A6,PR1,,,,,\n"
        );
        let ad1 = sheet(
            "ad1",
            "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\nC,,,01/09/2022,1,2,MF,L0\n",
        );
        let out = load_ssda903(
            &[sheet("ep", &text), ad1],
            SourceFormat::Workbook { format: "t".into() },
            &LoadOptions::default(),
        );
        let moved: Vec<(&str, Option<NaiveDate>)> =
            out.dataset.england.iter().map(|(id, e)| (id.as_str(), e.moved_in)).collect();
        let d = |m| NaiveDate::from_ymd_opt(2022, m, 1);
        assert_eq!(moved, [("A", d(4)), ("B", d(10)), ("C", d(4))]);
    }

    #[test]
    fn reasons_ceased() {
        assert_eq!(destination_of_rec("E11"), Some(Destination::Adoption));
        assert_eq!(destination_of_rec("E4A"), Some(Destination::ReturnedHome));
        assert_eq!(destination_of_rec("E45"), Some(Destination::Kinship));
        assert_eq!(destination_of_rec("E46"), Some(Destination::Other));
        assert_eq!(destination_of_rec("X1"), None);
    }
}
