//! `dynamic(...)` literals: JSON whose scalars may also be KQL literals.
//!
//! ```kql
//! dynamic(null)  dynamic(4)  dynamic(['a', "b"])  dynamic({"a": [1, 2.5, true]})
//! dynamic({"when": datetime(2020-01-01), "span": 1h, "id": guid(null)})
//! ```

use super::{PResult, Parser};
use crate::ast::{DynamicLiteral, Literal};
use crate::error::Expected;
use crate::lexer::TokenKind;

impl Parser<'_> {
    /// `( value )` after the word `dynamic`.
    pub(crate) fn dynamic_body(&mut self) -> PResult<DynamicLiteral> {
        let open = self.expect(TokenKind::LParen, "`(`")?;
        let value = self.dynamic_value()?;
        self.expect_closer(open)?;
        Ok(value)
    }

    fn dynamic_value(&mut self) -> PResult<DynamicLiteral> {
        let t = self.peek();
        match t.kind {
            TokenKind::LBracket => self.nested(|p| p.dynamic_array()),
            TokenKind::LBrace => self.nested(|p| p.dynamic_bag()),
            TokenKind::Minus | TokenKind::Plus => {
                let negative = self.bump().kind == TokenKind::Minus;
                let value = self.nested(|p| p.dynamic_value())?;
                match (value, negative) {
                    (DynamicLiteral::Long(v), true) => Ok(DynamicLiteral::Long(-v)),
                    (DynamicLiteral::Real(v), true) => Ok(DynamicLiteral::Real(-v)),
                    (DynamicLiteral::TimeSpan(v), true) => Ok(DynamicLiteral::TimeSpan(-v)),
                    (v @ (DynamicLiteral::Long(_) | DynamicLiteral::Real(_)), false) => Ok(v),
                    _ => Err(self.invalid(
                        "a sign must be followed by a number",
                        self.span_from(t.start),
                        None,
                    )),
                }
            }
            TokenKind::Ident => {
                let word = self.text(t);
                let simple = match word {
                    "null" => Some(DynamicLiteral::Null),
                    "true" => Some(DynamicLiteral::Bool(true)),
                    "false" => Some(DynamicLiteral::Bool(false)),
                    _ => None,
                };
                if let Some(v) = simple {
                    self.bump();
                    return Ok(v);
                }
                if word == "dynamic" && self.nth(1).kind == TokenKind::LParen {
                    self.bump();
                    return self.nested(|p| p.dynamic_body());
                }
                if self.nth(1).kind == TokenKind::LParen
                    && let Some(lit) = self.typed_literal()?
                {
                    return Ok(from_literal(lit));
                }
                Err(self.unexpected(Expected::Token("a JSON value")))
            }
            TokenKind::Long
            | TokenKind::Real
            | TokenKind::TimeSpan
            | TokenKind::RawLiteral
            | TokenKind::String => Ok(from_literal(self.scalar_literal()?)),
            _ => Err(self.unexpected(Expected::Token("a JSON value"))),
        }
    }

    fn dynamic_array(&mut self) -> PResult<DynamicLiteral> {
        let open = self.bump();
        let mut items = Vec::new();
        while !self.at(TokenKind::RBracket) {
            items.push(self.dynamic_value()?);
            if self.eat(TokenKind::Comma).is_none() {
                break;
            }
        }
        self.expect_closer(open)?;
        Ok(DynamicLiteral::Array(items))
    }

    fn dynamic_bag(&mut self) -> PResult<DynamicLiteral> {
        let open = self.bump();
        let mut entries = Vec::new();
        while !self.at(TokenKind::RBrace) {
            let key = match self.kind() {
                TokenKind::String => self.string_literal()?.value,
                TokenKind::Ident => {
                    let t = self.bump();
                    self.text(t).to_string()
                }
                _ => return Err(self.unexpected(Expected::Token("a property name"))),
            };
            self.expect(TokenKind::Colon, "`:`")?;
            entries.push((key, self.dynamic_value()?));
            if self.eat(TokenKind::Comma).is_none() {
                break;
            }
        }
        self.expect_closer(open)?;
        Ok(DynamicLiteral::Bag(entries))
    }
}

/// A scalar literal as a dynamic value; typed nulls become JSON `null`.
fn from_literal(lit: Literal) -> DynamicLiteral {
    match lit {
        Literal::Bool(Some(b)) => DynamicLiteral::Bool(b),
        Literal::Int(Some(v)) => DynamicLiteral::Long(i64::from(v)),
        Literal::Long(Some(v)) => DynamicLiteral::Long(v),
        Literal::Real(Some(v)) => DynamicLiteral::Real(v),
        Literal::Decimal(Some(text)) => text
            .parse::<f64>()
            .map_or(DynamicLiteral::String(text), DynamicLiteral::Real),
        Literal::String(s) => DynamicLiteral::String(s.value),
        Literal::DateTime(Some(t)) => DynamicLiteral::DateTime(t),
        Literal::TimeSpan(Some(t)) => DynamicLiteral::TimeSpan(t),
        Literal::Guid(Some(g)) => DynamicLiteral::Guid(g),
        Literal::Dynamic(d) => d,
        _ => DynamicLiteral::Null,
    }
}
