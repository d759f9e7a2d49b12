//! The matching behind `evaluate geo_polygon_lookup` and `geo_line_lookup`
//! (learn.microsoft.com/kusto/query/geo-polygon-lookup-plugin,
//! geo-line-lookup-plugin; the plan node is `exec/operators/geo_lookup.rs`).
//!
//! ```kql
//! locations | evaluate geo_polygon_lookup(polygons, polygon, longitude, latitude)
//! locations | evaluate geo_line_lookup(roads, road, longitude, latitude, 100)
//! ```
//!
//! A point matches each polygon containing it (`geo_point_in_polygon`'s rules) or
//! each line within the distance (metres, S2's chord distance as in
//! `geo_distance_point_to_polygon`). A row with an invalid point matches nothing.
//! **[U]** A null or invalid shape in the lookup table, and a point within a
//! billionth of the distance from the limit, are refused.

use super::edge::{chord2_angle, chord2_to_edge};
use super::line_measure::line;
use super::polygon::{Bad, Polygon, V3, inside, polygons, unit};
use super::sphere::EARTH_RADIUS;
use super::{lon_lat, undocumented};
use crate::exec::EvalError;
use crate::table::Column;

/// The lookup shapes.
enum Shapes {
    Polygons(Vec<Vec<Polygon>>),
    Lines(Vec<Vec<V3>>),
}

fn read_shapes(name: &str, column: &Column, lines: bool) -> Result<Shapes, EvalError> {
    let bad = || undocumented(name, "a null or invalid shape in the lookup table");
    if lines {
        let mut out = Vec::with_capacity(column.len());
        for r in 0..column.len() {
            out.push(line(name, &column.get(r))?.ok_or_else(bad)?);
        }
        Ok(Shapes::Lines(out))
    } else {
        let mut out = Vec::with_capacity(column.len());
        for r in 0..column.len() {
            match polygons(&column.get(r)) {
                Ok(p) => out.push(p),
                Err(Bad::Invalid) => return Err(bad()),
                Err(Bad::Refused(what)) => return Err(undocumented(name, what)),
            }
        }
        Ok(Shapes::Polygons(out))
    }
}

/// For each input row, the lookup rows its point matches. `max_distance` is `None`
/// for polygons, the distance in metres for lines.
pub(crate) fn lookup_matches(
    shapes: &Column,
    lons: &Column,
    lats: &Column,
    max_distance: Option<f64>,
) -> Result<Vec<Vec<u32>>, EvalError> {
    let name = if max_distance.is_some() {
        "geo_line_lookup"
    } else {
        "geo_polygon_lookup"
    };
    let shapes = read_shapes(name, shapes, max_distance.is_some())?;
    let mut out = Vec::with_capacity(lons.len());
    for r in 0..lons.len() {
        let mut found = Vec::new();
        if let Some((x, y)) = lon_lat(&lons.get(r), &lats.get(r)) {
            let p = unit(x, y);
            match &shapes {
                Shapes::Polygons(list) => {
                    for (i, poly) in list.iter().enumerate() {
                        match inside(poly, p) {
                            Ok(true) => found.push(i as u32),
                            Ok(false) | Err(Bad::Invalid) => {}
                            Err(Bad::Refused(what)) => return Err(undocumented(name, what)),
                        }
                    }
                }
                Shapes::Lines(list) => {
                    let limit = max_distance.unwrap_or(0.0);
                    for (i, vertices) in list.iter().enumerate() {
                        let chord2 = vertices
                            .windows(2)
                            .map(|w| chord2_to_edge(p, w[0], w[1]))
                            .fold(f64::INFINITY, f64::min);
                        let d = chord2_angle(chord2) * EARTH_RADIUS;
                        if (d - limit).abs() <= 1e-9 * limit.max(1.0) {
                            return Err(undocumented(
                                name,
                                "a point this close to the distance limit",
                            ));
                        }
                        if d < limit {
                            found.push(i as u32);
                        }
                    }
                }
            }
        }
        out.push(found);
    }
    Ok(out)
}
