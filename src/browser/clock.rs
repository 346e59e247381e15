//! Today's date and a monotonic clock, read from the browser at the edge (the core never reads
//! the clock).

use chrono::NaiveDate;

/// Today's date in the browser's time zone.
pub fn today() -> NaiveDate {
    let d = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date()).unwrap_or(NaiveDate::MIN)
}

/// Milliseconds from `performance.now()`, for the load timings shown to the user.
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Resolves after the browser has had a chance to paint (a zero-delay timeout), so a
/// "Reading your file" message appears before a long synchronous job starts.
pub async fn next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
