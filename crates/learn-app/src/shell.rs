//! The page round every screen: header, navigation, the screen for the address fragment, and
//! the footer. The fragment names the screen only (`#exercise-3`); there is no child data here.

use leptos::ev;
use leptos::prelude::*;
use timescales_core::learn::page::LearnScreen;
use timescales_core::learn::{Exercise, exercises};

/// What the page keeps while it is open, in memory only: the screen and the answers checked.
#[derive(Clone, Copy)]
pub struct LearnState {
    pub route: RwSignal<LearnScreen>,
    /// The option checked for each exercise (index = exercise number - 1).
    pub answers: RwSignal<Vec<Option<usize>>>,
    pub exercises: StoredValue<Vec<Exercise>>,
}

impl LearnState {
    pub fn count(&self) -> usize {
        self.exercises.with_value(Vec::len)
    }

    pub fn exercise(&self, number: usize) -> Option<Exercise> {
        self.exercises.with_value(|l| l.get(number.wrapping_sub(1)).cloned())
    }

    /// Goes to a screen by setting the fragment; the hashchange listener sets the route.
    pub fn go(&self, route: LearnScreen) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&route.fragment());
        }
    }
}

pub fn use_learn() -> LearnState {
    expect_context::<LearnState>()
}

fn fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

#[component]
pub fn Learn() -> impl IntoView {
    let list = exercises();
    let count = list.len();
    let state = LearnState {
        route: RwSignal::new(LearnScreen::parse(&fragment(), count).unwrap_or(LearnScreen::Index)),
        answers: RwSignal::new(vec![None; count]),
        exercises: StoredValue::new(list),
    };
    provide_context(state);
    let listener = window_event_listener(ev::hashchange, move |_| {
        if let Some(r) = LearnScreen::parse(&fragment(), count)
            && state.route.get_untracked() != r
        {
            state.route.set(r);
        }
    });
    on_cleanup(move || listener.remove());
    // A new screen starts at the top, with focus on the main content for screen readers.
    Effect::new(move |first: Option<()>| {
        state.route.track();
        if first.is_some()
            && let Some(main) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main"))
        {
            use wasm_bindgen::JsCast;
            if let Ok(el) = main.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
            if let Some(w) = web_sys::window() {
                w.scroll_to_with_x_and_y(0.0, 0.0);
            }
        }
    });
    let facilitator = move || matches!(state.route.get(), LearnScreen::Facilitator(_));
    view! {
        <div class="page learn" class:learn--facilitator=facilitator>
            // `#main` is not a screen (`LearnScreen::parse` gives None), so the screen stays.
            <a class="skip-link" href="#main">"Skip to main content"</a>
            <header class="site-header no-print">
                <span class="site-header__name">"Timescales: Learn"</span>
                <span class="site-header__tag">"Reading run charts, on the same rules as the real analysis"</span>
            </header>
            <LearnNav />
            <main id="main" class="main" data-testid="learn-ready" tabindex="-1">
                {move || screen(state.route.get())}
            </main>
            <footer class="site-footer no-print">
                <p>
                    <strong>"Every story and chart here is synthetic: no real children."</strong>
                    " Your answers stay in this tab's memory and are gone when you close it; nothing is stored or sent."
                </p>
            </footer>
        </div>
    }
}

fn screen(route: LearnScreen) -> AnyView {
    match route {
        LearnScreen::Index => view! { <crate::index::Index /> }.into_any(),
        LearnScreen::Exercise(n) => view! { <crate::exercise::ExerciseScreen number=n /> }.into_any(),
        LearnScreen::Sandbox => view! { <crate::sandbox::Sandbox /> }.into_any(),
        LearnScreen::Facilitator(n) => view! { <crate::facilitator::Facilitator number=n /> }.into_any(),
        LearnScreen::Handout => view! { <crate::handout::Handout /> }.into_any(),
    }
}

#[component]
fn LearnNav() -> impl IntoView {
    let state = use_learn();
    let current = move |is: fn(LearnScreen) -> bool| move || is(state.route.get()).then_some("page");
    // The hosted Learn page is in learn/ under the app; the single-file Learn sits beside the
    // single-file app (scripts/offline.mjs).
    let back = if timescales_app::is_offline_edition() { "timescales.html" } else { "../" };
    view! {
        <nav class="nav no-print" aria-label="Learn">
            <ul class="nav__list">
                <li><a class="nav__item" href="#exercises" data-testid="learn-nav-exercises"
                    aria-current=current(|r| matches!(r, LearnScreen::Index | LearnScreen::Exercise(_)))>"Exercises"</a></li>
                <li><a class="nav__item" href="#sandbox" data-testid="learn-nav-sandbox"
                    aria-current=current(|r| r == LearnScreen::Sandbox)>"Sandbox"</a></li>
                <li><a class="nav__item" href="#facilitator-1" data-testid="learn-nav-facilitator"
                    aria-current=current(|r| matches!(r, LearnScreen::Facilitator(_)))>"Facilitator view"</a></li>
                <li><a class="nav__item" href="#handout" data-testid="learn-nav-handout"
                    aria-current=current(|r| r == LearnScreen::Handout)>"Handout"</a></li>
                <li><a class="nav__item" href=back data-testid="learn-back-to-app">"Back to Timescales"</a></li>
            </ul>
        </nav>
    }
}
