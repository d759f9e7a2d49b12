//! `geo_info_from_ip_address()` over a City database the test writes itself.
//!
//! The shape is Kusto's (q/geo-info-from-ip-address-function.md): a bag with `country`,
//! `state`, `city`, `latitude`, `longitude`, in that order, e.g.
//! `print ip_location=geo_info_from_ip_address('20.53.203.50')` gives
//! `{"country": "Australia", "state": "New South Wales", "city": "Sydney",
//! "latitude": -33.8715, "longitude": 151.2006}`. The conformance cases
//! `geo-info-from-ip-address-function-00`/`-01` show the same keys in the same order.

// Test code: a failing unwrap is a failing test (clippy exempts only `#[test]` bodies).
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/mmdb_writer.rs"]
mod mmdb_writer;

use std::path::Path;
use std::sync::Arc;

use kql_eval::geoip::GeoIpDatabase;
use kql_eval::{MemoryTables, RunOptions, check, run};
use mmdb_writer::{CityRecord, city_database};

fn database() -> GeoIpDatabase {
    let bytes = city_database(&[
        CityRecord {
            network: "20.53.192.0/18",
            country: Some("Australia"),
            state: Some("New South Wales"),
            city: Some("Sydney"),
            latitude: Some(-33.8715),
            longitude: Some(151.2006),
        },
        CityRecord {
            network: "2a03:2880::/29",
            country: Some("United States"),
            state: Some("Florida"),
            city: Some("Boca Raton"),
            latitude: Some(26.3594),
            longitude: Some(-80.0771),
        },
        // A country-level record: no subdivision, no city.
        CityRecord {
            network: "8.8.8.0/24",
            country: Some("United States"),
            latitude: Some(37.751),
            longitude: Some(-97.822),
            ..CityRecord::default()
        },
    ]);
    GeoIpDatabase::from_bytes(bytes, Path::new("test-city.mmdb")).unwrap()
}

fn eval(src: &str, geoip: Option<GeoIpDatabase>) -> Result<Vec<String>, String> {
    let script = kql_parser::parse(src).map_err(|e| e.to_string())?;
    let tables = MemoryTables::default();
    let bound = check(&script, &tables).map_err(|e| format!("{e:?}"))?;
    let options = RunOptions {
        geoip: geoip.map(Arc::new),
        ..RunOptions::default()
    };
    let out = run(&bound, &tables, &options).map_err(|e| e.to_string())?;
    let t = &out[0];
    Ok((0..t.num_rows())
        .map(|r| {
            t.row(r)
                .iter()
                .map(|v| v.to_kusto_string())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect())
}

#[test]
fn ipv4_and_ipv6_addresses_give_kustos_bag() {
    let rows = eval(
        "print a = geo_info_from_ip_address('20.53.203.50'),
               b = geo_info_from_ip_address('2a03:2880:f12c:83:face:b00c::25de')",
        Some(database()),
    )
    .unwrap();
    assert_eq!(
        rows,
        [concat!(
            r#"{"country":"Australia","state":"New South Wales","city":"Sydney","latitude":-33.8715,"longitude":151.2006}"#,
            "|",
            r#"{"country":"United States","state":"Florida","city":"Boca Raton","latitude":26.3594,"longitude":-80.0771}"#
        )]
    );
}

#[test]
fn fields_the_record_lacks_are_left_out() {
    let rows = eval(
        "print g = geo_info_from_ip_address('8.8.8.8')
         | extend City = tostring(g.city), Country = tostring(g.country)",
        Some(database()),
    )
    .unwrap();
    assert_eq!(
        rows,
        [r#"{"country":"United States","latitude":37.751,"longitude":-97.822}||United States"#]
    );
}

#[test]
fn unknown_invalid_and_empty_addresses_are_null() {
    let rows = eval(
        "datatable(ip:string) ['10.1.2.3', 'not an ip', '', '999.1.1.1']
         | extend g = geo_info_from_ip_address(ip) | project isnull(g)",
        Some(database()),
    )
    .unwrap();
    assert_eq!(rows, ["true", "true", "true", "true"]);
}

#[test]
fn a_run_without_a_database_fails_naming_the_flag() {
    let err = eval("print geo_info_from_ip_address('8.8.8.8')", None).unwrap_err();
    assert_eq!(
        err,
        "geo_info_from_ip_address() needs a GeoIP database, and none was given"
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let err = GeoIpDatabase::from_bytes(b"not a database".to_vec(), Path::new("x.mmdb"))
        .unwrap_err()
        .to_string();
    assert!(
        err.starts_with("cannot open the GeoIP database x.mmdb: "),
        "{err}"
    );
}
