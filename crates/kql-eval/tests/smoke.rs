use kql_eval::{MemoryTables, RunOptions, check, run};

fn eval(src: &str) -> Vec<Vec<String>> {
    let script = kql_parser::parse(src).unwrap();
    let tables = MemoryTables::default();
    let bound = check(&script, &tables).unwrap();
    let out = run(
        &bound,
        &tables,
        &RunOptions {
            now: Some(0),
            ..Default::default()
        },
    )
    .unwrap();
    let t = out.last().unwrap();
    let mut rows = vec![
        t.schema()
            .fields
            .iter()
            .map(|f| format!("{}:{}", f.name, f.ty))
            .collect(),
    ];
    for r in 0..t.num_rows() {
        rows.push(t.row(r).iter().map(|v| v.to_kusto_string()).collect());
    }
    rows
}

#[test]
fn smoke() {
    for q in [
        "print 1 + 2, x = strcat('a', 1)",
        "datatable(Domain:string, N:long) ['a.com', 1, 'b.com', 2, 'a.com', 3] | summarize Total = count() by Domain | sort by Total",
        "datatable(Domain:string, N:long) ['a.com', 1, 'b.com', 2, 'a.com', 3] | summarize count(), max(N) by Domain | sort by count_",
        "datatable(a:string)['x@y.com','nope'] | project d = tostring(split(a, '@')[1])",
        "let X = datatable(Key:string, Value1:long)['a',1,'b',2,'b',3,'c',4]; let Y = datatable(Key:string, Value2:long)['b',10,'c',20,'c',30,'d',40]; X | join kind=leftouter Y on Key",
        "range x from 1 to 5 step 2 | extend y = x * 2 | where y > 2",
    ] {
        println!("{q}\n{:?}\n", eval(q));
    }
}
