use std::time::Instant;
use timescales_core::analysis::*;
use timescales_core::ingest::load::{LoadOptions, load};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let out = load(&bytes, &path, &LoadOptions { today: Some(today), ..Default::default() }).unwrap();
    let ds = &out.dataset;
    let settings = Settings::default();
    let table = StageTable::build(ds, &settings, today);
    let sel = table.select(ds, &settings.filters);
    for s in shown_stages(ds) {
        let x = summarise(&table, &settings, s, &sel.stages[s.index()]);
        let t = Instant::now();
        let a = timescales_core::stage_chart::card_analysis(&x, &settings.stage(s), &Default::default()).unwrap();
        let el = t.elapsed();
        let n_f: usize = a.phases.iter().map(|p| p.findings.len()).sum();
        println!(
            "stage {:?} points {} signals {} findings {} notes {} {:.1} ms",
            s.index(),
            a.points.len(),
            a.signals.len(),
            n_f,
            a.notes.len(),
            el.as_secs_f64() * 1e3
        );
    }
    for _ in 0..3 {
        let t = Instant::now();
        let sel = table.select(ds, &settings.filters);
        let t1 = t.elapsed();
        let mut per = vec![];
        for s in shown_stages(ds) {
            let t = Instant::now();
            let x = stage_summary::summarise_rows(&table, &settings, s, &sel.stages[s.index()]);
            let a = t.elapsed();
            let t = Instant::now();
            let km = stage_km(&table, &settings, s, &sel.stages[s.index()]);
            per.push(format!("{:?}:{:.1}/{:.1}", s.index(), a.as_secs_f64() * 1e3, t.elapsed().as_secs_f64() * 1e3));
            std::hint::black_box((x, km));
        }
        let journey = &sel.stages[StageId::AccommodatedToOrder.index()];
        let t = Instant::now();
        let d = delay::delay_report(ds, &table, journey);
        let t2 = t.elapsed();
        let t = Instant::now();
        let a1 = aim1::aim1_report(&table, &settings, &sel.stages[StageId::CsoAtHomeToReview.index()]);
        let t3 = t.elapsed();
        let t = Instant::now();
        let ph = placement_history::placement_histories(ds, &table, journey);
        let t4 = t.elapsed();
        std::hint::black_box((d, a1, ph));
        println!(
            "select {:.1} delay {:.1} aim1 {:.1} hist {:.1} | {}",
            t1.as_secs_f64() * 1e3,
            t2.as_secs_f64() * 1e3,
            t3.as_secs_f64() * 1e3,
            t4.as_secs_f64() * 1e3,
            per.join(" ")
        );
    }
}
#[allow(dead_code)]
fn _unused() {}
