//! `mv-expand` and `mv-apply`.
//!
//! ```kql
//! T | mv-expand Phish = parse_json(DetectionMethods).Phish to typeof(string)
//! T | mv-expand kind=array with_itemindex=I Items, Other limit 100
//! T | mv-apply Item = Items to typeof(long) on (top 2 by Item | summarize make_list(Item))
//! ```

use crate::ast::{MvApply, MvExpand, MvExpandItem, OperatorKind};
use crate::lexer::TokenKind;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    pub(crate) fn mv_expand(&mut self) -> PResult<OperatorKind> {
        let options = self.options(&["bagexpansion", "with_itemindex", "kind"])?;
        let items = self.mv_items()?;
        let limit = self.mv_limit()?;
        Ok(OperatorKind::MvExpand(Box::new(MvExpand {
            options,
            items,
            limit,
        })))
    }

    pub(crate) fn mv_apply(&mut self) -> PResult<OperatorKind> {
        let options = self.options(&["with_itemindex", "bagexpansion", "kind"])?;
        let items = self.mv_items()?;
        let limit = self.mv_limit()?;
        self.expect_word("on", "`on`")?;
        let on = self.sub_pipeline()?;
        Ok(OperatorKind::MvApply(Box::new(MvApply {
            options,
            items,
            limit,
            context_id: None,
            on,
        })))
    }

    fn mv_items(&mut self) -> PResult<Vec<MvExpandItem>> {
        let mut items = vec![self.mv_item()?];
        while self.eat(TokenKind::Comma).is_some() {
            items.push(self.mv_item()?);
        }
        Ok(items)
    }

    /// `[Name =] ArrayExpr [to typeof(T)]`.
    fn mv_item(&mut self) -> PResult<MvExpandItem> {
        let start = self.peek().start;
        let name = if self.at_ident() && self.nth(self.ident_len_at(0)).kind == TokenKind::Assign {
            let name = self.ident()?;
            self.bump();
            Some(name)
        } else {
            None
        };
        let expr = self.expr()?;
        let to_type = if self.at_word("to") && self.nth_is_word(1, "typeof") {
            self.pos += 2;
            let open = self.expect(TokenKind::LParen, "`(`")?;
            let ty = self.scalar_type()?;
            self.expect_closer(open)?;
            Some(ty)
        } else {
            None
        };
        Ok(MvExpandItem {
            name,
            expr,
            to_type,
            span: self.span_from(start),
        })
    }

    fn mv_limit(&mut self) -> PResult<Option<crate::ast::Expr>> {
        if self.eat_word("limit").is_some() {
            Ok(Some(self.expr()?))
        } else {
            Ok(None)
        }
    }
}
