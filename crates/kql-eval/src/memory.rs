//! Tables held in memory: for tests, and for callers that build tables themselves.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::bind::TableProvider;
use crate::exec::{EvalError, TableData};
use crate::table::{Schema, Table};

/// Named in-memory tables, usable both for checking (schemas) and running (data).
#[derive(Debug, Clone, Default)]
pub struct MemoryTables {
    tables: BTreeMap<String, Arc<Table>>,
}

impl MemoryTables {
    pub fn insert(&mut self, name: impl Into<String>, table: Table) {
        self.tables.insert(name.into(), Arc::new(table));
    }
}

impl TableProvider for MemoryTables {
    fn table_schema(&self, name: &str) -> Option<Schema> {
        self.tables.get(name).map(|t| t.schema().clone())
    }

    fn table_names(&self) -> Vec<String> {
        self.tables.keys().cloned().collect()
    }
}

impl TableData for MemoryTables {
    fn load(
        &self,
        name: &str,
        _full_schema: &Schema,
        columns: &[usize],
    ) -> Result<Arc<Table>, EvalError> {
        let table = self
            .tables
            .get(name)
            .ok_or_else(|| EvalError::invalid(format!("no data for table `{name}`")))?;
        Ok(Arc::new(table.select(columns)?))
    }
}
