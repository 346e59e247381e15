//! The "every problem" download of the data-quality screen: one CSV row per problem, with the
//! sheet, row and column so the user can find and fix the cell.

use super::quality::QualityReport;

/// The header row of [`problems_csv`].
pub const PROBLEMS_CSV_HEADERS: [&str; 6] = ["severity", "sheet", "row", "column", "value", "message"];

/// Every problem in the report as CSV (quoted where a field needs it), header row first.
pub fn problems_csv(report: &QualityReport) -> String {
    let mut out = String::new();
    crate::text::push_csv_record(&mut out, &PROBLEMS_CSV_HEADERS);
    for p in &report.problems {
        let row = [
            p.severity.key().to_string(),
            p.sheet.clone(),
            p.row.map(|r| r.to_string()).unwrap_or_default(),
            p.column.clone().unwrap_or_default(),
            p.value.clone(),
            p.message.clone(),
        ];
        crate::text::push_csv_record(&mut out, &row);
    }
    out
}

/// The download's file name: the loaded file's name without its extension, then "-problems.csv"
/// ("children.xlsx" -> "children-problems.csv"; "children" -> "children-problems.csv").
pub fn problems_file_name(file_name: &str) -> String {
    let name = file_name.trim();
    let stem = match name.rfind('.') {
        Some(dot) if dot > 0 => &name[..dot],
        _ => name,
    };
    if stem.is_empty() { "problems.csv".to_string() } else { format!("{stem}-problems.csv") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::quality::{Completeness, Problem, ProblemKind, RowAccount, Severity};

    #[test]
    fn a_name_without_an_extension_keeps_its_stem() {
        assert_eq!(problems_file_name("children"), "children-problems.csv");
        assert_eq!(problems_file_name("children.xlsx"), "children-problems.csv");
        assert_eq!(problems_file_name("march.2024.csv"), "march.2024-problems.csv");
        assert_eq!(problems_file_name(".hidden"), ".hidden-problems.csv");
        assert_eq!(problems_file_name(""), "problems.csv");
    }

    #[test]
    fn the_csv_has_a_header_and_one_quoted_row_per_problem() {
        let problem = Problem {
            sheet: "Children".into(),
            row: Some(7),
            column: Some("Date of birth".into()),
            value: "31/02/2019".into(),
            message: "Not a date: \"31/02/2019\", check the day, month".into(),
            severity: Severity::Error,
            kind: ProblemKind::Unparseable,
        };
        let sheet_level = Problem { row: None, column: None, value: String::new(), ..problem.clone() };
        let report = QualityReport {
            rows: RowAccount::default(),
            problems: vec![problem.clone(), sheet_level],
            completeness: Completeness::default(),
        };
        let text = problems_csv(&report);
        let mut r = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(r.headers().unwrap(), &csv::StringRecord::from(PROBLEMS_CSV_HEADERS.to_vec()));
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            &rows[0],
            &csv::StringRecord::from(vec!["error", "Children", "7", "Date of birth", "31/02/2019", &problem.message])
        );
        assert_eq!(&rows[1][2], "");
        assert_eq!(&rows[1][3], "");
    }
}
