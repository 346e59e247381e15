//! `timescales learn`: the workshop exercises' titles, and the printable handout
//! (docs/learn.md).

use timescales_core::learn::{exercises, handout_html};

use super::args::Args;

const HELP: &str = "\
Usage: timescales learn (--list | --handout FILE.html)

The run chart exercises of the Learn page, built on synthetic stories about permanence.

  --list          print the exercises' titles, one a line
  --handout FILE  write the A4 handout as one self-contained HTML file (the rules, the limits
                  tables for 10 to 60 points, the exercises without answers, an answer sheet);
                  open it in a browser and print it";

/// Runs the subcommand.
pub fn run(raw: &[String]) -> Result<(), String> {
    let args = Args::parse(raw, &["handout"], &["list", "help"])?;
    if let Some(p) = args.positional.first() {
        return Err(format!("unexpected argument '{p}'\n\n{HELP}"));
    }
    if args.has("help") {
        println!("{HELP}");
        return Ok(());
    }
    let handout = args.value("handout");
    if !args.has("list") && handout.is_none() {
        return Err(format!("say what to do: --list or --handout FILE\n\n{HELP}"));
    }
    if args.has("list") {
        for e in exercises() {
            println!("{}", e.title);
        }
    }
    if let Some(out) = handout {
        std::fs::write(out, handout_html()).map_err(|e| format!("cannot write {out}: {e}"))?;
        eprintln!("wrote the handout ({} exercises) to {out}", exercises().len());
    }
    Ok(())
}
