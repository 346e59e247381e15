//! The limits on what a file may hold, all in one place, and the checks that apply them before
//! the work is done (docs/architecture.md#limits-and-hostile-files).
//!
//! A spreadsheet can be built to break a reader: a few megabytes of zip that inflate to
//! gigabytes, a sheet ten thousand columns wide, a single cell of fifty megabytes. Each limit
//! below is checked as early as the reader can know it, and ends in a [`LimitError`] whose
//! message says which limit was met and what to do about it. Real trackers sit far inside every
//! limit: a 100,000-child tracker is about 16 MB.
//!
//! | Limit | Value | Checked |
//! |---|---|---|
//! | File size | [`MAX_FILE_BYTES`] (150 MB) | before anything is read ([`check_file_size`]) |
//! | Unpacked size of a workbook | [`MAX_UNPACKED_BYTES`] (400 MB) | from the zip directory, before any entry is inflated ([`check_zip`]) |
//! | Compression ratio of one entry | [`MAX_COMPRESSION_RATIO`] (500 to 1) | from the zip directory, for entries over [`RATIO_CHECK_FROM_BYTES`] |
//! | Columns per sheet | [`MAX_COLUMNS`] (1,000) | as cells are read |
//! | Rows per sheet | [`MAX_ROWS`] (1,000,000) | as cells are read |
//! | Cells per sheet (rows times width) | [`MAX_CELLS`] (10 million) | before the grid is built, and for .xlsx and .xlsb sheets also as their rows are padded (so this error can come before another found later in the sheet) |
//! | Characters in one cell | [`MAX_CELL_CHARS`] (32,767, Excel's own limit) | as cells are read |
//!
//! The zip reader stops any entry that inflates past the size the zip directory declares for it
//! (a test in `workbook.rs` holds it to that), so checking the declared sizes also bounds the bytes
//! actually inflated. Old `.xls` files are not zips: they are bounded by the file size and by their
//! own format (65,536 rows by 256 columns).

use std::fmt;

/// Bytes in a megabyte as the limits count them (and as Windows shows file sizes).
const MB: u64 = 1024 * 1024;

/// The largest file read: 150 MB.
pub const MAX_FILE_BYTES: u64 = 150 * MB;

/// The largest total a workbook's zip directory may declare for its entries once unpacked: 400 MB.
pub const MAX_UNPACKED_BYTES: u64 = 400 * MB;

/// The largest ratio of unpacked to packed size for one zip entry. Spreadsheet XML packs ten to a
/// hundred times; only a long run of one repeated byte packs more than 500 times.
pub const MAX_COMPRESSION_RATIO: u64 = 500;

/// Entries that unpack to less than this are not held to [`MAX_COMPRESSION_RATIO`]: small
/// entries (an empty sheet, a style sheet) can pack very tightly and do no harm.
pub const RATIO_CHECK_FROM_BYTES: u64 = MB;

/// The most columns a sheet may reach (counting from column A).
pub const MAX_COLUMNS: usize = 1_000;

/// The most rows a sheet may hold.
pub const MAX_ROWS: usize = 1_000_000;

/// The most cells one sheet's grid may hold (its rows times its width, or for CSV the fields of
/// all its rows): 10 million cells take about 320 MB of memory before any text in them.
pub const MAX_CELLS: usize = 10_000_000;

/// The most characters one cell may hold: Excel's own limit.
pub const MAX_CELL_CHARS: usize = 32_767;

/// A limit a file met. `Display` is a plain-English message for the user saying what the limit is
/// and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitError {
    /// The file is larger than [`MAX_FILE_BYTES`].
    FileTooLarge { bytes: u64 },
    /// The workbook's entries would unpack to more than [`MAX_UNPACKED_BYTES`].
    UnpacksTooLarge { bytes: u64 },
    /// One entry of the workbook packs more tightly than [`MAX_COMPRESSION_RATIO`] allows.
    CompressionRatio { entry: String, ratio: u64 },
    /// A sheet reaches more than [`MAX_COLUMNS`] columns. `columns` is the width reached (from
    /// column A) where the limit was met, which may be short of the whole sheet's.
    TooManyColumns { sheet: String, columns: usize },
    /// A sheet holds more than [`MAX_ROWS`] rows. `rows` is how many were counted when the limit
    /// was met, which may be short of the whole sheet.
    TooManyRows { sheet: String, rows: usize },
    /// A sheet's grid holds more than [`MAX_CELLS`] cells. `cells` is how many were counted when
    /// the limit was met, which may be short of the whole sheet.
    TooManyCells { sheet: String, cells: usize },
    /// One cell holds more than [`MAX_CELL_CHARS`] characters. `row` is the row number the user
    /// sees and `column` its letters.
    CellTooLong { sheet: String, row: usize, column: String, chars: usize },
}

impl fmt::Display for LimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LimitError::FileTooLarge { bytes } => write!(
                f,
                "This file is {}; Timescales reads files up to {}. Split the file by year or remove unused \
                 columns, then try again.",
                megabytes(*bytes),
                megabytes(MAX_FILE_BYTES)
            ),
            LimitError::UnpacksTooLarge { bytes } => write!(
                f,
                "This workbook unpacks to {}; Timescales reads workbooks that unpack to at most {}. Open it \
                 in your spreadsheet program, delete unused sheets, pictures and columns, save it and try \
                 again (or save the children sheet as CSV).",
                megabytes(*bytes),
                megabytes(MAX_UNPACKED_BYTES)
            ),
            LimitError::CompressionRatio { entry, ratio } => write!(
                f,
                "This workbook is not safe to open: its part \"{entry}\" unpacks to {} times its packed size, \
                 and real spreadsheets stay under {MAX_COMPRESSION_RATIO} times. It may be built to exhaust \
                 memory. If you trust the file, open it in your spreadsheet program and save it again, or \
                 save the children sheet as CSV.",
                thousands(*ratio as usize)
            ),
            LimitError::TooManyColumns { sheet, columns } => write!(
                f,
                "The sheet \"{sheet}\" reaches column {}, past the {} columns Timescales reads. Delete the unused \
                 columns (including any stray value far to the right), save and try again.",
                column_letters(columns.saturating_sub(1)),
                thousands(MAX_COLUMNS)
            ),
            LimitError::TooManyRows { sheet, .. } => write!(
                f,
                "The sheet \"{sheet}\" has more than {} rows, the most Timescales reads in one sheet. Split the \
                 file by year or delete the unused rows (including any stray value far below the table), then \
                 try again.",
                thousands(MAX_ROWS)
            ),
            LimitError::TooManyCells { sheet, .. } => write!(
                f,
                "The sheet \"{sheet}\" has more than {} cells (rows times columns), the most Timescales reads. \
                 Delete unused rows and columns, or split the file by year, then try again.",
                thousands(MAX_CELLS)
            ),
            LimitError::CellTooLong { sheet, row, column, chars } => write!(
                f,
                "The cell {column}{row} on the sheet \"{sheet}\" holds {} characters; Timescales reads cells of \
                 up to {} characters, as Excel does. Shorten or clear that cell, save and try again.",
                thousands(*chars),
                thousands(MAX_CELL_CHARS)
            ),
        }
    }
}

impl std::error::Error for LimitError {}

/// A size in whole megabytes, rounded up so a file over a limit never reads as equal to it.
fn megabytes(bytes: u64) -> String {
    format!("{} MB", thousands(bytes.div_ceil(MB) as usize))
}

/// A count with thousands separators ("1,000,000").
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Spreadsheet column letters for a 0-based column index (0 is A, 26 is AA).
pub fn column_letters(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.iter().rev().map(|&b| b as char).collect()
}

/// Refuses a file larger than [`MAX_FILE_BYTES`]. Takes the length, not the bytes, so the page can
/// check a file's size before reading it.
pub fn check_file_size(bytes: u64) -> Result<(), LimitError> {
    if bytes > MAX_FILE_BYTES { Err(LimitError::FileTooLarge { bytes }) } else { Ok(()) }
}

/// Refuses a cell longer than [`MAX_CELL_CHARS`]. `row` is the row number the user sees and
/// `column` the 0-based column index.
#[inline]
pub fn check_cell(text: &str, sheet: &str, row: usize, column: usize) -> Result<(), LimitError> {
    // A character takes at least one byte, so short text needs no counting.
    if text.len() <= MAX_CELL_CHARS { Ok(()) } else { check_long_cell(text, sheet, row, column) }
}

/// [`check_cell`] for text of more bytes than the limit has characters.
#[cold]
fn check_long_cell(text: &str, sheet: &str, row: usize, column: usize) -> Result<(), LimitError> {
    let chars = text.chars().count();
    if chars <= MAX_CELL_CHARS {
        return Ok(());
    }
    Err(LimitError::CellTooLong { sheet: sheet.to_string(), row, column: column_letters(column), chars })
}

/// Refuses a sheet whose grid would be `rows` high and `columns` wide when it passes any of the
/// row, column or cell limits.
pub fn check_grid(sheet: &str, rows: usize, columns: usize) -> Result<(), LimitError> {
    if columns > MAX_COLUMNS {
        return Err(LimitError::TooManyColumns { sheet: sheet.to_string(), columns });
    }
    if rows > MAX_ROWS {
        return Err(LimitError::TooManyRows { sheet: sheet.to_string(), rows });
    }
    let cells = rows.saturating_mul(columns);
    if cells > MAX_CELLS {
        return Err(LimitError::TooManyCells { sheet: sheet.to_string(), cells });
    }
    Ok(())
}

/// One entry of a zip directory: its name and its declared packed and unpacked sizes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipEntrySize {
    pub name: String,
    pub packed: u64,
    pub unpacked: u64,
}

/// Refuses a workbook whose zip directory declares more than [`MAX_UNPACKED_BYTES`] in all, or an
/// entry of more than [`RATIO_CHECK_FROM_BYTES`] that packs more than [`MAX_COMPRESSION_RATIO`]
/// times. Works on the declared sizes only, so nothing is inflated.
pub fn check_zip_entries(entries: &[ZipEntrySize]) -> Result<(), LimitError> {
    let mut total = 0u64;
    for e in entries {
        total = total.saturating_add(e.unpacked);
        if e.unpacked >= RATIO_CHECK_FROM_BYTES {
            let ratio = e.unpacked / e.packed.max(1);
            if ratio > MAX_COMPRESSION_RATIO {
                return Err(LimitError::CompressionRatio { entry: e.name.clone(), ratio });
            }
        }
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(LimitError::UnpacksTooLarge { bytes: total });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_size_is_checked_from_the_length_alone() {
        assert_eq!(check_file_size(0), Ok(()));
        assert_eq!(check_file_size(20 * MB), Ok(()));
        assert_eq!(check_file_size(MAX_FILE_BYTES), Ok(()));
        // A 200 MB CSV is refused without a byte of it being read.
        let err = check_file_size(200 * MB).unwrap_err();
        assert_eq!(err, LimitError::FileTooLarge { bytes: 200 * MB });
        assert_eq!(
            err.to_string(),
            "This file is 200 MB; Timescales reads files up to 150 MB. Split the file by year or remove unused \
             columns, then try again."
        );
        assert!(check_file_size(MAX_FILE_BYTES + 1).unwrap_err().to_string().starts_with("This file is 151 MB"));
    }

    #[test]
    fn grid_limits() {
        assert_eq!(check_grid("s", 400_000, 15), Ok(()));
        assert_eq!(check_grid("s", MAX_ROWS, 10), Ok(()));
        assert_eq!(
            check_grid("Children", 3, 10_000),
            Err(LimitError::TooManyColumns { sheet: "Children".into(), columns: 10_000 })
        );
        assert!(matches!(check_grid("s", MAX_ROWS + 1, 1), Err(LimitError::TooManyRows { .. })));
        assert!(matches!(check_grid("s", MAX_ROWS, 11), Err(LimitError::TooManyCells { .. })));
        let msg = check_grid("Children", 3, 10_000).unwrap_err().to_string();
        assert!(msg.starts_with("The sheet \"Children\" reaches column NTP, past the 1,000 columns"), "{msg}");
    }

    #[test]
    fn cell_length_counts_characters_not_bytes() {
        assert_eq!(check_cell("short", "s", 1, 0), Ok(()));
        // 20,000 two-byte characters are 40,000 bytes but within the limit.
        assert_eq!(check_cell(&"é".repeat(20_000), "s", 1, 0), Ok(()));
        let err = check_cell(&"x".repeat(MAX_CELL_CHARS + 1), "Children", 7, 27).unwrap_err();
        assert_eq!(
            err,
            LimitError::CellTooLong { sheet: "Children".into(), row: 7, column: "AB".into(), chars: 32_768 }
        );
        assert!(err.to_string().starts_with("The cell AB7 on the sheet \"Children\" holds 32,768 characters"));
    }

    #[test]
    fn zip_directory_limits() {
        let e = |name: &str, packed: u64, unpacked: u64| ZipEntrySize { name: name.into(), packed, unpacked };
        assert_eq!(check_zip_entries(&[e("xl/worksheets/sheet1.xml", 16 * MB, 160 * MB)]), Ok(()));
        // Tiny entries may pack tightly.
        assert_eq!(check_zip_entries(&[e("xl/styles.xml", 10, 100_000)]), Ok(()));
        assert_eq!(
            check_zip_entries(&[e("xl/worksheets/sheet1.xml", 4 * MB, 4096 * MB)]),
            Err(LimitError::CompressionRatio { entry: "xl/worksheets/sheet1.xml".into(), ratio: 1024 })
        );
        let many = [e("a", 100 * MB, 300 * MB), e("b", 100 * MB, 300 * MB)];
        assert_eq!(check_zip_entries(&many), Err(LimitError::UnpacksTooLarge { bytes: 600 * MB }));
        assert!(check_zip_entries(&many).unwrap_err().to_string().starts_with("This workbook unpacks to 600 MB"));
    }

    #[test]
    fn letters_and_thousands() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(16_383), "XFD");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(20_000_000), "20,000,000");
    }
}
