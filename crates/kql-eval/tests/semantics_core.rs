//! Kusto semantics of the core tabular operators: let (scalars, tables, user functions
//! with defaults and tabular parameters), where/filter, extend, project and
//! project-away/-keep/-rename/-reorder. Joins are in `semantics_join.rs`.
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
// let
// ---------------------------------------------------------------------------------------

/// q/let-statement.md (scalar lets used in a where).
#[test]
fn let_scalars_in_where() {
    expect(
        r#"let threshold = 50;
        let region = "West";
        datatable(Name:string, Score:int, Region:string)
        ["Alice", 45, "West", "Bob", 60, "East", "Charlie", 55, "West", "Dana", 70, "North"]
        | where Score > threshold and Region == region"#,
        &["Name:string|Score:int|Region:string", "Charlie|55|West"],
    );
}

/// Conformance `let-statement-01` (a quoted let name).
#[test]
fn let_quoted_name() {
    expect(
        "let ['some number'] = 20;
        range y from 0 to ['some number'] step 5",
        &["y:long", "0", "5", "10", "15", "20"],
    );
}

/// q/let-statement.md: a tabular let may be referenced several times (join with its own
/// summary).
#[test]
fn let_tabular_used_twice() {
    expect_unordered(
        r#"let T = datatable(k:string, v:long)["a", 1, "b", 2, "a", 3];
        let Totals = T | summarize total = sum(v) by k;
        T | join kind=inner Totals on k | project k, v, total"#,
        &["k:string|v:long|total:long", "a|1|4", "a|3|4", "b|2|2"],
    );
}

/// Conformance `let-statement-02` (a scalar user function).
#[test]
fn let_scalar_function() {
    expect(
        "let MultiplyByN = (val:long, n:long) { val * n };
        range x from 1 to 5 step 1
        | extend result = MultiplyByN(x, 5)",
        &["x:long|result:long", "1|5", "2|10", "3|15", "4|20", "5|25"],
    );
}

/// q/functions/user-defined-functions.md, "A scalar function" (Add7 with a default value;
/// range shortened to 1..3).
#[test]
fn let_function_default_value() {
    expect(
        "let Add7 = (arg0:long = 5) { arg0 + 7 };
        range x from 1 to 3 step 1
        | extend x_plus_7 = Add7(x), five_plus_seven = Add7()",
        &[
            "x:long|x_plus_7:long|five_plus_seven:long",
            "1|8|12",
            "2|9|12",
            "3|10|12",
        ],
    );
}

/// q/functions/user-defined-functions.md, "User-defined function that defines a default
/// value for a parameter" (positional arguments only; the omitted ones take their
/// defaults).
#[test]
fn let_function_positional_defaults() {
    expect(
        r#"let f = (a:long, b:string = "b.default", c:long = 0) {
          strcat(a, "-", b, "-", c)
        };
        print x = f(12), y = f(12, "b"), z = f(12, "b", 7)"#,
        &["x:string|y:string|z:string", "12-b.default-0|12-b-0|12-b-7"],
    );
}

/// q/functions/user-defined-functions.md, "Default values": both calls give
/// "12-b.default-7" (named and reordered arguments).
#[test]
fn let_function_named_arguments_and_defaults() {
    expect_unordered(
        r#"let f = (a:long, b:string = "b.default", c:long = 0) {
          strcat(a, "-", b, "-", c)
        };
        union
          (print x=f(c=7, a=12)),
          (print x=f(12, c=7))"#,
        &["x:string", "12-b.default-7", "12-b.default-7"],
    );
}

/// q/functions/user-defined-functions.md: a tabular parameter with a schema.
#[test]
fn let_function_tabular_parameter() {
    expect(
        "let MyFilter = (T:(x:long), v:long) {
          T | where x >= v
        };
        MyFilter((range x from 1 to 10 step 1), 9)",
        &["x:long", "9", "10"],
    );
}

/// q/functions/user-defined-functions.md: a tabular parameter of any schema `(*)`.
#[test]
fn let_function_any_tabular_parameter() {
    expect_unordered(
        "let MyDistinct = (T:(*)) {
          T | distinct *
        };
        MyDistinct((range x from 1 to 3 step 1))",
        &["x:long", "1", "2", "3"],
    );
}

/// q/functions/user-defined-functions.md, "User-defined function that uses a let
/// statement": the output is 70.
#[test]
fn let_statements_inside_function_body() {
    expect(
        "let Test1 = (id: int) {
          let Test2 = 10;
          let Test3 = 10 + Test2 + id;
          let Test4 = (arg: int) {
              let Test5 = 20;
              Test2 + Test3 + Test5 + arg
          };
          Test4(10)
        };
        range x from 1 to Test1(10) step 1
        | count",
        &["Count:long", "70"],
    );
}

/// q/functions/user-defined-functions.md, "Invoking a user-defined function": a
/// no-argument function can be called with or without `()`.
#[test]
fn let_function_without_parentheses() {
    expect(
        "let a=(){123};
        range x from 1 to 2 step 1
        | extend y = x * a, z = x * a()",
        &["x:long|y:long|z:long", "1|123|123", "2|246|246"],
    );
}

/// q/functions/user-defined-functions.md: a tabular function with no arguments
/// (range shortened to 1..3).
#[test]
fn let_tabular_function_without_arguments() {
    expect(
        "let tenNumbers = () { range x from 1 to 3 step 1};
        tenNumbers
        | extend x_plus_7 = x + 7",
        &["x:long|x_plus_7:long", "1|8", "2|9", "3|10"],
    );
}

/// q/let-statement.md, "Create a user defined function that trims input".
#[test]
fn let_function_trim_ones() {
    expect(
        r#"let TrimOnes = (s:string) { trim("1", s) };
        range x from 10 to 15 step 1
        | extend result = TrimOnes(tostring(x))"#,
        &[
            "x:long|result:string",
            "10|0",
            "11|",
            "12|2",
            "13|3",
            "14|4",
            "15|5",
        ],
    );
}

/// q/let-statement.md, "Use multiple let statements": 50 rows (the page's header says
/// `result`, but the count operator's column is `Count`: q/count-operator.md).
#[test]
fn let_function_calls_function() {
    expect(
        "let foo1 = (_start:long, _end:long, _step:long) { range x from _start to _end step _step};
        let foo2 = (_step:long) { foo1(1, 100, _step)};
        foo2(2) | count",
        &["Count:long", "50"],
    );
}

/// q/let-statement.md: "If the variable previously represented another value, for example
/// in nested statements, the innermost let statement applies."
#[test]
fn let_innermost_applies() {
    expect(
        "let x = 1;
        let f = () { let x = 2; x };
        print a = f(), b = x",
        &["a:long|b:long", "2|1"],
    );
}

/// q/functions/user-defined-functions.md, `invoke` with a tabular-parameter function.
#[test]
fn let_function_invoke() {
    expect(
        r#"let append_to_column_a=(T:(a:string), what:string) {
            T | extend a=strcat(a, " ", what)
        };
        datatable (a:string) ["sad", "really", "sad"]
        | invoke append_to_column_a(":-)")"#,
        &["a:string", "sad :-)", "really :-)", "sad :-)"],
    );
}

/// q/let-statement.md, "Tabular argument with schema" (StormEvents replaced by a
/// datatable with an extra column) and "Tabular argument with wildcard".
#[test]
fn let_function_invoke_tabular_argument() {
    expect(
        r#"let StateState=(T: (State: string)) { T | extend s_s=strcat(State, State) };
        datatable(State:string, n:long)["TEXAS", 1, "IOWA", 2]
        | invoke StateState()
        | project State, s_s"#,
        &[
            "State:string|s_s:string",
            "TEXAS|TEXASTEXAS",
            "IOWA|IOWAIOWA",
        ],
    );
    expect(
        r#"let CountRecordsInTable=(T: (*)) { T | count };
        datatable(State:string)["TEXAS", "IOWA"] | invoke CountRecordsInTable()"#,
        &["Count:long", "2"],
    );
}

// ---------------------------------------------------------------------------------------
// where / filter
// ---------------------------------------------------------------------------------------

/// q/scalar-data-types/null-values.md: `null != 5` is true, so the null row is kept.
#[test]
fn where_not_equal_keeps_null_row() {
    expect(
        r#"datatable(ival:int, sval:string)[5, "a", int(null), "b"]
        | where ival != 5"#,
        &["ival:int|sval:string", "|b"],
    );
}

/// q/where-operator.md / q/scalar-data-types/null-values.md: a null predicate drops the row.
#[test]
fn where_null_predicate_drops_row() {
    expect(
        "datatable(x:long)[1, long(null), 3]
        | where x > 1",
        &["x:long", "3"],
    );
    expect(
        "datatable(x:long)[1, long(null), 3]
        | where x < 10",
        &["x:long", "1", "3"],
    );
}

/// q/scalar-data-types/null-values.md: `null == null` is null, so no row passes.
#[test]
fn where_null_equals_null_drops_row() {
    expect(
        "datatable(x:long)[long(null), 5]
        | where x == long(null)",
        &["x:long"],
    );
}

/// q/where-operator.md: "The where and filter operators are equivalent".
#[test]
fn filter_is_where() {
    expect(
        "datatable(x:long)[1, 2, 3] | filter x >= 2",
        &["x:long", "2", "3"],
    );
}

/// q/window-functions.md: where and extend keep the serialized order of a sort.
#[test]
fn where_keeps_sorted_order() {
    expect(
        "datatable(x:long)[5, 1, 4, 2, 3]
        | sort by x asc
        | where x > 1
        | extend y = x * 10",
        &["x:long|y:long", "2|20", "3|30", "4|40", "5|50"],
    );
}

// ---------------------------------------------------------------------------------------
// extend
// ---------------------------------------------------------------------------------------

/// q/extend-operator.md: new columns are appended after the input columns.
#[test]
fn extend_appends_columns() {
    expect(
        "datatable(EndTime:datetime, StartTime:datetime)
        [
            datetime(2007-01-01T00:00:00Z), datetime(2007-01-01T00:00:00Z),
            datetime(2007-01-01T04:37:00Z), datetime(2007-01-01T03:37:00Z),
            datetime(2007-01-01T05:00:00Z), datetime(2007-01-01T00:00:00Z)
        ]
        | extend Duration = EndTime - StartTime",
        &[
            "EndTime:datetime|StartTime:datetime|Duration:timespan",
            "2007-01-01T00:00:00.0000000Z|2007-01-01T00:00:00.0000000Z|00:00:00",
            "2007-01-01T04:37:00.0000000Z|2007-01-01T03:37:00.0000000Z|01:00:00",
            "2007-01-01T05:00:00.0000000Z|2007-01-01T00:00:00.0000000Z|05:00:00",
        ],
    );
}

/// Archived q/tutorial.md @9d9180f58: a redefined column keeps its position (semantics
/// case 162).
#[test]
fn extend_redefines_column_in_place() {
    expect(
        "datatable(a:long, b:long)[1, 2] | extend a = a * 10",
        &["a:long|b:long", "10|2"],
    );
}

/// Archived q/tutorial.md @9d9180f58: `print x=1 | extend x = x + 1, y = x | extend x = x + 1`
/// gives x=3, y=1: inside one extend, `x` still means the input column.
#[test]
fn extend_same_operator_sees_input_value() {
    expect(
        "print x=1
        | extend x = x + 1, y = x
        | extend x = x + 1",
        &["x:long|y:long", "3|1"],
    );
}

/// q/extend-operator.md + q/project-away-operator.md (semantics case 154).
#[test]
fn extend_then_project_away_keeps_order() {
    expect(
        "datatable(a:long, b:long, c:long)[1, 2, 3]
        | extend d = a + c
        | project-away b",
        &["a:long|c:long|d:long", "1|3|4"],
    );
}

/// Unnamed expressions are named Column1, Column2, ... (q/pack-array-function.md shows
/// `project pack_array(x, y, z)` as Column1; conformance `pack-array-function-01`), and
/// `strlen(s)` is named `strlen_s` (parser: Functions.cs ResultNameKind).
#[test]
fn extend_unnamed_column_names() {
    expect(
        r#"datatable(a:long, b:long, s:string)[1, 2, "abc"]
        | extend a + b, b * 10, strlen(s)"#,
        &[
            "a:long|b:long|s:string|Column1:long|Column2:long|strlen_s:long",
            "1|2|abc|3|20|3",
        ],
    );
}

/// Conformance `min-of-function-01`: `project min_of(A, B)` is named Column1.
#[test]
fn project_unnamed_function_is_column1() {
    expect(
        "datatable (A: int, B: int)
        [5, 2, 10, 1, int(null), 3, 1, int(null), int(null), int(null)]
        | project min_of(A, B)",
        &["Column1:int", "2", "1", "3", "1", ""],
    );
}

/// Unnamed names skip the ones in scope (parser: Binder_Projection.GetDefaultColumnName;
/// kusto-semantics.md section 5.3): with Column1 taken, `x + y` is Column2.
#[test]
fn extend_unnamed_skips_taken_names() {
    expect(
        "print x=1, y=2 | extend Column1 = 5 | extend x + y",
        &["x:long|y:long|Column1:long|Column2:long", "1|2|5|3"],
    );
}

/// `tostring(x)` keeps the name of its argument (parser: Functions.cs, tostring has
/// ResultNameKind.FirstArgument; kusto-semantics.md section 5.3).
#[test]
fn project_tostring_keeps_argument_name() {
    expect(
        "datatable(x:long)[1, 2] | project tostring(x)",
        &["x:string", "1", "2"],
    );
}

/// `d.key` is named `d_key` (parser: GetExpressionResultName for path expressions;
/// kusto-semantics.md section 5.3).
#[test]
fn project_dynamic_member_name() {
    expect(
        r#"datatable(d:dynamic)[dynamic({"key":"v1"}), dynamic({"key":"v2"})]
        | project d.key"#,
        &["d_key:dynamic", "v1", "v2"],
    );
}

/// q/datatable-operator.md: `extend key2 = MoreData.key2` gives a dynamic column.
#[test]
fn extend_dynamic_member_access() {
    expect(
        r#"datatable(Date:datetime, Event:string, MoreData:dynamic) [
            datetime(1910-06-11), "Born", dynamic({"key1":"value1", "key2":"value2"}),
            datetime(1930-01-01), "Enters Ecole Navale", dynamic({"key1":"value3", "key2":"value4"}),
            datetime(1953-01-01), "Published first book", dynamic({"key1":"value5", "key2":"value6"}),
            datetime(1997-06-25), "Died", dynamic({"key1":"value7", "key2":"value8"}),
        ]
        | where strlen(Event) > 4
        | extend key2 = MoreData.key2"#,
        &[
            "Date:datetime|Event:string|MoreData:dynamic|key2:dynamic",
            r#"1930-01-01T00:00:00.0000000Z|Enters Ecole Navale|{"key1":"value3","key2":"value4"}|value4"#,
            r#"1953-01-01T00:00:00.0000000Z|Published first book|{"key1":"value5","key2":"value6"}|value6"#,
        ],
    );
}

// ---------------------------------------------------------------------------------------
// project, project-away, project-keep, project-rename, project-reorder
// ---------------------------------------------------------------------------------------

/// q/project-operator.md: renames and computed columns.
#[test]
fn project_rename_and_compute() {
    expect(
        r#"datatable(BeginLocation:string, InjuriesDirect:long, InjuriesIndirect:long)
        ["LYDIA", 10, 5, "KNOXVILLE", 1, 0, "HOLLY", 9, 0]
        | project StartLocation = BeginLocation, TotalInjuries = InjuriesDirect + InjuriesIndirect
        | where TotalInjuries > 5"#,
        &[
            "StartLocation:string|TotalInjuries:long",
            "LYDIA|15",
            "HOLLY|9",
        ],
    );
}

/// q/project-operator.md: "The order of the columns in the result is specified by the
/// order of the arguments".
#[test]
fn project_argument_order() {
    expect(
        "datatable(a:long, b:long, c:long)[1, 2, 3] | project c, a, s = a + b",
        &["c:long|a:long|s:long", "3|1|3"],
    );
}

/// q/projectawayoperator.md @85a45abc9.
#[test]
fn project_away_column() {
    expect(
        "datatable(A:long, B:long, C:long) [1, 2, 3]
        | project-away C    // Removes column C from the output",
        &["A:long|B:long", "1|2"],
    );
    expect(
        "datatable(A:long, B:long, C:long) [1, 2, 3] | project-away C, A",
        &["B:long", "2"],
    );
}

/// q/projectawayoperator.md @85a45abc9, "Removing columns starting with 'a'".
#[test]
fn project_away_wildcard() {
    expect(
        "print a2='a2', b = 'b', a3='a3', a1='a1'
        | project-away a*",
        &["b:string", "b"],
    );
}

/// q/project-keep-operator.md: "The order of the columns in the result is determined by
/// their original order in the table"; wildcard patterns are allowed (`session*`).
#[test]
fn project_keep_original_order_and_wildcard() {
    expect(
        "print a='a', b='b', c='c' | project-keep c, a",
        &["a:string|c:string", "a|c"],
    );
    expect(
        r#"datatable(sessionid:string, title:string, session_type:string)["COM64", "Focus", "Group"]
        | project-keep session*"#,
        &["sessionid:string|session_type:string", "COM64|Group"],
    );
}

/// Conformance `project-rename-operator-00`.
#[test]
fn project_rename_all() {
    expect(
        "print a='alpha', b='bravo', c='charlie'
        | project-rename new_a=a, new_b=b, new_c=c",
        &[
            "new_a:string|new_b:string|new_c:string",
            "alpha|bravo|charlie",
        ],
    );
}

/// q/project-rename-operator.md @14be2c80c: the column order is kept whatever the order
/// of the rename list.
#[test]
fn project_rename_keeps_column_order() {
    expect(
        "print a='a', b='b', c='c'
        |  project-rename new_b=b, new_a=a",
        &["new_a:string|new_b:string|c:string", "a|b|c"],
    );
}

/// q/project-reorder-operator.md: `project-reorder b` puts b first, the rest keep order.
#[test]
fn project_reorder_single_column() {
    expect(
        "print a='a', b='b', c='c'
        | project-reorder b",
        &["b:string|a:string|c:string", "b|a|c"],
    );
}

/// Conformance `project-reorder-operator-01` (`a* asc`).
#[test]
fn project_reorder_wildcard_asc() {
    expect(
        "print b = 'b', a2='a2', a3='a3', a1='a1'
        |  project-reorder a* asc",
        &["a1:string|a2:string|a3:string|b:string", "a1|a2|a3|b"],
    );
}

/// q/project-reorder-operator.md: "asc or desc orders columns by column name"; columns
/// not named come last.
#[test]
fn project_reorder_wildcard_desc() {
    expect(
        "print b = 'b', a2='a2', a3='a3', a1='a1'
        | project-reorder a* desc",
        &["a3:string|a2:string|a1:string|b:string", "a3|a2|a1|b"],
    );
}
