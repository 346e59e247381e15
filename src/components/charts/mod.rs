//! Leptos views of the core's chart models. Each chart is drawn from one model value: merged
//! paths, no signal or closure per point, and one click handler that asks the model what is
//! under the pointer.

pub mod histories;
pub mod parts;
pub mod runchart;
pub mod survival;
pub mod timeline;
