//! Choosing or dropping a spreadsheet. The whole page is a drop target (see [`page_drop_handlers`]);
//! this component is the visible drop zone with a keyboard-accessible file picker.

use leptos::ev;
use leptos::prelude::*;

use crate::browser::file::{PickedFile, read_file};

/// File types the picker offers. Content, not the extension, decides how a file is read.
pub const ACCEPT: &str = ".csv,.tsv,.txt,.xlsx,.xlsm,.xls,.ods,text/csv";

/// Reads every file of a list (several for a set of tables such as England's SSDA903 return)
/// and hands them to `on_files`, or the first error message to `on_error`.
pub fn take_files(files: Option<web_sys::FileList>, on_files: Callback<Vec<PickedFile>>, on_error: Callback<String>) {
    let Some(list) = files else { return };
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    if files.is_empty() {
        return;
    }
    leptos::task::spawn_local(async move {
        let mut picked = Vec::with_capacity(files.len());
        for file in files {
            match read_file(file).await {
                Ok(p) => picked.push(p),
                Err(e) => return on_error.run(e),
            }
        }
        on_files.run(picked);
    });
}

/// The drop zone: a labelled file input and a large target for dragging a file onto.
#[component]
pub fn FileDrop(
    /// Called with the bytes of the chosen or dropped files (usually one).
    on_file: Callback<Vec<PickedFile>>,
    /// Called with a plain-English message when the file cannot be read.
    on_error: Callback<String>,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let on_change = move |ev: ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        take_files(input.files(), on_file, on_error);
        // Clear, so choosing the same file again still fires `change`.
        input.set_value("");
    };
    let on_drop = move |ev: ev::DragEvent| {
        ev.prevent_default();
        ev.stop_propagation();
        over.set(false);
        take_files(ev.data_transfer().and_then(|d| d.files()), on_file, on_error);
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
            <p class="drop-zone__lead">"Drop a spreadsheet here (CSV, Excel or OpenDocument), or several tables read together, such as England's SSDA903 return"</p>
            <label class="button" for="file-input">"Choose a file"</label>
            <input
                id="file-input"
                class="visually-hidden-input"
                type="file"
                multiple
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
    on_file: Callback<Vec<PickedFile>>,
    on_error: Callback<String>,
) -> (impl Fn(ev::DragEvent) + Copy, impl Fn(ev::DragEvent) + Copy) {
    let over = move |ev: ev::DragEvent| ev.prevent_default();
    let drop = move |ev: ev::DragEvent| {
        ev.prevent_default();
        take_files(ev.data_transfer().and_then(|d| d.files()), on_file, on_error);
    };
    (over, drop)
}
