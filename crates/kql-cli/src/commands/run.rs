//! `kql run`: parse, check and run a query over tables loaded from files.
//!
//! ```text
//! kql run --data testdata/seeds --now 2026-05-10T00:00:00Z queries/conversation_takeover.kql
//! kql run --table EmailEvents=export.csv --format csv rule.yaml
//! ```

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;
use kql_eval::format::OutputFormat;
use kql_eval::schema::{SchemaCatalog, SchemaVariant};
use kql_eval::table::Table;
use kql_eval::{FileTables, RunOptions};
use miette::{IntoDiagnostic, NamedSource, Report, WrapErr};

use crate::render;

/// Runs KQL queries over tables loaded from JSON, JSONL or CSV files.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  kql run --data testdata/seeds --now 2026-05-10T00:00:00Z queries/conversation_takeover.kql\n  kql run --table EmailEvents=export.csv --format csv rule.yaml"
)]
pub struct RunArgs {
    /// Query files (`.kql`, or a Sentinel rule `.yaml`/`.yml`); `-` reads standard input.
    #[arg(required = true, value_name = "QUERY_FILE")]
    pub queries: Vec<PathBuf>,
    /// A table's data: `Name=path.jsonl` (also .json, .csv, .tsv). Repeatable.
    #[arg(long = "table", value_name = "NAME=FILE")]
    pub tables: Vec<String>,
    /// A directory holding `<Table>.jsonl` / `.json` / `.csv` for the tables a query reads.
    #[arg(long = "data", value_name = "DIR")]
    pub data: Vec<PathBuf>,
    /// Custom table schemas (Azure-Sentinel `{"Name","Properties"}` JSON, a file or a directory).
    #[arg(long = "schema", value_name = "FILE")]
    pub schemas: Vec<PathBuf>,
    /// Built-in email table columns: `advanced-hunting` (Timestamp) or `sentinel` (TimeGenerated).
    #[arg(long, value_name = "VARIANT", default_value = "advanced-hunting")]
    pub schema_variant: String,
    /// Pin `now()` (RFC 3339, e.g. 2026-05-10T00:00:00Z) for reproducible runs.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Output format: table, csv, json, jsonl, kusto-json.
    #[arg(long, short = 'f', default_value = "table")]
    pub format: String,
    /// Treat built-in tables that have no data file as empty.
    #[arg(long)]
    pub allow_empty_tables: bool,
    /// The most rows any operator may produce.
    #[arg(long, value_name = "N", default_value_t = 100_000_000)]
    pub max_rows: u64,
}

/// Runs every query file; the results go to stdout.
pub fn run(args: &RunArgs) -> Result<(), Report> {
    let variant = SchemaVariant::from_name(&args.schema_variant).ok_or_else(|| {
        miette::miette!(
            "unknown --schema-variant `{}`: use advanced-hunting or sentinel",
            args.schema_variant
        )
    })?;
    let mut catalog = SchemaCatalog::builtin(variant);
    for path in &args.schemas {
        catalog
            .add_json_file(path)
            .wrap_err_with(|| format!("reading schema {}", path.display()))?;
    }
    let mut tables = FileTables::new(catalog);
    tables.allow_empty_tables = args.allow_empty_tables;
    for spec in &args.tables {
        let Some((name, path)) = spec.split_once('=') else {
            miette::bail!("--table takes NAME=FILE, got `{spec}`");
        };
        tables.add_file(name, path);
    }
    for dir in &args.data {
        tables.add_data_dir(dir);
    }
    let now = match &args.now {
        Some(text) => Some(
            kql_eval::value::datetime_parse::parse_datetime(text).ok_or_else(|| {
                miette::miette!(
                    "--now `{text}` is not a datetime (use RFC 3339, e.g. 2026-05-10T00:00:00Z)"
                )
            })?,
        ),
        None => None,
    };
    let format = render::Format::from_name(&args.format).ok_or_else(|| {
        miette::miette!(
            "unknown --format `{}`: use table, csv, json, jsonl or kusto-json",
            args.format
        )
    })?;
    let options = RunOptions {
        now,
        limits: kql_eval::Limits {
            max_rows: args.max_rows,
        },
    };

    let mut results: Vec<(String, Arc<Table>)> = Vec::new();
    for path in &args.queries {
        let source = crate::source::read_query(path)?;
        let named = || NamedSource::new(source.name.clone(), source.text.clone());
        let script = kql_parser::parse(&source.text)
            .map_err(|e| Report::new(e).with_source_code(named()))?;
        let bound = kql_eval::check(&script, &tables).map_err(|errors| {
            let mut errors = errors.into_iter();
            let first = errors
                .next()
                .map(Report::new)
                .unwrap_or_else(|| miette::miette!("check failed"));
            first.with_source_code(named())
        })?;
        let tables_out = kql_eval::run(&bound, &tables, &options).map_err(|e| match e {
            // Missing or unreadable data is the caller's input, not the query's fault.
            kql_eval::EvalError::NoData { .. } | kql_eval::EvalError::Load(_) => {
                Report::new(InputError(e))
            }
            other => Report::new(other).with_source_code(named()),
        })?;
        let many = tables_out.len() > 1 || args.queries.len() > 1;
        for (i, t) in tables_out.into_iter().enumerate() {
            let name = if many {
                format!("{} #{}", source.name, i + 1)
            } else {
                "PrimaryResult".to_string()
            };
            results.push((name, t));
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    render::write(format, &results, &mut out).into_diagnostic()?;
    out.flush().into_diagnostic()?;
    Ok(())
}

/// A run failed on its input data (exit code 2), not on the query.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error(transparent)]
#[diagnostic(transparent)]
pub struct InputError(kql_eval::EvalError);

impl render::Format {
    fn from_name(name: &str) -> Option<render::Format> {
        match name {
            "table" => Some(render::Format::Table),
            other => OutputFormat::from_name(other).map(render::Format::Machine),
        }
    }
}
