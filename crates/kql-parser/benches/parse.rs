//! Parse throughput in bytes per second: over the hunting-query corpus
//! (`../shared/corpus/sentinel`) when it is beside the checkout, else over `queries/` and
//! a built-in sample.
//!
//! ```sh
//! cargo bench -p kql-parser
//! ```
//!
//! Wall-clock figures move with whatever else the machine runs. For before/after
//! comparisons, count instructions instead: `examples/parse_corpus.rs` parses the corpus
//! N times without criterion's harness, for `valgrind --tool=callgrind` (subtract a
//! 1-round run from an 11-round run and divide by 10 for one corpus parse).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

/// A query exercising most of the grammar, for machines without the corpus.
const SAMPLE: &str = r#"
let window = 4hrs;
let Known = datatable(Domain:string, Score:long) ["contoso.com", 10, "fabrikam.com", 20];
let Recent = (T:(*), since:timespan = 1d) { T | where Timestamp > ago(since) };
EmailEvents
| invoke Recent(window)
| where EmailDirection == "Inbound" and not(isempty(SenderFromDomain))
| where Subject has_any ("invoice", "payment") or Subject matches regex @"(?i)urgent\s+action"
| extend Auth = parse_json(AuthenticationDetails), Day = bin(Timestamp, 1d)
| extend SPF = tostring(Auth.SPF), Host = tostring(split(SenderFromAddress, "@")[-1])
| join kind=leftouter (Known | project-rename SenderFromDomain = Domain) on SenderFromDomain
| summarize Count = count(), Last = arg_max(Timestamp, *) by SenderFromDomain, Day
| where Count between (10 .. 1000)
| mv-expand Recipient = pack_array(RecipientEmailAddress) to typeof(string)
| make-series Total = count() default = 0 on Timestamp from ago(7d) to now() step 1d by SenderFromDomain
| top 10 by Total desc nulls last
| render timechart with (title = "Mail", ycolumns = Total)
"#;

fn inputs() -> (String, Vec<String>) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let corpus = root.join("../shared/corpus/sentinel");
    let mut texts = Vec::new();
    let label = if corpus.is_dir() {
        read_kql(&corpus, &mut texts);
        "corpus"
    } else {
        read_kql(&root.join("queries"), &mut texts);
        texts.push(SAMPLE.to_string());
        "queries+sample"
    };
    (label.to_string(), texts)
}

fn read_kql(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.extension().is_some_and(|e| e == "kql")
            && let Ok(text) = std::fs::read_to_string(&path)
        {
            out.push(text);
        }
    }
}

fn bench_parse(c: &mut Criterion) {
    let (label, texts) = inputs();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("parse");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function(label, |b| {
        b.iter(|| {
            for text in &texts {
                // Some corpus files are not valid queries: errors count as work too.
                let _ = black_box(kql_parser::parse_recovering(black_box(text)));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
