//! Kusto semantics of summarize (naming, nulls, empty input, bin, arg_max) and distinct.
//!
//! Every expected value comes from the Kusto documentation (MicrosoftDocs/dataexplorer-docs,
//! cited as `q/<page>.md`, i.e. `data-explorer/kusto/query/<page>.md`) or from a
//! conformance case (the real engine's answer, cited by its id, from
//! `../shared/conformance/cases.jsonl`). A few names the docs do not spell out come from
//! Microsoft's own parser/binder (microsoft/Kusto-Query-Language) and say so. Tests marked
//! `#[ignore = "kql bug: ..."]` or `#[ignore = "not supported yet: ..."]` are known
//! differences from Kusto; run them with `-- --ignored`.

#[path = "semantics_helper.rs"]
mod helper;

use helper::{expect, expect_unordered};

// ---------------------------------------------------------------------------------------
// summarize
// ---------------------------------------------------------------------------------------

/// Conformance `summarize-operator-05` (q/summarize-operator.md): without `by`, an empty
/// input gives one row; count, countif, dcount and dcountif give 0.
#[test]
fn summarize_empty_input_counts_are_zero() {
    expect(
        "datatable(x:long)[]
        | summarize  count(x), countif(x > 0) , dcount(x), dcountif(x, x > 0)",
        &[
            "count_x:long|countif_:long|dcount_x:long|dcountif_x:long",
            "0|0|0|0",
        ],
    );
}

/// Conformance `summarize-operator-06`: make_set / make_list of nothing are `[]`.
#[test]
fn summarize_empty_input_make_set_list() {
    expect(
        "datatable(x:long)[]
        | summarize  make_set(x), make_list(x)",
        &["set_x:dynamic|list_x:dynamic", "[]|[]"],
    );
}

/// Conformance `summarize-operator-04` (the in-subset aggregates): take_any, max and min
/// are null, avg is NaN, sum is 0.
#[test]
fn summarize_empty_input_null_defaults() {
    expect(
        "datatable(x:long)[]
        | summarize any_x=take_any(x), avg(x), max(x), min(x), sum(x)",
        &[
            "any_x:long|avg_x:real|max_x:long|min_x:long|sum_x:long",
            "|NaN|||0",
        ],
    );
}

/// Conformance `summarize-operator-04`: arg_max / arg_min over an empty input give null.
#[test]
fn summarize_empty_input_arg_max_is_null() {
    expect(
        "datatable(x:long)[]
        | summarize arg_max_x=arg_max(x, *), arg_min_x=arg_min(x, *)",
        &["arg_max_x:long|arg_min_x:long", "|"],
    );
}

/// q/summarize-operator.md: with `by`, an empty input gives no rows.
#[test]
fn summarize_by_on_empty_input_has_no_rows() {
    expect(
        "datatable(g:string, v:long)[]
        | summarize count() by g",
        &["g:string|count_:long"],
    );
}

/// Conformance `summarize-operator-07`: sum and avg ignore nulls.
#[test]
fn summarize_sum_avg_ignore_nulls() {
    expect(
        "range x from 1 to 4 step 1
        | extend y = iff(x == 1, real(null), real(5))
        | summarize sum(y), avg(y)",
        &["sum_y:real|avg_y:real", "15|5"],
    );
}

/// Conformance `summarize-operator-08`: count(expr) counts the null rows too.
#[test]
fn summarize_count_expr_includes_nulls() {
    expect(
        "range x from 1 to 2 step 1
        | extend y = iff(x == 1, real(null), real(5))
        | summarize count(y)",
        &["count_y:long", "2"],
    );
}

/// q/summarize-operator.md: the same auto-name twice gets the suffix 1 (`set_y`, `set_y1`).
#[test]
fn summarize_duplicate_names_get_suffix() {
    expect(
        "datatable(x:long)[1, 2]
        | extend y = iff(x == 1, real(null), real(5))
        | summarize make_set(y), make_set(y)",
        &["set_y:dynamic|set_y1:dynamic", "[5.0]|[5.0]"],
    );
    expect(
        "datatable(x:long)[1, 2] | summarize count(), count()",
        &["count_:long|count_1:long", "2|2"],
    );
}

/// Conformance `countif-aggregation-function-01`: `countif(pred)` is named `countif_`.
#[test]
fn summarize_countif_name() {
    expect(
        r#"let T = datatable(name:string, day_of_birth:long)
        ["John", 9, "Paul", 18, "George", 25, "Ringo", 7];
        T
        | summarize countif(strlen(name) > 4)"#,
        &["countif_:long", "2"],
    );
}

/// q/summarize-operator.md + q/arg-max-aggregation-function.md: by columns first, then
/// `count_`, `sum_x`, `max_x`, `min_x`, `avg_x`, `dcount_x`.
#[test]
fn summarize_aggregate_names() {
    expect_unordered(
        r#"datatable(g:string, k:string, v:long)
        ["a", "x", 1, "a", "y", 3, "b", "x", 5]
        | summarize count(), sum(v), max(v), min(v), avg(v), dcount(k) by g"#,
        &[
            "g:string|count_:long|sum_v:long|max_v:long|min_v:long|avg_v:real|dcount_k:long",
            "a|2|4|3|1|2|2",
            "b|1|5|5|5|5|1",
        ],
    );
}

/// q/count-aggregation-function.md + q/summarize-operator.md: one row per distinct
/// combination of by values.
#[test]
fn summarize_named_aggregates_two_keys() {
    expect_unordered(
        r#"datatable(a:string, b:string, v:long)
        ["x", "p", 1, "x", "p", 2, "x", "q", 3, "y", "p", 4]
        | summarize Count = count(), MaxV = max(v) by a, b"#,
        &[
            "a:string|b:string|Count:long|MaxV:long",
            "x|p|2|2",
            "x|q|1|3",
            "y|p|1|4",
        ],
    );
}

/// q/summarize-operator.md: no group keys gives a single record.
#[test]
fn summarize_without_by_single_row() {
    expect(
        "datatable(v:long)[3, 1, 2]
        | summarize total = sum(v), biggest = max(v), smallest = min(v), n = count(), avgv = avg(v)",
        &[
            "total:long|biggest:long|smallest:long|n:long|avgv:real",
            "6|3|1|3|2",
        ],
    );
}

/// q/bin-function.md (`by bin(StartTime, 1d)` gives a column StartTime) +
/// q/summarize-operator.md.
#[test]
fn summarize_by_bin_keeps_column_name() {
    expect_unordered(
        "datatable(T:datetime, v:long)
        [
            datetime(2020-01-01 00:10), 1,
            datetime(2020-01-01 00:50), 2,
            datetime(2020-01-01 01:05), 3
        ]
        | summarize count(), sum(v) by bin(T, 1h)",
        &[
            "T:datetime|count_:long|sum_v:long",
            "2020-01-01T00:00:00.0000000Z|2|3",
            "2020-01-01T01:00:00.0000000Z|1|3",
        ],
    );
}

/// q/arg-max-aggregation-function.md: `arg_max(Version, *)`; a group whose keys are all
/// null still gives a row (with a null Version).
#[test]
fn summarize_arg_max_star() {
    expect_unordered(
        r#"datatable(Fruit: string, Color: string, Version: int) [
            "Apple", "Red", 1,
            "Apple", "Green", int(null),
            "Banana", "Yellow", int(null),
            "Banana", "Green", int(null),
            "Pear", "Brown", 1,
            "Pear", "Green", 2,
        ]
        | summarize arg_max(Version, *) by Fruit"#,
        &[
            "Fruit:string|Version:int|Color:string",
            "Apple|1|Red",
            "Banana||Yellow",
            "Pear|2|Green",
        ],
    );
}

/// q/arg-min-aggregation-function.md, same data.
#[test]
fn summarize_arg_min_star() {
    expect_unordered(
        r#"datatable(Fruit: string, Color: string, Version: int) [
            "Apple", "Red", 1,
            "Apple", "Green", int(null),
            "Banana", "Yellow", int(null),
            "Banana", "Green", int(null),
            "Pear", "Brown", 1,
            "Pear", "Green", 2,
        ]
        | summarize arg_min(Version, *) by Fruit"#,
        &[
            "Fruit:string|Version:int|Color:string",
            "Apple|1|Red",
            "Banana||Yellow",
            "Pear|1|Brown",
        ],
    );
}

/// q/arg-max-aggregation-function.md: `arg_max(X, c)` names its columns X and c.
#[test]
fn summarize_arg_max_named_columns() {
    expect_unordered(
        r#"datatable(g:string, v:long, name:string)["a", 1, "p", "a", 3, "q", "b", 2, "r"]
        | summarize arg_max(v, name) by g"#,
        &["g:string|v:long|name:string", "a|3|q", "b|2|r"],
    );
}

/// q/make-list-aggregation-function.md (make_list is named by the user here).
#[test]
fn summarize_make_list() {
    expect(
        r#"let shapes = datatable (name: string, sideCount: int)
        [
            "triangle", 3, "square", 4, "rectangle", 4, "pentagon", 5, "hexagon", 6,
            "heptagon", 7, "octagon", 8, "nonagon", 9, "decagon", 10
        ];
        shapes
        | summarize mylist = make_list(name)"#,
        &[
            "mylist:dynamic",
            r#"["triangle","square","rectangle","pentagon","hexagon","heptagon","octagon","nonagon","decagon"]"#,
        ],
    );
}

/// q/make-list-aggregation-function.md: a named by-expression.
#[test]
fn summarize_by_named_expression() {
    expect_unordered(
        r#"let shapes = datatable (name: string, sideCount: int)
        [
            "triangle", 3, "square", 4, "rectangle", 4, "pentagon", 5, "hexagon", 6,
            "heptagon", 7, "octagon", 8, "nonagon", 9, "decagon", 10
        ];
        shapes
        | summarize mylist = make_list(name) by isEvenSideCount = sideCount % 2 == 0"#,
        &[
            "isEvenSideCount:bool|mylist:dynamic",
            r#"false|["triangle","pentagon","heptagon","nonagon"]"#,
            r#"true|["square","rectangle","hexagon","octagon","decagon"]"#,
        ],
    );
}

/// q/make-set-aggregation-function.md: make_set of an array column unions the elements.
#[test]
fn summarize_make_set_flattens_arrays() {
    expect(
        "datatable (Val: int, Arr1: dynamic)
        [
            1, dynamic(['A1', 'A2', 'A3']),
            5, dynamic(['A2', 'C1']),
            7, dynamic(['C2', 'A3']),
            5, dynamic(['C2', 'A1'])
        ]
        | summarize Val_set=make_set(Val), Arr1_set=make_set(Arr1)
        | project Val_set = array_sort_asc(Val_set), Arr1_set = array_sort_asc(Arr1_set)",
        &[
            "Val_set:dynamic|Arr1_set:dynamic",
            r#"[1,5,7]|["A1","A2","A3","C1","C2"]"#,
        ],
    );
}

/// q/make-set-aggregation-function.md + q/dcount-aggregation-function.md.
#[test]
fn summarize_make_set_and_dcount_by_group() {
    expect_unordered(
        r#"datatable(user:string, host:string)["u1", "h1", "u1", "h2", "u1", "h1", "u2", "h3"]
        | summarize hosts = make_set(host), n = dcount(host) by user
        | extend hosts = array_sort_asc(hosts)"#,
        &[
            "user:string|hosts:dynamic|n:long",
            r#"u1|["h1","h2"]|2"#,
            r#"u2|["h3"]|1"#,
        ],
    );
}

/// kusto-semantics.md section 5 (parser: Aggregates.cs, Binder_Projection): an aggregate
/// of an expression is named `sum_`; an unnamed by-expression is Column1; `any(x)` is
/// `any_x` (q/take-any-aggregation-function.md).
#[test]
fn summarize_expression_names() {
    expect(
        "datatable(a:long, b:long)[1, 2, 3, 4] | summarize sum(a + b), any(a)",
        &["sum_:long|any_a:long", "10|1"],
    );
    expect_unordered(
        "datatable(x:long)[1, 2, 3] | summarize count() by x % 2",
        &["Column1:long|count_:long", "1|2", "0|1"],
    );
}

/// q/summarize-operator.md: `summarize by a, b` without aggregates is a distinct.
#[test]
fn summarize_by_only() {
    expect_unordered(
        r#"datatable(a:string, b:long)["x", 1, "x", 1, "x", 2, "y", 1]
        | summarize by a, b"#,
        &["a:string|b:long", "x|1", "x|2", "y|1"],
    );
}

/// q/min-aggregation-function.md / q/max-aggregation-function.md and
/// q/scalar-data-types/null-values.md: min and max ignore nulls (a group of nulls only
/// gives null); count() counts rows.
#[test]
fn summarize_min_max_ignore_nulls() {
    expect_unordered(
        r#"datatable(g:string, v:long)["a", long(null), "a", 4, "b", long(null)]
        | summarize mn = min(v), mx = max(v), c = count() by g"#,
        &["g:string|mn:long|mx:long|c:long", "a|4|4|2", "b|||1"],
    );
}

/// q/scalar-data-types/null-values.md ("Null values and aggregation functions": dcount,
/// make_list, make_set and countif ignore nulls) and q/count-aggregation-function.md
/// (count() counts rows).
#[test]
fn summarize_aggregates_ignore_nulls() {
    expect(
        "datatable(x:long)[1, long(null), 1, 2]
        | summarize dcount(x), make_list(x), make_set(x), countif(x > 1), count()",
        &[
            "dcount_x:long|list_x:dynamic|set_x:dynamic|countif_:long|count_:long",
            "2|[1,1,2]|[1,2]|1|4",
        ],
    );
}

/// q/summarize-operator.md: the output is the by columns, then one column per aggregation
/// argument in argument order; an argument may be an expression over aggregates
/// (`Percentage = 100 * countif(...) / count()`).
#[test]
fn summarize_expression_over_aggregates_keeps_order() {
    expect(
        "datatable(x:long)[1, 2, 3]
        | summarize a = count(), b = 100 * countif(x > 1) / count(), c = max(x)",
        &["a:long|b:long|c:long", "3|66|3"],
    );
    expect_unordered(
        r#"datatable(g:string, x:long)["a", 1, "a", 2, "b", 3]
        | summarize b = 2 * sum(x), c = max(x) by g"#,
        &["g:string|b:long|c:long", "a|6|2", "b|6|3"],
    );
}

/// kusto-semantics.md section 8 (parser: Aggregates.cs, sum is Parameter0Promoted):
/// sum of an int column is a long; min/max keep int; avg is real.
#[test]
fn summarize_int_column_types() {
    expect(
        "datatable(v:int)[1, 2] | summarize sum(v), min(v), max(v), avg(v)",
        &["sum_v:long|min_v:int|max_v:int|avg_v:real", "3|1|2|1.5"],
    );
}

/// q/bin-function.md: `by bin(x, 10)` on a number is named after x.
#[test]
fn summarize_by_numeric_bin() {
    expect_unordered(
        "datatable(x:long)[1, 2, 11] | summarize count() by bin(x, 10)",
        &["x:long|count_:long", "0|2", "10|1"],
    );
}

// ---------------------------------------------------------------------------------------
// distinct
// ---------------------------------------------------------------------------------------

/// q/distinct-operator.md (output order undefined: q/serialize-operator.md).
#[test]
fn distinct_one_two_and_all_columns() {
    let data = r#"datatable(a:string, b:long)["x", 1, "x", 1, "x", 2, "y", 1]"#;
    expect_unordered(&format!("{data} | distinct a"), &["a:string", "x", "y"]);
    expect_unordered(
        &format!("{data} | distinct a, b"),
        &["a:string|b:long", "x|1", "x|2", "y|1"],
    );
    expect_unordered(
        &format!("{data} | distinct *"),
        &["a:string|b:long", "x|1", "x|2", "y|1"],
    );
}
