//! Browser glue: the wrappers round the browser APIs the app uses (storage, file reading,
//! downloads, the clock, focus, the workbook worker, the panic message). Components use web-sys
//! types only to read event targets (input elements, file lists, the element under the pointer).

pub mod clock;
pub mod download;
pub mod fatal;
pub mod file;
pub mod focus;
pub mod history;
pub mod storage;
pub mod workbook_worker;

/// A string the page's start-up script left on the global object, if any (the single-file
/// edition sets the worker's and the template's blob: URLs).
pub fn global_string(name: &str) -> Option<String> {
    js_sys::Reflect::get(&js_sys::global(), &wasm_bindgen::JsValue::from_str(name)).ok().and_then(|v| v.as_string())
}

/// True in the single-file edition (opened from disk).
pub fn is_offline_edition() -> bool {
    js_sys::Reflect::get(&js_sys::global(), &wasm_bindgen::JsValue::from_str("TIMESCALES_OFFLINE"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
