//! A compact binary form of [`Sheet`]s, so the browser's workbook worker can hand what it read
//! to the page without JSON. The page and the worker are built from this same code.
//!
//! Layout (little-endian): sheet count `u32`; per sheet: name, `first_row: u32`,
//! `date1904: u8`, row count `u32`, the sheet's cell count `u32` (to reserve room once); per row:
//! cell count `u32`; per cell: a tag byte and its payload. Strings are `u32` byte length plus UTF-8. Dates are days from 1 January of year 1
//! (`i32`); date-times add seconds from midnight (`u32`).

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

use super::table::{Cell, Rows, Sheet};

const EMPTY: u8 = 0;
const TEXT: u8 = 1;
const NUMBER: u8 = 2;
const DATE_TIME: u8 = 3;
const DATE: u8 = 4;
const BOOL: u8 = 5;
const ERROR: u8 = 6;

/// Encodes sheets.
pub fn encode_sheets(sheets: &[Sheet]) -> Vec<u8> {
    // About six bytes a cell (a tag, and a date's four or a short text's length and bytes) and
    // four a row: reserved once, the bytes are not copied as they grow.
    let guess: usize = sheets.iter().map(|s| 64 + s.name.len() + 4 * s.rows.len() + 6 * s.rows.cell_count()).sum();
    let mut out = Vec::with_capacity(guess + 4);
    put_u32(&mut out, sheets.len() as u32);
    for s in sheets {
        put_str(&mut out, &s.name);
        put_u32(&mut out, s.first_row);
        out.push(u8::from(s.date1904));
        put_u32(&mut out, s.rows.len() as u32);
        put_u32(&mut out, s.rows.cell_count() as u32);
        for row in &s.rows {
            put_u32(&mut out, row.len() as u32);
            for cell in row {
                match cell {
                    Cell::Empty => out.push(EMPTY),
                    Cell::Text(t) => {
                        out.push(TEXT);
                        put_str(&mut out, t);
                    }
                    Cell::Number(n) => {
                        out.push(NUMBER);
                        out.extend_from_slice(&n.to_le_bytes());
                    }
                    Cell::DateTime(dt) => {
                        out.push(DATE_TIME);
                        out.extend_from_slice(&dt.date().num_days_from_ce().to_le_bytes());
                        put_u32(&mut out, dt.time().num_seconds_from_midnight());
                    }
                    Cell::Date(d) => {
                        out.push(DATE);
                        out.extend_from_slice(&d.num_days_from_ce().to_le_bytes());
                    }
                    Cell::Bool(b) => {
                        out.push(BOOL);
                        out.push(u8::from(*b));
                    }
                    Cell::Error(e) => {
                        out.push(ERROR);
                        put_str(&mut out, e);
                    }
                }
            }
        }
    }
    out
}

/// Why encoded sheets could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetCodecError {
    /// The bytes stop in the middle of a value.
    EndsEarly,
    /// A text that is not UTF-8.
    NotUtf8,
    /// A time of day past midnight.
    BadTime,
    /// A date outside the calendar chrono can hold.
    DateOutOfRange,
    /// A cell tag this decoder does not know.
    UnknownCellTag(u8),
    /// Bytes left over after the last sheet.
    TrailingBytes,
    /// A sheet holds another number of cells than its header says.
    CellCount,
}

impl std::fmt::Display for SheetCodecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SheetCodecError::EndsEarly => f.write_str("the sheet data ends early"),
            SheetCodecError::NotUtf8 => f.write_str("text that is not UTF-8"),
            SheetCodecError::BadTime => f.write_str("a time of day out of range"),
            SheetCodecError::DateOutOfRange => f.write_str("a date out of range"),
            SheetCodecError::UnknownCellTag(tag) => write!(f, "unknown cell tag {tag}"),
            SheetCodecError::TrailingBytes => f.write_str("trailing bytes after the last sheet"),
            SheetCodecError::CellCount => f.write_str("a sheet's cell count is wrong"),
        }
    }
}

impl std::error::Error for SheetCodecError {}

/// Decodes what [`encode_sheets`] wrote. Malformed input is an error, never a panic.
pub fn decode_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, SheetCodecError> {
    let mut r = Reader { bytes, pos: 0 };
    let n = r.u32()? as usize;
    let mut sheets = Vec::with_capacity(n.min(1024));
    for _ in 0..n {
        let name = r.string()?;
        let first_row = r.u32()?;
        let date1904 = r.u8()? != 0;
        let n_rows = r.u32()? as usize;
        let n_cells = r.u32()? as usize;
        // The sheet's own counts, so its cells are reserved once and exactly (reserving by the
        // bytes left, as before, held room for every later sheet's cells too: in the page that
        // was tens of megabytes of wasm memory written for nothing). Each row takes at least four
        // bytes and each cell one, so the capacity is bounded by the bytes whatever the counts say.
        let left = bytes.len() - r.pos;
        let mut rows = Rows::with_capacity(n_rows.min(left / 4), n_cells.min(left));
        for _ in 0..n_rows {
            let n_cells = r.u32()? as usize;
            for _ in 0..n_cells {
                rows.push_cell(match r.u8()? {
                    EMPTY => Cell::Empty,
                    TEXT => Cell::Text(r.str()?.into()),
                    NUMBER => Cell::Number(f64::from_le_bytes(r.array()?)),
                    DATE_TIME => {
                        let d = r.date()?;
                        let secs = r.u32()?;
                        let t =
                            NaiveTime::from_num_seconds_from_midnight_opt(secs, 0).ok_or(SheetCodecError::BadTime)?;
                        Cell::DateTime(NaiveDateTime::new(d, t))
                    }
                    DATE => Cell::Date(r.date()?),
                    BOOL => Cell::Bool(r.u8()? != 0),
                    ERROR => Cell::Error(r.string()?.into()),
                    other => return Err(SheetCodecError::UnknownCellTag(other)),
                });
            }
            rows.end_row();
        }
        // A count that does not match is an error at once, so a damaged count cannot hold room
        // for cells sheet after sheet.
        if rows.cell_count() != n_cells {
            return Err(SheetCodecError::CellCount);
        }
        sheets.push(Sheet { name, rows, first_row, date1904 });
    }
    if r.pos != bytes.len() {
        return Err(SheetCodecError::TrailingBytes);
    }
    Ok(sheets)
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_u32(out, s.len() as u32);
    out.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], SheetCodecError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len()).ok_or(SheetCodecError::EndsEarly)?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn array<const N: usize>(&mut self) -> Result<[u8; N], SheetCodecError> {
        self.take(N)?.try_into().map_err(|_| SheetCodecError::EndsEarly)
    }
    fn u8(&mut self) -> Result<u8, SheetCodecError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, SheetCodecError> {
        Ok(u32::from_le_bytes(self.array()?))
    }
    fn string(&mut self) -> Result<String, SheetCodecError> {
        self.str().map(str::to_string)
    }
    /// A text borrowed from the bytes, so a short cell's text is copied once, into the cell.
    fn str(&mut self) -> Result<&'a str, SheetCodecError> {
        let n = self.u32()? as usize;
        std::str::from_utf8(self.take(n)?).map_err(|_| SheetCodecError::NotUtf8)
    }
    fn date(&mut self) -> Result<NaiveDate, SheetCodecError> {
        let days = i32::from_le_bytes(self.array()?);
        NaiveDate::from_num_days_from_ce_opt(days).ok_or(SheetCodecError::DateOutOfRange)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vec<Sheet> {
        let d = NaiveDate::from_ymd_opt(2020, 2, 29).unwrap();
        vec![
            Sheet {
                name: "Children £".into(),
                rows: vec![
                    vec![Cell::Text("child_id".into()), Cell::Empty, Cell::Text("dob".into())],
                    vec![
                        Cell::Number(44197.0),
                        Cell::DateTime(d.and_hms_opt(13, 5, 59).unwrap()),
                        Cell::Date(d),
                        Cell::Bool(true),
                        Cell::Error("#N/A".into()),
                    ],
                    vec![],
                ]
                .into(),
                first_row: 3,
                date1904: true,
            },
            Sheet::default(),
        ]
    }

    #[test]
    fn round_trip_keeps_every_cell_kind() {
        let sheets = sample();
        assert_eq!(decode_sheets(&encode_sheets(&sheets)).unwrap(), sheets);
        assert_eq!(decode_sheets(&encode_sheets(&[])).unwrap(), Vec::<Sheet>::new());
    }

    #[test]
    fn layout_is_as_documented() {
        // One sheet "A", first row 1, 1900 system, one row with one number 1.5: 1 sheet, name
        // len 1 + "A", first_row 1, date1904 0, 1 row, 1 cell in the sheet, 1 cell in the row,
        // tag 2, 1.5 as f64.
        let s =
            vec![Sheet { name: "A".into(), rows: vec![vec![Cell::Number(1.5)]].into(), first_row: 1, date1904: false }];
        let mut want = vec![1, 0, 0, 0, 1, 0, 0, 0, b'A', 1, 0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2];
        want.extend_from_slice(&1.5f64.to_le_bytes());
        assert_eq!(encode_sheets(&s), want);
    }

    #[test]
    fn every_truncation_and_corruption_is_an_error_not_a_panic() {
        let bytes = encode_sheets(&sample());
        for n in 0..bytes.len() {
            assert_eq!(decode_sheets(&bytes[..n]), Err(SheetCodecError::EndsEarly), "prefix of {n} bytes");
        }
        let mut extra = bytes.clone();
        extra.push(0);
        assert_eq!(decode_sheets(&extra), Err(SheetCodecError::TrailingBytes));
        // The first sheet claims 4 billion cells but holds 8: an error, not room kept for the next
        // sheet. Its count is bytes 28-31, after the sheet count (4), the name's length (4) and
        // bytes ("Children £", 11), the first row (4), the 1904 flag (1) and the row count (4).
        let mut count = bytes.clone();
        assert_eq!(count[28..32], 8u32.to_le_bytes());
        count[28..32].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(decode_sheets(&count), Err(SheetCodecError::CellCount));
        // Flipping any single byte must never panic (it may still decode).
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0xFF;
            let _ = decode_sheets(&b);
        }
        // A huge claimed count must not allocate or loop: it runs out of bytes at once.
        assert!(decode_sheets(&[0xFF, 0xFF, 0xFF, 0xFF]).is_err());
    }
}
