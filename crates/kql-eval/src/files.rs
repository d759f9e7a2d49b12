//! Tables backed by files: `--table Name=path` and `--data DIR` (which serves
//! `DIR/<Name>.jsonl`, `.json`, `.csv` or `.tsv` for each table a query reads), and
//! the local files standing in for `externaldata` URLs: `--external URL=FILE` and
//! `--external-dir DIR` (see [`external_cache_name`]).
//!
//! Schemas come from the catalog (built-in Defender tables, `--schema` files); a file
//! for a table the catalog does not know is loaded once, whole, with inferred types.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::bind::TableProvider;
use crate::exec::{EvalError, TableData};
use crate::load::{BadRows, LoadOptions, LoadProgress, load_table, load_table_counted};
use crate::schema::SchemaCatalog;
use crate::table::{Schema, Table};

/// File extensions `--data DIR` looks for, in order.
const EXTENSIONS: [&str; 5] = ["jsonl", "json", "csv", "tsv", "ndjson"];

/// Where each table's data lives, and the schemas to read it with.
#[derive(Debug, Default)]
pub struct FileTables {
    catalog: SchemaCatalog,
    files: BTreeMap<String, PathBuf>,
    data_dirs: Vec<PathBuf>,
    /// Serve catalog tables that have no file as empty tables.
    pub allow_empty_tables: bool,
    /// Tables whose schema was inferred: loaded whole, once.
    inferred: Mutex<HashMap<String, Arc<Table>>>,
    /// `--external URL=FILE`: the file standing in for an `externaldata` URL.
    external_files: BTreeMap<String, PathBuf>,
    /// `--external-dir DIR`: directories of downloaded `externaldata` files, named
    /// by [`external_cache_name`] (or the URL's last path segment).
    external_dirs: Vec<PathBuf>,
    /// `--bad-rows`: what to do with rows that do not fit, and the log of them.
    pub bad_rows: BadRows,
    /// Byte counters for a progress display (`kql run` on a terminal).
    pub progress: Option<Arc<LoadProgress>>,
    /// Tables read by more than one scan in this run: the union of their columns,
    /// loaded once (see [`TableData::prepare`]) and kept here.
    shared: Mutex<HashMap<String, SharedLoad>>,
    /// Time spent loading files (nanoseconds), for `kql run --stats`.
    load_nanos: AtomicU64,
}

/// A table several scans read: the columns to load for all of them, and the table once
/// loaded.
#[derive(Debug, Default)]
struct SharedLoad {
    columns: Vec<String>,
    table: Option<Arc<Table>>,
}

impl FileTables {
    pub fn new(catalog: SchemaCatalog) -> FileTables {
        FileTables {
            catalog,
            ..FileTables::default()
        }
    }

    /// The time spent loading files so far (part of a query's run time).
    pub fn load_time(&self) -> Duration {
        Duration::from_nanos(self.load_nanos.load(Ordering::Relaxed))
    }

    /// `--table Name=path`.
    pub fn add_file(&mut self, name: impl Into<String>, path: impl Into<PathBuf>) {
        self.files.insert(name.into(), path.into());
    }

    /// `--data DIR`.
    pub fn add_data_dir(&mut self, dir: impl Into<PathBuf>) {
        self.data_dirs.push(dir.into());
    }

    /// `--external URL=FILE`.
    pub fn add_external_file(&mut self, url: impl Into<String>, path: impl Into<PathBuf>) {
        self.external_files.insert(url.into(), path.into());
    }

    /// `--external-dir DIR`.
    pub fn add_external_dir(&mut self, dir: impl Into<PathBuf>) {
        self.external_dirs.push(dir.into());
    }

    /// The file holding table `name`, if any.
    pub fn file_for(&self, name: &str) -> Option<PathBuf> {
        if let Some(path) = self.files.get(name) {
            return Some(path.clone());
        }
        self.data_dirs.iter().find_map(|dir| {
            EXTENSIONS
                .iter()
                .map(|ext| dir.join(format!("{name}.{ext}")))
                .find(|p| p.is_file())
        })
    }

    fn inferred_table(&self, name: &str, path: &Path) -> Result<Arc<Table>, EvalError> {
        let mut cache = self
            .inferred
            .lock()
            .map_err(|_| EvalError::Internal("table cache poisoned".into()))?;
        if let Some(t) = cache.get(name) {
            return Ok(t.clone());
        }
        let opts = LoadOptions {
            bad_rows: self.bad_rows.clone(),
            ..LoadOptions::default()
        };
        let table = Arc::new(load_table(path, &opts)?);
        cache.insert(name.to_string(), table.clone());
        Ok(table)
    }
}

/// The file name `--external-dir` looks for first for an `externaldata` URL: the URL
/// without its scheme (`https://`), every character other than an ASCII letter, digit,
/// `.`, `-` or `_` replaced by `_`.
///
/// ```
/// use kql_eval::files::external_cache_name;
/// assert_eq!(
///     external_cache_name("https://www.spamhaus.org/drop/drop_v4.json"),
///     "www.spamhaus.org_drop_drop_v4.json"
/// );
/// ```
///
/// In a shell: `curl -o "DIR/$(printf %s "$URL" | sed -E 's#^[A-Za-z][A-Za-z0-9+.-]*://##; s#[^A-Za-z0-9._-]#_#g')" "$URL"`.
/// When that file is absent, the URL's last path segment (what `wget -P DIR URL`
/// saves) is tried.
pub fn external_cache_name(url: &str) -> String {
    let rest = match url.split_once("://") {
        Some((scheme, rest))
            if !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+.-".contains(c)) =>
        {
            rest
        }
        _ => url,
    };
    rest.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// The URL's last path segment (before `?` and `#`), when it is a usable file name.
fn last_segment(url: &str) -> Option<&str> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path.split_once("://").map_or(path, |(_, rest)| rest);
    let (_, last) = path.rsplit_once('/')?;
    (!last.is_empty() && last != "." && last != "..").then_some(last)
}

impl TableProvider for FileTables {
    fn column_alias(&self, name: &str) -> Option<&'static str> {
        self.catalog.column_alias(name)
    }

    fn table_schema(&self, name: &str) -> Option<Schema> {
        if let Some(schema) = self.catalog.get(name) {
            return Some(schema.clone());
        }
        let path = self.file_for(name)?;
        // An unknown table: its schema is whatever the file holds. A file that fails to
        // load is reported when the query runs.
        match self.inferred_table(name, &path) {
            Ok(t) => Some(t.schema().clone()),
            Err(_) => Some(Schema::default()),
        }
    }

    fn table_names(&self) -> Vec<String> {
        let mut names = self.data_table_names();
        names.extend(self.catalog.names().into_iter().map(String::from));
        names.sort();
        names.dedup();
        names
    }

    fn data_table_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.files.keys().cloned().collect();
        for dir in &self.data_dirs {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let known_ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| EXTENSIONS.contains(&e));
                if let (true, Some(stem)) = (known_ext, path.file_stem().and_then(|s| s.to_str())) {
                    names.push(stem.to_string());
                }
            }
        }
        names.sort();
        names.dedup();
        names
    }
}

impl FileTables {
    /// Loads `columns` of a catalog table's file.
    fn load_columns(
        &self,
        path: &Path,
        full_schema: &Schema,
        columns: Vec<String>,
    ) -> Result<Table, EvalError> {
        let opts = LoadOptions {
            schema: Some(full_schema.clone()),
            columns: Some(columns),
            bad_rows: self.bad_rows.clone(),
        };
        let format = crate::load::DataFormat::from_path(path);
        let start = Instant::now();
        let table = load_table_counted(path, format, &opts, self.progress.as_deref());
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.load_nanos.fetch_add(nanos, Ordering::Relaxed);
        Ok(table?)
    }

    /// For a table several scans read: the table with all their columns, loaded on the
    /// first request; `None` when the table is not shared or lacks a wanted column (a
    /// scan bound at run time), so the caller loads on its own.
    fn shared_load(
        &self,
        name: &str,
        path: &Path,
        full_schema: &Schema,
        wanted: &[String],
    ) -> Result<Option<Arc<Table>>, EvalError> {
        let mut shared = self
            .shared
            .lock()
            .map_err(|_| EvalError::Internal("table cache poisoned".into()))?;
        let Some(entry) = shared.get_mut(name) else {
            return Ok(None);
        };
        if !wanted.iter().all(|w| entry.columns.contains(w)) {
            return Ok(None);
        }
        if entry.table.is_none() {
            entry.table = Some(Arc::new(self.load_columns(
                path,
                full_schema,
                entry.columns.clone(),
            )?));
        }
        Ok(entry.table.clone())
    }
}

impl TableData for FileTables {
    fn prepare(&self, scans: &[(&str, &Schema, &[usize])]) {
        let Ok(mut shared) = self.shared.lock() else {
            return;
        };
        shared.clear();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for (name, _, _) in scans {
            *counts.entry(name).or_default() += 1;
        }
        for (name, schema, columns) in scans {
            if counts.get(name).copied().unwrap_or(0) < 2 || self.catalog.get(name).is_none() {
                continue;
            }
            let entry = shared.entry(name.to_string()).or_default();
            for &i in columns.iter() {
                if let Some(f) = schema.fields.get(i)
                    && !entry.columns.contains(&f.name)
                {
                    entry.columns.push(f.name.clone());
                }
            }
        }
    }

    fn external(&self, url: &str) -> Option<PathBuf> {
        if let Some(path) = self.external_files.get(url) {
            return Some(path.clone());
        }
        let cached = external_cache_name(url);
        let names = std::iter::once(cached.as_str()).chain(last_segment(url));
        let names: Vec<&str> = names.collect();
        self.external_dirs
            .iter()
            .find_map(|dir| names.iter().map(|n| dir.join(n)).find(|p| p.is_file()))
    }

    fn load(
        &self,
        name: &str,
        full_schema: &Schema,
        columns: &[usize],
    ) -> Result<Arc<Table>, EvalError> {
        let wanted: Vec<String> = columns
            .iter()
            .filter_map(|&i| full_schema.fields.get(i))
            .map(|f| f.name.clone())
            .collect();
        let Some(path) = self.file_for(name) else {
            if self.allow_empty_tables {
                return Ok(Arc::new(Table::empty(full_schema.clone()).select(columns)?));
            }
            return Err(EvalError::NoData {
                table: name.to_string(),
            });
        };
        let table = if self.catalog.get(name).is_some() {
            match self.shared_load(name, &path, full_schema, &wanted)? {
                Some(table) => table,
                None => Arc::new(self.load_columns(&path, full_schema, wanted.clone())?),
            }
        } else {
            self.inferred_table(name, &path)?
        };
        // The plan expects exactly the wanted columns, in order.
        let indexes: Option<Vec<usize>> =
            wanted.iter().map(|w| table.schema().index_of(w)).collect();
        let indexes = indexes.ok_or_else(|| {
            EvalError::Internal(format!("loaded `{name}` lacks a requested column"))
        })?;
        let rows = table.num_rows();
        let selected = table.select(&indexes)?;
        let (schema, cols, _) = selected.into_parts();
        Ok(Arc::new(Table::with_row_count(schema, cols, rows)?))
    }
}
