//! `piechart`: one slice per row, labelled by the first column (or `xcolumn=`) and
//! sized by the first numeric column (or the first of `ycolumns=`)
//! (visualization-piechart: "By default, the first column is used as the color axis
//! ... Other columns will be used to determine the size of each slice").
//!
//! ```kql
//! T | summarize count() by DeliveryAction | render piechart with (title="Delivery")
//! ```
//! Rows whose size is null are left out; a negative size is refused.

use plotters::prelude::*;

use super::extract::{ChartData, XAxis};
use super::style::{self, Area, draw_error};
use super::{ChartError, ChartSpec};

/// The slices of `data`: `(label, size)` in row order.
pub fn slices(data: &ChartData) -> Result<Vec<(String, f64)>, ChartError> {
    let XAxis::Category(labels) = &data.x else {
        return Err(ChartError::Draw("a pie needs category labels".into()));
    };
    let Some(series) = data.series.first() else {
        return Ok(Vec::new());
    };
    series
        .points
        .iter()
        .map(|&(x, size)| {
            let label = labels.get(x as usize).cloned().unwrap_or_default();
            if size < 0.0 {
                Err(ChartError::data(
                    format!("the slice `{label}` has a negative size ({size})"),
                    "a pie chart's sizes must be zero or more",
                ))
            } else {
                Ok((label, size))
            }
        })
        .collect()
}

/// Draws the slices into `area`, with percentages on the larger ones.
pub fn draw(area: &Area<'_>, _spec: &ChartSpec, data: &ChartData) -> Result<(), ChartError> {
    let slices = slices(data)?;
    let total: f64 = slices.iter().map(|s| s.1).sum();
    if !total.is_finite() {
        return Err(ChartError::data(
            "the slices add up to more than a number can hold",
            "scale the sizes down in the query",
        ));
    }
    if total <= 0.0 {
        return Ok(());
    }
    let (width, height) = area.dim_in_pixel();
    let centre = (width as i32 / 2, height as i32 / 2);
    let radius = f64::from(width.min(height)) * 0.35;
    let sizes: Vec<f64> = slices.iter().map(|s| s.1).collect();
    let colours: Vec<RGBColor> = (0..slices.len()).map(style::colour).collect();
    // Small slices go unlabelled on the pie (the legend names them).
    let labels: Vec<String> = slices
        .iter()
        .map(|(label, size)| {
            if size / total >= 0.03 {
                style::shorten(label, 24)
            } else {
                String::new()
            }
        })
        .collect();
    let mut pie = Pie::new(&centre, &radius, &sizes, &colours, &labels);
    pie.label_style((style::FONT, 13).into_font().color(&BLACK));
    pie.percentages((style::FONT, 12).into_font().color(&WHITE));
    area.draw(&pie).map_err(draw_error)
}
