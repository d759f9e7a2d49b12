//! What happens to a row that does not fit its table (`kql run --bad-rows`), in one
//! place: the loaders report each problem here ([`Assembler::bad_cell`],
//! [`Assembler::bad_record`]) and never decide for themselves.
//!
//! * `fail` (the default): the load stops with the problem's [`LoadError`].
//! * `skip`: the row is dropped.
//! * `null`: the cell that does not convert is null (`""` in a string column) and the
//!   row is kept. A record that cannot be read at all (invalid JSON, a CSV record of the
//!   wrong width, a field given twice) has no cells to null: it is skipped, and
//!   reported as skipped.
//!
//! A JSON array (or API response) that is not valid JSON as a whole still fails under
//! every policy: where its records begin and end cannot be told. JSONL is read a line
//! at a time, so a broken line is skipped and the next one read.
//!
//! Nothing is lost silently: every skipped or nulled row is a [`BadRow`] in the
//! [`BadRowLog`] of the load's [`LoadOptions`](super::LoadOptions), which `kql run`
//! counts on stderr and writes with `--bad-rows-report FILE`.
//!
//! [`Assembler::bad_cell`]: super::assemble::Assembler::bad_cell
//! [`Assembler::bad_record`]: super::assemble::Assembler::bad_record

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::sync::{Arc, Mutex};

use super::error::{LoadError, Location};

/// What to do with a row that does not fit (`--bad-rows skip|null|fail`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum BadRowPolicy {
    /// Stop with an error naming the place (the default).
    #[default]
    Fail,
    /// Drop the row.
    Skip,
    /// Null the offending cells; a record that cannot be read is skipped.
    Null,
}

impl BadRowPolicy {
    /// `fail`, `skip` or `null`.
    pub fn from_name(name: &str) -> Option<BadRowPolicy> {
        match name {
            "fail" => Some(BadRowPolicy::Fail),
            "skip" => Some(BadRowPolicy::Skip),
            "null" => Some(BadRowPolicy::Null),
            _ => None,
        }
    }
}

/// What was done with a bad row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BadRowAction {
    Skipped,
    Nulled,
}

impl fmt::Display for BadRowAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BadRowAction::Skipped => "skipped",
            BadRowAction::Nulled => "nulled",
        })
    }
}

/// One row (or cell) that did not fit, and what was done with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// Where: file, line and column of the offending value or record.
    pub at: Location,
    /// The column whose value did not fit; `None` for a record that cannot be read.
    pub column: Option<String>,
    /// The offending value as shown in messages (quoted, shortened).
    pub value: Option<String>,
    /// Why, as the error under `--bad-rows fail` says it, without the place.
    pub reason: String,
    pub action: BadRowAction,
}

impl BadRow {
    /// The bad row for `error` (a [`LoadError`] that names a place).
    pub(crate) fn from_error(error: &LoadError, action: BadRowAction) -> Option<BadRow> {
        let (at, column, value) = match error {
            LoadError::BadValue {
                at, field, value, ..
            } => (at, Some(field.clone()), Some(value.clone())),
            LoadError::Utf8 { at, field } => (at, Some(field.clone()), None),
            LoadError::DuplicateField { at, field } => (at, Some(field.clone()), None),
            LoadError::JsonSyntax { at, .. } | LoadError::CsvSyntax { at, .. } => (at, None, None),
            _ => return None,
        };
        let text = error.to_string();
        let prefix = format!("{at}: ");
        let reason = text.strip_prefix(&prefix).unwrap_or(&text).to_string();
        Some(BadRow {
            at: at.clone(),
            column,
            value,
            reason,
            action,
        })
    }

    /// The report line: one JSON object.
    pub fn to_json(&self) -> String {
        serde_json::json!({
            "file": self.at.path,
            "line": self.at.line,
            "column": self.at.column,
            "field": self.column,
            "value": self.value,
            "reason": self.reason,
            "action": self.action.to_string(),
        })
        .to_string()
    }
}

/// The bad rows of a run, shared by every load (loads of one file for several scans
/// report a row once).
#[derive(Debug, Default)]
pub struct BadRowLog {
    rows: Mutex<Logged>,
}

/// The rows logged, and their places (file, line, column) to tell repeats.
#[derive(Debug, Default)]
struct Logged {
    list: Vec<BadRow>,
    seen: HashSet<(String, usize, Option<usize>)>,
}

impl BadRowLog {
    /// Adds rows, ignoring ones already logged at the same place.
    pub(crate) fn extend(&self, rows: Vec<BadRow>) {
        let Ok(mut guard) = self.rows.lock() else {
            return;
        };
        for row in rows {
            let key = (row.at.path.clone(), row.at.line, row.at.column);
            if guard.seen.insert(key) {
                guard.list.push(row);
            }
        }
    }

    /// Every bad row so far, in the order found.
    pub fn rows(&self) -> Vec<BadRow> {
        self.rows.lock().map(|g| g.list.clone()).unwrap_or_default()
    }

    /// One line per file and action: `kql: 3 bad rows in t.csv skipped (first at
    /// t.csv:12:5: field `N`: cannot convert "x" to long)`. Under `null`, records that
    /// could not be read (so had nothing to null) are counted apart, as skipped.
    pub fn summary(&self, policy: BadRowPolicy) -> Vec<String> {
        let rows = self.rows();
        let mut groups: BTreeMap<(String, BadRowAction, bool), Vec<&BadRow>> = BTreeMap::new();
        for row in &rows {
            let unreadable = policy == BadRowPolicy::Null && row.action == BadRowAction::Skipped;
            groups
                .entry((row.at.path.clone(), row.action, unreadable))
                .or_default()
                .push(row);
        }
        groups
            .into_iter()
            .map(|((path, action, unreadable), list)| {
                let n = list.len();
                let noun = if n == 1 { "bad row" } else { "bad rows" };
                let first = list[0];
                let why = if unreadable {
                    ": not readable as a record, so there was nothing to null"
                } else {
                    ""
                };
                format!(
                    "kql: {n} {noun} in {path} {action}{why} (first at {}: {})",
                    first.at, first.reason
                )
            })
            .collect()
    }
}

/// The policy and the log a load reports bad rows to.
#[derive(Debug, Clone, Default)]
pub struct BadRows {
    pub policy: BadRowPolicy,
    pub log: Arc<BadRowLog>,
}

impl BadRows {
    pub fn new(policy: BadRowPolicy) -> BadRows {
        BadRows {
            policy,
            log: Arc::default(),
        }
    }

    /// The stderr lines for the rows logged so far ([`BadRowLog::summary`]).
    pub fn summary(&self) -> Vec<String> {
        self.log.summary(self.policy)
    }
}

impl PartialEq for BadRows {
    fn eq(&self, other: &BadRows) -> bool {
        self.policy == other.policy && Arc::ptr_eq(&self.log, &other.log)
    }
}

impl Eq for BadRows {}

/// The rows one load found, and the rows of the table under construction to drop.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    pub(crate) policy: BadRowPolicy,
    pub(crate) found: Vec<BadRow>,
    /// Row indexes (in the assembler) to drop when the table is finished.
    pub(crate) dropped: Vec<usize>,
}

impl Pending {
    /// Decides about a bad cell of row `row`: `Err` under `fail`; otherwise logs it and
    /// says whether the cell is to be nulled (`true`) or the row dropped (`false`).
    pub(crate) fn cell(&mut self, error: LoadError, row: usize) -> Result<bool, LoadError> {
        let action = match self.policy {
            BadRowPolicy::Fail => return Err(error),
            BadRowPolicy::Skip => BadRowAction::Skipped,
            BadRowPolicy::Null => BadRowAction::Nulled,
        };
        // An error that names no place cannot be logged, so it is not passed over.
        let Some(bad) = BadRow::from_error(&error, action) else {
            return Err(error);
        };
        self.found.push(bad);
        if action == BadRowAction::Skipped {
            self.drop_row(row);
        }
        Ok(action == BadRowAction::Nulled)
    }

    /// A record that cannot be read: `Err` under `fail`, else logged as skipped.
    pub(crate) fn record(&mut self, error: LoadError) -> Result<(), LoadError> {
        if self.policy == BadRowPolicy::Fail {
            return Err(error);
        }
        let Some(bad) = BadRow::from_error(&error, BadRowAction::Skipped) else {
            return Err(error);
        };
        self.found.push(bad);
        Ok(())
    }

    /// Marks row `row` to be dropped (also used for a partly read record that is read
    /// again).
    pub(crate) fn drop_row(&mut self, row: usize) {
        if self.dropped.last() != Some(&row) {
            self.dropped.push(row);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use kql_parser::ast::ScalarType;

    fn bad_value(line: usize) -> LoadError {
        LoadError::BadValue {
            at: Location {
                path: "t.csv".into(),
                line,
                column: Some(3),
            },
            field: "N".into(),
            value: "\"x\"".into(),
            expected: ScalarType::Long,
            help: String::new(),
        }
    }

    #[test]
    fn the_policy_decides_and_every_row_is_logged_once() {
        assert_eq!(BadRowPolicy::from_name("skip"), Some(BadRowPolicy::Skip));
        assert_eq!(BadRowPolicy::from_name("drop"), None);
        let mut fail = Pending::default();
        assert!(fail.cell(bad_value(2), 0).is_err());
        let mut skip = Pending {
            policy: BadRowPolicy::Skip,
            ..Pending::default()
        };
        assert!(!skip.cell(bad_value(2), 0).unwrap());
        assert_eq!(skip.dropped, [0]);
        let mut null = Pending {
            policy: BadRowPolicy::Null,
            ..Pending::default()
        };
        assert!(null.cell(bad_value(3), 1).unwrap());
        assert!(null.dropped.is_empty());
        // An error that names no place is never passed over.
        let io = LoadError::Format {
            path: "t.csv".into(),
            message: "x".into(),
        };
        assert!(null.record(io).is_err());
        let log = BadRowLog::default();
        log.extend(skip.found.clone());
        log.extend(skip.found);
        log.extend(null.found);
        assert_eq!(log.rows().len(), 2);
        assert_eq!(
            log.summary(BadRowPolicy::Skip),
            [
                "kql: 1 bad row in t.csv skipped (first at t.csv:2:3: field `N`: cannot convert \"x\" to long)",
                "kql: 1 bad row in t.csv nulled (first at t.csv:3:3: field `N`: cannot convert \"x\" to long)",
            ]
        );
    }
}
