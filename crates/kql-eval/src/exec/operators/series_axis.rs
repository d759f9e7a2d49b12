//! The axis of `make-series`: bins of `step` anchored at `from` (or at 0), for
//! datetime, timespan and whole-number axes in exact integer arithmetic (ticks), and
//! for real axes in floating point (`floor((v - from) / step)`, as `bin_at` computes).
//!
//! ```kql
//! T | make-series count() on Timestamp from datetime(2025-01-06) to datetime(2025-02-09) step 7d
//! // bins: 2025-01-06, 01-13, 01-20, 01-27, 02-03 (to is exclusive)
//! ```

use kql_parser::ast::ScalarType;

use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

/// An axis value: ticks or a whole number, or a real.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Num {
    Int(i128),
    Real(f64),
}

impl Num {
    /// The axis value of a cell (`None` for null).
    pub(crate) fn of(v: &Value) -> Option<Num> {
        match v {
            Value::Int(n) => Some(Num::Int(i128::from(*n))),
            Value::Long(n) | Value::DateTime(n) | Value::TimeSpan(n) => {
                Some(Num::Int(i128::from(*n)))
            }
            Value::Real(r) => Some(Num::Real(*r)),
            _ => None,
        }
    }

    fn real(self) -> f64 {
        match self {
            Num::Int(n) => n as f64,
            Num::Real(r) => r,
        }
    }
}

/// Bins `anchor + b * step`, `b` a whole number.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Grid {
    ty: ScalarType,
    anchor: Num,
    step: Num,
}

impl Grid {
    pub(crate) fn new(
        ty: ScalarType,
        from: Option<&Value>,
        step: &Value,
    ) -> Result<Grid, EvalError> {
        let real = ty == ScalarType::Real;
        let cast = |n: Num| if real { Num::Real(n.real()) } else { n };
        let step = Num::of(step)
            .map(cast)
            .ok_or_else(|| EvalError::invalid("make-series: the step is null"))?;
        let positive = match step {
            Num::Int(s) => s > 0,
            Num::Real(s) => s > 0.0 && s.is_finite(),
        };
        if !positive {
            return Err(EvalError::invalid("make-series: the step must be positive"));
        }
        let anchor = match from {
            None => cast(Num::Int(0)),
            Some(v) => Num::of(v)
                .map(cast)
                .ok_or_else(|| EvalError::invalid("make-series: `from` is null"))?,
        };
        if matches!(
            (anchor, step),
            (Num::Real(_), Num::Int(_)) | (Num::Int(_), Num::Real(_))
        ) {
            return Err(EvalError::Internal(
                "make-series axis of mixed kinds".into(),
            ));
        }
        Ok(Grid { ty, anchor, step })
    }

    /// The bin of a value (`None` when it has none: NaN, out of range).
    pub(crate) fn bin(&self, v: Num) -> Option<i64> {
        match (self.anchor, self.step, v) {
            (Num::Int(a), Num::Int(s), Num::Int(v)) => i64::try_from((v - a).div_euclid(s)).ok(),
            (Num::Real(a), Num::Real(s), v) => whole(((v.real() - a) / s).floor()),
            _ => None,
        }
    }

    /// How many bins lie below `to` (exclusive): `ceil((to - anchor) / step)`.
    pub(crate) fn bins_below(&self, to: &Value) -> Result<i64, EvalError> {
        let bad = || EvalError::invalid("make-series: `to` is null or out of range");
        let to = Num::of(to).ok_or_else(bad)?;
        match (self.anchor, self.step, to) {
            (Num::Int(a), Num::Int(s), Num::Int(t)) => {
                let d = t - a;
                let q = d.div_euclid(s) + i128::from(d.rem_euclid(s) != 0);
                i64::try_from(q).map_err(|_| bad())
            }
            (Num::Real(a), Num::Real(s), t) => whole(((t.real() - a) / s).ceil()).ok_or_else(bad),
            _ => Err(bad()),
        }
    }

    /// The axis value of bin `b`, as an array element.
    pub(crate) fn value(&self, b: i64) -> Result<Dynamic, EvalError> {
        let out_of_range = || EvalError::invalid("make-series: an axis value is out of range");
        match (self.anchor, self.step) {
            (Num::Int(a), Num::Int(s)) => {
                let v = i64::try_from(a + i128::from(b) * s).map_err(|_| out_of_range())?;
                Ok(match self.ty {
                    ScalarType::DateTime => Dynamic::DateTime(v),
                    ScalarType::TimeSpan => Dynamic::TimeSpan(v),
                    _ => Dynamic::Long(v),
                })
            }
            (Num::Real(a), Num::Real(s)) => Ok(Dynamic::Real(a + b as f64 * s)),
            _ => Err(out_of_range()),
        }
    }
}

/// A whole real as an i64 (`None` for NaN, infinities, out of range).
fn whole(r: f64) -> Option<i64> {
    (r.is_finite() && r.abs() < 9.0e18).then_some(r as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_bins_anchor_at_from() {
        let day = 864_000_000_000;
        let from = Value::DateTime(10 * day);
        let grid = Grid::new(ScalarType::DateTime, Some(&from), &Value::TimeSpan(7 * day)).unwrap();
        assert_eq!(grid.bin(Num::Int(i128::from(11 * day))), Some(0));
        assert_eq!(grid.bin(Num::Int(i128::from(9 * day))), Some(-1));
        assert_eq!(grid.bins_below(&Value::DateTime(44 * day)).unwrap(), 5);
        assert_eq!(grid.bins_below(&Value::DateTime(45 * day)).unwrap(), 5);
        assert_eq!(grid.value(1).unwrap(), Dynamic::DateTime(17 * day));
    }

    #[test]
    fn real_bins_floor() {
        let grid = Grid::new(ScalarType::Real, None, &Value::Real(0.5)).unwrap();
        assert_eq!(grid.bin(Num::Real(1.2)), Some(2));
        assert_eq!(grid.bin(Num::Real(-0.1)), Some(-1));
        assert_eq!(grid.bin(Num::Real(f64::NAN)), None);
        assert!(Grid::new(ScalarType::Real, None, &Value::Real(0.0)).is_err());
    }
}
