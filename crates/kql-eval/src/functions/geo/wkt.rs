//! `geo_from_wkt(wkt)`: Well-known text to a GeoJSON shape
//! (learn.microsoft.com/kusto/query/geo-from-wkt-function).
//!
//! ```kql
//! print geo_from_wkt("POINT (1 2)")                     // {"type":"Point","coordinates":[1.0,2.0]}
//! print geo_from_wkt("LINESTRING (1 2, 3 4)")           // {"type":"LineString","coordinates":[[1.0,2.0],[3.0,4.0]]}
//! print geo_from_wkt("MULTIPOINT (1 1, 2 2, 3 3)")      // {"type":"MultiPoint","coordinates":[[1.0,1.0],...]}
//! ```
//!
//! The docs: "If the input WKT string is invalid or unsupported, the query produces a
//! null result", so text that is not WKT gives null. Coordinates are reals, as in
//! the conformance cases `geo-from-wkt-function-00..05`.
//!
//! **[U]** What the docs leave open is refused: `EMPTY` geometries, positions with
//! a third or fourth number (`Z`, `M`), coordinates outside [-180, 180] × [-90, 90],
//! polygon rings that are not closed or have fewer than four positions, and
//! `GEOMETRYCOLLECTION`.

use super::super::args::map_rows;
use super::super::{Datum, ScalarCall};
use super::{geometry, position, undocumented};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

/// `geo_from_wkt(wkt)`.
pub(in super::super) fn from_wkt(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    map_rows(call, |v| match v[0].as_str() {
        None => Ok(Value::Null),
        Some(text) => match parse(text) {
            Parsed::Shape(kind, coordinates) => Ok(geometry(kind, coordinates)),
            Parsed::Invalid => Ok(Value::Null),
            Parsed::Open(what) => Err(undocumented(name, what)),
        },
    })
}

/// The outcome of reading one WKT text.
enum Parsed {
    Shape(&'static str, Dynamic),
    /// Not WKT: null.
    Invalid,
    /// WKT whose Kusto result is undocumented: refused.
    Open(&'static str),
}

/// Reads a whole WKT text.
fn parse(text: &str) -> Parsed {
    let mut reader = Reader {
        text: text.as_bytes(),
        at: 0,
    };
    let result = reader.geometry();
    match result {
        Ok(shape) if reader.at_end() => Parsed::Shape(shape.0, shape.1),
        Ok(_) => Parsed::Invalid,
        Err(Stop::Invalid) => Parsed::Invalid,
        Err(Stop::Open(what)) => Parsed::Open(what),
    }
}

/// Why reading stopped.
enum Stop {
    Invalid,
    Open(&'static str),
}

type Read<T> = Result<T, Stop>;

/// A cursor over the WKT text.
struct Reader<'a> {
    text: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn skip_space(&mut self) {
        while self.text.get(self.at).is_some_and(u8::is_ascii_whitespace) {
            self.at += 1;
        }
    }

    fn at_end(&mut self) -> bool {
        self.skip_space();
        self.at == self.text.len()
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.text.get(self.at).copied()
    }

    fn expect(&mut self, byte: u8) -> Read<()> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Stop::Invalid)
        }
    }

    /// A keyword of letters, upper-cased.
    fn word(&mut self) -> String {
        self.skip_space();
        let start = self.at;
        while self.text.get(self.at).is_some_and(u8::is_ascii_alphabetic) {
            self.at += 1;
        }
        String::from_utf8_lossy(&self.text[start..self.at]).to_ascii_uppercase()
    }

    /// `POINT (…)`, `LINESTRING (…)`, … with its GeoJSON type name.
    fn geometry(&mut self) -> Read<(&'static str, Dynamic)> {
        let tag = self.word();
        let (kind, depth): (&'static str, usize) = match tag.as_str() {
            "POINT" => ("Point", 0),
            "LINESTRING" => ("LineString", 1),
            "POLYGON" => ("Polygon", 2),
            "MULTIPOINT" => ("MultiPoint", 1),
            "MULTILINESTRING" => ("MultiLineString", 2),
            "MULTIPOLYGON" => ("MultiPolygon", 3),
            "GEOMETRYCOLLECTION" => return Err(Stop::Open("a GEOMETRYCOLLECTION")),
            _ => return Err(Stop::Invalid),
        };
        match self.peek() {
            Some(b'(') => {}
            Some(b) if b.is_ascii_alphabetic() => {
                return match self.word().as_str() {
                    "EMPTY" => Err(Stop::Open("an EMPTY geometry")),
                    "Z" | "M" | "ZM" => Err(Stop::Open("a Z or M geometry")),
                    _ => Err(Stop::Invalid),
                };
            }
            _ => return Err(Stop::Invalid),
        }
        let coordinates = match kind {
            "Point" => {
                self.expect(b'(')?;
                let p = self.position()?;
                self.expect(b')')?;
                p
            }
            "MultiPoint" => self.multipoint()?,
            "Polygon" => self.polygon()?,
            "MultiPolygon" => self.list(|r| r.polygon())?,
            _ => self.nested(depth)?,
        };
        Ok((kind, coordinates))
    }

    /// `( item, item, … )`.
    fn list(&mut self, mut item: impl FnMut(&mut Self) -> Read<Dynamic>) -> Read<Dynamic> {
        self.expect(b'(')?;
        let mut items = vec![item(self)?];
        while self.peek() == Some(b',') {
            self.at += 1;
            items.push(item(self)?);
        }
        self.expect(b')')?;
        Ok(Dynamic::array(items))
    }

    /// Positions nested `depth` lists deep: 1 is `(x y, x y)`.
    fn nested(&mut self, depth: usize) -> Read<Dynamic> {
        if depth == 0 {
            self.position()
        } else {
            self.list(|r| r.nested(depth - 1))
        }
    }

    /// A polygon's rings, each closed with at least four positions.
    fn polygon(&mut self) -> Read<Dynamic> {
        let rings = self.list(|r| r.nested(1))?;
        for ring in rings.as_array().unwrap_or(&[]) {
            let points = ring.as_array().unwrap_or(&[]);
            if points.len() < 4 || points.first() != points.last() {
                return Err(Stop::Open("a polygon ring that is not closed or too short"));
            }
        }
        Ok(rings)
    }

    /// `MULTIPOINT (1 1, 2 2)` or `MULTIPOINT ((1 1), (2 2))`.
    fn multipoint(&mut self) -> Read<Dynamic> {
        self.list(|r| {
            if r.peek() == Some(b'(') {
                r.at += 1;
                let p = r.position()?;
                r.expect(b')')?;
                Ok(p)
            } else {
                r.position()
            }
        })
    }

    /// `x y` as `[x, y]`.
    fn position(&mut self) -> Read<Dynamic> {
        let x = self.number()?;
        let y = self.number()?;
        if matches!(self.peek(), Some(b) if b == b'-' || b == b'+' || b == b'.' || b.is_ascii_digit())
        {
            return Err(Stop::Open("a position with more than two numbers"));
        }
        if !((-180.0..=180.0).contains(&x) && (-90.0..=90.0).contains(&y)) {
            return Err(Stop::Open("a coordinate out of range"));
        }
        Ok(position(x, y))
    }

    /// A decimal number, optionally signed, with an optional exponent.
    fn number(&mut self) -> Read<f64> {
        self.skip_space();
        let start = self.at;
        let is_number_byte =
            |b: &u8| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E');
        while self.text.get(self.at).is_some_and(is_number_byte) {
            self.at += 1;
        }
        std::str::from_utf8(&self.text[start..self.at])
            .ok()
            .and_then(|s| s.parse::<f64>().ok())
            .filter(|x| x.is_finite())
            .ok_or(Stop::Invalid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Option<(&'static str, String)> {
        match parse(text) {
            Parsed::Shape(kind, c) => Some((kind, c.to_string())),
            _ => None,
        }
    }

    #[test]
    fn docs_examples() {
        // learn.microsoft.com/kusto/query/geo-from-wkt-function, "Examples".
        assert_eq!(shape("POINT (1 2)"), Some(("Point", "[1.0,2.0]".into())));
        assert_eq!(
            shape("LINESTRING (1 2, 3 4)"),
            Some(("LineString", "[[1.0,2.0],[3.0,4.0]]".into()))
        );
        assert_eq!(
            shape("POLYGON ((0 0, 2 0, 2 2, 0 0))"),
            Some((
                "Polygon",
                "[[[0.0,0.0],[2.0,0.0],[2.0,2.0],[0.0,0.0]]]".into()
            ))
        );
        assert_eq!(
            shape("MULTIPOINT (1 1, 2 2, 3 3)"),
            Some(("MultiPoint", "[[1.0,1.0],[2.0,2.0],[3.0,3.0]]".into()))
        );
        assert_eq!(
            shape("MULTILINESTRING ((1 1, 2 2, 3 3), (4 4, 5 5))"),
            Some((
                "MultiLineString",
                "[[[1.0,1.0],[2.0,2.0],[3.0,3.0]],[[4.0,4.0],[5.0,5.0]]]".into()
            ))
        );
        assert_eq!(
            shape("MULTIPOLYGON (((0 0, 2 0, 2 2, 0 0)),((10 10, 12 10, 12 12, 10 10)))"),
            Some((
                "MultiPolygon",
                "[[[[0.0,0.0],[2.0,0.0],[2.0,2.0],[0.0,0.0]]],[[[10.0,10.0],[12.0,10.0],[12.0,12.0],[10.0,10.0]]]]".into()
            ))
        );
    }

    #[test]
    fn invalid_text_is_null_and_open_cases_refused() {
        assert!(matches!(parse("POINT (1)"), Parsed::Invalid));
        assert!(matches!(parse("CIRCLE (1 2)"), Parsed::Invalid));
        assert!(matches!(parse("POINT (1 2) x"), Parsed::Invalid));
        assert!(matches!(parse(""), Parsed::Invalid));
        assert!(matches!(parse("POINT EMPTY"), Parsed::Open(_)));
        assert!(matches!(parse("POINT Z (1 2 3)"), Parsed::Open(_)));
        assert!(matches!(parse("POINT (1 2 3)"), Parsed::Open(_)));
        assert!(matches!(parse("POINT (200 2)"), Parsed::Open(_)));
    }
}
