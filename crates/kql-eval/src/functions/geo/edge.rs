//! Geodesic edges on the unit sphere, as the S2 library measures them: the closest
//! point of an edge to a point, the chord distance to it, and the surface integrals
//! (area, centroid) of the triangles a ring is fanned into. Shared by the polygon
//! and line measurements (`polygon_measure`, `line_measure`).
//!
//! Kusto's geospatial functions run on S2, and their last digits follow S2's
//! formulas: l'Huilier's formula for triangle areas and the "true centroid" of a
//! triangle, both summed over the fan from a ring's first vertex (conformance
//! `geo-polygon-area-function-00`: 3475207.28346606, `geo-polygon-centroid-function-00`
//! to all 16 digits); the distance to an edge from its squared chord
//! (`geo-distance-point-to-polygon-function-00`: 259.9407560705964).

use super::polygon::{V3, angle, cross, dot, norm};

pub(super) fn add(a: V3, b: V3) -> V3 {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
}

pub(super) fn sub(a: V3, b: V3) -> V3 {
    [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
}

pub(super) fn scale(a: V3, k: f64) -> V3 {
    [a[0] * k, a[1] * k, a[2] * k]
}

/// `a` scaled to unit length; `None` for the zero vector.
pub(super) fn normalized(a: V3) -> Option<V3> {
    let n = norm(a);
    (n > 0.0 && n.is_finite()).then(|| scale(a, 1.0 / n))
}

/// `(longitude, latitude)` in degrees of a direction.
pub(super) fn lon_lat_of(p: V3) -> (f64, f64) {
    let lat = p[2].atan2(p[0].hypot(p[1]));
    let lon = p[1].atan2(p[0]);
    (lon.to_degrees(), lat.to_degrees())
}

/// S2's robust normal of edge `a`-`b`: `(a + b) × (b - a)`, twice `a × b`.
fn robust_normal(a: V3, b: V3) -> V3 {
    cross(add(a, b), sub(b, a))
}

/// Whether the projection of `x` onto the great circle of `a`-`b` falls strictly
/// inside the edge.
fn projects_inside(x: V3, a: V3, b: V3) -> Option<V3> {
    let n = robust_normal(a, b);
    let q = normalized(sub(x, scale(n, dot(x, n) / dot(n, n))))?;
    (dot(cross(a, q), n) > 0.0 && dot(cross(q, b), n) > 0.0).then_some(q)
}

/// The point of edge `a`-`b` closest to `x` (an endpoint when the projection falls
/// outside; the first endpoint on a tie).
pub(super) fn closest_on_edge(x: V3, a: V3, b: V3) -> V3 {
    match projects_inside(x, a, b) {
        Some(q) => q,
        None if angle(x, b) < angle(x, a) => b,
        None => a,
    }
}

/// The squared chord length from `x` to the closest point of edge `a`-`b`.
pub(super) fn chord2_to_edge(x: V3, a: V3, b: V3) -> f64 {
    let (xa, xb) = (sub(x, a), sub(x, b));
    let mut best = dot(xa, xa).min(dot(xb, xb));
    if projects_inside(x, a, b).is_some() {
        let c = robust_normal(a, b);
        let c2 = dot(c, c);
        let xc = dot(x, c);
        let cx = cross(c, x);
        let qr = 1.0 - (dot(cx, cx) / c2).sqrt();
        best = best.min(xc * xc / c2 + qr * qr);
    }
    best
}

/// The angle (radians) of a squared chord length.
pub(super) fn chord2_angle(chord2: f64) -> f64 {
    2.0 * (0.5 * chord2.sqrt()).min(1.0).asin()
}

/// The signed area of triangle `a b c` by l'Huilier's formula, positive when
/// counter-clockwise; `None` for a large, skinny triangle, where S2 switches to
/// another formula kql does not reproduce.
pub(super) fn signed_area(a: V3, b: V3, c: V3) -> Option<f64> {
    let (sa, sb, sc) = (angle(b, c), angle(c, a), angle(a, b));
    let s = 0.5 * (sa + sb + sc);
    if s >= 3e-4 {
        let dmin = s - sa.max(sb).max(sc);
        if dmin < 1e-2 * s * s.powi(4) {
            return None;
        }
    }
    let t =
        (0.5 * s).tan() * (0.5 * (s - sa)).tan() * (0.5 * (s - sb)).tan() * (0.5 * (s - sc)).tan();
    let area = 4.0 * t.max(0.0).sqrt().atan();
    Some(if dot(cross(a, b), c) >= 0.0 {
        area
    } else {
        -area
    })
}

/// The integral of position over triangle `a b c` (its centroid times its area),
/// with the sign of its orientation.
pub(super) fn true_centroid(a: V3, b: V3, c: V3) -> V3 {
    let ratio = |t: f64| if t == 0.0 { 1.0 } else { t / t.sin() };
    let (ra, rb, rc) = (ratio(angle(b, c)), ratio(angle(c, a)), ratio(angle(a, b)));
    let x = [a[0], b[0] - a[0], c[0] - a[0]];
    let y = [a[1], b[1] - a[1], c[1] - a[1]];
    let z = [a[2], b[2] - a[2], c[2] - a[2]];
    let r = [ra, rb - ra, rc - ra];
    scale(
        [
            dot(cross(y, z), r),
            dot(cross(z, x), r),
            dot(cross(x, y), r),
        ],
        0.5,
    )
}

/// The signed area and the position integral of a ring (vertices without the
/// closing repeat), fanned from its first vertex; `None` where S2's area formula
/// would differ.
pub(super) fn ring_integrals(vertices: &[V3]) -> Option<(f64, V3)> {
    let (first, rest) = vertices.split_first()?;
    let mut area = 0.0;
    let mut centroid = [0.0; 3];
    for w in rest.windows(2) {
        area += signed_area(*first, w[0], w[1])?;
        centroid = add(centroid, true_centroid(*first, w[0], w[1]));
    }
    Some((area, centroid))
}
