//! A format-independent grid of cells: what every reader (CSV, XLSX, XLS, ODS) produces and what
//! column mapping and record building consume.

use chrono::{NaiveDate, NaiveDateTime};

/// One cell as the reader found it. Dates stay typed where the format says they are dates;
/// everything else is left for the column's own parser to interpret.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Text, exactly as written (not trimmed).
    Text(String),
    /// A number. In a date column this is an Excel serial (see `dates::excel`).
    Number(f64),
    /// A cell the workbook formatted as a date or date-time (already converted to the calendar,
    /// 1900/1904 system and the 1900 leap-year bug applied).
    DateTime(NaiveDateTime),
    /// A date cell (ODS `date` value without a time, or a reader-resolved date).
    Date(NaiveDate),
    Bool(bool),
    /// A spreadsheet error value such as `#N/A` or `#REF!`.
    Error(String),
}

impl Cell {
    /// True for empty cells and cells holding only whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as the user would read it, for messages in the quality report.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    format!("{n}")
                }
            }
            Cell::DateTime(dt) => {
                if dt.time() == chrono::NaiveTime::MIN {
                    dt.date().format("%d/%m/%Y").to_string()
                } else {
                    dt.format("%d/%m/%Y %H:%M").to_string()
                }
            }
            Cell::Date(d) => d.format("%d/%m/%Y").to_string(),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }
}

/// One sheet of a workbook (a CSV file is one sheet named after the file).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub name: String,
    /// Rows in file order. `rows[i]` is the row the user sees as number `first_row + i`.
    pub rows: Vec<Vec<Cell>>,
    /// The spreadsheet row number of `rows[0]` (1 unless the reader skipped leading rows).
    pub first_row: u32,
    /// True when the workbook uses the 1904 date system, so bare serial numbers in date columns
    /// count from 1904-01-01 rather than 1899-12-30.
    pub date1904: bool,
}

impl Sheet {
    /// The row number the user sees in their spreadsheet for `rows[index]`.
    pub fn row_number(&self, index: usize) -> u32 {
        self.first_row + index as u32
    }
}
