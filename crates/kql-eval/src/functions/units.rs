//! Unit conversions: `convert_angle`, `convert_energy`, `convert_force`,
//! `convert_mass`, `convert_volume` (learn.microsoft.com/kusto/query/convert-angle-function
//! and its siblings convert-energy-, convert-force-, convert-mass-, convert-volume-function).
//!
//! ```kql
//! print convert_angle(1.2, 'Degree', 'Arcminute')              // 72.0
//! print convert_energy(1.2, 'Joule', 'BritishThermalUnit')     // 0.00113738054437598
//! print convert_force(1.2, 'Newton', 'Decanewton')             // 0.12
//! print convert_mass(1.2, 'Kilogram', 'Pound')                 // 2.64554714621853
//! print convert_volume(1.2, 'CubicMeter', 'AcreFoot')          // 0.0009728568
//! ```
//!
//! A value goes to the quantity's base unit and from there to the target unit. Each
//! unit is `base = value * times / per`; the acre-foot's `per` of 0.000810714 is
//! what the docs' example `0.0009728568` (exactly 1.2 × 0.000810714) shows.
//! **[U]** Only units whose factor is an exact definition (SI prefixes, the
//! international pound, the IT British thermal unit, standard gravity) or is pinned
//! by a docs example are implemented; the other documented units, and names that are
//! not units (which Kusto turns into null), are refused: kql cannot tell them apart
//! without Kusto's full tables.

use std::f64::consts::PI;

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError, entry};
use crate::exec::EvalError;
use crate::value::Value;

#[rustfmt::skip]
pub(super) static FUNCTIONS: &[ScalarFunction] = &[
    entry("convert_angle", (3, 3), convert_type, convert, "convert_angle(value, from, to): an angle in another unit"),
    entry("convert_energy", (3, 3), convert_type, convert, "convert_energy(value, from, to): an energy in another unit"),
    entry("convert_force", (3, 3), convert_type, convert, "convert_force(value, from, to): a force in another unit"),
    entry("convert_mass", (3, 3), convert_type, convert, "convert_mass(value, from, to): a mass in another unit"),
    entry("convert_volume", (3, 3), convert_type, convert, "convert_volume(value, from, to): a volume in another unit"),
];

/// A unit: `base = value * times / per`.
struct Unit {
    name: &'static str,
    times: f64,
    per: f64,
}

const fn unit(name: &'static str, times: f64) -> Unit {
    Unit {
        name,
        times,
        per: 1.0,
    }
}

const RADIAN: f64 = 180.0 / PI;

/// Base unit: the degree.
const ANGLE: &[Unit] = &[
    unit("Arcminute", 1.0 / 60.0),
    unit("Arcsecond", 1.0 / 3600.0),
    unit("Centiradian", RADIAN * 1e-2),
    unit("Deciradian", RADIAN * 1e-1),
    unit("Degree", 1.0),
    unit("Gradian", 0.9),
    unit("Microdegree", 1e-6),
    unit("Microradian", RADIAN * 1e-6),
    unit("Millidegree", 1e-3),
    unit("Milliradian", RADIAN * 1e-3),
    unit("Nanodegree", 1e-9),
    unit("Nanoradian", RADIAN * 1e-9),
    unit("NatoMil", 360.0 / 6400.0),
    unit("Radian", RADIAN),
    unit("Revolution", 360.0),
];

/// Base unit: the joule. The British thermal unit is the International Table one,
/// 1055.05585262 J (the docs' example: 1.2 J is 0.00113738054437598 BTU).
const ENERGY: &[Unit] = &[
    unit("BritishThermalUnit", 1055.05585262),
    unit("KilobritishThermalUnit", 1055.05585262e3),
    unit("MegabritishThermalUnit", 1055.05585262e6),
    unit("GigabritishThermalUnit", 1055.05585262e9),
    unit("Erg", 1e-7),
    unit("Joule", 1.0),
    unit("Millijoule", 1e-3),
    unit("Kilojoule", 1e3),
    unit("Megajoule", 1e6),
    unit("Gigajoule", 1e9),
    unit("WattHour", 3600.0),
    unit("KilowattHour", 3600e3),
    unit("MegawattHour", 3600e6),
    unit("GigawattHour", 3600e9),
    unit("TerawattHour", 3600e12),
    unit("WattDay", 86400.0),
    unit("KilowattDay", 86400e3),
    unit("MegawattDay", 86400e6),
    unit("GigawattDay", 86400e9),
    unit("TerawattDay", 86400e12),
];

/// Base unit: the newton. Standard gravity is 9.80665 m/s².
const FORCE: &[Unit] = &[
    unit("Decanewton", 1e1),
    unit("Dyn", 1e-5),
    unit("KilogramForce", 9.80665),
    unit("KiloPond", 9.80665),
    unit("TonneForce", 9.80665e3),
    unit("Kilonewton", 1e3),
    unit("Meganewton", 1e6),
    unit("Micronewton", 1e-6),
    unit("Millinewton", 1e-3),
    unit("Newton", 1.0),
];

/// Base unit: the kilogram. The international pound is 0.45359237 kg (the docs'
/// example: 1.2 kg is 2.64554714621853 lb).
const MASS: &[Unit] = &[
    unit("Centigram", 1e-5),
    unit("Decagram", 1e-2),
    unit("Decigram", 1e-4),
    unit("Gram", 1e-3),
    unit("Hectogram", 1e-1),
    unit("Kilogram", 1.0),
    unit("Kilotonne", 1e6),
    unit("Megatonne", 1e9),
    unit("Microgram", 1e-9),
    unit("Milligram", 1e-6),
    unit("Nanogram", 1e-12),
    unit("Tonne", 1e3),
    unit("Pound", 0.45359237),
    unit("Kilopound", 0.45359237e3),
    unit("Megapound", 0.45359237e6),
    unit("Ounce", 0.45359237 / 16.0),
    unit("Stone", 0.45359237 * 14.0),
    unit("ShortTon", 0.45359237 * 2000.0),
    unit("LongTon", 0.45359237 * 2240.0),
    unit("ShortHundredweight", 0.45359237 * 100.0),
    unit("LongHundredweight", 0.45359237 * 112.0),
];

/// Base unit: the cubic metre.
const VOLUME: &[Unit] = &[
    Unit {
        name: "AcreFoot",
        times: 1.0,
        per: 0.000810714,
    },
    unit("CubicMeter", 1.0),
    unit("CubicKilometer", 1e9),
    unit("CubicDecimeter", 1e-3),
    unit("CubicCentimeter", 1e-6),
    unit("CubicMillimeter", 1e-9),
    unit("Liter", 1e-3),
    unit("Milliliter", 1e-6),
];

/// The units of the function's quantity.
fn units_of(function: &str) -> &'static [Unit] {
    match function {
        "convert_angle" => ANGLE,
        "convert_energy" => ENERGY,
        "convert_force" => FORCE,
        "convert_mass" => MASS,
        _ => VOLUME,
    }
}

fn convert_type(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    if !args[0].ty.is_numeric() {
        return Err(TypeError::arg(
            0,
            format!("expected a number, not {}", args[0].ty),
        ));
    }
    for i in 1..3 {
        if args[i].ty != ScalarType::String {
            return Err(TypeError::arg(
                i,
                format!("expected a unit name string, not {}", args[i].ty),
            ));
        }
    }
    Ok(ScalarType::Real)
}

fn find<'a>(units: &'a [Unit], function: &str, name: &str) -> Result<&'a Unit, EvalError> {
    units.iter().find(|u| u.name == name).ok_or_else(|| {
        EvalError::invalid(format!(
            "{function}(): the unit '{name}' is not one kql converts; it may be a unit whose \
             exact factor kql does not know, or not a unit (Kusto gives null), so kql refuses \
             rather than guess"
        ))
    })
}

/// `convert_*(value, from, to)`: null for a null value.
fn convert(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let name = call.function.name;
    let units = units_of(name);
    map_rows(call, |v| {
        let Some(x) = v[0].as_f64() else {
            return Ok(Value::Null);
        };
        let (Some(from), Some(to)) = (v[1].as_str(), v[2].as_str()) else {
            return Ok(Value::Null);
        };
        let (from, to) = (find(units, name, from)?, find(units, name, to)?);
        let base = x * from.times / from.per;
        Ok(Value::Real(base * to.per / to.times))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conv(units: &[Unit], x: f64, from: &str, to: &str) -> f64 {
        let (Ok(f), Ok(t)) = (find(units, "test", from), find(units, "test", to)) else {
            return f64::NAN;
        };
        x * f.times / f.per * t.per / t.times
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs()
    }

    #[test]
    fn docs_examples() {
        // The "Example" of each learn.microsoft.com/kusto/query/convert-*-function page.
        assert!(close(conv(ANGLE, 1.2, "Degree", "Arcminute"), 72.0));
        assert!(close(
            conv(ENERGY, 1.2, "Joule", "BritishThermalUnit"),
            0.0011373805443759806
        ));
        assert!(close(conv(FORCE, 1.2, "Newton", "Decanewton"), 0.12));
        assert!(close(
            conv(MASS, 1.2, "Kilogram", "Pound"),
            2.6455471462185307
        ));
        assert!(close(
            conv(VOLUME, 1.2, "CubicMeter", "AcreFoot"),
            0.0009728568
        ));
    }

    #[test]
    fn unknown_units_are_refused() {
        assert!(find(ANGLE, "convert_angle", "Tilt").is_err());
        assert!(find(MASS, "convert_mass", "kilogram").is_err());
    }
}
