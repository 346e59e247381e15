//! CSV and delimited text to a [`Sheet`].
//!
//! The delimiter (comma, semicolon or tab) is detected from the first records. Quoted fields may
//! hold delimiters, doubled quotes and line breaks.
//!
//! **Row numbers count records, not lines.** A quoted field with a line break inside makes one
//! record span two physical lines, but a spreadsheet program shows it as one row, so it is one
//! row here; the row numbers in the quality report are the ones the user sees when they open the
//! file in Excel or LibreOffice. A blank line is a blank row (the user sees an empty row there),
//! and a final line break does not start a new row.
//!
//! The parser is written by hand (not the `csv` crate) because that crate skips blank lines,
//! which would shift every later row number away from what the user sees. It never fails:
//! an unclosed quote runs to the end of the file, and stray quotes inside an unquoted field are
//! kept as text, as spreadsheet programs do. It stops only at a limit of [`super::limits`]: a row
//! wider than the column limit, more rows or cells than a sheet may hold, or a cell longer than
//! Excel allows, each found while parsing, before the rest of the file is stored.

use super::limits::{LimitError, MAX_CELLS, MAX_COLUMNS, MAX_ROWS, check_cell};
use super::table::{Cell, Rows, Sheet};

/// Candidate delimiters in order of preference when the evidence ties.
pub const DELIMITERS: [u8; 3] = [b',', b'\t', b';'];

/// Reads delimited text into one sheet called `sheet_name`, detecting the delimiter.
pub fn read_csv(text: &str, sheet_name: &str) -> Result<(Sheet, u8), LimitError> {
    let delimiter = detect_delimiter(text);
    let rows = parse_records(text, delimiter, sheet_name)?;
    Ok((Sheet { name: sheet_name.to_string(), rows, first_row: 1, date1904: false }, delimiter))
}

/// Picks the delimiter whose count per record (outside quotes) is most consistent over the first
/// 50 non-blank records, preferring the one that splits records into more fields when two are
/// equally consistent. Title rows with no delimiter at all do not count against any candidate.
pub fn detect_delimiter(text: &str) -> u8 {
    let mut counts: Vec<[u32; 3]> = Vec::new();
    let mut current = [0u32; 3];
    let mut in_quotes = false;
    let mut any = false;
    for &b in text.as_bytes().iter().take(256 * 1024) {
        if b == b'"' {
            in_quotes = !in_quotes;
            any = true;
        } else if !in_quotes && (b == b'\n' || b == b'\r') {
            if any {
                counts.push(current);
                if counts.len() >= 50 {
                    break;
                }
            }
            current = [0; 3];
            any = false;
        } else if !in_quotes {
            if let Some(k) = DELIMITERS.iter().position(|&d| d == b) {
                current[k] += 1;
            }
            if !b.is_ascii_whitespace() || b == b'\t' {
                any = true;
            }
        }
    }
    if any {
        counts.push(current);
    }
    let mut best = (0usize, 0u32, 0usize);
    for k in 0..DELIMITERS.len() {
        // The most frequent non-zero count and how many records have it.
        let mut freq: Vec<(u32, usize)> = Vec::new();
        for c in counts.iter().map(|c| c[k]).filter(|&c| c > 0) {
            match freq.iter_mut().find(|(v, _)| *v == c) {
                Some((_, n)) => *n += 1,
                None => freq.push((c, 1)),
            }
        }
        let Some(&(mode, lines)) = freq.iter().max_by_key(|(v, n)| (*n, *v)) else { continue };
        if (lines, mode) > (best.0, best.1) {
            best = (lines, mode, k);
        }
    }
    DELIMITERS[best.2]
}

/// Splits text into records of cells. Empty fields are [`Cell::Empty`]; others are
/// [`Cell::Text`] exactly as written (quotes removed, doubled quotes undoubled, not trimmed).
/// `sheet` names the sheet in a [`LimitError`].
pub fn parse_records(text: &str, delimiter: u8, sheet: &str) -> Result<Rows, LimitError> {
    let bytes = text.as_bytes();
    let ends_field = field_ends(delimiter);
    // Room for every cell at once, so the run of cells (24 bytes a cell) is never copied as it
    // grows: a field ends at a delimiter or a line break, so their count (plus one) is at least
    // the number of cells. Quoted delimiters and line breaks only make it larger. The count is
    // capped by the cell limit, which is checked as the cells are stored.
    let (mut ends, mut lines) = (0usize, 0usize);
    for &b in bytes {
        ends += usize::from(ends_field[usize::from(b)]);
        lines += usize::from(b == b'\n');
    }
    let capacity = ((lines + 1).min(MAX_ROWS + 1), (ends + 1).min(MAX_CELLS));
    let mut out = Records { sheet, rows: Rows::with_capacity(capacity.0, capacity.1), width: 0 };
    let mut i = 0usize;
    let n = bytes.len();
    // True once anything (even an empty field followed by a delimiter) belongs to the record.
    let mut started = false;
    while i < n {
        // Start of a field.
        let cell = if bytes[i] == b'"' {
            let mut field = String::new();
            i += 1;
            let mut seg = i;
            loop {
                match bytes[i..].iter().position(|&b| b == b'"') {
                    None => {
                        // Unclosed quote: the rest of the file is this field.
                        out.check_cell(&text[seg..])?;
                        field.push_str(&text[seg..]);
                        i = n;
                        break;
                    }
                    Some(p) => {
                        out.check_cell(&text[seg..i + p])?;
                        field.push_str(&text[seg..i + p]);
                        i += p + 1;
                        if i < n && bytes[i] == b'"' {
                            field.push('"');
                            i += 1;
                            seg = i;
                        } else {
                            break;
                        }
                    }
                }
            }
            // Text after the closing quote and before the delimiter is kept, as Excel does.
            let rest = field_len(bytes, i, &ends_field);
            field.push_str(&text[i..i + rest]);
            i += rest;
            out.check_cell(&field)?;
            if field.is_empty() { Cell::Empty } else { Cell::Text(field.into()) }
        } else {
            // Unquoted (nearly every field): the cell's text is cut straight from the file, with
            // no intermediate string (docs/architecture.md#speed).
            let len = field_len(bytes, i, &ends_field);
            let field = &text[i..i + len];
            out.check_cell(field)?;
            i += len;
            if field.is_empty() { Cell::Empty } else { Cell::Text(field.into()) }
        };
        out.push(cell)?;
        started = true;
        if i >= n {
            break;
        }
        match bytes[i] {
            b if b == delimiter => {
                i += 1;
                if i >= n {
                    // A trailing delimiter at the very end: one more empty field.
                    out.push(Cell::Empty)?;
                }
            }
            b'\r' => {
                i += 1;
                if i < n && bytes[i] == b'\n' {
                    i += 1;
                }
                out.end_row()?;
                started = false;
            }
            _ => {
                i += 1;
                out.end_row()?;
                started = false;
            }
        }
    }
    if started {
        out.end_row()?;
    }
    Ok(out.rows)
}

/// Which bytes end an unquoted field: the delimiter and the two line-break bytes. One look-up a
/// byte rather than three comparisons; the page's module is built for size, which leaves the
/// three comparisons unrolled over nothing (docs/architecture.md#speed).
fn field_ends(delimiter: u8) -> [bool; 256] {
    let mut ends = [false; 256];
    for b in [delimiter, b'\n', b'\r'] {
        ends[usize::from(b)] = true;
    }
    ends
}

/// Bytes from `from` to the end of the field: to the next byte `ends` marks, or the end of the
/// text.
fn field_len(bytes: &[u8], from: usize, ends: &[bool; 256]) -> usize {
    let mut j = from;
    while j < bytes.len() && !ends[usize::from(bytes[j])] {
        j += 1;
    }
    j - from
}

/// The rows parsed so far, with the counts the limits need.
struct Records<'a> {
    sheet: &'a str,
    rows: Rows,
    /// Fields in the current row, counting those past the column limit that are not stored.
    width: usize,
}

impl Records<'_> {
    /// Refuses a cell (or a growing part of one) longer than the limit.
    fn check_cell(&self, text: &str) -> Result<(), LimitError> {
        check_cell(text, self.sheet, self.rows.len() + 1, self.width)
    }

    /// Adds a field to the current row. Fields past the column limit are counted, not stored, so
    /// the message can give the row's true width.
    #[inline]
    fn push(&mut self, cell: Cell) -> Result<(), LimitError> {
        self.width += 1;
        if self.width > MAX_COLUMNS {
            return Ok(());
        }
        let cells = self.rows.cell_count() + 1;
        if cells > MAX_CELLS {
            return Err(LimitError::TooManyCells { sheet: self.sheet.to_string(), cells });
        }
        self.rows.push_cell(cell);
        Ok(())
    }

    /// Ends the current row.
    fn end_row(&mut self) -> Result<(), LimitError> {
        if self.width > MAX_COLUMNS {
            return Err(LimitError::TooManyColumns { sheet: self.sheet.to_string(), columns: self.width });
        }
        if self.rows.len() >= MAX_ROWS {
            return Err(LimitError::TooManyRows { sheet: self.sheet.to_string(), rows: self.rows.len() + 1 });
        }
        self.rows.end_row();
        self.width = 0;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str, delimiter: u8) -> Vec<Vec<Cell>> {
        parse_records(text, delimiter, "t").unwrap().iter().map(<[Cell]>::to_vec).collect()
    }

    fn t(s: &str) -> Cell {
        Cell::Text(s.into())
    }

    #[test]
    fn detects_comma_semicolon_tab() {
        assert_eq!(detect_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(detect_delimiter("a;b;c\n1;2,5;3\n4;5;6\n"), b';');
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        // A title row without delimiters, and a quoted comma, do not mislead it.
        assert_eq!(detect_delimiter("Tracker, March\n\na;b\n\"x,y\";2\n"), b';');
        assert_eq!(detect_delimiter(""), b',');
    }

    #[test]
    fn quoted_fields_with_newlines_are_one_row() {
        let rows = p("id,note\n1,\"two\nlines\"\n2,\"say \"\"hi\"\"\"\n", b',');
        assert_eq!(rows, vec![vec![t("id"), t("note")], vec![t("1"), t("two\nlines")], vec![t("2"), t("say \"hi\"")]]);
    }

    #[test]
    fn blank_lines_are_blank_rows_and_final_newline_is_not() {
        let rows = p("a,b\r\n\r\n1,2\r\n", b',');
        assert_eq!(rows, vec![vec![t("a"), t("b")], vec![Cell::Empty], vec![t("1"), t("2")]]);
        let rows = p("a\rb", b',');
        assert_eq!(rows, vec![vec![t("a")], vec![t("b")]]);
    }

    #[test]
    fn trailing_delimiters_and_unclosed_quotes() {
        assert_eq!(p("a,b,,\n", b','), vec![vec![t("a"), t("b"), Cell::Empty, Cell::Empty]]);
        assert_eq!(p("a,\"open\nrest", b','), vec![vec![t("a"), t("open\nrest")]]);
        assert_eq!(p("a,\"q\"x,b", b','), vec![vec![t("a"), t("qx"), t("b")]]);
        assert_eq!(p("\"", b','), vec![vec![Cell::Empty]]);
        assert_eq!(p("é,ü\n", b','), vec![vec![t("é"), t("ü")]]);
    }
}
