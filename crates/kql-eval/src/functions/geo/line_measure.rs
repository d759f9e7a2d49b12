//! Walking along lines: `geo_line_interpolate_point`, `geo_line_locate_point`,
//! `geo_closest_point_on_line`, `geo_line_centroid`
//! (learn.microsoft.com/kusto/query/geo-line-interpolate-point-function,
//! geo-line-locate-point-function, geo-closest-point-on-line-function,
//! geo-line-centroid-function).
//!
//! ```kql
//! let line = dynamic({"type":"LineString","coordinates":[[-73.95807266235352,40.800426144169315],[-73.94966125488281,40.79691751000055],[-73.97317886352539,40.764486356930334],[-73.98210525512695,40.76786669510221],[-73.96004676818848,40.7980870753293]]});
//! print geo_line_interpolate_point(line, 0.9)    // point -73.96556545832799, 40.79052937973534
//! print geo_line_centroid(line)                  // point -73.96606756268372, ...
//! print geo_line_locate_point(dynamic({"type":"LineString","coordinates":[[-73.95796, 40.80042], [-73.97317, 40.764486]]}), -73.965, 40.792)   // 0.2556013510030755
//! ```
//!
//! Edges are geodesics on the sphere. A LineString needs at least two valid
//! positions, otherwise it is invalid and the result null (conformance
//! `geo-line-interpolate-point-function-03`). Fractions are of the line's length.
//! **[U]** MultiLineStrings, a fraction outside [0, 1], edges between nearly
//! antipodal points and positions with an altitude are refused.

use std::f64::consts::PI;

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::edge::{add, chord2_to_edge, closest_on_edge, lon_lat_of, normalized, scale};
use super::polygon::{V3, angle, cross, unit};
use super::sphere::positions;
use super::{expect_number, lon_lat, point, undocumented};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

fn expect_line(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::Dynamic => Ok(()),
        t => Err(TypeError::arg(
            i,
            format!("expected a dynamic GeoJSON line, not {t}"),
        )),
    }
}

/// `(line, fraction)` to a point.
pub(in super::super) fn interpolate_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_line(args, 0)?;
    expect_number(args, 1)?;
    Ok(ScalarType::Dynamic)
}

/// `(line, lon, lat)` to a fraction.
pub(in super::super) fn locate_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_line(args, 0)?;
    expect_number(args, 1)?;
    expect_number(args, 2)?;
    Ok(ScalarType::Real)
}

/// `(lon, lat, line)` to a point.
pub(in super::super) fn closest_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_number(args, 0)?;
    expect_number(args, 1)?;
    expect_line(args, 2)?;
    Ok(ScalarType::Dynamic)
}

/// `(line)` to a point.
pub(in super::super) fn centroid_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_line(args, 0)?;
    Ok(ScalarType::Dynamic)
}

/// The vertices of a GeoJSON LineString as unit vectors; `Ok(None)` when it is not a
/// valid one.
pub(super) fn line(name: &str, v: &Value) -> Result<Option<Vec<V3>>, EvalError> {
    let Some(Dynamic::Bag(bag)) = v.as_dynamic() else {
        return Ok(None);
    };
    let (Some(kind), Some(coords)) = (
        bag.get("type").and_then(Dynamic::as_str),
        bag.get("coordinates"),
    ) else {
        return Ok(None);
    };
    match kind {
        "LineString" => {}
        "MultiLineString" => return Err(undocumented(name, "a MultiLineString")),
        _ => return Ok(None),
    }
    let Some(points) = positions(name, coords)? else {
        return Ok(None);
    };
    if points.len() < 2 {
        return Ok(None);
    }
    let vertices: Vec<V3> = points.iter().map(|&(x, y)| unit(x, y)).collect();
    if vertices.windows(2).any(|w| angle(w[0], w[1]) > PI - 1e-9) {
        return Err(undocumented(
            name,
            "an edge between nearly antipodal points",
        ));
    }
    Ok(Some(vertices))
}

fn as_point(p: V3) -> Value {
    let (lon, lat) = lon_lat_of(p);
    point(lon, lat)
}

/// The point `distance` radians from `a` towards `b`.
fn toward(a: V3, b: V3, distance: f64) -> Option<V3> {
    let tangent = normalized(cross(cross(a, b), a))?;
    normalized(add(
        scale(a, distance.cos()),
        scale(tangent, distance.sin()),
    ))
}

/// `geo_line_interpolate_point(line, fraction)`.
pub(in super::super) fn interpolate_point(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(vertices) = line(name, &v[0])? else {
            return Ok(Value::Null);
        };
        let Some(fraction) = v[1].as_f64() else {
            return Ok(Value::Null);
        };
        if !(0.0..=1.0).contains(&fraction) {
            return Err(undocumented(name, "a fraction outside [0, 1]"));
        }
        let total: f64 = vertices.windows(2).map(|w| angle(w[0], w[1])).sum();
        let mut left = fraction * total;
        for w in vertices.windows(2) {
            let length = angle(w[0], w[1]);
            if left <= length && length > 0.0 {
                return Ok(match toward(w[0], w[1], left) {
                    Some(p) => as_point(p),
                    None => as_point(w[0]),
                });
            }
            left -= length;
        }
        Ok(as_point(vertices[vertices.len() - 1]))
    })
}

/// The index, squared chord distance and closest point of the edge nearest `p`
/// (the first on a tie).
fn nearest_edge(vertices: &[V3], p: V3) -> (usize, f64, V3) {
    let mut best = (0, f64::INFINITY, vertices[0]);
    for (i, w) in vertices.windows(2).enumerate() {
        let d = chord2_to_edge(p, w[0], w[1]);
        if d < best.1 {
            best = (i, d, closest_on_edge(p, w[0], w[1]));
        }
    }
    best
}

/// `geo_line_locate_point(line, lon, lat)`: the fraction of the line's length at
/// its point closest to the given one.
pub(in super::super) fn locate_point(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(vertices) = line(name, &v[0])? else {
            return Ok(Value::Null);
        };
        let Some((x, y)) = lon_lat(&v[1], &v[2]) else {
            return Ok(Value::Null);
        };
        let total: f64 = vertices.windows(2).map(|w| angle(w[0], w[1])).sum();
        if total == 0.0 {
            return Err(undocumented(name, "a line of zero length"));
        }
        let (i, _, q) = nearest_edge(&vertices, unit(x, y));
        let before: f64 = vertices[..=i].windows(2).map(|w| angle(w[0], w[1])).sum();
        Ok(Value::Real(
            ((before + angle(vertices[i], q)) / total).min(1.0),
        ))
    })
}

/// `geo_closest_point_on_line(lon, lat, line)`.
pub(in super::super) fn closest_point_on_line(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(vertices) = line(name, &v[2])? else {
            return Ok(Value::Null);
        };
        let Some((x, y)) = lon_lat(&v[0], &v[1]) else {
            return Ok(Value::Null);
        };
        let (_, _, q) = nearest_edge(&vertices, unit(x, y));
        Ok(as_point(q))
    })
}

/// `geo_line_centroid(line)`: the normalized sum of each edge's position integral,
/// `(a + b) / |a + b| · 2 sin(θ / 2)`.
pub(in super::super) fn line_centroid(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(vertices) = line(name, &v[0])? else {
            return Ok(Value::Null);
        };
        let mut sum = [0.0; 3];
        for w in vertices.windows(2) {
            if let Some(mid) = normalized(add(w[0], w[1])) {
                sum = add(sum, scale(mid, 2.0 * (angle(w[0], w[1]) / 2.0).sin()));
            }
        }
        match normalized(sum) {
            Some(c) if sum.iter().any(|x| x.abs() > 1e-15) => Ok(as_point(c)),
            _ => Err(undocumented(name, "a line of zero length")),
        }
    })
}
