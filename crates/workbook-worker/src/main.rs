//! The workbook worker: receives a workbook's bytes from the page, reads every sheet with the
//! core's workbook reader and posts back `[true, encoded sheets]` or `[false, message]`. Given
//! `["xlsx", title, rows as JSON]` instead, it writes those rows (the first is the header) as an
//! XLSX workbook and posts back `[true, bytes]` or `[false, message]`. It posts `"ready"` first,
//! once it is listening. While it reads a workbook it posts `["sheet", read, total]` after each
//! worksheet, for the page's progress bar (one small message a sheet costs nothing measurable).
//! Given `["share", bytes, index, count]`, it reads only that share of an .xlsx workbook's
//! worksheets (`workbook::read_workbook_share`: a large workbook is read by two workers side by
//! side) and posts back `[true, encoded sheets, their places in the workbook, holds Annex A]`.
//! Given `"warm"`, it writes and reads a small synthetic workbook (`warm_up::warm_up_workbook`)
//! and posts back `"warm"`: the page keeps such a worker ready, so a user's workbook is read by
//! code the browser has already compiled for speed (docs/architecture.md#warm-up).
//!
//! Reading workbooks here keeps calamine (and its encoding tables) out of the page's first
//! download, and keeps the page responsive while a large workbook is read. Nothing leaves the
//! device: the worker only talks to the page that started it.

#[cfg(target_arch = "wasm32")]
fn main() {
    use timescales_core::ingest::sheet_codec::encode_sheets;
    use timescales_core::ingest::workbook::read_workbook_reporting;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let data = ev.data();
        if data.as_string().as_deref() == Some("warm") {
            let _ = timescales_core::warm_up::warm_up_workbook();
            let _ = reply_to.post_message(&"warm".into());
            return;
        }
        let reply = js_sys::Array::new();
        let mut on_sheet = |read: usize, total: usize| {
            let message = js_sys::Array::of3(&"sheet".into(), &(read as f64).into(), &(total as f64).into());
            let _ = reply_to.post_message(&message);
        };
        let result = if js_sys::Array::is_array(&data) {
            let request: js_sys::Array = data.unchecked_into();
            if request.get(0).as_string().as_deref() == Some("share") {
                read_share(&request, &mut on_sheet, &reply)
            } else {
                write_xlsx(&request)
            }
        } else {
            let bytes = js_sys::Uint8Array::new(&data).to_vec();
            read_workbook_reporting(&bytes, &mut on_sheet)
                .map(|sheets| encode_sheets(&sheets))
                .map_err(|e| e.to_string())
        };
        match result {
            Ok(out) => {
                let encoded = js_sys::Uint8Array::from(out.as_slice());
                reply.unshift(&encoded);
                reply.unshift(&true.into());
                let transfer = js_sys::Array::of1(&encoded.buffer());
                let _ = reply_to.post_message_with_transfer(&reply, &transfer);
            }
            Err(e) => {
                reply.push(&false.into());
                reply.push(&e.into());
                let _ = reply_to.post_message(&reply);
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before the handler existed would be lost: tell the page we are listening.
    let _ = scope.post_message(&"ready".into());
}

/// Reads `["share", bytes, index, count]`: that share of the workbook's worksheets, encoded.
/// Their places in the workbook and whether they hold an Annex A list go into `reply`, after
/// the encoded sheets that the caller puts first.
#[cfg(target_arch = "wasm32")]
fn read_share(
    request: &js_sys::Array,
    on_sheet: &mut dyn FnMut(usize, usize),
    reply: &js_sys::Array,
) -> Result<Vec<u8>, String> {
    use timescales_core::ingest::sheet_codec::encode_sheets;
    use timescales_core::ingest::workbook::read_workbook_share;
    let bytes = js_sys::Uint8Array::new(&request.get(1)).to_vec();
    let index = request.get(2).as_f64().unwrap_or(0.0) as usize;
    let count = request.get(3).as_f64().unwrap_or(1.0) as usize;
    let share = read_workbook_share(&bytes, index, count, on_sheet).map_err(|e| e.to_string())?;
    drop(bytes);
    let places = js_sys::Array::new();
    for (place, _) in &share.sheets {
        places.push(&(*place as f64).into());
    }
    reply.push(&places);
    reply.push(&share.annex_a.into());
    let sheets: Vec<_> = share.sheets.into_iter().map(|(_, sheet)| sheet).collect();
    Ok(encode_sheets(&sheets))
}

/// Writes `["xlsx", title, rows as JSON]` as one sheet called "Children".
#[cfg(target_arch = "wasm32")]
fn write_xlsx(request: &js_sys::Array) -> Result<Vec<u8>, String> {
    use timescales_core::xlsx_out::{OutSheet, workbook_bytes};
    let title = request.get(1).as_string().unwrap_or_default();
    let json = request.get(2).as_string().ok_or("The page sent no rows to write.")?;
    let rows: Vec<Vec<String>> = serde_json::from_str(&json).map_err(|e| format!("The rows could not be read: {e}"))?;
    workbook_bytes(&[OutSheet { name: "Children", rows: &rows, widths: &[] }], &title)
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("timescales-workbook-worker runs in the browser; Trunk builds it with the web app.");
}
