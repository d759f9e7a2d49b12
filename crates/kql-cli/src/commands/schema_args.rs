//! The schema options shared by `kql run` and `kql check`: which built-in table
//! variant to use and which custom schema files to add.

use std::path::PathBuf;

use clap::Args;
use kql_eval::schema::{SchemaCatalog, SchemaVariant};
use miette::{Report, WrapErr};

/// `--schema-variant` and `--schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Custom table schemas (Azure-Sentinel `{"Name","Properties"}` JSON, a file or a directory).
    #[arg(long = "schema", value_name = "FILE")]
    pub schemas: Vec<PathBuf>,
    /// Built-in email table columns: `advanced-hunting` (Timestamp) or `sentinel` (TimeGenerated).
    #[arg(long, value_name = "VARIANT", default_value = "advanced-hunting")]
    pub schema_variant: String,
}

impl SchemaArgs {
    /// The built-in tables of the chosen variant plus every `--schema` file.
    pub fn catalog(&self) -> Result<SchemaCatalog, Report> {
        let variant = SchemaVariant::from_name(&self.schema_variant).ok_or_else(|| {
            miette::miette!(
                "unknown --schema-variant `{}`: use advanced-hunting or sentinel",
                self.schema_variant
            )
        })?;
        let mut catalog = SchemaCatalog::builtin(variant);
        for path in &self.schemas {
            catalog
                .add_json_file(path)
                .wrap_err_with(|| format!("reading schema {}", path.display()))?;
        }
        Ok(catalog)
    }
}
