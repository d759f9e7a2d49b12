//! Literals in their canonical spelling.

use std::fmt::{self, Display, Formatter};

use crate::ast::{DynamicLiteral, Literal};
use crate::literal::timespan::TICKS_PER_DAY;
use crate::literal::{escape_string, format_datetime, format_guid, format_timespan};

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Bool(Some(b)) => write!(f, "{b}"),
            Literal::Bool(None) => f.write_str("bool(null)"),
            Literal::Int(Some(v)) => write!(f, "int({v})"),
            Literal::Int(None) => f.write_str("int(null)"),
            Literal::Long(Some(v)) if *v >= 0 => write!(f, "{v}"),
            Literal::Long(Some(v)) => write!(f, "long({v})"),
            Literal::Long(None) => f.write_str("long(null)"),
            Literal::Real(Some(v)) => write_real(f, *v),
            Literal::Real(None) => f.write_str("real(null)"),
            Literal::Decimal(Some(text)) => write!(f, "decimal({text})"),
            Literal::Decimal(None) => f.write_str("decimal(null)"),
            Literal::String(s) => {
                if s.obfuscated {
                    f.write_str("h")?;
                }
                f.write_str(&escape_string(&s.value))
            }
            Literal::DateTime(Some(t)) => write!(f, "datetime({})", datetime_text(*t)),
            Literal::DateTime(None) => f.write_str("datetime(null)"),
            Literal::TimeSpan(Some(t)) => f.write_str(&format_timespan(*t)),
            Literal::TimeSpan(None) => f.write_str("timespan(null)"),
            Literal::Guid(Some(g)) => write!(f, "guid({})", format_guid(*g)),
            Literal::Guid(None) => f.write_str("guid(null)"),
            Literal::Dynamic(d) => write!(f, "dynamic({d})"),
        }
    }
}

/// `2024-05-01` at midnight, else the full ISO form.
fn datetime_text(ticks: i64) -> String {
    let iso = format_datetime(ticks);
    if ticks.rem_euclid(TICKS_PER_DAY) == 0 {
        iso[..10].to_string()
    } else {
        iso
    }
}

/// A real that reads back as the same bits: `1.5`, `1e300`, `real(nan)`, `real(-2.0)`.
fn write_real(f: &mut Formatter<'_>, v: f64) -> fmt::Result {
    if v.is_nan() {
        f.write_str("real(nan)")
    } else if v.is_infinite() {
        f.write_str(if v > 0.0 { "real(+inf)" } else { "real(-inf)" })
    } else if v.is_sign_negative() {
        write!(f, "real({v:?})")
    } else {
        write!(f, "{v:?}")
    }
}

impl Display for DynamicLiteral {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            DynamicLiteral::Null => f.write_str("null"),
            DynamicLiteral::Bool(b) => write!(f, "{b}"),
            DynamicLiteral::Long(v) => write!(f, "{v}"),
            DynamicLiteral::Real(v) if v.is_finite() => write!(f, "{v:?}"),
            DynamicLiteral::Real(v) => write_real(f, *v),
            DynamicLiteral::String(s) => f.write_str(&escape_string(s)),
            DynamicLiteral::DateTime(t) => write!(f, "datetime({})", datetime_text(*t)),
            DynamicLiteral::TimeSpan(t) => f.write_str(&format_timespan(*t)),
            DynamicLiteral::Guid(g) => write!(f, "guid({})", format_guid(*g)),
            DynamicLiteral::Array(items) => {
                f.write_str("[")?;
                super::comma_list(f, items, |f, v| write!(f, "{v}"))?;
                f.write_str("]")
            }
            DynamicLiteral::Bag(entries) => {
                f.write_str("{")?;
                super::comma_list(f, entries, |f, (k, v)| {
                    write!(f, "{}: {v}", escape_string(k))
                })?;
                f.write_str("}")
            }
        }
    }
}
