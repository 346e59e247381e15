//! A small argument reader shared by the subcommands: `--flag value`, `--flag=value`,
//! repeated flags and positional arguments, with clear errors for unknown or missing values.

use std::collections::BTreeMap;

/// Parsed arguments of one subcommand.
#[derive(Debug, Default)]
pub struct Args {
    pub positional: Vec<String>,
    flags: BTreeMap<String, Vec<String>>,
    switches: Vec<String>,
}

impl Args {
    /// Parses `args`. `with_value` lists flags that take a value; `switches` lists flags that
    /// do not. Anything else starting with `--` is an error naming the flag.
    pub fn parse(args: &[String], with_value: &[&str], switches: &[&str]) -> Result<Args, String> {
        let mut out = Args::default();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if let Some(flag) = a.strip_prefix("--") {
                let (name, inline) = match flag.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (flag, None),
                };
                if with_value.contains(&name) {
                    let v = match inline {
                        Some(v) => v,
                        None => it.next().cloned().ok_or_else(|| format!("--{name} needs a value"))?,
                    };
                    out.flags.entry(name.to_string()).or_default().push(v);
                } else if switches.contains(&name) {
                    out.switches.push(name.to_string());
                } else {
                    return Err(format!("unknown option --{name}"));
                }
            } else {
                out.positional.push(a.clone());
            }
        }
        Ok(out)
    }

    /// The last value given for `name`.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.flags.get(name).and_then(|v| v.last()).map(String::as_str)
    }

    /// Every value given for a repeatable flag, in order.
    pub fn values(&self, name: &str) -> &[String] {
        self.flags.get(name).map(Vec::as_slice).unwrap_or(&[])
    }

    /// True when the switch was given.
    pub fn has(&self, name: &str) -> bool {
        self.switches.iter().any(|s| s == name)
    }

    /// The value of `name` as an ISO date (YYYY-MM-DD), with an error naming the flag.
    pub fn date(&self, name: &str) -> Result<Option<chrono::NaiveDate>, String> {
        self.value(name)
            .map(|d| {
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .map_err(|_| format!("--{name}: '{d}' is not a date in the form YYYY-MM-DD"))
            })
            .transpose()
    }

    /// The mapping file named by `--mapping`, read and checked.
    pub fn mapping(&self) -> Result<Option<timescales_core::ingest::mapping::Mapping>, String> {
        let Some(path) = self.value("mapping") else { return Ok(None) };
        let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the mapping file {path}: {e}"))?;
        timescales_core::ingest::mapping::Mapping::from_json(&text).map(Some).map_err(|e| format!("{path}: {e}"))
    }

    /// The value of `name` parsed as `T`, with an error naming the flag.
    pub fn parsed<T: std::str::FromStr>(&self, name: &str) -> Result<Option<T>, String> {
        self.value(name).map(|v| v.parse::<T>().map_err(|_| format!("--{name}: '{v}' is not valid"))).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn reads_values_switches_and_positionals() {
        let a =
            Args::parse(&s(&["f.csv", "--phase", "2020-01-01", "--phase=2021-01-01", "--json"]), &["phase"], &["json"])
                .unwrap();
        assert_eq!(a.positional, vec!["f.csv"]);
        assert_eq!(a.values("phase"), &s(&["2020-01-01", "2021-01-01"])[..]);
        assert!(a.has("json"));
    }

    #[test]
    fn dates_are_iso_and_errors_name_the_flag() {
        let a = Args::parse(&s(&["--as-at", "2024-02-29", "--from", "29/02/2024"]), &["as-at", "from"], &[]).unwrap();
        assert_eq!(a.date("as-at").unwrap(), chrono::NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(a.date("from").unwrap_err(), "--from: '29/02/2024' is not a date in the form YYYY-MM-DD");
        assert_eq!(a.date("missing").unwrap(), None);
    }

    #[test]
    fn unknown_and_missing_values_are_errors() {
        assert_eq!(Args::parse(&s(&["--nope"]), &[], &[]).unwrap_err(), "unknown option --nope");
        assert_eq!(Args::parse(&s(&["--out"]), &["out"], &[]).unwrap_err(), "--out needs a value");
        let a = Args::parse(&s(&["--children", "x"]), &["children"], &[]).unwrap();
        assert!(a.parsed::<usize>("children").is_err());
    }
}
