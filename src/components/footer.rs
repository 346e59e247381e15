//! The page footer: the privacy promise, stated plainly.

use leptos::prelude::*;

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer" data-testid="privacy-footer">
            <p>
                <strong>"Your data never leaves this device."</strong>
                " Timescales reads your spreadsheet inside this browser tab. It sends nothing anywhere, "
                "stores no child data, and works with the network switched off."
            </p>
        </footer>
    }
}
