//! `partition by Column (SubQuery)`: the sub-query applied to each group of rows that
//! share a value of `Column`, results concatenated (q/partition-operator.md).
//!
//! ```kql
//! T | partition hint.strategy=native by State (summarize Injuries = sum(I) by Type | top 2 by Injuries)
//! ```
//! The output schema is the sub-query's. The default (legacy) strategy fails beyond 64
//! partitions, as Kusto does; `native` and `shuffle` have no limit. The
//! `{ SubQueryWithSource }` form is not parsed, and so not supported.

use std::sync::Arc;

use kql_parser::ast::{Partition, Span};

use super::options::{option_text, unknown_option};
use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{Plan, PlanKind, ScalarKind};

impl Binder<'_> {
    pub(super) fn partition(
        &mut self,
        input: Arc<Plan>,
        partition: &Partition,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let mut legacy = true;
        for option in &partition.options {
            match option.name.name.as_str() {
                "hint.strategy" => {
                    legacy = match option_text(option)?.as_str() {
                        "legacy" => true,
                        "native" | "shuffle" => false,
                        other => {
                            return Err(CheckError::invalid(
                                format!("`{other}` is not a partition strategy"),
                                option.value.span,
                            ));
                        }
                    }
                }
                _ => unknown_option("partition", option)?,
            }
        }
        let key = self.scalar(&partition.by, &RowScope::of(&input.schema))?;
        let ScalarKind::Column(column) = key.kind else {
            return Err(CheckError::invalid(
                "`partition by` takes a column",
                partition.by.span,
            ));
        };
        let mut sub = Arc::new(Plan {
            schema: input.schema.clone(),
            kind: PlanKind::SubInput,
            span: partition.body.span,
        });
        for op in &partition.body.operators {
            sub = self.operator(sub, op)?;
        }
        if super::mv_apply::contains_materialize(&sub) {
            return Err(CheckError::unsupported(
                "`materialize` inside a partition sub-query",
                partition.body.span,
            ));
        }
        Ok(Plan {
            schema: sub.schema.clone(),
            kind: PlanKind::Partition {
                input,
                column,
                sub,
                legacy,
            },
            span,
        })
    }
}
