//! The canonical printer: `Display` for the AST prints KQL that parses back to the same
//! AST (spans aside).
//!
//! * `expr`: expressions, with parentheses wherever precedence needs them;
//! * `operator`: tabular operators;
//! * `literal`: literals in their canonical spelling (`4h`, `datetime(2024-01-01)`);
//! * this file: scripts, statements and names.
//!
//! A statement's top-level pipeline is printed one step per line (`\n| where ...`);
//! nested pipelines stay on one line.

mod expr;
mod literal;
mod operator;
mod operator_ext;

use std::fmt::{self, Display, Formatter};

use crate::ast::{
    FunctionDef, Ident, LetValue, ParamType, Parameter, Script, Statement, StatementKind,
};
use crate::literal::escape_string;

/// Words that a bare name could be mistaken for somewhere in the grammar; names equal to
/// one of them are printed quoted (`['by']`).
const RESERVED: &[&str] = &[
    "and",
    "as",
    "asc",
    "bagexpansion",
    "between",
    "by",
    "contains",
    "contains_cs",
    "datatable",
    "declare",
    "default",
    "desc",
    "dynamic",
    "endswith",
    "endswith_cs",
    "evaluate",
    "externaldata",
    "false",
    "flags",
    "from",
    "has",
    "has_all",
    "has_any",
    "has_cs",
    "hasprefix",
    "hasprefix_cs",
    "hassuffix",
    "hassuffix_cs",
    "in",
    "isfuzzy",
    "kind",
    "let",
    "limit",
    "matches",
    "nulls",
    "of",
    "on",
    "or",
    "others",
    "output",
    "print",
    "range",
    "search",
    "set",
    "startswith",
    "startswith_cs",
    "step",
    "to",
    "true",
    "typeof",
    "union",
    "view",
    "with",
    "with_itemindex",
    "with_match_id",
    "withsource",
];

/// Whether `name` can be written bare: a word the lexer reads as one name token and the
/// parser never takes for a keyword.
fn is_plain(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_alphabetic() || first == '_')
        && chars.all(|c| c.is_alphanumeric() || c == '_')
        && !RESERVED.contains(&name)
}

/// Writes a name, quoting it as `['...']` when it is not plain.
pub(crate) fn write_name(f: &mut Formatter<'_>, name: &str) -> fmt::Result {
    if is_plain(name) || name == "$left" || name == "$right" {
        f.write_str(name)
    } else if !name.contains(['\'', '\\']) && !name.chars().any(char::is_control) {
        write!(f, "['{name}']")
    } else {
        write!(f, "[{}]", escape_string(name))
    }
}

/// Writes a function, option or chart name as written (quoted only if it must be).
pub(crate) fn write_word(f: &mut Formatter<'_>, name: &str) -> fmt::Result {
    let mut chars = name.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '.');
    if plain {
        f.write_str(name)
    } else {
        write_name(f, name)
    }
}

/// Writes a column pattern with `*` wildcards (`Tmp*`) bare when possible.
pub(crate) fn write_pattern(f: &mut Formatter<'_>, name: &str) -> fmt::Result {
    let plain = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '*')
        && name.contains('*')
        && !name.contains("**");
    if plain {
        f.write_str(name)
    } else {
        write_name(f, name)
    }
}

/// Writes `items` separated by `", "`.
pub(crate) fn comma_list<T>(
    f: &mut Formatter<'_>,
    items: &[T],
    mut each: impl FnMut(&mut Formatter<'_>, &T) -> fmt::Result,
) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        each(f, item)?;
    }
    Ok(())
}

impl Display for Ident {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_name(f, &self.name)
    }
}

impl Display for Script {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, stmt) in self.statements.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write_statement(f, stmt, true)?;
            let last = i + 1 == self.statements.len();
            if !last || !matches!(stmt.kind, StatementKind::Query(_)) {
                f.write_str(";")?;
            }
        }
        if !self.statements.is_empty() {
            f.write_str("\n")?;
        }
        Ok(())
    }
}

impl Display for Statement {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_statement(f, self, false)
    }
}

/// A statement without its `;`; `multiline` breaks its top-level pipeline into lines.
fn write_statement(f: &mut Formatter<'_>, stmt: &Statement, multiline: bool) -> fmt::Result {
    match &stmt.kind {
        StatementKind::Let(let_stmt) => {
            write!(f, "let {} = ", let_stmt.name)?;
            match &let_stmt.value {
                LetValue::Expr(e) => expr::write_top(f, e, multiline),
                LetValue::Function(def) => write_function(f, def, multiline),
            }
        }
        StatementKind::DeclareQueryParameters(params) => {
            f.write_str("declare query_parameters")?;
            write_params(f, params)
        }
        StatementKind::Set { name, value } => {
            f.write_str("set ")?;
            write_word(f, &name.name)?;
            if let Some(v) = value {
                f.write_str(" = ")?;
                expr::write(f, v, 1)?;
            }
            Ok(())
        }
        StatementKind::Query(e) => expr::write_top(f, e, multiline),
    }
}

fn write_function(f: &mut Formatter<'_>, def: &FunctionDef, multiline: bool) -> fmt::Result {
    if def.is_view {
        f.write_str("view ")?;
    }
    write_params(f, &def.params)?;
    f.write_str(" {")?;
    let sep = if multiline { "\n    " } else { " " };
    for stmt in &def.lets {
        f.write_str(sep)?;
        write_statement(f, stmt, false)?;
        f.write_str(";")?;
    }
    f.write_str(sep)?;
    expr::write_top(f, &def.body, false)?;
    f.write_str(if multiline { "\n}" } else { " }" })
}

fn write_params(f: &mut Formatter<'_>, params: &[Parameter]) -> fmt::Result {
    f.write_str("(")?;
    comma_list(f, params, |f, p| {
        write!(f, "{}:", p.name)?;
        match &p.ty {
            ParamType::Scalar(ty) => write!(f, "{ty}")?,
            ParamType::Tabular { columns, open } => {
                f.write_str("(")?;
                comma_list(f, columns, |f, c| write!(f, "{}:{}", c.name, c.ty))?;
                if *open {
                    f.write_str(if columns.is_empty() { "*" } else { ", *" })?;
                }
                f.write_str(")")?;
            }
        }
        if let Some(d) = &p.default {
            f.write_str(" = ")?;
            expr::write(f, d, 1)?;
        }
        Ok(())
    })?;
    f.write_str(")")
}
