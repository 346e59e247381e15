//! The navigation between screens: a list of buttons, the current one marked for screen readers.

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
            <ul class="nav__list">{items}</ul>
        </nav>
    }
}
