//! `columnchart` (vertical bars over the x values) and `barchart` (horizontal bars,
//! the first row at the top): one group of bars per distinct x value, in row order,
//! one bar per series side by side, or stacked with `kind=stacked` / `stacked100`
//! (visualization-columnchart and -barchart, "kind property").
//!
//! ```kql
//! T | summarize count() by bin(Timestamp, 1d), DeliveryAction | render columnchart with (kind=stacked)
//! T | summarize count() by SenderFromDomain | top 10 by count_ | render barchart
//! ```

use plotters::prelude::*;

use super::extract::{ChartData, XAxis};
use super::style::{self, Area, draw_error};
use super::{ChartError, ChartKind, ChartSpec, Stacking};

/// One bar: its series, its extent across the category axis, and along the value axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bar {
    pub series: usize,
    pub across: (f64, f64),
    pub along: (f64, f64),
}

/// The bars of `data`: category `i` spans `i - 0.4 .. i + 0.4` across.
pub fn bars(spec: &ChartSpec, data: &ChartData, categories: usize) -> Result<Vec<Bar>, ChartError> {
    let mut values = vec![vec![None; categories]; data.series.len()];
    for (s, series) in data.series.iter().enumerate() {
        for &(x, y) in &series.points {
            let slot = values[s]
                .get_mut(x as usize)
                .ok_or_else(|| ChartError::Draw(format!("category {x} out of range")))?;
            if slot.is_some() {
                return Err(ChartError::data(
                    format!("series `{}` has two rows for one x value", series.name),
                    "a bar stands for one row: summarize by the x column (and the series columns) first",
                ));
            }
            *slot = Some(y);
        }
    }
    let n = data.series.len().max(1) as f64;
    let mut out = Vec::new();
    for c in 0..categories {
        let centre = c as f64;
        let total: f64 = values.iter().filter_map(|v| v[c]).map(f64::abs).sum();
        let (mut up, mut down) = (0.0, 0.0);
        for (s, column) in values.iter().enumerate() {
            let Some(v) = column[c] else { continue };
            let bar = match spec.stacking {
                Stacking::Unstacked => {
                    let width = 0.8 / n;
                    let left = centre - 0.4 + s as f64 * width;
                    Bar {
                        series: s,
                        across: (left, left + width),
                        along: (0.0, v),
                    }
                }
                Stacking::Stacked | Stacking::Stacked100 => {
                    let v = if spec.stacking == Stacking::Stacked100 {
                        if total == 0.0 { 0.0 } else { v / total * 100.0 }
                    } else {
                        v
                    };
                    let base = if v >= 0.0 { &mut up } else { &mut down };
                    let along = (*base, *base + v);
                    *base += v;
                    Bar {
                        series: s,
                        across: (centre - 0.4, centre + 0.4),
                        along,
                    }
                }
            };
            out.push(bar);
        }
    }
    Ok(out)
}

/// Draws `data` as columns or horizontal bars into `area`.
pub fn draw(area: &Area<'_>, spec: &ChartSpec, data: &ChartData) -> Result<(), ChartError> {
    let XAxis::Category(labels) = &data.x else {
        return Err(ChartError::Draw("bars need category labels".into()));
    };
    let n = labels.len();
    let bars = bars(spec, data, n)?;
    let range = style::y_range(
        bars.iter().flat_map(|b| [b.along.0, b.along.1]),
        spec.ymin,
        spec.ymax,
    )?;
    let categories = (-0.5, n.max(1) as f64 - 0.5);
    let horizontal = spec.kind == ChartKind::Bar;
    // The first row's bar at the top of a bar chart.
    let place = |across: f64| {
        if horizontal {
            categories.1 - 0.5 - across
        } else {
            across
        }
    };
    let label_at = |v: &f64| {
        let i = place(*v).round();
        if (place(*v) - i).abs() > 1e-6 || i < 0.0 {
            return String::new();
        }
        labels
            .get(i as usize)
            .map(|l| style::shorten(l, if horizontal { 35 } else { 24 }))
            .unwrap_or_default()
    };
    let x_title = spec.xtitle.clone().unwrap_or_else(|| data.x_name.clone());
    let y_title = spec
        .ytitle
        .clone()
        .unwrap_or_else(|| data.y_names.join(", "));
    let longest = labels
        .iter()
        .map(|l| l.chars().count().min(35))
        .max()
        .unwrap_or(0) as u32;
    let mut builder = ChartBuilder::on(area);
    builder.margin(15);
    let (along_lo, along_hi) = range;
    let label_count = n.clamp(1, 30);
    let rect = |b: &Bar| {
        let a = (place(b.across.0), place(b.across.1));
        if horizontal {
            [(b.along.0, a.0), (b.along.1, a.1)]
        } else {
            [(a.0, b.along.0), (a.1, b.along.1)]
        }
    };
    if horizontal {
        let mut chart = builder
            .x_label_area_size(45)
            .y_label_area_size((longest * 7 + 20).clamp(50, 260))
            .build_cartesian_2d(along_lo..along_hi, categories.0..categories.1)
            .map_err(draw_error)?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .light_line_style(WHITE)
            .y_labels(label_count)
            .x_labels(10)
            .y_label_formatter(&label_at)
            .x_label_formatter(&style::number_label)
            // A bar chart's categories are the x column: their title stays on their axis.
            .y_desc(x_title)
            .x_desc(y_title)
            .axis_desc_style((style::FONT, 15))
            .label_style((style::FONT, 12))
            .draw()
            .map_err(draw_error)?;
        chart
            .draw_series(
                bars.iter()
                    .map(|b| Rectangle::new(rect(b), style::colour(b.series).filled())),
            )
            .map_err(draw_error)?;
    } else {
        let mut chart = builder
            .x_label_area_size(45)
            .y_label_area_size(65)
            .build_cartesian_2d(categories.0..categories.1, along_lo..along_hi)
            .map_err(draw_error)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .light_line_style(WHITE)
            .x_labels(label_count)
            .y_labels(10)
            .x_label_formatter(&label_at)
            .y_label_formatter(&style::number_label)
            .x_desc(x_title)
            .y_desc(y_title)
            .axis_desc_style((style::FONT, 15))
            .label_style((style::FONT, 12))
            .draw()
            .map_err(draw_error)?;
        chart
            .draw_series(
                bars.iter()
                    .map(|b| Rectangle::new(rect(b), style::colour(b.series).filled())),
            )
            .map_err(draw_error)?;
    }
    Ok(())
}
