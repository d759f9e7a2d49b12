//! IPv6 comparisons: `ipv6_compare`, `ipv6_is_match`, `ipv6_is_in_range`,
//! `ipv6_is_in_any_range` (q/ipv6-compare-function.md, q/ipv6-is-in-range-function.md).
//! IPv4 text is compared as its mapped address `::ffff:a.b.c.d`, its prefix shifted
//! by 96 bits.
//!
//! ```kql
//! print ipv6_compare('fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127)   // 0
//! print ipv6_is_in_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd',
//!                        'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112')              // true
//! print ipv6_compare('192.168.1.1/24', '::ffff:c0a8:01ff', 127)                     // 0
//! ```

use std::net::Ipv6Addr;

use super::super::args::map_rows;
use super::super::{Datum, ScalarCall};
use super::{parse_ip, text_list};
use crate::exec::EvalError;
use crate::value::Value;

/// An address and its prefix length in bits (128 when none is given).
fn parse_ip6(s: &str) -> Result<Option<(u128, u32)>, EvalError> {
    if !s.contains(':') {
        return Ok(parse_ip(s)?.map(|(a, p)| (0xffff_0000_0000 | u128::from(a), p + 96)));
    }
    if s.contains('%') || s.trim() != s {
        return Err(EvalError::invalid(format!(
            "'{s}': how Kusto reads this IPv6 form is not documented"
        )));
    }
    let (addr, prefix) = match s.split_once('/') {
        None => (s, 128),
        Some((a, p)) if (1..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) => {
            match p.parse::<u32>() {
                Ok(p) if p <= 128 => (a, p),
                _ => return Ok(None),
            }
        }
        Some(_) => return Ok(None),
    };
    Ok(addr
        .parse::<Ipv6Addr>()
        .ok()
        .map(|a| (u128::from(a), prefix)))
}

fn mask6(prefix: u32) -> u128 {
    u128::MAX.checked_shl(128 - prefix).unwrap_or(0)
}

/// `ipv6_compare` and `ipv6_is_match`: the combined prefix is the smallest of the
/// arguments' own and the optional third argument (0 to 128).
pub(super) fn compare(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let is_match = call.function.name == "ipv6_is_match";
    map_rows(call, |v| {
        let extra = match v.get(2) {
            None => 128,
            Some(p) => match p
                .as_i64()
                .and_then(|p| u32::try_from(p).ok())
                .filter(|p| *p <= 128)
            {
                Some(p) => p,
                None => return Ok(Value::Null),
            },
        };
        let a = parse_ip6(v[0].as_str().unwrap_or(""))?;
        let b = parse_ip6(v[1].as_str().unwrap_or(""))?;
        let (Some((a, pa)), Some((b, pb))) = (a, b) else {
            return Ok(Value::Null);
        };
        let m = mask6(pa.min(pb).min(extra));
        let ord = (a & m).cmp(&(b & m));
        Ok(if is_match {
            Value::Bool(ord.is_eq())
        } else {
            Value::Long(ord as i64)
        })
    })
}

/// `ipv6_is_in_range` and `ipv6_is_in_any_range`; an unparsable range in a list is
/// refused, as for IPv4 **[U]**.
pub(super) fn in_any_range(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let single = call.function.name == "ipv6_is_in_range";
    map_rows(call, |v| {
        let ip = match &v[0] {
            Value::Dynamic(d) => d.as_str().map(str::to_string),
            other => other.as_str().map(str::to_string),
        };
        let Some((addr, own)) = parse_ip6(ip.as_deref().unwrap_or(""))? else {
            return Ok(Value::Null);
        };
        let addr = addr & mask6(own);
        let mut found = false;
        for range in text_list(&v[1..]) {
            let Some((net, p)) = parse_ip6(&range)? else {
                if single {
                    return Ok(Value::Null);
                }
                return Err(EvalError::invalid(format!(
                    "'{range}' is not an IPv6 range"
                )));
            };
            found |= addr & mask6(p) == net & mask6(p);
        }
        Ok(Value::Bool(found))
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::math_functions::test_support::row;

    #[test]
    fn doc_examples() {
        // conformance ipv6-compare-function-01, ipv6-is-in-range-function-00,
        // ipv6-is-in-any-range-function-00
        assert_eq!(
            row(
                "print ipv6_compare('fe80::85d:e82c:9446:7994', 'fe80::85d:e82c:9446:7995', 127), \
                 ipv6_compare('192.168.1.1/24', '::ffff:c0a8:01ff', 127), ipv6_compare('::192.168.1.1/30', '192.168.1.255/24', 127), \
                 ipv6_compare('fe80::1', 'fe80::2'), ipv6_is_match('192.168.1.1', '192.168.1.255', 24)"
            ),
            ["0", "0", "0", "-1", "true"]
        );
        assert_eq!(
            row(
                "print ipv6_is_in_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', 'a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112'), \
                 ipv6_is_in_range('a5e:f127:8a9d:146d:e102:b5d3:c755:abcd', '0:0:0:0:0:ffff:c0a8:ac/60'), \
                 ipv6_is_in_any_range('a5e:f127:8a9d:146d:e102:b5d3:c756:abd1', dynamic(['a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112', '0:0:0:0:0:ffff:c0a8:ac/60']))"
            ),
            ["true", "false", "false"]
        );
    }
}
