//! Any text through the UK date parser and any number through the Excel serial converter: no
//! panics, and every date that comes out must print back (dd/mm/yyyy) to text that parses to the
//! same date.
#![no_main]

use libfuzzer_sys::fuzz_target;
use timescales_core::dates::{ParsedDate, parse_uk_date, serial_to_date};

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(ParsedDate::Date(d)) = parse_uk_date(text) {
            let back = d.format("%d/%m/%Y").to_string();
            if (1000..=9999).contains(&chrono::Datelike::year(&d)) {
                assert_eq!(parse_uk_date(&back), Ok(ParsedDate::Date(d)), "{text:?} -> {back}");
            }
        }
    }
    if data.len() >= 9 {
        let n = f64::from_le_bytes(data[..8].try_into().unwrap());
        let _ = serial_to_date(n, data[8] % 2 == 1);
    }
});
