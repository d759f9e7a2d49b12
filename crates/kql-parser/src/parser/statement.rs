//! Scripts and statements.
//!
//! ```kql
//! declare query_parameters(Since:timespan = 1d);
//! let Threshold = 10;
//! let Recent = (T:(*), window:timespan = 1d) { T | where Timestamp > ago(window) };
//! let v = view () { EmailEvents | take 5 };
//! set truncationmaxrecords = 100;
//! EmailEvents | invoke Recent(2d) | count
//! ```

use super::{PResult, Parser};
use crate::ast::{
    ColumnDecl, FunctionDef, LetStatement, LetValue, ParamType, Parameter, Script, Span, Statement,
    StatementKind,
};
use crate::error::{Expected, ParseError};
use crate::lexer::TokenKind;

impl Parser<'_> {
    /// Statements separated by `;`, recovering at the next `;` after an error.
    pub(crate) fn script(&mut self) -> Script {
        // Never fails: errors are recorded and recovered from.
        let statements = self.gathered(Parser::statements).unwrap_or_default();
        Script {
            statements,
            span: Span::new(0, self.src.len()),
        }
    }

    /// The statements of [`Parser::script`], gathered.
    fn statements(&mut self) -> PResult<()> {
        loop {
            while self.eat(TokenKind::Semi).is_some() {}
            if self.at(TokenKind::Eof) {
                break;
            }
            let errors_before = self.errors.len();
            match self.statement() {
                Ok(stmt) => {
                    self.gather(stmt);
                    if !self.at(TokenKind::Semi) && !self.at(TokenKind::Eof) {
                        let e = self.statement_end_error();
                        self.errors.push(e);
                        self.recover_to_statement_end();
                    }
                }
                Err(e) => {
                    self.errors.push(e);
                    self.recover_to_statement_end();
                }
            }
            // One error per statement is enough when the rest is a cascade of it.
            if self.errors.len() > errors_before + 8 {
                self.errors.truncate(errors_before + 8);
            }
        }
        Ok(())
    }

    /// The error for a token that follows a complete statement.
    fn statement_end_error(&self) -> ParseError {
        let help = match self.kind() {
            TokenKind::Assign => Some("use `==` to compare values".to_string()),
            TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace => {
                Some("this closing bracket has no opening one".to_string())
            }
            TokenKind::Ident if self.at_word("let") => {
                Some("end the previous statement with `;`".to_string())
            }
            TokenKind::Ident => Some(
                "statements are separated by `;`; a new operator needs a `|` before it".to_string(),
            ),
            _ => None,
        };
        self.unexpected_with(Expected::StatementEnd, help)
    }

    fn statement(&mut self) -> PResult<Statement> {
        let start = self.peek().start;
        let kind = if self.at_word("let") && self.at_ident_at(1) {
            self.bump();
            StatementKind::Let(self.let_statement()?)
        } else if self.at_word("declare") && self.nth_is_word(1, "query_parameters") {
            self.pos += 2;
            StatementKind::DeclareQueryParameters(self.parameters()?)
        } else if self.at_word("set")
            && self.nth(1).kind == TokenKind::Ident
            && matches!(
                self.nth(2).kind,
                TokenKind::Assign | TokenKind::Semi | TokenKind::Eof
            )
        {
            self.bump();
            let name = self.ident()?;
            let value = match self.eat(TokenKind::Assign) {
                Some(_) => Some(self.expr()?),
                None => None,
            };
            StatementKind::Set { name, value }
        } else {
            StatementKind::Query(self.pipe_expr()?)
        };
        Ok(Statement {
            kind,
            span: self.span_from(start),
        })
    }

    /// `Name = value` after `let`.
    fn let_statement(&mut self) -> PResult<LetStatement> {
        let name = self.ident()?;
        self.expect(TokenKind::Assign, "`=`")?;
        let value = if self.at_word("view") && self.nth(1).kind == TokenKind::LParen {
            let start = self.bump().start;
            LetValue::Function(self.function_def(start, true)?)
        } else if self.at_function_params() {
            let start = self.peek().start;
            LetValue::Function(self.function_def(start, false)?)
        } else {
            LetValue::Expr(self.pipe_expr()?)
        };
        Ok(LetStatement { name, value })
    }

    /// `(` followed by `)` `{` or by `name :`: a parameter list, not a parenthesised
    /// expression.
    fn at_function_params(&self) -> bool {
        if !self.at(TokenKind::LParen) {
            return false;
        }
        if self.nth(1).kind == TokenKind::RParen {
            return self.nth(2).kind == TokenKind::LBrace;
        }
        self.at_ident_at(1) && self.nth(1 + self.ident_len_at(1)).kind == TokenKind::Colon
    }

    /// `(params) { [let ...;]* body }`.
    fn function_def(&mut self, start: u32, is_view: bool) -> PResult<FunctionDef> {
        let params = self.parameters()?;
        let open = self.expect(TokenKind::LBrace, "`{`")?;
        let (lets, body) = self.nested(|p| {
            let mut lets = Vec::new();
            loop {
                while p.eat(TokenKind::Semi).is_some() {}
                if p.at_word("let") && p.at_ident_at(1) {
                    let let_start = p.bump().start;
                    let stmt = p.let_statement()?;
                    lets.push(Statement {
                        kind: StatementKind::Let(stmt),
                        span: p.span_from(let_start),
                    });
                    p.expect(TokenKind::Semi, "`;`")?;
                } else {
                    let body = p.pipe_expr()?;
                    while p.eat(TokenKind::Semi).is_some() {}
                    return Ok((lets, body));
                }
            }
        })?;
        self.expect_closer(open)?;
        Ok(FunctionDef {
            is_view,
            params,
            lets,
            body: Box::new(body),
            span: self.span_from(start),
        })
    }

    /// `(name:type [= default], T:(*), ...)`.
    pub(crate) fn parameters(&mut self) -> PResult<Vec<Parameter>> {
        let open = self.expect(TokenKind::LParen, "`(`")?;
        let mut params = Vec::new();
        if self.eat(TokenKind::RParen).is_some() {
            return Ok(params);
        }
        loop {
            let name = self.ident()?;
            self.expect(TokenKind::Colon, "`:`")?;
            let ty = if self.at(TokenKind::LParen) {
                self.tabular_type()?
            } else {
                ParamType::Scalar(self.scalar_type()?)
            };
            let default = match self.eat(TokenKind::Assign) {
                Some(_) => Some(self.expr()?),
                None => None,
            };
            let span = self.span_from(name.span.start);
            params.push(Parameter {
                name,
                ty,
                default,
                span,
            });
            if self.eat(TokenKind::Comma).is_none() {
                break;
            }
        }
        self.expect_closer(open)?;
        Ok(params)
    }

    /// `(*)`, `(A:string, B:long)` or `(A:string, *)`.
    fn tabular_type(&mut self) -> PResult<ParamType> {
        let open = self.bump();
        let mut columns = Vec::new();
        let mut open_schema = false;
        loop {
            if self.eat(TokenKind::Star).is_some() {
                open_schema = true;
            } else {
                columns.push(self.column_decl()?);
            }
            if self.eat(TokenKind::Comma).is_none() {
                break;
            }
        }
        self.expect_closer(open)?;
        Ok(ParamType::Tabular {
            columns,
            open: open_schema,
        })
    }

    /// `Name:type`.
    pub(crate) fn column_decl(&mut self) -> PResult<ColumnDecl> {
        let name = self.ident()?;
        self.expect(TokenKind::Colon, "`:`")?;
        let ty = self.scalar_type()?;
        let span = self.span_from(name.span.start);
        Ok(ColumnDecl { name, ty, span })
    }
}
