//! Expressions. Parentheses the AST records ([`ExprKind::Paren`]) are printed as written;
//! others are added only where the precedence table (`parser::prec`) needs them, so a
//! parsed tree prints back to the same tree.

use std::fmt::{self, Display, Formatter};

use super::{comma_list, write_name, write_word};
use crate::ast::{Expr, ExprKind, UnaryOp};
use crate::parser::prec::{LIST, UNARY, binary_precedence};

/// Binding strength of a postfix or atomic expression (names, literals, calls, `a.b`).
const ATOM: u8 = 8;

/// How tightly `e` binds: 0 for pipelines, then the levels of `parser::prec`.
fn precedence(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Pipe { .. } | ExprKind::Source(_) => 0,
        ExprKind::Binary { op, .. } => binary_precedence(*op),
        ExprKind::List { .. } | ExprKind::Between { .. } => LIST,
        ExprKind::Unary { .. } => UNARY,
        ExprKind::NamedArg { .. } => 0,
        _ => ATOM,
    }
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write(f, self, 0)
    }
}

/// A statement-level expression; `multiline` puts each `| step` of its pipeline on a
/// new line.
pub(crate) fn write_top(f: &mut Formatter<'_>, e: &Expr, multiline: bool) -> fmt::Result {
    if let (true, ExprKind::Pipe { input, op }) = (multiline, &e.kind) {
        write_top(f, input, true)?;
        return write!(f, "\n| {op}");
    }
    write(f, e, 0)
}

/// Writes `e` where an expression binding at least `min` is expected, adding
/// parentheses when it binds more loosely.
pub(crate) fn write(f: &mut Formatter<'_>, e: &Expr, min: u8) -> fmt::Result {
    if precedence(e) < min {
        f.write_str("(")?;
        write_bare(f, e)?;
        return f.write_str(")");
    }
    write_bare(f, e)
}

/// Scalar position: anything but a bare pipeline.
pub(crate) fn scalar(f: &mut Formatter<'_>, e: &Expr) -> fmt::Result {
    write(f, e, 1)
}

fn write_bare(f: &mut Formatter<'_>, e: &Expr) -> fmt::Result {
    match &e.kind {
        ExprKind::Literal(lit) => write!(f, "{lit}"),
        ExprKind::Name(id) => write_name(f, &id.name),
        ExprKind::Star => f.write_str("*"),
        ExprKind::Unary { op, operand } => {
            f.write_str(match op {
                UnaryOp::Neg => "-",
                UnaryOp::Plus => "+",
            })?;
            write(f, operand, UNARY)
        }
        ExprKind::Binary { op, left, right } => {
            let prec = binary_precedence(*op);
            write(f, left, prec)?;
            write!(f, " {} ", op.spelling())?;
            write(f, right, prec + 1)
        }
        ExprKind::List { op, left, items } => {
            write(f, left, LIST)?;
            write!(f, " {} (", op.spelling())?;
            comma_list(f, items, |f, item| write(f, item, 0))?;
            f.write_str(")")
        }
        ExprKind::Between {
            negated,
            value,
            low,
            high,
        } => {
            write(f, value, LIST)?;
            f.write_str(if *negated {
                " !between ("
            } else {
                " between ("
            })?;
            scalar(f, low)?;
            f.write_str(" .. ")?;
            scalar(f, high)?;
            f.write_str(")")
        }
        ExprKind::Call { name, args } => {
            write_word(f, &name.name)?;
            f.write_str("(")?;
            comma_list(f, args, |f, arg| write(f, arg, 0))?;
            f.write_str(")")
        }
        ExprKind::NamedArg { name, value } => {
            write_word(f, &name.name)?;
            f.write_str(" = ")?;
            write(f, value, 0)
        }
        ExprKind::TypeOf(ty) => write!(f, "typeof({ty})"),
        ExprKind::Member { target, name } => {
            write(f, target, ATOM)?;
            f.write_str(".")?;
            write_member(f, &name.name)
        }
        ExprKind::Index { target, index } => {
            write(f, target, ATOM)?;
            f.write_str("[")?;
            scalar(f, index)?;
            f.write_str("]")
        }
        ExprKind::Paren(inner) => {
            f.write_str("(")?;
            write(f, inner, 0)?;
            f.write_str(")")
        }
        ExprKind::Pipe { input, op } => {
            write(f, input, 0)?;
            write!(f, " | {op}")
        }
        ExprKind::Source(op) => write!(f, "{op}"),
    }
}

/// A member name after `.`: any word may follow the dot, others are quoted.
fn write_member(f: &mut Formatter<'_>, name: &str) -> fmt::Result {
    let mut chars = name.chars();
    let word = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_');
    if word {
        f.write_str(name)
    } else {
        write_name(f, name)
    }
}
