//! Choosing or dropping a spreadsheet. The whole page is a drop target (see [`page_drop_handlers`]);
//! this component is the visible drop zone with a keyboard-accessible file picker.

use leptos::ev;
use leptos::prelude::*;

use crate::browser::file::{PickedFile, read_file};

/// File types the picker offers. Content, not the extension, decides how a file is read.
pub const ACCEPT: &str = ".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,text/csv";

/// Reads the first file of a list and hands it to `on_file`, or an error message to `on_error`.
pub fn take_first_file(files: Option<web_sys::FileList>, on_file: Callback<PickedFile>, on_error: Callback<String>) {
    let Some(file) = files.and_then(|f| f.get(0)) else { return };
    leptos::task::spawn_local(async move {
        match read_file(file).await {
            Ok(picked) => on_file.run(picked),
            Err(e) => on_error.run(e),
        }
    });
}

/// The drop zone: a labelled file input and a large target for dragging a file onto.
#[component]
pub fn FileDrop(
    /// Called with the bytes of the chosen or dropped file.
    on_file: Callback<PickedFile>,
    /// Called with a plain-English message when the file cannot be read.
    on_error: Callback<String>,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let on_change = move |ev: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        take_first_file(input.files(), on_file, on_error);
        // Clear, so choosing the same file again still fires `change`.
        input.set_value("");
    };
    let on_drop = move |ev: ev::DragEvent| {
        ev.prevent_default();
        ev.stop_propagation();
        over.set(false);
        take_first_file(ev.data_transfer().and_then(|d| d.files()), on_file, on_error);
    };
    view! {
        <div
            class="drop-zone"
            class:drop-zone--over=move || over.get()
            data-testid="drop-zone"
            on:dragenter=move |ev: ev::DragEvent| { ev.prevent_default(); over.set(true); }
            on:dragover=move |ev: ev::DragEvent| ev.prevent_default()
            on:dragleave=move |_| over.set(false)
            on:drop=on_drop
        >
            <p class="drop-zone__lead">"Drop a spreadsheet here (CSV, Excel or OpenDocument)"</p>
            <label class="button" for="file-input">"Choose a file"</label>
            <input
                id="file-input"
                class="visually-hidden-input"
                type="file"
                accept=ACCEPT
                data-testid="file-input"
                on:change=on_change
            />
        </div>
    }
}

/// Handlers that make the whole page a drop target, so a file dropped anywhere is read rather
/// than opened by the browser (which would leave the app).
pub fn page_drop_handlers(
    on_file: Callback<PickedFile>,
    on_error: Callback<String>,
) -> (impl Fn(ev::DragEvent) + Copy, impl Fn(ev::DragEvent) + Copy) {
    let over = move |ev: ev::DragEvent| ev.prevent_default();
    let drop = move |ev: ev::DragEvent| {
        ev.prevent_default();
        take_first_file(ev.data_transfer().and_then(|d| d.files()), on_file, on_error);
    };
    (over, drop)
}
