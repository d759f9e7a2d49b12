//! No input makes the parsers or loaders panic: random and mutated inputs must give a
//! value or an error, never a crash.
#![cfg(test)]

use kql_eval::load::{DataFormat, LoadOptions, load_from_bytes};
use kql_eval::table::Schema;
use kql_eval::value::Dynamic;
use kql_eval::value::datetime::{add_months, format_datetime_kusto, from_parts, to_parts};
use kql_eval::value::datetime_parse::parse_datetime;
use kql_eval::value::guid::parse_guid;
use kql_eval::value::real::{format_real, parse_real};
use kql_eval::value::timespan::{format_timespan, parse_timespan};
use kql_parser::ast::ScalarType;

/// xorshift64*: deterministic, dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Bytes drawn mostly from `alphabet`, sometimes arbitrary.
    fn bytes(&mut self, alphabet: &[u8], max_len: usize) -> Vec<u8> {
        let len = self.below(max_len + 1);
        (0..len)
            .map(|_| {
                if self.below(20) == 0 {
                    self.next() as u8
                } else {
                    alphabet[self.below(alphabet.len())]
                }
            })
            .collect()
    }
}

#[test]
fn scalar_parsers_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let alphabet = b"0123456789-:./, TZtzAPMamp+GMTNovSat{}()abcdefEe\t";
    for _ in 0..50_000 {
        let bytes = rng.bytes(alphabet, 40);
        let s = String::from_utf8_lossy(&bytes);
        if let Some(t) = parse_datetime(&s) {
            // Whatever parses formats and parses back to the same instant.
            assert_eq!(parse_datetime(&format_datetime_kusto(t)), Some(t), "{s:?}");
        }
        if let Some(t) = parse_timespan(&s) {
            assert_eq!(parse_timespan(&format_timespan(t)), Some(t), "{s:?}");
        }
        let _ = parse_guid(&s);
        if let Some(x) = parse_real(&s)
            && !x.is_nan()
        {
            assert_eq!(parse_real(&format_real(x)), Some(x), "{s:?}");
        }
        let _ = Dynamic::parse_json(&s);
    }
}

#[test]
fn calendar_arithmetic_never_panics() {
    let mut rng = Rng(42);
    for _ in 0..20_000 {
        let ticks = rng.next() as i64;
        let p = to_parts(ticks);
        let _ = from_parts(
            p.year, p.month, p.day, p.hour, p.minute, p.second, p.fraction,
        );
        let _ = add_months(ticks, rng.next() as i64 % 240_000);
        let _ = format_datetime_kusto(ticks);
        let _ = format_timespan(ticks);
    }
    let _ = add_months(0, i64::MIN);
    let _ = add_months(0, i64::MAX);
}

#[test]
fn loaders_never_panic_on_mutated_input() {
    let seeds: [(&[u8], DataFormat); 4] = [
        (
            b"a,b,t\n1,\"x\"\"y\",2026-05-09\n2,\"multi\nline\",\n",
            DataFormat::Csv,
        ),
        (
            b"{\"a\":1,\"b\":\"x\",\"t\":\"2026-05-09\"}\n{\"a\":null}\n",
            DataFormat::Jsonl,
        ),
        (
            b"[{\"a\":1,\"b\":[1,{\"c\":2}],\"t\":\"2026-05-09\"}]",
            DataFormat::Json,
        ),
        (
            b"{\"Schema\":[{\"Name\":\"a\",\"Type\":\"Int64\"}],\"Results\":[{\"a\":1}]}",
            DataFormat::Auto,
        ),
    ];
    let with_schema = LoadOptions {
        schema: Some(Schema::from_pairs(&[
            ("a", ScalarType::Long),
            ("b", ScalarType::Dynamic),
            ("t", ScalarType::DateTime),
        ])),
        columns: None,
        ..LoadOptions::default()
    };
    let pruned = LoadOptions {
        columns: Some(vec!["t".into()]),
        ..with_schema.clone()
    };
    let mut rng = Rng(7);
    for _ in 0..3_000 {
        let (seed, format) = seeds[rng.below(seeds.len())];
        let mut bytes = seed.to_vec();
        for _ in 0..=rng.below(4) {
            let i = rng.below(bytes.len() + 1);
            match rng.below(3) {
                0 if i < bytes.len() => {
                    bytes.remove(i);
                }
                1 if i < bytes.len() => bytes[i] = rng.next() as u8,
                _ => bytes.insert(i, b"\",{}[]:\n\r\\0a"[rng.below(12)]),
            }
        }
        for opts in [&LoadOptions::default(), &with_schema, &pruned] {
            if let Ok(t) = load_from_bytes(&bytes, format, "fuzz", opts) {
                // A loaded table is consistent: every column has every row.
                assert!(t.columns().iter().all(|c| c.len() == t.num_rows()));
            }
        }
    }
}
