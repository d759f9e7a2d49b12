//! Predicates and shape operations on GeoJSON lines and polygons:
//! `geo_intersects_2lines`, `geo_intersects_2polygons`, and the operations whose
//! valid results kql does not compute yet (`geo_intersection_2lines`,
//! `geo_point_buffer`, `geo_line_buffer`, `geo_polygon_buffer`, `geo_polygon_densify`,
//! `geo_simplify_polygons_array`): for those, the invalid arguments the docs' examples
//! turn into null give null and everything else is refused
//! (learn.microsoft.com/kusto/query/geo-intersects-2lines-function and siblings).
//!
//! ```kql
//! print geo_intersects_2lines(dynamic({"type":"LineString","coordinates":[[0,0],[2,2]]}), dynamic({"type":"LineString","coordinates":[[0,2],[2,0]]}))   // true
//! print isnull(geo_intersects_2lines(line, dynamic({"type":"LineString","coordinates":[[-73.985195,40.788275]]})))   // true: a one-point line
//! print isnull(geo_line_buffer(dynamic({"type":"LineString","coordinates":[[0,0],[1,1]]}), 0))   // true
//! ```
//!
//! Two lines intersect when an edge of one crosses an edge of the other; two
//! polygons when their edges cross or one holds a vertex of the other. **[U]** Edges
//! that touch, overlap or share a vertex (within about a centimetre) are refused, as
//! `geo_point_in_polygon` refuses a point on an edge.
//!
//! The null cases, each from a conformance case recording Kusto's answer: a line with
//! one point or a polygon in place of a line (`geo-intersects-2lines-function-02`,
//! `geo-intersects-line-with-polygon-function-03`/`-04`,
//! `geo-intersection-2lines-function-03`, `geo-intersection-line-with-polygon-function-06`),
//! a polygon without coordinates (`geo-intersects-2polygons-function-02`), an invalid
//! point (`geo-point-buffer-function-02`), a buffer radius of 0
//! (`geo-line-buffer-function-03`, `geo-polygon-buffer-function-03`), a densify
//! tolerance of 0 (`geo-polygon-densify-function-03`) and a negative simplify
//! tolerance (`geo-simplify-polygons-array-function-02`).

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::line_measure::line;
use super::polygon::{Bad, Polygon, V3, crossing, inside, polygons};
use super::{expect_number, lon_lat, undocumented};
use crate::exec::EvalError;
use crate::value::Value;

/// Arguments `shapes` are dynamic, the rest numbers; the result is `out`.
fn signature(
    args: &[ArgInfo<'_>],
    shapes: &[usize],
    out: ScalarType,
) -> Result<ScalarType, TypeError> {
    for (i, a) in args.iter().enumerate() {
        if shapes.contains(&i) {
            if a.ty != ScalarType::Dynamic {
                return Err(TypeError::arg(
                    i,
                    format!("expected a dynamic GeoJSON shape, not {}", a.ty),
                ));
            }
        } else if !(i == 2 && a.ty == ScalarType::Bool) {
            expect_number(args, i)?;
        }
    }
    Ok(out)
}

pub(in super::super) fn two_shapes_bool(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    signature(args, &[0, 1], ScalarType::Bool)
}

pub(in super::super) fn two_shapes_dynamic(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    signature(args, &[0, 1], ScalarType::Dynamic)
}

pub(in super::super) fn shape_first(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    signature(args, &[0], ScalarType::Dynamic)
}

pub(in super::super) fn point_first(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    signature(args, &[], ScalarType::Dynamic)
}

fn edges(vertices: &[V3]) -> impl Iterator<Item = (V3, V3)> + '_ {
    vertices.windows(2).map(|w| (w[0], w[1]))
}

fn crosses(name: &str, e1: (V3, V3), e2: (V3, V3)) -> Result<bool, EvalError> {
    match crossing(e1, e2) {
        Ok(b) => Ok(b),
        Err(Bad::Invalid) => Ok(false),
        Err(Bad::Refused(what)) => Err(undocumented(name, what)),
    }
}

/// `geo_intersects_2lines(line1, line2)`.
pub(in super::super) fn intersects_2lines(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let (Some(a), Some(b)) = (line(name, &v[0])?, line(name, &v[1])?) else {
            return Ok(Value::Null);
        };
        for e1 in edges(&a) {
            for e2 in edges(&b) {
                if crosses(name, e1, e2)? {
                    return Ok(Value::Bool(true));
                }
            }
        }
        Ok(Value::Bool(false))
    })
}

fn read_polygons(name: &str, v: &Value) -> Result<Option<Vec<Polygon>>, EvalError> {
    match polygons(v) {
        Ok(p) => Ok(Some(p)),
        Err(Bad::Invalid) => Ok(None),
        Err(Bad::Refused(what)) => Err(undocumented(name, what)),
    }
}

/// Whether a vertex of `a`'s shells lies in `b`.
fn holds_vertex(name: &str, b: &[Polygon], a: &[Polygon]) -> Result<bool, EvalError> {
    for poly in a {
        match inside(b, poly.shell.vertices[0]) {
            Ok(true) => return Ok(true),
            Ok(false) | Err(Bad::Invalid) => {}
            Err(Bad::Refused(what)) => return Err(undocumented(name, what)),
        }
    }
    Ok(false)
}

/// `geo_intersects_2polygons(polygon1, polygon2)`.
pub(in super::super) fn intersects_2polygons(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let (Some(a), Some(b)) = (read_polygons(name, &v[0])?, read_polygons(name, &v[1])?) else {
            return Ok(Value::Null);
        };
        let rings = |list: &[Polygon]| -> Vec<(V3, V3)> {
            list.iter()
                .flat_map(|p| std::iter::once(&p.shell).chain(&p.holes))
                .flat_map(|r| r.edges().collect::<Vec<_>>())
                .collect()
        };
        let (ea, eb) = (rings(&a), rings(&b));
        for &e1 in &ea {
            for &e2 in &eb {
                if crosses(name, e1, e2)? {
                    return Ok(Value::Bool(true));
                }
            }
        }
        Ok(Value::Bool(
            holds_vertex(name, &b, &a)? || holds_vertex(name, &a, &b)?,
        ))
    })
}

/// The refusal of a valid call of an operation kql does not compute.
fn not_computed(name: &str) -> EvalError {
    undocumented(
        name,
        "valid arguments (kql does not compute this shape yet)",
    )
}

/// `geo_intersection_2lines(line1, line2)`: null for an invalid line.
pub(in super::super) fn intersection_2lines(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| match (line(name, &v[0])?, line(name, &v[1])?) {
        (Some(_), Some(_)) => Err(not_computed(name)),
        _ => Ok(Value::Null),
    })
}

/// `geo_point_buffer(lon, lat, radius [, tolerance])`: null for an invalid point.
pub(in super::super) fn point_buffer(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| match lon_lat(&v[0], &v[1]) {
        None => Ok(Value::Null),
        Some(_) => Err(not_computed(name)),
    })
}

/// Whether a shape argument is valid: a LineString for `geo_line_buffer`, a
/// polygon otherwise.
fn shape_valid(name: &str, v: &Value) -> Result<bool, EvalError> {
    if name == "geo_line_buffer" {
        Ok(line(name, v)?.is_some())
    } else {
        Ok(read_polygons(name, v)?.is_some())
    }
}

/// `geo_line_buffer(line, radius [, tolerance])`, `geo_polygon_buffer(polygon, radius
/// [, tolerance])`, `geo_polygon_densify(polygon [, tolerance [, preserve_crossing]])`:
/// null for an invalid shape or a radius / tolerance of 0.
pub(in super::super) fn shape_with_size(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        if !shape_valid(name, &v[0])? {
            return Ok(Value::Null);
        }
        match v.get(1).map(Value::as_f64) {
            Some(Some(0.0)) => Ok(Value::Null),
            _ => Err(not_computed(name)),
        }
    })
}

/// `geo_simplify_polygons_array(polygons [, tolerance])`: null for a negative
/// tolerance.
pub(in super::super) fn simplify_polygons_array(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| match v.get(1).map(Value::as_f64) {
        Some(Some(t)) if t < 0.0 => Ok(Value::Null),
        _ => Err(not_computed(name)),
    })
}
