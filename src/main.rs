//! Entry point of the web app. The app only exists on wasm32; Trunk builds it.

#[cfg(target_arch = "wasm32")]
fn main() {
    timescales_app::install_panic_message();
    leptos::mount::mount_to_body(timescales_app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "timescales-app is a web app: build it with `trunk build` (see README.md). The native tool is `timescales` in crates/cli."
    );
}
