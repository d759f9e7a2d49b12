//! `count`: one row, one `long` column named `Count` (q/count-operator.md).

use std::sync::Arc;

use kql_parser::ast::{ScalarType, Span};

use crate::bind::Binder;
use crate::plan::{Plan, PlanKind};
use crate::table::{Field, Schema};

impl Binder<'_> {
    pub(super) fn count(&mut self, input: Arc<Plan>, span: Span) -> Plan {
        Plan {
            schema: Schema {
                fields: vec![Field {
                    name: "Count".to_string(),
                    ty: ScalarType::Long,
                }],
            },
            kind: PlanKind::Count { input },
            span,
        }
    }
}
