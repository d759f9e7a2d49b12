//! Deterministic synthetic Defender `EmailEvents` data for benchmarking kql: the
//! same arguments always give the same bytes.
//!
//! ```text
//! gen-email-events --rows 1000000 --format jsonl --out ee_1m.jsonl
//! ```
//!
//! The 39 columns of the advanced hunting schema; string columns are never null (a
//! missing value is `""`), `BulkComplaintLevel` may be null. The data model follows
//! `shared/bench/gen_email_events.py` (not byte for byte): an organisation of 12,005
//! mailboxes, 3,000 partner domains with Zipf popularity and stable correspondents,
//! ~60% inbound / 24% outbound / 16% intra-org rows, ~5% with `ThreatTypes` (some
//! from compromised partners, which also receive outbound mail: the partner BEC
//! hunt), look-alike domains of partners sending `RE:` mail in the last 4 hours (the
//! conversation-takeover hunt), reply prefixes the hunt does and does not catch,
//! and, at every size, the edge cases an interpreter can get wrong: messages exactly
//! at and 1 µs before `now - 4h`, empty `SenderFromDomain`s, outbound recipients
//! without `@`, with a quoted `@` or a capitalised domain, and exact duplicate rows.

pub mod plan;
pub mod render;
pub mod rng;
pub mod row;
pub mod universe;
pub mod vocab;
pub mod write;

use std::io::{self, Write};

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    pub rows: usize,
    /// `now()` in microseconds since the Unix epoch.
    pub now_us: i64,
    pub seed: u64,
    /// Share of messages in the last 4 hours.
    pub recent_frac: f64,
    pub edge_cases: bool,
}

/// Writes the rows to `out`; returns how many.
pub fn generate(opts: &Options, format: Format, out: &mut impl Write) -> io::Result<usize> {
    let universe = universe::Universe::new(opts.seed);
    let plans = plan::plan(
        opts.rows,
        opts.now_us,
        opts.seed,
        opts.recent_frac,
        opts.edge_cases,
    );
    let cutoff = opts.now_us - 4 * 3_600_000_000;
    let mut renderer = render::Renderer::new(&universe, opts.seed, cutoff);
    let mut buf = Vec::with_capacity(2 << 20);
    if format == Format::Csv {
        write::csv_header(&mut buf);
    }
    let mut n = 0;
    for m in &plans {
        if m.recipients == 0 {
            continue;
        }
        for row in renderer.rows(m) {
            match format {
                Format::Jsonl => write::jsonl_row(&mut buf, &row),
                Format::Csv => write::csv_row(&mut buf, &row),
            }
            n += 1;
            write::flush_if_full(out, &mut buf)?;
        }
    }
    out.write_all(&buf)?;
    out.flush()?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opts(rows: usize) -> Options {
        Options {
            rows,
            now_us: 1_778_371_200_000_000, // 2026-05-10T00:00:00Z
            seed: 20_260_510,
            recent_frac: 0.03,
            edge_cases: true,
        }
    }

    #[test]
    fn deterministic_and_exact_row_count() {
        let mut a = Vec::new();
        let mut b = Vec::new();
        assert_eq!(generate(&opts(3000), Format::Jsonl, &mut a).unwrap(), 3000);
        generate(&opts(3000), Format::Jsonl, &mut b).unwrap();
        assert_eq!(a, b);
        let text = String::from_utf8(a).unwrap();
        assert_eq!(text.lines().count(), 3000);
        assert!(text.lines().all(|l| l.matches("\":").count() >= 39));
        let mut c = Vec::new();
        generate(&opts(3000), Format::Csv, &mut c).unwrap();
        assert!(
            String::from_utf8(c)
                .unwrap()
                .starts_with("Timestamp,NetworkMessageId,")
        );
    }

    #[test]
    fn edge_cases_are_present() {
        let mut a = Vec::new();
        generate(&opts(20_000), Format::Jsonl, &mut a).unwrap();
        let text = String::from_utf8(a).unwrap();
        assert!(text.contains("\"Timestamp\":\"2026-05-09T20:00:00.000000Z\""));
        assert!(text.contains("\"Timestamp\":\"2026-05-09T19:59:59.999999Z\""));
        assert!(text.contains("\"RecipientEmailAddress\":\"undisclosed-recipients:;\""));
        assert!(text.contains("@home\\\"@"));
        assert!(text.contains("\"SenderFromDomain\":\"\""));
        assert!(text.contains("\"EmailDirection\":\"Outbound\""));
        assert!(text.contains("\"ThreatTypes\":\"Phish\""));
    }
}
