//! The MaxMind database behind `geo_info_from_ip_address()`.
//!
//! Kusto answers the function from MaxMind's GeoLite2-City data (q/geo-info-from-ip-address-function.md:
//! "This function uses free GeoLite2-City data created by MaxMind"). kql reads no network
//! and ships no database, so a run is given one: `kql run --geoip GeoLite2-City.mmdb`
//! (or GeoIP2-City, or any database with the same record layout).
//!
//! ```kql
//! print ip_location = geo_info_from_ip_address('20.53.203.50')
//! // {"country": "Australia", "state": "New South Wales", "city": "Sydney",
//! //  "latitude": -33.8715, "longitude": 151.2006}
//! ```
//!
//! A record gives the English names of its country, its first (largest) subdivision and
//! its city, and its coordinates, under Kusto's keys and in Kusto's order. **[U]** A field
//! the record lacks is left out of the bag (so `tostring(GeoInfo.city)` is `""`), and an
//! address that is not valid or that the database has no record for gives `null`.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use maxminddb::{Reader, geoip2};

use crate::value::{Bag, Dynamic};

/// An open MaxMind database, read whole into memory.
pub struct GeoIpDatabase {
    reader: Reader<Vec<u8>>,
    path: PathBuf,
}

/// Why a database could not be opened or read.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum GeoIpError {
    #[error("cannot open the GeoIP database {path}: {reason}")]
    #[diagnostic(
        code(kql::geoip::open),
        help("pass a MaxMind database such as GeoLite2-City.mmdb (free from maxmind.com)")
    )]
    Open { path: String, reason: String },
    #[error("the GeoIP database {path} has a record kql cannot read: {reason}")]
    #[diagnostic(
        code(kql::geoip::record),
        help("geo_info_from_ip_address needs a City database (GeoLite2-City or GeoIP2-City)")
    )]
    Record { path: String, reason: String },
}

impl GeoIpDatabase {
    /// Opens the database at `path`.
    pub fn open(path: &Path) -> Result<GeoIpDatabase, GeoIpError> {
        let bytes = std::fs::read(path).map_err(|e| GeoIpError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        GeoIpDatabase::from_bytes(bytes, path)
    }

    /// A database from its bytes; `path` names it in messages.
    pub fn from_bytes(bytes: Vec<u8>, path: &Path) -> Result<GeoIpDatabase, GeoIpError> {
        let reader = Reader::from_source(bytes).map_err(|e| GeoIpError::Open {
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Ok(GeoIpDatabase {
            reader,
            path: path.to_path_buf(),
        })
    }

    /// The file this database came from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// `geo_info_from_ip_address(address)`: the location bag, or `None` (null) for an
    /// address that does not parse or has no record.
    pub fn lookup(&self, address: &str) -> Result<Option<Dynamic>, GeoIpError> {
        let Ok(ip) = address.parse::<IpAddr>() else {
            return Ok(None);
        };
        // An IPv6 address in an IPv4-only database, for one, is simply not found.
        let Ok(found) = self.reader.lookup(ip) else {
            return Ok(None);
        };
        let city = found
            .decode::<geoip2::City>()
            .map_err(|e| GeoIpError::Record {
                path: self.path.display().to_string(),
                reason: e.to_string(),
            })?;
        Ok(city.map(|c| Dynamic::Bag(Arc::new(location_bag(&c)))))
    }
}

/// Kusto's five keys, in its order, from a City record.
fn location_bag(record: &geoip2::City<'_>) -> Bag {
    let mut bag = Bag::new();
    let mut text = |key: &str, value: Option<&str>| {
        if let Some(v) = value {
            bag.insert(key.to_string(), Dynamic::String(Arc::from(v)));
        }
    };
    text("country", record.country.names.english);
    text(
        "state",
        record.subdivisions.first().and_then(|s| s.names.english),
    );
    text("city", record.city.names.english);
    if let Some(lat) = record.location.latitude {
        bag.insert("latitude".to_string(), Dynamic::Real(lat));
    }
    if let Some(lon) = record.location.longitude {
        bag.insert("longitude".to_string(), Dynamic::Real(lon));
    }
    bag
}

impl fmt::Debug for GeoIpDatabase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GeoIpDatabase")
            .field("path", &self.path)
            .field("database_type", &self.reader.metadata().database_type)
            .finish()
    }
}
