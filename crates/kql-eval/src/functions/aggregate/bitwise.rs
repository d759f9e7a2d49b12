//! `binary_all_and`, `binary_all_or`, `binary_all_xor`: the bitwise AND/OR/XOR of the
//! group's non-null integers.
//!
//! ```kql
//! datatable(num:long)[0xFFFFFFFF, 0xFFFFF00F, 0xCFFFFFFD, 0xFAFEFFFF]
//! | summarize result = toupper(tohex(binary_all_and(num)))     // CAFEF00D
//! ```
//!
//! The result has the argument's type (`int` or `long`; Kusto.Language
//! `ReturnTypeKind.Parameter0`), and the unnamed column is named after the argument,
//! like `take_any` (`ResultNameKind.FirstArgument`). A group without values gives null,
//! as every aggregate outside the documented zero/empty defaults
//! (q/summarize-operator.md). Values from q/binary-all-and-aggregation-function.md and
//! q/binary-all-or-aggregation-function.md (conformance cases of the same names).

use kql_parser::ast::ScalarType;

use super::{Rows, column_arg, first_arg_type};
use crate::exec::EvalError;
use crate::functions::{AggregateFunction, AggregateInput, ArgInfo, TypeError};
use crate::table::{Column, Primitive, PrimitiveColumn};

macro_rules! bitwise {
    ($const:ident, $name:literal, $eval:ident, $doc:literal) => {
        pub(super) const $const: AggregateFunction = AggregateFunction {
            name: $name,
            min_args: 1,
            max_args: 1,
            return_type: integer,
            name_prefix: None,
            picks_row: false,
            eval: $eval,
            doc: $doc,
        };
    };
}

bitwise!(
    BINARY_ALL_AND,
    "binary_all_and",
    all_and,
    "the bitwise AND of the non-null values"
);
bitwise!(
    BINARY_ALL_OR,
    "binary_all_or",
    all_or,
    "the bitwise OR of the non-null values"
);
bitwise!(
    BINARY_ALL_XOR,
    "binary_all_xor",
    all_xor,
    "the bitwise XOR of the non-null values"
);

fn integer(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match first_arg_type(args)? {
        t @ (ScalarType::Int | ScalarType::Long) => Ok(t),
        t => Err(TypeError::arg(
            0,
            format!("expected an int or long, not {t}"),
        )),
    }
}

/// Per group, the fold of the non-null values with `op` (null for none).
fn fold<T: Primitive>(
    c: &PrimitiveColumn<T>,
    rows: &Rows<'_>,
    op: impl Fn(T, T) -> T,
) -> PrimitiveColumn<T> {
    let mut acc: Vec<Option<T>> = vec![None; rows.groups];
    for (row, g) in rows.iter() {
        if let (Some(v), Some(a)) = (c.get(row), acc.get_mut(g)) {
            *a = Some(a.map_or(v, |a| op(a, v)));
        }
    }
    let mut out = PrimitiveColumn::with_capacity(acc.len());
    for a in acc {
        out.push(a);
    }
    out
}

fn combine(
    input: &AggregateInput<'_>,
    op32: fn(i32, i32) -> i32,
    op64: fn(i64, i64) -> i64,
) -> Result<Column, EvalError> {
    let column = column_arg(input, 0)?;
    let rows = Rows::all(input);
    match column.as_ref() {
        Column::Int(c) => Ok(Column::Int(fold(c, &rows, op32))),
        Column::Long(c) => Ok(Column::Long(fold(c, &rows, op64))),
        other => Err(EvalError::Internal(format!(
            "binary_all_* over {}",
            other.scalar_type()
        ))),
    }
}

fn all_and(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    combine(input, |a, b| a & b, |a, b| a & b)
}

fn all_or(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    combine(input, |a, b| a | b, |a, b| a | b)
}

fn all_xor(input: &AggregateInput<'_>) -> Result<Column, EvalError> {
    combine(input, |a, b| a ^ b, |a, b| a ^ b)
}

#[cfg(test)]
mod tests {
    use super::super::testing::table;

    #[test]
    fn documented_values() {
        // q/binary-all-and-aggregation-function.md and -or-: both give 0xCAFEF00D.
        let t = table(
            "datatable(num:long)[0xFFFFFFFF, 0xFFFFF00F, 0xCFFFFFFD, 0xFAFEFFFF] | summarize binary_all_and(num)",
        );
        let cafe = 0xCAFE_F00D_i64.to_string();
        assert_eq!(t, [vec!["num:long"], vec![cafe.as_str()]]);
        let t = table(
            "datatable(num:long)[0x88888008, 0x42000000, 0x00767000, 0x00000005, long(null)] | summarize binary_all_or(num), binary_all_xor(num)",
        );
        let cafe = 0xCAFE_F00D_i64.to_string();
        assert_eq!(t[1], [cafe.as_str(), cafe.as_str()]);
    }

    #[test]
    fn empty_input_gives_null() {
        let t = table("datatable(n:int)[] | summarize binary_all_or(n)");
        assert_eq!(t, [vec!["n:int"], vec![""]]);
    }
}
