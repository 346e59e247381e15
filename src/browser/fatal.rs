//! A friendly message instead of a dead page if the app ever panics.
//!
//! Release builds abort on panic, so nothing can be recovered; the hook logs the details to the
//! console (for developers) and puts a plain-English message on the page (for users), with a
//! button to reload.

use wasm_bindgen::JsCast;

/// Installs the panic hook. Call once, before mounting the app.
pub fn install_panic_message() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_message();
    }));
}

fn show_message() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Some(body) = doc.body() else { return };
    let Ok(div) = doc.create_element("div") else { return };
    div.set_class_name("fatal-error");
    let _ = div.set_attribute("role", "alert");
    let _ = div.set_attribute("data-testid", "fatal-error");
    div.set_text_content(Some(
        "Sorry, Timescales stopped working. Nothing has been sent anywhere. \
         Reload the page to start again; if it happens again with the same file, \
         check the file with the template and tell your data lead.",
    ));
    // A button to start again: the page cannot recover after a panic, but the user can.
    if let Ok(button) = doc.create_element("button") {
        button.set_text_content(Some("Reload Timescales"));
        let _ = button.set_attribute("data-testid", "fatal-reload");
        let reload = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        let _ = button.add_event_listener_with_callback("click", reload.as_ref().unchecked_ref());
        reload.forget();
        let _ = div.append_child(&button);
    }
    if let Some(first) = body.first_child() {
        let _ = body.insert_before(div.unchecked_ref(), Some(&first));
    } else {
        let _ = body.append_child(&div);
    }
}
