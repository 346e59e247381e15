//! `timescales`: the command-line shell over timescales-core for data teams who script reports.

mod commands;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match commands::dispatch(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("timescales: {e}");
            ExitCode::from(2)
        }
    }
}
