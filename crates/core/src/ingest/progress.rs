//! The phases of a load as the user sees them, their order, their names in words and how each
//! maps to a percentage, and the pauses a long load makes for its caller while it builds records
//! (docs/architecture.md#progress-and-cancel). The page lays out what this module decides.

use std::future::Future;
use std::pin::Pin;

/// One phase of a load, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LoadPhase {
    /// Bytes to sheets: decoding and splitting a CSV, or the worker reading a workbook.
    Reading,
    /// Sheets to records: headers found, every date read and checked (`load::load_sheets`).
    CheckingDates,
    /// The dataset to per-child stage statuses, for the first screen shown.
    WorkingOutStages,
}

/// What is being read; a workbook spends most of its load in the reader, a CSV file much less.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LoadKind {
    /// CSV text (or several files together).
    Text,
    /// An XLSX, XLSB, XLS or ODS workbook, read in the worker.
    Workbook,
}

/// Below this, a load shows no progress indicator (a short "Reading…" line is enough).
pub const SHOW_AFTER_MS: f64 = 500.0;

impl LoadPhase {
    /// Every phase, in order.
    pub const ALL: [LoadPhase; 3] = [LoadPhase::Reading, LoadPhase::CheckingDates, LoadPhase::WorkingOutStages];

    /// The phase in words, as shown beside the progress bar.
    pub fn label(self, kind: LoadKind) -> &'static str {
        match (self, kind) {
            (LoadPhase::Reading, LoadKind::Text) => "Reading the file",
            (LoadPhase::Reading, LoadKind::Workbook) => "Reading the workbook",
            (LoadPhase::CheckingDates, _) => "Checking dates",
            (LoadPhase::WorkingOutStages, _) => "Working out stages",
        }
    }

    /// The percentages at which the phase starts and ends: where the time went at 100,000
    /// children in the release build (docs/architecture.md#progress-and-cancel). A workbook
    /// spends most of its load in the reader.
    pub fn band(self, kind: LoadKind) -> (u8, u8) {
        match (self, kind) {
            (LoadPhase::Reading, LoadKind::Text) => (0, 40),
            (LoadPhase::CheckingDates, LoadKind::Text) => (40, 85),
            (LoadPhase::WorkingOutStages, LoadKind::Text) => (85, 100),
            (LoadPhase::Reading, LoadKind::Workbook) => (0, 80),
            (LoadPhase::CheckingDates, LoadKind::Workbook) => (80, 97),
            (LoadPhase::WorkingOutStages, LoadKind::Workbook) => (97, 100),
        }
    }

    /// The percentage `done` of the way through the phase (0 at its start, 1 at its end; values
    /// outside are clamped, and a NaN counts as the start). Never 100 before the load has ended.
    pub fn percent(self, kind: LoadKind, done: f64) -> u8 {
        let (from, to) = self.band(kind);
        let done = if done.is_nan() { 0.0 } else { done.clamp(0.0, 1.0) };
        let p = f64::from(from) + f64::from(to - from) * done;
        (p.floor() as u8).min(99)
    }
}

/// The status line beside the bar: "Checking dates: 35%".
pub fn status_text(phase: LoadPhase, kind: LoadKind, percent: u8) -> String {
    format!("{}: {percent}%", phase.label(kind))
}

/// The progress bar's accessible label: "Loading cohort.csv".
pub fn progress_label(name: &str) -> String {
    format!("Loading {name}")
}

/// Text this large takes over half a second to load in the browser (a 10,000-child CSV, 1.5 MB,
/// took about 0.66 s from the file to the dashboard; BENCHMARKS.md).
pub const TEXT_SHOWN_AT_ONCE_BYTES: usize = 1024 * 1024;

/// Workbooks this large take over half a second (a 1,000-child workbook, 0.2 MB, took about 0.7 s).
pub const WORKBOOK_SHOWN_AT_ONCE_BYTES: usize = 100 * 1024;

/// Whether to show the indicator from the start, before the half second has passed. A large
/// file's reading and checking are each one long step in which the page cannot paint, so the
/// half-second timer would first be seen after them; a file this size is known to be slow.
pub fn show_at_once(kind: LoadKind, bytes: usize) -> bool {
    match kind {
        LoadKind::Text => bytes >= TEXT_SHOWN_AT_ONCE_BYTES,
        LoadKind::Workbook => bytes >= WORKBOOK_SHOWN_AT_ONCE_BYTES,
    }
}

/// Whether the indicator should be showing `elapsed_ms` after the load began.
pub fn should_show(elapsed_ms: f64) -> bool {
    elapsed_ms >= SHOW_AFTER_MS
}

/// Rows a load builds between two calls of [`LoadPauses::pause`]: about 3 ms of work in the page,
/// so a pause is never far off, and few enough calls to cost nothing measurable.
pub const ROWS_BETWEEN_PAUSES: usize = 1024;

/// How long the page lets a load work before it yields to the browser (repaints the progress
/// bar, handles a click on Cancel): under the tenth of a second in which an answer feels
/// immediate, and long enough that the yields cost little of a national file's load.
pub const SLICE_MS: f64 = 50.0;

/// Where a long load lets its caller in. While records are built, the core calls `pause` every
/// [`ROWS_BETWEEN_PAUSES`] rows with how far it is (0 to 1); the caller may yield to the browser
/// before answering, and answers false to stop the load (the user cancelled). The core itself
/// never waits and never reads the clock: the page decides when to yield ([`SLICE_MS`]).
pub trait LoadPauses {
    fn pause(&mut self, done: f64) -> Pin<Box<dyn Future<Output = bool> + '_>>;
}

/// Pauses that never wait and never stop the load: the CLI, tests and the warm-up.
pub struct NoPauses;

impl LoadPauses for NoPauses {
    fn pause(&mut self, _done: f64) -> Pin<Box<dyn Future<Output = bool> + '_>> {
        Box::pin(std::future::ready(true))
    }
}

/// The caller of a load asked it to stop at a pause.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stopped;

/// Counts the rows a load has built, and says when the caller's pause is due: every
/// [`ROWS_BETWEEN_PAUSES`] rows, with the share done.
#[derive(Debug, Default)]
pub struct RowSteps {
    done: usize,
    total: usize,
}

impl RowSteps {
    /// Steps through `total` rows in all.
    pub fn new(total: usize) -> RowSteps {
        RowSteps { done: 0, total }
    }

    /// One more row. At every [`ROWS_BETWEEN_PAUSES`]th, the share done (0 to 1) for the pause.
    pub fn row(&mut self) -> Option<f64> {
        self.done += 1;
        if !self.done.is_multiple_of(ROWS_BETWEEN_PAUSES) {
            return None;
        }
        Some((self.done as f64 / self.total.max(1) as f64).min(1.0))
    }
}

/// What the page says after the user cancelled a load: the previous data is untouched.
pub fn cancelled_message(name: &str) -> String {
    format!("Loading {name} was cancelled; nothing changed.")
}

#[cfg(test)]
mod tests {

    #[test]
    fn files_known_to_be_slow_show_the_indicator_at_once() {
        // A 100,000-child CSV is 15.5 MB, a 10,000-child one 1.5 MB: both shown at once; a
        // 1,000-child CSV (0.2 MB) waits for the half second. A 0.2 MB workbook is shown at once.
        assert!(show_at_once(LoadKind::Text, 15_500_000));
        assert!(show_at_once(LoadKind::Text, 1_500_000));
        assert!(!show_at_once(LoadKind::Text, 200_000));
        assert!(show_at_once(LoadKind::Workbook, 200_000));
        assert!(!show_at_once(LoadKind::Workbook, 50_000));
    }
    use super::*;

    #[test]
    fn phases_run_in_order_and_their_bands_meet_end_to_end() {
        // Worked by hand: each band must start where the previous one ended, from 0 to 100.
        for kind in [LoadKind::Text, LoadKind::Workbook] {
            let mut at = 0;
            for phase in LoadPhase::ALL {
                let (from, to) = phase.band(kind);
                assert_eq!(from, at, "{phase:?} {kind:?}");
                assert!(to > from);
                at = to;
            }
            assert_eq!(at, 100);
        }
        assert!(LoadPhase::Reading < LoadPhase::CheckingDates);
        assert!(LoadPhase::CheckingDates < LoadPhase::WorkingOutStages);
    }

    #[test]
    fn labels_name_the_phase_in_words() {
        assert_eq!(LoadPhase::Reading.label(LoadKind::Workbook), "Reading the workbook");
        assert_eq!(LoadPhase::Reading.label(LoadKind::Text), "Reading the file");
        assert_eq!(LoadPhase::CheckingDates.label(LoadKind::Text), "Checking dates");
        assert_eq!(LoadPhase::WorkingOutStages.label(LoadKind::Workbook), "Working out stages");
    }

    #[test]
    fn percent_maps_the_way_through_a_phase_into_its_band() {
        // By hand: text reading is 0-40, so a third of the way is 13.33, shown as 13.
        assert_eq!(LoadPhase::Reading.percent(LoadKind::Text, 1.0 / 3.0), 13);
        // Text checking dates is 40-85: half way is 40 + 22.5 = 62.5, shown as 62.
        assert_eq!(LoadPhase::CheckingDates.percent(LoadKind::Text, 0.5), 62);
        // Workbook reading is 0-80: one file of four read is 80 / 4 = 20.
        assert_eq!(LoadPhase::Reading.percent(LoadKind::Workbook, 0.25), 20);
        // Workbook stages start at 97.
        assert_eq!(LoadPhase::WorkingOutStages.percent(LoadKind::Workbook, 0.0), 97);
    }

    #[test]
    fn percent_is_clamped_and_never_claims_to_be_finished() {
        // By hand: past the end is the end of the last band, 100, held at 99 until the load ends.
        assert_eq!(LoadPhase::WorkingOutStages.percent(LoadKind::Text, 2.0), 99);
        assert_eq!(LoadPhase::Reading.percent(LoadKind::Text, -1.0), 0);
        assert_eq!(LoadPhase::CheckingDates.percent(LoadKind::Workbook, f64::NAN), 80);
    }

    #[test]
    fn the_indicator_waits_half_a_second() {
        assert!(!should_show(0.0));
        assert!(!should_show(499.9));
        assert!(should_show(500.0));
    }

    #[test]
    fn messages_in_plain_english() {
        assert_eq!(status_text(LoadPhase::CheckingDates, LoadKind::Text, 35), "Checking dates: 35%");
        assert_eq!(progress_label("cohort.csv"), "Loading cohort.csv");
        assert_eq!(cancelled_message("big.csv"), "Loading big.csv was cancelled; nothing changed.");
    }
}
