//! Unit tests of the math functions, with expected values from the docs and conformance.

use super::test_support::{row, try_eval, types};

#[test]
fn round_doc_examples() {
    // q/round-function.md
    assert_eq!(
        row(
            "print round(2.98765, 3), round(2.15, 1), round(2.15), round(-50.55, -2), round(21.5, -1)"
        ),
        ["2.988", "2.2", "2", "-100", "20"]
    );
    assert_eq!(
        types("print round(2.15, 1), round(1234, -2)"),
        ["real", "long"]
    );
    assert_eq!(
        row("print round(1250, -2), round(-1250, -2), round(2.5), round(-2.5)"),
        ["1300", "-1300", "3", "-3"]
    );
    // Within an ulp of a midpoint: refused, not guessed.
    assert!(try_eval("print round(1.005, 2)").is_err());
    assert!(try_eval("print round(int(1))").is_err());
}

#[test]
fn ceiling_abs_sign() {
    // q/ceiling-function.md; conformance sign-function-00
    assert_eq!(
        row("print ceiling(-1.1), ceiling(0), ceiling(0.9)"),
        ["-1", "0", "1"]
    );
    assert_eq!(
        row("print sign(-42), sign(0), sign(11.2)"),
        ["-1", "0", "1"]
    );
    assert_eq!(
        types("print sign(-42), abs(-5), abs(-1.5), abs(-1h)"),
        ["real", "long", "real", "timespan"]
    );
    assert_eq!(
        row("print abs(-5), abs(-1.5), abs(-1h)"),
        ["5", "1.5", "01:00:00"]
    );
}

#[test]
fn real_functions() {
    // conformance: exp-function-00, log10-function-00, pow-function-00, cos-function-00,
    // degrees-function-00; q/log-function.md; q/sqrt-function.md
    assert_eq!(
        row("print exp(2), log10(5), pow(2, 3), cos(1), log(5)"),
        [
            "7.38905609893065",
            "0.6989700043360189",
            "8",
            "0.5403023058681398",
            "1.6094379124341003"
        ]
    );
    assert_eq!(
        row("print degrees(pi()/4), degrees(pi()*1.5), degrees(0)"),
        ["45", "270", "0"]
    );
    assert_eq!(
        row("print sqrt(-1), log(-1), sqrt(4), exp2(3), exp10(2)"),
        ["", "", "2", "8", "100"]
    );
    assert_eq!(
        row("print isfinite(1.0/0), isinf(-1.0/0), isnan(0.0/0), isfinite(1)"),
        ["false", "true", "true", "true"]
    );
    assert!(try_eval("print isnan(real(null))").is_err());
    // conformance gamma-function-00, erf-function-00
    assert_eq!(row("print gamma(5), erfc(0), erf(0)"), ["24", "1", "0"]);
    assert!(try_eval("print gamma(-1)").is_err());
}

#[test]
fn min_max_of() {
    // q/max-of-function.md; conformance min-of-function-01
    assert_eq!(
        row("print max_of(10, 1, -3, 17), min_of(10, 1, -3, 17)"),
        ["17", "-3"]
    );
    assert_eq!(
        row("print max_of(int(null), 3), min_of(int(null), int(null))"),
        ["3", ""]
    );
    assert_eq!(
        types("print max_of(1, 2.5), min_of(int(1), int(2))"),
        ["real", "int"]
    );
    assert_eq!(
        row("print max_of(1, 2.5), max_of(datetime(2020-01-01), datetime(2021-01-01))"),
        ["2.5", "2021-01-01T00:00:00.0000000Z"]
    );
    assert!(try_eval("print max_of('a', 'b')").is_err());
}

#[test]
fn bitwise() {
    // conformance binary-or-function-00, bitset-count-ones-function-00;
    // q/binary-shift-left-function.md
    assert_eq!(
        row("print binary_or(5, 3), bitset_count_ones(42), binary_shift_left(1, 2)"),
        ["7", "3", "4"]
    );
    assert_eq!(
        row("print binary_and(6, 3), binary_xor(6, 3), binary_not(0), binary_shift_right(-8, 1)"),
        ["2", "5", "-1", "-4"]
    );
    assert_eq!(
        row("print binary_shift_left(1, -1), binary_shift_left(1, 65)"),
        ["", "2"]
    );
}
