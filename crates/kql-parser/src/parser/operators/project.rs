//! `where`, and the `project` family that selects, drops, renames and reorders columns.
//!
//! ```kql
//! T | where Size > 10 and Subject has "invoice"
//! T | project-away Tmp*, ['Internal Id']
//! T | project-keep Sender*, Subject
//! T | project-rename Sender = SenderFromAddress, ['To'] = RecipientEmailAddress
//! T | project-reorder Timestamp, Sender* asc, *Id granny-desc
//! ```
//!
//! (`project` and `extend` take named expressions and are parsed in the dispatcher.)

use crate::ast::{OperatorKind, Rename, ReorderItem, ReorderOrder};
use crate::error::Expected;
use crate::lexer::TokenKind;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    /// `where Predicate` (also spelled `filter`).
    pub(crate) fn where_op(&mut self) -> PResult<OperatorKind> {
        Ok(OperatorKind::Where(self.expr()?))
    }

    /// `project-away`, `project-keep`, `project-rename`, `project-reorder`.
    pub(crate) fn project_family(&mut self, name: &str) -> PResult<OperatorKind> {
        Ok(match name {
            "project-away" => OperatorKind::ProjectAway(self.name_patterns()?),
            "project-keep" => OperatorKind::ProjectKeep(self.name_patterns()?),
            "project-rename" => {
                let mut renames = vec![self.rename()?];
                while self.eat(TokenKind::Comma).is_some() {
                    renames.push(self.rename()?);
                }
                OperatorKind::ProjectRename(renames)
            }
            _ => {
                let mut items = vec![self.reorder_item()?];
                while self.eat(TokenKind::Comma).is_some() {
                    items.push(self.reorder_item()?);
                }
                OperatorKind::ProjectReorder(items)
            }
        })
    }

    /// `New = Old`.
    fn rename(&mut self) -> PResult<Rename> {
        let new = self.ident()?;
        if self.eat(TokenKind::Assign).is_none() {
            return Err(self.unexpected_with(
                Expected::Token("`=`"),
                Some("project-rename takes `NewName = OldName`".into()),
            ));
        }
        let old = self.ident()?;
        let span = new.span.to(old.span);
        Ok(Rename { new, old, span })
    }

    /// `Pattern [asc | desc | granny-asc | granny-desc]`.
    fn reorder_item(&mut self) -> PResult<ReorderItem> {
        let pattern = self.name_pattern()?;
        let order = match self.hyphenated_name() {
            Some(("asc", 1, _)) => Some(ReorderOrder::Asc),
            Some(("desc", 1, _)) => Some(ReorderOrder::Desc),
            Some(("granny-asc", 3, _)) => Some(ReorderOrder::GrannyAsc),
            Some(("granny-desc", 3, _)) => Some(ReorderOrder::GrannyDesc),
            _ => None,
        };
        self.pos += match order {
            None => 0,
            Some(ReorderOrder::Asc | ReorderOrder::Desc) => 1,
            Some(_) => 3,
        };
        let span = self.span_from(pattern.span.start);
        Ok(ReorderItem {
            pattern,
            order,
            span,
        })
    }
}
