//! The pieces datetime formats are made of: a byte scanner, month and weekday names,
//! two-digit years, the time of day with AM/PM, and zones.
//!
//! ```text
//! Sat, 8 Nov 14 15:05:02 GMT
//! ^weekday   ^year  ^time  ^zone        (see datetime_parse for the whole formats)
//! ```

/// A cursor over ASCII bytes.
pub(super) struct Scanner<'a> {
    pub(super) s: &'a [u8],
    pub(super) pos: usize,
}

impl Scanner<'_> {
    pub(super) fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    pub(super) fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }

    pub(super) fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    pub(super) fn skip_ws(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// Between `min` and `max` ASCII digits: their value and count.
    pub(super) fn digits(&mut self, min: usize, max: usize) -> Option<(u32, usize)> {
        let start = self.pos;
        let mut value: u32 = 0;
        while self.pos - start < max {
            match self.peek() {
                Some(b) if b.is_ascii_digit() => {
                    value = value * 10 + u32::from(b - b'0');
                    self.pos += 1;
                }
                _ => break,
            }
        }
        let n = self.pos - start;
        if n < min {
            self.pos = start;
            return None;
        }
        Some((value, n))
    }

    /// A run of ASCII letters.
    pub(super) fn word(&mut self) -> &[u8] {
        let start = self.pos;
        while matches!(self.peek(), Some(b) if b.is_ascii_alphabetic()) {
            self.pos += 1;
        }
        &self.s[start..self.pos]
    }

    /// Skips `Sat, ` / `Saturday ` when present.
    pub(super) fn skip_weekday(&mut self) {
        let start = self.pos;
        let w = self.word();
        if weekday(w) {
            self.eat(b',');
            self.skip_ws();
        } else {
            self.pos = start;
        }
    }
}

/// `Sat` / `Saturday`, any case.
pub(super) fn weekday(w: &[u8]) -> bool {
    const DAYS: [&str; 7] = [
        "sunday",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
    ];
    let lower = w.to_ascii_lowercase();
    DAYS.iter()
        .any(|d| lower == d.as_bytes() || (lower.len() == 3 && d.as_bytes().starts_with(&lower)))
}

/// `Jan`..`Dec` or the full English name, any case.
pub(super) fn month_name(w: &[u8]) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let lower = w.to_ascii_lowercase();
    if lower == b"sept" {
        return Some(9);
    }
    let i = MONTHS.iter().position(|m| {
        let m = m.as_bytes();
        lower == m || (lower.len() == 3 && m.starts_with(&lower))
    })?;
    // position is 0..12, so the month number fits.
    Some(i as u32 + 1)
}

/// Expands a two-digit year the way .NET does (TwoDigitYearMax = 2049).
pub(super) fn full_year(value: u32, digits: usize) -> i64 {
    let y = i64::from(value);
    match digits {
        1 | 2 if y < 50 => 2000 + y,
        1 | 2 => 1900 + y,
        _ => y,
    }
}

/// The time of day and zone after a date: `HH:mm[:ss[.f]][ AM|PM][zone]`.
pub(super) struct TimeOfDay {
    pub(super) hour: u32,
    pub(super) minute: u32,
    pub(super) second: u32,
    pub(super) fraction: u32,
    pub(super) offset_minutes: i64,
}

pub(super) fn parse_time(sc: &mut Scanner<'_>) -> Option<TimeOfDay> {
    let (mut hour, _) = sc.digits(1, 2)?;
    if !sc.eat(b':') {
        return None;
    }
    let (minute, _) = sc.digits(2, 2)?;
    let (mut second, mut fraction) = (0, 0);
    if sc.eat(b':') {
        second = sc.digits(2, 2)?.0;
        if sc.eat(b'.') || sc.eat(b',') {
            fraction = parse_fraction(sc)?;
        }
    }
    let before_ws = sc.pos;
    sc.skip_ws();
    let w = sc.word();
    if w.eq_ignore_ascii_case(b"am") || w.eq_ignore_ascii_case(b"pm") {
        if hour == 0 || hour > 12 {
            return None;
        }
        let pm = w.eq_ignore_ascii_case(b"pm");
        hour = match (hour, pm) {
            (12, false) => 0,
            (12, true) => 12,
            (h, true) => h + 12,
            (h, false) => h,
        };
    } else {
        // Not a meridiem: the zone parser looks at it again.
        sc.pos = before_ws;
    }
    let offset_minutes = parse_zone(sc)?;
    Some(TimeOfDay {
        hour,
        minute,
        second,
        fraction,
        offset_minutes,
    })
}

/// 1+ digits after the decimal point, as ticks (digits past the 7th are truncated).
pub(super) fn parse_fraction(sc: &mut Scanner<'_>) -> Option<u32> {
    let start = sc.pos;
    let mut ticks: u32 = 0;
    let mut n = 0;
    while let Some(b) = sc.peek() {
        if !b.is_ascii_digit() {
            break;
        }
        if n < 7 {
            ticks = ticks * 10 + u32::from(b - b'0');
        }
        n += 1;
        sc.pos += 1;
    }
    if sc.pos == start {
        return None;
    }
    for _ in n..7 {
        ticks *= 10;
    }
    Some(ticks)
}

/// An optional zone: `Z`, `GMT`, `UTC`, `UT`, a US zone name, `+HH:mm`, `+HHmm`, `+HH`.
/// Whitespace before it is allowed. Returns the offset from UTC in minutes.
pub(super) fn parse_zone(sc: &mut Scanner<'_>) -> Option<i64> {
    sc.skip_ws();
    if sc.at_end() {
        return Some(0);
    }
    let start = sc.pos;
    let w = sc.word().to_ascii_uppercase();
    let named = match w.as_slice() {
        b"Z" | b"GMT" | b"UTC" | b"UT" => Some(0),
        b"EST" | b"CDT" => Some(-5 * 60),
        b"EDT" => Some(-4 * 60),
        b"CST" | b"MDT" => Some(-6 * 60),
        b"MST" | b"PDT" => Some(-7 * 60),
        b"PST" => Some(-8 * 60),
        b"" => None,
        _ => return None,
    };
    if let Some(offset) = named {
        if sc.at_end() {
            return Some(offset);
        }
        if !matches!(sc.peek(), Some(b'+' | b'-')) {
            return None;
        }
    } else {
        sc.pos = start;
    }
    let sign = match sc.peek() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ => return None,
    };
    sc.pos += 1;
    let (hh, n) = sc.digits(1, 4)?;
    let (hours, minutes) = if n > 2 {
        (hh / 100, hh % 100)
    } else if sc.eat(b':') {
        (hh, sc.digits(2, 2)?.0)
    } else {
        (hh, 0)
    };
    if hours > 14 || minutes > 59 || !sc.at_end() {
        return None;
    }
    Some(sign * i64::from(hours * 60 + minutes))
}
