//! Source operators that make data: `datatable`, `externaldata`, `print`, `range`.
//!
//! ```kql
//! datatable(Name:string, Size:long) ["a", 1, "b", 2,]
//! externaldata(Url:string) [@"https://host/feed.csv"] with (format="csv", ignoreFirstRecord=true)
//! print x = 1, strcat("a", "b")
//! range Day from ago(7d) to now() step 1d
//! ```

use crate::ast::{DataTable, Expr, ExternalData, OperatorKind, Range};
use crate::lexer::TokenKind;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    pub(crate) fn datatable(&mut self) -> PResult<OperatorKind> {
        let options = self.options(&[])?;
        let columns = self.column_decls()?;
        let values = self.bracketed_values()?;
        Ok(OperatorKind::DataTable(DataTable {
            options,
            columns,
            values,
        }))
    }

    pub(crate) fn externaldata(&mut self) -> PResult<OperatorKind> {
        let columns = self.column_decls()?;
        let urls = self.bracketed_values()?;
        let options = if self.at_word("with") && self.nth(1).kind == TokenKind::LParen {
            self.bump();
            self.with_options()?
        } else {
            Vec::new()
        };
        Ok(OperatorKind::ExternalData(ExternalData {
            columns,
            urls,
            options,
        }))
    }

    /// `[v1, v2, ...]`, a trailing comma allowed.
    fn bracketed_values(&mut self) -> PResult<Vec<Expr>> {
        let open = self.expect(TokenKind::LBracket, "`[`")?;
        let values = self.nested(|p| {
            p.gathered(|p| {
                while !p.at(TokenKind::RBracket) {
                    let value = p.expr()?;
                    p.gather(value);
                    if p.eat(TokenKind::Comma).is_none() {
                        break;
                    }
                }
                Ok(())
            })
        })?;
        self.expect_closer(open)?;
        Ok(values)
    }

    pub(crate) fn print(&mut self) -> PResult<OperatorKind> {
        Ok(OperatorKind::Print(self.named_exprs()?))
    }

    pub(crate) fn range(&mut self) -> PResult<OperatorKind> {
        let column = self.ident()?;
        self.expect_word("from", "`from`")?;
        let from = self.expr()?;
        self.expect_word("to", "`to`")?;
        let to = self.expr()?;
        self.expect_word("step", "`step`")?;
        let step = self.expr()?;
        Ok(OperatorKind::Range(Box::new(Range {
            column,
            from,
            to,
            step,
        })))
    }
}
