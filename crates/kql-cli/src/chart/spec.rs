//! What a `render` asks to draw, read from its chart type and `with (...)` properties
//! (render-operator page, "Supported properties": accumulate, kind, legend, series,
//! ymin, ymax, title, xaxis, xcolumn, xtitle, yaxis, ycolumns, ysplit, ytitle).
//!
//! ```kql
//! T | render timechart with (title="Mail per day", ytitle="Messages", ymax=100)
//! T | render columnchart with (kind=stacked, series=DeliveryAction, legend=hidden)
//! ```
//! Properties that would change the picture but are not drawn (`xaxis=log`,
//! `ysplit=panels`, `kind=map`, ...) are refused rather than ignored.

use kql_eval::plan::RenderRequest;

use super::ChartError;

/// The charts `--chart` draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// Lines over a datetime x axis, sorted by time.
    Time,
    /// Lines over a numeric (or datetime) x axis.
    Line,
    /// Filled areas under the lines of a line chart.
    Area,
    /// Points of a line chart, unjoined.
    Scatter,
    /// Vertical bars, one group per x value.
    Column,
    /// Horizontal bars, one group per value of the first column.
    Bar,
    /// Slices: the first column labels, the first numeric column sizes.
    Pie,
}

impl ChartKind {
    fn from_name(name: &str) -> Option<ChartKind> {
        Some(match name {
            "timechart" => ChartKind::Time,
            "linechart" => ChartKind::Line,
            "areachart" => ChartKind::Area,
            "scatterchart" => ChartKind::Scatter,
            "columnchart" => ChartKind::Column,
            "barchart" => ChartKind::Bar,
            "piechart" => ChartKind::Pie,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Time => "timechart",
            ChartKind::Line => "linechart",
            ChartKind::Area => "areachart",
            ChartKind::Scatter => "scatterchart",
            ChartKind::Column => "columnchart",
            ChartKind::Bar => "barchart",
            ChartKind::Pie => "piechart",
        }
    }

    /// Charts of points over a continuous x axis.
    pub fn is_xy(self) -> bool {
        matches!(
            self,
            ChartKind::Time | ChartKind::Line | ChartKind::Area | ChartKind::Scatter
        )
    }

    /// Charts drawn as bars over categories.
    pub fn has_bars(self) -> bool {
        matches!(self, ChartKind::Column | ChartKind::Bar)
    }
}

/// `kind=` of a column or bar chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stacking {
    /// `default`/`unstacked`: each series' bar stands on its own, side by side.
    Unstacked,
    /// `stacked`: the series' bars stacked on top of one another.
    Stacked,
    /// `stacked100`: stacked, each category scaled to 100%.
    Stacked100,
}

/// A `render` request made drawable.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSpec {
    pub kind: ChartKind,
    pub title: Option<String>,
    pub xtitle: Option<String>,
    pub ytitle: Option<String>,
    /// `legend=visible` (the default) or `hidden`.
    pub legend: bool,
    pub ymin: Option<f64>,
    pub ymax: Option<f64>,
    pub stacking: Stacking,
    /// `accumulate=true`: each value is added to its predecessors in its series.
    pub accumulate: bool,
    pub xcolumn: Option<String>,
    pub ycolumns: Vec<String>,
    pub series: Vec<String>,
}

impl ChartSpec {
    /// Reads a `render` request, refusing chart types and properties kql does not draw.
    pub fn from_request(request: &RenderRequest) -> Result<ChartSpec, ChartError> {
        let kind =
            ChartKind::from_name(&request.chart).ok_or_else(|| ChartError::UnsupportedChart {
                chart: request.chart.clone(),
            })?;
        let mut spec = ChartSpec {
            kind,
            title: None,
            xtitle: None,
            ytitle: None,
            legend: true,
            ymin: None,
            ymax: None,
            stacking: Stacking::Unstacked,
            accumulate: false,
            xcolumn: None,
            ycolumns: Vec::new(),
            series: Vec::new(),
        };
        for (name, values) in &request.properties {
            spec.apply(&name.to_ascii_lowercase(), values)?;
        }
        if let (Some(min), Some(max)) = (spec.ymin, spec.ymax)
            && min >= max
        {
            return Err(ChartError::PropertyValue {
                property: "ymin".into(),
                value: format!("{min}"),
                expected: format!("a number below ymax ({max})"),
            });
        }
        Ok(spec)
    }

    fn apply(&mut self, name: &str, values: &[String]) -> Result<(), ChartError> {
        let value = values.join(", ");
        match name {
            "title" => self.title = Some(value),
            "xtitle" => self.xtitle = Some(value),
            "ytitle" => self.ytitle = Some(value),
            "xcolumn" => self.xcolumn = Some(value),
            "ycolumns" => self.ycolumns = values.to_vec(),
            "series" => self.series = values.to_vec(),
            "legend" => self.legend = one_of(name, &value, &["visible", "hidden"])? == "visible",
            "accumulate" => self.accumulate = one_of(name, &value, &["true", "false"])? == "true",
            "ymin" => self.ymin = Some(number(name, &value)?),
            "ymax" => self.ymax = Some(number(name, &value)?),
            "kind" => self.stacking = self.kind_property(&value)?,
            "xaxis" | "yaxis" => {
                if one_of(name, &value, &["linear", "log"])? == "log" {
                    return Err(self.unsupported(name, &value, "only linear axes are drawn"));
                }
            }
            "ysplit" => {
                if one_of(name, &value, &["none", "axes", "panels"])? != "none" {
                    return Err(self.unsupported(name, &value, "all series share one y axis"));
                }
            }
            _ => {
                return Err(self.unsupported(
                    name,
                    &value,
                    "the properties drawn: title, xtitle, ytitle, xcolumn, ycolumns, series, legend, ymin, ymax, kind, accumulate, xaxis=linear, yaxis=linear, ysplit=none",
                ));
            }
        }
        Ok(())
    }

    /// `kind=`: stacking for column and bar charts (visualization-columnchart, "kind
    /// property"); only `default` elsewhere.
    fn kind_property(&self, value: &str) -> Result<Stacking, ChartError> {
        let stacking = match value.to_ascii_lowercase().as_str() {
            "default" => return Ok(Stacking::Unstacked),
            "unstacked" => Stacking::Unstacked,
            "stacked" => Stacking::Stacked,
            "stacked100" => Stacking::Stacked100,
            _ => {
                return Err(self.unsupported(
                    "kind",
                    value,
                    "column and bar charts take kind=default, unstacked, stacked or stacked100",
                ));
            }
        };
        // `unstacked` is what every other chart draws anyway (docs/cli.md).
        if self.kind.has_bars() || stacking == Stacking::Unstacked {
            Ok(stacking)
        } else {
            Err(self.unsupported(
                "kind",
                value,
                "only column and bar charts are drawn stacked",
            ))
        }
    }

    fn unsupported(&self, property: &str, value: &str, help: &str) -> ChartError {
        ChartError::UnsupportedProperty {
            chart: self.kind.name().into(),
            property: property.into(),
            value: value.into(),
            help: help.into(),
        }
    }
}

fn one_of<'a>(property: &str, value: &str, allowed: &[&'a str]) -> Result<&'a str, ChartError> {
    allowed
        .iter()
        .find(|a| a.eq_ignore_ascii_case(value))
        .copied()
        .ok_or_else(|| ChartError::PropertyValue {
            property: property.into(),
            value: value.into(),
            expected: allowed.join(" or "),
        })
}

fn number(property: &str, value: &str) -> Result<f64, ChartError> {
    value
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| ChartError::PropertyValue {
            property: property.into(),
            value: value.into(),
            expected: "a number".into(),
        })
}
