//! Kusto `real` text, as .NET (Core 3.0+) writes doubles with the invariant culture.
//!
//! | value | `tostring()` | inside dynamic JSON |
//! |---|---|---|
//! | `1.0` | `1` | `1.0` |
//! | `0.5` | `0.5` | `0.5` |
//! | `32.15620994567871` | `32.15620994567871` | `32.15620994567871` |
//! | `1e15` | `1E+15` | `1E+15` |
//! | `1e14` | `100000000000000` | `100000000000000.0` |
//! | `0.0001` | `0.0001` | `0.0001` |
//! | `0.00001` | `1E-05` | `1E-05` |
//! | NaN, +inf, -inf | `NaN`, `Infinity`, `-Infinity` | strings `"NaN"`, `"Infinity"`, `"-Infinity"` |
//!
//! Digits are the shortest that round-trip (conformance `geo-geohash-to-central-point-function-02`
//! prints `32.15620994567871_34.80245590209961` from `strcat` of two reals). .NET switches
//! to scientific notation when the decimal exponent is above
//! `max(digits, 15)` or below -4 (`Number.Formatting.cs`, `FormatDouble` with `R`/`G`), and
//! Kusto's JSON writer appends `.0` to integral reals (conformance
//! `geo-polygon-densify-function-01`: `[[[10.0,10.000000000000002],[10.25,10.0],...`).

/// The `tostring()` text of a real.
pub fn format_real(x: f64) -> String {
    let mut s = String::with_capacity(24);
    push_real(&mut s, x);
    s
}

/// Appends the `tostring()` text of a real.
pub fn push_real(out: &mut String, x: f64) {
    if x.is_nan() {
        out.push_str("NaN");
        return;
    }
    if x.is_infinite() {
        out.push_str(if x > 0.0 { "Infinity" } else { "-Infinity" });
        return;
    }
    // Rust's `{:e}` gives the shortest round-trip digits: "-1.2345e-5".
    let sci = format!("{x:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (negative, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => (true, m),
        None => (false, mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let n = digits.len() as i32;
    // Position of the decimal point relative to the first digit: value = 0.d1d2.. * 10^scale.
    let scale = exp + 1;
    if negative {
        out.push('-');
    }
    if scale > n.max(15) || scale < -3 {
        let (first, rest) = digits.split_at(digits.len().min(1));
        out.push_str(first);
        if !rest.is_empty() {
            out.push('.');
            out.push_str(rest);
        }
        let e = scale - 1;
        out.push_str(if e < 0 { "E-" } else { "E+" });
        out.push_str(&format!("{:02}", e.unsigned_abs()));
    } else if scale <= 0 {
        out.push_str("0.");
        for _ in scale..0 {
            out.push('0');
        }
        out.push_str(&digits);
    } else if scale >= n {
        out.push_str(&digits);
        for _ in n..scale {
            out.push('0');
        }
    } else {
        let (int, frac) = digits.split_at(scale as usize);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    }
}

/// Appends a real as a JSON value the way Kusto writes reals inside `dynamic` and in
/// result rows: a number with `.0` when integral (`10.0`), and the non-finite values as
/// the strings `"NaN"`, `"Infinity"`, `"-Infinity"` (JSON has no such numbers).
pub fn push_real_json(out: &mut String, x: f64) {
    if !x.is_finite() {
        out.push('"');
        push_real(out, x);
        out.push('"');
        return;
    }
    let start = out.len();
    push_real(out, x);
    if !out[start..].contains(['.', 'E']) {
        out.push_str(".0");
    }
}

/// The representative used for total equality, hashing and ordering: every NaN is
/// the same NaN and `-0.0` is `0.0`.
pub fn canonical_real(x: f64) -> f64 {
    if x.is_nan() {
        f64::NAN
    } else if x == 0.0 {
        0.0
    } else {
        x
    }
}

/// Parses real text: decimal or scientific notation, and `NaN`, `Infinity`, `-Infinity`
/// (also `inf`), any case, surrounding whitespace ignored.
pub fn parse_real(text: &str) -> Option<f64> {
    let s = text.trim();
    if s.is_empty() {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    match lower.trim_start_matches(['+', '-']) {
        "nan" => return Some(f64::NAN),
        "infinity" | "inf" => {
            return Some(if lower.starts_with('-') {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            });
        }
        _ => {}
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'+' | b'-' | b'.' | b'e' | b'E'))
    {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(x: f64) -> String {
        let mut s = String::new();
        push_real_json(&mut s, x);
        s
    }

    #[test]
    fn tostring_matches_dotnet() {
        assert_eq!(format_real(1.0), "1");
        assert_eq!(format_real(-1.0), "-1");
        assert_eq!(format_real(0.0), "0");
        assert_eq!(format_real(-0.0), "-0");
        assert_eq!(format_real(0.5), "0.5");
        assert_eq!(format_real(1.5811388300841898), "1.5811388300841898");
        // conformance geo-geohash-to-central-point-function-02 (strcat of reals).
        assert_eq!(format_real(32.15620994567871), "32.15620994567871");
        assert_eq!(format_real(34.80245590209961), "34.80245590209961");
        assert_eq!(format_real(1e14), "100000000000000");
        assert_eq!(format_real(1e15), "1E+15");
        assert_eq!(format_real(123456789012345680.0), "1.2345678901234568E+17");
        assert_eq!(format_real(1234567890123456.7), "1234567890123456.8");
        assert_eq!(format_real(0.0001), "0.0001");
        assert_eq!(format_real(0.00001), "1E-05");
        assert_eq!(
            format_real(2.2090496998585438e-05),
            "2.2090496998585438E-05"
        );
        assert_eq!(format_real(1e-300), "1E-300");
        assert_eq!(format_real(f64::MAX), "1.7976931348623157E+308");
        assert_eq!(format_real(f64::NAN), "NaN");
        assert_eq!(format_real(f64::INFINITY), "Infinity");
        assert_eq!(format_real(f64::NEG_INFINITY), "-Infinity");
    }

    #[test]
    fn json_form_marks_integral_reals() {
        // conformance geo-polygon-densify-function-01: 10.0, 10.25, 10.000000000000002.
        assert_eq!(json(10.0), "10.0");
        assert_eq!(json(10.25), "10.25");
        assert_eq!(json(10.000000000000002), "10.000000000000002");
        assert_eq!(json(-73.949247), "-73.949247");
        assert_eq!(json(1e15), "1E+15");
        assert_eq!(json(f64::NAN), "\"NaN\"");
        assert_eq!(json(f64::NEG_INFINITY), "\"-Infinity\"");
    }

    #[test]
    fn text_round_trips() {
        for x in [0.1, 1.0 / 3.0, 1e-7, 6.02e23, -2.5, 1e15, 1e300] {
            assert_eq!(parse_real(&format_real(x)), Some(x));
        }
        assert!(parse_real("NaN").is_some_and(f64::is_nan));
        assert_eq!(parse_real("-Infinity"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_real(" 1.5 "), Some(1.5));
        assert_eq!(parse_real("1e3"), Some(1000.0));
        assert_eq!(parse_real("abc"), None);
        assert_eq!(parse_real(""), None);
        assert_eq!(parse_real("0x10"), None);
    }
}
