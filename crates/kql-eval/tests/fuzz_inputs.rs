//! The fuzz harnesses in CI: every input a fuzzing session found crashing (kept in
//! `tests/fuzz/inputs/<target>/`, each fixed) and a deterministic mutation run over the
//! seed queries and pipeline tails, through the same harnesses the cargo-fuzz targets
//! call (`tests/fuzz/harness.rs`). cargo-fuzz itself needs nightly flags and minutes
//! per target, so it stays out of CI; `fuzz/README.md` says how to run it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "fuzz/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

/// Mutated inputs per target per run: enough to cover the operators in a few seconds.
const MUTATIONS: usize = 3_000;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `f` on an 8 MiB stack, as a main thread has (deep nesting recurses).
fn on_big_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap();
}

fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.is_file())
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

type Harness = fn(&[u8]) -> harness::Reached;

#[test]
fn every_crashing_input_found_by_fuzzing_now_passes() {
    let inputs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz/inputs");
    on_big_stack(move || {
        let harnesses: [(&str, Harness); 3] = [
            ("parse", harness::parse),
            ("check", harness::check),
            ("run_datatable", harness::run_datatable),
        ];
        let mut count = 0;
        for (target, harness) in harnesses {
            for path in files(&inputs.join(target)) {
                eprintln!("{target}: {}", path.display());
                let reached = harness(&std::fs::read(&path).unwrap());
                eprintln!("  reached {reached:?}");
                count += 1;
            }
        }
        assert!(
            count >= 4,
            "the regression inputs are missing ({count} found)"
        );
    });
}

/// xorshift64*: a fixed seed, so a failure names a reproducible input.
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

/// Bytes an edit inserts: KQL's punctuation, quotes, digits, letters, keywords.
const PIECES: &[&str] = &[
    "|",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ";",
    ".",
    "=",
    "==",
    "!",
    "<",
    ">",
    "~",
    "+",
    "-",
    "*",
    "/",
    "%",
    "\"",
    "'",
    "@",
    " ",
    "\n",
    "0",
    "1",
    "-1",
    "9223372036854775807",
    "1e308",
    "a",
    "s",
    "d",
    "t",
    "x",
    " by ",
    " on ",
    " and ",
    " or ",
    " not ",
    "dynamic(",
    "datetime(",
    "todynamic(",
    "mv-expand ",
    "summarize ",
    "extend ",
    "project ",
    "join ",
    "union ",
    "where ",
    "take ",
    "sort by ",
    "range(",
    "repeat(",
    "strrep(",
    "bin(",
    "now()",
    "*",
    "$left.",
    "\u{0}",
    "\u{ff}",
    "ü",
];

/// One or two edits: delete a span, insert a piece, replace a byte, duplicate a span.
fn mutate(src: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = src.to_vec();
    for _ in 0..=rng.below(2) {
        let at = rng.below(out.len() + 1);
        match rng.below(4) {
            0 if !out.is_empty() => {
                let end = (at + 1 + rng.below(8)).min(out.len());
                out.drain(at.min(end)..end);
            }
            1 => {
                let piece = PIECES[rng.below(PIECES.len())].as_bytes();
                out.splice(at..at, piece.iter().copied());
            }
            2 if at < out.len() => out[at] = rng.next() as u8,
            _ => {
                let end = (at + rng.below(16)).min(out.len());
                let span = out[at..end].to_vec();
                out.splice(end..end, span);
            }
        }
    }
    out
}

fn seed_queries() -> Vec<Vec<u8>> {
    let mut out: Vec<Vec<u8>> = files(&root().join("queries"))
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "kql"))
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    let table = harness::datatable(&[1, 2, 3, 4, 5, 6]);
    out.extend(
        tails()
            .into_iter()
            .map(|t| format!("{table}T | {t}").into_bytes()),
    );
    out
}

fn tails() -> Vec<String> {
    std::fs::read_to_string(root().join("fuzz/seeds/tails.kql"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn mutated_seeds_through_parse_and_check() {
    on_big_stack(|| {
        let seeds = seed_queries();
        let mut rng = Rng(0x005e_ed0f_c4ec);
        let (mut parsed, mut checked) = (0, 0);
        for i in 0..MUTATIONS {
            let input = mutate(&seeds[i % seeds.len()], &mut rng);
            parsed += usize::from(harness::parse(&input) == harness::Reached::Parsed);
            checked += usize::from(harness::check(&input) == harness::Reached::Checked);
        }
        eprintln!("{MUTATIONS} mutations: {parsed} parsed, {checked} checked");
        // The mutations stay close enough to KQL to reach the checker.
        assert!(
            parsed > MUTATIONS / 10 && checked > MUTATIONS / 20,
            "{parsed} {checked}"
        );
    });
}

#[test]
fn mutated_tails_over_generated_datatables() {
    on_big_stack(|| {
        let tails = tails();
        let mut rng = Rng(0x000d_a7a7_ab1e);
        let mut ran = 0;
        for i in 0..MUTATIONS {
            let rows = rng.below(9);
            let mut input = vec![rows as u8];
            input.extend((0..rows * 2).map(|_| rng.next() as u8));
            let tail = tails[i % tails.len()].as_bytes();
            let tail = if i % 3 == 0 {
                tail.to_vec()
            } else {
                mutate(tail, &mut rng)
            };
            input.extend(tail);
            ran += usize::from(harness::run_datatable(&input) == harness::Reached::Ran);
        }
        eprintln!("{MUTATIONS} tails: {ran} ran");
        assert!(ran > MUTATIONS / 10, "only {ran} of {MUTATIONS} ran");
    });
}
