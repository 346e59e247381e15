//! The child timeline: find a child by id (or arrive from a run chart point, a bar or a table
//! row), see their placements, milestones, reviews and the gaps with no decision progress, with
//! their siblings on the same axis. The tables underneath say the same in words.

use chrono::NaiveDate;
use leptos::prelude::*;
use timescales_core::chart::svg::timeline_svg;
use timescales_core::chart::timeline_model::{TimelineChild, TimelineModel, TimelineSpec};
use timescales_core::model::{Child, Dataset};
use timescales_core::text::suggestions;

use super::charts::timeline::TimelineView;
use super::format::{date, days};
use crate::browser::download::download;
use crate::state::{AppState, Ptr, use_app};

/// Everything the screen shows for the open child, rebuilt once per change.
#[derive(Debug)]
struct TimelineData {
    /// The open child first, then siblings; labels already follow the "Show names" choice.
    children: Vec<TimelineChild>,
    /// Episodes recorded for the open child (the timeline shows the latest).
    episodes: usize,
    siblings: usize,
    model: Ptr<TimelineModel>,
}

fn build(
    state: AppState,
    ds: &Dataset,
    id: &str,
    with_siblings: bool,
    show_age: bool,
    as_at: NaiveDate,
) -> Option<TimelineData> {
    let (child, episodes) = ds.latest_episode(id);
    let child = child?;
    let sibs = ds.siblings_of(child);
    let shown: Vec<&Child> = std::iter::once(child).chain(sibs.iter().copied().filter(|_| with_siblings)).collect();
    let children: Vec<TimelineChild> = shown
        .iter()
        .map(|c| {
            let mut t = TimelineChild::of(c, ds);
            t.label = state.child_label(c);
            t
        })
        .collect();
    let title = match children.len() {
        1 => format!("Timeline of child {}", children[0].label),
        n => format!("Timeline of child {} and {} sibling{}", children[0].label, n - 1, if n == 2 { "" } else { "s" }),
    };
    let mut spec = TimelineSpec::new("timeline", title, children.clone(), as_at);
    spec.show_age = show_age;
    Some(TimelineData { children, episodes, siblings: sibs.len(), model: Ptr::new(spec.build()) })
}

/// Ids the search box suggests at once: those starting with what is typed.
const SUGGESTIONS: usize = 50;

/// Distinct child ids in the data, sorted, for the search list.
fn child_ids(ds: &Dataset) -> Vec<String> {
    let mut ids: Vec<String> = ds.children.iter().map(|c| c.child_id.clone()).collect();
    timescales_core::order::sort(&mut ids);
    ids.dedup();
    ids
}

#[component]
pub fn TimelinePage() -> impl IntoView {
    let state = use_app();
    let ids = Memo::new(move |_| state.data.with(|d| Ptr::new(child_ids(&d.dataset))));
    let query = RwSignal::new(state.child.get_untracked().unwrap_or_default());
    let not_found = RwSignal::new(None::<String>);
    let show_siblings = RwSignal::new(true);
    let show_age = RwSignal::new(false);
    // Opening a child from elsewhere (a sibling's button) updates the search box.
    Effect::new(move |_| {
        if let Some(c) = state.child.get() {
            query.set(c);
        }
    });
    let data = Memo::new(move |_| {
        let id = state.child.get()?;
        let with_siblings = show_siblings.get();
        let age = show_age.get();
        let as_at = state.as_at.get();
        state.data.with(|d| build(state, &d.dataset, &id, with_siblings, age, as_at)).map(Ptr::new)
    });
    let model = Signal::derive(move || {
        data.with(|d| d.as_ref().map(|d| d.model.clone())).unwrap_or_else(|| {
            Ptr::new(TimelineSpec::new("timeline", "Timeline", Vec::new(), state.as_at.get()).build())
        })
    });

    let show = move || {
        let q = query.get_untracked().trim().to_string();
        if q.is_empty() {
            return;
        }
        let found = ids.with_untracked(|ids| {
            ids.binary_search(&q)
                .ok()
                .map(|k| ids[k].clone())
                .or_else(|| ids.iter().find(|i| i.eq_ignore_ascii_case(&q)).cloned())
        });
        match found {
            Some(id) => {
                not_found.set(None);
                state.child.set(Some(id));
            }
            None => not_found.set(Some(q)),
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" {
            ev.prevent_default();
            show();
        }
    };
    let export_svg = move |_| {
        let Some(d) = data.get_untracked() else { return };
        let name = format!("timeline-{}.svg", d.children[0].child_id);
        let _ = download(&name, "image/svg+xml", timeline_svg(&d.model).as_bytes());
    };
    let export_png = move |_: ()| {
        let Some(d) = data.get_untracked() else { return };
        let name = format!("timeline-{}.png", d.children[0].child_id);
        let _ = crate::browser::download::download_png(
            &name,
            &timeline_svg(&d.model),
            d.model.meta.width,
            d.model.meta.height,
        );
    };

    view! {
        <h1>"Child timeline"</h1>
        <div class="controls timeline-controls">
            <div class="field timeline-search">
                <label for="timeline-search">"Child id"</label>
                <p class="hint" id="timeline-search-hint">"Type or choose an id, then press Enter or Show."</p>
                <div class="timeline-search__row">
                    <input id="timeline-search" type="text" list="timeline-ids" autocomplete="off" spellcheck="false"
                        aria-describedby="timeline-search-hint" data-testid="timeline-search"
                        prop:value=move || query.get()
                        on:input=move |ev| query.set(event_target_value(&ev))
                        on:keydown=on_key />
                    <datalist id="timeline-ids">
                        {move || {
                            let typed = query.get();
                            ids.with(|ids| {
                                suggestions(ids, &typed, SUGGESTIONS)
                                    .into_iter()
                                    .map(|id| view! { <option value=id.to_string()></option> })
                                    .collect_view()
                            })
                        }}
                    </datalist>
                    <button data-testid="timeline-show" on:click=move |_| show()>"Show"</button>
                </div>
                {move || not_found.get().map(|q| view! {
                    <p class="error-message" role="alert" data-testid="timeline-not-found">
                        {format!("No child with the id \u{201c}{q}\u{201d} is in the data.")}
                    </p>
                })}
            </div>
            <div class="timeline-options">
                <div class="checkbox">
                    <input type="checkbox" id="show-names" data-testid="show-names"
                        prop:checked=move || state.show_names.get()
                        on:change=move |ev| state.show_names.set(event_target_checked(&ev)) />
                    <label for="show-names">"Show names (off again when the page reloads)"</label>
                </div>
                <div class="checkbox">
                    <input type="checkbox" id="show-age" data-testid="show-age"
                        prop:checked=move || show_age.get()
                        on:change=move |ev| show_age.set(event_target_checked(&ev)) />
                    <label for="show-age">"Show each child's age (from the date of birth)"</label>
                </div>
                {move || data.with(|d| d.as_ref().is_some_and(|d| d.siblings > 0)).then(|| view! {
                    <div class="checkbox">
                        <input type="checkbox" id="show-siblings" data-testid="show-siblings"
                            prop:checked=move || show_siblings.get()
                            on:change=move |ev| show_siblings.set(event_target_checked(&ev)) />
                        <label for="show-siblings">"Show siblings"</label>
                    </div>
                })}
            </div>
        </div>
        {move || match data.get() {
            None => view! {
                <p data-testid="timeline-empty">
                    "Choose a child by id above, or open a timeline from a run chart point, a waiting bar or a table row."
                </p>
            }.into_any(),
            Some(d) => view! { <TimelineBody data=d model=model export_svg=Callback::new(export_svg) export_png=Callback::new(export_png) /> }.into_any(),
        }}
    }
}

#[component]
fn TimelineBody(
    data: Ptr<TimelineData>,
    model: Signal<Ptr<TimelineModel>>,
    export_svg: Callback<()>,
    export_png: Callback<()>,
) -> impl IntoView {
    let state = use_app();
    let as_at = state.as_at.get_untracked();
    let summary = {
        let mut s = Vec::new();
        if data.episodes > 1 {
            s.push(format!("This child has {} episodes recorded; the timeline shows the latest.", data.episodes));
        }
        if data.siblings > 0 {
            s.push(format!(
                "{} sibling{} in the same sibling group{}.",
                data.siblings,
                if data.siblings == 1 { "" } else { "s" },
                if data.children.len() > 1 { ", shown on the same time axis" } else { " (hidden)" }
            ));
        }
        s.join(" ")
    };
    let tables = data
        .children
        .iter()
        .enumerate()
        .map(|(k, c)| {
            child_tables(
                state,
                c,
                data.model.rows.get(k).map(|r| r.gaps.iter().map(|g| g.text.clone()).collect()),
                k == 0,
                as_at,
            )
        })
        .collect_view();
    view! {
        {(!summary.is_empty()).then(|| view! { <p data-testid="timeline-summary">{summary}</p> })}
        <div class="chart-frame">
            <TimelineView model=model />
        </div>
        <p class="hint">
            "Coloured blocks are placements (the type is in the table below), with a white line at each move. "
            "Diamonds are milestones, short ticks under the band are reviews and hearings, and shaded areas are "
            "periods with no decision progress. The dashed blue line is the as-at date."
        </p>
        <p class="actions">
            <button class="secondary" data-testid="timeline-download" on:click=move |_| export_svg.run(())>
                "Download the timeline (SVG)"
            </button>
            <button class="secondary" data-testid="timeline-download-png" on:click=move |_| export_png.run(())>
                "Download the timeline (PNG)"
            </button>
        </p>
        <h2>"Dates and placements"</h2>
        {tables}
    }
}

/// Milestones, placements, reviews and gaps of one child, as tables.
fn child_tables(
    state: AppState,
    c: &TimelineChild,
    gaps: Option<Vec<String>>,
    main: bool,
    as_at: NaiveDate,
) -> impl IntoView + use<> {
    let mut ms = c.milestones.clone();
    timescales_core::order::sort_by_key(&mut ms, |&(m, d)| (d, m));
    let mut prev: Option<NaiveDate> = None;
    let milestone_rows = ms
        .iter()
        .map(|&(m, d)| {
            let since = prev.map(|p| days((d - p).num_days() as f64)).unwrap_or_else(|| "–".into());
            prev = Some(d);
            view! {
                <tr>
                    <th scope="row">{format!("{} ({})", m.label(), m.code())}</th>
                    <td>{date(d)}</td>
                    <td class="num">{since}</td>
                </tr>
            }
        })
        .collect_view();
    let placement_rows = c
        .placements
        .iter()
        .map(|p| {
            let end = p.end.unwrap_or(as_at).max(p.start);
            let n = (end - p.start).num_days() as f64;
            view! {
                <tr>
                    <th scope="row">{p.placement_type.label()}</th>
                    <td>{date(p.start)}</td>
                    <td>{p.end.map(date).unwrap_or_else(|| "ongoing".into())}</td>
                    <td class="num">{if p.end.is_some() { days(n) } else { format!("{} so far", days(n)) }}</td>
                </tr>
            }
        })
        .collect_view();
    let event_rows =
        c.events.iter().map(|e| view! { <tr><td>{date(e.date)}</td><td>{e.label.clone()}</td></tr> }).collect_view();
    let (suffix, ms_id, pl_id) = if main {
        ("", "timeline-table", "timeline-placements-table")
    } else {
        (" (sibling)", "timeline-table-sibling", "timeline-placements-table-sibling")
    };
    let id = c.child_id.clone();
    let open = (!main).then(|| {
        view! {
            " "
            <button class="link-button" on:click=move |_| state.open_child(&id)>"Open this child's own timeline"</button>
        }
    });
    let gaps = gaps.filter(|g| !g.is_empty()).map(|g| {
        view! {
            <h4>"Periods with no decision progress"</h4>
            <ul class="plain-list">{g.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
        }
    });
    let has_events = !c.events.is_empty();
    view! {
        <section class="timeline-child" aria-label=format!("Child {}{suffix}", c.label)>
            <h3>{format!("Child {}{suffix}", c.label)}{open}</h3>
            <table class="table" data-testid=ms_id>
                <caption>"Milestones"</caption>
                <thead><tr><th scope="col">"Milestone"</th><th scope="col">"Date"</th><th scope="col">"Days since the previous milestone"</th></tr></thead>
                <tbody>{milestone_rows}</tbody>
            </table>
            {c.milestones.is_empty().then(|| view! { <p class="hint">"No milestone dates recorded."</p> })}
            <table class="table" data-testid=pl_id>
                <caption>"Placements"</caption>
                <thead><tr><th scope="col">"Placement type"</th><th scope="col">"Start"</th><th scope="col">"End"</th><th scope="col">"Days"</th></tr></thead>
                <tbody>{placement_rows}</tbody>
            </table>
            {c.placements.is_empty().then(|| view! { <p class="hint">"No placements recorded."</p> })}
            {has_events.then(|| view! {
                <table class="table">
                    <caption>"Reviews and hearings"</caption>
                    <thead><tr><th scope="col">"Date"</th><th scope="col">"Event"</th></tr></thead>
                    <tbody>{event_rows}</tbody>
                </table>
            })}
            {gaps}
        </section>
    }
}
