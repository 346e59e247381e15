//! One exercise: the story, the chart (without the answer until one is checked), the question
//! as radio buttons, "Check my answer", the feedback with the chart re-drawn with the findings
//! highlighted, the table of points, and Previous / Next.

use std::sync::Arc;

use leptos::prelude::*;
use timescales_core::learn::page::{LearnScreen, highlight_marks, point_rows};
use timescales_core::learn::{Feedback, check_answer, exercise_chart};

use crate::chart::{LearnChart, PointsTable};
use crate::shell::use_learn;

#[component]
pub fn ExerciseScreen(number: usize) -> impl IntoView {
    let state = use_learn();
    let Some(e) = state.exercise(number) else {
        return view! { <p>"There is no such exercise."</p> }.into_any();
    };
    let e = Arc::new(e);
    let checked = state.answers.with_untracked(|a| a.get(number - 1).copied().flatten());
    let chosen = RwSignal::new(checked);
    let feedback = RwSignal::new(checked.map(|i| check_answer(&e, i)));
    let missing = RwSignal::new(false);
    let ex = e.clone();
    let model =
        Signal::derive(move || exercise_chart(&ex, feedback.with(Option::is_some)).map(|s| Arc::new(s.build())));
    let marks = Signal::derive(move || match (model.get(), feedback.get()) {
        (Some(m), Some(f)) => highlight_marks(&m, &f.highlights),
        _ => Vec::new(),
    });
    let ex = e.clone();
    let rows = Signal::derive(move || {
        let shown = feedback.with(|f| f.as_ref().map(|f| f.highlights.clone()).unwrap_or_default());
        ex.analysis().map(|a| point_rows(&a, &shown)).unwrap_or_default()
    });
    let ex = e.clone();
    let check = move |_| match chosen.get_untracked() {
        None => missing.set(true),
        Some(i) => {
            missing.set(false);
            feedback.set(Some(check_answer(&ex, i)));
            state.answers.update(|a| {
                if let Some(slot) = a.get_mut(number - 1) {
                    *slot = Some(i);
                }
            });
        }
    };
    let options = e
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let id = format!("answer-{i}");
            view! {
                <div class="radio">
                    <input type="radio" name="answer" id=id.clone() data-testid=format!("option-{i}")
                        prop:checked=move || chosen.get() == Some(i)
                        on:change=move |_| chosen.set(Some(i)) />
                    <label for=id>{o.text.clone()}</label>
                </div>
            }
        })
        .collect_view();
    let count = state.count();
    view! {
        <p class="no-print"><a href=LearnScreen::Index.fragment_href()>"All exercises"</a></p>
        <h1 data-testid="exercise-title">{e.title.clone()}</h1>
        <p class="story">{e.story.clone()}</p>
        <figure class="learn-figure">
            <LearnChart model=model marks=marks testid="exercise-chart" />
        </figure>
        <PointsTable rows=rows caption="Each point of the chart" />
        <fieldset class="question">
            <legend>{e.question.clone()}</legend>
            {options}
        </fieldset>
        {move || missing.get().then(|| view! {
            <p class="error-message" role="alert" data-testid="choose-first">"Choose an answer first."</p>
        })}
        <p><button data-testid="check-answer" on:click=check>"Check my answer"</button></p>
        <div role="status" data-testid="feedback-region">
            {move || feedback.get().map(|f| feedback_view(f, marks.get()))}
        </div>
        <ExerciseSteps number=number count=count />
    }
    .into_any()
}

fn feedback_view(f: Feedback, marks: Vec<timescales_core::learn::page::HighlightMark>) -> impl IntoView {
    let (class, heading) = if f.correct {
        ("feedback feedback--right", "\u{2713} Right")
    } else {
        ("feedback feedback--wrong", "\u{2717} Not quite")
    };
    view! {
        <section class=class data-testid="feedback" aria-labelledby="feedback-heading">
            <h2 id="feedback-heading">{heading}</h2>
            <p data-testid="explanation">{f.explanation}</p>
            {(!marks.is_empty()).then(|| view! {
                <h3>"Highlighted on the chart"</h3>
                <ul data-testid="highlight-list">
                    {marks.into_iter().map(|k| view! { <li>{k.label.text}</li> }).collect_view()}
                </ul>
            })}
            <h3>"What the analysis says"</h3>
            <ul>{f.sentences.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
        </section>
    }
}

/// Previous and Next links.
#[component]
pub fn ExerciseSteps(number: usize, count: usize) -> impl IntoView {
    view! {
        <nav class="steps no-print" aria-label="Exercises">
            {(number > 1).then(|| view! {
                <a class="button button--secondary" data-testid="previous-exercise"
                    href=LearnScreen::Exercise(number - 1).fragment_href()>"Previous exercise"</a>
            })}
            " "
            {if number < count {
                view! { <a class="button" data-testid="next-exercise" href=LearnScreen::Exercise(number + 1).fragment_href()>"Next exercise"</a> }.into_any()
            } else {
                view! { <a class="button" href=LearnScreen::Sandbox.fragment_href()>"Try the sandbox"</a> }.into_any()
            }}
        </nav>
    }
}
