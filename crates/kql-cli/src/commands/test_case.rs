//! One `kql test` case: its manifest, running it, and comparing with the expected file.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use kql_eval::plan::{Plan, PlanKind};
use kql_eval::schema::{SchemaCatalog, SchemaVariant};
use kql_eval::table::Table;
use kql_eval::{FileTables, RunOptions};
use miette::{IntoDiagnostic, NamedSource, Report, WrapErr, miette};
use yaml_rust2::{Yaml, YamlLoader};

use super::test_diff::{Rows, diff};

/// A parsed `<case>.test.yaml`.
#[derive(Debug)]
pub struct Case {
    manifest: PathBuf,
    query: PathBuf,
    now: Option<i64>,
    data: Vec<PathBuf>,
    tables: Vec<(String, PathBuf)>,
    schemas: Vec<PathBuf>,
    variant: SchemaVariant,
    ordered: Option<bool>,
    expected: PathBuf,
    /// `geoip: GeoLite2-City.mmdb`: the database behind `geo_info_from_ip_address`.
    geoip: Option<PathBuf>,
}

/// What running a case gave.
pub enum CaseOutcome {
    Passed { rows: usize },
    Updated { rows: usize },
    Failed { diff: String },
}

impl Case {
    /// Reads a manifest.
    pub fn load(manifest: &Path) -> Result<Case, Report> {
        let text = std::fs::read_to_string(manifest)
            .into_diagnostic()
            .wrap_err_with(|| format!("reading {}", manifest.display()))?;
        let docs = YamlLoader::load_from_str(&text)
            .map_err(|e| miette!("{}: invalid YAML: {e}", manifest.display()))?;
        let doc = docs.into_iter().next().unwrap_or(Yaml::Null);
        let dir = manifest.parent().unwrap_or(Path::new("."));
        let rel = |s: &str| dir.join(s);
        let field = |key: &str| &doc[key];
        let query = field("query").as_str().ok_or_else(|| {
            miette!(
                help = "add `query: path/to/query.kql`",
                "{}: no `query:`",
                manifest.display()
            )
        })?;
        let now = match field("now").as_str() {
            Some(t) => Some(
                kql_eval::value::datetime_parse::parse_datetime(t).ok_or_else(|| {
                    miette!("{}: `now: {t}` is not a datetime", manifest.display())
                })?,
            ),
            None => None,
        };
        let strings = |y: &Yaml| -> Vec<String> {
            match y {
                Yaml::String(s) => vec![s.clone()],
                Yaml::Array(items) => items
                    .iter()
                    .filter_map(|i| i.as_str().map(String::from))
                    .collect(),
                _ => Vec::new(),
            }
        };
        let mut data: Vec<PathBuf> = strings(field("data")).iter().map(|s| rel(s)).collect();
        let tables: Vec<(String, PathBuf)> = match field("tables") {
            Yaml::Hash(h) => h
                .iter()
                .filter_map(|(k, v)| Some((k.as_str()?.to_string(), rel(v.as_str()?))))
                .collect(),
            _ => Vec::new(),
        };
        if data.is_empty() && tables.is_empty() {
            data.push(dir.to_path_buf());
        }
        let variant = match field("schema_variant").as_str() {
            Some(v) => SchemaVariant::from_name(v)
                .ok_or_else(|| miette!("{}: unknown schema_variant `{v}`", manifest.display()))?,
            None => SchemaVariant::AdvancedHunting,
        };
        let stem = manifest
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".test.yaml"))
            .unwrap_or("case");
        let expected = field("expected")
            .as_str()
            .map_or_else(|| rel(&format!("{stem}.expected.csv")), rel);
        Ok(Case {
            manifest: manifest.to_path_buf(),
            query: rel(query),
            now,
            data,
            tables,
            schemas: strings(field("schema")).iter().map(|s| rel(s)).collect(),
            variant,
            ordered: field("ordered").as_bool(),
            expected,
            geoip: field("geoip").as_str().map(rel),
        })
    }

    /// Runs the query and compares (or, with `update`, rewrites) the expected result.
    pub fn run(&self, update: bool) -> Result<CaseOutcome, Report> {
        let (table, query_orders) = self.execute()?;
        let ordered = self.ordered.unwrap_or(query_orders);
        let mut actual = Rows::from_table(&table);
        if !ordered {
            // Row order means nothing here: keep the file sorted so diffs stay small.
            actual.rows.sort();
        }
        if update {
            std::fs::write(&self.expected, actual.to_csv()?)
                .into_diagnostic()
                .wrap_err_with(|| format!("writing {}", self.expected.display()))?;
            return Ok(CaseOutcome::Updated {
                rows: actual.rows.len(),
            });
        }
        let text = std::fs::read_to_string(&self.expected)
            .into_diagnostic()
            .wrap_err_with(|| {
                format!(
                    "reading {} (create it with `kql test --update {}`)",
                    self.expected.display(),
                    self.manifest.display()
                )
            })?;
        let expected = Rows::from_csv(&text)
            .wrap_err_with(|| format!("reading {}", self.expected.display()))?;
        Ok(match diff(&expected, &actual, ordered) {
            None => CaseOutcome::Passed {
                rows: actual.rows.len(),
            },
            Some(diff) => CaseOutcome::Failed { diff },
        })
    }

    /// The last result of the query, and whether the query orders its rows.
    fn execute(&self) -> Result<(Arc<Table>, bool), Report> {
        let mut catalog = SchemaCatalog::builtin(self.variant);
        for s in &self.schemas {
            catalog
                .add_json_file(s)
                .wrap_err_with(|| format!("reading schema {}", s.display()))?;
        }
        let mut tables = FileTables::new(catalog);
        for dir in &self.data {
            tables.add_data_dir(dir);
        }
        for (name, path) in &self.tables {
            tables.add_file(name.clone(), path.clone());
        }
        let source = crate::source::read_query(&self.query)?;
        let named = || NamedSource::new(source.name.clone(), source.text.clone());
        let script = kql_parser::parse(&source.text)
            .map_err(|e| Report::new(e).with_source_code(named()))?;
        let bound = kql_eval::check(&script, &tables).map_err(|e| {
            e.into_iter()
                .next()
                .map_or_else(|| miette!("check failed"), Report::new)
                .with_source_code(named())
        })?;
        let options = RunOptions {
            now: self.now,
            geoip: super::run::geoip(self.geoip.as_deref())?,
            ..RunOptions::default()
        };
        let mut results = kql_eval::run(&bound, &tables, &options)
            .map_err(|e| Report::new(e).with_source_code(named()))?;
        let ordered = bound.queries.last().is_some_and(orders_rows);
        let table = results
            .pop()
            .ok_or_else(|| miette!("{} has no query statement", self.query.display()))?;
        Ok((table, ordered))
    }
}

/// Whether a plan's output order is defined: a sort, seen through operators that keep
/// order (kusto-semantics.md 4.17).
fn orders_rows(plan: &Plan) -> bool {
    match &plan.kind {
        PlanKind::Sort { .. } => true,
        PlanKind::Filter { input, .. }
        | PlanKind::Project { input, .. }
        | PlanKind::Take { input, .. } => orders_rows(input),
        _ => false,
    }
}
