//! Measurements on the sphere (q/geo-distance-2points-function.md,
//! q/geo-point-in-circle-function.md, q/geo-angle-function.md,
//! q/geo-azimuth-function.md, q/geo-line-length-function.md).
//!
//! ```kql
//! print geo_distance_2points(-122.407628, 47.578557, -118.275287, 34.019056)   // 1546754.35197381
//! print geo_point_in_circle(-122.143564, 47.535677, -122.100896, 47.527351, 3500)  // true
//! print degrees(geo_angle(0, 10, 0, 5, 3, -10))                             // 168.732543198009
//! print geo_azimuth(5, 10, 10, -40)                                          // 3.05459939796449
//! ```
//!
//! The docs: "the geodetic datum used to measure distance on Earth is a sphere", edges
//! are geodesics on it. Its radius is 6,371,010 m (S2's Earth radius): with the
//! haversine formula it gives the docs' Seattle to Los Angeles distance, 1546754.35197381,
//! and conformance geo-line-length-function-01's 8262.243397537412, to 14 digits.
//! **[U]** `use_spheroid = true`, points at a pole or on the antimeridian for
//! directions, nearly-but-not-exactly antipodal or coincident points, and a point
//! within 0.01 % of a circle's edge (where another formula could round the other way)
//! are refused.

use std::f64::consts::PI;

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{expect_number, lon_lat, undocumented};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

/// The Earth's radius in metres.
pub(super) const EARTH_RADIUS: f64 = 6_371_010.0;

/// The central angle in radians between two points given in degrees (haversine).
fn central_angle((x1, y1): (f64, f64), (x2, y2): (f64, f64)) -> f64 {
    let (p1, p2) = (y1.to_radians(), y2.to_radians());
    let (dp, dl) = (p2 - p1, (x2 - x1).to_radians());
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * h.min(1.0).sqrt().asin()
}

/// `n` coordinates as points, `None` if one is invalid.
fn points(v: &[Value], n: usize) -> Option<Vec<(f64, f64)>> {
    (0..n).map(|i| lon_lat(&v[2 * i], &v[2 * i + 1])).collect()
}

/// Reals in, a real out: `geo_distance_2points`, `geo_angle`, `geo_azimuth`.
pub(in super::super) fn real_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for (i, a) in args.iter().enumerate() {
        if i == 4 && a.ty == ScalarType::Bool {
            continue;
        }
        expect_number(args, i)?;
    }
    Ok(ScalarType::Real)
}

/// `geo_distance_2points(lon1, lat1, lon2, lat2 [, use_spheroid])`: metres; null if a
/// coordinate is invalid.
pub(in super::super) fn distance(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        if v.get(4).is_some_and(|s| s.as_bool() != Some(false)) {
            return Err(undocumented(name, "use_spheroid other than false"));
        }
        Ok(match points(v, 2) {
            Some(p) => Value::Real(EARTH_RADIUS * central_angle(p[0], p[1])),
            None => Value::Null,
        })
    })
}

pub(in super::super) fn circle_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    for i in 0..args.len() {
        expect_number(args, i)?;
    }
    Ok(ScalarType::Bool)
}

/// `geo_point_in_circle(lon, lat, center_lon, center_lat, radius)`: whether the point
/// is in the spherical cap; null if a coordinate is invalid or the radius is not
/// positive ("Valid value must be positive").
pub(in super::super) fn point_in_circle(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let (Some(p), Some(r)) = (points(v, 2), v[4].as_f64()) else {
            return Ok(Value::Null);
        };
        if r.is_nan() || r <= 0.0 {
            return Ok(Value::Null);
        }
        if !r.is_finite() {
            return Err(undocumented(name, "an infinite radius"));
        }
        let d = EARTH_RADIUS * central_angle(p[0], p[1]);
        if (d - r).abs() <= 1e-4 * r {
            return Err(undocumented(
                name,
                "a point this close to the circle's edge",
            ));
        }
        Ok(Value::Bool(d < r))
    })
}

/// The initial bearing from `a` to `b`, clockwise from north, in [0, 2π); `None`
/// (null) when the points are equal or antipodal.
fn bearing(name: &str, a: (f64, f64), b: (f64, f64)) -> Result<Option<f64>, EvalError> {
    if a == b || (a.1 == -b.1 && (a.0 - b.0).abs() == 180.0) {
        return Ok(None);
    }
    if [a, b]
        .iter()
        .any(|p| p.1.abs() == 90.0 || p.0.abs() == 180.0)
    {
        return Err(undocumented(
            name,
            "a point at a pole or on the antimeridian",
        ));
    }
    let c = central_angle(a, b);
    if !(1e-12..=PI - 1e-9).contains(&c) {
        return Err(undocumented(
            name,
            "nearly coincident or nearly antipodal points",
        ));
    }
    let (p1, p2) = (a.1.to_radians(), b.1.to_radians());
    let dl = (b.0 - a.0).to_radians();
    let y = dl.sin() * p2.cos();
    let x = p1.cos() * p2.sin() - p1.sin() * p2.cos() * dl.cos();
    Ok(Some(y.atan2(x).rem_euclid(2.0 * PI)))
}

/// `geo_azimuth(lon1, lat1, lon2, lat2)`: radians clockwise from true north.
pub(in super::super) fn azimuth(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(p) = points(v, 2) else {
            return Ok(Value::Null);
        };
        Ok(bearing(name, p[0], p[1])?.map_or(Value::Null, Value::Real))
    })
}

/// `geo_angle(p1, p2, p3)`: the clockwise angle at p2 from line [p1, p2] to [p2, p3],
/// in [0, 2π) (conformance geo-angle-function-01: 168.73254319800884 degrees).
pub(in super::super) fn angle(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(p) = points(v, 3) else {
            return Ok(Value::Null);
        };
        let (Some(back), Some(forward)) = (bearing(name, p[1], p[0])?, bearing(name, p[1], p[2])?)
        else {
            return Ok(Value::Null);
        };
        let a = (forward - back).rem_euclid(2.0 * PI);
        Ok(Value::Real(if a >= 2.0 * PI { 0.0 } else { a }))
    })
}

pub(in super::super) fn line_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::Dynamic => Ok(ScalarType::Real),
        t => Err(TypeError::arg(
            0,
            format!("expected a dynamic GeoJSON line, not {t}"),
        )),
    }
}

/// The positions of a GeoJSON coordinate array; `None` if one is not a valid
/// `[longitude, latitude]` pair. **[U]** A position with an altitude is refused.
pub(super) fn positions(
    name: &str,
    coords: &Dynamic,
) -> Result<Option<Vec<(f64, f64)>>, EvalError> {
    let Some(items) = coords.as_array() else {
        return Ok(None);
    };
    let mut out = Vec::with_capacity(items.len());
    for p in items {
        match p.as_array() {
            Some([x, y]) => match (x.as_f64(), y.as_f64()) {
                (Some(x), Some(y)) => match lon_lat(&Value::Real(x), &Value::Real(y)) {
                    Some(p) => out.push(p),
                    None => return Ok(None),
                },
                _ => return Ok(None),
            },
            Some([_, _, _, ..]) => {
                return Err(undocumented(name, "a position with more than two numbers"));
            }
            _ => return Ok(None),
        }
    }
    Ok(Some(out))
}

/// `geo_line_length(line)`: the length in metres of a GeoJSON LineString or
/// MultiLineString; null if it is not one. **[U]** A line of fewer than two points,
/// and an edge of nearly half the Earth (whose geodesic is not unique), are refused.
pub(in super::super) fn line_length(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(Dynamic::Bag(bag)) = v[0].as_dynamic() else {
            return Ok(Value::Null);
        };
        let (Some(kind), Some(coords)) = (
            bag.get("type").and_then(Dynamic::as_str),
            bag.get("coordinates"),
        ) else {
            return Ok(Value::Null);
        };
        let lines = match kind {
            "LineString" => positions(name, coords)?.map(|l| vec![l]),
            "MultiLineString" => match coords.as_array() {
                Some(ls) => ls
                    .iter()
                    .map(|l| positions(name, l))
                    .collect::<Result<Option<Vec<_>>, _>>()?,
                None => None,
            },
            _ => return Ok(Value::Null),
        };
        let Some(lines) = lines else {
            return Ok(Value::Null);
        };
        let mut total = 0.0;
        for line in &lines {
            if line.len() < 2 {
                return Err(undocumented(name, "a line of fewer than two points"));
            }
            for w in line.windows(2) {
                let c = central_angle(w[0], w[1]);
                if c > PI - 1e-9 {
                    return Err(undocumented(
                        name,
                        "an edge between nearly antipodal points",
                    ));
                }
                total += EARTH_RADIUS * c;
            }
        }
        Ok(Value::Real(total))
    })
}
