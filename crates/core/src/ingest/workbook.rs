//! Workbook readers (XLSX, XLSB, XLS and ODS) from bytes: XLSX with the core's own reader
//! (`xlsx_sheet`), the others through calamine.
//!
//! Everything works on a byte slice, never a path, so the same code runs in the browser (wasm32)
//! and in the CLI. [`sniff`] tells a workbook from a text file by its first bytes (not its name,
//! because exports are often misnamed); [`read_workbook`] turns every worksheet into a
//! [`Sheet`] grid.
//!
//! What the grid promises:
//! - **Positions are the user's.** A grid starts at the first row holding a value, so
//!   `Sheet::first_row` is set to that cell's spreadsheet row and every row is padded on the left
//!   so that `row[0]` is column A. A table that starts at C3 gives `first_row == 3` and two empty
//!   cells before the first header.
//! - **Dates.** Cells the workbook formats as dates become [`Cell::DateTime`] (1899-12-30 epoch,
//!   the 1900 leap-year bug and the 1904 system all applied, by calamine's conversion). XLSX
//!   `t="d"` cells and ODS date cells (ISO text inside the file) become [`Cell::Date`], or
//!   [`Cell::DateTime`] when they carry a time. Unformatted numbers stay [`Cell::Number`] (a date
//!   column's parser treats them as serials, using `Sheet::date1904`). Dates typed as text stay
//!   [`Cell::Text`].
//! - **1904 system.** XLSX, XLSB and XLS record the date system in the workbook (`workbookPr
//!   date1904` in XLSX, the `1904` record in XLS); we copy it to every sheet. ODS has no serial
//!   dates (date cells are ISO text), so it is `false`.
//! - **Formulas** give their cached value. **Merged cells** hold their value in the top-left cell
//!   only; the other cells of the merge are empty. Duration cells (`[h]:mm`) become the number of
//!   days they hold. Chart sheets and macro sheets are skipped; hidden worksheets are kept.
//!
//! **XLSX** is read by `xlsx_sheet` (docs/architecture.md#speed): one part at
//! a time inflated into a buffer and scanned without copying, each shared string made into a cell
//! once. It gives exactly the sheets calamine's XLSX reader gave (tests/xlsx_reader.rs compares
//! the two through [`read_workbook_with_calamine`]) about twice as fast: `timescales check` on
//! the 100,000-child demo workbook took 2.4 s with calamine and 1.4 s with it (native, 2 cores).
//!
//! Cost in the browser (measured on wasm32-unknown-unknown, release, `opt-level = "z"`, LTO, before
//! wasm-opt): calling [`read_workbook`] adds about 730 KB (370 KB gzipped) to the module, of which
//! XLSX alone is about 530 KB (300 KB gzipped); this is the workbook worker's module, not the
//! page's. calamine's `zip` dependency brings `getrandom` (with `wasm_js`) and `time` into the
//! wasm32 graph.

#[cfg(feature = "workbook")]
use std::io::Cursor;

#[cfg(feature = "workbook")]
use calamine::{Data, DataRef, Ods, Reader, SheetType, Xls, Xlsb, Xlsx};
#[cfg(feature = "workbook")]
use chrono::{NaiveDate, NaiveDateTime};

use super::limits::{LimitError, check_file_size};
#[cfg(feature = "workbook")]
use super::limits::{MAX_CELLS, MAX_COLUMNS, MAX_ROWS, ZipEntrySize, check_cell, check_grid, check_zip_entries};
#[cfg(feature = "workbook")]
use super::table::Cell;
use super::table::Sheet;

/// What a file is, judged by its content rather than its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Excel 2007+ workbook (a zip holding `xl/workbook.xml`).
    Xlsx,
    /// Excel binary workbook (a zip holding `xl/workbook.bin`).
    Xlsb,
    /// OpenDocument spreadsheet (LibreOffice, Google Sheets export).
    Ods,
    /// Excel 97-2003 workbook, or any other Office compound file (OLE). Password-protected XLSX
    /// files are also compound files, so they land here too; [`read_workbook`] says so plainly.
    Xls,
    /// Text: CSV, TSV and the like (also an empty file). Read with the CSV reader.
    Text,
    /// Some other binary file (a PDF, an image, a Word document...).
    Other,
}

impl FileKind {
    /// The format as shown to the user ("Excel (.xlsx)"), for workbook kinds.
    pub fn format_label(self) -> &'static str {
        match self {
            FileKind::Xlsx => "Excel (.xlsx)",
            FileKind::Xlsb => "Excel binary (.xlsb)",
            FileKind::Xls => "Excel 97-2003 (.xls)",
            FileKind::Ods => "OpenDocument (.ods)",
            FileKind::Text => "text",
            FileKind::Other => "not a spreadsheet",
        }
    }

    /// True for the kinds [`read_workbook`] reads.
    pub fn is_workbook(self) -> bool {
        matches!(self, FileKind::Xlsx | FileKind::Xlsb | FileKind::Ods | FileKind::Xls)
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Tells what kind of file `bytes` holds from its content: zip containers are told apart by the
/// entry names inside them, compound (OLE) files are taken as XLS, and anything without NUL bytes
/// near the start (or with a UTF-16 byte-order mark) is text.
pub fn sniff(bytes: &[u8]) -> FileKind {
    if bytes.starts_with(ZIP_MAGIC) {
        if is_ods(bytes) {
            FileKind::Ods
        } else if contains(bytes, b"xl/workbook.bin") {
            FileKind::Xlsb
        } else if contains(bytes, b"xl/workbook.xml") {
            FileKind::Xlsx
        } else if contains(bytes, b"META-INF/manifest.xml")
            && contains(bytes, b"content.xml")
            && !contains(bytes, b"mimetypeapplication/vnd.oasis")
        {
            // An OpenDocument file whose `mimetype` entry is not first (not strictly valid, but
            // some tools write it so): let the ODS reader try it.
            FileKind::Ods
        } else if contains(bytes, b"word/document") || contains(bytes, b"ppt/presentation") || has_zip_end(bytes) {
            // A complete zip with no workbook inside: a Word file, a zip archive...
            FileKind::Other
        } else {
            // A zip cut short before its directory: most likely a partly downloaded workbook,
            // which `read_workbook` reports as damaged.
            FileKind::Xlsx
        }
    } else if bytes.starts_with(OLE_MAGIC) {
        FileKind::Xls
    } else if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        FileKind::Text // UTF-16 text, which is full of NUL bytes
    } else if bytes[..bytes.len().min(8192)].contains(&0) {
        FileKind::Other
    } else {
        FileKind::Text
    }
}

/// ODS files start with an uncompressed `mimetype` entry naming the format.
fn is_ods(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(200)];
    contains(head, b"mimetype") && contains(head, b"application/vnd.oasis.opendocument.spreadsheet")
}

/// True when the zip's end-of-central-directory record is present (it is within the last
/// 65,557 bytes: 22 bytes plus a comment of at most 65,535).
fn has_zip_end(bytes: &[u8]) -> bool {
    let tail = &bytes[bytes.len().saturating_sub(65_557)..];
    contains(tail, b"PK\x05\x06")
}

/// True when `needle` occurs in `haystack`. [`sniff`] looks for part names through a whole
/// workbook (17 MB at 100,000 children, in the page as well as the worker), so it finds each
/// candidate by its first byte, which the compiler turns into a vector search, before comparing
/// the rest; `windows(..).any(..)` compared at every position.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else { return false };
    let mut from = 0;
    while let Some(i) = haystack[from..].iter().position(|&b| b == first) {
        let at = from + i + 1;
        if haystack.get(at..at + rest.len()) == Some(rest) {
            return true;
        }
        from = at;
    }
    false
}

/// Why a workbook could not be read. `Display` gives a plain-English message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookError {
    /// The file has no bytes at all.
    EmptyFile,
    /// The workbook is encrypted with a password.
    PasswordProtected,
    /// Not a spreadsheet: `what` names what it seems to be ("a PDF document", "a text file"...).
    NotASpreadsheet { what: &'static str },
    /// It looks like a workbook of `format` but could not be opened (damaged, truncated or not
    /// really that format). `detail` is calamine's technical message.
    Damaged { format: &'static str, detail: String },
    /// One sheet could not be read; the workbook itself opened.
    SheetUnreadable { sheet: String, detail: String },
    /// The workbook meets one of the limits of [`super::limits`].
    Limit(LimitError),
}

impl From<LimitError> for WorkbookError {
    fn from(e: LimitError) -> Self {
        WorkbookError::Limit(e)
    }
}

impl std::fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WorkbookError::EmptyFile => write!(f, "The file is empty: it has no content at all."),
            WorkbookError::PasswordProtected => write!(
                f,
                "This workbook is protected with a password, so it cannot be read. Open it in your \
                 spreadsheet program, remove the password (or save a copy without one) and try again."
            ),
            WorkbookError::NotASpreadsheet { what } => write!(
                f,
                "This file is not a spreadsheet: it looks like {what}. Please choose an Excel (.xlsx or \
                 .xls), OpenDocument (.ods) or CSV file."
            ),
            WorkbookError::Damaged { format, detail } => write!(
                f,
                "This file looks like {format} but it could not be opened: it may be damaged or only \
                 partly downloaded. Try opening it in your spreadsheet program and saving it again. \
                 (Technical detail: {detail})"
            ),
            WorkbookError::SheetUnreadable { sheet, detail } => write!(
                f,
                "The sheet \"{sheet}\" could not be read: it may be damaged. Try copying its contents \
                 into a new workbook. (Technical detail: {detail})"
            ),
            WorkbookError::Limit(limit) => limit.fmt(f),
        }
    }
}

impl std::error::Error for WorkbookError {}

pub(super) const XLSX_NAME: &str = "an Excel workbook (.xlsx)";
const XLSB_NAME: &str = "an Excel binary workbook (.xlsb)";
const XLS_NAME: &str = "an Excel 97-2003 workbook (.xls)";
const ODS_NAME: &str = "an OpenDocument spreadsheet (.ods)";

/// Reads every worksheet of an XLSX, XLSB, XLS or ODS workbook held in memory, in workbook order.
///
/// Never panics on bad input: damaged, truncated, password-protected or non-spreadsheet files
/// give a [`WorkbookError`] whose message can be shown to the user as it is. The limits of
/// [`super::limits`] are checked first (file size, then the zip directory's declared sizes) and
/// then as cells are read, before any sheet's grid is built.
pub fn read_workbook(bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    read_workbook_reporting(bytes, &mut |_, _| {})
}

/// [`read_workbook`], calling `on_sheet(read, total)` after each worksheet is read (the workbook
/// worker posts it to the page as progress; docs/architecture.md#progress-and-cancel).
pub fn read_workbook_reporting(
    bytes: &[u8],
    on_sheet: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Sheet>, WorkbookError> {
    read_workbook_with(bytes, on_sheet, XlsxPath::Own)
}

/// An .xlsx workbook this large is read by two workers side by side, each reading about half of
/// its worksheets (docs/architecture.md#reading-a-workbook-in-two); a smaller one by one worker.
pub const READ_IN_TWO_FROM_BYTES: usize = 1024 * 1024;

/// How many readers should read `bytes` side by side: two for a large .xlsx workbook, else one.
/// (Only .xlsx, read by our own reader, can be shared out by worksheet.)
pub fn readers_for(bytes: &[u8]) -> usize {
    if sniff(bytes) == FileKind::Xlsx && bytes.len() >= READ_IN_TWO_FROM_BYTES { 2 } else { 1 }
}

/// One reader's share of a workbook's worksheets, each with its place in the workbook's order.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetShare {
    pub sheets: Vec<(usize, Sheet)>,
    /// True when a sheet of the share looks like Ofsted Annex A's List 10 or List 8: such a
    /// workbook is read again by one reader, which joins the lists (docs/domain.md#annex-a).
    pub annex_a: bool,
}

/// The sheets of every share, in the workbook's order.
pub fn merge_shares(shares: Vec<SheetShare>) -> Vec<Sheet> {
    let mut all: Vec<(usize, Sheet)> = shares.into_iter().flat_map(|s| s.sheets).collect();
    crate::order::sort_by_key(&mut all, |(place, _)| *place);
    all.into_iter().map(|(_, sheet)| sheet).collect()
}

/// Reads one share of an .xlsx workbook's worksheets (`index` of `count`, the split worked out
/// by `xlsx_sheet::assign_shares`), calling `on_sheet(read, total)` after each of the share's
/// sheets. The same checks as [`read_workbook`] come first. Annex A's lists are not joined here:
/// the share says when it holds one.
#[cfg(feature = "workbook")]
pub fn read_workbook_share(
    bytes: &[u8],
    index: usize,
    count: usize,
    on_sheet: &mut dyn FnMut(usize, usize),
) -> Result<SheetShare, WorkbookError> {
    if checked_kind(bytes)? != FileKind::Xlsx {
        return Err(WorkbookError::Damaged {
            format: XLSX_NAME,
            detail: "only .xlsx workbooks are read in shares".into(),
        });
    }
    check_zip(bytes)?;
    let share = super::xlsx_sheet::Share { index, count };
    let sheets = super::xlsx_sheet::read_xlsx_share(bytes, share, on_sheet)?;
    let annex_a = sheets.iter().any(|(_, s)| super::annex_a::holds_a_list(s));
    Ok(SheetShare { sheets, annex_a })
}

/// [`read_workbook`] with an .xlsx file's worksheets read by calamine rather than by our own
/// reader (`xlsx_sheet`): the oracle the tests compare that reader with. Not for use elsewhere.
#[doc(hidden)]
pub fn read_workbook_with_calamine(bytes: &[u8]) -> Result<Vec<Sheet>, WorkbookError> {
    read_workbook_with(bytes, &mut |_, _| {}, XlsxPath::Calamine)
}

/// Which reader reads an .xlsx file's worksheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum XlsxPath {
    Own,
    Calamine,
}

/// The kind of a file about to be read as a workbook, once it is known not to be empty and to be
/// within the file-size limit.
fn checked_kind(bytes: &[u8]) -> Result<FileKind, WorkbookError> {
    if bytes.is_empty() {
        return Err(WorkbookError::EmptyFile);
    }
    check_file_size(bytes.len() as u64)?;
    Ok(sniff(bytes))
}

fn read_workbook_with(
    bytes: &[u8],
    on_sheet: &mut dyn FnMut(usize, usize),
    reader: XlsxPath,
) -> Result<Vec<Sheet>, WorkbookError> {
    let kind = checked_kind(bytes)?;
    // calamine is defensive, but a panic deep inside a parser must still become a message.
    // (In the wasm release build panics abort, so this guard only helps natively.)
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_kind(bytes, kind, on_sheet, reader)))
        .unwrap_or_else(|_| {
            Err(WorkbookError::Damaged {
                format: kind_name(kind),
                detail: "the reader stopped on malformed content".into(),
            })
        });
    // An Ofsted Annex A workbook's lists joined here, outside the page (docs/domain.md#annex-a).
    #[cfg(feature = "workbook")]
    let read = read.map(super::annex_a::prepare);
    read
}

/// Without the `workbook` feature (the browser's main module, which hands workbooks to a
/// separate worker module to keep the page's download small), workbooks are not read here.
#[cfg(not(feature = "workbook"))]
fn read_kind(
    _bytes: &[u8],
    kind: FileKind,
    _on_sheet: &mut dyn FnMut(usize, usize),
    _reader: XlsxPath,
) -> Result<Vec<Sheet>, WorkbookError> {
    Err(WorkbookError::Damaged { format: kind_name(kind), detail: "this module does not read workbooks".into() })
}

fn kind_name(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Xlsx => XLSX_NAME,
        FileKind::Xlsb => XLSB_NAME,
        FileKind::Xls => XLS_NAME,
        FileKind::Ods => ODS_NAME,
        FileKind::Text => "a text file",
        FileKind::Other => "a binary file",
    }
}

#[cfg(feature = "workbook")]
fn read_kind(
    bytes: &[u8],
    kind: FileKind,
    on_sheet: &mut dyn FnMut(usize, usize),
    reader: XlsxPath,
) -> Result<Vec<Sheet>, WorkbookError> {
    if matches!(kind, FileKind::Xlsx | FileKind::Xlsb | FileKind::Ods) {
        check_zip(bytes)?;
    }
    let cursor = || Cursor::new(bytes);
    match kind {
        FileKind::Xlsx if reader == XlsxPath::Own => super::xlsx_sheet::read_xlsx(bytes, on_sheet),
        FileKind::Xlsx => match Xlsx::new(cursor()) {
            Ok(mut wb) => read_xlsx_sheets(&mut wb, on_sheet),
            Err(calamine::XlsxError::Password) => Err(WorkbookError::PasswordProtected),
            Err(e) => Err(WorkbookError::Damaged { format: XLSX_NAME, detail: e.to_string() }),
        },
        FileKind::Xlsb => match Xlsb::new(cursor()) {
            Ok(mut wb) => read_xlsb_sheets(&mut wb, on_sheet),
            Err(calamine::XlsbError::Password) => Err(WorkbookError::PasswordProtected),
            Err(e) => Err(WorkbookError::Damaged { format: XLSB_NAME, detail: e.to_string() }),
        },
        FileKind::Ods => match Ods::new(cursor()) {
            Ok(mut wb) => read_sheets(&mut wb, false, on_sheet),
            Err(e) => Err(WorkbookError::Damaged { format: ODS_NAME, detail: e.to_string() }),
        },
        FileKind::Xls => match super::compound::check_compound(bytes) {
            Err(e) => Err(WorkbookError::Damaged { format: XLS_NAME, detail: e.to_string() }),
            Ok(()) => read_xls(bytes, on_sheet),
        },
        FileKind::Text => Err(WorkbookError::NotASpreadsheet { what: "a text file (read it as CSV instead)" }),
        FileKind::Other => Err(WorkbookError::NotASpreadsheet { what: describe_binary(bytes) }),
    }
}

#[cfg(feature = "workbook")]
/// Reads an XLS workbook (or reports a password-protected XLSX, which is also a compound file),
/// once `compound::check_compound` has passed its sector table.
fn read_xls(bytes: &[u8], on_sheet: &mut dyn FnMut(usize, usize)) -> Result<Vec<Sheet>, WorkbookError> {
    match Xls::new(Cursor::new(bytes)) {
        Ok(mut wb) => {
            let date1904 = wb.has_1904_epoch();
            read_sheets(&mut wb, date1904, on_sheet)
        }
        Err(calamine::XlsError::Password) => Err(WorkbookError::PasswordProtected),
        Err(e) => {
            // An encrypted XLSX is a compound file holding an `EncryptedPackage` stream;
            // calamine's XLSX reader recognises it.
            if let Err(calamine::XlsxError::Password) = Xlsx::new(Cursor::new(bytes)) {
                return Err(WorkbookError::PasswordProtected);
            }
            Err(WorkbookError::Damaged { format: XLS_NAME, detail: e.to_string() })
        }
    }
}

#[cfg(feature = "workbook")]
/// A plain-English guess at what a non-spreadsheet binary file is.
fn describe_binary(bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"%PDF") {
        "a PDF document"
    } else if bytes.starts_with(ZIP_MAGIC) && contains(bytes, b"word/") {
        "a Word document"
    } else if bytes.starts_with(ZIP_MAGIC) && contains(bytes, b"ppt/") {
        "a PowerPoint presentation"
    } else if bytes.starts_with(ZIP_MAGIC) && contains(bytes, b"application/vnd.oasis.opendocument") {
        "an OpenDocument file that is not a spreadsheet"
    } else if bytes.starts_with(ZIP_MAGIC) {
        "a zip archive"
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G']) || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        "an image"
    } else {
        "a binary file of an unknown kind"
    }
}

#[cfg(feature = "workbook")]
/// Checks the sizes a workbook's zip directory declares against the limits, before anything is
/// inflated. A directory that cannot be read is left for calamine to report as damage. The zip
/// reader refuses to inflate an entry past its declared size, so these sizes bound the work.
fn check_zip(bytes: &[u8]) -> Result<(), LimitError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let mut entries = Vec::with_capacity(archive.len());
    for i in 0..archive.len() {
        if let Ok(f) = archive.by_index_raw(i) {
            let name = f.name().map(|n| n.into_owned()).unwrap_or_default();
            entries.push(ZipEntrySize { name, packed: f.compressed_size(), unpacked: f.size() });
        }
    }
    check_zip_entries(&entries)
}

#[cfg(feature = "workbook")]
/// The names of a workbook's worksheets (not chart, dialog, macro or VBA sheets), in order.
fn worksheet_names<RS, R: Reader<RS>>(wb: &R) -> Vec<String>
where
    RS: std::io::Read + std::io::Seek,
{
    wb.sheets_metadata().iter().filter(|m| m.typ == SheetType::WorkSheet).map(|m| m.name.clone()).collect()
}

#[cfg(feature = "workbook")]
/// Reads every worksheet of an XLSX workbook cell by cell, so the limits are checked before any
/// grid is built: one stray cell at XFD1048576 would otherwise ask for a grid of 17 billion cells.
fn read_xlsx_sheets<RS: std::io::Read + std::io::Seek>(
    wb: &mut Xlsx<RS>,
    on_sheet: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Sheet>, WorkbookError> {
    let date1904 = wb.has_1904_epoch();
    let mut sheets = Vec::new();
    let names = worksheet_names(wb);
    let total = names.len();
    for name in names {
        let unreadable =
            |e: calamine::XlsxError| WorkbookError::SheetUnreadable { sheet: name.clone(), detail: e.to_string() };
        let mut grid = Grid::new(&name);
        match wb.worksheet_cells_reader(&name) {
            Ok(mut reader) => {
                while let Some(cell) = reader.next_cell().map_err(unreadable)? {
                    grid.add(cell.get_position(), cell.get_value())?;
                }
            }
            // calamine reads a sheet that is not really a worksheet as empty.
            Err(calamine::XlsxError::NotAWorksheet(_)) => {}
            Err(e) => return Err(unreadable(e)),
        }
        let sheet = grid.into_sheet(date1904)?;
        sheets.push(sheet);
        on_sheet(sheets.len(), total);
    }
    Ok(sheets)
}

#[cfg(feature = "workbook")]
/// Reads every worksheet of an XLSB workbook cell by cell, as [`read_xlsx_sheets`] does.
fn read_xlsb_sheets<RS: std::io::Read + std::io::Seek>(
    wb: &mut Xlsb<RS>,
    on_sheet: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Sheet>, WorkbookError> {
    let date1904 = wb.has_1904_epoch();
    let mut sheets = Vec::new();
    let names = worksheet_names(wb);
    let total = names.len();
    for name in names {
        let unreadable =
            |e: calamine::XlsbError| WorkbookError::SheetUnreadable { sheet: name.clone(), detail: e.to_string() };
        let mut grid = Grid::new(&name);
        let mut reader = wb.worksheet_cells_reader(&name).map_err(unreadable)?;
        while let Some(cell) = reader.next_cell().map_err(unreadable)? {
            grid.add(cell.get_position(), cell.get_value())?;
        }
        drop(reader);
        let sheet = grid.into_sheet(date1904)?;
        sheets.push(sheet);
        on_sheet(sheets.len(), total);
    }
    Ok(sheets)
}

#[cfg(feature = "workbook")]
/// The non-empty cells of one sheet as they are read, checked against the limits one by one.
///
/// Cells almost always come in reading order (row by row, left to right): those go straight into
/// rows padded with empty cells, which become the grid in place, so a national sheet's cells are
/// held once (docs/architecture.md#speed). A cell out of that order (a hand-made file) is kept
/// aside and placed last, so a later cell at the same position still replaces an earlier one,
/// as in calamine's ranges.
pub(super) struct Grid<'a> {
    name: &'a str,
    /// The cells that came in reading order: row `i` is sheet row `in_order_first + i`, each
    /// padded from column A; the last row is still open.
    rows: super::table::Rows,
    in_order_first: u32,
    /// The open row's 0-based sheet row; `None` before the first cell.
    open_row: Option<u32>,
    /// Cells that came out of reading order, in the order they came.
    late: Vec<(u32, u32, Cell)>,
    /// Non-empty cells added.
    count: usize,
    /// First and last row, and last column, holding a value.
    first_row: u32,
    last_row: u32,
    last_col: u32,
}

#[cfg(feature = "workbook")]
impl<'a> Grid<'a> {
    pub(super) fn new(name: &'a str) -> Self {
        Grid {
            name,
            rows: super::table::Rows::default(),
            in_order_first: 0,
            open_row: None,
            late: Vec::new(),
            count: 0,
            first_row: u32::MAX,
            last_row: 0,
            last_col: 0,
        }
    }

    /// Makes room for `cells` more cells.
    pub(super) fn reserve(&mut self, cells: usize) {
        self.rows.reserve_cells(cells.min(MAX_CELLS));
    }

    /// The sheet's name.
    pub(super) fn name(&self) -> &str {
        self.name
    }

    /// Adds one cell at its 0-based (row, column) position; empty cells are skipped.
    fn add(&mut self, pos: (u32, u32), value: &DataRef<'_>) -> Result<(), LimitError> {
        let text = match value {
            DataRef::Empty => return Ok(()),
            DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Some(s.as_str()),
            DataRef::SharedString(s) => Some(*s),
            _ => None,
        };
        if let Some(t) = text {
            check_cell(t, self.name, pos.0 as usize + 1, pos.1 as usize)?;
        }
        self.push(pos, convert(&Data::from(value.clone())))
    }

    /// Adds one non-empty cell whose text (if any) has been checked against the cell length
    /// limit, after checking the sheet's size with it.
    pub(super) fn push(&mut self, (row, col): (u32, u32), cell: Cell) -> Result<(), LimitError> {
        if col as usize >= MAX_COLUMNS {
            return Err(LimitError::TooManyColumns { sheet: self.name.to_string(), columns: col as usize + 1 });
        }
        self.first_row = self.first_row.min(row);
        self.last_row = self.last_row.max(row);
        self.last_col = self.last_col.max(col);
        let rows = (self.last_row - self.first_row) as usize + 1;
        if rows > MAX_ROWS {
            return Err(LimitError::TooManyRows { sheet: self.name.to_string(), rows });
        }
        if self.count >= MAX_CELLS {
            return Err(LimitError::TooManyCells { sheet: self.name.to_string(), cells: self.count + 1 });
        }
        self.count += 1;
        match self.open_row {
            None => (self.in_order_first, self.open_row) = (row, Some(row)),
            Some(open) if row > open => {
                // Ends the open row, and adds an empty row for each row with no cells between.
                for _ in open..row {
                    self.rows.end_row();
                }
                self.open_row = Some(row);
            }
            Some(open) if row == open && col as usize >= self.rows.open_row_len() => {}
            Some(_) => {
                self.late.push((row, col, cell));
                return Ok(());
            }
        }
        for _ in self.rows.open_row_len()..col as usize {
            self.rows.push_cell(Cell::Empty);
        }
        self.rows.push_cell(cell);
        // The padded rows are never larger than the grid, so the grid's limit holds for them.
        if self.rows.cell_count() > MAX_CELLS {
            return Err(LimitError::TooManyCells { sheet: self.name.to_string(), cells: self.rows.cell_count() });
        }
        Ok(())
    }

    /// The grid, padded as [`to_sheet`] pads a range, once its size is within the limits.
    pub(super) fn into_sheet(self, date1904: bool) -> Result<Sheet, LimitError> {
        let name = self.name.to_string();
        if self.count == 0 {
            return Ok(Sheet { name, rows: Default::default(), first_row: 1, date1904 });
        }
        let (height, width) = ((self.last_row - self.first_row) as usize + 1, self.last_col as usize + 1);
        check_grid(self.name, height, width)?;
        let mut rows = self.rows;
        rows.end_row();
        let mut rows = rows.into_grid((self.in_order_first - self.first_row) as usize, height, width);
        for (r, c, cell) in self.late {
            rows.set((r - self.first_row) as usize, c as usize, cell);
        }
        Ok(Sheet { name, rows, first_row: self.first_row + 1, date1904 })
    }
}

#[cfg(feature = "workbook")]
/// Reads every worksheet of an XLS or ODS workbook in workbook order. calamine builds each
/// sheet's range itself; its size and every cell's length are checked before it is converted.
fn read_sheets<RS, R>(
    wb: &mut R,
    date1904: bool,
    on_sheet: &mut dyn FnMut(usize, usize),
) -> Result<Vec<Sheet>, WorkbookError>
where
    RS: std::io::Read + std::io::Seek,
    R: Reader<RS>,
    R::Error: std::fmt::Display,
{
    let names = worksheet_names(wb);
    let total = names.len();
    let mut sheets = Vec::with_capacity(total);
    for name in names {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| WorkbookError::SheetUnreadable { sheet: name.clone(), detail: e.to_string() })?;
        sheets.push(to_sheet(name, &range, date1904)?);
        on_sheet(sheets.len(), total);
    }
    Ok(sheets)
}

#[cfg(feature = "workbook")]
/// Converts one calamine range to a [`Sheet`], padding so positions match the spreadsheet, after
/// checking its size and each cell's length against the limits.
fn to_sheet(name: String, range: &calamine::Range<Data>, date1904: bool) -> Result<Sheet, LimitError> {
    let (Some((row0, col0)), Some((row_end, col_end))) = (range.start(), range.end()) else {
        return Ok(Sheet { name, rows: Default::default(), first_row: 1, date1904 });
    };
    check_grid(&name, (row_end - row0) as usize + 1, col_end as usize + 1)?;
    let pad = col0 as usize;
    let mut rows = Vec::with_capacity((row_end - row0) as usize + 1);
    for (i, r) in range.rows().enumerate() {
        let mut out = Vec::with_capacity(pad + r.len());
        out.resize(pad, Cell::Empty);
        for (j, d) in r.iter().enumerate() {
            if let Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) = d {
                check_cell(s, &name, row0 as usize + i + 1, pad + j)?;
            }
            out.push(convert(d));
        }
        rows.push(out);
    }
    Ok(Sheet { name, rows: rows.into(), first_row: row0 + 1, date1904 })
}

#[cfg(feature = "workbook")]
/// Converts one calamine cell value.
pub(super) fn convert(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.as_str().into()),
        Data::Float(f) => Cell::Number(*f),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Bool(b) => Cell::Bool(*b),
        Data::Error(e) => Cell::Error(e.to_string().into()),
        Data::DateTime(dt) if dt.is_duration() => Cell::Number(dt.as_f64()),
        Data::DateTime(dt) => dt.as_datetime().map(Cell::DateTime).unwrap_or(Cell::Number(dt.as_f64())),
        Data::DateTimeIso(s) => iso_date(s),
        Data::DurationIso(s) => Cell::Text(s.as_str().into()),
    }
}

#[cfg(feature = "workbook")]
/// An ISO 8601 date or date-time as written in ODS (`2021-01-01`, `2021-01-01T09:30:00`,
/// possibly with fractional seconds). Anything else is kept as text.
pub(super) fn iso_date(s: &str) -> Cell {
    let t = s.trim();
    if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Cell::Date(d);
    }
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%dT%H:%M"] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(t, fmt) {
            return Cell::DateTime(dt);
        }
    }
    Cell::Text(s.into())
}

#[cfg(all(test, feature = "workbook"))]
mod tests {
    use super::*;
    use calamine::{CellErrorType, ExcelDateTime, ExcelDateTimeType};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn contains_finds_a_needle_anywhere_or_not_at_all() {
        assert!(contains(b"PK..xl/workbook.xml..", b"xl/workbook.xml"));
        assert!(contains(b"xl/workbook.xml", b"xl/workbook.xml"));
        // A false start ("xl/w" then "xl/workbook.bin") and a needle cut off by the end.
        assert!(contains(b"xl/wxl/workbook.bin", b"xl/workbook.bin"));
        assert!(!contains(b"..xl/workbook.bi", b"xl/workbook.bin"));
        assert!(!contains(b"abc", b""));
        assert!(!contains(b"", b"a"));
    }

    #[test]
    fn sniff_tells_formats_by_content() {
        assert_eq!(sniff(b"child_id,date\nC1,01/01/2021\n"), FileKind::Text);
        assert_eq!(sniff(b""), FileKind::Text);
        assert_eq!(sniff(&[0xFF, 0xFE, b'a', 0, b',', 0]), FileKind::Text);
        assert_eq!(sniff(b"%PDF-1.7\n\0\0binary"), FileKind::Other);
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]), FileKind::Xls);
        let ods = b"PK\x03\x04\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.spreadsheetPK";
        assert_eq!(sniff(ods), FileKind::Ods);
        assert_eq!(sniff(b"PK\x03\x04....xl/workbook.xml....PK\x05\x06"), FileKind::Xlsx);
        assert_eq!(sniff(b"PK\x03\x04....xl/workbook.bin....PK\x05\x06"), FileKind::Xlsb);
        assert_eq!(sniff(b"PK\x03\x04....word/document.xml....PK\x05\x06"), FileKind::Other);
        assert_eq!(sniff(b"PK\x03\x04....notes.txt....PK\x05\x06"), FileKind::Other);
        assert_eq!(sniff(b"PK\x03\x04..content.xml..META-INF/manifest.xml..PK\x05\x06"), FileKind::Ods);
        let odt = b"PK\x03\x04\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.text..content.xml..META-INF/manifest.xml..PK\x05\x06";
        assert_eq!(sniff(odt), FileKind::Other);
        assert_eq!(describe_binary(odt), "an OpenDocument file that is not a spreadsheet");
        // A zip cut off before its directory is taken for a damaged workbook.
        assert_eq!(sniff(b"PK\x03\x04....docProps/app.xml...."), FileKind::Xlsx);
        assert!(FileKind::Ods.is_workbook() && !FileKind::Text.is_workbook() && !FileKind::Other.is_workbook());
    }

    #[test]
    fn date_cells_convert_with_both_epochs_and_the_leap_year_bug() {
        let dt = |v: f64, is_1904: bool| {
            convert(&Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, is_1904)))
        };
        let midnight = |y, m, day| Cell::DateTime(d(y, m, day).and_hms_opt(0, 0, 0).unwrap());
        assert_eq!(dt(44197.0, false), midnight(2021, 1, 1));
        assert_eq!(dt(42735.0, true), midnight(2021, 1, 1));
        assert_eq!(dt(44270.5, false), Cell::DateTime(d(2021, 3, 15).and_hms_opt(12, 0, 0).unwrap()));
        // Serial 61 is 1 March 1900 because Excel counts a 29 February 1900 that never was.
        assert_eq!(dt(61.0, false), midnight(1900, 3, 1));
        assert_eq!(dt(59.0, false), midnight(1900, 2, 28));
        // Durations are kept as their number of days.
        let dur = Data::DateTime(ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false));
        assert_eq!(convert(&dur), Cell::Number(1.5));
    }

    #[test]
    fn other_values_convert_one_to_one() {
        assert_eq!(convert(&Data::Empty), Cell::Empty);
        assert_eq!(convert(&Data::String(" 01/01/2021 ".into())), Cell::Text(" 01/01/2021 ".into()));
        assert_eq!(convert(&Data::Float(44197.0)), Cell::Number(44197.0));
        assert_eq!(convert(&Data::Int(3)), Cell::Number(3.0));
        assert_eq!(convert(&Data::Bool(true)), Cell::Bool(true));
        assert_eq!(convert(&Data::Error(CellErrorType::NA)), Cell::Error("#N/A".into()));
        assert_eq!(convert(&Data::DurationIso("PT12H".into())), Cell::Text("PT12H".into()));
    }

    #[test]
    fn ods_iso_dates_become_dates_or_date_times() {
        assert_eq!(iso_date("2021-01-01"), Cell::Date(d(2021, 1, 1)));
        assert_eq!(iso_date("2021-03-15T14:30:00"), Cell::DateTime(d(2021, 3, 15).and_hms_opt(14, 30, 0).unwrap()));
        assert_eq!(
            iso_date("2021-03-15T14:30:00.250"),
            Cell::DateTime(d(2021, 3, 15).and_hms_milli_opt(14, 30, 0, 250).unwrap())
        );
        assert_eq!(iso_date("2021-02-30"), Cell::Text("2021-02-30".into()));
        assert_eq!(iso_date("soon"), Cell::Text("soon".into()));
    }

    #[test]
    fn bad_input_gives_plain_errors_not_panics() {
        assert_eq!(read_workbook(b""), Err(WorkbookError::EmptyFile));
        assert_eq!(read_workbook(b"%PDF-1.4\0\0"), Err(WorkbookError::NotASpreadsheet { what: "a PDF document" }));
        assert!(matches!(read_workbook(b"a,b\n1,2\n"), Err(WorkbookError::NotASpreadsheet { .. })));
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend(std::iter::repeat_n(0xAB, 600));
        assert!(matches!(read_workbook(&ole), Err(WorkbookError::Damaged { format: XLS_NAME, .. })));
        let zip = b"PK\x03\x04\x14\0\0\0\x08\0garbage garbage";
        let err = read_workbook(zip).unwrap_err();
        assert!(matches!(err, WorkbookError::Damaged { format: XLSX_NAME, .. }), "{err:?}");
        let msg = err.to_string();
        assert!(msg.starts_with("This file looks like an Excel workbook (.xlsx) but it could not be opened"), "{msg}");
        assert!(WorkbookError::PasswordProtected.to_string().contains("protected with a password"));
    }

    #[test]
    fn garbage_after_each_magic_never_panics() {
        // A cheap deterministic fuzz: every prefix length of a few headers followed by noise.
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        for magic in [
            ZIP_MAGIC,
            OLE_MAGIC,
            b"PK\x03\x04\x14\0\0\0\0\0mimetypeapplication/vnd.oasis.opendocument.spreadsheet".as_slice(),
        ] {
            for len in [0usize, 10, 100, 600, 3000] {
                let mut bytes = magic.to_vec();
                for _ in 0..len {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    bytes.push(seed as u8);
                }
                assert!(read_workbook(&bytes).is_err());
            }
        }
    }
}
