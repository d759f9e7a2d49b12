//! No input crashes kql: single-character edits of the seed queries and of the hunting
//! corpus (when `../shared` is present) go through parse, check and run over the
//! sample table, and every one ends in a result or an error, never a panic.
//!
//! The edits come from a fixed-seed generator, so a failure names a reproducible query.

// A test that cannot read its inputs should fail loudly: unwrapping is the point.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use kql_eval::schema::{SchemaCatalog, SchemaVariant};
use kql_eval::{FileTables, Limits, RunOptions, check, run};

const EDITS: usize = 10_000;

/// Characters an edit inserts or substitutes: KQL's punctuation, quotes, digits, letters.
const ALPHABET: &[u8] = b"|()[]{};,.=!<>~+-*/%\"'@$ \n0123456789aezAZ_";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// One random edit: delete, insert or replace one character (at a char boundary).
fn edit(src: &str, rng: &mut Rng) -> String {
    let bounds: Vec<usize> = src
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(src.len()))
        .collect();
    let at = bounds[rng.below(bounds.len())];
    let c = ALPHABET[rng.below(ALPHABET.len())] as char;
    let mut out = String::with_capacity(src.len() + 1);
    let next = bounds
        .iter()
        .find(|&&b| b > at)
        .copied()
        .unwrap_or(src.len());
    match rng.below(3) {
        0 => {
            out.push_str(&src[..at]);
            out.push_str(&src[next..]);
        }
        1 => {
            out.push_str(&src[..at]);
            out.push(c);
            out.push_str(&src[at..]);
        }
        _ => {
            out.push_str(&src[..at]);
            out.push(c);
            out.push_str(&src[next..]);
        }
    }
    out
}

fn queries() -> Vec<String> {
    let mut out: Vec<String> = ["conversation_takeover.kql", "partner_bec_top_domains.kql"]
        .iter()
        .map(|q| std::fs::read_to_string(root().join("queries").join(q)).unwrap())
        .collect();
    let corpus = root().join("../shared/corpus/sentinel");
    if let Ok(entries) = std::fs::read_dir(&corpus) {
        let mut paths: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "kql"))
            .collect();
        paths.sort();
        out.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    }
    out
}

#[test]
fn single_character_edits_never_panic() {
    let sources = queries();
    let mut tables = FileTables::new(SchemaCatalog::builtin(SchemaVariant::AdvancedHunting));
    tables.add_file(
        "EmailEvents",
        root().join("testdata/seeds/EmailEvents.jsonl"),
    );
    tables.allow_empty_tables = true;
    let options = RunOptions {
        now: Some(639_028_512_000_000_000),
        limits: Limits {
            max_rows: 1_000_000,
            ..Limits::default()
        },
        ..RunOptions::default()
    };
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut panics = Vec::new();
    let (mut parsed, mut checked, mut ran) = (0usize, 0usize, 0usize);
    for i in 0..EDITS {
        let source = &sources[i % sources.len()];
        let edited = edit(source, &mut rng);
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            let Ok(script) = kql_parser::parse(&edited) else {
                return;
            };
            parsed += 1;
            let Ok(bound) = check(&script, &tables) else {
                return;
            };
            checked += 1;
            if run(&bound, &tables, &options).is_ok() {
                ran += 1;
            }
        }));
        if let Err(p) = outcome {
            let why = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            panics.push(format!("edit {i}: {why}\n{edited}"));
        }
    }
    eprintln!(
        "random edits: {EDITS} made, {parsed} parsed, {checked} checked, {ran} ran, {} panicked",
        panics.len()
    );
    assert!(
        panics.is_empty(),
        "{} of {EDITS} edits panicked; first:\n{}",
        panics.len(),
        panics[0]
    );
}
