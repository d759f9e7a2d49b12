//! H3 cells (q/geo-point-to-h3cell-function.md, q/geo-h3cell-level-function.md,
//! q/geo-h3cell-parent-function.md, q/geo-h3cell-children-function.md,
//! q/geo-h3cell-neighbors-function.md, q/geo-h3cell-rings-function.md,
//! q/geo-h3cell-to-central-point-function.md, q/geo-h3cell-to-polygon-function.md).
//!
//! ```kql
//! print geo_point_to_h3cell(-74.04450446039874, 40.689250859314974, 6)  // "862a1072fffffff"
//! print geo_h3cell_level('862a1072fffffff')                              // 6
//! print array_length(geo_h3cell_children('862a1072fffffff', 9))          // 343
//! print geo_h3cell_rings('861f8894fffffff', 1)[0]                        // ["861f8894fffffff"]
//! ```
//!
//! Kusto uses Uber's H3; `h3o` implements the same grid, and a token is the cell
//! index in lower-case hex. Near a pentagon H3's ring order has "pentagonal distortion"
//! (the rings page); those inputs are refused **[U]**, as are cells whose outline
//! crosses the antimeridian or surrounds a pole (how Kusto writes their GeoJSON is not
//! shown).

use h3o::{CellIndex, LatLng, Resolution};
use kql_parser::ast::ScalarType;

use super::super::args::map_rows;
use super::super::{ArgInfo, Datum, ScalarCall, TypeError};
use super::{
    expect_integer, expect_string, level as level_arg, lon_lat, point, polygon, token, undocumented,
};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

/// A cell from its token; `None` when it is not one. **[U]** Upper-case hex digits are
/// refused (whether Kusto accepts them is not documented).
fn cell(function: &str, text: &str) -> Result<Option<CellIndex>, EvalError> {
    if text.bytes().any(|b| matches!(b, b'A'..=b'F')) {
        return Err(undocumented(function, "an upper-case H3 token"));
    }
    if text.is_empty() || text.len() > 16 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    Ok(text.parse::<CellIndex>().ok())
}

/// A resolution in `range`, or `None`.
fn resolution(v: Option<i64>, range: std::ops::RangeInclusive<i64>) -> Option<Resolution> {
    let r = v.filter(|r| range.contains(r))?;
    Resolution::try_from(u8::try_from(r).ok()?).ok()
}

fn res_number(cell: CellIndex) -> i64 {
    i64::from(u8::from(cell.resolution()))
}

fn tokens(cells: impl IntoIterator<Item = CellIndex>) -> Dynamic {
    Dynamic::array(
        cells
            .into_iter()
            .map(|c| Dynamic::string(&c.to_string()))
            .collect(),
    )
}

/// `geo_point_to_h3cell(lon, lat [, resolution])`: resolution 0 to 15, default 6;
/// invalid input gives "" (the docs' "Returns" and examples).
pub(in super::super) fn point_to_cell(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let res = resolution(level_arg(v.get(2), 6), 0..=15);
        let ll = lon_lat(&v[0], &v[1]).and_then(|(x, y)| LatLng::new(y, x).ok());
        Ok(match (ll, res) {
            (Some(ll), Some(res)) => Value::string(&ll.to_cell(res).to_string()),
            _ => Value::string(""),
        })
    })
}

pub(in super::super) fn level_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_string(args, 0)?;
    Ok(ScalarType::Int)
}

/// `geo_h3cell_level(cell)`: null if invalid.
pub(in super::super) fn level(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        Ok(match cell(name, token(&v[0]))? {
            Some(c) => Value::Int(i32::from(u8::from(c.resolution()))),
            None => Value::Null,
        })
    })
}

pub(in super::super) fn parent_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_string(args, 0)?;
    expect_integer(args, 1)?;
    Ok(ScalarType::String)
}

/// `geo_h3cell_parent(cell [, resolution])`: resolution 0 to 14, default the next
/// coarser; "" if the cell is invalid or the resolution is finer than the cell's.
/// **[U]** The cell's own resolution, and no resolution for a level-0 cell, are refused.
pub(in super::super) fn parent(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(c) = cell(name, token(&v[0]))? else {
            return Ok(Value::string(""));
        };
        let own = res_number(c);
        let wanted = level_arg(v.get(1), own - 1);
        if wanted == Some(own) || wanted == Some(-1) && v.get(1).is_none() {
            return Err(undocumented(name, "a resolution equal to the cell's"));
        }
        Ok(match resolution(wanted.filter(|&r| r < own), 0..=14) {
            Some(r) => c
                .parent(r)
                .map_or_else(|| Value::string(""), |p| Value::string(&p.to_string())),
            None => Value::string(""),
        })
    })
}

/// `(cell [, n])`: a dynamic array.
pub(in super::super) fn family_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    expect_string(args, 0)?;
    expect_integer(args, 1)?;
    Ok(ScalarType::Dynamic)
}

/// `geo_h3cell_children(cell [, resolution])`: resolution 1 to 15, default the next
/// finer, at most 5 below the cell's; null otherwise. **[U]** The cell's own resolution
/// is refused.
pub(in super::super) fn children(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(c) = cell(name, token(&v[0]))? else {
            return Ok(Value::Null);
        };
        let own = res_number(c);
        let wanted = level_arg(v.get(1), own + 1);
        if wanted == Some(own) {
            return Err(undocumented(name, "a resolution equal to the cell's"));
        }
        let wanted = wanted.filter(|&r| r > own && r - own <= 5);
        Ok(match resolution(wanted, 1..=15) {
            Some(r) => Value::Dynamic(tokens(c.children(r))),
            None => Value::Null,
        })
    })
}

/// The cells within grid distance `k`, grouped by distance; refused near a pentagon.
fn disk(function: &str, c: CellIndex, k: u32) -> Result<Vec<Vec<CellIndex>>, EvalError> {
    let Some(cells) = c.grid_disk_distances_fast(k).collect::<Option<Vec<_>>>() else {
        return Err(undocumented(function, "a cell whose rings meet a pentagon"));
    };
    let mut rings = vec![Vec::new(); k as usize + 1];
    for (cell, d) in cells {
        if let Some(ring) = rings.get_mut(d as usize) {
            ring.push(cell);
        }
    }
    Ok(rings)
}

/// `geo_h3cell_neighbors(cell)`: null if invalid. **[U]** For a valid cell the order
/// of Kusto's array matches none of H3's traversals (conformance
/// geo-h3cell-neighbors-function-00 against `geo_h3cell_rings`' ring 1), and the docs
/// do not give it, so a valid cell is refused.
pub(in super::super) fn neighbors(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| match cell(name, token(&v[0]))? {
        Some(_) => Err(undocumented(name, "a valid cell (the neighbour order)")),
        None => Ok(Value::Null),
    })
}

/// `geo_h3cell_rings(cell, distance)`: distance 0 to 142; null if either is invalid.
pub(in super::super) fn rings(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let k = v[1].as_i64().filter(|k| (0..=142).contains(k));
        let (Some(c), Some(k)) = (cell(name, token(&v[0]))?, k) else {
            return Ok(Value::Null);
        };
        let rings = disk(name, c, k as u32)?;
        Ok(Value::Dynamic(Dynamic::array(
            rings.into_iter().map(tokens).collect(),
        )))
    })
}

/// `geo_h3cell_to_central_point(cell)`: null if invalid.
pub(in super::super) fn to_central_point(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        Ok(match cell(name, token(&v[0]))? {
            Some(c) => {
                let ll = LatLng::from(c);
                point(ll.lng(), ll.lat())
            }
            None => Value::Null,
        })
    })
}

/// `geo_h3cell_to_polygon(cell)`: the cell's boundary in H3's vertex order, closed;
/// null if invalid.
pub(in super::super) fn to_polygon(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        let Some(c) = cell(name, token(&v[0]))? else {
            return Ok(Value::Null);
        };
        let vertices: Vec<(f64, f64)> =
            c.boundary().iter().map(|ll| (ll.lng(), ll.lat())).collect();
        let (lo, hi) = vertices
            .iter()
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(x, _)| {
                (lo.min(x), hi.max(x))
            });
        if hi - lo > 180.0 {
            return Err(undocumented(
                name,
                "a cell across the antimeridian or around a pole",
            ));
        }
        Ok(polygon(&vertices))
    })
}
