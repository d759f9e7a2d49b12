//! Parses every `.kql` file of a directory `N` times: a driver for profilers
//! (`valgrind --tool=callgrind`, `perf record`), where criterion's harness would be noise.
//!
//! ```sh
//! cargo build --release -p kql-parser --example parse_corpus
//! valgrind --tool=callgrind target/release/examples/parse_corpus ../shared/corpus/sentinel 1
//! ```
//!
//! With `dump` as the round count it prints each file's AST (with spans) and errors
//! instead, so that two builds of the parser can be compared by `diff`.

use std::path::Path;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .unwrap_or_else(|| "../shared/corpus/sentinel".to_string());
    let rounds = args.next();
    let texts = read_kql(Path::new(&dir));
    if rounds.as_deref() == Some("dump") {
        for text in &texts {
            let (script, errors) = kql_parser::parse_recovering(text);
            println!("{}{errors:?}\n{script}", kql_parser::ast::dump(&script));
        }
        return;
    }
    let rounds: usize = rounds.and_then(|n| n.parse().ok()).unwrap_or(1);
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut errors = 0;
    for _ in 0..rounds {
        for text in &texts {
            let (_, errs) = kql_parser::parse_recovering(std::hint::black_box(text));
            errors += errs.len();
        }
    }
    println!(
        "{} files, {bytes} bytes, {rounds} rounds, {errors} errors",
        texts.len()
    );
}

fn read_kql(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "kql"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}
