//! `gen-email-events --rows N --format jsonl|csv --out FILE [--now RFC3339] [--seed N]
//! [--recent-frac F] [--edge-cases on|off]`: deterministic synthetic EmailEvents data
//! (see the `kql_bench` crate docs).

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

use kql_bench::{Format, Options, generate};

const USAGE: &str = "usage: gen-email-events --rows N --format jsonl|csv --out FILE \
[--now 2026-05-10T00:00:00Z] [--seed 20260510] [--recent-frac 0.03] [--edge-cases on|off]";

fn parse(args: &[String]) -> Result<(Options, Format, String), String> {
    let mut opts = Options {
        rows: 0,
        now_us: 0,
        seed: 20_260_510,
        recent_frac: 0.03,
        edge_cases: true,
    };
    let mut now = "2026-05-10T00:00:00Z".to_string();
    let (mut format, mut out, mut rows) = (None, None, None);
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--rows" => {
                rows = Some(
                    value()?
                        .parse::<usize>()
                        .map_err(|e| format!("--rows: {e}"))?,
                )
            }
            "--format" => {
                format = Some(match value()?.as_str() {
                    "jsonl" => Format::Jsonl,
                    "csv" => Format::Csv,
                    other => return Err(format!("unknown --format {other}: use jsonl or csv")),
                })
            }
            "--out" => out = Some(value()?),
            "--now" => now = value()?,
            "--seed" => opts.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--recent-frac" => {
                opts.recent_frac = value()?
                    .parse()
                    .map_err(|e| format!("--recent-frac: {e}"))?
            }
            "--edge-cases" => opts.edge_cases = value()? != "off",
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    opts.rows = rows.ok_or(USAGE)?;
    opts.now_us = chrono::DateTime::parse_from_rfc3339(&now)
        .map_err(|e| format!("--now {now}: {e}"))?
        .timestamp_micros();
    Ok((opts, format.ok_or(USAGE)?, out.ok_or(USAGE)?))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (opts, format, out) = match parse(&args) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let result = File::create(&out).and_then(|f| generate(&opts, format, &mut BufWriter::new(f)));
    match result {
        Ok(n) => {
            eprintln!("wrote {n} rows to {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{out}: {e}");
            ExitCode::FAILURE
        }
    }
}
