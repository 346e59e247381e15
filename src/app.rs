//! The root component: page layout, the loaded file and the current screen.

use leptos::prelude::*;
use timescales_core::demo::{self, DemoOptions};

use crate::browser::file::PickedFile;
use crate::components::file_drop::{FileDrop, page_drop_handlers};
use crate::components::footer::Footer;

/// Formats a byte count for people: "812 bytes", "12.4 KB", "3.1 MB".
fn human_size(bytes: usize) -> String {
    match bytes {
        b if b < 1024 => format!("{b} bytes"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

#[component]
pub fn App() -> impl IntoView {
    let demo = demo::generate(DemoOptions::default());
    let demo_children = demo.children.len();
    let received = RwSignal::new(None::<(String, usize)>);
    let error = RwSignal::new(None::<String>);
    let on_file = Callback::new(move |f: PickedFile| {
        error.set(None);
        received.set(Some((f.name, f.bytes.len())));
    });
    let on_error = Callback::new(move |e: String| error.set(Some(e)));
    let (page_dragover, page_drop) = page_drop_handlers(on_file, on_error);

    view! {
        <div class="page" on:dragover=page_dragover on:drop=page_drop>
            <header class="site-header">
                <span class="site-header__name">"Timescales"</span>
                <span class="site-header__tag">"Permanence timescales for looked-after children"</span>
            </header>
            <main id="main" class="main" data-testid="ready">
                <ErrorBoundary fallback=|errors| view! {
                    <div class="error-summary" role="alert">
                        <h2>"Something went wrong"</h2>
                        <ul>
                            {move || errors.get().into_iter().map(|(_, e)| view! { <li>{e.to_string()}</li> }).collect_view()}
                        </ul>
                    </div>
                }>
                    <h1>"How long are permanence decisions taking?"</h1>
                    <FileDrop on_file=on_file on_error=on_error />
                    <div class="status" role="status" aria-live="polite" data-testid="file-status">
                        {move || received.get().map(|(name, size)| format!("Received {name} ({})", human_size(size)))}
                    </div>
                    {move || error.get().map(|e| view! { <p class="error-message" role="alert">{e}</p> })}
                    <section class="panel" data-testid="demo-summary" aria-labelledby="demo-heading">
                        <h2 id="demo-heading">"Demo data"</h2>
                        <p class="tag tag--synthetic">{demo::DEMO_LABEL}</p>
                        <p>{format!("{demo_children} synthetic children are loaded so you can try the tool.")}</p>
                    </section>
                </ErrorBoundary>
            </main>
            <Footer />
        </div>
    }
}
