//! Values a person pastes or types (the general run chart workbench), and values taken from
//! columns of a spreadsheet, turned into a [`Series`]. Every line or row either becomes a point
//! or is listed with its number and the reason: nothing is dropped silently.
//!
//! Pasted text, one point per line:
//! - `42` — a value;
//! - `12/03/2021,42` or `12/03/2021<TAB>42` — a UK date (or ISO `2021-03-12`) and a value;
//! - `Week 3,42` — a label and a value;
//! - separators: a tab if the line has one, else a comma, else a semicolon; double quotes around
//!   a part are removed (as spreadsheets write them);
//! - blank lines are ignored; a first line whose value is not a number (`Month,Days`) is read as
//!   column headings and said so;
//! - a date with no value (`12/03/2021,`) is a point with a missing value: it stays in the
//!   series and the analysis leaves it out of the median and the rules, saying so.
//!
//! A first part that looks like a numeric date (digits and `/ - .` only) but is not a valid UK
//! date (`13/25/2020`, `31/02/2021`) is an error with the date parser's reason, never a label.
//! When every point has a date the points are put in date order (as the CLI does), and the
//! result says whether that changed their order.

use chrono::NaiveDate;
use serde::Serialize;

use super::series::{Point, Series};
use crate::dates::{ParsedDate, parse_uk_date};
use crate::ingest::records::{DateRead, read_date};
use crate::ingest::table::{Cell, Sheet};

/// A line (or spreadsheet row) that could not be used, with why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputError {
    /// 1-based line number of the pasted text, or the spreadsheet row number.
    pub line: usize,
    /// The line's text as given (trimmed).
    pub text: String,
    pub message: String,
}

/// The series read from pasted text or sheet columns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SeriesInput {
    /// The points, in chart order.
    pub series: Series,
    /// For each point, the line (or row) it came from.
    pub lines: Vec<usize>,
    /// Lines that could not be read, in line order.
    pub errors: Vec<InputError>,
    /// The line read as column headings, if any.
    pub header: Option<usize>,
    /// True when every point has a date (and the points are in date order).
    pub dated: bool,
    /// True when putting the points in date order changed their order.
    pub reordered: bool,
    /// Plain-English notes about how the input was read.
    pub notes: Vec<String>,
}

/// Reads a number, refusing `NaN` and infinities (which Rust's parser accepts).
fn parse_value(s: &str) -> Option<f64> {
    let v: f64 = s.trim().parse().ok()?;
    v.is_finite().then_some(v)
}

/// True when `s` is shaped like a numeric date: starts with a digit, only digits and `/ - . :`
/// and spaces, and at least one of `/ - .` (so a plain number is not "date-like").
fn looks_like_date(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_digit())
        && s.chars().all(|c| c.is_ascii_digit() || "/-.: ".contains(c))
        && s.contains(['/', '-', '.'])
        && parse_value(s).is_none()
}

fn unquote(s: &str) -> &str {
    let t = s.trim();
    t.strip_prefix('"').and_then(|x| x.strip_suffix('"')).map(str::trim).unwrap_or(t)
}

/// The first part of a two-part line: a date, a label, or an error message.
enum Lead {
    Date(NaiveDate),
    Label(String),
    Bad(String),
}

fn read_lead(s: &str) -> Lead {
    if s.is_empty() {
        return Lead::Bad("the part before the separator is empty; give a date or a label, or just the value".into());
    }
    match parse_uk_date(s) {
        Ok(ParsedDate::Date(d)) => Lead::Date(d),
        Err(e) if looks_like_date(s) => Lead::Bad(format!("'{s}' is not a date: {e}")),
        _ => Lead::Label(s.to_string()),
    }
}

/// Puts every point in date order when all are dated; notes mixed dating.
fn finish(mut out: SeriesInput) -> SeriesInput {
    let n = out.series.len();
    let n_dated = out.series.points.iter().filter(|p| p.date.is_some()).count();
    if n > 0 && n_dated == n {
        out.dated = true;
        let mut order: Vec<usize> = (0..n).collect();
        // Stable: same-day points keep the order given.
        crate::order::sort_by_key(&mut order, |&i| out.series.points[i].date);
        if order.iter().enumerate().any(|(k, &i)| k != i) {
            out.reordered = true;
            out.series.points = order.iter().map(|&i| out.series.points[i].clone()).collect();
            out.lines = order.iter().map(|&i| out.lines[i]).collect();
            out.notes.push("The points were not in date order, so they have been put in date order.".into());
        }
    } else if n_dated > 0 {
        out.notes.push(format!(
            "{n_dated} of {n} points have a date. The points are drawn in the order given; options that use dates (phases or a baseline from a date) need every point dated."
        ));
    }
    out
}

/// Reads pasted or typed text: one point per line. See the module documentation.
pub fn parse_pasted(text: &str) -> SeriesInput {
    let mut out = SeriesInput::default();
    let mut first_content = true;
    for (k, raw) in text.lines().enumerate() {
        let line = k + 1;
        let t = raw.trim();
        if t.is_empty() {
            continue;
        }
        let is_first = std::mem::replace(&mut first_content, false);
        let sep = if t.contains('\t') {
            '\t'
        } else if t.contains(',') {
            ','
        } else if t.contains(';') {
            ';'
        } else {
            '\0'
        };
        let parts: Vec<&str> = if sep == '\0' { vec![unquote(t)] } else { t.split(sep).map(unquote).collect() };
        // Trailing empty parts from spreadsheets ("5,,") do not count as parts.
        let mut parts = parts;
        while parts.len() > 2 && parts.last().is_some_and(|p| p.is_empty()) {
            parts.pop();
        }
        let value_text = *parts.last().unwrap_or(&"");
        let err = |message: String| InputError { line, text: t.to_string(), message };
        if is_first && parse_value(value_text).is_none() && !value_text.is_empty() && parts.len() <= 2 {
            let lead_is_date = parts.len() == 2 && matches!(parse_uk_date(parts[0]), Ok(ParsedDate::Date(_)));
            if !lead_is_date && !looks_like_date(value_text) {
                out.header = Some(line);
                out.notes.push(format!("Line {line} ('{t}') was read as column headings, not a point."));
                continue;
            }
        }
        let point = match parts.as_slice() {
            [v] => match parse_value(v) {
                Some(value) => Ok(Point::new(value)),
                None => Err(err(format!("'{v}' is not a number"))),
            },
            [lead, v] => {
                let value = if v.is_empty() {
                    Ok(f64::NAN)
                } else {
                    parse_value(v).ok_or_else(|| format!("'{v}' is not a number"))
                };
                match (read_lead(lead), value) {
                    (Lead::Bad(m), _) | (_, Err(m)) => Err(err(m)),
                    (Lead::Date(d), Ok(value)) => Ok(Point { value, date: Some(d), ..Point::default() }),
                    (Lead::Label(l), Ok(value)) if value.is_nan() => {
                        Err(err(format!("'{l}' has no value after the separator")))
                    }
                    (Lead::Label(l), Ok(value)) => Ok(Point { value, label: Some(l), ..Point::default() }),
                }
            }
            many => Err(err(format!(
                "this line has {} parts; give one value, or a date or label and a value, separated by a comma or a tab",
                many.len()
            ))),
        };
        match point {
            Ok(p) => {
                out.series.points.push(p);
                out.lines.push(line);
            }
            Err(e) => out.errors.push(e),
        }
    }
    finish(out)
}

/// The columns to take from a sheet. Indexes are 0-based column positions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SheetColumns {
    /// Index into `Sheet::rows` of the header row; data starts on the next row.
    pub header_row: usize,
    pub value: usize,
    pub date: Option<usize>,
    pub label: Option<usize>,
}

/// The first non-blank row of a sheet: where its column headings usually are.
pub fn first_nonblank_row(sheet: &Sheet) -> Option<usize> {
    sheet.rows.iter().position(|r| r.iter().any(|c| !c.is_blank()))
}

/// The column headings of `row` ("Column C" for a blank heading), one per column up to the
/// widest row of the sheet.
pub fn column_names(sheet: &Sheet, row: usize) -> Vec<String> {
    let width = sheet.rows.iter().map(<[_]>::len).max().unwrap_or(0);
    let header = sheet.rows.get(row);
    (0..width)
        .map(|i| match header.and_then(|r| r.get(i)).map(|c| c.display().trim().to_string()) {
            Some(h) if !h.is_empty() => h,
            _ => format!("Column {}", column_letter(i)),
        })
        .collect()
}

/// Spreadsheet column letters: 0 is A, 25 is Z, 26 is AA.
pub fn column_letter(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Reads a number from a cell (a number, or text holding one).
fn cell_value(cell: &Cell) -> Result<f64, String> {
    match cell {
        Cell::Number(n) if n.is_finite() => Ok(*n),
        Cell::Text(s) => parse_value(s).ok_or_else(|| format!("'{}' is not a number", s.trim())),
        Cell::Bool(_) | Cell::Date(_) | Cell::DateTime(_) => Err(format!("{} is not a number", cell.display())),
        other => Err(format!("'{}' is not a number", other.display())),
    }
}

/// Takes a value column (with optional date and label columns) from the rows below the header
/// row. Blank rows are skipped; a row with a blank value but a date or label is a point with a
/// missing value; a row whose value or date cannot be read is listed with its spreadsheet row
/// number. When every point has a date they are put in date order.
pub fn from_sheet(sheet: &Sheet, cols: &SheetColumns) -> SeriesInput {
    let mut out = SeriesInput { header: Some(sheet.row_number(cols.header_row) as usize), ..SeriesInput::default() };
    let empty = Cell::Empty;
    for (i, row) in sheet.rows.iter().enumerate().skip(cols.header_row + 1) {
        if row.iter().all(Cell::is_blank) {
            continue;
        }
        let line = sheet.row_number(i) as usize;
        let cell = |c: usize| row.get(c).unwrap_or(&empty);
        let text = row.iter().map(Cell::display).collect::<Vec<_>>().join(", ");
        let text = text.trim_end_matches([',', ' ']).to_string();
        let err = |message: String| InputError { line, text: text.clone(), message };
        let v = cell(cols.value);
        let value = if v.is_blank() { Ok(f64::NAN) } else { cell_value(v) };
        let date = match cols.date.map(|c| read_date(cell(c), sheet.date1904)) {
            None | Some(DateRead::Blank) | Some(DateRead::NotRecorded) => Ok(None),
            Some(DateRead::Date(d)) | Some(DateRead::SerialText(d)) => Ok(Some(d)),
            Some(DateRead::Invalid(m)) => {
                Err(format!("'{}' is not a date: {m}", cols.date.map(|c| cell(c).display()).unwrap_or_default().trim()))
            }
        };
        let label = cols.label.map(|c| cell(c).display().trim().to_string()).filter(|s| !s.is_empty());
        match (value, date) {
            (Err(m), _) | (_, Err(m)) => out.errors.push(err(m)),
            (Ok(value), Ok(date)) => {
                if value.is_nan() && date.is_none() {
                    // No value and no date: only other columns filled in, not a point.
                    out.errors.push(err("the value cell is blank".into()));
                    continue;
                }
                out.series.points.push(Point { value, date, label, id: None });
                out.lines.push(line);
            }
        }
    }
    finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn values(s: &SeriesInput) -> Vec<f64> {
        s.series.points.iter().map(|p| p.value).collect()
    }

    #[test]
    fn plain_values_blank_lines_and_bad_lines_with_numbers() {
        // Lines: 1 "12", 2 "", 3 " 7.5 ", 4 "abc", 5 "  ", 6 "-3", 7 "NaN", 8 "1e2".
        let r = parse_pasted("12\n\n 7.5 \nabc\n  \n-3\nNaN\n1e2\n");
        assert_eq!(values(&r), vec![12.0, 7.5, -3.0, 100.0]);
        assert_eq!(r.lines, vec![1, 3, 6, 8]);
        assert_eq!(r.errors.len(), 2);
        assert_eq!((r.errors[0].line, r.errors[0].text.as_str()), (4, "abc"));
        assert_eq!(r.errors[0].message, "'abc' is not a number");
        assert_eq!((r.errors[1].line, r.errors[1].message.as_str()), (7, "'NaN' is not a number"));
        assert!(!r.dated && r.header.is_none());
    }

    #[test]
    fn uk_and_iso_dates_with_commas_and_tabs_sorted_into_date_order() {
        // Windows line endings; line 2 is ISO and earliest, so the order changes to 2, 1, 3.
        let r = parse_pasted("01/03/2021,5\r\n2021-02-01\t7\r\n\"15/03/2021\";\"9\"\r\n");
        assert!(r.dated && r.reordered);
        assert_eq!(values(&r), vec![7.0, 5.0, 9.0]);
        assert_eq!(r.lines, vec![2, 1, 3]);
        let dates: Vec<_> = r.series.points.iter().map(|p| p.date.unwrap()).collect();
        assert_eq!(dates, vec![d(2021, 2, 1), d(2021, 3, 1), d(2021, 3, 15)]);
        assert!(r.errors.is_empty());
        assert_eq!(r.notes.len(), 1);
    }

    #[test]
    fn day_first_never_month_first_and_impossible_dates_are_errors_not_labels() {
        // 04/05/2021 is 4 May. 13/25/2020 has month 25; 31/02/2021 does not exist.
        let r = parse_pasted("04/05/2021,1\n13/25/2020,2\n31/02/2021,3\n");
        assert_eq!(r.series.points[0].date, Some(d(2021, 5, 4)));
        assert_eq!(r.errors.iter().map(|e| e.line).collect::<Vec<_>>(), vec![2, 3]);
        assert!(r.errors[0].message.starts_with("'13/25/2020' is not a date: "), "{}", r.errors[0].message);
        assert!(r.errors[1].message.starts_with("'31/02/2021' is not a date: "), "{}", r.errors[1].message);
    }

    #[test]
    fn labels_headings_missing_values_and_too_many_parts() {
        // Line 1 is headings; line 2 a label; 3 a date with no value (a missing point);
        // 4 has three parts; 5 a label without a value; 6 an empty lead.
        let r = parse_pasted("Week,Days\nWeek 1,40\n02/01/2022,\nA,1,2\nWeek 3,\n,5\n");
        assert_eq!(r.header, Some(1));
        assert_eq!(r.series.len(), 2);
        assert_eq!(r.series.points[0].label.as_deref(), Some("Week 1"));
        assert_eq!(r.series.points[0].value, 40.0);
        assert!(r.series.points[1].value.is_nan());
        assert_eq!(r.series.points[1].date, Some(d(2022, 1, 2)));
        assert_eq!(r.lines, vec![2, 3]);
        let lines: Vec<usize> = r.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![4, 5, 6]);
        assert!(r.errors[0].message.contains("3 parts"));
        assert_eq!(r.errors[1].message, "'Week 3' has no value after the separator");
        assert!(r.errors[2].message.contains("empty"));
        // Mixed dating: one of two points dated, order kept and a note given.
        assert!(!r.dated && !r.reordered);
        assert!(r.notes.iter().any(|n| n.starts_with("1 of 2 points have a date")));
    }

    #[test]
    fn a_bad_first_line_that_is_data_is_an_error_not_a_heading() {
        // "13/25/2020,4" on line 1 looks like a date, so it is reported, not taken as headings.
        let r = parse_pasted("13/25/2020,4\n5\n");
        assert_eq!(r.header, None);
        assert_eq!(r.errors.len(), 1);
        assert_eq!(values(&r), vec![5.0]);
        // A heading only counts on the first non-blank line.
        let r = parse_pasted("\n\n5\nDays\n");
        assert_eq!((r.header, r.errors[0].line), (None, 4));
    }

    #[test]
    fn every_line_is_accounted_for() {
        let text = "Days\n1\n\nx\n2,3\n03/03/2020,4\n1,2,3\n";
        let r = parse_pasted(text);
        let blank = text.lines().filter(|l| l.trim().is_empty()).count();
        assert_eq!(r.series.len() + r.errors.len() + blank + usize::from(r.header.is_some()), text.lines().count());
    }

    #[test]
    fn column_letters() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn sheet_columns_with_typed_dates_serials_text_and_row_numbers() {
        let t = |s: &str| Cell::Text(s.into());
        let sheet = Sheet {
            name: "Data".into(),
            rows: vec![
                vec![t("Month"), t("Note"), t("Days")],
                vec![Cell::Date(d(2021, 2, 1)), t("b"), Cell::Number(10.0)],
                vec![Cell::Empty, Cell::Empty, Cell::Empty],
                // 44197 is 01/01/2021 in the 1900 system.
                vec![Cell::Number(44197.0), t("a"), t("12")],
                vec![t("01/03/2021"), t("c"), t("lots")],
                vec![t("31/02/2021"), t("d"), Cell::Number(3.0)],
                vec![t("15/03/2021"), Cell::Empty, Cell::Empty],
                vec![Cell::Empty, t("only a note"), Cell::Empty],
            ]
            .into(),
            first_row: 3,
            date1904: false,
        };
        assert_eq!(first_nonblank_row(&sheet), Some(0));
        assert_eq!(column_names(&sheet, 0), vec!["Month", "Note", "Days"]);
        let r = from_sheet(&sheet, &SheetColumns { header_row: 0, value: 2, date: Some(0), label: Some(1) });
        // Rows as the user sees them: header on 3, data 4..=10; row 5 blank.
        assert_eq!(r.header, Some(3));
        // Points: row 4 (01/02/2021, 10), row 6 (01/01/2021, 12), row 9 (15/03/2021, missing);
        // date order puts row 6 first.
        assert_eq!(r.lines, vec![6, 4, 9]);
        assert!(r.dated && r.reordered);
        assert_eq!(r.series.points[0].label.as_deref(), Some("a"));
        assert_eq!(r.series.points[0].value, 12.0);
        assert!(r.series.points[2].value.is_nan());
        let errs: Vec<(usize, &str)> = r.errors.iter().map(|e| (e.line, e.message.as_str())).collect();
        assert_eq!(errs[0], (7, "'lots' is not a number"));
        assert_eq!(errs[1].0, 8);
        assert!(errs[1].1.starts_with("'31/02/2021' is not a date"));
        assert_eq!(errs[2], (10, "the value cell is blank"));
        assert_eq!(r.errors.len(), 3);
    }
}
