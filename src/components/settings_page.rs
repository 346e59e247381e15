//! The settings screen: targets per stage (unverified defaults labelled, with their source), the
//! aim 1 alert, each stage's "from" date, the as-at date, the aim 2 start choice, whether a return
//! home counts as permanence, the due-soon window; restore the defaults; export and import the
//! settings as a JSON file. The app remembers settings in this browser on every change (app.rs).

use chrono::NaiveDate;
use leptos::prelude::*;
use timescales_core::analysis::{Settings, StageId, StageSettings, StartChoice};

use super::format::date;
use crate::browser::download::download;
use crate::browser::file::read_text_file;
use crate::state::{AppState, use_app};

/// Changes one stage's settings, starting from its defaults when the map lacks it.
fn update_stage(state: AppState, id: StageId, f: impl FnOnce(&mut StageSettings)) {
    state.settings.update(|s| f(s.stages.entry(id).or_insert_with(|| StageSettings::default_for(id))));
}

/// Reads a whole number of days: `Ok(None)` for a blank box, an error for anything else.
fn parse_days(text: &str, what: &str) -> Result<Option<i64>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<i64>() {
        Ok(n) if (0..=36_500).contains(&n) => Ok(Some(n)),
        _ => Err(format!("{what} must be a whole number of days, 0 or more (you typed '{t}').")),
    }
}

/// Reads an `<input type="date">` value (ISO); blank is `None`.
fn parse_iso(text: &str) -> Option<NaiveDate> {
    timescales_core::dates::parse_iso_date(text)
}

fn iso(d: Option<NaiveDate>) -> String {
    d.map(timescales_core::dates::iso_date).unwrap_or_default()
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let state = use_app();
    // Messages: a problem with a typed value or an imported file, and the last import or export.
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);

    let export = move |_| {
        let json = state.settings.with_untracked(Settings::to_shareable_json);
        match download("timescales-settings.json", "application/json", json.as_bytes()) {
            Ok(()) => status.set(Some("The settings were saved as timescales-settings.json.".into())),
            Err(e) => error.set(Some(e)),
        }
    };
    let import = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let result = read_text_file(file, "settings file").await.and_then(|(name, text)| {
                Settings::from_json(&text)
                    .map(|s| (name.clone(), s))
                    .map_err(|e| format!("{name} could not be used: the {e}. Your settings have not changed."))
            });
            match result {
                Ok((name, s)) => {
                    state.settings.set(s);
                    error.set(None);
                    status.set(Some(format!("Settings imported from {name}.")));
                }
                Err(e) => {
                    status.set(None);
                    error.set(Some(e));
                }
            }
        });
    };
    let restore = move |_| {
        state.settings.update(|s| {
            let d = Settings::default();
            s.as_at = d.as_at;
            s.accommodated_start = d.accommodated_start;
            s.return_home_is_permanence = d.return_home_is_permanence;
            s.due_soon_days = d.due_soon_days;
            for id in StageId::ALL {
                let def = StageSettings::default_for(id);
                let st = s.stages.entry(id).or_insert_with(|| def.clone());
                st.target_days = def.target_days;
                st.alert_days = def.alert_days;
                st.reference_days = def.reference_days;
                st.verified = def.verified;
                st.source = def.source;
                st.from_date = def.from_date;
            }
        });
        error.set(None);
        status.set(Some("The defaults are restored. Filters and run chart phases are unchanged.".into()));
    };

    // England's stages only when the data holds England's dates.
    let shown: Vec<StageId> = state.analysis.with_untracked(|a| a.stages.iter().map(|s| s.id).collect());
    let stages = shown.into_iter().map(|id| view! { <StageFieldset id=id error=error /> }).collect_view();

    view! {
        <h1>"Settings"</h1>
        <p class="lead">
            "Targets, dates and choices for the analysis. They are remembered in this browser (never any child's data). "
            "Export them as a file so next month's analysis starts where this one ended."
        </p>
        <div role="alert" class="settings-messages">
            {move || error.get().map(|e| view! { <p class="error-message" data-testid="settings-error">{e}</p> })}
        </div>
        <p role="status" class="status" data-testid="settings-status">{move || status.get()}</p>
        <div class="actions settings-actions">
            <button class="secondary" data-testid="settings-export" on:click=export>"Export settings (JSON)"</button>
            <input id="settings-import" class="visually-hidden-input" type="file" accept=".json,application/json"
                data-testid="settings-import" on:change=import />
            <label class="button button--secondary" for="settings-import">"Import settings"</label>
            <button class="secondary" data-testid="settings-restore" on:click=restore>"Restore the defaults"</button>
        </div>

        <h2>"General"</h2>
        <div class="settings-grid">
            <fieldset class="settings-group">
                <legend>"Dates"</legend>
                <div class="field">
                    <label for="as-at">"As-at date"</label>
                    <p class="hint" id="as-at-hint">
                        {move || format!("Leave blank to use the latest date in the data. In use now: {}.", date(state.as_at.get()))}
                    </p>
                    <input id="as-at" type="date" aria-describedby="as-at-hint" data-testid="as-at"
                        prop:value=move || state.settings.with(|s| iso(s.as_at))
                        on:change:target=move |ev| {
                            let v = ev.target().value();
                            state.settings.update(|s| s.as_at = parse_iso(&v));
                        } />
                </div>
                <div class="field">
                    <label for="due-soon">"Due soon: children who will pass their target within this many days"</label>
                    <input id="due-soon" class="input--short" type="number" min="0" step="1" inputmode="numeric" data-testid="due-soon"
                        prop:value=move || state.settings.with(|s| s.due_soon_days.to_string())
                        on:change:target=move |ev| match parse_days(&ev.target().value(), "Due soon") {
                            Ok(Some(n)) => { error.set(None); state.settings.update(|s| s.due_soon_days = n); }
                            Ok(None) => error.set(Some("Due soon needs a number of days (the default is 28).".into())),
                            Err(e) => error.set(Some(e)),
                        } />
                </div>
            </fieldset>
            <fieldset class="settings-group">
                <legend>"Aim 2 and the whole journey start from"</legend>
                <div class="radio">
                    <input type="radio" name="start-choice" id="start-last" data-testid="start-last"
                        prop:checked=move || state.settings.with(|s| s.accommodated_start == StartChoice::LastAccommodated)
                        on:change=move |_| state.settings.update(|s| s.accommodated_start = StartChoice::LastAccommodated) />
                    <label for="start-last">"The date last accommodated (start of the current episode; the default)"</label>
                </div>
                <div class="radio">
                    <input type="radio" name="start-choice" id="start-first" data-testid="start-first"
                        prop:checked=move || state.settings.with(|s| s.accommodated_start == StartChoice::FirstAccommodated)
                        on:change=move |_| state.settings.update(|s| s.accommodated_start = StartChoice::FirstAccommodated) />
                    <label for="start-first">"The date first accommodated (start of the first episode)"</label>
                </div>
            </fieldset>
            <fieldset class="settings-group">
                <legend>"Returning home"</legend>
                <div class="checkbox">
                    <input type="checkbox" id="return-home" data-testid="return-home"
                        prop:checked=move || state.settings.with(|s| s.return_home_is_permanence)
                        on:change:target=move |ev| {
                            let on = ev.target().checked();
                            state.settings.update(|s| s.return_home_is_permanence = on);
                        } />
                    <label for="return-home">"A return home counts as permanence (the child's journey ends when they cease to be looked after and go home)"</label>
                </div>
            </fieldset>
        </div>

        <h2>"Stages: targets and from dates"</h2>
        <p>
            "Targets are in calendar days. Leave a target blank for no target. "
            "Figures marked " <strong class="tag tag--unverified">"Unverified"</strong>
            " are not from a statute or a published national aim: check them against your local aims."
        </p>
        <p class="hint">
            "A stage's from date splits the children: those who started the stage on or after it are new entrants; those who started before it are the backlog."
        </p>
        <div class="settings-stages">{stages}</div>
    }
}

/// One stage's target, status and source, from date, and (aim 1) alert.
#[component]
fn StageFieldset(id: StageId, error: RwSignal<Option<String>>) -> impl IntoView {
    let state = use_app();
    let key = id.key();
    let def = StageSettings::default_for(id);
    let st = move || state.settings.with(|s| s.stage(id));
    let target_id = format!("target-{key}");
    let from_id = format!("from-{key}");
    let alert_id = format!("alert-{key}");
    let source_id = format!("source-{key}");
    let title = id.title();
    let title_for_error = title.clone();
    let def_target = def.target_days;
    let status = move || {
        let s = st();
        if s.target_days != def_target {
            let was = def_target.map(|d| format!("{d} days")).unwrap_or_else(|| "no target".into());
            view! { <span class="tag tag--changed">"Set by you"</span>" The default is "{was}"." }.into_any()
        } else if !s.verified {
            view! { <span class="tag tag--unverified" data-testid=format!("unverified-{key}")>"Unverified"</span> }
                .into_any()
        } else if s.target_days.is_some() {
            view! { <span class="tag tag--verified">"Sourced"</span> }.into_any()
        } else {
            view! { <span class="tag tag--descriptive">"No target"</span> }.into_any()
        }
    };
    let alert = (id == StageId::CsoAtHomeToReview).then(|| {
        let alert_id = alert_id.clone();
        view! {
            <div class="field">
                <label for=alert_id.clone()>"Alert after (days): children flagged before the target is reached"</label>
                <input id=alert_id.clone() class="input--short" type="number" min="0" step="1" inputmode="numeric"
                    data-testid=alert_id
                    prop:value=move || st().alert_days.map(|d| d.to_string()).unwrap_or_default()
                    on:change:target=move |ev| match parse_days(&ev.target().value(), "The alert") {
                        Ok(v) => { error.set(None); update_stage(state, id, |s| s.alert_days = v); }
                        Err(e) => error.set(Some(e)),
                    } />
            </div>
        }
    });
    view! {
        <fieldset class="settings-stage" data-testid=format!("stage-settings-{key}")>
            <legend>{title}</legend>
            <div class="settings-stage__row">
                <div class="field">
                    <label for=target_id.clone()>"Target (days)"</label>
                    <input id=target_id.clone() class="input--short" type="number" min="0" step="1" inputmode="numeric"
                        data-testid=target_id.clone() aria-describedby=source_id.clone()
                        prop:value=move || st().target_days.map(|d| d.to_string()).unwrap_or_default()
                        on:change:target=move |ev| match parse_days(&ev.target().value(), &format!("The target for {title_for_error}")) {
                            Ok(v) => { error.set(None); update_stage(state, id, |s| s.target_days = v); }
                            Err(e) => error.set(Some(e)),
                        } />
                </div>
                {alert}
                <div class="field">
                    <label for=from_id.clone()>"From date (leave blank for no split)"</label>
                    <input id=from_id.clone() type="date" data-testid=from_id.clone()
                        prop:value=move || iso(st().from_date)
                        on:change:target=move |ev| {
                            let v = parse_iso(&ev.target().value());
                            update_stage(state, id, |s| s.from_date = v);
                        } />
                </div>
            </div>
            <p class="settings-stage__status">{status}</p>
            <p class="hint" id=source_id>{move || st().source}</p>
        </fieldset>
    }
}
