//! Loading a file the user gave us: read it with the core's ingest, time it, and move on to the
//! right screen. Bytes stay in memory; nothing is stored or sent.

use leptos::prelude::*;
use timescales_core::ingest::load::{LoadOptions, load_sheets};
use timescales_core::ingest::mapping::Mapping;

use crate::browser::clock::{next_paint, now_ms};
use crate::browser::file::PickedFile;
use crate::browser::storage;
use crate::browser::workbook_worker::read_any;
use crate::state::{AppState, Loaded, Screen};

/// Reads what the user chose or dropped: one file as it is, several as tables read together.
pub fn load_picked(state: AppState, mut files: Vec<PickedFile>) {
    match files.len() {
        0 => {}
        1 => load_file(state, files.remove(0)),
        _ => load_several(state, files),
    }
}

/// Reads several files as one dataset (England's SSDA903 tables are recognised by their columns,
/// whatever the files are called). Each is read as one file would be (workbooks in the worker);
/// their sheets go to the core together.
fn load_several(state: AppState, files: Vec<PickedFile>) {
    state.load_error.set(None);
    let name = format!("{} and {} more", files[0].name, files.len() - 1);
    state.busy.set(Some(format!("Reading {name}…")));
    leptos::task::spawn_local(async move {
        next_paint().await;
        let started = now_ms();
        let mut sheets = Vec::new();
        let mut format = None;
        for f in &files {
            match read_any(&f.bytes, &f.name).await {
                Ok((s, fmt)) => {
                    sheets.extend(s);
                    format.get_or_insert(fmt);
                }
                Err(e) => {
                    state.busy.set(None);
                    state.load_error.set(Some(format!("{} could not be read: {e}", f.name)));
                    return;
                }
            }
        }
        let opts =
            LoadOptions { mapping: storage::load_mapping(), sheet: None, today: Some(state.today), extract_date: None };
        let Some(format) = format else { return };
        match load_sheets(sheets, format, &opts) {
            Ok(outcome) => {
                let needs_mapping = outcome.needs_mapping();
                let loaded = Loaded {
                    name,
                    is_demo: false,
                    dataset: outcome.dataset.clone(),
                    outcome: Some(outcome),
                    // Several files are not kept for re-reading with another mapping.
                    bytes: None,
                    load_ms: now_ms() - started,
                };
                state.show_loaded(loaded, needs_mapping);
            }
            Err(e) => state.load_error.set(Some(format!("{name} could not be read: {e}"))),
        }
        state.busy.set(None);
    });
}

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
                state.show_loaded(loaded, needs_mapping);
            }
            Err(e) => {
                state.load_error.set(Some(format!("{} could not be read: {e}", file.name)));
                state.go(Screen::Start);
            }
        }
        state.busy.set(None);
    });
}

/// Goes back to the built-in synthetic demo.
pub fn load_demo(state: AppState) {
    state.show_demo();
}
