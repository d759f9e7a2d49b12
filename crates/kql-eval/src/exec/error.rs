//! Errors raised while executing a plan.

use kql_parser::ast::Span;
use miette::Diagnostic;
use thiserror::Error;

/// An error during execution. Data-dependent failures that Kusto answers with null
/// (a failed conversion, a division by zero of reals) are not errors; these are.
#[derive(Debug, Error, Diagnostic)]
pub enum EvalError {
    /// `print toscalar(datatable(a:long)[])` has no row... Kusto gives null, so this is
    /// only for shapes that cannot be represented.
    #[error("{message}")]
    #[diagnostic(code(kql::run::invalid_value))]
    InvalidValue {
        message: String,
        #[label("here")]
        span: Option<Span>,
    },
    /// `range x from 1 to 1000000000000 step 1` exceeds the row limit.
    #[error("{operator} would produce {rows} rows, more than the limit of {limit}")]
    #[diagnostic(
        code(kql::run::row_limit),
        help("raise the limit with --max-rows, or filter earlier")
    )]
    RowLimit {
        operator: &'static str,
        rows: u64,
        limit: u64,
        #[label("this operator")]
        span: Option<Span>,
    },
    /// An operator whose result would hold more bytes than `--max-memory`.
    #[error("{operator} would hold {bytes}, more than the memory limit of {limit}")]
    #[diagnostic(
        code(kql::run::memory_limit),
        help(
            "raise the limit with --max-memory (such as --max-memory 16GiB), or filter and project earlier"
        )
    )]
    MemoryLimit {
        operator: &'static str,
        bytes: String,
        limit: String,
        #[label("this operator")]
        span: Option<Span>,
    },
    /// `EmailUrlInfo | take 1` with no `--table EmailUrlInfo=...` and no file in `--data`.
    #[error("no data for table `{table}`")]
    #[diagnostic(
        code(kql::run::no_data),
        help(
            "give it with --table {table}=FILE or --data DIR (holding {table}.jsonl, .json or .csv), or pass --allow-empty-tables"
        )
    )]
    NoData { table: String },
    /// `externaldata` from a URL no local file was given for.
    #[error("no local file for `externaldata` URL {url}")]
    #[diagnostic(
        code(kql::run::no_external_data),
        help(
            "kql reads no URLs: download it (`curl -o FILE '{url}'`) and pass --external '{url}=FILE', or save it as `{cache_name}` in a directory given with --external-dir DIR"
        )
    )]
    NoExternalData {
        url: String,
        cache_name: String,
        #[label("reads this URL")]
        span: Option<Span>,
    },
    /// `geo_info_from_ip_address(...)` in a run given no MaxMind database.
    #[error("geo_info_from_ip_address() needs a GeoIP database, and none was given")]
    #[diagnostic(
        code(kql::run::no_geoip_database),
        help(
            "kql ships no location data: download GeoLite2-City.mmdb (free from maxmind.com, the data Kusto uses) and pass --geoip GeoLite2-City.mmdb"
        )
    )]
    NoGeoIpDatabase,
    /// A query bound at run time (its columns depend on the data, `bind::late`) that
    /// does not bind.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Check(#[from] crate::bind::CheckError),
    /// A data file that cannot be read or does not fit its schema.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Load(Box<crate::load::LoadError>),
    /// An internal invariant failed: always a bug in kql, never the user's fault.
    #[error("internal error: {0}")]
    #[diagnostic(
        code(kql::run::internal),
        help("this is a bug in kql; please report it with the query")
    )]
    Internal(String),
}

impl EvalError {
    /// A limit error without a place gets `at`: the operator that raised it.
    pub(crate) fn at(mut self, at: Span) -> EvalError {
        if let EvalError::RowLimit { span, .. } | EvalError::MemoryLimit { span, .. } = &mut self
            && span.is_none()
        {
            *span = Some(at);
        }
        self
    }

    pub fn invalid(message: impl Into<String>) -> EvalError {
        EvalError::InvalidValue {
            message: message.into(),
            span: None,
        }
    }
}

impl From<crate::table::TableError> for EvalError {
    /// Table invariants (lengths, types) are kept by the executor; a violation is a bug.
    fn from(e: crate::table::TableError) -> EvalError {
        EvalError::Internal(e.to_string())
    }
}

impl From<crate::load::LoadError> for EvalError {
    fn from(e: crate::load::LoadError) -> EvalError {
        EvalError::Load(Box::new(e))
    }
}
