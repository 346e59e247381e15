//! The exercises, as data. Every series is written by hand so its properties are plain, and the
//! working is in the comments: the median, each point's side (A above, B below, o on the
//! median, x left out), the runs, the crossings and the limits from
//! docs/runchart-rules.md#limits-table. The tests in `learn::tests` check each exercise against
//! the engine, so a slip here fails a test rather than teaching something wrong.
//!
//! All stories are synthetic: no real children.

use chrono::NaiveDate;

use super::{AnswerOption, Claim, Exercise, Highlight, HighlightRule, Topic};
use crate::runchart::{
    Assessment, Baseline, PhaseBreak, Point, PointNote, RuleFamily, RunChartConfig, Series, SignalKind, VerdictStatus,
    Wording,
};

/// Every exercise, numbered in teaching order ("Exercise 1: ...").
pub fn exercises() -> Vec<Exercise> {
    let mut list = vec![
        the_median(),
        planning_meeting(),
        court_backlog(),
        not_enough_points_yet(),
        small_team(),
        two_teams_take_turns(),
        drifting_waits(),
        long_series(),
        data_entry_error(),
        frozen_baseline(),
        phases(),
        one_point_per_child(),
        waiting_bars(),
    ];
    for (i, e) in list.iter_mut().enumerate() {
        e.number = i + 1;
        e.title = format!("Exercise {}: {}", i + 1, e.title);
    }
    list
}

// Small constructors that keep the tables below readable.

fn opt(text: &str, claim: Claim) -> AnswerOption {
    AnswerOption { text: text.into(), claim }
}

fn verdict(status: VerdictStatus) -> Claim {
    Claim::Verdict { status }
}

fn finds(kind: SignalKind, assessment: Option<Assessment>) -> Claim {
    Claim::Finds { kind, assessment }
}

fn none_from(family: RuleFamily) -> Claim {
    Claim::NoSignal { family }
}

fn all(claims: Vec<Claim>) -> Claim {
    Claim::All { claims }
}

fn hl(rule: HighlightRule, first: usize, last: usize) -> Highlight {
    Highlight::new(rule, first, last)
}

fn config() -> RunChartConfig {
    RunChartConfig { wording: Wording::permanence_days(), ..RunChartConfig::default() }
}

/// The common parts of an exercise; each builder fills in the rest.
fn base(title: &str, story: &str, values: &[f64]) -> Exercise {
    Exercise {
        number: 0,
        title: title.into(),
        story: story.into(),
        topics: Vec::new(),
        series: Series::from_values(values),
        config: config(),
        waiting: Vec::new(),
        end_milestone: "the permanence decision".into(),
        question: String::new(),
        options: Vec::new(),
        correct: 0,
        explanation: String::new(),
        highlights: Vec::new(),
    }
}

fn the_median() -> Exercise {
    // Sorted: 88 95 99 102 104 107 | 110 110 110 | 120 126 132 135 140 150. Fifteen values, so
    // the median is the 8th: 110. Points 4, 8 and 12 are 110, on the median: 12 useful.
    // Sides: A B A o A B B o A B A o B A B. Useful in order: A B AA BB A B A B A B: 10 runs,
    // 9 crossings, longest 2. n = 12: IHI runs 3 to 11 (10 is inside); Anhøj longest run max 7,
    // crossings min 3. Longest rise or fall 3 points (132 104 88; 88 110 150; 126 110 99).
    // Mean 1728 / 15 = 115.2; mid-range (88 + 150) / 2 = 119.
    let values = [120.0, 95.0, 140.0, 110.0, 132.0, 104.0, 88.0, 110.0, 150.0, 102.0, 126.0, 110.0, 99.0, 135.0, 107.0];
    Exercise {
        topics: vec![Topic::Median, Topic::UsefulObservations],
        question: "What is the median of these 15 waits, and how many useful observations do the rules count?".into(),
        options: vec![
            opt(
                "Median 110 days; 12 useful observations, as the 3 children on the median are skipped",
                all(vec![Claim::Median { phase: 0, value: 110.0 }, Claim::Useful { phase: 0, n: 12 }]),
            ),
            opt(
                "Median 115.2 days (the average); 15 useful observations",
                all(vec![Claim::Median { phase: 0, value: 115.2 }, Claim::Useful { phase: 0, n: 15 }]),
            ),
            opt(
                "Median 110 days; 15 useful observations, as every child counts",
                all(vec![Claim::Median { phase: 0, value: 110.0 }, Claim::Useful { phase: 0, n: 15 }]),
            ),
            opt(
                "Median 119 days (half-way between the shortest and the longest wait); 12 useful observations",
                all(vec![Claim::Median { phase: 0, value: 119.0 }, Claim::Useful { phase: 0, n: 12 }]),
            ),
        ],
        correct: 0,
        explanation: "Put the 15 waits in order: 88, 95, 99, 102, 104, 107, 110, 110, 110, 120, 126, 132, 135, \
            140, 150. The median is the middle one, the 8th: 110 days. Half the children waited less and half \
            waited more. A run chart uses the median rather than the average because one very long wait cannot \
            drag it, and because the median always splits the points evenly, which is what the probability \
            behind the rules assumes. Three children waited exactly 110 days. A point on the median neither adds \
            to a run nor breaks one, so it is not a useful observation: the rules count 12, and their limits are \
            looked up for 12 points. With waits in whole days, several children often sit on the median. No rule \
            fires on this chart."
            .into(),
        ..base(
            "What the median is",
            "A permanence panel asks how long children wait from becoming looked after to the permanence \
             decision. Here are 15 children, in the order they reached the decision.",
            &values,
        )
    }
}

fn planning_meeting() -> Exercise {
    // Sorted: 141 147 152 158 164 168 170 173 176 181 | 195 198 205 210 214 219 226 232 237 241.
    // Median (181 + 195) / 2 = 188; no point on it, 20 useful.
    // Sides: AAA B AAAA B AAA BBBBBBBB: 6 runs (3 1 4 1 3 8), 5 crossings, longest 8.
    // IHI: shift at points 13 to 20 (8 >= 6); runs 6 against 6 to 16 for n = 20: not a signal.
    // Anhøj n = 20: longest run max 7, so 8 is a long run; crossings min 6, so 5 is too few.
    // Longest rise or fall 3 points (232 198 176; 226 214 181). Nothing after the run: from
    // point 13 on, values sit below the median, and lower is better: an improvement.
    let values = [
        210.0, 232.0, 198.0, 176.0, 241.0, 205.0, 226.0, 214.0, 181.0, 219.0, 195.0, 237.0, 152.0, 168.0, 141.0, 173.0,
        158.0, 164.0, 147.0, 170.0,
    ];
    Exercise {
        topics: vec![Topic::Shift, Topic::AnhoejRules],
        question: "Is there a signal? Which rule?".into(),
        options: vec![
            opt("Shift (improvement)", finds(SignalKind::Shift, Some(Assessment::Improvement))),
            opt("Shift (deterioration)", finds(SignalKind::Shift, Some(Assessment::Deterioration))),
            opt("Trend", finds(SignalKind::Trend, None)),
            opt("No signal", verdict(VerdictStatus::NoSignal)),
        ],
        correct: 0,
        explanation: "The median is 188 days, half-way between 181 and 195. Points 13 to 20, the last eight \
            children, all sit below it. Six or more useful points in a row on one side is a shift (IHI), and with \
            20 useful points a run longer than 7 is an unusually long run (Anhøj). Nothing comes after it, so \
            from point 13 on waits were shorter: as lower is better, an improvement. The Anhøj rules also find \
            too few crossings: the points cross the median 5 times, where at least 6 are expected with 20 \
            points. No five points in a row all fall, so there is no trend."
            .into(),
        highlights: vec![
            hl(HighlightRule::Shift, 13, 20),
            hl(HighlightRule::LongRun, 13, 20),
            hl(HighlightRule::FewCrossings, 1, 20),
        ],
        ..base(
            "A two-week planning meeting",
            "A team started holding a planning meeting within two weeks of each child becoming looked after, \
             so that permanence is planned from the start. The meeting began just before the 13th child on \
             this chart reached the permanence decision.",
            &values,
        )
    }
}

fn court_backlog() -> Exercise {
    // Sorted: 157 160 162 166 170 171 176 180 184 188 191 193 | 209 214 226 231 240 245 251 262
    // 266 275 288 297. Median (193 + 209) / 2 = 201; 24 useful.
    // Sides: BBB A BBBB A BBB A BB AAAAAAAAA: 8 runs, 7 crossings, longest 9.
    // IHI: shift at 16 to 24; runs 8 against 8 to 18 for n = 24: not a signal.
    // Anhøj n = 24: longest run max 8 (9 is a long run); crossings min 8 (7 is too few).
    // Longest rise or fall 3 points. The run ends the series: from point 16 on waits were
    // longer, a deterioration.
    let values = [
        180.0, 162.0, 191.0, 214.0, 170.0, 188.0, 157.0, 176.0, 226.0, 166.0, 193.0, 171.0, 209.0, 184.0, 160.0, 245.0,
        231.0, 262.0, 240.0, 275.0, 251.0, 288.0, 266.0, 297.0,
    ];
    Exercise {
        topics: vec![Topic::Shift, Topic::AnhoejRules],
        question: "What would you tell the panel?".into(),
        options: vec![
            opt("Waits have got shorter: a signal of improvement", verdict(VerdictStatus::Improvement)),
            opt(
                "Waits have got longer from point 16 on: a signal of deterioration",
                verdict(VerdictStatus::Deterioration),
            ),
            opt("Nothing has changed: this is random variation", verdict(VerdictStatus::NoSignal)),
            opt("There are too few children to say", verdict(VerdictStatus::TooFewPoints)),
        ],
        correct: 1,
        explanation: "The median is 201 days. The last nine children, points 16 to 24, all sit above it: a shift \
            under the IHI rules and, with 24 useful points, an unusually long run under the Anhøj rules (longer \
            than 8). The later points stay above the median, so from point 16 on waits were longer; as lower is \
            better, that is a deterioration. The points cross the median only 7 times, fewer than the 8 expected \
            with 24 points, so the Anhøj rules also find too few crossings. Tell the panel that waits for the \
            court have got longer since about point 16, and that this is unlikely to be chance."
            .into(),
        highlights: vec![
            hl(HighlightRule::Shift, 16, 24),
            hl(HighlightRule::LongRun, 16, 24),
            hl(HighlightRule::FewCrossings, 1, 24),
        ],
        end_milestone: "the court's decision".into(),
        ..base(
            "A court backlog",
            "A sheriff court was short of sheriffs for most of a year, and applications for permanence orders \
             queued. The chart shows the days from lodging each application to the court's decision, for 24 \
             children in the order the court decided.",
            &values,
        )
    }
}

fn not_enough_points_yet() -> Exercise {
    // Sorted: 103 108 112 116 118 119 121 124 126 | 134 138 141 143 147 150 155 162 170.
    // Median (126 + 134) / 2 = 130; 18 useful.
    // Sides: AA B AA B AA B AA B A BBBBB: 10 runs, 9 crossings, longest 5 (points 14 to 18).
    // IHI: no shift (5 < 6); runs 10 against 6 to 14 for n = 18. Anhøj n = 18: longest run max 7,
    // crossings min 5: no signal. Longest rise or fall 3 points (124 147 170; 143 116 108).
    let values = [
        150.0, 138.0, 121.0, 162.0, 141.0, 118.0, 155.0, 134.0, 124.0, 147.0, 170.0, 112.0, 143.0, 116.0, 108.0, 126.0,
        103.0, 119.0,
    ];
    Exercise {
        topics: vec![Topic::Shift, Topic::Median],
        question: "Is there a signal yet?".into(),
        options: vec![
            opt("Yes: a shift (improvement)", finds(SignalKind::Shift, None)),
            opt("Yes: a trend (improvement)", finds(SignalKind::Trend, None)),
            opt(
                "Not yet: no rule fires; a sixth child in a row below the median would make a shift",
                all(vec![verdict(VerdictStatus::NoSignal), none_from(RuleFamily::Ihi), none_from(RuleFamily::Anhoej)]),
            ),
            opt("There are too few points for the rules", verdict(VerdictStatus::TooFewPoints)),
        ],
        correct: 2,
        explanation: "The median is 130 days. Points 14 to 18 sit below it, but that is five points, and a shift \
            needs six in a row (IHI). With 18 useful points the Anhøj rules allow a run of up to 7 and expect at \
            least 5 crossings; here the longest run is 5 and the points cross the median 9 times. So far the \
            pattern is one that chance alone makes often. The last children look better, but not for long \
            enough yet: keep plotting, and let the next children tell you whether the change is real."
            .into(),
        ..base(
            "A change that looks good, but not enough points yet",
            "Just before the 14th child's decision, social workers and the legal team began meeting every week \
             to review each child's plan. The five children since then all waited less than the median, and \
             the team wants to tell everyone it worked.",
            &values,
        )
    }
}

fn small_team() -> Exercise {
    // Sorted: 160 172 181 188 195 204 221 236 250. Nine values: the median is the 5th, 195,
    // which is point 7, so 8 useful. Sides: AAAA BB o BB: 2 runs, 1 crossing, longest 4.
    // IHI: points 1 to 6 fall (250 236 221 204 188 172): a trend, which the rules report; the
    // runs table starts at 10 points. Anhøj n = 8: longest run max 6, crossings min 1: nothing.
    // Fewer than 10 useful points, so the verdict is "too few points".
    let values = [250.0, 236.0, 221.0, 204.0, 188.0, 172.0, 195.0, 160.0, 181.0];
    Exercise {
        topics: vec![Topic::TooFewPoints, Topic::Trend],
        question: "What can the run chart rules say here?".into(),
        options: vec![
            opt("A trend (improvement): tell the panel things are better", verdict(VerdictStatus::Improvement)),
            opt("Too few points: the rules do not mean anything yet", verdict(VerdictStatus::TooFewPoints)),
            opt("A shift (improvement)", finds(SignalKind::Shift, None)),
            opt("No signal: the variation is random", verdict(VerdictStatus::NoSignal)),
        ],
        correct: 1,
        explanation: "The median is 195 days, and one child (point 7) sits on it, so there are only 8 useful \
            observations. The rules need at least 10 before they mean anything: with so few points, patterns \
            such as the fall over points 1 to 6, which the IHI trend rule does find, turn up by chance too \
            often, and the runs table starts at 10 points. Say what you see (the waits and the median) and that \
            the rules cannot judge it yet. Small numbers are common in permanence work: a longer period helps. \
            Note too that with 9 points and one median no more than 4 can sit on either side, so a shift of 6 \
            cannot happen."
            .into(),
        highlights: vec![hl(HighlightRule::Trend, 1, 6)],
        ..base(
            "A small team with only 9 children",
            "A small island authority had 9 children reach a permanence decision in three years. The first six \
             waits fell steadily.",
            &values,
        )
    }
}

fn two_teams_take_turns() -> Exercise {
    // Team one (odd points): 240 236 251 229 245 233 258 238; team two (even points): 150 162
    // 144 171 155 148 166 159. Every team-one wait is above every team-two wait, so the median
    // is (171 + 229) / 2 = 200 and the sides alternate A B A B ...: 16 runs of 1, 15 crossings.
    // IHI n = 16: runs 5 to 13, so 16 is too many runs. Anhøj n = 16: longest run max 7 (1),
    // crossings min 4 (15): nothing, so the verdict (Anhøj) is no signal. Up and down each
    // step, so no trend.
    let values = [
        240.0, 150.0, 236.0, 162.0, 251.0, 144.0, 229.0, 171.0, 245.0, 155.0, 233.0, 148.0, 258.0, 166.0, 238.0, 159.0,
    ];
    Exercise {
        topics: vec![Topic::Runs],
        question: "Count the runs. What does the IHI runs table say?".into(),
        options: vec![
            opt(
                "16 runs, more than the 13 the table allows for 16 points: too many runs",
                all(vec![Claim::Runs { phase: 0, count: 16 }, finds(SignalKind::TooManyRuns, None)]),
            ),
            opt(
                "16 runs, within the table's limits: no signal",
                all(vec![Claim::Runs { phase: 0, count: 16 }, none_from(RuleFamily::Ihi)]),
            ),
            opt(
                "8 runs: too few runs",
                all(vec![Claim::Runs { phase: 0, count: 8 }, finds(SignalKind::TooFewRuns, None)]),
            ),
            opt("2 runs, one for each team", Claim::Runs { phase: 0, count: 2 }),
        ],
        correct: 0,
        explanation: "A run is one or more points in a row on the same side of the median, here 200 days. Every \
            point is on the other side from the one before, so 16 points make 16 runs, crossing the median 15 \
            times. For 16 useful points the IHI runs table expects between 5 and 13 runs: 16 is too many. Too \
            many runs is a sign that the data mix two different processes (here, two teams) or that someone is \
            over-adjusting. The Anhøj rules look only for runs that are too long and crossings that are too \
            few, so they find nothing, and the verdict, which follows them, is no clear signal. Read both rule \
            sets' findings, and chart each team on its own."
            .into(),
        highlights: vec![hl(HighlightRule::TooManyRuns, 1, 16)],
        end_milestone: "the panel's recommendation".into(),
        ..base(
            "Two teams take turns",
            "Two teams share one permanence panel and take turns: a child from the first team, then one from \
             the second, and so on. The chart shows days from becoming looked after to the panel's \
             recommendation for 16 children.",
            &values,
        )
    }
}

fn drifting_waits() -> Exercise {
    // Sorted: 127 129 131 133 136 139 140 142 144 146 | 155 158 160 163 166 169 172 177 181 185.
    // Median (146 + 155) / 2 = 150.5; 20 useful.
    // Sides: AAAA BBB AAA BBB AAA BBBB: 6 runs (4 3 3 3 3 4), 5 crossings, longest 4.
    // IHI n = 20: no shift (4 < 6), runs 6 against 6 to 16 (equal to the limit: not a signal),
    // longest rise 4 points (127 136 160 185): no trend. Anhøj n = 20: longest run max 7 (4),
    // crossings min 6, so 5 crossings is too few: a change, with no direction. The verdict
    // follows Anhøj: change.
    let values = [
        172.0, 158.0, 181.0, 163.0, 139.0, 146.0, 131.0, 169.0, 155.0, 177.0, 142.0, 127.0, 136.0, 160.0, 185.0, 166.0,
        133.0, 144.0, 129.0, 140.0,
    ];
    Exercise {
        topics: vec![Topic::AnhoejRules, Topic::LimitsGrowWithN, Topic::RuleSetsDisagree],
        question: "The IHI rules find nothing here. Do the Anhøj rules?".into(),
        options: vec![
            opt("No: there is no signal under either rule set", verdict(VerdictStatus::NoSignal)),
            opt(
                "Yes: too few crossings, a signal of change",
                all(vec![finds(SignalKind::FewCrossings, Some(Assessment::Change)), none_from(RuleFamily::Ihi)]),
            ),
            opt("Yes: an unusually long run", finds(SignalKind::LongRun, None)),
            opt("Yes, and the IHI rules find too few runs after all", finds(SignalKind::TooFewRuns, None)),
        ],
        correct: 1,
        explanation: "The median is 150.5 days. The points sit in six runs (of 4, 3, 3, 3, 3 and 4 points), so they \
            cross the median 5 times. With 20 useful points the Anhøj rules expect at least 6 crossings, because \
            fewer happens by chance less than 5% of the time: 5 is too few. The waits are drifting, not varying at \
            random. The IHI rules find nothing: no run reaches 6, no five points all rise or fall, and 6 runs is \
            just inside the runs table's 6 to 16. Anhøj's limits grow with the number of points: 2 crossings are \
            enough with 10 points, 6 with 20, 14 with 40. Too few crossings has no direction: it says that \
            something changed, not which way."
            .into(),
        highlights: vec![hl(HighlightRule::FewCrossings, 1, 20)],
        ..base(
            "Waits that drift",
            "A team's waits drift slowly up and down over 20 children, never staying on one side of the median \
             for long.",
            &values,
        )
    }
}

fn long_series() -> Exercise {
    // 24 waits above 117 and 24 below 108, so the median is (108 + 117) / 2 = 112.5; 48 useful.
    // Sides: AA B A BB AAA BB A B AA BBB AAA BB A BB AA B AAA BB A BBB AA B A BB AA BB:
    // 26 runs, 25 crossings, longest 3.
    // IHI: points 19 to 23 fall (138 126 117 97 84): a trend, an improvement; no shift; runs 26
    // against 18 to 32 for n = 48. Every other rise or fall is 3 points at most.
    // Anhøj n = 48: longest run max 9 (3), crossings min 18 (25): nothing. The verdict
    // follows Anhøj: no signal, and the sentences say the rule sets disagree.
    let values = [
        128.0, 141.0, 96.0, 133.0, 89.0, 102.0, 125.0, 119.0, 137.0, 93.0, 105.0, 122.0, 98.0, 144.0, 121.0, 91.0,
        104.0, 86.0, 138.0, 126.0, 117.0, 97.0, 84.0, 129.0, 101.0, 94.0, 136.0, 118.0, 100.0, 131.0, 145.0, 124.0,
        88.0, 99.0, 127.0, 95.0, 103.0, 90.0, 139.0, 120.0, 92.0, 134.0, 106.0, 87.0, 123.0, 142.0, 99.0, 108.0,
    ];
    Exercise {
        topics: vec![Topic::Trend, Topic::RuleSetsDisagree, Topic::LimitsGrowWithN],
        question: "What would you tell the manager?".into(),
        options: vec![
            opt("A trend (improvement): report that waits are falling", verdict(VerdictStatus::Improvement)),
            opt(
                "The IHI rules find a trend but the Anhøj rules find nothing: no clear signal yet",
                all(vec![
                    finds(SignalKind::Trend, Some(Assessment::Improvement)),
                    none_from(RuleFamily::Anhoej),
                    verdict(VerdictStatus::NoSignal),
                ]),
            ),
            opt("A shift (improvement)", finds(SignalKind::Shift, None)),
            opt("Too many runs", finds(SignalKind::TooManyRuns, None)),
        ],
        correct: 1,
        explanation: "Points 19 to 23 all fall, which is a trend under the IHI rules (5 or more points all rising \
            or all falling). But the IHI shift and trend rules have fixed lengths, so the longer the series, the \
            more often they fire by chance alone: on 48 points, five falling in a row is not unusual. The Anhøj \
            rules, whose limits grow with the number of points and keep the risk of a false signal near 5%, find \
            nothing: the longest run is 3 (up to 9 is expected with 48 points) and the points cross the median \
            25 times (at least 18 expected). The 26 runs are inside the IHI table's 18 to 32. Timescales' \
            verdict follows the Anhøj rules: no clear signal. Keep plotting, and do not report an improvement \
            on this alone."
            .into(),
        highlights: vec![hl(HighlightRule::Trend, 19, 23)],
        ..base(
            "A long series: IHI finds a trend, Anhøj finds nothing",
            "A large city authority has plotted 48 children. Points 19 to 23 fall steadily, and a manager wants \
             to report an improvement.",
            &values,
        )
    }
}

fn data_entry_error() -> Exercise {
    // Point 9 (1,850 days) is left out. The other 15, sorted: 178 183 186 188 192 196 199 | 205 |
    // 209 211 214 218 221 226 230: the median is the 8th, 205, which is point 1: 14 useful.
    // Sides: o BB AA B AA x A BB A BB A. The left-out point 9 neither breaks nor extends the run
    // of points 7, 8 and 10. Useful runs: BB AA B AAA BB A BB A: 8 runs, 7 crossings, longest 3.
    // IHI n = 14: runs 4 to 12; Anhøj n = 14: longest run max 7, crossings min 4. Longest rise
    // or fall 3 points (trends skip point 9): no signal.
    let values = [
        205.0, 188.0, 196.0, 221.0, 214.0, 183.0, 230.0, 209.0, 1850.0, 218.0, 192.0, 178.0, 226.0, 199.0, 186.0, 211.0,
    ];
    let mut cfg = config();
    cfg.excluded = vec![PointNote { index: 8, note: "data-entry error: start date mistyped".into() }];
    Exercise {
        topics: vec![Topic::Astronomical, Topic::UsefulObservations],
        question: "With point 9 left out, what do the rules find?".into(),
        options: vec![
            opt("An astronomical point: the rules mark it themselves", finds(SignalKind::Astronomical, None)),
            opt(
                "No signal: the other 15 children vary at random around a median of 205 days",
                all(vec![
                    Claim::Excluded { point: 9 },
                    Claim::Median { phase: 0, value: 205.0 },
                    verdict(VerdictStatus::NoSignal),
                ]),
            ),
            opt("A shift (deterioration)", finds(SignalKind::Shift, None)),
            opt("Too few points: leaving one out makes the chart unusable", verdict(VerdictStatus::TooFewPoints)),
        ],
        correct: 1,
        explanation: "A point that looks astronomical may be a mistake, so check the record first. Here the date \
            was mistyped, so the point is left out, with the reason: it stays on the chart, marked, but it is not \
            used for the median or any rule. An astronomical point is a judgement (the fourth IHI rule): the \
            highest point is not astronomical just because it is highest, and Timescales never marks one itself. \
            Had a real wait been this unusual, you would mark it as astronomical and say why. The other 15 \
            children have a median of 205 days; point 1 sits on it, leaving 14 useful observations. Points 8 \
            and 10 are both above the median, and the left-out point between them does not break their run. No \
            rule fires."
            .into(),
        highlights: vec![hl(HighlightRule::Excluded, 9, 9)],
        config: cfg,
        ..base(
            "A data-entry error that looks like an astronomical point",
            "Point 9 shows a child who waited 1,850 days for a permanence decision, far above everyone else. \
             The case record shows that the date the child became looked after was typed as 2018 instead of \
             2023. The team left the point out, with that reason.",
            &values,
        )
    }
}

fn frozen_baseline() -> Exercise {
    // Baseline, points 1 to 12, sorted: 262 270 280 286 289 292 | 318 325 330 334 341 356:
    // frozen median (292 + 318) / 2 = 305, extended over points 13 to 22. 22 useful.
    // Sides against 305: A BB A B AA B A BB A | A BBBBBBBBB: 10 runs, 9 crossings, longest 9
    // (points 14 to 22). IHI: shift at 14 to 22; runs 10 against 7 to 17 for n = 22. Anhøj
    // n = 22: longest run max 7 (9 is a long run), crossings min 7 (9). Longest rise or fall 3
    // points. The run reaches past the baseline, so it is judged against the extended median:
    // below it, an improvement. (The median of all 22 points would be 275.)
    let values = [
        330.0, 280.0, 292.0, 341.0, 270.0, 318.0, 356.0, 286.0, 325.0, 262.0, 289.0, 334.0, 312.0, 251.0, 268.0, 240.0,
        259.0, 233.0, 247.0, 226.0, 244.0, 230.0,
    ];
    let mut cfg = config();
    cfg.baseline = Baseline::FirstN(12);
    Exercise {
        topics: vec![Topic::FrozenBaseline, Topic::Shift],
        question: "Against the extended baseline median, what do the rules find after the change?".into(),
        options: vec![
            opt(
                "A shift below the extended median: an improvement",
                all(vec![finds(SignalKind::Shift, Some(Assessment::Improvement)), verdict(VerdictStatus::Improvement)]),
            ),
            opt(
                "No signal: the median must be worked out again over all 22 points first",
                verdict(VerdictStatus::NoSignal),
            ),
            opt("A trend (improvement)", finds(SignalKind::Trend, None)),
            opt("Too few runs", finds(SignalKind::TooFewRuns, None)),
        ],
        correct: 0,
        explanation: "The baseline median is 305 days, half-way between 292 and 318. It is drawn solid over points \
            1 to 12 and dashed where it is extended, and the rules test all 22 points against that one line. \
            Points 14 to 22, nine children, all sit below it: a shift (IHI) and an unusually long run (Anhøj: \
            longer than 7 with 22 useful points). Because the run reaches past the baseline, it is judged against \
            the extended median, as PACE read its charts: below it, with lower better, is an improvement. Had the \
            median been worked out over all 22 points it would be 275 days, taking part of the improvement into \
            the line itself. Freeze the baseline before the change, not after."
            .into(),
        highlights: vec![hl(HighlightRule::Shift, 14, 22), hl(HighlightRule::LongRun, 14, 22)],
        config: cfg,
        ..base(
            "A frozen baseline, extended after a test of change",
            "Before a test of change, a team had the waits of 12 children. They froze the median of those 12 as \
             the baseline and extended it across the 10 children who reached a decision after the change.",
            &values,
        )
    }
}

fn phases() -> Exercise {
    // Phase 1, points 1 to 14, sorted: 276 279 283 285 288 292 296 | 301 310 315 318 322 325 330:
    // median (296 + 301) / 2 = 298.5. Sides AA BBB AA B A BB AA B: 8 runs, 7 crossings,
    // longest 3. IHI n = 14: runs 4 to 12; Anhøj: max 7, min 4. No signal.
    // Phase 2, points 15 to 26, sorted: 181 186 188 192 196 199 | 203 205 209 211 214 220:
    // median (199 + 203) / 2 = 201. Sides A B A BB AA BBB AA: 7 runs, 6 crossings, longest 3.
    // IHI n = 12: runs 3 to 11; Anhøj: max 7, min 3. No signal. Longest rise or fall in either
    // phase 3 points (trends stay within a phase).
    let values = [
        310.0, 322.0, 285.0, 296.0, 279.0, 315.0, 330.0, 288.0, 301.0, 276.0, 292.0, 325.0, 318.0,
        283.0, // phase 1
        205.0, 188.0, 214.0, 196.0, 181.0, 209.0, 220.0, 192.0, 199.0, 186.0, 211.0, 203.0, // phase 2
    ];
    let mut cfg = config();
    cfg.phases = vec![PhaseBreak { label: Some("New practice".into()), ..PhaseBreak::at_index(14) }];
    Exercise {
        topics: vec![Topic::Phases],
        question: "What do the rules find in phase 2?".into(),
        options: vec![
            opt(
                "A shift (improvement): every point of phase 2 is below phase 1's median",
                finds(SignalKind::Shift, None),
            ),
            opt("An unusually long run (Anhøj)", finds(SignalKind::LongRun, None)),
            opt(
                "No signal: the 12 points of phase 2 vary at random around their own median of 201 days",
                all(vec![
                    Claim::Median { phase: 1, value: 201.0 },
                    Claim::Useful { phase: 1, n: 12 },
                    verdict(VerdictStatus::NoSignal),
                ]),
            ),
            opt("There are too few points in phase 2", verdict(VerdictStatus::TooFewPoints)),
        ],
        correct: 2,
        explanation: "Each phase has its own median and its own rules, and runs never continue from one phase into \
            the next. Phase 1 (points 1 to 14) has a median of 298.5 days and no signal. Phase 2 (points 15 to 26) \
            has a median of 201 days; its points cross it 6 times and no run is longer than 3: a stable new \
            process. That every point of phase 2 lies below phase 1's median is not something the rules test once \
            the chart is split. A new phase says \u{201c}this is a new process\u{201d}; start one when a signal has \
            shown that the change has held. To show the change itself, freeze the baseline and extend it, as in \
            the previous exercise. The verdict reads the latest phase."
            .into(),
        config: cfg,
        ..base(
            "Phases after a test of change",
            "When a test of change became standard practice, from the 15th child on, the team started a new \
             phase of its chart, with its own median.",
            &values,
        )
    }
}

fn one_point_per_child() -> Exercise {
    // Sorted: 171 176 182 185 190 198 205 209 214 | 240 246 252 259 262 265 270 281 288.
    // Median (214 + 240) / 2 = 227; 18 useful. Sides AAAA B AAAAA BBBBBBBB: 4 runs, 3 crossings,
    // longest 8. IHI: shift at 11 to 18 (an improvement: nothing comes after it); runs 4 against
    // 6 to 18 for n = 18: too few runs. Anhøj n = 18: longest run max 7 (8 is a long run),
    // crossings min 5 (3 is too few). Longest rise or fall 3 points (281 252 198; 214 190 176).
    // Four pairs of children share a decision date, so there are 14 dates for 18 children.
    let rows: [(&str, f64, (i32, u32, u32)); 18] = [
        ("C01", 265.0, (2023, 1, 12)),
        ("C02", 240.0, (2023, 2, 3)),
        ("C03", 281.0, (2023, 2, 3)),
        ("C04", 252.0, (2023, 3, 15)),
        ("C05", 198.0, (2023, 4, 7)),
        ("C06", 270.0, (2023, 4, 7)),
        ("C07", 246.0, (2023, 5, 19)),
        ("C08", 288.0, (2023, 6, 22)),
        ("C09", 259.0, (2023, 7, 10)),
        ("C10", 262.0, (2023, 8, 14)),
        ("C11", 182.0, (2023, 9, 5)),
        ("C12", 205.0, (2023, 9, 5)),
        ("C13", 171.0, (2023, 10, 11)),
        ("C14", 214.0, (2023, 11, 2)),
        ("C15", 190.0, (2023, 11, 2)),
        ("C16", 176.0, (2023, 12, 6)),
        ("C17", 209.0, (2024, 1, 17)),
        ("C18", 185.0, (2024, 2, 8)),
    ];
    let points = rows
        .iter()
        .filter_map(|&(id, days, (y, m, d))| {
            NaiveDate::from_ymd_opt(y, m, d).map(|date| Point { id: Some(id.into()), ..Point::dated(days, date) })
        })
        .collect();
    Exercise {
        topics: vec![Topic::OnePointPerChild, Topic::Runs],
        question: "How should the run chart be drawn, and what does it show?".into(),
        options: vec![
            opt(
                "14 points, one per date, with children decided on the same day averaged; no signal",
                all(vec![Claim::Points { n: 14 }, verdict(VerdictStatus::NoSignal)]),
            ),
            opt(
                "18 points, one per child in the order they reached the decision; the last 8 show an improvement",
                all(vec![Claim::Points { n: 18 }, verdict(VerdictStatus::Improvement)]),
            ),
            opt(
                "18 points, one per child; no signal",
                all(vec![Claim::Points { n: 18 }, verdict(VerdictStatus::NoSignal)]),
            ),
            opt("There are too few points to say", verdict(VerdictStatus::TooFewPoints)),
        ],
        correct: 1,
        explanation: "Each child is one point, so every child counts once and no wait is hidden in an average; \
            children decided on the same day stay separate points. The points are in the order the children \
            reached the end milestone, the decision, because that is when each wait became known: a change in \
            practice then shows at the time it took effect, and the chart can be read as time goes on. Ordered \
            by the date children became looked after, a long wait from years ago could appear beside this \
            month's quick one. On this chart the median is 227 days and the last 8 children (points 11 to 18) \
            sit below it: a shift (IHI) and an unusually long run (Anhøj, longer than 7 with 18 points), an \
            improvement. There are only 4 runs, where the table expects at least 6, and 3 crossings, where Anhøj \
            expects at least 5: both say the same, without a direction."
            .into(),
        highlights: vec![
            hl(HighlightRule::Shift, 11, 18),
            hl(HighlightRule::TooFewRuns, 1, 18),
            hl(HighlightRule::LongRun, 11, 18),
            hl(HighlightRule::FewCrossings, 1, 18),
        ],
        series: Series::new(points),
        ..base(
            "One point per child, in the order they reached the decision",
            "An analyst has 18 children's waits from becoming looked after to the permanence decision, with \
             the date of each decision. Four pairs of children had their decisions on the same day. A \
             spreadsheet chart averaged children with the same date into one point, leaving 14 points.",
            &[],
        )
    }
}

fn waiting_bars() -> Exercise {
    // Sorted: 298 305 312 318 320 327 335 341 352 366 | 398 402 410 415 421 430 447 455 468 472.
    // Median (366 + 398) / 2 = 382; 20 useful. Sides AAA B AAAA B AAA BBBBBBBB, as in
    // exercise 2: shift and long run at 13 to 20 (an improvement), 5 crossings (too few for
    // n = 20, min 6), 6 runs (inside 6 to 16). Longest rise or fall 3 points.
    // The longest wait on the chart is 472 days; 690, 610 and 540 of the children still waiting
    // are longer.
    let values = [
        410.0, 455.0, 398.0, 352.0, 430.0, 402.0, 468.0, 421.0, 366.0, 447.0, 415.0, 472.0, 320.0, 341.0, 298.0, 335.0,
        312.0, 327.0, 305.0, 318.0,
    ];
    Exercise {
        topics: vec![Topic::WaitingBars],
        question: "What do the waiting bars add to the run chart?".into(),
        options: vec![
            opt(
                "Nothing: waits are shorter, and nobody still waiting has waited longer than the children on the chart",
                all(vec![verdict(VerdictStatus::Improvement), Claim::WaitingBeyondAll { n: 0 }]),
            ),
            opt(
                "Waits are shorter for the children who reached a decision, but 3 children still waiting have \
                 already waited longer than any child on the chart",
                all(vec![verdict(VerdictStatus::Improvement), Claim::WaitingBeyondAll { n: 3 }]),
            ),
            opt("Waits are longer", verdict(VerdictStatus::Deterioration)),
            opt("No signal", verdict(VerdictStatus::NoSignal)),
        ],
        correct: 1,
        explanation: "The run chart has one point per child who reached the decision. Its median is 382 days, and \
            points 13 to 20 sit below it (a shift, and an unusually long run): an improvement. But a child appears \
            on the run chart only once they reach the decision. The waiting bars, on the same scale, show the \
            children still waiting: three of them (690, 610 and 540 days so far) have already waited longer than \
            the longest wait on the chart, 472 days. Quicker decisions for some children can hide others who are \
            stuck, and when those children do reach a decision they will be the highest points. Always read the \
            bars with the run chart."
            .into(),
        highlights: vec![
            hl(HighlightRule::Shift, 13, 20),
            hl(HighlightRule::LongRun, 13, 20),
            hl(HighlightRule::FewCrossings, 1, 20),
        ],
        waiting: vec![690.0, 610.0, 540.0, 350.0, 210.0, 120.0, 60.0],
        ..base(
            "The waiting bars: children stuck who are not on the run chart",
            "A team's run chart shows its last 8 children reaching a permanence decision sooner than before. \
             Beside it, the waiting bars show the 7 children who are looked after and have no decision yet, \
             longest wait first.",
            &values,
        )
    }
}
