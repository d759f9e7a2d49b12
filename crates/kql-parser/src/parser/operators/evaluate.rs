//! `evaluate`, as an operator and as a source.
//!
//! ```kql
//! T | evaluate bag_unpack(parse_json(AuthenticationDetails))
//! T | evaluate ipv4_lookup(Ranges, SenderIPv4, Network, return_unmatched = true)
//! evaluate hint.distribution = per_node range_plugin(1, 10)
//! ```

use crate::ast::{Evaluate, ExprKind, OperatorKind};
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    pub(crate) fn evaluate(&mut self) -> PResult<OperatorKind> {
        let options = self.options(&[])?;
        let start = self.peek().span();
        let call = self.postfix()?;
        if !matches!(call.kind, ExprKind::Call { .. }) {
            return Err(self.invalid(
                "`evaluate` needs a plugin call",
                start.to(call.span),
                Some("write e.g. `evaluate bag_unpack(Column)`".into()),
            ));
        }
        Ok(OperatorKind::Evaluate(Box::new(Evaluate { options, call })))
    }
}
