//! Punycode (RFC 3492): `punycode_from_string`, `punycode_to_string`,
//! `punycode_domain_to_string` (encodes), `punycode_domain_from_string` (decodes).
//!
//! ```kql
//! print punycode_from_string('académie-française')           // "acadmie-franaise-npb1a"
//! print punycode_domain_to_string("Kaledvoulc'h.Artorījos.edu") // "Kaledvoulc'h.xn--Artorjos-ejb.edu"
//! print punycode_domain_from_string("xn--Lin-8na.Celtchair.org") // "Lúin.Celtchair.org"
//! ```
//!
//! Kusto encodes labels as they are, without IDNA mapping: case and spaces survive
//! (conformance `punycode-domain-to-string-function-00`), and the ideographic full stops
//! `。` and `｡` separate labels like `.`. A failure gives `""`.

use super::super::args::map_rows;
use super::super::string::string_arg;
use super::super::{Datum, ScalarCall};
use crate::exec::EvalError;
use crate::value::Value;

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta += delta / points;
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
}

fn threshold(k: u32, bias: u32) -> u32 {
    if k <= bias {
        T_MIN
    } else if k >= bias + T_MAX {
        T_MAX
    } else {
        k - bias
    }
}

fn digit(d: u32) -> char {
    // 0..25 are a..z, 26..35 are 0..9.
    char::from_digit(if d < 26 { d + 10 } else { d - 26 }, 36).unwrap_or('?')
}

/// RFC 3492 encoding; `None` on overflow.
pub(super) fn encode(input: &str) -> Option<String> {
    let points: Vec<u32> = input.chars().map(u32::from).collect();
    let mut out: String = input.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    let mut handled = basic;
    if basic > 0 {
        out.push('-');
    }
    let (mut n, mut delta, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    while (handled as usize) < points.len() {
        let m = points.iter().copied().filter(|&p| p >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &p in &points {
            if p < n {
                delta = delta.checked_add(1)?;
            }
            if p == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(out)
}

/// RFC 3492 decoding; `None` for invalid input.
pub(super) fn decode(input: &str) -> Option<String> {
    if !input.is_ascii() {
        return None;
    }
    let (basic, rest) = match input.rfind('-') {
        Some(i) => (&input[..i], &input[i + 1..]),
        None => ("", input),
    };
    let mut out: Vec<char> = basic.chars().collect();
    let (mut n, mut i, mut bias) = (INITIAL_N, 0u32, INITIAL_BIAS);
    let mut digits = rest.bytes();
    while digits.len() > 0 {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let d = match digits.next()? {
                c @ b'a'..=b'z' => u32::from(c - b'a'),
                c @ b'A'..=b'Z' => u32::from(c - b'A'),
                c @ b'0'..=b'9' => u32::from(c - b'0') + 26,
                _ => return None,
            };
            i = i.checked_add(d.checked_mul(w)?)?;
            let t = threshold(k, bias);
            if d < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k += BASE;
        }
        let len = out.len() as u32 + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        if n < INITIAL_N {
            return None;
        }
        i %= len;
        out.insert(i as usize, char::from_u32(n)?);
        i += 1;
    }
    Some(out.into_iter().collect())
}

fn failed_empty(function: &str, what: &str) -> EvalError {
    EvalError::invalid(format!(
        "{function}(): {what} is undocumented; kql refuses it"
    ))
}

fn bmp(s: &str) -> bool {
    s.chars().all(|c| (c as u32) < 0x1_0000)
}

/// `punycode_from_string(s)`: the whole string encoded, without `xn--`.
pub(super) fn from_string(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = string_arg(&v[0])?;
        if s.is_ascii() || !bmp(&s) {
            return Err(failed_empty(
                "punycode_from_string",
                "encoding all-ASCII or non-BMP text",
            ));
        }
        Ok(Value::String(encode(&s).unwrap_or_default().into()))
    })
}

/// `punycode_to_string(s)`: the whole string decoded.
pub(super) fn to_string(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = string_arg(&v[0])?;
        if s.is_empty() {
            return Err(failed_empty("punycode_to_string", "decoding \"\""));
        }
        Ok(Value::String(decode(&s).unwrap_or_default().into()))
    })
}

/// `punycode_domain_to_string(domain)`: every non-ASCII label becomes `xn--` + its
/// encoding; labels are separated by `.`, `。` or `｡` and joined with `.`.
pub(super) fn domain_encode(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = string_arg(&v[0])?;
        if !bmp(&s) || s.contains(['\u{FF0E}']) {
            return Err(failed_empty("punycode_domain_to_string", "this text"));
        }
        let mut labels = Vec::new();
        for label in s.split(['.', '\u{3002}', '\u{FF61}']) {
            if label.is_ascii() {
                labels.push(label.to_string());
            } else {
                match encode(label) {
                    Some(e) => labels.push(format!("xn--{e}")),
                    None => return Ok(Value::string("")),
                }
            }
        }
        Ok(Value::String(labels.join(".").into()))
    })
}

/// `punycode_domain_from_string(domain)`: every `xn--` label decoded.
pub(super) fn domain_decode(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    map_rows(call, |v| {
        let s = string_arg(&v[0])?;
        if !s.is_ascii() {
            return Err(failed_empty(
                "punycode_domain_from_string",
                "non-ASCII input",
            ));
        }
        let mut labels = Vec::new();
        for label in s.split('.') {
            if let Some(encoded) = label.strip_prefix("xn--") {
                if encoded.is_empty() {
                    return Err(failed_empty(
                        "punycode_domain_from_string",
                        "an empty xn-- label",
                    ));
                }
                match decode(encoded) {
                    Some(d) => labels.push(d),
                    None => return Ok(Value::string("")),
                }
            } else if label.len() >= 4 && label[..4].eq_ignore_ascii_case("xn--") {
                return Err(failed_empty(
                    "punycode_domain_from_string",
                    "an upper-case XN-- prefix",
                ));
            } else {
                labels.push(label.to_string());
            }
        }
        Ok(Value::String(labels.join(".").into()))
    })
}

#[cfg(test)]
mod tests {
    use super::super::super::string::test_util::eval;
    use super::*;

    #[test]
    fn rfc_examples() {
        // q/punycode-from-string-function.md, q/punycode-to-string-function.md.
        assert_eq!(
            encode("académie-française").as_deref(),
            Some("acadmie-franaise-npb1a")
        );
        assert_eq!(encode("艺术").as_deref(), Some("cqv902d"));
        assert_eq!(
            decode("acadmie-franaise-npb1a").as_deref(),
            Some("académie-française")
        );
        assert_eq!(decode("cqv902d").as_deref(), Some("艺术"));
        assert_eq!(decode("a!b"), None);
    }

    #[test]
    fn domains() {
        // conformance punycode-domain-to-string-function-00.
        let q = r#"datatable(domain:string )['Lê Lợi。Thuận Thiên。com', 'Riðill｡Skáldskaparmál｡org', "Kaledvoulc'h.Artorījos.edu"]
            | extend str=punycode_domain_to_string(domain)"#;
        let rows = eval(q).unwrap_or_default();
        let got: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
        assert_eq!(
            got,
            [
                "xn--L Li-gpa4517b.xn--Thun Thin-s4a7194f.com",
                "xn--Riill-jta.xn--Skldskaparml-dbbj.org",
                "Kaledvoulc'h.xn--Artorjos-ejb.edu"
            ]
        );
        // q/punycode-domain-from-string-function.md.
        let q = r#"datatable(encoded:string)["xn--Ge-mia.Bulg.edu", "xn--Lin-8na.Celtchair.org", "xn--Ry-lja8c.xn--Jng-uta63a.xn--Bng-9ka.com"]
            | extend domain=punycode_domain_from_string(encoded)"#;
        let rows = eval(q).unwrap_or_default();
        let got: Vec<&str> = rows[1..].iter().map(|r| r[1].as_str()).collect();
        assert_eq!(
            got,
            ["Gáe.Bulg.edu", "Lúin.Celtchair.org", "Rúyì.Jīngū.Bàng.com"]
        );
    }
}
