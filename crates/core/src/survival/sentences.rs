//! Plain-English sentences for survival results (docs/survival.md, "Words").

use super::LogRank;
use super::km::MedianCi;
use crate::runchart::sentences::number;

/// Below this p-value a difference is called unlikely to be chance.
pub const SIGNIFICANCE: f64 = 0.05;

/// A p-value as people read it, with its sign: "< 0.001", three decimals below 0.01, otherwise
/// two; "< 0.05" for a value just under 0.05 that two decimals would round up to it.
pub fn p_value(p: f64) -> String {
    if p.is_nan() {
        return "not available".into();
    }
    if p < 0.001 {
        return "< 0.001".into();
    }
    let two = format!("{p:.2}");
    if p < 0.01 {
        format!("= {p:.3}")
    } else if p < SIGNIFICANCE && two == "0.05" {
        "< 0.05".into()
    } else {
        format!("= {two}")
    }
}

/// The log-rank result in words: "The difference between the groups is unlikely to be chance
/// (log-rank p = 0.01)." or "... could be chance (log-rank p = 0.07)."
pub fn log_rank_sentence(lr: &LogRank) -> String {
    let verdict = if lr.p < SIGNIFICANCE { "is unlikely to be chance" } else { "could be chance" };
    format!("The difference between the groups {verdict} (log-rank p {}).", p_value(lr.p))
}

/// A median with its interval, for example "31 days (95% CI 18 to not reached)". `None` when
/// the median itself is not reached.
pub fn median_phrase(m: &MedianCi, unit: &str) -> Option<String> {
    let median = m.median?;
    let end = |x: Option<f64>| x.map_or_else(|| "not reached".to_string(), number);
    let unit = if unit.is_empty() { String::new() } else { format!(" {unit}") };
    Some(format!("{}{unit} (95% CI {} to {})", number(median), end(m.lower), end(m.upper)))
}

/// A proportion as a whole percentage: 0.3636 -> "36%".
pub fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survival::LogRankGroup;

    fn lr(p: f64) -> LogRank {
        LogRank { chisq: 1.0, df: 1, p, groups: vec![LogRankGroup { n: 1, observed: 1, expected: 1.0 }] }
    }

    #[test]
    fn log_rank_in_words() {
        assert_eq!(
            log_rank_sentence(&lr(0.0653)),
            "The difference between the groups could be chance (log-rank p = 0.07)."
        );
        assert_eq!(
            log_rank_sentence(&lr(0.012)),
            "The difference between the groups is unlikely to be chance (log-rank p = 0.01)."
        );
        assert_eq!(
            log_rank_sentence(&lr(0.0004)),
            "The difference between the groups is unlikely to be chance (log-rank p < 0.001)."
        );
        // 0.0496 would show as 0.05 with two decimals, which reads as "not below 0.05".
        assert_eq!(
            log_rank_sentence(&lr(0.0496)),
            "The difference between the groups is unlikely to be chance (log-rank p < 0.05)."
        );
    }

    #[test]
    fn p_values() {
        assert_eq!(p_value(0.5), "= 0.50");
        assert_eq!(p_value(0.0053), "= 0.005");
        assert_eq!(p_value(0.0512), "= 0.05");
        assert_eq!(p_value(0.0099), "= 0.010");
        assert_eq!(p_value(f64::NAN), "not available");
    }

    #[test]
    fn median_phrases() {
        let m = MedianCi { median: Some(31.0), lower: Some(18.0), upper: None };
        assert_eq!(median_phrase(&m, "days").as_deref(), Some("31 days (95% CI 18 to not reached)"));
        let m = MedianCi { median: Some(115.5), lower: Some(90.0), upper: Some(140.0) };
        assert_eq!(median_phrase(&m, "").as_deref(), Some("115.5 (95% CI 90 to 140)"));
        assert_eq!(median_phrase(&MedianCi { median: None, lower: Some(3.0), upper: None }, "days"), None);
        assert_eq!(percent(0.3636), "36%");
    }
}
