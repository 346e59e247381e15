//! Identical problems grouped, so the data-quality screen and `timescales check` say
//! "'Foster Care (LA)' is not a placement type I know: 21 rows (2, 3, 4, ...)" once instead of
//! one line per row (docs/domain.md#grouped-problems).
//!
//! Two problems are identical when they have the same kind, severity, sheet, column, original
//! text and message; only the row differs. Groups keep the order in which their first problem
//! appears in the report.

use std::fmt::Write;

use serde::Serialize;

use super::quality::{Problem, ProblemKind, Severity};
use crate::fxhash::FxMap;

/// How many row numbers a group lists before "...", unless the caller asks for another number.
pub const DEFAULT_ROWS_SHOWN: usize = 10;

/// Problems that differ only in their row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProblemGroup {
    pub kind: ProblemKind,
    pub severity: Severity,
    pub sheet: String,
    /// Column header as written; `None` for problems about a whole row or sheet.
    pub column: Option<String>,
    /// The original text shared by every problem of the group.
    pub value: String,
    pub message: String,
    /// How many problems (rows) the group holds.
    pub count: usize,
    /// The first row numbers, in report order, at most the number asked for.
    pub rows: Vec<u32>,
}

impl ProblemGroup {
    /// Where the group is, in words: "Children rows 2, 3, 4, ... (21 rows), Placement type".
    /// A group of one reads as the single problem would ("Children row 5, Placement type").
    pub fn place(&self) -> String {
        let mut s = self.sheet.clone();
        match self.rows.as_slice() {
            [] => {}
            [one] if self.count == 1 => {
                let _ = write!(s, " row {one}");
            }
            rows => {
                let list: Vec<String> = rows.iter().map(u32::to_string).collect();
                let more = if self.count > rows.len() { ", ..." } else { "" };
                let _ = write!(s, " rows {}{more} ({} rows)", list.join(", "), self.count);
            }
        }
        if let Some(col) = &self.column {
            let _ = write!(s, ", {col}");
        }
        s
    }

    /// The rows in words: "row 5", "21 rows (2, 3, 4, ...)", or nothing for a problem about a
    /// whole sheet.
    pub fn rows_text(&self) -> String {
        match (self.count, self.rows.as_slice()) {
            (_, []) => String::new(),
            (1, [one]) => format!("row {one}"),
            (n, rows) => {
                let list: Vec<String> = rows.iter().map(u32::to_string).collect();
                let more = if n > rows.len() { ", ..." } else { "" };
                format!("{n} rows ({}{more})", list.join(", "))
            }
        }
    }

    /// One line: the message with its count and first rows ("'Foster Care (LA)' is not a
    /// placement type I know...: 21 rows (2, 3, 4, ...)").
    pub fn summary(&self) -> String {
        match self.rows_text() {
            rows if rows.is_empty() => self.message.clone(),
            rows => format!("{}: {rows}", self.message),
        }
    }

    /// True when one choice on the columns screen fixes every row of the group: a placement-type
    /// or destination wording nothing recognised (docs/domain.md#grouped-problems).
    pub fn fixed_in_columns(&self) -> bool {
        matches!(self.kind, ProblemKind::UnknownPlacementType | ProblemKind::UnknownDestination)
    }
}

/// Groups identical problems, keeping at most `rows_shown` row numbers per group.
pub fn group_problems(problems: &[Problem], rows_shown: usize) -> Vec<ProblemGroup> {
    type Key<'a> = (ProblemKind, Severity, &'a str, Option<&'a str>, &'a str, &'a str);
    let mut index: FxMap<Key, usize> = FxMap::default();
    let mut groups: Vec<ProblemGroup> = Vec::new();
    for p in problems {
        let key = (p.kind, p.severity, p.sheet.as_str(), p.column.as_deref(), p.value.as_str(), p.message.as_str());
        let i = *index.entry(key).or_insert_with(|| {
            groups.push(ProblemGroup {
                kind: p.kind,
                severity: p.severity,
                sheet: p.sheet.clone(),
                column: p.column.clone(),
                value: p.value.clone(),
                message: p.message.clone(),
                count: 0,
                rows: Vec::new(),
            });
            groups.len() - 1
        });
        let g = &mut groups[i];
        g.count += 1;
        if let Some(row) = p.row
            && g.rows.len() < rows_shown
        {
            g.rows.push(row);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(row: u32, value: &str) -> Problem {
        Problem {
            sheet: "Children".into(),
            row: Some(row),
            column: Some("Placement type".into()),
            value: value.into(),
            message: format!("'{value}' is not a placement type I know"),
            severity: Severity::Warning,
            kind: ProblemKind::UnknownPlacementType,
        }
    }

    #[test]
    fn identical_problems_become_one_line_with_the_first_rows() {
        // Rows 2 to 22 say "Foster Care (LA)" (21 rows); row 7 also has "Hotel".
        let mut problems: Vec<Problem> = (2..=22).map(|r| unknown(r, "Foster Care (LA)")).collect();
        problems.insert(5, unknown(7, "Hotel"));
        let groups = group_problems(&problems, 3);
        assert_eq!(groups.len(), 2);
        let g = &groups[0];
        assert_eq!((g.count, g.rows.clone()), (21, vec![2, 3, 4]));
        assert_eq!(g.summary(), "'Foster Care (LA)' is not a placement type I know: 21 rows (2, 3, 4, ...)");
        assert_eq!(g.rows_text(), "21 rows (2, 3, 4, ...)");
        assert!(g.fixed_in_columns());
        assert_eq!(groups[1].rows_text(), "row 7");
        assert_eq!(g.place(), "Children rows 2, 3, 4, ... (21 rows), Placement type");
        let h = &groups[1];
        assert_eq!((h.count, h.rows.clone()), (1, vec![7]));
        assert_eq!(h.summary(), "'Hotel' is not a placement type I know: row 7");
        assert_eq!(h.place(), "Children row 7, Placement type");
    }

    #[test]
    fn all_rows_shown_when_there_are_few_and_sheet_problems_stay_whole() {
        let problems = vec![unknown(2, "X"), unknown(9, "X")];
        let g = &group_problems(&problems, DEFAULT_ROWS_SHOWN)[0];
        assert_eq!(g.summary(), "'X' is not a placement type I know: 2 rows (2, 9)");
        let sheet = Problem { row: None, column: None, ..unknown(0, "") };
        let groups = group_problems(&[sheet.clone(), sheet], DEFAULT_ROWS_SHOWN);
        assert_eq!((groups.len(), groups[0].count), (1, 2));
        assert_eq!(groups[0].summary(), "'' is not a placement type I know");
        assert_eq!(groups[0].place(), "Children");
    }

    #[test]
    fn a_different_message_or_column_is_a_different_group() {
        let mut other_column = unknown(3, "X");
        other_column.column = Some("Placement type at start".into());
        let mut other_kind = unknown(4, "X");
        other_kind.kind = ProblemKind::Unparseable;
        let groups = group_problems(&[unknown(2, "X"), other_column, other_kind], DEFAULT_ROWS_SHOWN);
        assert_eq!(groups.len(), 3);
        assert!(group_problems(&[], 5).is_empty());
    }
}
