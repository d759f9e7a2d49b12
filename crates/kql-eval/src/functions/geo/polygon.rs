//! Point in polygon (q/geo-point-in-polygon-function.md).
//!
//! ```kql
//! print geo_point_in_polygon(-73.985654, 40.748487, dynamic({"type":"Polygon","coordinates":[[[-74.02,40.70],[-73.97,40.70],[-73.97,40.76],[-74.02,40.76],[-74.02,40.70]]]}))  // true
//! ```
//!
//! The docs' rules: a Polygon is a shell and holes, a MultiPolygon several polygons;
//! every ring has at least four entries, its first equal to its last, and distinct
//! vertices, otherwise the polygon is invalid (null); a ring bounds the smaller of the
//! two regions it divides the sphere into, whatever its orientation; edges are minor
//! geodesic arcs; rings must not cross or share edges.
//!
//! Containment is the winding number of the ring around the point, summed from the
//! signed angles each edge subtends there on the sphere. **[U]** What kql cannot check
//! exactly is refused rather than guessed: a point within about a centimetre of an
//! edge or vertex (the docs' boundary rule is the S2 library's), rings that cross,
//! touch, overlap or share vertices, a ring that turns back on itself, holes that are
//! not strictly inside their shell, overlapping polygons of a MultiPolygon, rings not
//! inside one open hemisphere, coordinates on the antimeridian or at a pole, and
//! positions with an altitude.

use std::f64::consts::PI;

use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{expect_number, lon_lat, undocumented};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

pub(super) type V3 = [f64; 3];

pub(super) fn unit(lon: f64, lat: f64) -> V3 {
    let (p, l) = (lat.to_radians(), lon.to_radians());
    [p.cos() * l.cos(), p.cos() * l.sin(), p.sin()]
}

pub(super) fn cross(a: V3, b: V3) -> V3 {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

pub(super) fn dot(a: V3, b: V3) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

pub(super) fn norm(a: V3) -> f64 {
    dot(a, a).sqrt()
}

pub(super) fn angle(a: V3, b: V3) -> f64 {
    norm(cross(a, b)).atan2(dot(a, b))
}

/// How close (radians, ~6 mm on Earth) counts as touching.
const EPS: f64 = 1e-9;

/// A ring: its vertices without the closing repeat, and a centre it lies around.
pub(super) struct Ring {
    pub(super) vertices: Vec<V3>,
    centre: V3,
}

/// Why a ring or polygon cannot be used: invalid per the docs (null) or refused.
pub(super) enum Bad {
    Invalid,
    Refused(&'static str),
}

impl Ring {
    pub(super) fn edges(&self) -> impl Iterator<Item = (V3, V3)> + '_ {
        let n = self.vertices.len();
        (0..n).map(move |i| (self.vertices[i], self.vertices[(i + 1) % n]))
    }

    /// Whether `p` is inside the ring's smaller region; `Err` when `p` is on or
    /// next to an edge.
    fn contains(&self, p: V3) -> Result<bool, Bad> {
        for (a, b) in self.edges() {
            let n = cross(a, b);
            let off = dot(p, n) / norm(n);
            if off.abs() < EPS && angle(a, p) + angle(p, b) - angle(a, b) < EPS {
                return Err(Bad::Refused("a point on a polygon's edge"));
            }
        }
        if dot(p, self.centre) <= EPS {
            return Ok(false);
        }
        let mut turn = 0.0;
        for (a, b) in self.edges() {
            turn += dot(p, cross(a, b)).atan2(dot(a, b) - dot(p, a) * dot(p, b));
        }
        let w = (turn / (2.0 * PI)).abs();
        if w.abs() < 1e-6 {
            Ok(false)
        } else if (w - 1.0).abs() < 1e-6 {
            Ok(true)
        } else {
            Err(Bad::Refused("a ring whose winding is not 0 or 1"))
        }
    }
}

/// Parses one GeoJSON ring.
fn ring(d: &Dynamic) -> Result<Ring, Bad> {
    let items = d.as_array().ok_or(Bad::Invalid)?;
    let mut coords = Vec::with_capacity(items.len());
    for p in items {
        let (x, y) = match p.as_array() {
            Some([x, y]) => (
                x.as_f64().ok_or(Bad::Invalid)?,
                y.as_f64().ok_or(Bad::Invalid)?,
            ),
            Some([_, _, _, ..]) => return Err(Bad::Refused("a position with an altitude")),
            _ => return Err(Bad::Invalid),
        };
        let (x, y) = lon_lat(&Value::Real(x), &Value::Real(y)).ok_or(Bad::Invalid)?;
        if x.abs() == 180.0 || y.abs() == 90.0 {
            return Err(Bad::Refused("a vertex on the antimeridian or at a pole"));
        }
        coords.push((x, y));
    }
    if coords.len() < 4 || coords.first() != coords.last() {
        return Err(Bad::Invalid);
    }
    coords.pop();
    for i in 0..coords.len() {
        if coords[i + 1..].contains(&coords[i]) {
            return Err(Bad::Invalid);
        }
    }
    let vertices: Vec<V3> = coords.iter().map(|&(x, y)| unit(x, y)).collect();
    let sum = vertices
        .iter()
        .fold([0.0; 3], |s, v| [s[0] + v[0], s[1] + v[1], s[2] + v[2]]);
    let len = norm(sum);
    if len < EPS {
        return Err(Bad::Refused("a ring not inside one hemisphere"));
    }
    let centre = [sum[0] / len, sum[1] / len, sum[2] / len];
    if vertices.iter().any(|v| dot(*v, centre) < 0.05) {
        return Err(Bad::Refused("a ring not inside one hemisphere"));
    }
    let n = vertices.len();
    for i in 0..n {
        let (a, b, c) = (vertices[i], vertices[(i + 1) % n], vertices[(i + 2) % n]);
        let ab = cross(a, b);
        // Collinear is fine when the ring goes straight on; turning back is a spike.
        let straight = angle(a, b) + angle(b, c) - angle(a, c) < EPS;
        if ((dot(ab, c) / norm(ab)).abs() < EPS && !straight) || angle(a, b) > PI - 1e-6 {
            return Err(Bad::Refused(
                "a ring that turns back on itself or a near-half-circle edge",
            ));
        }
    }
    Ok(Ring { vertices, centre })
}

/// Whether two edges cross (S2's `SimpleCrossing` signs); touching edges are refused.
pub(super) fn crossing((a, b): (V3, V3), (c, d): (V3, V3)) -> Result<bool, Bad> {
    let ab = cross(a, b);
    let cd = cross(c, d);
    let (acb, bda) = (-dot(ab, c) / norm(ab), dot(ab, d) / norm(ab));
    let (cbd, dac) = (-dot(cd, b) / norm(cd), dot(cd, a) / norm(cd));
    if [acb, bda, cbd, dac].iter().any(|s| s.abs() < EPS) {
        // An endpoint near the other edge's great circle: the edges touch if it is on
        // the other arc; otherwise they cannot cross (the circles meet only there and
        // at its antipode, which an edge shorter than half a circle cannot reach).
        let on = |p: V3, (x, y): (V3, V3)| angle(x, p) + angle(p, y) - angle(x, y) < EPS;
        if on(c, (a, b)) || on(d, (a, b)) || on(a, (c, d)) || on(b, (c, d)) {
            return Err(Bad::Refused("rings that touch or overlap"));
        }
        return Ok(false);
    }
    Ok(acb * bda > 0.0 && acb * cbd > 0.0 && acb * dac > 0.0)
}

/// Refuses any crossing or touching between edges of different rings, or
/// non-adjacent edges of the same ring.
fn check_crossings(rings: &[&Ring]) -> Result<(), Bad> {
    let edges: Vec<(usize, usize, (V3, V3))> = rings
        .iter()
        .enumerate()
        .flat_map(|(r, ring)| ring.edges().enumerate().map(move |(i, e)| (r, i, e)))
        .collect();
    for (k, &(r1, i1, e1)) in edges.iter().enumerate() {
        for &(r2, i2, e2) in &edges[k + 1..] {
            if r1 == r2 {
                let n = rings[r1].vertices.len();
                if i2 == i1 + 1 || (i1 == 0 && i2 == n - 1) {
                    continue;
                }
            }
            if crossing(e1, e2)? {
                return Err(Bad::Refused("rings that cross"));
            }
        }
    }
    Ok(())
}

/// A polygon: its shell and holes.
pub(super) struct Polygon {
    pub(super) shell: Ring,
    pub(super) holes: Vec<Ring>,
}

fn polygon(d: &Dynamic) -> Result<Polygon, Bad> {
    let rings = d.as_array().ok_or(Bad::Invalid)?;
    let (first, rest) = rings.split_first().ok_or(Bad::Invalid)?;
    let shell = ring(first)?;
    let holes = rest.iter().map(ring).collect::<Result<Vec<_>, _>>()?;
    for (i, h) in holes.iter().enumerate() {
        if !shell.contains(h.vertices[0])? {
            return Err(Bad::Refused("a hole outside its shell"));
        }
        for (j, other) in holes.iter().enumerate() {
            if i != j && other.contains(h.vertices[0])? {
                return Err(Bad::Refused("nested holes"));
            }
        }
    }
    Ok(Polygon { shell, holes })
}

/// Parses and checks a GeoJSON Polygon or MultiPolygon.
pub(super) fn polygons(v: &Value) -> Result<Vec<Polygon>, Bad> {
    let Some(Dynamic::Bag(bag)) = v.as_dynamic() else {
        return Err(Bad::Invalid);
    };
    let (Some(kind), Some(coords)) = (
        bag.get("type").and_then(Dynamic::as_str),
        bag.get("coordinates"),
    ) else {
        return Err(Bad::Invalid);
    };
    let list = match kind {
        "Polygon" => vec![polygon(coords)?],
        "MultiPolygon" => {
            let items = coords.as_array().ok_or(Bad::Invalid)?;
            items.iter().map(polygon).collect::<Result<Vec<_>, _>>()?
        }
        _ => return Err(Bad::Invalid),
    };
    if list.is_empty() {
        return Err(Bad::Invalid);
    }
    let all: Vec<&Ring> = list
        .iter()
        .flat_map(|p| std::iter::once(&p.shell).chain(&p.holes))
        .collect();
    check_crossings(&all)?;
    for (i, a) in list.iter().enumerate() {
        for (j, b) in list.iter().enumerate() {
            if i != j && b.shell.contains(a.shell.vertices[0])? {
                return Err(Bad::Refused("overlapping polygons"));
            }
        }
    }
    Ok(list)
}

pub(super) fn inside(list: &[Polygon], p: V3) -> Result<bool, Bad> {
    for poly in list {
        if poly.shell.contains(p)? {
            let mut in_hole = false;
            for h in &poly.holes {
                in_hole |= h.contains(p)?;
            }
            if !in_hole {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

pub(in super::super) fn point_in_polygon_type(
    args: &[ArgInfo<'_>],
) -> Result<ScalarType, TypeError> {
    expect_number(args, 0)?;
    expect_number(args, 1)?;
    match args[2].ty {
        ScalarType::Dynamic => Ok(ScalarType::Bool),
        t => Err(TypeError::arg(
            2,
            format!("expected a dynamic GeoJSON polygon, not {t}"),
        )),
    }
}

/// `geo_point_in_polygon(lon, lat, polygon)`: null if the point or polygon is invalid.
/// A constant polygon is parsed and checked once.
pub(in super::super) fn point_in_polygon(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let refuse = |what: &'static str| undocumented(name, what);
    let fixed = call.args[2].as_scalar().map(polygons);
    map_rows(call, |v| {
        let parsed;
        let list = match &fixed {
            Some(f) => f,
            None => {
                parsed = polygons(&v[2]);
                &parsed
            }
        };
        let list = match list {
            Ok(list) => list,
            Err(Bad::Invalid) => return Ok(Value::Null),
            Err(Bad::Refused(what)) => return Err(refuse(what)),
        };
        let Some((x, y)) = lon_lat(&v[0], &v[1]) else {
            return Ok(Value::Null);
        };
        match inside(list, unit(x, y)) {
            Ok(b) => Ok(Value::Bool(b)),
            Err(Bad::Invalid) => Ok(Value::Null),
            Err(Bad::Refused(what)) => Err(refuse(what)),
        }
    })
}
