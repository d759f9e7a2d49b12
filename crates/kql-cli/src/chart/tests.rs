//! What a render request and a result make: the series, the bars, the slices and the
//! refusals, checked without drawing. Expected values follow the Kusto docs cited on
//! each test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use kql_eval::plan::RenderRequest;
use kql_eval::table::Table;
use kql_eval::{MemoryTables, RunOptions};

use super::bars::{Bar, bars};
use super::extract::{ChartData, Series, XAxis, extract};
use super::{ChartError, ChartKind, ChartSpec, Stacking, pie};

/// Runs `query` (over no tables): its last result and that result's render request.
fn run(query: &str) -> (Arc<Table>, RenderRequest) {
    let script = kql_parser::parse(query).unwrap();
    let bound = kql_eval::check(&script, &MemoryTables::default()).unwrap();
    let request = bound
        .queries
        .last()
        .unwrap()
        .render_request()
        .unwrap()
        .clone();
    let tables = kql_eval::run(&bound, &MemoryTables::default(), &RunOptions::default()).unwrap();
    (tables.last().unwrap().clone(), request)
}

fn data(query: &str) -> Result<ChartData, ChartError> {
    let (table, request) = run(query);
    extract(&ChartSpec::from_request(&request)?, &table)
}

fn spec(query: &str) -> Result<ChartSpec, ChartError> {
    ChartSpec::from_request(&run(query).1)
}

/// 2026-05-01T00:00:00Z plus `days`, in milliseconds since the Unix epoch.
fn day(days: i64) -> f64 {
    (1_777_593_600_000 + days * 86_400_000) as f64
}

fn series(name: &str, points: &[(f64, f64)]) -> Series {
    Series {
        name: name.into(),
        points: points.to_vec(),
    }
}

const MAIL: &str = "datatable(Day:datetime, Direction:string, Count:long, Size:real)[
    datetime(2026-05-02), 'Inbound', 5, 1.5,
    datetime(2026-05-01), 'Inbound', 3, 2.5,
    datetime(2026-05-01), 'Outbound', 2, 0.5,
]";

#[test]
fn a_timechart_is_x_time_one_line_per_string_value_sorted_by_time() {
    // visualization-timechart: "The first column of the query is the x-axis, and should
    // be a datetime. Other numeric columns are y-axes. One string column values are used
    // to group the numeric columns and create different lines in the chart."
    let data = data(&format!(
        "{MAIL} | project Day, Direction, Count | render timechart"
    ))
    .unwrap();
    assert_eq!(data.x, XAxis::Time);
    assert_eq!(data.x_name, "Day");
    assert_eq!(data.y_names, ["Count"]);
    assert_eq!(
        data.series,
        [
            series("Inbound", &[(day(0), 3.0), (day(1), 5.0)]),
            series("Outbound", &[(day(0), 2.0)]),
        ]
    );
}

#[test]
fn several_numeric_columns_with_a_series_column_name_each_key_and_column() {
    // render-operator: "For each record, the series has as many measurements ('points'
    // in the chart) as there are y-axis columns."
    let data = data(&format!("{MAIL} | render timechart")).unwrap();
    let names: Vec<&str> = data.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Inbound:Count",
            "Inbound:Size",
            "Outbound:Count",
            "Outbound:Size"
        ]
    );
}

#[test]
fn xcolumn_ycolumns_and_series_choose_the_columns() {
    // render-operator: xcolumn "Which column in the result is used for the x-axis",
    // ycolumns "Comma-delimited list of columns that consist of the values provided per
    // value of the x column", series "columns whose combined per-record values define
    // the series that record belongs to".
    let data = data(&format!(
        "{MAIL} | render linechart with (xcolumn=Size, ycolumns=Count, series=Direction, Day)"
    ))
    .unwrap();
    assert_eq!(data.x, XAxis::Number);
    assert_eq!(
        data.series,
        // Series in order of first appearance along the (sorted) x axis.
        [
            series("Outbound, 2026-05-01T00:00:00Z", &[(0.5, 2.0)]),
            series("Inbound, 2026-05-02T00:00:00Z", &[(1.5, 5.0)]),
            series("Inbound, 2026-05-01T00:00:00Z", &[(2.5, 3.0)]),
        ]
    );
}

#[test]
fn a_string_before_the_time_column_still_charts_over_time() {
    // `summarize count() by Name, bin(Timestamp, 1d)`: the render page lets a user agent
    // guess properties the query leaves out; the first datetime column is the x axis.
    let data = data(&format!(
        "{MAIL} | project Direction, Day, Count | render timechart"
    ))
    .unwrap();
    assert_eq!(data.x_name, "Day");
    assert_eq!(data.series.len(), 2);
}

#[test]
fn accumulate_adds_each_value_to_its_predecessors() {
    // render-operator: accumulate "Whether the value of each measure gets added to all
    // its predecessors".
    let data = data(&format!(
        "{MAIL} | project Day, Count | render timechart with (accumulate=true)"
    ))
    .unwrap();
    assert_eq!(
        data.series,
        [series(
            "Count",
            &[(day(0), 3.0), (day(0), 5.0), (day(1), 10.0)]
        )]
    );
}

#[test]
fn a_make_series_result_is_one_line_per_row() {
    // make-series output (arrays per row) is what `render timechart` draws.
    let data = data(
        "datatable(T:datetime, Dir:string, N:long)[
            datetime(2026-05-01), 'In', 1, datetime(2026-05-02), 'In', 4, datetime(2026-05-01), 'Out', 2]
         | make-series Total=sum(N) default=0 on T from datetime(2026-05-01) to datetime(2026-05-03) step 1d by Dir
         | render timechart",
    )
    .unwrap();
    assert_eq!(data.x, XAxis::Time);
    assert_eq!(data.x_name, "T");
    assert_eq!(
        data.series,
        [
            series("In", &[(day(0), 1.0), (day(1), 4.0)]),
            series("Out", &[(day(0), 2.0), (day(1), 0.0)]),
        ]
    );
}

#[test]
fn a_timechart_needs_a_datetime_x() {
    // visualization-timechart: "the x-axis is always time".
    let error = data("datatable(Name:string, N:long)['a', 1] | render timechart").unwrap_err();
    assert!(
        matches!(&error, ChartError::ColumnType { column, expected, .. } if column == "Name" && expected == "a datetime"),
        "{error:?}"
    );
}

#[test]
fn column_names_and_types_are_checked() {
    let missing = data(&format!("{MAIL} | render timechart with (ycolumns=Nope)")).unwrap_err();
    assert!(matches!(&missing, ChartError::NoSuchColumn { column, .. } if column == "Nope"));
    let text = data(&format!(
        "{MAIL} | render timechart with (ycolumns=Direction)"
    ))
    .unwrap_err();
    assert!(matches!(&text, ChartError::ColumnType { column, .. } if column == "Direction"));
    let none =
        data("datatable(T:datetime, S:string)[datetime(2026-05-01), 'a'] | render timechart")
            .unwrap_err();
    assert!(matches!(none, ChartError::NoValues { .. }));
}

#[test]
fn columnchart_categories_keep_row_order_and_dates_show_as_days() {
    // visualization-columnchart: "By default, the first column is used as the x-axis.
    // This column can contain text, datetime, or numeric data types."; render-operator:
    // "Sort the data to define the order of the x-axis."
    let data = data(&format!(
        "{MAIL} | project Day, Direction, Count | render columnchart"
    ))
    .unwrap();
    assert_eq!(
        data.x,
        XAxis::Category(vec!["2026-05-02".into(), "2026-05-01".into()])
    );
    assert_eq!(
        data.series,
        [
            series("Inbound", &[(0.0, 5.0), (1.0, 3.0)]),
            series("Outbound", &[(1.0, 2.0)]),
        ]
    );
}

#[test]
fn unstacked_bars_stand_side_by_side_and_stacked_bars_on_each_other() {
    // visualization-columnchart, kind property: "default: Each 'column' stands on its
    // own", "stacked: Columns are stacked one atop the other", "stacked100: Stack the
    // columns and stretch each one to the same height as the others".
    let query = |kind: &str| {
        format!("{MAIL} | project Day, Direction, Count | render columnchart with (kind={kind})")
    };
    let bars_of = |kind: &str| {
        let (table, request) = run(&query(kind));
        let spec = ChartSpec::from_request(&request).unwrap();
        let data = extract(&spec, &table).unwrap();
        bars(&spec, &data, 2).unwrap()
    };
    let unstacked = bars_of("unstacked");
    assert_eq!(unstacked.len(), 3);
    assert_eq!(
        unstacked[1],
        Bar {
            series: 0,
            across: (0.6, 1.0),
            along: (0.0, 3.0)
        }
    );
    assert_eq!(
        unstacked[2],
        Bar {
            series: 1,
            across: (1.0, 1.4),
            along: (0.0, 2.0)
        }
    );
    let stacked = bars_of("stacked");
    assert_eq!(
        stacked[2],
        Bar {
            series: 1,
            across: (0.6, 1.4),
            along: (3.0, 5.0)
        }
    );
    let full = bars_of("stacked100");
    assert_eq!(full[1].along, (0.0, 60.0));
    assert_eq!(full[2].along, (60.0, 100.0));
}

#[test]
fn two_rows_for_one_bar_are_refused() {
    let (table, request) = run(&format!(
        "{MAIL} | project Direction, Count | render columnchart"
    ));
    let spec = ChartSpec::from_request(&request).unwrap();
    let data = extract(&spec, &table).unwrap();
    assert!(matches!(
        bars(&spec, &data, 2),
        Err(ChartError::Data { .. })
    ));
}

#[test]
fn a_pie_is_the_first_column_labelled_and_the_first_number_sized() {
    // visualization-piechart: "By default, the first column is used as the color axis.
    // ... Other columns will be used to determine the size of each slice".
    let sums = data(&format!(
        "{MAIL} | summarize N=sum(Count), S=sum(Size) by Direction | render piechart"
    ))
    .unwrap();
    assert_eq!(
        pie::slices(&sums).unwrap(),
        [("Inbound".to_string(), 8.0), ("Outbound".to_string(), 2.0)]
    );
    let negative = data("datatable(K:string, N:long)['a', -1] | render piechart").unwrap();
    assert!(matches!(
        pie::slices(&negative),
        Err(ChartError::Data { .. })
    ));
}

#[test]
fn the_properties_that_shape_the_picture_are_read() {
    let spec = spec(
        "print x=1 | render columnchart with (title='Mail', xtitle='Day', ytitle='N', legend=hidden, ymin=-1, ymax=10, kind=stacked100)",
    )
    .unwrap();
    assert_eq!(spec.kind, ChartKind::Column);
    assert_eq!(spec.title.as_deref(), Some("Mail"));
    assert_eq!(spec.xtitle.as_deref(), Some("Day"));
    assert_eq!(spec.ytitle.as_deref(), Some("N"));
    assert!(!spec.legend);
    assert_eq!((spec.ymin, spec.ymax), (Some(-1.0), Some(10.0)));
    assert_eq!(spec.stacking, Stacking::Stacked100);
}

#[test]
fn what_is_not_drawn_is_refused() {
    let refused = |q: &str| spec(&format!("print x=1 | {q}")).unwrap_err();
    assert!(matches!(
        refused("render ladderchart"),
        ChartError::UnsupportedChart { .. }
    ));
    assert!(matches!(
        refused("render card"),
        ChartError::UnsupportedChart { .. }
    ));
    assert!(matches!(
        refused("render timechart with (yaxis=log)"),
        ChartError::UnsupportedProperty { .. }
    ));
    assert!(matches!(
        refused("render timechart with (ysplit=panels)"),
        ChartError::UnsupportedProperty { .. }
    ));
    assert!(matches!(
        refused("render timechart with (kind=stacked)"),
        ChartError::UnsupportedProperty { .. }
    ));
    assert!(matches!(
        refused("render piechart with (kind=map)"),
        ChartError::UnsupportedProperty { .. }
    ));
    assert!(matches!(
        refused("render timechart with (legend=maybe)"),
        ChartError::PropertyValue { .. }
    ));
    assert!(matches!(
        refused("render timechart with (ymin=5, ymax=5)"),
        ChartError::PropertyValue { .. }
    ));
    assert!(matches!(
        refused("render timechart with (anomalycolumns=x)"),
        ChartError::UnsupportedProperty { .. }
    ));
    // Accepted because they change nothing here.
    assert!(
        spec("print x=1 | render timechart with (xaxis=linear, ysplit=none, kind=default)").is_ok()
    );
}

#[test]
fn a_make_series_linechart_takes_the_time_array_as_x() {
    // make-series puts the aggregates before the axis column: `sum_N`, then `T`.
    let drawn = data(
        "datatable(T:datetime, N:long)[datetime(2026-05-01), 1]
         | make-series sum(N) on T from datetime(2026-05-01) to datetime(2026-05-02) step 1d
         | render linechart",
    )
    .unwrap();
    assert_eq!((drawn.x, drawn.x_name.as_str()), (XAxis::Time, "T"));
    assert_eq!(drawn.series, [series("sum_N", &[(day(0), 1.0)])]);
    // `ycolumns=` naming a scalar column of a make-series result is refused, not drawn
    // as an empty line.
    let refused = data(
        "datatable(T:datetime, N:long)[datetime(2026-05-01), 1]
         | make-series sum(N) on T from datetime(2026-05-01) to datetime(2026-05-02) step 1d
         | extend k = 1
         | render linechart with (ycolumns=k)",
    );
    assert!(
        matches!(refused, Err(ChartError::ColumnType { .. })),
        "{refused:?}"
    );
}

#[test]
fn values_too_wide_to_draw_are_refused_not_drawn() {
    // Ticks over ±1e308 overflow; such a chart is refused with an error.
    let (table, request) = run(
        "datatable(T:datetime, N:real)[datetime(2026-05-01), 1e308, datetime(2026-05-02), -1e308]
         | render timechart",
    );
    let spec = ChartSpec::from_request(&request).unwrap();
    assert!(matches!(
        super::svg(&spec, &table),
        Err(ChartError::Data { .. })
    ));
}

#[test]
fn an_empty_make_series_result_is_an_empty_chart() {
    // No rows: no arrays to read the x axis from, and nothing to draw.
    let data = data(
        "datatable(T:datetime, N:long)[] | make-series sum(N) on T step 1d | render timechart",
    )
    .unwrap();
    assert!(data.series.is_empty());
}

#[test]
fn the_legacy_form_without_with_is_read_too() {
    // `render columnchart kind=stacked` (no `with (...)`), as corpus queries write it.
    let spec = spec("print x=1 | render columnchart kind=stacked").unwrap();
    assert_eq!(spec.stacking, Stacking::Stacked);
}
