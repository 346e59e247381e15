//! The .xlsx worksheet reader of our own (docs/architecture.md#speed).
//!
//! calamine read a national workbook's sheets through a buffered XML reader that copied every
//! event, and turned every shared-string cell into a new `String`; that was most of the time of a
//! 100,000-child check. This reader inflates the workbook-wide parts one at a time into memory
//! with the `zip` crate (the declared sizes were checked first, `workbook::check_zip`) and each
//! worksheet a window at a time ([`WINDOW`]), walks them with the borrowed scanner of
//! [`super::xlsx_xml`], and makes each shared string's cell once, cloning it into the cells that
//! use it.
//!
//! It follows calamine 0.38's XLSX rules so that the sheets are the same (calamine stays the
//! oracle in the tests, and the reader of XLSB, XLS and ODS):
//! - the workbook is found through `_rels/.rels`; its sheets come from `workbook.xml` in order,
//!   through `_rels/workbook.xml.rels`, keeping worksheets and skipping chart, dialog and macro
//!   sheets; part names are matched without regard to case;
//! - shared strings and inline strings join rich-text runs (`<r><t>`), skip phonetic runs
//!   (`<rPh>`), trim the ends of a `<t>` unless it has `xml:space="preserve"`, and replace
//!   entities and Excel's `_xHHHH_` escapes;
//! - a cell's number format (from `styles.xml`: `cellXfs` to `numFmtId`, then a custom format's
//!   code or the built-in table) tells a date or a duration from a number, by calamine's rules;
//! - cell types `s`, `inlineStr`, `str`, `b`, `e`, `n` (or none) and `d`; formulas give their
//!   cached value; cells and rows without an `r` attribute take the next position.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use calamine::{Data, ExcelDateTime, ExcelDateTimeType};

use super::limits::{LimitError, check_cell};
use super::table::{Cell, Sheet};
use super::workbook::{Grid, WorkbookError, XLSX_NAME, convert, iso_date};
use super::xlsx_xml::{
    Scanner, Token, XmlError, attr, attributes, attrs3, local, push_text, text, unescape_excel, utf8,
};

/// What a number format makes of a number (calamine's `CellFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumberKind {
    Plain,
    Date,
    Duration,
}

/// One shared string, made into a cell once. `long` keeps the text of a string over the cell
/// length limit (rare), so the limit error can name the cells that use it.
struct Shared {
    cell: Cell,
    long: Option<String>,
}

/// The workbook-wide parts a worksheet is read with.
struct Book {
    strings: Vec<Shared>,
    formats: Vec<NumberKind>,
    date1904: bool,
}

type Archive<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// Reads every worksheet of an .xlsx workbook, in workbook order, calling `on_sheet(read, total)`
/// after each.
pub(super) fn read_xlsx(bytes: &[u8], on_sheet: &mut dyn FnMut(usize, usize)) -> Result<Vec<Sheet>, WorkbookError> {
    let share = read_xlsx_share(bytes, Share::ALL, on_sheet)?;
    Ok(share.into_iter().map(|(_, sheet)| sheet).collect())
}

/// Which of a workbook's worksheets one reader reads, when `count` readers read it side by side
/// (docs/architecture.md#reading-a-workbook-in-two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Share {
    pub index: usize,
    pub count: usize,
}

impl Share {
    /// One reader reads every worksheet.
    pub const ALL: Share = Share { index: 0, count: 1 };
}

/// The reader (0 to `count - 1`) each worksheet goes to, given their unpacked sizes: the largest
/// first, each to the reader with the fewest bytes so far (the earlier reader on a tie), so the
/// shares are as even as whole sheets allow. Every reader works this out from the same
/// workbook, so they agree without talking to each other.
pub fn assign_shares(sizes: &[u64], count: usize) -> Vec<usize> {
    let count = count.max(1);
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&i| (std::cmp::Reverse(sizes[i]), i));
    let mut load = vec![0u64; count];
    let mut owner = vec![0; sizes.len()];
    for i in order {
        let reader = (0..count).min_by_key(|&r| (load[r], r)).unwrap_or(0);
        load[reader] += sizes[i];
        owner[i] = reader;
    }
    owner
}

/// Reads the worksheets of `share` (see [`assign_shares`]), each with its place in the workbook's
/// order, calling `on_sheet(read, total)` after each with the count of this share's sheets.
pub(super) fn read_xlsx_share(
    bytes: &[u8],
    share: Share,
    on_sheet: &mut dyn FnMut(usize, usize),
) -> Result<Vec<(usize, Sheet)>, WorkbookError> {
    let damaged = |detail: String| WorkbookError::Damaged { format: XLSX_NAME, detail };
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
    let names = part_names(&mut zip);
    let mut buf = Vec::new();
    let (book, sheets) = read_book(&mut zip, &names, &mut buf).map_err(|e| damaged(e.0))?;
    drop(buf);
    let sizes: Vec<u64> = sheets.iter().map(|(_, path)| part_size(&mut zip, &names, path)).collect();
    let owners = assign_shares(&sizes, share.count);
    let total = owners.iter().filter(|&&o| o == share.index).count();
    let mut out = Vec::with_capacity(total);
    for (place, (name, path)) in sheets.into_iter().enumerate().filter(|(k, _)| owners[*k] == share.index) {
        let unreadable = |e: XmlError| WorkbookError::SheetUnreadable { sheet: name.clone(), detail: e.0 };
        let Some(mut part) = open_part(&mut zip, &names, &path).map_err(unreadable)? else {
            return Err(unreadable(XmlError(format!("worksheet '{name}' not found"))));
        };
        let mut grid = Grid::new(&name);
        // A cell takes 30 to 40 bytes of XML (the declared size was checked against the limits
        // first); reserving up front saves copying the cells as they grow.
        grid.reserve(usize::try_from(part.size()).unwrap_or(0) / 30);
        read_sheet(&mut part, &book, &mut grid).map_err(|e| match e {
            SheetError::Limit(l) => WorkbookError::Limit(l),
            SheetError::Xml(x) => unreadable(x),
        })?;
        drop(part);
        out.push((place, grid.into_sheet(book.date1904)?));
        on_sheet(out.len(), total);
    }
    Ok(out)
}

/// The unpacked size the zip directory declares for the part at `path` (0 when it is missing).
fn part_size(zip: &mut Archive<'_>, names: &HashMap<String, usize>, path: &str) -> u64 {
    names.get(&path.to_ascii_lowercase()).and_then(|&i| zip.by_index_raw(i).ok().map(|f| f.size())).unwrap_or(0)
}

/// The zip's part names, lower-cased with `/` separators, to their index (calamine matches part
/// names without regard to case).
fn part_names(zip: &mut Archive<'_>) -> HashMap<String, usize> {
    let mut names = HashMap::with_capacity(zip.len());
    for i in 0..zip.len() {
        if let Ok(Ok(name)) = zip.by_index_raw(i).map(|f| f.name().map(|n| n.replace('\\', "/"))) {
            names.insert(name.to_ascii_lowercase(), i);
        }
    }
    names
}

/// The part at `path`, ready to inflate; `Ok(None)` when the workbook has no such part.
fn open_part<'z, 'a>(
    zip: &'z mut Archive<'a>,
    names: &HashMap<String, usize>,
    path: &str,
) -> Result<Option<zip::read::ZipFile<'z, Cursor<&'a [u8]>>>, XmlError> {
    let Some(&index) = names.get(&path.to_ascii_lowercase()) else { return Ok(None) };
    zip.by_index(index).map(Some).map_err(|e| XmlError(e.to_string()))
}

/// Inflates the part at `path` into `buf`; `Ok(false)` when the workbook has no such part.
fn read_part(
    zip: &mut Archive<'_>,
    names: &HashMap<String, usize>,
    path: &str,
    buf: &mut Vec<u8>,
) -> Result<bool, XmlError> {
    let Some(mut file) = open_part(zip, names, path)? else { return Ok(false) };
    buf.clear();
    // The declared size was checked against the limits before anything was inflated.
    buf.reserve(usize::try_from(file.size()).unwrap_or(0));
    file.read_to_end(buf).map_err(|e| XmlError(e.to_string()))?;
    Ok(true)
}

/// Reads the workbook-wide parts, as calamine's `Xlsx::new` does and in its order: the package
/// relationships, shared strings, styles, the workbook's relationships and the workbook. Gives
/// the worksheets' names and part paths in workbook order.
fn read_book(
    zip: &mut Archive<'_>,
    names: &HashMap<String, usize>,
    buf: &mut Vec<u8>,
) -> Result<(Book, Vec<(String, String)>), XmlError> {
    if !read_part(zip, names, "_rels/.rels", buf)? {
        return Err(XmlError("the package relationships (_rels/.rels) are missing".into()));
    }
    let (dir, workbook_name) = office_document(buf)?;
    let strings =
        if read_part(zip, names, &format!("{dir}sharedStrings.xml"), buf)? { shared_strings(buf)? } else { Vec::new() };
    let formats =
        if read_part(zip, names, &format!("{dir}styles.xml"), buf)? { number_kinds(buf)? } else { Vec::new() };
    let rels_path = format!("{dir}_rels/{workbook_name}.rels");
    if !read_part(zip, names, &rels_path, buf)? {
        return Err(XmlError(format!("{rels_path} is missing")));
    }
    let relationships = relationships(buf)?;
    let (sheets, date1904) = if read_part(zip, names, &format!("{dir}{workbook_name}"), buf)? {
        worksheets(buf, &relationships, &dir)?
    } else {
        (Vec::new(), false)
    };
    Ok((Book { strings, formats, date1904 }, sheets))
}

/// The folder (with its trailing `/`) and file name of the workbook part, from `_rels/.rels`.
fn office_document(xml: &[u8]) -> Result<(String, String), XmlError> {
    let mut s = Scanner::new(xml);
    let mut target = None;
    loop {
        match s.next_token()? {
            Some(Token::Start { name, attrs, .. }) if local(name) == b"Relationship" => {
                let is_doc = attr(attrs, b"Type").is_some_and(|t| t.ends_with(b"/relationships/officeDocument"));
                if let (true, Some(t)) = (is_doc, attr(attrs, b"Target")) {
                    target = Some(text(t, false)?.into_owned());
                }
            }
            Some(Token::End { name }) if local(name) == b"Relationships" => break,
            Some(_) => {}
            None => return Err(XmlError("the package relationships end early".into())),
        }
    }
    let Some(target) = target else { return Ok(("xl/".into(), "workbook.xml".into())) };
    let (dir, name) = match target.rfind('/') {
        Some(i) => target.split_at(i + 1),
        None => ("", target.as_str()),
    };
    let name = if name.is_empty() { "workbook.xml" } else { name };
    Ok((dir.strip_prefix('/').unwrap_or(dir).to_string(), name.to_string()))
}

/// The workbook's relationships: id to (target, type), raw as calamine kept them.
fn relationships(xml: &[u8]) -> Result<HashMap<String, (String, String)>, XmlError> {
    let mut s = Scanner::new(xml);
    let mut out = HashMap::new();
    loop {
        match s.next_token()? {
            Some(Token::Start { name, attrs, .. }) if local(name) == b"Relationship" => {
                if let Some(id) = attr(attrs, b"Id") {
                    let owned =
                        |v: Option<&[u8]>| v.map(|v| String::from_utf8_lossy(v).into_owned()).unwrap_or_default();
                    out.insert(owned(Some(id)), (owned(attr(attrs, b"Target")), owned(attr(attrs, b"Type"))));
                }
            }
            Some(Token::End { name }) if local(name) == b"Relationships" => return Ok(out),
            Some(_) => {}
            None => return Err(XmlError("the workbook's relationships end early".into())),
        }
    }
}

/// The worksheets of `workbook.xml` (name and part path) in order, and the 1904 flag.
fn worksheets(
    xml: &[u8],
    relationships: &HashMap<String, (String, String)>,
    dir: &str,
) -> Result<(Vec<(String, String)>, bool), XmlError> {
    let mut s = Scanner::new(xml);
    let (mut sheets, mut date1904) = (Vec::new(), false);
    loop {
        match s.next_token()? {
            Some(Token::Start { name, attrs, .. }) if local(name) == b"sheet" => {
                let mut sheet_name = String::new();
                let mut rel_id: &[u8] = b"";
                for (key, value) in attributes(attrs) {
                    if key == b"name" {
                        sheet_name = text(value, false)?.into_owned();
                    } else if local(key) == b"id" {
                        rel_id = value;
                    }
                }
                let rel_id = utf8(rel_id)?;
                let (target, typ) =
                    relationships.get(rel_id).ok_or_else(|| XmlError("a sheet's relationship is missing".into()))?;
                let path = match target.strip_prefix('/') {
                    Some(absolute) => absolute.to_string(),
                    None => format!("{dir}{target}"),
                };
                match typ.rsplit('/').next() {
                    Some("worksheet") => sheets.push((sheet_name, path)),
                    Some("chartsheet" | "dialogsheet" | "xlMacrosheet" | "xlIntlMacrosheet") => {}
                    _ => return Err(XmlError(format!("unrecognised sheet type for {path}"))),
                }
            }
            Some(Token::Start { name, attrs, .. }) if local(name) == b"workbookPr" => {
                if let Some(v) = attr(attrs, b"date1904") {
                    date1904 = v == b"1" || v == b"true";
                }
            }
            Some(Token::End { name }) if local(name) == b"workbook" => return Ok((sheets, date1904)),
            Some(_) => {}
            None => return Err(XmlError("the workbook part ends early".into())),
        }
    }
}

/// The shared strings table, each string made into its cell once.
fn shared_strings(xml: &[u8]) -> Result<Vec<Shared>, XmlError> {
    let mut s = Scanner::new(xml);
    let mut out = Vec::new();
    loop {
        match s.next_token()? {
            Some(Token::Start { name, attrs, .. }) if local(name) == b"sst" => {
                if let Some(n) = attr(attrs, b"uniqueCount").and_then(|n| utf8(n).ok()?.parse::<usize>().ok()) {
                    // A hint only: a hostile count must not reserve gigabytes.
                    out.reserve(n.min(xml.len() / 8));
                }
                break;
            }
            Some(_) => {}
            None => return Err(XmlError("the shared strings end before <sst>".into())),
        }
    }
    loop {
        match s.next_token()? {
            Some(Token::Start { name, .. }) if local(name) == b"si" => {
                let value = rich_text(&mut s, name)?;
                let long = check_cell(&value, "", 1, 0).is_err().then(|| value.clone());
                out.push(Shared { cell: Cell::Text(value.as_str().into()), long });
            }
            Some(Token::End { name }) if local(name) == b"sst" => return Ok(out),
            Some(_) => {}
            None => return Err(XmlError("the shared strings end before </sst>".into())),
        }
    }
}

/// The text of a string item (`<si>` or `<is>`, already opened as `closing`): its `<t>`, or its
/// rich-text runs joined, phonetic runs (`<rPh>`) left out, as Excel shows it.
fn rich_text(s: &mut Scanner<'_>, closing: &[u8]) -> Result<String, XmlError> {
    let mut value: Option<String> = None;
    let mut phonetic = false;
    loop {
        match s.next_token()? {
            Some(Token::Start { name, .. }) if local(name) == b"r" && value.is_none() => value = Some(String::new()),
            Some(Token::Start { name, .. }) if local(name) == b"rPh" => phonetic = true,
            Some(Token::End { name }) if name == closing => return Ok(value.unwrap_or_default()),
            Some(Token::End { name }) if local(name) == b"rPh" => phonetic = false,
            Some(Token::Start { name, attrs, .. }) if local(name) == b"t" && !phonetic => {
                let preserve = attr(attrs, b"xml:space") == Some(b"preserve");
                let mut t = String::new();
                read_t(s, name, &mut t)?;
                let kept = if preserve { t.as_str() } else { t.trim_matches([' ', '\t', '\r', '\n']) };
                let kept = unescape_excel(kept);
                match &mut value {
                    Some(v) => v.push_str(&kept),
                    None => value = Some(kept.into_owned()),
                }
            }
            Some(_) => {}
            None => return Err(XmlError("the document ends inside a string".into())),
        }
    }
}

/// The content of a `<t>` element up to its end tag: text and CDATA, entities replaced.
fn read_t(s: &mut Scanner<'_>, name: &[u8], out: &mut String) -> Result<(), XmlError> {
    loop {
        match s.next_token()? {
            Some(Token::Text(raw)) => push_text(raw, out, true)?,
            Some(Token::CData(raw)) => push_text_cdata(raw, out)?,
            Some(Token::End { name: n }) if n == name => return Ok(()),
            Some(_) => {}
            None => return Err(XmlError("the document ends inside <t>".into())),
        }
    }
}

/// CDATA as text: no entities, but line ends read as `\n`.
fn push_text_cdata(raw: &[u8], out: &mut String) -> Result<(), XmlError> {
    let s = utf8(raw)?;
    if s.contains('\r') {
        out.push_str(&s.replace("\r\n", "\n").replace('\r', "\n"));
    } else {
        out.push_str(s);
    }
    Ok(())
}

/// The number kind of every cell format (`cellXfs`) of `styles.xml`, in order.
fn number_kinds(xml: &[u8]) -> Result<Vec<NumberKind>, XmlError> {
    let mut s = Scanner::new(xml);
    let mut custom: HashMap<Vec<u8>, String> = HashMap::new();
    let mut out = Vec::new();
    let mut section: &[u8] = b"";
    loop {
        match s.next_token()? {
            Some(Token::Start { name, .. }) if matches!(local(name), b"numFmts" | b"cellXfs") && section.is_empty() => {
                section = local(name);
            }
            Some(Token::End { name }) if local(name) == section => section = b"",
            Some(Token::Start { name, attrs, .. }) if section == b"numFmts" && local(name) == b"numFmt" => {
                if let (Some(id), Some(code)) = (attr(attrs, b"numFmtId"), attr(attrs, b"formatCode")) {
                    custom.insert(id.to_vec(), text(code, false)?.into_owned());
                }
            }
            Some(Token::Start { name, attrs, .. }) if section == b"cellXfs" && local(name) == b"xf" => {
                out.push(match attr(attrs, b"numFmtId") {
                    None => NumberKind::Plain,
                    Some(id) => match custom.get(id) {
                        Some(code) => custom_kind(code),
                        None => builtin_kind(id),
                    },
                });
            }
            Some(Token::End { name }) if local(name) == b"styleSheet" => return Ok(out),
            Some(_) => {}
            None => return Err(XmlError("the styles part ends early".into())),
        }
    }
}

/// The built-in number formats that are dates or times (ECMA-376 18.8.30, and the East Asian
/// ones, which vary by locale), and the one duration, `[h]:mm:ss` (46). calamine's table.
fn builtin_kind(id: &[u8]) -> NumberKind {
    match id {
        b"14" | b"15" | b"16" | b"17" | b"18" | b"19" | b"20" | b"21" | b"22" | b"45" | b"47" => NumberKind::Date,
        b"27" | b"28" | b"29" | b"30" | b"31" | b"32" | b"33" | b"34" | b"35" | b"36" | b"50" | b"51" | b"52"
        | b"53" | b"54" | b"55" | b"56" | b"57" | b"58" => NumberKind::Date,
        b"46" => NumberKind::Duration,
        _ => NumberKind::Plain,
    }
}

/// Whether a custom format code shows a date, a duration or a plain number. Only the first
/// section (before `;`) counts; quoted text, escaped characters (`\`, `_`, `*` take the next
/// character literally) and bracketed parts (`[Red]`, `[$-404]`) are not date letters, but an
/// elapsed-time bracket (`[h]`, `[mm]`, `[s]`) makes a duration. Follows calamine's rules.
fn custom_kind(code: &str) -> NumberKind {
    let (mut escaped, mut quoted, mut ampm, mut elapsed) = (false, false, false, false);
    let mut brackets = 0u8;
    let mut prev = ' ';
    for c in code.chars() {
        if escaped {
            escaped = false;
        } else if matches!(c, '_' | '\\' | '*') {
            escaped = true;
        } else if quoted {
            quoted = c != '"';
        } else if c == '"' {
            quoted = true;
        } else if c == ';' {
            return NumberKind::Plain;
        } else if c == '[' {
            brackets = brackets.saturating_add(1);
        } else if c == ']' && brackets == 1 && elapsed {
            return NumberKind::Duration;
        } else if c == ']' {
            brackets = brackets.saturating_sub(1);
        } else if brackets == 0 && !ampm && matches!(c, 'a' | 'A') {
            ampm = true;
        } else if brackets == 0
            && ((ampm && matches!(c, 'p' | 'm' | '/' | 'P' | 'M'))
                || (!ampm && matches!(c.to_ascii_lowercase(), 'd' | 'm' | 'h' | 'y' | 's')))
        {
            // After an 'a', the 'p' or 'm' of AM/PM (or a '/') is a time; otherwise any of
            // d, m, h, y, s is a date or time letter.
            return NumberKind::Date;
        } else if !(elapsed && c.eq_ignore_ascii_case(&prev)) {
            elapsed = prev == '[' && matches!(c.to_ascii_lowercase(), 'm' | 'h' | 's');
        }
        prev = c;
    }
    NumberKind::Plain
}

/// Why a worksheet could not be read.
#[derive(Debug)]
enum SheetError {
    Xml(XmlError),
    Limit(LimitError),
}

impl From<XmlError> for SheetError {
    fn from(e: XmlError) -> Self {
        SheetError::Xml(e)
    }
}

impl From<LimitError> for SheetError {
    fn from(e: LimitError) -> Self {
        SheetError::Limit(e)
    }
}

fn xml_err<T>(what: impl Into<String>) -> Result<T, SheetError> {
    Err(SheetError::Xml(XmlError(what.into())))
}

/// Bytes of a worksheet's XML inflated at a time. A national sheet's XML is larger than its
/// cells, so it is read a window at a time and never held whole (docs/architecture.md#speed).
const WINDOW: usize = 1 << 20;

/// A worksheet part being inflated, a window at a time.
struct Window<'r> {
    part: &'r mut dyn Read,
    /// Bytes read at a time: [`WINDOW`], or fewer in the tests.
    size: usize,
    bytes: Vec<u8>,
    /// True once the part has been read to its end (which checks its checksum).
    end: bool,
}

impl Window<'_> {
    /// Reads until the window holds `want` bytes or the part ends.
    fn fill(&mut self, want: usize) -> Result<(), XmlError> {
        let Some(need) = want.checked_sub(self.bytes.len()).filter(|&n| n > 0 && !self.end) else { return Ok(()) };
        let read =
            (&mut *self.part).take(need as u64).read_to_end(&mut self.bytes).map_err(|e| XmlError(e.to_string()))?;
        self.end = read < need;
        Ok(())
    }

    /// Drops the first `used` bytes and reads on: a window's worth, or twice as much as is left
    /// when nothing could be used (a piece larger than a window, or an error to be confirmed
    /// with the whole rest of the part).
    fn advance(&mut self, used: usize) -> Result<(), XmlError> {
        self.bytes.drain(..used);
        let want = if used == 0 { (2 * self.bytes.len()).max(self.size) } else { self.size };
        self.fill(want)
    }
}

/// Reads one worksheet part's cells into `grid`, inflating it a window at a time.
///
/// A window is read up to the last complete piece at the level of rows; the rest waits for the
/// next window. A piece cut off by the window's end reads as an error (a tag or a cell that does
/// not end), so while the part has more to give every error is taken for a cut piece, and only
/// an error that remains with the part read to its end is reported: the sheet reads exactly as
/// it would whole.
fn read_sheet(part: &mut dyn Read, book: &Book, grid: &mut Grid<'_>) -> Result<(), SheetError> {
    read_sheet_in_windows(part, book, grid, WINDOW)
}

/// [`read_sheet`] with windows of `size` bytes.
fn read_sheet_in_windows(part: &mut dyn Read, book: &Book, grid: &mut Grid<'_>, size: usize) -> Result<(), SheetError> {
    let mut w = Window { part, size, bytes: Vec::with_capacity(size), end: false };
    w.fill(size)?;
    let start = loop {
        match (prologue(&w.bytes), w.end) {
            (Ok(start @ Some(_)), _) => break start,
            (Ok(None), true) => break None,
            (Err(e), true) => return Err(e),
            // Cut short by the window's end, or no sheet data yet: read on.
            (_, false) => w.advance(0)?,
        }
    };
    if let Some(mut from) = start {
        let mut at = (0u32, 0u32);
        loop {
            match rows(&w.bytes[from..], w.end, book, grid, &mut at)? {
                Step::Done => break,
                Step::More(used) => w.advance(from + used)?,
            }
            from = 0;
        }
    }
    // The rest of the part is read, unused, so its checksum is checked as before.
    std::io::copy(w.part, &mut std::io::sink()).map_err(|e| XmlError(e.to_string()))?;
    Ok(())
}

/// Up to `<sheetData>`: `Some(offset)` just after its start tag, or `None` for a part with
/// elements but no sheet data (calamine read that as empty), or sheet data written as the empty
/// element `<sheetData/>`. A part with no element at all is damaged.
fn prologue(xml: &[u8]) -> Result<Option<usize>, SheetError> {
    let mut s = Scanner::new(xml);
    let mut any = false;
    loop {
        match s.next_token()? {
            Some(Token::Start { name, empty: true, .. }) if local(name) == b"sheetData" => return Ok(None),
            Some(Token::Start { name, .. }) if local(name) == b"sheetData" => return Ok(Some(s.position())),
            Some(Token::Start { .. }) => any = true,
            Some(_) => {}
            None if any => return Ok(None),
            None => return xml_err("the worksheet has no content"),
        }
    }
}

/// How far [`rows`] got through a window.
enum Step {
    /// `</sheetData>` was read.
    Done,
    /// The first `n` bytes were read; the rest is a piece cut off by the window's end.
    More(usize),
}

/// Reads the rows and cells in `xml` (part of `<sheetData>`; `last` when it runs to the part's
/// end), with `at` the position of the next cell without a reference.
fn rows(xml: &[u8], last: bool, book: &Book, grid: &mut Grid<'_>, at: &mut (u32, u32)) -> Result<Step, SheetError> {
    let mut s = Scanner::new(xml);
    loop {
        // Where the next piece starts: no empty element's end tag is owed here.
        let piece = s.position();
        let token = match s.next_token() {
            Err(_) if !last => return Ok(Step::More(piece)),
            other => other?,
        };
        match token {
            Some(Token::Start { name, attrs, .. }) => match local(name) {
                b"row" => {
                    if let Some(r) = attr(attrs, b"r") {
                        at.0 = cell_ref(r)?.0;
                    }
                }
                b"c" => {
                    let [r, style, typ] = attrs3(attrs, [b"r", b"s", b"t"]);
                    let pos = match r {
                        Some(r) => match cell_ref(r)? {
                            (r, Some(c)) => (r, c),
                            (_, None) => return xml_err("a cell reference has no column"),
                        },
                        None => *at,
                    };
                    match read_cell(&mut s, name, (style, typ), pos, book, grid) {
                        Err(SheetError::Xml(_)) if !last => return Ok(Step::More(piece)),
                        other => other?,
                    }
                    at.1 = pos.1.saturating_add(1);
                }
                _ => {}
            },
            Some(Token::End { name }) => match local(name) {
                b"row" => *at = (at.0.saturating_add(1), 0),
                b"sheetData" => return Ok(Step::Done),
                _ => {}
            },
            Some(_) => {}
            None if last => return xml_err("the worksheet ends inside <sheetData>"),
            None => return Ok(Step::More(s.position())),
        }
    }
}

/// A cell reference (`B12`, or a row number alone) as a 0-based (row, column).
fn cell_ref(r: &[u8]) -> Result<(u32, Option<u32>), SheetError> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let mut col = 0u32;
    for &b in &r[..letters] {
        col = col.saturating_mul(26).saturating_add(u32::from(b.to_ascii_uppercase() - b'A') + 1);
    }
    let mut row = 0u32;
    for &b in &r[letters..] {
        if !b.is_ascii_digit() {
            return xml_err(format!("'{}' is not a cell reference", String::from_utf8_lossy(r)));
        }
        row = row.saturating_mul(10).saturating_add(u32::from(b - b'0'));
    }
    let Some(row) = row.checked_sub(1) else {
        return xml_err(format!("'{}' has no row number", String::from_utf8_lossy(r)));
    };
    Ok((row, col.checked_sub(1)))
}

/// Reads one `<c>` element (its start tag already read, with its `s` and `t` attributes) and adds
/// its value to the grid.
fn read_cell(
    s: &mut Scanner<'_>,
    c_name: &[u8],
    (style, typ): (Option<&[u8]>, Option<&[u8]>),
    pos: (u32, u32),
    book: &Book,
    grid: &mut Grid<'_>,
) -> Result<(), SheetError> {
    let value = match s.simple_value(c_name) {
        Some(text) => v_value(utf8(text)?, style, typ, book)?,
        None => cell_children(s, c_name, style, typ, book)?,
    };
    let (row, col) = pos;
    let cell = match value {
        Value::Empty => return Ok(()),
        Value::Shared(i) => {
            let shared = &book.strings[i];
            if let Some(long) = &shared.long {
                check_cell(long, grid.name(), row as usize + 1, col as usize)?;
            }
            shared.cell.clone()
        }
        Value::Text(t) => {
            check_cell(&t, grid.name(), row as usize + 1, col as usize)?;
            Cell::Text(t.as_str().into())
        }
        Value::IsoDate(t) => {
            check_cell(&t, grid.name(), row as usize + 1, col as usize)?;
            iso_date(&t)
        }
        Value::Cell(c) => c,
    };
    grid.push(pos, cell)?;
    Ok(())
}

/// The value of a cell of any shape, from its children up to its end tag. As in calamine, every
/// `<v>`, `<is>` or `<f>` child sets the value in turn (a formula's `<f>` comes before its cached
/// `<v>`).
fn cell_children(
    s: &mut Scanner<'_>,
    c_name: &[u8],
    style: Option<&[u8]>,
    typ: Option<&[u8]>,
    book: &Book,
) -> Result<Value, SheetError> {
    let mut value = Value::Empty;
    loop {
        match s.next_token()? {
            Some(Token::Start { name, .. }) => {
                value = match local(name) {
                    b"is" => Value::Text(rich_text(s, name)?),
                    b"f" => {
                        s.skip_to_end(name)?;
                        Value::Empty
                    }
                    b"v" if matches!(typ, Some(b"inlineStr" | b"is")) => {
                        s.skip_to_end(name)?;
                        Value::Empty
                    }
                    b"v" => read_v(s, name, style, typ, book)?,
                    _ => return xml_err("a cell holds an element other than v, f or is"),
                };
            }
            Some(Token::End { name }) if name == c_name => return Ok(value),
            Some(_) => {}
            None => return xml_err("the worksheet ends inside a cell"),
        }
    }
}

/// A cell's value as read, before the limits are checked.
enum Value {
    Empty,
    Shared(usize),
    Text(String),
    IsoDate(String),
    Cell(Cell),
}

/// Reads a `<v>` element (its start tag already read, not empty) as calamine did: numbers,
/// shared-string indexes, booleans and errors from the raw text before any entity; `str` and `d`
/// values with entities replaced.
fn read_v(
    s: &mut Scanner<'_>,
    name: &[u8],
    style: Option<&[u8]>,
    typ: Option<&[u8]>,
    book: &Book,
) -> Result<Value, SheetError> {
    if matches!(typ, None | Some(b"n" | b"s" | b"b" | b"e")) {
        // The text before any entity, as calamine read it; a value that starts with an entity or
        // CDATA was empty to it.
        let raw = match s.next_token()? {
            Some(Token::Text(raw)) => &raw[..memchr::memchr(b'&', raw).unwrap_or(raw.len())],
            Some(Token::End { name: n }) if n == name => return Ok(Value::Empty),
            Some(_) => b"",
            None => return xml_err("the worksheet ends inside <v>"),
        };
        s.skip_to_end(name)?;
        return v_value(utf8(raw)?, style, typ, book);
    }
    let mut v = String::new();
    loop {
        match s.next_token()? {
            Some(Token::Text(raw)) => push_text(raw, &mut v, true)?,
            Some(Token::End { name: n }) if n == name => break,
            Some(_) => {}
            None => return xml_err("the worksheet ends inside <v>"),
        }
    }
    v_value(&v, style, typ, book)
}

/// A cell's value from the text of its `<v>` (entities already replaced) and its type.
fn v_value(v: &str, style: Option<&[u8]>, typ: Option<&[u8]>, book: &Book) -> Result<Value, SheetError> {
    match typ {
        None | Some(b"n" | b"s" | b"b" | b"e") if v.is_empty() => Ok(Value::Empty),
        None | Some(b"n" | b"s" | b"b" | b"e") => plain_value(v, style, typ, book),
        // An inline string's value is in its <is>; a <v> beside it is ignored.
        Some(b"inlineStr" | b"is") => Ok(Value::Empty),
        Some(b"str") => Ok(Value::Text(unescape_excel(v).into_owned())),
        Some(b"d") => Ok(Value::IsoDate(v.to_string())),
        Some(other) => xml_err(format!("unknown cell type t=\"{}\"", String::from_utf8_lossy(other))),
    }
}

/// The value of a number, shared-string, boolean or error cell from its `<v>` text.
fn plain_value(v: &str, style: Option<&[u8]>, typ: Option<&[u8]>, book: &Book) -> Result<Value, SheetError> {
    match typ {
        Some(b"s") => {
            let i = v.parse::<usize>().unwrap_or(0);
            if i >= book.strings.len() {
                return xml_err("a cell's shared string index is past the shared strings table");
            }
            Ok(Value::Shared(i))
        }
        Some(b"b") => match v.trim() {
            "" => Ok(Value::Empty),
            "0" => Ok(Value::Cell(Cell::Bool(false))),
            "1" => Ok(Value::Cell(Cell::Bool(true))),
            t if t.eq_ignore_ascii_case("false") => Ok(Value::Cell(Cell::Bool(false))),
            t if t.eq_ignore_ascii_case("true") => Ok(Value::Cell(Cell::Bool(true))),
            _ => xml_err(format!("'{v}' is not a boolean cell value")),
        },
        Some(b"e") => match v {
            "#DIV/0!" | "#N/A" | "#NAME?" | "#NULL!" | "#NUM!" | "#REF!" | "#VALUE!" => {
                Ok(Value::Cell(Cell::Error(v.into())))
            }
            _ => xml_err(format!("'{v}' is not a cell error")),
        },
        _ => {
            let Ok(n) = v.parse::<f64>() else {
                return match typ {
                    None => Ok(Value::Text(v.to_string())),
                    _ => xml_err(format!("'{v}' is not a number")),
                };
            };
            // A style index that does not parse is style 0; one past the table is no format.
            let kind = match style {
                Some(id) => book.formats.get(utf8(id).ok().and_then(|s| s.parse().ok()).unwrap_or(0)).copied(),
                None => Some(NumberKind::Plain),
            };
            Ok(Value::Cell(match kind {
                Some(NumberKind::Date) => {
                    convert(&Data::DateTime(ExcelDateTime::new(n, ExcelDateTimeType::DateTime, book.date1904)))
                }
                _ => Cell::Number(n),
            }))
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn worksheets_are_shared_out_largest_first_to_the_least_loaded_reader() {
        use super::assign_shares;
        // By hand, sizes 57, 35, 48 and 1 to two readers: 57 to reader 0 (both empty, the
        // earlier wins); 48 to reader 1 (0 < 57); 35 to reader 1 (48 < 57); 1 to reader 0
        // (57 < 83). Reader 0 reads 58, reader 1 reads 83.
        assert_eq!(assign_shares(&[57, 35, 48, 1], 2), [0, 1, 1, 0]);
        // Equal sizes alternate, the earlier sheet first.
        assert_eq!(assign_shares(&[5, 5, 5], 2), [0, 1, 0]);
        // One reader reads everything; no sheets, no owners.
        assert_eq!(assign_shares(&[3, 9], 1), [0, 0]);
        assert_eq!(assign_shares(&[], 2), Vec::<usize>::new());
    }

    use super::*;

    /// A sheet of every shape of row and cell, read whole and in windows of every size from one
    /// byte: each cut lands somewhere else (inside a tag, a value, a comment, a CDATA section
    /// holding `</row>`, between an empty element and its owed end tag), and every reading must
    /// give the same grid, or the same error.
    #[test]
    fn a_sheet_reads_the_same_in_windows_of_any_size() {
        let strings = shared_strings(
            b"<sst><si><t>Child ID</t></si><si><r><t>rich </t></r><r><t>run</t></r></si><si><t>a &amp; b</t></si></sst>",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let book = Book { strings, formats: vec![NumberKind::Plain, NumberKind::Date], date1904: false };
        let sheet = |rows: &str| {
            format!(
                "<?xml version=\"1.0\"?><worksheet><dimension ref=\"A1:E6\"/><cols><col min=\"1\"/></cols>\
                 <sheetData>{rows}</sheetData><pageMargins left=\"0.7\"/></worksheet>"
            )
        };
        let good = sheet(
            "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c></row>\
             <row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t xml:space=\"preserve\"> 007 </t></is></c>\
             <c r=\"B2\" s=\"1\"><v>44197</v></c><c r=\"C2\"/><c r=\"D2\" t=\"str\"><f>X()</f><v>&lt;x&gt;</v></c></row>\
             <!-- a comment with </row> in it --><row/>\
             <row><c><v>1.5</v></c><c t=\"s\"><v>2</v></c><c t=\"inlineStr\"><is><t><![CDATA[</row>]]></t></is></c></row>\
             <row r=\"6\"><c r=\"E6\" t=\"b\"><v>1</v></c><c r=\"A6\" t=\"e\"><v>#N/A</v></c></row>",
        );
        let broken = sheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\"><v>2</v>");
        // By hand: the good sheet reads (the CDATA cell's text is `</row>`); in the broken one the
        // last cell runs on into the elements after the sheet data.
        // Sheet data as an empty element (how writers often give an empty sheet): no rows.
        let empty = "<worksheet><dimension ref=\"A1\"/><sheetData/><pageMargins left=\"0.7\"/></worksheet>".to_string();
        let expected = [
            r#"Text(" 007 "), DateTime(2021-01-01T00:00:00)"#,
            "a cell holds an element other than v, f or is",
            "Ok(Ok(Sheet { name: \"S\", rows: [], first_row: 1",
        ];
        for (xml, expected) in [good, broken, empty].into_iter().zip(expected) {
            let read = |size: usize| {
                let mut grid = Grid::new("S");
                let mut part = xml.as_bytes();
                read_sheet_in_windows(&mut part, &book, &mut grid, size).map(|()| grid.into_sheet(false))
            };
            let whole = format!("{:?}", read(xml.len()));
            assert!(whole.contains(expected), "{whole}");
            for size in 1..xml.len() {
                assert_eq!(format!("{:?}", read(size)), whole, "windows of {size} bytes");
            }
        }
    }

    #[test]
    fn custom_formats_follow_calamines_rules() {
        // Each worked by hand from the rules in `custom_kind`'s comment.
        for (code, kind) in [
            ("DD/MM/YY", NumberKind::Date),
            ("dd/mm/yyyy", NumberKind::Date),
            ("H:MM:SS;@", NumberKind::Date),
            ("#,##0\\ [$\\u20bd-46D]", NumberKind::Plain),
            ("m\"M\"d\"D\";@", NumberKind::Date),
            ("[h]:mm:ss", NumberKind::Duration),
            ("[mm]", NumberKind::Duration),
            ("\"Y: \"0.00\"m\";\"Y: \"-0.00\"m\";\"Y: <num>m\";@", NumberKind::Plain),
            ("\"$\"#,##0_);[Red](\"$\"#,##0)", NumberKind::Plain),
            ("[$-404]e\"\\xfc\"m\"\\xfc\"d\"\\xfc\"", NumberKind::Date),
            ("\\Y000000", NumberKind::Plain),
            ("[>=100][Magenta].00", NumberKind::Plain),
            ("[>=100][Magenta][s].00", NumberKind::Duration),
            ("ha/p\\\\m", NumberKind::Date),
            ("#,##0*y", NumberKind::Plain),
            ("*-yyyy-mm-dd", NumberKind::Date),
            ("0.00", NumberKind::Plain),
            ("@", NumberKind::Plain),
        ] {
            assert_eq!(custom_kind(code), kind, "{code}");
        }
        assert_eq!(builtin_kind(b"14"), NumberKind::Date);
        assert_eq!(builtin_kind(b"46"), NumberKind::Duration);
        assert_eq!(builtin_kind(b"49"), NumberKind::Plain);
        assert_eq!(builtin_kind(b"0"), NumberKind::Plain);
    }

    #[test]
    fn cell_references() {
        // A1 is (0, 0); AA10 is row 9, column 26 (A..Z are 0..25); a row alone has no column.
        assert!(matches!(cell_ref(b"A1"), Ok((0, Some(0)))));
        assert!(matches!(cell_ref(b"aa10"), Ok((9, Some(26)))));
        assert!(matches!(cell_ref(b"XFD1048576"), Ok((1_048_575, Some(16_383)))));
        assert!(matches!(cell_ref(b"7"), Ok((6, None))));
        assert!(cell_ref(b"A0").is_err());
        assert!(cell_ref(b"A1$").is_err());
    }
}
