//! Why a chart cannot be drawn: each refusal names the property, column or file at
//! fault and says what would work.

use miette::Diagnostic;
use thiserror::Error;

#[derive(Debug, Error, Diagnostic)]
pub enum ChartError {
    #[error("--chart `{path}`: the chart file must end in .svg or .html")]
    #[diagnostic(
        code(kql::chart::file_type),
        help(
            "`--chart out.svg` writes the picture; `--chart out.html` writes a page embedding it"
        )
    )]
    FileType { path: String },

    #[error("--chart: no result asks for a chart (the query has no `render`)")]
    #[diagnostic(
        code(kql::chart::no_render),
        help("end the query with e.g. `| render timechart`, or drop --chart")
    )]
    NoRender,

    #[error("--chart cannot draw a `{chart}`")]
    #[diagnostic(
        code(kql::chart::unsupported_chart),
        help(
            "kql draws timechart, linechart, areachart, scatterchart, columnchart, barchart and piechart; run without --chart to get the table"
        )
    )]
    UnsupportedChart { chart: String },

    #[error("--chart: `{property}={value}` is not supported for a {chart}")]
    #[diagnostic(code(kql::chart::unsupported_property), help("{help}"))]
    UnsupportedProperty {
        chart: String,
        property: String,
        value: String,
        help: String,
    },

    #[error("--chart: `{property}` takes {expected}, got `{value}`")]
    #[diagnostic(code(kql::chart::property_value))]
    PropertyValue {
        property: String,
        value: String,
        expected: String,
    },

    #[error("--chart: `{property}` names `{column}`, which is not a column of the result")]
    #[diagnostic(
        code(kql::chart::no_such_column),
        help("the result's columns: {columns}")
    )]
    NoSuchColumn {
        property: String,
        column: String,
        columns: String,
    },

    #[error("--chart: the {role} column `{column}` is {actual}; a {chart} needs {expected}")]
    #[diagnostic(
        code(kql::chart::column_type),
        help(
            "convert it in the query (e.g. `extend` with todatetime()/todouble()) or pick another with xcolumn=/ycolumns="
        )
    )]
    ColumnType {
        chart: String,
        role: String,
        column: String,
        actual: String,
        expected: String,
    },

    #[error("--chart: the result has no numeric column to draw as values")]
    #[diagnostic(
        code(kql::chart::no_values),
        help(
            "a {chart} draws the int, long, real and decimal columns other than the x column; name them with ycolumns="
        )
    )]
    NoValues { chart: String },

    #[error("--chart: {what}")]
    #[diagnostic(code(kql::chart::data))]
    Data {
        what: String,
        #[help]
        help: Option<String>,
    },

    #[error("--chart: drawing failed: {0}")]
    #[diagnostic(code(kql::chart::draw), help("this is a bug in kql"))]
    Draw(String),

    #[error("cannot write the chart to {path}: {message}")]
    #[diagnostic(code(kql::chart::write))]
    Write { path: String, message: String },
}

impl ChartError {
    /// A problem with the result's data (too many series, a negative pie slice, ...).
    pub fn data(what: impl Into<String>, help: impl Into<String>) -> ChartError {
        ChartError::Data {
            what: what.into(),
            help: Some(help.into()),
        }
    }
}
