//! One verdict per chart: what the latest phase says, in a status (for an icon and a word) and
//! one sentence. When both rule sets are applied the verdict follows the Anhøj rules, whose
//! limits keep the risk of a false signal near 5% whatever the number of points; the IHI
//! findings are still listed, and a sentence says when the two disagree
//! (docs/runchart-rules.md#when-the-rule-sets-disagree).

use serde::Serialize;

use super::analysis::{Assessment, PhaseAnalysis, RuleFamily, RuleSet, Signal};

/// What the latest phase of a run chart shows, for a status icon and word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerdictStatus {
    /// A signal of improvement, and none of deterioration.
    Improvement,
    /// A signal of deterioration, and none of improvement.
    Deterioration,
    /// A signal of change with no better or worse direction (or one that did not last).
    Change,
    /// Signals of improvement and of deterioration together.
    Mixed,
    /// The rules were applied and found nothing.
    NoSignal,
    /// Fewer than 10 useful points: the rules are not meaningful yet.
    TooFewPoints,
    /// No points, or no centre line.
    NoData,
}

impl VerdictStatus {
    /// A short label that does not rely on colour: "Improvement", "No signal", ...
    pub fn label(self) -> &'static str {
        match self {
            VerdictStatus::Improvement => "Signal of improvement",
            VerdictStatus::Deterioration => "Signal of deterioration",
            VerdictStatus::Change => "Signal of change",
            VerdictStatus::Mixed => "Mixed signals",
            VerdictStatus::NoSignal => "No signal",
            VerdictStatus::TooFewPoints => "Too few points",
            VerdictStatus::NoData => "No data",
        }
    }
}

/// The verdict of a run chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verdict {
    pub status: VerdictStatus,
    /// The rule set the verdict follows (`None` when no rule could be applied).
    pub follows: Option<RuleFamily>,
    /// One plain sentence.
    pub sentence: String,
}

/// The verdict of the latest phase under the rule set it follows.
pub fn verdict(rules: RuleSet, phases: &[PhaseAnalysis]) -> Verdict {
    let plain = |status, sentence: String| Verdict { status, follows: None, sentence };
    let Some(phase) = phases.last() else {
        return plain(VerdictStatus::NoData, "No completed children yet, so there is no run chart.".into());
    };
    if phase.centre.is_none() {
        let why = phase.signals.first().cloned().unwrap_or_default();
        return plain(VerdictStatus::NoData, why);
    }
    if !phase.rules_meaningful {
        let n = phase.n_useful;
        return plain(
            VerdictStatus::TooFewPoints,
            format!("Only {n} useful points: too few for the run chart rules to mean anything yet."),
        );
    }
    let follows = if rules.anhoej() { RuleFamily::Anhoej } else { RuleFamily::Ihi };
    let found: Vec<&Signal> = phase.findings.iter().filter(|f| f.rule_set == follows).collect();
    let verdict = |status, sentence| Verdict { status, follows: Some(follows), sentence };
    if found.is_empty() {
        let others = phase.findings.len();
        let sentence = match others {
            0 => "No signal: the variation looks random, with no sign of real change.".to_string(),
            k => format!(
                "No clear signal: the Anhøj rules find none, though the IHI rules find {k} (the two rule sets disagree, and on long series the IHI rules often fire by chance)."
            ),
        };
        return verdict(VerdictStatus::NoSignal, sentence);
    }
    let count = |a| found.iter().filter(|f| f.assessment == a).count();
    let (better, worse) = (count(Assessment::Improvement), count(Assessment::Deterioration));
    let family = match follows {
        RuleFamily::Ihi => "IHI",
        RuleFamily::Anhoej => "Anhøj",
    };
    if better > 0 && worse > 0 {
        let s = format!(
            "Mixed signals under the {family} rules: {better} point to an improvement and {worse} to a deterioration."
        );
        return verdict(VerdictStatus::Mixed, s);
    }
    if better == 0 && worse == 0 {
        return change_verdict(follows, &found, phase);
    }
    let (status, wanted) = if better > 0 {
        (VerdictStatus::Improvement, Assessment::Improvement)
    } else {
        (VerdictStatus::Deterioration, Assessment::Deterioration)
    };
    verdict(status, latest_sentence(found.iter().copied().filter(|f| f.assessment == wanted)))
}

/// The sentence of the most recent signal among `signals`: the one ending last, and of those the
/// one starting last (the shorter, more recent stretch).
fn latest_sentence<'a>(signals: impl Iterator<Item = &'a Signal>) -> String {
    signals.max_by_key(|f| (f.last.unwrap_or(0), f.first.unwrap_or(0))).map(|f| f.sentence.clone()).unwrap_or_default()
}

/// The rule set followed finds a change with no direction (too few crossings or runs, or a run
/// that did not last). When the other rule set's directional signals all point one way, they
/// say which way the change went, and the verdict names both.
fn change_verdict(follows: RuleFamily, found: &[&Signal], phase: &PhaseAnalysis) -> Verdict {
    let first = latest_sentence(found.iter().copied());
    let other: Vec<&Signal> =
        phase.findings.iter().filter(|f| f.rule_set != follows && f.assessment != Assessment::Change).collect();
    let all = |a| !other.is_empty() && other.iter().all(|f| f.assessment == a);
    let (status, sentence) = if all(Assessment::Improvement) || all(Assessment::Deterioration) {
        let status =
            if all(Assessment::Improvement) { VerdictStatus::Improvement } else { VerdictStatus::Deterioration };
        (status, format!("{first} {}", latest_sentence(other.iter().copied())))
    } else {
        (VerdictStatus::Change, first)
    };
    Verdict { status, follows: Some(follows), sentence }
}
