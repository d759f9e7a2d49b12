//! What every chart shares: the canvas size, the colours, the title, the legend and
//! how numbers are written on an axis.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::ChartError;

pub const WIDTH: u32 = 1000;
pub const HEIGHT: u32 = 600;
pub const FONT: &str = "sans-serif";

pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Distinct, colour-blind friendly hues first; then plotters' 99-colour palette.
const COLOURS: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(255, 127, 14),
    RGBColor(44, 160, 44),
    RGBColor(214, 39, 40),
    RGBColor(148, 103, 189),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(127, 127, 127),
    RGBColor(188, 189, 34),
    RGBColor(23, 190, 207),
];

/// The colour of the `i`-th series or slice.
pub fn colour(i: usize) -> RGBColor {
    match COLOURS.get(i) {
        Some(c) => *c,
        None => {
            let (r, g, b) = Palette99::pick(i).rgb();
            RGBColor(r, g, b)
        }
    }
}

/// A plotters failure: it only happens on a bug (the SVG goes to a string).
pub fn draw_error<E: std::fmt::Display>(e: E) -> ChartError {
    ChartError::Draw(e.to_string())
}

/// Fills the canvas, draws the title at the top and returns the area below it.
pub fn frame<'a>(root: &Area<'a>, title: Option<&str>) -> Result<Area<'a>, ChartError> {
    root.fill(&WHITE).map_err(draw_error)?;
    match title {
        Some(title) => root
            .titled(title, (FONT, 24).into_font().color(&BLACK))
            .map_err(draw_error),
        None => Ok(root.clone()),
    }
}

/// Splits a legend column off the right of `area` when `shown` and there are names.
pub fn with_legend<'a>(
    area: &Area<'a>,
    names: &[String],
    shown: bool,
) -> Result<Area<'a>, ChartError> {
    if !shown || names.is_empty() {
        return Ok(area.clone());
    }
    let longest = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let width = (longest as u32 * 7 + 50).clamp(120, 300);
    let (plot, legend) = area.split_horizontally(area.dim_in_pixel().0.saturating_sub(width));
    let style = (FONT, 13).into_font().color(&BLACK);
    let room = (legend.dim_in_pixel().1.saturating_sub(60) / 20) as usize;
    for (i, name) in names.iter().enumerate() {
        let y = 30 + i as i32 * 20;
        if i == room && names.len() > room + 1 {
            let more = format!("… {} more", names.len() - i);
            legend
                .draw(&Text::new(more, (10, y), style.clone()))
                .map_err(draw_error)?;
            break;
        }
        legend
            .draw(&Rectangle::new([(10, y), (24, y + 12)], colour(i).filled()))
            .map_err(draw_error)?;
        legend
            .draw(&Text::new(shorten(name, 40), (30, y), style.clone()))
            .map_err(draw_error)?;
    }
    Ok(plot)
}

/// `text`, cut to `max` characters with an ellipsis.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// An axis value: integers without decimals, others with two significant decimals
/// past their leading zeros (`0.25`, `0.0015`), very large ones in exponent form.
pub fn number_label(v: &f64) -> String {
    let v = *v;
    if v.abs() >= 1e15 {
        return format!("{v:e}");
    }
    if v.fract() == 0.0 {
        return format!("{v:.0}");
    }
    let leading = if v.abs() < 1.0 {
        (-v.abs().log10().floor()).clamp(0.0, 12.0) as usize
    } else {
        0
    };
    let text = format!("{v:.*}", leading + 2);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// The y range to draw: `ymin`/`ymax` when given, else from 0 (or the lowest value
/// below it) to a little above the highest value.
pub fn y_range(
    values: impl Iterator<Item = f64>,
    ymin: Option<f64>,
    ymax: Option<f64>,
) -> Result<(f64, f64), ChartError> {
    let (lo, hi) = values.fold((0.0f64, 0.0f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let pad = |span: f64| if span > 0.0 { span * 0.05 } else { 1.0 };
    let lo = ymin.unwrap_or(if lo < 0.0 { lo - pad(hi - lo) } else { lo });
    let hi = ymax.unwrap_or(hi + pad(hi - lo));
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo, lo + 1.0) };
    drawable(lo, hi, 1.0)
}

/// Values beyond this are not drawn: axis ticks over wider ranges overflow.
const LARGEST: f64 = 1e100;

/// `lo..hi` as an axis range, refused when it cannot be drawn; widened to `unit` around
/// its middle when its ends are equal (or too close to tell apart in floating point).
pub fn drawable(lo: f64, hi: f64, unit: f64) -> Result<(f64, f64), ChartError> {
    if !(lo.abs() <= LARGEST && hi.abs() <= LARGEST) {
        return Err(ChartError::data(
            format!("values from {lo:e} to {hi:e} are too large to draw"),
            format!("a chart's values must lie within ±{LARGEST:e}"),
        ));
    }
    let tiny = lo.abs().max(hi.abs()) * 1e-12;
    if hi - lo > tiny {
        Ok((lo, hi))
    } else {
        let width = unit.max(tiny * 2.0);
        let middle = lo / 2.0 + hi / 2.0;
        Ok((middle - width / 2.0, middle + width / 2.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_numbers_keep_their_significant_digits() {
        let labels: Vec<String> = [0.0, 3.0, -2.0, 0.25, 1.126, 0.0015, 0.00012, 2e15]
            .iter()
            .map(number_label)
            .collect();
        assert_eq!(
            labels,
            ["0", "3", "-2", "0.25", "1.13", "0.0015", "0.00012", "2e15"]
        );
    }

    #[test]
    fn ranges_widen_only_when_their_ends_meet() {
        assert_eq!(drawable(10.0, 10.5, 60.0).unwrap(), (10.0, 10.5));
        assert_eq!(drawable(5.0, 5.0, 2.0).unwrap(), (4.0, 6.0));
        assert!(drawable(0.0, 1e300, 1.0).is_err());
    }
}
