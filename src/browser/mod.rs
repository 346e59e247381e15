//! Browser glue: the wrappers round the browser APIs the app uses (storage, file reading,
//! downloads, the clock, focus, the workbook worker, the panic message). Components use web-sys
//! types only to read event targets (input elements, file lists, the element under the pointer).

pub mod clock;
pub mod download;
pub mod fatal;
pub mod file;
pub mod focus;
pub mod history;
pub mod storage;
pub mod workbook_worker;
