//! Any text through the mapping document reader (`Mapping::from_json`): no panics, and a mapping
//! that reads writes back to JSON that reads to the same mapping. The mapping is then used to
//! load a small file, so odd headers and values in it cannot break the loader either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use timescales_core::ingest::load::{LoadOptions, load};
use timescales_core::ingest::mapping::Mapping;

const CSV: &[u8] = b"Child ID,Date accommodated,Placement type,Notes\nA1,01/02/2021,Foster,x\nA2,03/04/2022,Adoption,y\n";

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(mapping) = Mapping::from_json(text) else { return };
    let again = Mapping::from_json(&mapping.to_json()).ok();
    assert_eq!(again.as_ref(), Some(&mapping), "{text:?}");
    let opts = LoadOptions { mapping: Some(mapping), ..Default::default() };
    if let Ok(out) = load(CSV, "fuzz.csv", &opts) {
        assert!(out.report.rows.adds_up());
    }
});
