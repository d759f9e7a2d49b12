//! Lists gathered on reusable stacks, then moved into a `Vec` of exactly their length.
//!
//! Building a list by `push` allocates it several times over as it grows (a
//! `project` of six columns: room for 1, then 4, then 8), and most lists here are
//! short. Instead, the items are pushed on a stack shared by every list of their type
//! (nested lists stack above their parent's items) and, once the list is complete,
//! moved out in one allocation. The stacks outlive the parse: like the token buffer,
//! they are kept per thread for the next one.
//!
//! ```kql
//! T | project A, B = x + 1, strcat(a, "|", b)     // named expressions, call arguments
//! ```

use std::cell::Cell;

use super::{PResult, Parser};
use crate::ast::{Expr, NamedExpr, Statement};

/// Stacks larger than this many items (after a huge `datatable`, say) are freed rather
/// than kept for the next parse.
const MAX_KEPT_ITEMS: usize = 1 << 12;

/// One stack per type of item gathered.
#[derive(Default)]
pub(crate) struct Scratch {
    exprs: Vec<Expr>,
    named: Vec<NamedExpr>,
    statements: Vec<Statement>,
}

impl Scratch {
    const fn new() -> Scratch {
        Scratch {
            exprs: Vec::new(),
            named: Vec::new(),
            statements: Vec::new(),
        }
    }

    /// The stacks of the last parse on this thread (empty ones the first time).
    pub(crate) fn take() -> Scratch {
        SCRATCH.with(Cell::take)
    }

    /// Keeps the stacks for the next parse on this thread, unless they grew very large.
    pub(crate) fn keep(mut self) {
        if self.exprs.capacity() > MAX_KEPT_ITEMS
            || self.named.capacity() > MAX_KEPT_ITEMS
            || self.statements.capacity() > MAX_KEPT_ITEMS
        {
            return;
        }
        self.exprs.clear();
        self.named.clear();
        self.statements.clear();
        SCRATCH.with(|s| s.set(self));
    }
}

thread_local! {
    static SCRATCH: Cell<Scratch> = const { Cell::new(Scratch::new()) };
}

/// A type of list item, and which stack it is gathered on.
pub(crate) trait Gathered: Sized {
    fn stack(scratch: &mut Scratch) -> &mut Vec<Self>;
}

impl Gathered for Expr {
    fn stack(scratch: &mut Scratch) -> &mut Vec<Expr> {
        &mut scratch.exprs
    }
}

impl Gathered for NamedExpr {
    fn stack(scratch: &mut Scratch) -> &mut Vec<NamedExpr> {
        &mut scratch.named
    }
}

impl Gathered for Statement {
    fn stack(scratch: &mut Scratch) -> &mut Vec<Statement> {
        &mut scratch.statements
    }
}

impl Parser<'_> {
    /// Runs `f`, which adds the list's items with [`Parser::gather`], and returns them.
    /// Whether `f` succeeds or fails, the stack is left as it was found: a failed
    /// list's items are dropped, so they can never end up in an enclosing list.
    pub(crate) fn gathered<T: Gathered>(
        &mut self,
        f: impl FnOnce(&mut Self) -> PResult<()>,
    ) -> PResult<Vec<T>> {
        let base = T::stack(&mut self.scratch).len();
        let result = f(self);
        let stack = T::stack(&mut self.scratch);
        match result {
            Ok(()) => Ok(stack.drain(base..).collect()),
            Err(e) => {
                stack.truncate(base);
                Err(e)
            }
        }
    }

    /// Adds an item to the list being gathered (see [`Parser::gathered`]).
    pub(crate) fn gather<T: Gathered>(&mut self, item: T) {
        T::stack(&mut self.scratch).push(item);
    }

    /// `item, item, ...`: one or more, comma-separated. A list of one (most call
    /// arguments) is returned without going through the stack.
    pub(crate) fn comma_list<T: Gathered>(
        &mut self,
        mut item: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<Vec<T>> {
        let first = item(self)?;
        if self.eat(crate::lexer::TokenKind::Comma).is_none() {
            return Ok(vec![first]);
        }
        self.gathered(|p| {
            p.gather(first);
            loop {
                let next = item(p)?;
                p.gather(next);
                if p.eat(crate::lexer::TokenKind::Comma).is_none() {
                    return Ok(());
                }
            }
        })
    }
}
