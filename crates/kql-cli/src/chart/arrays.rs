//! Charting a `make-series` result: each row holds arrays (the time axis and one
//! array per aggregate), and each row and y column makes one series
//! (make-series-operator page: "the output ... can be rendered with `render
//! timechart`").
//!
//! ```kql
//! T | make-series Count=count() default=0 on Timestamp from ago(30d) to now() step 1d by DeliveryAction
//!   | render timechart
//! ```
//! The x column is `xcolumn=` if it is dynamic, else (when the first column is not a
//! scalar x already) the first dynamic column whose first row is an array of
//! datetimes, else (line, area and scatter charts) the first holding numbers.
//! The y columns are `ycolumns=` or every other dynamic column whose first row is an
//! array of numbers; the series key is the `series=` columns or the first string
//! column, as for a table of scalars.

use kql_eval::table::{Column, Table};
use kql_eval::value::Dynamic;
use kql_eval::value::datetime::UNIX_EPOCH_TICKS;
use kql_parser::ast::ScalarType;

use super::extract::{ChartData, SeriesSet, XAxis, column_index, column_type};
use super::{ChartError, ChartKind, ChartSpec};

/// The array x column, when `table` is a `make-series` result to chart as one.
pub fn array_x(spec: &ChartSpec, table: &Table) -> Option<usize> {
    let schema = table.schema();
    let is_dynamic = |i: usize| schema.types().nth(i) == Some(ScalarType::Dynamic);
    if !matches!(
        spec.kind,
        ChartKind::Time | ChartKind::Line | ChartKind::Area | ChartKind::Scatter
    ) {
        return None;
    }
    if let Some(name) = &spec.xcolumn {
        return schema.index_of(name).filter(|&i| is_dynamic(i));
    }
    let first = schema.types().next()?;
    if matches!(first, ScalarType::DateTime) || (spec.kind != ChartKind::Time && first.is_numeric())
    {
        return None;
    }
    let holds = |i: usize, fits: &dyn Fn(&Dynamic) -> bool| {
        is_dynamic(i) && first_array(table, i).is_some_and(|a| !a.is_empty() && a.iter().all(fits))
    };
    // The time axis first: make-series puts it after the aggregates.
    (0..schema.len())
        .find(|&i| holds(i, &|v| matches!(v, Dynamic::DateTime(_))))
        .or_else(|| {
            (spec.kind != ChartKind::Time).then(|| {
                (0..schema.len())
                    .find(|&i| holds(i, &|v| matches!(v, Dynamic::Long(_) | Dynamic::Real(_))))
            })?
        })
}

/// The array in the first row of column `i`, if it holds one.
fn first_array(table: &Table, i: usize) -> Option<&[Dynamic]> {
    let column = table.column_at(i)?.as_dynamic()?;
    if column.is_empty() {
        return None;
    }
    match column.get(0) {
        Dynamic::Array(items) => Some(items.as_slice()),
        _ => None,
    }
}

fn number(v: &Dynamic) -> Option<f64> {
    match v {
        Dynamic::Long(n) => Some(*n as f64),
        Dynamic::Real(r) if r.is_finite() => Some(*r),
        Dynamic::DateTime(t) => Some((t - UNIX_EPOCH_TICKS).div_euclid(10_000) as f64),
        _ => None,
    }
}

/// One series per row and y column, the points zipped from the x and y arrays.
pub fn extract(spec: &ChartSpec, table: &Table, x: usize) -> Result<ChartData, ChartError> {
    let schema = table.schema();
    let names: Vec<&str> = schema.names().collect();
    let types: Vec<ScalarType> = schema.types().collect();
    let index = |property: &str, name: &str| column_index(table, property, name);
    let ys: Vec<usize> = if spec.ycolumns.is_empty() {
        (0..names.len())
            .filter(|&i| i != x && types[i] == ScalarType::Dynamic)
            .filter(|&i| {
                first_array(table, i).is_some_and(|a| {
                    a.iter()
                        .all(|v| matches!(v, Dynamic::Long(_) | Dynamic::Real(_) | Dynamic::Null))
                })
            })
            .collect()
    } else {
        spec.ycolumns
            .iter()
            .map(|n| {
                let i = index("ycolumns", n)?;
                // A make-series value column is an array; a scalar one would draw as
                // empty lines.
                match types[i] {
                    ScalarType::Dynamic => Ok(i),
                    other => Err(column_type(
                        spec,
                        "y",
                        Some(n),
                        other,
                        "a dynamic array of numbers",
                    )),
                }
            })
            .collect::<Result<_, _>>()?
    };
    if ys.is_empty() {
        return Err(ChartError::NoValues {
            chart: spec.kind.name().into(),
        });
    }
    let keys: Vec<usize> = if spec.series.is_empty() {
        (0..names.len())
            .find(|&i| types[i] == ScalarType::String)
            .into_iter()
            .collect()
    } else {
        spec.series
            .iter()
            .map(|n| index("series", n))
            .collect::<Result<_, _>>()?
    };
    let column = |i: usize| -> Result<&Column, ChartError> {
        table
            .column_at(i)
            .map(|c| c.as_ref())
            .ok_or_else(|| ChartError::Draw(format!("column {i} is missing")))
    };
    let x_column = column(x)?;
    let mut time = true;
    let mut series = SeriesSet::default();
    for row in 0..table.num_rows() {
        let mut key = String::new();
        for (n, &k) in keys.iter().enumerate() {
            if n > 0 {
                key.push_str(", ");
            }
            kql_eval::format::cell::push_cell_text(&mut key, column(k)?, row);
        }
        let xs = array(x_column, row);
        time &= xs
            .iter()
            .all(|v| matches!(v, Dynamic::DateTime(_) | Dynamic::Null));
        for &y in &ys {
            let name = match (keys.is_empty(), ys.len()) {
                (true, _) => names[y].to_string(),
                (false, 1) => key.clone(),
                (false, _) => format!("{key}:{}", names[y]),
            };
            let values = array(column(y)?, row);
            let mut points: Vec<(f64, f64)> = xs
                .iter()
                .zip(values.iter())
                .filter_map(|(x, y)| Some((number(x)?, number(y)?)))
                .collect();
            series.points(name)?.append(&mut points);
        }
    }
    for s in &mut series.series {
        s.points
            .sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    }
    Ok(ChartData {
        x: if time { XAxis::Time } else { XAxis::Number },
        x_name: names[x].to_string(),
        y_names: ys.iter().map(|&y| names[y].to_string()).collect(),
        series: series.series,
    })
}

/// The array in `column` at `row` (empty for anything else).
fn array(column: &Column, row: usize) -> &[Dynamic] {
    match column.as_dynamic().map(|c| c.get(row)) {
        Some(Dynamic::Array(items)) => items.as_slice(),
        _ => &[],
    }
}
