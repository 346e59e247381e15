//! The filter panel: placement type at the start and now, permanence route, team, age band,
//! sibling group and start date range. Filters combine; the analysis recomputes once per change.

use leptos::prelude::*;
use timescales_core::analysis::filters::FilterChoices;
use timescales_core::analysis::{AgeBand, SiblingFilter};
use timescales_core::model::PlacementType;

use crate::state::use_app;

/// A date as the value of an `<input type=date>` (empty when there is none).
fn iso(d: Option<chrono::NaiveDate>) -> String {
    d.map(timescales_core::dates::iso_date).unwrap_or_default()
}

#[component]
pub fn FilterPanel() -> impl IntoView {
    let state = use_app();
    // The routes and teams on offer, from the core (one pass, no copy per child).
    let choices = Memo::new(move |_| state.data.with(|d| FilterChoices::of(&d.dataset.children)));
    let active = move || state.settings.with(|s| !s.filters.is_empty());

    let placement_boxes = |name: &'static str, now: bool| {
        PlacementType::ALL
            .into_iter()
            .map(move |p| {
                let id = format!("f-{name}-{}", p.key());
                let checked = move || {
                    state.settings.with(|s| {
                        let list = if now { &s.filters.placement_now } else { &s.filters.placement_at_start };
                        list.contains(&p)
                    })
                };
                let toggle = move |_| {
                    state.settings.update(|s| {
                        let list = if now { &mut s.filters.placement_now } else { &mut s.filters.placement_at_start };
                        if let Some(i) = list.iter().position(|x| *x == p) {
                            list.remove(i);
                        } else {
                            list.push(p);
                        }
                    })
                };
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle />
                        <label for=id>{p.label()}</label>
                    </div>
                }
            })
            .collect_view()
    };
    let text_boxes = move |name: &'static str, values: Vec<String>, teams_list: bool| {
        values
            .into_iter()
            .enumerate()
            .map(move |(k, v)| {
                let id = format!("f-{name}-{k}");
                let v1 = v.clone();
                let v2 = v.clone();
                let checked = move || {
                    state.settings.with(|s| {
                        let list = if teams_list { &s.filters.teams } else { &s.filters.routes };
                        list.contains(&v1)
                    })
                };
                let toggle = move |_| {
                    state.settings.update(|s| {
                        let list = if teams_list { &mut s.filters.teams } else { &mut s.filters.routes };
                        if let Some(i) = list.iter().position(|x| *x == v2) {
                            list.remove(i);
                        } else {
                            list.push(v2.clone());
                        }
                    })
                };
                view! {
                    <div class="checkbox">
                        <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle />
                        <label for=id>{v}</label>
                    </div>
                }
            })
            .collect_view()
    };
    let age_boxes = [AgeBand::Under1, AgeBand::From1To4, AgeBand::From5To11, AgeBand::From12]
        .into_iter()
        .map(|b| {
            let id = format!("f-age-{}", b.label().replace(' ', "-"));
            let checked = move || state.settings.with(|s| s.filters.age_bands.contains(&b));
            let toggle = move |_| {
                state.settings.update(|s| {
                    let list = &mut s.filters.age_bands;
                    if let Some(i) = list.iter().position(|x| *x == b) {
                        list.remove(i);
                    } else {
                        list.push(b);
                    }
                })
            };
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=id.clone() prop:checked=checked on:change=toggle data-testid=id.clone() />
                    <label for=id>{b.label()}</label>
                </div>
            }
        })
        .collect_view();
    let on_sibling = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        state.settings.update(|s| {
            s.filters.sibling = match v.as_str() {
                "in" => SiblingFilter::InGroup,
                "not" => SiblingFilter::NotInGroup,
                _ => SiblingFilter::Any,
            }
        });
    };
    let date_input = move |from: bool| {
        move |ev: leptos::ev::Event| {
            let d = timescales_core::dates::parse_iso_date(&event_target_value(&ev));
            state.settings.update(|s| if from { s.filters.start_from = d } else { s.filters.start_to = d });
        }
    };
    view! {
        <details class="filters" data-testid="filters">
            <summary>{move || if active() { "Filters (some applied)" } else { "Filter the children" }}</summary>
            <div class="filters__grid">
                <fieldset><legend>"Placement type at the start"</legend>{placement_boxes("start", false)}</fieldset>
                <fieldset><legend>"Placement type now"</legend>{placement_boxes("now", true)}</fieldset>
                <fieldset><legend>"Permanence route"</legend>{move || text_boxes("route", choices.with(|c| c.routes.clone()), false)}</fieldset>
                <fieldset><legend>"Team or locality"</legend>{move || text_boxes("team", choices.with(|c| c.teams.clone()), true)}</fieldset>
                <fieldset><legend>"Age at the start of the stage"</legend>{age_boxes}</fieldset>
                <fieldset>
                    <legend>"Sibling group"</legend>
                    <label for="f-sibling">"Children"</label>
                    <select id="f-sibling" on:change=on_sibling prop:value=move || state.settings.with(|s| match s.filters.sibling {
                        SiblingFilter::InGroup => "in",
                        SiblingFilter::NotInGroup => "not",
                        SiblingFilter::Any => "any",
                    })>
                        <option value="any">"All children"</option>
                        <option value="in">"In a sibling group"</option>
                        <option value="not">"Not in a sibling group"</option>
                    </select>
                </fieldset>
                <fieldset>
                    <legend>"Stage started between"</legend>
                    <label for="f-from">"From"</label>
                    <input id="f-from" type="date" on:change=date_input(true) prop:value=move || iso(state.settings.with(|s| s.filters.start_from)) />
                    <label for="f-to">"To"</label>
                    <input id="f-to" type="date" on:change=date_input(false) prop:value=move || iso(state.settings.with(|s| s.filters.start_to)) />
                </fieldset>
            </div>
            <button class="secondary" on:click=move |_| state.settings.update(|s| s.filters = Default::default())>"Clear all filters"</button>
        </details>
    }
}

/// "N of M children match the filters, as at ..." for the screens that share the dashboard's
/// filters. `testid` names the paragraph for the browser tests.
#[component]
pub fn CohortSentence(testid: &'static str, #[prop(optional)] same_as_dashboard: bool) -> impl IntoView {
    let state = use_app();
    view! {
        <p data-testid=testid>{move || {
            let a = state.analysis.get();
            let note = if same_as_dashboard { " The filters are the same as on the dashboard." } else { "" };
            format!(
                "{} of {} children match the filters, as at {}.{note}",
                a.children_after_filters,
                a.children,
                timescales_core::dates::uk_date(a.as_at)
            )
        }}</p>
    }
}
