//! Writing an aggregate file as CSV: the header `authority,stage,period,measure,value` and one
//! line per row, nothing else.
//!
//! Spreadsheets run a cell that starts with `=`, `+`, `-` or `@` (and some run one starting with
//! a tab or carriage return) as a formula, so such a cell is written with a leading apostrophe.
//! Only the authority name can start that way (stage ids, months, measures and values never do);
//! [`unneutralise`] undoes it when the file is read back.

use std::borrow::Cow;
use std::fmt;

use super::{Aggregate, HEADER};

/// The characters that make a spreadsheet treat a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when `cell`, after any leading apostrophes, starts like a formula.
fn formula_like(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A cell made safe to open in a spreadsheet: prefixed with `'` when it starts like a formula.
/// A cell that already starts with apostrophes before a formula character gets one more, so
/// [`unneutralise`] always gives back exactly what was written.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if formula_like(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// Undoes [`neutralise`]: drops the apostrophe it added.
pub fn unneutralise(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if formula_like(rest) => rest,
        _ => cell,
    }
}

/// Writing the CSV failed (it is written to memory, so this does not happen in practice).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteError(pub String);

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not write the aggregate file: {}", self.0)
    }
}

impl std::error::Error for WriteError {}

impl Aggregate {
    /// The file as CSV text (UTF-8, `\n` line ends).
    pub fn to_csv(&self) -> Result<String, WriteError> {
        let mut out = String::new();
        crate::text::push_csv_record(&mut out, &HEADER);
        for r in &self.rows {
            let period = r.period.to_string();
            let value = r.value.to_string();
            let cells = [r.authority.as_str(), r.stage.key(), &period, r.measure.key(), &value];
            crate::text::push_csv_record(&mut out, &cells.map(neutralise));
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised_and_undone() {
        for raw in ["=SUM(A1)", "+44", "-1", "@cmd", "\tx", "\rx"] {
            let safe = neutralise(raw);
            assert_eq!(safe, format!("'{raw}"));
            assert_eq!(unneutralise(&safe), raw);
        }
        assert_eq!(neutralise("Fife"), "Fife");
        assert_eq!(neutralise("O'Neill's team"), "O'Neill's team");
        // An apostrophe the user typed stays, even before a formula character.
        assert_eq!(unneutralise("'Fife"), "'Fife");
        assert_eq!(neutralise("'=x"), "''=x");
        assert_eq!(unneutralise(&neutralise("'=x")), "'=x");
        assert_eq!(unneutralise("Fife"), "Fife");
    }
}
