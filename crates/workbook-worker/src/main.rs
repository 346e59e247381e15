//! The workbook worker: receives a workbook's bytes from the page, reads every sheet with the
//! core's workbook reader and posts back `[true, encoded sheets]` or `[false, message]`. It posts
//! `"ready"` first, once it is listening.
//!
//! Reading workbooks here keeps calamine (and its encoding tables) out of the page's first
//! download, and keeps the page responsive while a large workbook is read. Nothing leaves the
//! device: the worker only talks to the page that started it.

#[cfg(target_arch = "wasm32")]
fn main() {
    use timescales_core::ingest::sheet_codec::encode_sheets;
    use timescales_core::ingest::workbook::read_workbook;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::Closure;

    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
        let bytes = js_sys::Uint8Array::new(&ev.data()).to_vec();
        let reply = js_sys::Array::new();
        match read_workbook(&bytes) {
            Ok(sheets) => {
                let encoded = js_sys::Uint8Array::from(encode_sheets(&sheets).as_slice());
                reply.push(&true.into());
                reply.push(&encoded);
                let transfer = js_sys::Array::of1(&encoded.buffer());
                let _ = reply_to.post_message_with_transfer(&reply, &transfer);
            }
            Err(e) => {
                reply.push(&false.into());
                reply.push(&e.to_string().into());
                let _ = reply_to.post_message(&reply);
            }
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    // Messages sent before the handler existed would be lost: tell the page we are listening.
    let _ = scope.post_message(&"ready".into());
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("timescales-workbook-worker runs in the browser; Trunk builds it with the web app.");
}
