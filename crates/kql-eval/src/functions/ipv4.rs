//! IPv4 functions over dotted-quad strings with optional `/prefix` (q/parse-ipv4-function.md,
//! q/ipv4-is-in-range-function.md, q/ipv4-compare-function.md, q/has-ipv4-function.md).
//!
//! ```kql
//! print parse_ipv4('192.168.1.1/24'), ipv4_is_in_range('192.168.1.1', '192.168.1.255/24')
//!       // 3232235776, true
//! print ipv4_is_in_any_range('192.168.1.6', '192.168.1.1/24', '10.0.0.1/8')   // true
//! print format_ipv4_mask('192.168.1.1', 24), ipv4_is_private('10.1.2.3')        // 192.168.1.0/24, true
//! print has_ipv4('05:04:54 127.0.0.1 GET /favicon.ico 404', '127.0.0.1')     // true
//! ```
//!
//! Addresses are four decimal octets. Text Kusto's parser might read differently from
//! kql (octets with leading zeros, all-digit strings of another shape, surrounding
//! spaces) is refused rather than guessed **[U]**.

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::ops::flatten_dynamic;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError};
use crate::exec::EvalError;
use crate::value::Value;

mod ranges;
use ranges::{compare, format, format_type, in_any_range, in_any_range_type, is_private};

mod text;
mod v6;

pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    ScalarFunction {
        name: "ipv6_compare",
        min_args: 2,
        max_args: 3,
        return_type: long_of_strings,
        eval: v6::compare,
        doc: "-1, 0 or 1 comparing two IPv6 (or IPv4) addresses under their combined prefix",
    },
    ScalarFunction {
        name: "ipv6_is_match",
        min_args: 2,
        max_args: 3,
        return_type: bool_of_strings,
        eval: v6::compare,
        doc: "whether two IPv6 (or IPv4) addresses are equal under their combined prefix",
    },
    ScalarFunction {
        name: "ipv6_is_in_range",
        min_args: 2,
        max_args: 2,
        return_type: bool_of_strings,
        eval: v6::in_any_range,
        doc: "whether an IPv6 address lies in an IP-prefix range",
    },
    ScalarFunction {
        name: "ipv6_is_in_any_range",
        min_args: 2,
        max_args: 64,
        return_type: in_any_range_type,
        eval: v6::in_any_range,
        doc: "whether an IPv6 address lies in any of the ranges (strings or a dynamic array)",
    },
    ScalarFunction {
        name: "parse_ipv4",
        min_args: 1,
        max_args: 1,
        return_type: long_of_string,
        eval: parse_ipv4,
        doc: "an IPv4 address (masked by its prefix) as a long",
    },
    ScalarFunction {
        name: "parse_ipv4_mask",
        min_args: 2,
        max_args: 2,
        return_type: long_of_string,
        eval: parse_ipv4,
        doc: "an IPv4 address masked by a prefix length, as a long",
    },
    ScalarFunction {
        name: "ipv4_netmask_suffix",
        min_args: 1,
        max_args: 1,
        return_type: long_of_string,
        eval: netmask_suffix,
        doc: "the prefix length of an IPv4 address (32 without one)",
    },
    ScalarFunction {
        name: "ipv4_compare",
        min_args: 2,
        max_args: 3,
        return_type: long_of_strings,
        eval: compare,
        doc: "-1, 0 or 1 comparing two IPv4 addresses under their combined prefix",
    },
    ScalarFunction {
        name: "ipv4_is_match",
        min_args: 2,
        max_args: 3,
        return_type: bool_of_strings,
        eval: compare,
        doc: "whether two IPv4 addresses are equal under their combined prefix",
    },
    ScalarFunction {
        name: "ipv4_is_in_range",
        min_args: 2,
        max_args: 2,
        return_type: bool_of_strings,
        eval: in_any_range,
        doc: "whether an IPv4 address lies in an IP-prefix range",
    },
    ScalarFunction {
        name: "ipv4_is_in_any_range",
        min_args: 2,
        max_args: 64,
        return_type: in_any_range_type,
        eval: in_any_range,
        doc: "whether an IPv4 address lies in any of the ranges (strings or a dynamic array)",
    },
    ScalarFunction {
        name: "ipv4_is_private",
        min_args: 1,
        max_args: 1,
        return_type: bool_of_strings,
        eval: is_private,
        doc: "whether an IPv4 address is in 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16",
    },
    ScalarFunction {
        name: "format_ipv4",
        min_args: 1,
        max_args: 2,
        return_type: format_type,
        eval: format,
        doc: "an IPv4 address (string or long) masked by a prefix, as text; \"\" if invalid",
    },
    ScalarFunction {
        name: "format_ipv4_mask",
        min_args: 2,
        max_args: 2,
        return_type: format_type,
        eval: format,
        doc: "an IPv4 address masked by a prefix, as text with /prefix; \"\" if invalid",
    },
    ScalarFunction {
        name: "has_ipv4",
        min_args: 2,
        max_args: 2,
        return_type: text::has_type,
        eval: text::has,
        doc: "whether a text holds an IPv4 address, delimited by non-alphanumerics",
    },
    ScalarFunction {
        name: "has_ipv4_prefix",
        min_args: 2,
        max_args: 2,
        return_type: text::has_type,
        eval: text::has,
        doc: "whether a text holds an IPv4 address starting with a prefix like '10.1.'",
    },
    ScalarFunction {
        name: "has_any_ipv4",
        min_args: 2,
        max_args: 64,
        return_type: text::has_type,
        eval: text::has,
        doc: "whether a text holds any of the IPv4 addresses",
    },
    ScalarFunction {
        name: "has_any_ipv4_prefix",
        min_args: 2,
        max_args: 64,
        return_type: text::has_type,
        eval: text::has,
        doc: "whether a text holds an IPv4 address starting with any of the prefixes",
    },
];

/// The four octets of `a.b.c.d`. `Ok(None)` when the text is not an address;
/// `Err` when it has a shape other parsers read differently (leading zeros).
fn parse_octets(s: &str) -> Result<Option<u32>, EvalError> {
    let parts: Vec<&str> = s.split('.').collect();
    let digits_only = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let ambiguous = || {
        EvalError::invalid(format!(
            "'{s}' is not a plain dotted-quad IPv4 address; how Kusto reads it is not documented"
        ))
    };
    if parts.len() != 4 {
        return if digits_only && !s.contains("..") && !s.starts_with('.') && !s.ends_with('.') {
            Err(ambiguous())
        } else {
            Ok(None)
        };
    }
    let mut value = 0u32;
    for p in parts {
        if p.is_empty() || p.len() > 3 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(None);
        }
        if p.len() > 1 && p.starts_with('0') {
            return Err(ambiguous());
        }
        let octet: u32 = p.parse().map_err(|_| ambiguous())?;
        if octet > 255 {
            return Ok(None);
        }
        value = value << 8 | octet;
    }
    Ok(Some(value))
}

/// An address and its prefix length (32 when none is given).
fn parse_ip(s: &str) -> Result<Option<(u32, u32)>, EvalError> {
    if s.trim() != s {
        return Err(EvalError::invalid(format!(
            "'{s}': how Kusto reads an IPv4 address with surrounding spaces is not documented"
        )));
    }
    let (addr, prefix) = match s.split_once('/') {
        None => (s, 32),
        Some((a, p)) if (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()) => {
            match p.parse::<u32>() {
                Ok(p) if p <= 32 => (a, p),
                _ => return Ok(None),
            }
        }
        Some(_) => return Ok(None),
    };
    Ok(parse_octets(addr)?.map(|a| (a, prefix)))
}

fn mask(prefix: u32) -> u32 {
    u32::MAX.checked_shl(32 - prefix).unwrap_or(0)
}

/// A prefix argument in 0..=32, `None` when null or out of range.
fn prefix_arg(v: &Value) -> Option<u32> {
    v.as_i64()
        .and_then(|p| u32::try_from(p).ok())
        .filter(|p| *p <= 32)
}

fn string_arg(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::String => Ok(()),
        t => Err(TypeError::arg(i, format!("expected a string, got {t}"))),
    }
}

fn integer_arg(args: &[ArgInfo<'_>], i: usize) -> Result<(), TypeError> {
    match args[i].ty {
        ScalarType::Int | ScalarType::Long => Ok(()),
        t => Err(TypeError::arg(
            i,
            format!("expected a prefix length (long), got {t}"),
        )),
    }
}

/// Strings, then an optional integer prefix.
fn strings_then_prefix(args: &[ArgInfo<'_>], strings: usize) -> Result<(), TypeError> {
    for i in 0..args.len() {
        if i < strings {
            string_arg(args, i)?;
        } else {
            integer_arg(args, i)?;
        }
    }
    Ok(())
}

/// `parse_ipv4(ip)`, `parse_ipv4_mask(ip, prefix)`, `ipv4_netmask_suffix(ip)`.
fn long_of_string(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    strings_then_prefix(args, 1)?;
    Ok(ScalarType::Long)
}

/// `ipv4_compare(ip1, ip2[, prefix])`.
fn long_of_strings(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    strings_then_prefix(args, 2)?;
    Ok(ScalarType::Long)
}

fn bool_of_strings(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    strings_then_prefix(args, 2)?;
    Ok(ScalarType::Bool)
}

fn parse_ipv4(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let extra = match v.get(1) {
            None => 32,
            Some(p) => match prefix_arg(p) {
                Some(p) => p,
                None => return Ok(Value::Null),
            },
        };
        Ok(match parse_ip(v[0].as_str().unwrap_or(""))? {
            Some((a, p)) => Value::Long(i64::from(a & mask(p.min(extra)))),
            None => Value::Null,
        })
    })
}

fn netmask_suffix(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        Ok(match parse_ip(v[0].as_str().unwrap_or(""))? {
            Some((_, p)) => Value::Long(i64::from(p)),
            None => Value::Null,
        })
    })
}

/// The texts of a list of string arguments or of one dynamic array.
fn text_list(values: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    for v in values {
        match v {
            Value::Dynamic(d) => {
                let mut items = Vec::new();
                flatten_dynamic(d, &mut items);
                out.extend(
                    items
                        .iter()
                        .filter(|x| !x.is_null())
                        .map(Value::to_kusto_string),
                );
            }
            other => out.push(other.to_kusto_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::math_functions::test_support::{row, try_eval};

    #[test]
    fn parse_and_compare() {
        // q/parse-ipv4-function.md, conformance ipv4-compare-function-00, ipv4-is-match-function-01
        assert_eq!(
            row(
                "print parse_ipv4('192.168.1.1'), parse_ipv4('192.168.1.1/24'), parse_ipv4('255.255.255.255/31'), parse_ipv4('nope'), parse_ipv4('1.2.3.256')"
            ),
            ["3232235777", "3232235776", "4294967294", "", ""]
        );
        assert_eq!(
            row(
                "print ipv4_compare('192.168.1.1/24', '192.168.1.255'), ipv4_compare('192.168.1.1', '192.168.1.2'), \
                 ipv4_is_match('192.168.1.1', '192.168.1.255', 24), ipv4_is_match('192.168.1.1', '192.168.1.0', 31), \
                 ipv4_netmask_suffix('10.0.0.0/8'), parse_ipv4_mask('192.168.1.255', 24)"
            ),
            ["0", "-1", "true", "true", "8", "3232235776"]
        );
        assert!(try_eval("print parse_ipv4('010.1.1.1')").is_err());
        assert!(try_eval("print ipv4_compare('10.0.0.1', 5)").is_err());
    }

    #[test]
    fn ranges_and_private() {
        // q/ipv4-is-in-range-function.md, q/ipv4-is-in-any-range-function.md,
        // q/ipv4-is-private-function.md
        assert_eq!(
            row(
                "print ipv4_is_in_range('192.168.1.1', '192.168.1.255/24'), ipv4_is_in_range('192.168.2.1', '192.168.1.255/24'), \
                 ipv4_is_in_any_range('192.168.1.6', '192.168.1.1/24', '10.0.0.1/8', '127.1.0.1/16'), \
                 ipv4_is_in_any_range('127.0.0.1', dynamic(['127.0.0.1', '192.168.1.1'])), ipv4_is_in_range('x', '10.0.0.0/8')"
            ),
            ["true", "false", "true", "true", ""]
        );
        assert_eq!(
            row(
                "print ipv4_is_private('192.168.1.1/24'), ipv4_is_private('10.1.2.3/24'), ipv4_is_private('202.1.2.3'), ipv4_is_private('127.0.0.1'), ipv4_is_private('172.32.0.1')"
            ),
            ["true", "true", "false", "false", "false"]
        );
    }

    #[test]
    fn formats() {
        // conformance format-ipv4-function-00
        assert_eq!(
            row(
                "print format_ipv4('192.168.1.1', 24), format_ipv4_mask('192.168.1.1/24', 32), format_ipv4('192.168.1.1/24', -1), format_ipv4(3232235777)"
            ),
            ["192.168.1.0", "192.168.1.0/24", "", "192.168.1.1"]
        );
    }

    #[test]
    fn text_search() {
        // q/has-ipv4-function.md, q/has-ipv4-prefix-function.md, conformance has-*-ipv4-*
        let t = "'05:04:54 127.0.0.1 GET /favicon.ico 404'";
        assert_eq!(
            row(&format!(
                "print has_ipv4({t}, '127.0.0.1'), has_ipv4({t}, '127.0.0.2'), has_ipv4_prefix({t}, '127.0.'), has_ipv4_prefix({t}, '127.0'), \
                 has_any_ipv4({t}, dynamic(['127.0.0.1', '127.0.0.2'])), has_any_ipv4_prefix({t}, '10.', '127.')"
            )),
            ["true", "false", "true", "false", "true", "true"]
        );
        assert_eq!(
            row(
                "print has_ipv4('05:04:54127.0.0.1 GET', '127.0.0.1'), has_ipv4('x 127.0.0.256 y', '127.0.0.256'), \
                 has_ipv4('from 10.1.1.1.', '10.1.1.1'), has_any_ipv4_prefix('05:04:54127.0.0.1 GET', '127.0.', '192.')"
            ),
            ["false", "false", "true", "false"]
        );
    }
}
