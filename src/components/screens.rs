//! Which component draws which screen.

use leptos::prelude::*;

use super::{dashboard::Dashboard, quality::Quality, runchart_page::RunChartPage, start::Start};
use super::{delay::DelayPage, histories::HistoriesPage, timeline::TimelinePage};
use super::{mapping::MappingPage, settings_page::SettingsPage, workbench::Workbench};
use crate::state::Screen;

/// The view of a screen.
pub fn render(screen: Screen) -> AnyView {
    match screen {
        Screen::Start => view! { <Start /> }.into_any(),
        Screen::Quality => view! { <Quality /> }.into_any(),
        Screen::Dashboard => view! { <Dashboard /> }.into_any(),
        Screen::RunChart => view! { <RunChartPage /> }.into_any(),
        Screen::Delay => view! { <DelayPage /> }.into_any(),
        Screen::Timeline => view! { <TimelinePage /> }.into_any(),
        Screen::Histories => view! { <HistoriesPage /> }.into_any(),
        Screen::Settings => view! { <SettingsPage /> }.into_any(),
        Screen::Mapping => view! { <MappingPage /> }.into_any(),
        Screen::Workbench => view! { <Workbench /> }.into_any(),
        Screen::Compare => view! { <super::compare::ComparePage /> }.into_any(),
    }
}
