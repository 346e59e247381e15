//! "Share figures (no child data)": the disclosure-controlled aggregate file for the current
//! filters, previewed as a table before it is saved (docs/disclosure.md). Built on this device;
//! nothing is sent anywhere.

use leptos::prelude::*;
use timescales_core::aggregate::{Aggregate, aggregate};

use crate::state::use_app;

#[component]
pub fn ShareFigures() -> impl IntoView {
    let state = use_app();
    let authority = RwSignal::new(String::new());
    let preview: RwSignal<Option<Result<Aggregate, String>>> = RwSignal::new(None);
    let build = move || {
        let a = state.analysis.get_untracked();
        let name = authority.get_untracked();
        state.settings.with_untracked(|s| aggregate(&name, &a, s).map_err(|e| e.to_string()))
    };
    let on_preview = move |_| preview.set(Some(build()));
    let on_download = move |_| {
        if let Some(Ok(agg)) = preview.get_untracked() {
            match agg.to_csv() {
                Ok(csv) => {
                    let file = format!("timescales-figures-{}.csv", agg.meta.as_at);
                    let _ = crate::browser::download::download(&file, "text/csv", csv.as_bytes());
                }
                Err(e) => preview.set(Some(Err(e.to_string()))),
            }
        }
    };
    view! {
        <section class="panel share" aria-labelledby="share-heading" data-testid="share">
            <h2 id="share-heading">"Share figures (no child data)"</h2>
            <p>"A table of monthly counts and medians per stage for the current filters, with every count from 1 to 4 (and anything that would reveal one) suppressed. No child id, name, date of birth or day-level date is in it. See exactly what it holds before you save it."</p>
            <div class="field">
                <label for="share-authority">"Authority or team name (goes in the file)"</label>
                <input id="share-authority" type="text" data-testid="share-authority"
                    prop:value=move || authority.get()
                    on:input=move |ev| { authority.set(event_target_value(&ev)); preview.set(None); } />
            </div>
            <p class="actions">
                <button class="secondary" data-testid="share-preview" on:click=on_preview>"Show what the file contains"</button>
                {move || matches!(preview.get(), Some(Ok(_))).then(|| view! {
                    <button data-testid="share-download" on:click=on_download>"Save the file (CSV)"</button>
                })}
            </p>
            {move || preview.get().map(|p| match p {
                Err(e) => view! { <p class="error-message" role="alert" data-testid="share-error">{e}</p> }.into_any(),
                Ok(agg) => preview_table(&agg).into_any(),
            })}
        </section>
    }
}

fn preview_table(agg: &Aggregate) -> impl IntoView + use<> {
    let summary = format!(
        "{} rows for {} as at {}; {} values suppressed (marked).",
        agg.rows.len(),
        agg.meta.authority,
        agg.meta.as_at,
        agg.suppressed()
    );
    let rows = agg
        .rows
        .iter()
        .map(|r| {
            let suppressed = r.value.is_suppressed();
            view! {
                <tr class:suppressed=suppressed>
                    <td>{r.authority.clone()}</td>
                    <td>{r.stage.key()}</td>
                    <td>{r.period.to_string()}</td>
                    <td>{r.measure.key()}</td>
                    <td class="num">{if suppressed { "suppressed (small number)".to_string() } else { r.value.to_string() }}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p data-testid="share-summary">{summary}</p>
        <div class="table-scroll">
            <table class="table" data-testid="share-table">
                <caption class="visually-hidden">"The rows of the file to be saved"</caption>
                <thead><tr><th scope="col">"authority"</th><th scope="col">"stage"</th><th scope="col">"period"</th><th scope="col">"measure"</th><th scope="col">"value"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
