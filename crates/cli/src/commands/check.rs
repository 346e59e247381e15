//! `timescales check`.

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("timescales check: not implemented yet".into())
}
