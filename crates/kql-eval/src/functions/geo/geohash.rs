//! Geohash cells (q/geo-point-to-geohash-function.md,
//! q/geo-geohash-to-central-point-function.md, q/geo-geohash-to-polygon-function.md).
//!
//! ```kql
//! print geo_point_to_geohash(-122.304745, 47.567052)     // "c23n8" (accuracy 5)
//! print geo_geohash_to_central_point("sv8wzvy7")         // point 34.80245590209961, 32.15620994567871
//! print geo_geohash_to_polygon("a")                      // null: not a geohash
//! ```
//!
//! The standard geohash: bits alternate longitude and latitude, starting with
//! longitude, each halving the cell's range (upper half is 1); five bits make one
//! base-32 character of `0123456789bcdefghjkmnpqrstuvwxyz`. The accuracy is the
//! number of characters, 1 to 18 (default 5). Every bisection is exact in binary, so
//! the cell bounds here are exact.

use super::super::args::map_rows;
use super::super::{Datum, ScalarCall};
use super::{level, lon_lat, point, polygon, token, undocumented};
use crate::exec::EvalError;
use crate::value::Value;

const ALPHABET: &[u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";

/// The geohash of a point, `accuracy` characters long.
fn encode(lon: f64, lat: f64, accuracy: usize) -> String {
    let (mut lon_range, mut lat_range) = ((-180.0, 180.0), (-90.0, 90.0));
    let mut out = String::with_capacity(accuracy);
    let mut even = true;
    for _ in 0..accuracy {
        let mut v = 0usize;
        for _ in 0..5 {
            let (range, x) = if even {
                (&mut lon_range, lon)
            } else {
                (&mut lat_range, lat)
            };
            let mid = (range.0 + range.1) / 2.0;
            v <<= 1;
            if x >= mid {
                v |= 1;
                range.0 = mid;
            } else {
                range.1 = mid;
            }
            even = !even;
        }
        out.push(char::from(ALPHABET[v]));
    }
    out
}

/// Bounds `(min_lon, min_lat, max_lon, max_lat)` of a geohash; `None` when it is not
/// one. **[U]** Upper-case letters, an empty string and more than 18 characters are
/// refused: the docs call a geohash "between 1 and 18 characters" without saying
/// whether those are invalid (null) or accepted.
fn decode(function: &str, hash: &str) -> Result<Option<(f64, f64, f64, f64)>, EvalError> {
    if hash.is_empty() || hash.len() > 18 || hash.bytes().any(|b| b.is_ascii_uppercase()) {
        return Err(undocumented(
            function,
            "an empty, upper-case or over-long geohash",
        ));
    }
    let (mut lon_range, mut lat_range) = ((-180.0f64, 180.0f64), (-90.0f64, 90.0f64));
    let mut even = true;
    for b in hash.bytes() {
        let Some(v) = ALPHABET.iter().position(|&a| a == b) else {
            return Ok(None);
        };
        for bit in (0..5).rev() {
            let range = if even { &mut lon_range } else { &mut lat_range };
            let mid = (range.0 + range.1) / 2.0;
            if (v >> bit) & 1 == 1 {
                range.0 = mid;
            } else {
                range.1 = mid;
            }
            even = !even;
        }
    }
    Ok(Some((lon_range.0, lat_range.0, lon_range.1, lat_range.1)))
}

/// `geo_point_to_geohash(lon, lat [, accuracy])`: "If the coordinate or accuracy is
/// invalid, the query produces an empty result" (the docs' "Returns").
pub(in super::super) fn point_to_geohash(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let accuracy = level(v.get(2), 5).filter(|a| (1..=18).contains(a));
        Ok(match (lon_lat(&v[0], &v[1]), accuracy) {
            // **[U]** On the east and north edges of the world every bit is 1 in the
            // standard algorithm; whether Kusto wraps or clamps there is not shown.
            (Some((x, y)), Some(_)) if x == 180.0 || y == 90.0 => {
                return Err(undocumented(
                    call.function.name,
                    "a point on longitude 180 or latitude 90",
                ));
            }
            (Some((x, y)), Some(a)) => Value::string(&encode(x, y, a as usize)),
            _ => Value::string(""),
        })
    })
}

/// `geo_geohash_to_central_point(hash)`: the centre of the cell, null if invalid.
pub(in super::super) fn to_central_point(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        Ok(match decode(name, token(&v[0]))? {
            Some((x0, y0, x1, y1)) => point((x0 + x1) / 2.0, (y0 + y1) / 2.0),
            None => Value::Null,
        })
    })
}

/// `geo_geohash_to_polygon(hash)`: the cell's rectangle, counter-clockwise from its
/// south-west corner (conformance geo-geohash-neighbors-function-02), null if invalid.
pub(in super::super) fn to_polygon(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        Ok(match decode(name, token(&v[0]))? {
            Some((x0, y0, x1, y1)) => polygon(&[(x0, y0), (x1, y0), (x1, y1), (x0, y1)]),
            None => Value::Null,
        })
    })
}

/// `geo_geohash_neighbors(hash)`: null if invalid. **[U]** For a valid geohash the
/// order of Kusto's array is not documented: the docs' example and the engine
/// (conformance geo-geohash-neighbors-function-01) list the same eight cells in
/// different orders, so a valid geohash is refused.
pub(in super::super) fn neighbors(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| match decode(name, token(&v[0]))? {
        Some(_) => Err(undocumented(name, "a valid geohash (the neighbour order)")),
        None => Ok(Value::Null),
    })
}
