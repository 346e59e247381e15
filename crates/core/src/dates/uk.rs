//! UK day-first text dates.
//!
//! Accepted forms (day always before month, never month-first):
//! - numeric: `dd/mm/yyyy`, `d/m/yy`, `dd-mm-yyyy`, `dd.mm.yyyy` (one- or two-digit day and month);
//! - named month: `12 Mar 2021`, `12-Mar-21`, `12 March 2021`, `12th March 2021`;
//! - year first (unambiguous): ISO `yyyy-mm-dd`, also `yyyy/mm/dd`;
//! - any of the above followed by a time, which is checked and then ignored:
//!   `01/02/2021 00:00`, `2021-02-01T10:00:00`, `01/02/2021 10:00:00 AM`, `...T10:00:00Z`.
//!
//! Two-digit years: `00`–`69` are 2000–2069 and `70`–`99` are 1970–1999 ([`TWO_DIGIT_YEAR_PIVOT`]
//! is 69, the last two-digit year read as 20xx). Children in care today were born after 2000, and
//! every milestone falls after 1990, so a two-digit year from 00 to 69 is always this century; a
//! year from 70 to 99 is kept in the 1900s (and then reported by the "before 1990" check rather
//! than silently moved forward). See docs/domain.md#dates.
//!
//! Placeholder words that mean "no date yet" ("TBC", "n/a", "-", "unknown", "awaiting", ...)
//! are [`ParsedDate::NotRecorded`], not errors.
//!
//! The common `dd/mm/yyyy` form takes a hand-written fast path (no allocation), because a
//! national file has over a million date cells.

use chrono::NaiveDate;

use super::{DateError, MONTH_NAMES, days_in_month, is_leap_year};

/// The outcome of reading one date cell's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParsedDate {
    /// Empty or only whitespace.
    Blank,
    /// A placeholder such as "TBC" or "n/a": the date is not recorded.
    NotRecorded,
    /// A calendar date (any time part has been dropped).
    Date(NaiveDate),
}

/// The last two-digit year read as 20xx: `00`–`69` are 2000–2069, `70`–`99` are 1970–1999.
pub const TWO_DIGIT_YEAR_PIVOT: u32 = 69;

/// Words (compared case-insensitively, trimmed, trailing full stops ignored) meaning "not recorded".
pub const PLACEHOLDERS: &[&str] = &[
    "tbc",
    "tba",
    "tbd",
    "to be confirmed",
    "to be arranged",
    "n/a",
    "na",
    "n.a",
    "n a",
    "n/k",
    "nk",
    "n.k",
    "-",
    "--",
    "---",
    "\u{2013}",
    "\u{2014}",
    "?",
    "??",
    "unknown",
    "not known",
    "awaiting",
    "pending",
    "not recorded",
    "not yet",
    "none",
    "nil",
    "null",
    "no date",
    "not applicable",
    "not held",
    "not available",
];

/// Placeholder prefixes: "awaiting panel", "pending court date", "tbc - see minutes".
const PLACEHOLDER_PREFIXES: &[&str] = &["awaiting ", "pending ", "tbc ", "to be ", "not yet "];

/// True when `text` is a placeholder word for "no date recorded".
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').trim();
    if t.is_empty() || t.len() > 40 {
        return false;
    }
    let lower = t.to_lowercase();
    PLACEHOLDERS.contains(&lower.as_str()) || PLACEHOLDER_PREFIXES.iter().any(|p| lower.starts_with(p))
}

/// Reads a UK day-first date. See the module documentation for the accepted forms.
pub fn parse_uk_date(text: &str) -> Result<ParsedDate, DateError> {
    let t = crate::text::trim(text);
    if t.is_empty() {
        return Ok(ParsedDate::Blank);
    }
    if let Some(d) = fast_dd_mm_yyyy(t.as_bytes()) {
        return d.map(ParsedDate::Date);
    }
    if is_placeholder(t) {
        return Ok(ParsedDate::NotRecorded);
    }
    let (date_part, time_part) = split_time(t);
    if let Some(time) = time_part {
        check_time(time)?;
    }
    parse_date_part(date_part.trim(), t).map(ParsedDate::Date)
}

/// `dd/mm/yyyy` with exactly two-digit day and month and a four-digit year: the common case.
/// Returns `None` when the text is not of that exact shape.
fn fast_dd_mm_yyyy(b: &[u8]) -> Option<Result<NaiveDate, DateError>> {
    if b.len() != 10 || b[2] != b'/' || b[5] != b'/' {
        return None;
    }
    let digit = |i: usize| -> Option<u32> { b[i].is_ascii_digit().then(|| u32::from(b[i] - b'0')) };
    let day = digit(0)? * 10 + digit(1)?;
    let month = digit(3)? * 10 + digit(4)?;
    let year = digit(6)? * 1000 + digit(7)? * 100 + digit(8)? * 10 + digit(9)?;
    Some(make_date(year as i32, month, day, Order::DayFirst))
}

/// Splits off a time part: it starts at the space or `T` before the first `:`.
fn split_time(t: &str) -> (&str, Option<&str>) {
    let Some(colon) = t.find(':') else { return (t, None) };
    let head = &t[..colon];
    match head.rfind([' ', 'T', 't']) {
        Some(cut) => (&t[..cut], Some(&t[cut + 1..])),
        None => (t, None),
    }
}

/// Checks that a time part is a real time (`hh:mm`, `hh:mm:ss`, fractions, AM/PM, `Z` or an
/// offset). The time itself is not used: milestones are calendar days.
fn check_time(time: &str) -> Result<(), DateError> {
    let bad = || DateError::new(format!("the time part '{}' is not a time", time.trim()));
    let mut s = time.trim();
    let lower = s.to_ascii_lowercase();
    let mut twelve_hour = false;
    if lower.ends_with("am") || lower.ends_with("pm") {
        twelve_hour = true;
        s = s[..s.len() - 2].trim_end();
    } else if lower.ends_with('z') {
        s = &s[..s.len() - 1];
    } else if let Some(pos) = s.rfind(['+', '-']) {
        let offset = &s[pos + 1..];
        if offset.is_empty() || !offset.bytes().all(|c| c.is_ascii_digit() || c == b':') || offset.len() > 5 {
            return Err(bad());
        }
        s = &s[..pos];
    }
    let mut parts = s.split(':');
    let num = |p: Option<&str>, max: u32| -> Result<Option<u32>, DateError> {
        match p {
            None => Ok(None),
            Some(p) if !p.is_empty() && p.len() <= 2 && p.bytes().all(|c| c.is_ascii_digit()) => {
                let v: u32 = p.parse().map_err(|_| bad())?;
                if v > max { Err(bad()) } else { Ok(Some(v)) }
            }
            Some(_) => Err(bad()),
        }
    };
    let hour = num(parts.next(), if twelve_hour { 12 } else { 23 })?.ok_or_else(bad)?;
    let _ = hour;
    num(parts.next(), 59)?.ok_or_else(bad)?;
    if let Some(sec) = parts.next() {
        let (whole, frac) = sec.split_once('.').unwrap_or((sec, "0"));
        num(Some(whole), 60)?;
        if frac.is_empty() || !frac.bytes().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
    }
    if parts.next().is_some() {
        return Err(bad());
    }
    Ok(())
}

/// A token of a date: a run of digits or a run of letters.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Tok<'a> {
    Num(&'a str),
    Word(&'a str),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    DayFirst,
    YearFirst,
}

fn not_a_date(original: &str) -> DateError {
    DateError::new(format!(
        "'{}' is not a date I can read; write dates day first, e.g. 25/12/2020 or 25 Dec 2020",
        shorten(original)
    ))
}

/// Keeps messages readable when a cell holds a paragraph.
fn shorten(s: &str) -> String {
    if s.chars().count() > 40 { format!("{}...", s.chars().take(40).collect::<String>()) } else { s.to_string() }
}

fn parse_date_part(d: &str, original: &str) -> Result<NaiveDate, DateError> {
    // Tokenise into at most four digit or letter runs; separators are / - . space and comma.
    let mut toks: [Option<Tok>; 4] = [None; 4];
    let mut n = 0usize;
    let mut seps = [0u8; 3];
    let mut nseps = 0usize;
    let bytes = d.as_bytes();
    let mut i = 0usize;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() || c.is_ascii_alphabetic() {
            let start = i;
            let digits = c.is_ascii_digit();
            while i < bytes.len() && (if digits { bytes[i].is_ascii_digit() } else { bytes[i].is_ascii_alphabetic() }) {
                i += 1;
            }
            let s = &d[start..i];
            // "12th": an ordinal suffix joins the number before it.
            if !digits
                && n > 0
                && i - start == 2
                && matches!(toks[n - 1], Some(Tok::Num(_)))
                && bytes.get(start.wrapping_sub(1)).is_some_and(u8::is_ascii_digit)
            {
                let lower = s.to_ascii_lowercase();
                if matches!(lower.as_str(), "st" | "nd" | "rd" | "th") {
                    continue;
                }
            }
            if n == toks.len() {
                return Err(not_a_date(original));
            }
            toks[n] = Some(if digits { Tok::Num(s) } else { Tok::Word(s) });
            n += 1;
        } else if matches!(c, b'/' | b'-' | b'.' | b' ' | b',' | b'\t') {
            if n > 0 && nseps < seps.len() && (i == 0 || !matches!(bytes[i - 1], b' ' | b',' | b'\t')) {
                seps[nseps] = c;
                nseps += 1;
            }
            i += 1;
        } else {
            return Err(not_a_date(original));
        }
    }
    match &toks[..n] {
        [Some(Tok::Num(a)), Some(Tok::Num(b)), Some(Tok::Num(c))] => {
            // Numeric dates use one separator throughout: 12/03/2021, not 12/03-2021.
            if nseps >= 2 && seps[0] != seps[1] && seps[0] != b' ' {
                return Err(not_a_date(original));
            }
            if a.len() == 4 {
                let (y, m, day) = (num(a)?, num(b)?, num(c)?);
                if b.len() > 2 || c.len() > 2 {
                    return Err(not_a_date(original));
                }
                return make_date(y as i32, m, day, Order::YearFirst);
            }
            if a.len() > 2 || b.len() > 2 {
                return Err(not_a_date(original));
            }
            make_date(year(c)?, num(b)?, num(a)?, Order::DayFirst)
        }
        [Some(Tok::Num(a)), Some(Tok::Word(w)), Some(Tok::Num(c))] => {
            let Some(m) = month_from_name(w) else {
                return Err(DateError::new(format!("'{w}' is not a month name")));
            };
            if a.len() == 4 {
                // 2021-Mar-12: year first with a named month is still unambiguous.
                if c.len() > 2 {
                    return Err(not_a_date(original));
                }
                return make_date(num(a)? as i32, m, num(c)?, Order::YearFirst);
            }
            if a.len() > 2 {
                return Err(not_a_date(original));
            }
            make_date(year(c)?, m, num(a)?, Order::DayFirst)
        }
        [Some(Tok::Word(w)), Some(Tok::Num(_)), Some(Tok::Num(_))] if month_from_name(w).is_some() => {
            Err(DateError::new(format!(
                "'{}' puts the month before the day; dates are read day first, e.g. 12 March 2021",
                shorten(original)
            )))
        }
        [Some(Tok::Num(_)), Some(Tok::Num(_))]
        | [Some(Tok::Word(_)), Some(Tok::Num(_))]
        | [Some(Tok::Num(_)), Some(Tok::Word(_))] => {
            Err(DateError::new(format!("'{}' is not a full date: a day, month and year are needed", shorten(original))))
        }
        [Some(Tok::Num(a))] if a.len() == 8 => Err(DateError::new(format!(
            "'{}' is a run of digits, not a date; write it as dd/mm/yyyy",
            shorten(original)
        ))),
        [Some(Tok::Num(_))] => Err(DateError::new(format!("'{}' is a number, not a date", shorten(original)))),
        _ => Err(not_a_date(original)),
    }
}

fn num(s: &str) -> Result<u32, DateError> {
    if s.len() > 4 {
        return Err(DateError::new(format!("'{s}' has too many digits for part of a date")));
    }
    s.parse::<u32>().map_err(|_| DateError::new(format!("'{s}' is not a number")))
}

/// A year of two or four digits; two-digit years `00`–`69` are 20xx and `70`–`99` are 19xx
/// ([`TWO_DIGIT_YEAR_PIVOT`]).
fn year(s: &str) -> Result<i32, DateError> {
    match s.len() {
        4 => Ok(num(s)? as i32),
        2 => {
            let y = num(s)?;
            Ok(if y <= TWO_DIGIT_YEAR_PIVOT { 2000 + y as i32 } else { 1900 + y as i32 })
        }
        _ => Err(DateError::new(format!("the year '{s}' should have two or four digits"))),
    }
}

/// Month number from an English name or three/four-letter abbreviation.
pub fn month_from_name(w: &str) -> Option<u32> {
    let lower = w.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    if lower == "sept" {
        return Some(9);
    }
    MONTH_NAMES
        .iter()
        .position(|name| {
            let name = name.to_ascii_lowercase();
            lower == name || (lower.len() == 3 && name.starts_with(&lower))
        })
        .map(|i| i as u32 + 1)
}

/// Builds a date, or explains exactly why it does not exist.
fn make_date(year: i32, month: u32, day: u32, order: Order) -> Result<NaiveDate, DateError> {
    if !(1..=12).contains(&month) {
        return Err(DateError::new(match order {
            Order::DayFirst if (1..=12).contains(&day) => format!(
                "month {month} does not exist; dates are read day first (dd/mm/yyyy), so this looks like a US month-first date: write it as {month:02}/{day:02}/{year}"
            ),
            Order::DayFirst => format!("month {month} does not exist; dates are read day first (dd/mm/yyyy)"),
            Order::YearFirst => format!("month {month} does not exist (read as year-month-day)"),
        }));
    }
    let name = MONTH_NAMES[month as usize - 1];
    let max = days_in_month(year, month);
    if day == 0 || day > 31 {
        return Err(DateError::new(format!("day {day} does not exist: there is no day {day} in any month")));
    }
    if day > max {
        let why = if month == 2 && day == 29 {
            format!("{year} is not a leap year")
        } else if month == 2 {
            format!("February {year} has {} days", if is_leap_year(year) { 29 } else { 28 })
        } else {
            format!("{name} has {max} days")
        };
        return Err(DateError::new(format!("{day} {name} {year} does not exist: {why}")));
    }
    NaiveDate::from_ymd_opt(year, month, day)
        .ok_or_else(|| DateError::new(format!("{day} {name} {year} is outside the range of dates this tool handles")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> ParsedDate {
        ParsedDate::Date(NaiveDate::from_ymd_opt(y, m, day).unwrap())
    }

    fn err(s: &str) -> String {
        parse_uk_date(s).unwrap_err().message
    }

    // Every expected date below was read off a calendar by hand (cal 3 2021, cal 2 2020).
    #[test]
    fn numeric_day_first_forms() {
        assert_eq!(parse_uk_date("12/03/2021"), Ok(d(2021, 3, 12)));
        assert_eq!(parse_uk_date(" 1/3/2021 "), Ok(d(2021, 3, 1)));
        assert_eq!(parse_uk_date("01-02-2021"), Ok(d(2021, 2, 1)));
        assert_eq!(parse_uk_date("01.02.2021"), Ok(d(2021, 2, 1)));
        assert_eq!(parse_uk_date("29/02/2020"), Ok(d(2020, 2, 29)));
        assert_eq!(parse_uk_date("31/12/1999"), Ok(d(1999, 12, 31)));
    }

    #[test]
    fn two_digit_years_pivot_at_69() {
        assert_eq!(parse_uk_date("1/3/21"), Ok(d(2021, 3, 1)));
        assert_eq!(parse_uk_date("01/03/00"), Ok(d(2000, 3, 1)));
        assert_eq!(parse_uk_date("01/03/69"), Ok(d(2069, 3, 1)));
        assert_eq!(parse_uk_date("01/03/70"), Ok(d(1970, 3, 1)));
        assert_eq!(parse_uk_date("01/03/99"), Ok(d(1999, 3, 1)));
        assert!(err("01/03/202").contains("two or four digits"));
    }

    #[test]
    fn named_months() {
        assert_eq!(parse_uk_date("12 Mar 2021"), Ok(d(2021, 3, 12)));
        assert_eq!(parse_uk_date("12-Mar-21"), Ok(d(2021, 3, 12)));
        assert_eq!(parse_uk_date("12 March 2021"), Ok(d(2021, 3, 12)));
        assert_eq!(parse_uk_date("12th March 2021"), Ok(d(2021, 3, 12)));
        assert_eq!(parse_uk_date("1 sept 2021"), Ok(d(2021, 9, 1)));
        assert_eq!(parse_uk_date("3 DEC 2019"), Ok(d(2019, 12, 3)));
        assert_eq!(parse_uk_date("2021-Mar-12"), Ok(d(2021, 3, 12)));
        assert!(err("March 12, 2021").contains("month before the day"));
        assert!(err("12 Marc 2021").contains("not a month name"));
    }

    #[test]
    fn iso_and_time_parts() {
        assert_eq!(parse_uk_date("2021-02-01"), Ok(d(2021, 2, 1)));
        assert_eq!(parse_uk_date("2021/02/01"), Ok(d(2021, 2, 1)));
        assert_eq!(parse_uk_date("2021-02-01T10:00:00"), Ok(d(2021, 2, 1)));
        assert_eq!(parse_uk_date("2021-02-01T10:00:00.000Z"), Ok(d(2021, 2, 1)));
        assert_eq!(parse_uk_date("2021-02-01T10:00:00+01:00"), Ok(d(2021, 2, 1)));
        assert_eq!(parse_uk_date("01/02/2021 00:00"), Ok(d(2021, 2, 1)));
        assert_eq!(parse_uk_date("01/02/2021 23:59:59"), Ok(d(2021, 2, 1)));
        assert_eq!(parse_uk_date("01/02/2021 10:30 AM"), Ok(d(2021, 2, 1)));
        assert_eq!(parse_uk_date("12 Mar 2021 09:15"), Ok(d(2021, 3, 12)));
        assert!(err("01/02/2021 25:00").contains("not a time"));
        assert!(err("01/02/2021 10:61").contains("not a time"));
    }

    #[test]
    fn never_month_first() {
        let e = err("13/25/2020");
        assert!(e.contains("month 25 does not exist"), "{e}");
        assert!(e.contains("day first"), "{e}");
        let e = err("12/25/2020");
        assert!(e.contains("US month-first"), "{e}");
        // 02/03/2021 is 2 March, never 3 February.
        assert_eq!(parse_uk_date("02/03/2021"), Ok(d(2021, 3, 2)));
        assert!(err("2021-13-01").contains("month 13"));
    }

    #[test]
    fn impossible_dates_say_why() {
        assert_eq!(err("31/02/2021"), "31 February 2021 does not exist: February 2021 has 28 days");
        assert_eq!(err("29/02/2021"), "29 February 2021 does not exist: 2021 is not a leap year");
        assert_eq!(err("31/04/2021"), "31 April 2021 does not exist: April has 30 days");
        assert!(err("00/04/2021").contains("day 0"));
        assert!(err("32/01/2021").contains("day 32"));
        // 1900 was not a leap year (divisible by 100, not by 400); 2000 was.
        assert!(err("29/02/1900").contains("1900 is not a leap year"));
        assert_eq!(parse_uk_date("29/02/2000"), Ok(d(2000, 2, 29)));
    }

    #[test]
    fn placeholders_and_blanks() {
        for p in ["TBC", "n/a", "N/A", "-", "unknown", "Not known", "awaiting", "Awaiting panel", "tbc.", "?", "None"] {
            assert_eq!(parse_uk_date(p), Ok(ParsedDate::NotRecorded), "{p}");
        }
        assert_eq!(parse_uk_date(""), Ok(ParsedDate::Blank));
        assert_eq!(parse_uk_date("   "), Ok(ParsedDate::Blank));
    }

    #[test]
    fn rubbish_is_an_error_not_a_panic() {
        for s in [
            "hello",
            "12/03",
            "Mar 2021",
            "20210312",
            "44197",
            "1/2/3/4",
            "12//2021",
            "é/ü/2021",
            "12:00",
            "::",
            "T:",
            "1 2 3 4 5",
            "99999/1/1",
        ] {
            assert!(parse_uk_date(s).is_err(), "{s}");
        }
        assert!(err("20210312").contains("run of digits"));
        assert!(err("12/03-2021").contains("not a date"));
    }
}
