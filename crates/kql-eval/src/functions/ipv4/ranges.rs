//! IPv4 comparisons, ranges, private blocks and formatting (q/ipv4-compare-function.md,
//! q/ipv4-is-in-any-range-function.md, q/ipv4-is-private-function.md, q/format-ipv4-function.md).
//!
//! ```kql
//! print ipv4_is_in_range('192.168.1.1', '192.168.1.255/24'), format_ipv4_mask('192.168.1.1', 24)
//! ```

#[allow(unused_imports)]
use super::*;

pub(super) fn compare(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let is_match = call.function.name == "ipv4_is_match";
    map_rows(call, |v| {
        let extra = match v.get(2) {
            None => 32,
            Some(p) => match prefix_arg(p) {
                Some(p) => p,
                None => return Ok(Value::Null),
            },
        };
        let a = parse_ip(v[0].as_str().unwrap_or(""))?;
        let b = parse_ip(v[1].as_str().unwrap_or(""))?;
        let (Some((a, pa)), Some((b, pb))) = (a, b) else {
            return Ok(Value::Null);
        };
        let m = mask(pa.min(pb).min(extra));
        let ord = (a & m).cmp(&(b & m));
        Ok(if is_match {
            Value::Bool(ord.is_eq())
        } else {
            Value::Long(ord as i64)
        })
    })
}

pub(super) fn in_any_range_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if !matches!(args[0].ty, ScalarType::String | ScalarType::Dynamic) {
        return Err(TypeError::arg(
            0,
            format!("expected a string, got {}", args[0].ty),
        ));
    }
    if args.len() == 2 && args[1].ty == ScalarType::Dynamic {
        return Ok(ScalarType::Bool);
    }
    for i in 1..args.len() {
        string_arg(args, i)?;
    }
    Ok(ScalarType::Bool)
}

/// `ipv4_is_in_range` and `ipv4_is_in_any_range`. An unparsable range is refused:
/// whether Kusto then answers null or skips it is not documented **[U]**.
pub(super) fn in_any_range(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let ip = match &v[0] {
            Value::Dynamic(d) => d.as_str().map(str::to_string),
            other => other.as_str().map(str::to_string),
        };
        let Some((addr, own)) = parse_ip(ip.as_deref().unwrap_or(""))? else {
            return Ok(Value::Null);
        };
        let addr = addr & mask(own);
        let mut found = false;
        for range in text_list(&v[1..]) {
            let Some((net, p)) = parse_ip(&range)? else {
                if call.function.name == "ipv4_is_in_range" {
                    return Ok(Value::Null);
                }
                return Err(EvalError::invalid(format!(
                    "'{range}' is not an IPv4 range"
                )));
            };
            found |= addr & mask(p) == net & mask(p);
        }
        Ok(Value::Bool(found))
    })
}

/// The private blocks, as (network, prefix length).
pub(super) const PRIVATE: [(u32, u32); 3] =
    [(0x0A00_0000, 8), (0xAC10_0000, 12), (0xC0A8_0000, 16)];

/// A block wider than a private range that only partly overlaps one is refused:
/// Kusto's answer for it is not documented **[U]**.
pub(super) fn is_private(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let Some((addr, p)) = parse_ip(v[0].as_str().unwrap_or(""))? else {
            return Ok(Value::Null);
        };
        let (lo, hi) = (addr & mask(p), (addr & mask(p)) | !mask(p));
        let mut private = false;
        for (net, rp) in PRIVATE {
            let (rlo, rhi) = (net, net | !mask(rp));
            if lo >= rlo && hi <= rhi {
                private = true;
            } else if lo <= rhi && rlo <= hi {
                return Err(EvalError::invalid(format!(
                    "ipv4_is_private('{}'): a block overlapping a private range only in part",
                    v[0].to_kusto_string()
                )));
            }
        }
        Ok(Value::Bool(private))
    })
}

pub(super) fn format_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if !matches!(
        args[0].ty,
        ScalarType::String | ScalarType::Int | ScalarType::Long
    ) {
        return Err(TypeError::arg(
            0,
            format!("expected a string or long, got {}", args[0].ty),
        ));
    }
    if args.len() == 2 {
        integer_arg(args, 1)?;
    }
    Ok(ScalarType::String)
}

pub(super) fn format(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let with_mask = call.function.name == "format_ipv4_mask";
    map_rows(call, |v| {
        let extra = match v.get(1) {
            None => Some(32),
            Some(p) => prefix_arg(p),
        };
        let ip = match &v[0] {
            Value::String(s) => parse_ip(s)?,
            other => other
                .as_i64()
                .and_then(|n| u32::try_from(n).ok())
                .map(|n| (n, 32)),
        };
        let (Some((a, p)), Some(extra)) = (ip, extra) else {
            return Ok(Value::string(""));
        };
        let p = p.min(extra);
        let [w, x, y, z] = (a & mask(p)).to_be_bytes();
        Ok(Value::from(if with_mask {
            format!("{w}.{x}.{y}.{z}/{p}")
        } else {
            format!("{w}.{x}.{y}.{z}")
        }))
    })
}
