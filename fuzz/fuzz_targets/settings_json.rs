//! Any text through the settings file reader (`Settings::from_json`): no panics, settings that read
//! write back to JSON that reads to the same settings, and the analysis of a small demo cohort
//! under them completes (odd targets, dates or windows cannot break it).
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use timescales_core::analysis::analyse;
use timescales_core::analysis::settings::Settings;
use timescales_core::demo::{self, DemoOptions};
use timescales_core::model::Dataset;

fn cohort() -> &'static Dataset {
    static DS: OnceLock<Dataset> = OnceLock::new();
    DS.get_or_init(|| demo::generate(DemoOptions { children: 40, ..DemoOptions::default() }))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(settings) = Settings::from_json(text) else { return };
    let again = Settings::from_json(&settings.to_json()).ok();
    assert_eq!(again.as_ref(), Some(&settings), "{text:?}");
    let as_at = DemoOptions::default().as_at;
    let _ = analyse(cohort(), &settings, as_at);
});
