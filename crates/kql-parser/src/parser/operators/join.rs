//! `join` and `lookup`.
//!
//! ```kql
//! T | join kind=leftouter (U | where x > 1) on Key
//! T | join kind=inner hint.strategy=broadcast U on $left.A == $right.B, Key2
//! T | lookup kind=leftouter Dim on Country
//! ```

use crate::ast::{Expr, ExprKind, Join, JoinKind, Lookup, NamedOption, OperatorKind};
use crate::error::{ParseError, did_you_mean};
use crate::parser::{PResult, Parser};

const JOIN_KINDS: [&str; 12] = [
    "innerunique",
    "inner",
    "leftouter",
    "rightouter",
    "fullouter",
    "outer",
    "leftanti",
    "anti",
    "leftantisemi",
    "rightanti",
    "rightantisemi",
    "leftsemi",
];

impl Parser<'_> {
    /// `join` (or `lookup` when `lookup`) after the operator name.
    pub(crate) fn join(&mut self, lookup: bool) -> PResult<OperatorKind> {
        let mut options = self.options(&["kind"])?;
        let kind = self.take_join_kind(&mut options, lookup)?;
        let right = self.join_right()?;
        self.expect_word("on", "`on`")?;
        let on = self.comma_list(Parser::expr)?;
        Ok(if lookup {
            OperatorKind::Lookup(Box::new(Lookup {
                kind,
                options,
                right,
                on,
            }))
        } else {
            OperatorKind::Join(Box::new(Join {
                kind,
                options,
                right,
                on,
            }))
        })
    }

    /// The right side: `(subquery)`, a table name or a call.
    fn join_right(&mut self) -> PResult<Expr> {
        self.postfix()
    }

    /// Removes `kind=` from the options and decodes it.
    fn take_join_kind(
        &self,
        options: &mut Vec<NamedOption>,
        lookup: bool,
    ) -> PResult<Option<JoinKind>> {
        let Some(i) = options.iter().position(|o| o.name.name == "kind") else {
            return Ok(None);
        };
        let option = options.remove(i);
        let ExprKind::Name(name) = &option.value.kind else {
            return Err(self.unknown_join_kind("?", &option.value, lookup));
        };
        let kind = JoinKind::from_name(&name.name);
        match kind {
            Some(k) if !lookup || matches!(k, JoinKind::Inner | JoinKind::LeftOuter) => Ok(Some(k)),
            _ => Err(self.unknown_join_kind(&name.name, &option.value, lookup)),
        }
    }

    fn unknown_join_kind(&self, name: &str, value: &Expr, lookup: bool) -> ParseError {
        let (what, kinds): (&str, &[&str]) = if lookup {
            ("lookup", &["leftouter", "inner"])
        } else {
            ("join", &JOIN_KINDS)
        };
        ParseError::UnknownKind {
            what: if lookup { "lookup" } else { "join" },
            name: name.to_string(),
            span: value.span,
            help: Some(match did_you_mean(name, kinds) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!("{what} kinds are: {}", kinds.join(", ")),
            }),
        }
    }
}
