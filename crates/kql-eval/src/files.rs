//! Tables backed by files: `--table Name=path` and `--data DIR` (which serves
//! `DIR/<Name>.jsonl`, `.json`, `.csv` or `.tsv` for each table a query reads).
//!
//! Schemas come from the catalog (built-in Defender tables, `--schema` files); a file
//! for a table the catalog does not know is loaded once, whole, with inferred types.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::bind::TableProvider;
use crate::exec::{EvalError, TableData};
use crate::load::{LoadOptions, load_table};
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
}

impl FileTables {
    pub fn new(catalog: SchemaCatalog) -> FileTables {
        FileTables {
            catalog,
            ..FileTables::default()
        }
    }

    /// `--table Name=path`.
    pub fn add_file(&mut self, name: impl Into<String>, path: impl Into<PathBuf>) {
        self.files.insert(name.into(), path.into());
    }

    /// `--data DIR`.
    pub fn add_data_dir(&mut self, dir: impl Into<PathBuf>) {
        self.data_dirs.push(dir.into());
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
        let table = Arc::new(load_table(path, &LoadOptions::default())?);
        cache.insert(name.to_string(), table.clone());
        Ok(table)
    }
}

impl TableProvider for FileTables {
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
        let mut names: Vec<String> = self.catalog.names().into_iter().map(String::from).collect();
        names.extend(self.files.keys().cloned());
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

impl TableData for FileTables {
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
            let opts = LoadOptions {
                schema: Some(full_schema.clone()),
                columns: Some(wanted.clone()),
            };
            Arc::new(load_table(&path, &opts)?)
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
