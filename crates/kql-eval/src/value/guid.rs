//! Kusto `guid` text. A guid is stored as the `u128` whose hexadecimal digits, most
//! significant first, are the digits of its text form, so formatting is exact.
//!
//! ```kql
//! print guid(74be27de-1e4e-49d9-b579-fe0b331d3642)   // 74be27de-1e4e-49d9-b579-fe0b331d3642
//! ```
//!
//! Parsing accepts the .NET `D` (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`), `N` (32 hex
//! digits), `B` (`{...}`) and `P` (`(...)`) forms in any case; formatting writes the
//! lowercase `D` form, as Kusto does (conformance: `01234567-89ab-cdef-0123-456789abcdef`).

/// Parses a guid, or `None`.
pub fn parse_guid(text: &str) -> Option<u128> {
    let s = text.trim();
    let inner = if let Some(b) = s.strip_prefix('{') {
        b.strip_suffix('}')?
    } else if let Some(p) = s.strip_prefix('(') {
        p.strip_suffix(')')?
    } else {
        s
    };
    let bytes = inner.as_bytes();
    let hyphenated = match bytes.len() {
        36 => true,
        32 => false,
        _ => return None,
    };
    let mut value: u128 = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if hyphenated && matches!(i, 8 | 13 | 18 | 23) {
            if b != b'-' {
                return None;
            }
            continue;
        }
        let digit = (b as char).to_digit(16)?;
        value = (value << 4) | u128::from(digit);
    }
    Some(value)
}

/// Appends the lowercase hyphenated form.
pub fn push_guid(out: &mut String, g: u128) {
    let hex = format!("{g:032x}");
    for (i, c) in hex.chars().enumerate() {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        out.push(c);
    }
}

/// The lowercase hyphenated form: `74be27de-1e4e-49d9-b579-fe0b331d3642`.
pub fn format_guid(g: u128) -> String {
    let mut s = String::with_capacity(36);
    push_guid(&mut s, g);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_dotnet_forms_parse_to_the_same_value() {
        let d = "01234567-89AB-cdef-0123-456789abcdef";
        let g = parse_guid(d).unwrap();
        assert_eq!(g, 0x0123_4567_89ab_cdef_0123_4567_89ab_cdef);
        assert_eq!(parse_guid("0123456789abcdef0123456789ABCDEF"), Some(g));
        assert_eq!(
            parse_guid("{01234567-89ab-cdef-0123-456789abcdef}"),
            Some(g)
        );
        assert_eq!(
            parse_guid("(01234567-89ab-cdef-0123-456789abcdef)"),
            Some(g)
        );
        // conformance: guid cells are lowercase hyphenated.
        assert_eq!(format_guid(g), "01234567-89ab-cdef-0123-456789abcdef");
        assert_eq!(format_guid(0), "00000000-0000-0000-0000-000000000000");
    }

    #[test]
    fn rejects_malformed() {
        for s in [
            "",
            "0123456789abcdef",
            "01234567-89ab-cdef-0123-456789abcdeg",
            "01234567+89ab-cdef-0123-456789abcdef",
            "{01234567-89ab-cdef-0123-456789abcdef",
            "01234567-89ab-cdef-0123-456789abcdé",
        ] {
            assert_eq!(parse_guid(s), None, "{s}");
        }
    }
}
