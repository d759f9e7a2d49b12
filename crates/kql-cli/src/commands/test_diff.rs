//! Result tables as text rows, and a readable diff between expected and actual.

use std::collections::BTreeMap;

use kql_eval::table::Table;
use miette::{IntoDiagnostic, Report, miette};

/// A result as text: the `Name:type` header and one vector of cells per row.
#[derive(Debug, PartialEq)]
pub struct Rows {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Rows {
    pub fn from_table(table: &Table) -> Rows {
        let (header, rows) = crate::render::cells(table);
        Rows { header, rows }
    }

    pub fn from_csv(text: &str) -> Result<Rows, Report> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header: Vec<String> = match records.next() {
            Some(r) => r.into_diagnostic()?.iter().map(String::from).collect(),
            None => return Err(miette!("the expected file is empty: it needs a header row")),
        };
        let mut rows = Vec::new();
        for (i, record) in records.enumerate() {
            let record = record.into_diagnostic()?;
            if record.len() != header.len() {
                return Err(miette!(
                    "line {}: {} cells, but the header has {}",
                    i + 2,
                    record.len(),
                    header.len()
                ));
            }
            rows.push(record.iter().map(String::from).collect());
        }
        Ok(Rows { header, rows })
    }

    pub fn to_csv(&self) -> Result<String, Report> {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        writer.write_record(&self.header).into_diagnostic()?;
        for row in &self.rows {
            writer.write_record(row).into_diagnostic()?;
        }
        String::from_utf8(writer.into_inner().map_err(|e| miette!("{e}"))?).into_diagnostic()
    }
}

/// `None` when equal; otherwise what differs: the header, the rows missing and extra
/// (as a multiset, unless `ordered`), and changed cells where a missing and an extra
/// row share their first cell.
pub fn diff(expected: &Rows, actual: &Rows, ordered: bool) -> Option<String> {
    let mut out = String::new();
    if expected.header != actual.header {
        out.push_str(&format!(
            "  columns differ:\n  - {}\n  + {}\n",
            expected.header.join(", "),
            actual.header.join(", ")
        ));
        return Some(out);
    }
    if ordered {
        if expected.rows == actual.rows {
            return None;
        }
        for (i, (e, a)) in expected.rows.iter().zip(&actual.rows).enumerate() {
            if e != a {
                out.push_str(&format!(
                    "  row {} differs (rows are ordered):\n  - {}\n  + {}\n",
                    i + 1,
                    e.join(" | "),
                    a.join(" | ")
                ));
                break;
            }
        }
        if expected.rows.len() != actual.rows.len() {
            out.push_str(&format!(
                "  expected {} rows, got {}\n",
                expected.rows.len(),
                actual.rows.len()
            ));
        }
        return Some(out);
    }
    let mut counts: BTreeMap<&Vec<String>, i64> = BTreeMap::new();
    for r in &expected.rows {
        *counts.entry(r).or_default() += 1;
    }
    for r in &actual.rows {
        *counts.entry(r).or_default() -= 1;
    }
    let missing: Vec<&Vec<String>> = counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .flat_map(|(r, n)| std::iter::repeat_n(*r, *n as usize))
        .collect();
    let extra: Vec<&Vec<String>> = counts
        .iter()
        .filter(|(_, n)| **n < 0)
        .flat_map(|(r, n)| std::iter::repeat_n(*r, (-*n) as usize))
        .collect();
    if missing.is_empty() && extra.is_empty() {
        return None;
    }
    let mut paired = vec![false; extra.len()];
    for m in &missing {
        let partner = extra
            .iter()
            .enumerate()
            .find(|(i, x)| !paired[*i] && x.first() == m.first());
        if let Some((i, x)) = partner {
            paired[i] = true;
            let changes: Vec<String> = expected
                .header
                .iter()
                .zip(m.iter().zip(x.iter()))
                .filter(|(_, (a, b))| a != b)
                .map(|(h, (a, b))| format!("{h}: {a:?} -> {b:?}"))
                .collect();
            out.push_str(&format!(
                "  ~ changed row {}: {}\n",
                m.first().map_or("", String::as_str),
                changes.join(", ")
            ));
        } else {
            out.push_str(&format!("  - missing: {}\n", m.join(" | ")));
        }
    }
    for (i, x) in extra.iter().enumerate() {
        if !paired[i] {
            out.push_str(&format!("  + extra:   {}\n", x.join(" | ")));
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(header: &[&str], rows: &[&[&str]]) -> Rows {
        Rows {
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|s| s.to_string()).collect())
                .collect(),
        }
    }

    #[test]
    fn multiset_comparison_ignores_order() {
        let e = rows(&["a:long"], &[&["1"], &["2"]]);
        let a = rows(&["a:long"], &[&["2"], &["1"]]);
        assert_eq!(diff(&e, &a, false), None);
        assert!(diff(&e, &a, true).is_some());
    }

    #[test]
    fn diff_names_missing_extra_and_changed_rows() {
        let e = rows(&["k:string", "n:long"], &[&["a", "1"], &["b", "2"]]);
        let a = rows(
            &["k:string", "n:long"],
            &[&["a", "1"], &["b", "3"], &["c", "4"]],
        );
        let d = diff(&e, &a, false).unwrap();
        assert!(d.contains("changed row b: n:long: \"2\" -> \"3\""), "{d}");
        assert!(d.contains("+ extra:   c | 4"), "{d}");
    }

    #[test]
    fn csv_round_trips_quotes_and_newlines() {
        let r = rows(
            &["s:string"],
            &[&["a,b"], &["line\nbreak"], &["say \"hi\""]],
        );
        assert_eq!(Rows::from_csv(&r.to_csv().unwrap()).unwrap(), r);
    }
}
