//! Reading an aggregate file back: parse the CSV, check every cell, and check the file as a
//! whole (one authority, its settings rows present, no figure twice, periods that fit the as-at
//! month, and the disclosure rules of docs/disclosure.md kept). Errors name the line and say
//! what is wrong in plain English.

use std::collections::BTreeSet;
use std::fmt;

use super::disclosure::{self, Breach};
use super::write::unneutralise;
use super::{
    Aggregate, FORMAT_VERSION, FileMeta, HEADER, Measure, MeasureKind, Month, Row, RowStage, SUPPRESSED, Value,
};
use crate::analysis::{StageId, StartChoice};
use crate::ingest::csv_reader::parse_records;
use crate::ingest::table::Cell;

/// Why a file could not be read as an aggregate file.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadError {
    /// The first line is not `authority,stage,period,measure,value`.
    NotAggregate {
        found: String,
    },
    /// The CSV itself could not be read (for example, text that is not UTF-8).
    Csv {
        line: u64,
        message: String,
    },
    /// A line without exactly five cells.
    FieldCount {
        line: u64,
        found: usize,
    },
    /// A header but no rows.
    NoRows,
    EmptyAuthority {
        line: u64,
    },
    /// An aggregate file holds one authority's figures.
    SeveralAuthorities {
        line: u64,
        first: String,
        found: String,
    },
    UnknownStage {
        line: u64,
        stage: String,
    },
    /// A period that is not a month written `YYYY-MM`.
    BadPeriod {
        line: u64,
        period: String,
    },
    UnknownMeasure {
        line: u64,
        measure: String,
    },
    /// A measure on the wrong kind of row (a file setting on a stage, or a count on `_meta`).
    WrongStage {
        line: u64,
        measure: Measure,
        stage: RowStage,
    },
    /// A value that the measure cannot take.
    BadValue {
        line: u64,
        measure: Measure,
        value: String,
    },
    /// The same figure twice.
    Duplicate {
        line: u64,
        stage: RowStage,
        period: Month,
        measure: Measure,
    },
    /// A `_meta` row every aggregate file has is missing.
    MissingMeta {
        measure: Measure,
    },
    UnsupportedVersion {
        version: u64,
    },
    /// A row whose period does not fit the as-at month (settings and waiting figures are for the
    /// as-at month; completed figures cannot be later).
    WrongPeriod {
        line: u64,
        measure: Measure,
        period: Month,
        as_at: Month,
    },
    /// The figures break a disclosure rule, so the file was edited or not made by Timescales.
    Disclosive(Breach),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotAggregate { found } => write!(
                f,
                "this is not an aggregate file: the first line should be '{}' but is '{found}'",
                HEADER.join(",")
            ),
            ReadError::Csv { line, message } => write!(f, "line {line}: the CSV could not be read ({message})"),
            ReadError::FieldCount { line, found } => {
                write!(f, "line {line}: has {found} cells; every row has exactly 5 ({})", HEADER.join(", "))
            }
            ReadError::NoRows => f.write_str("the file has a header but no figures"),
            ReadError::EmptyAuthority { line } => write!(f, "line {line}: the authority is blank"),
            ReadError::SeveralAuthorities { line, first, found } => write!(
                f,
                "line {line}: the authority is '{found}' but earlier rows say '{first}'; an aggregate file holds one authority"
            ),
            ReadError::UnknownStage { line, stage } => write!(f, "line {line}: '{stage}' is not a stage id"),
            ReadError::BadPeriod { line, period } => {
                write!(f, "line {line}: the period '{period}' is not a month written YYYY-MM")
            }
            ReadError::UnknownMeasure { line, measure } => write!(
                f,
                "line {line}: '{measure}' is not a measure (expected one of {})",
                Measure::ALL.map(Measure::key).join(", ")
            ),
            ReadError::WrongStage { line, measure, stage } => {
                write!(f, "line {line}: {} does not belong on a '{}' row", measure.key(), stage.key())
            }
            ReadError::BadValue { line, measure, value } => {
                write!(f, "line {line}: '{value}' is not a valid value for {} ({})", measure.key(), expected(*measure))
            }
            ReadError::Duplicate { line, stage, period, measure } => {
                write!(f, "line {line}: {} for {} in {period} appears twice", measure.key(), stage.key())
            }
            ReadError::MissingMeta { measure } => write!(f, "the file has no _meta row for {}", measure.key()),
            ReadError::UnsupportedVersion { version } => write!(
                f,
                "the file is format version {version}; this version of Timescales reads version {FORMAT_VERSION}"
            ),
            ReadError::WrongPeriod { line, measure, period, as_at } => {
                write!(f, "line {line}: {} is for {period} but the file's as-at month is {as_at}", measure.key())
            }
            ReadError::Disclosive(b) => {
                write!(f, "the file breaks the disclosure rules, so it was edited or not made by Timescales: {b}")
            }
        }
    }
}

impl std::error::Error for ReadError {}

/// What a measure's value may be, for error messages.
fn expected(m: Measure) -> &'static str {
    match m {
        Measure::MedianDays => "a number of days or 'suppressed'",
        Measure::TargetDays => "a whole number of days",
        Measure::FormatVersion => "a whole number",
        Measure::Aim2StartMilestone => "1 or 2",
        Measure::ReturnHomeIsPermanence | Measure::Filtered => "1 or 0",
        _ => "a whole number or 'suppressed'",
    }
}

/// Reads and checks an aggregate file. A leading byte order mark is allowed.
pub fn read_aggregate(text: &str) -> Result<Aggregate, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The core's own CSV reader (the page's module has no other): one record per line, so a
    // record's line is its index plus one; blank lines are skipped.
    let records =
        parse_records(text, b',', "aggregate").map_err(|e| ReadError::Csv { line: 0, message: e.to_string() })?;
    let text_of = |r: &[Cell]| r.iter().map(Cell::display).collect::<Vec<_>>();
    let header = records.first().map(&text_of).unwrap_or_default();
    if header.len() != HEADER.len() || header.iter().zip(HEADER).any(|(h, want)| h.trim() != want) {
        return Err(ReadError::NotAggregate { found: header.join(",") });
    }
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, record) in records.iter().enumerate().skip(1) {
        if record.iter().all(Cell::is_blank) && record.len() == 1 {
            continue;
        }
        let record = text_of(record);
        let line = i as u64 + 1;
        if record.len() != HEADER.len() {
            return Err(ReadError::FieldCount { line, found: record.len() });
        }
        let row = parse_row(&record, line)?;
        if let Some(first) = rows.first().map(|r: &Row| &r.authority)
            && *first != row.authority
        {
            return Err(ReadError::SeveralAuthorities { line, first: first.clone(), found: row.authority });
        }
        if !seen.insert((row.stage, row.period, row.measure)) {
            return Err(ReadError::Duplicate { line, stage: row.stage, period: row.period, measure: row.measure });
        }
        rows.push(row);
        lines.push(line);
    }
    let meta = file_meta(&rows)?;
    check_periods(&rows, &lines, meta.as_at)?;
    if let Some(b) = disclosure::check(&rows).into_iter().next() {
        return Err(ReadError::Disclosive(b));
    }
    Ok(Aggregate { meta, rows })
}

/// One row, every cell checked.
fn parse_row(record: &[String], line: u64) -> Result<Row, ReadError> {
    let cell = |k: usize| record.get(k).map_or("", |c| c.trim());
    let authority = unneutralise(cell(0)).trim().to_string();
    if authority.is_empty() {
        return Err(ReadError::EmptyAuthority { line });
    }
    let stage = RowStage::from_key(cell(1)).ok_or_else(|| ReadError::UnknownStage { line, stage: cell(1).into() })?;
    let period = Month::parse(cell(2)).ok_or_else(|| ReadError::BadPeriod { line, period: cell(2).into() })?;
    let measure =
        Measure::from_key(cell(3)).ok_or_else(|| ReadError::UnknownMeasure { line, measure: cell(3).into() })?;
    let on_meta = matches!(measure.kind(), MeasureKind::FileSetting);
    if on_meta != (stage == RowStage::Meta) {
        return Err(ReadError::WrongStage { line, measure, stage });
    }
    let value =
        parse_value(measure, cell(4)).ok_or_else(|| ReadError::BadValue { line, measure, value: cell(4).into() })?;
    Ok(Row { authority, stage, period, measure, value })
}

/// A value as the measure allows it; `None` when it does not.
fn parse_value(measure: Measure, text: &str) -> Option<Value> {
    let whole = || text.parse::<u64>().ok().filter(|n| *n <= 1 << 53);
    match measure.kind() {
        MeasureKind::Count | MeasureKind::Days if text == SUPPRESSED => Some(Value::Suppressed),
        MeasureKind::Count | MeasureKind::StageSetting => whole().map(Value::count),
        MeasureKind::Days => text.parse::<f64>().ok().filter(|x| x.is_finite() && *x >= 0.0).map(Value::Number),
        MeasureKind::FileSetting => {
            let n = whole()?;
            let ok = match measure {
                Measure::Aim2StartMilestone => n == 1 || n == 2,
                Measure::ReturnHomeIsPermanence | Measure::Filtered => n <= 1,
                _ => true,
            };
            ok.then(|| Value::count(n))
        }
    }
}

/// The settings from the `_meta` and `target_days` rows.
fn file_meta(rows: &[Row]) -> Result<FileMeta, ReadError> {
    let Some(first) = rows.first() else { return Err(ReadError::NoRows) };
    let meta = |m: Measure| {
        rows.iter()
            .find(|r| r.stage == RowStage::Meta && r.measure == m)
            .map(|r| (r.period, r.value.as_count().unwrap_or(0)))
            .ok_or(ReadError::MissingMeta { measure: m })
    };
    let (as_at, version) = meta(Measure::FormatVersion)?;
    if version != u64::from(FORMAT_VERSION) {
        return Err(ReadError::UnsupportedVersion { version });
    }
    let accommodated_start = match meta(Measure::Aim2StartMilestone)?.1 {
        1 => StartChoice::FirstAccommodated,
        _ => StartChoice::LastAccommodated,
    };
    let mut targets = [None; StageId::PACE_COUNT];
    for r in rows.iter().filter(|r| r.measure == Measure::TargetDays) {
        if let (RowStage::Stage(s), Some(t)) = (r.stage, r.value.as_count()) {
            targets[s.index()] = Some(t as i64);
        }
    }
    Ok(FileMeta {
        authority: first.authority.clone(),
        as_at,
        accommodated_start,
        return_home_is_permanence: meta(Measure::ReturnHomeIsPermanence)?.1 == 1,
        filtered: meta(Measure::Filtered)?.1 == 1,
        targets,
    })
}

/// Settings and waiting rows are for the as-at month; completed rows are not after it.
fn check_periods(rows: &[Row], lines: &[u64], as_at: Month) -> Result<(), ReadError> {
    for (r, &line) in rows.iter().zip(lines) {
        let fits = match r.measure {
            Measure::Completed | Measure::MedianDays | Measure::WithinTarget => r.period <= as_at,
            _ => r.period == as_at,
        };
        if !fits {
            return Err(ReadError::WrongPeriod { line, measure: r.measure, period: r.period, as_at });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "\
authority,stage,period,measure,value
North,_meta,2024-03,format_version,1
North,_meta,2024-03,aim2_start_milestone,2
North,_meta,2024-03,return_home_is_permanence,1
North,_meta,2024-03,filtered,0
North,panel_to_adm,2024-03,target_days,14
North,panel_to_adm,2024-01,completed,10
North,panel_to_adm,2024-01,median_days,5.5
North,panel_to_adm,2024-01,within_target,suppressed
North,panel_to_adm,2024-02,completed,suppressed
North,panel_to_adm,2024-02,median_days,suppressed
North,panel_to_adm,2024-02,within_target,suppressed
North,panel_to_adm,2024-03,waiting,9
North,panel_to_adm,2024-03,waiting_over_target,suppressed
";

    /// FILE with line `n` (1 = the header) replaced.
    fn with_line(n: usize, text: &str) -> String {
        FILE.lines().enumerate().map(|(k, l)| if k + 1 == n { text } else { l }).collect::<Vec<_>>().join("\n")
    }

    fn err(text: &str) -> ReadError {
        read_aggregate(text).expect_err("should fail")
    }

    #[test]
    fn reads_a_hand_written_file() {
        let a = read_aggregate(FILE).unwrap();
        let m = Month::new(2024, 3).unwrap();
        assert_eq!(a.meta.authority, "North");
        assert_eq!(a.meta.as_at, m);
        assert_eq!(a.meta.accommodated_start, StartChoice::LastAccommodated);
        assert!(a.meta.return_home_is_permanence && !a.meta.filtered);
        assert_eq!(a.meta.target(StageId::PanelToAdm), Some(14));
        assert_eq!(a.meta.target(StageId::AdmToCourt), None);
        assert_eq!(a.rows.len(), 13);
        let st = RowStage::Stage(StageId::PanelToAdm);
        assert_eq!(a.value(st, Month::new(2024, 1).unwrap(), Measure::MedianDays), Some(Value::Number(5.5)));
        assert_eq!(a.value(st, m, Measure::WaitingOverTarget), Some(Value::Suppressed));
        // A byte order mark (Excel's "CSV UTF-8") and CRLF line ends are fine.
        let excel = format!("\u{feff}{}", FILE.replace('\n', "\r\n"));
        assert_eq!(read_aggregate(&excel), Ok(a));
    }

    #[test]
    fn a_file_that_is_not_an_aggregate_file_says_so() {
        assert!(matches!(err(""), ReadError::NotAggregate { .. }));
        let e = err("child_id,team,last_accommodated_date\nA,North,01/03/2021\n");
        assert_eq!(
            e.to_string(),
            "this is not an aggregate file: the first line should be 'authority,stage,period,measure,value' but is \
             'child_id,team,last_accommodated_date'"
        );
        assert!(matches!(err(&with_line(1, "authority,stage,month,measure,value")), ReadError::NotAggregate { .. }));
        assert_eq!(err("authority,stage,period,measure,value\n"), ReadError::NoRows);
    }

    #[test]
    fn bad_cells_name_the_line() {
        for bad in ["2024-3", "2024-13", "March 2024", "2024-03-01", "24-03"] {
            let e = err(&with_line(7, &format!("North,panel_to_adm,{bad},completed,10")));
            assert_eq!(e, ReadError::BadPeriod { line: 7, period: bad.into() }, "{bad}");
        }
        let e = err(&with_line(7, "North,panel_to_adm,2024-01,mean_days,10"));
        assert!(e.to_string().starts_with("line 7: 'mean_days' is not a measure"), "{e}");
        assert_eq!(
            err(&with_line(7, "North,aim_9,2024-01,completed,10")),
            ReadError::UnknownStage { line: 7, stage: "aim_9".into() }
        );
        for bad in ["3.5", "-1", "", "twelve", "1e3"] {
            let e = err(&with_line(7, &format!("North,panel_to_adm,2024-01,completed,{bad}")));
            assert_eq!(e, ReadError::BadValue { line: 7, measure: Measure::Completed, value: bad.into() }, "{bad}");
        }
        assert!(matches!(err(&with_line(8, "North,panel_to_adm,2024-01,median_days,-2")), ReadError::BadValue { .. }));
        assert!(matches!(err(&with_line(3, "North,_meta,2024-03,aim2_start_milestone,3")), ReadError::BadValue { .. }));
        assert!(matches!(
            err(&with_line(6, "North,panel_to_adm,2024-03,target_days,suppressed")),
            ReadError::BadValue { .. }
        ));
        assert!(matches!(
            err(&with_line(7, "North,panel_to_adm,2024-01,10")),
            ReadError::FieldCount { line: 7, found: 4 }
        ));
        assert!(matches!(
            err(&with_line(7, ",panel_to_adm,2024-01,completed,10")),
            ReadError::EmptyAuthority { line: 7 }
        ));
    }

    #[test]
    fn whole_file_checks() {
        assert!(matches!(
            err(&with_line(2, "North,panel_to_adm,2024-03,format_version,1")),
            ReadError::WrongStage { .. }
        ));
        assert!(matches!(err(&with_line(7, "North,_meta,2024-01,completed,10")), ReadError::WrongStage { .. }));
        let e = err(&with_line(7, "South,panel_to_adm,2024-01,completed,10"));
        assert_eq!(e, ReadError::SeveralAuthorities { line: 7, first: "North".into(), found: "South".into() });
        let e = err(&with_line(10, "North,panel_to_adm,2024-01,completed,10"));
        assert!(matches!(e, ReadError::Duplicate { line: 10, .. }), "{e:?}");
        assert_eq!(
            err(&with_line(2, "North,_meta,2024-03,filtered,0")),
            ReadError::Duplicate {
                line: 5,
                stage: RowStage::Meta,
                period: Month::new(2024, 3).unwrap(),
                measure: Measure::Filtered
            }
        );
        let no_version: String = FILE.lines().filter(|l| !l.contains("format_version")).collect::<Vec<_>>().join("\n");
        assert_eq!(err(&no_version), ReadError::MissingMeta { measure: Measure::FormatVersion });
        assert_eq!(
            err(&with_line(2, "North,_meta,2024-03,format_version,2")),
            ReadError::UnsupportedVersion { version: 2 }
        );
        let e = err(&with_line(13, "North,panel_to_adm,2024-02,waiting,9"));
        assert_eq!(e.to_string(), "line 13: waiting is for 2024-02 but the file's as-at month is 2024-03");
        assert!(matches!(err(&with_line(7, "North,panel_to_adm,2024-04,completed,10")), ReadError::WrongPeriod { .. }));
    }

    #[test]
    fn a_file_that_breaks_the_disclosure_rules_is_refused() {
        let e = err(&with_line(13, "North,panel_to_adm,2024-03,waiting,3"));
        assert!(matches!(e, ReadError::Disclosive(Breach::SmallCount { value: 3, .. })), "{e:?}");
        assert!(e.to_string().contains("counts from 1 to 4 must be suppressed"), "{e}");
        let e = err(&with_line(14, "North,panel_to_adm,2024-03,waiting_over_target,7"));
        assert!(matches!(e, ReadError::Disclosive(Breach::SmallDifference { difference: 2, .. })), "{e:?}");
    }
}
