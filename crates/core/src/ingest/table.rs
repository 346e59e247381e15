//! A format-independent grid of cells: what every reader (CSV, XLSX, XLS, ODS) produces and what
//! column mapping and record building consume.

use chrono::{NaiveDate, NaiveDateTime, Timelike};

/// One cell as the reader found it. Dates stay typed where the format says they are dates;
/// everything else is left for the column's own parser to interpret.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    /// Text, exactly as written (not trimmed).
    Text(CellText),
    /// A number. In a date column this is an Excel serial (see `dates::excel`).
    Number(f64),
    /// A cell the workbook formatted as a date or date-time (already converted to the calendar,
    /// 1900/1904 system and the 1900 leap-year bug applied).
    DateTime(NaiveDateTime),
    /// A date cell (ODS `date` value without a time, or a reader-resolved date).
    Date(NaiveDate),
    Bool(bool),
    /// A spreadsheet error value such as `#N/A` or `#REF!`. A boxed `str` rather than a `String`
    /// keeps a cell at 24 bytes (a national sheet has millions of cells; see the size test).
    Error(Box<str>),
}

/// Bytes of text kept inside the cell itself, without an allocation.
const INLINE: usize = 22;

/// The text of a cell. Most cells of a national file are short (dates, ids, codes, names), so
/// text up to 22 bytes is kept inline and a sheet of a million cells does not make a million
/// allocations to read and another million to free (docs/architecture.md#speed). It reads as a
/// `&str` wherever a `String` was read before.
#[derive(Clone)]
pub struct CellText(TextRepr);

#[derive(Clone)]
enum TextRepr {
    Inline { len: u8, bytes: [u8; INLINE] },
    Heap(Box<str>),
}

impl CellText {
    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Only ever filled from a `&str` cut at its end, so always UTF-8; the fallback is
            // never taken (unsafe code is forbidden, so the check stays).
            TextRepr::Inline { len, bytes } => std::str::from_utf8(&bytes[..usize::from(*len)]).unwrap_or_default(),
            TextRepr::Heap(s) => s,
        }
    }
}

impl From<&str> for CellText {
    fn from(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut bytes = [0u8; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            CellText(TextRepr::Inline { len: s.len() as u8, bytes })
        } else {
            CellText(TextRepr::Heap(s.into()))
        }
    }
}

impl From<String> for CellText {
    fn from(s: String) -> Self {
        if s.len() <= INLINE { CellText::from(s.as_str()) } else { CellText(TextRepr::Heap(s.into_boxed_str())) }
    }
}

impl std::ops::Deref for CellText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for CellText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl std::fmt::Debug for CellText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for CellText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Cell {
    /// True for empty cells and cells holding only whitespace.
    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => crate::text::trim(s).is_empty(),
            _ => false,
        }
    }

    /// The cell as the user would read it, for messages in the quality report.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.to_string(),
            Cell::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 1e15 {
                    format!("{}", *n as i64)
                } else {
                    format!("{n}")
                }
            }
            Cell::DateTime(dt) => {
                if dt.time() == chrono::NaiveTime::MIN {
                    crate::dates::uk_date(dt.date())
                } else {
                    format!("{} {:02}:{:02}", crate::dates::uk_date(dt.date()), dt.hour(), dt.minute())
                }
            }
            Cell::Date(d) => crate::dates::uk_date(*d),
            Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Cell::Error(e) => e.to_string(),
        }
    }
}

/// The rows of a sheet, in file order, stored as one run of cells with the end of each row: a
/// national sheet of 100,000 rows is two allocations rather than 100,000, which in the browser's
/// allocator was most of the time spent building rows (docs/architecture.md#speed). `rows[i]` is
/// row `i`'s cells as a slice; rows may have different lengths.
#[derive(Clone, Default, PartialEq)]
pub struct Rows {
    cells: Vec<Cell>,
    /// `ends[i]` is the index in `cells` just past row `i`.
    ends: Vec<u32>,
}

impl Rows {
    /// No rows, with room for `rows` rows and `cells` cells.
    pub fn with_capacity(rows: usize, cells: usize) -> Rows {
        Rows { cells: Vec::with_capacity(cells), ends: Vec::with_capacity(rows) }
    }

    /// `height` rows of `width` empty cells (a workbook's grid, filled in by [`Rows::set`]).
    pub fn empty_grid(height: usize, width: usize) -> Rows {
        Rows { cells: vec![Cell::Empty; height * width], ends: (1..=height).map(|r| (r * width) as u32).collect() }
    }

    /// Replaces the cell at `row`, `col`; false (and nothing changes) when there is no such cell.
    pub fn set(&mut self, row: usize, col: usize, cell: Cell) -> bool {
        let Some(&end) = self.ends.get(row) else { return false };
        let start = if row == 0 { 0 } else { self.ends[row - 1] as usize };
        match self.cells[start..end as usize].get_mut(col) {
            Some(c) => {
                *c = cell;
                true
            }
            None => false,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Number of cells in all rows.
    pub fn cell_count(&self) -> usize {
        self.cells.len()
    }

    /// Row `i`, if there is one.
    pub fn get(&self, i: usize) -> Option<&[Cell]> {
        let end = *self.ends.get(i)? as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        Some(&self.cells[start..end])
    }

    /// The first row, if any.
    pub fn first(&self) -> Option<&[Cell]> {
        self.get(0)
    }

    /// Every row, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &[Cell]> + ExactSizeIterator + Clone + '_ {
        (0..self.len()).map(move |i| &self[i])
    }

    /// Adds a cell to the row being built (see [`Rows::end_row`]).
    pub fn push_cell(&mut self, cell: Cell) {
        self.cells.push(cell);
    }

    /// Ends the row being built: the cells pushed since the last row's end.
    pub fn end_row(&mut self) {
        self.ends.push(self.cells.len() as u32);
    }

    /// Adds a whole row.
    pub fn push_row(&mut self, row: impl IntoIterator<Item = Cell>) {
        self.cells.extend(row);
        self.end_row();
    }

    /// Cells pushed to the row being built (since the last [`Rows::end_row`]).
    pub fn open_row_len(&self) -> usize {
        self.cells.len() - self.ends.last().map_or(0, |&e| e as usize)
    }

    /// Makes room for `cells` more cells.
    pub fn reserve_cells(&mut self, cells: usize) {
        self.cells.reserve(cells);
    }

    /// These rows, none wider than `width`, as rows `offset..` of a `height` by `width` grid of
    /// otherwise empty cells: padded in place, one row at a time from the last, so the grid is
    /// never copied.
    ///
    /// # Panics
    ///
    /// When a row is wider than `width` or `offset` plus the rows is more than `height`.
    pub fn into_grid(self, offset: usize, height: usize, width: usize) -> Rows {
        assert!(offset + self.len() <= height, "the rows do not fit the grid");
        let mut cells = self.cells;
        cells.resize(height * width, Cell::Empty);
        // Every cell moves to a place at or after its own, and every place after the cell being
        // moved holds a cell already in its final place or an empty one: swapping moves the
        // cell and leaves an empty cell behind.
        for i in (0..self.ends.len()).rev() {
            let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
            let len = self.ends[i] as usize - start;
            assert!(len <= width, "a row is wider than the grid");
            let to = (offset + i) * width;
            if to != start {
                for j in (0..len).rev() {
                    cells.swap(start + j, to + j);
                }
            }
        }
        Rows { cells, ends: (1..=height).map(|r| (r * width) as u32).collect() }
    }
}

impl std::ops::Index<usize> for Rows {
    type Output = [Cell];
    fn index(&self, i: usize) -> &[Cell] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.cells[start..self.ends[i] as usize]
    }
}

impl From<Vec<Vec<Cell>>> for Rows {
    fn from(rows: Vec<Vec<Cell>>) -> Rows {
        let mut out = Rows::with_capacity(rows.len(), rows.iter().map(Vec::len).sum());
        for row in rows {
            out.push_row(row);
        }
        out
    }
}

impl FromIterator<Vec<Cell>> for Rows {
    fn from_iter<I: IntoIterator<Item = Vec<Cell>>>(rows: I) -> Rows {
        let mut out = Rows::default();
        for row in rows {
            out.push_row(row);
        }
        out
    }
}

impl<'a> IntoIterator for &'a Rows {
    type Item = &'a [Cell];
    type IntoIter = Box<dyn Iterator<Item = &'a [Cell]> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl std::fmt::Debug for Rows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// One sheet of a workbook (a CSV file is one sheet named after the file).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub name: String,
    /// Rows in file order. `rows[i]` is the row the user sees as number `first_row + i`.
    pub rows: Rows,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_own_lengths() {
        // Three rows of 2, 0 and 1 cells: by hand, row 1 is empty and the last row is [c].
        let t = |s: &str| Cell::Text(s.into());
        let rows = Rows::from(vec![vec![t("a"), t("b")], vec![], vec![t("c")]]);
        assert_eq!((rows.len(), rows.cell_count()), (3, 3));
        assert_eq!(rows[0], [t("a"), t("b")]);
        assert!(rows[1].is_empty());
        assert_eq!(rows.get(2), Some(&[t("c")][..]));
        assert_eq!(rows.get(3), None);
        assert_eq!(rows.iter().rev().map(<[Cell]>::len).collect::<Vec<_>>(), [1, 0, 2]);
        assert_eq!(format!("{rows:?}"), r#"[[Text("a"), Text("b")], [], [Text("c")]]"#);
        assert!(Rows::default().first().is_none());
        // A 2 by 3 grid of empty cells with one cell set; setting outside it changes nothing.
        let mut grid = Rows::empty_grid(2, 3);
        assert!(grid.set(1, 2, t("x")));
        assert!(!grid.set(2, 0, t("y")) && !grid.set(0, 3, t("y")));
        assert_eq!(grid[1], [Cell::Empty, Cell::Empty, t("x")]);
        assert_eq!((grid.len(), grid.cell_count()), (2, 6));
    }

    #[test]
    fn ragged_rows_become_a_grid_in_place() {
        // Rows [a b] [] [c] [d e f] as rows 1 to 4 of a 6 by 3 grid: by hand, row 0 and row 5
        // are empty, and each row keeps its cells from column A, padded with empty cells.
        let t = |s: &str| Cell::Text(s.into());
        let e = Cell::Empty;
        let mut rows = Rows::from(vec![vec![t("a"), t("b")], vec![], vec![t("c")]]);
        rows.push_cell(t("d"));
        assert_eq!(rows.open_row_len(), 1);
        rows.push_cell(t("e"));
        rows.push_cell(t("f"));
        assert_eq!(rows.open_row_len(), 3);
        rows.end_row();
        let grid = rows.into_grid(1, 6, 3);
        let want: Vec<Vec<Cell>> = vec![
            vec![e.clone(), e.clone(), e.clone()],
            vec![t("a"), t("b"), e.clone()],
            vec![e.clone(), e.clone(), e.clone()],
            vec![t("c"), e.clone(), e.clone()],
            vec![t("d"), t("e"), t("f")],
            vec![e.clone(), e.clone(), e],
        ];
        assert_eq!(grid, Rows::from(want));
        // Rows already as wide as the grid, from its first row, stay where they are.
        let full = Rows::from(vec![vec![t("a"), t("b")], vec![t("c"), t("d")]]);
        assert_eq!(full.clone().into_grid(0, 2, 2), full);
    }

    #[test]
    fn a_cell_is_24_bytes() {
        // Text is 24 bytes (22 inline bytes, their length and the variant); the cell's own variant
        // fits in the spare values of the text's, and no other payload is larger (a date-time is
        // 12 bytes, an error a 16-byte boxed str). 2.3 million cells at 100,000 children.
        assert_eq!(std::mem::size_of::<CellText>(), 24);
        assert_eq!(std::mem::size_of::<Cell>(), 24);
    }

    #[test]
    fn cell_text_reads_back_what_it_was_given_either_side_of_the_inline_length() {
        // 22 bytes is the inline limit (INLINE); 23 goes to the heap. "é" is two bytes in UTF-8,
        // so eleven of them are 22 bytes (inline) and twelve are 24 (heap).
        for s in [
            "",
            "08/12/2007",
            "a".repeat(22).as_str(),
            "a".repeat(23).as_str(),
            "é".repeat(11).as_str(),
            "é".repeat(12).as_str(),
        ] {
            let t = CellText::from(s);
            assert_eq!(t.as_str(), s);
            assert_eq!(CellText::from(s.to_string()), t);
            assert_eq!(t.to_string(), s);
        }
        assert_eq!(format!("{:?}", CellText::from("C0001")), "\"C0001\"");
        // Leading zeros of an id are text, kept as written.
        assert_eq!(&*CellText::from("007"), "007");
    }
}
