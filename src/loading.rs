//! Loading a file the user gave us: read it with the core's ingest, time it, and move on to the
//! right screen. Bytes stay in memory; nothing is stored or sent.
//!
//! A load runs in phases (`timescales_core::ingest::progress`) with a pause for the page between
//! them: the progress indicator repaints, clicks are handled, and the cancel flag is looked at.
//! A cancelled load puts back what was there before (docs/architecture.md#progress-and-cancel).

use std::cell::Cell;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use timescales_core::analysis::StageId;
use timescales_core::ingest::load::{LoadError, LoadOptions, LoadOutcome, SourceFormat, load_sheets_in_steps};
use timescales_core::ingest::mapping::Mapping;
use timescales_core::ingest::progress::{
    LoadKind, LoadPauses, LoadPhase, SHOW_AFTER_MS, SLICE_MS, should_show, show_at_once,
};
use timescales_core::ingest::table::Sheet;
use timescales_core::ingest::workbook::sniff;
use timescales_core::stage_chart::StageChartOptions;

use crate::browser::clock::{now_ms, sleep_ms, yield_now, yield_to_page};
use crate::browser::file::PickedFile;
use crate::browser::storage;
use crate::browser::workbook_worker::{ReadFailure, read_any_until};
use crate::state::{AppState, Loaded, Ptr, Screen};

/// Where a load is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadState {
    Running,
    /// The user pressed Cancel; the load stops at its next pause.
    CancelRequested,
    /// The load stopped and what was there before is back.
    Cancelled,
}

/// What the page shows about the load under way, laid out by `components::load_progress`.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadStatus {
    /// Tells this load from a later one.
    pub id: u64,
    pub name: String,
    pub kind: LoadKind,
    pub phase: LoadPhase,
    pub percent: u8,
    /// False for the first half second: a short load shows only "Reading NAME…".
    pub visible: bool,
    pub state: LoadState,
}

thread_local! {
    static NEXT_ID: Cell<u64> = const { Cell::new(1) };
}

/// Asks the load under way to stop (the Cancel button).
pub fn request_cancel(state: AppState) {
    state.load.update(|l| {
        if let Some(l) = l.as_mut().filter(|l| l.state == LoadState::Running) {
            l.state = LoadState::CancelRequested;
        }
    });
}

/// One load's handle on its status.
#[derive(Clone, Copy)]
struct Job {
    state: AppState,
    id: u64,
    started: f64,
}

impl Job {
    /// Starts a load's status ("Reading NAME…"), and a timer that shows the indicator after half
    /// a second if the page is free then (otherwise the next pause shows it). A file known to be
    /// slow (`progress::show_at_once`) shows it from the start.
    fn start(state: AppState, name: String, kind: LoadKind, bytes: usize) -> Job {
        let id = NEXT_ID.with(|n| n.replace(n.get() + 1));
        let phase = LoadPhase::Reading;
        let percent = phase.percent(kind, 0.0);
        let visible = show_at_once(kind, bytes);
        let status = LoadStatus { id, name, kind, phase, percent, visible, state: LoadState::Running };
        state.load_error.set(None);
        state.load.set(Some(status));
        let job = Job { state, id, started: now_ms() };
        leptos::task::spawn_local(async move {
            sleep_ms(SHOW_AFTER_MS as i32).await;
            job.with_mine(|l| l.visible = true);
        });
        job
    }

    /// Changes this load's status, if it is still the load shown.
    fn with_mine(&self, f: impl FnOnce(&mut LoadStatus)) {
        self.state.load.update(|l| {
            if let Some(l) = l.as_mut().filter(|l| l.id == self.id) {
                f(l);
            }
        });
    }

    /// True when this load should stop: the user cancelled it, or another load replaced it.
    fn stopped(&self) -> bool {
        self.state.load.with_untracked(|l| l.as_ref().is_none_or(|l| l.id != self.id || l.state != LoadState::Running))
    }

    /// Reports how far the load is: `done` (0 to 1) of the way through `phase`.
    fn progress(&self, phase: LoadPhase, done: f64) {
        let visible = should_show(now_ms() - self.started);
        self.with_mine(|l| {
            l.phase = phase;
            l.percent = phase.percent(l.kind, done);
            l.visible |= visible;
        });
    }

    /// A phase boundary: reports the phase, lets the page paint and handle clicks, and says
    /// whether to go on (false once cancelled; the status then says so).
    async fn step(&self, phase: LoadPhase, done: f64) -> bool {
        self.progress(phase, done);
        yield_to_page().await;
        self.go_on()
    }

    /// Whether to go on after a pause: false once cancelled or replaced (a cancel is then shown).
    fn go_on(&self) -> bool {
        if self.stopped() {
            self.cancelled();
            return false;
        }
        true
    }

    /// The load stopped at the user's request: the status says so (nothing else changed).
    fn cancelled(&self) {
        let mut was_mine = false;
        self.with_mine(|l| {
            if l.state == LoadState::CancelRequested {
                l.state = LoadState::Cancelled;
                was_mine = true;
            }
        });
        // The Cancel button has gone: focus goes to the top of the page, where the message is.
        if was_mine {
            crate::browser::focus::top_of_main();
        }
    }

    /// The load ended (read or failed): the indicator goes.
    fn finish(&self) {
        if self.state.load.with_untracked(|l| l.as_ref().is_some_and(|l| l.id == self.id)) {
            self.state.load.set(None);
        }
    }
}

/// The page's pauses while records are built: after each slice of work (`progress::SLICE_MS`)
/// the progress bar moves on and the page yields to the browser, so a click on Cancel is answered
/// within the slice (docs/architecture.md#progress-and-cancel).
struct SlicePauses {
    job: Job,
    since: f64,
}

impl LoadPauses for SlicePauses {
    fn pause(&mut self, done: f64) -> Pin<Box<dyn Future<Output = bool> + '_>> {
        if now_ms() - self.since < SLICE_MS {
            return Box::pin(std::future::ready(true));
        }
        Box::pin(async move {
            self.job.progress(LoadPhase::CheckingDates, done);
            yield_now().await;
            self.since = now_ms();
            self.job.go_on()
        })
    }
}

/// Checks the sheets' dates and builds the records, in slices. `None` when the load was cancelled
/// or replaced (the status already says so).
async fn check_dates(
    job: Job,
    sheets: Vec<Sheet>,
    format: SourceFormat,
    opts: &LoadOptions,
) -> Option<Result<LoadOutcome, LoadError>> {
    if !job.step(LoadPhase::CheckingDates, 0.0).await {
        return None;
    }
    let mut pauses = SlicePauses { job, since: now_ms() };
    match load_sheets_in_steps(sheets, format, opts, &mut pauses).await {
        Err(LoadError::Cancelled) => None,
        outcome => Some(outcome),
    }
}

/// What the screens showed before a load, put back when the load is cancelled after its result
/// was shown (the last phase works out stages for the first screen).
struct Before {
    data: Ptr<Loaded>,
    screen: Screen,
    chart_options: BTreeMap<StageId, StageChartOptions>,
    child: Option<String>,
}

impl Before {
    fn take(state: AppState) -> Before {
        Before {
            data: state.data.get_untracked(),
            screen: state.screen.get_untracked(),
            chart_options: state.chart_options.get_untracked(),
            child: state.child.get_untracked(),
        }
    }

    fn restore(self, state: AppState) {
        state.chart_options.set(self.chart_options);
        state.child.set(self.child);
        state.data.set(self.data);
        state.go(self.screen);
    }
}

/// The last phase: shows the result (the first screen works out the stages), then gives the user
/// a last chance to cancel, which puts back what was there before.
async fn show_result(job: Job, loaded: Loaded, needs_mapping: bool) {
    if !job.step(LoadPhase::WorkingOutStages, 0.0).await {
        return;
    }
    let before = Before::take(job.state);
    job.state.show_loaded(loaded, needs_mapping);
    yield_to_page().await;
    if job.stopped() {
        before.restore(job.state);
        job.cancelled();
        return;
    }
    job.finish();
}

/// Reads what the user chose or dropped: one file as it is, several as tables read together.
pub fn load_picked(state: AppState, mut files: Vec<PickedFile>) {
    match files.len() {
        0 => {}
        1 => load_file(state, files.remove(0)),
        _ => load_several(state, files),
    }
}

/// Reads several files as one dataset (England's SSDA903 tables are recognised by their columns,
/// whatever the files are called). Each is read as one file would be (workbooks in the worker);
/// their sheets go to the core together. Reading reports its progress after each file.
fn load_several(state: AppState, files: Vec<PickedFile>) {
    let name = format!("{} and {} more", files[0].name, files.len() - 1);
    let kind = if files.iter().any(|f| sniff(&f.bytes).is_workbook()) { LoadKind::Workbook } else { LoadKind::Text };
    let job = Job::start(state, name.clone(), kind, files.iter().map(|f| f.bytes.len()).sum());
    leptos::task::spawn_local(async move {
        let mut sheets = Vec::new();
        let mut format = None;
        for (i, f) in files.iter().enumerate() {
            if !job.step(LoadPhase::Reading, i as f64 / files.len() as f64).await {
                return;
            }
            let n = files.len() as f64;
            let on_progress = |done: f64| job.progress(LoadPhase::Reading, (i as f64 + done) / n);
            match read_any_until(&f.bytes, &f.name, &|| job.stopped(), &on_progress).await {
                Ok((s, fmt)) => {
                    sheets.extend(s);
                    format.get_or_insert(fmt);
                }
                Err(ReadFailure::Cancelled) => return job.cancelled(),
                Err(ReadFailure::Failed(e)) => {
                    job.finish();
                    state.load_error.set(Some(format!("{} could not be read: {e}", f.name)));
                    return;
                }
            }
        }
        let Some(format) = format else { return job.finish() };
        let opts =
            LoadOptions { mapping: storage::load_mapping(), sheet: None, today: Some(state.today), extract_date: None };
        let Some(outcome) = check_dates(job, sheets, format, &opts).await else { return };
        match outcome {
            Ok(outcome) => {
                // Several files are not kept for re-reading with another mapping.
                let loaded = loaded_from(name, outcome, None, now_ms() - job.started);
                let needs_mapping = loaded.outcome.as_ref().is_some_and(LoadOutcome::needs_mapping);
                show_result(job, loaded, needs_mapping).await;
            }
            Err(e) => {
                job.finish();
                state.load_error.set(Some(format!("{name} could not be read: {e}")));
            }
        }
    });
}

/// The loaded data from a load's outcome. The dataset moves out of the outcome (the screens read
/// only the report and the mapping from it), so a national file's records are not copied.
fn loaded_from(name: String, mut outcome: LoadOutcome, bytes: Option<Vec<u8>>, load_ms: f64) -> Loaded {
    let dataset = std::mem::take(&mut outcome.dataset);
    Loaded { name, is_demo: false, dataset, outcome: Some(outcome), bytes, load_ms }
}

/// Reads `file` with the remembered mapping (if any) and shows the result.
pub fn load_file(state: AppState, file: PickedFile) {
    load_with_mapping(state, file, storage::load_mapping());
}

/// Reads `file` with an explicit mapping (the mapping screen's "Apply").
pub fn load_with_mapping(state: AppState, file: PickedFile, mapping: Option<Mapping>) {
    load_with_options(state, file, mapping, None);
}

/// Reads `file` with an explicit mapping and, when the user chose one, the sheet to use as the
/// children sheet (the mapping screen, when the automatic choice was wrong).
pub fn load_with_options(state: AppState, file: PickedFile, mapping: Option<Mapping>, sheet: Option<String>) {
    let kind = if sniff(&file.bytes).is_workbook() { LoadKind::Workbook } else { LoadKind::Text };
    let job = Job::start(state, file.name.clone(), kind, file.bytes.len());
    leptos::task::spawn_local(async move {
        if !job.step(LoadPhase::Reading, 0.0).await {
            return;
        }
        let opts = LoadOptions { mapping, sheet, today: Some(state.today), extract_date: None };
        let on_progress = |done: f64| job.progress(LoadPhase::Reading, done);
        let read = read_any_until(&file.bytes, &file.name, &|| job.stopped(), &on_progress).await;
        let outcome = match read {
            Err(ReadFailure::Cancelled) => return job.cancelled(),
            Err(ReadFailure::Failed(e)) => Err(e),
            Ok((sheets, format)) => {
                let Some(outcome) = check_dates(job, sheets, format, &opts).await else { return };
                outcome.map_err(|e| e.to_string())
            }
        };
        match outcome {
            Ok(outcome) => {
                let needs_mapping = outcome.needs_mapping();
                let loaded = loaded_from(file.name, outcome, Some(file.bytes), now_ms() - job.started);
                show_result(job, loaded, needs_mapping).await;
            }
            Err(e) => {
                job.finish();
                state.load_error.set(Some(format!("{} could not be read: {e}", file.name)));
                state.go(Screen::Start);
            }
        }
    });
}

/// Goes back to the built-in synthetic demo.
pub fn load_demo(state: AppState) {
    state.show_demo();
}
