//! `evaluate pivot(PivotColumn [, count()] [, Column1, ...])` (q/pivot-plugin.md): one
//! output column per distinct value of PivotColumn, holding the count of the rows of
//! each group (the other columns, or Column1, ...) with that value.
//!
//! ```kql
//! StormEvents | project State, EventType | evaluate pivot(State)
//! // EventType, ALABAMA, ALASKA: the number of events of each type in each state
//! ```
//!
//! The columns come from the data, so the plugin is bound late (`bind::late`): its
//! input is run, then the plugin becomes
//! `summarize ['v'] = countif(tostring(PivotColumn) == "v") by Columns` over that input,
//! which is what the page's examples show (a group without the value counts 0).
//!
//! The page does not say in which order the value columns come (its examples list
//! ALABAMA before ALASKA but ARKANSAS before ARIZONA), so a pivot that would make two
//! value columns or more is refused, as are the other aggregation functions, a null or
//! empty pivot value, and values other than plain text (letters, digits, `_ -.,`).

use std::sync::Arc;

use kql_parser::ast::{Expr, ExprKind, Span};

use crate::bind::{Binder, CheckError, RowScope};
use crate::plan::{Plan, PlanKind, ScalarKind};
use crate::value::Value;

impl Binder<'_> {
    pub(super) fn pivot(
        &mut self,
        input: Arc<Plan>,
        args: &[Expr],
        span: Span,
    ) -> Result<Plan, CheckError> {
        let Some(first) = args.first() else {
            return Err(CheckError::invalid(
                "`pivot` needs the column to pivot",
                span,
            ));
        };
        let pivot = self.scalar(first, &RowScope::of(&input.schema))?;
        let ScalarKind::Column(pivot_index) = pivot.kind else {
            return Err(CheckError::invalid(
                "`pivot` pivots a column, not an expression",
                first.span,
            ));
        };
        let mut rest = &args[1..];
        if let Some(ExprKind::Call { name, args }) = rest.first().map(|a| &a.kind) {
            if name.name != "count" || !args.is_empty() {
                return Err(CheckError::unsupported(
                    format!(
                        "`pivot` with `{}()` (kql supports the default, count())",
                        name.name
                    ),
                    name.span,
                ));
            }
            rest = &rest[1..];
        }
        let mut groups: Vec<String> = Vec::new();
        for arg in rest {
            let column = self.scalar(arg, &RowScope::of(&input.schema))?;
            let ScalarKind::Column(i) = column.kind else {
                return Err(CheckError::invalid(
                    "`pivot`'s extra arguments are column names",
                    arg.span,
                ));
            };
            groups.push(input.schema.fields[i].name.clone());
        }
        if rest.is_empty() {
            groups = input
                .schema
                .fields
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != pivot_index)
                .map(|(_, f)| f.name.clone())
                .collect();
        }
        let table = self.run_for_schema("`evaluate pivot`", &input)?;
        let mut values: Vec<String> = Vec::new();
        if let Some(column) = table.column_at(pivot_index) {
            for value in column.values() {
                let text = match value {
                    Value::Null => {
                        return Err(self.data_error(self_refusal("a null pivot value".into())));
                    }
                    Value::String(s) => s.to_string(),
                    other => other.to_string(),
                };
                let plain = !text.is_empty()
                    && text
                        .chars()
                        .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ',' | ' '));
                if !plain {
                    return Err(self.data_error(self_refusal(format!("the pivot value {text:?}"))));
                }
                if !values.contains(&text) {
                    values.push(text);
                }
                if values.len() > 1 {
                    return Err(self.data_error(self_refusal(
                        "two or more pivot values (the order of their columns is undocumented)"
                            .into(),
                    )));
                }
            }
        }
        let pivot_name = &input.schema.fields[pivot_index].name;
        let aggregates: Vec<String> = values
            .iter()
            .map(|v| format!("['{v}'] = countif(tostring(['{pivot_name}']) == \"{v}\")"))
            .collect();
        let by: Vec<String> = groups.iter().map(|g| format!("['{g}']")).collect();
        if aggregates.is_empty() && by.is_empty() {
            return Err(CheckError::unsupported(
                "`pivot` of a table with no other column and no rows",
                span,
            ));
        }
        let by = if by.is_empty() {
            String::new()
        } else {
            format!(" by {}", by.join(", "))
        };
        let text = format!("pivot_input | summarize {}{by}", aggregates.join(", "));
        let parsed = kql_parser::parse_expr(&text)
            .map_err(|_| CheckError::invalid("`pivot` over these column names", span))?;
        let ExprKind::Pipe { op, .. } = parsed.kind else {
            return Err(CheckError::invalid("`pivot` over these column names", span));
        };
        let constant = Arc::new(Plan {
            schema: table.schema().clone(),
            kind: PlanKind::Constant(table),
            span,
        });
        let mut plan = Arc::unwrap_or_clone(self.operator(constant, &op)?);
        plan.span = span;
        Ok(plan)
    }
}

fn self_refusal(message: String) -> crate::exec::EvalError {
    crate::exec::EvalError::invalid(format!("pivot: kql does not support {message}"))
}

#[cfg(test)]
mod tests {
    use crate::functions::test_support::run_at;

    #[test]
    fn one_value_column_holds_the_count_per_group() {
        // q/pivot-plugin.md, "Pivot by a column": one column per state, the count of
        // each event type's rows in it; the page's ALABAMA counts, here over rows.
        let rows = run_at(
            r#"datatable(State:string, EventType:string)["ALABAMA","Thunderstorm Wind","ALABAMA","Thunderstorm Wind","ALABAMA","Strong Wind"]
            | evaluate pivot(State) | sort by EventType asc"#,
            0,
            true,
        )
        .unwrap_or_default();
        assert_eq!(rows[0], ["EventType:string", "ALABAMA:long"]);
        assert_eq!(
            rows[1..],
            [["Strong Wind", "1"], ["Thunderstorm Wind", "2"]]
        );
    }

    #[test]
    fn no_rows_give_the_group_columns_only() {
        // "the rotated table with specified columns plus all unique values of the
        // pivot columns": with no rows there are no values.
        let rows = run_at(
            "datatable(State:string, EventType:string)[] | evaluate pivot(State, count(), EventType)",
            0,
            true,
        )
        .unwrap_or_default();
        assert_eq!(rows, [["EventType:string"]]);
    }

    #[test]
    fn undocumented_shapes_are_refused() {
        for q in [
            r#"datatable(S:string, E:string)["A","x","B","y"] | evaluate pivot(S)"#,
            r#"datatable(S:string, E:string)["A","x"] | evaluate pivot(S, sum(E))"#,
            r#"datatable(S:string, E:string)["","x"] | evaluate pivot(S)"#,
        ] {
            assert!(run_at(q, 0, true).is_err(), "{q}");
        }
    }
}
