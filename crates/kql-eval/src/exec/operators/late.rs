//! Queries bound at run time (`bind::late`): their columns depend on the data.
//!
//! ```kql
//! T | evaluate bag_unpack(d) | where Name == "John"
//! ```
//! The executor binds the statement with itself as the [`Resolver`]: the binder runs
//! the plugin's input here, computes the plugin's table, binds the rest against its
//! real columns, and the result is pruned and run like any other plan.

use std::sync::Arc;

use crate::bind::{CheckError, LateQuery, Resolver};
use crate::exec::{EvalError, Executor};
use crate::plan::{Plan, prune};
use crate::table::Table;

struct ExecResolver<'e, 'd> {
    exec: &'e mut Executor<'d>,
    error: Option<EvalError>,
}

impl Resolver for ExecResolver<'_, '_> {
    fn run(&mut self, plan: &Plan) -> Result<Arc<Table>, CheckError> {
        let pruned = prune(plan);
        self.exec.execute(&pruned).map_err(|e| self.fail(e))
    }

    fn fail(&mut self, error: EvalError) -> CheckError {
        let message = error.to_string();
        self.error = Some(error);
        CheckError::invalid(message, kql_parser::ast::Span::default())
    }
}

pub(crate) fn late(exec: &mut Executor<'_>, query: &LateQuery) -> Result<Arc<Table>, EvalError> {
    let mut resolver = ExecResolver { exec, error: None };
    let bound = query.bind(&mut resolver);
    let plan = match bound {
        Ok(plan) => plan,
        Err(e) => return Err(resolver.error.take().unwrap_or(EvalError::Check(e))),
    };
    exec.execute(&prune(&plan))
}
