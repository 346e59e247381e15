use std::time::{Duration, Instant};
use timescales_core::ingest::load::{LoadOptions, load_sheets, read_sheets};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let mut best = [Duration::MAX; 8];
    let names = ["read", "sheets", "load", "stagetable", "analyse_table", "card_analysis", "stage_card", "drop"];
    for _ in 0..5 {
        let mut t = Instant::now();
        let mut lap = |i: usize, best: &mut [Duration; 8]| {
            let e = t.elapsed();
            best[i] = best[i].min(e);
            t = Instant::now();
        };
        let bytes = std::fs::read(&path).unwrap();
        lap(0, &mut best);
        let (sheets, fmt) = read_sheets(&bytes, &path).unwrap();
        lap(1, &mut best);
        let opts = LoadOptions { today: Some(today), ..Default::default() };
        let out = load_sheets(sheets, fmt, &opts).unwrap();
        lap(2, &mut best);
        let settings = timescales_core::analysis::Settings::default();
        let table = timescales_core::analysis::StageTable::build(&out.dataset, &settings, today);
        lap(3, &mut best);
        let a = timescales_core::analysis::analyse_table(&out.dataset, &table, &settings);
        lap(4, &mut best);
        let cards: Vec<_> = a
            .stages
            .iter()
            .map(|s| timescales_core::stage_chart::card_analysis(s, &settings.stage(s.id), &Default::default()).ok())
            .collect();
        lap(5, &mut best);
        let n: usize = a
            .stages
            .iter()
            .zip(&cards)
            .map(|(s, c)| timescales_core::card::stage_card(s, c.as_ref(), (240.0, 48.0)).km_sentence.len())
            .sum();
        lap(6, &mut best);
        drop((cards, a, table, out));
        lap(7, &mut best);
        std::hint::black_box(n);
    }
    for (n, b) in names.iter().zip(best) {
        print!("{n} {:.1} ms  ", b.as_secs_f64() * 1000.0);
    }
    println!();
}
