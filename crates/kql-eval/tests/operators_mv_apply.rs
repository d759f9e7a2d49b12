//! `mv-apply`: expectations from q/mv-apply-operator.md (examples cited by title) and
//! the conformance cases mv-apply-operator-03/04/05/07.

#[path = "operators_helper.rs"]
mod helper;

use helper::{error, eval, rows};

#[test]
fn internal_mv_expand() {
    // mv-apply-operator.md, "Internal mv-expand done by mv-apply".
    let q = "datatable (index: int, Arr: dynamic) [0, dynamic([7]), 1, dynamic([6, 11, 7])]
             | mv-apply Arr2=Arr to typeof(long) on (take 100)";
    let (header, _) = eval(q);
    assert_eq!(header, ["index:int", "Arr:dynamic", "Arr2:long"]);
    assert_eq!(
        rows(q),
        ["0|[7]|7", "1|[6,11,7]|6", "1|[6,11,7]|11", "1|[6,11,7]|7"]
    );
}

#[test]
fn largest_element_and_top_two() {
    // "Getting the largest element from the array".
    let q =
        "datatable (index: int, Arr: dynamic) [0, dynamic([1, 5, 3]), 1, dynamic([10, 2, 5, 7])]
             | mv-apply topElem=Arr to typeof(long) on (top 1 by topElem)";
    assert_eq!(rows(q), ["0|[1,5,3]|5", "1|[10,2,5,7]|10"]);
    // "Find top two elements in an array" (conformance mv-apply-operator-03).
    let q = "datatable (index: int, Arr: dynamic) [0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])]
             | mv-apply Arr2=Arr to typeof(long) on (top 2 by Arr2 | summarize Top2=make_list(Arr2))";
    let (header, _) = eval(q);
    assert_eq!(header, ["index:int", "Arr:dynamic", "Top2:dynamic"]);
    assert_eq!(rows(q), ["0|[5,1,3]|[5,3]", "1|[4,10,8,7]|[10,8]"]);
}

#[test]
fn with_itemindex() {
    // "Using with_itemindex for working with a subset of the array".
    let q = "datatable (row: int, Arr: dynamic) [0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])]
             | mv-apply with_itemindex=index value=Arr to typeof(long) on (where index >= 2)";
    let (header, _) = eval(q);
    assert_eq!(
        header,
        ["row:int", "Arr:dynamic", "value:long", "index:long"]
    );
    assert_eq!(
        rows(q),
        ["0|[5,1,3]|3|2", "1|[4,10,8,7]|8|2", "1|[4,10,8,7]|7|3"]
    );
}

#[test]
fn an_expanded_column_is_not_repeated() {
    // Conformance geo-h3cell-rings-function-02's shape: the source column is expanded.
    let q = "print rings = dynamic(['a', 'b']) | mv-apply rings on (summarize cells = make_list(rings))";
    assert_eq!(eval(q).0, ["cells:dynamic"]);
    assert_eq!(rows(q), [r#"["a","b"]"#]);
}

#[test]
fn refusals() {
    let q = "datatable (a: long, b: long, Arr: dynamic) [1, 2, dynamic([1])]
             | mv-apply x = Arr on (project a, x)";
    assert!(error(q).contains("some of the input"));
    let q = "datatable (a: long, Arr: dynamic) [1, dynamic([])]
             | mv-apply x = Arr on (summarize count())";
    assert!(error(q).contains("expands to nothing"));
}
