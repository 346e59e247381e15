//! The top-level loader: bytes and a file name in, a [`Dataset`] and its quality report out.
//!
//! The format is judged by content, never by the file name: a zip holding a workbook (XLSX, ODS)
//! or an OLE compound file (XLS) goes to the workbook reader; anything else must be text and goes
//! to the CSV reader, so a binary file renamed `.csv` gets "this is not a text CSV file" rather
//! than a screen of nonsense. Then sheets are found (by name or headers), columns mapped
//! (automatic proposal, overridden by the user's mapping) and records built in one pass.

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use super::csv_reader::read_csv;
use super::decode::{DecodeError, TextEncoding, decode_text};
use super::fields::SheetKind;
use super::limits::{LimitError, check_file_size};
use super::mapping::Mapping;
use super::progress::{LoadPauses, NoPauses, RowSteps, Stopped};
use super::quality::{Problem, ProblemKind, QualityReport, Severity, completeness};
use super::records::{Builder, ChildrenExtras, DestinationValue, PlacementValue, set_aside_sheet};
use super::sheets::{ColumnMapping, ColumnSource, HeaderInfo, detect_header, kind_from_name};
use super::table::{Cell, Sheet};
use super::workbook::{FileKind, WorkbookError, read_workbook, sniff};
use crate::model::Dataset;

/// What the caller can choose.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The user's mapping; it overrides the automatic proposal wherever it speaks.
    pub mapping: Option<Mapping>,
    /// Name of the sheet to use as the children sheet (workbooks only; case-insensitive).
    pub sheet: Option<String>,
    /// Today's date. Dates after it cannot be true yet: each is listed as a data problem with its
    /// row (docs/domain.md#as-at-date). `None` skips that check (the core never reads the clock;
    /// the app and CLI pass today's date). A retrospective as-at date is not passed here: dates
    /// after it have simply not happened yet, and are not problems.
    pub today: Option<NaiveDate>,
    /// The date the data was extracted, when the user gives it: dates after it are listed too.
    pub extract_date: Option<NaiveDate>,
}

impl LoadOptions {
    /// The latest date a record can truly hold, and how to name it in messages.
    fn cut_off(&self) -> Option<(NaiveDate, &'static str)> {
        match (self.today, self.extract_date) {
            (Some(t), Some(e)) if t < e => Some((t, "today")),
            (_, Some(e)) => Some((e, "the extract date")),
            (Some(t), None) => Some((t, "today")),
            (None, None) => None,
        }
    }
}

/// What kind of file was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type")]
pub enum SourceFormat {
    Csv { encoding: TextEncoding, delimiter: char },
    Workbook { format: String },
}

impl SourceFormat {
    /// Plain-English description ("CSV, UTF-8, separated by semicolons").
    pub fn describe(&self) -> String {
        match self {
            SourceFormat::Csv { encoding, delimiter } => {
                let sep = match delimiter {
                    ';' => "semicolons",
                    '\t' => "tabs",
                    _ => "commas",
                };
                format!("CSV text, {}, separated by {sep}", encoding.label())
            }
            SourceFormat::Workbook { format } => format!("{format} workbook"),
        }
    }
}

/// What happened to one sheet of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SheetReport {
    pub name: String,
    /// What the sheet was used as; `None` when it was not used.
    pub role: Option<SheetKind>,
    /// Row number (as the user sees it) of the header row, when one was found.
    pub header_row: Option<u32>,
    pub columns: Vec<ColumnMapping>,
    /// For unused sheets: why not, and what it looked like.
    pub note: Option<String>,
}

/// Everything a load produces.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadOutcome {
    pub dataset: Dataset,
    pub report: QualityReport,
    /// Every sheet of the file, used or not, with its column mapping.
    pub sheets: Vec<SheetReport>,
    /// Every distinct placement-type value and its category.
    pub placement_values: Vec<PlacementValue>,
    /// Every distinct destination value and its category; the columns screen lists the
    /// unrecognised ones as it does placement types.
    pub destination_values: Vec<DestinationValue>,
    pub format: SourceFormat,
    /// The dates the load checked against (see [`LoadOptions`]).
    pub today: Option<NaiveDate>,
    pub extract_date: Option<NaiveDate>,
}

impl LoadOutcome {
    /// The mapping actually used, in the mapping-document shape: every header of the used sheets
    /// (unmapped ones as `null`) and every placement-type value seen. Save it, edit it, pass it
    /// back in [`LoadOptions::mapping`].
    pub fn mapping(&self) -> Mapping {
        let mut m = Mapping::default();
        for s in self.sheets.iter().filter(|s| s.role.is_some()) {
            for c in &s.columns {
                m.columns.entry(c.header.clone()).or_insert(c.field);
            }
        }
        for v in &self.placement_values {
            m.placement_types.insert(v.value.clone(), v.category);
        }
        for v in &self.destination_values {
            m.destinations.insert(v.value.clone(), v.category);
        }
        m
    }

    /// True when something is left for the user to decide on the columns screen: a named column
    /// in a sheet in use, a placement-type wording or a destination wording that nothing
    /// recognised. What the user chose to ignore does not count.
    pub fn needs_mapping(&self) -> bool {
        let column = self
            .sheets
            .iter()
            .filter(|s| s.role.is_some())
            .flat_map(|s| &s.columns)
            .any(|c| c.source == ColumnSource::NotRecognised && !c.header.trim().is_empty());
        column
            || self.placement_values.iter().any(|v| v.source == ColumnSource::NotRecognised)
            || self.destination_values.iter().any(|v| v.source == ColumnSource::NotRecognised)
    }
}

/// Why a file could not be read at all. `Display` is a plain-English message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// Zero bytes, or only blank lines.
    Empty,
    /// Not text and not a workbook (a binary file renamed .csv).
    NotText(String),
    /// A workbook that could not be opened: the workbook reader's error, kept as the source.
    Workbook(WorkbookError),
    /// `--sheet` named a sheet that is not there.
    NoSuchSheet { name: String, sheets: Vec<String> },
    /// No sheet has a header row with recognisable column names.
    NoHeader { first_row: String },
    /// The file meets one of the limits of [`super::limits`] (size, columns, rows, cell length).
    Limit(LimitError),
    /// The caller stopped the load at one of its pauses (the user pressed Cancel).
    Cancelled,
}

impl From<Stopped> for LoadError {
    fn from(_: Stopped) -> Self {
        LoadError::Cancelled
    }
}

impl From<LimitError> for LoadError {
    fn from(e: LimitError) -> Self {
        LoadError::Limit(e)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Empty => f.write_str("the file is empty"),
            LoadError::NotText(why) => f.write_str(why),
            LoadError::Workbook(e) => e.fmt(f),
            LoadError::NoSuchSheet { name, sheets } => {
                write!(f, "there is no sheet called '{name}'; the sheets are: {}", sheets.join(", "))
            }
            LoadError::NoHeader { first_row } => write!(
                f,
                "no header row with column names I recognise (such as 'Child ID' or 'Date accommodated') was found in the first 30 rows{}; use a mapping to say which column is which",
                if first_row.is_empty() { String::new() } else { format!(" (the first row reads: {first_row})") }
            ),
            LoadError::Limit(limit) => limit.fmt(f),
            LoadError::Cancelled => f.write_str("the load was cancelled"),
        }
    }
}

impl std::error::Error for LoadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LoadError::Workbook(e) => Some(e),
            _ => None,
        }
    }
}

/// The sheet name for a CSV file: its file name without folders or extension.
fn csv_sheet_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let stem = match base.rfind('.') {
        Some(0) | None => base,
        Some(i) => &base[..i],
    };
    if stem.trim().is_empty() { "data".to_string() } else { stem.to_string() }
}

/// Reads the bytes into sheets, by content (also used by the app's run chart workbench to offer any
/// sheet and column of the loaded file). The file size is checked before anything else, and the
/// other limits as the file is read (docs/architecture.md#limits-and-hostile-files).
pub fn read_sheets(bytes: &[u8], file_name: &str) -> Result<(Vec<Sheet>, SourceFormat), LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    check_file_size(bytes.len() as u64)?;
    let kind = sniff(bytes);
    if kind.is_workbook() {
        let format = match kind {
            FileKind::Xlsx => "Excel (.xlsx)",
            FileKind::Xlsb => "Excel binary (.xlsb)",
            FileKind::Xls => "Excel 97-2003 (.xls)",
            _ => "OpenDocument (.ods)",
        };
        let sheets = read_workbook(bytes).map_err(|e| match e {
            WorkbookError::Limit(limit) => LoadError::Limit(limit),
            other => LoadError::Workbook(other),
        })?;
        return Ok((sheets, SourceFormat::Workbook { format: format.to_string() }));
    }
    let (text, encoding) = decode_text(bytes).map_err(|e| match e {
        DecodeError::Empty => LoadError::Empty,
        other => LoadError::NotText(other.to_string()),
    })?;
    if kind == FileKind::Other {
        return Err(LoadError::NotText(DecodeError::Binary("it looks like a binary file".into()).to_string()));
    }
    let (sheet, delimiter) = read_csv(&text, &csv_sheet_name(file_name))?;
    if sheet.rows.iter().all(|r| r.iter().all(Cell::is_blank)) {
        return Err(LoadError::Empty);
    }
    Ok((vec![sheet], SourceFormat::Csv { encoding, delimiter: delimiter as char }))
}

/// Loads a CSV, XLSX, XLS or ODS file from its bytes. `file_name` names the sheet of a CSV file
/// and is otherwise only for messages. Data problems never make this fail: they are in the
/// report. It fails only when the file cannot be read at all.
pub fn load(bytes: &[u8], file_name: &str, opts: &LoadOptions) -> Result<LoadOutcome, LoadError> {
    let (sheets, format) = read_sheets(bytes, file_name)?;
    load_sheets(sheets, format, opts)
}

/// A file of a set that could not be read, named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub file: String,
    pub error: LoadError,
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.error)
    }
}

impl std::error::Error for FileError {}

/// Loads several files dropped or chosen together, as `(file name, bytes)`: every file is read by
/// content and its sheets loaded as one set, so the SSDA903 tables (one CSV each, any names) or a
/// children CSV with a placements CSV load as one dataset. One file loads as [`load`] does.
pub fn load_files(files: &[(&str, &[u8])], opts: &LoadOptions) -> Result<LoadOutcome, FileError> {
    load_file_set(files.iter().copied(), opts)
}

/// [`load_files`] for files the caller owns, as `(file name, bytes)`: each file's bytes are
/// freed as soon as its sheets are read, which lowers the peak memory of a large workbook.
pub fn load_owned_files(files: Vec<(String, Vec<u8>)>, opts: &LoadOptions) -> Result<LoadOutcome, FileError> {
    load_file_set(files, opts)
}

fn load_file_set<N: AsRef<str>, B: AsRef<[u8]>>(
    files: impl IntoIterator<Item = (N, B)>,
    opts: &LoadOptions,
) -> Result<LoadOutcome, FileError> {
    let mut all = Vec::new();
    let mut format = None;
    let mut first = None;
    for (name, bytes) in files {
        let name = name.as_ref();
        let (sheets, f) =
            read_sheets(bytes.as_ref(), name).map_err(|error| FileError { file: name.to_string(), error })?;
        drop(bytes);
        all.extend(sheets);
        format.get_or_insert(f);
        first.get_or_insert_with(|| name.to_string());
    }
    let first = first.unwrap_or_default();
    let Some(format) = format else { return Err(FileError { file: first, error: LoadError::Empty }) };
    load_sheets(all, format, opts).map_err(|error| FileError { file: first, error })
}

/// Loads sheets that were already read (the browser reads workbooks in a worker module and
/// hands the sheets over). Same checks and report as [`load`].
pub fn load_sheets(sheets: Vec<Sheet>, format: SourceFormat, opts: &LoadOptions) -> Result<LoadOutcome, LoadError> {
    run_to_end(load_sheets_in_steps(sheets, format, opts, &mut NoPauses))
}

/// Runs a load whose pauses never wait ([`NoPauses`]) to its end: its future is ready at the
/// first poll, so no executor is needed.
fn run_to_end<T>(load: impl Future<Output = T>) -> T {
    let mut load = std::pin::pin!(load);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    loop {
        if let std::task::Poll::Ready(out) = load.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// [`load_sheets`] with pauses for the caller while records are built
/// (docs/architecture.md#progress-and-cancel): the page yields to the browser at them, so its
/// progress bar moves and Cancel is answered within a slice. Fails with
/// [`LoadError::Cancelled`] when a pause says stop. England's SSDA903 tables load in one step.
///
/// The load is boxed, so every caller runs the one copy of its code: the page's load, the
/// warm-up that readies that code (docs/architecture.md#warm-up), and [`load_sheets`].
pub fn load_sheets_in_steps<'a>(
    sheets: Vec<Sheet>,
    format: SourceFormat,
    opts: &'a LoadOptions,
    pauses: &'a mut dyn LoadPauses,
) -> std::pin::Pin<Box<dyn Future<Output = Result<LoadOutcome, LoadError>> + 'a>> {
    Box::pin(load_sheets_stepped(sheets, format, opts, pauses))
}

async fn load_sheets_stepped(
    sheets: Vec<Sheet>,
    format: SourceFormat,
    opts: &LoadOptions,
    pauses: &mut dyn LoadPauses,
) -> Result<LoadOutcome, LoadError> {
    if sheets.iter().all(|s| s.rows.iter().all(|r| r.iter().all(Cell::is_blank))) {
        return Err(LoadError::Empty);
    }
    // England's SSDA903 tables are read together, by their own rules (docs/domain.md#ssda903).
    if super::ssda903::looks_like_ssda903(&sheets) {
        return Ok(super::ssda903::load_ssda903(&sheets, format, opts));
    }
    // An Ofsted Annex A workbook, as the workbook reader prepared it: List 10 joined with List 8
    // is the children sheet, and England's dates come in a sheet of their own
    // (docs/domain.md#annex-a).
    let mut sheets = sheets;
    let annex_a = super::annex_a::take_dates(&mut sheets);
    let mut out = load_tracker(sheets, format, opts, pauses).await?;
    if let Some(dates) = annex_a {
        super::annex_a::apply(dates, &mut out);
    }
    Ok(out)
}

/// Loads a tracker's sheets: children, placements and events sheets found by their headers.
async fn load_tracker(
    mut sheets: Vec<Sheet>,
    format: SourceFormat,
    opts: &LoadOptions,
    pauses: &mut dyn LoadPauses,
) -> Result<LoadOutcome, LoadError> {
    let user = opts.mapping.clone().unwrap_or_default().lookup();

    // What each sheet looks like, by its headers; the name ("Placements") only breaks ties, so a
    // CSV file called "placement tracker.csv" full of children is still a children sheet.
    let mut found: Vec<Option<HeaderInfo>> = sheets
        .iter()
        .map(|s| {
            let best = detect_header(s, &SheetKind::ALL, &user);
            let by_name = kind_from_name(&s.name).and_then(|k| detect_header(s, &[k], &user));
            match (best, by_name) {
                (Some(b), Some(n)) if n.score >= b.score => Some(n),
                (best, _) => best,
            }
        })
        .collect();

    let is_csv = matches!(format, SourceFormat::Csv { .. });
    let mut forced: Option<usize> = None;
    if let (Some(name), false) = (&opts.sheet, is_csv) {
        let idx = sheets
            .iter()
            .position(|s| s.name == *name)
            .or_else(|| sheets.iter().position(|s| s.name.trim().eq_ignore_ascii_case(name.trim())))
            .ok_or_else(|| LoadError::NoSuchSheet {
                name: name.clone(),
                sheets: sheets.iter().map(|s| s.name.clone()).collect(),
            })?;
        let header = detect_header(&sheets[idx], &[SheetKind::Children], &user)
            .ok_or_else(|| LoadError::NoHeader { first_row: first_row_text(&sheets[idx]) })?;
        found[idx] = Some(header);
        forced = Some(idx);
    }

    // The best sheet of each kind: named for it first, then the higher score, then the earlier.
    let pick = |kind: SheetKind| -> Option<usize> {
        if kind == SheetKind::Children && forced.is_some() {
            return forced;
        }
        (0..sheets.len())
            .filter(|&i| found[i].as_ref().is_some_and(|h| h.kind == kind) && Some(i) != forced)
            .max_by_key(|&i| {
                let h = found[i].as_ref().map_or(0, |h| h.score);
                (kind_from_name(&sheets[i].name) == Some(kind), h, std::cmp::Reverse(i))
            })
    };
    let chosen: Vec<(SheetKind, usize)> = SheetKind::ALL.iter().filter_map(|&k| pick(k).map(|i| (k, i))).collect();
    if chosen.is_empty() {
        let first = sheets.iter().find(|s| s.rows.iter().any(|r| !r.iter().all(Cell::is_blank)));
        return Err(LoadError::NoHeader { first_row: first.map(first_row_text).unwrap_or_default() });
    }

    let mut b = Builder::new(opts.cut_off(), &user);
    b.steps = RowSteps::new(chosen.iter().map(|&(_, i)| sheets[i].rows.len()).sum());
    let mut ds = Dataset::default();
    let mut extras = ChildrenExtras::default();
    let mut reports = Vec::with_capacity(sheets.len());
    let role_of = |i: usize| chosen.iter().find(|(_, j)| *j == i).map(|(k, _)| *k);
    // Children first, so placements and events can be checked against the child ids.
    for kind in SheetKind::ALL {
        let Some(&(_, i)) = chosen.iter().find(|(k, _)| *k == kind) else { continue };
        // `pick` only chooses sheets whose header was found, so this never skips one.
        let Some(header) = found[i].as_ref() else { continue };
        let has_children = chosen.iter().any(|(k, _)| *k == SheetKind::Children);
        build_sheet(&mut b, &sheets[i], header, has_children, &mut ds, &mut extras, pauses).await?;
        // The sheet's cells are not needed once its records are built: freeing them now, sheet
        // by sheet, lowers a national workbook's peak memory (docs/architecture.md#speed).
        drop(std::mem::take(&mut sheets[i].rows));
    }
    if !chosen.iter().any(|(k, _)| *k == SheetKind::Children) {
        b.problems.push(Problem {
            sheet: sheets[chosen[0].1].name.clone(),
            row: None,
            column: None,
            value: String::new(),
            message: "no children sheet was found (one row per child with a child id and milestone dates)".into(),
            severity: Severity::Error,
            kind: ProblemKind::Mapping,
        });
    }
    for (i, sheet) in sheets.iter().enumerate() {
        let role = role_of(i);
        let header = found[i].as_ref();
        let note = match (role, header) {
            (Some(_), _) => None,
            (None, Some(h)) => {
                let used =
                    chosen.iter().find(|(k, _)| *k == h.kind).map(|(_, j)| sheets[*j].name.as_str()).unwrap_or("");
                Some(format!(
                    "also looks like a {} sheet, but '{used}' was used; choose the sheet to use if that is wrong",
                    h.kind.label()
                ))
            }
            (None, None) if sheet.rows.iter().all(|r| r.iter().all(Cell::is_blank)) => Some("empty".to_string()),
            (None, None) => Some("not used: it does not look like a children, placements or events sheet".to_string()),
        };
        if let Some(n) = &note
            && n != "empty"
        {
            b.problems.push(Problem::sheet_note(&sheet.name, format!("sheet {n}")));
        }
        reports.push(SheetReport {
            name: sheet.name.clone(),
            role,
            header_row: header.map(|h| sheet.row_number(h.row_index)),
            columns: header.map(|h| h.columns.clone()).unwrap_or_default(),
            note,
        });
    }
    // Unused sheets are not counted in the rows read; see RowAccount.
    let _ = set_aside_sheet;

    let has_last_column = extras.columns[crate::model::Milestone::LastAccommodated.index()].is_some();
    super::episodes::link_episodes(&mut ds.children, has_last_column, &mut b.problems);
    let order = |name: &str| sheets.iter().position(|s| s.name == name).unwrap_or(usize::MAX);
    // Sheet then row, as one integer key worked out once per problem (a national file has tens
    // of thousands of problems; docs/architecture.md#speed).
    let key = |p: &Problem| (order(&p.sheet).min(u32::MAX as usize) as u64) << 32 | u64::from(p.row.unwrap_or(0));
    crate::order::sort_by_u64_key(&mut b.problems, key);
    let columns = extras.columns.clone();
    let completeness = completeness(&ds.children, &extras.states, &extras.implied, &columns);
    warn_missing_groups(&mut b.problems, &ds, &sheets, &chosen);
    let placement_values = b.placement_values();
    let destination_values = b.destination_values();
    let report = QualityReport { rows: b.account, problems: b.problems, completeness };
    debug_assert!(report.rows.adds_up());
    Ok(LoadOutcome {
        dataset: ds,
        report,
        sheets: reports,
        placement_values,
        destination_values,
        format,
        today: opts.today,
        extract_date: opts.extract_date,
    })
}

/// Builds the records of one sheet, a row at a time, pausing for the caller every so many rows
/// (docs/architecture.md#progress-and-cancel). Placements and events are checked against the
/// children's ids when there is a children sheet.
async fn build_sheet(
    b: &mut Builder<'_>,
    sheet: &Sheet,
    header: &HeaderInfo,
    has_children: bool,
    ds: &mut Dataset,
    extras: &mut ChildrenExtras,
    pauses: &mut dyn LoadPauses,
) -> Result<(), Stopped> {
    match header.kind {
        SheetKind::Children => {
            let (mut run, rows) = b.start_children(sheet, header, &mut ds.children, extras);
            let out = &mut ds.children;
            each_row(b, rows, pauses, |b, idx| b.child_row(sheet, header, &mut run, idx, out, extras)).await
        }
        SheetKind::Placements | SheetKind::Events => {
            let ids: Option<crate::fxhash::FxSet<&str>> =
                has_children.then(|| ds.children.iter().map(|c| c.child_id.as_str()).collect());
            let ids = ids.as_ref();
            let (run, rows) = b.start_sheet(sheet, header);
            // Reserved at once: growing by doubling would hold up to twice the records at the peak.
            if header.kind == SheetKind::Placements {
                let out = &mut ds.placements;
                out.reserve(rows.clone().count());
                each_row(b, rows, pauses, |b, idx| b.placement_row(sheet, header, &run, idx, ids, out)).await
            } else {
                let out = &mut ds.events;
                out.reserve(rows.clone().count());
                each_row(b, rows, pauses, |b, idx| b.event_row(sheet, header, &run, idx, ids, out)).await
            }
        }
    }
}

/// Runs `row` on each of `rows`, calling the caller's pause whenever the builder's row count
/// says one is due; stops when a pause says so.
async fn each_row(
    b: &mut Builder<'_>,
    rows: std::ops::RangeInclusive<usize>,
    pauses: &mut dyn LoadPauses,
    mut row: impl FnMut(&mut Builder<'_>, usize),
) -> Result<(), Stopped> {
    for idx in rows {
        if let Some(done) = b.steps.row()
            && !pauses.pause(done).await
        {
            return Err(Stopped);
        }
        row(b, idx);
    }
    Ok(())
}

/// Warns when no kinship or at-home children appear: they are often left out of trackers because
/// their reviews run differently (docs/domain.md#data-quality).
fn warn_missing_groups(problems: &mut Vec<Problem>, ds: &Dataset, sheets: &[Sheet], chosen: &[(SheetKind, usize)]) {
    use crate::model::PlacementType;
    let Some(&(_, i)) = chosen.iter().find(|(k, _)| *k == SheetKind::Children) else { return };
    let typed: Vec<_> = ds.children.iter().filter_map(|c| c.placement_type.or(c.placement_type_at_start)).collect();
    if typed.len() < 10 {
        return;
    }
    for (p, what) in [(PlacementType::Kinship, "kinship"), (PlacementType::AtHome, "looked after at home")] {
        let has = typed.contains(&p) || ds.children.iter().any(|c| c.placement_type_at_start == Some(p));
        if !has {
            problems.push(Problem::sheet_note(
                &sheets[i].name,
                format!("no {what} children appear in the file: check whether they are recorded elsewhere"),
            ));
        }
    }
}

/// The first non-blank row of a sheet, for messages.
fn first_row_text(sheet: &Sheet) -> String {
    let Some(row) = sheet.rows.iter().find(|r| !r.iter().all(Cell::is_blank)) else { return String::new() };
    let cells: Vec<String> =
        row.iter().filter(|c| !c.is_blank()).take(6).map(|c| format!("'{}'", c.display().trim())).collect();
    cells.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_sheet_names() {
        assert_eq!(csv_sheet_name("C:\\data\\tracker 2025.csv"), "tracker 2025");
        assert_eq!(csv_sheet_name("/tmp/x.y.csv"), "x.y");
        assert_eq!(csv_sheet_name(".csv"), ".csv");
        assert_eq!(csv_sheet_name(""), "data");
    }

    #[test]
    fn an_unknown_destination_sends_the_user_to_the_columns_screen() {
        let csv = |dest: &str| {
            format!(
                "child_id,last_accommodated_date,ceased_looked_after_date,destination\nA,01/01/2020,01/01/2021,{dest}\n"
            )
        };
        let known = load(csv("Adopted").as_bytes(), "t.csv", &LoadOptions::default()).unwrap();
        assert!(!known.needs_mapping());
        let unknown = load(csv("Moved to Mars").as_bytes(), "t.csv", &LoadOptions::default()).unwrap();
        assert!(unknown.needs_mapping());
        // A mapping that decides it (even as "not known") settles it.
        let mut mapping = unknown.mapping();
        mapping.destinations.insert("Moved to Mars".into(), Some(crate::model::Destination::NotKnown));
        let opts = LoadOptions { mapping: Some(mapping), ..LoadOptions::default() };
        assert!(!load(csv("Moved to Mars").as_bytes(), "t.csv", &opts).unwrap().needs_mapping());
    }

    /// Records every pause's share done; yields once at each (as the page does) unless told to
    /// stop at the `stop_at`th pause.
    struct Recorder {
        seen: Vec<f64>,
        stop_at: Option<usize>,
    }

    impl LoadPauses for Recorder {
        fn pause(&mut self, done: f64) -> std::pin::Pin<Box<dyn Future<Output = bool> + '_>> {
            self.seen.push(done);
            let go_on = self.stop_at != Some(self.seen.len());
            let mut yielded = false;
            Box::pin(std::future::poll_fn(move |_| {
                if yielded {
                    std::task::Poll::Ready(go_on)
                } else {
                    yielded = true;
                    std::task::Poll::Pending
                }
            }))
        }
    }

    fn children_csv(n: usize) -> Vec<u8> {
        let mut csv = String::from("Child ID,Date accommodated\n");
        for i in 0..n {
            csv.push_str(&format!("C{i},01/02/2021\n"));
        }
        csv.into_bytes()
    }

    #[test]
    fn a_load_pauses_every_1024_rows_with_the_share_done() {
        let (sheets, format) = read_sheets(&children_csv(3000), "t.csv").unwrap();
        let mut pauses = Recorder { seen: Vec::new(), stop_at: None };
        let stepped =
            run_to_end(load_sheets_in_steps(sheets.clone(), format.clone(), &LoadOptions::default(), &mut pauses))
                .unwrap();
        // By hand: the sheet has 3,001 rows (the header and 3,000 children); the 3,000 data rows
        // are stepped through, pausing after the 1,024th and the 2,048th: 1024 / 3001 = 0.3412
        // and 2048 / 3001 = 0.6824.
        assert_eq!(pauses.seen.len(), 2);
        assert!((pauses.seen[0] - 0.3412).abs() < 1e-4, "{:?}", pauses.seen);
        assert!((pauses.seen[1] - 0.6824).abs() < 1e-4, "{:?}", pauses.seen);
        // Yielding at every pause changes nothing in what is read.
        let whole = load_sheets(sheets, format, &LoadOptions::default()).unwrap();
        assert_eq!(stepped, whole);
        assert_eq!(whole.dataset.children.len(), 3000);
        assert_eq!(whole.dataset.children[2999].child_id, "C2999");
    }

    #[test]
    fn a_pause_that_says_stop_cancels_the_load() {
        let (sheets, format) = read_sheets(&children_csv(3000), "t.csv").unwrap();
        let mut pauses = Recorder { seen: Vec::new(), stop_at: Some(2) };
        let out = run_to_end(load_sheets_in_steps(sheets, format, &LoadOptions::default(), &mut pauses));
        assert_eq!(out, Err(LoadError::Cancelled));
        assert_eq!(pauses.seen.len(), 2, "no pause after the one that said stop");
        assert_eq!(LoadError::Cancelled.to_string(), "the load was cancelled");
    }

    #[test]
    fn smallest_file_loads() {
        let out = load(b"Child ID,Date accommodated\nA1,01/02/2021\n", "t.csv", &LoadOptions::default()).unwrap();
        assert_eq!(out.dataset.children.len(), 1);
        assert_eq!(out.report.rows.rows_read, 2);
        assert!(out.report.rows.adds_up());
        assert_eq!(out.sheets[0].name, "t");
    }
}
