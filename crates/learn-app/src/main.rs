//! Entry point of the Learn page. It only exists on wasm32; Trunk builds it from learn.html.

#[cfg(target_arch = "wasm32")]
fn main() {
    timescales_app::install_panic_message();
    leptos::mount::mount_to_body(timescales_learn::Learn);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("timescales-learn is a web page: build it with scripts/build-web.sh (see docs/learn.md).");
}
