//! The root component: page layout, navigation and the current screen.

use leptos::prelude::*;

use crate::browser::clock::today;
use crate::browser::file::PickedFile;
use crate::browser::storage;
use crate::components::file_drop::page_drop_handlers;
use crate::components::footer::Footer;
use crate::components::load_progress::LoadProgress;
use crate::components::nav::Nav;
use crate::components::screens;
use crate::loading::load_picked;
use crate::state::{AppState, Screen};

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::provide(today(), storage::load_settings());
    crate::components::workbench::WorkbenchState::provide();
    // Remember settings (never data) whenever they change.
    Effect::new(move |_| state.settings.with(storage::save_settings));
    // A new screen starts at the top, with focus on the main content for screen readers.
    Effect::new(move |first: Option<()>| {
        state.screen.track();
        if first.is_some() {
            crate::browser::focus::top_of_main();
        }
    });
    screen_history(state);
    // While the user is choosing a file, run a small synthetic load once so that the browser has
    // compiled the load and analysis code for speed before the real one (docs/architecture.md#warm-up).
    leptos::task::spawn_local(async move {
        crate::browser::clock::yield_to_page().await;
        let _ = timescales_core::warm_up::warm_up(state.today);
        // The workbook reader's own module, warmed the same way in its worker and kept ready.
        crate::browser::workbook_worker::prepare_spare_worker(move || state.warmed.set(true));
    });
    let on_file = Callback::new(move |fs: Vec<PickedFile>| load_picked(state, fs));
    let on_error = Callback::new(move |e: String| state.load_error.set(Some(e)));
    let (page_dragover, page_drop) = page_drop_handlers(on_file, on_error);

    view! {
        <div class="page" on:dragover=page_dragover on:drop=page_drop>
            <a class="skip-link" href="#main">"Skip to main content"</a>
            <header class="site-header">
                <span class="site-header__name">"Timescales"</span>
                <span class="site-header__tag">"Permanence timescales for looked-after children"</span>
            </header>
            <Nav />
            <main id="main" class="main" data-testid="ready" tabindex="-1" data-warmed=move || state.warmed.get().to_string()>
                <DataBanner />
                <LoadProgress />
                <ErrorBoundary fallback=|errors| view! {
                    <div class="error-summary" role="alert">
                        <h2>"Something went wrong"</h2>
                        <ul>
                            {move || errors.get().into_iter().map(|(_, e)| view! { <li>{e.to_string()}</li> }).collect_view()}
                        </ul>
                    </div>
                }>
                    {move || screens::render(state.screen.get())}
                </ErrorBoundary>
            </main>
            <Footer />
        </div>
    }
}

/// Keeps the address fragment and the screen in step: a new screen adds a history entry, Back
/// and Forward change the screen, and a reload at any screen but the start returns to the start,
/// which says the data is gone by design. Closing or reloading with a file loaded asks first.
fn screen_history(state: AppState) {
    use crate::browser::history;
    let at_boot = history::current_key();
    if Screen::from_key(&at_boot).is_some_and(|s| s != Screen::Start) {
        state.reloaded.set(true);
    }
    Effect::new(move |_| history::push(state.screen.get().key()));
    history::on_back_or_forward(move |key| {
        let screen = Screen::from_key(&key).unwrap_or(Screen::Start);
        if state.screen.get_untracked() != screen {
            state.go(screen);
        }
    });
    history::warn_before_leaving(move || state.has_user_data());
}

/// Says what is loaded, so nobody mistakes the synthetic demo for real children.
#[component]
fn DataBanner() -> impl IntoView {
    let state = crate::state::use_app();
    move || {
        let d = state.data.get();
        let text = if d.is_demo {
            "You are looking at synthetic demo data: not real children.".to_string()
        } else {
            format!("Loaded: {} ({} children). It stays on this device.", d.name, d.dataset.children.len())
        };
        let class = if d.is_demo { "data-banner data-banner--demo" } else { "data-banner" };
        let at = state.as_at_info.get();
        view! {
            <p class=class data-testid="data-banner">
                {text}
                " "
                <span class="data-banner__as-at" data-testid="as-at-banner">
                    {format!("As at {} ({}).", timescales_core::dates::uk_date(at.date), at.source.label())}
                </span>
                " "
                {(state.screen.get() != Screen::Start).then(|| view! {
                    <button class="link-button" on:click=move |_| state.go(Screen::Start)>"Load a different file"</button>
                })}
                " "
                {(!d.is_demo).then(|| view! {
                    <button class="link-button" data-testid="clear-everything" on:click=move |_| state.clear_everything()>
                        "Clear everything"
                    </button>
                })}
            </p>
        }
    }
}
