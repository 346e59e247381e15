//! The navigation between screens: a list of buttons, the current one marked for screen readers,
//! and a link to Learn (its own page, docs/learn.md#the-learn-page), opened in a new tab so a
//! loaded file stays loaded.

use leptos::prelude::*;

use crate::state::{Screen, use_app};

#[component]
pub fn Nav() -> impl IntoView {
    let state = use_app();
    let items = Screen::NAV
        .into_iter()
        .map(|s| {
            let current = move || (state.screen.get() == s).then_some("page");
            view! {
                <li>
                    <button
                        class="nav__item"
                        aria-current=current
                        data-testid=format!("nav-{}", s.key())
                        on:click=move |_| state.go(s)
                    >
                        {s.label()}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="nav" aria-label="Screens">
            <ul class="nav__list">
                {items}
                <li><a class="nav__item" href=learn_href() target="_blank" data-testid="nav-learn">"Learn (opens in a new tab)"</a></li>
            </ul>
        </nav>
    }
}

/// Where Learn is: `learn/` on the hosted app, the Learn file beside it in the single-file edition.
pub fn learn_href() -> &'static str {
    if crate::browser::is_offline_edition() { "timescales-learn.html" } else { "learn/" }
}
