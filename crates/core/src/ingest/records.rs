//! Sheets plus a mapping to records: children, placements and events, in one pass over the rows,
//! with every cell-level problem and every set-aside row recorded on the way.
//!
//! Row rules, in order: rows above the header row and the header row itself are set aside; blank
//! rows are set aside; a repeat of the header row is set aside (files pasted together); a row with
//! data but no child id is set aside; a second row for the same child id and episode is set aside.
//! Everything else becomes a record, even with unreadable values (those are reported and left
//! blank, never guessed).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::ops::RangeInclusive;

use chrono::NaiveDate;
use serde::Serialize;

use super::fields::{Field, match_destination, match_placement_type, normalise, normalises_to};
use super::mapping::MappingLookup;
use super::progress::RowSteps;
use super::quality::{
    ChildCells, DateState, Problem, ProblemKind, RowAccount, SetAsideReason, SetAsideRow, Severity, check_child,
};
use super::sheets::{ColumnSource, HeaderInfo};
use super::table::{Cell, Sheet};
use crate::dates::uk_date;
use crate::dates::{DateError, ParsedDate, parse_uk_date, serial_to_date};
use crate::fxhash::FxMap;
use crate::model::{Child, Destination, Event, Milestone, Placement, PlacementType, SharedText, SourceRow};

/// Dates before this are reported as doubtful (PACE data starts long after).
pub const EARLIEST_PLAUSIBLE: NaiveDate = match NaiveDate::from_ymd_opt(1990, 1, 1) {
    Some(d) => d,
    None => panic!("valid date"),
};

static EMPTY: Cell = Cell::Empty;

/// One distinct placement-type value seen in the file and what it was mapped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlacementValue {
    /// As written (trimmed).
    pub value: String,
    pub category: Option<PlacementType>,
    /// `Automatic`, `User`, `IgnoredByUser` or `NotRecognised`.
    pub source: ColumnSource,
    /// Rows holding this value.
    pub rows: usize,
}

/// One distinct destination value seen in the file and what it was mapped to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DestinationValue {
    /// As written (trimmed).
    pub value: String,
    pub category: Option<Destination>,
    /// `Automatic`, `User`, `IgnoredByUser` or `NotRecognised`.
    pub source: ColumnSource,
    /// Rows holding this value.
    pub rows: usize,
}

/// A date cell read.
#[derive(Debug, Clone, PartialEq)]
pub enum DateRead {
    Blank,
    NotRecorded,
    Date(NaiveDate),
    /// Text of five digits read as a 1900-system serial ("44197" from a CSV saved by a
    /// program that lost the date format).
    SerialText(NaiveDate),
    Invalid(String),
}

/// Reads any cell as a date: text through the UK parser, numbers as Excel serials in the sheet's
/// date system, date cells as they are.
pub fn read_date(cell: &Cell, date1904: bool) -> DateRead {
    match cell {
        Cell::Empty => DateRead::Blank,
        Cell::Text(s) => {
            let t = crate::text::trim(s);
            if t.len() == 5 && t.bytes().all(|b| b.is_ascii_digit()) {
                let n: f64 = t.parse().unwrap_or(0.0);
                return match serial_to_date(n, date1904) {
                    Ok(d) => DateRead::SerialText(d),
                    Err(e) => DateRead::Invalid(e.message),
                };
            }
            match parse_uk_date(t) {
                Ok(ParsedDate::Blank) => DateRead::Blank,
                Ok(ParsedDate::NotRecorded) => DateRead::NotRecorded,
                Ok(ParsedDate::Date(d)) => DateRead::Date(d),
                Err(DateError { message }) => DateRead::Invalid(message),
            }
        }
        Cell::Number(n) => match serial_to_date(*n, date1904) {
            Ok(d) => DateRead::Date(d),
            Err(e) => DateRead::Invalid(e.message),
        },
        Cell::DateTime(dt) => DateRead::Date(dt.date()),
        Cell::Date(d) => DateRead::Date(*d),
        Cell::Bool(b) => DateRead::Invalid(format!("{} is not a date", if *b { "TRUE" } else { "FALSE" })),
        Cell::Error(e) => DateRead::Invalid(format!("the cell holds the spreadsheet error {e}, not a date")),
    }
}

/// The trimmed text of a cell, borrowed when it is text.
fn text_of(cell: &Cell) -> Cow<'_, str> {
    match cell {
        Cell::Text(s) => Cow::Borrowed(crate::text::trim(s)),
        Cell::Empty => Cow::Borrowed(""),
        other => Cow::Owned(other.display().trim().to_string()),
    }
}

/// The trimmed text of a cell, borrowed when it is text; `None` when it is blank.
fn non_blank(cell: &Cell) -> Option<Cow<'_, str>> {
    Some(text_of(cell)).filter(|t| !t.is_empty())
}

fn opt_text(cell: &Cell) -> Option<String> {
    non_blank(cell).map(Cow::into_owned)
}

/// One copy of each text that many records share (see [`SharedText`]).
#[derive(Debug, Default)]
pub struct Interner(FxMap<SharedText, ()>);

impl Interner {
    /// The shared copy of `text`, made the first time it is asked for.
    pub fn get(&mut self, text: &str) -> SharedText {
        if let Some((shared, ())) = self.0.get_key_value(text) {
            return shared.clone();
        }
        let shared: SharedText = text.into();
        self.0.insert(shared.clone(), ());
        shared
    }

    /// [`Interner::get`] for a cell's trimmed text; `None` when it is blank.
    fn cell(&mut self, cell: &Cell) -> Option<SharedText> {
        non_blank(cell).map(|text| self.get(&text))
    }
}

/// Collects records, problems and the row accounting across sheets.
pub struct Builder<'a> {
    /// The latest date a record can truly hold (today or the extract date) and its name.
    pub cut_off: Option<(NaiveDate, &'static str)>,
    pub user: &'a MappingLookup,
    pub problems: Vec<Problem>,
    pub account: RowAccount,
    placement_values: BTreeMap<String, PlacementValue>,
    destination_values: BTreeMap<String, DestinationValue>,
    /// Columns (sheet, column) already noted for holding serial numbers as text.
    serial_noted: HashSet<(String, usize)>,
    /// Child ids and repeated values of the placements and events, one copy each.
    shared: Interner,
    /// The child id of the last placement or event row read.
    last_child: Option<SharedText>,
    /// Rows built so far, for the caller's pauses (docs/architecture.md#progress-and-cancel).
    pub steps: RowSteps,
}

/// A mapped column: its index and its header.
type Col<'s> = Option<(usize, &'s str)>;

/// A children sheet's columns, and the child ids seen so far, while its rows are built.
pub struct ChildrenRun<'s> {
    sheet_name: SharedText,
    milestone_cols: [Col<'s>; Milestone::COUNT],
    child_id: Col<'s>,
    episode: Col<'s>,
    date_of_birth: Col<'s>,
    placement_type: Col<'s>,
    placement_type_at_start: Col<'s>,
    name: Col<'s>,
    sibling_group: Col<'s>,
    permanence_route: Col<'s>,
    order_type: Col<'s>,
    destination: Col<'s>,
    team: Col<'s>,
    /// (child id as the sheet holds it, episode) to the row it was first seen on.
    seen: FxMap<(Cow<'s, str>, u32), u32>,
}

/// A placements or events sheet's columns while its rows are built.
pub struct SheetRun<'s> {
    sheet_name: SharedText,
    start: Col<'s>,
    end: Col<'s>,
    placement_type: Col<'s>,
    carer_ref: Col<'s>,
    end_reason: Col<'s>,
    event_date: Col<'s>,
    event_type: Col<'s>,
    label: Col<'s>,
}

/// What the children sheet produced beyond the children themselves, for the completeness table.
#[derive(Debug, Default)]
pub struct ChildrenExtras {
    pub states: Vec<[DateState; Milestone::COUNT]>,
    pub implied: Vec<[bool; Milestone::COUNT]>,
    pub columns: [Option<String>; Milestone::COUNT],
}

/// Milestones that cannot happen before birth (referral and recommendation can: pre-birth
/// planning).
const AFTER_BIRTH: [Milestone; 6] = [
    Milestone::FirstAccommodated,
    Milestone::LastAccommodated,
    Milestone::CsoAtHomeStart,
    Milestone::FinalPlacement,
    Milestone::OrderGranted,
    Milestone::CeasedLookedAfter,
];

impl<'a> Builder<'a> {
    /// A builder listing dates after `cut_off` (today or the extract date, with its name) as data
    /// problems; no such check when `None`.
    pub fn new(cut_off: Option<(NaiveDate, &'static str)>, user: &'a MappingLookup) -> Builder<'a> {
        Builder {
            cut_off,
            user,
            problems: Vec::new(),
            account: RowAccount::default(),
            placement_values: BTreeMap::new(),
            destination_values: BTreeMap::new(),
            serial_noted: HashSet::new(),
            shared: Interner::default(),
            last_child: None,
            steps: RowSteps::default(),
        }
    }

    /// Every placement-type value seen, in alphabetical order.
    pub fn placement_values(&self) -> Vec<PlacementValue> {
        self.placement_values.values().cloned().collect()
    }

    #[allow(clippy::too_many_arguments)]
    fn problem(
        &mut self,
        sheet: &Sheet,
        row: Option<u32>,
        column: Option<&str>,
        value: String,
        message: String,
        severity: Severity,
        kind: ProblemKind,
    ) {
        self.problems.push(Problem {
            sheet: sheet.name.clone(),
            row,
            column: column.map(str::to_string),
            value,
            message,
            severity,
            kind,
        });
    }

    fn set_aside(&mut self, sheet: &Sheet, row: u32, reason: SetAsideReason) {
        self.account.rows_read += 1;
        self.account.rows_set_aside += 1;
        self.account.set_aside.push(SetAsideRow { sheet: sheet.name.clone(), row, reason });
    }

    /// Sets a placement or event row aside for want of a usable date, with the error saying so.
    /// `shown` is the date column's header and the cell as the user sees it, when there is one.
    fn set_aside_no_date(&mut self, sheet: &Sheet, row: u32, shown: Option<(&str, String)>, why: &str) {
        self.set_aside(sheet, row, SetAsideReason::NoUsableDate);
        let (column, value) = match shown {
            Some((h, v)) => (Some(h), v),
            None => (None, String::new()),
        };
        self.problem(
            sheet,
            Some(row),
            column,
            value,
            format!("row set aside: {why}"),
            Severity::Error,
            ProblemKind::RowSetAside,
        );
    }

    fn used(&mut self) {
        self.account.rows_read += 1;
        self.account.rows_used += 1;
    }

    /// Sets aside the rows above the header and the header row; returns the index of the last
    /// row with data (rows after it are not counted).
    fn preamble(&mut self, sheet: &Sheet, header: &HeaderInfo) -> usize {
        for idx in 0..header.row_index {
            let row = &sheet.rows[idx];
            let rn = sheet.row_number(idx);
            self.set_aside(sheet, rn, SetAsideReason::AboveHeader);
            if !row.iter().all(Cell::is_blank) {
                let value = row.iter().find(|c| !c.is_blank()).map(Cell::display).unwrap_or_default();
                self.problem(
                    sheet,
                    Some(rn),
                    None,
                    value,
                    "row set aside: it is above the header row (a title or a note), so it is not data".into(),
                    Severity::Info,
                    ProblemKind::RowSetAside,
                );
            }
        }
        self.set_aside(sheet, sheet.row_number(header.row_index), SetAsideReason::HeaderRow);
        sheet.rows.iter().rposition(|r| !r.iter().all(Cell::is_blank)).unwrap_or(header.row_index).max(header.row_index)
    }

    /// Sets aside blank rows and repeated header rows. Returns true when the row was set aside.
    fn skip_row(&mut self, sheet: &Sheet, header: &HeaderInfo, idx: usize) -> bool {
        let row = &sheet.rows[idx];
        let rn = sheet.row_number(idx);
        if row.iter().all(Cell::is_blank) {
            self.set_aside(sheet, rn, SetAsideReason::BlankRow);
            return true;
        }
        if is_repeated_header(row, header) {
            self.set_aside(sheet, rn, SetAsideReason::RepeatedHeader);
            let value = row.iter().find(|c| !c.is_blank()).map(Cell::display).unwrap_or_default();
            self.problem(
                sheet,
                Some(rn),
                None,
                value,
                "row set aside: it repeats the header row".into(),
                Severity::Info,
                ProblemKind::RowSetAside,
            );
            return true;
        }
        false
    }

    /// The child id of a row, or sets the row aside (reported) when there is none.
    fn child_id(&mut self, sheet: &Sheet, header: &HeaderInfo, idx: usize) -> Option<String> {
        self.child_id_text(sheet, header, idx).map(Cow::into_owned)
    }

    /// [`Builder::child_id`] as the one copy shared by the child's placements and events.
    fn shared_child_id(&mut self, sheet: &Sheet, header: &HeaderInfo, idx: usize) -> Option<SharedText> {
        let id = self.child_id_text(sheet, header, idx)?;
        // A child's placements and events usually come together: the previous row's id is
        // checked before the interner's table.
        if let Some(last) = self.last_child.as_ref().filter(|last| ***last == *id) {
            return Some(last.clone());
        }
        let shared = self.shared.get(&id);
        self.last_child = Some(shared.clone());
        Some(shared)
    }

    fn child_id_text<'s>(&mut self, sheet: &'s Sheet, header: &HeaderInfo, idx: usize) -> Option<Cow<'s, str>> {
        let row = &sheet.rows[idx];
        let id = header.column_of(Field::ChildId).and_then(|c| row.get(c.index)).and_then(non_blank);
        if id.is_none() {
            let rn = sheet.row_number(idx);
            self.set_aside(sheet, rn, SetAsideReason::NoChildId);
            let value = row.iter().find(|c| !c.is_blank()).map(Cell::display).unwrap_or_default();
            let column = header.column_of(Field::ChildId).map(|c| c.header.clone());
            self.problem(
                sheet,
                Some(rn),
                column.as_deref(),
                value,
                "row set aside: it has data but no child id".into(),
                Severity::Warning,
                ProblemKind::RowSetAside,
            );
        }
        id
    }

    /// Reads a date cell, reporting unreadable values, placeholders and doubtful dates.
    fn date(
        &mut self,
        sheet: &Sheet,
        rn: u32,
        header: &str,
        col: usize,
        cell: &Cell,
    ) -> (Option<NaiveDate>, DateState) {
        let d = match read_date(cell, sheet.date1904) {
            DateRead::Blank => return (None, DateState::Blank),
            DateRead::NotRecorded => {
                self.problem(
                    sheet,
                    Some(rn),
                    Some(header),
                    cell.display(),
                    "a placeholder, not a date: counted as not recorded".into(),
                    Severity::Info,
                    ProblemKind::NotRecorded,
                );
                return (None, DateState::NotRecorded);
            }
            DateRead::Invalid(message) => {
                self.problem(
                    sheet,
                    Some(rn),
                    Some(header),
                    cell.display(),
                    message,
                    Severity::Error,
                    ProblemKind::Unparseable,
                );
                return (None, DateState::Invalid);
            }
            DateRead::Date(d) => d,
            DateRead::SerialText(d) => {
                if self.serial_noted.insert((sheet.name.clone(), col)) {
                    self.problem(
                        sheet,
                        Some(rn),
                        Some(header),
                        cell.display(),
                        format!(
                            "five-digit numbers in this column are read as spreadsheet date serial numbers (1900 date system): this one is {}",
                            uk_date(d)
                        ),
                        Severity::Info,
                        ProblemKind::Unparseable,
                    );
                }
                d
            }
        };
        if d < EARLIEST_PLAUSIBLE {
            self.problem(
                sheet,
                Some(rn),
                Some(header),
                cell.display(),
                format!("{} is before 1990: check the year", uk_date(d)),
                Severity::Warning,
                ProblemKind::DateOutOfRange,
            );
        } else if let Some((cut, name)) = self.cut_off.filter(|(c, _)| d > *c) {
            // docs/domain.md#as-at-date: a date in the future cannot be true yet. It is kept (as
            // not yet happened at any as-at date up to it) but never chooses the as-at date.
            self.problem(
                sheet,
                Some(rn),
                Some(header),
                cell.display(),
                format!(
                    "{} is after {name} ({}): check the year; until corrected it counts as not yet happened",
                    uk_date(d),
                    uk_date(cut)
                ),
                Severity::Error,
                ProblemKind::FutureDate,
            );
        }
        (Some(d), DateState::Recorded)
    }

    /// Maps a placement-type cell to a category, reporting values nobody has mapped.
    fn placement_type(&mut self, sheet: &Sheet, rn: u32, header: &str, cell: &Cell) -> Option<PlacementType> {
        let text = text_of(cell);
        if text.is_empty() {
            return None;
        }
        let entry = match self.placement_values.get_mut(text.as_ref()) {
            Some(e) => e,
            None => {
                let norm = normalise(&text);
                let (category, source) = match self.user.placement_type(&norm) {
                    Some(Some(p)) => (Some(p), ColumnSource::User),
                    Some(None) => (None, ColumnSource::IgnoredByUser),
                    None => match match_placement_type(&norm) {
                        Some(p) => (Some(p), ColumnSource::Automatic),
                        None => (None, ColumnSource::NotRecognised),
                    },
                };
                self.placement_values.entry(text.to_string()).or_insert(PlacementValue {
                    value: text.to_string(),
                    category,
                    source,
                    rows: 0,
                })
            }
        };
        entry.rows += 1;
        let (category, source) = (entry.category, entry.source);
        if source == ColumnSource::NotRecognised {
            let keys: Vec<&str> = PlacementType::ALL.iter().map(|p| p.key()).collect();
            self.problem(
                sheet,
                Some(rn),
                Some(header),
                text.to_string(),
                format!(
                    "'{text}' is not a placement type I know, so it counts as unknown; map it to one of {} in the mapping",
                    keys.join(", ")
                ),
                Severity::Warning,
                ProblemKind::UnknownPlacementType,
            );
        }
        Some(category.unwrap_or(PlacementType::Unknown))
    }

    /// Every destination value seen, in alphabetical order.
    pub fn destination_values(&self) -> Vec<DestinationValue> {
        self.destination_values.values().cloned().collect()
    }

    /// Maps a destination cell through the user's mapping, else the closed list; a value in
    /// neither is reported (once per row) and left without a category: never guessed from a
    /// word inside it (docs/domain.md#destinations).
    fn destination(&mut self, sheet: &Sheet, rn: u32, header: &str, text: &str) -> Option<Destination> {
        if text.is_empty() {
            return None;
        }
        let entry = self.destination_values.entry(text.to_string()).or_insert_with(|| {
            let norm = normalise(text);
            let (category, source) = match self.user.destination(&norm) {
                Some(Some(d)) => (Some(d), ColumnSource::User),
                Some(None) => (None, ColumnSource::IgnoredByUser),
                None => match match_destination(&norm) {
                    Some(d) => (Some(d), ColumnSource::Automatic),
                    None => (None, ColumnSource::NotRecognised),
                },
            };
            DestinationValue { value: text.to_string(), category, source, rows: 0 }
        });
        entry.rows += 1;
        let (category, source) = (entry.category, entry.source);
        if source == ColumnSource::NotRecognised {
            let keys: Vec<&str> = Destination::ALL.iter().map(|d| d.key()).collect();
            self.problem(
                sheet,
                Some(rn),
                Some(header),
                text.to_string(),
                format!(
                    "'{text}' is not a destination I know, so it is not counted as a return home; map it to one of {} in the mapping",
                    keys.join(", ")
                ),
                Severity::Warning,
                ProblemKind::UnknownDestination,
            );
        }
        category
    }

    /// Starts one children sheet: the rows above the header set aside, the sheet's notes, room
    /// reserved. Returns its columns and the rows to build with [`Builder::child_row`].
    pub fn start_children<'s>(
        &mut self,
        sheet: &'s Sheet,
        header: &'s HeaderInfo,
        out: &mut Vec<Child>,
        extras: &mut ChildrenExtras,
    ) -> (ChildrenRun<'s>, RangeInclusive<usize>) {
        let last = self.preamble(sheet, header);
        let col = |f: Field| header.column_of(f).map(|c| (c.index, c.header.as_str()));
        let milestone_cols = Milestone::ALL.map(|m| col(Field::Milestone(m)));
        extras.columns = milestone_cols.map(|c| c.map(|(_, h)| h.to_string()));
        self.sheet_notes(sheet, header);
        let rows = last - header.row_index;
        let mut seen = FxMap::default();
        seen.reserve(rows);
        out.reserve(rows);
        extras.states.reserve(rows);
        extras.implied.reserve(rows);
        let run = ChildrenRun {
            sheet_name: sheet.name.as_str().into(),
            milestone_cols,
            child_id: col(Field::ChildId),
            episode: col(Field::EpisodeNo),
            date_of_birth: col(Field::DateOfBirth),
            placement_type: col(Field::PlacementType),
            placement_type_at_start: col(Field::PlacementTypeAtStart),
            name: col(Field::Name),
            sibling_group: col(Field::SiblingGroup),
            permanence_route: col(Field::PermanenceRoute),
            order_type: col(Field::OrderType),
            destination: col(Field::Destination),
            team: col(Field::Team),
            seen,
        };
        (run, header.row_index + 1..=last)
    }

    /// Builds the child of one row of a children sheet, or sets the row aside.
    pub fn child_row<'s>(
        &mut self,
        sheet: &'s Sheet,
        header: &HeaderInfo,
        run: &mut ChildrenRun<'s>,
        idx: usize,
        out: &mut Vec<Child>,
        extras: &mut ChildrenExtras,
    ) {
        if self.skip_row(sheet, header, idx) {
            return;
        }
        let Some(child_id) = self.child_id(sheet, header, idx) else { return };
        let row = &sheet.rows[idx];
        let rn = sheet.row_number(idx);
        let cell = |i: usize| row.get(i).unwrap_or(&EMPTY);
        let text_col = |c: Col<'_>| c.and_then(|(i, _)| row.get(i)).and_then(opt_text);
        let shared_col = |b: &mut Self, c: Col<'_>| c.and_then(|(i, _)| row.get(i)).and_then(|c| b.shared.cell(c));
        let episode_no = match run.episode {
            None => 1,
            Some((i, h)) => match read_episode(cell(i)) {
                Ok(n) => n,
                Err(message) => {
                    self.problem(
                        sheet,
                        Some(rn),
                        Some(h),
                        cell(i).display(),
                        message,
                        Severity::Error,
                        ProblemKind::Unparseable,
                    );
                    1
                }
            },
        };
        // Keyed by the id as the sheet holds it, so no id is copied twice (docs/architecture.md#speed).
        let key = run.child_id.and_then(|(i, _)| sheet.rows[idx].get(i)).map_or(Cow::Borrowed(""), text_of);
        match run.seen.entry((key, episode_no)) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let first = *e.get();
                self.set_aside(sheet, rn, SetAsideReason::DuplicateChild);
                self.problem(
                    sheet,
                    Some(rn),
                    run.child_id.map(|(_, h)| h),
                    child_id.clone(),
                    format!(
                        "child {child_id} episode {episode_no} already appears on row {first}; this row was set aside"
                    ),
                    Severity::Error,
                    ProblemKind::DuplicateChild,
                );
                return;
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(rn);
            }
        }
        self.used();
        let mut child = Child {
            child_id,
            episode_no,
            name: text_col(run.name),
            sibling_group: text_col(run.sibling_group),
            permanence_route: shared_col(self, run.permanence_route),
            order_type: shared_col(self, run.order_type),
            destination: shared_col(self, run.destination),
            team: shared_col(self, run.team),
            source: SourceRow { sheet: run.sheet_name.clone(), row: rn },
            ..Default::default()
        };
        if let Some((i, h)) = run.date_of_birth {
            child.date_of_birth = self.date(sheet, rn, h, i, cell(i)).0;
        }
        let mut states = [DateState::Blank; Milestone::COUNT];
        let mut cells: [Option<(&str, &Cell)>; Milestone::COUNT] = [None; Milestone::COUNT];
        for m in Milestone::ALL {
            if let Some((i, h)) = run.milestone_cols[m.index()] {
                let (d, state) = self.date(sheet, rn, h, i, cell(i));
                child.set_date(m, d);
                states[m.index()] = state;
                cells[m.index()] = Some((h, cell(i)));
            }
        }
        if let Some((i, h)) = run.placement_type {
            child.placement_type = self.placement_type(sheet, rn, h, cell(i));
        }
        if let (Some((_, h)), Some(text)) = (run.destination, child.destination.clone()) {
            child.destination_category = self.destination(sheet, rn, h, &text);
        }
        if let Some((i, h)) = run.placement_type_at_start {
            child.placement_type_at_start = self.placement_type(sheet, rn, h, cell(i));
        }
        if let Some(dob) = child.date_of_birth {
            for m in AFTER_BIRTH {
                if let (Some(d), Some((h, c))) = (child.date(m), cells[m.index()])
                    && d < dob
                {
                    self.problem(
                        sheet,
                        Some(rn),
                        Some(h),
                        c.display(),
                        format!("{} ({}) is before the date of birth ({})", m.label(), uk_date(d), uk_date(dob)),
                        Severity::Warning,
                        ProblemKind::DateOutOfRange,
                    );
                }
            }
        }
        let mut implied = [false; Milestone::COUNT];
        let child_cells = ChildCells { sheet: &sheet.name, row: rn, cells, states };
        check_child(&child, &child_cells, &mut self.problems, &mut implied);
        extras.states.push(states);
        extras.implied.push(implied);
        out.push(child);
    }

    /// Sheet-level notes: no child id column, no start-date column, unused or doubtful columns.
    fn sheet_notes(&mut self, sheet: &Sheet, header: &HeaderInfo) {
        let header_rn = Some(sheet.row_number(header.row_index));
        if header.column_of(Field::ChildId).is_none() {
            self.problem(
                sheet,
                header_rn,
                None,
                String::new(),
                "no child id column was found, so no row can be used; say which column holds the child id in the mapping".into(),
                Severity::Error,
                ProblemKind::Mapping,
            );
        }
        if header.kind == super::fields::SheetKind::Children {
            let starts = [Milestone::FirstAccommodated, Milestone::LastAccommodated, Milestone::CsoAtHomeStart];
            if starts.iter().all(|m| header.column_of(Field::Milestone(*m)).is_none()) {
                self.problem(
                    sheet,
                    header_rn,
                    None,
                    String::new(),
                    "no column for the date accommodated or the CSO start was found, so no timescale can start".into(),
                    Severity::Warning,
                    ProblemKind::Mapping,
                );
            }
        }
        let notes: Vec<(String, String)> = header
            .columns
            .iter()
            .filter_map(|c| match c.source {
                ColumnSource::LooksLikeChi => Some((
                    c.header.clone(),
                    "this column looks like CHI numbers, a health identifier; it is not used. Use a pseudonymous local child id".to_string(),
                )),
                ColumnSource::Duplicate => Some((
                    c.header.clone(),
                    "another column already supplies this field, so this one is not used".to_string(),
                )),
                _ => None,
            })
            .collect();
        for (h, message) in notes {
            self.problem(sheet, header_rn, Some(&h), h.clone(), message, Severity::Warning, ProblemKind::Mapping);
        }
    }

    /// Starts one placements or events sheet: the rows above the header set aside, the sheet's
    /// notes. Returns its columns and the rows to build with [`Builder::placement_row`] or
    /// [`Builder::event_row`].
    pub fn start_sheet<'s>(&mut self, sheet: &Sheet, header: &'s HeaderInfo) -> (SheetRun<'s>, RangeInclusive<usize>) {
        let last = self.preamble(sheet, header);
        self.sheet_notes(sheet, header);
        let col = |f: Field| header.column_of(f).map(|c| (c.index, c.header.as_str()));
        let run = SheetRun {
            sheet_name: sheet.name.as_str().into(),
            start: col(Field::StartDate),
            end: col(Field::EndDate),
            placement_type: col(Field::PlacementType),
            carer_ref: col(Field::CarerRef),
            end_reason: col(Field::EndReason),
            event_date: col(Field::EventDate),
            event_type: col(Field::EventType),
            label: col(Field::Label),
        };
        (run, header.row_index + 1..=last)
    }

    /// Builds the placement of one row of a placements sheet, or sets the row aside.
    /// `known_children` is `None` when there is no children sheet to check against.
    pub fn placement_row(
        &mut self,
        sheet: &Sheet,
        header: &HeaderInfo,
        run: &SheetRun<'_>,
        idx: usize,
        known_children: Option<&crate::fxhash::FxSet<&str>>,
        out: &mut Vec<Placement>,
    ) {
        if self.skip_row(sheet, header, idx) {
            return;
        }
        let Some(child_id) = self.shared_child_id(sheet, header, idx) else { return };
        let row = &sheet.rows[idx];
        let rn = sheet.row_number(idx);
        let cell = |i: usize| row.get(i).unwrap_or(&EMPTY);
        let start = run.start.and_then(|(i, h)| self.date(sheet, rn, h, i, cell(i)).0);
        let end = run.end.and_then(|(i, h)| self.date(sheet, rn, h, i, cell(i)).0);
        let Some(start) = start else {
            let shown = run.start.map(|(i, h)| (h, cell(i).display()));
            self.set_aside_no_date(sheet, rn, shown, "the placement has no usable start date");
            return;
        };
        if let Some(e) = end.filter(|e| *e < start) {
            self.set_aside(sheet, rn, SetAsideReason::EndBeforeStart);
            let (i, h) = run.end.unwrap_or((0, ""));
            self.problem(
                sheet,
                Some(rn),
                Some(h),
                cell(i).display(),
                format!("row set aside: the placement ends ({}) before it starts ({})", uk_date(e), uk_date(start)),
                Severity::Error,
                ProblemKind::OutOfOrder,
            );
            return;
        }
        self.used();
        let raw = run.placement_type.and_then(|(i, _)| self.shared.cell(cell(i)));
        let placement_type = match run.placement_type {
            Some((i, h)) if raw.is_some() => self.placement_type(sheet, rn, h, cell(i)),
            _ => None,
        };
        if placement_type.is_none() {
            self.problem(
                sheet,
                Some(rn),
                run.placement_type.map(|(_, h)| h),
                String::new(),
                "the placement has no placement type, so it counts as unknown".into(),
                Severity::Warning,
                ProblemKind::UnknownPlacementType,
            );
        }
        self.unknown_child(sheet, rn, header, &child_id, known_children);
        out.push(Placement {
            child_id,
            start,
            end,
            placement_type: placement_type.unwrap_or(PlacementType::Unknown),
            placement_type_raw: raw.unwrap_or_else(|| self.shared.get("")),
            carer_ref: run.carer_ref.and_then(|(i, _)| opt_text(cell(i))),
            end_reason: run.end_reason.and_then(|(i, _)| self.shared.cell(cell(i))),
            source: SourceRow { sheet: run.sheet_name.clone(), row: rn },
        });
    }

    /// Builds the event of one row of an events sheet, or sets the row aside.
    pub fn event_row(
        &mut self,
        sheet: &Sheet,
        header: &HeaderInfo,
        run: &SheetRun<'_>,
        idx: usize,
        known_children: Option<&crate::fxhash::FxSet<&str>>,
        out: &mut Vec<Event>,
    ) {
        if self.skip_row(sheet, header, idx) {
            return;
        }
        let Some(child_id) = self.shared_child_id(sheet, header, idx) else { return };
        let row = &sheet.rows[idx];
        let rn = sheet.row_number(idx);
        let cell = |i: usize| row.get(i).unwrap_or(&EMPTY);
        let Some(date) = run.event_date.and_then(|(i, h)| self.date(sheet, rn, h, i, cell(i)).0) else {
            let shown = run.event_date.map(|(i, h)| (h, cell(i).display()));
            self.set_aside_no_date(sheet, rn, shown, "the event has no usable date");
            return;
        };
        self.used();
        self.unknown_child(sheet, rn, header, &child_id, known_children);
        out.push(Event {
            child_id,
            date,
            event_type: run
                .event_type
                .and_then(|(i, _)| self.shared.cell(cell(i)))
                .unwrap_or_else(|| self.shared.get("other")),
            label: run.label.and_then(|(i, _)| opt_text(cell(i))),
            source: SourceRow { sheet: run.sheet_name.clone(), row: rn },
        });
    }

    fn unknown_child(
        &mut self,
        sheet: &Sheet,
        rn: u32,
        header: &HeaderInfo,
        child_id: &str,
        known: Option<&crate::fxhash::FxSet<&str>>,
    ) {
        if known.is_some_and(|k| !k.contains(child_id)) {
            let column = header.column_of(Field::ChildId).map(|c| c.header.clone());
            self.problem(
                sheet,
                Some(rn),
                column.as_deref(),
                child_id.to_string(),
                format!("there is no child {child_id} on the children sheet"),
                Severity::Warning,
                ProblemKind::UnknownChild,
            );
        }
    }
}

/// A row repeating the header: its child-id cell reads like the header, and so do at least half
/// of the mapped cells.
fn is_repeated_header(row: &[Cell], header: &HeaderInfo) -> bool {
    let same = |c: &super::sheets::ColumnMapping| {
        row.get(c.index).is_some_and(|cell| match cell {
            // No allocation: this runs on every row of a national file.
            Cell::Text(t) => t.len() <= c.header.len() + 8 && normalises_to(t, &c.normalised),
            _ => false,
        })
    };
    let Some(first) = header.column_of(Field::ChildId).or_else(|| header.columns.iter().find(|c| c.field.is_some()))
    else {
        return false;
    };
    if !same(first) {
        return false;
    }
    let mapped: Vec<_> = header.columns.iter().filter(|c| c.field.is_some()).collect();
    mapped.iter().filter(|c| same(c)).count() * 2 >= mapped.len()
}

/// Episode number: a whole number, blank meaning 1.
fn read_episode(cell: &Cell) -> Result<u32, String> {
    let bad = || format!("episode number '{}' is not a whole number; episode 1 was used", cell.display());
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= u32::MAX as f64 => Ok(*n as u32),
        Cell::Number(_) => Err(bad()),
        other => {
            let t = text_of(other);
            if t.is_empty() { Ok(1) } else { t.parse::<u32>().map_err(|_| bad()) }
        }
    }
}

/// Sets aside every row of a sheet that had no usable header (so those rows are still counted).
pub fn set_aside_sheet(b: &mut Builder<'_>, sheet: &Sheet) {
    let Some(last) = sheet.rows.iter().rposition(|r| !r.iter().all(Cell::is_blank)) else { return };
    for idx in 0..=last {
        b.set_aside(sheet, sheet.row_number(idx), SetAsideReason::AboveHeader);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_cells_of_every_kind() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(read_date(&Cell::Text("01/02/2021".into()), false), DateRead::Date(d(2021, 2, 1)));
        assert_eq!(read_date(&Cell::Number(44197.0), false), DateRead::Date(d(2021, 1, 1)));
        assert_eq!(read_date(&Cell::Number(42735.0), true), DateRead::Date(d(2021, 1, 1)));
        assert_eq!(read_date(&Cell::Text("44197".into()), false), DateRead::SerialText(d(2021, 1, 1)));
        assert_eq!(read_date(&Cell::Text("TBC".into()), false), DateRead::NotRecorded);
        assert_eq!(read_date(&Cell::Empty, false), DateRead::Blank);
        assert!(matches!(read_date(&Cell::Error("#REF!".into()), false), DateRead::Invalid(m) if m.contains("#REF!")));
        assert!(matches!(read_date(&Cell::Bool(true), false), DateRead::Invalid(_)));
    }

    #[test]
    fn repeated_text_is_one_shared_copy() {
        // A children file and a placements file: C1 has two placements of the same type, so its
        // id and the type are each one allocation, shared with no copy; C2's id is its own.
        let children = b"Child ID,Date accommodated,Team\nC1,01/02/2020,North\nC2,01/03/2020,North\n";
        let placements = b"Child ID,Start date,End date,Placement type\n\
            C1,01/02/2020,01/05/2020,Foster (LA)\nC1,01/05/2020,,Foster (LA)\nC2,01/03/2020,, Foster (LA) \n";
        let files: [(&str, &[u8]); 2] = [("children.csv", children), ("placements.csv", placements)];
        let out = super::super::load::load_files(&files, &Default::default()).unwrap_or_else(|e| panic!("{e}"));
        let (p, c) = (&out.dataset.placements, &out.dataset.children);
        assert_eq!(p.len(), 3);
        assert_eq!(&*p[0].child_id, "C1");
        assert!(std::sync::Arc::ptr_eq(&p[0].child_id, &p[1].child_id));
        assert!(!std::sync::Arc::ptr_eq(&p[0].child_id, &p[2].child_id));
        // The type as written, trimmed: the third row's spaces do not make a second copy.
        assert_eq!(&*p[2].placement_type_raw, "Foster (LA)");
        assert!(p.windows(2).all(|w| std::sync::Arc::ptr_eq(&w[0].placement_type_raw, &w[1].placement_type_raw)));
        let teams: Vec<&SharedText> = c.iter().filter_map(|c| c.team.as_ref()).collect();
        assert_eq!((teams.len(), &**teams[0]), (2, "North"));
        assert!(std::sync::Arc::ptr_eq(teams[0], teams[1]));
    }

    #[test]
    fn episode_numbers() {
        assert_eq!(read_episode(&Cell::Empty), Ok(1));
        assert_eq!(read_episode(&Cell::Number(2.0)), Ok(2));
        assert_eq!(read_episode(&Cell::Text(" 3 ".into())), Ok(3));
        assert!(read_episode(&Cell::Text("two".into())).is_err());
        assert!(read_episode(&Cell::Number(1.5)).is_err());
    }
}
