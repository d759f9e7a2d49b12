//! The three fuzz harnesses, shared by the cargo-fuzz targets (`fuzz/fuzz_targets/`)
//! and the deterministic fuzz test that CI runs (`tests/fuzz_inputs.rs`), so both
//! exercise exactly the same code. Each takes arbitrary bytes and must return, never
//! panic, overflow the stack or hang.

use kql_eval::schema::{SchemaCatalog, SchemaVariant};
use kql_eval::{FileTables, Limits, MemoryTables, RunOptions};

/// How far an input got: each harness returns it, so a test can tell that its inputs
/// reach the stages they are meant to exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reached {
    Nothing,
    Parsed,
    Checked,
    Ran,
}

/// `parse`: any text parses or gives a syntax error; a parsed script prints to text
/// that parses again.
pub fn parse(data: &[u8]) -> Reached {
    let Ok(text) = std::str::from_utf8(data) else {
        return Reached::Nothing;
    };
    match kql_parser::parse(text) {
        Ok(script) => {
            let _ = kql_parser::parse(&script.to_string());
            Reached::Parsed
        }
        Err(_) => Reached::Nothing,
    }
}

/// `check`: any script checks against the built-in schemas or gives check errors.
pub fn check(data: &[u8]) -> Reached {
    let Ok(text) = std::str::from_utf8(data) else {
        return Reached::Nothing;
    };
    let Ok(script) = kql_parser::parse(text) else {
        return Reached::Nothing;
    };
    let variant = if data.len().is_multiple_of(2) {
        SchemaVariant::AdvancedHunting
    } else {
        SchemaVariant::Sentinel
    };
    let tables = FileTables::new(SchemaCatalog::builtin(variant));
    match kql_eval::check(&script, &tables) {
        Ok(_) => Reached::Checked,
        Err(_) => Reached::Parsed,
    }
}

/// Cells the generated table's rows are made of, one palette per column.
const LONGS: [&str; 8] = [
    "0",
    "1",
    "-1",
    "42",
    "9223372036854775807",
    "-9223372036854775807",
    "long(null)",
    "7",
];
const REALS: [&str; 6] = [
    "0.0",
    "1.5",
    "-2.25",
    "real(nan)",
    "real(+inf)",
    "real(null)",
];
const STRINGS: [&str; 6] = [
    "\"\"",
    "\"a\"",
    "\"Hello World\"",
    "\"a,b;c\"",
    "\"10.0.0.1\"",
    "\"ü\"",
];
const DYNAMICS: [&str; 6] = [
    "dynamic(null)",
    "dynamic([1,2,3])",
    "dynamic({\"k\":\"v\",\"n\":[1,{\"x\":2}]})",
    "dynamic([])",
    "dynamic(\"s\")",
    "dynamic([[1],[2,3]])",
];
const TIMES: [&str; 4] = [
    "datetime(2026-05-09T12:00:00Z)",
    "datetime(null)",
    "datetime(1601-01-01)",
    "datetime(2026-05-10 01:02:03.4567)",
];

/// `let T = datatable(a:long, r:real, s:string, d:dynamic, t:datetime)[...]`, one row
/// per two bytes of `cells`.
pub fn datatable(cells: &[u8]) -> String {
    let mut rows = Vec::new();
    for c in cells.chunks(2) {
        let a = usize::from(c[0]);
        let b = usize::from(c.get(1).copied().unwrap_or(0));
        rows.push(format!(
            "{}, {}, {}, {}, {}",
            LONGS[a % LONGS.len()],
            REALS[(a / 8) % REALS.len()],
            STRINGS[b % STRINGS.len()],
            DYNAMICS[(b / 8) % DYNAMICS.len()],
            TIMES[(a ^ b) % TIMES.len()],
        ));
    }
    format!(
        "let T = datatable(a:long, r:real, s:string, d:dynamic, t:datetime)[{}];\n",
        rows.join(",\n")
    )
}

/// `run_datatable`: the first byte picks how many rows (0-8) the following bytes
/// make; the rest is a query over them (`T | <rest>`), run with small limits.
pub fn run_datatable(data: &[u8]) -> Reached {
    let Some((&n, rest)) = data.split_first() else {
        return Reached::Nothing;
    };
    let cells = (usize::from(n) % 9) * 2;
    let (cells, query) = rest.split_at(cells.min(rest.len()));
    let Ok(query) = std::str::from_utf8(query) else {
        return Reached::Nothing;
    };
    let text = format!("{}T | {query}", datatable(cells));
    let Ok(script) = kql_parser::parse(&text) else {
        return Reached::Nothing;
    };
    let tables = MemoryTables::default();
    let Ok(bound) = kql_eval::check(&script, &tables) else {
        return Reached::Parsed;
    };
    let options = RunOptions {
        now: Some(639_028_512_000_000_000),
        limits: Limits {
            max_rows: 100_000,
            max_memory: 256 << 20,
        },
        ..RunOptions::default()
    };
    match kql_eval::run(&bound, &tables, &options) {
        Ok(_) => Reached::Ran,
        Err(_) => Reached::Checked,
    }
}
