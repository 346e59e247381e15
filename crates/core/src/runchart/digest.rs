//! What the run chart screen says first. A short chart's sentences are all shown, in order. A long
//! series (a national cohort has tens of thousands of points) can have thousands of findings,
//! each true for its stretch, but nobody can read them all: the screen then leads with the
//! verdict, a count, and the latest finding of each rule set and direction in the latest phase,
//! with every sentence still listed in order below, folded (docs/runchart-rules.md#digest).

use super::analysis::{RunChartAnalysis, Signal};

/// Charts with at most this many sentences show them all, unfolded.
pub const SHOW_ALL_UP_TO: usize = 12;

/// The sentences of a chart: those shown first, and the full list folded beneath them (empty
/// when `first` is already every sentence).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignalDigest {
    pub first: Vec<String>,
    pub all: Vec<String>,
}

/// Indices into `findings` of the latest finding of each (rule set, direction): the one ending
/// last, then starting last; of equals, the last listed. These are all the verdict can quote
/// (`verdict::latest_sentence` takes the latest of one or more such groups).
pub fn latest_of_each_kind<'a>(findings: impl IntoIterator<Item = &'a Signal>) -> Vec<usize> {
    // (rule set and direction, (last, first) point numbers, index of the finding)
    type Latest = ((super::RuleFamily, super::Assessment), (usize, usize), usize);
    let mut latest: Vec<Latest> = Vec::new();
    for (i, f) in findings.into_iter().enumerate() {
        let (group, key) = ((f.rule_set, f.assessment), (f.last.unwrap_or(0), f.first.unwrap_or(0)));
        match latest.iter_mut().find(|l| l.0 == group) {
            Some(l) if key >= l.1 => (l.1, l.2) = (key, i),
            Some(_) => {}
            None => latest.push((group, key, i)),
        }
    }
    // In the order listed (at most six, so no sort is needed).
    let mut out: Vec<usize> = Vec::with_capacity(latest.len());
    for (_, _, i) in latest {
        out.insert(out.partition_point(|&x| x < i), i);
    }
    out
}

/// The chart's sentences, in the order the run chart screen shows them.
pub fn digest(a: &RunChartAnalysis) -> SignalDigest {
    let all: Vec<String> = a.phases.iter().flat_map(|p| p.signals.iter().cloned()).collect();
    if all.is_empty() {
        return SignalDigest { first: vec![a.verdict.sentence.clone()], all: Vec::new() };
    }
    if all.len() <= SHOW_ALL_UP_TO {
        return SignalDigest { first: all, all: Vec::new() };
    }
    let findings: usize = a.phases.iter().map(|p| p.findings.len()).sum();
    let phases = match a.phases.len() {
        1 => String::new(),
        n => format!(" across {n} phases"),
    };
    // The latest of each kind that the verdict does not already quote.
    let latest: Vec<String> = a
        .phases
        .last()
        .map(|p| {
            latest_of_each_kind(&p.findings)
                .into_iter()
                .map(|i| p.findings[i].sentence.clone())
                .filter(|s| !s.is_empty() && !a.verdict.sentence.contains(s.as_str()))
                .collect()
        })
        .unwrap_or_default();
    let follow = if latest.is_empty() { ";" } else { ". The latest of each kind follow;" };
    let count = format!(
        "The rules found {findings} signals{phases}{follow} every sentence is listed in order under \"All {} sentences\".",
        all.len()
    );
    let first = [a.verdict.sentence.clone(), count].into_iter().chain(latest).collect();
    SignalDigest { first, all }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runchart::{RunChartConfig, Series, SignalKind, analyse};

    fn blocks(n: usize, len: usize) -> Series {
        Series::from_values(
            &(0..n * len).map(|i| if (i / len).is_multiple_of(2) { 5.0 } else { 50.0 }).collect::<Vec<_>>(),
        )
    }

    #[test]
    fn a_short_chart_shows_every_sentence() {
        // Two blocks of eight (the 16-point chart of the analysis tests): six findings, fewer
        // than 13 sentences, so all are shown in order and nothing is folded.
        let a = analyse(&blocks(2, 8), &RunChartConfig::default()).unwrap();
        assert!(a.phases[0].signals.len() <= SHOW_ALL_UP_TO);
        let d = digest(&a);
        assert_eq!(d.first, a.phases[0].signals);
        assert!(d.all.is_empty());
    }

    #[test]
    fn a_long_chart_leads_with_the_verdict_and_the_latest_of_each_kind() {
        // Fourteen blocks of seven points, alternately 5 and 50: 98 points, median 27.5, every
        // point useful. IHI: each block is a shift (7 >= 6), 14 shifts; no trend (repeated
        // values count once, so a block boundary is one step); the runs table stops at 60
        // points, so only a note. Anhøj: no run is longer than round(log2 98) + 3 = 10, but 13
        // crossings are far fewer than qbinom(0.05, 97, 0.5) = 40: too few crossings. So 15
        // findings, the last shift over points 92 to 98.
        let a = analyse(&blocks(14, 7), &RunChartConfig::default()).unwrap();
        let p = &a.phases[0];
        assert_eq!(p.findings.len(), 15);
        assert_eq!(p.findings.iter().filter(|f| f.kind == SignalKind::Shift).count(), 14);
        assert_eq!(p.findings.iter().filter(|f| f.kind == SignalKind::FewCrossings).count(), 1);
        let d = digest(&a);
        assert!(p.signals.len() > SHOW_ALL_UP_TO);
        assert_eq!(d.all, p.signals);
        assert_eq!(d.first[0], a.verdict.sentence);
        assert_eq!(
            d.first[1],
            format!(
                "The rules found 15 signals. The latest of each kind follow; every sentence is listed in order under \"All {} sentences\".",
                p.signals.len()
            )
        );
        let last_shift = p.findings.iter().find(|f| f.kind == SignalKind::Shift && f.first == Some(92)).unwrap();
        assert_eq!(last_shift.last, Some(98));
        assert!(d.first.contains(&last_shift.sentence) || a.verdict.sentence.contains(&last_shift.sentence));
        // The rest are findings of the latest phase, one of each rule set and direction at most.
        let rest: Vec<&Signal> =
            d.first[2..].iter().map(|s| p.findings.iter().find(|f| &f.sentence == s).unwrap()).collect();
        for (i, f) in rest.iter().enumerate() {
            assert!(rest[i + 1..].iter().all(|g| (g.rule_set, g.assessment) != (f.rule_set, f.assessment)));
        }
    }

    #[test]
    fn when_the_verdict_quotes_every_latest_finding_none_is_said_to_follow() {
        // IHI rules only, against a fixed centre of 100: fifteen blocks of twenty points at 50,
        // each followed by one point at 150 (315 points, all useful). Each block is a shift below
        // the centre, judged against it: lower is better, so fifteen improvements and nothing
        // else (no trend in flat blocks; the runs table stops at 60 points, so only a note).
        // The verdict quotes the latest shift, which is the only latest of its kind.
        let v: Vec<f64> = (0..15).flat_map(|_| std::iter::repeat_n(50.0, 20).chain([150.0])).collect();
        let cfg = RunChartConfig {
            rules: crate::runchart::RuleSet::Ihi,
            fixed_centre: Some(100.0),
            ..RunChartConfig::default()
        };
        let a = analyse(&Series::from_values(&v), &cfg).unwrap();
        let p = &a.phases[0];
        assert_eq!(p.findings.len(), 15);
        assert!(p.findings.iter().all(|f| f.kind == SignalKind::Shift));
        assert!(p.signals.len() > SHOW_ALL_UP_TO);
        let last = &p.findings[14];
        assert_eq!((last.first, last.last), (Some(295), Some(314)));
        assert_eq!(a.verdict.sentence, last.sentence);
        let d = digest(&a);
        assert_eq!(
            d.first,
            vec![
                a.verdict.sentence.clone(),
                format!(
                    "The rules found 15 signals; every sentence is listed in order under \"All {} sentences\".",
                    p.signals.len()
                ),
            ]
        );
    }

    #[test]
    fn the_latest_of_each_kind_ends_last_then_starts_last() {
        use crate::runchart::{Assessment, RuleFamily};
        let f = |rule_set, assessment, first, last| Signal {
            rule_set,
            kind: SignalKind::Shift,
            phase: 0,
            first,
            last,
            assessment,
            sentence: String::new(),
        };
        let (ihi, anhoej) = (RuleFamily::Ihi, RuleFamily::Anhoej);
        let (better, worse) = (Assessment::Improvement, Assessment::Deterioration);
        let findings = [
            f(ihi, better, Some(1), Some(8)),          // 0: an earlier improvement
            f(ihi, better, Some(5), Some(12)),         // 1: ends last among IHI improvements
            f(ihi, better, Some(9), Some(12)),         // 2: ends as late and starts later: this one
            f(ihi, worse, Some(20), Some(30)),         // 3: the only IHI deterioration
            f(anhoej, better, Some(1), Some(30)),      // 4: the only Anhøj improvement
            f(anhoej, Assessment::Change, None, None), // 5: no range, still its group's latest
        ];
        assert_eq!(latest_of_each_kind(&findings), vec![2, 3, 4, 5]);
    }
}
