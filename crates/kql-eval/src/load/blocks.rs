//! Loading a large file on every core: the file is cut into blocks of whole lines,
//! each block is parsed on its own into a table of the wanted columns, and the parts
//! are appended in file order as they arrive.
//!
//! ```text
//! file   |---- block 0 ----|---- block 1 ----|---- block 2 ----|--
//! lines  ab\ncd\nef\ngh\nij\nkl\nmn\nop\nqr\n...
//!          block 1 owns every line that *starts* inside it: it reads on to the end of
//!          its last line, and leaves the line it starts in the middle of to block 0.
//! ```
//!
//! Only memory for the blocks being parsed (a few MiB each) and the columns built so
//! far is held: the file is never read whole. A block that cannot be parsed by the
//! fast path makes the whole load give up (`None`), and the caller reads the file
//! again sequentially, which reports errors with their exact place.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use crate::table::{Column, Table};

/// Bytes per block: 8 MiB, or `KQL_BLOCK_BYTES` (at least 64; tests use small
/// blocks to cut small files in many places).
pub(crate) fn block_bytes() -> u64 {
    std::env::var("KQL_BLOCK_BYTES")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(8 << 20, |n| n.max(64))
}

/// How far past a block's end a worker reads at a time to finish its last line.
const TAIL: usize = 64 << 10;

/// The number of threads to parse with: `KQL_THREADS` if set (1 = no parallelism),
/// else the machine's cores (at most 16).
pub(crate) fn threads() -> usize {
    std::env::var("KQL_THREADS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .filter(|n| *n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .min(16)
}

/// What a block is parsed with: its bytes (whole lines; `first` is block 0, which may
/// start with a header or a byte order mark) into a table, or `None` to give up.
pub(crate) type ParseBlock<'a> = dyn Fn(&[u8], bool) -> Option<Table> + Sync + 'a;

/// Parses the file at `path` (`len` bytes, from byte `start`) block by block on
/// [`threads`] threads, and appends the parts in order. `read` counts the bytes read.
/// `None` when a block gives up, the parts disagree on the schema, or the file cannot
/// be read (the sequential path then reports why).
pub(crate) fn load_blocks(
    path: &Path,
    start: u64,
    len: u64,
    read: &AtomicU64,
    parse: &ParseBlock<'_>,
) -> Option<Table> {
    let block = block_bytes();
    let blocks = usize::try_from(len.saturating_sub(start).div_ceil(block)).ok()?;
    let workers = threads().min(blocks).max(1);
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let (send, receive) = mpsc::channel::<(usize, Option<Table>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (next, failed) = (&next, &failed);
            scope.spawn(move || {
                let mut file = File::open(path).ok();
                let mut buf = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= blocks || failed.load(Ordering::Relaxed) {
                        return;
                    }
                    let part = file.as_mut().and_then(|f| {
                        let from = start + i as u64 * block;
                        let to = (from + block).min(len);
                        let body = read_block(f, &mut buf, from, to, i == 0).ok()?;
                        read.fetch_add(to - from, Ordering::Relaxed);
                        parse(body, i == 0)
                    });
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
        merge_in_order(&receive, &failed)
    })
}

/// Appends the parts as they arrive, in block order, until every sender is gone;
/// `None` when a part gave up, `failed` is set, or a block is missing.
pub(crate) fn merge_in_order(
    receive: &mpsc::Receiver<(usize, Option<Table>)>,
    failed: &AtomicBool,
) -> Option<Table> {
    let mut waiting: BTreeMap<usize, Table> = BTreeMap::new();
    let mut merged: Option<(crate::table::Schema, Vec<Column>, usize)> = None;
    let mut done = 0;
    while let Ok((i, part)) = receive.recv() {
        let Some(part) = part else {
            failed.store(true, Ordering::Relaxed);
            return None;
        };
        waiting.insert(i, part);
        while let Some(part) = waiting.remove(&done) {
            let (schema, columns, rows) = part.into_parts();
            match &mut merged {
                None => {
                    let owned = columns.into_iter().map(unwrap_column).collect();
                    merged = Some((schema, owned, rows));
                }
                Some((s, cols, total)) => {
                    if *s != schema || cols.len() != columns.len() {
                        failed.store(true, Ordering::Relaxed);
                        return None;
                    }
                    for (c, p) in cols.iter_mut().zip(&columns) {
                        if c.extend_from(p).is_err() {
                            // Stop the workers too: the sequential reader takes over.
                            failed.store(true, Ordering::Relaxed);
                            return None;
                        }
                    }
                    *total += rows;
                }
            }
            done += 1;
        }
    }
    if failed.load(Ordering::Relaxed) || !waiting.is_empty() {
        return None;
    }
    let (schema, columns, rows) = merged?;
    Table::with_row_count(schema, columns.into_iter().map(Arc::new).collect(), rows).ok()
}

fn unwrap_column(c: Arc<Column>) -> Column {
    Arc::try_unwrap(c).unwrap_or_else(|shared| (*shared).clone())
}

/// Reads the lines block `from..to` owns into `buf`: from the first line starting at
/// or after `from` (`first`: the file's first block, which starts at a line) to the
/// end of the line holding byte `to - 1`.
fn read_block<'b>(
    file: &mut File,
    buf: &'b mut Vec<u8>,
    from: u64,
    to: u64,
    first: bool,
) -> std::io::Result<&'b [u8]> {
    // One byte before the block tells whether a line starts at `from`.
    let begin = if first { from } else { from - 1 };
    let want = usize::try_from(to - begin).unwrap_or(usize::MAX);
    buf.clear();
    file.seek(SeekFrom::Start(begin))?;
    file.by_ref().take(want as u64).read_to_end(buf)?;
    let skip = if first {
        0
    } else {
        match memchr::memchr(b'\n', buf) {
            Some(j) => j + 1,
            None => buf.len(),
        }
    };
    if skip >= buf.len() {
        return Ok(&buf[..0]);
    }
    // Finish the last line.
    while buf.last() != Some(&b'\n') {
        let at = buf.len();
        let n = file.by_ref().take(TAIL as u64).read_to_end(buf)?;
        if n == 0 {
            break;
        }
        if let Some(j) = memchr::memchr(b'\n', &buf[at..]) {
            buf.truncate(at + j + 1);
            break;
        }
    }
    Ok(&buf[skip..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_own_the_lines_that_start_in_them() {
        let dir = std::env::temp_dir().join(format!("kql-blocks-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("lines.txt");
        let text = "aaaa\nbb\n\ncccccc\nd\n";
        std::fs::write(&path, text).unwrap();
        let mut f = File::open(&path).unwrap();
        let mut buf = Vec::new();
        let mut owned = String::new();
        // Blocks of 4 bytes: every line is read exactly once.
        for from in (0..text.len() as u64).step_by(4) {
            let to = (from + 4).min(text.len() as u64);
            let b = read_block(&mut f, &mut buf, from, to, from == 0).unwrap();
            owned.push_str(std::str::from_utf8(b).unwrap());
        }
        assert_eq!(owned, text);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
