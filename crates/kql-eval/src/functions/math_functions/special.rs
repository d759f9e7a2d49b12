//! Special functions: `gamma`, `loggamma`, `erf`, `erfc` (q/gamma-function.md,
//! q/erf-function.md).
//!
//! ```kql
//! print gamma(5), erf(1), erfc(3)    // 24, 0.8427007929497149, 2.2090496998585438e-05
//! ```
//!
//! Neither .NET nor Rust's std has these, so Kusto's last digits come from its own
//! implementation; these agree with the documented values to about 1e-14 **[U]**.

use std::f64::consts::PI;

/// Lanczos coefficients (g = 7, n = 9).
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];

/// `(ln(sqrt(2 pi)) + ...)`: ln Γ(x) for x >= 0.5.
fn ln_gamma_positive(x: f64) -> f64 {
    let x = x - 1.0;
    let mut a = LANCZOS[0];
    let t = x + 7.5;
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// Γ(x); `None` at the poles (0, -1, -2, ...).
pub(super) fn gamma(x: f64) -> Option<f64> {
    if x.is_nan() {
        return Some(x);
    }
    if x <= 0.0 && x == x.floor() {
        return None;
    }
    if x == x.floor() && x <= 171.0 {
        // Integers: (x-1)! by exact products while they fit 53 bits.
        let mut f = 1.0;
        let mut k = 2.0;
        while k < x {
            f *= k;
            k += 1.0;
        }
        return Some(f);
    }
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1-x) = π / sin(πx).
        return gamma(1.0 - x).map(|g| PI / ((PI * x).sin() * g));
    }
    if x > 171.7 {
        return Some(f64::INFINITY);
    }
    Some(ln_gamma_positive(x).exp())
}

/// ln |Γ(x)|; `None` at the poles.
pub(in crate::functions) fn loggamma(x: f64) -> Option<f64> {
    if x.is_nan() {
        return Some(x);
    }
    if x <= 0.0 && x == x.floor() {
        return None;
    }
    if x < 0.5 {
        let s = (PI * x).sin().abs();
        return loggamma(1.0 - x).map(|l| PI.ln() - s.ln() - l);
    }
    if x == x.floor() && x <= 171.0 {
        return gamma(x).map(f64::ln);
    }
    Some(ln_gamma_positive(x))
}

/// erf(x) by the series 2/√π e^(-x²) Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), whose terms are
/// all positive (no cancellation); for |x| >= 2.5, 1 - erfc(x).
pub(super) fn erf(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x.abs() >= 2.5 {
        return x.signum() * (1.0 - erfc_tail(x.abs()));
    }
    let x2 = x * x;
    let mut term = x;
    let mut sum = x;
    let mut n = 0.0;
    while term.abs() > sum.abs() * 1e-17 {
        n += 1.0;
        term *= 2.0 * x2 / (2.0 * n + 1.0);
        sum += term;
    }
    2.0 / PI.sqrt() * (-x2).exp() * sum
}

/// erfc(x) = 1 - erf(x), by the continued fraction for |x| >= 1 (no cancellation).
pub(super) fn erfc(x: f64) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x >= 1.0 {
        erfc_tail(x)
    } else if x <= -1.0 {
        2.0 - erfc_tail(-x)
    } else {
        1.0 - erf(x)
    }
}

/// erfc(x) for x >= 1: e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))),
/// evaluated by the modified Lentz method.
fn erfc_tail(x: f64) -> f64 {
    if x > 27.3 {
        return 0.0;
    }
    let tiny = 1e-300;
    let mut f = x;
    let mut c = x;
    let mut d = 0.0;
    for k in 1..500 {
        let a = f64::from(k) / 2.0;
        d = x + a * d;
        d = if d == 0.0 { tiny } else { d };
        c = x + a / c;
        c = if c == 0.0 { tiny } else { c };
        d = 1.0 / d;
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    (-x * x).exp() / PI.sqrt() / f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-13 * b.abs().max(1e-300)
    }

    #[test]
    fn conformance_values() {
        // conformance erf-function-00, erfc-function-00, gamma-function-00
        for (x, e) in [
            (1.0, 0.8427007929497149),
            (2.0, 0.9953222650189527),
            (3.0, 0.9999779095030014),
        ] {
            assert!(close(erf(x), e), "erf({x}) = {}", erf(x));
            assert!(close(erf(-x), -e));
        }
        for (x, e) in [
            (-3.0, 1.9999779095030015),
            (-1.0, 1.842700792949715),
            (0.0, 1.0),
            (1.0, 0.15729920705028513),
            (2.0, 0.004677734981047265),
            (3.0, 2.2090496998585438e-05),
        ] {
            assert!(close(erfc(x), e), "erfc({x}) = {}", erfc(x));
        }
        assert_eq!(erf(0.0), 0.0);
        assert_eq!(gamma(5.0), Some(24.0));
        assert!(close(gamma(0.5).unwrap_or(0.0), PI.sqrt()));
        assert!(close(gamma(-0.5).unwrap_or(0.0), -2.0 * PI.sqrt()));
        assert_eq!(gamma(0.0), None);
        assert!(close(loggamma(10.0).unwrap_or(0.0), 362_880f64.ln()));
        assert!(close(loggamma(2.5).unwrap_or(0.0), (0.75 * PI.sqrt()).ln()));
    }
}
