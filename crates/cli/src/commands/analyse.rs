//! `timescales analyse`.

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("timescales analyse: not implemented yet".into())
}
