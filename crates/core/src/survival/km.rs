//! The Kaplan-Meier estimate (docs/survival.md, "The survival table" and "The median").
//!
//! At each distinct time t with n still followed ("at risk") and d events, the survival drops by
//! the factor (1 - d/n). Censored durations at the same time as events are still at risk at that
//! time: events come first. The 95% interval is Greenwood's variance on the log scale:
//! S x exp(±z sqrt(Σ d / (n (n - d)))) with z = 1.959964 (the 97.5th percentile of the normal
//! distribution), the upper end capped at 1. These are the conventions of the reference
//! implementation named in docs/survival.md, so results can be checked against it.

use serde::Serialize;

use super::{Observation, SurvivalError, validate};

/// The 97.5th percentile of the standard normal distribution.
pub const Z_95: f64 = 1.959_963_984_540_054;

/// How close to a quantile the curve must sit to count as exactly on it: the square root of the
/// f64 machine epsilon (docs/survival.md, "The median").
const TOLERANCE: f64 = 1.490_116_119_384_765_6e-8;

/// One row of the survival table: one distinct time.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct KmRow {
    pub time: f64,
    /// Still followed just before this time (this time's events and censorings included).
    pub at_risk: usize,
    pub events: usize,
    pub censored: usize,
    /// Proportion still without the event just after this time.
    pub survival: f64,
    /// Lower end of the 95% interval; `None` once the survival is 0 (no interval on the log scale).
    pub lower: Option<f64>,
    /// Upper end of the 95% interval, at most 1; `None` once the survival is 0.
    pub upper: Option<f64>,
}

/// A Kaplan-Meier fit: counts and the survival table in time order. The default is the empty fit.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct KaplanMeier {
    pub n: usize,
    pub events: usize,
    pub censored: usize,
    pub table: Vec<KmRow>,
}

/// The median and its 95% interval. `None` means "not reached": the curve (or its interval's
/// curve) never comes down to one half.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct MedianCi {
    pub median: Option<f64>,
    pub lower: Option<f64>,
    pub upper: Option<f64>,
}

/// Fits the Kaplan-Meier estimate. No durations gives an empty fit (n 0, no rows).
pub fn kaplan_meier(obs: &[Observation]) -> Result<KaplanMeier, SurvivalError> {
    validate(obs)?;
    // Events and censored durations sorted apart, as integer keys: only the counts at each time
    // matter, never the order within a time, and a national file has 100,000 durations per
    // stage (docs/architecture.md#speed-on-national-files).
    let (events_at, censored_at) = sorted_keys(obs);
    let n = obs.len();
    let events = events_at.len();
    let mut table = Vec::new();
    let mut at_risk = n;
    let mut survival = 1.0_f64;
    // Greenwood's sum, the variance of log S: Σ d / (n (n - d)).
    let mut greenwood = 0.0_f64;
    let (mut i, mut j) = (0, 0);
    while let Some(key) = next_key(&events_at[i..], &censored_at[j..]) {
        let time = f64::from_bits(key);
        let d = events_at[i..].iter().take_while(|&&k| k == key).count();
        let c = censored_at[j..].iter().take_while(|&&k| k == key).count();
        (i, j) = (i + d, j + c);
        if d > 0 {
            survival *= 1.0 - d as f64 / at_risk as f64;
            greenwood += if d < at_risk { d as f64 / (at_risk as f64 * (at_risk - d) as f64) } else { f64::INFINITY };
        }
        let (lower, upper) = interval(survival, greenwood);
        table.push(KmRow { time, at_risk, events: d, censored: c, survival, lower, upper });
        at_risk -= d + c;
    }
    Ok(KaplanMeier { n, events, censored: n - events, table })
}

/// The durations of events and of censorings, each sorted, as keys in the order of the times:
/// for a time of at least zero (as [`validate`] makes sure), its bits read as an integer grow
/// with it. A time of -0.0 counts as 0.
fn sorted_keys(obs: &[Observation]) -> (Vec<u64>, Vec<u64>) {
    let key = |o: &Observation| (o.time + 0.0).to_bits();
    let mut events: Vec<u64> = obs.iter().filter(|o| o.event).map(key).collect();
    let mut censored: Vec<u64> = obs.iter().filter(|o| !o.event).map(key).collect();
    crate::order::sort_keys(&mut events);
    crate::order::sort_keys(&mut censored);
    (events, censored)
}

/// The smaller of the two lists' first keys; `None` when both are used up.
fn next_key(events: &[u64], censored: &[u64]) -> Option<u64> {
    match (events.first(), censored.first()) {
        (Some(&e), Some(&c)) => Some(e.min(c)),
        (e, c) => e.or(c).copied(),
    }
}

/// The log-scale interval around `survival` with Greenwood sum `greenwood`.
fn interval(survival: f64, greenwood: f64) -> (Option<f64>, Option<f64>) {
    if survival <= 0.0 || !greenwood.is_finite() {
        return (None, None);
    }
    let half = Z_95 * greenwood.sqrt();
    (Some(survival * (-half).exp()), Some((survival * half.exp()).min(1.0)))
}

impl KaplanMeier {
    /// The estimated survival just after time `t` (events at `t` included): 1 before the first
    /// event. `None` when there are no durations, or when `t` is beyond the longest duration and
    /// the curve has not reached 0 (nobody was followed that long, so it is not known).
    pub fn survival_at(&self, t: f64) -> Option<f64> {
        let last = self.table.last()?;
        if t > last.time {
            return (last.survival <= 0.0).then_some(0.0);
        }
        let k = self.table.partition_point(|r| r.time <= t);
        Some(if k == 0 { 1.0 } else { self.table[k - 1].survival })
    }

    /// The estimated proportion reaching the end within `t` (events at `t` included): 1 - S(t).
    /// `None` in the cases where [`KaplanMeier::survival_at`] is.
    pub fn proportion_within(&self, t: f64) -> Option<f64> {
        self.survival_at(t).map(|s| 1.0 - s)
    }

    /// The median and its 95% interval (docs/survival.md, "The median").
    pub fn median(&self) -> MedianCi {
        self.quantile(0.5)
    }

    /// The time by which a proportion `p` (0 to 1) has reached the end, with its 95% interval:
    /// where the survival curve, and the lower and upper curves, come down to 1 - p.
    pub fn quantile(&self, p: f64) -> MedianCi {
        let times: Vec<f64> = self.table.iter().map(|r| r.time).collect();
        let curve = |f: fn(&KmRow) -> Option<f64>| -> Option<f64> {
            let ys: Vec<Option<f64>> = self.table.iter().map(f).collect();
            crossing(&times, &ys, p)
        };
        MedianCi { median: curve(|r| Some(r.survival)), lower: curve(|r| r.lower), upper: curve(|r| r.upper) }
    }
}

/// Where a step curve first comes down to 1 - `p` (docs/survival.md, "The median"): work on
/// F = 1 - S, starting from F = 0 at time 0, keep the first time of each distinct level (later
/// rows at the same level are censorings), and find the first time F reaches `p`. When F sits at
/// `p` exactly (within [`TOLERANCE`]) the answer is the midpoint of that time and the time F next
/// rises, or of that time and the last time in the table when F never rises again. Rows with no
/// value (an interval once the survival is 0) are skipped. `None` when F never reaches `p`.
fn crossing(times: &[f64], surv: &[Option<f64>], p: f64) -> Option<f64> {
    let xmax = times.last().copied()?;
    let mut xs = vec![0.0];
    let mut ys = vec![0.0];
    for (&t, s) in times.iter().zip(surv) {
        let Some(s) = s else { continue };
        let y = 1.0 - s;
        // The levels only rise, so a repeated level is always the previous one.
        if ys.last() != Some(&y) {
            xs.push(t);
            ys.push(y);
        }
    }
    if p <= 0.0 {
        return Some(xs[0]);
    }
    let first = ys.iter().position(|&y| y + TOLERANCE >= p)?;
    match ys.iter().position(|&y| y - TOLERANCE >= p) {
        Some(next) => Some((xs[first] + xs[next]) / 2.0),
        // The curve ends on a level within the tolerance of p: the midpoint with the last time,
        // but only when the last row of the curve has a value.
        None if surv.last().is_some_and(Option::is_some) => Some((xs[first] + xmax) / 2.0),
        None => None,
    }
}
