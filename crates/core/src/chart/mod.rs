//! Chart geometry as plain data, and the standalone SVG renderer.
//!
//! Each chart is built in two steps. A *spec* is plain input data (days, dates, child ids, flags
//! from the run chart rules). Its `build` method returns a *model*: lists of primitives (lines,
//! rectangles, labels, merged paths) with coordinates in a fixed viewBox, CSS classes and ids.
//! The Leptos app draws the model as SVG elements from one memo; [`svg`] turns the same model
//! into a standalone SVG string for export and the CLI. Nothing here touches a browser, so the
//! geometry is tested natively.
//!
//! - [`scale`]: linear and date scales.
//! - [`ticks`]: nice numeric ticks and calendar ticks with UK labels.
//! - [`geom`]: shared primitives, merged paths and marker shapes.
//! - [`runchart_model`]: the run chart with the supplementary waiting bars on the same y scale.
//! - [`survival_model`]: Kaplan-Meier curves with their bands, censoring ticks and tables.
//! - [`timeline_model`]: one or more children's timelines on a shared date axis.
//! - [`placement_history_model`]: grouped placement histories, one row per child.
//! - [`svg`]: model to SVG string, and the stylesheet the app shares.
//!
//! Colour is never the only signal: point flags have distinct marker shapes, the target line
//! crosses the bars, and every model carries a plain-text description.

pub mod geom;
pub mod placement_history_model;
pub mod placement_history_rows;
pub mod runchart_model;
pub mod scale;
pub mod survival_model;
pub mod svg;
pub mod ticks;
pub mod timeline_model;

pub use geom::{Anchor, AxisTick, ClassedPath, Label, LegendEntry, LegendKey, Line, MarkerShape, Rect};
pub use placement_history_model::{HistoryAlign, HistoryRow, HistorySort, PlacementHistoryModel, PlacementHistorySpec};
pub use placement_history_rows::{OrderedHistoryRows, history_rows, order_history_rows};
pub use runchart_model::{
    CentreSpec, PointFlags, PointKind, RunChartModel, RunChartSpec, RunPoint, SignalDirection, TargetSpec, WaitingSpec,
    XAxisMode,
};
pub use scale::{DateScale, LinearScale};
pub use survival_model::{
    CURVE_STYLES, CensorMark, CurveStyle, MedianMarker, SURVIVAL_TABLE_HEADERS, SurvivalChartLayout,
    SurvivalChartModel, SurvivalChartSpec, SurvivalCurve, SurvivalCurveSpec, SurvivalTable, SurvivalTableRow,
};
pub use timeline_model::{PlacementSpan, TimelineChild, TimelineModel, TimelineSpec};

/// Placement-type CSS class, shared by timelines, placement histories and their legends.
/// What every chart model carries: the prefix of its element ids, its title, its accessible
/// description and its size in viewBox units.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChartMeta {
    pub id: String,
    pub title: String,
    pub description: String,
    pub width: f64,
    pub height: f64,
}

impl ChartMeta {
    /// Id of the `<title>` element (for `aria-labelledby`).
    pub fn title_id(&self) -> String {
        format!("{}-title", self.id)
    }

    /// Id of the `<desc>` element.
    pub fn desc_id(&self) -> String {
        format!("{}-desc", self.id)
    }
}

pub fn placement_class(t: crate::model::PlacementType) -> &'static str {
    use crate::model::PlacementType as P;
    match t {
        P::AtHome => "ts-pt-at-home",
        P::Kinship => "ts-pt-kinship",
        P::FosterLa => "ts-pt-foster-la",
        P::FosterPurchased => "ts-pt-foster-purchased",
        P::ProspectiveAdopters => "ts-pt-prospective-adopters",
        P::OtherCommunity => "ts-pt-other-community",
        P::Residential => "ts-pt-residential",
        P::Secure => "ts-pt-secure",
        P::Unknown => "ts-pt-unknown",
    }
}
