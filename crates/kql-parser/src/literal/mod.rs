//! Literal text decoding shared by the lexer, the parser and the evaluator: timespans,
//! datetimes, guids and string escapes.

pub(crate) mod datetime;
pub(crate) mod string;
pub(crate) mod timespan;

pub use datetime::{MAX_DATETIME_TICKS, format_datetime, parse_datetime};
pub use string::{decode_string, escape_string};
pub use timespan::{
    TICKS_PER_DAY, TICKS_PER_HOUR, TICKS_PER_MICROSECOND, TICKS_PER_MILLISECOND, TICKS_PER_MINUTE,
    TICKS_PER_SECOND, format_timespan, parse_timespan,
};

/// Parses a guid's text: `74be27de-1e4e-49d9-b579-fe0b331d3642` (or the 32 digits without
/// dashes). `Ok(None)` is `null`.
pub fn parse_guid(text: &str) -> Result<Option<u128>, String> {
    let text = text.trim();
    if text == "null" {
        return Ok(None);
    }
    let bad = || format!("`{text}` is not a guid (expected xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
    let groups: Vec<&str> = text.split('-').collect();
    let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
    if lens != [8, 4, 4, 4, 12] && lens != [32] {
        return Err(bad());
    }
    let mut value: u128 = 0;
    for c in groups.concat().chars() {
        value = (value << 4) | u128::from(c.to_digit(16).ok_or_else(bad)?);
    }
    Ok(Some(value))
}

/// The canonical text of a guid: lower-case hex, dashed 8-4-4-4-12.
pub fn format_guid(value: u128) -> String {
    let hex = format!("{value:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_round_trip() {
        let text = "74be27de-1e4e-49d9-b579-fe0b331d3642";
        let value = parse_guid(text).unwrap().unwrap();
        assert_eq!(format_guid(value), text);
        assert_eq!(
            parse_guid("74BE27DE1E4E49D9B579FE0B331D3642").unwrap(),
            Some(value)
        );
        assert!(parse_guid("xyz").is_err());
        assert_eq!(parse_guid("null"), Ok(None));
    }
}
