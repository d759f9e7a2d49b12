//! Byte counters that loaders advance as they read, so a caller (the CLI's progress
//! bar) can show how far loading has come.

use std::io::{self, Read};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Loading progress, shared between the loader and whoever displays it.
#[derive(Debug, Default)]
pub struct LoadProgress {
    /// Bytes of every file started so far.
    pub bytes_total: AtomicU64,
    /// Bytes read so far.
    pub bytes_read: AtomicU64,
    /// The table being loaded.
    pub current: Mutex<String>,
}

impl LoadProgress {
    /// Announces a file of `bytes` bytes for table `name`.
    pub fn start(&self, name: &str, bytes: u64) {
        self.bytes_total.fetch_add(bytes, Ordering::Relaxed);
        if let Ok(mut current) = self.current.lock() {
            *current = name.to_string();
        }
    }

    /// `(read, total)` bytes.
    pub fn snapshot(&self) -> (u64, u64) {
        (
            self.bytes_read.load(Ordering::Relaxed),
            self.bytes_total.load(Ordering::Relaxed),
        )
    }

    /// The table being loaded.
    pub fn current(&self) -> String {
        self.current.lock().map(|c| c.clone()).unwrap_or_default()
    }
}

/// A reader that adds every byte it reads to a counter.
pub struct CountingReader<'a, R> {
    inner: R,
    counter: &'a AtomicU64,
}

impl<'a, R: Read> CountingReader<'a, R> {
    pub fn new(inner: R, counter: &'a AtomicU64) -> CountingReader<'a, R> {
        CountingReader { inner, counter }
    }
}

impl<R: Read> Read for CountingReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}
