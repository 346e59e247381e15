//! Placeholder; replaced by the app shell.
