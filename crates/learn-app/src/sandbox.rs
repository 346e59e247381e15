//! The sandbox: a "Values" box and a chart to edit directly (click to add a point, drag a point
//! up or down, select one and press Delete or use its Remove button, end the baseline or start a
//! phase at the selected point), the baseline and phases by number too,
//! and everything the core's `sandbox()` finds, IHI and Anhøj side by side. Every edit goes
//! through the core's editing helpers and is read again by the engine.

use std::sync::Arc;

use leptos::ev;
use leptos::prelude::*;
use timescales_core::learn::page::{
    highlight_marks, in_plot, insert_index_at, marker_near, phase_facts, point_rows, sandbox_chart, settings_text,
    starter_values, value_at,
};
use timescales_core::learn::{
    RuleLine, SandboxInput, SandboxPhase, Unreadable, add_phase, add_point, move_point, parse_values, remove_phase,
    remove_point, sandbox, set_baseline_end, values_text,
};

use crate::chart::{LearnChart, Pointer, PointsTable};

#[component]
pub fn Sandbox() -> impl IntoView {
    let start = SandboxInput { values: starter_values(), ..SandboxInput::default() };
    let text = RwSignal::new(values_text(&start.values));
    let input = RwSignal::new(start);
    let unreadable = RwSignal::new(Vec::<Unreadable>::new());
    let selected = RwSignal::new(None::<usize>);
    let dragging = StoredValue::new(None::<usize>);
    let view_ = Memo::new(move |_| input.with(|i| Arc::new(sandbox(&i.values, &i.config))));
    let model = Signal::derive(move || sandbox_chart(&view_.get()).map(|s| Arc::new(s.build())));
    let marks =
        Signal::derive(move || model.get().map(|m| highlight_marks(&m, &view_.get().highlights)).unwrap_or_default());
    let rows = Signal::derive(move || {
        let v = view_.get();
        v.analysis.as_ref().map(|a| point_rows(a, &v.highlights)).unwrap_or_default()
    });
    // Every edit from the chart or a button: the new input, and the values box written back.
    let apply = move |next: SandboxInput| {
        text.set(values_text(&next.values));
        unreadable.set(Vec::new());
        if selected.get_untracked().is_some_and(|i| i >= next.values.len()) {
            selected.set(None);
        }
        input.set(next);
    };
    let remove = Callback::new(move |i: usize| {
        apply(input.with_untracked(|x| remove_point(x, i)));
        selected.set(None);
    });
    let on_pointer = Callback::new(move |p: Pointer| {
        let Some(m) = model.get_untracked() else { return };
        match p {
            Pointer::Down(x, y) => {
                if let Some(i) = marker_near(&m, x, y) {
                    selected.set(Some(i));
                    dragging.set_value(Some(i));
                } else if in_plot(&m, x, y) {
                    let at = insert_index_at(&m, x);
                    apply(input.with_untracked(|s| add_point(s, at, value_at(&m, y))));
                    selected.set(Some(at));
                }
            }
            Pointer::Move(_, y) => {
                if let Some(i) = dragging.get_value() {
                    let v = value_at(&m, y);
                    if input.with_untracked(|s| s.values.get(i) != Some(&v)) {
                        apply(input.with_untracked(|s| move_point(s, i, v)));
                    }
                }
            }
            Pointer::Up => dragging.set_value(None),
        }
    });
    // Delete or Backspace removes the selected point, unless the user is typing in a field.
    let keys = window_event_listener(ev::keydown, move |ev: ev::KeyboardEvent| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        if !typing
            && matches!(ev.key().as_str(), "Delete" | "Backspace")
            && let Some(i) = selected.get_untracked()
        {
            ev.prevent_default();
            remove.run(i);
        }
    });
    on_cleanup(move || keys.remove());
    let on_values = move |ev: ev::Event| {
        let t = event_target_value(&ev);
        let parsed = parse_values(&t);
        text.set(t);
        if parsed.unreadable.is_empty() {
            if selected.get_untracked().is_some_and(|i| i >= parsed.values.len()) {
                selected.set(None);
            }
            input.update(|s| s.values = parsed.values);
        }
        unreadable.set(parsed.unreadable);
    };
    view! {
        <h1>"Sandbox"</h1>
        <p class="lead">
            "Type a series, or change the chart: click an empty place to add a point, drag a point up or down, "
            "or select a point and press Delete. The median and every rule are worked out again at once."
        </p>
        <div class="sandbox">
            <div class="sandbox__input">
                <label for="sandbox-values">"Values"</label>
                <p class="hint" id="sandbox-values-hint">"One number per line, or separated by commas."</p>
                <textarea id="sandbox-values" rows="12" aria-describedby="sandbox-values-hint" data-testid="sandbox-values"
                    prop:value=move || text.get() on:input=on_values></textarea>
                {move || (!unreadable.get().is_empty()).then(|| view! {
                    <ul class="error-message" role="alert" data-testid="sandbox-unreadable">
                        {unreadable.get().into_iter().map(|u| view! { <li>{u.message}</li> }).collect_view()}
                    </ul>
                })}
            </div>
            <figure class="learn-figure sandbox__chart">
                <LearnChart model=model marks=marks selected=selected on_pointer=on_pointer testid="sandbox-chart" />
                <figcaption>
                    {move || match selected.get() {
                        Some(i) => view! {
                            <span data-testid="sandbox-selected">{format!("Point {} is selected. ", i + 1)}</span>
                            <button class="secondary" data-testid="sandbox-remove" on:click=move |_| remove.run(i)>
                                {format!("Remove point {}", i + 1)}
                            </button>
                            " "
                            <button class="secondary" data-testid="sandbox-baseline-here"
                                on:click=move |_| apply(input.with_untracked(|s| set_baseline_end(s, Some(i + 1))))>
                                {format!("End the baseline at point {}", i + 1)}
                            </button>
                            " "
                            <button class="secondary" data-testid="sandbox-phase-here"
                                on:click=move |_| apply(input.with_untracked(|s| add_phase(s, i, None)))>
                                {format!("Start a phase at point {}", i + 1)}
                            </button>
                        }.into_any(),
                        None => view! { <span>"Select a point by clicking it."</span> }.into_any(),
                    }}
                </figcaption>
            </figure>
        </div>
        <Settings input=input apply=apply />
        <p class="verdict" role="status" data-testid="sandbox-verdict">
            {move || {
                let v = view_.get();
                v.error.clone().or_else(|| v.verdict.as_ref().map(|x| x.sentence.clone())).unwrap_or_default()
            }}
        </p>
        {move || view_.get().phases.iter().map(phase_view).collect_view()}
        <h2>"What the analysis says"</h2>
        <ul data-testid="sandbox-sentences">
            {move || view_.get().sentences.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}
        </ul>
        <PointsTable rows=rows caption="Each point of the sandbox chart" on_remove=remove />
    }
}

/// The baseline end and the phases.
#[component]
fn Settings(
    input: RwSignal<SandboxInput>,
    apply: impl Fn(SandboxInput) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let baseline_n = RwSignal::new(String::new());
    let phase_at = RwSignal::new(String::new());
    let number = |s: String| s.trim().parse::<usize>().ok().filter(|n| *n >= 1);
    let freeze = move |_| {
        if let Some(n) = number(baseline_n.get_untracked()) {
            apply(input.with_untracked(|s| set_baseline_end(s, Some(n))));
        }
    };
    let add = move |_| {
        if let Some(n) = number(phase_at.get_untracked()) {
            apply(input.with_untracked(|s| add_phase(s, n - 1, None)));
        }
    };
    view! {
        <section class="panel sandbox__settings" aria-labelledby="settings-heading">
            <h2 id="settings-heading">"Baseline and phases"</h2>
            <p data-testid="sandbox-baseline">{move || input.with(|s| settings_text(s).0)}</p>
            <div class="field">
                <label for="baseline-n">"Freeze the median on the first N points"</label>
                <input type="number" id="baseline-n" min="1" class="input--short" data-testid="baseline-n"
                    prop:value=move || baseline_n.get() on:input=move |ev| baseline_n.set(event_target_value(&ev)) />
                " "
                <button class="secondary" data-testid="freeze-baseline" on:click=freeze>"Freeze the baseline"</button>
                " "
                <button class="secondary" on:click=move |_| apply(input.with_untracked(|s| set_baseline_end(s, None)))>"Use every point"</button>
            </div>
            <div class="field">
                <label for="phase-at">"Start a new phase at point"</label>
                <input type="number" id="phase-at" min="2" class="input--short" data-testid="phase-at"
                    prop:value=move || phase_at.get() on:input=move |ev| phase_at.set(event_target_value(&ev)) />
                " "
                <button class="secondary" data-testid="add-phase" on:click=add>"Add the phase"</button>
            </div>
            <ul>
                {move || input.with(|s| settings_text(s).1).into_iter().map(|(i, sentence)| view! {
                    <li>
                        {sentence} " "
                        <button class="link-button" on:click=move |_| apply(input.with_untracked(|s| remove_phase(s, i)))>
                            {format!("Remove the phase starting at point {}", i + 1)}
                        </button>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    }
}

fn phase_view(p: &SandboxPhase) -> impl IntoView + use<> {
    let facts = phase_facts(p).into_iter().map(|(k, v)| view! { <dt>{k}</dt> <dd>{v}</dd> }).collect_view();
    let heading = format!("Phase {}", p.index + 1);
    view! {
        <section class="sandbox__phase" data-testid="sandbox-phase">
            <h2>{heading}</h2>
            <dl class="learn-facts" data-testid="sandbox-facts">{facts}</dl>
            <div class="rule-sets">
                <section>
                    <h3>"IHI rules"</h3>
                    <ul class="rule-lines" data-testid="sandbox-ihi">{p.ihi.iter().map(rule_line).collect_view()}</ul>
                </section>
                <section>
                    <h3>"Anhøj rules"</h3>
                    <ul class="rule-lines" data-testid="sandbox-anhoej">{p.anhoej.iter().map(rule_line).collect_view()}</ul>
                </section>
            </div>
        </section>
    }
}

fn rule_line(r: &RuleLine) -> impl IntoView + use<> {
    let (class, word) = if r.fired { ("rule rule--fired", "\u{25b2} Signal") } else { ("rule", "\u{25cb} No signal") };
    view! {
        <li class=class>
            <strong>{format!("{}: {word}. ", r.rule)}</strong>
            {r.sentence.clone()}
        </li>
    }
}
