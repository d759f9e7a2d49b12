//! S2 cells (q/geo-point-to-s2cell-function.md, q/geo-s2cell-to-central-point-function.md,
//! q/geo-s2cell-neighbors-function.md).
//!
//! ```kql
//! print geo_point_to_s2cell(-80.195829, 25.802215, 8)     // "88d9b"
//! print geo_s2cell_to_central_point("1234567")            // point 9.86830731850408, 27.468392925827604
//! print geo_point_to_s2cell(1, 1, 35)                     // "": invalid level
//! ```
//!
//! An S2 cell id is the cube face (3 bits), the cell's position along the Hilbert
//! curve on that face (2 bits per level), then a 1 bit; its token is the id in
//! lower-case hex without trailing zeros. Points map to faces by their largest
//! coordinate and to cells through S2's quadratic (u, v) to (s, t) projection. The
//! tables and projections follow the S2 library's definitions (s2geometry.io,
//! "S2 Cells").

use super::super::args::map_rows;
use super::super::{Datum, ScalarCall};
use super::{level, lon_lat, point, token, undocumented};
use crate::exec::EvalError;
use crate::value::Value;

const MAX_LEVEL: u32 = 30;
const LIMIT_IJ: u64 = 1 << MAX_LEVEL;
/// Hilbert position of each (i, j) quadrant, by orientation.
const IJ_TO_POS: [[u64; 4]; 4] = [[0, 1, 3, 2], [0, 3, 1, 2], [2, 3, 1, 0], [2, 1, 3, 0]];
/// The (i, j) quadrant of each Hilbert position, by orientation.
const POS_TO_IJ: [[u64; 4]; 4] = [[0, 1, 3, 2], [0, 2, 3, 1], [3, 2, 0, 1], [3, 1, 0, 2]];
/// How a sub-cell's orientation differs from its parent's, by position.
const POS_TO_ORIENTATION: [usize; 4] = [1, 0, 0, 3];

/// S2's quadratic projection from u to s.
fn uv_to_st(u: f64) -> f64 {
    if u >= 0.0 {
        0.5 * (1.0 + 3.0 * u).sqrt()
    } else {
        1.0 - 0.5 * (1.0 - 3.0 * u).sqrt()
    }
}

fn st_to_uv(s: f64) -> f64 {
    if s >= 0.5 {
        (4.0 * s * s - 1.0) / 3.0
    } else {
        (1.0 - 4.0 * (1.0 - s) * (1.0 - s)) / 3.0
    }
}

fn st_to_ij(s: f64) -> u64 {
    let x = (s * LIMIT_IJ as f64).floor();
    x.clamp(0.0, (LIMIT_IJ - 1) as f64) as u64
}

/// The cell id at `lvl` of a point in degrees.
fn cell_id(lon: f64, lat: f64, lvl: u32) -> u64 {
    let (phi, theta) = (lat.to_radians(), lon.to_radians());
    let (x, y, z) = (phi.cos() * theta.cos(), phi.cos() * theta.sin(), phi.sin());
    let (ax, ay, az) = (x.abs(), y.abs(), z.abs());
    let axis = if ax > ay {
        if ax > az { 0 } else { 2 }
    } else if ay > az {
        1
    } else {
        2
    };
    let negative = [x, y, z][axis] < 0.0;
    let face = axis + if negative { 3 } else { 0 };
    let (u, v) = match face {
        0 => (y / x, z / x),
        1 => (-x / y, z / y),
        2 => (-x / z, -y / z),
        3 => (z / x, y / x),
        4 => (z / y, -x / y),
        _ => (-y / z, -x / z),
    };
    let (i, j) = (st_to_ij(uv_to_st(u)), st_to_ij(uv_to_st(v)));
    let mut orientation = face & 1;
    let mut pos = 0u64;
    for k in (0..MAX_LEVEL).rev() {
        let ij = (((i >> k) & 1) << 1) | ((j >> k) & 1);
        let p = IJ_TO_POS[orientation][ij as usize];
        pos = (pos << 2) | p;
        orientation ^= POS_TO_ORIENTATION[p as usize];
    }
    let leaf = ((face as u64) << 61) | (pos << 1) | 1;
    let lsb = 1u64 << (2 * (MAX_LEVEL - lvl));
    (leaf & lsb.wrapping_neg()) | lsb
}

fn to_token(id: u64) -> String {
    let hex = format!("{id:016x}");
    hex.trim_end_matches('0').to_string()
}

/// A cell id from its token; `None` when it is not a valid cell. **[U]** Upper-case
/// hex digits are refused.
fn parse(function: &str, text: &str) -> Result<Option<u64>, EvalError> {
    if text.bytes().any(|b| matches!(b, b'A'..=b'F')) {
        return Err(undocumented(function, "an upper-case S2 token"));
    }
    if text.is_empty() || text.len() > 16 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Ok(prefix) = u64::from_str_radix(text, 16) else {
        return Ok(None);
    };
    let id = prefix << (4 * (16 - text.len()));
    let lsb = id & id.wrapping_neg();
    let valid = id != 0 && (id >> 61) < 6 && lsb & 0x1555_5555_5555_5555 != 0;
    Ok(valid.then_some(id))
}

/// The centre of a cell, in degrees `(lon, lat)`.
fn center(id: u64) -> (f64, f64) {
    let face = (id >> 61) as usize;
    let lsb = id & id.wrapping_neg();
    let size = 1u64 << (lsb.trailing_zeros() / 2);
    let mut orientation = face & 1;
    let (mut i, mut j) = (0u64, 0u64);
    for k in (0..MAX_LEVEL).rev() {
        let p = ((id >> (2 * k + 1)) & 3) as usize;
        let ij = POS_TO_IJ[orientation][p];
        i |= (ij >> 1) << k;
        j |= (ij & 1) << k;
        orientation ^= POS_TO_ORIENTATION[p];
    }
    i &= !(size - 1);
    j &= !(size - 1);
    let scale = (2 * LIMIT_IJ) as f64;
    let u = st_to_uv((2 * i + size) as f64 / scale);
    let v = st_to_uv((2 * j + size) as f64 / scale);
    let (x, y, z) = match face {
        0 => (1.0, u, v),
        1 => (-u, 1.0, v),
        2 => (-u, -v, 1.0),
        3 => (-1.0, -v, -u),
        4 => (v, -1.0, -u),
        _ => (v, u, -1.0),
    };
    (y.atan2(x).to_degrees(), z.atan2(x.hypot(y)).to_degrees())
}

/// `geo_point_to_s2cell(lon, lat [, level])`: level 0 to 30, default 11; invalid
/// input gives "" (the docs' "Returns" and examples).
pub(in super::super) fn point_to_cell(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let lvl = level(v.get(2), 11).filter(|l| (0..=i64::from(MAX_LEVEL)).contains(l));
        Ok(match (lon_lat(&v[0], &v[1]), lvl) {
            (Some((x, y)), Some(l)) => Value::string(&to_token(cell_id(x, y, l as u32))),
            _ => Value::string(""),
        })
    })
}

/// `geo_s2cell_to_central_point(token)`: null if the token is invalid.
pub(in super::super) fn to_central_point(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| {
        Ok(match parse(name, token(&v[0]))? {
            Some(id) => {
                let (x, y) = center(id);
                point(x, y)
            }
            None => Value::Null,
        })
    })
}

/// `geo_s2cell_neighbors(token)`: null if the token is invalid. **[U]** The order of
/// Kusto's neighbour array for a valid cell is not documented (and the docs' example
/// order differs from the engine's, conformance geo-s2cell-neighbors-function-00), so
/// a valid cell is refused.
pub(in super::super) fn neighbors(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| match parse(name, token(&v[0]))? {
        Some(_) => Err(undocumented(name, "a valid cell (the neighbour order)")),
        None => Ok(Value::Null),
    })
}
