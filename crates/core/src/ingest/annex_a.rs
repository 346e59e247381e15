//! Ofsted Annex A workbooks (docs/domain.md#annex-a): the inspection lists as sheets. List 10
//! (adoption: one row per child) becomes the children sheet, with the columns of List 8 (children
//! looked after) that List 10 lacks joined on the child id; England's dates (placement order,
//! match, placed for adoption, adoption order, the decision's reversal, fostering for adoption)
//! go in `Dataset::england`. Every other list is listed with a note and not used.
//!
//! Lists are recognised by their headings, never by the sheet's name. Headings are matched as
//! everywhere (case, spaces, trailing spaces and punctuation ignored); lettered code values
//! ("a) Male") lose their letter; dates stored as formulas are read from their cached values
//! (the workbook reader keeps those).
//!
//! Two halves, so that the join stays out of the page's module (docs/architecture.md#size): the
//! workbook reader ([`prepare`], with the `workbook` feature: the CLI and the workbook worker)
//! turns the lists into the joined children sheet plus one sheet of England's dates in a fixed
//! shape; the loader ([`take_dates`], everywhere) takes that sheet out and keeps its dates.

#[cfg(feature = "workbook")]
use std::collections::{BTreeSet, HashMap};

#[cfg(feature = "workbook")]
use chrono::NaiveDate;

#[cfg(feature = "workbook")]
use super::fields::{SheetKind, match_header, normalise};
use super::quality::Problem;
#[cfg(feature = "workbook")]
use super::records::{DateRead, read_date};
use super::table::{Cell, Sheet};
use crate::model::{EnglandDates, Milestone};

/// The header of the England dates sheet [`prepare`] writes; its second row holds the notes
/// (sheet name, message, sheet name, message, ...) after the word "notes".
pub const DATES_HEADER: [&str; 8] = [
    "CHILD",
    "PLACEMENT_ORDER",
    "MATCHED",
    "PLACED_FOR_ADOPTION",
    "ADOPTION_ORDER",
    "DECISION_REVERSED",
    "REVERSAL_REASON",
    "MOVED_IN",
];

/// The name of that sheet.
pub const DATES_SHEET: &str = "Annex A: England's dates";

/// Headings (normalised) that identify List 10, the adoption list.
#[cfg(feature = "workbook")]
const LIST_10: [&str; 2] = ["child unique id", "date of decision that child should be placed for adoption"];
/// Headings (normalised) that identify List 8, the children looked after.
#[cfg(feature = "workbook")]
const LIST_8: [&str; 2] = ["child unique id", "date started to be looked after"];
#[cfg(feature = "workbook")]
const ID: &str = "child unique id";

/// List 10's dates that are not milestones, read by this module (normalised headings).
#[cfg(feature = "workbook")]
const PLACEMENT_ORDER: &str = "date of placement order";
#[cfg(feature = "workbook")]
const MATCHED: &str = "date of matching child and prospective adopters";
#[cfg(feature = "workbook")]
const PLACED: &str = "date placed for adoption";
#[cfg(feature = "workbook")]
const ADOPTION_ORDER: &str = "date of adoption order";
#[cfg(feature = "workbook")]
const REVERSED: &str = "date of decision that child should no longer be placed for adoption";
#[cfg(feature = "workbook")]
const REVERSAL_REASON: &str = "reason why child no longer placed for adoption";
#[cfg(feature = "workbook")]
const FFA: &str = "date the child was placed for fostering in ffa or concurrent planning placement";

/// The milestones Annex A does not record (docs/domain.md#not-collected).
const NOT_COLLECTED: [Milestone; 5] = [
    Milestone::CsoAtHomeStart,
    Milestone::CsoReview,
    Milestone::PermanenceRecommendation,
    Milestone::PermanencePanel,
    Milestone::CourtApplication,
];

/// A list's header row (index into the rows) and each normalised heading's column.
#[cfg(feature = "workbook")]
struct Header {
    row: usize,
    columns: Vec<String>,
}

#[cfg(feature = "workbook")]
impl Header {
    fn col(&self, heading: &str) -> Option<usize> {
        self.columns.iter().position(|c| c == heading)
    }
}

/// The header row among the first ten rows holding every one of `needed`.
#[cfg(feature = "workbook")]
fn find_header(sheet: &Sheet, needed: &[&str]) -> Option<Header> {
    sheet.rows.iter().take(10).enumerate().find_map(|(row, cells)| {
        let columns: Vec<String> = cells.iter().map(|c| normalise(&c.display())).collect();
        needed.iter().all(|n| columns.iter().any(|c| c == n)).then_some(Header { row, columns })
    })
}

/// A lettered code value without its letter: "a) Male" -> "Male"; anything else unchanged.
#[cfg(feature = "workbook")]
fn unletter(cell: &Cell) -> Cell {
    if let Cell::Text(t) = cell {
        let b = t.trim_start().as_bytes();
        if b.len() > 2 && b[0].is_ascii_lowercase() && b[1] == b')' {
            return Cell::Text(t.trim_start()[2..].trim().into());
        }
    }
    cell.clone()
}

/// The child id of a row, trimmed.
#[cfg(feature = "workbook")]
fn id_of(row: &[Cell], col: usize) -> String {
    row.get(col).map(|c| c.display().trim().to_string()).unwrap_or_default()
}

/// List 10 as a children sheet: its recognised columns, then List 8's recognised columns that
/// List 10 lacks, joined on the child id. Columns read here (England's dates) or recognised as
/// nothing are left out, so nothing is left for the columns screen. Row numbers stay List 10's.
#[cfg(feature = "workbook")]
fn joined(list10: &Sheet, h10: &Header, list8: Option<(&Sheet, &Header)>) -> (Sheet, Vec<String>) {
    let field = |heading: &str| match_header(heading, SheetKind::Children);
    let keep10: Vec<usize> = (0..h10.columns.len()).filter(|&k| field(&h10.columns[k]).is_some()).collect();
    let fields10: BTreeSet<_> = keep10.iter().filter_map(|&k| field(&h10.columns[k])).collect();
    let mut ignored: Vec<String> = Vec::new();
    for (k, c) in h10.columns.iter().enumerate() {
        let read_here = [PLACEMENT_ORDER, MATCHED, REVERSED, REVERSAL_REASON, FFA].contains(&c.as_str());
        if !keep10.contains(&k) && !read_here && !c.is_empty() {
            ignored.push(list10.rows[h10.row].get(k).map(|c| c.display().trim().to_string()).unwrap_or_default());
        }
    }
    let (keep8, rows8): (Vec<usize>, HashMap<String, &[Cell]>) = match list8 {
        Some((s8, h8)) => {
            let keep = (0..h8.columns.len())
                .filter(|&k| field(&h8.columns[k]).is_some_and(|f| !fields10.contains(&f)))
                .collect();
            let id8 = h8.col(ID).unwrap_or(0);
            let mut rows = HashMap::new();
            for r in s8.rows.iter().skip(h8.row + 1) {
                rows.entry(id_of(r, id8)).or_insert(r);
            }
            (keep, rows)
        }
        None => (Vec::new(), HashMap::new()),
    };
    let id10 = h10.col(ID).unwrap_or(0);
    let pick = |row: &[Cell], cols: &[usize]| -> Vec<Cell> {
        cols.iter().map(|&k| row.get(k).map(unletter).unwrap_or(Cell::Empty)).collect()
    };
    let mut rows: Vec<Vec<Cell>> = list10.rows.iter().take(h10.row).map(<[Cell]>::to_vec).collect();
    let mut header = pick(&list10.rows[h10.row], &keep10);
    if let Some((s8, h8)) = list8 {
        header.extend(pick(&s8.rows[h8.row], &keep8));
    }
    rows.push(header);
    for r in list10.rows.iter().skip(h10.row + 1) {
        let mut out = pick(r, &keep10);
        let from8 = rows8.get(&id_of(r, id10));
        out.extend(keep8.iter().map(|&k| from8.and_then(|r8| r8.get(k)).map(unletter).unwrap_or(Cell::Empty)));
        rows.push(out);
    }
    (
        Sheet { name: list10.name.clone(), rows: rows.into(), first_row: list10.first_row, date1904: list10.date1904 },
        ignored,
    )
}

/// A date cell of List 10, `None` when blank or unreadable (the children sheet's own columns
/// report unreadable dates; these are England's extra dates).
#[cfg(feature = "workbook")]
fn date_at(sheet: &Sheet, row: &[Cell], col: Option<usize>) -> Option<NaiveDate> {
    match read_date(row.get(col?)?, sheet.date1904) {
        DateRead::Date(d) | DateRead::SerialText(d) => Some(d),
        _ => None,
    }
}

/// England's dates per child from List 10. The day the child moved in with the adoptive family
/// (A10) is the fostering-for-adoption placement when it came first, else placed for adoption.
#[cfg(feature = "workbook")]
fn england_dates(list10: &Sheet, h: &Header) -> Vec<(String, EnglandDates)> {
    let id = h.col(ID).unwrap_or(0);
    list10
        .rows
        .iter()
        .skip(h.row + 1)
        .map(|r| (id_of(r, id), r))
        .filter(|(id, _)| !id.is_empty())
        .map(|(child, r)| {
            let at = |heading: &str| date_at(list10, r, h.col(heading));
            let placed = at(PLACED);
            let ffa = at(FFA).filter(|f| placed.is_none_or(|p| *f <= p));
            let reason =
                h.col(REVERSAL_REASON).and_then(|k| r.get(k)).map(|c| unletter(c).display().trim().to_string());
            let e = EnglandDates {
                placement_order: at(PLACEMENT_ORDER),
                matched: at(MATCHED),
                placed_for_adoption: placed,
                moved_in: ffa.or(placed),
                adoption_order: at(ADOPTION_ORDER),
                decision_reversed: at(REVERSED),
                reversal_reason: reason.filter(|r| !r.is_empty()),
                periods_of_care: 0,
                match_only_when_adopted: false,
            };
            (child, e)
        })
        .collect()
}

/// True when `sheet` has List 10's or List 8's header in its first rows.
#[cfg(feature = "workbook")]
pub fn holds_a_list(sheet: &Sheet) -> bool {
    find_header(sheet, &LIST_10).is_some() || find_header(sheet, &LIST_8).is_some()
}

/// The sheets of an Annex A workbook as the loader reads them: List 10 joined with List 8 (the
/// children sheet), then England's dates and the notes in the fixed shape of [`DATES_HEADER`].
/// Any other workbook's sheets are returned unchanged.
#[cfg(feature = "workbook")]
pub fn prepare(sheets: Vec<Sheet>) -> Vec<Sheet> {
    let Some((i10, h10)) = sheets.iter().enumerate().find_map(|(i, s)| find_header(s, &LIST_10).map(|h| (i, h))) else {
        return sheets;
    };
    let list8 =
        sheets.iter().enumerate().find_map(|(i, s)| find_header(s, &LIST_8).map(|h| (i, h)).filter(|_| i != i10));
    let (children, ignored) = joined(&sheets[i10], &h10, list8.as_ref().map(|(i, h)| (&sheets[*i], h)));
    let list10_name = sheets[i10].name.clone();
    let mut notes = vec![(list10_name.clone(), "Annex A List 10 (adoption): read as the children sheet".to_string())];
    if let Some((i8, _)) = &list8 {
        notes.push((
            sheets[*i8].name.clone(),
            format!("Annex A List 8 (children looked after): joined to '{list10_name}' on the Child Unique ID"),
        ));
    }
    if !ignored.is_empty() {
        notes.push((list10_name.clone(), format!("columns not used by Timescales: {}", ignored.join(", "))));
    }
    for (i, s) in sheets.iter().enumerate() {
        if i != i10 && list8.as_ref().is_none_or(|(i8, _)| *i8 != i) {
            notes.push((s.name.clone(), "sheet not used: not Annex A List 10 or List 8".into()));
        }
    }
    let text = |t: &str| Cell::Text(t.into());
    let date = |d: Option<NaiveDate>| d.map_or(Cell::Empty, Cell::Date);
    let mut rows = vec![DATES_HEADER.map(text).to_vec()];
    rows.push(std::iter::once(text("notes")).chain(notes.iter().flat_map(|(s, m)| [text(s), text(m)])).collect());
    for (child, e) in england_dates(&sheets[i10], &h10) {
        rows.push(vec![
            Cell::Text(child.into()),
            date(e.placement_order),
            date(e.matched),
            date(e.placed_for_adoption),
            date(e.adoption_order),
            date(e.decision_reversed),
            e.reversal_reason.map_or(Cell::Empty, |r| Cell::Text(r.into())),
            date(e.moved_in),
        ]);
    }
    let dates = Sheet { name: DATES_SHEET.into(), rows: rows.into(), first_row: 1, date1904: false };
    vec![children, dates]
}

/// England's dates taken from an Annex A workbook's prepared sheets (see [`prepare`]).
#[derive(Debug, Clone, Default)]
pub struct AnnexADates {
    pub dates: Vec<(String, EnglandDates)>,
    pub notes: Vec<Problem>,
}

/// Takes the England dates sheet out of `sheets` when [`prepare`] added it.
pub fn take_dates(sheets: &mut Vec<Sheet>) -> Option<AnnexADates> {
    let is_dates = |s: &Sheet| {
        s.name == DATES_SHEET
            && s.rows.first().is_some_and(|r| {
                r.len() == DATES_HEADER.len() && r.iter().zip(DATES_HEADER).all(|(c, h)| c.display() == h)
            })
    };
    let i = sheets.iter().position(is_dates)?;
    let sheet = sheets.remove(i);
    let mut out = AnnexADates::default();
    if let Some(notes) = sheet.rows.get(1) {
        for pair in notes[1..].chunks(2) {
            if let [s, m] = pair {
                out.notes.push(Problem::sheet_note(&s.display(), m.display()));
            }
        }
    }
    let day = |r: &[Cell], k: usize| match r.get(k) {
        Some(Cell::Date(d)) => Some(*d),
        _ => None,
    };
    for r in sheet.rows.iter().skip(2) {
        let e = EnglandDates {
            placement_order: day(r, 1),
            matched: day(r, 2),
            placed_for_adoption: day(r, 3),
            adoption_order: day(r, 4),
            decision_reversed: day(r, 5),
            reversal_reason: r.get(6).map(Cell::display).filter(|t| !t.is_empty()),
            moved_in: day(r, 7),
            ..Default::default()
        };
        out.dates.push((r.first().map(Cell::display).unwrap_or_default(), e));
    }
    Some(out)
}

/// Puts England's dates from an Annex A workbook into the loaded outcome, with the notes first.
pub fn apply(dates: AnnexADates, out: &mut super::load::LoadOutcome) {
    let AnnexADates { dates, mut notes } = dates;
    notes.append(&mut out.report.problems);
    out.report.problems = notes;
    out.dataset.england = dates.into_iter().collect();
    out.dataset.not_collected = NOT_COLLECTED.into_iter().collect();
}
