//! Measurements of polygons: `geo_polygon_area`, `geo_polygon_centroid`,
//! `geo_distance_point_to_polygon`, `geo_closest_point_on_polygon`
//! (learn.microsoft.com/kusto/query/geo-polygon-area-function,
//! geo-polygon-centroid-function, geo-distance-point-to-polygon-function,
//! geo-closest-point-on-polygon-function).
//!
//! ```kql
//! let central_park = dynamic({"type":"Polygon","coordinates":[[[-73.9495,40.7969],[-73.95807266235352,40.80068603561921],[-73.98201942443848,40.76825672305777],[-73.97317886352539,40.76455136505513],[-73.9495,40.7969]]]});
//! print geo_polygon_area(central_park)                               // 3475207.28346606
//! print geo_polygon_centroid(central_park)                           // point -73.96573568990762, 40.78255053805781
//! print geo_distance_point_to_polygon(-73.9839, 40.7705, central_park)  // 259.9407560705964
//! print geo_closest_point_on_polygon(-73.9839, 40.7705, central_park)   // point -73.98120558015391, 40.76935945284321
//! ```
//!
//! Polygons are read and checked by `polygon::polygons` (the docs' rules; what kql
//! cannot check is refused there, including the overlapping polygons of a
//! MultiPolygon, whose measurements Kusto takes of their union). Each ring bounds
//! the smaller region; a polygon is its shell less its holes. A point inside has
//! distance 0 and is its own closest point ("If polygon contains input point, the
//! result will be the same point"). Invalid input is null.

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::edge::{
    add, chord2_angle, chord2_to_edge, closest_on_edge, lon_lat_of, normalized, ring_integrals,
    scale,
};
use super::polygon::{Bad, Polygon, Ring, V3, inside, polygons, unit};
use super::sphere::EARTH_RADIUS;
use super::{expect_number, lon_lat, point, undocumented};
use crate::exec::EvalError;
use crate::value::Value;

/// `(polygon)` to a real or a point.
pub(in super::super) fn shape_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::Dynamic => Ok(if args.len() == 1 {
            ScalarType::Real
        } else {
            ScalarType::Dynamic
        }),
        t => Err(TypeError::arg(
            0,
            format!("expected a dynamic GeoJSON polygon, not {t}"),
        )),
    }
}

/// `geo_polygon_centroid(polygon)`: a point.
pub(in super::super) fn centroid_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    shape_type(args).map(|_| ScalarType::Dynamic)
}

/// `(lon, lat, polygon)` to a real (distance) or a point.
pub(in super::super) fn point_polygon_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_number(args, 0)?;
    expect_number(args, 1)?;
    match args[2].ty {
        ScalarType::Dynamic => Ok(ScalarType::Dynamic),
        t => Err(TypeError::arg(
            2,
            format!("expected a dynamic GeoJSON polygon, not {t}"),
        )),
    }
}

/// `(lon, lat, polygon)` to the distance in metres.
pub(in super::super) fn distance_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    point_polygon_type(args).map(|_| ScalarType::Real)
}

/// The polygons of a value, or the null / refusal it stands for.
fn read(name: &str, v: &Value) -> Result<Option<Vec<Polygon>>, EvalError> {
    match polygons(v) {
        Ok(list) => Ok(Some(list)),
        Err(Bad::Invalid) => Ok(None),
        Err(Bad::Refused(what)) => Err(undocumented(name, what)),
    }
}

/// A ring's area (of its smaller region) and position integral, counter-clockwise.
fn ring_measure(name: &str, ring: &Ring) -> Result<(f64, V3), EvalError> {
    let (area, integral) = ring_integrals(&ring.vertices)
        .ok_or_else(|| undocumented(name, "a ring with a large, skinny triangle"))?;
    Ok(if area < 0.0 {
        (-area, scale(integral, -1.0))
    } else {
        (area, integral)
    })
}

/// Total area (steradians) and position integral of shells less holes.
fn measure(name: &str, list: &[Polygon]) -> Result<(f64, V3), EvalError> {
    let mut area = 0.0;
    let mut integral = [0.0; 3];
    for poly in list {
        let (a, c) = ring_measure(name, &poly.shell)?;
        area += a;
        integral = add(integral, c);
        for hole in &poly.holes {
            let (a, c) = ring_measure(name, hole)?;
            area -= a;
            integral = add(integral, scale(c, -1.0));
        }
    }
    Ok((area, integral))
}

/// `geo_polygon_area(polygon)`: square metres.
pub(in super::super) fn area(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(list) = read(name, &v[0])? else {
            return Ok(Value::Null);
        };
        let (area, _) = measure(name, &list)?;
        Ok(Value::Real(area * EARTH_RADIUS * EARTH_RADIUS))
    })
}

/// `geo_polygon_centroid(polygon)`: the GeoJSON point of the area's centroid.
pub(in super::super) fn centroid(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(list) = read(name, &v[0])? else {
            return Ok(Value::Null);
        };
        let (_, integral) = measure(name, &list)?;
        let c = normalized(integral)
            .ok_or_else(|| undocumented(name, "a polygon with no defined centroid"))?;
        let (lon, lat) = lon_lat_of(c);
        Ok(point(lon, lat))
    })
}

/// The boundary point closest to `p` and its squared chord distance.
fn closest_boundary(list: &[Polygon], p: V3) -> Option<(f64, V3)> {
    let mut best: Option<(f64, V3)> = None;
    for poly in list {
        for ring in std::iter::once(&poly.shell).chain(&poly.holes) {
            for (a, b) in ring.edges() {
                let d = chord2_to_edge(p, a, b);
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, closest_on_edge(p, a, b)));
                }
            }
        }
    }
    best
}

/// A `(lon, lat, polygon)` call's point, its polygons, and whether they hold it.
struct PointQuery {
    point: (f64, f64),
    polygons: Vec<Polygon>,
    within: bool,
}

/// The point and polygons of a `(lon, lat, polygon)` call: `Ok(None)` for null.
fn point_and_polygons(name: &str, v: &[Value]) -> Result<Option<PointQuery>, EvalError> {
    let Some(polygons) = read(name, &v[2])? else {
        return Ok(None);
    };
    let Some(point) = lon_lat(&v[0], &v[1]) else {
        return Ok(None);
    };
    let within = match inside(&polygons, unit(point.0, point.1)) {
        Ok(b) => b,
        Err(Bad::Invalid) => return Ok(None),
        Err(Bad::Refused(what)) => return Err(undocumented(name, what)),
    };
    Ok(Some(PointQuery {
        point,
        polygons,
        within,
    }))
}

/// `geo_distance_point_to_polygon(lon, lat, polygon)`: metres; 0 inside.
pub(in super::super) fn distance_to_polygon(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(PointQuery {
            point: (x, y),
            polygons,
            within,
        }) = point_and_polygons(name, v)?
        else {
            return Ok(Value::Null);
        };
        if within {
            return Ok(Value::Real(0.0));
        }
        Ok(match closest_boundary(&polygons, unit(x, y)) {
            Some((d, _)) => Value::Real(chord2_angle(d) * EARTH_RADIUS),
            None => Value::Null,
        })
    })
}

/// `geo_closest_point_on_polygon(lon, lat, polygon)`: the point itself inside.
pub(in super::super) fn closest_point_on_polygon(
    call: &ScalarCall<'_>,
) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(PointQuery {
            point: (x, y),
            polygons,
            within,
        }) = point_and_polygons(name, v)?
        else {
            return Ok(Value::Null);
        };
        if within {
            return Ok(point(x, y));
        }
        Ok(match closest_boundary(&polygons, unit(x, y)) {
            Some((_, q)) => {
                let (lon, lat) = lon_lat_of(q);
                point(lon, lat)
            }
            None => Value::Null,
        })
    })
}
