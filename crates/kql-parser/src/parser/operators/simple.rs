//! Operators with at most one argument.
//!
//! ```kql
//! T | take 10          T | limit 10         T | count          T | getschema
//! T | distinct Sender, Subject                T | distinct *
//! T | sample 5         T | sample-distinct 3 of Sender
//! T | serialize Rank = row_number()           T | as hint.materialized=true Recent
//! T | invoke Recent(2d)                       T | consume
//! ```

use crate::ast::{As, ExprKind, OperatorKind};
use crate::lexer::Token;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    /// The operators above, by name (`kw` is the name's first token, for error spans).
    pub(crate) fn simple_op(&mut self, name: &str, kw: Token) -> PResult<OperatorKind> {
        Ok(match name {
            "take" | "limit" => OperatorKind::Take(self.expr()?),
            "count" => OperatorKind::Count,
            "getschema" => OperatorKind::GetSchema,
            "consume" => {
                self.options(&["decodeblocks"])?;
                OperatorKind::Consume
            }
            "distinct" => OperatorKind::Distinct(self.comma_list(Parser::expr)?),
            "sample" => OperatorKind::Sample(self.expr()?),
            "sample-distinct" => {
                let count = self.expr()?;
                self.expect_word("of", "`of`")?;
                let column = self.expr()?;
                OperatorKind::SampleDistinct {
                    count: Box::new(count),
                    column: Box::new(column),
                }
            }
            "serialize" => {
                if self.at_statement_or_step_end() {
                    OperatorKind::Serialize(Vec::new())
                } else {
                    OperatorKind::Serialize(self.named_exprs()?)
                }
            }
            "as" => {
                let options = self.options(&[])?;
                let name = self.ident()?;
                OperatorKind::As(As { options, name })
            }
            _ => {
                let call = self.postfix()?;
                if !matches!(call.kind, ExprKind::Call { .. }) {
                    return Err(self.invalid(
                        "`invoke` needs a function call",
                        kw.span().to(call.span),
                        Some("write e.g. `invoke MyFunction()`".into()),
                    ));
                }
                OperatorKind::Invoke(call)
            }
        })
    }
}
