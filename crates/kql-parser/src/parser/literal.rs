//! Literal tokens to [`Literal`] values, typed literals (`int(5)`, `real(nan)`,
//! `long(null)`) and type names.

use super::{PResult, Parser};
use crate::ast::{Literal, ScalarType, Span};
use crate::error::{Expected, ParseError};
use crate::lexer::{Token, TokenKind};
use crate::literal::timespan::token_ticks;
use crate::literal::{parse_datetime, parse_guid, parse_timespan};

/// Type names as KQL spells them (case-sensitive), aliases included.
const TYPE_NAMES: [&str; 16] = [
    "bool", "boolean", "int", "int32", "long", "int64", "real", "double", "decimal", "string",
    "datetime", "date", "timespan", "time", "guid", "dynamic",
];

impl Parser<'_> {
    /// A literal token (strings concatenated): `42`, `1.5`, `4h`, `"a" "b"`,
    /// `datetime(...)`, `guid(...)`.
    pub(crate) fn scalar_literal(&mut self) -> PResult<Literal> {
        let t = self.peek();
        match t.kind {
            TokenKind::String => return Ok(Literal::String(self.string_literal()?)),
            TokenKind::Long => {
                self.bump();
                return Ok(Literal::Long(Some(self.long_value(t, false)?)));
            }
            TokenKind::Real => {
                self.bump();
                return Ok(Literal::Real(Some(self.real_value(t)?)));
            }
            TokenKind::TimeSpan => {
                self.bump();
                let ticks = token_ticks(self.text(t)).ok_or_else(|| ParseError::InvalidNumber {
                    reason: "the timespan is too large".into(),
                    span: t.span(),
                    help: None,
                })?;
                return Ok(Literal::TimeSpan(Some(ticks)));
            }
            TokenKind::RawLiteral => {}
            _ => return Err(self.unexpected(Expected::Expression)),
        }
        self.bump();
        let text = self.text(t);
        let open = text.find('(').unwrap_or(0);
        let (ty, body) = (text[..open].trim_end(), &text[open + 1..text.len() - 1]);
        let invalid =
            |ty: &'static str, reason: String, help: Option<String>| ParseError::InvalidLiteral {
                ty,
                reason,
                span: t.span(),
                help,
            };
        match ty {
            "datetime" | "date" => parse_datetime(body).map(Literal::DateTime).map_err(|r| {
                invalid(
                    "datetime",
                    r,
                    Some("write ISO 8601, e.g. datetime(2024-05-01) or datetime(2024-05-01T12:30:00Z)".into()),
                )
            }),
            "timespan" | "time" => parse_timespan(body).map(Literal::TimeSpan).map_err(|r| {
                invalid(
                    "timespan",
                    r,
                    Some("write e.g. timespan(1d), timespan(1.5h) or timespan(1.02:03:04)".into()),
                )
            }),
            _ => parse_guid(body)
                .map(Literal::Guid)
                .map_err(|r| invalid("guid", r, None)),
        }
    }

    /// The value of an integer token, negated when `negative` (so that
    /// `long(-9223372036854775808)` fits).
    fn long_value(&self, t: Token, negative: bool) -> PResult<i64> {
        let text = self.text(t);
        let magnitude = match text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
            Some(hex) => u64::from_str_radix(hex, 16).ok(),
            None => text.parse::<u64>().ok(),
        };
        let value = magnitude.and_then(|m| {
            if negative {
                0i64.checked_sub_unsigned(m)
            } else {
                i64::try_from(m).ok()
            }
        });
        value.ok_or_else(|| ParseError::InvalidNumber {
            reason: format!("`{text}` does not fit in a long"),
            span: t.span(),
            help: Some("a long holds -9223372036854775808..9223372036854775807; write a real (1e20) for larger values".into()),
        })
    }

    fn real_value(&self, t: Token) -> PResult<f64> {
        let text = self.text(t);
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .ok_or_else(|| ParseError::InvalidNumber {
                reason: format!("`{text}` is out of the range of a real"),
                span: t.span(),
                help: None,
            })
    }

    /// `int(5)`, `long(-1)`, `real(nan)`, `real(-inf)`, `bool(true)`, `decimal(1.50)`,
    /// `T(null)`, with the cursor on the type name. `None` (nothing consumed) when the
    /// parentheses hold something else, so the caller parses a call instead.
    pub(crate) fn typed_literal(&mut self) -> PResult<Option<Literal>> {
        let name = self.peek();
        // Lookahead: name ( [sign] value )
        let mut n = 2;
        let sign = match self.nth(n).kind {
            TokenKind::Minus => Some(true),
            TokenKind::Plus => Some(false),
            _ => None,
        };
        if sign.is_some() {
            n += 1;
        }
        let value = self.nth(n);
        let is_value = match value.kind {
            TokenKind::Long | TokenKind::Real => true,
            TokenKind::Ident => {
                matches!(self.text(value), "null" | "nan" | "inf" | "true" | "false")
            }
            _ => false,
        };
        if !is_value || self.nth(n + 1).kind != TokenKind::RParen {
            return Ok(None);
        }
        self.pos += n + 2;
        let span = Span {
            start: name.start,
            end: self.prev_end(),
        };
        let negative = sign == Some(true);
        let word = self.text(value);
        let ty = self.text(name);
        let bad = |reason: &str| ParseError::InvalidLiteral {
            ty: match ty {
                "bool" | "boolean" => "bool",
                "int" | "int32" => "int",
                "long" | "int64" => "long",
                "decimal" => "decimal",
                _ => "real",
            },
            reason: reason.to_string(),
            span,
            help: None,
        };
        if word == "null" {
            if sign.is_some() {
                return Err(bad("`null` takes no sign"));
            }
            return Ok(Some(match ty {
                "bool" | "boolean" => Literal::Bool(None),
                "int" | "int32" => Literal::Int(None),
                "long" | "int64" => Literal::Long(None),
                "decimal" => Literal::Decimal(None),
                _ => Literal::Real(None),
            }));
        }
        let lit = match ty {
            "bool" | "boolean" => match (word, sign) {
                ("true", None) => Literal::Bool(Some(true)),
                ("false", None) => Literal::Bool(Some(false)),
                _ => return Err(bad("expected true, false or null")),
            },
            "int" | "int32" | "long" | "int64" => {
                if value.kind != TokenKind::Long {
                    return Err(bad("expected a whole number or null"));
                }
                let v = self.long_value(value, negative)?;
                if ty.starts_with("int") && ty != "int64" {
                    let v =
                        i32::try_from(v).map_err(|_| bad("the value does not fit in an int"))?;
                    Literal::Int(Some(v))
                } else {
                    Literal::Long(Some(v))
                }
            }
            "decimal" => {
                if !matches!(value.kind, TokenKind::Long | TokenKind::Real) {
                    return Err(bad("expected a number or null"));
                }
                let text = if negative {
                    format!("-{word}")
                } else {
                    word.to_string()
                };
                Literal::Decimal(Some(text))
            }
            _ => {
                let v = match value.kind {
                    TokenKind::Long | TokenKind::Real => {
                        word.parse::<f64>().map_err(|_| bad("expected a number"))?
                    }
                    _ if word == "nan" && sign.is_none() => f64::NAN,
                    _ if word == "inf" => f64::INFINITY,
                    _ => return Err(bad("expected a number, nan, +inf, -inf or null")),
                };
                Literal::Real(Some(if negative { -v } else { v }))
            }
        };
        Ok(Some(lit))
    }

    /// A scalar type name: `long`, `string`, `datetime`, aliases such as `double`.
    pub(crate) fn scalar_type(&mut self) -> PResult<ScalarType> {
        let t = self.peek();
        if t.kind != TokenKind::Ident {
            return Err(self.unexpected(Expected::TypeName));
        }
        let name = self.text(t);
        let ty = TYPE_NAMES
            .contains(&name)
            .then(|| ScalarType::from_name(name))
            .flatten();
        match ty {
            Some(ty) => {
                self.bump();
                Ok(ty)
            }
            None => Err(ParseError::UnknownType {
                name: name.to_string(),
                span: t.span(),
                help: crate::error::did_you_mean(name, &TYPE_NAMES)
                    .map(|s| format!("did you mean `{s}`?")),
            }),
        }
    }
}
