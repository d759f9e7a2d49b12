//! Aggregation functions end to end: `datatable(...) | summarize ...`, with expected
//! values from the Kusto documentation (q/<page>.md) or the conformance cases (the real
//! engine's answers, `../shared/conformance/cases.jsonl`).

use kql_eval::{MemoryTables, RunOptions, check, run};

/// `name:type` headers, then each row as `tostring()` texts; `Err` with the message
/// when the query is refused.
fn eval(src: &str) -> Result<Vec<Vec<String>>, String> {
    let script = kql_parser::parse(src).map_err(|e| format!("{e:?}"))?;
    let tables = MemoryTables::default();
    let bound = check(&script, &tables).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let out = run(
        &bound,
        &tables,
        &RunOptions {
            now: Some(0),
            ..Default::default()
        },
    )
    .map_err(|e| e.to_string())?;
    let t = out.last().ok_or("no result")?;
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
    Ok(rows)
}

fn table(src: &str) -> Vec<Vec<String>> {
    eval(src).unwrap_or_else(|e| panic!("{src}\n{e}"))
}

fn refused(src: &str) -> String {
    match eval(src) {
        Ok(t) => panic!("{src} should be refused, gave {t:?}"),
        Err(e) => e,
    }
}

#[test]
fn empty_input_defaults() {
    // q/summarize-operator.md, "Default values of aggregations" (conformance
    // summarize-operator-04, -05, -06).
    let t = table(
        "datatable(x:long)[] | summarize any_x=take_any(x), avg(x), max(x), min(x), stdev(x), sum(x), sumif(x, x > 0), variance(x)",
    );
    assert_eq!(t[1], ["", "NaN", "", "", "0", "0", "0", "0"]);
    let t = table(
        "datatable(x:long)[] | summarize count(x), countif(x > 0), dcount(x), dcountif(x, x > 0), count_distinct(x)",
    );
    assert_eq!(t[1], ["0", "0", "0", "0", "0"]);
    let t =
        table("datatable(x:long)[] | summarize make_set(x), make_list(x), make_list_if(x, x > 1)");
    assert_eq!(
        t,
        [
            vec!["set_x:dynamic", "list_x:dynamic", "list_x1:dynamic"],
            vec!["[]", "[]", "[]"]
        ]
    );
    // With `by`, no rows (semantics case 035).
    let t = table("datatable(g:string, x:long)[] | summarize sum(x), make_set(x) by g");
    assert_eq!(t.len(), 1);
}

#[test]
fn nulls_are_ignored_but_count_counts_them() {
    // q/summarize-operator.md (conformance summarize-operator-07, -08).
    let t = table(
        "range x from 1 to 4 step 1 | extend y = iff(x == 1, real(null), real(5)) | summarize sum(y), avg(y), count(y), dcount(y), make_list(y), min(y)",
    );
    assert_eq!(
        t,
        [
            vec![
                "sum_y:real",
                "avg_y:real",
                "count_y:long",
                "dcount_y:long",
                "list_y:dynamic",
                "min_y:real"
            ],
            vec!["15", "5", "4", "1", "[5.0,5.0,5.0]", "5"]
        ]
    );
}

#[test]
fn naming_of_unnamed_aggregates() {
    // kusto-semantics.md section 5 and semantics case 033.
    let t = table(
        r#"datatable(g:string, k:string, v:long)["a", "x", 1, "a", "y", 3, "b", "x", 5]
        | summarize count(), sum(v), max(v), min(v), avg(v), dcount(k), make_set(k), make_list(v), take_any(k), any(v), arg_max(v, k) by g
        | sort by g asc"#,
    );
    assert_eq!(
        t[0],
        [
            "g:string",
            "count_:long",
            "sum_v:long",
            "max_v:long",
            "min_v:long",
            "avg_v:real",
            "dcount_k:long",
            "set_k:dynamic",
            "list_v:dynamic",
            "k:string",
            "any_v:long",
            "v:long",
            "k1:string"
        ]
    );
    assert_eq!(
        t[1],
        [
            "a",
            "2",
            "4",
            "3",
            "1",
            "2",
            "2",
            r#"["x","y"]"#,
            "[1,3]",
            "x",
            "1",
            "3",
            "y"
        ]
    );
    assert_eq!(
        t[2],
        [
            "b", "1", "5", "5", "5", "5", "1", r#"["x"]"#, "[5]", "x", "5", "5", "x"
        ]
    );
}

#[test]
fn if_forms() {
    // q/countif-, q/make-list-if-, q/make-set-if-aggregation-function.md.
    let t = table(
        r#"datatable(name:string, day_of_birth:long)["John", 9, "Paul", 18, "George", 25, "Ringo", 7]
        | summarize countif(strlen(name) > 4), make_list_if(name, strlen(name) > 4), make_set_if(name, strlen(name) > 4),
                    sumif(day_of_birth, day_of_birth > 8), dcountif(name, day_of_birth < 10), maxif(day_of_birth, name != "George"),
                    minif(name, day_of_birth > 10), anyif(name, day_of_birth == 7)"#,
    );
    assert_eq!(
        t[0],
        [
            "countif_:long",
            "list_name:dynamic",
            "set_name:dynamic",
            "sumif_day_of_birth:long",
            "dcountif_name:long",
            "maxif_day_of_birth:long",
            "minif_name:string",
            "anyif_name:string"
        ]
    );
    assert_eq!(
        t[1],
        [
            "2",
            r#"["George","Ringo"]"#,
            r#"["George","Ringo"]"#,
            "52",
            "2",
            "18",
            "George",
            "Ringo"
        ]
    );
}

#[test]
fn statistics() {
    // q/stdev-, q/variance-, q/variancep-aggregation-function.md: [1..5] gives
    // 1.58113883008419, 2.5 and 2; q/varianceif-: 850 over the even numbers to 100.
    let t = table("range x from 1 to 5 step 1 | summarize make_list(x), variance(x), variancep(x)");
    assert_eq!(t[1], ["[1,2,3,4,5]", "2.5", "2"]);
    let t = table("range x from 1 to 100 step 1 | summarize varianceif(x, x % 2 == 0)");
    assert_eq!(t, [vec!["varianceif_x:real"], vec!["850"]]);
}

#[test]
fn make_set_flattens_arrays_make_list_does_not() {
    // q/make-set-aggregation-function.md (semantics case 029).
    let t = table(
        r#"datatable (Val: int, Arr1: dynamic)
        [1, dynamic(['A1', 'A2', 'A3']), 5, dynamic(['A2', 'C1']), 7, dynamic(['C2', 'A3']), 5, dynamic(['C2', 'A1'])]
        | summarize Val_set=make_set(Val), Arr1_set=make_set(Arr1), Lists=make_list(Arr1, 2)"#,
    );
    assert_eq!(
        t[1],
        [
            "[1,5,7]",
            r#"["A1","A2","A3","C1","C2"]"#,
            r#"[["A1","A2","A3"],["A2","C1"]]"#
        ]
    );
}

#[test]
fn make_list_with_nulls_keeps_nulls() {
    // q/make-list-with-nulls-aggregation-function.md (conformance case of that name).
    let t = table(
        r#"datatable (name:string, sideCount: int)["triangle", int(null), "square", 4, "rectangle", 4]
        | summarize mylist = make_list_with_nulls(sideCount)"#,
    );
    assert_eq!(t[1], ["[null,4,4]"]);
}

#[test]
fn bags() {
    // q/make-bag-aggregation-function.md.
    let t = table(
        r#"datatable(p:dynamic)[dynamic({"prop01":"val_a"}), dynamic({"prop02":"val_b"}), dynamic({"prop03":"val_c"})]
        | summarize dict=make_bag(p)"#,
    );
    assert_eq!(
        t[1],
        [r#"{"prop01":"val_a","prop02":"val_b","prop03":"val_c"}"#]
    );
}

#[test]
fn expressions_over_aggregates() {
    let t = table(
        "datatable(x:long, spam:bool)[1, true, 2, false, 3, true, 4, true] | summarize Pct = 100.0 * countif(spam) / count(), Total = sum(x) + 1",
    );
    assert_eq!(t, [vec!["Pct:real", "Total:long"], vec!["75", "11"]]);
}

#[test]
fn refusals_are_clear() {
    assert!(refused("datatable(d:dynamic)[dynamic(1)] | summarize max(d)").contains("orderable"));
    assert!(refused("datatable(s:string)['a'] | summarize sum(s)").contains("sum"));
    assert!(refused("datatable(t:timespan)[1s] | summarize avg(t)").contains("avg"));
    assert!(refused("datatable(x:long)[1] | summarize make_set(x, 0)").contains("maxSize"));
    assert!(refused("datatable(x:long)[1] | summarize countif(x)").contains("predicate"));
    assert!(
        refused(
            r#"datatable(d:dynamic)[dynamic({"a":1}), dynamic({"a":2})] | summarize make_bag(d)"#
        )
        .contains("arbitrarily")
    );
}

#[test]
fn many_rows_and_groups() {
    // 200k rows in 1000 groups: every group sees 200 rows, values 0..199 twice over.
    let t = table(
        "range i from 0 to 199999 step 1 | extend g = i % 1000, v = (i / 1000) % 200
         | summarize n = count(), d = dcount(v), s = sum(v), m = max(v), l = array_length(make_set(v)) by g
         | summarize groups = count(), rows = sum(n), dmin = min(d), dmax = max(d), smin = min(s), mmax = max(m), lmax = max(l)",
    );
    assert_eq!(
        t[1],
        ["1000", "200000", "200", "200", "19900", "199", "200"]
    );
}

#[test]
fn covariance_names_both_arguments() {
    // q/covariance-aggregation-function.md: 20.5, named covariance_x_y; covariancep:
    // 16.4, covariancep_x_y (conformance covariancep-aggregation-function-00).
    let q = "datatable(x:real, y:real) [1.0, 14.0, 2.0, 10.0, 3.0, 17.0, 4.0, 20.0, 5.0, 50.0]
             | summarize covariance(x, y), covariancep(x, y)";
    let t = table(q);
    assert_eq!(t[0], ["covariance_x_y:real", "covariancep_x_y:real"]);
    assert_eq!(t[1][0], "20.5");
    assert!(
        t[1][1]
            .parse::<f64>()
            .is_ok_and(|p| (p - 16.4).abs() < 1e-12)
    );
    // An argument without a name of its own: Kusto's column name is undocumented.
    assert!(
        refused("datatable(x:real, y:real) [1.0, 2.0] | summarize covariance(x * 2, y)")
            .contains("covariance")
    );
    // The same naming serves make-series, which must not make a column named "".
    let series = "datatable(x:real, y:real, t:datetime) [1.0, 2.0, datetime(2026-01-01)]
                  | make-series covariance(x * 2, y) on t step 1d";
    assert!(refused(series).contains("covariance"));
    // percentile_x_55 needs the percentage's literal text; a `let` name has none.
    let q = "let p = 55; datatable(x:long) [1, 2] | summarize percentile(x, p)";
    assert!(refused(q).contains("percentile"));
}
