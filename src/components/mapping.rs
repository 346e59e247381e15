//! The columns screen: what each column of the user's file means, and which category each
//! placement-type value belongs to. The user confirms or changes the proposal, applies it (the
//! file's bytes are still in memory, so nothing is chosen again), and can remember the mapping on
//! this device or save it as a file. A mapping holds column names and placement-type wordings
//! only, never any child's data.

use leptos::prelude::*;
use timescales_core::ingest::fields::{Field, SheetKind, normalise, placement_reason};
use timescales_core::ingest::load::SheetReport;
use timescales_core::ingest::mapping::Mapping;
use timescales_core::ingest::records::{DestinationValue, PlacementValue};
use timescales_core::ingest::sheets::{ColumnMapping, ColumnSource};
use timescales_core::model::{Destination, PlacementType};
use timescales_core::text::upper_first;

use crate::browser::download::download;
use crate::browser::file::{PickedFile, read_text_file};
use crate::browser::storage;
use crate::loading::{load_with_mapping, load_with_options};
use crate::state::{Screen, use_app};

/// The class of the cell saying how a column or value was decided: marked when it needs the user.
fn source_class(s: ColumnSource) -> &'static str {
    if s.needs_attention() { "mapping-source mapping-source--attention" } else { "mapping-source" }
}

#[component]
pub fn MappingPage() -> impl IntoView {
    let state = use_app();
    move || {
        let data = state.data.get();
        match (data.outcome.as_ref(), data.bytes.as_ref()) {
            (Some(outcome), Some(_)) => {
                // Only the small parts: the dataset inside the outcome is not copied.
                view! {
                    <MappingEditor
                        sheets=outcome.sheets.clone()
                        values=outcome.placement_values.clone()
                        destinations=outcome.destination_values.clone()
                        mapping=outcome.mapping()
                        name=data.name.clone()
                    />
                }
                .into_any()
            }
            (Some(_), None) => view! {
                <h1>"Columns"</h1>
                <p data-testid="mapping-several">
                    "Several files were read together, each table recognised by its columns. To change how a column is read, load the files one at a time."
                </p>
            }
            .into_any(),
            _ => view! {
                <h1>"Columns"</h1>
                <p data-testid="mapping-demo">
                    "The synthetic demo is generated inside the tool, so it has no columns to match and needs no mapping. "
                    "When you load your own spreadsheet, this screen shows what each column was taken to mean and lets you change it."
                </p>
                <p><button class="secondary" on:click=move |_| state.go(Screen::Start)>"Load a spreadsheet"</button></p>
            }
            .into_any(),
        }
    }
}

/// The editable mapping of one loaded file.
#[component]
fn MappingEditor(
    sheets: Vec<SheetReport>,
    values: Vec<PlacementValue>,
    destinations: Vec<DestinationValue>,
    mapping: Mapping,
    name: String,
) -> impl IntoView {
    let draft = RwSignal::new(mapping);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let (used, unused): (Vec<_>, Vec<_>) = sheets.into_iter().partition(|s| s.role.is_some());
    let n_unrecognised =
        used.iter().flat_map(|s| &s.columns).filter(|c| c.source == ColumnSource::NotRecognised).count()
            + values.iter().filter(|v| v.source == ColumnSource::NotRecognised).count()
            + destinations.iter().filter(|v| v.source == ColumnSource::NotRecognised).count();

    view! {
        <h1>"Columns"</h1>
        <p class="lead">
            {format!("How {name} was read. ")}
            {if n_unrecognised == 0 {
                "Every column and placement-type wording was matched. Check the choices, change any that are wrong, then apply.".to_string()
            } else {
                format!("{n_unrecognised} column{} or placement-type wording{} could not be matched automatically. Choose what each means (or ignore it), then apply.",
                    if n_unrecognised == 1 { "" } else { "s" }, if n_unrecognised == 1 { "" } else { "s" })
            }}
        </p>
        <div role="alert">
            {move || error.get().map(|e| view! { <p class="error-message" data-testid="mapping-error">{e}</p> })}
        </div>
        <p role="status" class="status" data-testid="mapping-status">{move || status.get()}</p>
        {sheet_tables(draft, used)}
        {unused_sheets(draft, unused)}
        {placement_section(draft, values)}
        {destination_section(draft, destinations)}
        <h2>"Use this mapping"</h2>
        {mapping_actions(draft, error, status)}
        <p class="hint">"A mapping holds column names and placement-type wordings only, never any child's data. Applying it reads the file again from memory; nothing is uploaded."</p>
    }
}

/// One table per sheet in use: each column and what it is taken to mean.
fn sheet_tables(draft: RwSignal<Mapping>, used: Vec<SheetReport>) -> impl IntoView {
    used.into_iter()
        .enumerate()
        .map(|(k, s)| {
            let kind = s.role.unwrap_or(SheetKind::Children);
            let heading_id = format!("mapping-sheet-{k}");
            let rows = s
                .columns
                .iter()
                .map(|c| column_row(draft, k, kind, c))
                .collect_view();
            let where_header = s.header_row.map(|r| format!(" Column names are on row {r}.")).unwrap_or_default();
            view! {
                <h2 id=heading_id.clone()>{format!("Sheet '{}': used as the {} sheet", s.name, kind.label())}</h2>
                <p class="hint">{format!("Each column of this sheet and what it is taken to mean.{where_header}")}</p>
                <table class="table mapping-table" data-testid="mapping-table" data-sheet=s.name.clone() aria-labelledby=heading_id>
                    <thead><tr>
                        <th scope="col">"Column"</th>
                        <th scope="col">"Heading in your file"</th>
                        <th scope="col">"Means"</th>
                        <th scope="col">"How this was decided"</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
        .collect_view()
}

/// Sheets not in use, each with a button to read the file again using it as the children sheet.
fn unused_sheets(draft: RwSignal<Mapping>, unused: Vec<SheetReport>) -> impl IntoView {
    let state = use_app();
    (!unused.is_empty()).then(|| {
        view! {
            <h2>"Sheets not used"</h2>
            <ul class="plain-list" data-testid="unused-sheets">
                {unused.into_iter().map(|s| {
                    let sheet = s.name.clone();
                    let use_sheet = move |_| {
                        let Some((name, bytes)) = state.data.with_untracked(|d| d.bytes.clone().map(|b| (d.name.clone(), b))) else { return };
                        load_with_options(state, PickedFile { name, bytes }, Some(draft.get_untracked()), Some(sheet.clone()));
                    };
                    view! {
                        <li>
                            {format!("'{}': {} ", s.name, s.note.unwrap_or_else(|| "no column names recognised".into()))}
                            <button class="link-button" on:click=use_sheet>
                                {format!("Use '{}' as the children sheet", s.name)}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}

/// A kind of value the columns screen lets the user map: placement types or destinations.
struct ValueKind {
    /// Prefix of element ids and test ids ("placement", "destination").
    name: &'static str,
    heading: &'static str,
    hint: &'static str,
    unmapped: &'static str,
    /// Every category as (key, label).
    options: Vec<(&'static str, &'static str)>,
    /// The category key the draft mapping gives a wording.
    get: fn(&Mapping, &str) -> Option<&'static str>,
    /// Sets a wording's category from a key ("" for unmapped).
    set: fn(&mut Mapping, String, &str),
}

fn placement_kind() -> ValueKind {
    ValueKind {
        name: "placement",
        heading: "Placement types",
        hint: "Each different placement-type wording in the file, how many rows use it, and the category it counts as.",
        unmapped: "Leave unmapped (counted as unknown)",
        options: PlacementType::ALL.into_iter().map(|p| (p.key(), p.label())).collect(),
        get: |m, v| m.placement_types.get(v).copied().flatten().map(PlacementType::key),
        set: |m, v, k| {
            m.placement_types.insert(v, PlacementType::from_key(k));
        },
    }
}

/// Only the closed list of destination wordings is recognised; nothing is guessed from a part
/// of a word (docs/domain.md#destinations), so "Homeless" is never a return home.
fn destination_kind() -> ValueKind {
    ValueKind {
        name: "destination",
        heading: "Destinations",
        hint: "Each different destination wording in the file, how many rows use it, and what it counts as. Only a return home completes the journey as legal permanence.",
        unmapped: "Leave unmapped (counted as not known)",
        options: Destination::ALL.into_iter().map(|d| (d.key(), d.label())).collect(),
        get: |m, v| m.destinations.get(v).copied().flatten().map(Destination::key),
        set: |m, v, k| {
            m.destinations.insert(v, Destination::from_key(k));
        },
    }
}

/// Each placement-type wording in the file and the category it counts as.
fn placement_section(draft: RwSignal<Mapping>, values: Vec<PlacementValue>) -> AnyView {
    if values.is_empty() {
        return view! {
            <h2>"Placement types"</h2>
            <p>"No placement-type column is in use, so there are no values to match."</p>
        }
        .into_any();
    }
    let rows = values.into_iter().map(|v| (v.value, v.rows, v.source)).collect();
    value_section(draft, placement_kind(), rows)
}

/// Each destination wording in the file (where a child went on ceasing to be looked after).
fn destination_section(draft: RwSignal<Mapping>, values: Vec<DestinationValue>) -> AnyView {
    if values.is_empty() {
        return ().into_any();
    }
    let rows = values.into_iter().map(|v| (v.value, v.rows, v.source)).collect();
    value_section(draft, destination_kind(), rows)
}

/// The table of a kind of value: each wording, its category, its rows and how it was decided.
fn value_section(draft: RwSignal<Mapping>, kind: ValueKind, values: Vec<(String, usize, ColumnSource)>) -> AnyView {
    let kind = std::rc::Rc::new(kind);
    let heading_id = format!("{}-values-heading", kind.name);
    let rows = values
        .into_iter()
        .enumerate()
        .map(|(k, (value, rows, source))| value_row(draft, kind.clone(), k, value, rows, source))
        .collect_view();
    view! {
        <h2 id=heading_id.clone()>{kind.heading}</h2>
        <p class="hint">{kind.hint}</p>
        <table class="table mapping-table" data-testid=format!("{}-values-table", kind.name) aria-labelledby=heading_id>
            <thead><tr>
                <th scope="col">"Wording in your file"</th>
                <th scope="col">"Counts as"</th>
                <th scope="col" class="num">"Rows"</th>
                <th scope="col">"How this was decided"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// Apply, remember, forget, download and load the mapping.
fn mapping_actions(
    draft: RwSignal<Mapping>,
    error: RwSignal<Option<String>>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let state = use_app();
    let apply = move |_| {
        let Some((name, bytes)) = state.data.with_untracked(|d| d.bytes.clone().map(|b| (d.name.clone(), b))) else {
            error.set(Some("The file is no longer in memory. Load it again from the start screen.".into()));
            return;
        };
        load_with_mapping(state, PickedFile { name, bytes }, Some(draft.get_untracked()));
    };
    let save = move |_| {
        storage::save_mapping(&draft.get_untracked());
        error.set(None);
        status.set(Some("This mapping is remembered on this device and will be used for the next file you load. It holds column names and placement-type wordings only.".into()));
    };
    let forget = move |_| {
        storage::clear_mapping();
        error.set(None);
        status.set(Some("The remembered mapping has been forgotten. Files will be matched automatically.".into()));
    };
    let download_json = move |_| match download(
        "timescales-mapping.json",
        "application/json",
        draft.get_untracked().to_json().as_bytes(),
    ) {
        Ok(()) => status.set(Some("The mapping was saved as timescales-mapping.json.".into())),
        Err(e) => error.set(Some(e)),
    };
    let load_json = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let result = read_text_file(file, "mapping file").await.and_then(|(name, text)| {
                Mapping::from_json(&text)
                    .map(|m| (name.clone(), m))
                    .map_err(|e| format!("{name} could not be used: {e}. Nothing has changed."))
            });
            match result {
                Ok((name, loaded)) => {
                    let (cols, vals) = overlay(draft, &loaded);
                    error.set(None);
                    status.set(Some(format!(
                        "{name} set {cols} column{} and {vals} placement-type value{} of this file. Check them, then apply.",
                        if cols == 1 { "" } else { "s" },
                        if vals == 1 { "" } else { "s" }
                    )));
                }
                Err(e) => {
                    status.set(None);
                    error.set(Some(e));
                }
            }
        });
    };
    view! {
        <div class="actions mapping-actions">
            <button data-testid="apply-mapping" on:click=apply>"Apply and check the data"</button>
            <button class="secondary" data-testid="save-mapping" on:click=save>"Remember this mapping on this device"</button>
            <button class="secondary" data-testid="forget-mapping" on:click=forget>"Forget the remembered mapping"</button>
            <button class="secondary" data-testid="download-mapping" on:click=download_json>"Download the mapping (JSON)"</button>
            <input id="mapping-file" class="visually-hidden-input" type="file" accept=".json,application/json"
                data-testid="load-mapping" on:change=load_json />
            <label class="button button--secondary" for="mapping-file">"Load a mapping file"</label>
        </div>
    }
}

/// Lays a loaded mapping over the draft for this file's headings and values (matched as the
/// loader matches them: ignoring case and punctuation). Returns how many columns and values it set.
fn overlay(draft: RwSignal<Mapping>, loaded: &Mapping) -> (usize, usize) {
    let lookup = loaded.lookup();
    let mut counts = (0, 0);
    draft.update(|m| {
        for (header, field) in m.columns.iter_mut() {
            if let Some(f) = lookup.column(&normalise(header)) {
                *field = f;
                counts.0 += 1;
            }
        }
        for (value, cat) in m.placement_types.iter_mut() {
            if let Some(c) = lookup.placement_type(&normalise(value)) {
                *cat = c;
                counts.1 += 1;
            }
        }
    });
    counts
}

fn column_row(draft: RwSignal<Mapping>, sheet: usize, kind: SheetKind, c: &ColumnMapping) -> impl IntoView + use<> {
    let (index, header, source) = (c.index, c.header.clone(), c.source);
    let reason = upper_first(&c.reason(kind));
    let select_id = format!("map-{sheet}-{index}");
    let letter = timescales_core::runchart::paste::column_letter(index);
    let key = header.clone();
    let current = Memo::new(move |_| draft.with(|m| m.columns.get(&key).copied().flatten()));
    let current_key = move || current.get().map(|f| f.key()).unwrap_or("");
    let mut fields: Vec<Field> = Field::all().into_iter().filter(|f| f.belongs_to(kind)).collect();
    // A mapping file may name a field of another sheet kind: still show it, so nothing is hidden.
    if let Some(f) = current.get_untracked().filter(|f| !fields.contains(f)) {
        fields.push(f);
    }
    let options = fields
        .into_iter()
        .map(|f| view! { <option value=f.key() selected=move || current_key() == f.key()>{f.label()}</option> })
        .collect_view();
    let h = header.clone();
    view! {
        <tr>
            <td>{letter}</td>
            <td><label for=select_id.clone()>{if header.is_empty() { "(no heading)".to_string() } else { header.clone() }}</label></td>
            <td>
                <select id=select_id data-testid="mapping-select" on:change:target=move |ev| {
                    let v = ev.target().value();
                    draft.update(|m| { m.columns.insert(h.clone(), Field::from_key(&v)); });
                }>
                    <option value="" selected=move || current_key().is_empty()>"Ignore this column"</option>
                    {options}
                </select>
            </td>
            <td class=source_class(source)>{reason}</td>
        </tr>
    }
}

fn value_row(
    draft: RwSignal<Mapping>,
    kind: std::rc::Rc<ValueKind>,
    k: usize,
    value: String,
    rows: usize,
    source: ColumnSource,
) -> impl IntoView + use<> {
    let select_id = format!("{}-{k}", kind.name);
    let key = value.clone();
    let get = kind.get;
    let cat = Memo::new(move |_| draft.with(|m| get(m, &key)));
    let current = move || cat.get().unwrap_or("");
    let options = kind
        .options
        .iter()
        .map(|&(key, label)| view! { <option value=key selected=move || current() == key>{label}</option> })
        .collect_view();
    let v = value.clone();
    let set = kind.set;
    let recognised = if kind.name == "placement" { placement_reason(&value) } else { None };
    let decided = source.value_text(recognised);
    view! {
        <tr>
            <td><label for=select_id.clone()>{value.clone()}</label></td>
            <td>
                <select id=select_id data-testid=format!("{}-select", kind.name) on:change:target=move |ev| {
                    let x = ev.target().value();
                    draft.update(|m| set(m, v.clone(), &x));
                }>
                    <option value="" selected=move || current().is_empty()>{kind.unmapped}</option>
                    {options}
                </select>
            </td>
            <td class="num">{rows}</td>
            <td class=source_class(source)>{decided}</td>
        </tr>
    }
}
