//! `render`: the result is the input unchanged; the chart request is kept in the plan
//! (`PlanKind::Render`, read with `Plan::render_request`) so the CLI can report it
//! (q/render-operator.md).
//!
//! ```kql
//! T | summarize count() by bin(Timestamp, 1d) | render timechart
//! T | render columnchart with (kind=stacked, title="Mail per day", ycolumns=In, Out)
//! ```
//! `render` must be the last operator of a query: an operator after it is refused.

use std::sync::Arc;

use kql_parser::ast::{ExprKind, Literal, Render, Span};

use crate::bind::{Binder, CheckError, did_you_mean};
use crate::plan::{Plan, PlanKind, RenderRequest};

/// Kusto's chart types (Kusto.Language `KustoFacts.ChartTypes`, plus `plotly`).
const CHART_TYPES: &[&str] = &[
    "table",
    "list",
    "barchart",
    "piechart",
    "ladderchart",
    "timechart",
    "linechart",
    "anomalychart",
    "pivotchart",
    "areachart",
    "stackedareachart",
    "scatterchart",
    "timepivot",
    "columnchart",
    "timeline",
    "3Dchart",
    "card",
    "treemap",
    "plotly",
];

impl Binder<'_> {
    pub(super) fn render(
        &mut self,
        input: Arc<Plan>,
        render: &Render,
        span: Span,
    ) -> Result<Plan, CheckError> {
        let request = render_request(render)?;
        Ok(Plan {
            schema: input.schema.clone(),
            kind: PlanKind::Render { input, request },
            span,
        })
    }
}

/// The chart request of a `render` (it needs no input: a late query's is read from
/// its text at check time).
pub(crate) fn render_request(render: &Render) -> Result<RenderRequest, CheckError> {
    let chart = render.chart.name.to_string();
    if !CHART_TYPES.contains(&chart.as_str()) {
        return Err(CheckError::invalid(
            format!("`{chart}` is not a chart type"),
            render.chart.span,
        )
        .with_help(
            did_you_mean(&chart, CHART_TYPES.iter().copied())
                .unwrap_or_else(|| format!("chart types: {}", CHART_TYPES.join(", "))),
        ));
    }
    let properties = render
        .properties
        .iter()
        .map(|p| {
            let values = p
                .values
                .iter()
                .map(|v| match &v.kind {
                    ExprKind::Name(ident) => ident.name.to_string(),
                    ExprKind::Literal(Literal::String(s)) => s.value.clone(),
                    _ => v.to_string(),
                })
                .collect();
            (p.name.name.to_string(), values)
        })
        .collect();
    Ok(RenderRequest { chart, properties })
}
