//! Workbook readers (XLSX, XLS, ODS) from bytes, through calamine.
