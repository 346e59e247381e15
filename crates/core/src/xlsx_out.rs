//! Writes sheets of text rows (the template, the demo cohort, the per-child table) as an XLSX
//! workbook. Needs the `xlsx` feature (the CLI, and the workbook worker in the browser).
//!
//! The first row of each sheet is its header. Cells in date columns (see
//! [`crate::ingest::template::column_kind`]) that hold a dd/mm/yyyy or yyyy-mm-dd date become
//! real Excel date cells shown as dd/mm/yyyy, so the file behaves like one a practitioner typed;
//! `episode_no` and `*_days` become numbers; everything else is text, neutralised so that no cell
//! a spreadsheet would read as a formula ever starts with `=`, `+`, `-`, `@`, a tab or a carriage
//! return ([`crate::analysis::export::neutralise`]). The creation date is fixed so the same
//! content always gives the same bytes.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};

use crate::analysis::export::neutralise;
use crate::ingest::template::{ColumnKind, column_kind};

/// One sheet to write: its name and its rows, the first being the header.
pub struct OutSheet<'a> {
    pub name: &'a str,
    pub rows: &'a [Vec<String>],
    /// Column widths in characters; columns past the end get a width from their header.
    pub widths: &'a [f64],
}

/// Builds the workbook in memory and returns its bytes.
pub fn workbook_bytes(sheets: &[OutSheet<'_>], title: &str) -> Result<Vec<u8>, String> {
    build(sheets, title).map_err(|e| format!("could not build the workbook: {e}"))
}

/// Builds the workbook and writes it to `path`.
pub fn write(path: &str, sheets: &[OutSheet<'_>], title: &str) -> Result<(), String> {
    let bytes = workbook_bytes(sheets, title)?;
    std::fs::write(path, bytes).map_err(|e| format!("cannot write {path}: {e}"))
}

fn build(sheets: &[OutSheet<'_>], title: &str) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let fixed = ExcelDateTime::from_ymd(2025, 1, 1)?;
    wb.set_properties(&DocProperties::new().set_title(title).set_creation_datetime(&fixed));
    let header = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let wrap = Format::new().set_text_wrap();
    for sheet in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(sheet.name)?;
        let Some((head, body)) = sheet.rows.split_first() else { continue };
        let kinds: Vec<ColumnKind> = head.iter().map(|h| column_kind(h)).collect();
        for (c, h) in head.iter().enumerate() {
            let col = c as u16;
            ws.write_string_with_format(0, col, h, &header)?;
            let width = sheet.widths.get(c).copied().unwrap_or((h.len() as f64 + 2.0).max(10.0));
            ws.set_column_width(col, width)?;
        }
        ws.set_freeze_panes(1, 0)?;
        for (r, cells) in body.iter().enumerate() {
            let row = r as u32 + 1;
            for (c, v) in cells.iter().enumerate() {
                let col = c as u16;
                if v.is_empty() {
                    continue;
                }
                match kinds.get(c).copied().unwrap_or(ColumnKind::Text) {
                    ColumnKind::Date => match uk_date(v).or_else(|| iso_date(v)) {
                        Some(d) => ws.write_datetime_with_format(row, col, &d, &date)?,
                        None => ws.write_string(row, col, neutralise(v))?,
                    },
                    ColumnKind::Integer => match v.parse::<i32>() {
                        Ok(n) => ws.write_number(row, col, f64::from(n))?,
                        Err(_) => ws.write_string(row, col, neutralise(v))?,
                    },
                    ColumnKind::Text if v.len() > 40 => ws.write_string_with_format(row, col, neutralise(v), &wrap)?,
                    ColumnKind::Text => ws.write_string(row, col, neutralise(v))?,
                };
            }
        }
    }
    wb.save_to_buffer()
}

/// A dd/mm/yyyy date as an Excel date, or `None` if the text is not one.
fn uk_date(s: &str) -> Option<ExcelDateTime> {
    let mut parts = s.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

/// A yyyy-mm-dd date as an Excel date, or `None` if the text is not one.
fn iso_date(s: &str) -> Option<ExcelDateTime> {
    let mut parts = s.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    ExcelDateTime::from_ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_too() {
        assert!(iso_date("2021-03-01").is_some());
        assert!(iso_date("2021-02-30").is_none());
        assert!(iso_date("01/03/2021").is_none());
    }

    #[test]
    fn a_workbook_reads_back_with_dates_numbers_and_neutralised_text() {
        let rows = vec![
            vec!["child_id".to_string(), "last_accommodated_date".into(), "accommodated_to_order_days".into()],
            vec!["=HYPERLINK(\"x\")".into(), "2021-03-01".into(), "-75".into()],
        ];
        let bytes = workbook_bytes(&[OutSheet { name: "Children", rows: &rows, widths: &[] }], "t").unwrap();
        let sheets = crate::ingest::workbook::read_workbook(&bytes).unwrap();
        let r = &sheets[0].rows[1];
        // The formula-like id is text starting with an apostrophe; the date reads back as the
        // same day; the negative days are a number.
        assert_eq!(r[0].display(), "'=HYPERLINK(\"x\")");
        assert_eq!(r[1].display(), "01/03/2021");
        assert_eq!(r[2].display(), "-75");
    }

    #[test]
    fn uk_dates_only() {
        assert!(uk_date("01/03/2021").is_some());
        assert!(uk_date("31/02/2021").is_none());
        assert!(uk_date("2021-03-01").is_none());
        assert!(uk_date("1/3/21").is_none());
        assert!(uk_date("").is_none());
    }
}
