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

/// Print resolution for PNG downloads: three image pixels per SVG pixel (about 300 dots per
/// inch for a chart printed at its on-screen size).
pub const PNG_SCALE: f64 = 3.0;

/// Offers a chart as a PNG called `name`, drawn on this device from its standalone SVG
/// (`width` x `height` SVG pixels) at [`PNG_SCALE`], on a white background.
pub fn download_png(name: &str, svg: &str, width: f64, height: f64) -> Result<(), String> {
    let fail = |_| "Your browser could not draw the picture.".to_string();
    let array = js_sys::Array::of1(&js_sys::JsString::from(svg));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&array, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("No document.")?;
    let img: web_sys::HtmlImageElement = document.create_element("img").map_err(fail)?.unchecked_into();
    let canvas: web_sys::HtmlCanvasElement = document.create_element("canvas").map_err(fail)?.unchecked_into();
    canvas.set_width((width * PNG_SCALE).round() as u32);
    canvas.set_height((height * PNG_SCALE).round() as u32);
    let name = name.to_string();
    let img2 = img.clone();
    let url2 = url.clone();
    let onload = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url2);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, f64::from(canvas.width()), f64::from(canvas.height()));
        let _ = ctx.draw_image_with_html_image_element_and_dw_and_dh(
            &img2,
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        );
        let saved = wasm_bindgen::closure::Closure::once_into_js(move |png: Option<web_sys::Blob>| {
            let Some(png) = png else { return };
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(buf) = wasm_bindgen_futures::JsFuture::from(png.array_buffer()).await {
                    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                    let _ = download(&name, "image/png", &bytes);
                }
            });
        });
        let _ = canvas.to_blob_with_type(saved.unchecked_ref(), "image/png");
    });
    img.set_onload(Some(onload.unchecked_ref()));
    img.set_src(&url);
    Ok(())
}
