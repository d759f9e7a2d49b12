//! Charts of points over a continuous x axis: `timechart` and `linechart` (lines),
//! `areachart` (lines filled down to 0) and `scatterchart` (points). A datetime x is
//! drawn as a time axis, anything else numeric as a number axis.
//!
//! ```kql
//! T | summarize count() by bin(Timestamp, 1h), DeliveryAction | render timechart
//! T | summarize avg(Size) by Recipients | render linechart with (xtitle="Recipients")
//! ```

use chrono::{DateTime, Utc};
use plotters::coord::ranged1d::{AsRangedCoord, ValueFormatter};
use plotters::prelude::*;

use super::extract::{ChartData, XAxis};
use super::style::{self, Area, draw_error};
use super::{ChartError, ChartKind, ChartSpec};

/// Draws `data` as lines, areas or points into `area`.
pub fn draw(area: &Area<'_>, spec: &ChartSpec, data: &ChartData) -> Result<(), ChartError> {
    let xs = || {
        data.series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.0))
    };
    let lo = xs().fold(f64::INFINITY, f64::min);
    let hi = xs().fold(f64::NEG_INFINITY, f64::max);
    let y = style::y_range(
        data.series
            .iter()
            .flat_map(|s| s.points.iter().map(|p| p.1)),
        spec.ymin,
        spec.ymax,
    )?;
    match data.x {
        XAxis::Time => {
            const DAY_MS: f64 = 86_400_000.0;
            let (lo, hi) = widen(lo, hi, DAY_MS)?;
            let span = hi - lo;
            let (from, to) = (time(lo)?, time(hi)?);
            let to_x = |x: f64| DateTime::from_timestamp_millis(x as i64).unwrap_or(from);
            // Ticks on month or year starts over long spans, on days and hours below.
            if span > 5.0 * 365.0 * DAY_MS {
                let label = |t: &DateTime<Utc>| t.format("%Y").to_string();
                plot(area, spec, data, (from..to).yearly(), y, &label, &to_x)
            } else if span > 180.0 * DAY_MS {
                let label = |t: &DateTime<Utc>| t.format("%Y-%m").to_string();
                plot(area, spec, data, (from..to).monthly(), y, &label, &to_x)
            } else {
                let format = if span > 3.0 * DAY_MS {
                    "%Y-%m-%d"
                } else if span > 3_600_000.0 {
                    "%m-%d %H:%M"
                } else {
                    "%H:%M:%S"
                };
                let label = move |t: &DateTime<Utc>| t.format(format).to_string();
                plot(area, spec, data, from..to, y, &label, &to_x)
            }
        }
        XAxis::Number | XAxis::Category(_) => {
            let (lo, hi) = widen(lo, hi, 1.0)?;
            plot(area, spec, data, lo..hi, y, &style::number_label, &|x| x)
        }
    }
}

/// The x range of the points, `unit` wide when there are none or they are all equal.
fn widen(lo: f64, hi: f64, unit: f64) -> Result<(f64, f64), ChartError> {
    if !lo.is_finite() || !hi.is_finite() {
        Ok((0.0, unit))
    } else {
        style::drawable(lo, hi, unit)
    }
}

fn time(ms: f64) -> Result<DateTime<Utc>, ChartError> {
    DateTime::from_timestamp_millis(ms as i64)
        .ok_or_else(|| ChartError::Draw(format!("{ms} ms is not a time chrono can draw")))
}

fn plot<X, R>(
    area: &Area<'_>,
    spec: &ChartSpec,
    data: &ChartData,
    x_range: R,
    (y_lo, y_hi): (f64, f64),
    x_label: &dyn Fn(&X) -> String,
    to_x: &dyn Fn(f64) -> X,
) -> Result<(), ChartError>
where
    X: Clone + 'static,
    R: AsRangedCoord<Value = X>,
    R::CoordDescType: ValueFormatter<X>,
{
    let mut chart = ChartBuilder::on(area)
        .margin(15)
        .x_label_area_size(45)
        .y_label_area_size(65)
        .build_cartesian_2d(x_range, y_lo..y_hi)
        .map_err(draw_error)?;
    let x_title = spec.xtitle.clone().unwrap_or_else(|| data.x_name.clone());
    let y_title = spec
        .ytitle
        .clone()
        .unwrap_or_else(|| data.y_names.join(", "));
    chart
        .configure_mesh()
        .x_labels(12)
        .y_labels(10)
        .x_label_formatter(x_label)
        .y_label_formatter(&style::number_label)
        .x_desc(x_title)
        .y_desc(y_title)
        .axis_desc_style((style::FONT, 15))
        .label_style((style::FONT, 12))
        .light_line_style(WHITE)
        .draw()
        .map_err(draw_error)?;
    for (i, series) in data.series.iter().enumerate() {
        let colour = style::colour(i);
        let points = series.points.iter().map(|&(x, y)| (to_x(x), y));
        match spec.kind {
            // A lone point makes no line: it is drawn as a dot, as a scatter chart's are.
            _ if spec.kind == ChartKind::Scatter || series.points.len() == 1 => chart
                .draw_series(points.map(|p| Circle::new(p, 3, colour.filled())))
                .map(|_| ()),
            ChartKind::Area => chart
                .draw_series(
                    AreaSeries::new(points, y_lo.max(0.0).min(y_hi), colour.mix(0.25))
                        .border_style(colour.stroke_width(2)),
                )
                .map(|_| ()),
            _ => chart
                .draw_series(LineSeries::new(points, colour.stroke_width(2)))
                .map(|_| ()),
        }
        .map_err(draw_error)?;
    }
    Ok(())
}
