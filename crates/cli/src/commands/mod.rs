//! Subcommands. Each module has `run(args)` taking the arguments after the subcommand name.

pub mod aggregate;
pub mod analyse;
pub mod args;
pub mod check;
pub mod clock;
pub mod demo;
pub mod inputs;
pub mod km;
pub mod learn;
pub mod runchart;
pub mod template;

const USAGE: &str = "\
Usage: timescales <command> [options]

Commands:
  demo       write the synthetic demo cohort: demo --children N --seed S --out FILE.csv|FILE.xlsx
  check      load a spreadsheet and print its data-quality report
  analyse    stage timescales, aims and children still waiting
  aggregate  write the figures an authority can share: monthly counts and medians per stage,
             with small numbers suppressed and no child data
  runchart   run chart rules for any series
  km         time to event counting everyone (Kaplan-Meier, log-rank) for any durations
  learn      the run chart exercises: learn --list, or learn --handout FILE.html (A4 handout)
  template   write the template workbook

Run `timescales <command> --help` for the options of a command.";

/// Runs the subcommand named by `args[0]`.
pub fn dispatch(args: &[String]) -> Result<(), String> {
    let Some((cmd, rest)) = args.split_first() else {
        println!("{USAGE}");
        return Ok(());
    };
    match cmd.as_str() {
        "demo" => demo::run(rest),
        "check" => check::run(rest),
        "analyse" | "analyze" => analyse::run(rest),
        "aggregate" => aggregate::run(rest),
        "runchart" => runchart::run(rest),
        "km" => km::run(rest),
        "learn" => learn::run(rest),
        "template" => template::run(rest),
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        "-V" | "--version" => {
            println!("timescales {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        other => Err(format!("unknown command '{other}'\n\n{USAGE}")),
    }
}
