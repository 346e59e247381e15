//! The log-rank test between two or more groups (docs/survival.md, "The log-rank test").
//!
//! At each distinct event time t, with n at risk in all, d events in all, and n_g at risk in
//! group g, group g "expects" d n_g / n of the events. Over all event times, O_g - E_g compares
//! what happened with what would happen if every group had the same curve. The covariance of
//! O - E is V_gh = Σ d (n - d) / (n - 1) x (n_g / n) (δ_gh - n_h / n). The statistic is
//! (O - E)' V⁻ (O - E) over the groups after the first, where V⁻ is a
//! generalised inverse, so a group that never has anyone at risk at an event time costs a
//! degree of freedom instead of making V singular. With two groups it is (O₂ - E₂)² / V₂₂.
//! The p-value is the chi-square upper tail with as many degrees of freedom as the rank of V.

use serde::Serialize;

use super::gamma::chi_square_upper;
use super::{Observation, SurvivalError, validate};

/// A pivot smaller than this share of the largest diagonal entry counts as zero.
const SINGULAR: f64 = 1e-10;

/// One group's part in the test.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogRankGroup {
    pub n: usize,
    pub observed: usize,
    pub expected: f64,
}

/// The log-rank test result.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LogRank {
    pub chisq: f64,
    /// Degrees of freedom: the number of groups less one, unless some group could not contribute.
    pub df: usize,
    pub p: f64,
    /// Observed and expected events per group, in the order given.
    pub groups: Vec<LogRankGroup>,
}

/// Runs the log-rank test. Empty groups are allowed (they contribute nothing) but at least two
/// groups must have durations in them.
pub fn log_rank<G: AsRef<[Observation]>>(groups: &[G]) -> Result<LogRank, SurvivalError> {
    let k = groups.len();
    let mut pooled: Vec<(f64, bool, usize)> = Vec::new();
    for (g, obs) in groups.iter().enumerate() {
        let obs = obs.as_ref();
        validate(obs)?;
        pooled.extend(obs.iter().map(|o| (o.time, o.event, g)));
    }
    let non_empty = groups.iter().filter(|g| !g.as_ref().is_empty()).count();
    if non_empty < 2 {
        return Err(SurvivalError::TooFewGroups { groups: non_empty });
    }
    crate::order::sort_by(&mut pooled, |a, b| a.0.total_cmp(&b.0));

    let mut at_risk: Vec<usize> = groups.iter().map(|g| g.as_ref().len()).collect();
    let mut observed = vec![0usize; k];
    let mut expected = vec![0.0f64; k];
    let mut var = vec![vec![0.0f64; k]; k];
    let mut i = 0;
    while i < pooled.len() {
        let time = pooled[i].0;
        let mut deaths = vec![0usize; k];
        let mut leaving = vec![0usize; k];
        while i < pooled.len() && pooled[i].0 == time {
            let (_, event, g) = pooled[i];
            if event {
                deaths[g] += 1;
            }
            leaving[g] += 1;
            i += 1;
        }
        let d: usize = deaths.iter().sum();
        let n: usize = at_risk.iter().sum();
        if d > 0 {
            let (dn, nn) = (d as f64, n as f64);
            for g in 0..k {
                observed[g] += deaths[g];
                expected[g] += dn * at_risk[g] as f64 / nn;
            }
            if n > 1 {
                let factor = dn * (nn - dn) / (nn * nn * (nn - 1.0));
                for g in 0..k {
                    for h in 0..k {
                        let delta = if g == h { nn } else { 0.0 };
                        var[g][h] += factor * at_risk[g] as f64 * (delta - at_risk[h] as f64);
                    }
                }
            }
        }
        for g in 0..k {
            at_risk[g] -= leaving[g];
        }
    }

    // Drop the first group: the O - E add up to zero, so it carries no extra information.
    let diff: Vec<f64> = (1..k).map(|g| observed[g] as f64 - expected[g]).collect();
    let sub: Vec<Vec<f64>> = (1..k).map(|g| var[g][1..].to_vec()).collect();
    let (chisq, df) = quadratic_form(sub, &diff);
    if df == 0 {
        return Err(SurvivalError::NothingToCompare);
    }
    let groups = (0..k)
        .map(|g| LogRankGroup { n: groups[g].as_ref().len(), observed: observed[g], expected: expected[g] })
        .collect();
    Ok(LogRank { chisq, df, p: chi_square_upper(chisq, df), groups })
}

/// b' A⁻ b for a symmetric positive semi-definite A, with its rank. A = L D L' is factorised
/// with pivots below a tolerance set to zero (their rows and columns dropped), then
/// b' A⁻ b = Σ z_i² / D_i over the non-zero pivots, where L z = b.
fn quadratic_form(mut a: Vec<Vec<f64>>, b: &[f64]) -> (f64, usize) {
    let m = b.len();
    let largest = (0..m).map(|i| a[i][i].abs()).fold(0.0, f64::max);
    let eps = largest * SINGULAR;
    let mut pivots = vec![0.0; m];
    for i in 0..m {
        let pivot = a[i][i];
        if largest == 0.0 || pivot <= eps {
            for row in a.iter_mut().skip(i + 1) {
                row[i] = 0.0;
            }
            continue;
        }
        pivots[i] = pivot;
        for j in i + 1..m {
            for c in i + 1..=j {
                a[j][c] -= a[j][i] * a[c][i] / pivot;
            }
        }
        for row in a.iter_mut().skip(i + 1) {
            row[i] /= pivot;
        }
    }
    let mut z = b.to_vec();
    for j in 0..m {
        for i in 0..j {
            z[j] -= a[j][i] * z[i];
        }
    }
    let rank = pivots.iter().filter(|&&d| d > 0.0).count();
    let chisq = (0..m).filter(|&i| pivots[i] > 0.0).map(|i| z[i] * z[i] / pivots[i]).sum();
    (chisq, rank)
}
