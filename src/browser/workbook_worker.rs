//! Reading a dropped file into sheets. Text (CSV) is read here; workbooks go to the workbook
//! worker (crates/workbook-worker), a separate module, never part of the page's first download:
//! after the page has opened, two workers are started and warmed on a synthetic workbook and kept
//! as spares for the next read (docs/architecture.md#warm-up); a large .xlsx workbook is read by
//! both, a share of its worksheets each (docs/architecture.md#reading-a-workbook-in-two). The
//! workers are same-origin and only talk to this page.

use js_sys::{Array, Promise, Uint8Array};
use timescales_core::ingest::load::{SourceFormat, read_sheets};
use timescales_core::ingest::sheet_codec::decode_sheets;
use timescales_core::ingest::table::Sheet;
use timescales_core::ingest::workbook::{SheetShare, merge_shares, readers_for, sniff};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// The worker's start-up script, written by Trunk next to index.html.
const WORKER_SCRIPT: &str = "./timescales-workbook-worker_loader.js";

/// Where the worker starts from: the single-file edition sets `TIMESCALES_WORKER_URL` to a
/// blob: URL of the embedded worker (scripts/offline.mjs); the hosted app uses Trunk's script.
fn worker_url() -> String {
    crate::browser::global_string("TIMESCALES_WORKER_URL").unwrap_or_else(|| WORKER_SCRIPT.to_string())
}

/// Why a file gave no sheets: the user cancelled the load, or the file could not be read (the
/// message says why, in plain English).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadFailure {
    Cancelled,
    Failed(String),
}

/// Reads any supported file into sheets, with the format for the report.
pub async fn read_any(bytes: &[u8], file_name: &str) -> Result<(Vec<Sheet>, SourceFormat), String> {
    read_any_until(bytes, file_name, &|| false, &|_| {}).await.map_err(|e| match e {
        ReadFailure::Cancelled => "The file was not read.".to_string(),
        ReadFailure::Failed(why) => why,
    })
}

/// Reads any supported file into sheets, stopping (and ending the worker) as soon as `cancelled`
/// says so while a workbook is being read; a CSV file is read in one step. `on_progress` hears
/// how far the worker is through a workbook's worksheets (0 to 1).
pub async fn read_any_until(
    bytes: &[u8],
    file_name: &str,
    cancelled: &dyn Fn() -> bool,
    on_progress: &dyn Fn(f64),
) -> Result<(Vec<Sheet>, SourceFormat), ReadFailure> {
    let kind = sniff(bytes);
    if !kind.is_workbook() || bytes.is_empty() {
        return read_sheets(bytes, file_name).map_err(|e| ReadFailure::Failed(e.to_string()));
    }
    let sheets = read_in_worker(bytes, cancelled, on_progress).await?;
    Ok((sheets, SourceFormat::Workbook { format: kind.format_label().to_string() }))
}

/// A promise of the worker's next message (or its error).
fn next_message(worker: &web_sys::Worker) -> Promise {
    let w = worker.clone();
    Promise::new(&mut |resolve, reject| {
        let on_message = Closure::once_into_js(move |ev: web_sys::MessageEvent| {
            let _ = resolve.call1(&JsValue::NULL, &ev.data());
        });
        let on_error = Closure::once_into_js(move |ev: web_sys::ErrorEvent| {
            ev.prevent_default();
            let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(&ev.message()));
        });
        w.set_onmessage(Some(on_message.unchecked_ref()));
        w.set_onerror(Some(on_error.unchecked_ref()));
    })
}

/// What the page says when a worker stopped without an answer.
const READER_STOPPED: &str = "The workbook could not be read: the reader stopped. The file may be damaged; try opening it in your spreadsheet program and saving it again.";

/// A worker's answer that could not be decoded.
fn damaged_answer(e: impl std::fmt::Display) -> ReadFailure {
    ReadFailure::Failed(format!("The workbook reader's answer was damaged: {e}"))
}

/// Sends the bytes to a worker and waits for its sheets or its message. A large .xlsx workbook
/// is read by two workers side by side, each reading about half its worksheets
/// (docs/architecture.md#reading-a-workbook-in-two); one holding an Annex A list is then read
/// again by one worker, which joins the lists.
async fn read_in_worker(
    bytes: &[u8],
    cancelled: &dyn Fn() -> bool,
    on_progress: &dyn Fn(f64),
) -> Result<Vec<Sheet>, ReadFailure> {
    if readers_for(bytes) == 2
        && let Some(sheets) = read_in_two(bytes, cancelled, on_progress).await?
    {
        return Ok(sheets);
    }
    let data = Uint8Array::from(bytes);
    let transfer = Array::of1(&data.buffer());
    let reply = ask_worker(&data, &transfer, READER_STOPPED, cancelled, on_progress).await?;
    decode_sheets(&reply_bytes(&reply)).map_err(damaged_answer)
}

/// Two workers read a share each; `None` when a share holds an Annex A list. When one worker
/// fails, the other is stopped and the failure is reported. Each share is decoded as soon as it
/// comes, while the other worker may still be reading.
async fn read_in_two(
    bytes: &[u8],
    cancelled: &dyn Fn() -> bool,
    on_progress: &dyn Fn(f64),
) -> Result<Option<Vec<Sheet>>, ReadFailure> {
    let failed = std::cell::Cell::new(false);
    let done = [std::cell::Cell::new(0.0), std::cell::Cell::new(0.0)];
    let stop = || cancelled() || failed.get();
    let ask = |index: usize| {
        let (failed, done, stop) = (&failed, &done, &stop);
        async move {
            let data = Uint8Array::from(bytes);
            let request = Array::of4(&"share".into(), &data, &(index as f64).into(), &2.0.into());
            let transfer = Array::of1(&data.buffer());
            let report = |d: f64| {
                done[index].set(d);
                on_progress((done[0].get() + done[1].get()) / 2.0);
            };
            let share = ask_worker(&request, &transfer, READER_STOPPED, stop, &report).await.and_then(|r| share_of(&r));
            failed.set(failed.get() || share.is_err());
            share
        }
    };
    let shares = match futures::future::join(ask(0), ask(1)).await {
        (Err(ReadFailure::Failed(e)), _) | (_, Err(ReadFailure::Failed(e))) => return Err(ReadFailure::Failed(e)),
        (Err(e), _) | (_, Err(e)) => return Err(e),
        (Ok(a), Ok(b)) => vec![a, b],
    };
    Ok((!shares.iter().any(|s| s.annex_a)).then(|| merge_shares(shares)))
}

/// One worker's share from its answer `[true, sheets, places, holds Annex A]`.
fn share_of(reply: &Array) -> Result<SheetShare, ReadFailure> {
    let annex_a = reply.get(3).as_bool() == Some(true);
    let sheets = decode_sheets(&reply_bytes(reply)).map_err(damaged_answer)?;
    let places: Vec<usize> = Array::from(&reply.get(2)).iter().map(|p| p.as_f64().unwrap_or(0.0) as usize).collect();
    if places.len() != sheets.len() {
        return Err(damaged_answer("the sheets and their places differ in number"));
    }
    Ok(SheetShare { sheets: places.into_iter().zip(sheets).collect(), annex_a })
}

/// The bytes of a worker's answer `[true, bytes, ...]`.
fn reply_bytes(reply: &Array) -> Vec<u8> {
    Uint8Array::new(&reply.get(1)).to_vec()
}

/// Writes rows (the first is the header) as an Excel workbook, in the worker: the XLSX writer
/// stays out of the page's own module.
pub async fn write_xlsx(title: &str, rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let json = serde_json::to_string(rows).map_err(|e| e.to_string())?;
    let request = Array::of3(&"xlsx".into(), &title.into(), &json.into());
    ask_worker(&request, &Array::new(), "The Excel file could not be made: the writer stopped.", &|| false, &|_| {})
        .await
        .map(|reply| reply_bytes(&reply))
        .map_err(|e| match e {
            ReadFailure::Cancelled => "The Excel file was not made.".to_string(),
            ReadFailure::Failed(why) => why,
        })
}

/// How often the page looks at the cancel flag while the worker reads (a cheap check; the
/// worker is not slowed).
const CANCEL_POLL_MS: i32 = 100;

/// Waits for `reply` (a promise that never resolves to `undefined`), looking at `cancelled`
/// every [`CANCEL_POLL_MS`]: `Ok(None)` when the user cancelled first.
async fn reply_or_cancel(reply: &Promise, cancelled: &dyn Fn() -> bool) -> Result<Option<JsValue>, JsValue> {
    loop {
        let race = Promise::race(&Array::of2(reply, &crate::browser::clock::timeout(CANCEL_POLL_MS)));
        let value = JsFuture::from(race).await?;
        if !value.is_undefined() {
            return Ok(Some(value));
        }
        if cancelled() {
            return Ok(None);
        }
    }
}

/// The fraction of worksheets read, when `value` is the worker's `["sheet", read, total]`.
fn sheet_progress(value: &JsValue) -> Option<f64> {
    let message = value.dyn_ref::<Array>()?;
    if message.get(0).as_string().as_deref() != Some("sheet") {
        return None;
    }
    let (read, total) = (message.get(1).as_f64()?, message.get(2).as_f64()?);
    Some(if total > 0.0 { read / total } else { 0.0 })
}

thread_local! {
    /// Workers that have read the warm-up workbook and wait for the next request.
    static SPARE: std::cell::RefCell<Vec<web_sys::Worker>> = const { std::cell::RefCell::new(Vec::new()) };
    /// True while a spare worker is being started and warmed.
    static WARMING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Starts a worker and has it write and read a small synthetic workbook, then keeps it for the
/// next workbook: the browser compiles the worker's code for speed only once it has run for a
/// while, and one long read of a national workbook would otherwise run in the slow code
/// (docs/architecture.md#warm-up). `then` runs once the spare is ready, or could not be made.
/// Does nothing more when a spare is ready or on its way.
pub fn prepare_spare_worker(then: impl FnOnce() + 'static) {
    if WARMING.get() || SPARE.with(|s| s.borrow().len()) >= SPARES {
        return then();
    }
    WARMING.set(true);
    wasm_bindgen_futures::spawn_local(async {
        // One after the other: two warm-ups at once would compete with the page's own.
        while SPARE.with(|s| s.borrow().len()) < SPARES {
            let Some(worker) = warmed_worker().await else { break };
            SPARE.with(|s| s.borrow_mut().push(worker));
        }
        WARMING.set(false);
        then();
    });
}

/// Spare workers kept warm: two, for a large workbook read in two shares.
const SPARES: usize = 2;

/// A new worker that has read the warm-up workbook; `None` if it could not be started or warmed.
async fn warmed_worker() -> Option<web_sys::Worker> {
    let worker = web_sys::Worker::new(&worker_url()).ok()?;
    let ready = JsFuture::from(next_message(&worker)).await;
    let done = next_message(&worker);
    let warmed = ready.is_ok()
        && worker.post_message(&"warm".into()).is_ok()
        && JsFuture::from(done).await.ok().and_then(|v| v.as_string()).as_deref() == Some("warm");
    if warmed {
        Some(worker)
    } else {
        worker.terminate();
        None
    }
}

/// After a worker has been used (and ended), a new spare is warmed a few seconds later, when the
/// page has drawn what the read produced.
fn replace_spare_later() {
    wasm_bindgen_futures::spawn_local(async {
        crate::browser::clock::sleep_ms(3000).await;
        prepare_spare_worker(|| {});
    });
}

/// Sends one message to a spare worker when one is ready, else to a fresh one, and waits for its
/// answer `[true, bytes, ...]` (returned whole) or `[false, why]`, passing its
/// `["sheet", read, total]` messages on to `on_progress` meanwhile; the worker is ended when the
/// answer comes, or as soon as `cancelled` says so.
async fn ask_worker(
    message: &JsValue,
    transfer: &Array,
    stopped: &str,
    cancelled: &dyn Fn() -> bool,
    on_progress: &dyn Fn(f64),
) -> Result<Array, ReadFailure> {
    let spare = SPARE.with(|s| s.borrow_mut().pop());
    let fresh = spare.is_none();
    let worker = match spare {
        Some(w) => w,
        None => web_sys::Worker::new(&worker_url()).map_err(|_| {
            ReadFailure::Failed("The workbook reader could not be started in this browser.".to_string())
        })?,
    };
    // A fresh worker says "ready" once it listens; the spare said so before it was warmed.
    let ready = fresh.then(|| next_message(&worker));
    let result = async {
        if let Some(ready) = ready {
            JsFuture::from(ready).await?;
        }
        let mut reply = next_message(&worker);
        worker.post_message_with_transfer(message, transfer)?;
        loop {
            let answer = reply_or_cancel(&reply, cancelled).await?;
            match answer.as_ref().and_then(sheet_progress) {
                // The next message's handler is set before the page gives the worker's next
                // message a turn (this runs in the same microtask checkpoint).
                Some(done) => {
                    on_progress(done);
                    reply = next_message(&worker);
                }
                None => return Ok::<_, JsValue>(answer),
            }
        }
    }
    .await;
    worker.terminate();
    replace_spare_later();
    let value = match result {
        Ok(Some(value)) => value,
        Ok(None) => return Err(ReadFailure::Cancelled),
        Err(_) => return Err(ReadFailure::Failed(stopped.to_string())),
    };
    let reply: Array = value
        .dyn_into()
        .map_err(|_| ReadFailure::Failed("The workbook reader gave an unexpected answer.".to_string()))?;
    if reply.get(0).as_bool() == Some(true) {
        Ok(reply)
    } else {
        Err(ReadFailure::Failed(reply.get(1).as_string().unwrap_or_else(|| "The workbook could not be read.".into())))
    }
}
