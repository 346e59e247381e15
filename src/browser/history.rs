//! Screens in the address bar: each screen has its own fragment (`#dashboard`), so Back and
//! Forward move between screens while the loaded file stays in memory. Only the screen's key is
//! ever written: never a child's id, name or date (browser history is stored on disk).

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// The fragment of the current address, without the `#`.
pub fn current_key() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Adds a history entry for a screen, unless the address already shows it.
pub fn push(key: &str) {
    if current_key() == key {
        return;
    }
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{key}")));
    }
}

/// Calls `on_change` with the new fragment whenever Back or Forward changes it.
pub fn on_back_or_forward(on_change: impl Fn(String) + 'static) {
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn Fn()>::new(move || on_change(current_key()));
    let _ = w.add_event_listener_with_callback("popstate", cb.as_ref().unchecked_ref());
    cb.forget();
}

/// Asks before the page is reloaded or closed while `data_loaded` says a user's file is in
/// memory: leaving drops it, by design.
pub fn warn_before_leaving(data_loaded: impl Fn() -> bool + 'static) {
    let Some(w) = web_sys::window() else { return };
    let cb = Closure::<dyn Fn(web_sys::BeforeUnloadEvent)>::new(move |ev: web_sys::BeforeUnloadEvent| {
        if data_loaded() {
            ev.prevent_default();
            ev.set_return_value("Your file will be dropped from memory.");
        }
    });
    let _ = w.add_event_listener_with_callback("beforeunload", cb.as_ref().unchecked_ref());
    cb.forget();
}
