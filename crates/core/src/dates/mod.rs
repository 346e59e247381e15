//! Dates: UK day-first text dates and Excel serial numbers. Never month-first.
