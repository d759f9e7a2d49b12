//! `mv-expand`: expectations from q/mv-expand-operator.md (examples cited by title) and
//! the conformance cases.

#[path = "operators_helper.rs"]
mod helper;

use helper::{error, eval, rows};

#[test]
fn single_column_array_expansion() {
    // mv-expand-operator.md, "Single column - array expansion".
    let q = "datatable (a: int, b: dynamic) [1, dynamic([10, 20]), 2, dynamic(['a', 'b'])]
             | mv-expand b";
    let (header, _) = eval(q);
    assert_eq!(header, ["a:int", "b:dynamic"]);
    assert_eq!(rows(q), ["1|10", "1|20", "2|a", "2|b"]);
}

#[test]
fn single_column_bag_expansion() {
    // "Single column - bag expansion".
    let q = r#"datatable (a: int, b: dynamic)
               [1, dynamic({"prop1": "a1", "prop2": "b1"}), 2, dynamic({"prop1": "a2", "prop2": "b2"})]
               | mv-expand b"#;
    assert_eq!(
        rows(q),
        [
            r#"1|{"prop1":"a1"}"#,
            r#"1|{"prop2":"b1"}"#,
            r#"2|{"prop1":"a2"}"#,
            r#"2|{"prop2":"b2"}"#
        ]
    );
}

#[test]
fn bag_expansion_to_key_value_pairs() {
    // "Single column - bag expansion to key-value pairs".
    let q = r#"datatable (a: int, b: dynamic)
               [1, dynamic({"prop1": "a1", "prop2": "b1"}), 2, dynamic({"prop1": "a2", "prop2": "b2"})]
               | mv-expand kind=array b
               | extend key = b[0], val = b[1]"#;
    assert_eq!(
        rows(q),
        [
            r#"1|["prop1","a1"]|prop1|a1"#,
            r#"1|["prop2","b1"]|prop2|b1"#,
            r#"2|["prop1","a2"]|prop1|a2"#,
            r#"2|["prop2","b2"]|prop2|b2"#
        ]
    );
}

#[test]
fn two_columns_zip() {
    // "Zipped two columns": the shorter value pads with null.
    let q = r#"datatable (a: int, b: dynamic, c: dynamic)
               [1, dynamic({"prop1": "a", "prop2": "b"}), dynamic([5, 4, 3])]
               | mv-expand b, c"#;
    assert_eq!(
        rows(q),
        [r#"1|{"prop1":"a"}|5"#, r#"1|{"prop2":"b"}|4"#, "1||3"]
    );
}

#[test]
fn cartesian_product_by_two_expansions() {
    // "Cartesian product of two columns".
    let q = r#"datatable (a: int, b: dynamic, c: dynamic)
               [1, dynamic({"prop1": "a", "prop2": "b"}), dynamic([5, 6])]
               | mv-expand b | mv-expand c"#;
    assert_eq!(rows(q).len(), 4);
}

#[test]
fn to_typeof_sets_the_column_type() {
    // "Convert output": b stays dynamic, c becomes int.
    let q = r#"datatable (a: string, b: dynamic, c: dynamic)
               ["Constant", dynamic([1, 2, 3, 4]), dynamic([6, 7, 8, 9])]
               | mv-expand b, c to typeof(int)"#;
    let (header, body) = eval(q);
    assert_eq!(header, ["a:string", "b:dynamic", "c:int"]);
    assert_eq!(body[3], ["Constant", "4", "9"]);
}

#[test]
fn with_itemindex_adds_a_last_long_column() {
    // "Using with_itemindex" (over a literal array instead of make_list).
    let q = "print x = dynamic([1, 2, 3, 4]) | mv-expand with_itemindex=Index x";
    let (header, _) = eval(q);
    assert_eq!(header, ["x:dynamic", "Index:long"]);
    assert_eq!(rows(q), ["1|0", "2|1", "3|2", "4|3"]);
    // A taken name gets the next free suffix.
    let (header, _) = eval("print x = dynamic([1]) | mv-expand with_itemindex=x x");
    assert_eq!(header, ["x:dynamic", "x1:long"]);
}

#[test]
fn names_replace_in_place_or_append() {
    let q = "print id = 1, a = dynamic([10, 20]), b = 'orig' | mv-expand x = a";
    assert_eq!(eval(q).0, ["id:long", "a:dynamic", "b:string", "x:dynamic"]);
    let q = "print id = 1, a = dynamic([10, 20]), b = 'orig' | mv-expand b = a";
    assert_eq!(eval(q).0, ["id:long", "a:dynamic", "b:dynamic"]);
    assert_eq!(rows(q), ["1|[10,20]|10", "1|[10,20]|20"]);
    // An unnamed expression is named as `extend` names it.
    let q = r#"print Folders = '[{"n":1},{"n":2}]' | mv-expand todynamic(Folders)"#;
    assert_eq!(eval(q).0, ["Folders:dynamic"]);
    assert_eq!(rows(q), [r#"{"n":1}"#, r#"{"n":2}"#]);
}

#[test]
fn null_empty_and_scalar_values() {
    // q/mv-expand-operator.md, "Returns": null gives one row, an empty array none.
    let q = "datatable (k: long, d: dynamic) [1, dynamic(null), 2, dynamic([]), 3, dynamic(7)]
             | mv-expand d";
    assert_eq!(rows(q), ["1|", "3|7"]);
    // Zipped, an empty array pads against a longer one; null counts as one element.
    let q = "print a = dynamic([]), b = dynamic(['p']), c = dynamic(null) | mv-expand a, b, c";
    assert_eq!(rows(q), ["|p|"]);
}

#[test]
fn typed_elements_convert() {
    let q = "print d = dynamic([1, 2.5, -2.5, '2', true, null]) | mv-expand d to typeof(long)";
    assert_eq!(rows(q), ["1", "2", "-2", "", "", ""]);
    let q = "print d = dynamic([1, 'x', null, {'a': 1}]) | mv-expand d to typeof(string)";
    assert_eq!(rows(q), ["1", "x", "", r#"{"a":1}"#]);
    let q = "print d = dynamic(['2017-10-01 00:01:00', 5]) | mv-expand d to typeof(datetime)";
    assert_eq!(rows(q), ["2017-10-01T00:01:00.0000000Z", ""]);
}

#[test]
fn limit_caps_rows_per_input_row() {
    let q = "datatable (k: long, d: dynamic) [1, dynamic([1, 2, 3]), 2, dynamic([4])]
             | mv-expand d limit 2";
    assert_eq!(rows(q), ["1|1", "1|2", "2|4"]);
    assert!(rows("print d = dynamic([1, 2]) | mv-expand d limit 0").is_empty());
}

#[test]
fn pruning_keeps_the_expanded_items() {
    // Only `k` is read above, but the expansion still decides the row count.
    let q = "datatable (k: long, d: dynamic, e: string) [1, dynamic([1, 2, 3]), 'x']
             | mv-expand d | project k";
    assert_eq!(rows(q), ["1", "1", "1"]);
}

#[test]
fn refusals() {
    assert!(error("print s = 'a' | mv-expand s").contains("dynamic"));
    assert!(error("print d = dynamic([1]) | mv-expand d to typeof(decimal)").contains("decimal"));
    assert!(error("print d = dynamic([1]) | mv-expand kind=zip d").contains("zip"));
}
