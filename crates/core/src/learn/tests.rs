//! The exercises are checked against the engine: for every exercise exactly the correct
//! option's claim holds on `analyse()`'s result, and the highlights are exactly the engine's
//! findings. Expected figures elsewhere are worked out by hand from docs/runchart-rules.md.

use super::*;
use crate::runchart::{Baseline, BreakAt, PointNote, RuleFamily};

fn analysed(e: &Exercise) -> RunChartAnalysis {
    match e.analysis() {
        Ok(a) => a,
        Err(err) => panic!("{}: {err}", e.title),
    }
}

#[test]
fn at_least_ten_exercises_numbered_and_titled_in_order() {
    let list = exercises();
    assert!(list.len() >= 10, "{} exercises", list.len());
    for (i, e) in list.iter().enumerate() {
        assert_eq!(e.number, i + 1);
        assert!(e.title.starts_with(&format!("Exercise {}: ", i + 1)), "{}", e.title);
        assert!((2..=5).contains(&e.options.len()), "{}", e.title);
        assert!(e.correct < e.options.len(), "{}", e.title);
        assert!(!e.story.is_empty() && !e.question.is_empty() && !e.explanation.is_empty(), "{}", e.title);
        assert!(!e.topics.is_empty(), "{}", e.title);
        assert!(!e.series.is_empty(), "{}", e.title);
    }
}

#[test]
fn exactly_the_correct_option_holds_on_the_engines_analysis() {
    for e in exercises() {
        let a = analysed(&e);
        for (i, o) in e.options.iter().enumerate() {
            let holds = claim_holds(&o.claim, &e, &a);
            assert_eq!(
                holds,
                i == e.correct,
                "{}: option {} (\u{201c}{}\u{201d}) {} on the engine's analysis; its sentences: {:#?}",
                e.title,
                i + 1,
                o.text,
                if holds { "holds" } else { "does not hold" },
                a.signals
            );
        }
    }
}

#[test]
fn highlights_are_exactly_the_engines_findings() {
    for e in exercises() {
        let a = analysed(&e);
        let mut stated = e.highlights.clone();
        stated.sort();
        assert_eq!(stated, engine_highlights(&a), "{}: {:#?}", e.title, a.signals);
    }
}

#[test]
fn every_topic_of_the_issue_is_taught() {
    // The topics issue 11 lists, in its order.
    let required = [
        Topic::Median,
        Topic::UsefulObservations,
        Topic::Shift,
        Topic::Trend,
        Topic::Runs,
        Topic::Astronomical,
        Topic::AnhoejRules,
        Topic::LimitsGrowWithN,
        Topic::FrozenBaseline,
        Topic::Phases,
        Topic::OnePointPerChild,
        Topic::WaitingBars,
        Topic::TooFewPoints,
        Topic::RuleSetsDisagree,
    ];
    assert_eq!(required.len(), Topic::ALL.len());
    let list = exercises();
    for t in required {
        assert!(list.iter().any(|e| e.topics.contains(&t)), "no exercise teaches {}", t.label());
    }
}

#[test]
fn titles_are_unique_and_the_issue_stories_are_there() {
    let list = exercises();
    let titles: Vec<&str> = list.iter().map(|e| e.title.as_str()).collect();
    let mut unique = titles.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), titles.len());
    for words in [
        "planning meeting",
        "court backlog",
        "only 9 children",
        "not enough points yet",
        "data-entry error",
        "IHI finds a trend, Anhøj finds nothing",
        "frozen baseline",
        "Phases",
        "waiting bars",
        "One point per child",
    ] {
        assert!(titles.iter().any(|t| t.contains(words)), "no exercise titled with {words:?}");
    }
}

#[test]
fn dated_series_are_already_in_end_milestone_order() {
    let mut dated = 0;
    for e in exercises().iter().filter(|e| e.series.points.iter().any(|p| p.date.is_some())) {
        dated += 1;
        let mut sorted = e.series.clone();
        sorted.sort_by_date();
        assert_eq!(sorted, e.series, "{}", e.title);
    }
    assert!(dated >= 1);
}

#[test]
fn both_rule_sets_and_wording_for_days() {
    // The verdict follows Anhøj when both are applied; every exercise shows both sets.
    for e in exercises() {
        assert_eq!(e.config.rules, crate::runchart::RuleSet::Both, "{}", e.title);
        assert_eq!(e.config.wording.unit.as_deref(), Some("days"), "{}", e.title);
    }
}

#[test]
fn check_answer_right_wrong_and_out_of_range() {
    let list = exercises();
    let e = &list[1]; // Exercise 2: the planning meeting, a shift at points 13 to 20.
    let right = check_answer(e, e.correct);
    assert!(right.correct);
    assert!(right.explanation.starts_with("Right: Shift (improvement)."), "{}", right.explanation);
    assert!(right.explanation.contains("Points 13 to 20"));
    assert!(right.highlights.contains(&Highlight::new(HighlightRule::Shift, 13, 20)));
    assert!(right.sentences.iter().any(|s| s.contains("This is a shift")));

    let wrong = check_answer(e, 3);
    assert!(!wrong.correct);
    assert!(wrong.explanation.starts_with("Not quite. You chose \u{201c}No signal\u{201d}"), "{}", wrong.explanation);
    assert_eq!(wrong.answer, "Shift (improvement)");
    assert_eq!(wrong.highlights, right.highlights);

    let none = check_answer(e, 99);
    assert!(!none.correct);
    assert!(none.explanation.starts_with("There is no option 100."));
}

#[test]
fn charts_hide_the_answer_until_it_is_revealed() {
    for e in exercises() {
        let open = exercise_chart(&e, false).expect("chart");
        assert!(open.points.iter().all(|p| p.flags.signal.is_none() && !p.flags.in_shift && !p.flags.in_trend));
        assert!(open.centre_lines.iter().all(|c| matches!(c.label.as_deref(), Some("Median" | "Baseline median"))));
        assert_eq!(open.waiting.is_some(), !e.waiting.is_empty());
        let svg = exercise_svg(&e, true).expect("svg");
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>") && !svg.contains("NaN"), "{}", e.title);
    }
    let list = exercises();
    let shown = exercise_chart(&list[1], true).expect("chart");
    // Points 13 to 20 make the shift: chart points 13 to 20, as nothing is missing.
    let flagged: Vec<usize> =
        shown.points.iter().enumerate().filter(|(_, p)| p.flags.in_shift).map(|(i, _)| i + 1).collect();
    assert_eq!(flagged, (13..=20).collect::<Vec<_>>());
}

#[test]
fn claims_read_the_analysis() {
    let list = exercises();
    let e = &list[0]; // Exercise 1: median 110, 12 useful, 10 runs.
    let a = analysed(e);
    assert!(claim_holds(&Claim::Runs { phase: 0, count: 10 }, e, &a));
    assert!(!claim_holds(&Claim::Runs { phase: 1, count: 10 }, e, &a));
    assert!(claim_holds(&Claim::NoSignal { family: RuleFamily::Ihi }, e, &a));
    assert!(claim_holds(&Claim::Points { n: 15 }, e, &a));
    assert!(!claim_holds(&Claim::Excluded { point: 0 }, e, &a));
    assert!(claim_holds(&Claim::All { claims: vec![] }, e, &a));
}

// The sandbox.

#[test]
fn sandbox_shows_the_engines_figures_side_by_side() {
    // Exercise 2's values: median 188, sides AAA B AAAA B AAA BBBBBBBB, 6 runs, 5 crossings,
    // longest 8. n = 20: IHI runs 6 to 16; Anhøj longest run max 7, crossings min 6.
    let values = [
        210.0, 232.0, 198.0, 176.0, 241.0, 205.0, 226.0, 214.0, 181.0, 219.0, 195.0, 237.0, 152.0, 168.0, 141.0, 173.0,
        158.0, 164.0, 147.0, 170.0,
    ];
    let v = sandbox(&values, &RunChartConfig::default());
    assert_eq!(v.error, None);
    let p = &v.phases[0];
    assert_eq!(
        (p.median, p.n_useful, p.runs, p.crossings, p.longest_run),
        (Some(188.0), 20, Some(6), Some(5), Some(8))
    );
    assert_eq!(p.runs_limits, RunsLimits::Covered { lower: 6, upper: 16 });
    assert_eq!((p.longest_run_max, p.crossings_min), (Some(7), Some(6)));
    assert_eq!(p.shifts, vec![[13, 20]]);
    assert!(p.trends.is_empty());
    let rules: Vec<(&str, bool)> = p.ihi.iter().map(|r| (r.rule, r.fired)).collect();
    assert_eq!(rules, [("Shift", true), ("Trend", false), ("Runs", false), ("Astronomical point", false)]);
    assert_eq!(p.ihi[0].points, (13..=20).collect::<Vec<_>>());
    assert!(p.ihi[1].sentence.starts_with("No trend: no 5 points"));
    assert!(p.ihi[2].sentence.contains("6 runs, within the 6 to 16"), "{}", p.ihi[2].sentence);
    let anhoej: Vec<(&str, bool)> = p.anhoej.iter().map(|r| (r.rule, r.fired)).collect();
    assert_eq!(anhoej, [("Longest run", true), ("Crossings", true)]);
    assert_eq!(p.anhoej[0].points, (13..=20).collect::<Vec<_>>());
    assert!(p.anhoej[1].sentence.contains("too few crossings"));
    assert_eq!(v.verdict.as_ref().map(|x| x.status), Some(VerdictStatus::Improvement));
    // The shift, the long run and too few crossings; nothing is left out.
    assert_eq!(v.highlights.len(), 3);
    assert!(v.highlights.contains(&Highlight::new(HighlightRule::FewCrossings, 1, 20)));
}

#[test]
fn sandbox_says_when_the_runs_table_does_not_apply() {
    // 1..=9: median 5 (point 5 on it), 8 useful: below the table.
    let small: Vec<f64> = (1..=9).map(f64::from).collect();
    let v = sandbox(&small, &RunChartConfig::default());
    let p = &v.phases[0];
    assert_eq!(p.n_useful, 8);
    assert!(
        matches!(&p.runs_limits, RunsLimits::NotCovered { sentence } if sentence.contains("with 8 it does not apply"))
    );
    assert!(!p.rules_meaningful);
    // 62 alternating points: 62 useful, above the table.
    let big: Vec<f64> = (0..62).map(|i| if i % 2 == 0 { 1.0 } else { 3.0 }).collect();
    let p = &sandbox(&big, &RunChartConfig::default()).phases[0];
    assert_eq!(p.n_useful, 62);
    assert!(matches!(p.runs_limits, RunsLimits::NotCovered { .. }));
    assert!(!p.ihi[2].fired);
    // IHI only: no Anhøj lines, but the limits are still shown.
    let cfg = RunChartConfig { rules: crate::runchart::RuleSet::Ihi, ..RunChartConfig::default() };
    let p = &sandbox(&big, &cfg).phases[0];
    assert!(p.anhoej.is_empty() && p.longest_run_max.is_some());
}

#[test]
fn sandbox_reports_an_impossible_setting() {
    let cfg = RunChartConfig { shift_length: 4, ..RunChartConfig::default() };
    let v = sandbox(&[1.0, 2.0], &cfg);
    assert_eq!(v.error.as_deref(), Some("the shift length must be 6, 7 or 8 points (got 4)"));
    assert!(v.phases.is_empty() && v.analysis.is_none());
}

#[test]
fn values_box_reads_lines_and_commas_and_reports_the_rest() {
    let p = parse_values("1, 2\n3;4\n\n  x \n5.5\tNaN\n-2,,\n1e3");
    assert_eq!(p.values, vec![1.0, 2.0, 3.0, 4.0, 5.5, -2.0, 1000.0]);
    let bad: Vec<(usize, &str)> = p.unreadable.iter().map(|u| (u.line, u.text.as_str())).collect();
    assert_eq!(bad, [(4, "x"), (5, "NaN")]);
    assert!(p.unreadable[0].message.contains("line 4"));
    assert_eq!(values_text(&[1.0, 2.5, 300.0]), "1\n2.5\n300");
    assert_eq!(parse_values(&values_text(&[1.0, 2.5, 300.0])).values, vec![1.0, 2.5, 300.0]);
    assert_eq!(parse_values(""), ParsedValues::default());
}

#[test]
fn editing_moves_the_settings_with_the_points() {
    let mut config = RunChartConfig { baseline: Baseline::FirstN(3), ..RunChartConfig::default() };
    config.excluded = vec![PointNote { index: 4, note: "error".into() }];
    let input = SandboxInput { values: vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0], config };
    let input = add_phase(&input, 5, Some("Change".into()));

    // Adding at index 1 (inside the baseline) grows the baseline and moves later marks up.
    let added = add_point(&input, 1, 9.0);
    assert_eq!(added.values, vec![1.0, 9.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    assert_eq!(added.config.baseline, Baseline::FirstN(4));
    assert_eq!(added.config.excluded[0].index, 5);
    assert_eq!(added.config.phases[0].at, BreakAt::Index(6));
    // Past the end: appended. A value that is not a number changes nothing.
    assert_eq!(add_point(&input, 99, 7.0).values.last(), Some(&7.0));
    assert_eq!(add_point(&input, 0, f64::NAN), input);

    // Removing the left-out point drops its mark; the phase moves down.
    let removed = remove_point(&input, 4);
    assert_eq!(removed.values, vec![1.0, 2.0, 3.0, 4.0, 6.0]);
    assert!(removed.config.excluded.is_empty());
    assert_eq!(removed.config.phases[0].at, BreakAt::Index(4));
    assert_eq!(removed.config.baseline, Baseline::FirstN(3));
    // Removing inside the baseline shrinks it, never below 1 point.
    assert_eq!(remove_point(&input, 0).config.baseline, Baseline::FirstN(2));
    let one = set_baseline_end(&input, Some(1));
    assert_eq!(remove_point(&one, 0).config.baseline, Baseline::FirstN(1));
    assert_eq!(remove_point(&input, 99), input);

    // Dragging a point.
    assert_eq!(move_point(&input, 2, 30.0).values[2], 30.0);
    assert_eq!(move_point(&input, 2, f64::INFINITY), input);
    assert_eq!(move_point(&input, 99, 1.0), input);

    // The baseline end and phases.
    assert_eq!(set_baseline_end(&input, Some(0)).config.baseline, Baseline::FirstN(1));
    assert_eq!(set_baseline_end(&input, None).config.baseline, Baseline::All);
    let two = add_phase(&input, 2, None);
    assert_eq!(two.config.phases.iter().map(|b| b.at).collect::<Vec<_>>(), [BreakAt::Index(2), BreakAt::Index(5)]);
    assert_eq!(remove_phase(&two, 5).config.phases.len(), 1);
    let v = sandbox(&two.values, &two.config);
    assert_eq!(v.phases.len(), 3);
}

// The handout.

/// The rows of the table with this id, as (n, first cell, second cell).
fn table_rows(html: &str, id: &str) -> Vec<(usize, usize, usize)> {
    let start = html.find(&format!("<table id=\"{id}\"")).expect("table");
    let end = start + html[start..].find("</table>").expect("end of table");
    html[start..end]
        .split("<tr><th scope=\"row\">")
        .skip(1)
        .map(|row| {
            let nums: Vec<usize> = row
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .map(|s| s.parse().expect("number"))
                .collect();
            (nums[0], nums[1], nums[2])
        })
        .collect()
}

#[test]
fn handout_has_the_tables_exercises_and_answers_and_nothing_external() {
    let h = handout_html();
    assert!(h.starts_with("<!DOCTYPE html>"));
    assert!(h.contains("@page{size:A4"));
    assert!(!h.contains("<script"));
    assert!(!h.to_ascii_lowercase().contains("http"));
    assert!(!h.contains(" src=") && !h.contains("<link"));

    // IHI runs table: one row per n from 10 to 60. By hand (docs/runchart-rules.md#limits-table):
    // n = 10: 3 to 9; n = 20: 6 to 16; n = 60: 24 to 38.
    let ihi = table_rows(&h, "ihi-runs-table");
    assert_eq!(ihi.iter().map(|r| r.0).collect::<Vec<_>>(), (10..=60).collect::<Vec<_>>());
    assert_eq!(ihi[0], (10, 3, 9));
    assert_eq!(ihi[10], (20, 6, 16));
    assert_eq!(ihi[50], (60, 24, 38));
    // Anhøj: n = 10: round(log2 10) + 3 = 6, qbinom(0.05, 9, 0.5) = 2; n = 20: 7 and 6;
    // n = 23: log2 23 = 4.52 rounds to 5, so 8, and 7; n = 60: 9 and 23.
    let anh = table_rows(&h, "anhoej-limits-table");
    assert_eq!(anh.len(), 51);
    assert_eq!(anh[0], (10, 6, 2));
    assert_eq!(anh[10], (20, 7, 6));
    assert_eq!(anh[13], (23, 8, 7));
    assert_eq!(anh[50], (60, 9, 23));

    // Every exercise, then the answer sheet; no explanation before the answer sheet.
    let sheet = h.find("id=\"answer-sheet\"").expect("answer sheet");
    for e in exercises() {
        let title = svg::escape(&e.title);
        let at = h.find(&format!("<h3>{title}</h3>")).expect("exercise title");
        assert!(at < sheet, "{}", e.title);
        assert!(h[sheet..].contains(&title), "{} is not on the answer sheet", e.title);
        let explanation = svg::escape(&e.explanation);
        assert!(!h[..sheet].contains(&explanation), "{}'s answer is given away", e.title);
        assert!(h[sheet..].contains(&explanation));
    }
    // One inline chart per exercise, without its own namespace or stylesheet.
    assert_eq!(h.matches("<svg ").count(), exercises().len());
    assert_eq!(h.matches("<style>").count(), 1);
}

use crate::chart::svg;

#[test]
fn handout_body_is_the_handout_without_its_document_or_styles() {
    let b = handout_body();
    assert!(!b.contains("<style") && !b.contains("<body") && !b.contains("<script"));
    assert!(handout_html().contains(&b));
    assert_eq!(b.matches("<svg ").count(), exercises().len());
}
