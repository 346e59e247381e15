//! `timescales runchart`.

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("timescales runchart: not implemented yet".into())
}
