//! CSV on every core. A reader thread reads the file in blocks and cuts each at the
//! last line end outside quotes; workers parse the blocks into tables of the wanted
//! columns; the parts are appended in file order ([`merge_in_order`]).
//!
//! ```csv
//! Timestamp,Subject,UrlCount
//! 2026-05-09T12:00:00Z,"RE: ""a"", b      <- the line end inside quotes is not a cut:
//! and more",3                                 an odd number of quotes precede it
//! ```
//!
//! Where a line end is outside quotes is told by the parity of the quotes before it,
//! which is exact for CSV as RFC 4180 writes it (a quote opens or closes a quoted
//! field, or is doubled inside one). A file where that is not so has a stray quote in
//! an unquoted field, and so a record with an odd number of quotes: a worker gives up
//! on such a record (and on any record whose width is not the header's), and the
//! whole load falls back to the sequential reader, as it does for
//! a value that does not convert, text that is not UTF-8, or an unclosed quote (an odd
//! number of quotes in the file).

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Mutex, mpsc};

use csv::{ByteRecord, ReaderBuilder};

use crate::table::Table;

use super::LoadOptions;
use super::assemble::Target;
use super::bad_rows::BadRowPolicy;
use super::blocks::{block_bytes, merge_in_order, threads};
use super::convert::Raw;
use super::csv::{check_header, header_names};
use super::error::Location;

/// Loads a CSV file of a known schema under `--bad-rows fail` on every core; `None`
/// when that does not apply or the sequential reader must read it.
pub(crate) fn load_csv_in_blocks(
    path: &Path,
    delimiter: u8,
    opts: &LoadOptions,
    read: &AtomicU64,
) -> Option<Table> {
    if opts.bad_rows.policy != BadRowPolicy::Fail || opts.schema.is_none() {
        return None;
    }
    let (names, start) = header(path, delimiter, opts)?;
    // One column: every line end would look like a possible cut; not worth it.
    if names.len() < 2 {
        return None;
    }
    let mut file = File::open(path).ok()?;
    file.seek(SeekFrom::Start(start)).ok()?;
    let workers = threads();
    let failed = AtomicBool::new(false);
    let (work, jobs) = mpsc::sync_channel::<(usize, Vec<u8>)>(workers);
    let jobs = Mutex::new(jobs);
    let (send, receive) = mpsc::channel::<(usize, Option<Table>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (jobs, failed, names) = (&jobs, &failed, &names);
            scope.spawn(move || {
                loop {
                    let job = match jobs.lock() {
                        Ok(rx) => rx.recv(),
                        Err(_) => return,
                    };
                    let Ok((i, body)) = job else { return };
                    let part = if failed.load(Ordering::Relaxed) {
                        None
                    } else {
                        parse_block(&body, delimiter, names, opts)
                    };
                    if part.is_none() {
                        failed.store(true, Ordering::Relaxed);
                    }
                    if send.send((i, part)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(send);
        let failed = &failed;
        scope.spawn(move || {
            if cut_blocks(&mut file, &work, read, failed).is_err() {
                failed.store(true, Ordering::Relaxed);
            }
        });
        merge_in_order(&receive, failed)
    })
}

/// The header's column names and the byte offset where the records start; `None`
/// for a header the sequential reader must report on.
fn header(path: &Path, delimiter: u8, opts: &LoadOptions) -> Option<(Vec<String>, u64)> {
    let mut reader = BufReader::new(File::open(path).ok()?);
    let mut bom = [0u8; 3];
    let n = reader.read(&mut bom).ok()?;
    let skip = if n == 3 && bom == *b"\xEF\xBB\xBF" {
        3
    } else {
        0
    };
    reader.seek(SeekFrom::Start(skip)).ok()?;
    let mut rdr = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(true)
        .from_reader(reader);
    let header = rdr.byte_headers().ok()?.clone();
    let nowhere = || Location {
        path: String::new(),
        line: 1,
        column: None,
    };
    let names = header_names(&header, |_| nowhere()).ok()?;
    check_header(&names, opts, nowhere).ok()?;
    let start = skip + rdr.position().byte();
    Some((names, start))
}

/// Reads the file from its position in blocks cut at record ends, and sends them to
/// the workers in order.
fn cut_blocks(
    file: &mut File,
    work: &mpsc::SyncSender<(usize, Vec<u8>)>,
    read: &AtomicU64,
    failed: &AtomicBool,
) -> std::io::Result<()> {
    // Bytes read per block (a block is cut back to its last record end).
    let block = block_bytes();
    let mut carry: Vec<u8> = Vec::new();
    let mut index = 0;
    loop {
        if failed.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Room for the whole block up front: growing the buffer would copy it.
        let mut buf = Vec::with_capacity(carry.len() + block as usize);
        buf.append(&mut carry);
        let before = buf.len();
        file.by_ref().take(block).read_to_end(&mut buf)?;
        read.fetch_add((buf.len() - before) as u64, Ordering::Relaxed);
        let at_end = ((buf.len() - before) as u64) < block;
        let quotes = count_quotes(&buf);
        if at_end {
            // An odd number of quotes: one is never closed (the sequential reader says
            // where).
            if !quotes.is_multiple_of(2) {
                failed.store(true, Ordering::Relaxed);
            } else if !buf.is_empty() {
                let _ = work.send((index, buf));
            }
            return Ok(());
        }
        match last_record_end(&buf, quotes) {
            Some(cut) => {
                carry = buf.split_off(cut);
                if work.send((index, buf)).is_err() {
                    return Ok(());
                }
                index += 1;
            }
            // A record longer than the block: read on.
            None => carry = buf,
        }
    }
}

/// The number of `"` in `buf`, 64 bytes at a time (a loop the compiler vectorizes).
fn count_quotes(buf: &[u8]) -> usize {
    let mut chunks = buf.chunks_exact(64);
    let mut n = 0;
    for chunk in &mut chunks {
        n += usize::from(chunk.iter().fold(0u8, |a, &b| a + u8::from(b == b'"')));
    }
    n + chunks.remainder().iter().filter(|b| **b == b'"').count()
}

/// The index after the last line end of `buf` with an even number of quotes before
/// it (`quotes` in all of `buf`).
fn last_record_end(buf: &[u8], quotes: usize) -> Option<usize> {
    let mut q = quotes;
    for (i, b) in buf.iter().enumerate().rev() {
        match b {
            b'"' => q -= 1,
            b'\n' if q.is_multiple_of(2) => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// The records of one block (no header), into a table of the wanted columns.
fn parse_block(body: &[u8], delimiter: u8, names: &[String], opts: &LoadOptions) -> Option<Table> {
    let mut rdr = ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(body);
    let mut asm = opts.assembler(Some(names), true);
    let targets: Vec<Target> = names.iter().map(|n| asm.resolve(n)).collect();
    let mut record = ByteRecord::new();
    let mut start = 0;
    while rdr.read_byte_record(&mut record).ok()? {
        // A record with an odd number of quotes holds a stray one (`5" x`), which flips
        // the parity the cut relies on: the block may have been cut inside a quoted
        // field, so the sequential reader takes over.
        let end = usize::try_from(rdr.position().byte()).ok()?;
        if !count_quotes(body.get(start..end)?).is_multiple_of(2) {
            return None;
        }
        start = end;
        if record.len() != names.len() {
            return None;
        }
        for (field, target) in record.iter().zip(&targets) {
            if let Target::Slot(slot) = *target {
                let text = std::str::from_utf8(field).ok()?;
                asm.push(slot, Raw::Text(text)).ok()?;
            }
        }
        asm.end_row();
    }
    asm.finish().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_quote_sends_the_block_to_the_sequential_reader() {
        let names: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        let opts = LoadOptions::default();
        // The stray `"` in `5" x` makes the line end inside `"p\nr,s,t"` look like a
        // cut; both halves would read as three fields each.
        assert!(parse_block(b"a,5\" x,b\nu,v,\"p\n", b',', &names, &opts).is_none());
        assert!(parse_block(b"r,s,t\"\n", b',', &names, &opts).is_none());
        let parsed = parse_block(b"x,\"y\"\"z\",w\n1,2,3\n", b',', &names, &opts);
        assert_eq!(parsed.map(|t| t.num_rows()), Some(2));
    }

    #[test]
    fn cuts_only_outside_quotes() {
        let text = b"a,\"x\ny\"\nb,\"\"\"q\"\"\"\nc,\"z\n";
        let quotes = count_quotes;
        assert_eq!(count_quotes(&[b'"'; 130]), 130);
        // The last line end is inside the open quote of `"z`: cut after the `b` record.
        let cut = last_record_end(text, quotes(text)).unwrap();
        assert_eq!(&text[cut..], b"c,\"z\n");
        // Inside `"x\ny"` there is no cut.
        let first = b"a,\"x\ny";
        assert_eq!(last_record_end(first, quotes(first)), None);
    }
}
