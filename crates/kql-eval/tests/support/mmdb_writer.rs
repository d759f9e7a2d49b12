//! A small MaxMind DB writer, so tests can make their own GeoIP City databases
//! (kql ships no location data, and tests read no network).
//!
//! It writes the format of the MaxMind DB File Format Specification 2.0: a binary
//! search tree over the 128 bits of an IPv6 address (IPv4 networks under `::/96`, as
//! MaxMind's own databases keep them), 32-bit records, a 16-byte separator, the data
//! section, and the metadata after `\xAB\xCD\xEFMaxMind.com`. Records have the
//! GeoIP2-City layout: `country.names.en`, `subdivisions[0].names.en`, `city.names.en`,
//! `location.latitude`/`longitude`.

#![allow(dead_code)]

use std::net::IpAddr;

/// One network and what the database says of it.
#[derive(Debug, Clone, Default)]
pub struct CityRecord {
    pub network: &'static str,
    pub country: Option<&'static str>,
    pub state: Option<&'static str>,
    pub city: Option<&'static str>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

#[derive(Clone, Copy)]
enum Record {
    Empty,
    Node(usize),
    Data(usize),
}

/// The bytes of a City database holding `records` (networks as `a.b.c.d/len` or
/// `v6::/len`; they must not overlap).
pub fn city_database(records: &[CityRecord]) -> Vec<u8> {
    let mut nodes: Vec<[Record; 2]> = vec![[Record::Empty, Record::Empty]];
    let mut data = Vec::new();
    for record in records {
        let (bits, len) = network_bits(record.network);
        let offset = data.len();
        encode_city(record, &mut data);
        insert(&mut nodes, bits, len, offset);
    }
    let count = nodes.len();
    let mut out = Vec::new();
    for node in &nodes {
        for record in node {
            let value = match *record {
                Record::Empty => count,
                Record::Node(i) => i,
                Record::Data(offset) => count + 16 + offset,
            };
            out.extend_from_slice(&(value as u32).to_be_bytes());
        }
    }
    out.extend_from_slice(&[0; 16]);
    out.extend_from_slice(&data);
    out.extend_from_slice(b"\xAB\xCD\xEFMaxMind.com");
    encode_metadata(count, &mut out);
    out
}

/// The network as 128 bits (IPv4 mapped under `::/96`) and its prefix length in them.
fn network_bits(network: &str) -> (u128, u32) {
    let (addr, len) = network.split_once('/').unwrap_or((network, ""));
    let ip: IpAddr = addr
        .parse()
        .unwrap_or_else(|_| panic!("bad network {network}"));
    match ip {
        IpAddr::V4(v4) => (
            u128::from(u32::from(v4)),
            96 + len.parse::<u32>().unwrap_or(32),
        ),
        IpAddr::V6(v6) => (u128::from(v6), len.parse::<u32>().unwrap_or(128)),
    }
}

fn insert(nodes: &mut Vec<[Record; 2]>, bits: u128, len: u32, offset: usize) {
    let mut node = 0;
    for depth in 0..len {
        let bit = ((bits >> (127 - depth)) & 1) as usize;
        if depth + 1 == len {
            nodes[node][bit] = Record::Data(offset);
            return;
        }
        node = match nodes[node][bit] {
            Record::Node(next) => next,
            Record::Empty => {
                nodes.push([Record::Empty, Record::Empty]);
                let next = nodes.len() - 1;
                nodes[node][bit] = Record::Node(next);
                next
            }
            Record::Data(_) => panic!("overlapping networks"),
        };
    }
}

/// Data section types (spec: "Output Data Section").
const STRING: u8 = 2;
const DOUBLE: u8 = 3;
const UINT16: u8 = 5;
const UINT32: u8 = 6;
const MAP: u8 = 7;
const UINT64: u8 = 9;
const ARRAY: u8 = 11;

fn control(ty: u8, size: usize, out: &mut Vec<u8>) {
    let (size_bits, extra): (u8, Vec<u8>) = if size < 29 {
        (size as u8, Vec::new())
    } else if size < 29 + 256 {
        (29, vec![(size - 29) as u8])
    } else {
        let s = (size - 285) as u16;
        (30, s.to_be_bytes().to_vec())
    };
    if ty <= 7 {
        out.push((ty << 5) | size_bits);
    } else {
        out.push(size_bits);
        out.push(ty - 7);
    }
    out.extend_from_slice(&extra);
}

fn string(s: &str, out: &mut Vec<u8>) {
    control(STRING, s.len(), out);
    out.extend_from_slice(s.as_bytes());
}

fn double(x: f64, out: &mut Vec<u8>) {
    control(DOUBLE, 8, out);
    out.extend_from_slice(&x.to_be_bytes());
}

fn unsigned(ty: u8, x: u64, out: &mut Vec<u8>) {
    let bytes = x.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count();
    control(ty, 8 - skip, out);
    out.extend_from_slice(&bytes[skip..]);
}

fn names(name: &str, out: &mut Vec<u8>) {
    control(MAP, 1, out);
    string("names", out);
    control(MAP, 1, out);
    string("en", out);
    string(name, out);
}

fn encode_city(r: &CityRecord, out: &mut Vec<u8>) {
    let has_location = r.latitude.is_some() || r.longitude.is_some();
    let pairs = [
        r.city.is_some(),
        r.country.is_some(),
        has_location,
        r.state.is_some(),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    control(MAP, pairs, out);
    if let Some(city) = r.city {
        string("city", out);
        names(city, out);
    }
    if let Some(country) = r.country {
        string("country", out);
        names(country, out);
    }
    if has_location {
        string("location", out);
        let n = usize::from(r.latitude.is_some()) + usize::from(r.longitude.is_some());
        control(MAP, n, out);
        if let Some(lat) = r.latitude {
            string("latitude", out);
            double(lat, out);
        }
        if let Some(lon) = r.longitude {
            string("longitude", out);
            double(lon, out);
        }
    }
    if let Some(state) = r.state {
        string("subdivisions", out);
        control(ARRAY, 1, out);
        names(state, out);
    }
}

fn encode_metadata(node_count: usize, out: &mut Vec<u8>) {
    control(MAP, 9, out);
    string("binary_format_major_version", out);
    unsigned(UINT16, 2, out);
    string("binary_format_minor_version", out);
    unsigned(UINT16, 0, out);
    string("build_epoch", out);
    unsigned(UINT64, 1_767_225_600, out);
    string("database_type", out);
    string("GeoLite2-City", out);
    string("description", out);
    control(MAP, 1, out);
    string("en", out);
    string("kql test database", out);
    string("ip_version", out);
    unsigned(UINT16, 6, out);
    string("languages", out);
    control(ARRAY, 1, out);
    string("en", out);
    string("node_count", out);
    unsigned(UINT32, node_count as u64, out);
    string("record_size", out);
    unsigned(UINT16, 32, out);
}
