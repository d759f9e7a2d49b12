//! `kql run`: parse, check and run a query over tables loaded from files.
//!
//! ```text
//! kql run --data testdata/seeds --now 2026-05-10T00:00:00Z queries/conversation_takeover.kql
//! kql run --table EmailEvents=export.csv --format csv rule.yaml
//! kql run --data DIR --external 'https://host/feed.csv=feed.csv' hunt.kql
//! ```

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::Instant;

use std::sync::Arc;

use clap::Args;
use kql_eval::load::{BadRowPolicy, BadRows, LoadProgress};

use crate::progress::ProgressDisplay;
use kql_eval::{FileTables, RunOptions};
use miette::{NamedSource, Report, miette};

use super::run_bad_rows::{max_memory, report_bad_rows};
use super::run_stats::Stats;
use super::schema_args::{SchemaArgs, VariantTables};
use super::{Failure, render};
use crate::chart::{self, ChartError, ChartFile};
use crate::render::{Format, NamedResult, TableStyle};
use kql_eval::plan::RenderRequest;

/// Runs KQL queries over tables loaded from JSON, JSONL or CSV files.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  kql run --data testdata/seeds --now 2026-05-10T00:00:00Z queries/conversation_takeover.kql\n  kql run --table EmailEvents=export.csv --format csv --output result.csv rule.yaml\n  kql run --data testdata/seeds --stats --format markdown queries/partner_bec_top_domains.kql\n  kql run --data DIR --external 'https://host/feed.csv=feed.csv' hunt.kql    (externaldata from a local file)"
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
    #[command(flatten)]
    pub schema: SchemaArgs,
    /// Pin `now()` (RFC 3339, e.g. 2026-05-10T00:00:00Z) for reproducible runs.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Output format: table, markdown, csv, json, jsonl, kusto-json. A table on a
    /// terminal is fitted to its width (`COLUMNS`, else 120 characters).
    #[arg(long, short = 'f', default_value = "table")]
    pub format: String,
    /// Write the results to FILE instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print the time of each phase (parse, check, load+execute, write) and the row
    /// count of each result to stderr.
    #[arg(long)]
    pub stats: bool,
    /// Treat built-in tables that have no data file as empty.
    #[arg(long)]
    pub allow_empty_tables: bool,
    /// A local file for an `externaldata` URL: `URL=FILE` (split at the last `=`).
    /// Repeatable; kql never reads the network.
    #[arg(long = "external", value_name = "URL=FILE")]
    pub external: Vec<String>,
    /// A directory of downloaded `externaldata` files named after their URLs:
    /// `https://h/a/f.csv` is `h_a_f.csv` (scheme dropped, characters other than
    /// letters, digits, `.`, `-`, `_` as `_`), else `f.csv`.
    #[arg(long = "external-dir", value_name = "DIR")]
    pub external_dir: Vec<PathBuf>,
    /// The most rows any operator may produce.
    #[arg(long, value_name = "N", default_value_t = 100_000_000)]
    pub max_rows: u64,
    /// A MaxMind City database (GeoLite2-City.mmdb, the data Kusto uses) for
    /// `geo_info_from_ip_address()`; without one, a query calling it fails.
    #[arg(long, value_name = "FILE.mmdb")]
    pub geoip: Option<PathBuf>,
    /// The most memory any operator's result may hold: `4GiB`, `512MB`, `100k` (K/M/G
    /// are powers of 1024, KB/MB/GB of 1000). Default: half the machine's memory (8GiB
    /// when that is unknown).
    #[arg(long, value_name = "SIZE")]
    pub max_memory: Option<String>,
    /// A data row that does not fit its table: `fail` stops with the error, `skip`
    /// drops the row, `null` nulls the cells that do not convert (a record that cannot
    /// be read at all is skipped). Skipped and nulled rows are counted on stderr.
    #[arg(long, value_name = "POLICY", default_value = "fail", value_parser = ["fail", "skip", "null"])]
    pub bad_rows: String,
    /// Write each skipped or nulled row to FILE, one JSON object a line: file, line,
    /// column, field, value, reason, action.
    #[arg(long, value_name = "FILE")]
    pub bad_rows_report: Option<PathBuf>,
    /// Run each blank-line-separated block of a file as its own query, as the Log
    /// Analytics and advanced hunting editors run the block under the cursor; each
    /// result is named after its block (`file block 2 (line 14: EmailEvents)`).
    #[arg(long, conflicts_with = "block")]
    pub each_block: bool,
    /// Run only the N-th block (1-based) of each file (blocks as for --each-block).
    #[arg(long, value_name = "N")]
    pub block: Option<usize>,
    /// Draw the chart the query's `render` asks for into FILE: `.svg`, or `.html` for a
    /// self-contained page embedding the SVG. The table is still written. With several
    /// results, the last one that renders is charted.
    #[arg(long, value_name = "FILE")]
    pub chart: Option<PathBuf>,
}

/// A failure and the report explaining it.
type Failed = (Failure, Report);

fn input(report: Report) -> Failed {
    (Failure::Input, report)
}

/// Opens the `--geoip` database (or a test manifest's `geoip:`), if one was given.
pub(super) fn geoip(
    path: Option<&std::path::Path>,
) -> Result<Option<Arc<kql_eval::geoip::GeoIpDatabase>>, Report> {
    path.map(|p| kql_eval::geoip::GeoIpDatabase::open(p).map(Arc::new))
        .transpose()
        .map_err(Report::new)
}

/// Runs every query file and writes the results; errors are rendered to stderr.
pub fn run(args: &RunArgs) -> Result<(), Failure> {
    let policy = BadRowPolicy::from_name(&args.bad_rows).unwrap_or_default();
    let bad_rows = BadRows::new(policy);
    let result = run_queries(args, &bad_rows);
    // Whatever was skipped or nulled is said, whether or not the run went on to fail.
    let reported = report_bad_rows(&bad_rows, args.bad_rows_report.as_deref());
    result.and(reported).map_err(|(failure, report)| {
        eprint!("{}", render(report.as_ref()));
        failure
    })
}

fn run_queries(args: &RunArgs, bad_rows: &BadRows) -> Result<(), Failed> {
    let chart_file = args
        .chart
        .as_deref()
        .map(ChartFile::new)
        .transpose()
        .map_err(|e| input(Report::new(e)))?;
    let progress = Arc::new(LoadProgress::default());
    let tables = tables(args, &progress, bad_rows).map_err(input)?;
    let _display = ProgressDisplay::start(progress);
    let options = RunOptions {
        now: now(args.now.as_deref()).map_err(input)?,
        limits: kql_eval::Limits {
            max_rows: args.max_rows,
            max_memory: max_memory(args.max_memory.as_deref()).map_err(input)?,
        },
        geoip: geoip(args.geoip.as_deref()).map_err(input)?,
    };
    let to_terminal = args.output.is_none() && std::io::stdout().is_terminal();
    let format =
        Format::from_name(&args.format, TableStyle::for_stdout(to_terminal)).ok_or_else(|| {
            input(miette!(
                "unknown --format `{}`: use table, markdown, csv, json, jsonl or kusto-json",
                args.format
            ))
        })?;

    let mut stats = Stats::default();
    let mut results: Vec<NamedResult> = Vec::new();
    // Each result's chart request, in step with `results`.
    let mut renders: Vec<Option<RenderRequest>> = Vec::new();
    for path in &args.queries {
        let file = crate::source::read_query(path).map_err(|e| input(Report::new(e)))?;
        let units = query_units(args, file)?;
        let many_units = units.len() > 1 || args.queries.len() > 1;
        for (source, title) in units {
            let RunOutput {
                tables: tables_out,
                renders: unit_renders,
                elapsed,
            } = run_one(&source, &tables, &options, &mut stats)?;
            renders.extend(unit_renders);
            let many = many_units || tables_out.len() > 1;
            let base = title.unwrap_or_else(|| source.name.clone());
            for (i, table) in tables_out.iter().enumerate() {
                let name = match (many, tables_out.len() > 1) {
                    (false, _) => "PrimaryResult".to_string(),
                    (true, true) => format!("{base} #{}", i + 1),
                    (true, false) => base.clone(),
                };
                results.push(NamedResult {
                    name,
                    table: table.clone(),
                    elapsed,
                });
            }
        }
    }
    let chart = chart_file
        .map(|file| draw_chart(&file, &results, &renders).map(|text| (file, text)))
        .transpose()?;
    Stats::time(&mut stats.write, || write_results(args, format, &results))?;
    match chart {
        Some((file, text)) => file.write(&text).map_err(|e| input(Report::new(e)))?,
        None => {
            for (result, request) in results.iter().zip(&renders) {
                if let Some(request) = request {
                    eprint!("{}", chart::not_drawn_note(&result.name, request));
                }
            }
        }
    }
    if args.stats {
        eprint!("{}", stats.render(&results));
    }
    Ok(())
}

/// The chart of the last result that renders, drawn before any output is written so
/// that a refused chart leaves nothing half done.
fn draw_chart(
    file: &ChartFile,
    results: &[NamedResult],
    renders: &[Option<RenderRequest>],
) -> Result<String, Failed> {
    let (index, request) = chart::charted(renders)
        .ok_or_else(|| (Failure::Query, Report::new(ChartError::NoRender)))?;
    let table = results
        .get(index)
        .map(|r| &r.table)
        .ok_or_else(|| (Failure::Query, miette!("no result for the chart")))?;
    file.render(request, table)
        .map_err(|e| (Failure::Query, Report::new(e)))
}

/// The queries of one file: the whole text, or its blocks with `--each-block` /
/// `--block N`, each with the name its result gets.
fn query_units(
    args: &RunArgs,
    file: crate::source::QuerySource,
) -> Result<Vec<(crate::source::QuerySource, Option<String>)>, Failed> {
    if !args.each_block && args.block.is_none() {
        return Ok(vec![(file, None)]);
    }
    let blocks = crate::blocks::split(&file.text);
    let chosen: Vec<_> = match args.block {
        Some(n) => blocks.into_iter().filter(|b| b.number == n).collect(),
        None => blocks,
    };
    if chosen.is_empty() {
        return Err(input(match args.block {
            Some(n) => miette!(
                code = "kql::run::no_block",
                help =
                    "blocks are separated by blank lines; a block of comments alone is not counted",
                "{} has no block {n}",
                file.name
            ),
            None => miette!(
                code = "kql::run::no_block",
                "{} holds no query, only comments and blank lines",
                file.name
            ),
        }));
    }
    Ok(chosen
        .into_iter()
        .map(|b| {
            let name = format!("{} block {}", file.name, b.number);
            let title = format!("{name} (line {}: {})", b.line, b.title);
            (
                crate::source::QuerySource { name, text: b.text },
                Some(title),
            )
        })
        .collect())
}

/// What one query gave.
struct RunOutput {
    tables: Vec<Arc<kql_eval::table::Table>>,
    /// Each table's chart request, in step with `tables`.
    renders: Vec<Option<RenderRequest>>,
    /// How long running it took (loading included; parsing and checking not).
    elapsed: std::time::Duration,
}

/// Parses, checks and runs one query: its results and each result's chart request.
fn run_one(
    source: &crate::source::QuerySource,
    tables: &VariantTables<FileTables>,
    options: &RunOptions,
    stats: &mut Stats,
) -> Result<RunOutput, Failed> {
    let named = || NamedSource::new(source.name.clone(), source.text.clone());
    let script = Stats::time(&mut stats.parse, || kql_parser::parse(&source.text))
        .map_err(|e| (Failure::Query, Report::new(e).with_source_code(named())))?;
    let tables = tables.for_script(&script);
    let checked = Stats::time(&mut stats.check, || {
        kql_eval::check_with_warnings(&script, tables)
    });
    // A warning that the result lacks something the query names (a left-out
    // `union isfuzzy=true` leg) is printed; the others are `kql check`'s business.
    for warning in checked.warnings.into_iter().filter(|w| w.changes_result()) {
        eprint!("{}", super::render_with_source(warning, source));
    }
    let bound = checked.result.map_err(|mut errors| {
        // Every error is reported: all but the last here, the last as the failure.
        let last = errors.pop();
        for error in errors {
            eprint!("{}", super::render_with_source(error, source));
        }
        let last = last.map_or_else(|| miette!("check failed"), Report::new);
        (Failure::Query, last.with_source_code(named()))
    })?;
    let start = Instant::now();
    let loaded_before = tables.load_time();
    let out = kql_eval::run(&bound, tables, options).map_err(|e| match e {
        // Missing or unreadable data is the caller's input, not the query's fault.
        kql_eval::EvalError::NoData { .. } | kql_eval::EvalError::Load(_) => input(Report::new(e)),
        kql_eval::EvalError::NoExternalData { .. } => {
            input(Report::new(e).with_source_code(named()))
        }
        other => (Failure::Query, Report::new(other).with_source_code(named())),
    })?;
    let elapsed = start.elapsed();
    stats.run += elapsed;
    stats.load += tables.load_time().saturating_sub(loaded_before);
    let renders = bound
        .queries
        .iter()
        .map(|q| q.render_request().cloned())
        .collect();
    Ok(RunOutput {
        tables: out,
        renders,
        elapsed,
    })
}

/// The data sources named by `--table`, `--data` and the schema options, for each
/// schema variant.
fn tables(
    args: &RunArgs,
    progress: &Arc<LoadProgress>,
    bad_rows: &BadRows,
) -> Result<VariantTables<FileTables>, Report> {
    for spec in &args.tables {
        if !spec.contains('=') {
            miette::bail!("--table takes NAME=FILE, got `{spec}`");
        }
    }
    for spec in &args.external {
        if !spec.contains('=') {
            miette::bail!("--external takes URL=FILE, got `{spec}`");
        }
    }
    VariantTables::new(&args.schema, |catalog| {
        let mut tables = FileTables::new(catalog);
        tables.allow_empty_tables = args.allow_empty_tables;
        tables.progress = Some(progress.clone());
        tables.bad_rows = bad_rows.clone();
        for (name, path) in args.tables.iter().filter_map(|spec| spec.split_once('=')) {
            tables.add_file(name, path);
        }
        for dir in &args.data {
            tables.add_data_dir(dir);
        }
        for (url, path) in args
            .external
            .iter()
            .filter_map(|spec| spec.rsplit_once('='))
        {
            tables.add_external_file(url, path);
        }
        for dir in &args.external_dir {
            tables.add_external_dir(dir);
        }
        tables
    })
}

/// `--now`, in ticks.
fn now(text: Option<&str>) -> Result<Option<i64>, Report> {
    let Some(text) = text else { return Ok(None) };
    kql_eval::value::datetime_parse::parse_datetime(text)
        .map(Some)
        .ok_or_else(|| {
            miette!("--now `{text}` is not a datetime (use RFC 3339, e.g. 2026-05-10T00:00:00Z)")
        })
}

/// Writes the results to `--output` or stdout.
fn write_results(args: &RunArgs, format: Format, results: &[NamedResult]) -> Result<(), Failed> {
    let (name, written) = match &args.output {
        Some(path) => {
            let written = std::fs::File::create(path).and_then(|file| {
                let mut out = std::io::BufWriter::new(file);
                crate::render::write(format, results, &mut out)?;
                out.flush()
            });
            (path.display().to_string(), written)
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = std::io::BufWriter::new(stdout.lock());
            let written =
                crate::render::write(format, results, &mut out).and_then(|()| out.flush());
            ("standard output".to_string(), written)
        }
    };
    written.map_err(|e| input(miette!("cannot write {name}: {e}")))
}
