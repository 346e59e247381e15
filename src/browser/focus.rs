//! Focus and scroll after a screen change, as a multi-page site would behave.

use wasm_bindgen::JsCast;

/// Scrolls to the top and moves focus to the main content (which has `tabindex="-1"`).
pub fn top_of_main() {
    let Some(window) = web_sys::window() else { return };
    window.scroll_to_with_x_and_y(0.0, 0.0);
    if let Some(main) = window.document().and_then(|d| d.get_element_by_id("main"))
        && let Ok(el) = main.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}
