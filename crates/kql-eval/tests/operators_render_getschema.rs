//! `render` (the input unchanged, the chart kept in the plan) and `getschema`.

#[path = "operators_helper.rs"]
mod helper;

use helper::{bind, error, eval, rows};

#[test]
fn render_returns_the_input_and_keeps_the_request() {
    // q/render-operator.md: render changes the display, not the data.
    let q = "range x from 1 to 3 step 1 | extend y = x * 2
             | render timechart with (title = 'Mail per day', ycolumns = y, x, ymin = -1)";
    assert_eq!(rows(q), ["1|2", "2|4", "3|6"]);
    let bound = bind(q).unwrap();
    let request = bound.queries[0].render_request().expect("a render request");
    assert_eq!(request.chart, "timechart");
    assert_eq!(
        request.properties,
        [
            ("title".to_string(), vec!["Mail per day".to_string()]),
            (
                "ycolumns".to_string(),
                vec!["y".to_string(), "x".to_string()]
            ),
            ("ymin".to_string(), vec!["-1".to_string()]),
        ]
    );
    let plain = bind("print a = 1").unwrap();
    assert!(plain.queries[0].render_request().is_none());
}

#[test]
fn render_must_be_last_and_name_a_chart() {
    assert!(error("print a = 1 | render piechart | where a > 0").contains("last"));
    assert!(error("print a = 1 | render pichart").contains("not a chart type"));
}

#[test]
fn getschema_lists_columns() {
    // q/mv-expand-operator.md, "Convert output" (and conformance mv-expand-operator-05).
    let q = r#"datatable (a: string, b: dynamic, c: dynamic) ["Constant", dynamic([1]), dynamic([6])]
               | mv-expand b, c to typeof(int)
               | getschema"#;
    let (header, body) = eval(q);
    assert_eq!(
        header,
        [
            "ColumnName:string",
            "ColumnOrdinal:int",
            "DataType:string",
            "ColumnType:string"
        ]
    );
    assert_eq!(
        body,
        [
            ["a", "0", "System.String", "string"],
            ["b", "1", "System.Object", "dynamic"],
            ["c", "2", "System.Int32", "int"],
        ]
    );
    assert!(rows("datatable (a: long) [] | project-away a | getschema").is_empty());
}
