//! The IHI runs table: Perla, Provost and Murray (2011), BMJ Qual Saf 20:46-51, Table 1
//! ("based on about a 5% risk of failing the run test for random patterns", adapted from Swed and
//! Eisenhart), also printed in docs/runchart-rules.md#limits-table. The table covers 10 to 60
//! useful observations only; outside that range the too-few/too-many runs rule does not apply.

/// First `n` in the table.
pub const TABLE_MIN_N: usize = 10;
/// Last `n` in the table.
pub const TABLE_MAX_N: usize = 60;

/// `(lower, upper)` limits for n = 10, 11, ..., 60, in order.
const LIMITS: [(u8, u8); TABLE_MAX_N - TABLE_MIN_N + 1] = [
    (3, 9),   // 10
    (3, 10),  // 11
    (3, 11),  // 12
    (4, 11),  // 13
    (4, 12),  // 14
    (5, 12),  // 15
    (5, 13),  // 16
    (5, 13),  // 17
    (6, 14),  // 18
    (6, 15),  // 19
    (6, 16),  // 20
    (7, 16),  // 21
    (7, 17),  // 22
    (7, 17),  // 23
    (8, 18),  // 24
    (8, 18),  // 25
    (9, 19),  // 26
    (10, 19), // 27
    (10, 20), // 28
    (10, 20), // 29
    (11, 21), // 30
    (11, 22), // 31
    (11, 23), // 32
    (12, 23), // 33
    (12, 24), // 34
    (12, 24), // 35
    (13, 25), // 36
    (13, 25), // 37
    (14, 26), // 38
    (14, 26), // 39
    (15, 27), // 40
    (15, 27), // 41
    (16, 28), // 42
    (16, 28), // 43
    (17, 29), // 44
    (17, 30), // 45
    (17, 31), // 46
    (18, 31), // 47
    (18, 32), // 48
    (19, 32), // 49
    (19, 33), // 50
    (20, 33), // 51
    (20, 34), // 52
    (21, 34), // 53
    (21, 35), // 54
    (22, 35), // 55
    (22, 35), // 56
    (23, 36), // 57
    (23, 37), // 58
    (24, 38), // 59
    (24, 38), // 60
];

/// The `(lower, upper)` number-of-runs limits for `n_useful` useful observations, or `None` when
/// the table does not cover `n_useful` (below 10 or above 60). A signal is runs < lower (too few)
/// or runs > upper (too many); runs equal to a limit are not a signal.
pub fn runs_limits(n_useful: usize) -> Option<(usize, usize)> {
    if !(TABLE_MIN_N..=TABLE_MAX_N).contains(&n_useful) {
        return None;
    }
    let (lo, hi) = LIMITS[n_useful - TABLE_MIN_N];
    Some((usize::from(lo), usize::from(hi)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The published table (Perla et al., Table 1) written out as `n:lower-upper`, re-parsed here
    /// independently of `LIMITS` so a transcription slip in either copy fails the test.
    const PRINTED: &str = "\
10:3-9   11:3-10  12:3-11  13:4-11  14:4-12  15:5-12  16:5-13  17:5-13  18:6-14  19:6-15
20:6-16  21:7-16  22:7-17  23:7-17  24:8-18  25:8-18  26:9-19  27:10-19 28:10-20 29:10-20
30:11-21 31:11-22 32:11-23 33:12-23 34:12-24 35:12-24 36:13-25 37:13-25 38:14-26 39:14-26
40:15-27 41:15-27 42:16-28 43:16-28 44:17-29 45:17-30 46:17-31 47:18-31 48:18-32 49:19-32
50:19-33 51:20-33 52:20-34 53:21-34 54:21-35 55:22-35 56:22-35 57:23-36 58:23-37 59:24-38 60:24-38";

    #[test]
    fn matches_the_printed_table_for_every_n() {
        let mut seen = 0;
        for cell in PRINTED.split_whitespace() {
            let (n, lims) = cell.split_once(':').unwrap();
            let (lo, hi) = lims.split_once('-').unwrap();
            let n: usize = n.parse().unwrap();
            let expect = (lo.parse::<usize>().unwrap(), hi.parse::<usize>().unwrap());
            assert_eq!(runs_limits(n), Some(expect), "n = {n}");
            seen += 1;
        }
        assert_eq!(seen, 51);
    }

    #[test]
    fn outside_the_table_is_not_covered() {
        assert_eq!(runs_limits(0), None);
        assert_eq!(runs_limits(9), None);
        assert_eq!(runs_limits(61), None);
        assert_eq!(runs_limits(10), Some((3, 9)));
        assert_eq!(runs_limits(60), Some((24, 38)));
    }

    #[test]
    fn limits_never_decrease_with_n() {
        for n in TABLE_MIN_N..TABLE_MAX_N {
            let (a, b) = runs_limits(n).unwrap();
            let (c, d) = runs_limits(n + 1).unwrap();
            assert!(c >= a && d >= b, "n = {n}");
            assert!(a < b);
        }
    }
}
