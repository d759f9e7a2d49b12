//! `series_*` functions: expected values from the Kusto docs examples
//! (learn.microsoft.com/kusto/query/series-<name>-function, cited per test) and the
//! conformance cases of the same names.

#[path = "operators_helper.rs"]
mod helper;

use helper::{error, rows};

#[test]
fn unary_element_wise() {
    // series-abs-function (conformance series-abs-function-00).
    assert_eq!(
        rows("print series_abs(dynamic([-6.5,0,8.2]))"),
        ["[6.5,0.0,8.2]"]
    );
    // series-floor-function (conformance series-floor-function-00).
    assert_eq!(
        rows("print series_floor(dynamic([-1.5,1,2.5]))"),
        ["[-2.0,1.0,2.0]"]
    );
    // series-acos-function (conformance series-acos-function-00).
    assert_eq!(
        rows("print series_acos(dynamic([-1,0,1]))"),
        ["[3.141592653589793,1.5707963267948966,0.0]"]
    );
    // "Any non-numeric element yields a null element value".
    assert_eq!(
        rows("print series_abs(dynamic([1,'a',null]))"),
        ["[1.0,null,null]"]
    );
}

#[test]
fn binary_element_wise() {
    // series-subtract-function (conformance series-subtract-function-00).
    let q = "range x from 1 to 3 step 1 | extend y = x * 2 | extend z = y * 2
             | project s1 = pack_array(x,y,z), s2 = pack_array(z, y, x)
             | project series_subtract(s1, s2)";
    assert_eq!(rows(q), ["[-3,0,3]", "[-6,0,6]", "[-9,0,9]"]);
    // series-pow-function (conformance series-pow-function-00).
    assert_eq!(
        rows("print series_pow(dynamic([1, 2, 3, 4]), dynamic([1, 2, 3, 0.5]))"),
        ["[1.0,4.0,27.0,2.0]"]
    );
    // series-greater-function, series-equals-function, series-less-equals-function.
    let (a, b) = ("dynamic([1,2,4])", "dynamic([4,2,1])");
    assert_eq!(
        rows(&format!("print series_greater({a}, {b})")),
        ["[false,false,true]"]
    );
    assert_eq!(
        rows(&format!("print series_equals({a}, {b})")),
        ["[false,true,false]"]
    );
    assert_eq!(
        rows(&format!("print series_less_equals({a}, {b})")),
        ["[true,true,false]"]
    );
    // "non-existing element, such as in the case of arrays of different sizes, yields a
    // null element value" (series-subtract-function).
    assert_eq!(
        rows("print series_add(dynamic([1,2]), dynamic([0.5]))"),
        ["[1.5,null]"]
    );
}

#[test]
fn fills() {
    // series-fill-backward-function (conformance series-fill-backward-function-00).
    assert_eq!(
        rows(
            "print series_fill_backward(dynamic([111, null, 36, 41, null, null, 16, 61, 33, null, null]))"
        ),
        ["[111,36,36,41,16,16,16,61,33,null,null]"]
    );
    // series-fill-const-function (conformance series-fill-const-function-00).
    let a = "dynamic([111, null, 36, 41, 23, null, 16, 61, 33, null, null])";
    assert_eq!(
        rows(&format!(
            "print series_fill_const({a}, 0.0), series_fill_const({a}, -1)"
        )),
        ["[111,0.0,36,41,23,0.0,16,61,33,0.0,0.0]|[111,-1,36,41,23,-1,16,61,33,-1,-1]"]
    );
    // series-fill-linear-function (conformance series-fill-linear-function-00).
    let d = "dynamic([null, 111.0, null, 36.0, 41.0, null, null, 16.0, 61.0, 33.0, null, null])";
    assert_eq!(
        rows(&format!(
            "print series_fill_linear({d}, double(null), false)"
        )),
        [
            "[null,111.0,73.5,36.0,41.0,32.66666666666667,24.333333333333336,16.0,61.0,33.0,null,null]"
        ]
    );
    let i = "dynamic([null, 111, null, 36, 41, null, null, 16, 61, 33, null, null])";
    assert_eq!(
        rows(&format!("print series_fill_linear({i})")),
        ["[111,111,73,36,41,32,24,16,61,33,33,33]"]
    );
    assert_eq!(
        rows("print series_fill_linear(dynamic([null, null]), double(null), true, 3.14159)"),
        ["[3.14159,3.14159]"]
    );
}

#[test]
fn reductions_and_filters() {
    // series-sum-function, series-magnitude-function.
    assert_eq!(rows("print series_sum(dynamic([1,2,3,4]))"), ["10"]);
    assert_eq!(
        rows("print series_magnitude(dynamic([1,2,3,4]))"),
        ["5.477225575051661"]
    );
    // series-dot-product-function (conformance series-dot-product-function-00).
    assert_eq!(
        rows("print series_dot_product(dynamic([2,4,8]), dynamic([8,4,2]))"),
        ["48"]
    );
    // series-cosine-similarity-function (conformance series-cosine-similarity-function-00).
    assert_eq!(
        rows(
            "print series_cosine_similarity(dynamic([0.1,0.2,0.1,0.2]), dynamic([0.11,0.2,0.11,0.21]))"
        ),
        ["0.9993534382550399"]
    );
    // series-iir-function (conformance series-iir-function-00): a cumulative sum.
    assert_eq!(
        rows("print series_iir(range(1.0, 5, 1), dynamic([1]), dynamic([1,-1]))"),
        ["[1.0,3.0,6.0,10.0,15.0]"]
    );
}

#[test]
fn undocumented_inputs_are_refused() {
    for q in [
        "print series_abs(dynamic(null))",
        "print series_abs(dynamic([true]))",
        "print series_log(dynamic([0]))",
        "print series_add(dynamic([9223372036854775807]), dynamic([1]))",
        "print series_sum(dynamic([1, null]))",
        "print series_dot_product(dynamic([1]), dynamic([1, 2]))",
        "print series_fill_forward(dynamic([1, null]), 0)",
        "print series_fill_backward(dynamic(['a', null]))",
        "print series_fill_const(dynamic(['a', null]), 1)",
        "print series_fill_linear(dynamic([1, null, 2.5]))",
        "print series_iir(dynamic([1]), dynamic([1]), dynamic([0]))",
    ] {
        assert!(error(q).contains("undocumented"), "{q}");
    }
}
