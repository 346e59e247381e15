//! App state: a few signals and the memos derived from them. Heavy values live behind [`Ptr`]
//! so memos compare by identity, and the analysis is recomputed once per change, never per point.

use std::collections::BTreeMap;
use std::ops::Deref;
use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use timescales_core::analysis::{self, Analysis, Settings, StageId, StageTable};
use timescales_core::demo::{self, DemoOptions};
use timescales_core::ingest::load::LoadOutcome;
use timescales_core::model::{Child, Dataset};
use timescales_core::stage_chart::StageChartOptions;

/// Shared, immutable data compared by identity: cheap to clone into memos and closures.
#[derive(Debug)]
pub struct Ptr<T>(Arc<T>);

impl<T> Ptr<T> {
    pub fn new(value: T) -> Ptr<T> {
        Ptr(Arc::new(value))
    }
}

impl<T> Clone for Ptr<T> {
    fn clone(&self) -> Self {
        Ptr(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Ptr<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Deref for Ptr<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What is loaded: the demo or a user's file (kept in memory only, never stored).
#[derive(Debug)]
pub struct Loaded {
    /// File name, or the demo label.
    pub name: String,
    pub is_demo: bool,
    pub dataset: Dataset,
    /// The ingest result (quality report, mapping used); `None` for the generated demo. Its
    /// dataset is empty: the records moved to `dataset` (see `loading::loaded_from`).
    pub outcome: Option<LoadOutcome>,
    /// The file's bytes, so a changed mapping can be applied without choosing the file again.
    pub bytes: Option<Vec<u8>>,
    /// How long reading and checking the file took, in milliseconds.
    pub load_ms: f64,
}

/// The screens, in the order of the navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Mapping,
    Quality,
    Dashboard,
    RunChart,
    Delay,
    Timeline,
    Histories,
    Workbench,
    Compare,
    Settings,
}

impl Screen {
    pub const NAV: [Screen; 11] = [
        Screen::Start,
        Screen::Mapping,
        Screen::Quality,
        Screen::Dashboard,
        Screen::RunChart,
        Screen::Delay,
        Screen::Timeline,
        Screen::Histories,
        Screen::Workbench,
        Screen::Compare,
        Screen::Settings,
    ];

    pub const fn label(self) -> &'static str {
        match self {
            Screen::Start => "Start",
            Screen::Mapping => "Columns",
            Screen::Quality => "Data quality",
            Screen::Dashboard => "Dashboard",
            Screen::RunChart => "Run chart",
            Screen::Delay => "Where the delay is",
            Screen::Timeline => "Child timeline",
            Screen::Histories => "Placement histories",
            Screen::Workbench => "Run chart workbench",
            Screen::Compare => "Compare",
            Screen::Settings => "Settings",
        }
    }

    /// The screen for a key, as written in the address fragment.
    pub fn from_key(key: &str) -> Option<Screen> {
        Screen::NAV.into_iter().find(|s| s.key() == key)
    }

    /// Stable id for tests and the address fragment (`#dashboard`). Never names a child.
    pub const fn key(self) -> &'static str {
        match self {
            Screen::Start => "start",
            Screen::Mapping => "mapping",
            Screen::Quality => "quality",
            Screen::Dashboard => "dashboard",
            Screen::RunChart => "runchart",
            Screen::Delay => "delay",
            Screen::Timeline => "timeline",
            Screen::Histories => "histories",
            Screen::Workbench => "workbench",
            Screen::Compare => "compare",
            Screen::Settings => "settings",
        }
    }
}

/// Everything the screens share. `Copy`: signals are handles.
#[derive(Clone, Copy)]
pub struct AppState {
    pub data: RwSignal<Ptr<Loaded>>,
    pub settings: RwSignal<Settings>,
    /// Run chart choices per stage (rule set, exclusions...). Kept in memory only: exclusions
    /// name children.
    pub chart_options: RwSignal<BTreeMap<StageId, StageChartOptions>>,
    pub screen: RwSignal<Screen>,
    /// Names are hidden unless the user deliberately shows them; never remembered.
    pub show_names: RwSignal<bool>,
    /// The child whose timeline is open.
    pub child: RwSignal<Option<String>>,
    /// The stage whose run chart is open.
    pub stage: RwSignal<StageId>,
    /// True when the page was reloaded (or reopened) at a screen other than the start: whatever
    /// file was loaded before is gone, by design, and the start screen says so.
    pub reloaded: RwSignal<bool>,
    /// The report cover's title and authority, as typed: memory only, never remembered.
    pub report_title: RwSignal<String>,
    pub report_authority: RwSignal<String>,
    /// The load under way (or just cancelled), with its phase (`loading::LoadStatus`).
    pub load: RwSignal<Option<crate::loading::LoadStatus>>,
    /// Why the last file could not be read.
    pub load_error: RwSignal<Option<String>>,
    /// Today's date, read once from the browser at start-up (the core never reads the clock).
    pub today: NaiveDate,
    /// True once the start-up warm-ups have run (`timescales_core::warm_up` in the page, then in a
    /// spare workbook worker); shown on the page as `data-warmed` for the benchmark.
    pub warmed: RwSignal<bool>,
    /// The as-at date in force: the settings' date, else the latest date in the data that is not
    /// after today, else today.
    pub as_at: Memo<NaiveDate>,
    /// The as-at date with where it came from, shown on every screen.
    pub as_at_info: Memo<analysis::AsAt>,
    /// Per-child stage statuses; rebuilt only when the data, as-at date or stage definitions change.
    pub table: Memo<Ptr<StageTable>>,
    /// The filtered analysis; recomputed on any settings change.
    pub analysis: Memo<Ptr<Analysis>>,
}

impl AppState {
    /// Creates the state with the synthetic demo loaded and provides it as context.
    pub fn provide(today: NaiveDate, saved_settings: Option<Settings>) -> AppState {
        let data = RwSignal::new(Ptr::new(demo_loaded()));
        let settings = RwSignal::new(saved_settings.unwrap_or_default());
        // Never a date after today: a mistyped year must not become the as-at date
        // (docs/domain.md#as-at-date).
        let as_at_info =
            Memo::new(move |_| data.with(|d| settings.with(|s| analysis::resolve_as_at(&d.dataset, s, today))));
        let as_at = Memo::new(move |_| as_at_info.get().date);
        // Only these settings change the table; filters and targets do not.
        let table_key = Memo::new(move |_| settings.with(|s| (s.accommodated_start, s.return_home_is_permanence)));
        let table = Memo::new(move |_| {
            let key = table_key.get();
            let at = as_at_info.get();
            data.with(|d| {
                let mut s = Settings::default();
                (s.accommodated_start, s.return_home_is_permanence) = key;
                Ptr::new(StageTable::build(&d.dataset, &s, at))
            })
        });
        let analysis = Memo::new(move |_| {
            let t = table.get();
            data.with(|d| settings.with(|s| Ptr::new(analysis::analyse_table(&d.dataset, &t, s))))
        });
        let state = AppState {
            data,
            settings,
            chart_options: RwSignal::new(BTreeMap::new()),
            screen: RwSignal::new(Screen::Start),
            show_names: RwSignal::new(false),
            child: RwSignal::new(None),
            stage: RwSignal::new(StageId::AccommodatedToRecommendation),
            reloaded: RwSignal::new(false),
            report_title: RwSignal::new(String::new()),
            report_authority: RwSignal::new(String::new()),
            load: RwSignal::new(None),
            load_error: RwSignal::new(None),
            today,
            warmed: RwSignal::new(false),
            as_at,
            as_at_info,
            table,
            analysis,
        };
        provide_context(state);
        state
    }

    /// Goes to a screen (the address fragment follows; see `browser::history`).
    pub fn go(&self, screen: Screen) {
        self.screen.set(screen);
    }

    /// Shows a file just read: per-chart choices and the open child belong to the previous file,
    /// so they go; then the columns screen when the columns need the user, else the quality check.
    pub fn show_loaded(&self, loaded: Loaded, needs_mapping: bool) {
        self.chart_options.set(Default::default());
        self.child.set(None);
        self.data.set(Ptr::new(loaded));
        self.go(if needs_mapping { Screen::Mapping } else { Screen::Quality });
    }

    /// Goes back to the built-in synthetic demo, on the dashboard.
    pub fn show_demo(&self) {
        self.load_error.set(None);
        self.chart_options.set(Default::default());
        self.child.set(None);
        self.data.set(Ptr::new(demo_loaded()));
        self.go(Screen::Dashboard);
    }

    /// Drops the loaded file, the analysis, any names and per-child choices from memory at once,
    /// and returns to the start screen with the synthetic demo.
    pub fn clear_everything(&self) {
        self.data.set(Ptr::new(demo_loaded()));
        self.chart_options.set(BTreeMap::new());
        self.child.set(None);
        self.show_names.set(false);
        self.load_error.set(None);
        self.reloaded.set(false);
        self.report_authority.set(String::new());
        crate::components::workbench::WorkbenchState::clear();
        self.go(Screen::Start);
    }

    /// True when a user's file (not the demo) is in memory.
    pub fn has_user_data(&self) -> bool {
        self.data.with_untracked(|d| !d.is_demo)
    }

    /// Opens a child's timeline. The child is held in memory, never in the address.
    pub fn open_child(&self, child_id: &str) {
        self.child.set(Some(child_id.to_string()));
        self.go(Screen::Timeline);
    }

    /// The stage whose run chart is open, when the analysis shows it; else aim 2 (England's
    /// stages are shown only for data with England's dates).
    pub fn shown_stage(&self) -> StageId {
        let id = self.stage.get();
        let shown = self.analysis.with(|a| a.find_stage(id).is_some());
        if shown { id } else { StageId::AccommodatedToRecommendation }
    }

    /// Opens a stage's run chart.
    pub fn open_stage(&self, stage: StageId) {
        self.stage.set(stage);
        self.go(Screen::RunChart);
    }

    /// How a child is named on screen: the id, plus the name only when names are shown.
    pub fn child_label(&self, c: &Child) -> String {
        match (&c.name, self.show_names.get()) {
            (Some(name), true) if !name.trim().is_empty() => format!("{} ({name})", c.child_id),
            _ => c.child_id.clone(),
        }
    }
}

/// The state from any component.
pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

/// The synthetic demo as loaded data.
pub fn demo_loaded() -> Loaded {
    Loaded {
        name: demo::DEMO_LABEL.to_string(),
        is_demo: true,
        dataset: demo::generate(DemoOptions::default()),
        outcome: None,
        bytes: None,
        load_ms: 0.0,
    }
}
