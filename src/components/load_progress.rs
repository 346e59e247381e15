//! The load's progress: "Reading NAME…" at first, then (after half a second) a `<progress>` bar
//! with the phase in words and a Cancel button; after a cancel, the message that nothing changed.
//! The phases, their words and percentages come from the core (`ingest::progress`).

use leptos::prelude::*;
use timescales_core::ingest::progress::{cancelled_message, progress_label, status_text};

use crate::loading::{LoadState, request_cancel};
use crate::state::use_app;

#[component]
pub fn LoadProgress() -> impl IntoView {
    let state = use_app();
    move || {
        let l = state.load.get()?;
        let view = match (l.state, l.visible) {
            (LoadState::Cancelled, _) => view! {
                <p class="busy" role="status" data-testid="load-cancelled">{cancelled_message(&l.name)}</p>
            }
            .into_any(),
            (_, false) => view! {
                <p class="busy" role="status" data-testid="busy">{format!("Reading {}…", l.name)}</p>
            }
            .into_any(),
            (s, true) => {
                let stopping = s == LoadState::CancelRequested;
                let status =
                    if stopping { "Cancelling…".to_string() } else { status_text(l.phase, l.kind, l.percent) };
                view! {
                    <div class="busy load-progress" data-testid="load-progress">
                        <label for="load-progress-bar">{progress_label(&l.name)}</label>
                        <progress id="load-progress-bar" max="100" value=l.percent.to_string()>
                            {format!("{}%", l.percent)}
                        </progress>
                        <p role="status" data-testid="load-phase">{status}</p>
                        <button type="button" data-testid="load-cancel" disabled=stopping
                            on:click=move |_| request_cancel(state)>"Cancel"</button>
                    </div>
                }
                .into_any()
            }
        };
        Some(view)
    }
}
