//! `serialize` and which inputs are serialized (ordered), as window functions need
//! (q/serialize-operator.md).
//!
//! ```kql
//! T | serialize                       // marks the rows as ordered
//! T | serialize Rank = row_number()   // and extends, as `extend` would
//! T | sort by x | extend p = prev(x)  // sort output is serialized already
//! ```
//! Serialized outputs: `serialize`, `sort`/`order`, `top`, `range`. Operators that keep
//! their input's order keep it serialized: `where`, `extend`, `project` (and
//! `project-away/keep/rename/reorder`), `take`, `mv-expand`, `parse`, `render`.

use std::sync::Arc;

use kql_parser::ast::{NamedExpr, Span};

use crate::bind::{Binder, CheckError};
use crate::plan::{Plan, PlanKind};

impl Binder<'_> {
    pub(super) fn serialize(
        &mut self,
        input: Arc<Plan>,
        items: &[NamedExpr],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let marked = Arc::new(Plan {
            schema: input.schema.clone(),
            kind: PlanKind::Serialize { input },
            span,
        });
        if items.is_empty() {
            return Ok(Arc::unwrap_or_clone(marked));
        }
        self.serialized = true;
        self.extend(marked, items, span)
    }
}

/// Whether a plan's rows are in a defined order.
pub(crate) fn is_serialized(plan: &Plan) -> bool {
    match &plan.kind {
        PlanKind::Serialize { .. } | PlanKind::Sort { .. } | PlanKind::Range { .. } => true,
        PlanKind::Filter { input, .. }
        | PlanKind::Project { input, .. }
        | PlanKind::Take { input, .. }
        | PlanKind::Render { input, .. } => is_serialized(input),
        PlanKind::MvExpand(mv) => is_serialized(&mv.input),
        PlanKind::Parse(p) => is_serialized(&p.input),
        _ => false,
    }
}
