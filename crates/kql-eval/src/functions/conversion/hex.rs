//! `tohex(value[, minLength])` (q/tohex-function.md).
//!
//! ```kql
//! print tohex(256), tohex(-256), tohex(toint(-256), 8), tohex(256, 8)   // "100", "ffffffffffffff00", "ffffff00", "00000100"
//! ```

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

pub(super) fn tohex_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for (i, a) in args.iter().enumerate() {
        if !matches!(a.ty, ScalarType::Int | ScalarType::Long) {
            return Err(TypeError::arg(
                i,
                format!("tohex takes whole numbers, not {}", a.ty),
            ));
        }
    }
    Ok(ScalarType::String)
}

/// `tohex(value[, minLength])` (q/tohex-function.md): an int is written as 32 bits, a
/// long as 64; `minLength` pads with zeros, capped at 16.
pub(super) fn tohex(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let digits = match &v[0] {
            Value::Int(n) => format!("{:x}", *n as u32),
            Value::Long(n) => format!("{:x}", *n as u64),
            _ => return Ok(Value::Null),
        };
        let min_len = match v.get(1) {
            None => 0,
            Some(Value::Null) => return Ok(Value::Null),
            Some(m) => match m.as_i64() {
                Some(n) if (1..=16).contains(&n) => n as usize,
                Some(n) if n > 16 => 16,
                _ => return Err(super::unsure("tohex", m)),
            },
        };
        Ok(Value::String(format!("{digits:0>min_len$}").into()))
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::string::test_util::eval_row;

    #[test]
    fn tohex_examples() {
        // q/tohex-function.md.
        let row = eval_row(
            "print tohex(256) == '100', tohex(-256) == 'ffffffffffffff00', \
             tohex(toint(-256), 8) == 'ffffff00', tohex(256, 8) == '00000100', tohex(256, 2) == '100'",
        );
        assert!(row.iter().all(|c| c == "true"), "{row:?}");
    }
}
