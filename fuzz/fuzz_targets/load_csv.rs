//! Any bytes through the whole text load path (decode, delimiter detection, CSV records, header
//! finding, mapping, records, quality report). Must never panic or hang, and the row accounting
//! must always add up. When the first byte is even, a known header row is put in front so the
//! fuzzer reaches record building and the quality checks quickly.
#![no_main]

use libfuzzer_sys::fuzz_target;
use timescales_core::ingest::load::{LoadOptions, load};

const HEADER: &[u8] = b"child_id,episode_no,date_of_birth,first_accommodated_date,last_accommodated_date,\
cso_at_home_start_date,permanence_recommendation_date,permanence_panel_date,adm_decision_date,\
final_placement_date,court_application_date,order_granted_date,placement_type,team\n";

fuzz_target!(|data: &[u8]| {
    // Workbook bytes go to the workbook reader, which has its own tests; keep this target on text.
    if data.starts_with(b"PK\x03\x04") || data.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return;
    }
    let input: Vec<u8> = match data.first() {
        Some(b) if b % 2 == 0 => HEADER.iter().chain(&data[1..]).copied().collect(),
        _ => data.to_vec(),
    };
    let opts = LoadOptions { as_at: chrono::NaiveDate::from_ymd_opt(2025, 3, 31), ..Default::default() };
    if let Ok(out) = load(&input, "fuzz.csv", &opts) {
        assert!(out.report.rows.adds_up());
        assert_eq!(
            out.report.rows.rows_used,
            out.dataset.children.len() + out.dataset.placements.len() + out.dataset.events.len()
        );
    }
});
