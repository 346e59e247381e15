//! The facilitator view: one exercise per screen in large, high-contrast type for a projector.
//! The right arrow or Page Down moves on; the left arrow or Page Up goes back.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use timescales_core::learn::exercise_chart;
use timescales_core::learn::page::{LearnScreen, highlight_marks};

use crate::chart::LearnChart;
use crate::shell::use_learn;

#[component]
pub fn Facilitator(number: usize) -> impl IntoView {
    let state = use_learn();
    let count = state.count();
    let Some(e) = state.exercise(number) else {
        return view! { <p>"There is no such exercise."</p> }.into_any();
    };
    let e = Arc::new(e);
    let shown = RwSignal::new(false);
    let step = move |forward: bool| {
        let next = if forward { (number + 1).min(count) } else { number.saturating_sub(1).max(1) };
        if next != number {
            state.go(LearnScreen::Facilitator(next));
        }
    };
    let keys = window_event_listener(ev::keydown, move |ev: ev::KeyboardEvent| match ev.key().as_str() {
        "ArrowRight" | "PageDown" => {
            ev.prevent_default();
            step(true);
        }
        "ArrowLeft" | "PageUp" => {
            ev.prevent_default();
            step(false);
        }
        _ => {}
    });
    on_cleanup(move || keys.remove());
    let ex = e.clone();
    let model = Signal::derive(move || exercise_chart(&ex, shown.get()).map(|s| Arc::new(s.build())));
    let ex = e.clone();
    let marks = Signal::derive(move || match (shown.get(), model.get()) {
        (true, Some(m)) => highlight_marks(&m, &ex.highlights),
        _ => Vec::new(),
    });
    let answer = e.options.get(e.correct).map(|o| o.text.clone()).unwrap_or_default();
    let explanation = e.explanation.clone();
    view! {
        <p class="hint no-print">
            {format!("Facilitator view, {number} of {count}. Right arrow or Page Down: next. Left arrow or Page Up: previous.")}
        </p>
        <h1 data-testid="facilitator-title">{e.title.clone()}</h1>
        <p class="story">{e.story.clone()}</p>
        <figure class="learn-figure">
            <LearnChart model=model marks=marks testid="facilitator-chart" />
        </figure>
        <p class="question-text"><strong>{e.question.clone()}</strong></p>
        <ol class="options" type="A">
            {e.options.iter().map(|o| view! { <li>{o.text.clone()}</li> }).collect_view()}
        </ol>
        <p>
            <button data-testid="show-answer" on:click=move |_| shown.update(|s| *s = !*s)>
                {move || if shown.get() { "Hide the answer" } else { "Show the answer" }}
            </button>
        </p>
        <div role="status">
            {move || shown.get().then(|| view! {
                <section class="feedback" data-testid="facilitator-answer" aria-label="The answer">
                    <p><strong>{format!("Answer: {answer}.")}</strong></p>
                    <p>{explanation.clone()}</p>
                    <ul>{marks.get().into_iter().map(|k| view! { <li>{k.label.text}</li> }).collect_view()}</ul>
                </section>
            })}
        </div>
        <nav class="steps" aria-label="Exercises">
            <button class="secondary" data-testid="facilitator-previous" disabled=number <= 1 on:click=move |_| step(false)>"Previous"</button>
            " "
            <button data-testid="facilitator-next" disabled=number >= count on:click=move |_| step(true)>"Next"</button>
        </nav>
    }
    .into_any()
}
