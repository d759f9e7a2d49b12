//! The schema options shared by `kql run` and `kql check`: which built-in table
//! variant to use and which custom schema files to add.

use std::path::PathBuf;

use clap::Args;
use kql_eval::schema::{SchemaCatalog, SchemaVariant};
use kql_parser::ast::visit::{Node, Visitor};
use kql_parser::ast::{Expr, ExprKind, Script};
use miette::{Report, WrapErr};

/// `--schema-variant` and `--schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Custom table schemas (Azure-Sentinel `{"Name","Properties"}` JSON, a file or a directory).
    #[arg(long = "schema", value_name = "FILE")]
    pub schemas: Vec<PathBuf>,
    /// Built-in email table columns: `advanced-hunting` (Timestamp), `sentinel`
    /// (TimeGenerated), `unified` (the Defender portal: advanced hunting tables where
    /// `TimeGenerated` also names `Timestamp`), or `auto`: `sentinel` for a query that
    /// names `TimeGenerated` and not `Timestamp`, `unified` for one naming both, else
    /// `advanced-hunting`.
    #[arg(long, value_name = "VARIANT", default_value = "auto")]
    pub schema_variant: String,
}

impl SchemaArgs {
    /// The variant named by `--schema-variant`; `None` for `auto`.
    pub fn variant(&self) -> Result<Option<SchemaVariant>, Report> {
        if self.schema_variant == "auto" {
            return Ok(None);
        }
        SchemaVariant::from_name(&self.schema_variant)
            .map(Some)
            .ok_or_else(|| {
                miette::miette!(
                    "unknown --schema-variant `{}`: use auto, advanced-hunting, sentinel or unified",
                    self.schema_variant
                )
            })
    }

    /// The built-in tables of `variant` plus every `--schema` file.
    pub fn catalog(&self, variant: SchemaVariant) -> Result<SchemaCatalog, Report> {
        let mut catalog = SchemaCatalog::builtin(variant);
        for path in &self.schemas {
            catalog
                .add_json_file(path)
                .wrap_err_with(|| format!("reading schema {}", path.display()))?;
        }
        Ok(catalog)
    }
}

/// The variant a query is written for: Sentinel rules name `TimeGenerated`, advanced
/// hunting queries `Timestamp` (corpus README, "Dialect notes").
pub fn detect_variant(script: &Script) -> SchemaVariant {
    struct Names {
        time_generated: bool,
        timestamp: bool,
    }
    impl<'a> Visitor<'a> for Names {
        fn enter(&mut self, node: Node<'a>) {
            // Every identifier: `project-reorder TimeGenerated` names it too.
            let ident = match node {
                Node::Expr(Expr {
                    kind: ExprKind::Name(ident),
                    ..
                })
                | Node::Ident(ident) => Some(ident),
                _ => None,
            };
            if let Some(ident) = ident {
                self.time_generated |= ident.name == "TimeGenerated";
                self.timestamp |= ident.name == "Timestamp";
            }
        }
    }
    let mut names = Names {
        time_generated: false,
        timestamp: false,
    };
    names.visit_script(script);
    if names.time_generated && names.timestamp {
        SchemaVariant::Unified
    } else if names.time_generated {
        SchemaVariant::Sentinel
    } else {
        SchemaVariant::AdvancedHunting
    }
}

/// Table sources for both variants, so each query can be bound against its own.
pub struct VariantTables<T> {
    fixed: Option<SchemaVariant>,
    advanced_hunting: T,
    sentinel: T,
    unified: T,
}

impl<T> VariantTables<T> {
    /// Builds the sources of both variants with `make`.
    pub fn new(
        args: &SchemaArgs,
        mut make: impl FnMut(SchemaCatalog) -> T,
    ) -> Result<VariantTables<T>, Report> {
        Ok(VariantTables {
            fixed: args.variant()?,
            advanced_hunting: make(args.catalog(SchemaVariant::AdvancedHunting)?),
            sentinel: make(args.catalog(SchemaVariant::Sentinel)?),
            unified: make(args.catalog(SchemaVariant::Unified)?),
        })
    }

    /// The sources for `script`: the fixed variant, or the one the query is written for.
    pub fn for_script(&self, script: &Script) -> &T {
        match self.fixed.unwrap_or_else(|| detect_variant(script)) {
            SchemaVariant::Sentinel => &self.sentinel,
            SchemaVariant::AdvancedHunting => &self.advanced_hunting,
            SchemaVariant::Unified => &self.unified,
        }
    }
}
