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

/// A promise that resolves to `undefined` after `ms` milliseconds.
pub fn timeout(ms: i32) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    })
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep_ms(ms: i32) {
    let _ = wasm_bindgen_futures::JsFuture::from(timeout(ms)).await;
}

/// Lets the browser run what is waiting (a click on Cancel, a repaint that is due) and resumes at
/// once: `scheduler.yield()` where the browser has it, otherwise a zero-delay timeout. For the
/// pauses inside a load's phase, which come every few tens of milliseconds; a phase boundary
/// waits for a frame instead ([`yield_to_page`]).
pub async fn yield_now() {
    use wasm_bindgen::{JsCast, JsValue};
    let scheduler = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("scheduler")).ok();
    let yield_fn = scheduler.as_ref().and_then(|s| js_sys::Reflect::get(s, &JsValue::from_str("yield")).ok());
    let promise = match (scheduler, yield_fn.and_then(|f| f.dyn_into::<js_sys::Function>().ok())) {
        (Some(s), Some(f)) => f.call0(&s).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok()),
        _ => None,
    };
    match promise {
        Some(p) => {
            let _ = wasm_bindgen_futures::JsFuture::from(p).await;
        }
        None => next_paint().await,
    }
}

/// Resolves after the next animation frame (or 50 ms, whichever comes first) and then a
/// zero-delay timeout: the page paints, and clicks and key presses waiting since the last
/// synchronous step are handled, before the next step starts (a load's phase boundary).
pub async fn yield_to_page() {
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let either = js_sys::Promise::race(&js_sys::Array::of2(&frame, &timeout(50)));
    let _ = wasm_bindgen_futures::JsFuture::from(either).await;
    next_paint().await;
}
