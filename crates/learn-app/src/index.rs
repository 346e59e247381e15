//! The list of exercises with what each teaches, and the way to the sandbox, the facilitator
//! view and the handout.

use leptos::prelude::*;
use timescales_core::learn::page::LearnScreen;

use crate::shell::use_learn;

#[component]
pub fn Index() -> impl IntoView {
    let state = use_learn();
    let items = state.exercises.with_value(|list| {
        list.iter()
            .map(|e| {
                let n = e.number;
                let topics = e.topics.iter().map(|t| t.label()).collect::<Vec<_>>().join(", ");
                let done = move || state.answers.with(|a| a.get(n - 1).copied().flatten()).map(|_| " (answered)");
                view! {
                    <li data-testid="exercise-item">
                        <a href=LearnScreen::Exercise(n).fragment_href()>{e.title.clone()}</a>
                        {done}
                        <br />
                        <span class="hint">{format!("Teaches: {topics}.")}</span>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <h1>"Learn to read run charts"</h1>
        <p class="lead">
            "Short exercises on synthetic stories about permanence. Each shows a run chart, asks a question, "
            "and then shows on the chart which points make the answer. The rules are the ones Timescales "
            "applies to real data."
        </p>
        <ol class="exercise-list" data-testid="exercise-list">{items}</ol>
        <section class="panel" aria-labelledby="more-heading">
            <h2 id="more-heading">"Also here"</h2>
            <ul>
                <li><a href=LearnScreen::Sandbox.fragment_href()>"The sandbox"</a>": type or draw any series and see every rule at once."</li>
                <li><a href=LearnScreen::Facilitator(1).fragment_href()>"The facilitator view"</a>": large type for a projector, one exercise per screen, arrow keys to move on."</li>
                <li><a href=LearnScreen::Handout.fragment_href()>"The handout"</a>": the rules, the limits tables, the exercises and an answer sheet, to print on A4."</li>
            </ul>
        </section>
    }
}
