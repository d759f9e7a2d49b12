//! `kql run --chart FILE.svg|FILE.html`: draws the chart a query's `render` asks for.
//!
//! ```text
//! kql run --data DIR --chart mail.svg hunt.kql     # the table on stdout, the chart in mail.svg
//! kql run --data DIR --chart mail.html hunt.kql    # a page embedding the same SVG
//! ```
//! The result charted is the last one whose query ends in `render` (over all the query
//! files and their result statements). Reading the request ([`spec`]), splitting the
//! table into series ([`extract`]) and drawing (one module per kind of picture) are
//! separate so the first two can be tested without looking at pixels.

mod arrays;
mod bars;
mod error;
mod extract;
mod html;
mod pie;
mod spec;
mod style;
mod xy;

use std::path::{Path, PathBuf};

use kql_eval::plan::RenderRequest;
use kql_eval::table::Table;
use plotters::prelude::*;

pub use error::ChartError;
pub use spec::{ChartKind, ChartSpec, Stacking};

/// Where the chart goes, and as what.
#[derive(Debug, Clone)]
pub struct ChartFile {
    path: PathBuf,
    html: bool,
}

impl ChartFile {
    /// `FILE.svg` or `FILE.html` (any case); other names are refused.
    pub fn new(path: &Path) -> Result<ChartFile, ChartError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        let html = match extension.as_deref() {
            Some("svg") => false,
            Some("html" | "htm") => true,
            _ => {
                return Err(ChartError::FileType {
                    path: path.display().to_string(),
                });
            }
        };
        Ok(ChartFile {
            path: path.to_path_buf(),
            html,
        })
    }

    /// The chart of `table` as `request` asks for it: the SVG, or the page around it.
    pub fn render(&self, request: &RenderRequest, table: &Table) -> Result<String, ChartError> {
        let spec = ChartSpec::from_request(request)?;
        let svg = svg(&spec, table)?;
        if self.html {
            let title = spec.title.as_deref().unwrap_or(spec.kind.name());
            Ok(html::page(title, &svg))
        } else {
            Ok(svg)
        }
    }

    pub fn write(&self, text: &str) -> Result<(), ChartError> {
        std::fs::write(&self.path, text).map_err(|e| ChartError::Write {
            path: self.path.display().to_string(),
            message: e.to_string(),
        })
    }
}

/// The result to chart: the last one that asks for a chart.
pub fn charted(requests: &[Option<RenderRequest>]) -> Option<(usize, &RenderRequest)> {
    requests
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, r)| r.as_ref().map(|r| (i, r)))
}

/// The stderr line for a chart that was asked for and not drawn (no `--chart`).
pub fn not_drawn_note(result: &str, request: &RenderRequest) -> String {
    format!(
        "note: {result} asks for a {} (`render`); the table is printed instead: pass --chart FILE.svg or FILE.html to draw it\n",
        request.chart
    )
}

/// Draws `table` as `spec` says, into an SVG document.
pub fn svg(spec: &ChartSpec, table: &Table) -> Result<String, ChartError> {
    let data = extract::extract(spec, table)?;
    let mut out = String::new();
    {
        let root =
            SVGBackend::with_string(&mut out, (style::WIDTH, style::HEIGHT)).into_drawing_area();
        let body = style::frame(&root, spec.title.as_deref())?;
        let names: Vec<String> = if spec.kind == ChartKind::Pie {
            pie::slices(&data)?
                .into_iter()
                .map(|(label, _)| label)
                .collect()
        } else {
            data.series.iter().map(|s| s.name.clone()).collect()
        };
        let plot = style::with_legend(&body, &names, spec.legend)?;
        match spec.kind {
            ChartKind::Pie => pie::draw(&plot, spec, &data)?,
            ChartKind::Column | ChartKind::Bar => bars::draw(&plot, spec, &data)?,
            ChartKind::Time | ChartKind::Line | ChartKind::Area | ChartKind::Scatter => {
                xy::draw(&plot, spec, &data)?
            }
        }
        root.present().map_err(style::draw_error)?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
