//! Kusto semantics of sort/order, take/limit, top, count, union, datatable, print and
//! range.
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
// sort / order
// ---------------------------------------------------------------------------------------

const NULLABLE: &str = "datatable(x:long)[2, long(null), 3, 1]";

/// q/sort-operator.md: the default is desc, and desc puts nulls last.
#[test]
fn sort_default_desc_nulls_last() {
    expect(
        &format!("{NULLABLE} | sort by x"),
        &["x:long", "3", "2", "1", ""],
    );
}

/// q/sort-operator.md: asc puts nulls first by default.
#[test]
fn sort_asc_nulls_first() {
    expect(
        &format!("{NULLABLE} | sort by x asc"),
        &["x:long", "", "1", "2", "3"],
    );
}

/// q/sort-operator.md: explicit null placement.
#[test]
fn sort_explicit_nulls_placement() {
    expect(
        &format!("{NULLABLE} | sort by x asc nulls last"),
        &["x:long", "1", "2", "3", ""],
    );
    expect(
        &format!("{NULLABLE} | order by x desc nulls first"),
        &["x:long", "", "3", "2", "1"],
    );
}

/// q/sort-operator.md table: NaN sorts next to null (null, NaN, -inf, ... with nulls first).
#[test]
fn sort_special_floats_asc_nulls_first() {
    expect(
        "datatable(x:real)[5.0, real(+inf), real(null), 0.0, real(-inf), real(nan), -5.0]
        | sort by x asc nulls first",
        &["x:real", "", "NaN", "-Infinity", "-5", "0", "5", "Infinity"],
    );
}

/// q/sort-operator.md table (desc, nulls first).
#[test]
fn sort_special_floats_desc_nulls_first() {
    expect(
        "datatable(x:real)[0.0, real(nan), 5.0, real(null), -5.0, real(+inf)]
        | sort by x desc nulls first",
        &["x:real", "", "NaN", "Infinity", "5", "0", "-5"],
    );
}

/// q/sort-operator.md table (asc, nulls last): ..., NaN, null.
#[test]
fn sort_special_floats_asc_nulls_last() {
    expect(
        "datatable(x:real)[real(nan), 0.0, real(+inf), real(null), -5.0, real(-inf)]
        | sort by x asc nulls last",
        &["x:real", "-Infinity", "-5", "0", "Infinity", "NaN", ""],
    );
}

/// q/sort-operator.md table (desc default: nulls last).
#[test]
fn sort_special_floats_desc_default() {
    expect(
        "datatable(x:real)[real(null), -5.0, real(+inf), real(nan), 5.0, 0.0]
        | sort by x desc",
        &["x:real", "Infinity", "5", "0", "-5", "NaN", ""],
    );
}

/// q/sort-operator.md: several keys, each with its own direction.
#[test]
fn sort_multiple_keys() {
    expect(
        r#"datatable(a:string, b:long)["x", 1, "y", 2, "x", 3, "y", 1]
        | sort by a asc, b desc"#,
        &["a:string|b:long", "x|3", "x|1", "y|2", "y|1"],
    );
}

/// q/sort-operator.md: the second key's default direction is desc as well.
#[test]
fn sort_multiple_keys_default_directions() {
    expect(
        r#"datatable(a:string, b:long)["x", 1, "y", 2, "x", 3, "y", 1]
        | order by a, b"#,
        &["a:string|b:long", "y|2", "y|1", "x|3", "x|1"],
    );
}

// ---------------------------------------------------------------------------------------
// take / limit, top
// ---------------------------------------------------------------------------------------

/// q/take-operator.md: on sorted data, take returns the top rows; limit is the same.
#[test]
fn take_and_limit_after_sort() {
    expect(
        "datatable(x:long)[3, 1, 2] | sort by x asc | take 2",
        &["x:long", "1", "2"],
    );
    expect(
        "datatable(x:long)[3, 1, 2] | order by x desc | limit 1",
        &["x:long", "3"],
    );
}

/// q/take-operator.md: take N of unsorted data returns N rows (which ones is undefined).
#[test]
fn take_unsorted_row_count() {
    expect(
        "range x from 1 to 10 step 1 | take 3 | count",
        &["Count:long", "3"],
    );
}

/// q/take-operator.md: "at most the specified number of rows".
#[test]
fn take_more_than_available() {
    expect(
        "datatable(x:long)[3, 1, 2] | sort by x asc | take 10",
        &["x:long", "1", "2", "3"],
    );
    expect("datatable(x:long)[3, 1, 2] | take 0", &["x:long"]);
}

/// q/top-operator.md: the default is desc.
#[test]
fn top_default_desc() {
    expect(
        r#"datatable(name:string, x:long)["a", 3, "b", 1, "c", 2] | top 2 by x"#,
        &["name:string|x:long", "a|3", "c|2"],
    );
}

/// q/top-operator.md: asc.
#[test]
fn top_asc() {
    expect(
        r#"datatable(name:string, x:long)["a", 3, "b", 1, "c", 2] | top 2 by x asc"#,
        &["name:string|x:long", "b|1", "c|2"],
    );
}

/// q/top-operator.md: `nulls first|last` defaults as for sort (desc: last, asc: first).
#[test]
fn top_null_placement() {
    expect(
        &format!("{NULLABLE} | top 3 by x"),
        &["x:long", "3", "2", "1"],
    );
    expect(
        &format!("{NULLABLE} | top 2 by x asc"),
        &["x:long", "", "1"],
    );
    expect(
        &format!("{NULLABLE} | top 2 by x desc nulls first"),
        &["x:long", "", "3"],
    );
}

// ---------------------------------------------------------------------------------------
// count
// ---------------------------------------------------------------------------------------

/// q/count-operator.md: one row, one long column named Count; 0 for an empty input.
#[test]
fn count_operator() {
    expect("datatable(x:long)[1, 2, 3] | count", &["Count:long", "3"]);
    expect(
        "datatable(x:long)[1, 2, 3] | where x > 5 | count",
        &["Count:long", "0"],
    );
}

// ---------------------------------------------------------------------------------------
// union
// ---------------------------------------------------------------------------------------

/// q/union-operator.md: outer is the default; undefined cells are null ("" for strings).
#[test]
fn union_outer_default() {
    expect_unordered(
        r#"let A = datatable(x:long)[1, 2];
        let B = datatable(y:string)["a"];
        union A, B"#,
        &["x:long|y:string", "1|", "2|", "|a"],
    );
}

/// q/union-operator.md: kind=inner keeps only the common columns.
#[test]
fn union_kind_inner() {
    expect_unordered(
        r#"let A = datatable(x:long, a:string)[1, "p"];
        let B = datatable(x:long, b:string)[2, "q"];
        union kind=inner A, B"#,
        &["x:long", "1", "2"],
    );
}

/// q/union-operator.md: `T | union T2` (piped form).
#[test]
fn union_piped() {
    expect(
        "let A = datatable(x:long)[1, 2];
        let B = datatable(x:long)[3];
        A
        | union B
        | summarize n = count(), total = sum(x)",
        &["n:long|total:long", "3|6"],
    );
}

/// q/union-operator.md: outer has every column of every leg (in order of first
/// appearance; parser UnifyColumnsWithSameNameAndType); a shared name and type is one
/// column.
#[test]
fn union_outer_shared_column() {
    expect_unordered(
        r#"let A = datatable(x:long, a:string)[1, "p"];
        let B = datatable(x:long, b:string)[2, "q"];
        union A, B"#,
        &["x:long|a:string|b:string", "1|p|", "2||q"],
    );
}

/// Conformance `range-operator-01`: union of two ranges, then order.
#[test]
fn union_then_order() {
    expect(
        "let Range1 = range Time from datetime(2024-01-01) to datetime(2024-01-03) step 1d;
        let Range2 = range Time from datetime(2024-01-04) to datetime(2024-01-05) step 1d;
        union Range1, Range2
        | order by Time asc",
        &[
            "Time:datetime",
            "2024-01-01T00:00:00.0000000Z",
            "2024-01-02T00:00:00.0000000Z",
            "2024-01-03T00:00:00.0000000Z",
            "2024-01-04T00:00:00.0000000Z",
            "2024-01-05T00:00:00.0000000Z",
        ],
    );
}

/// Conformance `union-operator-05` (q/union-operator.md "Source columns types mismatch"):
/// a name with two types gives `x_long` and `x_int`; withsource names the leg.
#[test]
fn union_type_clash_withsource() {
    expect_unordered(
        "let View_1 = view () { print x=1 };
        let View_2 = view () { print x=toint(2) };
        union withsource=TableName View_1, View_2",
        &[
            "TableName:string|x_long:long|x_int:int",
            "View_2||2",
            "View_1|1|",
        ],
    );
}

/// q/union-operator.md "Source columns types mismatch", second example: `x_long` is taken,
/// so View_1's x becomes `x_long1`.
#[test]
fn union_type_clash_dedup_suffix() {
    expect_unordered(
        "let View_1 = view () { print x=1 };
        let View_2 = view () { print x=toint(2) };
        let View_3 = view () { print x_long=3 };
        union withsource=TableName View_1, View_2, View_3",
        &[
            "TableName:string|x_long1:long|x_int:int|x_long:long",
            "View_1|1||",
            "View_2||2|",
            "View_3|||3",
        ],
    );
}

/// q/union-operator.md: the type-clash naming without withsource (plain lets).
#[test]
fn union_type_clash_plain_lets() {
    expect_unordered(
        "let A = print x=1;
        let B = print x=toint(2);
        union A, B",
        &["x_long:long|x_int:int", "1|", "|2"],
    );
}

/// Conformance `union-operator-03`: isfuzzy=true skips a leg that does not resolve.
#[test]
fn union_isfuzzy_missing_leg() {
    expect(
        "let View_1 = view () { print x=1 };
        let View_2 = view () { print x=1 };
        let OtherView_1 = view () { print x=1 };
        union isfuzzy=true
        (View_1 | where x > 0),
        (View_2 | where x > 0),
        (View_3 | where x > 0)
        | count",
        &["Count:long", "2"],
    );
}

/// q/functions/user-defined-functions.md, "View functions": `union T*` resolves only the
/// let marked `view`.
#[test]
fn union_wildcard_resolves_views_only() {
    expect(
        "let T_view = view () { print x=1 };
        let T_notview = () { print x=2 };
        union T*",
        &["x:long", "1"],
    );
}

/// Conformance `union-operator-04`: isfuzzy with wildcards over views.
#[test]
fn union_isfuzzy_wildcards() {
    expect(
        "let View_1 = view () { print x=1 };
        let View_2 = view () { print x=1 };
        let OtherView_1 = view () { print x=1 };
        union isfuzzy=true View*, SomeView*, OtherView*
        | count",
        &["Count:long", "3"],
    );
}

/// Conformance `table-function-03`: union of filtered legs inside a function.
#[test]
fn union_inside_function() {
    expect(
        "let T1 = print x=1;
        let T2 = print x=2;
        let _choose = (_selector:string)
        {
            union
            (T1 | where _selector == 'T1'),
            (T2 | where _selector == 'T2')
        };
        _choose('T2')",
        &["x:long", "2"],
    );
}

// ---------------------------------------------------------------------------------------
// datatable, print, range
// ---------------------------------------------------------------------------------------

/// q/datatable-operator.md: values fill rows in order, columns keep their declared types,
/// a trailing comma is accepted.
#[test]
fn datatable_types_and_trailing_comma() {
    expect(
        r#"datatable(a:int, b:real, c:bool, d:timespan, e:string, f:datetime)
        [1, 2.5, true, 1h, "s", datetime(2020-01-02), 2, 3.0, false, 30m, "t", datetime(2021-02-03 04:05:06),]"#,
        &[
            "a:int|b:real|c:bool|d:timespan|e:string|f:datetime",
            "1|2.5|true|01:00:00|s|2020-01-02T00:00:00.0000000Z",
            "2|3|false|00:30:00|t|2021-02-03T04:05:06.0000000Z",
        ],
    );
}

/// Conformance `print-operator-00`: an unnamed print column is `print_0`.
#[test]
fn print_unnamed_and_named() {
    expect(
        r#"print 0 + 1 + 2 + 3 + 4 + 5, x = "Wow!""#,
        &["print_0:long|x:string", "15|Wow!"],
    );
}

/// Conformance `print-operator-01`.
#[test]
fn print_strcat() {
    expect(
        r#"print banner=strcat("Hello", ", ", "World!")"#,
        &["banner:string", "Hello, World!"],
    );
}

/// q/print-operator.md + parser VisitPrintOperator (`"print_" + i`, i counting every
/// argument): an unnamed argument at position 2 is print_2.
#[test]
fn print_unnamed_index_counts_named_arguments() {
    expect(
        "print 1, x=2, 3",
        &["print_0:long|x:long|print_2:long", "1|2|3"],
    );
}

/// Conformance `toint-function-00`: `print_0` can be projected.
#[test]
fn print_then_project() {
    expect(
        r#"print toint("123") == 123
        |project Integer = print_0"#,
        &["Integer:bool", "true"],
    );
}

/// q/logical-operators.md: `print print=...` (a keyword as a column name).
#[test]
fn print_keyword_column_name() {
    expect(
        "print print=iff(bool(null) and true, true, false)",
        &["print:bool", "false"],
    );
}

/// Conformance `case-function-00`: range with a step (serialized output).
#[test]
fn range_with_step() {
    expect(
        r#"range Size from 1 to 15 step 2
        | extend bucket = case(Size <= 3, "Small",
                               Size <= 10, "Medium",
                               "Large")"#,
        &[
            "Size:long|bucket:string",
            "1|Small",
            "3|Small",
            "5|Medium",
            "7|Medium",
            "9|Medium",
            "11|Large",
            "13|Large",
            "15|Large",
        ],
    );
}

/// q/range-operator.md: values go from start while they are <= stop.
#[test]
fn range_stop_not_on_step() {
    expect("range x from 1 to 10 step 4", &["x:long", "1", "5", "9"]);
}

/// Conformance `toscalar-function-07` without its `toscalar(2)`: range bounds from
/// toscalar of tabular lets.
#[test]
fn range_bounds_from_toscalar_of_tables() {
    expect(
        "let Start = toscalar(print x=1);
        let End = toscalar(range x from 1 to 9 step 1 | count);
        range z from Start to End step 2 | extend start=Start, end=End",
        &[
            "z:long|start:long|end:long",
            "1|1|9",
            "3|1|9",
            "5|1|9",
            "7|1|9",
            "9|1|9",
        ],
    );
}

/// Conformance `toscalar-function-07`: range bounds from toscalar lets, one of them
/// `toscalar(2)` of a scalar.
#[test]
fn range_bounds_from_toscalar() {
    expect(
        "let Start = toscalar(print x=1);
        let End = toscalar(range x from 1 to 9 step 1 | count);
        let Step = toscalar(2);
        range z from Start to End step Step | extend start=Start, end=End, step=Step",
        &[
            "z:long|start:long|end:long|step:long",
            "1|1|9|2",
            "3|1|9|2",
            "5|1|9|2",
            "7|1|9|2",
            "9|1|9|2",
        ],
    );
}
