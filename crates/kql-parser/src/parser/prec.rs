//! Kusto's binary operators and their precedence, in one table.
//!
//! From loosest to tightest:
//!
//! | level | operators |
//! |---|---|
//! | 1 | `or` |
//! | 2 | `and` |
//! | 3 | `==` `!=` `<>` `=~` `!~`, string predicates (`has`, `!contains_cs`, `matches regex`, ...), `in` `!in` `in~` `!in~` `has_any` `has_all`, `between` `!between` |
//! | 4 | `<` `<=` `>` `>=` |
//! | 5 | `+` `-` |
//! | 6 | `*` `/` `%` |
//! | 7 | unary `-` `+` |
//!
//! All binary levels associate to the left. The parser climbs this table
//! (`Parser::binary`); the printer uses it to decide where parentheses are needed.

use crate::ast::{BinaryOp, ListOp, StrOp, StrOpKind};

/// An infix operator: a plain binary one, a list operator (`in (...)`), or `between`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Infix {
    Binary(BinaryOp),
    List(ListOp),
    Between { negated: bool },
}

/// The precedence of prefix `-` and `+`, tighter than every binary operator.
pub(crate) const UNARY: u8 = 7;

/// The precedence level of a binary operator (higher binds tighter).
pub(crate) fn binary_precedence(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Or => 1,
        BinaryOp::And => 2,
        BinaryOp::Eq
        | BinaryOp::NotEq
        | BinaryOp::EqTilde
        | BinaryOp::NotEqTilde
        | BinaryOp::Str(_) => 3,
        BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => 4,
        BinaryOp::Add | BinaryOp::Sub => 5,
        BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => 6,
    }
}

/// The precedence of list operators and `between` (the equality level).
pub(crate) const LIST: u8 = 3;

impl Infix {
    pub(crate) fn precedence(self) -> u8 {
        match self {
            Infix::Binary(op) => binary_precedence(op),
            Infix::List(_) | Infix::Between { .. } => LIST,
        }
    }
}

/// The operator a word spells, with or without a leading `!` (`has`, `!startswith_cs`,
/// `in`, `has_any`, `between`). `matches` (of `matches regex`) is handled by the caller.
pub(crate) fn word_operator(word: &str, negated: bool) -> Option<Infix> {
    let (base, case_sensitive) = match word.strip_suffix("_cs") {
        Some(base) => (base, true),
        None => (word, false),
    };
    let kind = match base {
        "has" => StrOpKind::Has,
        "hasprefix" => StrOpKind::HasPrefix,
        "hassuffix" => StrOpKind::HasSuffix,
        "contains" => StrOpKind::Contains,
        "startswith" => StrOpKind::StartsWith,
        "endswith" => StrOpKind::EndsWith,
        _ => {
            return match (word, negated) {
                ("and", false) => Some(Infix::Binary(BinaryOp::And)),
                ("or", false) => Some(Infix::Binary(BinaryOp::Or)),
                ("in", false) => Some(Infix::List(ListOp::In)),
                ("in", true) => Some(Infix::List(ListOp::NotIn)),
                ("has_any", false) => Some(Infix::List(ListOp::HasAny)),
                ("has_all", false) => Some(Infix::List(ListOp::HasAll)),
                ("between", negated) => Some(Infix::Between { negated }),
                // Legacy spellings Kusto still accepts.
                ("notcontains", false) => Some(str_op(StrOpKind::Contains, true, false)),
                ("notcontainscs", false) => Some(str_op(StrOpKind::Contains, true, true)),
                ("containscs", false) => Some(str_op(StrOpKind::Contains, false, true)),
                ("notbetween", false) => Some(Infix::Between { negated: true }),
                _ => None,
            };
        }
    };
    Some(str_op(kind, negated, case_sensitive))
}

fn str_op(kind: StrOpKind, negated: bool, case_sensitive: bool) -> Infix {
    Infix::Binary(BinaryOp::Str(StrOp {
        kind,
        negated,
        case_sensitive,
    }))
}

/// The case-insensitive variant of `in` / `!in` (`in~`, `!in~`).
pub(crate) fn tilde_variant(op: ListOp) -> Option<ListOp> {
    match op {
        ListOp::In => Some(ListOp::InCi),
        ListOp::NotIn => Some(ListOp::NotInCi),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_ordered() {
        let p = |op| binary_precedence(op);
        assert!(p(BinaryOp::Or) < p(BinaryOp::And));
        assert!(p(BinaryOp::And) < p(BinaryOp::Eq));
        assert!(p(BinaryOp::Eq) < p(BinaryOp::Lt));
        assert!(p(BinaryOp::Lt) < p(BinaryOp::Add));
        assert!(p(BinaryOp::Add) < p(BinaryOp::Mul));
        assert!(p(BinaryOp::Mul) < UNARY);
    }

    #[test]
    fn words_spell_operators() {
        assert_eq!(
            word_operator("has_cs", true),
            Some(str_op(StrOpKind::Has, true, true))
        );
        assert_eq!(word_operator("in", true), Some(Infix::List(ListOp::NotIn)));
        assert_eq!(word_operator("and", true), None);
        assert_eq!(word_operator("where", false), None);
    }
}
