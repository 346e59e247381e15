//! `timescales template`.

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("timescales template: not implemented yet".into())
}
