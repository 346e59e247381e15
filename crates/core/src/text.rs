//! Small helpers for putting labels into sentences.

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

#[cfg(test)]
mod tests {
    use super::lower_first;

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
