//! From a result table to what a chart draws: the x values and the series of points,
//! following the render operator's data model (render-operator page: the x-axis column
//! `xcolumn`, the series columns `series` whose combined per-record values define a
//! series, and the y-axis columns `ycolumns`, one measure each per record).
//!
//! Defaults when the properties are not given (visualization-timechart/-linechart/
//! -columnchart/-barchart/-piechart pages):
//! - x: the first column (for a time, line, area or scatter chart whose first column
//!   cannot be an x axis, the first datetime column).
//! - y: every numeric column (int, long, real, decimal) that is not x or a series column.
//! - series: the first string column that is not x or a y column ("One string column
//!   values are used to group the numeric columns and create different lines in the
//!   chart. Other string columns are ignored.", visualization-timechart); no series
//!   for a pie chart.
//!
//! A series is named after its key (the series columns' values, joined with `, `), or
//! after its y column when there is no series column; `key:ycolumn` when both vary.

use kql_eval::format::cell::push_cell_text;
use kql_eval::table::{Column, Table};
use kql_eval::value::Value;
use kql_eval::value::datetime::UNIX_EPOCH_TICKS;
use kql_parser::ast::ScalarType;

use super::{ChartError, ChartKind, ChartSpec};

/// Most series and categories a chart draws: beyond that it is unreadable.
pub const MAX_SERIES: usize = 250;

/// The series of a chart by name, in order of first appearance, at most
/// [`MAX_SERIES`] of them.
#[derive(Default)]
pub struct SeriesSet {
    pub series: Vec<Series>,
    slots: std::collections::HashMap<String, usize>,
}

impl SeriesSet {
    /// The points of the series `name`, a new one if it is the first of its name.
    pub fn points(&mut self, name: String) -> Result<&mut Vec<(f64, f64)>, ChartError> {
        let at = match self.slots.get(&name) {
            Some(&at) => at,
            None if self.series.len() == MAX_SERIES => {
                return Err(ChartError::data(
                    format!("the result makes more than {MAX_SERIES} series"),
                    "narrow it down with `top` or `where`, or name fewer columns with ycolumns= and series=",
                ));
            }
            None => {
                self.slots.insert(name.clone(), self.series.len());
                self.series.push(Series {
                    name,
                    points: Vec::new(),
                });
                self.series.len() - 1
            }
        };
        Ok(&mut self.series[at].points)
    }
}
pub const MAX_CATEGORIES: usize = 1000;

/// What the x values are.
#[derive(Debug, Clone, PartialEq)]
pub enum XAxis {
    /// Milliseconds since 1970-01-01 UTC.
    Time,
    Number,
    /// Labels in order of first appearance; a point's x is its label's index.
    Category(Vec<String>),
}

/// One line, one set of bars or (for a pie chart) the slices.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    /// `(x, y)` in row order (sorted by x for time and number axes); rows whose x or y
    /// is null (or not finite) are left out.
    pub points: Vec<(f64, f64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    pub x: XAxis,
    /// The x column's name, the default x axis title.
    pub x_name: String,
    /// The y columns' names, the default y axis title.
    pub y_names: Vec<String>,
    pub series: Vec<Series>,
}

/// Splits `table` into the series `spec` asks for.
pub fn extract(spec: &ChartSpec, table: &Table) -> Result<ChartData, ChartError> {
    let mut data = match super::arrays::array_x(spec, table) {
        Some(x) => super::arrays::extract(spec, table, x)?,
        None => from_scalars(spec, table)?,
    };
    if spec.accumulate {
        for s in &mut data.series {
            let mut total = 0.0;
            for point in &mut s.points {
                total += point.1;
                point.1 = total;
            }
        }
    }
    Ok(data)
}

/// A table of scalars: one point per row and y column.
fn from_scalars(spec: &ChartSpec, table: &Table) -> Result<ChartData, ChartError> {
    let schema = table.schema();
    let index = |property: &str, name: &str| column_index(table, property, name);
    let types: Vec<ScalarType> = schema.types().collect();
    let x = match &spec.xcolumn {
        Some(name) => index("xcolumn", name)?,
        None if schema.is_empty() => return Err(no_values(spec)),
        None => default_x(spec.kind, &types),
    };
    let explicit_series: Vec<usize> = spec
        .series
        .iter()
        .map(|name| index("series", name))
        .collect::<Result<_, _>>()?;
    let ys: Vec<usize> = if spec.ycolumns.is_empty() {
        (0..types.len())
            .filter(|&i| i != x && !explicit_series.contains(&i) && types[i].is_numeric())
            .collect()
    } else {
        spec.ycolumns
            .iter()
            .map(|name| index("ycolumns", name))
            .collect::<Result<_, _>>()?
    };
    for &y in &ys {
        if !types[y].is_numeric() {
            return Err(column_type(
                spec,
                "y",
                schema.names().nth(y),
                types[y],
                "a number (int, long, real or decimal)",
            ));
        }
    }
    let Some(&first_y) = ys.first() else {
        if types.contains(&ScalarType::Dynamic) && table.num_rows() == 0 && spec.kind.is_xy() {
            // An empty make-series result: nothing to draw, and no arrays to tell x by.
            return Ok(ChartData {
                x: XAxis::Time,
                x_name: spec.xcolumn.clone().unwrap_or_default(),
                y_names: spec.ycolumns.clone(),
                series: Vec::new(),
            });
        }
        if types.contains(&ScalarType::Dynamic) {
            return Err(ChartError::data(
                format!(
                    "a {} does not draw dynamic (array) columns",
                    spec.kind.name()
                ),
                "make-series results are drawn by timechart, linechart, areachart and scatterchart; mv-expand the arrays for other charts",
            ));
        }
        return Err(no_values(spec));
    };
    if spec.kind == ChartKind::Pie && !spec.series.is_empty() {
        return Err(ChartError::UnsupportedProperty {
            chart: spec.kind.name().into(),
            property: "series".into(),
            value: spec.series.join(", "),
            help: "a pie chart's slices are its rows: the first column labels them".into(),
        });
    }
    let ys = if spec.kind == ChartKind::Pie {
        vec![first_y]
    } else {
        ys
    };
    let series_columns = if !explicit_series.is_empty() || spec.kind == ChartKind::Pie {
        explicit_series
    } else {
        (0..types.len())
            .find(|&i| i != x && !ys.contains(&i) && types[i] == ScalarType::String)
            .into_iter()
            .collect()
    };

    let x_column = column(table, x)?;
    let x_axis = x_axis(spec, types[x], schema.names().nth(x))?;
    let mut rows: Vec<usize> = (0..table.num_rows()).collect();
    if !matches!(x_axis, XAxis::Category(_)) {
        rows.sort_by(|&a, &b| {
            let (a, b) = (x_number(x_column, a), x_number(x_column, b));
            a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal)
        });
    }
    let (x_axis, x_of) = match x_axis {
        XAxis::Category(_) => {
            let (labels, of) = categories(x_column, types[x], &rows)?;
            (XAxis::Category(labels), of)
        }
        other => (other, rows.iter().map(|&r| x_number(x_column, r)).collect()),
    };

    let key_columns: Vec<&Column> = series_columns
        .iter()
        .map(|&i| column(table, i))
        .collect::<Result<_, _>>()?;
    let mut series = SeriesSet::default();
    let names: Vec<&str> = schema.names().collect();
    for (position, &row) in rows.iter().enumerate() {
        let key = (!key_columns.is_empty()).then(|| {
            let mut key = String::new();
            for (i, c) in key_columns.iter().enumerate() {
                if i > 0 {
                    key.push_str(", ");
                }
                push_cell_text(&mut key, c, row);
            }
            key
        });
        for &y in &ys {
            let name = match &key {
                None => names[y].to_string(),
                Some(key) if ys.len() == 1 => key.clone(),
                Some(key) => format!("{key}:{}", names[y]),
            };
            let value = column(table, y)?
                .get(row)
                .as_f64()
                .filter(|v| v.is_finite());
            let points = series.points(name)?;
            if let (Some(x), Some(y)) = (x_of[position], value) {
                points.push((x, y));
            }
        }
    }
    Ok(ChartData {
        x: x_axis,
        x_name: names[x].to_string(),
        y_names: ys.iter().map(|&y| names[y].to_string()).collect(),
        series: series.series,
    })
}

/// The column a `with (...)` property (`xcolumn`, `ycolumns`, `series`) names.
pub(super) fn column_index(table: &Table, property: &str, name: &str) -> Result<usize, ChartError> {
    let schema = table.schema();
    schema
        .index_of(name)
        .ok_or_else(|| ChartError::NoSuchColumn {
            property: property.into(),
            column: name.into(),
            columns: schema.names().collect::<Vec<_>>().join(", "),
        })
}

fn column(table: &Table, index: usize) -> Result<&Column, ChartError> {
    table
        .column_at(index)
        .map(|c| c.as_ref())
        .ok_or_else(|| ChartError::Draw(format!("column {index} is missing")))
}

fn no_values(spec: &ChartSpec) -> ChartError {
    ChartError::NoValues {
        chart: spec.kind.name().into(),
    }
}

pub(super) fn column_type(
    spec: &ChartSpec,
    role: &str,
    name: Option<&str>,
    actual: ScalarType,
    expected: &str,
) -> ChartError {
    ChartError::ColumnType {
        chart: spec.kind.name().into(),
        role: role.into(),
        column: name.unwrap_or_default().into(),
        actual: actual.to_string(),
        expected: expected.into(),
    }
}

/// The x column when `xcolumn=` is not given: the first column, unless a time, line,
/// area or scatter chart's first column cannot be an x axis (`summarize count() by
/// Name, bin(Timestamp, 1d)`): then the first datetime column ("User agents are free to
/// 'guess' the value of properties that are not specified by the query", render
/// operator page).
fn default_x(kind: ChartKind, types: &[ScalarType]) -> usize {
    let xy = matches!(
        kind,
        ChartKind::Time | ChartKind::Line | ChartKind::Area | ChartKind::Scatter
    );
    let fits =
        |ty: ScalarType| ty == ScalarType::DateTime || (kind != ChartKind::Time && ty.is_numeric());
    match types.first() {
        Some(&first) if xy && !fits(first) => types
            .iter()
            .position(|&t| t == ScalarType::DateTime)
            .unwrap_or(0),
        _ => 0,
    }
}

/// The x axis a chart kind draws over the x column's type: a timechart needs a
/// datetime ("the x-axis is always time"); line, area and scatter charts a number or a
/// datetime; bars and slices take any type as labels.
fn x_axis(spec: &ChartSpec, ty: ScalarType, name: Option<&str>) -> Result<XAxis, ChartError> {
    match spec.kind {
        ChartKind::Time if ty == ScalarType::DateTime => Ok(XAxis::Time),
        ChartKind::Time => Err(column_type(spec, "x", name, ty, "a datetime")),
        ChartKind::Line | ChartKind::Area | ChartKind::Scatter => {
            if ty == ScalarType::DateTime {
                Ok(XAxis::Time)
            } else if ty.is_numeric() {
                Ok(XAxis::Number)
            } else {
                Err(column_type(spec, "x", name, ty, "a number or a datetime"))
            }
        }
        ChartKind::Column | ChartKind::Bar | ChartKind::Pie => Ok(XAxis::Category(Vec::new())),
    }
}

/// A time or number x value: milliseconds since the Unix epoch for a datetime.
fn x_number(x: &Column, row: usize) -> Option<f64> {
    match x.get(row) {
        Value::DateTime(ticks) => Some((ticks - UNIX_EPOCH_TICKS).div_euclid(10_000) as f64),
        other => other.as_f64().filter(|v| v.is_finite()),
    }
}

/// The distinct labels of the x column in row order, and each row's label index.
/// Datetimes that all fall on midnight are labelled by their date alone.
fn categories(
    x: &Column,
    ty: ScalarType,
    rows: &[usize],
) -> Result<(Vec<String>, Vec<Option<f64>>), ChartError> {
    let dates_only = ty == ScalarType::DateTime
        && rows.iter().all(|&r| match x.get(r) {
            Value::DateTime(t) => t.rem_euclid(864_000_000_000) == 0,
            _ => true,
        });
    let mut labels: Vec<String> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut of = Vec::with_capacity(rows.len());
    for &row in rows {
        if x.is_null(row) {
            of.push(None);
            continue;
        }
        let mut label = String::new();
        push_cell_text(&mut label, x, row);
        if dates_only {
            label.truncate(10);
        }
        let at = match index.get(&label) {
            Some(&at) => at,
            None => {
                if labels.len() == MAX_CATEGORIES {
                    return Err(ChartError::data(
                        format!("the result has more than {MAX_CATEGORIES} distinct x values"),
                        "narrow it down with `top` or `summarize`",
                    ));
                }
                index.insert(label.clone(), labels.len());
                labels.push(label);
                labels.len() - 1
            }
        };
        of.push(Some(at as f64));
    }
    Ok((labels, of))
}
