//! Geospatial functions: geohash (`geohash`), H3 (`h3`) and S2 (`s2`) grid cells,
//! measurements on the sphere (`sphere`) and point-in-polygon (`polygon`). Sources: the
//! q/geo-*-function.md pages of the Kusto docs (learn.microsoft.com/kusto/query/
//! geo-point-to-geohash-function and siblings).
//!
//! ```kql
//! print geo_point_to_geohash(-122.303404, 47.570482)                // "c23n8"
//! print geo_geohash_to_central_point("sunny")     // {"type":"Point","coordinates":[42.47314453125,23.70849609375]}
//! print geo_point_to_h3cell(-74.04450446039874, 40.689250859314974, 6)   // "862a1072fffffff"
//! print geo_h3cell_parent('862a1072fffffff', 1)                    // "812a3ffffffffff"
//! ```
//!
//! Points and polygons are GeoJSON `dynamic` values with `[longitude, latitude]`
//! coordinates, as Kusto writes them. Invalid input gives the documented empty string
//! or null; input the docs leave open is refused **[U]**.

mod edge;
mod geohash;
mod h3;
mod line_measure;
mod lookup;
mod polygon;
mod polygon_measure;
mod s2;
mod shape_checks;
mod sphere;
mod wkt;

pub(crate) use lookup::lookup_matches;

use kql_parser::ast::ScalarType;

use super::{ArgInfo, ScalarFunction, TypeError, entry};
use crate::exec::EvalError;
use crate::value::{Bag, Dynamic, Value};

#[rustfmt::skip]
pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    entry("geo_point_to_geohash", (2, 3), point_to_cell_type, geohash::point_to_geohash, "geo_point_to_geohash(lon, lat [, accuracy]): the geohash, \"\" if invalid"),
    entry("geo_geohash_to_central_point", (1, 1), cell_to_shape_type, geohash::to_central_point, "the GeoJSON point at the centre of a geohash cell; null if invalid"),
    entry("geo_geohash_to_polygon", (1, 1), cell_to_shape_type, geohash::to_polygon, "the GeoJSON polygon of a geohash cell; null if invalid"),
    entry("geo_point_to_h3cell", (2, 3), point_to_cell_type, h3::point_to_cell, "geo_point_to_h3cell(lon, lat [, resolution]): the H3 cell token, \"\" if invalid"),
    entry("geo_h3cell_level", (1, 1), h3::level_type, h3::level, "the resolution of an H3 cell token; null if invalid"),
    entry("geo_h3cell_parent", (1, 2), h3::parent_type, h3::parent, "geo_h3cell_parent(cell [, resolution]): the parent cell token, \"\" if invalid"),
    entry("geo_h3cell_children", (1, 2), h3::family_type, h3::children, "geo_h3cell_children(cell [, resolution]): the child cell tokens; null if invalid"),
    entry("geo_h3cell_neighbors", (1, 1), cell_to_shape_type, h3::neighbors, "the tokens of an H3 cell's neighbours; null if invalid"),
    entry("geo_h3cell_rings", (2, 2), h3::family_type, h3::rings, "geo_h3cell_rings(cell, distance): arrays of tokens by grid distance; null if invalid"),
    entry("geo_h3cell_to_central_point", (1, 1), cell_to_shape_type, h3::to_central_point, "the GeoJSON point at the centre of an H3 cell; null if invalid"),
    entry("geo_geohash_neighbors", (1, 1), cell_to_shape_type, geohash::neighbors, "null for an invalid geohash; a valid one is refused (Kusto's order is undocumented)"),
    entry("geo_point_to_s2cell", (2, 3), point_to_cell_type, s2::point_to_cell, "geo_point_to_s2cell(lon, lat [, level]): the S2 cell token, \"\" if invalid"),
    entry("geo_s2cell_to_central_point", (1, 1), cell_to_shape_type, s2::to_central_point, "the GeoJSON point at the centre of an S2 cell; null if invalid"),
    entry("geo_s2cell_neighbors", (1, 1), cell_to_shape_type, s2::neighbors, "null for an invalid S2 token; a valid one is refused (Kusto's order is undocumented)"),
    entry("geo_distance_2points", (4, 5), sphere::real_type, sphere::distance, "metres between two points on the sphere; null if invalid"),
    entry("geo_point_in_circle", (5, 5), sphere::circle_type, sphere::point_in_circle, "geo_point_in_circle(lon, lat, center_lon, center_lat, radius_m): inside the spherical cap"),
    entry("geo_azimuth", (4, 4), sphere::real_type, sphere::azimuth, "radians clockwise from true north of the line p1 to p2; null if undefined"),
    entry("geo_angle", (6, 6), sphere::real_type, sphere::angle, "radians clockwise from line [p1, p2] to [p2, p3]; null if undefined"),
    entry("geo_point_in_polygon", (3, 3), polygon::point_in_polygon_type, polygon::point_in_polygon, "whether a point is inside a GeoJSON Polygon or MultiPolygon; null if invalid"),
    entry("geo_line_length", (1, 1), sphere::line_type, sphere::line_length, "metres along a GeoJSON LineString or MultiLineString; null if invalid"),
    entry("geo_from_wkt", (1, 1), cell_to_shape_type, wkt::from_wkt, "geo_from_wkt(wkt): the GeoJSON shape of a WKT text; null if invalid"),
    entry("geo_polygon_area", (1, 1), polygon_measure::shape_type, polygon_measure::area, "square metres of a GeoJSON Polygon or MultiPolygon; null if invalid"),
    entry("geo_polygon_centroid", (1, 1), polygon_measure::centroid_type, polygon_measure::centroid, "the GeoJSON point at a polygon's centroid; null if invalid"),
    entry("geo_distance_point_to_polygon", (3, 3), polygon_measure::distance_type, polygon_measure::distance_to_polygon, "metres from a point to a polygon, 0 inside; null if invalid"),
    entry("geo_closest_point_on_polygon", (3, 3), polygon_measure::point_polygon_type, polygon_measure::closest_point_on_polygon, "the point of a polygon closest to a point; null if invalid"),
    entry("geo_line_interpolate_point", (2, 2), line_measure::interpolate_type, line_measure::interpolate_point, "the point a fraction of the way along a LineString; null if invalid"),
    entry("geo_line_locate_point", (3, 3), line_measure::locate_type, line_measure::locate_point, "the fraction of a LineString's length at its point closest to a point; null if invalid"),
    entry("geo_closest_point_on_line", (3, 3), line_measure::closest_type, line_measure::closest_point_on_line, "the point of a LineString closest to a point; null if invalid"),
    entry("geo_line_centroid", (1, 1), line_measure::centroid_type, line_measure::line_centroid, "the GeoJSON point at a LineString's centroid; null if invalid"),
    entry("geo_intersects_2lines", (2, 2), shape_checks::two_shapes_bool, shape_checks::intersects_2lines, "whether two LineStrings cross; null if invalid"),
    entry("geo_intersects_2polygons", (2, 2), shape_checks::two_shapes_bool, shape_checks::intersects_2polygons, "whether two polygons intersect; null if invalid"),
    entry("geo_intersection_2lines", (2, 2), shape_checks::two_shapes_dynamic, shape_checks::intersection_2lines, "null for an invalid line; valid lines are refused (not computed yet)"),
    entry("geo_point_buffer", (3, 4), shape_checks::point_first, shape_checks::point_buffer, "null for an invalid point; a valid one is refused (not computed yet)"),
    entry("geo_line_buffer", (2, 3), shape_checks::shape_first, shape_checks::shape_with_size, "null for an invalid line or radius 0; otherwise refused (not computed yet)"),
    entry("geo_polygon_buffer", (2, 3), shape_checks::shape_first, shape_checks::shape_with_size, "null for an invalid polygon or radius 0; otherwise refused (not computed yet)"),
    entry("geo_polygon_densify", (1, 3), shape_checks::shape_first, shape_checks::shape_with_size, "null for an invalid polygon or tolerance 0; otherwise refused (not computed yet)"),
    entry("geo_simplify_polygons_array", (1, 2), shape_checks::shape_first, shape_checks::simplify_polygons_array, "null for a negative tolerance; otherwise refused (not computed yet)"),
    entry("geo_h3cell_to_polygon", (1, 1), cell_to_shape_type, h3::to_polygon, "the GeoJSON polygon of an H3 cell; null if invalid"),
];

/// Argument `i` is a number (a coordinate).
fn expect_number(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        t if t.is_numeric() => Ok(()),
        t => Err(TypeError::arg(i, format!("expected a number, not {t}"))),
    }
}

/// Argument `i`, when present, is an `int` or a `long`.
fn expect_integer(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args.get(i).map(|a| a.ty) {
        None | Some(ScalarType::Int | ScalarType::Long) => Ok(()),
        Some(t) => Err(TypeError::arg(i, format!("expected an integer, not {t}"))),
    }
}

/// Argument `i` is a string (a cell token).
fn expect_string(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::String => Ok(()),
        t => Err(TypeError::arg(
            i,
            format!("expected a string cell token, not {t}"),
        )),
    }
}

/// `(longitude, latitude [, level])` to a string token.
fn point_to_cell_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_number(args, 0)?;
    expect_number(args, 1)?;
    expect_integer(args, 2)?;
    Ok(ScalarType::String)
}

/// A token to a dynamic shape or array.
fn cell_to_shape_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_string(args, 0)?;
    Ok(ScalarType::Dynamic)
}

/// A valid coordinate pair in degrees: both finite, longitude in [-180, 180] and
/// latitude in [-90, 90] (q/geo-point-to-geohash-function.md, "Parameters"); `None`
/// for a null or out-of-range one.
fn lon_lat(lon: &Value, lat: &Value) -> Option<(f64, f64)> {
    let (x, y) = (lon.as_f64()?, lat.as_f64()?);
    ((-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y)).then_some((x, y))
}

/// A level argument: the default when absent, `None` when null.
fn level(v: Option<&Value>, default: i64) -> Option<i64> {
    match v {
        None => Some(default),
        Some(v) => v.as_i64(),
    }
}

/// The token text of a string argument.
fn token(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// A coordinate pair as a GeoJSON position.
fn position(lon: f64, lat: f64) -> Dynamic {
    Dynamic::array(vec![Dynamic::Real(lon), Dynamic::Real(lat)])
}

/// A GeoJSON geometry `{"type": kind, "coordinates": coordinates}`.
fn geometry(kind: &str, coordinates: Dynamic) -> Value {
    let mut bag = Bag::new();
    bag.insert("type".to_string(), Dynamic::string(kind));
    bag.insert("coordinates".to_string(), coordinates);
    Value::Dynamic(Dynamic::bag(bag))
}

/// A GeoJSON point.
fn point(lon: f64, lat: f64) -> Value {
    geometry("Point", position(lon, lat))
}

/// A GeoJSON polygon with one ring, closed by repeating its first vertex.
fn polygon(vertices: &[(f64, f64)]) -> Value {
    let mut ring: Vec<Dynamic> = vertices.iter().map(|&(x, y)| position(x, y)).collect();
    if let Some(&(x, y)) = vertices.first() {
        ring.push(position(x, y));
    }
    geometry("Polygon", Dynamic::array(vec![Dynamic::array(ring)]))
}

/// The refusal for an input whose result Kusto does not document.
fn undocumented(function: &str, what: &str) -> EvalError {
    EvalError::invalid(format!(
        "{function}() of {what} is undocumented in Kusto, so kql refuses rather than guess"
    ))
}
