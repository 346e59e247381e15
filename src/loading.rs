//! Loading a file the user gave us: read it with the core's ingest, time it, and move on to the
//! right screen. Bytes stay in memory; nothing is stored or sent.

use leptos::prelude::*;
use timescales_core::ingest::load::{LoadOptions, load_sheets};
use timescales_core::ingest::mapping::Mapping;

use crate::browser::clock::{next_paint, now_ms};
use crate::browser::file::PickedFile;
use crate::browser::storage;
use crate::browser::workbook_worker::read_any;
use crate::state::{AppState, Loaded, Ptr, Screen, demo_loaded};

/// Reads `file` with the remembered mapping (if any) and shows the result.
pub fn load_file(state: AppState, file: PickedFile) {
    load_with_mapping(state, file, storage::load_mapping());
}

/// Reads `file` with an explicit mapping (the mapping screen's "Apply").
pub fn load_with_mapping(state: AppState, file: PickedFile, mapping: Option<Mapping>) {
    load_with_options(state, file, mapping, None);
}

/// Reads `file` with an explicit mapping and, when the user chose one, the sheet to use as the
/// children sheet (the mapping screen, when the automatic choice was wrong).
pub fn load_with_options(state: AppState, file: PickedFile, mapping: Option<Mapping>, sheet: Option<String>) {
    state.load_error.set(None);
    state.busy.set(Some(format!("Reading {}…", file.name)));
    leptos::task::spawn_local(async move {
        next_paint().await;
        let started = now_ms();
        let opts = LoadOptions { mapping, sheet, today: Some(state.today), extract_date: None };
        let loaded = match read_any(&file.bytes, &file.name).await {
            Ok((sheets, format)) => load_sheets(sheets, format, &opts).map_err(|e| e.to_string()),
            Err(e) => Err(e),
        };
        match loaded {
            Ok(outcome) => {
                let needs_mapping = outcome.needs_mapping();
                let loaded = Loaded {
                    name: file.name,
                    is_demo: false,
                    dataset: outcome.dataset.clone(),
                    outcome: Some(outcome),
                    bytes: Some(file.bytes),
                    load_ms: now_ms() - started,
                };
                state.chart_options.set(Default::default());
                state.child.set(None);
                state.data.set(Ptr::new(loaded));
                state.screen.set(if needs_mapping { Screen::Mapping } else { Screen::Quality });
            }
            Err(e) => {
                state.load_error.set(Some(format!("{} could not be read: {e}", file.name)));
                state.screen.set(Screen::Start);
            }
        }
        state.busy.set(None);
    });
}

/// Goes back to the built-in synthetic demo.
pub fn load_demo(state: AppState) {
    state.load_error.set(None);
    state.chart_options.set(Default::default());
    state.child.set(None);
    state.data.set(Ptr::new(demo_loaded()));
    state.screen.set(Screen::Dashboard);
}
