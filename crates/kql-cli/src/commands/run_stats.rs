//! `kql run --stats`: how long each phase took and how many rows each result has,
//! printed to stderr.

use std::time::{Duration, Instant};

use crate::render::NamedResult;

/// Time spent in each phase, summed over the query files.
#[derive(Debug, Default)]
pub struct Stats {
    pub parse: Duration,
    pub check: Duration,
    /// Loading the tables a query reads happens while it executes, so it is timed
    /// together with execution.
    pub run: Duration,
    /// The part of `run` spent loading files.
    pub load: Duration,
    pub write: Duration,
}

impl Stats {
    /// Runs `f`, adding its duration to `phase`.
    pub fn time<T>(phase: &mut Duration, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        *phase += start.elapsed();
        out
    }

    /// The report: one line per phase, then one line per result.
    pub fn render(&self, results: &[NamedResult]) -> String {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let mut out = String::from("stats:\n");
        for (phase, d) in [
            ("parse", self.parse),
            ("check", self.check),
            ("load+execute", self.run),
            ("  load", self.load),
            ("  execute", self.run.saturating_sub(self.load)),
            ("write", self.write),
        ] {
            out.push_str(&format!("  {phase:<13}{:>10.3} ms\n", ms(d)));
        }
        for result in results {
            out.push_str(&format!(
                "  rows {}: {}\n",
                result.name,
                result.table.num_rows()
            ));
        }
        out
    }
}
