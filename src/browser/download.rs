//! Saving a file the app made (CSV, SVG, JSON) to the user's computer. The file is built in the
//! page and handed to the browser as a blob: nothing is uploaded anywhere.

use wasm_bindgen::JsCast;

/// Offers `bytes` as a download called `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) -> Result<(), String> {
    let fail = |_| "Your browser did not allow the download.".to_string();
    let array = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&array, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("No document.")?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    let body = document.body().ok_or("No page body.")?;
    body.append_child(&a).map_err(fail)?;
    a.click();
    a.remove();
    // Revoke later, not at once: some browsers read the URL after click() returns.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 30_000);
    }
    Ok(())
}

/// Opens the browser's print dialogue (the report layout comes from the print stylesheet).
pub fn print() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}
