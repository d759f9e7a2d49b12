//! `geo_info_from_ip_address()`: where an IP address is, from a MaxMind database given
//! to the run (`kql run --geoip FILE.mmdb`; see [`crate::geoip`]).
//!
//! ```kql
//! EmailEvents
//! | extend GeoInfo = geo_info_from_ip_address(SenderIPv4)
//! | summarize count() by Country = tostring(GeoInfo.country)
//! ```
//!
//! Without a database the call fails naming the flag: kql never guesses a location.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

use kql_parser::ast::ScalarType;

use super::args::map_rows;
use super::{ArgInfo, Datum, ScalarCall, ScalarFunction, TypeError, entry};
use crate::exec::EvalError;
use crate::value::{Dynamic, Value};

pub(super) static FUNCTIONS: &[ScalarFunction] = &[entry(
    "geo_info_from_ip_address",
    (1, 1),
    dynamic_of_string,
    geo_info_from_ip_address,
    "country, state, city, latitude and longitude of an IPv4/IPv6 address (needs --geoip FILE.mmdb)",
)];

fn dynamic_of_string(args: &[ArgInfo<'_>]) -> Result<ScalarType, TypeError> {
    match args[0].ty {
        ScalarType::String => Ok(ScalarType::Dynamic),
        t => Err(TypeError::arg(
            0,
            format!("expected an IP address as a string, not {t}"),
        )),
    }
}

fn geo_info_from_ip_address(call: &ScalarCall<'_>) -> Result<Datum, EvalError> {
    let Some(db) = call.ctx.geoip.as_deref() else {
        return Err(EvalError::NoGeoIpDatabase);
    };
    // Sender addresses repeat across rows: each distinct one is looked up once per call.
    let seen: RefCell<HashMap<Arc<str>, Dynamic>> = RefCell::default();
    map_rows(call, |v| {
        let Value::String(address) = &v[0] else {
            return Ok(Value::Dynamic(Dynamic::Null));
        };
        if let Some(found) = seen.borrow().get(address) {
            return Ok(Value::Dynamic(found.clone()));
        }
        let found = db
            .lookup(address)
            .map_err(|e| EvalError::invalid(e.to_string()))?
            .unwrap_or(Dynamic::Null);
        seen.borrow_mut().insert(address.clone(), found.clone());
        Ok(Value::Dynamic(found))
    })
}
