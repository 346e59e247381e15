//! The start screen: drop or choose a spreadsheet, or open the demo; the privacy promise; the
//! template.

use leptos::prelude::*;
use timescales_core::demo;

use super::file_drop::FileDrop;
use crate::browser::file::PickedFile;
use crate::loading::{load_demo, load_picked};
use crate::state::use_app;

#[component]
pub fn Start() -> impl IntoView {
    let state = use_app();
    let on_file = Callback::new(move |fs: Vec<PickedFile>| load_picked(state, fs));
    let on_error = Callback::new(move |e: String| state.load_error.set(Some(e)));
    let template_href = crate::browser::global_string("TIMESCALES_TEMPLATE_URL")
        .unwrap_or_else(|| "public/timescales-template.xlsx".to_string());
    let offline = crate::browser::is_offline_edition();
    let offline_sha256 = crate::browser::global_string("TIMESCALES_OFFLINE_SHA256");
    let demo_children = move || state.data.with(|d| d.is_demo.then(|| d.dataset.children.len()));
    view! {
        <h1>"How long are permanence decisions taking?"</h1>
        <p class="lead">
            "Load your permanence tracker to see milestones, the PACE aims, run charts and the children still waiting. "
            <strong>"Nothing leaves this device:"</strong>
            " the file is read inside this browser tab and is not uploaded or stored."
        </p>
        {move || state.reloaded.get().then(|| view! {
            <div class="notice" role="status" data-testid="reloaded-notice">
                <p>"The page was reloaded. Any file you had loaded is gone: Timescales keeps your data only in this tab's memory, never on disk, by design. Load it again to carry on."</p>
            </div>
        })}
        <FileDrop on_file=on_file on_error=on_error />
        {move || state.load_error.get().map(|e| view! {
            <div class="error-summary" role="alert" data-testid="load-error">
                <h2>"There is a problem with the file"</h2>
                <p>{e}</p>
                <p>"Check it is the spreadsheet you meant, saved as CSV, Excel (.xlsx or .xls) or OpenDocument (.ods). The template shows the columns Timescales understands."</p>
            </div>
        })}
        <p>
            <a href=template_href download="timescales-template.xlsx" data-testid="template-link">
                "Download the template workbook"
            </a>
            " with the column names and a notes sheet explaining each one."
        </p>
        <section class="panel" aria-labelledby="offline-heading" data-testid="offline-panel">
            <h2 id="offline-heading">"Use it with the network off"</h2>
            {if offline {
                view! { <p data-testid="offline-edition">{format!("This is the single-file edition of Timescales {}, opened from disk. It can make no network connection at all.", env!("CARGO_PKG_VERSION"))}</p> }.into_any()
            } else {
                view! {
                    <p>
                        {format!("Timescales {} also comes as one HTML file that works opened from disk with the network unplugged. ", env!("CARGO_PKG_VERSION"))}
                        <a href="timescales-offline.html" download="timescales.html" data-testid="offline-download">"Save Timescales for offline use"</a>
                        " (check it against its "<a href="timescales-offline.html.sha256" download="timescales.html.sha256">"SHA-256"</a>")."
                    </p>
                    {offline_sha256.map(|hex| view! {
                        <p>"SHA-256 of that file: "<code class="digest" data-testid="offline-sha256">{hex}</code></p>
                    })}
                    <p>
                        "Learn comes as a file of its own: "
                        <a href="timescales-learn-offline.html" download="timescales-learn.html" data-testid="offline-learn-download">"save Learn for offline use"</a>
                        " and keep it in the same folder as timescales.html, so the single file's Learn link opens it."
                    </p>
                }.into_any()
            }}
        </section>
        <p>
            <a href=super::nav::learn_href() target="_blank" data-testid="open-learn">"Learn (opens in a new tab)"</a>
            ": exercises on reading run charts, a sandbox and a workshop handout. No file needed."
        </p>
        <section class="panel" aria-labelledby="compare-heading">
            <h2 id="compare-heading">"Compare authorities or teams"</h2>
            <p>"Load the shareable figure files (no child data) from several authorities or teams and see their run charts side by side."</p>
            <button class="secondary" data-testid="open-compare" on:click=move |_| state.go(crate::state::Screen::Compare)>"Compare figure files"</button>
        </section>
        <section class="panel" data-testid="demo-summary" aria-labelledby="demo-heading">
            <h2 id="demo-heading">"Try it with demo data"</h2>
            <p class="tag tag--synthetic">{demo::DEMO_LABEL}</p>
            <p>
                {move || match demo_children() {
                    Some(n) => format!("{n} synthetic children are loaded so you can try the tool."),
                    None => "Your file is loaded. You can go back to the synthetic demo at any time.".into(),
                }}
            </p>
            <button data-testid="open-demo" on:click=move |_| load_demo(state)>"Open the demo dashboard"</button>
        </section>
    }
}
