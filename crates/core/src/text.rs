//! Small helpers for putting labels into sentences, and for trimming cells.

/// `text` without leading and trailing white space, exactly as [`str::trim`] gives it, but quick
/// when both ends are plain ASCII, as nearly every cell of a national file is: `str::trim` decodes
/// characters from both ends, which was a twentieth of the page's record building
/// (docs/architecture.md#speed). Vertical tab and any non-ASCII end fall back to `str::trim`.
pub fn trim(text: &str) -> &str {
    let t = text.trim_ascii();
    let plain = |b: Option<&u8>| b.is_none_or(|&b| b.is_ascii() && b != 0x0B);
    if plain(t.as_bytes().first()) && plain(t.as_bytes().last()) { t } else { t.trim() }
}

/// The text with its first letter in lower case, for a label used mid-sentence
/// ("First referral" -> "first referral"). A leading acronym keeps its capitals
/// ("CSO at home started", "ADM decision"): a first word of two or more letters, all capitals.
pub fn lower_first(text: &str) -> String {
    let first_word = text.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let letters = first_word.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 2 && first_word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()) {
        return text.to_string();
    }
    let mut c = text.chars();
    let first = c.next().map(|f| f.to_lowercase().collect::<String>()).unwrap_or_default();
    format!("{first}{}", c.as_str())
}

/// The text with its first letter in upper case, for a phrase that starts a sentence or a table
/// cell ("matched the known heading" -> "Matched the known heading").
pub fn upper_first(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Appends one CSV record to `out`, quoted only where a field needs it (it holds a comma, a
/// double quote, a carriage return or a line feed; quotes are doubled), ending with `\n`: the
/// csv crate's default output, without its writer in the page's module (docs/architecture.md).
pub fn push_csv_record<S: AsRef<str>>(out: &mut String, fields: &[S]) {
    for (i, f) in fields.iter().enumerate() {
        let f = f.as_ref();
        if i > 0 {
            out.push(',');
        }
        if f.contains([',', '"', '\r', '\n']) || (f.is_empty() && fields.len() == 1) {
            out.push('"');
            out.push_str(&f.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(f);
        }
    }
    out.push('\n');
}

/// The ids to suggest under a search box: from `sorted` (sorted, distinct), those starting with
/// what was typed, ignoring ASCII case and surrounding spaces, in order, at most `limit` of them.
/// A national file has 100,000 ids: a list of them all took the child timeline screen most of a
/// second to open (docs/architecture.md#speed).
pub fn suggestions<'a>(sorted: &'a [String], typed: &str, limit: usize) -> Vec<&'a str> {
    let typed = trim(typed);
    let starts =
        |id: &str| id.len() >= typed.len() && id.as_bytes()[..typed.len()].eq_ignore_ascii_case(typed.as_bytes());
    sorted.iter().map(String::as_str).filter(|id| starts(id)).take(limit).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggestions_start_with_what_was_typed() {
        let ids: Vec<String> = ["C00001", "C00002", "C00010", "C00100", "K7", "c00003"].map(String::from).to_vec();
        // Nothing typed: the first ids in order, up to the limit.
        assert_eq!(super::suggestions(&ids, "", 3), ["C00001", "C00002", "C00010"]);
        // "c0000" matches C00001, C00002 and the lower-case c00003, not C00010 or C00100.
        assert_eq!(super::suggestions(&ids, " c0000 ", 10), ["C00001", "C00002", "c00003"]);
        assert_eq!(super::suggestions(&ids, "C001", 10), ["C00100"]);
        // Leading zeros count: "C1" matches nothing.
        assert!(super::suggestions(&ids, "C1", 10).is_empty());
        // A letter beyond ASCII matches only itself (ids are compared byte by byte).
        let accented: Vec<String> = vec!["Zoë-1".into(), "Zoe-2".into()];
        assert_eq!(super::suggestions(&accented, "Zoë", 10), ["Zoë-1"]);
    }

    #[test]
    fn trim_is_str_trim() {
        // Spaces, tabs, line ends, a vertical tab, no-break and em spaces, a non-ASCII letter at
        // an end, and nothing but white space: each must come out as str::trim gives it.
        for t in [
            "",
            " ",
            "A1",
            "  A1 ",
            "\tA1\r\n",
            "\u{0B}A1\u{0B}",
            " \u{0B} A1",
            "\u{A0}A1\u{A0}",
            " \u{2003}A1 ",
            "é ",
            " ö",
            " \u{A0} ",
            "\u{0C}x\u{0C}",
            "a b",
        ] {
            assert_eq!(super::trim(t), t.trim(), "{t:?}");
        }
        assert_eq!(super::trim("  12/03/2021 "), "12/03/2021");
        assert_eq!(super::trim("\u{A0}TBC\u{A0}"), "TBC");
    }

    use super::lower_first;

    #[test]
    fn csv_records_match_the_csv_crate() {
        // The csv crate's writer is the reference: the same records give the same bytes.
        let records: [&[&str]; 5] = [
            &["plain", "with, comma", "say \"hi\"", "two\nlines", "cr\rhere"],
            &["", "", "trailing space ", " leading"],
            &[""],
            &["'=SUM(A1)", "£5 – ok"],
            &["a"],
        ];
        let mut ours = String::new();
        let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
        for r in records {
            super::push_csv_record(&mut ours, r);
            w.write_record(r).unwrap();
        }
        assert_eq!(ours, String::from_utf8(w.into_inner().unwrap()).unwrap());
        // By hand: a comma and a quote make the field quoted, the quote doubled.
        let mut one = String::new();
        super::push_csv_record(&mut one, &["a,b", "c\"d"]);
        assert_eq!(one, "\"a,b\",\"c\"\"d\"\n");
    }

    #[test]
    fn raises_the_first_letter() {
        assert_eq!(
            super::upper_first("matched the known heading 'Child Unique ID'"),
            "Matched the known heading 'Child Unique ID'"
        );
        assert_eq!(super::upper_first("éa"), "Éa");
        assert_eq!(super::upper_first(""), "");
    }

    #[test]
    fn lowers_the_first_letter_of_an_ordinary_word() {
        assert_eq!(lower_first("First referral"), "first referral");
        assert_eq!(lower_first("Points 2 to 8"), "points 2 to 8");
        assert_eq!(lower_first("A run of 8"), "a run of 8");
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn keeps_the_capitals_of_a_leading_acronym() {
        assert_eq!(lower_first("CSO at home started"), "CSO at home started");
        assert_eq!(lower_first("ADM decision"), "ADM decision");
    }
}
